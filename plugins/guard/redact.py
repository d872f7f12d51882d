"""One redaction step for every line the build prints: our own messages, Pelican's
log lines and errors that echo input. A watched value in any form it takes in a
message (as written, slugified, percent-encoded, in any case, accents or not) becomes
`[value #hash]`, the same short hash its findings show.
"""

import logging
import re
from urllib.parse import quote

from sitebase import problems
from sitebase.hashes import short_hash

from .matching.normalise import fold, normalise_value

# Between the words of a value: spaces, hyphens, punctuation, or a %-escape of them.
_SEPARATOR = r"(?:[\W_]|%[0-9A-Fa-f]{2})+"
# A value is not redacted inside a longer word ("Sam" in "Sample"); a %-escape just
# before it ("%20Ann") does not make it part of a word.
_START = r"(?:(?<![^\W_])|(?<=%[0-9A-Fa-f]{2}))"
_END = r"(?![^\W_])"
_WORDS = re.compile(r"[^\W_]+")
_SLUGGED = ("SLUG", "TAG", "CATEGORY", "AUTHOR")


class Redactor:
    """Knows the watched values of one run; `redact` hides them in a line of text."""

    def __init__(self):
        self.watch([])

    def watch(self, values, min_length=3, settings=None):
        """Redact these values from now on (the pattern is compiled when first needed).
        `settings` gives the slug rules, Pelican's defaults when there are none."""
        self._values = sorted({v for v in values if len(normalise_value(v).strip()) >= min_length})
        self._settings = settings
        self._pattern = None
        self._digests = {}

    def redact(self, text):
        """`text` with every form of every watched value replaced by its short hash."""
        pattern = self._compiled()
        if pattern is None:
            return text
        return pattern.sub(lambda match: f"[value #{self._digest(match[0])}]", text)

    def withhold_segments(self, path):
        """A path with each segment that holds a value replaced whole (a tag's or a
        title's slug made from a child's name is a folder name)."""
        pattern = self._compiled()
        if pattern is None:
            return path
        segments = path.split("/")
        for index, segment in enumerate(segments):
            match = pattern.search(segment)
            if match:
                segments[index] = f"[withheld #{self._digest(match[0])}]"
        return "/".join(segments)

    def _digest(self, matched):
        key = normalise_value(matched)
        return self._digests.get(key) or short_hash(key)

    def _compiled(self):
        if self._pattern is None and self._values:
            alternatives = set()
            for value in self._values:
                digest = short_hash(normalise_value(value))
                for form in self._forms(value):
                    self._digests.setdefault(normalise_value(form), digest)
                    alternatives.add(_flexible(form))
            ordered = sorted(alternatives, key=len, reverse=True)  # longest first
            body = "|".join(ordered)
            self._pattern = re.compile(f"{_START}(?:{body}){_END}", re.IGNORECASE)
        return self._pattern

    def _forms(self, value):
        """The value as written, case- and accent-folded, and slugified as Pelican does
        for a page's, a tag's, a category's or an author's address."""
        from pelican.settings import DEFAULT_CONFIG  # imported when needed: it loads Pillow
        from pelican.utils import slugify

        settings = DEFAULT_CONFIG if self._settings is None else self._settings
        substitutions = [
            settings.get(f"{kind}_REGEX_SUBSTITUTIONS", DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"])
            for kind in _SLUGGED
        ]
        slugs = {slugify(value, regex_subs=subs) for subs in substitutions}
        return {value, fold(value), *slugs} - {""}


def _flexible(form):
    """A pattern for the words of `form` with any separators between them, each word
    as written, folded or percent-encoded."""
    words = _WORDS.findall(form)
    return _SEPARATOR.join(_word_pattern(word) for word in words)


def _word_pattern(word):
    spellings = {word, fold(word), word.casefold(), quote(word)}
    return "(?:" + "|".join(re.escape(s) for s in sorted(spellings, key=len, reverse=True)) + ")"


class RedactingFilter(logging.Filter):
    """Rewrites every log record that reaches a handler, so Pelican's own messages
    (e.g. "Unable to find ..." with a link target) never print a value."""

    def __init__(self, redactor):
        super().__init__()
        self.redactor = redactor

    def filter(self, record):
        message = record.getMessage()
        for path in getattr(record, "withhold", ()):  # a line of sitebase.problems.report
            message = message.replace(path, self.redactor.withhold_segments(path))
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            message += f" ({type(error).__name__}: {error})"
            record.exc_info = record.exc_text = None  # a traceback may quote input
        redacted = self.redactor.redact(message)
        if redacted != record.msg or record.args:
            record.msg, record.args = redacted, ()
        return True


def install(log_filter):
    """Put the filter on every handler of the root and pelican loggers, and on the
    handler logging falls back to when there is none. Filters on a logger would miss
    records from its children (pelican.contents, pelican.generators, ...)."""
    handlers = [
        problems.REPORT_HANDLER,
        *logging.getLogger().handlers,
        *logging.getLogger("pelican").handlers,
        logging.lastResort,
    ]
    for handler in handlers:
        if handler is not None and log_filter not in handler.filters:
            handler.addFilter(log_filter)


# The one redaction step of this process: every line printed passes it as a logging
# filter (LOG_FILTER, on sitebase.problems.report's handler and Pelican's log handlers).
# The guard's run state points at it and tells it what to watch at the start of each
# run; it is never rebound.
ACTIVE = Redactor()
LOG_FILTER = RedactingFilter(ACTIVE)
