"""Near misses of the guard's syntax are errors, and their values are watched meanwhile.

Matchers in-process, true positives beside false-positive controls; one real build
per class. Secret values live only in these constants and are never shown.
"""

import pytest
from conftest import assert_absent, assert_clean_failure

from guard.settings import DEFAULTS
from guard.watchlist.declared import RULE_NEAR_MISS, declared_in_source
from sitebase.sources import HTML, MARKDOWN, RST

FIELDS = set(DEFAULTS["CONFIDENTIAL_FIELDS"])
SECRET = "Tamsin Rosewarne"


def _read(text, fmt=MARKDOWN):
    """(rule, value) pairs (without their line numbers), and the problems."""
    declared, problems = declared_in_source(fmt, "page", text, FIELDS)
    return [(rule, value.strip()) for rule, value, _line in declared], problems


def _watched_as_near_miss(values):
    return (RULE_NEAR_MISS, SECRET) in values


def _require(condition, message):
    """Fail with `message` only: a plain assert would print the values compared."""
    if not condition:
        pytest.fail(message, pytrace=False)


def _messages(problems):
    return [problem.message for problem in problems]


# Field names: misspelt, pluralised, other separators.


@pytest.mark.parametrize(
    ("name", "suggestion"),
    [
        ("Child_Nmae", "Child_Name"),
        ("Staff_Contacts", "Staff_Contact"),
        ("child-name", "Child_Name"),
        ("ChildName", "Child_Name"),
        ("Internal_Note", "Internal_Notes"),
        ("Complaint_Referance", "Complaint_Reference"),
    ],
)
def test_a_misspelt_confidential_field_in_the_header_is_an_error(name, suggestion):
    values, problems = _read(f"Title: Visit\n{name}: {SECRET}\n\nText.\n")
    assert _messages(problems) == [
        f"line 2: '{name}' is not a confidential field, so its value is not kept off the "
        f"site; did you mean {suggestion}? Write it as '{suggestion}: ...' in the header, "
        "above the first blank line"
    ]
    _require(_watched_as_near_miss(values), "the value was not watched meanwhile")


@pytest.mark.parametrize(
    "name", ["Summary", "Sumary", "Contact", "Staff", "Child", "Internal", "Notes", "Outcome"]
)
def test_other_header_fields_are_not_near_misses(name):
    values, problems = _read(f"Title: Visit\n{name}: {SECRET}\n\nText.\n")
    assert problems == []
    _require(values == [], "an ordinary field was watched")


def test_a_confidential_field_in_any_case_is_the_field_itself():
    # Pelican lower-cases every field name, so this is stripped and watched as child_name.
    values, problems = _read(f"Title: Visit\nCHILD_NAME: {SECRET}\n\nText.\n")
    assert problems == []
    _require(values == [("child_name", SECRET)], "not watched as child_name")


# Fields below the header, where they are published as text.


@pytest.mark.parametrize(
    ("line", "spelling"),
    [
        (f"Child_Name: {SECRET}", ""),
        (f"internal notes: {SECRET}", "did you mean Internal_Notes? W"),
        (f"- Staff contact: {SECRET}", "did you mean Staff_Contact? W"),
        (f"<p>Child name: {SECRET}</p>", "did you mean Child_Name? W"),
    ],
)
def test_a_confidential_field_below_the_header_is_an_error(line, spelling):
    values, problems = _read(f"Title: Visit\n\nWe went out.\n\n{line}\n")
    (message,) = _messages(problems)
    assert message.startswith("line 5: '")
    assert "is in the text, not the header, so its value would be published; " in message
    assert (spelling or "w") + "rite it as '" in message
    _require(_watched_as_near_miss(values), "the value was not watched meanwhile")


@pytest.mark.parametrize(
    "line",
    [
        "Note: bring a coat",
        "Summary: we had fun",
        "Contact: the office on the number below",
        "Time: 10:30",
        "See https://www.example.org/child-name: it explains",
        "We never print a child name: ask the office instead",
        "<!-- Child_Name: kept for staff -->",
    ],
)
def test_ordinary_text_after_the_header_is_not_a_near_miss(line):
    values, problems = _read(f"Title: Visit\n\n{line}\n")
    assert problems == []
    assert values == []


def test_a_field_line_between_a_header_and_no_blank_line_is_published_so_told():
    # Python-Markdown ends the header at a line that is not `Name: value` (a space here).
    _values, problems = _read(f"Title: Visit\ninternal notes: {SECRET}\nText.\n")
    assert [m.split(",")[0] for m in _messages(problems)] == [
        "line 2: 'internal notes' is in the text"
    ]


# Lines that start like a staff-only block, and stray closers.


@pytest.mark.parametrize(
    "opener",
    [
        "::: Confidential",
        "::: CONFIDENTIAL",
        "::: confidental",
        ":::: confidential",
        "::: confidential notes",
        ":::confidential:",
        "::: {.confidential}",
        ":: confidential",
        ";;; confidential",
        "; ; ; confidential",
        "::: staff",
        "<p>::: confidential</p>",
    ],
)
def test_a_near_miss_opener_is_an_error_and_its_text_is_watched(opener):
    values, problems = _read(f"Title: Visit\n\nHello.\n\n{opener}\n{SECRET}\n:::\n\nBye.\n")
    assert [m.split(":")[0] for m in _messages(problems)] == ["line 5"]
    assert "is not exactly '::: confidential'" in _messages(problems)[0]
    hidden = (("confidential block", SECRET) in values) or _watched_as_near_miss(values)
    _require(hidden, "the block's text was not watched meanwhile")


@pytest.mark.parametrize("fence", ["~~~ confidential", "```confidential", "``` {.confidental}"])
def test_a_code_block_marked_confidential_is_an_error(fence):
    values, problems = _read(f"Title: Visit\n\n{fence}\n{SECRET}\n{fence[:3]}\n")
    assert [m.split(";")[0] for m in _messages(problems)] == [
        "line 3: a code block marked 'confidential' is published like any other text"
    ]
    _require(_watched_as_near_miss(values), "the code block's text was not watched")


def test_a_stray_closer_is_an_error_and_the_paragraph_above_is_watched():
    values, problems = _read(f"Title: Visit\n\nHello.\n\n{SECRET}\n:::\n\nBye.\n")
    assert [m.split(";")[0] for m in _messages(problems)] == [
        "line 6: ':::' closes a staff-only block, but no '::: confidential' line opens one above it"
    ]
    _require(_watched_as_near_miss(values), "the paragraph above was not watched")
    _require((RULE_NEAR_MISS, "Hello.") not in values, "watched beyond the paragraph")


@pytest.mark.parametrize(
    "text",
    [
        f"::: confidential\n{SECRET}\n:::\n",
        f":::confidential\n{SECRET}\n:::\n",
        "~~~ python\nprint('hi')\n~~~\n",
        "```\ncode\n```\n",
        "---\n\n***\n\nHeading\n=======\n",
        "A literal block follows::\n\n    code\n",
        "Smile :) and wink ;)\n",
    ],
)
def test_real_blocks_and_other_markup_are_not_near_misses(text):
    _values, problems = _read(f"Title: Visit\n\nHello.\n\n{text}")
    assert problems == []


# The same checks in the other readers' forms.


def test_html_meta_near_misses_and_fields_outside_head():
    page = (
        f'<html><head><title>Visit</title><meta name="child-nmae" content="{SECRET}">'
        '<meta name="description" content="A visit"></head>\n<body>\n'
        f'<meta name="child_name" content="{SECRET}">\n<p>Note: bring a coat</p>\n</body></html>\n'
    )
    values, problems = _read(page, HTML)
    assert [m.split(";")[0] for m in _messages(problems)] == [
        "line 1: 'child-nmae' is not a confidential field, so its value is not kept off the site",
        "line 3: 'child_name' is outside <head>, so its value would be published",
    ]
    _require(_watched_as_near_miss(values), "not watched meanwhile")


def test_rst_field_near_misses_fields_in_the_text_and_markdown_syntax():
    page = (
        f"Visit\n#####\n\n:Child Nmae: {SECRET}\n:summary: A visit\n\nText. <!-- {SECRET} -->\n\n"
        f"::: confidential\n{SECRET}\n:::\n\n:child_name: {SECRET}\n\n.. a real comment\n"
    )
    values, problems = _read(page, RST)
    assert [m.split(",")[0].split(" so ")[0] for m in _messages(problems)] == [
        "line 4: 'Child Nmae' is not a confidential field",
        "line 7: '<!--' is shown as text in an .rst page; write staff-only text as a comment "
        "(lines starting '.. ') instead",
        "line 9: '::: confidential' blocks are read only in Markdown pages",
        "line 13: 'child_name' is in the text",
    ]
    _require(_watched_as_near_miss(values), "not watched meanwhile")


# Real builds: one per class, each stopped before anything is written.


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        (f"Child_Nmae: {SECRET}\n\nText.\n", "line 3: 'Child_Nmae' is not a confidential field"),
        (f"\nText.\n\nChild_Name: {SECRET}\n", "line 6: 'Child_Name' is in the text"),
        (f"\nText.\n\n::: Confidental\n{SECRET}\n:::\n", "line 6: this line starts like a"),
    ],
    ids=["misspelt-field", "field-below-header", "near-miss-block"],
)
def test_a_near_miss_stops_the_build_without_printing_the_value(small_site, where, expected):
    small_site.write("news/visit.md", f"Title: A visit\nDate: 2026-11-03\n{where}")
    build = small_site.build()
    assert_clean_failure(build, f"content/news/visit.md: {expected}")
    assert build.html_pages() == []
    assert_absent(build, SECRET)


def test_ordinary_text_that_looks_like_a_field_builds(small_site):
    small_site.write(
        "news/trip.md",
        """
        Title: Beach trip
        Date: 2026-06-03

        Note: bring a coat.

        Contact: the office, as usual.

        ~~~ text
        Time: 10:30
        ~~~
        """,
    )
    build = small_site.build()
    assert build.returncode == 0, build.log
    assert "bring a coat" in build.read("news/beach-trip/index.html")
