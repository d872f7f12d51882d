"""The watched values: what must never be published, collected from the sources.

Values are collected from every source one of Pelican's readers reads (sources.py),
each in its reader's form (declared.py), not from Pelican's content objects: so the
scan also works on a cached rebuild and in `make check`, and does not depend on the
layer it is checking.
"""

import os
import re
from dataclasses import dataclass

from .declared import declared_in_source
from .problems import Problem
from .sources import MARKDOWN, UNKNOWN, source_format, source_formats

_LIST_MARKER = re.compile(r"^\s*(?:[-*+]\s+|#+\s*|\d+[.)]\s+|>\s*)")

RULE_PRIVATE = "content/private"


@dataclass(frozen=True)
class Watched:
    """A value that must not appear in the output, with why and where it came from."""

    rule: str
    origin: str
    value: str


def watched_in_source(path, text, fmt, fields):
    """Values a page source declares confidential, and any problem with how it does so."""
    declared, problems = declared_in_source(fmt, path, text, fields)
    return [Watched(rule, path, v.strip()) for rule, v in declared if v.strip()], problems


def watched_in_markdown(path, text, fields):
    """Values a Markdown source declares confidential, and any problem with its blocks."""
    return watched_in_source(path, text, MARKDOWN, fields)


def watched_in_private_file(path, text):
    """Every non-blank line of a private file, and the value of each `key: value` line."""
    found = []
    for line in text.splitlines():
        line = _LIST_MARKER.sub("", line).strip()
        if not line:
            continue
        found.append(Watched(RULE_PRIVATE, path, line))
        key, colon, value = line.partition(":")
        if colon and value.strip() and len(key) <= 40:
            found.append(Watched(RULE_PRIVATE, path, value.strip()))
    return found


def walk(root):
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            yield os.path.join(dirpath, name)


def collect(settings):
    """Walk the content folder once: (watched values, problems) for the whole site."""
    content = settings["PATH"]
    private = os.path.join(content, settings["PRIVATE_DIR"].strip("/"))
    fields = set(settings["CONFIDENTIAL_FIELDS"])
    formats = source_formats(settings)
    watched, problems = [], []
    for path in walk(content):
        in_private = path.startswith(private + os.sep)
        fmt = None if in_private else source_format(path, formats)
        if not in_private and fmt is None:
            continue
        if fmt == UNKNOWN:
            problems.append(_unknown_reader(path))
            continue
        text, problem = read_text(path)
        if in_private:
            # Photos and other binaries there are never published; nothing to read.
            watched += watched_in_private_file(path, text) if text is not None else []
        elif problem:
            problems.append(problem)
        else:
            found, source_problems = watched_in_source(path, text, fmt, fields)
            watched += found
            problems += source_problems
    return watched, problems


def _unknown_reader(path):
    return Problem(
        path,
        "is read by a Pelican reader the guard cannot check for confidential text; "
        "write it in Markdown (.md) instead, or remove the reader from READERS/PLUGINS",
    )


def read_text(path):
    """(text, None) or (None, Problem) when the file is not UTF-8."""
    try:
        with open(path, encoding="utf-8-sig") as handle:
            return handle.read(), None
    except UnicodeDecodeError:
        return None, Problem(
            path,
            "is not UTF-8 text (perhaps saved from Word); save it again as UTF-8",
        )
