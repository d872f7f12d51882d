"""Problems with the input, and how they are told: one plain line each, no traceback."""

import logging
import os
import sys
from dataclasses import dataclass

# Every line `report` prints is a record of this logger, printed plainly by REPORT_HANDLER
# (one line, never wrapped as Pelican's rich handler wraps). The guard puts its redacting
# filter on the handler (guard/redact.py), so a message that echoes its input never shows
# a watched value.
LOGGER_NAME = "sitebase.report"


class PlainLineHandler(logging.Handler):
    """Writes each record's message as one line to the stream the record names, or to
    sys.stderr as it is when the record is printed (so a test's capture sees it)."""

    def emit(self, record):
        stream = getattr(record, "stream", None) or sys.stderr
        stream.write(self.format(record) + "\n")
        stream.flush()


REPORT_HANDLER = PlainLineHandler()
# A logger of its own, not from logging.getLogger: Pelican makes every logger created
# after it is imported one that drops repeated lines and raises under `--fatal warnings`;
# a staff member's problem lines are neither repeats to drop nor Pelican's warnings.
_logger = logging.Logger(LOGGER_NAME, logging.INFO)
_logger.addHandler(REPORT_HANDLER)
_logger.propagate = False


@dataclass(frozen=True, order=True)
class Problem:
    """Something a person must fix: which file, and what to do about it."""

    path: str
    message: str

    def __str__(self):
        return f"{display_path(self.path)}: {self.message}"


class BuildFailed(Exception):
    """Raised once the problems are printed, so the build stops with a short reason."""

    exitcode = 1

    def __init__(self, problems, what="problem"):
        self.problems = sorted(set(problems))
        count = len(self.problems)
        super().__init__(f"{count} {what}{'' if count == 1 else 's'} found; see above")


def display_path(path):
    """A path relative to the working directory when it is inside it."""
    path = os.fspath(path)
    if not os.path.isabs(path):
        return path
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


def report(lines, stream=None):
    """Print each line (a Problem, a finding or text) plainly, through logging: a line
    that names paths (`item.paths()`) lets the redacting filter withhold a path segment
    made from a watched value whole."""
    for line in lines:
        withhold = line.paths() if hasattr(line, "paths") else ()
        _logger.warning("%s", line, extra={"stream": stream, "withhold": withhold})


def fail(problems, what="problem", notes=(), in_order=False):
    """Print the problems (then any notes) and stop the build. The problems are printed
    sorted, or `in_order` as given (root causes first), each once."""
    error = BuildFailed(problems, what)
    shown = list(dict.fromkeys(problems)) if in_order else error.problems
    report([*shown, *notes])
    raise error


class DamagedFile(Exception):
    """A file a reader cannot read: the message says what, never what the file says."""
