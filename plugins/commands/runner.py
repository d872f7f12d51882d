"""What every command stands on: load the settings, build, check, and tell an error in
one plain line. Commands import this module; it imports no command. Pelican and the
checks are imported when a command runs, so `--help` and `review` start fast."""

import json
import logging
import os
import traceback

import authoring.settings
import guard.settings
import photos.settings
import policies.settings
from guard.workspace import remove_staging
from sitebase import checks as output_checks
from sitebase import run as site_run
from sitebase.problems import BuildFailed, display_path, report
from sitebase.settings import apply_defaults

_PLUGIN_DEFAULTS = (
    policies.settings.DEFAULTS,
    authoring.settings.DEFAULTS,
    photos.settings.DEFAULTS,
)


def pelican_args(settings_path, output, *extra):
    """Pelican's arguments: `--fatal errors`, a plain log handler; logging set up once."""
    import pelican
    from pelican.log import init as init_logging

    args = pelican.parse_arguments(
        ["-s", str(settings_path), "-o", str(output), "--fatal", "errors",
         "--log-handler", "plain", *extra]
    )  # fmt: skip
    init_logging(level=args.verbosity, fatal=args.fatal, name="pelican", handler=None)
    return args


def load_settings(settings_path, override=None):
    """The settings with every plugin's defaults, or None after one line saying what is wrong."""
    from pelican.settings import read_settings  # Pelican is imported when a command runs

    logging.basicConfig(level=logging.WARNING)
    missing = missing_settings_file(settings_path)
    if missing:
        report([missing])
        return None
    settings = read_settings(settings_path, override=override)  # an error: cli.main's one line
    for defaults in _PLUGIN_DEFAULTS:
        apply_defaults(settings, defaults)
    return guard.settings.apply_defaults(settings)  # the guard's own, with its normalising


def build(settings_path, output, overrides=None):
    """Build the site once with every check; 0, or 1 after one line per problem.

    `overrides`: settings to replace ({name: JSON-able value}, Pelican's `-e`). The guard
    builds into a staging folder and swaps it in only when every check passed; on any
    failure the staging folder is removed and `output` is as it was."""
    import pelican

    missing = missing_settings_file(settings_path)
    if missing:
        report([missing])
        return 1
    extra = [f"{name}={json.dumps(value)}" for name, value in (overrides or {}).items()]
    args = pelican_args(settings_path, output, *(["-e", *extra] if extra else []))
    try:
        instance, _settings = pelican.get_instance(args)
        instance.run()
    except BuildFailed as error:
        report([f"Build stopped: {error}"])  # the details are printed above, one per line
        return 1
    except Exception as error:  # noqa: BLE001 (a build's own one line: publish then refuses)
        report([describe(error, settings_path)])
        return 1
    finally:
        remove_staging(args.output)  # what a failed run staged (none after a good one)
    return 0


def check(settings_path, output, override=None):
    """The post-build checks on an existing output folder; 0, or 1 after the findings."""
    from pelican.plugins._utils import load_plugins

    from guard import plugin as guard_plugin

    override = {"OUTPUT_PATH": str(output), **(override or {})}
    settings = load_settings(settings_path, override=override)
    if settings is None:
        return 1
    if not os.path.isdir(output):
        report([f"{display_path(os.path.abspath(output))}: no such folder; build the site first "
                "(make html)"])  # fmt: skip
        return 1
    run = site_run.start(settings)
    problems = guard_plugin.watch(settings, run)
    request = output_checks.Request(settings["OUTPUT_PATH"], settings, run, building=False)
    checks = output_checks.registered(load_plugins(settings))
    findings = output_checks.findings(checks, request)
    report([*problems, *sorted(findings)])
    if problems or findings:
        return 1
    print(f"{output}: all checks passed")
    return 0


def missing_settings_file(settings_path):
    """One line when the settings file is not there (or is a folder), else None."""
    if os.path.isfile(settings_path):
        return None
    where = display_path(os.fspath(settings_path))
    return f"{where}: no such settings file"


def describe(error, settings_path):
    """The one line that tells an unexpected error."""
    return settings_line(error, settings_path) or f"Build failed: {one_line(error)}"


def settings_line(error, settings_path):
    """One line naming the settings file and line, when that is where the error is."""
    if missing_settings_file(settings_path):
        return missing_settings_file(settings_path)
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
        return f"{where}: {one_line(error)}; fix that line"
    return None


def first_line(error):
    """The first line of an error's message."""
    text = str(error).strip().splitlines()
    return text[0] if text else "no details"


def one_line(error):
    """An error as `Type: first line`."""
    return f"{type(error).__name__}: {first_line(error)}"
