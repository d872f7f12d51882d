"""A watched person's full name is found as people write it; a first name or a
surname alone is not. In-process, on the scanner: fast."""

import pytest

from guard.matching.scan import Scanner
from guard.watchlist.entities import PERSON
from guard.watchlist.watched import Watched

NAME = "Jessamy Polglase"

FOUND = {
    "as written": "<p>Jessamy Polglase</p>",
    "any case": "<p>JESSAMY polglase</p>",
    "surname first with a comma": "<td>Polglase, Jessamy</td>",
    "middle name": "<p>Jessamy Ann Polglase</p>",
    "middle initial": "<p>Jessamy A. Polglase</p>",
    "two middle names": "<p>Jessamy Ann Morwenna Polglase</p>",
    "hashtag": "<p>#WellDoneJessamyPolglase</p>",
    "CamelCase": "<p>JessamyPolglase</p>",
    "possessive": "<p>Jessamy Polglase's painting</p>",
    "typographic possessive": "<p>Jessamy Polglase\u2019s painting</p>",
    "across a line break": "<p>Jessamy\nPolglase</p>",
    "across inline markup": "<p>Jessamy <strong>Polglase</strong></p>",
    "entities": "<p>&#74;essamy Polglase</p>",
    "slug": '<a href="/news/jessamy-polglase/">x</a>',
}

NOT_FOUND = {
    "first name and surname apart": "<p>Jessamy and her dad Mr Polglase came to the fair</p>",
    "first name alone": "<p>Jessamy painted a tree</p>",
    "surname alone": "<p>Mr Polglase fixed the gate</p>",
    "an everyday word between": "<p>Jessamy and Polglase</p>",
    "initial and surname": "<p>J. Polglase</p>",
    "first name and initial": "<p>Jessamy P.</p>",
    "longer surname": "<p>Jessamy Polglasewood</p>",
    "longer first name": "<p>Jessamyn Polglase</p>",
}


def _scanner(*names):
    return Scanner([Watched("child_name", "content/x.md", n, PERSON) for n in names], [])


def _found(scanner, html):
    return {f.rule for f in scanner.scan_file("out/p.html", html.encode())} == {"child_name"}


@pytest.mark.parametrize("form", sorted(FOUND))
def test_each_way_of_writing_a_full_name_is_found(form):
    assert _found(_scanner(NAME), FOUND[form]), form


@pytest.mark.parametrize("form", sorted(NOT_FOUND))
def test_part_of_a_name_is_not_a_finding(form):
    assert _scanner(NAME).scan_file("out/p.html", NOT_FOUND[form].encode()) == set(), form


@pytest.mark.parametrize(
    ("watched", "written"),
    [
        ("\u0141ukasz Wr\u00f3bel", "Lukasz Wrobel"),
        ("Lukasz Wrobel", "\u0141ukasz Wr\u00f3bel"),
        ("S\u00f8ren Kj\u00e6r", "Soren Kjaer"),
        ("Soren Kjaer", "S\u00f8ren Kj\u00e6r"),
        ("Gre\u00df Wei\u00df", "Gress WEISS"),
        ("Ren\u00e9e Dupr\u00e9", "Renee Dupre"),
        ("Renee Dupre", "REN\u00c9E DUPR\u00c9"),
    ],
    ids=["L-stroke", "to L-stroke", "o-slash", "to o-slash", "sharp s", "acute", "to acute"],
)
def test_accents_and_letters_outside_ascii_fold_both_ways(watched, written):
    assert _found(_scanner(watched), f"<p>{written}</p>")


def test_a_watched_middle_name_and_a_double_barrelled_surname():
    scanner = _scanner("Mary-Jane Ann O'Neill-Smythe")
    assert _found(scanner, "<p>Mary-Jane O\u2019Neill-Smythe</p>")
    assert _found(scanner, "<p>O'Neill-Smythe, Mary-Jane</p>")
    assert not _found(scanner, "<p>Mary O'Neill-Smythe</p>")


def test_a_name_finding_never_holds_the_name():
    (finding,) = _scanner(NAME).scan_file("out/p.html", b"<p>Polglase, Jessamy</p>")
    for shown in (repr(finding), str(finding)):
        if "polglase" in shown.casefold():
            pytest.fail("a finding shows the name", pytrace=False)
