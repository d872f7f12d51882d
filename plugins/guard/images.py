"""Image metadata: a phone photo must not publish where, when or on what it was taken.

Cleaning uses Pillow; verification reads the file's own structure (JPEG segments,
PNG chunks, WebP chunks) so it does not trust the tool that did the cleaning.
"""

import io
import os
import struct

from PIL import Image

from .findings import Finding

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".tif", ".tiff", ".gif")
_JPEG_METADATA_MARKERS = {0xE1: "EXIF/XMP", 0xED: "IPTC", 0xFE: "comment"}
_PNG_METADATA_CHUNKS = {
    b"eXIf": "EXIF",
    b"tEXt": "text",
    b"zTXt": "text",
    b"iTXt": "XMP/text",
    b"tIME": "time",
}
_WEBP_METADATA_CHUNKS = {b"EXIF": "EXIF", b"XMP ": "XMP"}


def metadata_kinds(data):
    """The kinds of metadata a JPEG, PNG or WebP file carries (empty set when clean)."""
    if data[:2] == b"\xff\xd8":
        return _jpeg_metadata(data)
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return _png_metadata(data)
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return _webp_metadata(data)
    if data[:4] in (b"II*\x00", b"MM\x00*"):
        return {"TIFF tags"}
    return set()


def _jpeg_metadata(data):
    kinds, position = set(), 2
    while position + 4 <= len(data) and data[position] == 0xFF:
        marker = data[position + 1]
        if marker == 0xDA:  # start of scan: no metadata segments after this
            break
        (length,) = struct.unpack(">H", data[position + 2 : position + 4])
        if marker in _JPEG_METADATA_MARKERS:
            kinds.add(_JPEG_METADATA_MARKERS[marker])
        position += 2 + length
    return kinds


def _png_metadata(data):
    kinds, position = set(), 8
    while position + 8 <= len(data):
        length, chunk = struct.unpack(">I4s", data[position : position + 8])
        if chunk in _PNG_METADATA_CHUNKS:
            kinds.add(_PNG_METADATA_CHUNKS[chunk])
        position += 12 + length
    return kinds


def _webp_metadata(data):
    kinds, position = set(), 12
    while position + 8 <= len(data):
        chunk, length = struct.unpack("<4sI", data[position : position + 8])
        if chunk in _WEBP_METADATA_CHUNKS:
            kinds.add(_WEBP_METADATA_CHUNKS[chunk])
        position += 8 + length + (length & 1)
    return kinds


def clean_image(path, data):
    """Rewrite an image without its metadata; returns the bytes now in the file."""
    if not metadata_kinds(data):
        return data
    cleaned = clean_image_bytes(data)
    # A new file, then rename: never writes through a hard link to the source.
    temporary = path + ".clean"
    with open(temporary, "wb") as handle:
        handle.write(cleaned)
    os.replace(temporary, path)
    return cleaned


def clean_image_bytes(data):
    """The image without its metadata (the same bytes when it has none)."""
    if not metadata_kinds(data):
        return data
    buffer = io.BytesIO()
    with Image.open(io.BytesIO(data)) as image:
        icc = image.info.get("icc_profile")
        image.info = {"icc_profile": icc} if icc else {}
        options = {"exif": b""}
        if image.format == "JPEG":
            # The same quantisation tables and subsampling: no visible loss.
            options.update(quality="keep", subsampling="keep", comment=b"", xmp=b"")
        image.save(buffer, format=image.format, **options)
    return buffer.getvalue()


def check_decodes(data):
    """Decode the whole image; a damaged or truncated one raises (Pillow's OSError), and a
    photo the checks cannot read is a failed check. A JPEG is decoded at 1/8 scale: every
    byte is still read, at a fraction of the cost."""
    with Image.open(io.BytesIO(data)) as image:
        image.draft(image.mode, (1, 1))
        image.load()


def image_findings(path, data):
    """A finding if an output image still carries metadata."""
    kinds = metadata_kinds(data)
    if not kinds:
        return []
    return [
        Finding(
            path,
            f"image metadata ({', '.join(sorted(kinds))})",
            advice="rebuild with `make html` so the plugin strips it",
        )
    ]
