"""Phone numbers and e-mail addresses as people type them, reduced to one form each.

A UK phone number becomes its national digits ('+44 (0)1872 654 321' -> '01872654321');
an e-mail address, however spelled out to dodge spam bots ('jo (at) example (dot) org'),
becomes 'jo@example.org'. The same finders read the watched values, the site's own
contacts in SITE_FACTS and the published text, so the three always agree.
"""

import re

from ..watchlist.wordlist import is_common

# Between digits: spaces, dots, dashes (Word's en dash too), slashes, brackets.
_SEP = r"[ \t.\-\u2013\u2014/()\u00a0]"
# Two regexes, each starting with one character class ('+', '0', '4'; '(' or '0') and
# looking behind only after it, so the regex engine skips straight to those characters.
_INTERNATIONAL = re.compile(
    r"[+04](?<![\w+][+04])(?:(?<=\+)\s?44|(?<=0)044|(?<=4)4(?=" + _SEP + r"))"
    r"(?:\s?\(0\))?" + _SEP + r"{0,2}(?P<body>\d(?:" + _SEP + r"{0,3}\d){8,10})(?!\w)"
)
_NATIONAL = re.compile(
    r"[(0](?<![\w+][(0])(?:(?<=\()0)?(?P<rest>(?:" + _SEP + r"{0,3}\d){9,10})(?!\w)"
)
_DIGITS = re.compile(r"\d+")
# Speed: both regexes are tried only near a chain of 9 digits (any phone holds one),
# found in the UTF-8 bytes mapped to '0' (ASCII digit), '.' (a separator, or any byte
# outside ASCII: '\u2013' is three) and 'x' (anything else), by a regex that starts
# with a literal. A match starts at most _BEFORE_CHAIN characters before its chain
# ('+44 (0) ') and reads at most _REACH characters. Digits outside ASCII: no shortcut.
_CHAIN_BYTES = bytes(
    0x30 if 0x30 <= byte <= 0x39 else 0x2E if byte >= 0x80 or chr(byte) in " \t.-/()" else 0x78
    for byte in range(256)
)
_CHAIN = 9
_DIGIT_CHAIN = re.compile(rb"0(?:\.{0,9}0){8}")
# Quicker to find first: runs of digits and separators, from a digit, 9 long or more.
_DIGITS_AND_SEPARATORS = re.compile(rb"0[0.]{8,}")
_ANY_DIGIT = re.compile(r"\d")
_ASCII_BYTES = bytes(range(0x80))
_BEFORE_CHAIN = 10
_REACH = 64
_UK_SECOND_DIGIT = "1235789"  # 01/02 geographic, 03 non-geographic, 07 mobile, 08/09 ...

# Where an address's '@' may be: '@', '(at)', '[at]', '{at}', ' at ' (each alternative
# starts with one given character, so the regex engine skips quickly between them).
_AT = re.compile(r"@ ?|[(\[{] ?at ?[)\]}] ?|a(?<= a)t ")
# Where _AT can match, found with bytes.find on the UTF-8 bytes with '[' and '{' made
# '(' (a regex stops at every 'a'): each string, and its offset to the match's start.
_AT_STARTS = ((b"@", 0), (b" at ", 1), (b"(at", 0), (b"( at", 0))
_OPENERS_AS_ONE = bytes.maketrans(b"[{", b"((")
_WORD_AT = "at "
_LOCAL_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789._%+-")
_MAX_LOCAL = 64
_DOT = r"(?:\s*[(\[{]\s*dot\s*[)\]}]\s*| dot |\.)"
_LABEL = r"[a-z0-9-]{1,63}"
_DOMAIN = re.compile(rf"{_LABEL}(?:{_DOT}{_LABEL})*{_DOT}[a-z]{{2,24}}(?![\w@])")
_DOT_FORMS = re.compile(_DOT)
# 'logo@2x.png' is an image at twice the size, not an address.
_RETINA = re.compile(r"\d+(?:\.\d+)?x\.")


def phones_in(text):
    """The national digits of every UK phone number in the text."""
    return (digits for _span, digits in _phones(text))


def emails_in(text):
    """Every e-mail address in folded (lower-case) text, written out or spelled out."""
    return (address for _span, address in _emails(text))


def contacts_in(text):
    """(phones, emails) written anywhere in a value or a fact, in their one form."""
    folded = text.casefold()
    return set(phones_in(folded)), set(emails_in(folded))


def contact_spans(text):
    """Where each phone number and address is in `text`, as (start, end, kind, form):
    a value's contacts are taken out before the rest is read as names and notes."""
    folded = text.casefold()
    phones = [(*span, "phone", digits) for span, digits in _phones(folded)]
    emails = [(*span, "email", address) for span, address in _emails(folded)]
    return sorted(phones + emails)


def _phones(text):
    windows = _phone_windows(text)
    for regex in (_INTERNATIONAL, _NATIONAL):
        matches = regex.finditer(text) if windows is None else _windowed(regex, text, windows)
        for match in matches:
            digits = _national_digits(match)
            if digits:
                yield match.span(), digits


def _phone_windows(text):
    """Merged [start, end) ranges of `text` holding every place a phone match can
    start, or None when the text has digits outside ASCII (then: everywhere)."""
    raw = text.encode("utf-8", "surrogatepass")
    others = raw.translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass")
    if _ANY_DIGIT.search(others):
        return None
    windows = []
    mapped = raw.translate(_CHAIN_BYTES)
    spans = [
        chain.span()
        for run in _DIGITS_AND_SEPARATORS.finditer(mapped)
        if run[0].count(b"0") >= _CHAIN
        for chain in _DIGIT_CHAIN.finditer(mapped, *run.span())
    ]
    bounds = list(_char_offsets(raw, [offset for span in spans for offset in span], not others))
    for begin, end in zip(bounds[::2], bounds[1::2], strict=True):
        start = max(begin - _BEFORE_CHAIN, 0)
        if windows and start <= windows[-1][1]:
            windows[-1][1] = end
        else:
            windows.append([start, end])
    return windows


def _windowed(regex, text, windows):
    """regex.finditer(text), given that no match starts outside the windows: each
    search stops _REACH past its window, and a match starting past it is not taken."""
    position = 0
    for start, end in windows:
        position = max(position, start)
        while position < end:
            match = regex.search(text, position, end + _REACH)
            if not match or match.start() >= end:
                break
            yield match
            position = match.end()


def _national_digits(match):
    """'01872654321', or None when the digits are a date, a time or not a UK number."""
    international = match.re is _INTERNATIONAL
    groups = _DIGITS.findall(match["body"] if international else "0" + match["rest"])
    digits = "".join(groups)
    if international:
        # '+44 20 ...': London's area code has two digits once the 0 is dropped.
        if digits.startswith("0") or len(groups[0]) < 2:
            return None
        digits = "0" + digits
    elif len(groups[0]) < 3:
        return None  # '09.00-12.00 13', '03-10-2026 14': times and dates, not numbers
    if len(digits) not in (10, 11) or digits[0] != "0" or digits[1] not in _UK_SECOND_DIGIT:
        return None
    return digits


def _at_signs(text):
    """The matches of _AT, as _AT.finditer(text) gives them (left to right, not
    overlapping), trying _AT only where one of _AT_STARTS is."""
    raw = text.encode("utf-8", "surrogatepass")
    opened = raw.translate(_OPENERS_AS_ONE)
    starts = set()
    for string, offset in _AT_STARTS:
        index = opened.find(string)
        while index >= 0:
            starts.add(index + offset)
            index = opened.find(string, index + 1)
    end = 0
    for start in _char_offsets(raw, sorted(starts), text.isascii()):
        at = _AT.match(text, start) if start >= end else None
        if at:
            end = at.end()
            yield at


def _char_offsets(raw, offsets, ascii_only):
    """The character offsets of sorted byte offsets into UTF-8 `raw`, each on a
    character boundary (the start of an ASCII character)."""
    if ascii_only:
        yield from offsets
        return
    chars = last = 0
    for offset in offsets:
        chars += len(raw[last:offset].decode("utf-8", "surrogatepass"))
        last = offset
        yield chars


def _emails(text):
    for at in _at_signs(text):
        domain = _DOMAIN.match(text, at.end())
        if not domain:
            continue
        begin = _local_start(text, at.start())
        local = text[begin : at.start()].strip(" ").lstrip("._%+-")
        address = domain[0]
        if not local or _RETINA.match(address):
            continue
        if at[0] == _WORD_AT and ("." not in address or (local.isalpha() and is_common(local))):
            continue  # 'look at bbc.co.uk', 'the ICO website at ico.org.uk': words
        yield (begin, domain.end()), local + "@" + _DOT_FORMS.sub(".", address)


def _local_start(text, end):
    """Where the part before the '@' begins: back over address characters (and one
    space, for 'name @ example.org')."""
    if end and text[end - 1] == " ":
        end -= 1
    start = end
    while start > end - _MAX_LOCAL and start and text[start - 1] in _LOCAL_CHARS:
        start -= 1
    return start
