"""Issue 18, staff experience second round: items 1-6, 10 and 11.

Behaviour of the build is tested with real builds (`small_site`); message functions
in-process. Each test fails if its check is removed.
"""

import re

import pytest
from conftest import assert_clean_failure, run_command

from authoring.preflight import british_date, date_problems, source_problems
from commands import publish
from sitebase.nearest import LinkTargets

KNOWN = {"title", "summary", "date", "status", "slug", "category", "adopted", "review"}
POST_WITH_TWO_TBC = """\
Title: Open day
Date: 2026-05-01

TBC: the time.

A line without a placeholder.

TBC: who to ask.
"""


def _lines(log, text):
    return [line for line in log.splitlines() if text in line]


def _run(site, *args):
    return run_command(*args, "-s", site.settings_file(), cwd=site.root)


def _edit(path, pattern, replacement):
    text = path.read_text(encoding="utf-8")
    changed = re.sub(pattern, replacement, text, count=1, flags=re.MULTILINE)
    assert changed != text
    path.write_text(changed, encoding="utf-8")


# 1. TBC stops a publish, one line per TBC line ----------------------------------------


def test_every_tbc_line_is_one_problem_when_refused():
    settings = {"REFUSE_CONTENT_PLACEHOLDERS": True}
    problems, warnings = source_problems("x.md", POST_WITH_TWO_TBC, "article", settings)
    assert [p.message.split(":")[0] for p in problems] == ["line 4", "line 8"]
    assert not _lines("\n".join(warnings), "TBC")


def test_a_tbc_is_a_warning_per_line_in_a_preview():
    problems, warnings = source_problems("x.md", POST_WITH_TWO_TBC, "article", {})
    assert problems == []
    assert len(_lines("\n".join(warnings), "a TBC placeholder")) == 2


def test_the_public_build_refuses_tbc_in_a_post_and_a_policy(small_site):
    small_site.write("pages/open-day.md", POST_WITH_TWO_TBC.replace("Date: 2026-05-01\n", ""))
    _edit(small_site.content / "policies/complaints.md", r"^## (.*)$", r"## \1\n\nTBC: check.")
    build = small_site.build(base="publishconf")
    assert_clean_failure(build)
    refused = _lines(build.log, "a TBC placeholder is still here; replace it, then publish")
    assert len(refused) == 3, build.log
    assert any(line.startswith("content/pages/open-day.md: line 3:") for line in refused)
    assert any(line.startswith("content/pages/open-day.md: line 7:") for line in refused)
    assert any(line.startswith("content/policies/complaints.md: line") for line in refused)


def test_allow_placeholders_makes_them_warnings_in_the_public_build(small_site):
    small_site.write("pages/open-day.md", POST_WITH_TWO_TBC.replace("Date: 2026-05-01\n", ""))
    small_site.overrides["REFUSE_CONTENT_PLACEHOLDERS"] = False  # what ALLOW_PLACEHOLDERS=1 passes
    build = small_site.build(base="publishconf")
    assert build.returncode == 0, build.log
    assert len(_lines(build.log, "warning: line")) == 2


# 2. The root cause first, alone ---------------------------------------------------------


def test_a_misspelt_policy_field_is_one_line(small_site):
    _edit(small_site.content / "policies/complaints.md", r"^Review:", "Reveiw:")
    build = small_site.build()
    assert_clean_failure(build, "Build stopped: 1 problem found")
    lines = [line for line in build.log.splitlines() if line.startswith("content/")]
    assert lines == [
        "content/policies/complaints.md: line 5: 'Reveiw:' is not a field this site uses; "
        "did you mean 'Review:'? correct the spelling"
    ]


def test_a_broken_policy_is_told_once_with_the_links_it_breaks(small_site):
    _edit(small_site.content / "policies/complaints.md", r"^Signed_By:.*\n", "")
    build = small_site.build()
    assert_clean_failure(build, "Build stopped: 1 problem found")
    lines = [line for line in build.log.splitlines() if line.startswith("content/")]
    assert len(lines) == 1, build.log
    assert lines[0].startswith("content/policies/complaints.md: Signed_By: missing")
    assert re.search(r"\(and \d+ links to it\)$", lines[0])
    assert "there is no policy with that slug" not in build.log
    assert "required policy 'complaints' is missing" not in build.log


def test_an_unrelated_problem_still_follows_the_root_cause(small_site):
    _edit(small_site.content / "policies/complaints.md", r"^Signed_By:.*\n", "")
    _edit(small_site.content / "pages/about.md", r"\Z", "\n[Policy]({policy}safegarding)\n")
    build = small_site.build()
    lines = [line for line in build.log.splitlines() if line.startswith("content/")]
    assert lines[0].startswith("content/policies/complaints.md: Signed_By: missing")
    assert lines[1].startswith("content/pages/about.md: {policy}safegarding: there is no policy")


# 3. Did you mean, for every misspelt field --------------------------------------------


def test_a_misspelt_field_says_did_you_mean():
    text = "Title: Sports day\nDate: 2026-05-01\nSumary: Races.\n\nText.\n"
    problems, _warnings = source_problems("x.md", text, "article", {}, KNOWN)
    assert [p.message for p in problems] == [
        "line 3: 'Sumary:' is not a field this site uses; did you mean 'Summary:'? "
        "correct the spelling"
    ]


def test_a_field_that_is_no_misspelling_stays_a_warning_without_a_guess():
    text = "Title: Sports day\nDate: 2026-05-01\nNote: bring a hat.\n\nText.\n"
    problems, warnings = source_problems("x.md", text, "article", {}, KNOWN)
    assert problems == []
    assert len(warnings) == 1
    assert "did you mean" not in warnings[0]


def test_a_near_miss_of_a_field_already_given_is_a_warning_with_a_guess():
    text = "Title: Sports day\nDate: 2026-05-01\nSummary: Races.\nSumary: Races.\n\nText.\n"
    problems, warnings = source_problems("x.md", text, "article", {}, KNOWN)
    assert problems == []
    assert "did you mean 'Summary:'?" in warnings[0]


# 4. British dates ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "written", ["1st December 2026", "1/12/2026", "1 Dec 2026", "1.12.2026", "2026/12/01"]
)
def test_a_british_date_gets_its_iso_form(written):
    (problem,) = date_problems("x.md", "date", 2, written)
    assert problem.message.endswith("write 'Date: 2026-12-01'")
    assert problem.message.startswith("line 2:")


@pytest.mark.parametrize("written", ["tomorrow", "31/02/2026", "1st December"])
def test_no_date_is_guessed_when_there_is_none(written):
    assert british_date(written) is None
    (problem,) = date_problems("x.md", "date", 2, written)
    assert "e.g. 2026-09-01 for 1 September 2026" in problem.message


def test_a_policy_date_error_names_the_line_and_the_date(small_site):
    _edit(small_site.content / "policies/complaints.md", r"^Adopted:.*$", "Adopted: 1 Sep 2026")
    build = small_site.build()
    assert_clean_failure(
        build,
        'content/policies/complaints.md: line 4: Adopted: "1 Sep 2026" is not a date in the '
        "form YYYY-MM-DD; write 'Adopted: 2026-09-01'",
    )


# 5. Links -----------------------------------------------------------------------------


def test_the_nearest_file_is_written_as_a_link():
    targets = LinkTargets(
        {"sessions-and-fees/index.html", "images/autumn-walk.jpg", "about/index.html"},
        {"sessions-and-fees/index.html": "/c/pages/sessions-and-fees.md",
         "about/index.html": "/c/pages/about.md"},
        "/c",
    )  # fmt: skip
    assert targets.nearest("{filename}/pages/fee.md", "") == (
        "{filename}/pages/sessions-and-fees.md"
    )
    assert targets.nearest("../../images/autum-walk.jpg", "images/autum-walk.jpg") == (
        "{static}/images/autumn-walk.jpg"
    )
    assert targets.nearest("../../images/race.jpg", "images/race.jpg") is None


def test_a_broken_link_says_what_to_write_and_pelican_says_nothing(small_site):
    _edit(small_site.content / "pages/about.md", r"\Z", "\nSee [fees]({filename}/pages/fee.md).\n")
    build = small_site.build()
    assert_clean_failure(
        build,
        "did you mean {filename}/pages/sessions-and-fees.md?",
        "link a page, post or policy as [words]({filename}/pages/about.md)",
    )
    assert "Unable to find" not in build.log


# 6. make new-policy starts a draft ------------------------------------------------------


def test_a_new_policy_is_a_draft_until_adopted(small_site):
    created = _run(small_site, "new-policy", "--slug", "safeguarding")
    assert created.returncode == 0, created.stderr
    path = small_site.content / "policies/safeguarding.md"
    assert "Status: draft" in path.read_text(encoding="utf-8")
    build = small_site.build()
    assert build.returncode == 0, build.log
    assert not (build.output / "policies/safeguarding").exists()
    assert "Safeguarding" not in build.read("policies/index.html")
    assert "TBC" not in build.log  # a draft's placeholders are not nagged about
    table = _run(small_site, "review")
    assert re.search(r"Safeguarding Policy +1\.0 +draft +- +draft: not adopted", table.stdout)
    # Adopted as the guide says: set the fields, delete the Status line, build.
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^Status: draft\n", "", text)
    text = re.sub(r"(?m)^Adopted:.*$", "Adopted: 2026-09-01", text)
    text = re.sub(r"(?m)^Review:.*$", "Review: 2027-09-01", text)
    text = re.sub(r"(?m)^Signed_By:.*$", "Signed_By: A Trustee", text)
    text = re.sub(r"(?m)^Signed_Role:.*$", "Signed_Role: Chair", text)
    path.write_text(text, encoding="utf-8")
    adopted = small_site.build()
    assert adopted.returncode == 0, adopted.log
    assert "Safeguarding" in adopted.read("policies/index.html")


def test_a_required_draft_policy_says_how_to_adopt_it(small_site):
    assert _run(small_site, "new-policy", "--slug", "safeguarding").returncode == 0
    small_site.overrides["REQUIRED_POLICIES"] = ["social-media", "complaints", "safeguarding"]
    build = small_site.build()
    assert_clean_failure(build, "content/policies/safeguarding.md: required policy "
                         "'safeguarding' is a draft (Status: draft)")  # fmt: skip
    assert "is missing" not in build.log


def test_a_link_to_a_draft_policy_is_told_as_a_draft(small_site):
    assert _run(small_site, "new-policy", "--slug", "safeguarding").returncode == 0
    _edit(small_site.content / "pages/about.md", r"\Z", "\n[S]({policy}safeguarding)\n")
    build = small_site.build()
    assert_clean_failure(build, "content/pages/about.md: {policy}safeguarding: that policy is "
                         "still a draft")  # fmt: skip


# 10. No traceback on any input -----------------------------------------------------------


def test_a_287_character_title_gets_a_short_slug(small_site):
    title = ("Sports day and summer fair " * 11)[:287]
    result = _run(small_site, "new-post", "--title", title)
    assert result.returncode == 0, result.stderr
    (created,) = (small_site.content / "news").glob("*.md")
    assert len(created.stem) <= 60
    assert not created.stem.endswith("-")
    assert created.stem.startswith("sports-day-and-summer-fair")


@pytest.mark.parametrize(
    "args",
    [
        ("new-post", "--title", ""),
        ("new-post", "--title", "🎉🎉"),
        ("new-post", "--title", "x", "--slug", "a" * 300),
        ("new-post", "--title", "x", "--slug", "../../pages/about"),
        ("new-policy", "--slug", "b" * 300),
        ("new-policy", "--slug", "../pages/about"),
        ("check", "-o", "no-such-folder"),
        ("build", "-s", "."),
        ("review", "-s", "/"),
    ],
)
def test_hostile_input_is_one_line_never_a_traceback(small_site, args):
    result = run_command(*args, cwd=small_site.root) if "-s" in args else _run(small_site, *args)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


# 11. A preview publish with SITE_DOMAIN set -----------------------------------------------


def test_a_preview_with_site_domain_is_published_without_cname():
    settings = {"SITEURL": "https://preview.example.org", "SITE_DOMAIN": "www.example.org",
                "PUBLIC_SITEURL": "https://www.example.org"}  # fmt: skip
    assert publish._address_problems(settings) == []
    assert publish._domain(settings) is None


def test_the_public_address_keeps_its_cname_and_a_wrong_domain_is_refused():
    public = {"SITEURL": "https://www.example.org", "SITE_DOMAIN": "www.example.org",
              "PUBLIC_SITEURL": "https://www.example.org"}  # fmt: skip
    assert publish._domain(public) == "www.example.org"
    wrong = {"SITEURL": "https://www.exmaple.org", "SITE_DOMAIN": "www.example.org",
             "PUBLIC_SITEURL": "https://tbc.invalid"}  # fmt: skip
    assert "is not the host" in str(publish._address_problems(wrong)[0])
