"""Phone numbers and e-mail addresses in content are tel: and mailto: links (issue 18,
item 9): the Markdown extension in-process, then every page of real builds."""

import markdown
import pytest
from selectolax.lexbor import LexborHTMLParser

from authoring.tappable import TappableContactsExtension, contact_links, tel_href
from guard.matching.contacts import contact_spans

TEST_PHONE = "01872 654 321"
TEST_EMAIL = "office@threemilestone-preschool.example"


def _html(text):
    md = markdown.Markdown(
        extensions=[
            "markdown.extensions.extra",
            "markdown.extensions.smarty",
            TappableContactsExtension(),
        ],
        output_format="html5",
    )
    return md.convert(text)


def _links(html):
    return [(a.attributes["href"], a.text()) for a in LexborHTMLParser(html).css("a")]


@pytest.mark.parametrize(
    ("text", "href", "shown"),
    [
        ("Ring 0300 123 4666 today.", "tel:+443001234666", "0300 123 4666"),
        ("Ring +44 (0)1872 654 321.", "tel:+441872654321", "+44 (0)1872 654 321"),
        ("Ring (01872) 654321 or not.", "tel:+441872654321", "(01872) 654321"),
        ("Mobile: 07700-900-123", "tel:+447700900123", "07700-900-123"),
        (
            "Email enquiries@ofsted.gov.uk.",
            "mailto:enquiries@ofsted.gov.uk",
            "enquiries@ofsted.gov.uk",
        ),
        (
            "Write to Jo.Bloggs@Example.org now",
            "mailto:Jo.Bloggs@Example.org",
            "Jo.Bloggs@Example.org",
        ),
        ("**Phone: 0300 123 1231**", "tel:+443001231231", "0300 123 1231"),
        ('It\'s "free": 0300 123 1231', "tel:+443001231231", "0300 123 1231"),
        ("Straße 1, 0300 123 1231", "tel:+443001231231", "0300 123 1231"),
    ],
)
def test_numbers_and_addresses_become_links(text, href, shown):
    assert _links(_html(text)) == [(href, shown)]


@pytest.mark.parametrize(
    "text",
    [
        "Call `0300 123 4666` (code).",
        "```\n0300 123 4666 and a@example.org\n```",
        "    0300 123 4666 indented code",
        "Already [call us](tel:03001234666) or [0300 123 4666](https://example.org/).",
        '<a href="https://example.org/">0300 123 4666</a>',
        "Spelled out: jo (at) example (dot) org.",
        "Dates and times: 03-10-2026 14:00, 09.00-12.00 13, 2026-09-01.",
        "A charity number 1234567 and a logo@2x.png",
    ],
)
def test_code_links_and_lookalikes_are_left_alone(text):
    html = _html(text)
    # No link made inside another: as many links as the text wrote itself.
    assert html.count("<a ") == text.count("](") + text.count("<a ")
    links = _links(html)
    assert [href for href, _ in links if href.startswith("tel:+44")] == []
    assert [href for href, _ in links if href.startswith("mailto:")] == []


def test_two_in_one_sentence_keep_the_text_between():
    pieces = contact_links("Ring 0300 123 4666 or 0300 123 1231, or a@example.org.")
    assert pieces == [
        "Ring ",
        ("tel:+443001234666", "0300 123 4666"),
        " or ",
        ("tel:+443001231231", "0300 123 1231"),
        ", or ",
        ("mailto:a@example.org", "a@example.org"),
        ".",
    ]
    assert tel_href("01872654321") == "tel:+441872654321"


def _unlinked_contacts(build):
    """Every phone number or written e-mail address shown outside a link and outside
    code, on every HTML page: (page, kind) pairs, never the value."""
    found = []
    for path in build.html_pages():
        body = LexborHTMLParser(path.read_text(encoding="utf-8")).body
        for node in body.traverse(include_text=True):
            if node.tag != "-text" or _inside(node, ("a", "code", "pre")):
                continue
            text = node.text_content
            for start, end, kind, _form in contact_spans(text):
                if kind == "phone" or "@" in text[start:end]:
                    found.append((path.relative_to(build.output).as_posix(), kind))
    return found


def _inside(node, tags):
    parent = node.parent
    while parent is not None:
        if parent.tag in tags:
            return True
        parent = parent.parent
    return False


def _linked(build, page, prefix):
    page = LexborHTMLParser(build.read(page))
    return sorted(a.attributes["href"] for a in page.css(f"main a[href^='{prefix}']"))


def test_ofsted_numbers_in_the_complaints_policy_are_links(real_build):
    page = "policies/complaints/index.html"
    assert _linked(real_build, page, "tel:") == ["tel:+443001231231", "tel:+443001234666"]
    assert _linked(real_build, page, "mailto:") == ["mailto:enquiries@ofsted.gov.uk"]
    assert _unlinked_contacts(real_build) == []


def test_what_staff_write_is_linked_on_every_kind_of_page(site):
    """A page, a post and a policy with the pre-school's own (listed) number and address."""
    site.overrides["PUBLIC_CONTACTS"] = [
        "enquiries@ofsted.gov.uk",
        "0300 123 4666",
        "0300 123 1231",
        TEST_PHONE,
        TEST_EMAIL,
    ]
    line = f"\n\nRing us on {TEST_PHONE} or email {TEST_EMAIL}.\n"
    for name in ("pages/contact.md", "news/autumn-walk.md", "policies/social-media.md"):
        path = site.content / name
        path.write_text(path.read_text(encoding="utf-8") + line, encoding="utf-8")
    build = site.build()
    assert build.returncode == 0, build.log
    for page in (
        "contact/index.html",
        "news/autumn-walk/index.html",
        "policies/social-media/index.html",
    ):
        assert "tel:+441872654321" in _linked(build, page, "tel:"), page
        assert f"mailto:{TEST_EMAIL}" in _linked(build, page, "mailto:"), page
    assert _unlinked_contacts(build) == []
