"""The guard's part in each Pelican run, signal by signal."""

from . import checks, redact, watched
from .problems import display_path, fail
from .settings import apply_defaults, exclude_private_dir, settings_problems
from .staff_only import StaffOnlyExtension
from .workspace import remove_output


class GuardRun:
    """What the guard knows during one run: reset at its start (autoreload runs many).
    The redactor and its log filter live as long as the process; what they redact is
    the current run's watched values."""

    def __init__(self):
        self.redactor = redact.Redactor()
        self.log_filter = redact.RedactingFilter(self.redactor)
        self.reset()

    def reset(self):
        self.watched = []
        self.private_files = []
        self.redactor.watch([])


RUN = GuardRun()


def watch(settings):
    """Read what must stay private (values and private files) into RUN, and redact
    those values from every line printed from now on; returns the problems found."""
    RUN.reset()
    collected = watched.collect(settings)
    RUN.watched, RUN.private_files = collected.watched, collected.private_files
    RUN.redactor.watch(
        [item.value for item in RUN.watched],
        settings["CONFIDENTIAL_MIN_LENGTH"],
        settings,
    )
    redact.install(RUN.log_filter)
    return collected.problems


def configure(pelican):
    """`initialized`: defaults, refusals of unsafe settings, staff-only text removed
    from every Markdown page."""
    settings = apply_defaults(pelican.settings)
    problems = settings_problems(settings)
    if problems:
        fail(problems)
    extensions = settings["MARKDOWN"].setdefault("extensions", [])
    if not any(isinstance(e, StaffOnlyExtension) for e in extensions):
        extensions.append(StaffOnlyExtension())


def start_run(pelican):
    """`get_generators`, the first signal of every run: the private folder excluded
    (whatever the case of its name), and what must stay private read."""
    exclude_private_dir(pelican.settings)  # here: the folder may be made between runs
    problems = watch(pelican.settings)
    if problems:
        fail(problems)


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
    findings = checks.leak_findings(
        output_path, settings, RUN.watched, clean=True, private_files=RUN.private_files
    )
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
