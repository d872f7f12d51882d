"""FEES in pelicanconf.py: sessions, funded hours and optional extras, in the shape the
Sessions and fees page (theme/templates/page-fees.html) shows them.

The DfE asks funded providers to publish the pattern of funded hours they offer, each
optional extra with its price, what is free and how to say no to an extra; the setting
holds exactly those, so staff fill in values, never HTML. A wrong shape is one plain
line naming the entry; a value starting with "TBC" is a placeholder that `make
publish` refuses, one line each.
"""

from sitebase.problems import Problem

# Each list's entries and the fields every entry needs, in the order they are shown.
LISTS = {
    "funded_hours": ("offer", "pattern"),
    "sessions": ("name", "times", "price"),
    "extras": ("name", "price", "instead"),
}
# Plain text: a list of lines (what is free), or one sentence (how to opt out).
TEXTS = {"free": list, "opt_out": str}
_WHERE = "pelicanconf.py"


def fees_page_problems(contents, fees):
    """A page with `Template: page-fees` shows FEES: without it, one line for the page."""
    if fees is not None:
        return []
    return [
        Problem(
            content.source_path,
            "Template: page-fees shows FEES from pelicanconf.py, "
            'which has none; add FEES (see docs/EDITING.md, "Fees")',
        )
        for content in contents
        if getattr(content, "template", None) == "page-fees"
    ]


def fees_problems(fees):
    """What is wrong with the shape of FEES, one line each (empty when it is right)."""
    if not isinstance(fees, dict):
        return [Problem(_WHERE, "FEES must be a {...} of sessions, funded hours and extras")]
    known = set(LISTS) | set(TEXTS)
    problems = [
        Problem(_WHERE, f'FEES has no "{name}"; add it (see docs/EDITING.md, "Fees")')
        for name in [*LISTS, *TEXTS]
        if name not in fees
    ]
    problems += [
        Problem(_WHERE, f'FEES["{name}"] is not one of ours ({", ".join(sorted(known))})')
        for name in fees
        if name not in known
    ]
    for name, fields in LISTS.items():
        problems += _list_problems(name, fees.get(name, []), fields)
    for name, kind in TEXTS.items():
        value = fees.get(name, kind())
        if not isinstance(value, kind) or (kind is list and not _all_text(value)):
            what = "a list of lines in quotes" if kind is list else "one line in quotes"
            problems.append(Problem(_WHERE, f'FEES["{name}"] must be {what}'))
    return problems


def _list_problems(name, entries, fields):
    wanted = ", ".join(f'"{field}"' for field in fields)
    if not isinstance(entries, (list, tuple)) or not entries:
        return [Problem(_WHERE, f'FEES["{name}"] must be a list of {{...}}, each with {wanted}')]
    problems = []
    for number, entry in enumerate(entries):
        if (
            not isinstance(entry, dict)
            or set(entry) != set(fields)
            or not _all_text(entry.values())
        ):
            problems.append(
                Problem(_WHERE, f'FEES["{name}"][{number}] must have {wanted}, each in quotes')
            )
    return problems


def _all_text(values):
    return all(isinstance(value, str) and value.strip() for value in values)


def fee_placeholders(fees):
    """(where, value) for each value of FEES that is still a "TBC" placeholder."""
    if not isinstance(fees, dict):
        return
    for name, fields in LISTS.items():
        for number, entry in enumerate(fees.get(name) or []):
            if not isinstance(entry, dict):
                continue
            label = entry.get("name")
            known = f" ({label})" if isinstance(label, str) and not _is_placeholder(label) else ""
            for field in fields:
                if _is_placeholder(entry.get(field)):
                    yield f'FEES["{name}"][{number}]["{field}"]{known}', entry[field]
    for number, line in enumerate(fees.get("free") or []):
        if _is_placeholder(line):
            yield f'FEES["free"][{number}]', line
    if _is_placeholder(fees.get("opt_out")):
        yield 'FEES["opt_out"]', fees["opt_out"]


def _is_placeholder(value):
    return isinstance(value, str) and value.strip().upper().startswith("TBC")
