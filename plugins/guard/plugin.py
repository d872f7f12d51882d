"""The guard's part in each Pelican run, signal by signal."""

from . import checks, watched
from .problems import display_path, fail, report
from .settings import apply_defaults, exclude_private_dir, settings_problems
from .staff_only import StaffOnlyExtension
from .workspace import remove_output


class GuardRun:
    """What the guard knows during one run: reset at its start (autoreload runs many)."""

    def __init__(self):
        self.reset()

    def reset(self):
        self.watched = []


RUN = GuardRun()


def configure(pelican):
    """`initialized`: defaults, refusals of unsafe settings, the private folder excluded,
    staff-only text removed from every Markdown page."""
    settings = apply_defaults(pelican.settings)
    problems = settings_problems(settings)
    if problems:
        fail(problems)
    exclude_private_dir(settings)
    extensions = settings["MARKDOWN"].setdefault("extensions", [])
    if not any(isinstance(e, StaffOnlyExtension) for e in extensions):
        extensions.append(StaffOnlyExtension())


def start_run(pelican):
    """`get_generators`, the first signal of every run: read what must stay private."""
    RUN.reset()
    RUN.watched, problems = watched.collect(pelican.settings)
    if problems:
        fail(problems)
    report(watched.generic_warnings(RUN.watched))


def strip_fields(content):
    """`content_object_init`: confidential metadata never reaches a template."""
    fields = content.settings["CONFIDENTIAL_FIELDS"]
    for key in list(content.metadata):
        if key.lower() in fields:
            del content.metadata[key]
            if key.lower() in content.__dict__:
                delattr(content, key.lower())


def check_output(pelican):
    """`finalized`: clean images, then scan every written file; stop on any finding."""
    settings = pelican.settings
    output_path = settings["OUTPUT_PATH"]
    findings = checks.leak_findings(output_path, settings, RUN.watched, clean=True)
    if not findings:
        return
    notes = []
    if any(finding.is_leak for finding in findings):
        remove_output(output_path, settings["PATH"])
        notes.append(
            f"{display_path(output_path)}: removed, so nothing confidential can be "
            "served or published"
        )
    fail(findings, "finding", notes)
