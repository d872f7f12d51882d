"""Every Pelican reader's output without staff-only text.

Markdown pages lose their `::: confidential` blocks and comments before they render
(the Markdown extension); HTML and rST pages are not rendered by Markdown, so their
reader's output is cleaned here: the content, and every metadata value on its way in
(a comment in a Title, Summary, Tags, Category or Author would otherwise be
published, and slugified into an address, before any later signal could see it).
"""

import functools

from pelican.readers import BaseReader

from sitebase.staff_only import HTML_COMMENT, remove_staff_only


class StaffOnlyRemoved:
    """Mixed into a reader class: what it reads comes out without staff-only text."""

    def read(self, source_path):
        content, metadata = super().read(source_path)
        return (remove_staff_only(content) if content else content), metadata

    def process_metadata(self, name, value):
        return super().process_metadata(name, _without_comments(value))


def _without_comments(value):
    if isinstance(value, str):
        return HTML_COMMENT.sub("", value).strip() if "<!--" in value else value
    if isinstance(value, list):
        return [_without_comments(item) for item in value]
    return value


@functools.cache
def staff_only_reader(reader_class):
    """The reader class, with `StaffOnlyRemoved` mixed in (one class per reader, and
    the same name, which Pelican gives templates as `reader`)."""
    if issubclass(reader_class, StaffOnlyRemoved) or reader_class is BaseReader:
        return reader_class
    return type(reader_class.__name__, (StaffOnlyRemoved, reader_class), {})


def remove_staff_only_everywhere(readers):
    """`readers_init`: every reader Pelican (or a plugin) set up gets the mixin."""
    for extension, reader_class in readers.reader_classes.items():
        if reader_class:
            readers.reader_classes[extension] = staff_only_reader(reader_class)
