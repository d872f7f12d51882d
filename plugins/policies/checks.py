"""The post-build checks, run on an output folder: one implementation for the build
(the `finalized` signal) and for `make check`."""

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

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


def run_checks(output_path, settings, watched, sources=None, clean=False):
    """Every finding in the output folder: links, confidential values, contacts, images.

    `sources` maps output files (output-relative) to the source each was made from, so a
    broken link names the file to fix; `make check` has no such map. With `clean`, image
    metadata is stripped first (the build); without, it is only reported (`make check`).
    Each file is read once; a large site is split between worker processes.
    """
    paths = list(output_files(output_path))
    names = {path: _relative(path, output_path) for path in paths}
    job = _Job(
        scanner=Scanner(watched, public_contacts(settings), settings["CONFIDENTIAL_MIN_LENGTH"]),
        names=names,
        existing=set(names.values()),
        required=required_policy_files(settings),
        siteurl=settings.get("SITEURL", ""),
        sources=sources or {},
        clean=clean,
    )
    parallel = _worth_parallel(paths, settings["CHECK_PARALLEL_FROM_BYTES"])
    findings = _check_in_parallel(job, paths) if parallel else job.check(paths)
    for slug, policy_file in job.required.items():
        if policy_file not in job.existing:
            findings.add(
                Finding(
                    os.path.join(output_path, policy_file),
                    f"the required policy {slug!r} was not written",
                    advice=f"add content/{settings['POLICIES_DIR']}/{slug}.md",
                )
            )
    return sorted(findings)


@dataclass
class _Job:
    """Everything needed to check any output file, shared by the worker processes."""

    scanner: Scanner
    names: dict
    existing: set
    required: dict
    siteurl: str
    sources: dict
    clean: bool

    def check(self, paths):
        findings = set()
        for path in paths:
            findings.update(self.check_file(path))
        return findings

    def check_file(self, path):
        with open(path, "rb") as handle:
            data = handle.read()
        lower = path.lower()
        findings = set()
        if lower.endswith(IMAGE_SUFFIXES):
            if self.clean:
                data = clean_image(path, data)
            findings.update(image_findings(path, data))
        relative = self.names[path]
        leaks = self.scanner.scan_file(path, data, relative)
        findings.update(leaks)
        if lower.endswith(_HTML_SUFFIXES):
            html = data.decode("utf-8", errors="replace")
            page_findings = check_page_links(
                relative, html, self.existing, self.required, self.siteurl, path,
                self.sources.get(relative),
            )  # fmt: skip
            findings.update(_withhold_values(page_findings, leaks))
        return findings


def _worth_parallel(paths, from_bytes):
    """Below `from_bytes` of output, starting processes costs more than it saves."""
    if (os.cpu_count() or 1) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return False
    return sum(os.path.getsize(path) for path in paths) >= from_bytes


_job = None  # the job a forked worker inherits


def _check_chunk(paths):
    return _job.check(paths)


def _check_in_parallel(job, paths):
    """Split the files between processes forked with the job (nothing to pickle but paths)."""
    global _job
    _job = job
    workers = min(os.cpu_count() or 2, 4)
    chunks = [paths[start::workers] for start in range(workers)]
    context = multiprocessing.get_context("fork")
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            return set().union(*pool.map(_check_chunk, chunks))
    finally:
        _job = None


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
