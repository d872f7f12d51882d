"""Markup the public site must not carry: scripts, frames, `on*=` attributes and
`javascript:` addresses, found in what Pelican rendered (so code blocks are left alone).

The site's Content-Security-Policy would block them in the browser anyway; refusing
them at build time tells staff why, instead of leaving a silently broken page.
"""

import re
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser

from sitebase.header import field_label
from sitebase.problems import Problem

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


def _elements(node):
    """Every element below `node`, the inert content of `<template>`s included."""
    for element in node.traverse(include_text=False):
        if element.tag and not element.tag.startswith("-"):  # "-comment", "-doctype"
            yield element
    for fragment in node.template_fragments():
        yield from _elements(fragment)


def _frames_outside_a_frameset(html):
    """`<frame>`s and `<frameset>`s, which a page body drops: read in a frameset's
    context so that staff are told, instead of the frame silently going missing."""
    if "<frame" not in html.lower():
        return []
    tree = LexborHTMLParser(html, is_fragment=True, fragment_tag="frameset")
    return tree.css("frame, frameset")


def _problems_of(element, allowed_embeds):
    """What in one element would run or embed something (messages)."""
    tag, attributes = element.tag, element.attributes
    found = []
    if tag == "script":
        found.append(
            "<script> is not allowed: the public site runs no scripts; remove it "
            "(to show it as an example, put it in a code block between ``` lines)"
        )
    elif tag in _FRAMES and not _allowed_embed(tag, attributes, allowed_embeds):
        where = attributes.get("src") or attributes.get("data") or ""
        where = f" of {where[:80]}" if where else ""
        found.append(
            f"<{tag}>{where} is not allowed: the site does not embed other pages; "
            "remove it and link to the page instead (or ask for the address to be "
            "added to ALLOWED_EMBEDS in pelicanconf.py)"
        )
    for name, value in attributes.items():
        if name.startswith("on"):
            found.append(
                f"the {name}= attribute on <{tag}> runs a script and is not allowed; remove it"
            )
        elif name in _URL_ATTRIBUTES and value:
            address = _CONTROL_AND_SPACE.sub("", value).lower()
            scheme = next((s for s in _SCRIPT_SCHEMES if address.startswith(s)), None)
            if scheme:
                found.append(
                    f"a {scheme} address in <{tag} {name}=...> runs a script and is not "
                    "allowed; link to a web address (https://...) instead"
                )
    return found


def _allowed_embed(tag, attributes, allowed_embeds):
    if tag != "iframe" or "srcdoc" in attributes:
        return False
    src = urlsplit((attributes.get("src") or "").strip())
    for prefix in allowed_embeds:
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
    """What in this HTML would run a script or embed another page (messages, no duplicates),
    parsed as a browser parses it."""
    if not html or "<" not in html or not _might_be_unsafe(html):
        return []
    elements = [*_elements(LexborHTMLParser(html).root), *_frames_outside_a_frameset(html)]
    return list(dict.fromkeys(m for e in elements for m in _problems_of(e, allowed_embeds)))


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
