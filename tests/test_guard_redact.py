"""Never print a value: one redaction step for our messages, Pelican's log lines and
errors that echo input, and findings whose path would name a value.

The redactor is tested in-process; each route is also built for real. Secret values
live only in these constants; no assertion or test id shows them.
"""

import io
import logging
import re

import pytest
from conftest import assert_absent_in_every_form, assert_clean_failure

from guard import redact
from guard.findings import Finding
from guard.matching.normalise import normalise_value
from guard.redact import RedactingFilter, Redactor
from sitebase import problems
from sitebase.hashes import short_hash
from sitebase.problems import report

CHILD = "Zebedee Quartermaine"
ACCENTED = "Zoë O\u2019Neill-Smythe"
SHORT = "Sam Hart"


def _redactor(*values):
    redactor = Redactor()
    redactor.watch(list(values))
    return redactor


def _hidden(text, secret):
    """No word of the secret is left in any case (checked without printing it)."""
    folded = text.casefold()
    words = re.findall(r"[^\W_]{4,}", secret.casefold())
    return not any(word in folded for word in words)


@pytest.mark.parametrize(
    "line",
    [
        "Unable to find 'pages/zebedee-quartermaine.md', skipping url replacement.",
        'Slug: "Zebedee Quartermaine" can only have letters, digits and hyphens',
        "a link to news/Zebedee%20Quartermaine/ is broken",
        "ZEBEDEE QUARTERMAINE",
        "zebedee_quartermaine.jpg",
        "Zebedee+Quartermaine",
        "zebedee\nquartermaine",
    ],
    ids=["slug", "as written", "percent-encoded", "upper case", "underscores", "plus", "wrapped"],
)
def test_every_form_of_a_value_is_redacted(line):
    redacted = _redactor(CHILD).redact(line)
    if not _hidden(redacted, CHILD):
        pytest.fail("a form of the value is still in the line", pytrace=False)
    assert f"[value #{short_hash(normalise_value(CHILD))}]" in redacted


@pytest.mark.parametrize(
    "line",
    [
        "Zoë O\u2019Neill-Smythe",
        "zoe-oneill-smythe",
        "Zo%C3%AB%20O%E2%80%99Neill-Smythe",
        "ZOË O'NEILL SMYTHE",
    ],
    ids=["as written", "slug", "percent-encoded", "upper case ascii apostrophe"],
)
def test_accents_and_apostrophes_are_redacted_in_every_form(line):
    redacted = _redactor(ACCENTED).redact(line)
    if not _hidden(redacted, ACCENTED):
        pytest.fail("a form of the value is still in the line", pytrace=False)


def test_redaction_keeps_the_rest_of_the_line_and_other_words():
    redactor = _redactor(SHORT)
    assert redactor.redact("Sample Hartley and Sam Hartwell") == "Sample Hartley and Sam Hartwell"
    assert redactor.redact("output/a.html: broken link").startswith("output/a.html: broken link")
    assert _redactor().redact("nothing watched: Sam Hart") == "nothing watched: Sam Hart"


def test_a_path_segment_holding_a_value_is_withheld_whole():
    path = "output/news/tag/welcome-zebedee-quartermaine/index.html"
    withheld = _redactor(CHILD).withhold_segments(path)
    digest = short_hash(normalise_value(CHILD))
    assert withheld == f"output/news/tag/[withheld #{digest}]/index.html"


def test_report_withholds_a_finding_s_path_segments_and_redacts_every_line():
    log_filter = RedactingFilter(_redactor(CHILD))
    redact.install(log_filter)
    try:
        finding = Finding(
            "output/news/tag/zebedee-quartermaine-2/index.html", "child_name", "x.md", "ab"
        )
        stream = io.StringIO()
        report([finding, f'content/x.md: line 2: Slug: "{CHILD}" is not a slug'], stream)
    finally:
        for handler in (problems.REPORT_HANDLER, *logging.getLogger().handlers):
            handler.removeFilter(log_filter)
    printed = stream.getvalue()
    if not printed.startswith("output/news/tag/[withheld #") or not _hidden(printed, CHILD):
        pytest.fail("report printed the value, or not the whole segment withheld", pytrace=False)
    assert printed.count("\n") == 2


def test_the_log_filter_rewrites_the_message_and_its_arguments():
    record = logging.LogRecord(
        "pelican.contents", logging.WARNING, __file__, 1,
        "Unable to find '%s', skipping url replacement.", ("pages/zebedee-quartermaine.md",), None,
    )  # fmt: skip
    assert RedactingFilter(_redactor(CHILD)).filter(record)
    assert record.getMessage().startswith("Unable to find 'pages/[value #")
    if not _hidden(record.getMessage(), CHILD):
        pytest.fail("the record still holds the value", pytrace=False)


# Real builds.


def _watchlist(site, *names):
    site.write("private/watchlist.md", "".join(f"- {name}\n" for name in names))


def test_pelicans_unable_to_find_warning_does_not_print_a_watched_name(small_site):
    _watchlist(small_site, CHILD)
    small_site.write(
        "pages/notes.md",
        "Title: Notes\nSlug: notes\n\nSee [the notes]({filename}/pages/zebedee-quartermaine.md).\n",
    )
    build = small_site.build()
    # Pelican's own "Unable to find" line is dropped; the leak is told, by its hash.
    assert_clean_failure(build, "output/notes/index.html: content/private from", "(value #")
    assert "Unable to find" not in build.log
    assert_absent_in_every_form(build, CHILD)


def test_an_unable_to_find_warning_without_a_watched_name_is_printed_whole(small_site):
    _watchlist(small_site, CHILD)
    small_site.write(
        "pages/notes.md",
        "Title: Notes\nSlug: notes\n\nSee [the notes]({filename}/pages/fees.md).\n",
    )
    log = small_site.build().log
    assert "broken link to '{filename}/pages/fees.md'" in log
    assert "Unable to find" not in log  # told once, by the link check


def test_a_bad_slug_is_not_echoed_when_it_is_a_confidential_value(small_site):
    small_site.write(
        "news/visit.md",
        f"Title: A visit\nDate: 2026-11-03\nSlug: {CHILD}\nChild_Name: {CHILD}\n\nHello.\n",
    )
    build = small_site.build()
    assert_clean_failure(build, 'content/news/visit.md: line 3: Slug: "[value #', "Slug: [value #")
    assert_absent_in_every_form(build, CHILD)


def test_a_bad_slug_that_is_not_a_value_is_still_echoed(small_site):
    small_site.write(
        "news/visit.md", "Title: A visit\nDate: 2026-11-03\nSlug: Open Day!\n\nHello.\n"
    )
    assert_clean_failure(small_site.build(), 'Slug: "Open Day!"', "Slug: open-day")


def test_a_tag_made_from_a_childs_name_is_not_printed_in_the_findings_path(small_site):
    small_site.write(
        "news/visit.md",
        f"Title: A visit\nDate: 2026-11-03\nTags: {CHILD}, outings\n"
        f"Child_Name: {CHILD}\n\nHello.\n",
    )
    build = small_site.build()
    assert_clean_failure(
        build, "output/news/tag/[withheld #", "output/news/tag/index.html: child_name"
    )
    assert_absent_in_every_form(build, CHILD)
