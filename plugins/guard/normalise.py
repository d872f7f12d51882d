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
# Speed (output is mostly ASCII; results are the same as the plain regex):
# ASCII bytes that are not letters or digits become spaces in one bytes.translate,
# common typographic punctuation is replaced with str.replace, and only what is left
# outside ASCII goes through a regex.
_ASCII_NOT_ALNUM = bytes(
    byte if chr(byte).isalnum() or byte >= 0x80 else 0x20 for byte in range(256)
)
_COMMON_NOT_WORD = [
    char
    for char in "\u2013\u2014\u201c\u201d\u2018\u2019\u00ab\u00bb\u2022\u00b7\u00a0\u2026\ufffd"
    if _NOT_WORD.fullmatch(char)
]
_OTHER_NOT_WORD = re.compile(r"[^\w\x00-\x7f]+")
# Inline elements: a value split by them reads as one phrase in the browser.
# (a, abbr, b, bdi, bdo, cite, code, data, dfn, del, em, i, ins, kbd, mark, q, s, samp,
# small, span, strong, sub, sup, time, u, var, wbr: grouped by first letter, for speed.)
_INLINE_TAG = re.compile(
    r"</?(?:a(?:bbr)?|b(?:d[io])?|c(?:ite|ode)|d(?:ata|fn|el)|em|i(?:ns)?|kbd|mark|q|"
    r"s(?:amp|mall|pan|trong|u[bp])?|time|u|var|wbr)\b[^>]*>",
    re.IGNORECASE,
)
_ANY_TAG = re.compile(r"<[^>]*>")
_MAX_DECODE_ROUNDS = 3
_NOT_ASCII = re.compile(r"[^\x00-\x7f]+")


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
    if not text.isascii():
        if any(char in text for char in _INVISIBLE_CHARS):  # translate() is slow: only if needed
            text = text.translate(_INVISIBLE)
        text = unicodedata.normalize("NFKD", text)
        text = _COMBINING.sub("", text)
    return text.casefold()


def squash(text):
    """Every run of non-letters becomes one space; padded so matches are whole words."""
    if not text.isascii():
        for char in _COMMON_NOT_WORD:
            if char in text:
                text = text.replace(char, " ")
    raw = text.encode("utf-8", "surrogatepass").translate(_ASCII_NOT_ALNUM)
    text = raw.decode("utf-8", "surrogatepass")
    if not text.isascii():
        text = _OTHER_NOT_WORD.sub(" ", text)
    return " " + " ".join(text.split()) + " "


class _Transliterations(dict):
    """A str.translate table filled on first use of each character."""

    def __missing__(self, code):
        self[code] = value = unidecode(chr(code)).lower()
        return value


_TRANSLITERATIONS = _Transliterations()


def _transliterate_run(match):
    return match[0].translate(_TRANSLITERATIONS)


def transliterate(text):
    """Letters NFKD cannot take apart, in ASCII (Unidecode): Ł/l, ø/o, æ/ae, đ/d.
    Only the runs outside ASCII are touched, so mostly-English output stays fast."""
    return text if text.isascii() else _NOT_ASCII.sub(_transliterate_run, text)


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
    joined = _ANY_TAG.sub(" ", _INLINE_TAG.sub("", text))
    return text, joined
