"""Links: `{policy}slug` for staff, and the check that every page links every policy."""

import difflib
import functools
import posixpath
import re
from urllib.parse import unquote, urlsplit

from selectolax.lexbor import LexborHTMLParser

from guard.findings import Finding
from sitebase.nearest import HOW_TO_LINK
from sitebase.problems import Problem, display_path

POLICY_LINK = re.compile(
    r"""(?P<quote>["'])\{policy\}(?P<slug>[^"'#?]*)(?P<rest>[^"']*)(?P=quote)"""
)
# The attribute each element loads or links through, as a browser reads it; <img> and
# <source> may also carry a srcset (one selector each, so that each is matched once).
_LINKED_BY = {
    "a": "href", "area": "href", "link": "href", "iframe": "src", "script": "src",
    "img": "src", "source": "src",
}  # fmt: skip
_LINKING = "a[href], area[href], link[href], iframe[src], script[src], img, source"
_EXTERNAL_SCHEMES = ("mailto:", "tel:", "data:", "sms:")


def resolve_policy_links(html, source_path, policies_by_slug, unreadable=(), drafts=(),
                         followers=None):  # fmt: skip
    """Turn `{policy}slug` into `{filename}` links Pelican resolves; problems for unknown slugs.

    A link to a policy in `unreadable` (its file has a problem of its own) is no problem
    of its own: it is counted in `followers` (slug -> links), so the cause is told once.
    A link to one of `drafts` says the policy is not adopted yet."""
    problems = []

    def replace(match):
        slug = match["slug"].strip("/")
        policy = policies_by_slug.get(slug)
        if policy is not None:
            q = match["quote"]
            return f"{q}{{filename}}/{policy.relative_source}{match['rest']}{q}"
        if slug in unreadable:
            if followers is not None:
                followers[slug] += 1
        elif slug in drafts:
            problems.append(
                Problem(
                    source_path,
                    f"{{policy}}{slug}: that policy is still a draft (Status: draft), so it is "
                    "not published; remove the link until the trustees adopt it",
                )
            )
        else:
            problems.append(Problem(source_path, _unknown_slug(slug, policies_by_slug)))
        return match[0]

    return POLICY_LINK.sub(replace, html), problems


def _unknown_slug(slug, policies_by_slug):
    known = sorted(policies_by_slug)
    meant = difflib.get_close_matches(slug, known, n=1, cutoff=0.6)
    hint = f"did you mean {{policy}}{meant[0]}? " if meant else ""
    return (
        f"{{policy}}{slug}: there is no policy with that slug; {hint}"
        f"(known: {', '.join(known) or 'none'})"
    )


def link_targets(html):
    """Every href/src (and srcset entry) of the elements that load or link something in
    `html` (text, or UTF-8 bytes), parsed as a browser parses the page: comments and
    text are not links, entities are decoded, unquoted values count."""
    for element in LexborHTMLParser(html).css(_LINKING):
        attributes = element.attributes
        url = attributes.get(_LINKED_BY[element.tag])
        if url:
            yield url
        for candidate in (attributes.get("srcset") or "").split(","):
            if candidate.strip():
                yield candidate.split()[0]


def resolve(url, page_path, siteurl):
    """The output file a URL on `page_path` points to, or None if it leaves the site."""
    return _resolve_in(url, posixpath.dirname(page_path), siteurl)


def _resolve_in(url, page_dir, siteurl):
    """`resolve` for a page in the folder `page_dir`."""
    path = _site_path(url, siteurl)
    if path is None:
        return None
    quick = _climbs_to_root(path, page_dir)
    return quick if quick is not None else _join_and_normalise(path, page_dir)


def _join_and_normalise(path, page_dir):
    """The general case: any site path, resolved from the folder `page_dir`."""
    target = path.lstrip("/") if path.startswith("/") else posixpath.join(page_dir, path)
    target = posixpath.normpath(target)
    if target in (".", ""):
        return "index.html"
    if path.endswith("/"):
        target += "/index.html"
    return target


@functools.lru_cache(maxsize=4096)
def _site_path(url, siteurl):
    """The decoded path of a URL that stays on the site, else None (cached, by URL)."""
    url = url.strip()
    if not url or url.startswith("#") or url.lower().startswith(_EXTERNAL_SCHEMES):
        return None
    if siteurl and url.startswith(siteurl):
        url = "/" + url[len(siteurl) :].lstrip("/")
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None
    return unquote(parts.path) or None


def _climbs_to_root(path, page_dir):
    """The target of the commonest relative link, "../" once per folder then a plain
    path, without the general (slower) join and normalise; None for any other link."""
    depth = page_dir.count("/") + 1 if page_dir else 0
    prefix = "../" * depth
    if not path.startswith(prefix):
        return None
    rest = path[len(prefix) :]
    if rest.startswith("/") or "/." in "/" + rest or "//" in rest:
        return None  # a dot segment, or a doubled slash: leave it to normpath
    if not rest or rest.endswith("/"):
        return rest + "index.html"
    return rest


def check_page_links(page_path, html, existing, required, siteurl, shown_as, source=None,
                     targets=None):  # fmt: skip
    """Findings for one HTML page (text or UTF-8 bytes): broken internal links, and
    required policies it misses.

    `page_path` and `existing` are output-relative POSIX paths; `required` maps each
    required policy's slug to its output file; `shown_as` is the page as people see it;
    `source`, when known, is the content file the page is made from; `targets`
    (`nearest.LinkTargets`) suggests the nearest existing file for a broken link.
    """
    findings = []
    made_from = f" (on the page made from {display_path(source)})" if source else ""
    reached = set()
    page_dir = posixpath.dirname(page_path)
    for url in dict.fromkeys(link_targets(html)):
        target = _resolve_in(url, page_dir, siteurl)
        if target is None:
            continue
        if target not in existing and posixpath.join(target, "index.html") not in existing:
            meant = targets.nearest(url, target) if targets else None
            hint = f"did you mean {meant}? " if meant else ""
            findings.append(
                Finding(shown_as, f"broken link to {url!r}{made_from}", advice=hint + HOW_TO_LINK)
            )
        reached.add(target)
    for slug, policy_file in required.items():
        if policy_file not in reached:
            findings.append(
                Finding(
                    shown_as,
                    f"no link to the required policy {slug!r}",
                    advice="the theme must link every policy from every page",
                )
            )
    return findings
