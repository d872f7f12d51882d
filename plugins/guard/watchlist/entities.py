"""What a confidential value names: people, notes, contacts and references.

Staff write "Jessamy Polglase (no photos), Ann Hopkins: collected by grandmother only"
or "Key worker: Ann Hopkins, 07700 900318". Each person is watched as a name (matched
in any order, case and accent: names.py), each note as a phrase, each phone number
or address as a contact. Labels ("Key worker:") are structure, not values. A value
too generic to watch (one common word, a date) is kept as "generic": it is reported,
never matched.
"""

import re
from dataclasses import dataclass

from ..matching.contacts import contact_spans
from .wordlist import is_common

PERSON = "person"
PHRASE = "phrase"
REFERENCE = "reference"
CONTACT = "contact"
GENERIC = "generic"

_MAX_NAME_WORDS = 4
_MAX_LABEL = 40
# Inside a name only: "Lucas van der Berg", "Ana de la Cruz".
_PARTICLES = {"van", "von", "der", "den", "de", "del", "della", "da", "di", "du", "la", "le",
              "bin", "ibn", "al", "ap"}  # fmt: skip
_HONORIFICS = {"mr", "mrs", "ms", "miss", "mx", "dr"}
_TOKEN = re.compile(r"[^\W\d_][\w'\u2019-]*\.?|\d[\w./-]*|[^\w\s]")
_POSSESSIVE = re.compile(r"['\u2019]s$")
# "Polglase, Jessamy" or "Polglase, Jessamy Ann": surname first, as in a register.
_WORD = r"[^\W\d_][\w'\u2019.-]*"
_SURNAME_FIRST = re.compile(rf"({_WORD}),\s*({_WORD}(?: {_WORD}){{0,2}})")
_BETWEEN_PEOPLE = {",", "&", "and", ";", "/"}
_BEFORE_NOTE = {",", "(", "[", ":", "-", "\u2013", "\u2014", ";", "/"}
_EDGE = " \t,.;:-\u2013\u2014/"
# "11/2026", "2026-11-26", "02.10.2026", "9.15", "1234", "November 2026": dates and
# small numbers, which public pages use all the time.
_DATE_LIKE = re.compile(
    r"(?:\d{1,4}(?:\s*[./\-:]\s*\d{1,4}){0,2}|"
    r"(?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)"
    r"[a-z]*\.?(?:\s+\d{2,4})?)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Entity:
    """One thing a value names. `kind` is one of PERSON, PHRASE, REFERENCE, CONTACT,
    GENERIC; `text` is as written."""

    kind: str
    text: str


def parse_value(text):
    """Everything one value (a field, a watchlist line, a table cell) names."""
    found, rest = _take_contacts(text)
    for segment in rest.split(";"):
        found += _parse_segment(segment)
    return found


def generic_reason(text):
    """Why a value is too generic to watch, or None: one common word, or a date."""
    text = text.strip(_EDGE)
    if _DATE_LIKE.fullmatch(text):
        return "a date or a number"
    words = text.split()
    if len(words) == 1 and words[0].isalpha() and is_common(words[0]):
        return "a common word"
    return None


def _take_contacts(text):
    found, pieces, start = [], [], 0
    for begin, end, _kind, _form in contact_spans(text):
        if begin < start:
            continue
        found.append(Entity(CONTACT, text[begin:end]))
        pieces.append(text[start:begin])
        start = end
    pieces.append(text[start:])
    return found, ",".join(pieces)


def _parse_segment(text):
    """A piece of a value: a label and what it labels, people and notes, or free text."""
    text = text.strip(_EDGE)
    if not text:
        return []
    label, colon, value = text.partition(":")
    if colon and value.strip(_EDGE) and _is_label(label, value):
        return _parse_segment(value)
    name, rest = _leading_name(text)
    if name is None:
        surname_first = _SURNAME_FIRST.fullmatch(text)
        words = surname_first and (surname_first[1], *surname_first[2].split())
        if words and all(_is_name_word(word, first=True) for word in words):
            return [Entity(PERSON, f"{surname_first[2]} {surname_first[1]}")]
        return _free_text(text)
    found = [Entity(PERSON, name)]
    rest = rest.strip()
    if rest[:1] in ("(", "["):
        note, _close, rest = rest[1:].partition(")" if rest[0] == "(" else "]")
        found += _free_text(note)
    return found + _parse_segment(rest)


def _is_label(label, value):
    """'Name: Ann Hopkins', 'Key worker for the Robins: Ann Hopkins' (a label), not
    'Ann Hopkins: collected by grandmother only' (a name and its note)."""
    if len(label) > _MAX_LABEL or value.startswith("//") or _names_within(label):
        return False
    name, rest = _leading_name(label)
    if name is None or rest.strip():
        return True
    # Both sides look like names: "Key Worker: Ann Hopkins". Everyday words are a label.
    value_name, _rest = _leading_name(value.strip())
    return value_name is not None and all(is_common(word) for word in name.split())


def _leading_name(text):
    """(name, the rest) when the text starts with a person's name, else (None, text)."""
    tokens = list(_TOKEN.finditer(text))
    words = []
    for token in tokens:
        if not _is_name_word(token[0], first=not words) or len(words) == _MAX_NAME_WORDS:
            break
        words.append(token)
    while words and words[-1][0].casefold() in _PARTICLES:
        words.pop()
    if len(words) < 2:
        return None, text
    end = words[-1].end()
    following = tokens[len(words)][0].casefold() if len(tokens) > len(words) else ""
    if following and following not in _BETWEEN_PEOPLE | _BEFORE_NOTE:
        return None, text  # "Zebedee Quartermaine needs a quiet space": a sentence
    name = " ".join(_POSSESSIVE.sub("", word[0]).rstrip(".") for word in words)
    rest = text[end:]
    if following == "and" or following == "&":
        rest = rest.lstrip()[len(following) :]
    return name, rest


def _is_name_word(word, first):
    if word.casefold().rstrip(".") in _HONORIFICS:
        return False
    if not first and word.casefold() in _PARTICLES:
        return True
    return word[0].isupper() and any(char.isalpha() for char in word)


def _free_text(text):
    """A note or a sentence: watched as a phrase, and any full names inside it too."""
    text = text.strip(_EDGE)
    if not text:
        return []
    if generic_reason(text):
        return [Entity(GENERIC, text)]
    kind = REFERENCE if len(text.split()) == 1 and any(c.isdigit() for c in text) else PHRASE
    return [Entity(kind, text), *_names_within(text)]


def _names_within(text):
    """Capitalised runs of two to four words inside a sentence ("... for Perpetua
    Ravenscroft"), unless every word is a common one ("Cornwall Council")."""
    found, run = [], []
    tokens = [token[0] for token in _TOKEN.finditer(text)] + ["."]
    for index, token in enumerate(tokens):
        if _is_name_word(token, first=not run) and len(run) < _MAX_NAME_WORDS:
            run.append((index, token))
            continue
        while run and run[-1][1].casefold() in _PARTICLES:
            run.pop()
        if run and run[0][0] == 0 and len(run) > 2 and is_common(run[0][1]):
            run = run[1:]  # "Ring Ann Hopkins": the first word of a sentence
        words = [_POSSESSIVE.sub("", word).rstrip(".") for _index, word in run]
        if len(words) >= 2 and not all(is_common(word) for word in words):
            found.append(Entity(PERSON, " ".join(words)))
        run = []
        if _is_name_word(token, first=True):
            run.append((index, token))
    return found
