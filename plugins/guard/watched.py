"""The watched values: what must never be published, collected from the sources.

Values are collected from the Markdown sources by a small parser of our own (not
from Pelican's content objects), so the scan also works on a cached rebuild and in
`make check`, and does not depend on the layer it is checking.
"""

import os
import re
from dataclasses import dataclass
from typing import NamedTuple

from .header import read_header
from .private import is_in, private_dirs, private_link_problems, read_private_files
from .problems import Problem
from .staff_only import split_staff_only

_LIST_MARKER = re.compile(r"^\s*(?:[-*+]\s+|#+\s*|\d+[.)]\s+|>\s*)")

RULE_BLOCK = "confidential block"
RULE_PRIVATE = "content/private"


@dataclass(frozen=True)
class Watched:
    """A value that must not appear in the output, with why and where it came from."""

    rule: str
    origin: str
    value: str


def watched_in_markdown(path, text, fields):
    """Values a Markdown source declares confidential, and any problem with its blocks."""
    lines = text.splitlines()
    found = []
    for key, values in read_header(lines).fields.items():
        if key in fields:
            found += [Watched(key, path, value) for _line, value in values if value]
    _public, hidden, unclosed = split_staff_only(lines)
    found += [Watched(RULE_BLOCK, path, line.strip()) for line in hidden if line.strip()]
    problems = []
    if unclosed is not None:
        problems.append(
            Problem(
                path,
                f"line {unclosed}: '::: confidential' block is never closed; "
                "add a line with ':::' where it ends",
            )
        )
    return found, problems


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


class Collected(NamedTuple):
    """What one walk of the sources found."""

    watched: list
    private_files: list
    problems: list


def collect(settings):
    """Walk the content folder once: the watched values, the private files (to find
    copies of them) and the problems, for the whole site."""
    content = settings["PATH"]
    private = private_dirs(settings)
    fields = set(settings["CONFIDENTIAL_FIELDS"])
    extensions = tuple(settings.get("MARKDOWN_EXTENSIONS_FOR_SCAN", (".md", ".markdown", ".mkd")))
    private_files, problems = read_private_files(settings, walk)
    watched = [
        found
        for item in private_files
        if item.text is not None
        for found in watched_in_private_file(item.path, item.text)
    ]
    for path in walk(content):
        if is_in(path, private) or not path.endswith(extensions):
            continue
        text, problem = read_text(path)
        if problem:
            problems.append(problem)
            continue
        found, block_problems = watched_in_markdown(path, text, fields)
        watched += found
        problems += block_problems + private_link_problems(path, text, settings)
    return Collected(watched, private_files, problems)


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
