"""A person's full name, matched the way people write it, in one pass over the text.

The scan reads the matcher form of the output (normalise.match_form: lower case, ASCII,
every run of punctuation one space). In that form a name watched as "Jessamy Ann
Polglase" is found as:

- "jessamy polglase", "jessamy ann polglase", "jessamy a polglase" (any one or two
  words between, unless they are everyday words such as "and" or "her");
- "polglase jessamy" (from "Polglase, Jessamy"), and the possessive "polglase s";
- "jessamypolglase" inside a longer word (a hashtag, CamelCase, a joined slug).

A first name alone, a surname alone and initials ("J. Polglase", "Jessamy P.") are
not matched: with so few words, too many public sentences would be blocked.

Each name adds its first name (as " jessamy ") to the scan's Aho-Corasick automaton;
only where that key occurs are the next few words read, so the pass stays linear.
"""

from dataclasses import dataclass

from ..watchlist.wordlist import is_everyday
from .normalise import normalise_value

_MAX_BETWEEN = 2
# A joined form shorter than this ("alli" from "Al Li") turns up inside ordinary words.
_MIN_JOINED = 8


@dataclass(frozen=True)
class PersonName:
    """A name as tokens of the matcher form: first, middles and last (each may be
    several tokens: "Mary-Jane", "O'Neill-Smythe")."""

    first: tuple
    middles: tuple
    last: tuple

    @classmethod
    def parse(cls, text):
        """None when the text does not have a first name and a surname."""
        words = [normalise_value(word).split() for word in text.split()]
        words = [word for word in words if word]
        if len(words) < 2:
            return None
        middles = tuple(token for word in words[1:-1] for token in word)
        return cls(tuple(words[0]), middles, tuple(words[-1]))

    def anchor(self):
        """The key that starts a match in the forward order: the first name."""
        return " " + " ".join(self.first) + " "

    def exact_keys(self):
        """Keys that are a match on their own: surname first, and joined up."""
        keys = [" " + " ".join(self.last + self.first) + " "]
        joined = "".join(self.first + self.last)
        if len(joined) >= _MIN_JOINED:
            keys.append(joined)
        return keys

    def follows(self, text, position):
        """True when the surname follows the first name that ends at `position`,
        perhaps with a middle name or initial between."""
        words = text[position : position + 160].split(" ", _MAX_BETWEEN + len(self.last) + 1)
        for between in range(_MAX_BETWEEN + 1):
            end = between + len(self.last)
            if end >= len(words):  # the last word read may be cut off: never match on it
                return False
            if tuple(words[between:end]) == self.last and all(
                self._may_be_between(word) for word in words[:between]
            ):
                return True
        return False

    def _may_be_between(self, word):
        if not word:
            return False  # two views of a file meet here
        return word in self.middles or len(word) == 1 or not is_everyday(word)
