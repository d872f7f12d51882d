"""What the readers made of a document, kept by content hash so an unchanged PDF, SVG or
photo is not read, cleaned and verified again on every build.

Kept under CACHE_PATH (refused inside the output, so never published). An entry holds
the extracted text (the document's own words, as private as the document itself), the
metadata kinds the file arrived with, and the cleaned bytes with their hash, checked on
every read. Nothing is kept for a file that failed, so a failure is never forgotten.
"""

import hashlib
import json
import os
import zlib
from dataclasses import dataclass

from . import PublishedView

READERS_VERSION = "3"  # change when a reader or cleaner changes what it makes of a file


@dataclass(frozen=True)
class CachedRead:
    kinds: tuple  # the metadata the file arrived with
    cleaned: bytes | None  # the file without it (None when it had none)
    view: PublishedView


class ViewCache:
    """Entries in one folder, two files each: `<hash>.json.z` and `<hash>.clean`."""

    def __init__(self, folder):
        self.folder = folder

    def _key(self, data):
        return hashlib.sha256(READERS_VERSION.encode() + b"\0" + data).hexdigest()

    def get(self, data):
        if self.folder is None:
            return None
        base = os.path.join(self.folder, self._key(data))
        try:
            with open(base + ".json.z", "rb") as handle:
                entry = json.loads(zlib.decompress(handle.read()))
            cleaned = None
            if entry["clean_sha256"]:
                with open(base + ".clean", "rb") as handle:
                    cleaned = handle.read()
                if hashlib.sha256(cleaned).hexdigest() != entry["clean_sha256"]:
                    return None  # damaged entry: read the file again
        except (OSError, ValueError, KeyError, zlib.error):
            return None
        return CachedRead(
            tuple(entry["kinds"]), cleaned, PublishedView(entry["text"], entry["is_text"])
        )

    def put(self, data, read):
        if self.folder is None:
            return
        os.makedirs(self.folder, mode=0o700, exist_ok=True)
        base = os.path.join(self.folder, self._key(data))
        entry = {
            "kinds": sorted(read.kinds),
            "clean_sha256": hashlib.sha256(read.cleaned).hexdigest() if read.cleaned else "",
            "text": read.view.text,
            "is_text": read.view.is_text,
        }
        if read.cleaned:
            _write(base + ".clean", read.cleaned)
        _write(base + ".json.z", zlib.compress(json.dumps(entry).encode("utf-8")))


def _write(path, data):
    """Whole or not at all, also with worker processes writing side by side."""
    temporary = f"{path}.{os.getpid()}.tmp"
    with open(temporary, "wb") as handle:
        handle.write(data)
    os.replace(temporary, path)
