"""The authoring checks' settings: defaults in one place, mistakes as one-line problems."""

from sitebase.settings import type_problems, typo_problems

DEFAULTS = {
    # <iframe src> addresses that may be embedded, each an https:// address ending in "/"
    # (e.g. "https://www.youtube-nocookie.com/embed/"); the theme's
    # Content-Security-Policy must then allow them too (frame-src).
    "ALLOWED_EMBEDS": [],
    # Images bigger than this (bytes) get a warning; 0 turns the warning off.
    "IMAGE_MAX_BYTES": 1_000_000,
    # TBC in a page's text or header: a warning, or (True, e.g. in publishconf.py) a problem.
    "REFUSE_CONTENT_PLACEHOLDERS": False,
}

_TYPES = {
    "ALLOWED_EMBEDS": (list, tuple),
    "IMAGE_MAX_BYTES": int,
    "REFUSE_CONTENT_PLACEHOLDERS": bool,
}

# The site's own settings (pelicanconf.py, read by the theme and `make publish`).
_KNOWN_NAMES = set(DEFAULTS) | {"SITE_LEGAL_NAME", "PUBLIC_SITEURL", "FEES", "HOME_NEWS_COUNT"}


def settings_problems(settings, config_file="pelicanconf.py"):
    """What is wrong with the authoring settings, one line each."""
    problems = type_problems(settings, _TYPES, config_file, "plugins/authoring/settings.py")
    return problems + typo_problems(settings, _KNOWN_NAMES, config_file)
