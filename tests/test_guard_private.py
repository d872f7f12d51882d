"""content/private never leaves: found in any case, read in any encoding a Windows tool
saves, protected by content hash and name, never linked to, and no cache is published.

The decoders and the link finder are tested in-process; every route is also built for
real, each true positive beside a control that must pass. Secret values live only in
these constants; no assertion or test id shows them.
"""

import io
import random

import pytest
from conftest import assert_absent, assert_absent_in_every_form, assert_clean_failure
from PIL import Image

from guard.watchlist.private import (
    decode_text,
    is_known_binary,
    private_file_from,
    private_link_problems,
)
from sitebase.sources import private_dirs

CHILD = "Zoë Ravenscroft"
OTHER_CHILD = "Renée O\u2019Neill"
CHILD_ASCII = "Perpetua Ravenscroft"


def _photo(colour, exif=False):
    buffer = io.BytesIO()
    options = {}
    if exif:
        data = Image.Exif()
        data[0x8825] = {1: "N", 2: (50.0, 15.0, 30.0)}
        options["exif"] = data.tobytes()
    Image.new("RGB", (16, 16), colour).save(buffer, "JPEG", **options)
    return buffer.getvalue()


def _write_bytes(site, relative, data):
    path = site.content / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def _page_naming(site, name, slug="thanks"):
    site.write(f"pages/{slug}.md", f"Title: Thanks\nSlug: {slug}\n\nThank you, {name}.\n")


# In-process: the decoder.


@pytest.mark.parametrize(
    "encoded",
    [
        ("- " + CHILD + "\r\n- " + OTHER_CHILD + "\r\n").encode("utf-16"),  # Notepad "Unicode"
        (CHILD + "\r\n" + OTHER_CHILD + "\r\n").encode("cp1252"),  # Excel CSV
        ("\ufeff- " + CHILD + "\n- " + OTHER_CHILD + "\n").encode("utf-8"),  # UTF-8 with BOM
        ("- " + CHILD + "\n- " + OTHER_CHILD + "\n").encode("utf-8"),
    ],
    ids=["utf-16 with BOM, CRLF", "cp1252 CRLF", "utf-8 with BOM", "utf-8"],
)
def test_private_text_is_decoded_whatever_saved_it(encoded):
    text = decode_text(encoded)
    lines = [line.lstrip("- ") for line in text.split("\n") if line]
    if lines != [CHILD, OTHER_CHILD]:
        pytest.fail("the names were not decoded as written", pytrace=False)
    assert "\r" not in text
    assert "\ufeff" not in text


@pytest.mark.parametrize(
    "data",
    [random.Random(seed).randbytes(size) for seed, size in
     ((1, 2000), (2, 200), (3, 40))] + [b"abc\x00\x01\x02def"],
    ids=["random 2000", "random 200", "random 40", "control characters"],
)  # fmt: skip
def test_bytes_that_are_not_text_are_not_decoded(data):
    assert decode_text(data) is None


def test_known_binary_types_are_recognised_by_name():
    for name in ("consent.jpg", "Consent.JPG", "log.pdf", "form.docx", "rota.xlsx", "a.heic"):
        assert is_known_binary(name), name
    for name in ("watchlist.md", "names.csv", "notes.txt", "logo.svg", "data.json"):
        assert not is_known_binary(name), name


def test_an_unreadable_private_file_is_a_problem_and_a_photo_is_not():
    noise = random.Random(4).randbytes(500)
    private_file, problem = private_file_from("content/private/export.dat", noise)
    assert private_file is None
    assert "cannot be read as text and is not a known kind of file" in str(problem)
    photo, problem = private_file_from("content/private/consent.jpg", _photo("red"))
    assert problem is None
    assert photo.text is None
    assert photo.digests


def test_the_private_folder_is_found_whatever_its_case(tmp_path):
    (tmp_path / "Private").mkdir()
    (tmp_path / "pages").mkdir()
    found = private_dirs({"PATH": str(tmp_path), "PRIVATE_DIR": "private"})
    assert found == [str(tmp_path / "Private")]


# In-process: links into the private folder.

PRIVATE_LINKS = {
    "static, absolute": "![x]({static}/private/consent.jpg)",
    "attach, relative": "[log]({attach}../private/log.pdf)",
    "filename, other case": "[n]({filename}/PRIVATE/notes.md)",
    "plain relative path": "![x](../private/consent.jpg)",
    "percent-encoded": "![x](../%70rivate/consent.jpg)",
    "reference link": "[log][1]\n\n[1]: {static}/Private/log.pdf",
    "html src": '<img src="{static}/private/consent.jpg" alt="">',
}
PUBLIC_LINKS = {
    "static image": "![x]({static}/images/outing.jpg)",
    "external private path": "[x](https://example.org/private/page)",
    "the word in text": "We keep private things private/safe.",
    "a folder named like it": "![x]({static}/images/private-garden.jpg)",
    "outside the content folder": "![x](../../private/x.jpg)",
}


@pytest.mark.parametrize("text", PRIVATE_LINKS.values(), ids=PRIVATE_LINKS)
def test_links_into_the_private_folder_are_problems(tmp_path, text):
    source = tmp_path / "news" / "post.md"
    settings = {"PATH": str(tmp_path), "PRIVATE_DIR": "private"}
    problems = private_link_problems(str(source), f"Title: x\n\n{text}\n", settings)
    assert len(problems) == 1
    assert "links to a file in private/, which is never published" in str(problems[0])
    assert str(problems[0]).count("consent") == 0  # the target is not printed


@pytest.mark.parametrize("text", PUBLIC_LINKS.values(), ids=PUBLIC_LINKS)
def test_other_links_are_not_problems(tmp_path, text):
    source = tmp_path / "news" / "post.md"
    settings = {"PATH": str(tmp_path), "PRIVATE_DIR": "private"}
    assert private_link_problems(str(source), f"Title: x\n\n{text}\n", settings) == []


# Real builds: watchlists saved by Windows tools.


def test_a_utf16_watchlist_from_notepad_is_watched(small_site):
    _write_bytes(small_site, "private/watchlist.txt", f"- {CHILD}\r\n".encode("utf-16"))
    _page_naming(small_site, CHILD)
    build = small_site.build()
    assert_clean_failure(build, "output/thanks/index.html: content/private")
    assert_absent_in_every_form(build, CHILD)


def test_a_cp1252_csv_from_excel_is_watched(small_site):
    data = f"{CHILD_ASCII}\r\n{OTHER_CHILD}\r\n".encode("cp1252")
    _write_bytes(small_site, "private/children.csv", data)
    _page_naming(small_site, OTHER_CHILD)
    build = small_site.build()
    assert_clean_failure(build, "output/thanks/index.html: content/private")
    assert_absent_in_every_form(build, OTHER_CHILD)


def test_a_windows_watchlist_without_those_names_in_pages_builds(small_site):
    _write_bytes(small_site, "private/watchlist.txt", f"- {CHILD}\r\n".encode("utf-16"))
    _write_bytes(small_site, "private/children.csv", f"{OTHER_CHILD}\r\n".encode("cp1252"))
    build = small_site.build()
    assert build.returncode == 0, build.log


def test_an_unreadable_private_file_stops_the_build(small_site):
    noise = random.Random(5).randbytes(500)
    _write_bytes(small_site, "private/export.dat", noise)
    build = small_site.build()
    assert_clean_failure(build, "content/private/export.dat: cannot be read as text")


# Real builds: the folder's name in any case.


def test_a_capitalised_private_folder_is_watched(small_site):
    small_site.write("Private/watchlist.md", f"- {CHILD_ASCII}\n")
    _page_naming(small_site, CHILD_ASCII)
    build = small_site.build()
    assert_clean_failure(build, "output/thanks/index.html: content/private")
    assert_absent_in_every_form(build, CHILD_ASCII)


def test_a_capitalised_private_folder_is_never_published(small_site):
    small_site.write("Private/watchlist.md", f"- {CHILD_ASCII}\n")
    _write_bytes(small_site, "Private/consent.jpg", _photo("red"))
    small_site.overrides.update(STATIC_PATHS=[""], PAGE_PATHS=["pages", "policies", ""])
    build = small_site.build()
    assert build.returncode == 0, build.log
    published = [p.relative_to(build.output).as_posix().casefold() for p in build.files()]
    assert not [name for name in published if "private" in name]
    assert_absent(build, CHILD_ASCII)


# Real builds: copies and names of private files.


def test_a_private_photo_copied_under_another_name_is_caught(small_site):
    photo = _photo("red")
    _write_bytes(small_site, "private/consent-form.jpg", photo)
    _write_bytes(small_site, "images/outing.jpg", photo)
    build = small_site.build()
    assert_clean_failure(
        build,
        "output/images/outing.jpg: a copy of a file in content/private from "
        "content/private/consent-form.jpg",
    )
    assert not build.output.exists()


def test_a_private_phone_photo_is_caught_though_the_build_strips_its_metadata(small_site):
    photo = _photo("blue", exif=True)
    _write_bytes(small_site, "private/consent-form.jpg", photo)
    _write_bytes(small_site, "images/outing.jpg", photo)
    assert_clean_failure(small_site.build(), "output/images/outing.jpg: a copy of a file")
    small_site.remove("private/consent-form.jpg")
    assert small_site.build().returncode == 0
    _write_bytes(small_site, "private/consent-form.jpg", photo)
    assert_clean_failure(small_site.check(), "output/images/outing.jpg: a copy of a file")


def test_a_private_pdf_copied_as_a_static_file_is_caught(small_site):
    pdf = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
    _write_bytes(small_site, "private/safeguarding-log.pdf", pdf)
    _write_bytes(small_site, "files/newsletter.pdf", pdf)
    small_site.overrides["STATIC_PATHS"] = ["images", "files"]
    assert_clean_failure(small_site.build(), "output/files/newsletter.pdf: a copy of a file")


def test_a_file_named_after_a_private_file_is_caught(small_site):
    _write_bytes(small_site, "private/Consent Form Robins.jpg", _photo("red"))
    _write_bytes(small_site, "images/consent-form-robins.png", _photo("green"))
    assert_clean_failure(
        small_site.build(),
        "output/images/consent-form-robins.png: named after a file in content/private",
    )


def test_a_public_photo_whose_bytes_and_name_differ_passes(small_site):
    _write_bytes(small_site, "private/consent-form.jpg", _photo("red"))
    _write_bytes(small_site, "private/safeguarding-log.pdf", b"%PDF-1.4\n%%EOF\n")
    _write_bytes(small_site, "images/outing.jpg", _photo("green"))
    small_site.write(
        "pages/outing.md", "Title: Outing\nSlug: outing\n\n![A walk]({static}/images/outing.jpg)\n"
    )
    build = small_site.build()
    assert build.returncode == 0, build.log
    assert (build.output / "images/outing.jpg").is_file()


# Real builds: links into the folder, and the cache.


def test_a_link_to_a_private_file_stops_the_build(small_site):
    _write_bytes(small_site, "private/consent-form.jpg", _photo("red"))
    small_site.write(
        "pages/outing.md",
        "Title: Outing\nSlug: outing\n\nHello.\n\n![Form]({static}/private/consent-form.jpg)\n",
    )
    build = small_site.build()
    assert_clean_failure(
        build,
        "content/pages/outing.md: line 6: links to a file in private/, which is never published",
    )
    assert "consent-form" not in build.log


def test_a_cache_inside_a_static_folder_is_refused(small_site):
    small_site.overrides["CACHE_PATH"] = str(small_site.content / "images" / "cache")
    assert_clean_failure(small_site.build(), "CACHE_PATH is inside STATIC_PATHS (images)")


def test_a_cache_inside_the_content_folder_published_whole_is_refused(small_site):
    small_site.overrides.update(STATIC_PATHS=[""], CACHE_PATH=str(small_site.content / "cache"))
    assert_clean_failure(small_site.build(), "CACHE_PATH is inside STATIC_PATHS (the whole")
