"""The source files: every file under the content folder in one stable order, the
private folder(s), and which files Pelican reads as pages and articles, in which form.

The answer comes from Pelican's own readers (`Readers(settings)`, which also honours
READERS and any plugin's `readers_init`), never from a list of our own, so a file the
guard does not read is a file Pelican does not read either. Pelican is imported when
first asked (importing it loads docutils, which loads Pillow), so importing this is cheap.
"""

import os

from .header import read_header
from .problems import Problem

MARKDOWN = "markdown"
HTML = "html"
RST = "rst"
UNKNOWN = "unknown"

# Photos, as a file name ends (lower case).
IMAGE_SUFFIXES = (
    ".jpg", ".jpeg", ".jfif", ".png", ".webp", ".gif", ".tif", ".tiff", ".avif",
    ".heic", ".heif",
)  # fmt: skip


def markdown_suffixes():
    """The suffixes Pelican's own Markdown reader reads (.md, .markdown, .mkd, .mdown)."""
    from pelican.readers import MarkdownReader

    return tuple(f".{suffix}" for suffix in MarkdownReader.file_extensions)


def source_formats(settings):
    """{file extension: format} for every extension one of Pelican's readers reads.

    A reader the guard does not know (a plugin's) maps to UNKNOWN, so its files are
    refused rather than published unchecked. Pelican's BaseReader ("static") reads
    nothing, so it is left out.
    """
    from pelican.readers import BaseReader, Readers

    readers = Readers(settings).readers
    return {
        extension: reader_format(reader)
        for extension, reader in readers.items()
        if type(reader) is not BaseReader
    }


def reader_format(reader):
    """MARKDOWN, HTML, RST, or UNKNOWN for a reader the guard cannot check."""
    from pelican.readers import HTMLReader, MarkdownReader, RstReader

    for reader_class, name in ((MarkdownReader, MARKDOWN), (HTMLReader, HTML), (RstReader, RST)):
        if isinstance(reader, reader_class):
            return name
    return UNKNOWN


def source_format(path, formats):
    """The format Pelican reads `path` in, or None when no reader reads it (as Pelican
    decides: the exact suffix after the last dot, pelican.utils.file_suffix)."""
    suffix = os.path.splitext(os.path.basename(path))[1]
    return formats.get(suffix[1:] if len(suffix) > 1 else "")


def files_under(folder):
    """Every file under `folder`, in a stable order (sorted folders, then names)."""
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames.sort()
        for name in sorted(filenames):
            yield os.path.join(dirpath, name)


def private_dirs(settings):
    """The private folder(s) under PATH, matched whatever the case of each part of the
    name: both `private/` and `Private/` on a case-sensitive disk."""
    found = [os.path.abspath(settings["PATH"])]
    for part in settings["PRIVATE_DIR"].strip("/").split("/"):
        wanted = part.casefold()
        found = [
            os.path.join(parent, name)
            for parent in found
            for name in sorted(_listdir(parent))
            if name.casefold() == wanted and os.path.isdir(os.path.join(parent, name))
        ]
    return found


def _listdir(folder):
    try:
        return os.listdir(folder)
    except OSError:
        return []


def is_in(path, folders):
    """Whether `path` is inside one of `folders` (absolute paths)."""
    path = os.path.abspath(path)
    return any(path.startswith(folder + os.sep) for folder in folders)


def read_text(path):
    """(text, None) or (None, Problem) when the file is not UTF-8."""
    try:
        with open(path, encoding="utf-8-sig") as handle:
            return handle.read(), None
    except UnicodeDecodeError:
        return None, Problem(
            path,
            "is not UTF-8 text (perhaps saved from Word); save it again as UTF-8",
        )


def read_source_header(path):
    """The metadata header of a Markdown file, or None when it cannot be read as UTF-8."""
    try:
        with open(path, encoding="utf-8-sig") as handle:
            return read_header(handle.read().splitlines())
    except (OSError, UnicodeDecodeError):
        return None
