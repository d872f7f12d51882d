"""The theme's settings-driven parts: menus from MENU_ITEMS, page variants by
`Template:`, the policy contents list from the toc extension's headings, <time>.

The reader that keeps the headings is tested in-process; the theme in one real build.
"""

from types import SimpleNamespace

import pytest
from conftest import REPO, Site
from pelican import readers
from pelican.settings import read_settings
from selectolax.lexbor import LexborHTMLParser

from guard.readers import StaffOnlyRemoved, remove_staff_only_everywhere
from policies.toc import KeepsHeadings, MarkdownReader, flat_headings, use_toc_reader

POLICY_HEADER = """\
Title: {title}
Slug: {slug}
Summary: A policy written for this test.
Adopted: 2026-09-01
Review: 2027-09-01
Version: 1.0
Signed_By: A Trustee
Signed_Role: Trustee

"""


def _settings():
    return read_settings(str(REPO / "pelicanconf.py"))


def test_the_reader_keeps_every_heading_after_the_summary_is_converted(tmp_path):
    # Pelican converts Summary with the same Markdown instance after the page,
    # which resets the extension's tokens: they must be taken before that.
    source = tmp_path / "page.md"
    source.write_text(
        "Title: T\nSummary: A *short* summary.\n\n"
        "## Parents' rights & duties\n\n### Detail\n\ntext\n\n## Last {#custom}\n",
        encoding="utf-8",
    )
    _content, metadata = MarkdownReader(_settings()).read(str(source))
    assert [(h["level"], h["id"]) for h in metadata["toc"]] == [
        (2, "parents-rights-duties"),
        (3, "detail"),
        (2, "custom"),
    ]
    assert metadata["toc"][0]["name"] == "Parents&rsquo; rights &amp; duties"
    assert "children" not in metadata["toc"][0]


def test_a_page_without_headings_has_an_empty_toc(tmp_path):
    source = tmp_path / "page.md"
    source.write_text("Title: T\n\nJust a paragraph.\n", encoding="utf-8")
    assert MarkdownReader(_settings()).read(str(source))[1]["toc"] == []


def test_flat_headings_keeps_document_order():
    tokens = [
        {"level": 1, "id": "a", "children": [{"level": 2, "id": "b", "children": []}]},
        {"level": 1, "id": "c", "children": []},
    ]
    assert [h["id"] for h in flat_headings(tokens)] == ["a", "b", "c"]


def test_every_markdown_reader_keeps_its_headings_and_no_other_reader_changes():
    class SiteReader(readers.MarkdownReader):
        pass

    registry = SimpleNamespace(
        reader_classes={"md": readers.MarkdownReader, "mkd": SiteReader, "rst": readers.RstReader}
    )
    use_toc_reader(registry)
    assert registry.reader_classes["md"] is MarkdownReader
    assert issubclass(registry.reader_classes["mkd"], SiteReader), "the site's reader is kept"
    assert issubclass(registry.reader_classes["mkd"], KeepsHeadings)
    assert registry.reader_classes["mkd"].__name__ == "SiteReader"
    assert registry.reader_classes["rst"] is readers.RstReader


def test_the_guards_staff_only_removal_survives_in_either_order():
    for order in ((remove_staff_only_everywhere, use_toc_reader),
                  (use_toc_reader, remove_staff_only_everywhere)):  # fmt: skip
        registry = SimpleNamespace(reader_classes={"md": readers.MarkdownReader})
        for step in order:
            step(registry)
        assert issubclass(registry.reader_classes["md"], StaffOnlyRemoved)
        assert issubclass(registry.reader_classes["md"], KeepsHeadings)
    assert MarkdownReader.__name__ == "MarkdownReader"  # page.reader stays "markdown"


@pytest.fixture(scope="module")
def themed(tmp_path_factory):
    """One real build: a changed menu, a page variant on a new page, a policy with
    h2s and an h3, a policy with one h2, and a dated article."""
    site = Site(tmp_path_factory.mktemp("theme"), content=False)
    site.overrides["MENU_ITEMS"] = [
        ("Start", "index"),
        ("Our policies", "policies", ["policies/"]),
        ("Fees", "sessions-and-fees"),
    ]
    site.overrides["FOOTER_MENU_ITEMS"] = [("Privacy", "privacy")]
    site.write(
        "pages/visit.md",
        "Title: Visit us\nSlug: visit\nTemplate: page-contact\n\nCome and see us.\n",
    )
    site.write(
        "policies/headings.md",
        POLICY_HEADER.format(title="Headings Policy", slug="headings")
        + "## Parents' rights & duties\n\nA.\n\n### A detail\n\nB.\n\n## What we do\n\nC.\n",
    )
    site.write(
        "policies/single.md",
        POLICY_HEADER.format(title="Single Policy", slug="single") + "## Only part\n\nA.\n",
    )
    site.write(
        "news/dated.md",
        "Title: Dated\nDate: 2026-10-02\nModified: 2026-10-05\nSlug: dated\n"
        "Category: News\n\nSee the [complaints policy]({policy}complaints).\n",
    )
    build = site.build()
    assert build.returncode == 0, build.log
    return build


def _soup(build, relative):
    return LexborHTMLParser(build.read(relative))


def test_the_menus_come_from_the_settings(themed):
    soup = _soup(themed, "policies/complaints/index.html")
    menu = [
        (a.text(), a.attributes["href"], a.attributes.get("aria-current"))
        for a in soup.css("nav.site-nav a")
    ]
    assert menu == [
        ("Start", "../../", None),
        ("Our policies", "../../policies/", "true"),
        ("Fees", "../../sessions-and-fees/", None),
    ]
    footer = [(a.text(), a.attributes["href"]) for a in soup.css("ul.footer-links a")]
    assert footer == [("Privacy", "../../privacy/")]
    on_index = _soup(themed, "policies/index.html").css("nav.site-nav a")
    assert [a.attributes.get("aria-current") for a in on_index] == [None, "page", None]


def test_page_variants_follow_the_template_field_not_the_slug(themed):
    def facts(relative):
        return [h.text() for h in _soup(themed, relative).css(".site-facts h2")]

    assert facts("visit/index.html") == ["Our contact details"]
    assert facts("contact/index.html") == ["Our contact details"]
    assert facts("sessions-and-fees/index.html") == ["Session times, fees and funded hours"]
    assert facts("about/index.html") == []


def test_the_policy_contents_lists_its_h2s_in_order(themed):
    soup = _soup(themed, "policies/headings/index.html")
    links = [(a.attributes["href"], a.text()) for a in soup.css("nav.toc ol a")]
    assert links == [
        ("#parents-rights-duties", "Parents\u2019 rights & duties"),
        ("#what-we-do", "What we do"),
    ]
    for href, _text in links:
        assert soup.css_first(f"h2{href}") is not None, f"no heading for {href}"
    assert "Parents\u2019 rights &amp; duties</a>" in themed.read("policies/headings/index.html")


def test_a_policy_with_one_section_has_no_contents_list(themed):
    assert _soup(themed, "policies/single/index.html").css("nav.toc") == []


def test_dates_are_time_elements_with_the_formatted_date(themed):
    meta = _soup(themed, "news/dated/index.html").css("p.meta time")
    assert [(t.attributes["datetime"][:10], t.text()) for t in meta] == [
        ("2026-10-02", "2 October 2026"),
        ("2026-10-05", "5 October 2026"),
    ]
    facts = _soup(themed, "policies/single/index.html").css("dl.facts time")
    assert [(t.attributes["datetime"], t.text()) for t in facts] == [
        ("2026-09-01", "1 September 2026"),
        ("2027-09-01", "1 September 2027"),
    ]
