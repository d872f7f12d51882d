"""Versioned documents (policies): each version with its date and change note, from
the commits that changed the document's `Version` together with its `Change_Note`."""

import datetime
import os
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sitebase.git import run as run_git

from .gitlog import _RECORD, _UNIT

_ADDED = re.compile(r"^\+(version|change_note):[ \t]*(.*?)\s*$", re.IGNORECASE)
_REMOVED_VERSION = re.compile(r"^-version:[ \t]*(.*?)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Version:
    """One version of a document as visitors see it. `date` None: not yet committed."""

    number: str
    date: datetime.date | None
    note: str


def read_versions(folder, history, timezone="UTC"):
    """{absolute path: [Version, newest first]} for the documents under `folder`."""
    if history.problem:
        return {}
    log = run_git(folder, "log", "-p", "-U0", "-M", "--no-color",
               f"--format={_RECORD}%H{_UNIT}%cI", "--", ".")  # fmt: skip
    if log.returncode != 0:
        return {}
    return parse_versions(log.stdout, history.root, history.renamed, ZoneInfo(timezone))


def parse_versions(text, root, renamed, zone):
    """The versions in `git log -p -U0` output, newest first, per document."""
    changes = {}  # path -> [(date, new version, removed version, note, created)], newest first
    for record in text.split(_RECORD)[1:]:
        header, _, patch = record.partition("\n")
        when = datetime.datetime.fromisoformat(header.split(_UNIT)[1]).astimezone(zone).date()
        for path, lines, created in _file_patches(patch):
            name = os.path.join(root, renamed.get(path, path))
            added = dict(_fields(lines))
            removed = next((m[1] for m in map(_REMOVED_VERSION.match, lines) if m), None)
            changes.setdefault(name, []).append(
                (when, added.get("version"), removed, added.get("change_note"), created)
            )
    return {path: _versions(entries) for path, entries in changes.items()}


def _file_patches(patch):
    """(root-relative path, patch lines, whether the commit created the file) per file."""
    path, lines, created = None, [], False
    for line in patch.split("\n"):
        if line.startswith("diff --git "):
            if path:
                yield path, lines, created
            path, lines, created = None, [], False
        elif line.startswith("new file mode"):
            created = True
        elif line.startswith("+++ "):
            path = line[6:] if line.startswith("+++ b/") else None
        elif line.startswith(("+", "-")) and not line.startswith(("+++", "---")):
            lines.append(line)
    if path:
        yield path, lines, created


def _fields(lines):
    for line in lines:
        match = _ADDED.match(line)
        if match:
            yield match[1].lower(), match[2]


def _versions(entries):
    """Keep the adoption and each major change: a new Version with a Change_Note."""
    versions = []
    for when, version, removed, note, created in entries:
        if created and version:
            versions.append(Version(version, when, note or "First published."))
        elif version and note and version != removed:
            versions.append(Version(version, when, note))
    return versions
