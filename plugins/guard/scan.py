"""Scan every output file for watched values and unlisted contact details, in one pass."""

import os
import re

import ahocorasick

from .findings import Finding, short_hash
from .normalise import decode, fold, normalise_value, readable_views, squash
from .views import published_view

LEAK_ADVICE = "remove the value from the public text, or mark it confidential"
_EMAIL = re.compile(r"[a-z0-9][a-z0-9._%+-]*@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}")
# UK numbers: 0 or +44 then 9 or 10 more digits, spaces, dots, dashes or brackets between.
# Each branch consumes its first character before looking behind it (same matches as a
# leading (?<![\w+])), so the regex engine can skip straight to a '+', '(' or '0'.
_PHONE = re.compile(
    r"(?:\+(?<![\w+]\+)\s?44\s?(?:\(0\)\s?)?|\((?<![\w+]\()0|0(?<![\w+]0))"
    r"\d(?:[ \-.()]{0,2}\d){8,9}(?![\w])"
)


def phone_digits(text):
    """A UK phone number reduced to its national digits: '+44 (0)1872 ...' -> '01872...'."""
    digits = re.sub(r"\D", "", text)
    if digits.startswith("440"):
        digits = digits[2:]
    elif digits.startswith("44"):
        digits = "0" + digits[2:]
    return digits


class Scanner:
    """All watched values in one Aho-Corasick automaton; each file is read once."""

    def __init__(self, watched, public_contacts, min_length=3):
        self._origins = {}
        automaton = ahocorasick.Automaton()
        for item in watched:
            key = normalise_value(item.value)
            if len(key.strip()) < min_length:
                continue
            self._origins.setdefault(key, set()).add((item.rule, item.origin, short_hash(key)))
        for key in self._origins:
            automaton.add_word(key, key)
        self._automaton = automaton if self._origins else None
        if self._automaton:
            self._automaton.make_automaton()
        contacts = [c.strip().lower() for c in public_contacts]
        self._public_emails = {c for c in contacts if "@" in c}
        self._public_phones = {phone_digits(c) for c in contacts if "@" not in c}

    @property
    def value_count(self):
        return len(self._origins)

    def scan_file(self, path, data, name=""):
        """Findings for one output file, given its bytes and its name in the site."""
        return self.scan_view(path, published_view(path, data), name)

    def scan_view(self, path, view, name=""):
        """Findings for one output file, given what it says (a `PublishedView`)."""
        views = [text for text in readable_views(view.text) if text is not None]
        # The file's own name too: a title's slug becomes a folder name.
        findings = set(self._value_findings(path, [*views, fold(decode(name))]))
        if view.is_text:
            findings.update(self._contact_findings(path, views))
        return findings

    def _value_findings(self, path, views):
        if self._automaton is None:
            return
        haystack = "".join(squash(view) for view in views)
        for _end, key in self._automaton.iter(haystack):
            for rule, origin, digest in self._origins[key]:
                yield Finding(path, rule, origin, digest, LEAK_ADVICE)

    def _contact_findings(self, path, views):
        for view in views:
            for email in _EMAIL.findall(view) if "@" in view else ():
                if email not in self._public_emails:
                    yield Finding(
                        path, "unlisted email address", digest=short_hash(email),
                        advice="add it to PUBLIC_CONTACTS if it is meant to be public",
                    )  # fmt: skip
            for match in _PHONE.finditer(view):
                digits = phone_digits(match[0])
                if digits not in self._public_phones:
                    yield Finding(
                        path, "unlisted phone number", digest=short_hash(digits),
                        advice="add it to PUBLIC_CONTACTS if it is meant to be public",
                    )  # fmt: skip


def output_files(output_path):
    """Every file under the output folder, in a stable order."""
    for dirpath, dirnames, filenames in os.walk(output_path):
        dirnames.sort()
        for name in sorted(filenames):
            yield os.path.join(dirpath, name)
