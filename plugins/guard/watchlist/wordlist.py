"""How common an English word is, from wordfreq's list (shipped in its wheel, offline).

"Common" is decided by frequency, not by a list we keep: a value made of one such word
is too generic to watch, and a run of capitalised common words in a sentence is not
taken for a person's name.

Both thresholds are above Zipf 3, where wordfreq's small English list ends, so that list
is read directly (12 ms) instead of importing wordfreq and loading its large list
(about 0.4 s of every build); tests/test_guard_values.py holds the two against
`wordfreq.zipf_frequency`.
"""

import functools
import gzip
import importlib.util
import os

import msgpack

# Zipf 3.5: about three uses in a million words ("upheld", "withdrawn", "closed" and
# most surnames such as "Hopkins" are above; "Quartermaine", "Polglase" are far below).
COMMON_ZIPF = 3.5
# Between a first name and a surname, a word this frequent ("and", "her", "the") is
# ordinary text, not a middle name.
EVERYDAY_ZIPF = 5.5
_SMALL_LIST = ("data", "small_en.msgpack.gz")


@functools.cache
def _zipf_by_word():
    """wordfreq's small English list: its buckets are centibels below 1 (cB format)."""
    folder = importlib.util.find_spec("wordfreq").submodule_search_locations[0]
    with gzip.open(os.path.join(folder, *_SMALL_LIST)) as handle:
        header, *buckets = msgpack.load(handle, raw=False)
    if header != {"format": "cB", "version": 1}:
        raise RuntimeError(f"wordfreq's word list has an unknown format: {header}")
    return {word: 9 - index / 100 for index, words in enumerate(buckets) for word in words}


def zipf(word):
    """The word's Zipf frequency (0 below the small list's end, Zipf 3)."""
    return _zipf_by_word().get(word.casefold(), 0.0)


def is_common(word):
    return zipf(word) >= COMMON_ZIPF


def is_everyday(word):
    return zipf(word) >= EVERYDAY_ZIPF
