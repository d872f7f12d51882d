"""Image metadata read from each format's own structure (segments, chunks, blocks, tags,
boxes), so verification does not trust the tool that did the cleaning.

Each reader lists what a file carries beyond its pixels, colour profile and timing:
anything not known to be harmless is reported, so an unknown chunk fails closed.
"""

import struct

_JPEG_PLAIN = {0xE0, 0xE2, 0xEE}  # APP0 JFIF, APP2 ICC profile, APP14 Adobe colour
_JPEG_NAMES = {0xE1: "EXIF/XMP", 0xED: "IPTC", 0xFE: "comment"}
_PNG_PLAIN = {
    b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"cHRM", b"gAMA", b"iCCP", b"sBIT",
    b"sRGB", b"cICP", b"mDCV", b"cLLI", b"bKGD", b"hIST", b"pHYs", b"sPLT", b"acTL",
    b"fcTL", b"fdAT",
}  # fmt: skip
_PNG_NAMES = {b"eXIf": "EXIF", b"tEXt": "text", b"zTXt": "text", b"iTXt": "XMP/text",
              b"tIME": "time"}  # fmt: skip
_WEBP_PLAIN = {b"VP8 ", b"VP8L", b"VP8X", b"ALPH", b"ANIM", b"ANMF", b"ICCP"}
_WEBP_NAMES = {b"EXIF": "EXIF", b"XMP ": "XMP"}
_GIF_PLAIN_APPS = {b"NETSCAPE2.0", b"ANIMEXTS1.0", b"ICCRGBG1012"}
_TIFF_NAMES = {
    269: "document name", 270: "description", 271: "camera", 272: "camera",
    285: "page name", 305: "software", 306: "date", 315: "artist", 316: "computer",
    700: "XMP", 33432: "copyright", 33723: "IPTC", 34377: "Photoshop", 34665: "EXIF",
    34853: "GPS",
}  # fmt: skip
_TIFF_PLAIN_PRIVATE = {34675}  # the ICC colour profile
_TIFF_TYPE_SIZES = {1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8,
                    13: 4, 16: 8, 17: 8, 18: 8}  # fmt: skip
_HEIF_BRANDS = {b"avif", b"avis", b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx",
                b"mif1", b"msf1"}  # fmt: skip


class Truncated(ValueError):
    """The structure ends before it says it does."""


def image_format(data):
    """'jpeg', 'png', 'webp', 'gif', 'tiff', 'heif' (also AVIF) or None, by magic bytes."""
    if data[:2] == b"\xff\xd8":
        return "jpeg"
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return "png"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if data[:4] in (b"II*\x00", b"MM\x00*"):
        return "tiff"
    if data[4:8] == b"ftyp" and data[8:12] in _HEIF_BRANDS:
        return "heif"
    return None


def metadata_kinds(data):
    """The kinds of metadata the image carries (empty set when clean)."""
    kind = image_format(data)
    if kind is None:
        return set()
    try:
        return _READERS[kind](data)
    except (struct.error, IndexError, Truncated):
        return {"unreadable structure"}


def _jpeg(data):
    kinds, position = set(), 2
    while position + 4 <= len(data) and data[position] == 0xFF:
        marker = data[position + 1]
        if marker == 0xDA:  # start of scan: no metadata segments after this
            end = data.find(b"\xff\xd9", position)  # the image's end (FF is escaped in scans)
            if end != -1 and data[end + 2 :].strip(b"\x00"):
                kinds.add("data after the image")
            break
        (length,) = struct.unpack(">H", data[position + 2 : position + 4])
        if marker in _JPEG_NAMES:
            kinds.add(_JPEG_NAMES[marker])
        elif 0xE0 <= marker <= 0xEF and marker not in _JPEG_PLAIN:
            kinds.add(f"APP{marker - 0xE0} data")
        position += 2 + length
    return kinds


def _png(data):
    return _chunk_kinds(data, 8, _png_chunk, _PNG_NAMES, _PNG_PLAIN)


def _webp(data):
    return _chunk_kinds(data, 12, _webp_chunk, _WEBP_NAMES, _WEBP_PLAIN)


def _png_chunk(header):
    """(chunk type, bytes to the next chunk): length, type, data, CRC."""
    length, chunk = struct.unpack(">I4s", header)
    return chunk, 12 + length


def _webp_chunk(header):
    """(chunk type, bytes to the next chunk): type, length, data padded to even."""
    chunk, length = struct.unpack("<4sI", header)
    return chunk, 8 + length + (length & 1)


def _chunk_kinds(data, position, read_header, names, plain):
    """The metadata kinds of a chunked file (PNG, RIFF/WebP): every chunk named, or
    allowed as plain image data, or else "unknown chunk"."""
    kinds = set()
    while position + 8 <= len(data):
        chunk, step = read_header(data[position : position + 8])
        if chunk in names:
            kinds.add(names[chunk])
        elif chunk not in plain:
            kinds.add("unknown chunk")
        position += step
    return kinds


def _gif_sub_blocks(data, position):
    """The position after a run of sub-blocks, and their joined content."""
    content = bytearray()
    while True:
        size = data[position]
        if size == 0:
            return position + 1, bytes(content)
        content += data[position + 1 : position + 1 + size]
        position += 1 + size


def _gif(data):
    kinds, flags = set(), data[10]
    position = 13 + (3 << ((flags & 7) + 1) if flags & 0x80 else 0)
    while True:
        block = data[position]
        if block == 0x3B:  # trailer
            return kinds
        if block == 0x21:
            label = data[position + 1]
            start = position + 2
            if label == 0xFF:
                app = data[start + 1 : start + 12]
                if app not in _GIF_PLAIN_APPS:
                    kinds.add("XMP" if app == b"XMP DataXMP" else "application data")
            elif label == 0xFE:
                kinds.add("comment")
            elif label == 0x01:
                kinds.add("text")
            position, _ = _gif_sub_blocks(data, start)
        elif block == 0x2C:
            flags = data[position + 9]
            position += 10 + (3 << ((flags & 7) + 1) if flags & 0x80 else 0)
            position, _ = _gif_sub_blocks(data, position + 1)  # after the LZW code size
        else:
            raise Truncated("not a GIF block")


def _tiff(data):
    order = "<" if data[:2] == b"II" else ">"
    (offset,) = struct.unpack(order + "I", data[4:8])
    kinds, seen = set(), set()
    while offset and offset not in seen:
        seen.add(offset)
        if offset + 2 > len(data):
            raise Truncated("IFD outside the file")
        (count,) = struct.unpack(order + "H", data[offset : offset + 2])
        for index in range(count):
            start = offset + 2 + 12 * index
            tag, _type = struct.unpack(order + "HH", data[start : start + 4])
            if tag in _TIFF_NAMES:
                kinds.add(_TIFF_NAMES[tag])
            elif tag >= 32768 and tag not in _TIFF_PLAIN_PRIVATE:
                kinds.add("private tags")
        end = offset + 2 + 12 * count
        (offset,) = struct.unpack(order + "I", data[end : end + 4])
    return kinds


def _boxes(data, start, end):
    """(type, content start, content end) of each ISO-BMFF box between start and end."""
    position = start
    while position + 8 <= end:
        size, kind = struct.unpack(">I4s", data[position : position + 8])
        header = 8
        if size == 1:
            (size,) = struct.unpack(">Q", data[position + 8 : position + 16])
            header = 16
        elif size == 0:
            size = end - position
        if size < header or position + size > end:
            raise Truncated("box outside the file")
        yield kind, position + header, position + size
        position += size


def _heif(data):
    """HEIC and AVIF: metadata are items of type Exif, or mime items holding XMP."""
    kinds = set()
    for kind, start, end in _boxes(data, 0, len(data)):
        if kind != b"meta":
            continue
        for child, child_start, child_end in _boxes(data, start + 4, end):
            if child != b"iinf":
                continue
            version = data[child_start]
            first = child_start + 4 + (2 if version == 0 else 4)
            for entry, entry_start, entry_end in _boxes(data, first, child_end):
                if entry == b"infe":
                    kinds.update(_heif_item_kind(data[entry_start:entry_end]))
    return kinds


def _heif_item_kind(entry):
    version = entry[0]
    if version < 2:
        return {"old item entry"}
    type_at = 4 + (2 if version == 2 else 4) + 2
    item_type = entry[type_at : type_at + 4]
    if item_type == b"Exif":
        return {"EXIF"}
    if item_type == b"mime":
        content_type = entry[type_at + 4 :].split(b"\x00")[1:2]
        return {"XMP" if b"xml" in b"".join(content_type) else "mime data"}
    if item_type in (b"uri ", b"jpeg", b"mski"):
        return {f"{item_type.decode().strip()} item"}
    return set()


_READERS = {"jpeg": _jpeg, "png": _png, "webp": _webp, "gif": _gif, "tiff": _tiff, "heif": _heif}
