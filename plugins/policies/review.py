"""`make review`: every policy with its version, adoption date and next review, overdue first.

Reads the policies' headers directly (no build), so it works even while the site
does not build. `review_table(settings)` gives the same text to `make publish`.
"""

import datetime
import os
from dataclasses import dataclass

from sitebase.problems import display_path
from sitebase.sources import markdown_suffixes, read_source_header

from .policy import parse_date


@dataclass(frozen=True)
class Row:
    """One policy as the review table shows it."""

    title: str
    version: str
    adopted: str
    review: datetime.date | None
    days_left: int | None
    path: str
    note: str = ""
    draft: bool = False

    @property
    def overdue(self):
        return self.days_left is not None and self.days_left < 0

    @property
    def unreadable(self):
        """An adopted policy whose next review date cannot be read."""
        return self.days_left is None and not self.draft

    def order(self):
        """Overdue first (most overdue first), then unreadable dates, then soonest due,
        then drafts (not adopted, not published)."""
        if self.overdue:
            return (0, self.days_left, self.title)
        if self.draft:
            return (3, 0, self.title)
        if self.days_left is None:
            return (1, 0, self.title)
        return (2, self.days_left, self.title)


def policy_rows(settings, today=None):
    """A Row for each Markdown file in the policies folder, overdue first."""
    today = today or datetime.date.today()
    folder = os.path.join(settings["PATH"], settings["POLICIES_DIR"].strip("/"))
    rows = []
    for path in _markdown_files(folder):
        header = read_source_header(path)
        if header is None:
            rows.append(Row(os.path.basename(path), "?", "?", None, None, path, "not UTF-8"))
            continue
        fields = header.first()

        def value(key, fields=fields):
            return fields.get(key, (0, ""))[1]

        if value("status").strip().lower() == "draft":
            title = value("title") or os.path.basename(path)
            rows.append(Row(title, value("version") or "?", "draft", None, None, path, draft=True))
            continue

        review = parse_date(value("review")) if value("review") else None
        note = "" if review else ("Review is not a date" if value("review") else "no Review")
        rows.append(
            Row(
                title=value("title") or os.path.basename(path),
                version=value("version") or "?",
                adopted=value("adopted") or "?",
                review=review,
                days_left=(review - today).days if review else None,
                path=path,
                note=note,
            )
        )
    return sorted(rows, key=Row.order)


def _markdown_files(folder):
    if not os.path.isdir(folder):
        return []
    suffixes = markdown_suffixes()
    names = os.listdir(folder)
    return sorted(os.path.join(folder, name) for name in names if name.endswith(suffixes))


def _days(row):
    if row.draft:
        return "draft: not adopted, not published"
    if row.days_left is None:
        return f"? ({row.note})"
    if row.days_left < 0:
        late = -row.days_left
        return f"OVERDUE by {late} day{'' if late == 1 else 's'}"
    if row.days_left == 0:
        return "due today"
    return str(row.days_left)


def review_table(settings, today=None):
    """The review table as text (what `make review` prints; `make publish` shows it too)."""
    rows = policy_rows(settings, today)
    if not rows:
        folder = os.path.join(settings["PATH"], settings["POLICIES_DIR"].strip("/"))
        return f"No policies in {display_path(folder)}; add one with make new-policy"
    header = ("Policy", "Version", "Adopted", "Next review", "Days left")
    lines = [
        (
            row.title,
            row.version,
            row.adopted,
            "-" if row.draft else str(row.review or "?"),
            _days(row),
        )
        for row in rows
    ]
    widths = [max(len(line[i]) for line in [header, *lines]) for i in range(len(header))]
    text = [
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        for line in [header, *lines]
    ]
    overdue = [row for row in rows if row.overdue]
    unknown = [row for row in rows if row.unreadable]
    drafts = [row for row in rows if row.draft]
    summary = f"{len(rows)} polic{'y' if len(rows) == 1 else 'ies'}, {len(overdue)} overdue"
    if unknown:
        summary += f", {len(unknown)} without a readable Review date"
    if drafts:
        summary += f", {len(drafts)} draft{'' if len(drafts) == 1 else 's'}"
    text += ["", summary + "."]
    if overdue or unknown:
        text.append(
            "After a review: set Review to the next review date (YYYY-MM-DD); if the text "
            "changed, also raise Version and write one sentence for parents in Change_Note "
            "(what changed), in the policy's file:"
        )
        text += [f"  {display_path(row.path)}" for row in [*overdue, *unknown]]
    if drafts:
        text.append(
            "A draft is published once the trustees adopt it: set Adopted, Review, Signed_By "
            "and Signed_Role, and delete the line 'Status: draft'."
        )
    return "\n".join(text)
