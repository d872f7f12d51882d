"""The output checks: one pipeline over an output folder, for the build (run by the
guard at `finalized`, over its staging folder) and for `make check` (over the output).

Each plugin names its checks in one place, an `output_checks()` function in its package
(`guard/__init__.py`, `photos/__init__.py`, `policies/__init__.py`); `registered` collects
them in PLUGINS order. A check takes a Request and returns findings.
"""

from dataclasses import dataclass, field


@dataclass
class Request:
    """What a check is given. `building`: a build (files that cannot be checked are
    removed, metadata cleaned) rather than `make check` (everything only reported).
    `leaking`: the output files an earlier check found showing a value (a later check
    must not print from them)."""

    output_path: str
    settings: dict
    run: object  # sitebase.run.SiteRun
    building: bool
    leaking: set = field(default_factory=set)


@dataclass(frozen=True)
class OutputCheck:
    """One check: its name, the function that runs it, and its stage: checks for
    values (stage 0) run before checks that print from pages (stage 1, links), so those
    know which pages leak."""

    name: str
    run: object  # Request -> [Finding]
    stage: int = 0


def registered(plugins):
    """Every plugin's output checks, in PLUGINS order (Pelican's loaded plugin modules)."""
    checks = []
    for plugin in plugins:
        hook = getattr(plugin, "output_checks", None)
        if hook is not None:
            checks += hook()
    return sorted(checks, key=lambda check: check.stage)


def findings(checks, request, stop_at_first=False):
    """Run the checks in order; each finding list sorted. With `stop_at_first` (a build:
    the first check that finds something stops it), the findings of that check only."""
    found = []
    for check in checks:
        these = sorted(check.run(request))
        request.leaking |= {f.output_file for f in these if getattr(f, "is_leak", False)}
        found += these
        if these and stop_at_first:
            break
    return found
