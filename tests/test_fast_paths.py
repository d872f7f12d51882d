"""The scan's fast paths answer exactly as the plain code they replaced.

The references below are the straightforward versions, kept on purpose as test
oracles: on random text and the real site's output, the faster normalise.py and
scan.py must agree with them, so a faster scan can never find less. The link
resolver's quick path is checked against its own general path.
"""

import posixpath
import random
import re
import unicodedata

import pytest

from guard.matching import normalise
from policies import links
from policies.links import resolve

_REFERENCE_NOT_WORD = re.compile(r"[\W_]+")
_REFERENCE_INLINE_TAG = re.compile(
    r"</?(?:a|abbr|b|bdi|bdo|cite|code|data|dfn|em|i|kbd|mark|q|s|samp|small|span|"
    r"strong|sub|sup|time|u|var|wbr|del|ins)\b[^>]*>",
    re.IGNORECASE,
)


def reference_squash(text):
    return " " + _REFERENCE_NOT_WORD.sub(" ", text).strip() + " "


def reference_fold(text):
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.translate(normalise._INVISIBLE))
        text = normalise._COMBINING.sub("", text)
    return text.casefold()


# Pieces that exercise every branch: ASCII punctuation and control characters, the
# typographic characters squash() replaces directly, other non-word characters, letters
# the case-insensitive regex treats specially (dotless i, dotted I, long s, Kelvin), combining
# and invisible characters, a lone surrogate, tags (inline or not, any case), phone-like digits.
_PIECES = [
    "a", "Z", "0", "9", "_", " ", "  ", "\t", "\n", "\x0b", "\x0c", "\x1c", "\x1f", "\x7f",
    "-", ".", ",", "'", '"', "(", ")", "+", "/", "@", "&", "%", "#", "<", ">", "=",
    "\u2013", "\u2014", "\u201c", "\u201d", "\u2018", "\u2019", "\u00ab", "\u00bb", "\u2022",
    "\u00b7", "\u00a0", "\u2026", "\ufffd", "\u2028", "\u3000", "\x85", "\u2212", "\u00bd",
    "\u0131", "\u0130", "\u017f", "\u212a", "\u00df", "\ufb01", "\uff21", "\uff10", "\u00e9",
    "e\u0301", "\u0301", "\u0323", "\u05b0", "\u00ad", "\u200b", "\u200d", "\ufeff",
    "\u0416", "\u4e2d", "\u0663", "\U0001f600", "\ud800", "\u1e9b", "\u00b2",
    "<a href='x'>", "</a>", "<SPAN>", "</span>", "<b>", "<bdi>", "<br>", "<p class=x>",
    "</p>", "<em>", "<EM >", "<\u0131>", "<\u017fpan>", "<time datetime=1>", "<div>", "<abbr",
    "<strongest>", "<s>", "<sub>", "<sup>", "<wbr>", "<kbd>", "<q>", "<u>", "<i>", "<ins>",
    "07700 900123", "+44 (0)1872 123456", "(01872) 123 456", "0300 123 4666", "x07700900123",
    "+447700900123", "01872-123-456", "0 1 2 3 4 5 6 7 8 9", "1234567890", "+44 7700 900 123",
    "0\u0663\u0663\u0663\u0663\u0663\u0663\u0663\u0663\u0663", "tom@example.org",
]  # fmt: skip


def _random_texts(count, seed):
    rng = random.Random(seed)
    for _ in range(count):
        yield "".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 40)))


def test_fast_paths_match_the_plain_regexes_on_random_text():
    for text in _random_texts(20000, seed=1):
        assert normalise.squash(text) == reference_squash(text), ascii(text)
        assert normalise.fold(text) == reference_fold(text), ascii(text)
        assert normalise._INLINE_TAG.sub("", text) == _REFERENCE_INLINE_TAG.sub("", text)


def test_fast_paths_match_on_the_real_output(real_build):
    files = real_build.files()
    assert files
    for path in files:
        text = path.read_bytes().decode("utf-8", errors="replace")
        for view in (text, normalise.decode(text)):
            folded = reference_fold(view)
            assert normalise.fold(view) == folded, path
            assert normalise.squash(folded) == reference_squash(folded), path
            assert normalise._INLINE_TAG.sub("", folded) == _REFERENCE_INLINE_TAG.sub("", folded)


_URL_PIECES = ["", "/", "../", "./", "..", ".", "a", "b/", "index.html", "%20", "%2F", "?q=1",
               "#top", "//", "http://x.org/", "mailto:", "TEL:", "https:", "~", " ", ".hidden",
               "../../", "a/..", "%2e%2e/"]  # fmt: skip
_PAGES = ["index.html", "a/index.html", "a/b/index.html", "news/x/y/index.html", "p.html"]


@pytest.mark.parametrize("siteurl", ["", "https://tbc.invalid", "https://tbc.invalid/"])
def test_the_quick_relative_path_matches_join_and_normalise(siteurl):
    rng = random.Random(2)
    quick = 0
    for _ in range(20000):
        url = "".join(rng.choice(_URL_PIECES) for _ in range(rng.randint(0, 6)))
        if rng.random() < 0.2:
            url = siteurl + url
        page_dir = posixpath.dirname(rng.choice(_PAGES))
        path = links._site_path(url, siteurl)
        if path is None:
            assert resolve(url, posixpath.join(page_dir, "index.html"), siteurl) is None
            continue
        general = links._join_and_normalise(path, page_dir)
        fast = links._climbs_to_root(path, page_dir)
        if fast is not None:
            quick += 1
            assert fast == general, (url, page_dir)
        assert links._resolve_in(url, page_dir, siteurl) == general, (url, page_dir)
    assert quick > 500, "the random links should often take the quick path"
