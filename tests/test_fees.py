"""The Sessions and fees page from FEES (issue 18, item 12): the DfE's transparency
form for funded providers, its shape checked at build time, its TBC placeholders
refused by `make publish`, one line each."""

import re
import runpy

import pytest
from conftest import REPO, assert_clean_failure
from selectolax.lexbor import LexborHTMLParser
from test_publish import Clone

from authoring.fees import fee_placeholders, fees_problems

FILLED = {
    "funded_hours": [
        {"offer": "15 hours a week for 3- and 4-year-olds", "pattern": "5 mornings, 38 weeks"},
        {"offer": "30 hours for working families", "pattern": "5 full days, 38 weeks"},
    ],
    "sessions": [
        {"name": "Morning", "times": "9:00 to 12:00", "price": "£18.00"},
        {"name": "Afternoon", "times": "12:00 to 15:00", "price": "£17.50"},
    ],
    "extras": [
        {"name": "Snacks", "price": "£1.00 a session", "instead": "bring a snack from home"},
        {"name": "Trips", "price": "£3.00 a trip", "instead": "your child stays with us"},
    ],
    "free": ["Drinking water and milk", "Nappies and wipes"],
    "opt_out": "Tell the manager; you will not be charged.",
}
PAGE = "sessions-and-fees/index.html"


def _after(section, heading, tag):
    """The first `tag` element after the h3 that reads `heading`, among its siblings."""
    node = next(h for h in section.css("h3") if h.text() == heading).next
    while node is not None and node.tag != tag:
        node = node.next
    return node


def _rows(section, heading):
    table = _after(section, heading, "table")
    return [[cell.text() for cell in row.css("th, td")] for row in table.css("tbody tr")]


def test_the_fees_page_shows_every_part_of_the_form(small_site):
    small_site.overrides["FEES"] = FILLED
    build = small_site.build()
    assert build.returncode == 0, build.log
    section = LexborHTMLParser(build.read(PAGE)).css_first("section.fees")
    assert [h.text() for h in section.css("h3")] == [
        "Funded hours we offer", "Our sessions", "Optional extras",
        "Free for every child", "Saying no to an extra",
    ]  # fmt: skip
    offers = [(dt.text(), dd.text()) for dt, dd in zip(section.css("dt"), section.css("dd"),
                                                         strict=True)]  # fmt: skip
    assert offers == [(f["offer"], f["pattern"]) for f in FILLED["funded_hours"]]
    assert _rows(section, "Our sessions") == [list(s.values()) for s in FILLED["sessions"]]
    assert _rows(section, "Optional extras") == [list(e.values()) for e in FILLED["extras"]]
    free = _after(section, "Free for every child", "ul")
    assert [li.text() for li in free.css("li")] == FILLED["free"]
    assert section.css("p")[-1].text() == FILLED["opt_out"]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda f: f["extras"][0].pop("price"),
         'pelicanconf.py: FEES["extras"][0] must have "name", "price", "instead", each in quotes'),
        (lambda f: f.pop("opt_out"), 'pelicanconf.py: FEES has no "opt_out"'),
        (lambda f: f.update(sessions=[]), 'pelicanconf.py: FEES["sessions"] must be a list'),
        (lambda f: f.update(free="water"), 'FEES["free"] must be a list of lines in quotes'),
        (lambda f: f.update(extra=[]), 'FEES["extra"] is not one of ours'),
        (lambda f: f["sessions"][1].update(price=18), 'FEES["sessions"][1] must have'),
    ],
)  # fmt: skip
def test_a_wrong_shape_is_one_plain_line(small_site, change, expected):
    fees = {key: [dict(e) if isinstance(e, dict) else e for e in value]
            if isinstance(value, list) else value for key, value in FILLED.items()}  # fmt: skip
    change(fees)
    small_site.overrides["FEES"] = fees
    build = small_site.build()
    assert_clean_failure(build, expected)
    assert len([line for line in build.log.splitlines() if "FEES" in line]) == 1, build.log


def test_a_fees_page_without_fees_names_the_page(small_site):
    small_site.overrides["FEES"] = None
    assert_clean_failure(
        small_site.build(), "content/pages/sessions-and-fees.md: Template: page-fees shows FEES"
    )


def test_placeholders_are_found_one_per_value():
    real = runpy.run_path(str(REPO / "pelicanconf.py"))["FEES"]
    assert fees_problems(real) == []
    assert fees_problems(FILLED) == []
    found = dict(fee_placeholders(real))
    tbc = [value for value in _values(real) if value.startswith("TBC")]
    assert sorted(found.values()) == sorted(tbc)
    assert len(tbc) >= 8
    assert list(fee_placeholders(FILLED)) == []
    partly = {**FILLED, "sessions": [{"name": "Morning", "times": "9:00", "price": "TBC"}]}
    assert list(fee_placeholders(partly)) == [('FEES["sessions"][0]["price"] (Morning)', "TBC")]


def _values(value):
    if isinstance(value, dict):
        return [v for item in value.values() for v in _values(item)]
    if isinstance(value, list):
        return [v for item in value for v in _values(item)]
    return [value]


def test_make_publish_refuses_each_fee_placeholder(tmp_path):
    clone = Clone(tmp_path)
    result = clone.publish().refused('FEES["sessions"][0]["price"] is still a placeholder')
    lines = re.findall(r"^pelicanconf\.py: (FEES\S+) is still a placeholder", result.log, re.M)
    expected = [
        where for where, _ in fee_placeholders(runpy.run_path(str(REPO / "pelicanconf.py"))["FEES"])
    ]
    assert lines == expected, result.log
    assert len(lines) >= 8
    assert clone.tip() is None
