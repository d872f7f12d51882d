"""Checks on what staff write, before anything is written to output/.

Two moments, each a plain one-line `Problem` per mistake (file, problem, what to do):

- `Preflight.inspect(path, text)`: the Markdown sources before Pelican reads them,
  called by `confidential.collect` during its single walk (each file is read once).
  Empty files, the metadata header and its blank line, Title, Date, Status, Slug;
  big images get a warning.
- `content_problems(generators, settings)`: Pelican's content objects, at
  `all_generators_finalized`: raw script, frames, `on*=` attributes and `javascript:`
  links in the rendered HTML, and two things that would be written to the same file.
"""

import calendar
import datetime
import fnmatch
import os
import posixpath
import re
from collections import defaultdict
from html.parser import HTMLParser
from urllib.parse import urlsplit

from pelican.generators import ArticlesGenerator, PagesGenerator, StaticGenerator
from pelican.paginator import Paginator
from pelican.utils import slugify

from .confidential import BLOCK_END, BLOCK_START, remove_html_comments, split_staff_only
from .images import IMAGE_SUFFIXES
from .problems import Problem, display_path

# Python-Markdown's meta extension, which Pelican uses to read the header.
_META_LINE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
_META_MORE = re.compile(r"^[ ]{4,}(?P<value>.*)")
_HEADER_BEGIN = re.compile(r"^-{3}(\s.*)?")
_HEADER_END = re.compile(r"^(-{3}|\.{3})(\s.*)?")

_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$")
_DAY_FIRST = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_STATUSES = ("published", "hidden", "draft", "skip")
_PLACEHOLDER = re.compile(r"\bTBC\b")

# Header fields Pelican, the theme or the plugin read; anything else is a warning.
_PELICAN_FIELDS = {
    "title", "date", "modified", "tags", "category", "slug", "author", "authors",
    "summary", "description", "keywords", "lang", "translation", "status",
    "template", "save_as", "url", "lang_url", "lang_save_as",
}  # fmt: skip
_POLICY_FIELDS = {"adopted", "review", "version", "signed_by", "signed_role"}


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


def read_header(lines):
    """The header as Python-Markdown reads it: (fields, index after it, how it ended).

    `fields` maps each lower-case key to (line number, value). The header ends at a
    blank line ("blank"), a `---`/`...` line ("end"), the end of the file ("eof"),
    or a line that is neither a field nor a continuation ("text"): Python-Markdown
    then treats that line as the start of the text.
    """
    fields = {}
    start = 1 if lines and _HEADER_BEGIN.match(lines[0]) else 0
    key = None
    for index in range(start, len(lines)):
        line = lines[index]
        if not line.strip():
            return fields, index, "blank"
        if _HEADER_END.match(line):
            return fields, index, "end"
        match = _META_LINE.match(line)
        if match:
            key = match["key"].lower()
            if key not in fields:
                fields[key] = (index + 1, match["value"].strip())
            continue
        if key and _META_MORE.match(line):
            continue
        return fields, index, "text"
    return fields, len(lines), "eof"


def source_problems(path, text, kind, settings, known_fields=()):
    """(problems, warnings) for one Markdown source Pelican will read as `kind`."""
    if not text.strip():
        return [
            Problem(
                path,
                "the file is empty; start it with a line 'Title: ...', then a blank line, "
                "then the text (or delete the file)",
            )
        ], []
    lines = text.splitlines()
    fields, end, ended = read_header(lines)
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
    for key in ("date", "modified"):
        if key in fields:
            problems += _date_problems(path, key, *fields[key])
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
    placeholder = _first_placeholder(lines)
    if placeholder and settings.get("REFUSE_CONTENT_PLACEHOLDERS"):
        problems.append(
            Problem(
                path,
                f"line {placeholder}: a TBC placeholder is still here; replace it, then publish",
            )
        )
    elif placeholder:
        warnings.append(
            str(
                Problem(
                    path,
                    f"warning: line {placeholder}: a TBC placeholder is still here; "
                    "replace it before the site is published",
                )
            )
        )
    for key, (line, _value) in fields.items():
        if known_fields and key not in known_fields:
            warnings.append(
                str(
                    Problem(
                        path,
                        f"warning: line {line}: '{_label(key)}:' is not a field this site uses, "
                        "so the line is not shown; if it is meant as text, put a blank line "
                        "before it",
                    )
                )
            )
    return problems, warnings


def _missing_title(fields, lines, end):
    for number, line in enumerate(lines[end:], start=end + 1):
        match = _META_LINE.match(line)
        if match and match["key"].lower() == "title":
            return (
                f"line {number}: 'Title:' must be in the header at the very top of the file, "
                "with no blank line or text above it; move it to line 1"
            )
    if "title" in fields:
        return f"line {fields['title'][0]}: Title: is empty; write the title after 'Title: '"
    return "Title: missing; the first line must be 'Title: ...', then the other header lines"


def _first_placeholder(lines):
    """The number of the first line with TBC in it, outside comments and staff-only blocks."""
    in_block = in_comment = False
    for number, line in enumerate(lines, start=1):
        if not in_block and BLOCK_START.match(line):
            in_block = True
        elif in_block:
            in_block = not BLOCK_END.match(line)
        else:
            visible, in_comment = _outside_comments(line, in_comment)
            if _PLACEHOLDER.search(visible):
                return number
    return None


def _outside_comments(line, in_comment):
    """The part of a line outside HTML comments, and whether a comment is still open."""
    visible, rest = "", line
    while rest:
        if in_comment:
            end = rest.find("-->")
            if end < 0:
                break
            rest, in_comment = rest[end + 3 :], False
        else:
            start = rest.find("<!--")
            if start < 0:
                visible += rest
                break
            visible, rest, in_comment = visible + rest[:start], rest[start + 4 :], True
    return visible, in_comment


def _has_text(body):
    public, _hidden, _unclosed = split_staff_only(body)
    return bool(remove_html_comments("\n".join(public)).strip())


def _date_problems(path, key, line, value):
    label = _label(key)
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
    hint = "e.g. 2026-09-01 for 1 September 2026"
    day_first = _DAY_FIRST.match(value)
    if day_first:
        day, month, year = (int(part) for part in day_first.groups())
        if 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]:
            hint = f"e.g. {datetime.date(year, month, day).isoformat()}"
    return [
        Problem(
            path,
            f'line {line}: {label}: "{value}" is not a date in the form YYYY-MM-DD; '
            f"write it as year-month-day, {hint}",
        )
    ]


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


def _label(field):
    """The field as staff write it in the Markdown header."""
    return "_".join(part.capitalize() for part in field.split("_"))


# --- After Pelican has read everything, before anything is written -----------------


def content_problems(generators, settings):
    """Problems in the content objects: unsafe markup, unnamed tags, colliding outputs."""
    problems = []
    allowed = settings["ALLOWED_EMBEDS"]
    for content in _contents(generators):
        problems += unsafe_markup_problems(content, allowed)
        problems += _unnamed_groups(content)
    outputs = planned_outputs(generators, settings)
    problems += collision_problems(outputs)
    return problems


def _unnamed_groups(content):
    """A tag, category or author with no letters or digits gets no page of its own."""
    groups = [("Tags", tag) for tag in getattr(content, "tags", None) or []]
    groups += [("Author", author) for author in getattr(content, "authors", None) or []]
    category = getattr(content, "category", None)
    groups += [("Category", category)] if category is not None else []
    return [
        Problem(
            content.source_path,
            f'{field}: "{item}" has no letters or digits to make a web address from; use a word',
        )
        for field, item in groups
        if not item.slug
    ]


def _contents(generators):
    """Every content object once (articles, pages, policies, hidden ones, translations)."""
    seen = set()
    for generator in generators:
        for name in ("articles", "translations", "hidden_articles", "hidden_translations",
                     "pages", "hidden_pages", "draft_pages", "drafts",
                     "drafts_translations", "draft_translations"):  # fmt: skip
            for content in getattr(generator, name, []):
                if id(content) not in seen:
                    seen.add(id(content))
                    yield content


def output_sources(generators):
    """Each content object's output file (output-relative) and the source it came from."""
    sources = {}
    for content in _contents(generators):
        save_as = _normal(content.save_as)
        if save_as:
            sources[save_as] = content.source_path
    return sources


# Unsafe markup -------------------------------------------------------------------

_FRAMES = ("iframe", "frame", "frameset", "object", "embed", "applet")
_URL_ATTRIBUTES = {
    "href", "src", "action", "formaction", "xlink:href", "data", "poster",
    "background", "cite", "longdesc", "srcset", "lowsrc", "dynsrc", "ping",
}  # fmt: skip
_SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:text/html")
_CONTROL_AND_SPACE = re.compile(r"[\x00-\x20]+")


class _MarkupScanner(HTMLParser):
    """Finds elements and attributes that would run or embed something."""

    def __init__(self, allowed_embeds):
        super().__init__(convert_charrefs=True)
        self.allowed_embeds = allowed_embeds
        self.found = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script":
            self.found.append(
                "<script> is not allowed: the public site runs no scripts; remove it "
                "(to show it as an example, put it in a code block between ``` lines)"
            )
        elif tag in _FRAMES and not self._allowed_embed(tag, attributes):
            where = attributes.get("src") or attributes.get("data") or ""
            where = f" of {where[:80]}" if where else ""
            self.found.append(
                f"<{tag}>{where} is not allowed: the site does not embed other pages; "
                "remove it and link to the page instead (or ask for the address to be "
                "added to ALLOWED_EMBEDS in pelicanconf.py)"
            )
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(
                    f"the {name}= attribute on <{tag}> runs a script and is not allowed; remove it"
                )
            elif name in _URL_ATTRIBUTES and value:
                address = _CONTROL_AND_SPACE.sub("", value).lower()
                scheme = next((s for s in _SCRIPT_SCHEMES if address.startswith(s)), None)
                if scheme:
                    self.found.append(
                        f"a {scheme} address in <{tag} {name}=...> runs a script and is not "
                        "allowed; link to a web address (https://...) instead"
                    )

    handle_startendtag = handle_starttag

    def _allowed_embed(self, tag, attributes):
        if tag != "iframe" or "srcdoc" in attributes:
            return False
        src = urlsplit((attributes.get("src") or "").strip())
        for prefix in self.allowed_embeds:
            allowed = urlsplit(prefix)
            if (
                src.scheme == allowed.scheme == "https"
                and src.netloc.lower() == allowed.netloc.lower()
                and src.path.startswith(allowed.path or "/")
            ):
                return True
        return False


def unsafe_markup(html, allowed_embeds=()):
    """What in this HTML would run a script or embed another page (messages, no duplicates)."""
    if not html or "<" not in html:
        return []
    scanner = _MarkupScanner(allowed_embeds)
    scanner.feed(html)
    scanner.close()
    return list(dict.fromkeys(scanner.found))


def unsafe_markup_problems(content, allowed_embeds):
    """One problem per unsafe element or attribute in a content object's text or header."""
    problems = []
    for message in unsafe_markup(content._content or "", allowed_embeds):
        problems.append(Problem(content.source_path, message))
    for key, value in content.metadata.items():
        if isinstance(value, str):
            for message in unsafe_markup(value, allowed_embeds):
                problems.append(Problem(content.source_path, f"{_label(key)}: {message}"))
    return problems


# Outputs that collide ------------------------------------------------------------


class _Owner:
    """Something that will be written to a file: a content file, or a page Pelican makes."""

    def __init__(self, what, source=None, fix=None):
        self.what = what
        self.source = source
        self.fix = fix

    def key(self):
        return (self.what, self.source)


_LISTS = {
    "index": "the home page (the list of news)",
    "tags": "the list of all tags",
    "categories": "the list of all categories",
    "authors": "the list of all authors",
    "archives": "the news archive",
}


def planned_outputs(generators, settings):
    """{output file: [owners]} for everything the run will write (before it writes)."""
    outputs = defaultdict(dict)

    def add(save_as, owner):
        save_as = _normal(save_as)
        if save_as:
            outputs[save_as].setdefault(owner.key(), owner)

    def add_paginated(save_as, url, template, objects, owner):
        if not save_as:
            return
        if template not in settings.get("PAGINATED_TEMPLATES", {}):
            add(save_as, owner)
            return
        per_page = settings["PAGINATED_TEMPLATES"][template] or settings["DEFAULT_PAGINATION"]
        paginator = Paginator(save_as, url, list(objects), settings, per_page)
        for number in paginator.page_range:
            what = owner.what if number == 1 else f"page {number} of {owner.what}"
            add(paginator.page(number).save_as, _Owner(what, owner.source, owner.fix))

    for content in _contents(generators):
        add(content.save_as, _Owner(display_path(content.source_path), content.source_path))
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            _article_lists(generator, settings, add, add_paginated)
        elif isinstance(generator, StaticGenerator):
            for static in generator.staticfiles:
                add(static.save_as, _Owner(display_path(static.source_path), static.source_path))
        elif not isinstance(generator, PagesGenerator) and type(generator).__name__ == (
            "PolicyIndexGenerator"
        ):
            add(settings["POLICIES_INDEX_SAVE_AS"], _Owner("the list of all policies"))
    for source, destination in settings.get("TEMPLATE_PAGES", {}).items():
        add(destination, _Owner(f"the template page {source}"))
    for name in ("FEED_ATOM", "FEED_RSS", "FEED_ALL_ATOM", "FEED_ALL_RSS"):
        add(settings.get(name) or "", _Owner(f"the feed {name}"))
    return outputs


def _article_lists(generator, settings, add, add_paginated):
    articles = generator.articles
    for template in settings["DIRECT_TEMPLATES"]:
        save_as = settings.get(f"{template.upper()}_SAVE_AS", f"{template}.html")
        url = settings.get(f"{template.upper()}_URL", f"{template}.html")
        add_paginated(save_as, url, template, articles,
                      _Owner(_LISTS.get(template, f"the {template} page")))  # fmt: skip
    for periods in generator.period_archives.values():
        for period in periods:
            when = " ".join(str(part) for part in period["period"])
            add(period["save_as"], _Owner(f"the news archive for {when}"))
    groups = (
        ("tag", "the tag", list(generator.tags.items())),
        ("category", "the category", list(generator.categories)),
        ("author", "the author", list(generator.authors)),
    )
    for template, label, items in groups:
        for item, tagged in items:
            source = tagged[0].source_path if tagged else None
            fix = f"rename {label} in {display_path(source)}" if source else None
            owner = _Owner(f'the page for {label} "{item}"', source, fix)
            add_paginated(item.save_as, item.url, template, tagged, owner)


def collision_problems(outputs):
    """One problem for each output file that more than one thing would write."""
    problems = []
    for save_as, owners in sorted(outputs.items()):
        owners = sorted(owners.values(), key=_blame_order)
        if len(owners) < 2:
            continue
        blamed, others = owners[0], owners[1:]
        also = " and ".join(other.what for other in others)
        if _is_file(blamed):
            if all(_is_file(other) for other in others):
                fix = "give one of them a different Slug (or Title)"
            else:
                fix = "give it a different Slug (or Title)"
            message = f"would be written to {save_as}, the same file as {also}; {fix}"
        elif blamed.source:
            message = (
                f"{blamed.what} would be written to {save_as}, the same file as {also}; "
                f"{blamed.fix}"
            )
        else:
            message = (
                f"{blamed.what} and {also} would all be written to {save_as}; "
                "change the *_SAVE_AS settings"
            )
        problems.append(Problem(blamed.source or "pelicanconf.py", message))
    return problems


def _is_file(owner):
    """True for a content or static file (not a page Pelican makes, like a tag's page)."""
    return bool(owner.source) and owner.what == display_path(owner.source)


def _blame_order(owner):
    """Blame a file before a page Pelican makes, and the newest file first."""
    try:
        modified = -os.path.getmtime(owner.source) if owner.source else 0
    except OSError:
        modified = 0
    return (not _is_file(owner), not owner.source, modified, owner.what)


def _normal(save_as):
    if not save_as:
        return ""
    return posixpath.normpath(str(save_as).replace(os.sep, "/")).lstrip("/")
