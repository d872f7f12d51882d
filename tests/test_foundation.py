"""The site builds, every page is where it should be, and every page has the frame;
a mistake in pelicanconf.py is one plain line."""

from urllib.parse import urlsplit

import pytest
from conftest import (
    REPO,
    assert_absent,
    assert_clean_failure,
    assert_refused_before_writing,
    run_command,
)
from selectolax.lexbor import LexborHTMLParser

import authoring.settings
import guard.settings
import policies.settings
from commands.runner import load_settings
from policies.links import link_targets
from sitebase.header import read_header


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


def test_real_site_builds_without_warnings_or_findings(real_build):
    log = real_build.log.upper()
    for word in ("WARNING", "ERROR", "FINDING"):
        assert word not in log, real_build.log


def _tree(path):
    return LexborHTMLParser(path.read_bytes())


def test_the_link_check_reads_every_address_the_theme_uses(real_build):
    """The build's link check (which passed) saw every local address on every page."""
    pages = real_build.html_pages()
    assert len(pages) >= 20
    for page in pages:
        tree = _tree(page)
        addresses = {
            value
            for element in tree.css("[href], [src], [srcset]")
            for name, value in element.attributes.items()
            if name in ("href", "src") and value and not urlsplit(value).netloc
        }
        assert addresses <= set(link_targets(page.read_bytes())), page


def test_every_page_has_landmarks_skip_link_and_charity_footer(real_build):
    for page in real_build.html_pages():
        tree = _tree(page)
        name = page.relative_to(real_build.output)
        assert tree.css_first("html").attributes.get("lang") == "en-GB", name
        for landmark in ("header", "nav", "main", "footer"):
            assert tree.css_first(landmark), f"{name} has no <{landmark}>"
        first_link = tree.body.css_first("a")
        assert first_link.attributes.get("href") == "#main", f"{name}: the skip link is not first"
        assert tree.css_first("main").attributes.get("id") == "main", name
        footer = tree.css_first("body > footer").text(separator=" ", strip=True)
        assert "Threemilestone Preschool CIO" in footer, name
        assert "charitable incorporated organisation" in footer, name
        assert len(tree.css("h1")) == 1, f"{name} should have exactly one h1"


def test_site_facts_come_from_settings_and_are_marked_tbc(real_build):
    footer = _tree(real_build.output / "index.html").css_first("body > footer")
    assert "TBC: registered charity number" in footer.text(separator=" ", strip=True)


def test_pages_make_no_third_party_requests_in_markup(real_build):
    for page in real_build.html_pages():
        tree = _tree(page)
        assert not tree.css_first("script"), page
        for tag in tree.css("link, img, iframe, source"):
            url = tag.attributes.get("href") or tag.attributes.get("src") or ""
            assert not urlsplit(url).netloc, f"{page}: loads {url}"


def test_drafts_are_never_written_so_cannot_leak(small_site):
    watched = "Ann Hopkins"
    small_site.write("private/watchlist.md", f"{watched}\n")
    small_site.write(
        "news/draft-news.md",
        f"""
        Title: Draft sports day plans
        Date: 2026-11-01
        Slug: draft-sports-day
        Status: draft

        Not ready yet; ask {watched}.
        """,
    )
    small_site.write(
        "pages/draft-page.md",
        """
        Title: Draft page about lunches
        Slug: draft-lunches
        Status: draft

        Not ready either.
        """,
    )
    build = small_site.build()
    assert build.returncode == 0, build.log
    assert not (build.output / "drafts").exists()
    for text in ("draft-sports-day", "Draft page about lunches", watched):
        assert_absent(build, text)


def test_a_plugin_that_cannot_be_imported_fails_the_build(small_site):
    small_site.overrides["PLUGINS"] = ["guard", "policies", "authoring", "no_such_plugin"]
    build = small_site.build()
    assert_clean_failure(build, "no_such_plugin")


# pelicanconf.py ----------------------------------------------------------------------


SETTING_MISTAKES = [
    ("REQUIRED_POLICY", ["complaints"], ["unknown setting REQUIRED_POLICY", "POLICIES?"]),
    ("IMAGE_MAX_BYTE", 5, ["unknown setting IMAGE_MAX_BYTE", "IMAGE_MAX_BYTES?"]),
    ("REQUIRED_POLICIES", "complaints", ["REQUIRED_POLICIES must be a list", "not str"]),
    ("IMAGE_MAX_BYTES", "1 MB", ["IMAGE_MAX_BYTES must be a whole number", "not str"]),
    ("ALLOWED_EMBEDS", "https://x/", ["ALLOWED_EMBEDS must be a list"]),
    ("CONFIDENTIAL_FIELDS", "child_name", ["CONFIDENTIAL_FIELDS must be a list"]),
]


@pytest.mark.parametrize(("name", "value", "words"), SETTING_MISTAKES,
                         ids=[mistake[0] for mistake in SETTING_MISTAKES])  # fmt: skip
def test_a_setting_mistake_is_one_problem(name, value, words):
    settings = load_settings(str(REPO / "pelicanconf.py"), override={name: value})
    problems = [
        str(problem)
        for plugin in (guard.settings, policies.settings, authoring.settings)
        for problem in plugin.settings_problems(settings)
    ]
    assert len(problems) == 1, problems
    assert problems[0].startswith("pelicanconf.py: ")
    for word in words:
        assert word in problems[0], f"{word!r} not in {problems[0]!r}"


def test_a_setting_mistake_stops_the_build(small_site):
    name, value, words = SETTING_MISTAKES[0]
    small_site.overrides[name] = value
    line = assert_refused_before_writing(small_site.build(), "pelicanconf.py", *words)
    assert line.startswith("pelicanconf.py: ")


def test_a_required_policy_that_does_not_exist(small_site):
    small_site.overrides["REQUIRED_POLICIES"] = ["social-media", "complaints", "safeguarding"]
    assert_refused_before_writing(
        small_site.build(), "content/policies", "required policy 'safeguarding' is missing"
    )


def _broken_settings(site, line):
    path = site.settings_file()
    with path.open("a", encoding="utf-8") as handle:
        handle.write(line)
    number = len(path.read_text().splitlines())
    return path, number


@pytest.mark.parametrize("command", ["build", "check", "review", "new-post"])
def test_a_syntax_error_in_the_settings_names_the_file_and_line(small_site, command):
    path, number = _broken_settings(small_site, "SITENAME = 'Threemilestone\n")
    result = run_command(command, "-s", path, cwd=small_site.root)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert f"{path.name}: line {number}: unterminated string literal" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_an_error_while_running_the_settings_names_the_line(small_site):
    path, number = _broken_settings(small_site, "TIMEZONE = EUROPE_LONDON\n")
    result = run_command("build", "-s", path, "-o", small_site.output, cwd=small_site.root)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"{path.name}: line {number}: NameError: name 'EUROPE_LONDON'" in result.stderr


def test_a_missing_settings_file(small_site):
    result = run_command("build", "-s", "nope.py", cwd=small_site.root)
    assert result.returncode == 1
    assert result.stderr.strip() == "nope.py: no such settings file"
