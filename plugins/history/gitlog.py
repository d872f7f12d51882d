"""The content folder's history, read from git once per build (a few git calls in all,
never one per file): when each source last changed, and which are not yet committed."""

import datetime
import os
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from sitebase.git import run as run_git
from sitebase.git import status_paths

_RECORD, _UNIT = "\x1e", "\x1f"


@dataclass
class Commit:
    """One commit that touched a source: its id and when it was committed."""

    id: str
    when: datetime.datetime


@dataclass
class History:
    """What git knows about the sources. Paths are absolute.

    `commits[path]`: the commits that changed a source, newest first (renames followed).
    `uncommitted`: sources with changes git does not have yet. `problem`: why there is
    no history at all (not a repository, git missing), or None. `shallow`: a shallow clone.
    """

    root: str = ""
    commits: dict = field(default_factory=dict)
    renamed: dict = field(default_factory=dict)  # an older root-relative name -> today's
    uncommitted: set = field(default_factory=set)
    shallow: bool = False
    problem: str | None = None

    def last_changed(self, path):
        """The newest commit that changed `path`, or None."""
        commits = self.commits.get(os.path.realpath(path))
        return commits[0] if commits else None

    def is_uncommitted(self, path):
        return os.path.realpath(path) in self.uncommitted


def read_history(folder, timezone="UTC"):
    """The history of every file under `folder` (the content folder)."""
    try:
        top = run_git(folder, "rev-parse", "--show-toplevel", "--is-shallow-repository")
    except FileNotFoundError:
        return History(problem="git is not installed")
    if top.returncode != 0:
        return History(problem="the content folder is not in a git repository")
    root, shallow = top.stdout.split("\n")[:2]
    history = History(root=root, shallow=shallow.strip() == "true")
    log = run_git(folder, "log", "-z", "-M", "--name-status",
               f"--format={_RECORD}%H{_UNIT}%cI", "--", ".")  # fmt: skip
    if log.returncode == 0:
        history.commits, history.renamed = parse_log(log.stdout, root, ZoneInfo(timezone))
    status = run_git(folder, "status", "-z", "--porcelain=v1", "--untracked-files=all", "--", ".")
    history.uncommitted = parse_status(status.stdout, root)
    return history


def parse_log(text, root, zone):
    """({absolute path: [Commit, newest first]}, renames) from `git log -z --name-status`.

    A rename moves the older commits of the old name onto the file's current name."""
    commits, current = {}, {}  # current: a path as named in older commits -> its name now
    for record in text.split(_RECORD)[1:]:
        header, _, changes = record.partition("\0")
        commit_id, when = header.split(_UNIT)
        commit = Commit(commit_id, datetime.datetime.fromisoformat(when).astimezone(zone))
        fields = changes.lstrip("\n").split("\0")
        index = 0
        while index < len(fields) and fields[index]:
            status = fields[index]
            if status[0] in "RC":
                old, new = fields[index + 1], fields[index + 2]
                index += 3
                name = current.get(new, new)
                if status[0] == "R":
                    current[old] = name
            else:
                name = current.get(fields[index + 1], fields[index + 1])
                index += 2
            path = os.path.join(root, name)
            if not commits.get(path) or commits[path][-1].id != commit.id:
                commits.setdefault(path, []).append(commit)
    return commits, current


def parse_status(text, root):
    """The absolute paths `git status -z --porcelain` lists (a rename's new name)."""
    return {os.path.join(root, path) for path in status_paths(text)}
