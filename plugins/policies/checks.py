"""The post-build checks, run on an output folder: one implementation for the build
(the `finalized` signal) and for `make check`."""

import os

from . import confidential
from .findings import Finding
from .images import IMAGE_SUFFIXES, clean_image, image_findings
from .links import check_page_links
from .scan import Scanner, output_files

_HTML_SUFFIXES = (".html", ".htm")


def required_policy_files(settings):
    """Output file of each required policy, by slug."""
    return {
        slug: settings["POLICY_SAVE_AS"].format(slug=slug) for slug in settings["REQUIRED_POLICIES"]
    }


def public_contacts(settings):
    """PUBLIC_CONTACTS plus the pre-school's own phone and email from SITE_FACTS."""
    facts = settings.get("SITE_FACTS", {})
    own = [facts.get(key, "") for key in ("phone", "email")]
    return [*settings["PUBLIC_CONTACTS"], *(c for c in own if c and not c.startswith("TBC"))]


def clean_images(output_path):
    """Strip metadata from every image in the output; returns {path: kinds removed}."""
    cleaned = {}
    for path in output_files(output_path):
        if path.lower().endswith(IMAGE_SUFFIXES):
            kinds = clean_image(path)
            if kinds:
                cleaned[path] = kinds
    return cleaned


def run_checks(output_path, settings, watched, sources=None):
    """Every finding in the output folder: links, confidential values, contacts, images.

    `sources` maps output files (output-relative) to the source each was made from, so a
    broken link names the file to fix; `make check` has no such map.
    """
    sources = sources or {}
    scanner = Scanner(watched, public_contacts(settings), settings["CONFIDENTIAL_MIN_LENGTH"])
    paths = list(output_files(output_path))
    names = {path: _relative(path, output_path) for path in paths}
    existing = set(names.values())
    required = required_policy_files(settings)
    siteurl = settings.get("SITEURL", "")
    findings = set()
    for path in paths:
        with open(path, "rb") as handle:
            data = handle.read()
        leaks = scanner.scan_file(path, data, names[path])
        findings.update(leaks)
        lower = path.lower()
        if lower.endswith(IMAGE_SUFFIXES):
            findings.update(image_findings(path, data))
        if lower.endswith(_HTML_SUFFIXES):
            html = data.decode("utf-8", errors="replace")
            relative = names[path]
            page_findings = check_page_links(
                relative, html, existing, required, siteurl, path, sources.get(relative)
            )
            findings.update(_withhold_values(page_findings, leaks))
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


def _withhold_values(findings, leaks):
    """A page with a leak may show the value in a link too: do not print its links."""
    if not leaks:
        return findings
    return [
        Finding(f.output_file, "broken link (address withheld: the page leaks a value)")
        if f.rule.startswith("broken link")
        else f
        for f in findings
    ]


def _relative(path, root):
    return os.path.relpath(path, root).replace(os.sep, "/")


def check_site(settings):
    """`make check`: collect watched values from the sources, then check the output."""
    watched, problems = confidential.collect(settings)
    return problems, run_checks(settings["OUTPUT_PATH"], settings, watched)
