"""How common an English word is, from wordfreq's list (shipped in its wheel, offline).

"Common" is decided by frequency, not by a list we keep: a value made of one such word
is too generic to watch, and a run of capitalised common words in a sentence is not
taken for a person's name.
"""

from functools import lru_cache

from wordfreq import zipf_frequency

# Zipf 3.5: about three uses in a million words ("upheld", "withdrawn", "closed" and
# most surnames such as "Hopkins" are above; "Quartermaine", "Polglase" are far below).
COMMON_ZIPF = 3.5
# Between a first name and a surname, a word this frequent ("and", "her", "the") is
# ordinary text, not a middle name.
EVERYDAY_ZIPF = 5.5


@lru_cache(maxsize=65536)
def zipf(word):
    return zipf_frequency(word, "en")


def is_common(word):
    return zipf(word.casefold()) >= COMMON_ZIPF


def is_everyday(word):
    return zipf(word.casefold()) >= EVERYDAY_ZIPF
