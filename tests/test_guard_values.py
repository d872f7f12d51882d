"""Watched values are parsed into what they name; structure is not a value; a value
too generic to watch is reported, not matched. Parsers in-process, then two real builds."""

import pytest
from conftest import assert_absent

from guard.matching.scan import Scanner
from guard.watchlist.entities import CONTACT, GENERIC, PERSON, PHRASE, REFERENCE, parse_value
from guard.watchlist.watched import generic_warnings, watched_in_markdown, watched_in_private_file

A, B = "Jessamy Polglase", "Zebedee Quartermaine"


def _named(text):
    return sorted((entity.kind, entity.text) for entity in parse_value(text))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (f"{A}, {B}", [(PERSON, A), (PERSON, B)]),
        (f"{A} and {B}", [(PERSON, A), (PERSON, B)]),
        (f"{A} & {B}", [(PERSON, A), (PERSON, B)]),
        (f"{A}; {B}", [(PERSON, A), (PERSON, B)]),
        ("Polglase, Jessamy", [(PERSON, A)]),
        (f"{A} (no photos on the website)", [(PERSON, A), (PHRASE, "no photos on the website")]),
        (f"{A}: collected by grandmother only",
         [(PERSON, A), (PHRASE, "collected by grandmother only")]),
        (f"{A} - looked after child", [(PERSON, A), (PHRASE, "looked after child")]),
        (f"{A} \u2013 looked after child", [(PERSON, A), (PHRASE, "looked after child")]),
        (f"{A}, deputy manager, 07700 900318",
         [(CONTACT, "07700 900318"), (PERSON, A), (PHRASE, "deputy manager")]),
        (f"Name: {A}", [(PERSON, A)]),
        (f"Key Worker: {A}", [(PERSON, A)]),
        (f"key worker for the Robins: {A}", [(PERSON, A)]),
        ("CR-2026-0173", [(REFERENCE, "CR-2026-0173")]),
        ("jo (at) example (dot) org", [(CONTACT, "jo (at) example (dot) org")]),
        (f"{B} needs a quiet space.",
         [(PERSON, B), (PHRASE, f"{B} needs a quiet space")]),
        ("Meeting with Cornwall Council about funding",
         [(PHRASE, "Meeting with Cornwall Council about funding")]),
    ],
    ids=lambda value: value if isinstance(value, str) and len(value) < 30 else None,
)  # fmt: skip
def test_a_value_is_parsed_into_what_it_names(value, expected):
    assert _named(value) == sorted(expected)


@pytest.mark.parametrize("value", ["Closed", "Withdrawn", "Upheld", "11/2026", "2026-11-26",
                                   "02.10.2026", "November 2026", "2026"])  # fmt: skip
def test_a_common_word_or_a_date_is_generic(value):
    assert [entity.kind for entity in parse_value(value)] == [GENERIC]


@pytest.mark.parametrize("value", ["CR-2026-11", "Quartermaine", "Partially upheld", "Robins"])
def test_a_rare_word_a_reference_or_a_phrase_is_watched(value):
    assert GENERIC not in [entity.kind for entity in parse_value(value)]


WATCHLIST = f"""# Staff only: never published

## Children

- {A} (no photos)
1. {B}

| Name | Note |
| --- | :---: |
| Perpetua Ravenscroft | collected by grandmother only |

> Ottoline Brackenbury
"""


def test_a_watchlist_s_structure_is_not_watched():
    found = watched_in_private_file("content/private/watchlist.md", WATCHLIST)
    assert sorted((w.kind, w.value, w.line) for w in found) == sorted(
        [
            (PERSON, A, 5),
            (PERSON, B, 6),
            (PERSON, "Perpetua Ravenscroft", 10),
            (PHRASE, "collected by grandmother only", 10),
            (PERSON, "Ottoline Brackenbury", 12),
            (PHRASE, "no photos", 5),
        ]
    )


def test_the_structure_of_a_watchlist_blocks_nothing():
    found = watched_in_private_file("content/private/watchlist.md", WATCHLIST)
    page = "<h2>Children</h2><table><tr><th>Name</th><th>Note</th></tr></table>Staff only"
    assert Scanner(found, []).scan_file("out/p.html", page.encode()) == set()


def test_a_generic_field_is_warned_about_by_line_and_field_without_its_value():
    text = "Title: T\nComplaint_Reference: 11/2026\nComplaint_Outcome: Withdrawn\n\nBody.\n"
    found, problems = watched_in_markdown(
        "content/news/x.md", text, {"complaint_outcome", "complaint_reference"}
    )
    assert problems == []
    lines = generic_warnings(found)
    assert [line.split(" is too generic")[0].split(" #")[0] for line in lines] == [
        "content/news/x.md: line 2: warning: Complaint_Reference",
        "content/news/x.md: line 3: warning: Complaint_Outcome",
    ]
    assert all("CR-2026-11" in line for line in lines)
    for line in lines:
        if "withdrawn" in line.casefold() or "11/2026" in line:
            pytest.fail("a warning shows the value", pytrace=False)
    page = "<p>Withdrawn on 11/2026</p>"
    assert Scanner(found, []).scan_file("out/p.html", page.encode()) == set()


# Real builds.


def test_a_name_parsed_out_of_the_watchlist_is_caught_in_a_news_post(small_site):
    small_site.write("private/watchlist.md", f"- {A} (no photos), {B}\n")
    small_site.write("news/fair.md", "Title: Summer fair\nDate: 2026-07-04\nSlug: fair\n\n"
                     "Jessamy and her dad Mr Polglase came to the fair. Thanks, Quartermaine, "
                     "Zebedee!\n")  # fmt: skip
    build = small_site.build()
    assert build.returncode != 0, "the build should have failed"
    assert "Traceback" not in build.log
    assert "output/news/fair/index.html: content/private from content/private/watchlist.md" in (
        build.log
    )
    for secret in (A, B, "Quartermaine"):
        assert_absent(build, secret)


def test_a_first_name_and_surname_apart_are_published(small_site):
    small_site.write("private/watchlist.md", f"- {A}\n")
    small_site.write("news/fair.md", "Title: Summer fair\nDate: 2026-07-04\nSlug: fair\n\n"
                     "Jessamy and her dad Mr Polglase came to the fair.\n")  # fmt: skip
    build = small_site.build()
    assert build.returncode == 0, build.log
    assert "came to the fair" in build.read("news/fair/index.html")


def test_a_generic_value_is_warned_about_and_the_site_built(small_site):
    small_site.write(
        "news/closed.md",
        "Title: Complaints\nDate: 2026-07-04\nSlug: complaints-news\n"
        "Complaint_Outcome: Closed\n\nThe office is closed on Monday.\n",
    )
    build = small_site.build()
    assert build.returncode == 0, build.log
    assert "content/news/closed.md: line 4: warning: Complaint_Outcome #" in build.log
    assert "too generic to watch" in build.log
    assert "is closed on Monday" in build.read("news/complaints-news/index.html")
