"""What `make publish` checks before it pushes: the Pages branch carries built sites only.

ghp-import starts the new commit from the remote-tracking Pages branch when there is
one; if that ever pointed at a source commit (someone pushed `main` there once), the
push would send the whole source history, confidential fields and all. So the commit
about to be pushed must share no commit with any source branch, and no commit in its
history may have a source file in its tree.
"""

import os

from sitebase.git import Refused, git

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mkd", ".mdown", ".rst")


def verify(commit, repo, branch, remote, source_paths):
    """Refuse (Refused, one line with advice) unless `commit` is safe to push as `branch`.

    `source_paths`: repository-relative folders and files that are the site's sources
    (content/, plugins/, the settings files); Markdown anywhere counts too."""
    advice = (
        f"nothing was pushed. Delete the local copies (git branch -D {branch}; "
        f"git update-ref -d refs/remotes/{remote}/{branch}); if {branch} on {remote} holds "
        f"sources too, delete it there (git push {remote} --delete {branch}); "
        "then run make publish again"
    )
    shared = shared_source_commit(commit, repo, branch)
    if shared:
        raise Refused(
            f"the commit for {branch} would carry the source history (it shares commit "
            f"{shared[:12]} with your branches): {branch} or {remote}/{branch} once pointed "
            f"at a source branch; {advice}"
        )
    kinds = source_kinds(commit, repo, source_paths)
    if kinds:
        raise Refused(
            f"the history of {branch} holds source files ({', '.join(kinds)}): a source "
            f"branch was pushed there once; {advice}"
        )


def shared_source_commit(commit, repo, branch):
    """A commit that `commit` shares with HEAD or any local branch but the Pages branch."""
    listed = git("for-each-ref", "--format=%(refname)", "refs/heads", cwd=repo).stdout.split()
    refs = ["HEAD", *(ref for ref in listed if ref != f"refs/heads/{branch}")]
    for ref in refs:
        base = git("merge-base", commit, ref, cwd=repo, check=False)
        if base.returncode == 0 and base.stdout.strip():
            return base.stdout.split()[0]
    return None


def source_kinds(commit, repo, source_paths):
    """Which kinds of source file are in any tree of `commit`'s history (never the names:
    a file name may carry a value). Every path ever in a tree was added by some commit,
    so the additions of every commit (merges against each parent) cover them all."""
    added = git("log", "--root", "-m", "--no-renames", "--diff-filter=A", "--name-only",
                "--format=", "-z", commit, "--", cwd=repo).stdout.split("\0")  # fmt: skip
    kinds = set()
    for path in filter(None, (name.strip("\n") for name in added)):
        kind = source_kind(path, source_paths)
        if kind:
            kinds.add(kind)
    return sorted(kinds)


def source_kind(path, source_paths):
    """What kind of source file `path` is (repository-relative, /-separated), or None."""
    for source in source_paths:
        if path == source or path.startswith(source.rstrip("/") + "/"):
            return f"{source}" if path == source else f"files under {source}/"
    if path.lower().endswith(MARKDOWN_SUFFIXES):
        return "Markdown files"
    if os.path.basename(path) in ("pelicanconf.py", "publishconf.py"):
        return "settings files"
    return None
