"""The history plugin's part in each run: read git once, date every page, list the
versions of versioned documents, and write the sitemap."""

import os

from pelican.generators import Generator

from sitebase import run as site_run
from sitebase.problems import display_path, report
from sitebase.settings import apply_defaults

from .gitlog import History, read_history
from .settings import DEFAULTS
from .sitemap import SitemapQueue, sitemap_xml
from .versions import Version, read_versions


class HistoryRun:
    """What git said at the start of this run: reset every run (autoreload runs many)."""

    def __init__(self):
        self.reset()

    def reset(self, history=None, versions=None, output_path=""):
        self.history = history or History(problem="not read yet")
        self.versions = versions or {}
        self.sitemap = SitemapQueue(output_path)


RUN = HistoryRun()


def configure(pelican):
    """`initialized`: the defaults."""
    apply_defaults(pelican.settings, DEFAULTS)


def start_run(pelican):
    """`get_generators`: read the history once; add the sitemap writer if one is wanted."""
    settings = pelican.settings
    zone = settings.get("TIMEZONE") or "UTC"
    history = read_history(settings["PATH"], zone)
    versions = {}
    for folder in settings["HISTORY_VERSIONED_DIRS"]:
        folder = os.path.join(settings["PATH"], folder.strip("/"))
        if os.path.isdir(folder):
            versions.update(read_versions(folder, history, zone))
    RUN.reset(history, versions, pelican.output_path)
    if history.shallow:
        report([
            f"{display_path(settings['PATH'])}: warning: this is a shallow clone, so dates "
            "from git may be too recent; run `git fetch --unshallow` for the full history"
        ])  # fmt: skip
    if not settings["SITEMAP_SAVE_AS"]:
        return None
    return SitemapGenerator


def date_content(content):
    """`content_object_init`: when the source last changed, and its versions."""
    history = RUN.history
    if history.problem:
        return
    path = content.source_path
    content.uncommitted = history.is_uncommitted(path)
    commit = history.last_changed(path)
    content.last_updated = None if content.uncommitted or not commit else commit.when.date()
    versions = RUN.versions.get(os.path.realpath(path))
    if versions is not None or _in_versioned_dir(path, content.settings):
        content.versions = _with_uncommitted(list(versions or []), content)
        dated = [version.date for version in content.versions]
        content.last_updated = dated[0] if dated else None


def _with_uncommitted(versions, content):
    """A new Version not yet committed shows as such at the top of the list."""
    number = str(content.metadata.get("version", "")).strip()
    if number and (not versions or versions[0].number != number):
        note = _change_note(content.source_path, content.settings) or "Not yet described."
        versions.insert(0, Version(number, None, note))
    return versions


def _change_note(path, settings):
    header = site_run.of(settings).sources.header(path)  # each header is read once a run
    return header.value("change_note") if header else ""


def _in_versioned_dir(path, settings):
    real = os.path.realpath(path)
    for folder in settings["HISTORY_VERSIONED_DIRS"]:
        folder = os.path.realpath(os.path.join(settings["PATH"], folder.strip("/")))
        if real.startswith(folder + os.sep):
            return True
    return False


def last_updated(content):
    """The date a page last changed in git, or None (uncommitted, or no history)."""
    return getattr(content, "last_updated", None)


def page_written(path, context):
    """`content_written`: the sitemap remembers each page."""
    RUN.sitemap.page_written(path, context)


class SitemapGenerator(Generator):
    """Writes SITEMAP_SAVE_AS after every page is written and before `finalized`, so the
    guard checks it like any other file (it runs after the generators of earlier plugins)."""

    def generate_output(self, writer):
        path = os.path.join(self.output_path, self.settings["SITEMAP_SAVE_AS"])
        text = sitemap_xml(self.settings["SITEURL"], RUN.sitemap.pages, last_updated)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
