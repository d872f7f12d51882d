"""Page history from git: real commits with fixed dates in a real repository.

Dates are set with GIT_AUTHOR_DATE/GIT_COMMITTER_DATE, so every assertion is exact.
"""

import datetime
import os
import re
import subprocess
from zoneinfo import ZoneInfo

import pytest

from history.gitlog import parse_log, read_history
from history.sitemap import sitemap_xml
from history.versions import parse_versions

LONDON = ZoneInfo("Europe/London")


def git(root, *args, when=None):
    env = {**os.environ, "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.org"}  # fmt: skip
    if when:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = when
    result = subprocess.run(["git", *args], cwd=root, env=env, capture_output=True, text=True,
                            check=False)  # fmt: skip
    assert result.returncode == 0, result.stderr
    return result.stdout


def commit(root, message, when):
    git(root, "add", "--all")
    git(root, "commit", "--quiet", "-m", message, when=when)


@pytest.fixture
def repo(tmp_path):
    git(tmp_path, "init", "--quiet", "--initial-branch=main")
    return tmp_path


# In-process: the parsers --------------------------------------------------------


def test_a_commit_late_in_the_evening_elsewhere_is_dated_in_the_sites_time_zone(repo):
    (repo / "a.md").write_text("one\n")
    commit(repo, "one", "2026-01-02T23:30:00-05:00")  # 04:30 on 3 January in London
    history = read_history(repo, "Europe/London")
    assert history.last_changed(repo / "a.md").when.date() == datetime.date(2026, 1, 3)


def test_a_renamed_file_keeps_its_history(repo):
    (repo / "old.md").write_text("a long enough text for git to see a rename\n" * 5)
    commit(repo, "add", "2026-01-05T10:00:00+00:00")
    git(repo, "mv", "old.md", "new.md")
    commit(repo, "rename", "2026-02-05T10:00:00+00:00")
    history = read_history(repo)
    dates = [c.when.date().isoformat() for c in history.commits[str(repo.resolve() / "new.md")]]
    assert dates == ["2026-02-05", "2026-01-05"]


def test_uncommitted_and_untracked_files_are_known(repo):
    (repo / "a.md").write_text("one\n")
    commit(repo, "one", "2026-01-05T10:00:00+00:00")
    (repo / "a.md").write_text("two\n")
    (repo / "b.md").write_text("new\n")
    history = read_history(repo)
    assert history.is_uncommitted(repo / "a.md")
    assert history.is_uncommitted(repo / "b.md")


def test_a_folder_outside_git_has_no_history(tmp_path):
    assert read_history(tmp_path).problem == "the content folder is not in a git repository"


def test_parse_log_reads_names_with_spaces_and_accents():
    text = "\x1eabc\x1f2026-03-01T10:00:00+00:00\0\nA\0pages/caf\u00e9 menu.md\0"
    commits, _renamed = parse_log(text, "/r", LONDON)
    assert list(commits) == ["/r/pages/caf\u00e9 menu.md"]


POLICY_V1 = "Title: P\nVersion: 1.0\nChange_Note: First version.\n\nText.\n"


def _versions(repo, folder="."):
    history = read_history(repo)
    log = git(repo, "log", "-p", "-U0", "-M", "--no-color", "--format=\x1e%H\x1f%cI", "--", folder)
    return parse_versions(log, history.root, history.renamed, ZoneInfo("UTC"))


def test_a_major_change_is_a_new_version_with_a_change_note_and_a_typo_fix_is_silent(repo):
    policy = repo / "p.md"
    policy.write_text(POLICY_V1)
    commit(repo, "adopt", "2026-01-10T10:00:00+00:00")
    policy.write_text(POLICY_V1.replace("Text.", "Txet fixed."))
    commit(repo, "typo", "2026-02-10T10:00:00+00:00")
    policy.write_text(
        POLICY_V1.replace("1.0", "1.1").replace(
            "First version.", "Complaints now answered in 5 days."
        )
    )
    commit(repo, "major", "2026-03-10T10:00:00+00:00")
    policy.write_text(
        policy.read_text().replace("Change_Note: Complaints", "Change_Note: All complaints")
    )
    commit(repo, "note reworded, same version", "2026-04-10T10:00:00+00:00")
    versions = _versions(repo)[str(repo.resolve() / "p.md")]
    assert [(v.number, v.date.isoformat(), v.note) for v in versions] == [
        ("1.1", "2026-03-10", "Complaints now answered in 5 days."),
        ("1.0", "2026-01-10", "First version."),
    ]


def test_a_new_version_without_a_change_note_is_not_a_major_change(repo):
    policy = repo / "p.md"
    policy.write_text(POLICY_V1)
    commit(repo, "adopt", "2026-01-10T10:00:00+00:00")
    policy.write_text(POLICY_V1.replace("Version: 1.0", "Version: 1.0.1"))
    commit(repo, "version only", "2026-02-10T10:00:00+00:00")
    versions = _versions(repo)[str(repo.resolve() / "p.md")]
    assert [v.number for v in versions] == ["1.0"]


def test_listing_pages_take_the_newest_date_of_what_they_list():
    class Page:
        def __init__(self, day):
            self.last_updated = day

    old, new = Page(datetime.date(2026, 1, 1)), Page(datetime.date(2026, 5, 1))
    xml = sitemap_xml("https://x.org", [("news/", [old, new]), ("a/", [old]), ("b/", [])],
                      lambda page: page.last_updated)  # fmt: skip
    assert "<loc>https://x.org/news/</loc><lastmod>2026-05-01</lastmod>" in xml
    assert "<loc>https://x.org/a/</loc><lastmod>2026-01-01</lastmod>" in xml
    assert "<loc>https://x.org/b/</loc></url>" in xml, "nothing listed: no date rather than today"


# Real builds ---------------------------------------------------------------------


@pytest.fixture
def dated_site(small_site):
    """The small site in git: adopted on 1 March 2026, the About page changed in April."""
    small_site.write("pages/about.md", "Title: About us\nSlug: about\n\nWe are a pre-school.\n")
    small_site.write("pages/visits.md", "Title: Visits\n\nCome and see us.\n")
    small_site.overrides["SITEMAP_SAVE_AS"] = "sitemap.xml"
    small_site.settings_file()
    (small_site.root / ".gitignore").write_text("output/\ncache/\n*.py\n")
    git(small_site.root, "init", "--quiet", "--initial-branch=main")
    commit(small_site.root, "site", "2026-03-01T09:00:00+00:00")
    about = small_site.content / "pages/about.md"
    about.write_text(about.read_text() + "\nWe have a garden.\n")
    commit(small_site.root, "about: garden", "2026-04-14T09:00:00+01:00")
    return small_site


def _lastmods(build):
    xml = build.read("sitemap.xml")
    return dict(re.findall(r"<loc>[^<]*?/([^<]*)</loc>(?:<lastmod>([^<]*)</lastmod>)?", xml))


def test_pages_show_the_date_of_the_last_commit_to_their_source(dated_site):
    build = dated_site.build()
    assert build.returncode == 0, build.log
    assert 'Last updated <time datetime="2026-04-14">14 April 2026</time>' in build.read(
        "about/index.html"
    )
    assert 'Last updated <time datetime="2026-03-01">1 March 2026</time>' in build.read(
        "visits/index.html"
    )


def test_a_commit_to_one_page_moves_only_its_date_in_the_sitemap(dated_site):
    lastmods = _lastmods(dated_site.build())
    assert lastmods["about/"] == "2026-04-14"
    assert lastmods["visits/"] == "2026-03-01"
    assert lastmods["policies/complaints/"] == "2026-03-01"
    assert lastmods["policies/"] == "2026-03-01", "the policies list: its newest policy"


def test_two_builds_of_one_commit_give_the_same_sitemap(dated_site):
    first = dated_site.build().read("sitemap.xml")
    assert dated_site.build().read("sitemap.xml") == first


def test_an_uncommitted_change_shows_as_not_yet_committed(dated_site):
    visits = dated_site.content / "pages/visits.md"
    visits.write_text(visits.read_text() + "\nParking is at the back.\n")
    build = dated_site.build()
    page = build.read("visits/index.html")
    assert "Last updated: not yet committed" in page
    assert "Last updated <time" not in page, "never today's date, nor an old one"
    assert "visits/" in _lastmods(build)
    assert not _lastmods(build)["visits/"]


def test_a_policy_lists_its_versions_and_a_typo_fix_changes_nothing(dated_site):
    policy = dated_site.content / "policies/complaints.md"
    policy.write_text(policy.read_text().replace("the ", "teh ", 1))
    commit(dated_site.root, "typo", "2026-05-01T09:00:00+01:00")
    before = dated_site.build().read("policies/complaints/index.html")
    assert "Changes to this policy" in before
    assert "1 May 2026" not in before, "a typo fix neither appears nor moves the date"
    text = policy.read_text()
    version = re.search(r"^Version: (.*)$", text, re.M)[1]
    text = text.replace(
        f"Version: {version}", "Version: 2.0\nChange_Note: Reviews now take 10 days."
    )
    policy.write_text(text)
    commit(dated_site.root, "complaints 2.0", "2026-06-02T09:00:00+01:00")
    after = dated_site.build().read("policies/complaints/index.html")
    assert '<dt>Last updated</dt><dd><time datetime="2026-06-02">' in after
    assert "Version 2.0, <time" in after
    assert "Reviews now take 10 days." in after
    assert "1 March 2026" in after, "the list goes back to adoption"
    index = dated_site.build().read("policies/index.html")
    assert '<dt>Last updated</dt><dd><time datetime="2026-06-02">' in index
    assert "<dd>2.0</dd>" in index


def test_a_shallow_clone_warns_once_when_building(dated_site, tmp_path):
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "--quiet", "--depth", "1", f"file://{dated_site.root}", str(shallow))
    dated_site.content = shallow / "content"
    build = dated_site.build()
    assert build.returncode == 0, build.log
    assert build.log.count("shallow clone") == 1
    assert "git fetch --unshallow" in build.log
