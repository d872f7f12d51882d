"""Near misses of the guard's syntax, which would publish what their author meant to hide.

A confidential field name spelt a little wrong (`Child_Nmae:`, `internal notes:`), a
confidential field below the header (published as text), a line that starts like a
staff-only block but is not exactly `::: confidential`, a stray `:::`. Each is a
`NearMiss`: the line, one message with the fix (never the value), and the text to
watch until it is fixed. Pure functions over lines; the readers' forms are elsewhere.
"""

import difflib
import re
from dataclasses import dataclass

from sitebase.header import field_label
from sitebase.staff_only import BLOCK_END, BLOCK_START

# How close a name must be to a confidential field to be taken for it: catches
# Child_Nmae, Staff_Contacts, childname; leaves Contact, Staff, Note, Summary alone.
NAME_CUTOFF = 0.8

_OPENER = re.compile(r"^[ \t]*:::[ \t]*confidential[ \t]*$")  # exactly, lower case
_TAG = re.compile(r"<[^>]*>")
_SEPARATORS = re.compile(r"[^a-z0-9]+")
# Three colons or semicolons in any spacing, or fewer before a word like "confidential".
_BLOCKISH = re.compile(r"^[ \t]*(?:[:;][ \t]*){3,}")
_SHORT_FENCE = re.compile(r"^[ \t]*(?:[:;][ \t]*){1,2}[{.\t ]*(?P<word>[A-Za-z]+)")
# Code fences and admonitions marked "confidential" publish their text as code.
_CODE_FENCE = re.compile(r"^[ \t]*(?:`{3,}|~{3,}|!{3,})[{.\t ]*(?P<word>[A-Za-z]+)")
_FENCE_ONLY = re.compile(r"^[ \t]*(?:[:;`~!][ \t]*){3,}$")
_FIELD_LINE = re.compile(
    r"^[ \t]*(?:[-*+>][ \t]+)?"
    r"(?P<label>[A-Za-z][A-Za-z0-9'\u2019]*(?:[ \t_-]+[A-Za-z0-9'\u2019]+){0,2})[ \t]*:"
    r"(?:[ \t]+(?P<value>.*))?$"
)

OPENER_FIX = (
    "this line starts like a staff-only block but is not exactly '::: confidential', "
    "so the text below it would be published; write '::: confidential' on a line of its "
    "own (lower case, nothing else on the line, outside any tag) and ':::' after the text"
)
CODE_FENCE_FIX = (
    "a code block marked 'confidential' is published like any other text; to hide the "
    "text, put '::: confidential' above it and ':::' below it instead"
)
STRAY_FIX = (
    "':::' closes a staff-only block, but no '::: confidential' line opens one above it; "
    "add '::: confidential' on its own line before the staff-only text (or delete this line)"
)


@dataclass(frozen=True)
class NearMiss:
    """One line that nearly uses the guard's syntax: its message, and text to watch."""

    line: int
    message: str
    values: tuple = ()


def field_key(label):
    """A field name as Pelican compares it, with any separators as `_`: Child-Name -> child_name."""
    return _SEPARATORS.sub("_", label.lower()).strip("_")


def confidential_field(label, fields):
    """The confidential field `label` names or nearly names, or None."""
    key = field_key(label)
    if key in fields:
        return key
    match = difflib.get_close_matches(key, sorted(fields), n=1, cutoff=NAME_CUTOFF)
    return match[0] if match else None


def _watch(*texts):
    """Each non-blank line of the texts, as values to watch."""
    lines = (line.strip() for text in texts if text for line in text.splitlines())
    return tuple(line for line in lines if line)


def header_field_near_miss(line, name, value, fields, form):
    """A metadata field whose name is close to a confidential field but is not one.

    Case alone is no miss: every Pelican reader lower-cases field names. `form` says
    how the field is written in this kind of file, e.g. "'{label}: ...' in the header".
    """
    if name.lower() in fields:
        return None
    match = confidential_field(name, fields)
    if match is None:
        return None
    label = field_label(match)
    return NearMiss(
        line,
        f"line {line}: '{name}' is not a confidential field, so its value is not kept off "
        f"the site; did you mean {label}? Write it as {form.format(key=match, label=label)}",
        _watch(value),
    )


def published_field(line, name, value, fields, form, where):
    """A confidential field (or a near miss of one) where it is published as text."""
    match = confidential_field(name, fields)
    if match is None:
        return None
    label = field_label(match)
    fix = f"write it as {form.format(key=match, label=label)}"
    if name.lower() != match:
        fix = f"did you mean {label}? W{fix[1:]}"
    return NearMiss(
        line,
        f"line {line}: '{name}' is {where}, so its value would be published; {fix}",
        _watch(value),
    )


def field_lines(numbered_lines, fields, form, where):
    """`Name: value` lines in the text (not the header) that name a confidential field."""
    misses = []
    for number, text in numbered_lines:
        match = _FIELD_LINE.match(_TAG.sub("", text))
        if match:
            miss = published_field(number, match["label"], match["value"], fields, form, where)
            misses += [miss] if miss else []
    return misses


def _like_confidential(word):
    return bool(difflib.get_close_matches(word.lower(), ["confidential"], cutoff=NAME_CUTOFF))


def _opens_like_a_block(probe):
    if _BLOCKISH.match(probe):
        return True
    short = _SHORT_FENCE.match(probe)
    return bool(short and _like_confidential(short["word"]))


def _paragraph_above(lines, index):
    above = []
    for line in reversed(lines[:index]):
        if not line.strip():
            break
        above.append(line)
    return _watch(*above)


def _fence_below(lines, index):
    """Index of the first line of fence characters after `index` (len(lines) if none)."""
    for below in range(index + 1, len(lines)):
        if _FENCE_ONLY.match(lines[below]):
            return below
    return len(lines)


def _miss_at(lines, index):
    """(NearMiss or None, index of the next line to look at) for the line at `index`."""
    line, number = lines[index], index + 1
    if BLOCK_START.match(line):
        closers = (i for i in range(index + 1, len(lines)) if BLOCK_END.match(lines[i]))
        end = next(closers, len(lines))
        miss = None if _OPENER.match(line) else NearMiss(number, f"line {number}: {OPENER_FIX}")
        return miss, end + 1
    if BLOCK_END.match(line):
        above = _paragraph_above(lines, index)
        return NearMiss(number, f"line {number}: {STRAY_FIX}", above), index + 1
    probe = _TAG.sub("", line)
    fence = _CODE_FENCE.match(probe)
    if _opens_like_a_block(probe) or (fence and _like_confidential(fence["word"])):
        end = _fence_below(lines, index)
        fix = OPENER_FIX if _opens_like_a_block(probe) else CODE_FENCE_FIX
        return NearMiss(number, f"line {number}: {fix}", _watch(*lines[index + 1 : end])), end + 1
    return None, index + 1


def block_near_misses(lines):
    """Lines that start like a staff-only block or close one, but are not the real thing.

    A capitalised opener still hides its block (the Markdown extension takes any case)
    but is told, so the file says exactly what it means. Blank the comments first.
    """
    misses, index = [], 0
    while index < len(lines):
        miss, index = _miss_at(lines, index)
        misses += [miss] if miss else []
    return misses
