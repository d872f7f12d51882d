"""The photos plugin's settings: defaults in one place, mistakes as one-line problems."""

from sitebase.problems import Problem
from sitebase.settings import type_problems, typo_problems

DEFAULTS = {
    # Folders under PATH whose JPEG, PNG, WebP and HEIC files are photos: published
    # only as resized copies, never as they are.
    "PHOTO_PATHS": ["images"],
    # Widths (pixels) each photo is published in; never wider than the photo itself.
    # 720 is what a 360 px phone at 2x needs, 1600 the copy at the photo's own address.
    "PHOTO_WIDTHS": [480, 720, 960, 1600],
    # How wide the theme shows a photo: the content column is at most 70ch (802 px at
    # its 18 px system font in Chromium; fonts differ a little), the page less 2rem of
    # padding below that. tests/test_browser_photos.py measures it.
    "PHOTO_SIZES": "(min-width: 54rem) 52rem, calc(100vw - 2rem)",
    "PHOTO_JPEG_QUALITY": 80,
    "PHOTO_WEBP_QUALITY": 75,
    # A WebP <source> beside each JPEG: 30 to 45% fewer bytes at the same width.
    "PHOTO_WEBP": True,
    # The class that marks an image as purely decorative (alt="" then on purpose):
    # ![]({static}/images/border.png){: .decorative}
    "PHOTO_DECORATIVE_CLASS": "decorative",
}

_TYPES = {
    "PHOTO_PATHS": (list, tuple),
    "PHOTO_WIDTHS": (list, tuple),
    "PHOTO_SIZES": str,
    "PHOTO_JPEG_QUALITY": int,
    "PHOTO_WEBP_QUALITY": int,
    "PHOTO_WEBP": bool,
    "PHOTO_DECORATIVE_CLASS": str,
}


def settings_problems(settings, config_file="pelicanconf.py"):
    """What is wrong with the photo settings, one line each."""
    problems = type_problems(settings, _TYPES, config_file, "plugins/photos/settings.py")
    problems += typo_problems(settings, set(DEFAULTS), config_file)
    if problems:
        return problems
    widths = settings["PHOTO_WIDTHS"]
    if not widths or not all(isinstance(w, int) and not isinstance(w, bool) and 16 <= w <= 4096
                             for w in widths):  # fmt: skip
        problems.append(
            Problem(config_file, "PHOTO_WIDTHS must list widths in pixels (e.g. [480, 960])")
        )
    for name in ("PHOTO_JPEG_QUALITY", "PHOTO_WEBP_QUALITY"):
        if not 30 <= settings[name] <= 95:
            problems.append(Problem(config_file, f"{name} must be from 30 to 95 (e.g. 80)"))
    return problems
