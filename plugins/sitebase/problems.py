"""Problems with the input, and how they are told: one plain line each, no traceback."""

import os
import sys
from dataclasses import dataclass

# Steps every printed line passes before it is printed: the guard adds its redaction
# (guard/redact.py), so a message that echoes its input never shows a watched value.
LINE_FILTERS = []


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
    """Print each line plainly (not through the rich logger, which wraps lines), with
    every watched value replaced by its short hash: a message may echo its input."""
    stream = stream or sys.stderr
    for line in lines:
        text = str(line)
        for line_filter in LINE_FILTERS:
            text = line_filter(text)
        print(text, file=stream)
    stream.flush()


def fail(problems, what="problem", notes=(), in_order=False):
    """Print the problems (then any notes) and stop the build. The problems are printed
    sorted, or `in_order` as given (root causes first), each once."""
    error = BuildFailed(problems, what)
    shown = list(dict.fromkeys(problems)) if in_order else error.problems
    report([*(str(problem) for problem in shown), *notes])
    raise error


class DamagedFile(Exception):
    """A file a reader cannot read: the message says what, never what the file says."""
