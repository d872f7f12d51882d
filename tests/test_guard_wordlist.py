"""The quick word-frequency lookup decides "common" and "everyday" as wordfreq does."""

import random

import wordfreq

from guard.watchlist import wordlist


def test_the_small_list_decides_both_thresholds_as_wordfreq_does():
    words = list(wordfreq.get_frequency_dict("en", "large"))
    sample = random.Random(20261201).sample(words, 5000)
    sample += ["closed", "Withdrawn", "UPHELD", "Hopkins", "Quartermaine", "polglase", "and"]
    for word in sample:
        expected = wordfreq.zipf_frequency(word, "en")
        for threshold in (wordlist.COMMON_ZIPF, wordlist.EVERYDAY_ZIPF):
            assert (wordlist.zipf(word) >= threshold) == (expected >= threshold), word


def test_common_and_everyday_words():
    assert wordlist.is_common("Closed")
    assert not wordlist.is_common("Polglase")
    assert wordlist.is_everyday("her")
    assert not wordlist.is_everyday("Ann")
