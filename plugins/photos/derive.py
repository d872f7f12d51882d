"""A photo's published copies: turned upright, resized, encoded without metadata, and
kept in a cache under CACHE_PATH by content hash, so a rebuild encodes nothing new."""

import hashlib
import io
import json
import os
from dataclasses import dataclass

from PIL import Image, ImageOps

from sitebase.sources import IMAGE_SUFFIXES

# Raised when the way copies are made changes: every cached copy is then made again.
RECIPE_VERSION = 1
# The photos made into copies: those of sitebase.sources.IMAGE_SUFFIXES a phone or camera
# saves; the other image types (GIF, TIFF, AVIF, JFIF) are published as they are.
PHOTO_SUFFIXES = tuple(
    s for s in IMAGE_SUFFIXES if s in (".jpg", ".jpeg", ".png", ".webp", ".heic", ".heif")
)
_MANIFEST = "copies.json"


def open_heif_too():
    """iPhones save HEIC, which Pillow reads only with pillow-heif's opener."""
    import pillow_heif

    pillow_heif.register_heif_opener()


@dataclass(frozen=True)
class Recipe:
    """How copies are made; part of the cache key, so a change re-encodes."""

    widths: tuple
    jpeg_quality: int
    webp_quality: int
    webp: bool

    @classmethod
    def from_settings(cls, settings):
        return cls(
            tuple(sorted(set(settings["PHOTO_WIDTHS"]))),
            settings["PHOTO_JPEG_QUALITY"],
            settings["PHOTO_WEBP_QUALITY"],
            settings["PHOTO_WEBP"],
        )

    def key(self, data):
        """The cache key: the photo's bytes and this recipe."""
        return self.key_of(hashlib.sha256(data).hexdigest())

    def key_of(self, content_hash):
        recipe = json.dumps([RECIPE_VERSION, *self.__dict__.values(), content_hash])
        return hashlib.sha256(recipe.encode()).hexdigest()[:32]


@dataclass(frozen=True)
class Copy:
    """One published copy: its width, height, format ("jpg"/"png"/"webp") and file name."""

    width: int
    height: int
    kind: str

    @property
    def name(self):
        return f"{self.width}.{self.kind}"


def cached(path, recipe, cache_dir):
    """(folder, copies) of the photo at `path` if the cache has them all, else None."""
    folder = entry_folder(path, recipe, cache_dir)
    try:
        with open(os.path.join(folder, _MANIFEST), encoding="utf-8") as handle:
            made = [Copy(*row) for row in json.load(handle)]
    except (OSError, ValueError, TypeError):
        return None  # not cached yet, or half written: made again
    if made and all(os.path.isfile(os.path.join(folder, c.name)) for c in made):
        return folder, made
    return None


def make(path, recipe, cache_dir):
    """(folder, copies) of the photo at `path`, made now and kept in the cache."""
    with open(path, "rb") as handle:
        data = handle.read()
    folder = os.path.join(cache_dir, recipe.key(data))
    made = _make(data, recipe, folder)
    manifest = os.path.join(folder, _MANIFEST)
    with open(_part(manifest), "w", encoding="utf-8") as handle:
        json.dump([[c.width, c.height, c.kind] for c in made], handle)
    os.replace(_part(manifest), manifest)  # last: an entry is complete or absent
    return folder, made


def own_address_kind(suffix, recipe):
    """The format of the copy published at the photo's own address, and the suffix of
    that address: the same as the source's, except HEIC (and WebP without WebP copies),
    which browsers cannot all show: published as .jpg."""
    suffix = suffix.lower()
    if suffix == ".png":
        return "png", suffix
    if suffix == ".webp" and recipe.webp:
        return "webp", suffix
    return "jpg", (suffix if suffix in (".jpg", ".jpeg") else ".jpg")


def entry_folder(path, recipe, cache_dir):
    """Where the cache keeps the copies of the photo at `path`: named by its hash."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return os.path.join(cache_dir, recipe.key_of(digest.hexdigest()))


def _make(data, recipe, folder):
    os.makedirs(folder, exist_ok=True)
    with Image.open(io.BytesIO(data)) as opened:
        # The orientation tag is applied to the pixels here: the copies carry no tag.
        upright = ImageOps.exif_transpose(opened)
        fallback = "png" if opened.format == "PNG" else "jpg"  # a drawing stays lossless
        alpha = fallback == "png" and upright.mode in ("RGBA", "LA", "P", "PA")
        icc = opened.info.get("icc_profile")
        image = upright.convert("RGBA" if alpha else "RGB")
    made, source = [], image
    for width in sorted({min(w, image.width) for w in recipe.widths}, reverse=True):
        height = max(1, round(image.height * width / image.width))
        if (width, height) != source.size:  # each step from the last: fast, and sharp
            source = source.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
        kinds = [fallback, "webp"] if recipe.webp else [fallback]
        for kind in kinds:
            copy = Copy(width, height, kind)
            _save(source, os.path.join(folder, copy.name), kind, recipe, icc)
            made.append(copy)
    return sorted(made, key=lambda c: (c.width, c.kind))


def _save(image, path, kind, recipe, icc):
    """Only the pixels and the colour profile: no EXIF, XMP, GPS or comment."""
    options = {"icc_profile": icc} if icc else {}
    if kind == "jpg":
        options.update(quality=recipe.jpeg_quality, optimize=True, progressive=True)
        image.save(_part(path), format="JPEG", **options)
    elif kind == "webp":
        options.update(quality=recipe.webp_quality, method=4)
        image.save(_part(path), format="WEBP", **options)
    else:
        image.save(_part(path), format="PNG", optimize=True, **options)
    os.replace(_part(path), path)


def _part(path):
    """A file being written, named for this process: two photos with the same bytes (one
    cache entry) are made at once by two workers, and each renames only its own."""
    return f"{path}.{os.getpid()}.part"
