"""A page's headings from the Markdown toc extension's own output, for its contents list.

Pelican 4.12 keeps only the HTML that Python-Markdown returns and drops the toc
extension's `toc_tokens`. This reader keeps them as the `toc` field (every heading in
document order: level, id, name, html), so a template lists the headings without
taking the HTML apart, and the field is cached with the rest of what the reader gives.
"""

import functools

from pelican import readers


class KeepsHeadings:
    """Mixed into a Markdown reader class: it also gives the `toc` field."""

    def _parse_metadata(self, meta):
        # Called right after the page is converted, before Pelican converts Summary
        # with the same Markdown instance (which resets the tokens): take them now.
        headings = list(flat_headings(getattr(self._md, "toc_tokens", [])))
        metadata = super()._parse_metadata(meta)
        metadata["toc"] = headings
        return metadata


class MarkdownReader(KeepsHeadings, readers.MarkdownReader):
    """Pelican's Markdown reader, plus `toc`. Same class name, so `page.reader` stays
    "markdown"."""


def flat_headings(tokens):
    """The extension's nested tokens as one list in document order, without `children`."""
    for token in tokens:
        yield {key: value for key, value in token.items() if key != "children"}
        yield from flat_headings(token.get("children", []))


def use_toc_reader(pelican_readers):
    """`readers_init`: Markdown files are read by a reader that keeps the headings: any
    Markdown reader (Pelican's, or one another plugin has extended) gets the mixin."""
    for extension, reader_class in pelican_readers.reader_classes.items():
        if reader_class is readers.MarkdownReader:
            pelican_readers.reader_classes[extension] = MarkdownReader
        elif reader_class and issubclass(reader_class, readers.MarkdownReader):
            pelican_readers.reader_classes[extension] = _keeping_headings(reader_class)


@functools.cache
def _keeping_headings(reader_class):
    if issubclass(reader_class, KeepsHeadings):
        return reader_class
    return type(reader_class.__name__, (KeepsHeadings, reader_class), {})
