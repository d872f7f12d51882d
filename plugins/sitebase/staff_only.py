"""Text for staff only: `::: confidential` blocks and HTML comments, removed before
Markdown renders (a Markdown extension), from every reader's output (readers.py), and
split out so their lines can be watched."""

import re

from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

BLOCK_START = re.compile(r"^[ \t]*:::[ \t]*confidential[ \t]*$", re.IGNORECASE)
BLOCK_END = re.compile(r"^[ \t]*:::[ \t]*$")
HTML_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)


def split_staff_only(lines):
    """Return (public lines, staff-only lines, line number of an unclosed block or None)."""
    public, hidden, unclosed = split_staff_only_numbered(lines)
    return public, [line for _number, line in hidden], unclosed


def split_staff_only_numbered(lines):
    """As split_staff_only, with each staff-only line as (line number, line)."""
    rows, unclosed = _scan(lines)
    public = [line for _number, line, inside in rows if not inside]
    hidden = [(number, line) for number, line, inside in rows if inside]
    return public, hidden, unclosed


def public_lines(lines, start=0):
    """(line number, line) of each line from index `start` on outside `::: confidential`
    blocks (the lines that open and close a block are not public either)."""
    rows, _unclosed = _scan(lines[start:], start + 1)
    return [(number, line) for number, line, inside in rows if not inside]


def _scan(lines, first_number=1):
    """The one reader of `::: confidential` blocks: ([(line number, line, inside a
    block)] for every line but a block's own opening and closing lines, the line number
    of a block never closed or None)."""
    rows, inside_since = [], None
    for number, line in enumerate(lines, start=first_number):
        if inside_since is None and BLOCK_START.match(line):
            inside_since = number
        elif inside_since is not None and BLOCK_END.match(line):
            inside_since = None
        else:
            rows.append((number, line, inside_since is not None))
    return rows, inside_since


def remove_html_comments(text):
    return HTML_COMMENT.sub("", text)


def blank_html_comments(text):
    """The text with each HTML comment blanked out, so lines and columns stay the same."""
    return HTML_COMMENT.sub(lambda match: re.sub(r"[^\n]", " ", match.group()), text)


def remove_html_comments_keeping_lines(text):
    """The text without its HTML comments, each comment's line breaks kept, so a line
    number still names the line it did."""
    return HTML_COMMENT.sub(lambda match: "\n" * match.group().count("\n"), text)


def remove_staff_only(text):
    """The text without its `::: confidential` blocks and HTML comments."""
    public, _hidden, _unclosed = split_staff_only(text.split("\n"))
    return remove_html_comments("\n".join(public))


class _StaffOnlyPreprocessor(Preprocessor):
    def run(self, lines):
        return remove_staff_only("\n".join(lines)).split("\n")


class StaffOnlyExtension(Extension):
    """Markdown extension: drop `::: confidential` blocks and HTML comments before rendering."""

    def extendMarkdown(self, md):  # noqa: N802 (Markdown's API name)
        # After the metadata header is read (27), before raw HTML is stashed (20).
        md.preprocessors.register(_StaffOnlyPreprocessor(md), "staff_only", 26)
