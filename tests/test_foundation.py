"""The site builds, every page is where it should be, and every page has the frame."""

import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import REPO, assert_clean_failure

from guard.header import read_header


def _metadata(path):
    return {k: v for k, (_line, v) in read_header(path.read_text().splitlines()).first().items()}


def _expected_page_files():
    for path in sorted((REPO / "content/pages").glob("*.md")):
        meta = _metadata(path)
        if meta.get("save_as") == "":  # the home page's text, shown on the index
            yield path.name, "index.html"
        else:
            yield path.name, meta.get("save_as") or f"{meta.get('slug', path.stem)}/index.html"


def _expected_article_files():
    for path in sorted((REPO / "content/news").glob("*.md")):
        yield path.name, f"news/{_metadata(path)['slug']}/index.html"


@pytest.mark.parametrize(
    ("source", "output"), [*_expected_page_files(), *_expected_article_files()]
)
def test_every_content_file_is_built_at_its_url(real_build, source, output):
    assert (real_build.output / output).is_file(), f"{source} was not written to {output}"


def test_home_page_text_is_on_the_index(real_build):
    assert "small, friendly pre-school run as a charity" in real_build.read("index.html")


def test_real_site_builds_without_warnings(real_build):
    assert real_build.returncode == 0
    assert "WARNING" not in real_build.log.upper(), real_build.log
    assert "ERROR" not in real_build.log.upper(), real_build.log


def _soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _internal_targets(page, output):
    """Every local href/src on a page, resolved to a path in output/."""
    page_dir = posixpath.dirname(page.relative_to(output).as_posix())
    soup = _soup(page)
    for tag in soup.find_all(href=True) + soup.find_all(src=True):
        url = tag.get("href") or tag.get("src")
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or not parts.path:
            continue
        target = posixpath.normpath(posixpath.join(page_dir, unquote(parts.path)))
        if url.split("#")[0].endswith("/") or target == ".":
            target = posixpath.join(target, "index.html")
        yield url, Path(output, target)


def test_no_broken_internal_links_or_missing_assets(real_build):
    broken = [
        f"{page.relative_to(real_build.output)} -> {url}"
        for page in real_build.html_pages()
        for url, target in _internal_targets(page, real_build.output)
        if not target.is_file()
    ]
    assert broken == []
    assert len(real_build.html_pages()) >= 20


def test_every_page_has_landmarks_skip_link_and_charity_footer(real_build):
    for page in real_build.html_pages():
        soup = _soup(page)
        name = page.relative_to(real_build.output)
        assert soup.html.get("lang") == "en-GB", name
        for landmark in ("header", "nav", "main", "footer"):
            assert soup.find(landmark), f"{name} has no <{landmark}>"
        first_link = soup.body.find("a")
        assert first_link.get("href") == "#main", f"{name}: the skip link is not first"
        assert soup.find("main").get("id") == "main", name
        footer = soup.body.find("footer", recursive=False).get_text(" ", strip=True)
        assert "Threemilestone Preschool CIO" in footer, name
        assert "charitable incorporated organisation" in footer, name
        assert len(soup.find_all("h1")) == 1, f"{name} should have exactly one h1"


def test_site_facts_come_from_settings_and_are_marked_tbc(real_build):
    body = _soup(real_build.output / "index.html").body
    footer = body.find("footer", recursive=False).get_text(" ", strip=True)
    assert "TBC: registered charity number" in footer


def test_pages_make_no_third_party_requests_in_markup(real_build):
    for page in real_build.html_pages():
        soup = _soup(page)
        assert not soup.find("script"), page
        for tag in soup.find_all(["link", "img", "iframe", "source"]):
            url = tag.get("href") or tag.get("src") or ""
            assert not urlsplit(url).netloc, f"{page}: loads {url}"


def test_drafts_are_never_written(site):
    site.write(
        "news/draft-news.md",
        """
        Title: Draft sports day plans
        Date: 2026-11-01
        Slug: draft-sports-day
        Status: draft

        Not ready yet.
        """,
    )
    site.write(
        "pages/draft-page.md",
        """
        Title: Draft page about lunches
        Slug: draft-lunches
        Status: draft

        Not ready either.
        """,
    )
    build = site.build()
    assert build.returncode == 0, build.log
    assert not (build.output / "drafts").exists()
    for path in build.files():
        data = path.read_bytes()
        assert b"draft-sports-day" not in data, path
        assert b"Draft page about lunches" not in data, path


def test_a_plugin_that_cannot_be_imported_fails_the_build(small_site):
    small_site.overrides["PLUGINS"] = ["guard", "policies", "authoring", "no_such_plugin"]
    build = small_site.build()
    assert_clean_failure(build, "no_such_plugin")


def test_output_sources_setting_is_refused(small_site):
    small_site.overrides["OUTPUT_SOURCES"] = True
    build = small_site.build()
    assert_clean_failure(build, "OUTPUT_SOURCES")
    assert not any(build.output.rglob("*.md"))
