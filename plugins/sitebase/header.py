"""The metadata header at the top of a Markdown file, read exactly as Python-Markdown's
meta extension (which Pelican uses) reads it, so our checks see what Pelican sees."""

from dataclasses import dataclass

from markdown.extensions.meta import BEGIN_RE as _BEGIN
from markdown.extensions.meta import END_RE as _END
from markdown.extensions.meta import META_MORE_RE as _META_MORE
from markdown.extensions.meta import META_RE as _META_LINE


@dataclass(frozen=True)
class Header:
    """`fields`: lower-case key -> [(line number, value), ...], continuation lines included.
    `end`: index of the first line after the header. `ended`: "blank", "end" (a `---` or
    `...` line), "eof", or "text" (a line that is neither a field nor a continuation,
    which Python-Markdown then takes as the start of the text)."""

    fields: dict
    end: int
    ended: str

    def first(self):
        """{key: (line number, value)} of each field's first line."""
        return {key: values[0] for key, values in self.fields.items()}

    def value(self, key):
        """A field's first value, or "" when it is absent."""
        values = self.fields.get(key)
        return values[0][1] if values else ""


def read_header(lines):
    """Read the header of a Markdown file given as a list of lines."""
    fields = {}
    start = 1 if lines and _BEGIN.match(lines[0]) else 0
    key = None
    for index in range(start, len(lines)):
        line = lines[index]
        if not line.strip():
            return Header(fields, index, "blank")
        if _END.match(line):
            return Header(fields, index, "end")
        match = _META_LINE.match(line)
        if match:
            key = match["key"].lower()
            fields.setdefault(key, []).append((index + 1, match["value"].strip()))
            continue
        more = _META_MORE.match(line) if key else None
        if more:
            fields[key].append((index + 1, more["value"].strip()))
            continue
        return Header(fields, index, "text")
    return Header(fields, len(lines), "eof")


def is_field_line(line):
    """True when a line looks like `Name: value`."""
    return _META_LINE.match(line) is not None


def field_label(key):
    """A field as staff write it in the header: signed_by -> Signed_By."""
    return "_".join(part.capitalize() for part in key.split("_"))
