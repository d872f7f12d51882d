"""Real files of each kind, made in the test: PDFs with compressed text, Word files,
SVGs with embedded photos, photos in every format with and without metadata."""

import base64
import io
import zipfile
from pathlib import Path

import pillow_heif
from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import (
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
)

REPO = Path(__file__).resolve().parents[1]
GPS = {1: "N", 2: (50.0, 15.0, 30.0), 3: "W", 4: (5.0, 6.0, 7.0)}


def pdf(lines, metadata=None, xmp=None):
    """A one-page PDF whose text is in a Flate-compressed content stream."""
    writer = PdfWriter()
    page = writer.add_blank_page(width=595, height=842)
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
    )
    operators = ["BT", "/F1 12 Tf", "72 770 Td", "14 TL"]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        operators.append(f"({escaped}) '")
    operators.append("ET")
    stream = DecodedStreamObject()
    stream.set_data("\n".join(operators).encode("latin-1"))
    page[NameObject("/Contents")] = writer._add_object(stream)
    page.compress_content_streams()
    writer.metadata = None
    if metadata:
        writer.add_metadata(metadata)
    if xmp:
        writer.xmp_metadata = xmp
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def docx(text, author="Office User"):
    """A minimal Word file: the document part and its core properties (author)."""
    word = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/'
            '2006/content-types"><Override PartName="/word/document.xml" ContentType="'
            'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
            "</Types>",
        )
        archive.writestr(
            "word/document.xml",
            f'<?xml version="1.0"?><w:document xmlns:w="{word}"><w:body><w:p><w:r>'
            f"<w:t>{text}</w:t></w:r></w:p></w:body></w:document>",
        )
        archive.writestr(
            "docProps/core.xml",
            '<?xml version="1.0"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats'
            '.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/'
            f'elements/1.1/"><dc:creator>{author}</dc:creator></cp:coreProperties>',
        )
    return buffer.getvalue()


def exif_bytes(maker="PhoneMaker"):
    exif = Image.Exif()
    exif[0x010F] = maker
    exif[0x8825] = GPS
    return exif.tobytes()


def photo(kind, metadata=True, size=(64, 48), maker="PhoneMaker"):
    """A small photo in `kind` (jpeg, png, webp, gif, tiff, avif, heic), with or without
    the metadata that format carries from a phone or an editor."""
    image = Image.new("RGB", size, (120, 160, 90))
    buffer = io.BytesIO()
    if kind == "heic":
        heif = pillow_heif.from_pillow(image)
        options = (
            {"exif": exif_bytes(maker), "xmp": b"<x:xmpmeta>x</x:xmpmeta>"} if metadata else {}
        )
        heif.save(buffer, format="HEIF", quality=80, **options)
        return buffer.getvalue()
    options = {}
    if metadata:
        options = {
            "jpeg": {"exif": exif_bytes(maker), "comment": b"taken at home"},
            "png": {"exif": exif_bytes(maker)},
            "webp": {"exif": exif_bytes(maker)},
            "gif": {"comment": b"taken at home"},
            "tiff": {"exif": exif_bytes(maker)},
            "avif": {"exif": exif_bytes(maker), "xmp": b"<x:xmpmeta>x</x:xmpmeta>"},
        }[kind]
    if kind == "gif":
        image = image.convert("P")
    image.save(buffer, format=kind.upper(), **options)
    return buffer.getvalue()


def svg_with_photo(text, photo_bytes, title="Poster"):
    """An Inkscape-style SVG: title, desc, metadata, a text line and an embedded JPEG."""
    encoded = base64.b64encode(photo_bytes).decode("ascii")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        'xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'width="200" height="100" viewBox="0 0 200 100" '
        'inkscape:export-filename="/home/staff/poster.png">\n'
        f"<title>{title}</title>\n<desc>A poster for the summer fair</desc>\n"
        "<metadata><rdf:RDF><rdf:Description><dc:creator>Office PC</dc:creator>"
        "</rdf:Description></rdf:RDF></metadata>\n"
        f'<text x="10" y="20">{text}</text>\n'
        '<image x="0" y="30" width="64" height="48" '
        f'xlink:href="data:image/jpeg;base64,{encoded}"/>\n'
        "</svg>\n"
    )
