"""`python -m commands ...`, what the Makefile runs: build, check, serve, devserver,
publish, review, new-policy and new-post.

Every command runs Pelican with `--fatal errors` (runner.py) and turns every failure
into plain one-line messages and a non-zero exit, never a traceback.
"""

import argparse
import contextlib

from sitebase.problems import report

from . import publish, scaffold

# The commands import Pelican, the checks and their readers when they run, so `--help`
# and `review` start without them.


def build(args):
    """Build the site once (or keep rebuilding with --autoreload)."""
    from . import devserver as devserver_loop
    from . import runner

    if args.autoreload:
        return devserver_loop.run(runner.pelican_args(args.settings, args.output))
    return runner.build(args.settings, args.output)


def check(args):
    """Run the post-build checks on an existing output folder."""
    from . import runner

    return runner.check(args.settings, args.output)


def serve(args):
    """Serve the output folder with Pelican's server, once the settings are known to load."""
    import pelican

    from . import devserver as devserver_loop
    from . import runner

    extra = ("--listen", "--bind", args.bind, "--port", str(args.port))
    pelican_args = runner.pelican_args(args.settings, args.output, *extra)
    if devserver_loop.load_instance(pelican_args)[0] is None:
        return 1
    argv = ["-s", args.settings, "-o", args.output, "--fatal", "errors",
            "--log-handler", "plain", *extra]  # fmt: skip
    with contextlib.suppress(KeyboardInterrupt):
        pelican.main(argv)
    return 0


def devserver(args):
    """Build, serve at --bind:--port, rebuild on change; a content error is shown once."""
    from . import devserver as devserver_loop
    from . import runner

    pelican_args = runner.pelican_args(args.settings, args.output)
    return devserver_loop.run(pelican_args, args.bind, args.port)


def review(args):
    """List every policy with its next review date, overdue ones first."""
    from policies.review import review_table

    from . import runner

    settings = runner.load_settings(args.settings)
    if settings is None:
        return 1
    print(review_table(settings))
    return 0


def _options(*, output=False, server=False):
    """A fresh parent parser for one command: argparse shares a parent's option objects
    between the commands, so one command's `set_defaults` would change every command's."""
    options = argparse.ArgumentParser(add_help=False)
    options.add_argument("-s", "--settings", default="pelicanconf.py")
    if output:
        options.add_argument("-o", "--output", default="output")
    if server:
        options.add_argument("--bind", default="127.0.0.1")
        options.add_argument("--port", type=int, default=8000)
    return options


def parser():
    main = argparse.ArgumentParser(prog="python -m commands", description=__doc__)
    commands = main.add_subparsers(dest="command", required=True)

    def add(name, handler, **options):
        command = commands.add_parser(name, help=handler.__doc__, parents=[_options(**options)])
        command.set_defaults(handler=handler)
        return command

    add("build", build, output=True).add_argument("--autoreload", action="store_true")
    add("check", check, output=True)
    add("serve", serve, output=True, server=True)
    add("devserver", devserver, output=True, server=True)
    add("review", review)
    publish.add_parser(add("publish", publish.publish))
    for name, handler in scaffold.COMMANDS.items():
        scaffold.add_arguments(add(name, handler))
    return main


def main(argv=None):
    """Run one command. The one catch of the command line: an error nobody expected is
    one plain line and exit status 1, never a traceback."""
    args = parser().parse_args(argv)
    try:
        return args.handler(args)
    except Exception as error:  # noqa: BLE001 (the one catch: one line, never a traceback)
        from . import runner

        what = "Build failed" if args.command == "build" else "Stopped"
        settings = getattr(args, "settings", "pelicanconf.py")
        report([runner.settings_line(error, settings) or f"{what}: {runner.one_line(error)}"])
        return 1
