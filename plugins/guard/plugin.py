"""The guard's part in each Pelican run, signal by signal.

Pelican writes into a staging folder (`start_run` points OUTPUT_PATH at it); the
output is replaced by it only at the very end (`swap_in_checked_site`), once every
check of every plugin has passed. Any finding or error leaves the output as it was.
"""

import atexit

from sitebase import checks as output_checks
from sitebase import run as site_run
from sitebase.problems import display_path, fail, report
from sitebase.staff_only import StaffOnlyExtension

from . import checks, redact
from .settings import apply_defaults, exclude_private_dir, settings_problems
from .watchlist import watched
from .watchlist.entities import GENERIC
from .workspace import (
    new_staging,
    output_problems,
    published,
    remove_output,
    remove_staging,
    snapshot,
    swap_in,
)


class GuardRun:
    """What the guard knows during one run: reset at its start (autoreload runs many).
    The redactor and its log filter live as long as the process; what they redact is
    the current run's watched values."""

    def __init__(self):
        self.redactor = redact.ACTIVE
        self.log_filter = redact.LOG_FILTER
        self.cleaned_at_exit = set()  # outputs whose staging folders go when the process ends
        self.reset()

    def reset(self):
        self.redactor.watch([])
        self.staging = None  # the folder this run writes into
        self.checked = None  # what the checks saw in it: {path: (size, mtime)}


RUN = GuardRun()


def watch(settings, run):
    """Read what must stay private (values and private files) from the run's sources
    into the run, and redact those values from every line printed from now on; returns
    the problems found."""
    RUN.reset()
    collected = watched.collect(settings, run.sources)
    run.watched, run.private_files = collected.watched, collected.private_files
    RUN.redactor.watch(
        [item.value for item in run.watched if item.kind != GENERIC],  # too common to hide
        settings["CONFIDENTIAL_MIN_LENGTH"],
        settings,
    )
    redact.install(RUN.log_filter)
    return collected.problems


def configure(pelican):
    """`initialized`: defaults, refusals of unsafe settings, staff-only text removed
    from every Markdown page."""
    settings = apply_defaults(pelican.settings)
    problems = settings_problems(settings) + output_problems(settings)
    if problems:
        fail(problems)
    settings["PUBLISHED_OUTPUT_PATH"] = settings["OUTPUT_PATH"]
    extensions = settings["MARKDOWN"].setdefault("extensions", [])
    if not any(isinstance(e, StaffOnlyExtension) for e in extensions):
        extensions.append(StaffOnlyExtension())


def start_run(pelican):
    """`get_generators`, the first signal of every run: the run every plugin shares
    (sitebase.run: the sources walked once), the private folder excluded (whatever the
    case of its name), what must stay private read, and a fresh staging folder to write
    into (Pelican reads `output_path` after this signal)."""
    settings = pelican.settings
    exclude_private_dir(settings)  # here: the folder may be made between runs
    run = site_run.start(settings)
    problems = watch(settings, run)  # resets RUN
    output = settings["PUBLISHED_OUTPUT_PATH"]
    if output not in RUN.cleaned_at_exit:  # an error Pelican does not catch ends the process
        atexit.register(remove_staging, output)
        RUN.cleaned_at_exit.add(output)
    RUN.staging = new_staging(output, settings.get("OUTPUT_RETENTION", ()))
    pelican.output_path = settings["OUTPUT_PATH"] = RUN.staging
    if problems:
        _discard(pelican)
        fail(problems)
    report(watched.generic_warnings(run.watched))


def strip_fields(content):
    """`content_object_init`: confidential metadata never reaches a template."""
    fields = content.settings["CONFIDENTIAL_FIELDS"]
    for key in list(content.metadata):
        if key.lower() in fields:
            del content.metadata[key]
            if key.lower() in content.__dict__:
                delattr(content, key.lower())


def check_output(pelican):
    """`finalized`: the output checks of every plugin (sitebase.checks: images cleaned,
    every staged file scanned, links), in one pipeline; stop on any finding."""
    _check_staged(pelican)
    RUN.checked = snapshot(RUN.staging)


def swap_in_checked_site(pelican):
    """`finalized`, the last receiver (see `register`): every other plugin's checks have
    passed, so the staged site replaces the output. A file written or changed after the
    guard's checks (a plugin later in PLUGINS) is checked first."""
    if RUN.staging is None:
        return
    if snapshot(RUN.staging) != RUN.checked:
        _check_staged(pelican)
    output = pelican.settings["PUBLISHED_OUTPUT_PATH"]
    swap_in(RUN.staging, output)
    RUN.staging = None
    pelican.output_path = pelican.settings["OUTPUT_PATH"] = output


def _check_staged(pelican):
    settings = pelican.settings
    run = site_run.of(settings)
    request = output_checks.Request(RUN.staging, settings, run, building=True)
    checks = output_checks.registered(pelican.plugins)
    findings = output_checks.findings(checks, request, stop_at_first=True)
    if not findings:
        return
    shown = published(findings, settings)
    notes = []
    if any(finding.is_leak for finding in findings) and _still_served_leaks(settings, run):
        remove_output(settings["PUBLISHED_OUTPUT_PATH"], settings["PATH"])
        notes.append(
            f"{display_path(settings['PUBLISHED_OUTPUT_PATH'])}: removed, as the last site "
            "shows a value that is now watched"
        )
    _discard(pelican)
    fail(shown, "finding", notes)


def _still_served_leaks(settings, run):
    """True if the output from the last good build shows a value watched now (a name
    added to the watchlist since): that site is not good any more."""
    output = settings["PUBLISHED_OUTPUT_PATH"]
    found = checks.leak_findings(output, settings, run.watched, private_files=run.private_files)
    return any(f.is_leak for f in found)


def _discard(pelican):
    """The run failed: its staging folder goes, the output stays as it was."""
    output = pelican.settings["PUBLISHED_OUTPUT_PATH"]
    remove_staging(output)
    RUN.staging = None
    pelican.output_path = pelican.settings["OUTPUT_PATH"] = output
