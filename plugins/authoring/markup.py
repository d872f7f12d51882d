"""Markup the public site must not carry: scripts, frames, `on*=` attributes and
`javascript:` addresses, found in what Pelican rendered (so code blocks are left alone).

The site's Content-Security-Policy would block them in the browser anyway; refusing
them at build time tells staff why, instead of leaving a silently broken page.
"""

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

from guard.header import field_label
from guard.problems import Problem

_FRAMES = ("iframe", "frame", "frameset", "object", "embed", "applet")
_URL_ATTRIBUTES = {
    "href", "src", "action", "formaction", "xlink:href", "data", "poster",
    "background", "cite", "longdesc", "srcset", "lowsrc", "dynsrc", "ping",
}  # fmt: skip
_SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:text/html")
_CONTROL_AND_SPACE = re.compile(r"[\x00-\x20]+")
# A cheap first look, true for every HTML the parser below would object to (and for
# a little more): most pages have none of these, and parsing every page is slow.
_MAYBE_UNSAFE_TAG = re.compile(
    r"<(?:script|i?frame|frameset|object|embed|applet)\b|[\s'\"/]on[a-z]*\s*=", re.IGNORECASE
)
_MAYBE_SCRIPT_URL = re.compile(r"script:|data:|&#|&(?:colon|tab|newline);", re.IGNORECASE)


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


def _might_be_unsafe(html):
    if _MAYBE_UNSAFE_TAG.search(html):
        return True
    # Browsers ignore spaces and control characters inside a URL's scheme.
    return bool(_MAYBE_SCRIPT_URL.search(_CONTROL_AND_SPACE.sub("", html)))


def unsafe_markup(html, allowed_embeds=()):
    """What in this HTML would run a script or embed another page (messages, no duplicates)."""
    if not html or "<" not in html or not _might_be_unsafe(html):
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
                problems.append(Problem(content.source_path, f"{field_label(key)}: {message}"))
    return problems
