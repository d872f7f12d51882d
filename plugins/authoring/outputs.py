"""What a run will write, known before it writes: every content object once, the
output file each one becomes, and the files that two things would both write."""

import os
import posixpath
from collections import defaultdict

from pelican.generators import ArticlesGenerator, StaticGenerator
from pelican.paginator import Paginator

from sitebase.problems import Problem, display_path


def every_content(generators):
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


def unnamed_group_problems(content):
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


def output_sources(generators):
    """Each content object's output file (output-relative) and the source it came from."""
    sources = {}
    for content in every_content(generators):
        save_as = _normal(content.save_as)
        if save_as:
            sources[save_as] = content.source_path
    return sources


class _Owner:
    """Something that will be written to a file: a content file, or a page Pelican makes."""

    def __init__(self, what, source=None, fix=None):
        self.what = what
        self.source = source
        self.fix = fix

    def key(self):
        return (self.what, self.source)


_LISTS = {
    "index": "the home page",
    "news": "the news page (the list of news)",
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

    for content in every_content(generators):
        add(content.save_as, _Owner(display_path(content.source_path), content.source_path))
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            _article_lists(generator, settings, add, add_paginated)
        elif isinstance(generator, StaticGenerator):
            for static in generator.staticfiles:
                add(static.save_as, _Owner(display_path(static.source_path), static.source_path))
        for save_as, what in getattr(generator, "planned_outputs", list)():
            add(save_as, _Owner(what))
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
