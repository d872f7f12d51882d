"""Near misses: the known name a misspelt one most likely meant, and, for a broken
link, the nearest file that exists, written the way staff write links
(`{filename}/pages/about.md` for a page, post or policy, `{static}/images/x.jpg` for a
photo or a PDF), so the message says what to write instead."""

import difflib
import os
import posixpath

from rapidfuzz import fuzz, process

_CONTENT_LINK = ("{filename}", "{static}", "{attach}")
_HTML_SUFFIXES = (".html", ".htm")
# rapidfuzz's WRatio (0-100): "fee" finds sessions-and-fees, "race" finds no photo.
_CUTOFF = 75
# How alike a misspelt name and a known one must be for "did you mean" (difflib ratio).
NEAR_MISS = 0.75

HOW_TO_LINK = (
    "link a page, post or policy as [words]({filename}/pages/about.md), "
    "a photo or PDF as {static}/images/photo.jpg"
)


class LinkTargets:
    """Every file a link could point to, each with the way to write a link to it."""

    def __init__(self, existing, sources, content_path):
        self._written = {}  # what a link is compared with -> how to write the link
        root = os.path.abspath(content_path) if content_path else None
        for output, source in (sources or {}).items():
            relative = _inside(source, root)
            if relative:
                self._written.setdefault(relative, "{filename}/" + relative)
                self._written.setdefault(output, "{filename}/" + relative)
        for output in existing:
            if not output.lower().endswith(_HTML_SUFFIXES):
                self._written.setdefault(output, "{static}/" + output)
        self._stems = {key: _stem(key) for key in sorted(self._written)}

    def nearest(self, url, target):
        """How to write a link to the existing file nearest to `url` (which points to
        the missing output file `target`), or None when nothing is near. File names
        are compared without folders and suffixes: "fee.md" is near "sessions-and-fees"."""
        wanted = target
        for prefix in _CONTENT_LINK:
            if url.startswith(prefix):
                wanted = url[len(prefix) :].split("#")[0]
        match = process.extractOne(
            _stem(wanted), self._stems, scorer=fuzz.WRatio, score_cutoff=_CUTOFF
        )
        return self._written[match[2]] if match else None


def _stem(path):
    """A file's name without its folders and suffix; for an index.html, its folder's."""
    parts = [part for part in path.split("/") if part]
    if len(parts) > 1 and parts[-1].lower().startswith("index."):
        parts.pop()
    return posixpath.splitext(parts[-1])[0].lower() if parts else ""


def _inside(source, root):
    if not root or not source:
        return None
    relative = os.path.relpath(os.path.abspath(source), root)
    if relative.startswith(".."):
        return None
    return relative.replace(os.sep, "/")


def near_miss(name, known, cutoff=NEAR_MISS):
    """The one of `known` that `name` is most likely a misspelling of, or None."""
    matches = difflib.get_close_matches(name.lower(), known, n=1, cutoff=cutoff)
    return matches[0] if matches else None
