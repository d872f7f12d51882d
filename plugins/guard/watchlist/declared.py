"""What a page source declares confidential, read in the form its Pelican reader uses.

Markdown: the header (`Child_Name: ...`). HTML: `<meta name="child_name" content="...">`
in `<head>`. reStructuredText: the field list under the title (`:child_name: ...`).
In every form: `::: confidential` blocks, and the near misses of all of this
(syntax.py), which are errors whose values are watched until they are fixed.
"""

import io
import re
from html.parser import HTMLParser

import docutils.core
import docutils.nodes

from sitebase.header import read_header
from sitebase.problems import Problem
from sitebase.sources import HTML, MARKDOWN, RST
from sitebase.staff_only import (
    BLOCK_START,
    blank_html_comments,
    public_lines,
    split_staff_only_numbered,
)

from .syntax import (
    NearMiss,
    block_near_misses,
    field_lines,
    header_field_near_miss,
    published_field,
)

RULE_BLOCK = "confidential block"
RULE_NEAR_MISS = "near miss of a confidential field or block"

_FORMS = {
    MARKDOWN: "'{label}: ...' in the header, above the first blank line",
    HTML: '<meta name="{key}" content="..."> inside <head>',
    RST: "':{key}: ...' in the field list straight under the title",
}
_IN_TEXT = {
    MARKDOWN: "in the text, not the header",
    HTML: "in the page's text, not a <meta> tag",
    RST: "in the text, not the field list under the title",
}
_RST_SETTINGS = {
    "report_level": 5,
    "halt_level": 5,
    "warning_stream": io.StringIO(),
    "file_insertion_enabled": False,
    "raw_enabled": False,
}
_RST_FIELD = re.compile(r"^[ \t]*:(?P<name>[^:\s][^:]*):(?:[ \t]+(?P<value>.*))?$")
_RST_UNREADABLE = (
    "cannot be read as reStructuredText, so the guard cannot check it; fix its markup "
    "(or write the page in Markdown)"
)
_RST_BLOCK = (
    "'::: confidential' blocks are read only in Markdown pages, so this text would be "
    "published; in an .rst page write staff-only text as a comment (lines starting '.. ')"
)
_RST_COMMENT = (
    "'<!--' is shown as text in an .rst page; write staff-only text as a comment "
    "(lines starting '.. ') instead"
)


def declared_in_source(fmt, path, text, fields):
    """([(rule, value, line number), ...], [Problem, ...]) for one page source Pelican
    reads as `fmt`. A staff-only block gives each of its lines as it is written."""
    lines = text.splitlines()
    read = {MARKDOWN: _markdown_fields, HTML: _html_fields, RST: _rst_fields}[fmt]
    values, misses = read(lines, text, fields)
    if fmt == RST:
        misses += _rst_refusals(lines)
    plain = blank_html_comments(text).splitlines()
    misses += block_near_misses(plain)
    misses += field_lines(_text_lines(fmt, plain, lines), fields, _FORMS[fmt], _IN_TEXT[fmt])
    _public, hidden, unclosed = split_staff_only_numbered(lines)
    values += [(RULE_BLOCK, line, number) for number, line in hidden if line.strip()]
    values += [(RULE_NEAR_MISS, value, miss.line) for miss in misses for value in miss.values]
    problems = [Problem(path, miss.message) for miss in sorted(misses, key=lambda m: m.line)]
    if unclosed is not None:
        problems.append(
            Problem(
                path,
                f"line {unclosed}: '::: confidential' block is never closed; "
                "add a line with ':::' where it ends",
            )
        )
    return values, problems


def _text_lines(fmt, plain, lines):
    """The lines published as text: a Markdown page's after its header, any other's all."""
    start = read_header(lines).end if fmt == MARKDOWN else 0
    return public_lines(plain, start)


def _markdown_fields(lines, _text, fields):
    values, misses = [], []
    for key, entries in read_header(lines).fields.items():
        if key in fields:
            values += [(key, value, line) for line, value in entries if value]
            continue
        line = entries[0][0]
        name = lines[line - 1].split(":", 1)[0].strip()
        value = "\n".join(value for _line, value in entries)
        miss = header_field_near_miss(line, name, value, fields, _FORMS[MARKDOWN])
        misses += [miss] if miss else []
    return values, misses


class _MetaTags(HTMLParser):
    """Every `<meta name=... content=...>`, with its line and whether it is in `<head>`
    (the only place Pelican reads it; anywhere else it is copied into the page)."""

    def __init__(self):
        super().__init__()
        self.tags, self._in_head = [], False

    def handle_starttag(self, tag, attrs):
        if tag == "head":
            self._in_head = True
        elif tag == "body":
            self._in_head = False
        elif tag == "meta":
            attributes = dict(attrs)
            name = attributes.get("name")
            if name:
                content = attributes.get("content") or attributes.get("contents") or ""
                self.tags.append((self.getpos()[0], name, content, self._in_head))

    def handle_endtag(self, tag):
        if tag == "head":
            self._in_head = False


def _html_fields(_lines, text, fields):
    parser = _MetaTags()
    parser.feed(text)
    parser.close()
    values, misses = [], []
    for line, name, content, in_head in parser.tags:
        if name.lower() in fields and in_head:
            values.append((name.lower(), content, line))
            continue
        if in_head:
            miss = header_field_near_miss(line, name, content, fields, _FORMS[HTML])
        else:
            miss = published_field(line, name, content, fields, _FORMS[HTML], "outside <head>")
        misses += [miss] if miss else []
    return values, misses


def _rst_fields(lines, text, fields):
    """Fields in the docinfo (Pelican's metadata), read with docutils as Pelican's reader
    reads them; any other `:name: value` line is shown in the page (a field list, or a
    literal block after a '::')."""
    try:
        document = docutils.core.publish_doctree(text, settings_overrides=_RST_SETTINGS)
    except Exception:  # noqa: BLE001 (fail closed: a page the guard cannot read is refused)
        return [], [NearMiss(0, _RST_UNREADABLE)]
    values, misses, docinfo_lines = [], [], set()
    for docinfo in document.findall(docutils.nodes.docinfo):
        for field in docinfo.findall(docutils.nodes.field):
            name, body, line = field[0].astext(), field[1].astext(), field.line or 0
            docinfo_lines.add(line)
            if name.lower() in fields:
                values += [(name.lower(), part, line) for part in body.splitlines()]
                continue
            miss = header_field_near_miss(line, name, body, fields, _FORMS[RST])
            misses += [miss] if miss else []
    for number, line in enumerate(lines, start=1):
        match = _RST_FIELD.match(line)
        if match and number not in docinfo_lines:
            miss = published_field(
                number, *match.group("name", "value"), fields, _FORMS[RST], _IN_TEXT[RST]
            )
            misses += [miss] if miss else []
    return values, misses


def _rst_refusals(lines):
    """Markdown's ways of hiding text, which an rST page would publish."""
    misses = []
    for number, line in enumerate(lines, start=1):
        if BLOCK_START.match(line):
            misses.append(NearMiss(number, f"line {number}: {_RST_BLOCK}"))
        if "<!--" in line:
            comment = line.split("<!--", 1)[1].split("-->", 1)[0]
            misses.append(NearMiss(number, f"line {number}: {_RST_COMMENT}", (comment,)))
    return misses
