"""Policies: rendered faithfully, validated, and linked from every generated page.

The parsers (a policy's fields, `{policy}` links, the links on a page) are called
in-process; real builds show what visitors and staff see.
"""

import datetime
import re
from types import SimpleNamespace

import pytest
from conftest import assert_clean_failure
from selectolax.lexbor import LexborHTMLParser

from policies.links import check_page_links, link_targets, resolve, resolve_policy_links
from policies.policy import read_policy

EIGHT_EXAMPLES = [
    "Sending abusive messages to parents, staff or the pre-school.",
    "Sending abusive messages about parents, pupils, staff or the pre-school.",
    "Posting defamatory \u2018statuses\u2019 about other parents, pupils, staff or the pre-school.",
    "Using social media to complain or post any grievances about the pre-school\u2019s values "
    "and methods.",
    "Posting statuses containing confidential information, e.g. regarding a complaint outcome.",
    "Contacting pre-school employees through social media by sending them private messages.",
    "Creating or joining private groups or chats that criticise, victimise or harass a member "
    "of staff, parent, pupil or the pre-school in general.",
    "Using the school name, logo or any other identifier when communicating through any "
    "platform including social media.",
]
POLICY_FILES = {
    "social-media": "policies/social-media/index.html",
    "complaints": "policies/complaints/index.html",
}


def _main(html):
    return LexborHTMLParser(html).css_first("main")


def _text(build, relative):
    return " ".join(_main(build.read(relative)).text(separator=" ").split())


def _links_from(build, page):
    relative = page.relative_to(build.output).as_posix()
    return {resolve(url, relative, "") for url in link_targets(page.read_text())}


def test_social_media_policy_has_all_eight_examples_verbatim(real_build):
    html = real_build.read(POLICY_FILES["social-media"])
    listed = [" ".join(li.text().split()) for li in _main(html).css("li")]
    for example in EIGHT_EXAMPLES:
        assert example in listed, example
    assert "Statement of intent" in html


def test_social_media_policy_links_the_complaints_policy(real_build):
    main = _main(real_build.read(POLICY_FILES["social-media"]))
    (link,) = [a for a in main.css("a") if "Complaints Policy" in a.text()]
    href = link.attributes["href"]
    assert resolve(href, POLICY_FILES["social-media"], "") == POLICY_FILES["complaints"]
    assert "which is on the pre-school\u2019s website" in _text(
        real_build, POLICY_FILES["social-media"]
    )


def test_complaints_policy_covers_the_eyfs_requirements(real_build):
    text = _text(real_build, POLICY_FILES["complaints"])
    for required in (
        "28 days",
        "three years",
        "Ofsted, Piccadilly Gate, Store Street, Manchester M1 2WD",
        "0300 123 4666",
        "0300 123 1231",
        "enquiries@ofsted.gov.uk",
        "trustees",
        "confidential",
    ):
        assert required in text, required


@pytest.mark.parametrize("slug", sorted(POLICY_FILES))
def test_policy_page_shows_dates_version_and_signature(real_build, slug):
    text = _text(real_build, POLICY_FILES[slug])
    for label in ("Adopted", "Next review", "Version"):
        assert label in text, label
    assert (
        "Signed for and on behalf of the pre-school: Sarah Wallis, Trustee, "
        "Threemilestone Preschool CIO" in text
    )


def test_policies_index_lists_every_policy_with_its_facts(real_build):
    text = _text(real_build, "policies/index.html")
    for title in ("Social Media Policy", "Complaints Policy"):
        assert title in text
    assert text.count("1.0") >= 2
    assert "1 September 2026" in text
    assert "1 September 2027" in text


def _paginated_site(site, articles=25):
    for number in range(articles):
        site.write(
            f"news/generated-{number:02d}.md",
            f"""
            Title: Generated news item {number}
            Date: 2026-10-{number % 28 + 1:02d}
            Category: Events
            Tags: bulk, events
            Slug: generated-{number:02d}

            Body of item {number}.
            """,
        )
    return site


def test_every_kind_of_page_must_link_every_required_policy(small_site):
    """A theme without the policy links: every page is named, the kinds easy to forget too."""
    base = small_site.theme / "templates/base.html"
    html, removed = re.subn(r"\{% for policy in POLICIES.*?\{% endfor %\}", "",
                            base.read_text(), flags=re.S)  # fmt: skip
    assert removed == 1
    base.write_text(html)
    build = _paginated_site(small_site).build()
    assert_clean_failure(build, "no link to the required policy 'complaints'")
    for page in (  # (the home page, 404 and a few others link the policies in their text)
        "news/page-2/index.html",
        "news/tag/bulk/index.html",
        "news/tag/bulk/page-2/index.html",
        "news/category/events/index.html",
        "news/archives/index.html",
        "news/generated-00/index.html",
    ):
        for slug in POLICY_FILES:
            assert f"output/{page}: no link to the required policy {slug!r}" in build.log, page


def _replace_field(site, policy, field, value):
    path = site.content / "policies" / policy
    text = re.sub(rf"^{field}:.*$", f"{field}: {value}", path.read_text(), count=1, flags=re.M)
    path.write_text(text)


def _policy_page(**changes):
    """A stub of what Pelican hands the plugin for a policy source: metadata as read."""
    metadata = {
        "title": "Complaints Policy", "summary": "<p>How to complain.</p>",
        "adopted": "2026-09-01", "review": "2027-09-01", "version": "1.0",
        "signed_by": "Sarah Wallis", "signed_role": "Trustee",
    }  # fmt: skip
    metadata.update(changes)
    return SimpleNamespace(metadata={k: v for k, v in metadata.items() if v is not None},
                           source_path="content/policies/complaints.md", slug="complaints",
                           relative_source_path="policies/complaints.md")  # fmt: skip


SETTINGS = {"POLICY_URL": "policies/{slug}/", "POLICY_SAVE_AS": "policies/{slug}/index.html"}
TODAY = datetime.date(2026, 12, 1)


def test_a_policy_is_read_from_its_fields():
    policy, problems = read_policy(_policy_page(), SETTINGS, TODAY)
    assert problems == []
    assert (policy.adopted, policy.review) == (datetime.date(2026, 9, 1), datetime.date(2027, 9, 1))
    assert (policy.summary, policy.url) == ("How to complain.", "policies/complaints/")
    assert policy.save_as == "policies/complaints/index.html"
    assert not policy.overdue
    assert read_policy(_policy_page(review="2026-11-30"), SETTINGS, TODAY)[0].overdue


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"review": "31/02/2026"}, 'line 5: Review: "31/02/2026" is not a date; use YYYY-MM-DD'),
        ({"review": "2026-02-31"}, 'line 5: Review: "2026-02-31" is not a date; use YYYY-MM-DD'),
        ({"adopted": "1/9/2026"},
         "line 4: Adopted: \"1/9/2026\" is not a date; write 'Adopted: 2026-09-01'"),
        ({"review": "2026-01-01"}, "line 5: Review: 2026-01-01 is not after Adopted (2026-09-01)"),
        ({"review": "2026-09-01"}, "line 5: Review: 2026-09-01 is not after Adopted (2026-09-01)"),
        *(({field: None}, f"{label}: missing; add a line '{label}: ...'")
          for field, label in [("summary", "Summary"), ("adopted", "Adopted"),
                               ("review", "Review"), ("version", "Version"),
                               ("signed_by", "Signed_By"), ("signed_role", "Signed_Role"),
                               ("title", "Title")]),
        ({"summary": "<p> </p>"}, "Summary: missing"),
    ],
)  # fmt: skip
def test_a_policy_mistake_is_one_problem(changes, message):
    policy, problems = read_policy(_policy_page(**changes), SETTINGS, TODAY)
    assert policy is None
    (problem,) = problems
    assert problem.path == "content/policies/complaints.md"
    assert problem.message.startswith(message), problem.message


def test_a_policy_mistake_stops_the_build_before_writing(small_site):
    _replace_field(small_site, "complaints.md", "Review", "31/02/2026")
    _replace_field(small_site, "social-media.md", "Review", "2026-01-01")
    build = small_site.build()
    assert_clean_failure(
        build,
        'content/policies/complaints.md: line 5: Review: "31/02/2026" is not a date in the form '
        "YYYY-MM-DD",
    )
    assert not build.output.exists(), "nothing should be written when the input is bad"


POLICIES_BY_SLUG = {"complaints": SimpleNamespace(relative_source="policies/complaints.md")}


@pytest.mark.parametrize(
    ("html", "resolved"),
    [
        ('<a href="{policy}complaints">x</a>', '<a href="{filename}/policies/complaints.md">x</a>'),
        ("<a href='{policy}complaints/#how'>x</a>",
         "<a href='{filename}/policies/complaints.md#how'>x</a>"),
        ('<a href="{policy}complaints?x=1">', '<a href="{filename}/policies/complaints.md?x=1">'),
        ("<p>{policy}complaints in text</p>", "<p>{policy}complaints in text</p>"),
    ],
)  # fmt: skip
def test_policy_links_become_filename_links(html, resolved):
    assert resolve_policy_links(html, "content/news/x.md", POLICIES_BY_SLUG) == (resolved, [])


def test_an_unknown_policy_link_is_a_problem_naming_the_known_slugs():
    html = '<a href="{policy}complaint">x</a>'
    result, (problem,) = resolve_policy_links(html, "content/news/typo.md", POLICIES_BY_SLUG)
    assert result == html
    assert str(problem) == (
        "content/news/typo.md: {policy}complaint: there is no policy with that slug; "
        "did you mean {policy}complaints? (known: complaints)"
    )


def test_review_before_adoption_is_refused(small_site):
    _replace_field(small_site, "complaints.md", "Review", "2026-01-01")
    assert_clean_failure(
        small_site.build(),
        "content/policies/complaints.md: line 5: Review: 2026-01-01 is not after",
    )


@pytest.mark.parametrize(
    ("html", "targets"),
    [
        ('<a href="a.html">x</a><link href="s.css"><img src="i.png"><area href="m.html">'
         '<iframe src="f.html"></iframe><script src="j.js"></script>'
         '<picture><source srcset="w.webp 2x, v.webp 3x"></picture>',
         {"a.html", "s.css", "i.png", "m.html", "f.html", "j.js", "w.webp", "v.webp"}),
        ('<img src="a.png" srcset="a2.png 2x,a3.png 3x">', {"a.png", "a2.png", "a3.png"}),
        # The regexes this replaced got these wrong:
        ("<!-- <a href='gone.html'>old</a> -->", set()),
        ("<a href=fees/>fees</a>", {"fees/"}),
        ('<a href="caf&eacute;.html">x</a>', {"caf\u00e9.html"}),
        ("<a title=\"see href='x.html'\" href=\"y.html\">y</a>", {"y.html"}),
        ('<textarea><a href="typed.html"></textarea>', set()),
        # Attributes that load nothing are not links.
        ('<a data-href="d.html" name="n">x</a><div src="d.png"></div>', set()),
    ],
    ids=["every kind", "src and srcset", "comment", "unquoted", "entity", "href in a title",
         "text in a textarea", "not links"],
)  # fmt: skip
def test_link_targets_are_read_as_a_browser_reads_the_page(html, targets):
    assert set(link_targets(html)) == targets


def test_a_broken_link_is_found_even_after_an_attribute_that_mentions_href():
    html = '<a title="see href=\'index.html\'" href="gone.html">x</a>'
    (finding,) = check_page_links("p.html", html, {"index.html", "p.html"}, {}, "", "out/p.html")
    assert finding.rule == "broken link to 'gone.html'"


def test_policy_links_resolve_from_any_page(small_site):
    small_site.write(
        "news/deep.md",
        """
        Title: How to raise a concern
        Date: 2026-11-02
        Slug: raise-a-concern

        Read [our complaints policy]({policy}complaints) or the
        [social media one]({policy}social-media#aim).
        """,
    )
    build = small_site.build()
    assert build.returncode == 0, build.log
    page = build.output / "news/raise-a-concern/index.html"
    hrefs = [a.attributes["href"] for a in _main(page.read_text()).css("a[href*='policies/']")]
    assert hrefs == ["../../policies/complaints/", "../../policies/social-media/#aim"]


def test_an_overdue_review_warns_and_tells_visitors(small_site):
    _replace_field(small_site, "complaints.md", "Adopted", "2019-01-01")
    _replace_field(small_site, "complaints.md", "Review", "2020-01-01")
    build = small_site.build()
    assert build.returncode == 0, build.log
    assert (
        "content/policies/complaints.md: warning: the review due on 2020-01-01 is overdue"
        in build.log
    )
    page = " ".join(build.read(POLICY_FILES["complaints"]).split())
    assert "due for review" in page
    other = " ".join(build.read(POLICY_FILES["social-media"]).split())
    assert "due for review" not in other


def test_a_new_policy_appears_on_every_page_without_template_changes(small_site):
    small_site.write(
        "policies/safeguarding.md",
        """
        Title: Safeguarding Policy
        Summary: How we keep children safe.
        Adopted: 2026-09-01
        Review: 2027-09-01
        Version: 1.0
        Signed_By: Sarah Wallis
        Signed_Role: Trustee

        ## Our commitment

        Children's welfare comes first.
        """,
    )
    build = small_site.build()
    assert build.returncode == 0, build.log
    assert (build.output / "policies/safeguarding/index.html").is_file()
    for page in build.html_pages():
        assert "policies/safeguarding/index.html" in _links_from(build, page), page
