"""Every image in a page is described: its alt text says what it shows. An empty alt,
or one that is only a file or camera name (IMG_2045, photo.jpg, PXL_2026...), tells a
parent using a screen reader nothing; it stops the build. A purely decorative image is
marked so on purpose: alt="" and the class PHOTO_DECORATIVE_CLASS (`{: .decorative}`)."""

import os
import re

from selectolax.lexbor import LexborHTMLParser

from sitebase.problems import Problem

_IMAGE_FILE = re.compile(r"\.(jpe?g|png|gif|webp|heic|heif|avif|tiff?|bmp|svg)$", re.I)
# What cameras, phones and apps name their files, and words that describe nothing.
# After a camera prefix and its number: more digits and separators, and at most one
# short word ("IMG-20260101-WA0001", "PXL_20260315_101010123.MP", "IMG_2045 (2)").
_TAIL = r"[\d\s_.:()~-]*(?:[a-z]{1,8}[\d\s_.:()~-]*)?"
_CAMERA_NAME = re.compile(
    r"""^(?:
        (?:img|dsc[fn]?|dscn|pxl|mvimg|vid|gopr|dji|sam|wp|p|dcim|pict?|image|photo|pic
           |screenshot|screen[\s_-]?shot|signal|snapchat|fb|received)[\s_-]*\d{TAIL}
      | whatsapp[\s_-]image\b.*
      | (?:img|image|photo|picture|pic|photograph|untitled|screenshot|jpeg|jpg|png|heic)
        (?:[\s_-]*\(?\d*\)?)?
      | [\d\s_.:-]+
    )$""".replace("{TAIL}", _TAIL),
    re.I | re.X,
)


def undescribed(alt):
    """Why an alt text describes nothing ("no description", "a file or camera name"),
    or None when it describes the image."""
    text = (alt or "").strip()
    if not text:
        return "has no description"
    if _IMAGE_FILE.search(text) or _CAMERA_NAME.match(text):
        return "is described only by a file or camera name"
    return None


_ADVICE = (
    "write what it shows for a parent who cannot see it, e.g. "
    "![Children planting bulbs in the garden](...), or mark a purely decorative image "
    "![]({static}/images/NAME){: .decorative} (see docs/EDITING.md, Add a news post with a photo)"
)


def description_problems(content, decorative_class):
    """One problem per image in a content object that is not described."""
    text = content._content or ""  # the HTML as read, before links are resolved
    if "<img" not in text.lower():
        return []
    problems = []
    for img in LexborHTMLParser(text).css("img"):
        attributes = img.attributes
        src = attributes.get("src") or ""
        name = os.path.basename(src.split("?")[0]) or "an image"
        classes = (attributes.get("class") or "").split()
        alt = (attributes.get("alt") or "") if "alt" in attributes else None
        where = _located(content.source_path, name)
        if decorative_class in classes:
            if (alt or "").strip():
                problems.append(Problem(where, f"image {name} is marked decorative but has a "
                                        "description; remove one of the two"))  # fmt: skip
            continue
        reason = undescribed(alt)
        if reason:
            problems.append(Problem(where, f"image {name} {reason}: {_ADVICE}"))
    return problems


def _located(source_path, name):
    """The source file and the first line that names the image, when one does."""
    try:
        with open(source_path, encoding="utf-8", errors="replace") as handle:
            for number, line in enumerate(handle, 1):
                if name in line:
                    return f"{source_path}:{number}"
    except OSError:
        pass
    return source_path
