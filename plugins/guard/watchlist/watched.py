"""The watched values: what must never be published, collected from the sources.

Values are collected from every source one of Pelican's readers reads (sources.py),
each in its reader's form (declared.py), not from Pelican's content objects: so the
scan also works on a cached rebuild and in `make check`, and does not depend on the
layer it is checking.
"""

import re
from dataclasses import dataclass
from typing import NamedTuple

from sitebase.hashes import short_hash
from sitebase.header import field_label
from sitebase.problems import Problem, display_path
from sitebase.run import Sources
from sitebase.sources import (
    MARKDOWN,
    UNKNOWN,
)

from ..matching.normalise import normalise_value
from .declared import RULE_BLOCK, declared_in_source
from .entities import GENERIC, PHRASE, generic_reason, parse_value
from .private import private_link_problems, read_private_files

_LIST_MARKER = re.compile(r"^\s*(?:[-*+]\s+|\d+[.)]\s+|>\s*)+")
_HEADING = re.compile(r"^\s{0,3}#{1,6}(?:\s|$)")
_TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")

RULE_PRIVATE = "content/private"


@dataclass(frozen=True)
class Watched:
    """A value that must not appear in the output, with why and where it came from.
    `kind`: what it names (entities.py: person, phrase, reference, contact, generic)."""

    rule: str
    origin: str
    value: str
    kind: str = PHRASE
    line: int = 0


def watched_in_source(path, text, fmt, fields):
    """What a page source declares confidential (parsed into people, notes, contacts and
    references), and any problem with how it declares it."""
    declared, problems = declared_in_source(fmt, path, text, fields)
    blocks = [(line, value) for rule, value, line in declared if rule == RULE_BLOCK]
    found = [Watched(RULE_BLOCK, path, e.text, e.kind, n) for n, e in _entities_in_lines(blocks)]
    for rule, value, line in declared:
        if rule != RULE_BLOCK and value.strip():
            found += [Watched(rule, path, e.text, e.kind, line) for e in parse_value(value)]
    return found, problems


def watched_in_markdown(path, text, fields):
    """Values a Markdown source declares confidential, and any problem with its blocks."""
    return watched_in_source(path, text, MARKDOWN, fields)


def watched_in_private_file(path, text):
    """What each line of a private file names: people, notes, contacts, references.
    Headings, table headers and separators, and labels ("Name:") are structure."""
    numbered = list(enumerate(text.splitlines(), start=1))
    return [Watched(RULE_PRIVATE, path, e.text, e.kind, n) for n, e in _entities_in_lines(numbered)]


def _entities_in_lines(numbered):
    """(line number, Entity) for Markdown lines: bullets, numbered lists, quotes and
    table rows are values; headings and a table's header and separator are not."""
    found = []
    for index, (number, line) in enumerate(numbered):
        if not line.strip() or _HEADING.match(line) or _TABLE_SEPARATOR.match(line):
            continue
        if line.lstrip().startswith("|"):
            following = numbered[index + 1][1] if index + 1 < len(numbered) else ""
            if _TABLE_SEPARATOR.match(following) and "-" in following:
                continue  # the table's header row
            cells = line.strip().strip("|").split("|")
        else:
            cells = [_LIST_MARKER.sub("", line)]
        found += [(number, entity) for cell in cells for entity in parse_value(cell)]
    return found


def generic_warnings(watched):
    """One line for each value too generic to watch: where it is and what to write
    instead. The value itself is never shown, only its short hash."""
    lines = []
    for item in sorted({w for w in watched if w.kind == GENERIC}, key=_place):
        where = f"line {item.line}: " if item.line else ""
        what = field_label(item.rule) if item.rule not in (RULE_BLOCK, RULE_PRIVATE) else "value"
        lines.append(
            f"{display_path(item.origin)}: {where}warning: {what} "
            f"#{short_hash(normalise_value(item.value))} is too generic to watch "
            f"({generic_reason(item.value)}), so it is not checked; write something only "
            "this case has instead, such as a full reference like CR-2026-11"
        )
    return lines


def _place(item):
    return (item.origin, item.line, item.rule, item.value)


class Collected(NamedTuple):
    """What one walk of the sources found."""

    watched: list
    private_files: list
    problems: list


def collect(settings, sources=None):
    """From the one walk of the sources (`sources`, a sitebase.run.Sources; walked here
    when not given): the watched values, the private files (to find copies of them) and
    the problems, for the whole site."""
    sources = sources or Sources(settings)
    fields = set(settings["CONFIDENTIAL_FIELDS"])
    private_files, problems = read_private_files(sources.private_files())
    watched = [
        found
        for item in private_files
        if item.text is not None
        for found in watched_in_private_file(item.path, item.text)
    ]
    for source in sources.public():
        if source.fmt is None:
            continue
        if source.fmt == UNKNOWN:
            problems.append(_unknown_reader(source.path))
            continue
        text, problem = sources.text(source.path)
        if problem:
            problems.append(problem)
            continue
        found, source_problems = watched_in_source(source.path, text, source.fmt, fields)
        watched += found
        problems += source_problems + private_link_problems(source.path, text, settings)
    return Collected(watched, private_files, problems)


def _unknown_reader(path):
    return Problem(
        path,
        "is read by a Pelican reader the guard cannot check for confidential text; "
        "write it in Markdown (.md) instead, or remove the reader from READERS/PLUGINS",
    )
