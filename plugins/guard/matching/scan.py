"""Scan every output file for watched values and unlisted contact details, in one pass.

One Aho-Corasick automaton (ahocorasick_rs: Rust's aho-corasick, a DFA) holds every
phrase and reference, and every person's name keys (names.py); each file's text is
read once in its matcher form. Phone numbers and
addresses are found by contacts.py and compared by their one form (digits, address).
"""

import ahocorasick_rs

from sitebase.hashes import short_hash

from ..findings import Finding
from ..views import published_view
from ..watchlist.entities import CONTACT, GENERIC, PERSON
from .contacts import contacts_in, emails_in, phones_in
from .names import PersonName
from .normalise import decode, fold, match_form, normalise_value, readable_views

LEAK_ADVICE = "remove the value from the public text, or mark it confidential"
_UNLISTED_ADVICE = "add it to PUBLIC_CONTACTS if it is meant to be public"


def phone_digits(text):
    """A UK phone number reduced to its national digits: '+44 (0)1872 ...' -> '01872...'."""
    phones, _emails = contacts_in(text)
    if phones:
        return min(phones)
    digits = "".join(char for char in text if char.isdigit())
    return "0" + digits[2:] if digits.startswith("44") and not digits.startswith("440") else digits


class Scanner:
    """All watched values in one Aho-Corasick automaton; each file is read once."""

    def __init__(self, watched, public_contacts, min_length=3):
        self._direct = {}  # key -> {(rule, origin, digest)}: a match on its own
        self._anchored = {}  # first-name key -> [(PersonName, origins)]: read on
        self._phones, self._emails = {}, {}  # a watched contact's form -> origins
        people = {}
        for item in watched:
            if item.kind == GENERIC:
                continue  # reported by watched.generic_warnings, never matched
            key = normalise_value(item.value)
            origin = (item.rule, item.origin, short_hash(key))
            person = PersonName.parse(item.value) if item.kind == PERSON else None
            if person:
                people.setdefault(person, set()).add(origin)
            elif len(key.strip()) >= min_length:
                self._direct.setdefault(key, set()).add(origin)
            if item.kind == CONTACT:
                phones, emails = contacts_in(item.value)
                for form in phones:
                    self._phones.setdefault(form, set()).add(origin)
                for form in emails:
                    self._emails.setdefault(form, set()).add(origin)
        self._value_count = len(self._direct) + len(people)
        for person, origins in people.items():
            self._anchored.setdefault(person.anchor(), []).append((person, origins))
            for key in person.exact_keys():
                self._direct.setdefault(key, set()).update(origins)
        self._keys = list(dict.fromkeys([*self._direct, *self._anchored]))
        self._automaton = _automaton(self._keys)
        self._public_phones, self._public_emails = _public_forms(public_contacts)

    @property
    def value_count(self):
        return self._value_count

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
        haystack = "".join(match_form(view) for view in views)
        keys = self._keys
        for index, _start, end in self._automaton.find_matches_as_indexes(
            haystack, overlapping=True
        ):
            for origins in self._matches(keys[index], haystack, end):
                for rule, origin, digest in origins:
                    yield Finding(path, rule, origin, digest, LEAK_ADVICE)

    def _matches(self, key, haystack, after):
        if key in self._direct:
            yield self._direct[key]
        for person, origins in self._anchored.get(key, ()):
            if person.follows(haystack, after):
                yield origins

    def _contact_findings(self, path, views):
        for view in views:
            for form in emails_in(view):
                yield from _contact(path, form, self._emails, self._public_emails, "email address")
            for form in phones_in(view):
                yield from _contact(path, form, self._phones, self._public_phones, "phone number")


def _contact(path, form, watched, public, what):
    """A watched contact is a leak of its value; any other unlisted one is reported."""
    if form in watched:
        for rule, origin, digest in watched[form]:
            yield Finding(path, rule, origin, digest, LEAK_ADVICE)
    elif form not in public:
        yield Finding(path, f"unlisted {what}", digest=short_hash(form), advice=_UNLISTED_ADVICE)


def _automaton(keys):
    """Every occurrence of every key (overlapping, as Standard Aho-Corasick reports)."""
    if not keys:
        return None
    return ahocorasick_rs.AhoCorasick(
        keys,
        matchkind=ahocorasick_rs.MatchKind.Standard,
        implementation=ahocorasick_rs.Implementation.DFA,
    )


def _public_forms(public_contacts):
    """(phones, emails) the site may show, read out of each entry as written:
    '01872 654321 (press 1)', '01872 654321 or 07700 900555', 'mailto:...'."""
    phones, emails = set(), set()
    for contact in public_contacts:
        found_phones, found_emails = contacts_in(contact)
        if not found_phones and not found_emails:  # a short number: as it was written
            (emails if "@" in contact else phones).add(
                contact.strip().lower() if "@" in contact else phone_digits(contact)
            )
        phones |= found_phones
        emails |= found_emails
    return phones, emails
