"""The guard's settings: defaults in one place, unsafe settings refused in one line."""

import os

from sitebase.problems import Problem
from sitebase.settings import apply_defaults as fill_in
from sitebase.settings import type_problems, typo_problems
from sitebase.sources import IMAGE_SUFFIXES, private_dirs

_PUBLISHABLE = (
    ".html", ".htm", ".xml", ".atom", ".rss", ".json", ".txt", ".css", ".csv", ".ics",
    ".webmanifest", ".svg", ".pdf", *IMAGE_SUFFIXES,
)  # fmt: skip

DEFAULTS = {
    # Metadata fields whose values never reach a template, and must appear nowhere.
    "CONFIDENTIAL_FIELDS": [
        "internal_notes",
        "complaint_reference",
        "complaint_outcome",
        "staff_contact",
        "child_name",
    ],
    # A folder under PATH that is never published; its lines are watched values.
    "PRIVATE_DIR": "private",
    # E-mail addresses and phone numbers that may appear on the site.
    "PUBLIC_CONTACTS": [],
    # Values shorter than this (after normalising) are too short to scan for.
    "CONFIDENTIAL_MIN_LENGTH": 3,
    # From this much output on, the checks are split between worker processes.
    "CHECK_PARALLEL_FROM_BYTES": 4_000_000,
    # The file types the site publishes; a file of any other type stops the build.
    # Each needs a reader in guard/views/ (Word and other Office files never publish).
    "PUBLISHABLE_SUFFIXES": list(_PUBLISHABLE),
}

_TYPES = {
    "CONFIDENTIAL_FIELDS": (list, tuple),
    "PRIVATE_DIR": str,
    "PUBLIC_CONTACTS": (list, tuple),
    "CONFIDENTIAL_MIN_LENGTH": int,
    "CHECK_PARALLEL_FROM_BYTES": int,
    "PUBLISHABLE_SUFFIXES": (list, tuple),
}

# The site's own contacts in SITE_FACTS ("phone", "email") are public too.
_KNOWN_NAMES = set(DEFAULTS) | {"SITE_FACTS"}

_DRAFT_SAVE_AS = (
    "DRAFT_SAVE_AS",
    "DRAFT_LANG_SAVE_AS",
    "DRAFT_PAGE_SAVE_AS",
    "DRAFT_PAGE_LANG_SAVE_AS",
)


def apply_defaults(settings):
    """Fill in every guard setting the site did not set; field names in lower case."""
    fill_in(settings, DEFAULTS)
    fields = settings.get("CONFIDENTIAL_FIELDS")
    if isinstance(fields, (list, tuple)):  # a wrong type is told later
        settings["CONFIDENTIAL_FIELDS"] = [str(f).lower() for f in fields]
    return settings


def settings_problems(settings, config_file="pelicanconf.py"):
    """What is wrong with the guard's settings, or unsafe in Pelican's, one line each."""
    wrong_types = type_problems(settings, _TYPES, config_file, "plugins/guard/settings.py")
    problems = wrong_types + typo_problems(settings, _KNOWN_NAMES, config_file)
    if wrong_types:
        return problems  # the checks below need the right types
    if settings.get("OUTPUT_SOURCES"):
        problems.append(
            Problem(
                config_file,
                "OUTPUT_SOURCES = True would publish the Markdown sources with their "
                "confidential fields; remove it",
            )
        )
    for name in _DRAFT_SAVE_AS:
        if settings.get(name):
            problems.append(
                Problem(config_file, f'{name} must be "" so drafts are never written; set it to ""')
            )
    return (
        problems + _path_problems(settings, config_file) + _suffix_problems(settings, config_file)
    )


def _suffix_problems(settings, config_file):
    """Every publishable type needs a reader: a file nobody can read cannot be checked."""
    from .views import readable_suffixes

    known = readable_suffixes()
    return [
        Problem(
            config_file,
            f"PUBLISHABLE_SUFFIXES: {ending!r} cannot be checked, so it cannot be published "
            f"(types the checks read: {', '.join(sorted(known))})",
        )
        for ending in settings["PUBLISHABLE_SUFFIXES"]
        if ending not in known
    ]


def _path_problems(settings, config_file):
    """content/private must never be read as content, and cache/ never published."""
    problems = []
    private = settings["PRIVATE_DIR"].strip("/").casefold()
    for name in ("STATIC_PATHS", "PAGE_PATHS", "ARTICLE_PATHS"):
        for path in settings.get(name, []):
            path = path.strip("/").casefold()
            if path == private or path.startswith(private + "/"):
                problems.append(
                    Problem(
                        config_file,
                        f"{name} includes {settings['PRIVATE_DIR'].strip('/')}/, which is "
                        "never published; remove it",
                    )
                )
    return problems + _cache_problems(settings, config_file)


def _cache_problems(settings, config_file):
    """The content cache holds confidential fields: not in any folder that is published."""
    cache, content = os.path.realpath(settings["CACHE_PATH"]), settings["PATH"]
    published = [("OUTPUT_PATH", settings["OUTPUT_PATH"])] + [
        (f"STATIC_PATHS ({path or 'the whole content folder'})", os.path.join(content, path))
        for path in settings.get("STATIC_PATHS", [])
    ]
    for name, folder in published:
        folder = os.path.realpath(folder)
        if cache == folder or cache.startswith(folder + os.sep):
            return [
                Problem(
                    config_file,
                    f"CACHE_PATH is inside {name}, which is published; the cache holds "
                    'confidential fields, move it (e.g. CACHE_PATH = "cache")',
                )
            ]
    return []


def exclude_private_dir(settings):
    """Make every generator skip the private folder, whatever the paths say and whatever
    the case of its name on disk (Pelican compares excluded names exactly)."""
    content = os.path.abspath(settings["PATH"])
    names = {settings["PRIVATE_DIR"].strip("/")} | {
        os.path.relpath(folder, content).replace(os.sep, "/") for folder in private_dirs(settings)
    }
    for name in ("ARTICLE_EXCLUDES", "PAGE_EXCLUDES", "STATIC_EXCLUDES"):
        excludes = list(settings.get(name, []))
        excludes += sorted(names - set(excludes))
        settings[name] = excludes
