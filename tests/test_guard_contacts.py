"""Phone numbers and e-mail addresses as people type them, beside the dates, times,
image names and the site's own contacts that must not be taken for them."""

import pytest

from guard.checks import public_contacts
from guard.matching.contacts import emails_in, phones_in
from guard.matching.scan import Scanner
from guard.watchlist.entities import CONTACT
from guard.watchlist.watched import Watched

PHONES = {
    "spaces": "07700 900318",
    "dots": "07700.900.318",
    "dashes": "07700-900-318",
    "Word's en dash": "07700 \u2013 900318",
    "slashes": "07700/900318",
    "brackets": "(07700) 900318",
    "+44": "+44 7700 900318",
    "+44 (0)": "+44 (0)7700 900318",
    "0044": "0044 7700 900318",
    "44": "44 7700 900318",
    "run together": "+447700900318",
}

NOT_PHONES = {
    "a date with dots": "02.10.2026",
    "a time": "9.15",
    "session times": "09.00-12.00 13.00-15.30",
    "a date and time": "03-10-2026 14:00",
    "an ISO date": "2026-11-26",
    "a charity number": "Charity 1234567",
    "a version": "version 10.0.1",
    "inside a word": "x07700900318",
}

EMAILS = {
    "plain": "jo.bloggs@example.org",
    "(at) and (dot)": "jo.bloggs (at) example (dot) org",
    "[at] and [dot]": "jo.bloggs[at]example[dot]org",
    "at in a sentence": "write to jo.bloggs at example.org today",
    "spaces round @": "jo.bloggs @ example.org",
    "upper case": "Jo.Bloggs@Example.ORG",
    "mailto": "mailto:jo.bloggs@example.org",
}

NOT_EMAILS = {
    "retina image": '<img src="logo@2x.png">',
    "retina image, fractional": "photo@1.5x.jpg",
    "at before a word": "look at bbc.co.uk",
    "at after a common word": "the ICO website at ico.org.uk",
    "at before a time": "meet at 10.30",
    "at in a sentence": "see you at the fair",
    "a CSS rule": "@media print { a { color: black } }",
}


@pytest.mark.parametrize("form", sorted(PHONES))
def test_each_way_of_writing_a_phone_number_is_found(form):
    assert list(phones_in(PHONES[form].casefold())) == ["07700900318"], form


@pytest.mark.parametrize("form", sorted(NOT_PHONES))
def test_dates_times_and_other_numbers_are_not_phone_numbers(form):
    assert list(phones_in(NOT_PHONES[form].casefold())) == [], form


@pytest.mark.parametrize("form", sorted(EMAILS))
def test_each_way_of_writing_an_address_is_found(form):
    assert list(emails_in(EMAILS[form].casefold())) == ["jo.bloggs@example.org"], form


@pytest.mark.parametrize("form", sorted(NOT_EMAILS))
def test_image_names_and_words_are_not_addresses(form):
    assert list(emails_in(NOT_EMAILS[form].casefold())) == [], form


def _rules(scanner, text):
    return {f.rule for f in scanner.scan_file("out/p.html", text.encode())}


@pytest.mark.parametrize(
    "fact",
    [
        "01872 654321 (press 1)",
        "01872 654321 ext. 3",
        "01872 654321 or 07700 900555",
        "mailto:office@example.org",
        "Tel: +44 (0)1872 654321",
    ],
)
def test_the_site_s_own_contacts_are_read_out_of_facts_with_notes(fact):
    settings = {"PUBLIC_CONTACTS": [], "SITE_FACTS": {"phone": fact, "email": fact}}
    scanner = Scanner([], public_contacts(settings))
    page = "Ring 01872 654 321 or 07700-900555, or write to office (at) example (dot) org"
    expected = {"unlisted phone number"} if "07700" not in fact else set()
    if "office@" not in fact:
        expected.add("unlisted email address")
    assert _rules(scanner, page) == expected, fact


def test_placeholder_facts_are_not_public_contacts():
    settings = {"PUBLIC_CONTACTS": [], "SITE_FACTS": {"phone": "TBC: 01872 654321"}}
    assert _rules(Scanner([], public_contacts(settings)), "01872 654321") == {
        "unlisted phone number"
    }


def test_an_unlisted_spelled_out_address_and_number_are_found():
    scanner = Scanner([], [])
    assert _rules(scanner, "jo (at) example (dot) org, 0044 7700 900318") == {
        "unlisted email address",
        "unlisted phone number",
    }


def test_a_watched_contact_is_a_leak_of_its_value_in_any_layout():
    watched = [Watched("staff_contact", "content/x.md", "07700 900318", CONTACT)]
    scanner = Scanner(watched, ["07700 900318"])  # even if someone also listed it
    for text in ("+44 (0)7700 900318", "07700\u2013900\u2013318"):
        (finding,) = scanner.scan_file("out/p.html", text.encode())
        assert (finding.rule, finding.origin) == ("staff_contact", "content/x.md")
