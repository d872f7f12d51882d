"""git: one call (`run`, as the history reads the content folder; `git`, as `make publish`
runs it, stopping on failure), and git's most telling line when it fails."""

import re
import subprocess


class Refused(Exception):
    """Publishing stopped: the problems (one line each), then the reason."""

    def __init__(self, reason, problems=()):
        super().__init__(reason)
        self.reason = reason
        self.problems = list(problems)


def run(folder, *args):
    """git in `folder`, paths unquoted and any bytes kept (FileNotFoundError without git)."""
    return subprocess.run(
        ["git", "-c", "core.quotePath=false", *args],
        cwd=folder,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="surrogateescape",
        check=False,
    )


def git(*args, cwd, check=True):
    try:
        result = subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, text=True, check=False
        )
    except FileNotFoundError:
        raise Refused("git is not installed; install it first") from None
    if check and result.returncode != 0:
        raise Refused(f"git {args[0]} failed: {git_reason(result)}")
    return result


def tip(ref, repo):
    result = git("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}", cwd=repo, check=False)
    return result.stdout.strip() if result.returncode == 0 else None


def config(repo, key):
    return git("config", key, cwd=repo, check=False).stdout.strip()


_PREFERRED = (re.compile(r"\[(?:remote )?rejected\]"), re.compile(r"^fatal:"),
              re.compile(r"^error:"))  # fmt: skip


def git_reason(result):
    """git's most telling line, whitespace collapsed, without its `fatal: ` prefix."""
    lines = [" ".join(line.split()) for line in (result.stderr + result.stdout).splitlines()]
    lines = [line for line in lines if line]
    for pattern in _PREFERRED:
        for line in lines:
            if pattern.search(line):
                return re.sub(r"^(?:fatal|error): ", "", line)
    return lines[-1] if lines else f"exit status {result.returncode}"


def status_paths(text):
    """The paths `git status -z --porcelain=v1` lists, as git names them (relative to the
    top of the repository; a rename's or copy's new name), in git's order."""
    paths, fields = [], text.split("\0")
    index = 0
    while index < len(fields):
        entry = fields[index]
        index += 1
        if len(entry) < 4:
            continue
        paths.append(entry[3:])
        if entry[0] in "RC":
            index += 1  # the old name
    return paths
