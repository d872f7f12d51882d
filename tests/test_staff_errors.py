"""Every mistake staff can make in content/ (or in pelicanconf.py) ends in one plain line
naming the file, the problem and what to do; a non-zero exit; no traceback; and, when
it is found before writing, nothing in output/.

Each check is called in-process on the text it reads (fast, one case each); one real
build (`python -m commands build`, as `make html` does) per class of mistake shows that
the build stops on it, lists every problem, and writes nothing.
"""

import io
import os
import time

import pytest
from conftest import REPO, assert_clean_failure, assert_refused_before_writing, line_with
from PIL import Image

from authoring.markup import unsafe_markup
from authoring.preflight import Preflight
from commands.runner import load_settings

NEWS = "content/news/post.md"
SPORTS_DAY = "Title: Sports day\nDate: 2026-06-01"


@pytest.fixture(scope="module")
def settings():
    """The real site's settings, every plugin's defaults filled in."""
    return load_settings(str(REPO / "pelicanconf.py"))


def _post(site, header, body="Some news.\n", name="news/post.md"):
    site.write(name, f"{header}\n\n{body}")


def _preflight(settings, text, name="news/post.md", **overrides):
    """(problems, warnings) of one source, as messages, checked where `name` says."""
    checks = Preflight({**settings, **overrides})
    checks.inspect(os.path.join(settings["PATH"], name), text)
    assert all(p.path.endswith(name) for p in checks.problems), checks.problems
    return [p.message for p in checks.problems], checks.warnings


# Before Pelican reads a file: its header, dates, title, status, slug -----------------


PAGE = "pages/p.md"
SOURCE_MISTAKES = {
    "31 February": (NEWS, "Title: Sports day\nDate: 2026-02-31\n\nNews.\n",
                    ['line 2: Date: "2026-02-31" is not a real date', "February 2026 has 28"]),
    "month 13": (NEWS, "Title: Sports day\nDate: 2026-13-01\n\nNews.\n",
                 ["is not a real date", "no month 13"]),
    "day first": (NEWS, "Title: Sports day\nDate: 31/12/2026\n\nNews.\n",
                  ["not a date in the form YYYY-MM-DD", "write 'Date: 2026-12-31'"]),
    "words": (NEWS, "Title: Sports day\nDate: next Tuesday\n\nNews.\n",
              ["not a date in the form YYYY-MM-DD"]),
    "empty date": (NEWS, "Title: Sports day\nDate:\n\nNews.\n", ["line 2: Date: has no date"]),
    "modified": (NEWS, f"{SPORTS_DAY}\nModified: 2026-06-31\n\nNews.\n",
                 ["Modified:", "June 2026 has 30 days"]),
    "no date": (NEWS, "Title: Sports day\n\nNews.\n", ["Date: missing", "Date: YYYY-MM-DD"]),
    "a page's date": ("pages/open-day.md", "Title: Open day\nDate: 2026-04-31\n\nCome!\n",
                      ["April 2026 has 30 days"]),
    "empty file": (PAGE, "", ["the file is empty", "Title: ..."]),
    "only a header": (PAGE, "Title: No text\nSlug: notext\n", ["no text after the header"]),
    "only staff-only text": (PAGE, "Title: Hidden\n\n::: confidential\nStaff.\n:::\n",
                             ["no text after"]),
    "no blank line": (PAGE, "Title: Squashed\nSlug: squashed\nOur text.\n",
                      ["line 3: there is no blank line", "add an empty line before line 3"]),
    "no title": (PAGE, "Slug: untitled\n\nOur text.\n", ["Title: missing"]),
    "title below a blank line": (PAGE, "\nTitle: Late\n\nOur text.\n",
                                 ["line 2: 'Title:' must be in the header"]),
    "unknown status": (PAGE, "Title: Typo\nStatus: hiden\n\nText.\n",
                       ['Status: "hiden" is not a status']),
    "slug with spaces": (PAGE, "Title: Open day\nSlug: Open Day!\n\nText.\n",
                         ["Slug: open-day"]),
}  # fmt: skip


@pytest.mark.parametrize("mistake", SOURCE_MISTAKES)
def test_a_source_mistake_is_one_problem(settings, mistake):
    path, text, words = SOURCE_MISTAKES[mistake]
    problems, _warnings = _preflight(settings, text, path.removeprefix("content/"))
    assert len(problems) == 1, problems
    for word in words:
        assert word in problems[0], f"{word!r} not in {problems[0]!r}"


def test_pages_need_no_date(settings):
    assert _preflight(settings, "Title: Open day\n\nCome!\n", PAGE) == ([], [])


def test_a_date_with_a_time_is_fine(settings):
    assert _preflight(settings, f"{SPORTS_DAY} 10:30\n\nNews.\n") == ([], [])


def test_a_text_line_that_looks_like_a_field_is_warned_about(settings):
    problems, warnings = _preflight(settings, "Title: Note\nNote: bring wellies\n\nText.\n",
                                    "pages/note.md")  # fmt: skip
    assert problems == []
    (warning,) = warnings
    assert "note.md: warning: line 2: 'Note:'" in warning
    assert "put a blank line before it" in warning


def test_a_tbc_placeholder_is_a_warning_or_if_asked_a_problem(settings):
    text = f"{SPORTS_DAY}\nSummary: TBC\n\nThe news.\n"
    problems, (warning,) = _preflight(settings, text)
    assert problems == []
    assert "post.md: warning: line 3: a TBC placeholder" in warning
    problems, _warnings = _preflight(settings, text, REFUSE_CONTENT_PLACEHOLDERS=True)
    assert problems == ["line 3: a TBC placeholder is still here; replace it, then publish"]


def test_tbc_in_a_comment_or_a_staff_only_block_is_not_a_placeholder(settings):
    body = "The news.\n\n<!-- TBC: check -->\n\n::: confidential\nMinibus driver TBC.\n:::\n"
    assert _preflight(settings, f"{SPORTS_DAY}\n\n{body}") == ([], [])


def _noisy_png(size):
    image = Image.frombytes("RGB", (size, size), os.urandom(size * size * 3))
    data = io.BytesIO()
    image.save(data, format="PNG")
    return data.getvalue()


def test_the_image_limit_is_a_setting(settings, tmp_path):
    path = tmp_path / "big.png"
    path.write_bytes(_noisy_png(700))  # about 1.5 MB: over the 1 MB default
    for limit, warned in ((1_000_000, True), (2_000_000, False), (0, False)):
        checks = Preflight({**settings, "IMAGE_MAX_BYTES": limit})
        checks.inspect(str(path), None)
        assert len(checks.warnings) == warned, limit
        if warned:
            assert "over the 1.0 MB limit (IMAGE_MAX_BYTES)" in checks.warnings[0]


def test_source_mistakes_stop_the_build_before_writing(small_site):
    """One build, several bad files: every one is told, and nothing is written."""
    _post(small_site, "Title: Sports day\nDate: 2026-02-31")
    small_site.write("pages/empty.md", "")
    build = small_site.build()
    assert_refused_before_writing(build, NEWS, "line 2:", "February 2026 has 28 days")
    assert_refused_before_writing(build, "content/pages/empty.md", "the file is empty")


def test_a_file_that_is_not_utf8(small_site):
    """Told by the guard, which reads every source first."""
    path = small_site.content / "news/post.md"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"Title: Caf\xe9 morning\nDate: 2026-06-01\n\nCome to our caf\xe9.\n")
    assert_refused_before_writing(
        small_site.build(), NEWS, "is not UTF-8", "save it again as UTF-8"
    )


def test_warnings_are_told_and_the_build_goes_on(small_site):
    small_site.overrides["IMAGE_MAX_BYTES"] = 1_000_000  # the site's own limit is 20 MB
    _post(small_site, SPORTS_DAY, "TBC: the time.\n")
    small_site.write("pages/note.md", "Title: Note\nSlug: note\nNote: bring wellies\n\nText.\n")
    path = small_site.content / "images/big.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_noisy_png(700))
    build = small_site.build()
    assert build.returncode == 0, build.log
    assert line_with(build, f"{NEWS}: warning: line 4: a TBC placeholder")
    assert line_with(build, "content/pages/note.md: warning: line 3: 'Note:'")
    line = line_with(build, "content/images/big.png: warning: the image is 1.")
    assert "over the 1.0 MB limit (IMAGE_MAX_BYTES)" in line
    assert (build.output / "images/big.png").is_file()


# What Pelican made of the sources: two things at one address, unsafe markup ----------


def _collision(build, output_file, *files):
    """One line, starting with one of `files`, naming all of them and the output file."""
    line = line_with(build, f"would be written to {output_file}, the same file as ")
    assert line.startswith(tuple(f"{name}: " for name in files)), line
    for name in files:
        assert name in line, f"{name} not in {line!r}"
    return line


UNSAFE_BODIES = {
    "script": ("<script>alert(1)</script>", ["<script> is not allowed", "code block"]),
    "iframe": ('<iframe src="https://example.com/"></iframe>', ["<iframe> of https://example.com/"]),
    "onerror": ('<img src="x.png" onerror="alert(1)">', ["the onerror= attribute on <img>"]),
    "markdown link": ("[Click](javascript:alert(1))", ["a javascript: address in <a href=...>"]),
    "encoded": ('<a href=" JaVa&#x53;cript:alert(1)">x</a>', ["a javascript: address"]),
    "object": ('<object data="x.swf"></object>', ["<object> of x.swf is not allowed"]),
}  # fmt: skip


def test_what_pelican_made_is_checked_before_writing(small_site):
    """One build: each collision, each unnamed group, each unsafe element is one line."""
    _post(small_site, SPORTS_DAY, name="news/sports-day.md")
    _post(small_site, "Title: Sports Day\nDate: 2027-06-01", name="news/sports-day-2027.md")
    small_site.write("pages/about-us.md", "Title: About us again\nSlug: about\n\nText.\n")
    policy = (small_site.content / "policies/complaints.md").read_text()
    small_site.write("policies/complaints-2027.md", policy)
    small_site.write("pages/our-policies.md", "Title: Our policies\nSlug: policies\n\nText.\n")
    for title in ("Tag", "Archives", "2026"):
        _post(small_site, f"Title: {title}\nDate: 2026-06-01", name=f"news/list-{title}.md")
    for field in ("Tags", "Category"):
        _post(small_site, f"{SPORTS_DAY}\nSlug: q-{field}\n{field}: ???", name=f"news/q-{field}.md")
    for name, (body, _words) in UNSAFE_BODIES.items():
        slug = name.replace(" ", "-")
        _post(small_site, f"{SPORTS_DAY}\nSlug: u-{slug}", f"Hello.\n\n{body}\n",
              name=f"news/u-{slug}.md")  # fmt: skip
    _post(small_site, "Title: Sports <script>alert(1)</script> day\nDate: 2026-06-01\nSlug: t",
          name="news/title.md")  # fmt: skip
    build = small_site.build()
    assert_clean_failure(build)
    assert not build.output.exists(), "nothing should be written when the input is bad"
    line = _collision(build, "news/sports-day/index.html", "content/news/sports-day.md",
                      "content/news/sports-day-2027.md")  # fmt: skip
    assert line.endswith("give one of them a different Slug (or Title)")
    _collision(build, "about/index.html", "content/pages/about.md", "content/pages/about-us.md")
    _collision(build, "policies/complaints/index.html", "content/policies/complaints.md",
               "content/policies/complaints-2027.md")  # fmt: skip
    line = line_with(build, "content/pages/our-policies.md: ")
    assert "policies/index.html, the same file as the list of all policies" in line
    assert "give it a different Slug" in line
    for title, taken in (  # (the "???" tag's page would be news/tag/ too: named as well)
        ("Tag", ("news/tag/index.html, the same file as", "the list of all tags")),
        ("Archives", ("news/archives/index.html, the same file as the news archive",)),
        ("2026", ("news/2026/index.html, the same file as the news archive for 2026",)),
    ):
        line = line_with(build, f"content/news/list-{title}.md: ")
        for words in taken:
            assert words in line, f"{words!r} not in {line!r}"
    for field in ("Tags", "Category"):
        assert f'{field}: "???" has no letters or digits' in line_with(build, f"q-{field}.md: ")
    for name, (_body, words) in UNSAFE_BODIES.items():
        line = line_with(build, f"content/news/u-{name.replace(' ', '-')}.md: ")
        for word in words:
            assert word in line, f"{word!r} not in {line!r}"
    assert "Title: <script> is not allowed" in line_with(build, "content/news/title.md: ")


@pytest.mark.parametrize(
    "src",
    [
        "https://www.youtube-nocookie.com.example.org/embed/abc",
        "http://www.youtube-nocookie.com/embed/abc",
        "https://www.youtube-nocookie.com/watch?v=abc",
    ],
)
def test_an_embed_outside_the_allowlist_is_refused(src):
    allowed = ["https://www.youtube-nocookie.com/embed/"]
    assert unsafe_markup('<iframe src="https://www.youtube-nocookie.com/embed/a1"></iframe>',
                         allowed) == []  # fmt: skip
    (message,) = unsafe_markup(f'<iframe src="{src}"></iframe>', allowed)
    assert message.startswith("<iframe> of")


def test_script_in_code_is_shown_and_an_allowlisted_embed_is_kept(small_site):
    small_site.overrides["ALLOWED_EMBEDS"] = ["https://www.youtube-nocookie.com/embed/"]
    body = (
        'Inline: `<script>alert(1)</script>` and `onclick="x"`.\n\n'
        "```\n<script>alert(2)</script>\n```\n\n"
        'Indented:\n\n    <iframe src="https://example.com/"></iframe>\n\n'
        '<iframe src="https://www.youtube-nocookie.com/embed/abc123" title="Video"></iframe>\n'
    )
    _post(small_site, SPORTS_DAY, body)
    build = small_site.build()
    assert build.returncode == 0, build.log
    html = build.read("news/sports-day/index.html")
    assert "&lt;script&gt;alert(1)" in html
    assert "&lt;script&gt;alert(2)" in html
    assert "&lt;iframe" in html
    assert "<script" not in html.lower()
    assert '<iframe src="https://www.youtube-nocookie.com/embed/abc123"' in html


def test_a_tag_called_page_does_not_collide_with_our_urls(small_site):
    # news/tag/page/ and the pagination pattern <list>/page-<n>/ never meet here:
    # paginated tag pages are news/tag/<slug>/page-<n>/.
    for number in range(12):
        _post(small_site, f"Title: Post {number}\nDate: 2026-06-01\nTags: page, news",
              name=f"news/post-{number}.md")  # fmt: skip
    build = small_site.build()
    assert build.returncode == 0, build.log
    assert (build.output / "news/tag/page/index.html").is_file()
    assert (build.output / "news/tag/page/page-2/index.html").is_file()
    assert (build.output / "news/page-2/index.html").is_file()


# Links ---------------------------------------------------------------------------------


def test_a_broken_link_or_image_names_the_source(small_site):
    _post(small_site, SPORTS_DAY, "See [fees]({filename}/pages/fee.md).", "news/fees.md")
    _post(small_site, SPORTS_DAY.replace("Sports", "Race"), "![Race]({static}/images/race.jpg)",
          "news/race.md")  # fmt: skip
    build = small_site.build()
    assert_clean_failure(build)
    for page, url, source in (
        ("sports-day", "'{filename}/pages/fee.md'", "content/news/fees.md"),
        ("race-day", "images/race.jpg", "content/news/race.md"),
    ):
        line = line_with(build, f"output/news/{page}/index.html: broken link")
        assert url in line
        assert f"(on the page made from {source})" in line


def test_an_unknown_policy_link_names_the_source(small_site):
    _post(small_site, SPORTS_DAY, "See [it]({policy}safeguarding).")
    assert_refused_before_writing(
        small_site.build(), NEWS, "{policy}safeguarding: there is no policy with that slug"
    )


def test_make_check_names_the_output_file(small_site):
    assert small_site.build().returncode == 0
    page = small_site.output / "about/index.html"
    page.write_text(page.read_text().replace("</main>", '<a href="../nowhere/">x</a></main>'))
    check = small_site.check()
    assert_clean_failure(check, "output/about/index.html: broken link to '../nowhere/'")


# Size ------------------------------------------------------------------------------------


def test_a_5_mb_markdown_file_builds(small_site):
    paragraph = "The children played in the garden and painted the autumn trees. " * 12
    sections, size = [], 0
    while size < 5_000_000:
        section = f"## Week {len(sections) + 1}\n\n" + (paragraph + "\n\n") * 6
        sections.append(section)
        size += len(section)
    small_site.write("pages/diary.md", "Title: Diary\nSlug: diary\n\n" + "".join(sections))
    started = time.monotonic()
    build = small_site.build()
    took = time.monotonic() - started
    assert build.returncode == 0, build.log
    assert (build.output / "diary/index.html").stat().st_size > 5_000_000
    # About 5 s on a quiet machine (17 s under load), mostly Python-Markdown; the
    # bound only catches a hang.
    assert took < 300, f"a 5 MB page took {took:.0f} s"
