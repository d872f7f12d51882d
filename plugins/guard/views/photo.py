"""Photos and pictures: their pixels say nothing to scan, their metadata might.

The view is the raw bytes read as text (so a name in a caption or an EXIF field is
found even before cleaning); `guard.images` cleans and verifies the metadata, and
decodes every frame so a truncated photo is refused.
"""

from .. import images
from .base import PublishedView

SUFFIXES = images.IMAGE_SUFFIXES
METADATA = "image metadata"  # how its findings name it
clean = images.clean_bytes


def metadata_kinds(data):
    """The metadata the photo carries; DamagedFile if it does not decode in full."""
    images.check_decodes(data)
    return images.metadata_kinds(data)


def read(data):
    text = data.decode("utf-8", errors="ignore") + " " + data.decode("utf-16-le", errors="ignore")
    return PublishedView(text, False)
