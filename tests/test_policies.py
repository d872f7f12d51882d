"""Policies: rendered faithfully, validated, and linked from every generated page."""

import re

import pytest
from bs4 import BeautifulSoup
from conftest import assert_clean_failure

from policies.links import link_targets, resolve

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


def _text(build, relative):
    soup = BeautifulSoup(build.read(relative), "html.parser")
    return " ".join(soup.find("main").get_text(" ").split())


def _links_from(build, page):
    relative = page.relative_to(build.output).as_posix()
    return {resolve(url, relative, "") for url in link_targets(page.read_text())}


def test_social_media_policy_has_all_eight_examples_verbatim(real_build):
    items = BeautifulSoup(
        build_html := real_build.read(POLICY_FILES["social-media"]), "html.parser"
    )
    listed = [" ".join(li.get_text().split()) for li in items.find("main").find_all("li")]
    for example in EIGHT_EXAMPLES:
        assert example in listed, example
    assert "Statement of intent" in build_html


def test_social_media_policy_links_the_complaints_policy(real_build):
    soup = BeautifulSoup(real_build.read(POLICY_FILES["social-media"]), "html.parser")
    link = soup.find("main").find("a", string=re.compile("Complaints Policy"))
    assert link is not None
    assert resolve(link["href"], POLICY_FILES["social-media"], "") == POLICY_FILES["complaints"]
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


def test_every_generated_page_links_both_policies(site):
    build = _paginated_site(site).build()
    assert build.returncode == 0, build.log
    pages = build.html_pages()
    names = {p.relative_to(build.output).as_posix() for p in pages}
    # The kinds of page that are easy to forget: pagination, taxonomies, 404, the index.
    for must_exist in (
        "index.html",
        "news/page-2/index.html",
        "news/tag/bulk/index.html",
        "news/tag/bulk/page-2/index.html",
        "news/category/events/index.html",
        "news/archives/index.html",
        "404.html",
        "policies/index.html",
    ):
        assert must_exist in names, must_exist
    for page in pages:
        reached = _links_from(build, page)
        for slug, target in POLICY_FILES.items():
            assert target in reached, f"{page.relative_to(build.output)} does not link {slug}"


def test_a_theme_that_forgets_the_policy_links_fails_the_build(small_site):
    base = small_site.theme / "templates/base.html"
    html = base.read_text()
    html, removed = re.subn(r"\{% for policy in POLICIES.*?\{% endfor %\}", "", html, flags=re.S)
    assert removed == 1
    base.write_text(html)
    small_site.write("pages/extra.md", "Title: Extra\nSlug: extra\n\nAn extra page.\n")
    build = small_site.build()
    assert_clean_failure(build, "no link to the required policy 'complaints'")
    # Every offending page is listed, not just the first.
    assert "output/extra/index.html: no link" in build.log
    assert "output/about/index.html: no link" in build.log


def test_a_missing_required_policy_fails_the_build(small_site):
    small_site.remove("policies/complaints.md")
    small_site.write(
        "pages/note.md", "Title: Note\nSlug: note\n\nSee [it]({policy}social-media).\n"
    )
    build = small_site.build()
    assert_clean_failure(build, "required policy 'complaints' is missing")


def test_required_policies_setting_is_honoured(small_site):
    small_site.overrides["REQUIRED_POLICIES"] = ["social-media", "complaints", "safeguarding"]
    assert_clean_failure(small_site.build(), "required policy 'safeguarding' is missing")


def _replace_field(site, policy, field, value):
    path = site.content / "policies" / policy
    text = re.sub(rf"^{field}:.*$", f"{field}: {value}", path.read_text(), count=1, flags=re.M)
    path.write_text(text)


def test_an_impossible_review_date_gives_one_clear_line(small_site):
    _replace_field(small_site, "complaints.md", "Review", "31/02/2026")
    build = small_site.build()
    assert_clean_failure(
        build,
        'content/policies/complaints.md: Review: "31/02/2026" is not a date (use YYYY-MM-DD)',
    )
    assert not build.output.exists(), "nothing should be written when the input is bad"


@pytest.mark.parametrize(
    "field", ["Summary", "Adopted", "Review", "Version", "Signed_By", "Signed_Role"]
)
def test_a_missing_policy_field_is_named(small_site, field):
    path = small_site.content / "policies/social-media.md"
    path.write_text(re.sub(rf"^{field}:.*\n", "", path.read_text(), count=1, flags=re.M))
    assert_clean_failure(small_site.build(), f"content/policies/social-media.md: {field}: missing")


def test_review_before_adoption_is_refused(small_site):
    _replace_field(small_site, "complaints.md", "Review", "2026-01-01")
    assert_clean_failure(
        small_site.build(), "content/policies/complaints.md: Review: 2026-01-01 is not after"
    )


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
    main = BeautifulSoup(page.read_text(), "html.parser").find("main")
    hrefs = [a["href"] for a in main.find_all("a") if "policies/" in a["href"]]
    assert hrefs == ["../../policies/complaints/", "../../policies/social-media/#aim"]


def test_an_unknown_policy_link_names_the_file_and_slug(small_site):
    small_site.write(
        "news/typo.md",
        "Title: Typo\nDate: 2026-11-02\nSlug: typo\n\nSee [it]({policy}complaint).\n",
    )
    build = small_site.build()
    assert_clean_failure(
        build, "content/news/typo.md: {policy}complaint: there is no policy with that slug"
    )


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
