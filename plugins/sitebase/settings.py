"""Settings helpers every plugin of the site uses: defaults filled in, a wrong type
told in one line, and "did you mean" for a misspelt setting."""

import difflib

from .problems import Problem

_TYPE_WORDS = {
    str: 'text in quotes (e.g. "policies")',
    (list, tuple): 'a list in square brackets (e.g. ["social-media", "complaints"])',
    int: "a whole number (e.g. 3)",
    bool: "True or False",
}


def apply_defaults(settings, defaults):
    """Fill in every setting the site did not set (copies, never shares)."""
    for name, value in defaults.items():
        if name not in settings:
            settings[name] = list(value) if isinstance(value, list) else value
    return settings


def type_problems(settings, types, config_file, defaults_file):
    """One problem per setting whose value is not of the expected type."""
    problems = []
    for name, expected in types.items():
        value = settings.get(name)
        if not isinstance(value, expected) or (isinstance(value, bool) and expected is not bool):
            problems.append(
                Problem(
                    config_file,
                    f"{name} must be {_TYPE_WORDS[expected]}, not {type(value).__name__}; "
                    f"see {defaults_file}",
                )
            )
    return problems


def typo_problems(settings, known, config_file):
    """An unknown setting close to one of `known`: "did you mean ...?"."""
    from pelican.settings import DEFAULT_CONFIG

    problems = []
    for name in settings:
        if name in known or not name.isupper():
            continue
        match = difflib.get_close_matches(name, known, n=1, cutoff=0.85)
        if match and name not in DEFAULT_CONFIG:
            problems.append(
                Problem(config_file, f"unknown setting {name}: did you mean {match[0]}?")
            )
    return problems
