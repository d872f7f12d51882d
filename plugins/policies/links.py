"""Links: `{policy}slug` for staff, and the check that every page links every policy."""

import posixpath
import re
from urllib.parse import unquote, urlsplit

from .findings import Finding
from .problems import Problem

POLICY_LINK = re.compile(
    r"""(?P<quote>["'])\{policy\}(?P<slug>[^"'#?]*)(?P<rest>[^"']*)(?P=quote)"""
)
_URL_ATTRIBUTE = re.compile(
    r"""<(?:a|link|img|script|source|iframe|area)\b[^>]*?\s(?:href|src)\s*=\s*(?P<quote>["'])(?P<url>.*?)(?P=quote)""",
    re.IGNORECASE | re.DOTALL,
)
_SRCSET = re.compile(r"""\ssrcset\s*=\s*(["'])(?P<set>.*?)\1""", re.IGNORECASE | re.DOTALL)
_EXTERNAL_SCHEMES = ("mailto:", "tel:", "data:", "sms:")


def resolve_policy_links(html, source_path, policies_by_slug):
    """Turn `{policy}slug` into `{filename}` links Pelican resolves; problems for unknown slugs."""
    problems = []

    def replace(match):
        slug = match["slug"].strip("/")
        policy = policies_by_slug.get(slug)
        if policy is None:
            known = ", ".join(sorted(policies_by_slug)) or "none"
            problems.append(
                Problem(
                    source_path,
                    f"{{policy}}{slug}: there is no policy with that slug (known: {known})",
                )
            )
            return match[0]
        q = match["quote"]
        return f"{q}{{filename}}/{policy.relative_source}{match['rest']}{q}"

    return POLICY_LINK.sub(replace, html), problems


def link_targets(html):
    """Every href/src (and srcset entry) of the elements that load or link something."""
    for match in _URL_ATTRIBUTE.finditer(html):
        yield match["url"]
    for match in _SRCSET.finditer(html):
        for candidate in match["set"].split(","):
            if candidate.strip():
                yield candidate.split()[0]


def resolve(url, page_path, siteurl):
    """The output file a URL on `page_path` points to, or None if it leaves the site."""
    url = url.strip()
    if not url or url.startswith("#") or url.lower().startswith(_EXTERNAL_SCHEMES):
        return None
    if siteurl and url.startswith(siteurl):
        url = "/" + url[len(siteurl) :].lstrip("/")
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path)
    if not path:
        return None
    if path.startswith("/"):
        target = path.lstrip("/")
    else:
        target = posixpath.join(posixpath.dirname(page_path), path)
    target = posixpath.normpath(target)
    if target in (".", ""):
        return "index.html"
    if path.endswith("/"):
        target += "/index.html"
    return target


def check_page_links(page_path, html, existing, required, siteurl, shown_as):
    """Findings for one HTML page: broken internal links, and required policies it misses.

    `page_path` and `existing` are output-relative POSIX paths; `required` maps each
    required policy's slug to its output file; `shown_as` is the page as people see it.
    """
    findings = []
    reached = set()
    for url in link_targets(html):
        target = resolve(url, page_path, siteurl)
        if target is None:
            continue
        if target not in existing and posixpath.join(target, "index.html") not in existing:
            findings.append(
                Finding(
                    shown_as,
                    f"broken link to {url!r}",
                    advice="link to a file that exists (check the {filename}/{static} path)",
                )
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
