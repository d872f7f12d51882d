"""Every source Pelican reads is read by the guard, in its reader's form, and every
reader's output loses its staff-only text (comments, `::: confidential` blocks).

Matchers in-process; one real build per class. Secret values live only in the
constants below and are never shown by an assertion.
"""

import copy

import pytest
from conftest import assert_absent, assert_clean_failure
from pelican.readers import BaseReader, HTMLReader, Readers, RstReader
from pelican.settings import DEFAULT_CONFIG

from authoring.preflight import Preflight
from authoring.settings import DEFAULTS as AUTHORING_DEFAULTS
from guard.readers import staff_only_reader
from guard.settings import DEFAULTS
from guard.watchlist.watched import collect
from sitebase.sources import HTML, MARKDOWN, RST, UNKNOWN, source_formats

CHILD_HTML = "Philomena Drax"
CHILD_RST = "Barnaby Wexcombe"
CHILD_MDOWN = "Isolde Pennywhistle"
COMMENT = "Mrs Tregothnan rang about the fees"
BLOCK_TEXT = "Hettie needs her inhaler at lunch"


def _settings(content, **extra):
    settings = copy.deepcopy(DEFAULT_CONFIG)
    settings.update(DEFAULTS, PATH=str(content), **extra)
    return settings


def _watches(watched, secret):
    return any(item.value == secret for item in watched)


def _require(condition, message):
    """Fail with `message` only: a plain assert would print the values compared."""
    if not condition:
        pytest.fail(message, pytrace=False)


class _AsciiDocReader(BaseReader):
    """A reader the guard does not know (no file_extensions: Pelican finds it only by READERS)."""

    file_extensions = ()


# The set of sources: asked of Pelican's readers, never a list of our own.


def test_the_guard_reads_every_extension_pelicans_readers_read(tmp_path):
    settings = _settings(tmp_path)
    formats = source_formats(settings)
    _require(set(formats) == set(Readers(settings).extensions) - {"static"}, "sets differ")
    for extension in ("md", "markdown", "mkd", "mdown"):
        assert formats[extension] == MARKDOWN
    assert formats["html"] == formats["htm"] == HTML
    assert formats["rst"] == RST


def test_readers_setting_changes_what_the_guard_reads(tmp_path):
    formats = source_formats(_settings(tmp_path, READERS={"htm": None, "adoc": _AsciiDocReader}))
    assert "htm" not in formats
    assert formats["adoc"] == UNKNOWN


def test_a_source_read_by_an_unknown_reader_is_refused(tmp_path):
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages/visit.adoc").write_text("= Visit\n", encoding="utf-8")
    problems = collect(_settings(tmp_path, READERS={"adoc": _AsciiDocReader})).problems
    assert [p.message.split(";")[0] for p in problems] == [
        "is read by a Pelican reader the guard cannot check for confidential text"
    ]


def test_confidential_metadata_is_read_in_each_readers_form(tmp_path):
    (tmp_path / "visit.htm").write_text(
        f'<html><head><title>Visit</title><meta name="Child_Name" content="{CHILD_HTML}">'
        '<meta name="description" content="A farm visit"></head><body>Hi</body></html>',
        encoding="utf-8",
    )
    (tmp_path / "garden.rst").write_text(
        f"Garden\n######\n\n:child_name: {CHILD_RST}\n:summary: Beans\n\nWe planted beans.\n",
        encoding="utf-8",
    )
    (tmp_path / "walk.mdown").write_text(
        f"Title: Walk\nChild_Name: {CHILD_MDOWN}\n\nA walk.\n", encoding="utf-8"
    )
    (tmp_path / "notes.txt").write_text(f"Child_Name: {CHILD_HTML}x\n", encoding="utf-8")
    watched, _private, problems = collect(_settings(tmp_path))
    assert problems == []
    for secret in (CHILD_HTML, CHILD_RST, CHILD_MDOWN):
        _require(_watches(watched, secret), f"a value in a {secret[:1]}... source was not watched")
    # Controls: public metadata is not watched, and no reader reads .txt.
    assert {item.rule for item in watched} == {"child_name"}
    _require(not _watches(watched, CHILD_HTML + "x"), "a .txt file was read")


# Every reader's output, and every metadata value, loses staff-only text.


def _read(reader_class, path, settings):
    return staff_only_reader(reader_class)(settings).read(str(path))


def test_html_reader_output_has_no_comments_or_blocks(tmp_path):
    page = tmp_path / "visit.html"
    page.write_text(
        f"<html><head><title>Visit <!-- {COMMENT} --></title>"
        f'<meta name="tags" content="farm, <!-- {COMMENT} -->"></head><body>\n'
        f"<p>We fed the lambs.</p>\n<!-- {COMMENT} -->\n"
        f"::: confidential\n{BLOCK_TEXT}\n:::\n<p>Back by noon.</p>\n</body></html>\n",
        encoding="utf-8",
    )
    content, metadata = _read(HTMLReader, page, _settings(tmp_path))
    _require(COMMENT not in content and BLOCK_TEXT not in content, "staff-only text kept")
    assert "We fed the lambs." in content
    assert "Back by noon." in content
    assert metadata["title"] == "Visit"
    assert [tag.name for tag in metadata["tags"]] == ["farm"]


def test_rst_reader_output_has_no_comments(tmp_path):
    page = tmp_path / "garden.rst"
    page.write_text(f"Garden\n######\n\nWe planted beans.\n\n.. {COMMENT}\n", encoding="utf-8")
    content, _metadata = _read(RstReader, page, _settings(tmp_path))
    _require(COMMENT not in content, "an rST comment was kept as an HTML comment")
    assert "We planted beans." in content


def test_the_readers_keep_their_names_for_templates():
    assert staff_only_reader(HTMLReader).__name__ == "HTMLReader"
    assert staff_only_reader(HTMLReader) is staff_only_reader(staff_only_reader(HTMLReader))


# Real builds.


def test_staff_only_text_is_removed_from_html_pages_and_markdown_metadata(small_site):
    small_site.write(
        "pages/visit.html",
        f"""
        <html><head><title>Farm visit <!-- {COMMENT} --></title>
        <meta name="slug" content="farm-visit">
        <meta name="summary" content="We visited the farm. <!-- {COMMENT} -->">
        <meta name="child_name" content="{CHILD_HTML}">
        </head><body>
        <p>We fed the lambs.</p>
        <!-- {COMMENT} -->
        ::: confidential
        {BLOCK_TEXT}
        :::
        </body></html>
        """,
    )
    small_site.write(
        "news/day.md",
        f"""
        Title: Sports day <!-- {COMMENT} -->
        Date: 2026-06-01
        Slug: sports-day
        Category: News <!-- {COMMENT} -->
        Tags: races, <!-- {COMMENT} -->
        Summary: We ran races. <!-- {COMMENT} -->

        Everyone ran.
        """,
    )
    build = small_site.build()
    assert build.returncode == 0, build.log
    assert "We fed the lambs." in build.read("farm-visit/index.html")
    assert "Everyone ran." in build.read("news/sports-day/index.html")
    for secret in (COMMENT, BLOCK_TEXT, CHILD_HTML, "Tregothnan"):
        assert_absent(build, secret)


def test_rst_pages_lose_comments_and_confidential_fields(small_site):
    small_site.write(
        "pages/garden.rst",
        f"""
        Our garden
        ##########

        :slug: garden
        :summary: Planting day.
        :child_name: {CHILD_RST}

        We planted beans.

        .. {COMMENT}
        """,
    )
    build = small_site.build()
    assert build.returncode == 0, build.log
    assert "We planted beans." in build.read("garden/index.html")
    for secret in (COMMENT, CHILD_RST):
        assert_absent(build, secret)


def test_values_declared_in_html_rst_and_mdown_pages_are_watched(small_site):
    small_site.write(
        "pages/visit.htm",
        f'<html><head><title>Visit</title><meta name="child_name" content="{CHILD_HTML}">'
        "</head><body><p>Hello</p></body></html>\n",
    )
    small_site.write("pages/garden.rst", f"Garden\n######\n\n:child_name: {CHILD_RST}\n\nBeans.\n")
    small_site.write("pages/walk.mdown", f"Title: Walk\nChild_Name: {CHILD_MDOWN}\n\nA walk.\n")
    small_site.write(
        "news/thanks.md",
        f"""
        Title: Thank you
        Date: 2026-06-02

        Thanks to {CHILD_HTML}, {CHILD_RST} and {CHILD_MDOWN} for helping.
        """,
    )
    build = small_site.build()
    assert_clean_failure(
        build,
        "child_name from content/pages/visit.htm",
        "child_name from content/pages/garden.rst",
        "child_name from content/pages/walk.mdown",
    )
    for secret in (CHILD_HTML, CHILD_RST, CHILD_MDOWN):
        assert_absent(build, secret)


def test_preflight_checks_markdown_under_every_extension_pelican_reads(tmp_path):
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages/empty.mdown").write_text("", encoding="utf-8")
    (tmp_path / "pages/empty.txt").write_text("", encoding="utf-8")  # control: not read
    settings = _settings(tmp_path, **AUTHORING_DEFAULTS, PAGE_PATHS=["pages"])
    problems = Preflight(settings).walk().problems
    assert [(p.path.rsplit("/", 1)[-1], p.message.split(";")[0]) for p in problems] == [
        ("empty.mdown", "the file is empty")
    ]
