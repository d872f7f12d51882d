"""Entry points for the Makefile: build, check, serve, devserver; new-policy and new-post
(scaffold.py), review (review.py), publish (publish.py).

Runs Pelican with `--fatal errors`, and turns every failure into plain one-line
messages and a non-zero exit, never a traceback.
"""

import argparse
import contextlib
import logging
import os
import sys
import traceback

import pelican
from pelican.log import init as init_logging
from pelican.settings import read_settings

from . import devserver as devserver_loop
from . import publish, review, scaffold
from .checks import check_site
from .problems import BuildFailed, display_path, report
from .settings import apply_defaults


def _pelican_args(args, *extra):
    return pelican.parse_arguments(
        ["-s", args.settings, "-o", args.output, "--fatal", "errors",
         "--log-handler", "plain", *extra]
    )  # fmt: skip


def build(args):
    """Build the site once (or keep rebuilding with --autoreload)."""
    if args.autoreload:
        return _watch(args)
    pelican_args = _pelican_args(args)
    init_logging(level=pelican_args.verbosity, fatal=pelican_args.fatal, name="pelican",
                 handler=None)  # fmt: skip
    try:
        instance, _settings = pelican.get_instance(pelican_args)
        instance.run()
    except BuildFailed as error:
        report([f"Build stopped: {error}"])  # the details are printed above, one per line
        return 1
    except Exception as error:  # noqa: BLE001 (a staff member must never see a traceback)
        report([_settings_line(error, args.settings) or f"Build failed: {_one_line(error)}"])
        return 1
    return 0


def _settings_line(error, settings_path):
    """One line naming the settings file and line, when that is where the error is."""
    if isinstance(error, SyntaxError) and error.filename:
        return (
            f"{display_path(error.filename)}: line {error.lineno}: {error.msg}; "
            "fix the Python on that line (or the line before: a missing bracket, quote or comma?)"
        )
    missing = isinstance(error, FileNotFoundError) and error.filename
    if missing and os.path.abspath(error.filename) == os.path.abspath(settings_path):
        return f"{display_path(settings_path)}: no such settings file"
    folder = os.path.dirname(os.path.abspath(settings_path))
    frames = [
        frame
        for frame in traceback.extract_tb(error.__traceback__)
        if os.path.isfile(frame.filename)
        and os.path.dirname(os.path.abspath(frame.filename)) == folder
    ]
    if frames:
        where = f"{display_path(frames[-1].filename)}: line {frames[-1].lineno}"
        return f"{where}: {_one_line(error)}; fix that line"
    return None


def load_settings(settings_path, override=None):
    """The settings with the plugin's defaults, or None after one line saying what is wrong."""
    logging.basicConfig(level=logging.WARNING)
    try:
        return apply_defaults(read_settings(settings_path, override=override))
    except Exception as error:  # noqa: BLE001 (one line, never a traceback)
        report([_settings_line(error, settings_path) or f"Stopped: {_one_line(error)}"])
        return None


def _watch(args, bind=None, port=None):
    """Rebuild on every change (and serve, given a port): devserver.py's loop."""
    pelican_args = _pelican_args(args)
    init_logging(level=pelican_args.verbosity, fatal=pelican_args.fatal, name="pelican",
                 handler=None)  # fmt: skip
    return devserver_loop.run(pelican_args, _describer(args), bind, port)


def _describer(args):
    def describe(error):
        return _settings_line(error, args.settings) or f"Build failed: {_one_line(error)}"

    return describe


def _run_pelican_main(args, *extra):
    """Pelican's own server (`serve`), once the settings are known to load."""
    pelican_args = _pelican_args(args)
    init_logging(level=pelican_args.verbosity, fatal=pelican_args.fatal, name="pelican",
                 handler=None)  # fmt: skip
    if devserver_loop.load_instance(pelican_args, _describer(args))[0] is None:
        return 1
    argv = ["-s", args.settings, "-o", args.output, "--fatal", "errors",
            "--log-handler", "plain", *extra]  # fmt: skip
    with contextlib.suppress(KeyboardInterrupt):
        pelican.main(argv)
    return 0


def _one_line(error):
    text = str(error).strip().splitlines()
    return f"{type(error).__name__}: {text[0] if text else 'no details'}"


def check(args):
    """Run the post-build checks on an existing output folder."""
    settings = load_settings(args.settings, override={"OUTPUT_PATH": args.output})
    if settings is None:
        return 1
    problems, findings = check_site(settings)
    report(str(item) for item in [*problems, *findings])
    if problems or findings:
        return 1
    print(f"{args.output}: all checks passed")
    return 0


def serve(args):
    return _run_pelican_main(args, "--listen", "--bind", args.bind, "--port", str(args.port))


def devserver(args):
    """Build, serve at --bind:--port, rebuild on change; a content error is shown once."""
    return _watch(args, args.bind, args.port)


def parser():
    main = argparse.ArgumentParser(prog="python -m policies", description=__doc__)
    commands = main.add_subparsers(dest="command", required=True)
    for name, handler in (("build", build), ("check", check), ("serve", serve),
                          ("devserver", devserver)):  # fmt: skip
        command = commands.add_parser(name, help=handler.__doc__)
        command.set_defaults(handler=handler)
        command.add_argument("-s", "--settings", default="pelicanconf.py")
        command.add_argument("-o", "--output", default="output")
        if name == "build":
            command.add_argument("--autoreload", action="store_true")
        if name in ("serve", "devserver"):
            command.add_argument("--bind", default="127.0.0.1")
            command.add_argument("--port", type=int, default=8000)
    publish.add_parser(commands)
    scaffold.add_parsers(commands)
    review.add_parser(commands)
    return main


def main(argv=None):
    args = parser().parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
