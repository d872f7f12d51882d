"""The scanner on its own, on the bytes of one output file: each disguise that
publishing can give a value is still found, and near misses are not.

The real-build tests in test_confidential.py show the routes end to end; a theme may
also show a value in a plainer form elsewhere on the same page (a meta description
strips tags and entities), so these pin down each decoding step by itself.
"""

import pytest

from guard.matching.scan import Scanner
from guard.watchlist.watched import Watched

SECRET = "Zebedee Quartermaine"

DISGUISES = {
    "plain": "<p>Zebedee Quartermaine</p>",
    "decimal entities": "<p>&#90;ebedee &#81;uartermaine</p>",
    "hex entities": "<p>&#x5A;ebedee &#x51;uartermaine</p>",
    "double-encoded entities (Atom)": "<summary>&amp;#90;ebedee Quartermaine</summary>",
    "escaped markup in a feed": "&lt;p&gt;Zebedee &lt;em&gt;Quartermaine&lt;/em&gt;&lt;/p&gt;",
    "percent-encoded": '<a href="/?q=Zebedee%20Quartermaine">x</a>',
    "double percent-encoded": '<a href="/?q=Zebedee%2520Quartermaine">x</a>',
    "JSON unicode escapes": '{"who": "\\u005aebedee \\u0051uartermaine"}',
    "split by an inline tag": "<p>Zebedee <em>Quartermaine</em></p>",
    "split inside a word": "<p>Zebedee Quarter<strong>maine</strong></p>",
    "split by a line break": "<p>Zebedee<br>\nQuartermaine</p>",
    "soft hyphen": "<p>Zebedee Quarter\u00admaine</p>",
    "soft hyphen entity": "<p>Zebedee Quarter&shy;maine</p>",
    "zero-width characters": "<p>Zebe\u200bdee Quarter\u2060maine</p>",
    "upper case": "<p>ZEBEDEE QUARTERMAINE</p>",
    "slug": '<a href="/news/zebedee-quartermaine/">x</a>',
    "fullwidth letters (NFKC)": "<p>\uff3aebedee Quartermaine</p>",
    "accents": "<p>Z\u00e9bed\u00e9e Quartermaine</p>",
    "in an attribute": '<img alt="Zebedee Quartermaine" src="x.png">',
    "in a comment": "<!-- Zebedee Quartermaine -->",
}


def _scanner(*values, contacts=()):
    return Scanner([Watched("child_name", "content/x.md", v) for v in values], list(contacts))


@pytest.mark.parametrize("name", sorted(DISGUISES))
def test_each_disguise_is_found(name):
    findings = _scanner(SECRET).scan_file("out/page.html", DISGUISES[name].encode())
    assert {f.rule for f in findings} == {"child_name"}, name


def test_a_value_in_a_binary_file_is_found():
    data = b"\x89PNG\r\n\x1a\n\x00\x00tEXtComment\x00Zebedee Quartermaine\x00\xff"
    assert _scanner(SECRET).scan_file("out/photo.png", data)


def test_a_value_in_a_file_name_is_found():
    findings = _scanner(SECRET).scan_file("out/x.txt", b"nothing", "files/zebedee-quartermaine.txt")
    assert findings


@pytest.mark.parametrize(
    "text",
    [
        "<p>Joann Hopkins</p>",
        "<p>Ann Hopkinson</p>",
        "<p>Annabel Hopkins</p>",
        "<p>ann-hopkinsworth</p>",
        "<p>Ann and Hopkins</p>",
    ],
    ids=["longer first name", "longer surname", "prefix", "slug of a longer word", "apart"],
)
def test_near_misses_are_not_findings(text):
    assert _scanner("Ann Hopkins").scan_file("out/page.html", text.encode()) == set()


def test_a_finding_never_holds_the_value():
    (finding,) = _scanner(SECRET).scan_file("out/page.html", b"<p>Zebedee Quartermaine</p>")
    for shown in (repr(finding), str(finding)):
        if "zebedee" in shown.casefold():  # not `assert`: pytest would print the value
            pytest.fail("a finding shows the value", pytrace=False)


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("call 07700 900123", "unlisted phone number"),
        ("call +44 7700 900123", "unlisted phone number"),
        ("call (01872) 555010", "unlisted phone number"),
        ("mail jo@example.net", "unlisted email address"),
        ('<a href="mailto:jo%40example.net">x</a>', "unlisted email address"),
    ],
)
def test_unlisted_contacts_are_found(text, rule):
    assert {f.rule for f in _scanner().scan_file("out/p.html", text.encode())} == {rule}


def test_listed_contacts_match_in_any_layout():
    scanner = _scanner(contacts=["01872 555010", "Hello@Example.org"])
    text = "ring +44 (0)1872 555010 or 01872-555-010, or write to hello@example.org"
    assert scanner.scan_file("out/p.html", text.encode()) == set()


def test_numbers_that_are_not_phone_numbers_are_ignored():
    text = "Charity 1234567, URN EY123456, 2026-11-26, version 10.0.1, 30 children"
    assert _scanner().scan_file("out/p.html", text.encode()) == set()
