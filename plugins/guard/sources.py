"""Which files Pelican reads as pages and articles, and in which form.

The answer comes from Pelican's own readers (`Readers(settings)`, which also honours
READERS and any plugin's `readers_init`), never from a list of our own, so a file the
guard does not read is a file Pelican does not read either.
"""

from pelican.readers import BaseReader, HTMLReader, MarkdownReader, Readers, RstReader
from pelican.utils import file_suffix

MARKDOWN = "markdown"
HTML = "html"
RST = "rst"
UNKNOWN = "unknown"

_FORMATS = ((MarkdownReader, MARKDOWN), (HTMLReader, HTML), (RstReader, RST))


def source_formats(settings):
    """{file extension: format} for every extension one of Pelican's readers reads.

    A reader the guard does not know (a plugin's) maps to UNKNOWN, so its files are
    refused rather than published unchecked. Pelican's BaseReader ("static") reads
    nothing, so it is left out.
    """
    readers = Readers(settings).readers
    return {
        extension: reader_format(reader)
        for extension, reader in readers.items()
        if type(reader) is not BaseReader
    }


def reader_format(reader):
    """MARKDOWN, HTML, RST, or UNKNOWN for a reader the guard cannot check."""
    for reader_class, name in _FORMATS:
        if isinstance(reader, reader_class):
            return name
    return UNKNOWN


def source_format(path, formats):
    """The format Pelican reads `path` in, or None when no reader reads it (as Pelican
    decides: the exact suffix after the last dot)."""
    return formats.get(file_suffix(path))
