"""/news/ is a page (issue 18, item 7), and so is every folder in a page's address.

A reader shortens /news/autumn-walk/ to /news/: GitHub Pages answers a folder without
an index.html with a 404, a local server with a directory listing. Both are checked
over http in Chromium (tests/browser.py serves a folder the way GitHub Pages does).
"""

import re

import pytest

pytest.register_assert_rewrite("browser")
from browser import Tab, report  # noqa: E402

pytest_plugins = ["browser"]


def _folders_of_pages(build):
    """Every folder that holds an HTML page at some depth (the site's root included)."""
    folders = set()
    for page in build.html_pages():
        folders.update(page.relative_to(build.output).parents)
    return sorted(folder.as_posix() for folder in folders)


def _without_a_page(build):
    return [f for f in _folders_of_pages(build) if not (build.output / f / "index.html").is_file()]


def test_every_folder_in_a_page_address_is_a_page(real_build):
    folders = _folders_of_pages(real_build)
    assert {".", "news", "news/tag", "news/category", "news/author"} <= set(folders)
    assert _without_a_page(real_build) == [], "folders with no page of their own"


def test_the_menu_news_link_leads_to_the_news_page(real_build):
    news = real_build.read("news/index.html")
    assert "<h1>News</h1>" in news
    assert news.count("<article>") == 5  # every post of the real site, with its summary
    assert '<a href="../news/archives/">All news, by year</a>' in news
    for page in ("index.html", "about/index.html", "news/autumn-walk/index.html"):
        menu = re.search(r'<nav class="site-nav".*?</nav>', real_build.read(page), re.S)
        assert re.search(r'href="[./]*/news/"[^>]*>News<', menu.group(0)), page


def test_the_home_page_shows_the_latest_news_only(real_build):
    home = real_build.read("index.html")
    assert home.count("<article>") == 3  # HOME_NEWS_COUNT
    assert '<a href="./news/">All news</a>' in home


def test_news_page_paginates_and_page_two_has_no_empty_folder(paginated_site):
    build = paginated_site.build  # DEFAULT_PAGINATION = 2: 5 posts, 3 pages
    for page in ("news/index.html", "news/page-2/index.html", "news/page-3/index.html"):
        assert 'class="pagination"' in build.read(page), page
    assert not (build.output / "news/page").exists()
    assert not (build.output / "page").exists()  # the home page is not paginated
    assert _without_a_page(build) == [], "folders with no page of their own"


def test_news_folders_are_pages_when_served_like_github_pages(chromium, local_site):
    """Over http, each folder answers 200 with its own heading, not a 404 or a listing."""
    context = chromium.new_context(viewport={"width": 1280, "height": 800})
    problems = []
    try:
        tab = Tab(context)
        for folder, heading in (
            ("news/", "News"),
            ("news/tag/", "News by tag"),
            ("news/category/", "News by category"),
            ("news/author/", "News authors"),
        ):
            response = tab.open(f"{local_site.origin}/{folder}")
            h1 = tab.evaluate("() => document.querySelector('h1')?.textContent.trim()")
            if response.status != 200 or h1 != heading:
                problems.append(f"/{folder}: status {response.status}, heading {h1!r}")
    finally:
        context.close()
    report(problems, "folders that are not pages")
