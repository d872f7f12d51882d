"""Real builds with real files of each kind: one build where every kind publishes clean,
then one build per kind with a watched name (or damage) inside, which must fail naming
the file and never printing the name."""

import documents
import pytest
from conftest import assert_absent, assert_clean_failure

from guard.views import pdf, svg
from guard.views.images import metadata_kinds

NAME = "Ann Hopkins"
PHOTOS = {
    "photo.jfif": "jpeg",
    "photo.png": "png",
    "photo.webp": "webp",
    "photo.gif": "gif",
    "photo.tif": "tiff",
    "photo.avif": "avif",
    "photo.heic": "heic",
}


def _site(site, files):
    site.overrides["STATIC_PATHS"] = ["images", "files", "extra/robots.txt"]
    site.write("private/watchlist.md", f"- {NAME}\n")
    for name, data in files.items():
        path = site.content / "files" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return site.build()


def test_every_kind_of_clean_file_publishes_without_its_metadata(small_site):
    (small_site.content / "extra").mkdir(exist_ok=True)
    (small_site.content / "extra/robots.txt").write_text("User-agent: *\n")
    files = {
        "news.pdf": documents.pdf(["Sports day"], metadata={"/Author": "Office User"}),
        "notes.txt": "Rota: Joann Hopkinson, café.\n".encode("utf-16"),
        "rota.csv": "name,room\nZoë,Robins\n".encode("cp1252"),
        "poster.svg": documents.svg_with_photo("Summer fair", documents.photo("jpeg")).encode(),
        **{name: documents.photo(kind) for name, kind in PHOTOS.items()},
    }
    build = _site(small_site, files)
    assert build.returncode == 0, build.log
    published = build.output / "files"
    assert pdf.metadata_kinds((published / "news.pdf").read_bytes()) == set()
    assert svg.metadata_kinds((published / "poster.svg").read_bytes()) == set()
    for name in PHOTOS:
        assert metadata_kinds((published / name).read_bytes()) == set(), name
    assert (published / "notes.txt").read_bytes() == files["notes.txt"]
    for theme_file in ("robots.txt", "theme/css/site.css", "theme/favicon.svg"):
        assert (build.output / theme_file).is_file(), theme_file


@pytest.mark.parametrize(
    ("name", "data", "rule"),
    [
        ("news.pdf", documents.pdf([f"Well done {NAME}"]), "content/private"),
        ("notes.txt", f"Rota: {NAME}".encode("utf-16-le"), "content/private"),
        (
            "poster.svg",
            documents.svg_with_photo(NAME, documents.photo("png", metadata=False)).encode(),
            "content/private",
        ),
        ("photo.heic", documents.photo("heic", maker=NAME), "content/private"),
        ("letter.docx", documents.docx(f"Dear {NAME}"), "Word, Excel, PowerPoint"),
        (
            "photo.jpg",
            documents.photo("jpeg", metadata=False)[:300],
            "is a damaged or incomplete image",
        ),
        ("setup.exe", f"MZ {NAME}".encode(), "is a .exe file, which the site does not publish"),
    ],
    ids=["pdf", "utf-16 text", "svg", "heic exif", "docx", "truncated jpeg", "unknown type"],
)
def test_a_file_that_cannot_publish_fails_the_build(small_site, name, data, rule):
    build = _site(small_site, {name: data})
    assert_clean_failure(build, f"output/files/{name}: {rule}")
    assert_absent(build, NAME)
