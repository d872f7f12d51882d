"""One text form for values and output alike, so that publishing cannot disguise a value.

Decodes what publishing does to text (entities, also double-encoded; percent-encoding;
JSON \\u escapes), folds Unicode (NFKD, accents, case, soft hyphens, zero-width
characters), and turns every run of anything that is not a letter or digit into one
space, which also makes typographic and ASCII quotes and dashes alike. A value then
matches as " words " at word boundaries, whether it was written as a phrase, split
over lines, or slugified.
"""

import html
import re
import unicodedata
from urllib.parse import unquote

from unidecode import unidecode

_JSON_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_NOT_WORD = re.compile(r"[\W_]+")
_INVISIBLE_CHARS = "\u00ad\u200b\u200c\u200d\u2060\ufeff\u180e"
_INVISIBLE = dict.fromkeys(map(ord, _INVISIBLE_CHARS), None)
# Speed (output is mostly ASCII, with a few kinds of character outside it): each
# step below works on the bytes for ASCII (bytes.translate), and handles the few
# distinct characters outside ASCII one by one with str.replace, instead of a regex
# over the whole text. Results are the same as the plain code (tests/test_fast_paths.py).
_ASCII_NOT_ALNUM = bytes(
    byte if chr(byte).isalnum() or byte >= 0x80 else 0x20 for byte in range(256)
)
_ASCII_LOWER = bytes(byte + 32 if 0x41 <= byte <= 0x5A else byte for byte in range(256))
_ASCII_BYTES = bytes(range(0x80))
BY_CHARACTER_UP_TO = 64  # distinct characters outside ASCII; beyond, the regex is faster
_OTHER_NOT_WORD = re.compile(r"[^\w\x00-\x7f]+")
_NOT_ASCII = re.compile(r"[^\x00-\x7f]+")
# Inline elements: a value split by them reads as one phrase in the browser.
# (a, abbr, b, bdi, bdo, cite, code, data, dfn, del, em, i, ins, kbd, mark, q, s, samp,
# small, span, strong, sub, sup, time, u, var, wbr: grouped by first letter, for speed.)
_INLINE_TAG = re.compile(
    r"</?(?:a(?:bbr)?|b(?:d[io])?|c(?:ite|ode)|d(?:ata|fn|el)|em|i(?:ns)?|kbd|mark|q|"
    r"s(?:amp|mall|pan|trong|u[bp])?|time|u|var|wbr)\b[^>]*>",
    re.IGNORECASE,
)
# The same on folded text (no ASCII capitals left), without IGNORECASE: twice as fast.
# The classes hold what IGNORECASE also takes for i, s and k (dotted and dotless i,
# long s, the Kelvin sign).
_INLINE_TAG_FOLDED = re.compile(
    r"</?(?:a(?:bbr)?|b(?:d[i\u0130\u0131o])?|c(?:[i\u0130\u0131]te|ode)|d(?:ata|fn|el)|em|"
    r"[i\u0130\u0131](?:n[s\u017f])?|[k\u212a]bd|mar[k\u212a]|q|"
    r"[s\u017f](?:amp|mall|pan|trong|u[bp])?|t[i\u0130\u0131]me|u|var|wbr)\b[^>]*>"
)
_ANY_TAG = re.compile(r"<[^>]*>")
_MAX_DECODE_ROUNDS = 3


def _decode_json_escape(match):
    return chr(int(match[1], 16))


def decode(text):
    """Undo entity, percent and JSON escaping, repeatedly (Atom double-encodes)."""
    for _ in range(_MAX_DECODE_ROUNDS):
        before = text
        if "&" in text:
            text = html.unescape(text)
        if "%" in text:
            text = unquote(text)
        if "\\u" in text:
            text = _JSON_ESCAPE.sub(_decode_json_escape, text)
        if text == before:
            break
    return text


def fold(text):
    """Unicode and typography folded to one form: still readable, not yet squashed."""
    if text.isascii():
        return text.lower()  # casefold() of ASCII
    raw = text.encode("utf-8", "surrogatepass")
    folded = _each_other_char(raw, _FOLDED_CHARS)
    if folded is None:  # a combining mark (NFKD may reorder across characters), or many
        return _fold_plainly(text)
    return _replace_each(raw.translate(_ASCII_LOWER).decode("utf-8", "surrogatepass"), folded)


def _fold_plainly(text):
    if any(char in text for char in _INVISIBLE_CHARS):  # translate() is slow: only if needed
        text = text.translate(_INVISIBLE)
    text = unicodedata.normalize("NFKD", text)
    return _COMBINING.sub("", text).casefold()


class _FoldedChars(dict):
    """A character's folded form, or None when it does not fold on its own: NFKD
    puts combining marks in order across characters, so any character whose
    decomposition starts with one sends the whole text the plain way."""

    def __missing__(self, char):
        decomposed = unicodedata.normalize("NFKD", char.translate(_INVISIBLE))
        alone = not decomposed or unicodedata.combining(decomposed[0]) == 0
        self[char] = value = _fold_plainly(char) if alone else None
        return value


_FOLDED_CHARS = _FoldedChars()


def _each_other_char(raw, table):
    """{char: its replacement} for each distinct character outside ASCII in the UTF-8
    bytes `raw` that the table changes; None when the table has no answer for one, or
    there are too many to replace one by one (a photo read as text)."""
    others = set(raw.translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass"))
    if len(others) > BY_CHARACTER_UP_TO:
        return None
    changed = {}
    for char in others:
        value = table[char]
        if value is None:
            return None
        if value != char:
            changed[char] = value
    # Replaced one after another: a replacement may not hold a character replaced later.
    if not set("".join(changed.values())).isdisjoint(changed):
        return None
    return changed


def _replace_each(text, changed):
    for char, value in changed.items():
        text = text.replace(char, value)
    return text


class _NotWordChars(dict):
    """A space for a character outside ASCII that is not a letter or digit, else itself."""

    def __missing__(self, char):
        self[char] = value = " " if _NOT_WORD.fullmatch(char) else char
        return value


_NOT_WORD_CHARS = _NotWordChars()


def squash(text):
    """Every run of non-letters becomes one space; padded so matches are whole words."""
    raw = text.encode("utf-8", "surrogatepass")
    if not text.isascii():
        changed = _each_other_char(raw, _NOT_WORD_CHARS)
        if changed is None:
            raw = _OTHER_NOT_WORD.sub(" ", text).encode("utf-8", "surrogatepass")
        else:
            for char in changed:
                raw = raw.replace(char.encode("utf-8", "surrogatepass"), b" ")
    words = raw.translate(_ASCII_NOT_ALNUM).split()
    return " " + b" ".join(words).decode("utf-8", "surrogatepass") + " "


class _Transliterations(dict):
    """A str.translate table filled on first use of each character."""

    def __missing__(self, code):
        self[code] = value = unidecode(chr(code)).lower()
        return value


_TRANSLITERATIONS = _Transliterations()


def transliterate(text):
    """Letters NFKD cannot take apart, in ASCII (Unidecode): Ł/l, ø/o, æ/ae, đ/d.
    Only the characters outside ASCII are touched, so mostly-English output stays fast."""
    if text.isascii():
        return text
    changed = _each_other_char(text.encode("utf-8", "surrogatepass"), _TRANSLITERATED_CHARS)
    if changed is None:
        return _NOT_ASCII.sub(_transliterate_run, text)
    return _replace_each(text, changed)


def _transliterate_run(match):
    return match[0].translate(_TRANSLITERATIONS)


class _TransliteratedChars(dict):
    """A character in ASCII (Unidecode's answer is ASCII, so no replacement holds a
    character replaced later)."""

    def __missing__(self, char):
        self[char] = value = char.translate(_TRANSLITERATIONS)
        return value


_TRANSLITERATED_CHARS = _TransliteratedChars()


def match_form(text):
    """Folded text as the matchers read it: squashed, and what is left outside ASCII
    (letters only, by then) transliterated and squashed again."""
    text = squash(text)
    return text if text.isascii() else squash(transliterate(text))


def normalise_value(value):
    """The form of a confidential value that the scan looks for."""
    return match_form(fold(decode(value)))


def readable_views(text):
    """The decoded, folded text, and the same with markup joined as a browser shows it."""
    text = fold(decode(text))
    if "<" not in text:
        return text, None
    joined = _ANY_TAG.sub(" ", _INLINE_TAG_FOLDED.sub("", text))
    return text, joined
