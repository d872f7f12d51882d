"""Phone-like photos made in the tests: a 12 MP portrait scene stored sideways (EXIF
Orientation 6) with GPS and camera tags, as a phone saves it, in JPEG or HEIC."""

import functools
import io

import numpy as np
import pytest
from conftest import Site
from PIL import Image

ORIENTATION, MAKE, MODEL, GPS_IFD = 0x0112, 0x010F, 0x0110, 0x8825
CAMERA_MODEL = "Pixel 9 Pro"


def portrait_scene(width=3000, height=4000, seed=1):
    """An upright portrait scene with detail: blue sky on top, green ground below,
    texture and sensor-like noise, so it compresses like a photo, not like a gradient."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:height, 0:width].astype(np.float32)
    sky = y < height * 0.4
    red = np.where(sky, 60 + 80 * y / height, 70 + 40 * np.sin(x / 37) * np.cos(y / 23))
    green = np.where(sky, 120 + 60 * y / height, 140 + 50 * np.sin(x / 11 + y / 17))
    blue = np.where(sky, 235 - 40 * y / height, 50 + 30 * np.cos(x / 29))
    pixels = np.stack([red, green, blue], axis=-1)
    pixels += rng.normal(0, 14, pixels.shape)
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), "RGB")


def phone_exif():
    """What a phone writes: its make and model, Orientation 6 and where it was taken."""
    exif = Image.Exif()
    exif[MAKE], exif[MODEL], exif[ORIENTATION] = "Google", CAMERA_MODEL, 6
    exif[GPS_IFD] = {1: "N", 2: (50.0, 15.0, 30.0), 3: "W", 4: (5.0, 6.0, 45.0)}
    return exif


def sideways(scene):
    """The scene as a phone stores it for Orientation 6: turned a quarter to the left,
    so a viewer must turn it a quarter to the right."""
    return scene.transpose(Image.Transpose.ROTATE_90)


@functools.cache
def phone_jpeg(seed=1, size=(3000, 4000)):
    """A 12 MP phone JPEG (4000x3000 pixels stored, portrait when shown)."""
    buffer = io.BytesIO()
    sideways(portrait_scene(*size, seed=seed)).save(
        buffer, format="JPEG", quality=90, exif=phone_exif()
    )
    return buffer.getvalue()


@functools.cache
def phone_heic(seed=2, size=(600, 800)):
    """An iPhone-style HEIC with the same tags (pillow-heif stores the turn as irot).
    Small by default: encoding 12 MP of HEIC takes minutes on the test machine."""
    import pillow_heif

    pillow_heif.register_heif_opener()
    buffer = io.BytesIO()
    sideways(portrait_scene(*size, seed=seed)).save(
        buffer, format="HEIF", quality=80, exif=phone_exif().tobytes()
    )
    return buffer.getvalue()


def is_upright_scene(image):
    """True if the image shows the scene upright: sky (blue) on top, ground at the bottom."""
    rgb = image.convert("RGB").resize((30, 40))
    top, bottom = rgb.getpixel((15, 3)), rgb.getpixel((15, 36))
    return top[2] > top[1] and bottom[1] > bottom[2]


NEWS_POST = """\
Title: Planting day
Date: 2026-11-03
Category: News
Slug: planting-day

The children planted bulbs in the garden this week.

![Children in wellies planting daffodil bulbs in the pre-school garden]\
({static}/images/planting-day.jpg)

We will watch them grow in the spring.
"""


def phone_site(root):
    """The real site and one more news post with one 12 MP phone photo."""
    site = Site(root)
    (site.content / "images" / "planting-day.jpg").write_bytes(phone_jpeg())
    site.write("news/planting-day.md", NEWS_POST)
    return site


@pytest.fixture(scope="session")
def phone_build(tmp_path_factory):
    """The real site with the phone photo post, built once for the session."""
    build = phone_site(tmp_path_factory.mktemp("phone")).build()
    assert build.returncode == 0, build.log
    return build
