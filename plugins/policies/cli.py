"""Entry points for the Makefile: build, check, serve, devserver.

Runs Pelican with `--fatal errors`, and turns every failure into plain one-line
messages and a non-zero exit, never a traceback.
"""

import argparse
import contextlib
import logging
import sys

import pelican
from pelican.log import init as init_logging
from pelican.settings import read_settings

from .checks import check_site
from .problems import BuildFailed, report
from .settings import apply_defaults


def _pelican_args(args, *extra):
    return pelican.parse_arguments(
        ["-s", args.settings, "-o", args.output, "--fatal", "errors",
         "--log-handler", "plain", *extra]
    )  # fmt: skip


def build(args):
    """Build the site once (or keep rebuilding with --autoreload)."""
    if args.autoreload:
        return _run_pelican_main(args, "--autoreload")
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
        report([f"Build failed: {_one_line(error)}"])
        return 1
    return 0


def _run_pelican_main(args, *extra):
    """Pelican's own loop for serving and autoreload: it survives failed rebuilds."""
    argv = ["-s", args.settings, "-o", args.output, "--fatal", "errors", *extra]
    with contextlib.suppress(KeyboardInterrupt):
        pelican.main(argv)
    return 0


def _one_line(error):
    text = str(error).strip().splitlines()
    return f"{type(error).__name__}: {text[0] if text else 'no details'}"


def check(args):
    """Run the post-build checks on an existing output folder."""
    logging.basicConfig(level=logging.WARNING)
    settings = apply_defaults(read_settings(args.settings, override={"OUTPUT_PATH": args.output}))
    problems, findings = check_site(settings)
    report(str(item) for item in [*problems, *findings])
    if problems or findings:
        return 1
    print(f"{args.output}: all checks passed")
    return 0


def serve(args):
    return _run_pelican_main(args, "--listen", "--bind", args.bind, "--port", str(args.port))


def devserver(args):
    return _run_pelican_main(
        args, "--autoreload", "--listen", "--bind", args.bind, "--port", str(args.port)
    )


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
    return main


def main(argv=None):
    args = parser().parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
