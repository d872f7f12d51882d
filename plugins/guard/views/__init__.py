"""What a person reads in a published file: one reader per kind of file, chosen by suffix.

Each reader module has `SUFFIXES`, `read(data) -> PublishedView`, and for files that
carry metadata `metadata_kinds(data)` (read from the file's own structure) and
`clean(data)` (the same file without it). A damaged file raises `DamagedFile`.
"""

from . import office, pdf, photo, svg, text
from .base import DamagedFile, PublishedView

READERS = (text, pdf, svg, photo)
REFUSED = (office,)

__all__ = ["DamagedFile", "PublishedView", "published_view", "reader_for", "refusal"]


def suffix(path):
    """The file's suffix, lowercase ('' when it has none)."""
    name = path.replace("\\", "/").rsplit("/", 1)[-1].lower()
    return "." + name.rsplit(".", 1)[1] if "." in name.lstrip(".") else ""


def reader_for(path):
    """The reader module for the file at `path`, or None when no reader knows its type."""
    ending = suffix(path)
    for reader in READERS:
        if ending in reader.SUFFIXES:
            return reader
    return None


def refusal(path):
    """Why a file of this type is never published (None when it may be)."""
    ending = suffix(path)
    for kind in REFUSED:
        if ending in kind.SUFFIXES:
            return kind.REASON
    return None


def readable_suffixes():
    return {ending for reader in READERS for ending in reader.SUFFIXES}


def published_view(path, data):
    """The text a person would read in the file at `path` with these bytes."""
    reader = reader_for(path)
    if reader is None:
        raise DamagedFile("has no reader for its type, so it cannot be checked")
    return reader.read(data)
