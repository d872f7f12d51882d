"""Photos: upright, resized, without metadata, responsive, described, cached.

The matchers and the markup are tested in-process; everything else on real builds
with a phone-like photo made here (12 MP, stored sideways with Orientation 6, GPS and
the camera's model), and an iPhone-style HEIC made with pillow-heif.
"""

import io
import re

import pytest
from conftest import assert_absent, assert_clean_failure
from phone_photos import (
    CAMERA_MODEL,
    NEWS_POST,
    is_upright_scene,
    phone_build,  # noqa: F401 (a fixture)
    phone_heic,
    phone_jpeg,
    phone_site,
    portrait_scene,
    sideways,
)
from PIL import Image

from guard.views.images import metadata_kinds
from photos import derive
from photos.describe import undescribed
from photos.markup import Published, responsive_page

WIDTHS = (480, 720, 960, 1600)
POST = "news/planting-day/index.html"


@pytest.mark.parametrize(
    "alt",
    ["", "  ", None, "IMG_2045", "IMG_2045.jpg", "photo.jpg", "DSC0012", "DSC_0012", "DSCF1234",
     "PXL_20260315_101010123", "PXL_20260315_101010123.MP", "IMG-20260101-WA0001",
     "WhatsApp Image 2026-01-01 at 10.00.00", "Screenshot_20260101-120000", "MVIMG_20260101_1",
     "P1010001", "IMG_2045 (2)", "photo", "Image", "untitled", "12345", "garden.HEIC"],
)  # fmt: skip
def test_file_and_camera_names_are_not_descriptions(alt):
    assert undescribed(alt)


@pytest.mark.parametrize(
    "alt",
    ["Children planting bulbs", "P5 class trip to the farm", "Photo 3 of the garden",
     "Img of the week: the sunflower", "DSC club visit", "Year 2 sports day",
     "Pixel art by the children", "A drawing of autumn trees"],
)  # fmt: skip
def test_descriptions_pass(alt):
    assert undescribed(alt) is None


def _copies(widths=(480, 720, 960), height_of=lambda w: w * 4 // 3):
    return [derive.Copy(w, height_of(w), kind) for w in widths for kind in ("jpg", "webp")]


def test_markup_picture_srcset_sizes_dimensions_and_lazy_after_the_first():
    photo = Published("images/a.jpg", _copies())
    page = (
        '<header><img src="../../theme/logo.svg" alt="Logo"></header>\n<p>Before &amp; after'
        '<img alt="First" src="../../images/a.jpg"></p><p><img alt="Again" src="/images/a.jpg">'
        '<img alt="Other site" src="https://example.org/images/a.jpg"></p>'
    )
    text, changed = responsive_page(page, "news/x/index.html", {"images/a.jpg": photo}.get,
                                    "", "(min-width: 760px) 700px, 100vw")  # fmt: skip
    assert changed == 2
    first, second = re.findall(r"<picture>.*?</picture>", text)
    assert '<source type="image/webp" srcset="../../images/photos/a-480.webp 480w, ' in first
    assert "../../images/photos/a-960.webp 960w" in first
    assert (
        'srcset="../../images/photos/a-480.jpg 480w, ../../images/photos/a-720.jpg 720w, ' in first
    )
    assert first.count('sizes="(min-width: 760px) 700px, 100vw"') == 2
    assert 'src="../../images/photos/a-960.jpg"' in first
    assert 'width="960" height="1280"' in first
    assert 'decoding="async"' in first
    assert "loading=" not in first, "the first photo is loaded at once"
    assert 'loading="lazy"' in second
    assert 'src="/images/photos/a-960.jpg"' in second
    untouched = re.sub(r"<picture>.*?</picture>", "", text)
    assert untouched == re.sub(r'<img alt="(First|Again)"[^>]*>', "", page)


def test_markup_leaves_a_page_without_photos_byte_for_byte():
    page = '<p><img src="../images/logo.svg" alt="Logo"> &nbsp;<br/></p>'
    assert responsive_page(page, "a/index.html", {}.get, "", "100vw") == (page, 0)


def _sideways_jpeg(size=(300, 400)):
    from phone_photos import phone_exif

    buffer = io.BytesIO()
    sideways(portrait_scene(*size)).save(buffer, format="JPEG", exif=phone_exif())
    return buffer.getvalue()


def test_copies_are_upright_without_metadata_and_never_upscaled(tmp_path):
    source = tmp_path / "p.jpg"
    source.write_bytes(_sideways_jpeg())
    recipe = derive.Recipe(WIDTHS, 80, 75, True)
    folder, copies = derive.make(source, recipe, tmp_path / "cache")
    assert sorted({c.width for c in copies}) == [300], "one copy per format at its own width"
    assert {c.kind for c in copies} == {"jpg", "webp"}
    for copy in copies:
        data = (tmp_path / "cache" / folder / copy.name).read_bytes()
        with Image.open(io.BytesIO(data)) as image:
            assert image.size == (300, 400)
            assert is_upright_scene(image)
        assert metadata_kinds(data) == set()
    assert derive.cached(source, recipe, tmp_path / "cache") == (folder, copies)


@pytest.fixture(scope="module")
def built(phone_build):  # noqa: F811 (the imported fixture)
    return phone_build


def test_phone_photo_published_upright_small_and_clean(built):
    copies = [p for p in built.files() if "/images/photos/planting-day-" in p.as_posix()]
    names = sorted(p.name for p in copies)
    assert names == sorted(f"planting-day-{w}.{k}" for w in WIDTHS for k in ("jpg", "webp"))
    for path in [*copies, built.output / "images" / "planting-day.jpg"]:
        data = path.read_bytes()
        assert metadata_kinds(data) == set(), path.name
        with Image.open(path) as image:
            assert image.width < image.height, path.name
            assert image.width <= 1600, path.name
            assert is_upright_scene(image), f"{path.name} is not upright"
    address = (built.output / "images" / "planting-day.jpg").read_bytes()
    assert len(address) < len(phone_jpeg()) / 5, "the 12 MP original was published"
    assert_absent(built, CAMERA_MODEL)


def test_phone_photo_page_has_srcset_sizes_and_dimensions(built):
    html = built.read(POST)
    (picture,) = re.findall(r"<picture>.*?</picture>", html)
    for width in WIDTHS:
        assert f"../../images/photos/planting-day-{width}.webp {width}w" in picture
        assert f"../../images/photos/planting-day-{width}.jpg {width}w" in picture
    assert 'sizes="(min-width: 54rem) 52rem, calc(100vw - 2rem)"' in picture
    assert 'width="960" height="1280"' in picture
    assert 'decoding="async"' in picture
    assert 'alt="Children in wellies planting daffodil bulbs' in picture


def test_rebuild_reencodes_nothing(built, tmp_path):
    """The cache (under CACHE_PATH, never published) keeps every copy by content hash:
    a rebuild writes the same bytes without touching the cache."""
    cache = built.output.parent / "cache" / "photos"
    before = {p: p.stat().st_mtime_ns for p in cache.rglob("*") if p.is_file()}
    assert len(before) > 2 * len(WIDTHS)
    site = phone_site(tmp_path)
    site.root.joinpath("cache").symlink_to(built.output.parent / "cache")
    again = site.build()
    assert again.returncode == 0, again.log
    after = {p: p.stat().st_mtime_ns for p in cache.rglob("*") if p.is_file()}
    assert after == before, "a rebuild made copies again"
    for path in built.files():
        if "images" in path.parts:
            relative = path.relative_to(built.output)
            assert (again.output / relative).read_bytes() == path.read_bytes(), relative


def test_heic_published_as_jpeg_and_webp_and_links_follow(small_site):
    (small_site.content / "images").mkdir()
    (small_site.content / "images" / "garden.heic").write_bytes(phone_heic())
    small_site.write(
        "news/garden.md",
        """\
        Title: Garden
        Date: 2026-11-04
        Slug: garden

        ![Sunflowers taller than the children]({static}/images/garden.heic)

        [See the photo full size]({static}/images/garden.heic)
        """,
    )
    build = small_site.build()
    assert build.returncode == 0, build.log
    assert not [p for p in build.files() if p.suffix.lower() in (".heic", ".heif")]
    html = build.read("news/garden/index.html")
    assert 'href="../../images/garden.jpg"' in html
    assert "images/photos/garden-600.webp 600w" in html
    for name in ("garden.jpg", "photos/garden-600.jpg", "photos/garden-600.webp"):
        data = (build.output / "images" / name).read_bytes()
        assert metadata_kinds(data) == set(), name
        with Image.open(io.BytesIO(data)) as image:
            assert image.format in ("JPEG", "WEBP"), name
            assert is_upright_scene(image), name
            assert image.size == (600, 800), name
    assert_absent(build, CAMERA_MODEL)


def _post_with(site, markdown_image, name="p.jpg"):
    (site.content / "images").mkdir(exist_ok=True)
    (site.content / "images" / name).write_bytes(_sideways_jpeg())
    body = NEWS_POST.replace(
        "![Children in wellies planting daffodil bulbs in the pre-school garden]"
        "({static}/images/planting-day.jpg)",
        markdown_image,
    )
    site.write("news/planting-day.md", body)
    return site.build()


@pytest.mark.parametrize(
    ("image", "expected"),
    [
        ("![]({static}/images/p.jpg)", "image p.jpg has no description"),
        ("![IMG_2045]({static}/images/p.jpg)", "image p.jpg is described only by a file"),
        ("![PXL_20260315_101010123.jpg]({static}/images/p.jpg)", "a file or camera name"),
        ('<img src="{static}/images/p.jpg">', "image p.jpg has no description"),
        ("![Bulbs]({static}/images/p.jpg){: .decorative}", "marked decorative but has a"),
    ],
)
def test_undescribed_photo_stops_the_build_in_one_line(small_site, image, expected):
    build = _post_with(small_site, image)
    assert_clean_failure(build, expected)
    lines = [line for line in build.log.splitlines() if expected in line]
    assert len(lines) == 1
    assert lines[0].startswith("content/news/planting-day.md:8: ")
    assert "write what it shows" in lines[0] or "remove one of the two" in lines[0]
    assert not (small_site.output / "news").exists(), "a failed build was published"


def test_decorative_image_marked_so_builds(small_site):
    """The control: alt="" on purpose, marked {: .decorative}, passes and is still
    published responsive, with its empty alt."""
    build = _post_with(small_site, "![]({static}/images/p.jpg){: .decorative}")
    assert build.returncode == 0, build.log
    html = build.read(POST)
    assert re.search(r'<picture>.*<img alt="" class="decorative" src="[^"]*p-300\.jpg"', html)


def test_damaged_photo_stops_the_build_in_one_line(small_site):
    (small_site.content / "images").mkdir()
    (small_site.content / "images" / "broken.jpg").write_bytes(_sideways_jpeg()[:200])
    build = small_site.build()
    assert_clean_failure(build, "broken.jpg: could not be read as a photo")


def test_two_photos_with_the_same_bytes_are_made_at_once(small_site):
    """One cache entry, made by two worker processes at the same time (a photo saved
    twice under two names): neither may take the other's half-written file."""
    (small_site.content / "images").mkdir()
    photo = _sideways_jpeg()
    for number in range(4):
        (small_site.content / "images" / f"copy-{number}.jpg").write_bytes(photo)
    build = small_site.build()
    assert build.returncode == 0, build.log
    assert (small_site.output / "images" / "copy-3.jpg").is_file()
