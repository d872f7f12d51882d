"""The staff helpers: `make new-policy`, `make new-post`, `make review`.

Each runs the real command (`python -m commands ...`, or the real Makefile) on a copy
of the site, then builds the result for real.
"""

import datetime
import os
import shutil
import subprocess

import pytest
from conftest import REPO, run_command

from commands import scaffold
from policies import review

TODAY = datetime.date.today()


def _run(site, *args):
    return run_command(*args, "-s", site.settings_file(), cwd=site.root)


def _header(path):
    fields = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            break
        key, _, value = line.partition(":")
        fields[key] = value.strip()
    return fields


# make new-policy ---------------------------------------------------------------------


def test_new_policy_has_every_field_and_builds(small_site):
    result = _run(small_site, "new-policy", "--slug", "safeguarding", "--title",
                  "Safeguarding Policy")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Created content/policies/safeguarding.md" in result.stdout
    path = small_site.content / "policies/safeguarding.md"
    fields = _header(path)
    assert set(fields) == {"Title", "Slug", "Status", "Summary", "Adopted", "Review",
                           "Version", "Change_Note", "Signed_By", "Signed_Role"}  # fmt: skip
    assert (fields["Title"], fields["Slug"], fields["Status"]) == (
        "Safeguarding Policy", "safeguarding", "draft",
    )  # fmt: skip
    for name in ("Summary", "Adopted", "Review", "Signed_By", "Signed_Role"):
        assert fields[name].startswith("TBC"), name  # a draft: not adopted, not signed
    assert "Sarah Wallis" in fields["Signed_By"]  # the latest signatory, as an example
    build = small_site.build()
    assert build.returncode == 0, build.log
    assert not (build.output / "policies/safeguarding").exists()  # a draft is never written
    assert "Safeguarding Policy" not in build.read("policies/index.html")


def test_new_policy_title_defaults_from_the_slug(small_site):
    result = _run(small_site, "new-policy", "--slug", "data-protection")
    assert result.returncode == 0, result.stderr
    fields = _header(small_site.content / "policies/data-protection.md")
    assert fields["Title"] == "Data Protection Policy"


def test_new_policy_never_overwrites(small_site):
    path = small_site.content / "policies/complaints.md"
    before = path.read_bytes()
    result = _run(small_site, "new-policy", "--slug", "complaints", "--title", "Complaints")
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "content/policies/complaints.md: already exists; edit it instead, or choose another SLUG"
    )
    assert path.read_bytes() == before


def test_new_policy_refuses_a_slug_another_file_uses(small_site):
    small_site.write("policies/old.md", "Title: Old\nSlug: safeguarding\n\nText.\n")
    result = _run(small_site, "new-policy", "--slug", "safeguarding")
    assert result.returncode == 1
    assert "content/policies/old.md: already has 'Slug: safeguarding'" in result.stderr
    assert not (small_site.content / "policies/safeguarding.md").exists()


@pytest.mark.parametrize(
    ("slug", "message"),
    [
        ("", "make new-policy needs a SLUG"),
        ("Safe Guarding", "use e.g. SLUG=safe-guarding"),
        ("safeguarding/", "can only have lowercase letters, digits and hyphens"),
        ("../pages/about", "can only have lowercase letters, digits and hyphens"),
    ],
)
def test_new_policy_validates_the_slug(small_site, slug, message):
    result = _run(small_site, "new-policy", "--slug", slug)
    assert result.returncode == 1
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_new_policy_without_other_policies_is_signed_tbc(tmp_path):
    settings = {"PATH": str(tmp_path), "POLICIES_DIR": "policies"}
    path, _notes = scaffold._create_policy(settings, "first", "First Policy")
    fields = _header(tmp_path / "policies/first.md")
    assert path.endswith("first.md")
    assert fields["Signed_By"] == "TBC: the trustee who signs it"
    assert fields["Signed_Role"] == "TBC: their role"


# make new-post -------------------------------------------------------------------------


def test_new_post_is_dated_today_and_builds(small_site):
    result = _run(small_site, "new-post", "--title", "Sports day: fun & games!")
    assert result.returncode == 0, result.stderr
    path = small_site.content / "news/sports-day-fun-games.md"
    assert f"Created {path.relative_to(small_site.root)}" in result.stdout
    fields = _header(path)
    assert fields["Title"] == "Sports day: fun & games!"
    assert fields["Date"] == TODAY.isoformat()
    assert fields["Category"] == "News"
    assert fields["Slug"] == "sports-day-fun-games"
    assert fields["Summary"].startswith("TBC")
    text = path.read_text()
    assert "{static}/images/sports-day-fun-games.jpg" in text
    assert "consent" in text or "agreed" in text
    assert "Location data" in text
    build = small_site.build()
    assert build.returncode == 0, build.log
    page = build.read("news/sports-day-fun-games/index.html")
    assert "Sports day: fun &amp; games!" in page or "Sports day: fun & games!" in page
    assert "egg and spoon" not in page  # the photo hint is a comment: never published


def test_new_post_never_overwrites(small_site):
    assert _run(small_site, "new-post", "--title", "Sports day").returncode == 0
    path = small_site.content / "news/sports-day.md"
    path.write_text(path.read_text() + "\nMy words.\n")
    before = path.read_bytes()
    result = _run(small_site, "new-post", "--title", "Sports day")
    assert result.returncode == 1
    assert "content/news/sports-day.md: already exists" in result.stderr
    assert "SLUG=sports-day-2" in result.stderr
    assert path.read_bytes() == before
    assert _run(small_site, "new-post", "--title", "Sports day", "--slug",
                "sports-day-2").returncode == 0  # fmt: skip


def test_new_post_needs_a_title(small_site):
    result = _run(small_site, "new-post")
    assert result.returncode == 1
    assert result.stderr.strip() == (
        'make new-post needs a TITLE, e.g. make new-post TITLE="Sports day"'
    )


# make review ---------------------------------------------------------------------------


def _policy(site, slug, adopted, review_date, version="1.0"):
    site.write(
        f"policies/{slug}.md",
        f"Title: {slug.title()} Policy\nSlug: {slug}\nSummary: About {slug}.\n"
        f"Adopted: {adopted}\nReview: {review_date}\nVersion: {version}\n"
        "Signed_By: A Trustee\nSigned_Role: Trustee\n\nText.\n",
    )


def test_review_lists_overdue_policies_first(small_site):
    soon = TODAY + datetime.timedelta(days=10)
    _policy(small_site, "late", "2020-01-01", TODAY - datetime.timedelta(days=3), "2.1")
    _policy(small_site, "soon", "2025-01-01", soon)
    _policy(small_site, "broken", "2025-01-01", "next year")
    result = _run(small_site, "review")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["Policy", "Version", "Adopted", "Next", "review", "Days", "left"]
    assert lines[1].startswith("Late Policy")
    assert "2.1" in lines[1]
    assert "OVERDUE by 3 days" in lines[1]
    assert lines[2].startswith("Broken Policy")
    assert "Review is not a date" in lines[2]
    assert lines[3].startswith("Soon Policy")
    assert lines[3].endswith(" 10")
    assert "5 policies, 1 overdue, 1 without a readable Review date." in result.stdout
    assert "  content/policies/late.md" in result.stdout


def test_review_table_is_the_function_publish_can_call(small_site):
    settings = {"PATH": str(small_site.content), "POLICIES_DIR": "policies"}
    table = review.review_table(settings, today=datetime.date(2027, 9, 2))
    assert "Complaints Policy" in table
    assert "OVERDUE by 1 day" in table
    assert "2 policies, 2 overdue." in table


# Through the real Makefile -----------------------------------------------------------


@pytest.fixture
def repo_copy(tmp_path):
    """The Makefile, settings, plugin, theme and content, using this venv (VENV=...)."""
    for name in ("Makefile", "pelicanconf.py", "requirements.txt", "requirements-dev.txt"):
        shutil.copy2(REPO / name, tmp_path / name)  # copy2 keeps mtimes: no venv refresh
    for name in ("content", "theme", "plugins"):
        shutil.copytree(REPO / name, tmp_path / name, copy_function=shutil.copy2)
    return tmp_path


def _make(root, *args):
    unset = ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "SLUG", "TITLE", "PYTHONPATH")
    env = {name: value for name, value in os.environ.items() if name not in unset}
    return subprocess.run(
        ["make", "--no-print-directory", f"VENV={REPO / '.venv'}", *args],
        cwd=root, env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip


def test_make_targets_pass_titles_with_quotes_and_apostrophes(repo_copy):
    title = 'Children\'s "big" day'
    result = _make(repo_copy, "new-post", f"TITLE={title}")
    assert result.returncode == 0, result.stderr
    path = repo_copy / "content/news/childrens-big-day.md"
    assert _header(path)["Title"] == title
    result = _make(repo_copy, "new-policy", "SLUG=safeguarding", "TITLE=Children's Safeguarding")
    assert result.returncode == 0, result.stderr
    assert _header(repo_copy / "content/policies/safeguarding.md")["Title"] == (
        "Children's Safeguarding"
    )
    result = _make(repo_copy, "review")
    assert result.returncode == 0, result.stderr
    assert "Children's Safeguarding" in result.stdout
    assert _make(repo_copy, "html").returncode == 0


def test_make_new_policy_without_a_slug_says_how(repo_copy):
    result = _make(repo_copy, "new-policy")
    assert result.returncode != 0
    assert "make new-policy needs a SLUG" in result.stderr
    assert "Traceback" not in result.stderr
