"""SVG pictures: visible text, <title>, <desc>, <metadata>, every attribute and embedded
base64 images, parsed with defusedxml; editor metadata removed, embedded photos cleaned
like any photo.

Metadata here is the <metadata> element (RDF: author, licence), the editors' own
elements and attributes (Inkscape, Sodipodi, Illustrator, Sketch, Serif: file paths,
user names) and comments. A clean SVG is published byte for byte as it was.
"""

import base64
import binascii
import re
import xml.etree.ElementTree as ElementTree

import defusedxml.ElementTree
from defusedxml import DefusedXmlException

from . import images
from . import photo as photo_reader
from .base import DamagedFile, PublishedView
from .text import decode_text

SUFFIXES = (".svg",)
METADATA = "SVG metadata"  # how its findings name it
_SVG = "http://www.w3.org/2000/svg"
_XLINK = "http://www.w3.org/1999/xlink"
_EDITORS = (
    "http://www.inkscape.org/namespaces/inkscape",
    "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
    "http://ns.adobe.com/",
    "http://www.bohemiancoding.com/sketch/ns",
    "http://www.serif.com/",
)
_HREFS = ("href", f"{{{_XLINK}}}href")
_DATA_URI = re.compile(r"data:([\w/+.-]*)(;base64)?,([^\"'<>)\s]*)", re.IGNORECASE)
_COMMENT = re.compile(r"<!--")
ElementTree.register_namespace("", _SVG)
ElementTree.register_namespace("xlink", _XLINK)


def _parse(data):
    text = decode_text(data)
    try:
        return text, defusedxml.ElementTree.fromstring(text.encode("utf-8"))
    except (ElementTree.ParseError, DefusedXmlException, ValueError) as error:
        raise DamagedFile(
            f"is not a readable SVG ({type(error).__name__}); save it again"
        ) from None


def _embedded(root):
    """(element, attribute, image bytes, type) for every base64 image embedded in the SVG."""
    for element in root.iter():
        for attribute in _HREFS:
            match = _DATA_URI.fullmatch((element.get(attribute) or "").strip())
            if not match:
                continue
            if not match[1].lower().startswith("image/") or match[1].lower() == "image/svg+xml":
                raise DamagedFile(f"embeds a {match[1] or 'file'} the checks cannot read")
            try:
                yield element, attribute, base64.b64decode(match[3], validate=False), match[1]
            except (binascii.Error, ValueError):
                raise DamagedFile("embeds an image that is not valid base64") from None


def read(data):
    raw, root = _parse(data)
    parts = [_DATA_URI.sub(" ", raw), " ".join(root.itertext())]
    for element in root.iter():
        parts += [_DATA_URI.sub(" ", value) for value in element.attrib.values()]
    for _element, _attribute, photo, _type in _embedded(root):
        images.check_decodes(photo)
        parts.append(photo_reader.read(photo).text)  # a caption or EXIF field inside
    return PublishedView("\n".join(parts), True)


def _is_editor(name):
    return name.startswith("{") and name[1:].startswith(_EDITORS)


def _editor_data(root):
    """(parent, child) of each metadata element, and (element, name) of editor attributes."""
    elements, attributes = [], []
    for parent in root.iter():
        for child in list(parent):
            if not isinstance(child.tag, str):
                continue
            if child.tag == f"{{{_SVG}}}metadata" or _is_editor(child.tag):
                elements.append((parent, child))
        attributes += [(parent, name) for name in parent.attrib if _is_editor(name)]
    return elements, attributes


def metadata_kinds(data):
    raw, root = _parse(data)
    elements, attributes = _editor_data(root)
    kinds = {"metadata element" for _parent, _child in elements}
    kinds.update("editor data" for _element, _name in attributes)
    if _COMMENT.search(raw):
        kinds.add("comments")
    for _element, _attribute, photo, _type in _embedded(root):
        kinds.update(f"embedded image {kind}" for kind in images.metadata_kinds(photo))
    return kinds


def clean(data):
    """The SVG without metadata, editor data and comments, its photos cleaned."""
    _raw, root = _parse(data)
    elements, attributes = _editor_data(root)
    for parent, child in elements:
        parent.remove(child)
    for element, name in attributes:
        del element.attrib[name]
    for element, attribute, photo, kind in list(_embedded(root)):
        cleaned = images.clean_bytes(photo)  # the same format, so the same type
        if cleaned is not photo:
            encoded = base64.b64encode(cleaned).decode("ascii")
            element.set(attribute, f"data:{kind};base64,{encoded}")
    text = ElementTree.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + text + "\n").encode("utf-8")
