"""Checks on the Markdown sources before Pelican reads them, one plain `Problem` each.

`Preflight.walk()` reads each public source once: empty files, the header and its
blank line, Title, the dates (a British date gets its YYYY-MM-DD form), Status, Slug,
misspelt field names ("did you mean"), each line with a TBC placeholder; big images
get a warning. Checks on what Pelican made of the sources are in markup.py and outputs.py.
"""

import calendar
import datetime
import fnmatch
import os
import re

from dateutil import parser as date_parser

from sitebase.header import field_label, is_field_line, read_header
from sitebase.nearest import near_miss
from sitebase.problems import Problem
from sitebase.run import Sources
from sitebase.sources import (
    IMAGE_SUFFIXES,
    MARKDOWN,
)
from sitebase.staff_only import (
    public_lines,
    remove_html_comments,
    remove_html_comments_keeping_lines,
    split_staff_only,
)

_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$")
_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
_YEAR_FIRST = re.compile(r"^\s*\d{4}\b")
_SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_STATUSES = ("published", "hidden", "draft", "skip")
_PLACEHOLDER = re.compile(r"\bTBC\b")

# Header fields Pelican, the theme or the plugin read; anything else is a warning.
_PELICAN_FIELDS = {
    "title", "date", "modified", "tags", "category", "slug", "author", "authors",
    "summary", "description", "keywords", "lang", "translation", "status",
    "template", "save_as", "url", "lang_url", "lang_save_as",
}  # fmt: skip
_POLICY_FIELDS = {"adopted", "review", "version", "change_note", "signed_by", "signed_role"}
_DATE_FIELDS = ("date", "modified", "adopted", "review")


class Preflight:
    """Collects the problems (and warnings) found in the sources during one walk."""

    def __init__(self, settings):
        self.settings = settings
        self.problems = []
        self.warnings = []
        self._root = os.path.abspath(settings["PATH"])
        self._known_fields = (
            _PELICAN_FIELDS | _POLICY_FIELDS | {f.lower() for f in settings["CONFIDENTIAL_FIELDS"]}
        )

    def walk(self, sources=None):
        """Inspect every public file under content/ (the private folder is not read),
        from the run's one walk of the sources (sitebase.run.Sources; walked here when
        not given)."""
        sources = sources or Sources(self.settings)
        for source in sources.public():
            if source.fmt is None:
                self.inspect(source.path, None)
                continue
            if source.fmt != MARKDOWN:  # HTML and rST pages: the guard reads their metadata
                continue
            text, problem = sources.text(source.path)
            if problem is None:  # a file that is not UTF-8 is told by the guard
                self.inspect(source.path, text)
        return self

    def inspect(self, path, text):
        """One public file under content/: its text if it is Markdown, else None (not read)."""
        if text is None:
            self._check_size(path)
            return
        kind = self._kind(path)
        if kind is None:
            return
        problems, warnings = source_problems(path, text, kind, self.settings, self._known_fields)
        self.problems += problems
        self.warnings += warnings

    def _check_size(self, path):
        if not path.lower().endswith(IMAGE_SUFFIXES):
            return
        limit = self.settings["IMAGE_MAX_BYTES"]
        try:
            size = os.path.getsize(path)
        except OSError:  # e.g. a broken link: Pelican reports the missing file
            return
        if limit and size > limit:
            self.warnings.append(
                str(
                    Problem(
                        path,
                        f"warning: the image is {_megabytes(size)}, over the "
                        f"{_megabytes(limit)} limit (IMAGE_MAX_BYTES), so pages load slowly; "
                        "save a smaller copy (about 1600 pixels wide is plenty)",
                    )
                )
            )

    def _kind(self, path):
        """'article', 'page' or None: which generator of Pelican reads this file."""
        relative = os.path.relpath(os.path.abspath(path), self._root).replace(os.sep, "/")
        parts = relative.split("/")
        ignores = self.settings.get("IGNORE_FILES", [])
        if any(fnmatch.fnmatch(part, ignore) for part in parts for ignore in ignores):
            return None
        for kind, paths, excludes in (
            ("article", "ARTICLE_PATHS", "ARTICLE_EXCLUDES"),
            ("page", "PAGE_PATHS", "PAGE_EXCLUDES"),
        ):
            if _under_any(relative, self.settings.get(paths, [])) and not _under_any(
                relative, self.settings.get(excludes, []), empty_matches=False
            ):
                return kind
        return None


def _under_any(relative, folders, empty_matches=True):
    for folder in folders:
        folder = folder.strip("/")
        if not folder:
            if empty_matches:
                return True
            continue
        if relative == folder or relative.startswith(folder + "/"):
            return True
    return False


def _megabytes(size):
    return f"{size / 1_000_000:.1f} MB"


def source_problems(path, text, kind, settings, known_fields=()):
    """(problems, warnings) for one Markdown source Pelican will read as `kind`."""
    from pelican.utils import slugify  # imported when needed: Pelican loads Pillow

    if not text.strip():
        return [
            Problem(
                path,
                "the file is empty; start it with a line 'Title: ...', then a blank line, "
                "then the text (or delete the file)",
            )
        ], []
    lines = text.splitlines()
    header = read_header(lines)
    fields, end, ended = header.first(), header.end, header.ended
    problems, warnings = [], []
    if ended == "text" and fields:
        problems.append(
            Problem(
                path,
                f"line {end + 1}: there is no blank line between the header (Title: ... and "
                "the other 'Name: value' lines at the top) and the text; "
                f"add an empty line before line {end + 1}",
            )
        )
    title = fields.get("title", (0, ""))[1]
    if not title:
        problems.append(Problem(path, _missing_title(fields, lines, end)))
    body = lines[end + 1 :] if ended in ("blank", "end") else lines[end:]
    if fields and ended != "text" and not _has_text(body):
        problems.append(
            Problem(
                path,
                "there is no text after the header; add the text below it, after a blank line",
            )
        )
    for key in _DATE_FIELDS:
        if key in fields and not (key in _POLICY_FIELDS and _PLACEHOLDER.match(fields[key][1])):
            problems += date_problems(path, key, *fields[key])  # a TBC date: told below
    if kind == "article" and "date" not in fields and not _date_from_filename(path, settings):
        problems.append(
            Problem(
                path,
                "Date: missing; news posts need a line 'Date: YYYY-MM-DD' in the header, "
                f"e.g. 'Date: {datetime.date.today().isoformat()}'",
            )
        )
    if "status" in fields:
        line, status = fields["status"]
        if status.strip().lower() not in _STATUSES:
            problems.append(
                Problem(
                    path,
                    f'line {line}: Status: "{status}" is not a status; use one of '
                    f"{', '.join(_STATUSES)} (or remove the line to publish it)",
                )
            )
    if "slug" in fields:
        line, slug = fields["slug"]
        if not _SLUG.match(slug):
            substitutions = settings.get("SLUG_REGEX_SUBSTITUTIONS", ())
            suggestion = slugify(slug, regex_subs=substitutions) or "a-short-name"
            problems.append(
                Problem(
                    path,
                    f'line {line}: Slug: "{slug}" can only have letters, digits and hyphens; '
                    f"use e.g. 'Slug: {suggestion}'",
                )
            )
    refuse = settings.get("REFUSE_CONTENT_PLACEHOLDERS")
    draft = fields.get("status", (0, ""))[1].strip().lower() == "draft"
    for placeholder in [] if draft else placeholder_lines(lines):  # a draft is never written
        if refuse:
            problems.append(
                Problem(
                    path,
                    f"line {placeholder}: a TBC placeholder is still here; replace it, "
                    "then publish",
                )
            )
        else:
            warnings.append(
                str(
                    Problem(
                        path,
                        f"warning: line {placeholder}: a TBC placeholder is still here; "
                        "replace it before the site is published",
                    )
                )
            )
    field_problems, field_warnings = _unknown_field_messages(path, fields, known_fields, settings)
    return problems + field_problems, warnings + field_warnings


def _unknown_field_messages(path, fields, known_fields, settings):
    """An unknown header field: a problem when it is a misspelling of a field the header
    lacks (the value would be lost), else a warning; either says "did you mean"."""
    if not known_fields:
        return [], []
    # Confidential field names have their own near-miss check, in the guard.
    confidential = {f.lower() for f in settings.get("CONFIDENTIAL_FIELDS", ())}
    candidates = sorted(set(known_fields) - confidential)
    problems, warnings = [], []
    for key, (line, _value) in fields.items():
        if key in known_fields:
            continue
        meant = near_miss(key, candidates)
        if meant and meant not in fields:
            problems.append(
                Problem(
                    path,
                    f"line {line}: '{field_label(key)}:' is not a field this site uses; "
                    f"did you mean '{field_label(meant)}:'? correct the spelling",
                )
            )
            continue
        hint = f"did you mean '{field_label(meant)}:'? " if meant else ""
        warnings.append(
            str(
                Problem(
                    path,
                    f"warning: line {line}: '{field_label(key)}:' is not a field this site "
                    f"uses, so the line is not shown; {hint}if it is meant as text, put a "
                    "blank line before it",
                )
            )
        )
    return problems, warnings


def _missing_title(fields, lines, end):
    for number, line in enumerate(lines[end:], start=end + 1):
        if is_field_line(line) and line.split(":", 1)[0].strip().lower() == "title":
            return (
                f"line {number}: 'Title:' must be in the header at the very top of the file, "
                "with no blank line or text above it; move it to line 1"
            )
    if "title" in fields:
        return f"line {fields['title'][0]}: Title: is empty; write the title after 'Title: '"
    return "Title: missing; the first line must be 'Title: ...', then the other header lines"


def placeholder_lines(lines):
    """The number of each line with TBC in it, outside comments and staff-only blocks."""
    numbered = public_lines(lines)
    if not numbered:
        return
    shown = remove_html_comments_keeping_lines("\n".join(line for _, line in numbered))
    for (number, _line), visible in zip(numbered, shown.split("\n"), strict=True):
        if _PLACEHOLDER.search(visible):
            yield number


def _has_text(body):
    public, _hidden, _unclosed = split_staff_only(body)
    return bool(remove_html_comments("\n".join(public)).strip())


def date_problems(path, key, line, value):
    """A date field that is not YYYY-MM-DD (or not a real date): one line, with the
    date converted when it is written another way ("1st December 2026")."""
    label = field_label(key)
    if not value:
        return [Problem(path, f"line {line}: {label}: has no date; write it as YYYY-MM-DD")]
    match = _DATE.match(value)
    if match:
        numbers = [int(part) for part in match.groups(default="0")]
        try:
            datetime.datetime(*numbers)
        except ValueError:
            return [
                Problem(
                    path,
                    f'line {line}: {label}: "{value}" is not a real date or time'
                    f"{_why_not_a_date(*numbers[:3])}; check it (YYYY-MM-DD, e.g. 2026-09-01)",
                )
            ]
        return []
    meant = british_date(value)
    hint = (
        f"write '{label}: {meant.isoformat()}'"
        if meant
        else "write it as year-month-day, e.g. 2026-09-01 for 1 September 2026"
    )
    message = f'line {line}: {label}: "{value}" is not a date in the form YYYY-MM-DD; {hint}'
    return [Problem(path, message)]


def british_date(value):
    """The date meant by a date written another way (day first, as in Britain: "1st
    December 2026", "1/12/2026", "1 Dec 2026"), or None; the year must be written."""
    if not _YEAR.search(value):
        return None
    year_first = bool(_YEAR_FIRST.match(value))
    try:
        meant = date_parser.parse(value, dayfirst=not year_first, yearfirst=year_first)
    except (ValueError, OverflowError):
        return None
    return meant.date()


def _why_not_a_date(year, month, day):
    if not 1 <= month <= 12:
        return f" (there is no month {month}: the month comes second)"
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        return f" ({calendar.month_name[month]} {year} has {days} days)"
    return ""


def _date_from_filename(path, settings):
    pattern = settings.get("FILENAME_METADATA")
    if not pattern:
        return False
    match = re.match(pattern, os.path.splitext(os.path.basename(path))[0])
    return bool(match and match.groupdict().get("date"))
