"""The plugin's settings: defaults in one place, user mistakes as one-line problems."""

import difflib
import os

from .problems import Problem

DEFAULTS = {
    # Policies: one Markdown file each under PATH/POLICIES_DIR.
    "POLICIES_DIR": "policies",
    "POLICY_URL": "policies/{slug}/",
    "POLICY_SAVE_AS": "policies/{slug}/index.html",
    "POLICIES_INDEX_URL": "policies/",
    "POLICIES_INDEX_SAVE_AS": "policies/index.html",
    "REQUIRED_POLICIES": ["social-media", "complaints"],
    # Confidentiality guard.
    "CONFIDENTIAL_FIELDS": [
        "internal_notes",
        "complaint_reference",
        "complaint_outcome",
        "staff_contact",
        "child_name",
    ],
    "PRIVATE_DIR": "private",
    "PUBLIC_CONTACTS": [],
    # Values shorter than this (after normalising) are too short to scan for.
    "CONFIDENTIAL_MIN_LENGTH": 3,
    # From this much output on, the checks are split between worker processes.
    "CHECK_PARALLEL_FROM_BYTES": 4_000_000,
    # Staff input (preflight.py). <iframe src> addresses that may be embedded, each an
    # https:// address ending in "/" (e.g. "https://www.youtube-nocookie.com/embed/");
    # the theme's Content-Security-Policy must then allow them too (frame-src).
    "ALLOWED_EMBEDS": [],
    # Images bigger than this (bytes) get a warning; 0 turns the warning off.
    "IMAGE_MAX_BYTES": 1_000_000,
    # TBC in a page's text or header: a warning, or (True, e.g. in publishconf.py) a problem.
    "REFUSE_CONTENT_PLACEHOLDERS": False,
}

# Settings the plugin reads and their expected types.
_TYPES = {
    "POLICIES_DIR": str,
    "POLICY_URL": str,
    "POLICY_SAVE_AS": str,
    "POLICIES_INDEX_URL": str,
    "POLICIES_INDEX_SAVE_AS": str,
    "REQUIRED_POLICIES": (list, tuple),
    "CONFIDENTIAL_FIELDS": (list, tuple),
    "PRIVATE_DIR": str,
    "PUBLIC_CONTACTS": (list, tuple),
    "CONFIDENTIAL_MIN_LENGTH": int,
    "CHECK_PARALLEL_FROM_BYTES": int,
    "ALLOWED_EMBEDS": (list, tuple),
    "IMAGE_MAX_BYTES": int,
    "REFUSE_CONTENT_PLACEHOLDERS": bool,
}

_TYPE_WORDS = {
    str: 'text in quotes (e.g. "policies")',
    (list, tuple): 'a list in square brackets (e.g. ["social-media", "complaints"])',
    int: "a whole number (e.g. 3)",
    bool: "True or False",
}

# The names a typo would most likely have aimed at.
_KNOWN_NAMES = set(DEFAULTS) | {"SITE_FACTS", "SITE_LEGAL_NAME", "PUBLIC_SITEURL"}

_SAVE_AS_SETTINGS = (
    "DRAFT_SAVE_AS",
    "DRAFT_LANG_SAVE_AS",
    "DRAFT_PAGE_SAVE_AS",
    "DRAFT_PAGE_LANG_SAVE_AS",
)


def apply_defaults(settings):
    """Fill in every plugin setting the site did not set (copies, never shares)."""
    for name, value in DEFAULTS.items():
        if name not in settings:
            settings[name] = list(value) if isinstance(value, list) else value
    fields = settings["CONFIDENTIAL_FIELDS"]
    if isinstance(fields, (list, tuple)):  # a wrong type is told by settings_problems
        settings["CONFIDENTIAL_FIELDS"] = [str(f).lower() for f in fields]
    return settings


def settings_problems(settings, config_file="pelicanconf.py"):
    """Return what is wrong with the settings, as one-line problems."""
    problems = []
    for name, expected in _TYPES.items():
        value = settings.get(name)
        if not isinstance(value, expected) or (isinstance(value, bool) and expected is not bool):
            problems.append(
                Problem(
                    config_file,
                    f"{name} must be {_TYPE_WORDS[expected]}, not {type(value).__name__}; "
                    "see plugins/policies/settings.py",
                )
            )
    if problems:  # the checks below need the right types
        return problems + _typo_problems(settings, config_file)
    problems += _typo_problems(settings, config_file)
    if settings.get("OUTPUT_SOURCES"):
        problems.append(
            Problem(
                config_file,
                "OUTPUT_SOURCES = True would publish the Markdown sources with their "
                "confidential fields; remove it",
            )
        )
    for name in _SAVE_AS_SETTINGS:
        if settings.get(name):
            problems.append(
                Problem(config_file, f'{name} must be "" so drafts are never written; set it to ""')
            )
    problems += _path_problems(settings, config_file)
    return problems


def _typo_problems(settings, config_file):
    problems = []
    for name in settings:
        if name in _KNOWN_NAMES or not name.isupper():
            continue
        match = difflib.get_close_matches(name, _KNOWN_NAMES, n=1, cutoff=0.85)
        if match and name not in _pelican_names():
            problems.append(
                Problem(config_file, f"unknown setting {name}: did you mean {match[0]}?")
            )
    return problems


def _pelican_names():
    from pelican.settings import DEFAULT_CONFIG

    return DEFAULT_CONFIG


def _path_problems(settings, config_file):
    """content/private must never be read as content, and cache/ never published."""
    problems = []
    private = settings["PRIVATE_DIR"].strip("/")
    for name in ("STATIC_PATHS", "PAGE_PATHS", "ARTICLE_PATHS"):
        for path in settings.get(name, []):
            path = path.strip("/")
            if path == private or path.startswith(private + "/"):
                problems.append(
                    Problem(
                        config_file,
                        f"{name} includes {private}/, which is never published; remove it",
                    )
                )
    output = os.path.realpath(settings["OUTPUT_PATH"])
    cache = os.path.realpath(settings["CACHE_PATH"])
    if cache == output or cache.startswith(output + os.sep):
        problems.append(
            Problem(
                config_file,
                "CACHE_PATH is inside OUTPUT_PATH; the cache holds confidential fields, move it",
            )
        )
    return problems


def exclude_private_dir(settings):
    """Make every generator skip the private folder, whatever the paths say."""
    private = settings["PRIVATE_DIR"].strip("/")
    for name in ("ARTICLE_EXCLUDES", "PAGE_EXCLUDES", "STATIC_EXCLUDES"):
        excludes = list(settings.get(name, []))
        if private not in excludes:
            excludes.append(private)
        settings[name] = excludes
