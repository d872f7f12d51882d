"""PDF files: the text of every page, the document's metadata (Info and XMP), comments,
form fields and bookmarks, read with pypdf; metadata removed on the way out.

pypdf was measured against poppler's pdftotext and pdfminer.six on a newsletter page:
15 ms, 23 ms (a process each) and 209 ms; it also cleans, so one library does both.
"""

import io
import logging
import re

from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError

from .base import DamagedFile, PublishedView

SUFFIXES = (".pdf",)
METADATA = "PDF metadata"  # how its findings name it
_XML_TAG = re.compile(rb"<[^>]*>")
_PAGE_METADATA = ("/Metadata", "/PieceInfo")
_ROOT_METADATA = ("/Metadata", "/PieceInfo")
logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings can quote the file


def _open(data):
    if not data.startswith(b"%PDF-"):
        raise DamagedFile("is not a PDF (it does not start as one); save it again as PDF")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise DamagedFile("is password-protected, so it cannot be checked; save it without")
        reader.pages[0]  # reads the page tree: a broken file fails here
    except (PyPdfError, ValueError, KeyError, TypeError, IndexError, OSError) as error:
        raise DamagedFile(f"is a damaged PDF ({type(error).__name__}); save it again") from None
    return reader


def read(data):
    reader = _open(data)
    try:
        parts = [page.extract_text() or "" for page in reader.pages]
        parts += _metadata_texts(reader)
        parts += _annotation_texts(reader)
        parts += [str(field.get("/V", "")) for field in (reader.get_fields() or {}).values()]
        parts += _outline_titles(reader.outline)
    except (PyPdfError, ValueError, KeyError, TypeError, IndexError, OSError) as error:
        raise DamagedFile(f"is a damaged PDF ({type(error).__name__}); save it again") from None
    if "/EmbeddedFiles" in reader.trailer["/Root"].get("/Names", {}):
        raise DamagedFile("has files attached inside it, which cannot be checked; remove them")
    return PublishedView("\n".join(parts), True)


def _metadata_texts(reader):
    texts = [str(value) for value in (reader.metadata or {}).values()]
    stream = reader.trailer["/Root"].get("/Metadata")
    if stream is not None:
        texts.append(_XML_TAG.sub(b" ", stream.get_object().get_data()).decode("utf-8", "replace"))
    return texts


def _annotation_texts(reader):
    texts = []
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            texts += [str(annotation.get(key, "")) for key in ("/Contents", "/T", "/Subj")]
    return texts


def _outline_titles(outline):
    titles = []
    for item in outline:
        if isinstance(item, list):
            titles += _outline_titles(item)
        else:
            titles.append(str(item.get("/Title", "")))
    return titles


def metadata_kinds(data):
    """What document metadata the file carries, read back from the file itself."""
    reader = _open(data)
    kinds = {f"Info {key[1:]}" for key in (reader.metadata or {}) if key != "/Producer"}
    root = reader.trailer["/Root"]
    kinds.update(f"document {key[1:]}" for key in _ROOT_METADATA if key in root)
    for page in reader.pages:
        kinds.update(f"page {key[1:]}" for key in _PAGE_METADATA if key in page)
    return kinds


def clean(data):
    """The same PDF without its Info dictionary, XMP and editor data."""
    writer = PdfWriter(clone_from=_open(data))
    writer.metadata = None
    for key in _ROOT_METADATA:
        writer.root_object.pop(key, None)
    for page in writer.pages:
        for key in _PAGE_METADATA:
            page.pop(key, None)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
