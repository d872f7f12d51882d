"""The link checks over an output folder: every internal link works, and every page
links every required policy. One implementation for the build and `make check`."""

import os

from guard.findings import Finding
from sitebase.nearest import LinkTargets
from sitebase.sources import files_under

from .links import check_page_links
from .settings import required_policy_files

_HTML_SUFFIXES = (".html", ".htm")


def link_check(request):
    """The pipeline's link check (sitebase.checks). A page an earlier check found leaking
    a value may show it in a link too: its broken links are told without the address."""
    findings = link_findings(request.output_path, request.settings, request.run.output_sources)
    return [
        Finding(f.output_file, "broken link (address withheld: the page leaks a value)")
        if f.output_file in request.leaking and f.rule.startswith("broken link")
        else f
        for f in findings
    ]


def link_findings(output_path, settings, sources=None, skip=()):
    """Findings for every HTML page's links, and for required policies never written.

    `sources` maps output files (output-relative) to the source each was made from, so a
    broken link names the file to fix (`make check` has no such map). Pages in `skip`
    (absolute paths) are not read: they leak a value, and a link could show it.
    """
    paths = list(files_under(output_path))
    names = {path: os.path.relpath(path, output_path).replace(os.sep, "/") for path in paths}
    existing = set(names.values())
    required = required_policy_files(settings)
    siteurl = settings.get("SITEURL", "")
    sources = sources or {}
    targets = LinkTargets(existing, sources, settings.get("PATH"))
    findings = set()
    for path in paths:
        if not path.lower().endswith(_HTML_SUFFIXES) or path in skip:
            continue
        with open(path, "rb") as handle:
            html = handle.read()  # the parser reads UTF-8 bytes itself, and faster
        relative = names[path]
        findings.update(
            check_page_links(relative, html, existing, required, siteurl, path,
                             sources.get(relative), targets)
        )  # fmt: skip
    for slug, policy_file in required.items():
        if policy_file not in existing:
            findings.add(
                Finding(
                    os.path.join(output_path, policy_file),
                    f"the required policy {slug!r} was not written",
                    advice=f"add content/{settings['POLICIES_DIR']}/{slug}.md",
                )
            )
    return sorted(findings)
