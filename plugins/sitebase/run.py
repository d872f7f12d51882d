"""One Pelican run, as the site's plugins share it: the source files (the content folder
walked once, each text and header read once) and what the guard watches in them.

The guard makes it at `get_generators` (it is first in PLUGINS) and puts it in the
run's settings under RUN_KEY; every other plugin takes it from there with `of(settings)`.
Nothing here is module state: a second run (autoreload, or a test running Pelican twice
in one process) gets a new one.
"""

import os
from dataclasses import dataclass, field

from .header import read_header
from .sources import files_under, is_in, private_dirs, read_text, source_format, source_formats

RUN_KEY = "SITE_RUN"


@dataclass(frozen=True)
class SourceFile:
    """One file under the content folder: its path as walked, and how Pelican reads it
    (`fmt`: a format of sitebase.sources, or None when no reader reads it: a static
    file). Files in the private folder have `private` set and are never read as content."""

    path: str
    fmt: str | None
    private: bool


class Sources:
    """Every file under the content folder, walked once in a stable order; a file's text
    and header are read from disk the first time someone asks for them."""

    def __init__(self, settings):
        self.root = settings["PATH"]
        self.private_dirs = private_dirs(settings)
        formats = source_formats(settings)
        self.files = []
        for path in files_under(self.root):
            private = is_in(path, self.private_dirs)
            fmt = None if private else source_format(path, formats)
            self.files.append(SourceFile(path, fmt, private))
        self._texts = {}
        self._headers = {}

    def public(self):
        """The files outside the private folder, in walk order."""
        return [f for f in self.files if not f.private]

    def private_files(self):
        """The paths in each private folder, folder by folder, in walk order (a private
        folder that is a link to another place is walked there)."""
        paths = []
        for folder in self.private_dirs:
            if os.path.islink(folder):
                paths += files_under(folder)
            else:
                paths += [f.path for f in self.files if is_in(f.path, [folder])]
        return paths

    def text(self, path):
        """(text, None), or (None, Problem) when the file is not UTF-8 (read once)."""
        key = os.path.abspath(path)
        if key not in self._texts:
            self._texts[key] = read_text(path)
        return self._texts[key]

    def header(self, path):
        """The metadata header of a Markdown file (read once), or None when the file
        cannot be read or is not UTF-8."""
        key = os.path.abspath(path)
        if key not in self._headers:
            try:
                text, problem = self.text(path)
            except OSError:
                text, problem = None, True
            self._headers[key] = None if problem else read_header(text.splitlines())
        return self._headers[key]


@dataclass
class SiteRun:
    """What one run knows that more than one plugin needs."""

    sources: Sources
    watched: list = field(default_factory=list)  # the guard's watched entities
    private_files: list = field(default_factory=list)  # the guard's PrivateFile records
    # Output file (output-relative) -> the source it is made from, once Pelican has read
    # the sources: a message about an output file names the file to fix.
    output_sources: dict = field(default_factory=dict)

    def __reduce__(self):
        """Pelican's content cache pickles settings with a page: the run is never saved
        (it holds watched values); a page read from the cache sees no run."""
        return (type(None), ())

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self


def start(settings):
    """A new run for these settings, put where the plugins find it."""
    run = SiteRun(Sources(settings))
    settings[RUN_KEY] = run
    return run


def of(settings):
    """This run's SiteRun; the guard makes it, so it must come first in PLUGINS."""
    run = settings.get(RUN_KEY)
    if run is None:
        raise RuntimeError("no site run: put the guard first in PLUGINS")
    return run
