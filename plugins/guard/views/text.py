"""Text files in any encoding: UTF-8, UTF-16 or -32 with or without a BOM, Windows-1252.

UTF-8 (what Pelican writes) is tried first and strictly; anything else goes to
charset-normalizer, so a file saved by Notepad or Excel is read as its author wrote it.
"""

import codecs

import charset_normalizer

from .base import DamagedFile, PublishedView

SUFFIXES = (
    ".html", ".htm", ".xml", ".atom", ".rss", ".json", ".txt", ".css", ".js",
    ".md", ".text", ".csv", ".ics", ".webmanifest", ".map",
)  # fmt: skip
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_text(data):
    """The text in these bytes, whatever their encoding; DamagedFile if none fits."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                raise DamagedFile(f"starts as {encoding.upper()} text but is not") from None
    if b"\x00" not in data:  # NUL is valid UTF-8, but in text it means UTF-16 or -32
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise DamagedFile("is not text in any encoding the checks know; save it as UTF-8")
    return str(best)


def read(data):
    return PublishedView(decode_text(data), True)
