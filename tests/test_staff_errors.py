"""Every mistake staff can make in content/ (or in pelicanconf.py) ends in one plain line
naming the file, the problem and what to do; a non-zero exit; no traceback; and, when
it is found before writing, nothing in output/.

Each test runs the real build (`python -m commands build`, as `make html` does).
"""

import io
import os
import time

import pytest
from conftest import assert_clean_failure, run_command
from PIL import Image

NEWS = "content/news/post.md"


def _line(build, text):
    """The one message line that contains `text` (so a message is never split)."""
    lines = [line for line in build.log.splitlines() if text in line]
    assert lines, f"no line with {text!r} in:\n{build.log}"
    return lines[0]


def _refused_before_writing(build, path, *words):
    """Failed cleanly, with one line naming `path` and saying each of `words`; no output."""
    assert_clean_failure(build, f"{path}: ")
    line = _line(build, f"{path}: ")
    for word in words:
        assert word in line, f"{word!r} not in {line!r}"
    assert not build.output.exists(), "nothing should be written when the input is bad"
    return line


def _post(site, header, body="Some news.\n", name="news/post.md"):
    site.write(name, f"{header}\n\n{body}")


# Dates ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("2026-02-31", ['Date: "2026-02-31" is not a real date', "February 2026 has 28 days"]),
        ("2026-13-01", ["is not a real date", "no month 13"]),
        ("31/12/2026", ["not a date in the form YYYY-MM-DD", "e.g. 2026-12-31"]),
        ("next Tuesday", ["not a date in the form YYYY-MM-DD"]),
        ("", ["Date: has no date"]),
    ],
)
def test_a_bad_date_in_a_news_post_is_one_line(small_site, value, words):
    _post(small_site, f"Title: Sports day\nDate: {value}")
    _refused_before_writing(small_site.build(), NEWS, "line 2:", *words)


def test_a_bad_date_in_a_page_is_caught_too(small_site):
    small_site.write("pages/open-day.md", "Title: Open day\nDate: 2026-04-31\n\nCome!\n")
    _refused_before_writing(
        small_site.build(), "content/pages/open-day.md", "April 2026 has 30 days"
    )


def test_a_bad_modified_date_is_caught(small_site):
    _post(small_site, "Title: Sports day\nDate: 2026-06-01\nModified: 2026-06-31")
    _refused_before_writing(small_site.build(), NEWS, "Modified:", "June 2026 has 30 days")


def test_a_news_post_without_a_date(small_site):
    _post(small_site, "Title: Sports day")
    _refused_before_writing(small_site.build(), NEWS, "Date: missing", "Date: YYYY-MM-DD")


def test_a_date_with_a_time_is_fine(small_site):
    _post(small_site, "Title: Sports day\nDate: 2026-06-01 10:30")
    build = small_site.build()
    assert build.returncode == 0, build.log


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (("Review: 2027-09-01", "Review: 2026-01-01"), ["Review: 2026-01-01 is not after Adopted"]),
        (("Adopted: 2026-09-01", "Adopted: 1/9/2026"), ['Adopted: "1/9/2026" is not a date']),
        (("Signed_By: Sarah Wallis\n", ""), ["Signed_By: missing; add a line 'Signed_By: ...'"]),
    ],
)  # fmt: skip
def test_a_policy_mistake_is_one_line(small_site, change, words):
    # policy.py checks these; here: one line, the file named, nothing written.
    path = small_site.content / "policies/complaints.md"
    path.write_text(path.read_text().replace(*change, 1))
    _refused_before_writing(small_site.build(), "content/policies/complaints.md", *words)


# The file itself ------------------------------------------------------------------


def test_a_file_that_is_not_utf8(small_site):
    path = small_site.content / "news/post.md"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"Title: Caf\xe9 morning\nDate: 2026-06-01\n\nCome to our caf\xe9.\n")
    _refused_before_writing(small_site.build(), NEWS, "is not UTF-8", "save it again as UTF-8")


def test_an_empty_file(small_site):
    small_site.write("pages/empty.md", "")
    _refused_before_writing(
        small_site.build(), "content/pages/empty.md", "the file is empty", "Title: ..."
    )


def test_a_file_with_only_a_header(small_site):
    small_site.write("pages/notext.md", "Title: No text\nSlug: notext\n")
    _refused_before_writing(
        small_site.build(), "content/pages/notext.md", "there is no text after the header"
    )


def test_a_header_with_only_a_staff_only_block_has_no_text(small_site):
    small_site.write(
        "pages/hidden.md",
        "Title: Hidden\nSlug: hidden\n\n::: confidential\nStaff only.\n:::\n",
    )
    _refused_before_writing(small_site.build(), "content/pages/hidden.md", "no text after")


def test_no_blank_line_between_header_and_text(small_site):
    small_site.write("pages/squashed.md", "Title: Squashed\nSlug: squashed\nOur text.\n")
    _refused_before_writing(
        small_site.build(),
        "content/pages/squashed.md",
        "line 3: there is no blank line",
        "add an empty line before line 3",
    )


def test_a_text_line_that_looks_like_a_field_is_warned_about(small_site):
    small_site.write(
        "pages/note.md",
        "Title: Note\nSlug: note\nNote: bring wellies on Friday\n\nOur text.\n",
    )
    build = small_site.build()
    assert build.returncode == 0, build.log
    line = _line(build, "content/pages/note.md: warning: line 3: 'Note:'")
    assert "put a blank line before it" in line


def test_a_missing_title(small_site):
    small_site.write("pages/untitled.md", "Slug: untitled\n\nOur text.\n")
    _refused_before_writing(small_site.build(), "content/pages/untitled.md", "Title: missing")


def test_a_title_below_a_blank_line(small_site):
    (small_site.content / "pages/late.md").write_text("\nTitle: Late\n\nOur text.\n")
    _refused_before_writing(
        small_site.build(), "content/pages/late.md", "line 2: 'Title:' must be in the header"
    )


def test_an_unknown_status(small_site):
    small_site.write("pages/typo.md", "Title: Typo\nStatus: hiden\n\nOur text.\n")
    _refused_before_writing(
        small_site.build(), "content/pages/typo.md", 'Status: "hiden" is not a status'
    )


def test_a_slug_with_spaces(small_site):
    small_site.write("pages/open.md", "Title: Open day\nSlug: Open Day!\n\nOur text.\n")
    _refused_before_writing(small_site.build(), "content/pages/open.md", "Slug: open-day")


def test_a_tbc_placeholder_is_a_warning(small_site):
    _post(small_site, "Title: Sports day\nDate: 2026-06-01", "TBC: the time.\n")
    build = small_site.build()
    assert build.returncode == 0, build.log
    assert _line(build, f"{NEWS}: warning: line 4: a TBC placeholder")


def test_a_tbc_placeholder_can_be_refused(small_site):
    small_site.overrides["REFUSE_CONTENT_PLACEHOLDERS"] = True
    _post(small_site, "Title: Sports day\nDate: 2026-06-01\nSummary: TBC", "The news.\n")
    _refused_before_writing(small_site.build(), NEWS, "line 3: a TBC placeholder is still here")


def test_tbc_in_a_comment_or_a_staff_only_block_is_not_a_placeholder(small_site):
    body = "The news.\n\n<!-- TBC: check -->\n\n::: confidential\nMinibus driver TBC.\n:::\n"
    _post(small_site, "Title: Sports day\nDate: 2026-06-01", body)
    build = small_site.build()
    assert build.returncode == 0, build.log
    assert "TBC placeholder" not in build.log


# Two things at one address -----------------------------------------------------------


def _collision(build, output_file, *files):
    """One line, starting with one of `files`, naming all of them and the output file."""
    assert_clean_failure(build)
    line = _line(build, f"would be written to {output_file}, the same file as ")
    assert line.startswith(tuple(f"{name}: " for name in files)), line
    for name in files:
        assert name in line, f"{name} not in {line!r}"
    assert not build.output.exists(), "nothing should be written when the input is bad"
    return line


def test_two_posts_with_the_same_title(small_site):
    _post(small_site, "Title: Sports day\nDate: 2026-06-01", name="news/sports-day.md")
    _post(small_site, "Title: Sports Day\nDate: 2027-06-01", name="news/sports-day-2027.md")
    line = _collision(
        small_site.build(),
        "news/sports-day/index.html",
        "content/news/sports-day.md",
        "content/news/sports-day-2027.md",
    )
    assert line.endswith("give one of them a different Slug (or Title)")


def test_a_page_with_the_slug_of_another_page(small_site):
    small_site.write("pages/about-us.md", "Title: About us again\nSlug: about\n\nText.\n")
    _collision(
        small_site.build(),
        "about/index.html",
        "content/pages/about.md",
        "content/pages/about-us.md",
    )


def test_two_policies_with_the_same_slug(small_site):
    text = (small_site.content / "policies/complaints.md").read_text()
    small_site.write("policies/complaints-2027.md", text)
    _collision(
        small_site.build(),
        "policies/complaints/index.html",
        "content/policies/complaints.md",
        "content/policies/complaints-2027.md",
    )


def test_a_page_at_the_policies_list(small_site):
    small_site.write("pages/our-policies.md", "Title: Our policies\nSlug: policies\n\nText.\n")
    _refused_before_writing(
        small_site.build(),
        "content/pages/our-policies.md",
        "policies/index.html, the same file as the list of all policies",
        "give it a different Slug",
    )


@pytest.mark.parametrize(
    ("title", "taken"),
    [
        ("Tag", "news/tag/index.html, the same file as the list of all tags"),
        ("Archives", "news/archives/index.html, the same file as the news archive"),
        ("2026", "news/2026/index.html, the same file as the news archive for 2026"),
    ],
)
def test_a_post_whose_title_takes_a_list_page(small_site, title, taken):
    _post(small_site, f"Title: {title}\nDate: 2026-06-01")
    _refused_before_writing(small_site.build(), NEWS, taken)


@pytest.mark.parametrize("field", ["Tags", "Category"])
def test_a_tag_or_category_without_letters(small_site, field):
    _post(small_site, f"Title: Sports day\nDate: 2026-06-01\n{field}: ???")
    _refused_before_writing(small_site.build(), NEWS, f'{field}: "???" has no letters or digits')


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


def test_a_link_to_a_missing_file_names_the_source(small_site):
    _post(small_site, "Title: Sports day\nDate: 2026-06-01", "See [fees]({filename}/pages/fee.md).")
    build = small_site.build()
    assert_clean_failure(build)
    line = _line(build, "output/news/sports-day/index.html: broken link")
    assert "'{filename}/pages/fee.md'" in line
    assert f"(on the page made from {NEWS})" in line


def test_a_missing_image_names_the_source(small_site):
    _post(small_site, "Title: Sports day\nDate: 2026-06-01", "![Race]({static}/images/race.jpg)")
    build = small_site.build()
    assert_clean_failure(build)
    line = _line(build, "output/news/sports-day/index.html: broken link")
    assert "images/race.jpg" in line
    assert NEWS in line


def test_an_unknown_policy_link_names_the_source(small_site):
    _post(small_site, "Title: Sports day\nDate: 2026-06-01", "See [it]({policy}safeguarding).")
    _refused_before_writing(
        small_site.build(), NEWS, "{policy}safeguarding: there is no policy with that slug"
    )


def test_make_check_names_the_output_file(small_site):
    assert small_site.build().returncode == 0
    page = small_site.output / "about/index.html"
    page.write_text(page.read_text().replace("</main>", '<a href="../nowhere/">x</a></main>'))
    check = small_site.check()
    assert_clean_failure(check, "output/about/index.html: broken link to '../nowhere/'")


# Script and embeds -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ("<script>alert(1)</script>", ["<script> is not allowed", "code block"]),
        ('<iframe src="https://example.com/"></iframe>', ["<iframe> of https://example.com/"]),
        ('<img src="x.png" alt="x" onerror="alert(1)">', ["the onerror= attribute on <img>"]),
        ("[Click](javascript:alert(1))", ["a javascript: address in <a href=...>"]),
        ('<a href=" JaVa&#x53;cript:alert(1)">x</a>', ["a javascript: address"]),
        ('<object data="x.swf"></object>', ["<object> of x.swf is not allowed"]),
    ],
)
def test_script_and_embeds_are_refused(small_site, body, words):
    _post(small_site, "Title: Sports day\nDate: 2026-06-01", f"Hello.\n\n{body}\n")
    _refused_before_writing(small_site.build(), NEWS, *words)


def test_script_in_a_title_is_refused(small_site):
    _post(small_site, "Title: Sports <script>alert(1)</script> day\nDate: 2026-06-01")
    _refused_before_writing(small_site.build(), NEWS, "Title: <script> is not allowed")


def test_script_in_code_is_shown_not_refused(small_site):
    body = (
        'Inline: `<script>alert(1)</script>` and `onclick="x"`.\n\n'
        "```\n<script>alert(2)</script>\n```\n\n"
        'Indented:\n\n    <iframe src="https://example.com/"></iframe>\n'
    )
    _post(small_site, "Title: Sports day\nDate: 2026-06-01", body)
    build = small_site.build()
    assert build.returncode == 0, build.log
    html = build.read("news/sports-day/index.html")
    assert "&lt;script&gt;alert(1)" in html
    assert "&lt;script&gt;alert(2)" in html
    assert "&lt;iframe" in html
    assert "<script" not in html.lower()


def test_an_allowlisted_embed_is_allowed(small_site):
    small_site.overrides["ALLOWED_EMBEDS"] = ["https://www.youtube-nocookie.com/embed/"]
    video = '<iframe src="https://www.youtube-nocookie.com/embed/abc123" title="Video"></iframe>'
    _post(small_site, "Title: Sports day\nDate: 2026-06-01", f"Watch:\n\n{video}\n")
    build = small_site.build()
    assert build.returncode == 0, build.log
    assert "youtube-nocookie.com/embed/abc123" in build.read("news/sports-day/index.html")


@pytest.mark.parametrize(
    "src",
    [
        "https://www.youtube-nocookie.com.example.org/embed/abc",
        "http://www.youtube-nocookie.com/embed/abc",
        "https://www.youtube-nocookie.com/watch?v=abc",
    ],
)
def test_an_embed_outside_the_allowlist_is_refused(small_site, src):
    small_site.overrides["ALLOWED_EMBEDS"] = ["https://www.youtube-nocookie.com/embed/"]
    _post(small_site, "Title: Sports day\nDate: 2026-06-01", f'<iframe src="{src}"></iframe>\n')
    _refused_before_writing(small_site.build(), NEWS, "<iframe> of")


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


def _noisy_png(size):
    image = Image.frombytes("RGB", (size, size), os.urandom(size * size * 3))
    data = io.BytesIO()
    image.save(data, format="PNG")
    return data.getvalue()


def test_a_big_image_is_a_warning_not_a_failure(small_site):
    data = _noisy_png(700)  # about 1.5 MB: over the 1 MB default
    assert len(data) > 1_000_000
    path = small_site.content / "images/big.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    build = small_site.build()
    assert build.returncode == 0, build.log
    line = _line(build, "content/images/big.png: warning: the image is 1.")
    assert "over the 1.0 MB limit (IMAGE_MAX_BYTES)" in line
    assert (build.output / "images/big.png").is_file()


def test_the_image_limit_is_a_setting(small_site):
    small_site.overrides["IMAGE_MAX_BYTES"] = 2_000_000
    path = small_site.content / "images/big.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_noisy_png(700))
    build = small_site.build()
    assert build.returncode == 0, build.log
    assert "big.png: warning" not in build.log


# pelicanconf.py ----------------------------------------------------------------------


def test_a_required_policy_that_does_not_exist(small_site):
    small_site.overrides["REQUIRED_POLICIES"] = ["social-media", "complaints", "safeguarding"]
    _refused_before_writing(
        small_site.build(), "content/policies", "required policy 'safeguarding' is missing"
    )


@pytest.mark.parametrize(
    ("name", "value", "words"),
    [
        ("REQUIRED_POLICY", ["complaints"], ["unknown setting REQUIRED_POLICY", "POLICIES?"]),
        ("IMAGE_MAX_BYTE", 5, ["unknown setting IMAGE_MAX_BYTE", "IMAGE_MAX_BYTES?"]),
        ("REQUIRED_POLICIES", "complaints", ["REQUIRED_POLICIES must be a list", "not str"]),
        ("IMAGE_MAX_BYTES", "1 MB", ["IMAGE_MAX_BYTES must be a whole number", "not str"]),
        ("ALLOWED_EMBEDS", "https://x/", ["ALLOWED_EMBEDS must be a list"]),
        ("CONFIDENTIAL_FIELDS", "child_name", ["CONFIDENTIAL_FIELDS must be a list"]),
    ],
)  # fmt: skip
def test_a_setting_mistake_is_one_line(small_site, name, value, words):
    small_site.overrides[name] = value
    build = small_site.build()
    line = _refused_before_writing(build, "pelicanconf.py", *words)
    assert line.startswith("pelicanconf.py: ")


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
