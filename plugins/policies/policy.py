"""A policy's metadata: parsed and validated once, then read by templates."""

import datetime
import re
from dataclasses import dataclass

from authoring.preflight import british_date
from sitebase.header import field_label
from sitebase.nearest import near_miss
from sitebase.problems import Problem
from sitebase.sources import read_source_header

REQUIRED_FIELDS = ("title", "summary", "adopted", "review", "version", "signed_by", "signed_role")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TAGS = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Policy:
    """What visitors are told about a policy, besides its text."""

    title: str
    slug: str
    url: str
    save_as: str
    summary: str
    version: str
    adopted: datetime.date
    review: datetime.date
    signed_by: str
    signed_role: str
    source_path: str
    relative_source: str
    today: datetime.date

    @property
    def overdue(self):
        """True once the date for the next review has passed."""
        return self.review < self.today


def parse_date(raw):
    """A date from YYYY-MM-DD text (or a date Pelican already parsed); None if not one."""
    if isinstance(raw, datetime.datetime):
        return raw.date()
    if isinstance(raw, datetime.date):
        return raw
    text = str(raw).strip()
    if not _ISO_DATE.match(text):
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return None


def _raw_field(page, field):
    if field == "title":
        return page.metadata.get("title", "")
    value = page.metadata.get(field, "")
    if field == "summary":
        # Pelican renders a given Summary to HTML; a missing one it derives.
        value = _TAGS.sub("", value).strip()
    return value


def source_header(path, sources=None):
    """{field: (line number, value)} of a source's header, so a message can name the
    line: from the run's sources (sitebase.run.Sources, each header read once), or from
    the file."""
    header = sources.header(path) if sources is not None else read_source_header(path)
    return header.first() if header else {}


def _missing(field, header):
    """Field missing: and the line that is probably it, misspelt ("Reveiw:")."""
    label = field_label(field)
    unknown = [key for key in header if key not in REQUIRED_FIELDS]
    meant = {key: near_miss(key, REQUIRED_FIELDS) for key in unknown}
    typo = next((key for key, match in meant.items() if match == field), None)
    if typo:
        return (
            f"line {header[typo][0]}: '{field_label(typo)}:' is not a field; did you mean "
            f"'{label}:'? correct the spelling"
        )
    return f"{label}: missing; add a line '{label}: ...'"


def _not_a_date(field, raw, header):
    label = field_label(field)
    where = f"line {header[field][0]}: " if field in header else ""
    meant = british_date(str(raw))
    hint = f"write '{label}: {meant.isoformat()}'" if meant else "use YYYY-MM-DD"
    return f'{where}{label}: "{raw}" is not a date; {hint}'


def read_policy(page, settings, today, sources=None):
    """Return (Policy or None, problems) for a page read from the policies folder."""
    problems = []
    values = {}
    header = source_header(page.source_path, sources)
    for field in REQUIRED_FIELDS:
        raw = _raw_field(page, field)
        if isinstance(raw, list):
            raw = ", ".join(str(item) for item in raw)
        if not str(raw).strip():
            problems.append(Problem(page.source_path, _missing(field, header)))
            continue
        if field in ("adopted", "review"):
            date = parse_date(raw)
            if date is None:
                problems.append(Problem(page.source_path, _not_a_date(field, raw, header)))
                continue
            values[field] = date
        else:
            values[field] = str(raw).strip()
    if "adopted" in values and "review" in values and values["review"] <= values["adopted"]:
        where = f"line {header['review'][0]}: " if "review" in header else ""
        problems.append(
            Problem(
                page.source_path,
                f"{where}Review: {values['review']} is not after Adopted ({values['adopted']}); "
                "set the next review date after the adoption date",
            )
        )
    if problems:
        return None, problems
    slug = page.slug
    return (
        Policy(
            slug=slug,
            url=settings["POLICY_URL"].format(slug=slug),
            save_as=settings["POLICY_SAVE_AS"].format(slug=slug),
            source_path=page.source_path,
            relative_source=page.relative_source_path,
            today=today,
            **values,
        ),
        [],
    )
