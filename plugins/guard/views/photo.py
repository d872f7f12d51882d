"""Photos and pictures: their pixels say nothing to scan, their metadata might.

The view is every piece of metadata Pillow finds (EXIF, XMP, comments, text chunks,
JPEG segments, TIFF tags), read as UTF-8 and as UTF-16 (Windows' XP* tags), so a name
in a caption is found even before cleaning. Not the pixel data: a phone photo read as
text took 24 s to scan. `guard.views.images` cleans and verifies the metadata, and decodes
every frame so a truncated photo is refused.
"""

import io

from PIL import Image

from sitebase.sources import IMAGE_SUFFIXES

from . import images
from .base import PublishedView

SUFFIXES = IMAGE_SUFFIXES
METADATA = "image metadata"  # how its findings name it
clean = images.clean_bytes


def metadata_kinds(data):
    """The metadata the photo carries; DamagedFile if it does not decode in full."""
    images.check_decodes(data)
    return images.metadata_kinds(data)


def read(data):
    return PublishedView(" ".join(_as_text(blob) for blob in _metadata_blobs(data)), False)


def _metadata_blobs(data):
    try:
        with Image.open(io.BytesIO(data)) as image:
            blobs = list(image.info.values())
            blobs += [payload for _marker, payload in getattr(image, "applist", [])]
            blobs += list(getattr(image, "tag_v2", {}).values())
    except (OSError, ValueError, SyntaxError):
        return [data]  # not readable as an image: the checks refuse it; scan what is there
    return [blob for blob in blobs if isinstance(blob, (bytes, str))]


def _as_text(blob):
    if isinstance(blob, str):
        return blob
    return blob.decode("utf-8", errors="ignore") + " " + blob.decode("utf-16-le", errors="ignore")
