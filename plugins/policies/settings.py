"""The policies plugin's settings: defaults in one place, mistakes as one-line problems."""

from sitebase.settings import type_problems, typo_problems

DEFAULTS = {
    # Policies: one Markdown file each under PATH/POLICIES_DIR.
    "POLICIES_DIR": "policies",
    "POLICY_URL": "policies/{slug}/",
    "POLICY_SAVE_AS": "policies/{slug}/index.html",
    "POLICIES_INDEX_URL": "policies/",
    "POLICIES_INDEX_SAVE_AS": "policies/index.html",
    # Slugs of the policies every page must link to; the build stops if one is missing.
    "REQUIRED_POLICIES": [],
}

_TYPES = {name: (list, tuple) if isinstance(value, list) else type(value)
          for name, value in DEFAULTS.items()}  # fmt: skip


def settings_problems(settings, config_file="pelicanconf.py"):
    """What is wrong with the policies settings, one line each."""
    problems = type_problems(settings, _TYPES, config_file, "plugins/policies/settings.py")
    problems += typo_problems(settings, set(DEFAULTS), config_file)
    return problems


def required_policy_files(settings):
    """Output file of each required policy, by slug."""
    return {
        slug: settings["POLICY_SAVE_AS"].format(slug=slug) for slug in settings["REQUIRED_POLICIES"]
    }
