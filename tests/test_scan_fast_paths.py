"""The scan's faster steps answer exactly as the plain code they replaced.

Each reference below is the straightforward version, kept on purpose as a test
oracle (the style of test_fast_paths.py): on random text the faster code in
normalise.py, contacts.py and scan.py must agree with it, so a faster scan can
never find less.
"""

import random
import re
import unicodedata

import pytest
from test_fast_paths import _PIECES, reference_fold, reference_squash

from guard.matching import contacts, normalise, scan

_REFERENCE_NOT_ASCII = re.compile(r"[^\x00-\x7f]+")

# More characters that fold or case differently: final sigma, Cherokee (casefold goes
# to capitals), characters whose NFKD starts with a combining mark (Tibetan), Hebrew
# points out of order, long s with a dot, a ligature, Roman numerals, the Kelvin sign.
_MORE_PIECES = [
    "\u03a3", "\u03c2", "\u03c3", "\uab70", "\u13a0", "\u0f73", "\u0f71", "\u05b1\u05b0",
    "\u1e9b", "\ufb00", "\u2168", "\u212a", "\u0130", "\u0344", "\u00c5", "\u212b", "\u01c5",
    "\u0141", "\u00f8", "\u00e6", "\u0111", "\u00de", "\u4e2d\u6587", "\u0300\u0301",
    "<\u0130>", "<K\u0130ND>", "<stron\u0261>", "</\u212abd>", "<\u017fmall>", "<mar\u212a>",
]  # fmt: skip


def _random_texts(count, seed, pieces=(*_PIECES, *_MORE_PIECES)):
    rng = random.Random(seed)
    for _ in range(count):
        yield "".join(rng.choice(pieces) for _ in range(rng.randint(0, 40)))


def reference_transliterate(text):
    return _REFERENCE_NOT_ASCII.sub(
        lambda match: match[0].translate(normalise._TRANSLITERATIONS), text
    )


def reference_match_form(text):
    text = reference_squash(text)
    return text if text.isascii() else reference_squash(reference_transliterate(text))


# 0: every text with a character outside ASCII goes the regex way; 64: the way by
# character, as in a build.
@pytest.mark.parametrize("by_character_up_to", [0, normalise.BY_CHARACTER_UP_TO])
def test_fold_squash_and_transliterate_match_the_plain_code(monkeypatch, by_character_up_to):
    monkeypatch.setattr(normalise, "BY_CHARACTER_UP_TO", by_character_up_to)
    for text in _random_texts(10000, seed=11):
        folded = normalise.fold(text)
        assert folded == reference_fold(text), ascii(text)
        assert normalise.squash(text) == reference_squash(text), ascii(text)
        assert normalise.transliterate(folded) == reference_transliterate(folded), ascii(text)
        assert normalise.match_form(folded) == reference_match_form(folded), ascii(text)


def test_the_inline_tag_pattern_on_folded_text_matches_the_case_blind_one():
    for text in _random_texts(10000, seed=12):
        folded = normalise.fold(text)
        fast = normalise._INLINE_TAG_FOLDED.sub("", folded)
        assert fast == normalise._INLINE_TAG.sub("", folded), ascii(text)


def test_the_random_text_takes_each_way_through_fold():
    """The oracle is only as good as its inputs: both ways must be taken often."""
    ways = {"ascii": 0, "by character": 0, "plain": 0}
    for text in _random_texts(5000, seed=13):
        if text.isascii():
            ways["ascii"] += 1
        else:
            raw = text.encode("utf-8", "surrogatepass")
            by_char = normalise._each_other_char(raw, normalise._FOLDED_CHARS) is not None
            ways["by character" if by_char else "plain"] += 1
    assert min(ways.values()) > 50, ways
    assert unicodedata.combining("\u0301")  # the plain way's reason exists


def reference_at_signs(text):
    return [(at.span(), at[0]) for at in contacts._AT.finditer(text)]


_EMAIL_PIECES = ["@", " @ ", " at ", "at ", " at", "(at)", "( at )", "[at]", "[ at ]", "{at}",
                 "{ at}", "(at", "( at", "at)", " dot ", "(dot)", ".", "jo", "a", "t", " ",
                 "example", "org", "co.uk", "x", "2x.png", "-", "_", "%", "+", "\u2019", "(",
                 "["]  # fmt: skip


def test_the_at_signs_found_by_find_are_the_regex_matches():
    for text in _random_texts(20000, seed=14, pieces=_EMAIL_PIECES):
        found = [(at.span(), at[0]) for at in contacts._at_signs(text)]
        assert found == reference_at_signs(text), text


def reference_occurrences(keys, haystack):
    """Every (key, end) where a key occurs, overlapping: str.find from each position."""
    found = set()
    for key in keys:
        index = haystack.find(key)
        while index >= 0:
            found.add((key, index + len(key)))
            index = haystack.find(key, index + 1)
    return found


def test_the_automaton_reports_every_occurrence_of_every_key():
    rng = random.Random(15)
    words = ["ann", "an", "n", "a", "anna", "hopkins", "hop", "kins", "s", "ins"]
    for _ in range(2000):
        pad = [" ", ""]
        keys = list(dict.fromkeys(
            rng.choice(pad) + " ".join(rng.sample(words, rng.randint(1, 3))) + rng.choice(pad)
            for _ in range(rng.randint(1, 8))
        ))  # fmt: skip
        haystack = " " + " ".join(rng.choice(words) for _ in range(rng.randint(0, 30))) + " "
        automaton = scan._automaton(keys)
        found = {
            (keys[index], end)
            for index, _start, end in automaton.find_matches_as_indexes(haystack, overlapping=True)
        }
        assert found == reference_occurrences(keys, haystack), (keys, haystack)


def reference_phones(text):
    found = []
    for regex in (contacts._INTERNATIONAL, contacts._NATIONAL):
        for match in regex.finditer(text):
            digits = contacts._national_digits(match)
            if digits:
                found.append((match.span(), digits))
    return found


# Digits, every separator (Word's dashes and the no-break space are several bytes),
# '+44 (0)' with the white space the regex allows before '44' and '(0)' (a line break
# is not a separator, so the chain starts after it), letters beside digits, text
# outside ASCII between numbers, and digits outside ASCII (which turn the shortcut off).
_PHONE_PIECES = ["0", "1", "4", "7", "9", "44", "+44", "+", "(0)", "(", ")", " ", "  ", "\t",
                 "\n", ".", "-", "/", "\u2013", "\u2014", "\u00a0", "07700", "900", "123",
                 "01872", "654321", "x", "a", "\u00e9", "\u2019", "\u4e2d", "\U0001f600",
                 "2026", ":", "\u0663", "\uff11", "+44\n(0)", "+\n44\n(0)", "0044\n(0)",
                 "+44\x0b(0)", "+\u200944 ", "44 (0)"]  # fmt: skip


def test_phones_found_near_digit_chains_are_the_plain_regex_matches():
    shortcut = 0
    for text in _random_texts(20000, seed=16, pieces=_PHONE_PIECES):
        assert list(contacts._phones(text)) == reference_phones(text), ascii(text)
        shortcut += contacts._phone_windows(text) is not None
    assert shortcut > 5000, "many random texts should take the shortcut"
