"""A written page's photos made responsive: each <img> of a photo becomes a <picture>
with a WebP <source>, a JPEG (or PNG) srcset, sizes, width and height (no layout
shift), decoding="async" and, below the first photo, loading="lazy".

Only the <img> tags change; the rest of the page is left byte for byte as written.
"""

import html
import posixpath
import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from selectolax.lexbor import LexborHTMLParser

_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_TYPES = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}
# The copy the src names, for browsers without srcset: a phone-sized one.
FALLBACK_WIDTH = 960


@dataclass
class Published:
    """A photo as published: its address (output-relative) and its copies."""

    address: str
    copies: list

    def copy_path(self, copy):
        """Output-relative path of one copy: photos/ beside the address."""
        folder, name = posixpath.split(self.address)
        stem = name.rsplit(".", 1)[0]
        return posixpath.join(folder, "photos", f"{stem}-{copy.width}.{copy.kind}")

    def kinds(self):
        return sorted({c.kind for c in self.copies}, key=lambda kind: kind == "webp")


def output_target(src, page, siteurl):
    """The output-relative file an <img src> on `page` (output-relative) loads, or None
    for another site's address."""
    if siteurl and src.startswith(siteurl.rstrip("/") + "/"):
        src = src[len(siteurl.rstrip("/")) + 1 :]
    parts = urlsplit(src)
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path)
    if path.startswith("/"):
        return posixpath.normpath(path.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), path))


def responsive_page(text, page, find, siteurl, sizes):
    """The page with every photo's <img> made responsive; `find(target)` gives the
    `Published` photo an output path is, or None. Returns (text, photos changed)."""
    changed = 0

    def replace(match):
        nonlocal changed
        tag = LexborHTMLParser(match.group(0)).css_first("img")
        attributes = {k: v or "" for k, v in tag.attributes.items()} if tag else {}
        src = attributes.get("src")
        photo = find(output_target(src, page, siteurl)) if src else None
        if photo is None or attributes.get("srcset"):
            return match.group(0)
        changed += 1
        return picture(attributes, src, photo, sizes, lazy=changed > 1)

    return _IMG.sub(replace, text), changed


def picture(attributes, src, photo, sizes, lazy):
    """<picture>: a <source> per modern format, then the <img> with the fallback."""
    base = src.rsplit("/", 1)[0] + "/" if "/" in src else ""
    address_folder = posixpath.dirname(photo.address)

    def url(copy):
        return base + posixpath.relpath(photo.copy_path(copy), address_folder or ".")

    def srcset(kind):
        return ", ".join(f"{url(c)} {c.width}w" for c in photo.copies if c.kind == kind)

    fallback_kind, *modern = photo.kinds()
    fallbacks = [c for c in photo.copies if c.kind == fallback_kind]
    target = min(FALLBACK_WIDTH, fallbacks[-1].width)
    shown = next(c for c in fallbacks if c.width >= target)
    attributes = dict(attributes)
    attributes.update(
        src=url(shown),
        srcset=srcset(fallback_kind),
        sizes=sizes,
        width=str(shown.width),
        height=str(shown.height),
        decoding="async",
    )
    if lazy:
        attributes["loading"] = "lazy"
    else:
        attributes.pop("loading", None)
    sources = "".join(
        f'<source type="{_TYPES[kind]}" srcset="{_escape(srcset(kind))}" sizes="{_escape(sizes)}">'
        for kind in modern
    )
    img = "<img " + " ".join(f'{name}="{_escape(value)}"' for name, value in attributes.items())
    return f"<picture>{sources}{img}></picture>"


def _escape(value):
    return html.escape(str(value), quote=True)
