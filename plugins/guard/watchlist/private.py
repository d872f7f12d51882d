"""content/private: what must never leave it.

The folder is found whatever the case of its name (`Private/` on a Windows or Mac
disk). Each file is remembered by its content hash and its name, so no published
file can be a copy of it (a consent-form photo, a safeguarding-log PDF) or be named
after it. Text files are decoded with a charset detector, because Notepad saves
UTF-16 and Excel saves Windows-1252; a file that is neither readable text nor a
known binary type is a problem, never skipped. Links into the folder are problems too.
"""

import contextlib
import hashlib
import mimetypes
import os
import re
from dataclasses import dataclass
from urllib.parse import unquote

from charset_normalizer import from_bytes

from sitebase.problems import Problem

from ..findings import Finding
from ..matching.normalise import normalise_value
from ..views.images import clean_bytes

# What Windows and Mac tools save text as; detection chooses among these only, so a
# short Excel CSV is not taken for Urdu or Cyrillic.
TEXT_ENCODINGS = ("ascii", "utf_8", "utf_16", "utf_16_le", "utf_16_be", "utf_32", "cp1252")
_BINARY_MAJOR_TYPES = ("image/", "audio/", "video/", "font/")
_BINARY_APPLICATION_TYPES = ("application/pdf", "application/zip", "application/msword")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_BOMS = "\ufeff\ufffe"

# Link targets in Markdown and HTML sources: [text](target), [label]: target, href=/src=.
_LINK_TARGET = re.compile(
    r"\]\(\s*<?(?P<inline>[^)\s>]+)"
    r"|^ {0,3}\[[^\]]+\]:\s*<?(?P<reference>[^\s>]+)"
    r"|\b(?:href|src|srcset|poster|data)\s*=\s*[\"']?(?P<attribute>[^\"'\s>]+)",
    re.MULTILINE | re.IGNORECASE,
)
_PELICAN_PREFIX = re.compile(r"^(?:\{(?:static|attach|filename)\}|\|(?:static|attach|filename)\|)")
_SCHEME = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//|#)", re.IGNORECASE)


@dataclass(frozen=True)
class PrivateFile:
    """One file in the private folder: its text (None for a binary file), the hashes a
    published copy of it could have, and its name in the form names are compared in."""

    path: str
    text: str | None
    digests: frozenset
    name_key: str


def read_private_files(paths):
    """(PrivateFile for every readable file, problems) for the private folder's files."""
    files, problems = [], []
    for path in paths:
        try:
            with open(path, "rb") as handle:
                data = handle.read()
        except OSError as error:
            problems.append(Problem(path, f"cannot be read ({error.strerror}); check it"))
            continue
        private_file, problem = private_file_from(path, data)
        files += [private_file] if private_file else []
        problems += [problem] if problem else []
    return files, problems


def private_file_from(path, data):
    """(PrivateFile, None), or (None, Problem) for a file that is neither text nor a
    known binary type: a check that cannot run has failed."""
    text = None
    if not is_known_binary(path):
        text = decode_text(data)
        if text is None:
            return None, Problem(
                path,
                "cannot be read as text and is not a known kind of file (photo, PDF, "
                "Office document); save it again as text (UTF-8) or as a PDF",
            )
    stem = os.path.basename(path).split(".")[0]
    return PrivateFile(path, text, file_digests(data), normalise_value(stem)), None


def is_known_binary(path):
    """A photo, sound, video, PDF, archive or Office file, by its name's extension."""
    kind = mimetypes.guess_type(path)[0] or ""
    if kind.endswith("+xml"):  # SVG and the like are text
        return False
    return kind.startswith(_BINARY_MAJOR_TYPES + _BINARY_APPLICATION_TYPES + ("application/vnd.",))


def decode_text(data):
    """The text in `data` whatever a Windows tool saved it as (BOM, UTF-16, cp1252, CRLF
    all handled), or None when it is not text."""
    if not data:
        return ""
    best = from_bytes(data, cp_isolation=list(TEXT_ENCODINGS)).best()
    if best is None:
        return None
    try:
        text = data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        return None
    text = text.lstrip(_BOMS)
    if _CONTROL.search(text):
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def file_digests(data):
    """The SHA-256 of the bytes, and of the bytes as the build publishes an image
    (metadata stripped), so `make check` after a build recognises the copy too."""
    digests = {hashlib.sha256(data).hexdigest()}
    with contextlib.suppress(Exception):  # not an image Pillow reads: the plain hash is enough
        digests.add(hashlib.sha256(clean_bytes(data)).hexdigest())
    return frozenset(digests)


class PrivateCopies:
    """Finds published files that are copies of, or named after, a private file."""

    def __init__(self, private_files, min_length=3):
        self._by_digest, self._by_name = {}, {}
        for item in private_files:
            if item.text == "":
                continue  # an empty file: every empty output file would be its "copy"
            for digest in item.digests:
                self._by_digest.setdefault(digest, item.path)
            if len(item.name_key.strip()) >= min_length:
                self._by_name.setdefault(item.name_key, item.path)

    def findings(self, path, data, name):
        """Findings for one published file, given its bytes and its name in the site."""
        digest = hashlib.sha256(data).hexdigest()
        if digest in self._by_digest:
            yield Finding(
                path, "a copy of a file in content/private", self._by_digest[digest],
                digest[:8], "remove it: files in content/private are never published",
            )  # fmt: skip
        for segment in name.split("/"):
            key = normalise_value(segment.split(".")[0])
            if key in self._by_name:
                yield Finding(
                    path, "named after a file in content/private", self._by_name[key],
                    digest[:8], "rename it, or remove it if it is the private file",
                )  # fmt: skip


def private_link_problems(path, text, settings):
    """One problem per link in a source to a file in the private folder
    ({static}, {attach}, {filename} or a relative path). The target is not printed."""
    content = os.path.abspath(settings["PATH"])
    source_dir = os.path.dirname(os.path.abspath(path))
    problems = []
    for match in _LINK_TARGET.finditer(text):
        target = match["inline"] or match["reference"] or match["attribute"]
        if _links_into(target, content, source_dir, settings["PRIVATE_DIR"]):
            line = text.count("\n", 0, match.start()) + 1
            problems.append(
                Problem(
                    path,
                    f"line {line}: links to a file in {settings['PRIVATE_DIR'].strip('/')}/, "
                    "which is never published; remove the link",
                )
            )
    return problems


def _links_into(target, content, source_dir, private_dir):
    """Whether a link target resolves into the private folder (any case of its name)."""
    target = _PELICAN_PREFIX.sub("", target.strip())
    if _SCHEME.match(target):
        return False
    target = unquote(re.split(r"[?#]", target, maxsplit=1)[0])
    if not target:
        return False
    base = content if target.startswith("/") else source_dir
    resolved = os.path.normpath(os.path.join(base, target.lstrip("/")))
    parts = os.path.relpath(resolved, content).casefold().split(os.sep)
    wanted = private_dir.strip("/").casefold().split("/")
    return parts[: len(wanted)] == wanted
