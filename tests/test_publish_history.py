"""`make publish` never pushes the source history, whatever the Pages branch once held.

ghp-import starts the new commit from `<remote>/<branch>` when that ref exists. These
tests make the Pages history unsafe in a real repository with a real bare remote, the
way it happens (someone pushed a source branch there once), and check that nothing is
pushed, with one line saying what to do; and that a healthy history still publishes.
"""

import subprocess

import pytest
from test_publish import Clone


@pytest.fixture
def clone(tmp_path):
    clone = Clone(tmp_path)
    clone.git("remote", "add", "origin", str(clone.remote))
    return clone


def _commit_tree(clone, tree, *parents, message="x"):
    args = ["commit-tree", tree, "-m", message]
    for parent in parents:
        args += ["-p", parent]
    return clone.git(*args)


def _mktree(clone, listing):
    made = subprocess.run(
        ["git", "mktree"], cwd=clone.src, env=clone.env, input=listing,
        capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    return made.stdout.strip()


def _site_only_tree(clone):
    """A tree like a built site's: one index.html, no source file."""
    page = clone.root / "index.html"
    page.write_text("<!doctype html><title>Old site</title>\n")
    blob = clone.git("hash-object", "-w", str(page))
    return _mktree(clone, f"100644 blob {blob}\tindex.html\n")


def _refused_and_nothing_pushed(clone, result, expected, remote_tip):
    result.refused(expected, "nothing was pushed", "git branch -D gh-pages")
    assert clone.tip() == remote_tip, "the remote's Pages branch changed"
    local = clone.git("for-each-ref", "--format=%(objectname)", "refs/heads/gh-pages")
    assert local in ("", remote_tip or ""), "a local commit on top of the sources was left"


def test_a_stale_remote_tracking_branch_at_a_source_commit_pushes_nothing(clone):
    """Someone pushed main to gh-pages once; the remote was put right, the clone's
    origin/gh-pages still points at the source commit. ghp-import would build on it."""
    source = clone.git("rev-parse", "HEAD")
    clone.git("push", "--quiet", "origin", "main:gh-pages")
    clone.git("fetch", "--quiet", "origin")
    clone.remote_git("update-ref", "-d", "refs/heads/gh-pages")
    assert clone.git("rev-parse", "origin/gh-pages") == source
    result = clone.publish("ALLOW_PLACEHOLDERS=1", remote="origin")
    _refused_and_nothing_pushed(clone, result, "would carry the source history", None)


def test_a_pages_commit_sharing_only_a_source_free_root_is_refused(clone):
    """The shared commit has no source file in its tree (the repository's first commit
    held only a .gitignore): only the shared-history check can see it."""
    ignore = clone.root / ".gitignore"
    ignore.write_text("output/\n")
    blob = clone.git("hash-object", "-w", str(ignore))
    root = _commit_tree(clone, _mktree(clone, f"100644 blob {blob}\t.gitignore\n"))
    main = _commit_tree(clone, clone.git("rev-parse", "HEAD^{tree}"), root, message="site")
    clone.git("update-ref", "refs/heads/main", main)
    clone.git("update-ref", "refs/remotes/origin/gh-pages", root)
    result = clone.publish("ALLOW_PLACEHOLDERS=1", remote="origin")
    _refused_and_nothing_pushed(clone, result, f"shares commit {root[:12]}", None)
    assert "holds source files" not in result.log


def test_a_pages_history_holding_sources_from_another_clone_is_refused(clone):
    """The remote's gh-pages is a built site on top of a source commit from another
    history (an old clone, before a rewrite): no commit is shared, but its tree has
    content/, Markdown and the settings, and the push would keep them public."""
    old_sources = _commit_tree(clone, clone.git("rev-parse", "HEAD^{tree}"), message="old")
    built = _commit_tree(clone, _site_only_tree(clone), old_sources, message="built")
    clone.git("push", "--quiet", str(clone.remote), f"{built}:refs/heads/gh-pages")
    result = clone.publish("ALLOW_PLACEHOLDERS=1")
    _refused_and_nothing_pushed(clone, result, "the history of gh-pages holds source files", built)
    for kind in ("files under content/", "Markdown files", "publishconf.py"):
        assert kind in result.log, result.log


def test_a_healthy_pages_history_through_a_named_remote_still_publishes(clone):
    """The control: ghp-import building on origin/gh-pages of built sites is fine."""
    clone.publish("ALLOW_PLACEHOLDERS=1", remote="origin").succeeded()
    first = clone.tip()
    clone.git("fetch", "--quiet", "origin")
    clone.publish("ALLOW_PLACEHOLDERS=1", remote="origin").succeeded()
    assert clone.remote_git("rev-parse", "gh-pages^").stdout.strip() == first
