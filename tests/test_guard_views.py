"""Every kind of published file read as a person would read it, in-process (fast):
text in any encoding, PDF, Office (refused), SVG, photos in every format, damaged files,
unknown types, and the extraction cache. Real builds are in test_guard_views_build.py.

True positives sit beside clean controls; the secret is never in a message or an id.
"""

import io
import shutil
import zlib

import documents
import pytest
from pypdf import PdfReader

from guard import checks
from guard.settings import apply_defaults, settings_problems
from guard.views import pdf, svg
from guard.views import photo as photo_reader
from guard.views.images import metadata_kinds
from guard.watchlist.watched import Watched

NAME = "Ann Hopkins"
ACCENTED = "Zoë Pennington"  # only found when Windows-1252 is decoded as such
STAFF_PHONE = "07700 900123"


@pytest.fixture
def folders(tmp_path):
    output, cache = tmp_path / "output", tmp_path / "cache"
    output.mkdir()
    return output, cache


def _check(folders, files, clean=True):
    """Write `files` into an output folder and run the guard's checks over it."""
    output, cache = folders
    for name, data in files.items():
        path = output / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    settings = apply_defaults({"CACHE_PATH": str(cache), "OUTPUT_PATH": str(output)})
    watched = [
        Watched("content/private", "content/private/watchlist.md", value)
        for value in (NAME, ACCENTED)
    ]
    return checks.leak_findings(str(output), settings, watched, clean=clean)


def _rules(findings):
    return {finding.rule for finding in findings}


def _no_secret_in(findings):
    for finding in findings:
        if any(value.lower() in str(finding).lower() for value in (NAME, ACCENTED)):
            pytest.fail("a finding printed the secret", pytrace=False)


# Text in any encoding.

ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252"]


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_a_name_in_text_of_any_encoding_is_found(folders, encoding):
    text = f"Phone list for the Robins, café rota: {ACCENTED}.\n"
    findings = _check(folders, {"notes.txt": text.encode(encoding)})
    assert _rules(findings) == {"content/private"}
    _no_secret_in(findings)


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_clean_text_of_any_encoding_publishes(folders, encoding):
    text = "Phone list for the Robins, café rota: Joann Hopkinson and Zoë.\n"
    assert _check(folders, {"notes.txt": text.encode(encoding)}) == []


def test_contacts_in_utf16_text_are_checked(folders):
    findings = _check(folders, {"notes.txt": f"Ring {STAFF_PHONE}".encode("utf-16-le")})
    assert _rules(findings) == {"unlisted phone number"}


# PDF.


def test_pdf_text_is_compressed_and_still_read(folders):
    data = documents.pdf([f"Well done {NAME} on sports day"])
    if NAME.encode() in data:
        pytest.fail("the test PDF should hold its text compressed", pytrace=False)
    assert _rules(_check(folders, {"news.pdf": data})) == {"content/private"}


@pytest.mark.parametrize(
    "where",
    [
        {"metadata": {"/Author": NAME}},
        {"metadata": {"/Title": f"Notes on {NAME}"}},
        {"metadata": {"/Keywords": NAME, "/Subject": "x", "/Creator": "x"}},
        {"xmp": f"<x:xmpmeta><dc:creator>{NAME}</dc:creator></x:xmpmeta>".encode()},
    ],
    ids=["author", "title", "keywords", "xmp"],
)
def test_a_name_in_pdf_metadata_is_found(folders, where):
    findings = _check(folders, {"news.pdf": documents.pdf(["Sports day"], **where)})
    assert _rules(findings) == {"content/private"}
    _no_secret_in(findings)


def test_contacts_in_a_pdf_are_checked(folders):
    findings = _check(folders, {"news.pdf": documents.pdf([f"Ring {STAFF_PHONE}"])})
    assert _rules(findings) == {"unlisted phone number"}


def test_pdf_metadata_is_removed_and_verified(folders):
    data = documents.pdf(
        ["Sports day went well"],
        metadata={"/Author": "Office User", "/Creator": "Writer"},
        xmp=b"<x:xmpmeta><dc:creator>Office User</dc:creator></x:xmpmeta>",
    )
    assert pdf.metadata_kinds(data) == {"Info Author", "Info Creator", "document Metadata"}
    assert _check(folders, {"news.pdf": data}) == []
    published = (folders[0] / "news.pdf").read_bytes()
    assert pdf.metadata_kinds(published) == set()
    reader = PdfReader(io.BytesIO(published))
    assert "/Author" not in (reader.metadata or {})
    assert "Sports day went well" in reader.pages[0].extract_text()


@pytest.mark.parametrize("kind", ["pdf", "photo"])
def test_a_cleaner_that_leaves_metadata_is_caught(folders, monkeypatch, kind):
    """Verification reads the cleaned file again instead of trusting the cleaner."""
    reader = {"pdf": pdf, "photo": photo_reader}[kind]
    monkeypatch.setattr(reader, "clean", lambda data: data + b"\n")
    name, data = {
        "pdf": ("news.pdf", documents.pdf(["Sports day"], metadata={"/Author": "Office User"})),
        "photo": ("photo.png", documents.photo("png")),
    }[kind]
    (finding,) = _check(folders, {name: data})
    assert "still has metadata after cleaning" in finding.rule
    assert not (folders[0] / name).exists()


def test_make_check_reports_pdf_metadata_without_changing_the_file(folders):
    data = documents.pdf(["Sports day"], metadata={"/Author": "Office User"})
    findings = _check(folders, {"news.pdf": data}, clean=False)
    assert _rules(findings) == {"PDF metadata (Info Author)"}
    assert (folders[0] / "news.pdf").read_bytes() == data


# Office files: refused with a PDF recommended, whatever they say.


@pytest.mark.parametrize("name", ["letter.docx", "fees.xlsx", "talk.pptx", "minutes.odt"])
def test_office_files_are_refused_recommending_a_pdf(folders, name):
    findings = _check(folders, {name: documents.docx("Nothing to see")})
    assert len(findings) == 1
    assert "save it as PDF" in findings[0].rule
    assert not (folders[0] / name).exists(), "a refused file must not stay in the output"


# SVG.


@pytest.mark.parametrize("where", ["text", "title", "metadata", "comment", "photo exif"])
def test_a_name_anywhere_in_an_svg_is_found(folders, where):
    photo = documents.photo("jpeg", maker=NAME if where == "photo exif" else "PhoneMaker")
    data = documents.svg_with_photo("Summer fair", photo)
    data = {
        "photo exif": data,
        "text": data.replace("Summer fair", NAME),
        "title": data.replace("<title>Poster", f"<title>{NAME}"),
        "metadata": data.replace("Office PC", NAME),
        "comment": data.replace("</svg>", f"<!-- for {NAME} --></svg>"),
    }[where]
    findings = _check(folders, {"poster.svg": data.encode()})
    assert _rules(findings) == {"content/private"}


def test_svg_metadata_and_embedded_photo_exif_are_removed(folders):
    data = documents.svg_with_photo("Summer fair", documents.photo("jpeg")).encode()
    assert "embedded image EXIF/XMP" in svg.metadata_kinds(data)
    assert _check(folders, {"poster.svg": data}) == []
    published = (folders[0] / "poster.svg").read_bytes()
    assert svg.metadata_kinds(published) == set()
    for gone in (b"<metadata", b"inkscape:", b"/home/staff", b"Office PC"):
        assert gone not in published
    assert b"<title>Poster</title>" in published
    assert b"Summer fair" in published


def test_a_clean_svg_is_published_byte_for_byte(folders):
    favicon = (documents.REPO / "theme/static/favicon.svg").read_bytes()
    assert _check(folders, {"favicon.svg": favicon}) == []
    assert (folders[0] / "favicon.svg").read_bytes() == favicon


# Photos in every format.

KINDS = ["jpeg", "png", "webp", "gif", "tiff", "avif", "heic"]
SUFFIX = {"jpeg": ".jfif", "tiff": ".tif", "heic": ".heic"}


@pytest.mark.parametrize("kind", KINDS)
def test_photo_metadata_is_stripped_and_verified(folders, kind):
    name = "photo" + SUFFIX.get(kind, "." + kind)
    data = documents.photo(kind)
    assert metadata_kinds(data), "the test photo should carry metadata"
    assert _check(folders, {name: data}) == []
    assert metadata_kinds((folders[0] / name).read_bytes()) == set()


@pytest.mark.parametrize("kind", KINDS)
def test_a_clean_photo_publishes_unchanged(folders, kind):
    data = documents.photo(kind, metadata=False)
    assert _check(folders, {f"photo.{kind}": data}) == []
    assert (folders[0] / f"photo.{kind}").read_bytes() == data


def test_an_animated_gif_keeps_its_frames(folders):
    from PIL import Image, ImageSequence

    frames = [Image.new("RGB", (20, 20), colour) for colour in ("red", "green", "blue")]
    buffer = io.BytesIO()
    frames[0].save(
        buffer, format="GIF", save_all=True, append_images=frames[1:], duration=100, loop=0,
        comment=b"made by the office PC",
    )  # fmt: skip
    assert _check(folders, {"dance.gif": buffer.getvalue()}) == []
    with Image.open(folders[0] / "dance.gif") as image:
        colours = [frame.convert("RGB").getpixel((0, 0)) for frame in ImageSequence.Iterator(image)]
        assert colours == [(255, 0, 0), (0, 128, 0), (0, 0, 255)]
        assert image.info["duration"] == 100
    assert metadata_kinds((folders[0] / "dance.gif").read_bytes()) == set()


def test_data_hidden_after_a_jpeg_is_removed(folders):
    """Phones append videos (motion photos) and other data after the image's end."""
    data = documents.photo("jpeg", metadata=False) + b"MotionPhoto video data" * 10
    assert metadata_kinds(data) == {"data after the image"}
    assert _check(folders, {"photo.jpg": data}) == []
    published = (folders[0] / "photo.jpg").read_bytes()
    assert b"MotionPhoto" not in published
    assert metadata_kinds(published) == set()


def test_make_check_reports_photo_metadata(folders):
    findings = _check(folders, {"photo.heic": documents.photo("heic")}, clean=False)
    assert _rules(findings) == {"image metadata (EXIF, XMP)"}


def test_a_name_in_a_photo_caption_is_found(folders):
    data = documents.photo("png", metadata=False)
    from PIL import Image, PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Description", f"{NAME} at sports day")
    buffer = io.BytesIO()
    with Image.open(io.BytesIO(data)) as image:
        image.save(buffer, format="PNG", pnginfo=info)
    assert _rules(_check(folders, {"photo.png": buffer.getvalue()})) == {"content/private"}


def test_a_photo_is_published_upright(folders):
    """The EXIF orientation goes with the metadata, so it is applied first."""
    from PIL import Image

    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90 degrees to display
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48)).save(buffer, format="JPEG", exif=exif.tobytes())
    assert _check(folders, {"photo.jpg": buffer.getvalue()}) == []
    with Image.open(folders[0] / "photo.jpg") as image:
        assert image.size == (48, 64)


# Damaged files and unknown types: one line naming the file, nothing left in the output.


@pytest.mark.parametrize(
    ("name", "data", "rule"),
    [
        ("photo.jpg", documents.photo("jpeg", metadata=False)[:400], "damaged or incomplete"),
        ("photo.heic", documents.photo("heic", metadata=False)[:300], "damaged or incomplete"),
        ("news.pdf", documents.pdf(["Sports day"])[:500], "damaged PDF"),
        ("news.pdf", b"PK\x03\x04 a zip, not a PDF", "is not a PDF"),
        ("poster.svg", b"<svg><text>unclosed</svg>", "is not a readable SVG"),
    ],
    ids=["truncated jpeg", "truncated heic", "truncated pdf", "not a pdf", "broken svg"],
)
def test_a_damaged_file_is_one_line_and_removed(folders, name, data, rule):
    (finding,) = _check(folders, {name: data})
    assert rule in finding.rule
    assert str(finding).startswith(f"{folders[0] / name}: ")
    assert "\n" not in str(finding)
    assert not (folders[0] / name).exists()


@pytest.mark.parametrize("name", ["setup.exe", "notes.md", "script.js", "README"])
def test_a_file_of_an_unpublished_type_is_refused(folders, name):
    (finding,) = _check(folders, {name: b"nothing"})
    assert "which the site does not publish (PUBLISHABLE_SUFFIXES)" in finding.rule


def test_a_publishable_type_needs_a_reader():
    settings = apply_defaults({"PATH": "content", "OUTPUT_PATH": "output", "CACHE_PATH": "cache"})
    assert settings_problems(settings) == []
    settings["PUBLISHABLE_SUFFIXES"] = [*settings["PUBLISHABLE_SUFFIXES"], ".docx"]
    (problem,) = settings_problems(settings)
    assert "PUBLISHABLE_SUFFIXES: '.docx' cannot be checked" in str(problem)


# The extraction cache.


def test_an_unchanged_document_is_read_once(folders, monkeypatch):
    calls = []
    real_read = pdf.read
    monkeypatch.setattr(pdf, "read", lambda data: calls.append(1) or real_read(data))
    data = documents.pdf(["Sports day"], metadata={"/Author": "Office User"})
    assert _check(folders, {"news.pdf": data}) == []
    cleaned = (folders[0] / "news.pdf").read_bytes()
    assert _check(folders, {"news.pdf": data}) == []  # a rebuild copies the original again
    assert len(calls) == 1
    assert (folders[0] / "news.pdf").read_bytes() == cleaned
    assert pdf.metadata_kinds(cleaned) == set()


def test_a_cached_document_still_fails_on_a_watched_name(folders):
    data = documents.pdf([f"Well done {NAME}"])
    assert _rules(_check(folders, {"news.pdf": data})) == {"content/private"}
    assert _rules(_check(folders, {"news.pdf": data})) == {"content/private"}


def test_a_damaged_cache_entry_is_read_again(folders):
    data = documents.pdf(["Sports day"], metadata={"/Author": "Office User"})
    _check(folders, {"news.pdf": data})
    for entry in folders[1].rglob("*.clean"):
        entry.write_bytes(b"tampered")
    assert _check(folders, {"news.pdf": data}) == []
    assert pdf.metadata_kinds((folders[0] / "news.pdf").read_bytes()) == set()


def test_the_cache_is_under_cache_path_only(folders):
    _check(folders, {"news.pdf": documents.pdf([f"Well done {NAME}"])})
    entries = list(folders[1].rglob("*.json.z"))
    assert entries
    assert [p.name for p in folders[0].rglob("*")] == ["news.pdf"]
    for entry in entries:
        if NAME.encode() in entry.read_bytes():
            pytest.fail("the cache holds the text uncompressed", pytrace=False)
        assert zlib.decompress(entry.read_bytes())  # readable by the next build
    shutil.rmtree(folders[1])
