"""sitemap.xml with honest dates: each page's `lastmod` is the last commit that changed
its source; a list (home, news, tags) takes the newest of the items it lists.

Written by a generator that runs after every generator that writes pages, and before
`finalized`, so the guard checks it like any other file.
"""

import os
from xml.sax.saxutils import escape

_HEADER = (
    '<?xml version="1.0" encoding="utf-8"?>\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
)


class SitemapQueue:
    """The pages written in this run: (URL path, the content objects whose dates count)."""

    def __init__(self, output_path=""):
        self.output_path = output_path
        self.pages = []

    def page_written(self, path, context):
        """`content_written`: remember a published page and what it shows."""
        content = context.get("article") or context.get("page")
        if content is not None:
            if getattr(content, "status", "published") != "published":
                return
            self.pages.append((content.url, [content]))
            return
        listed = context.get("sitemap_sources")  # a plugin's page names what it lists
        if listed is None and context.get("articles_page") is not None:
            listed = context["articles_page"].object_list  # this page of a paginated list
        if listed is None:
            listed = context.get("dates") or context.get("articles") or []
        url = os.path.relpath(path, self.output_path).replace(os.sep, "/")
        url = url[: -len("index.html")] if url.endswith("index.html") else url
        self.pages.append((url, list(listed)))


def sitemap_xml(siteurl, pages, last_updated):
    """The sitemap for `pages`; `last_updated(content)` is a date or None."""
    lines = [_HEADER]
    for url, listed in sorted(pages, key=lambda page: page[0]):
        dates = [d for d in map(last_updated, listed) if d is not None]
        lastmod = f"<lastmod>{max(dates).isoformat()}</lastmod>" if dates else ""
        lines.append(f"<url><loc>{escape(f'{siteurl}/{url}')}</loc>{lastmod}</url>\n")
    lines.append("</urlset>\n")
    return "".join(lines)
