"""`make publish`, for real: real git, the real Makefile, a local bare repository as remote.

Each test copies the current working tree (tracked and untracked files git does not
ignore) into a fresh repository, commits it, and runs `make publish` there with this
venv (`VENV=...`), so it sees the code as it is now. The remote's Pages branch is
then read with `git ls-tree` and `git show`. Secret values are never shown by an
assertion: failures name the file, not the value.
"""

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SITEURL = "https://www.example.org"
# Made up for these tests: on the private watchlist, never to be published.
WATCHED = "Perpetua Ravenscroft"
PRIVATE_ONLY = "Ottoline Brackenbury"
POLICY_PAGES = ("policies/social-media/index.html", "policies/complaints/index.html")
_GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test Trustee",
    "GIT_AUTHOR_EMAIL": "trustee@example.org",
    "GIT_COMMITTER_NAME": "Test Trustee",
    "GIT_COMMITTER_EMAIL": "trustee@example.org",
}
# Variables from the caller's make or shell that would change what is tested.
_NOT_INHERITED = ("MAKEFLAGS", "MFLAGS", "MAKEOVERRIDES", "MAKELEVEL", "PYTHONPATH", "SITEURL",
                  "ALLOW_PLACEHOLDERS", "ALLOW_UNCOMMITTED", "GITHUB_PAGES_BRANCH",
                  "GITHUB_PAGES_REMOTE")  # fmt: skip


def _run(args, cwd, env=None):
    return subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=600, check=False
    )


class Clone:
    """The site in a fresh git repository, and an empty bare repository as its remote."""

    def __init__(self, root):
        self.root = Path(root)
        self.src = self.root / "site"
        self.remote = self.root / "pages.git"
        self.tmp = self.root / "tmp"  # TMPDIR for make publish: its builds land here
        self.tmp.mkdir()
        listed = _run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], REPO)
        assert listed.returncode == 0, listed.stderr
        for name in listed.stdout.split("\0"):
            source = REPO / name
            if name and source.is_file():
                (self.src / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, self.src / name)  # keeps mtimes: no venv refresh
        self.git("init", "--quiet", "--initial-branch=main")
        self.commit("The site as it is in the working tree")
        self.git("init", "--quiet", "--bare", str(self.remote), cwd=self.root)

    @property
    def env(self):
        env = {k: v for k, v in os.environ.items() if k not in _NOT_INHERITED}
        return {**env, **_GIT_ENV, "TMPDIR": str(self.tmp)}

    def git(self, *args, cwd=None):
        result = _run(["git", *args], cwd or self.src, self.env)
        assert result.returncode == 0, f"git {args[0]}: {result.stderr}"
        return result.stdout.strip()

    def write(self, relative, text):
        path = self.src / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def commit(self, message):
        self.git("add", "--all")
        self.git("commit", "--quiet", "--allow-empty", "-m", message)
        return self.git("rev-parse", "HEAD")

    def publish(self, *variables, remote=None, cwd=None):
        """`make publish` as a trustee would type it, with this venv and the bare remote."""
        command = ["make", "--no-print-directory", "publish", f"VENV={sys.prefix}",
                   f"GITHUB_PAGES_REMOTE={remote or self.remote}", *variables]  # fmt: skip
        return Published(_run(command, cwd or self.src, self.env))

    def remote_git(self, *args):
        return _run(["git", "--git-dir", str(self.remote), *args], self.root, self.env)

    def tip(self, branch="gh-pages"):
        result = self.remote_git("rev-parse", "--verify", "--quiet", f"refs/heads/{branch}")
        return result.stdout.strip() or None

    def tree(self, branch="gh-pages"):
        return self.remote_git("rev-parse", f"refs/heads/{branch}^{{tree}}").stdout.strip()

    def files(self, branch="gh-pages"):
        listed = self.remote_git("ls-tree", "-r", "--name-only", "-z", f"refs/heads/{branch}")
        return {name for name in listed.stdout.split("\0") if name}

    def show(self, path, branch="gh-pages"):
        result = self.remote_git("show", f"refs/heads/{branch}:{path}")
        assert result.returncode == 0, f"{path} is not on {branch}"
        return result.stdout

    def blob(self, path, branch="gh-pages"):
        command = ["git", "--git-dir", str(self.remote), "show", f"refs/heads/{branch}:{path}"]
        return subprocess.run(command, capture_output=True, check=True, timeout=60).stdout

    def leftovers(self):
        return sorted(p for p in self.tmp.rglob("*") if p.is_file())


class Published:
    def __init__(self, result):
        self.returncode = result.returncode
        self.log = result.stdout + result.stderr

    def succeeded(self):
        assert self.returncode == 0, self.log
        assert "Traceback" not in self.log, self.log
        return self

    def refused(self, *expected):
        """Non-zero exit, no traceback, `Not published:` said, each expected text shown."""
        assert self.returncode != 0, "make publish should have refused"
        assert "Traceback" not in self.log, "a traceback was printed"
        assert "Not published: " in self.log, self.log
        for text in expected:
            assert text in self.log, f"expected {text!r} in: {self.log}"
        return self


@pytest.fixture
def clone(tmp_path):
    return Clone(tmp_path)


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """A site with a custom domain and a private watchlist, published twice from one commit."""
    clone = Clone(tmp_path_factory.mktemp("published"))
    conf = clone.src / "pelicanconf.py"
    conf.write_text(conf.read_text() + '\nSITE_DOMAIN = "www.example.org"\n')
    clone.write("content/private/watchlist.md", f"- {PRIVATE_ONLY}\n")
    source = clone.commit("Custom domain; a private watchlist")
    variables = (f"SITEURL={SITEURL}", "ALLOW_PLACEHOLDERS=1")
    first = clone.publish(*variables).succeeded()
    first_commit, first_tree = clone.tip(), clone.tree()
    time.sleep(1.1)  # a clock in the build would now read differently
    second = clone.publish(*variables).succeeded()
    return clone, source, first, second, first_commit, first_tree


def test_publish_pushes_the_built_site_to_the_pages_branch(published):
    clone, source, first, *_ = published
    files = clone.files()
    for name in ("index.html", *POLICY_PAGES, ".nojekyll", "feeds/all.atom.xml", "sitemap.xml"):
        assert name in files, f"{name} is not on gh-pages"
    assert clone.show("CNAME").strip() == "www.example.org"
    assert not [name for name in files if name.endswith((".md", ".markdown"))]
    assert not [name for name in files if "private" in name.split("/")]
    message = clone.remote_git("log", "-1", "--format=%B", "gh-pages").stdout
    assert source in message, "the commit message should name the source commit"
    assert f"Published {SITEURL} to {clone.remote} branch gh-pages" in first.log
    assert "Policy reviews" in first.log
    assert "Complaints Policy" in first.log, "the review table is shown when publishing"


def test_the_feed_and_sitemap_use_absolute_addresses(published):
    clone, *_ = published
    feed = clone.show("feeds/all.atom.xml")
    links = re.findall(r'<link href="([^"]+)"', feed)
    assert links, "the feed has no links"
    assert all(link.startswith(SITEURL + "/") for link in links), links
    locs = re.findall(r"<loc>([^<]+)</loc>", clone.show("sitemap.xml"))
    assert f"{SITEURL}/" in locs
    assert all(loc.startswith(SITEURL + "/") for loc in locs), locs
    assert f"{SITEURL}/policies/complaints/" in locs
    assert f'href="{SITEURL}/policies/social-media/"' in clone.show("index.html")


def test_nothing_from_the_private_folder_is_published(published):
    clone, *_ = published
    for name in clone.files():
        if PRIVATE_ONLY.encode() in clone.blob(name):
            pytest.fail(f"a value from content/private is in {name}", pytrace=False)


def test_two_publishes_of_one_commit_give_the_same_tree(published):
    clone, _source, _first, _second, first_commit, first_tree = published
    assert clone.tree() == first_tree, "the second build of the same commit differs"
    assert clone.tip() != first_commit
    parent = clone.remote_git("rev-parse", "gh-pages^").stdout.strip()
    assert parent == first_commit, "each publish should add to the branch's history"


def test_publishing_leaves_the_source_branch_and_working_tree_alone(published):
    clone, source, *_ = published
    assert clone.git("status", "--porcelain", "--ignored") == ""
    assert clone.git("rev-parse", "HEAD") == source
    assert clone.git("symbolic-ref", "--short", "HEAD") == "main"
    assert clone.leftovers() == [], "the temporary build was not removed"


def test_each_publish_builds_on_the_last_whoever_made_it(clone):
    """A second trustee's fresh clone (remote by name, as a URL), then the first again."""
    clone.publish("ALLOW_PLACEHOLDERS=1").succeeded()
    other = clone.root / "other"
    clone.git("clone", "--quiet", str(clone.src), str(other), cwd=clone.root)
    for name in ("requirements.txt", "requirements-dev.txt"):
        os.utime(other / name, (0, 0))  # as old as the venv: make does not refresh it
    clone.git("remote", "add", "pages", clone.remote.as_uri(), cwd=other)
    clone.publish("ALLOW_PLACEHOLDERS=1", remote="pages", cwd=other).succeeded()
    clone.publish("ALLOW_PLACEHOLDERS=1").succeeded()
    history = clone.remote_git("rev-list", "--parents", "gh-pages").stdout.splitlines()
    assert len(history) == 3, "three publishes, three commits on gh-pages"
    assert all(len(line.split()) == (2 if n < 2 else 1) for n, line in enumerate(history))
    assert (
        len({clone.remote_git("rev-parse", f"gh-pages~{n}^{{tree}}").stdout for n in range(3)}) == 1
    )


def test_a_leak_stops_the_publish_and_pushes_nothing(clone):
    clone.publish("ALLOW_PLACEHOLDERS=1").succeeded()
    before = clone.tip()
    clone.write("content/private/watchlist.md", f"- {WATCHED}\n")
    clone.write(
        "content/news/visit.md",
        f"Title: A visit\nDate: 2026-11-03\n\nToday {WATCHED} came to read us a story.\n",
    )
    clone.commit("A news item that names someone on the watchlist")
    result = clone.publish("ALLOW_PLACEHOLDERS=1")
    assert result.returncode != 0, "a leak must stop the publish"
    if WATCHED in result.log:
        pytest.fail("make publish printed the watched value", pytrace=False)
    assert "Traceback" not in result.log
    assert "content/private" in result.log
    assert "Not published: the build or its checks failed" in result.log
    assert clone.tip() == before, "the Pages branch changed"
    assert clone.leftovers() == [], "the failed build was left behind"


def test_a_page_without_the_policy_links_stops_the_publish(clone):
    base = clone.src / "theme/templates/base.html"
    lines = base.read_text().splitlines(keepends=True)
    kept = [line for line in lines if "policy.url" not in line]
    assert len(kept) < len(lines), "the theme no longer links policies with policy.url"
    base.write_text("".join(kept))
    clone.commit("Footer without the policy links")
    clone.publish("ALLOW_PLACEHOLDERS=1").refused("Not published: the build or its checks failed")
    assert clone.tip() is None, "something was pushed"
    assert clone.leftovers() == []


def test_placeholders_are_refused_one_line_each(clone):
    result = clone.publish().refused('SITE_FACTS["phone"] is still a placeholder')
    facts = re.findall(r'^pelicanconf\.py: SITE_FACTS\["(\w+)"\]', result.log, re.MULTILINE)
    assert len(facts) == len(set(facts)) >= 2, result.log
    assert "PUBLIC_SITEURL is still the placeholder https://tbc.invalid" in result.log
    assert clone.tip() is None


def test_a_real_site_address_in_the_environment_replaces_the_placeholder(clone):
    result = clone.publish(f"SITEURL={SITEURL}").refused('SITE_FACTS["phone"]')
    assert "PUBLIC_SITEURL" not in result.log


def test_uncommitted_content_is_refused_unless_allowed(clone):
    clone.write(
        "content/news/draft-notes.md",
        "Title: Notes\nSlug: draft-notes\nDate: 2026-11-04\n\nNot yet.\n",
    )
    clone.publish("ALLOW_PLACEHOLDERS=1").refused(
        "content/news/draft-notes.md: has uncommitted changes"
    )
    assert clone.tip() is None
    clone.publish("ALLOW_PLACEHOLDERS=1", "ALLOW_UNCOMMITTED=1").succeeded()
    message = clone.remote_git("log", "-1", "--format=%B", "gh-pages").stdout
    assert "with uncommitted changes" in message
    assert "news/draft-notes/index.html" in clone.files()


def test_an_unreachable_remote_is_a_clean_error(clone):
    missing = clone.root / "no-such-remote.git"
    clone.publish("ALLOW_PLACEHOLDERS=1", remote=missing).refused(
        f"cannot reach the remote {missing}"
    )
    assert not missing.exists()
    assert clone.leftovers() == []


def test_a_rejected_push_publishes_nothing_and_keeps_the_build(clone):
    hook = clone.remote / "hooks/pre-receive"
    hook.write_text("#!/bin/sh\necho 'closed for maintenance' >&2\nexit 1\n")
    hook.chmod(0o755)
    result = clone.publish("ALLOW_PLACEHOLDERS=1").refused(
        "did not take the push", "pre-receive hook declined", "nothing was published"
    )
    assert clone.tip() is None, "the remote has a Pages branch"
    kept = re.search(r"The site is built in (\S+) and committed locally", result.log)
    assert kept, result.log
    assert Path(kept[1], "index.html").is_file()
    assert clone.git("rev-parse", "--verify", "gh-pages")  # the local commit stays


@pytest.mark.parametrize(
    ("branch", "expected"),
    [
        ("bad..name", "'bad..name' is not a valid branch name"),
        ("main", "'main' is checked out"),
    ],
)
def test_bad_pages_branches_are_refused(clone, branch, expected):
    source = clone.git("rev-parse", "main")
    clone.publish("ALLOW_PLACEHOLDERS=1", f"GITHUB_PAGES_BRANCH={branch}").refused(expected)
    assert clone.git("rev-parse", "main") == source
    assert clone.remote_git("for-each-ref").stdout == ""


def test_a_folder_that_is_not_a_git_repository_is_refused(clone):
    shutil.rmtree(clone.src / ".git")
    clone.publish("ALLOW_PLACEHOLDERS=1").refused("is not a git repository")


def test_a_shallow_clone_is_refused_before_anything_is_built(clone, tmp_path):
    shallow = tmp_path / "shallow"
    clone.git("clone", "--quiet", "--depth", "1", f"file://{clone.src}", str(shallow), cwd=tmp_path)
    clone.publish("ALLOW_PLACEHOLDERS=1", f"SITEURL={SITEURL}", cwd=shallow).refused(
        "shallow clone", "git fetch --unshallow"
    )
    assert clone.tip() is None, "nothing was pushed"
