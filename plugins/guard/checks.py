"""The guard's checks over an output folder: one implementation for the build (the
`finalized` signal) and for `make check`. Each file is read once."""

import contextlib
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from sitebase.checks import OutputCheck
from sitebase.problems import DamagedFile
from sitebase.sources import files_under

from .findings import Finding
from .matching.scan import Scanner
from .views import reader_for, refusal, suffix, text
from .views.images import metadata_findings, replace_file
from .views.view_cache import CachedRead, ViewCache
from .watchlist.private import PrivateCopies


def output_checks():
    return [OutputCheck("leaks", leak_check)]


def leak_check(request):
    """The pipeline's leak check (sitebase.checks): in a build the staged files are
    cleaned, and a file that cannot be checked is removed."""
    run = request.run
    return leak_findings(
        request.output_path, request.settings, run.watched,
        clean=request.building, private_files=run.private_files,
    )  # fmt: skip


def public_contacts(settings):
    """PUBLIC_CONTACTS plus every SITE_FACTS value that is filled in: the scanner reads
    the site's own numbers and addresses out of them ('01872 654321 (press 1)')."""
    facts = settings.get("SITE_FACTS") or {}
    own = [value for value in facts.values() if isinstance(value, str)]
    return [*settings["PUBLIC_CONTACTS"], *(c for c in own if c and not c.startswith("TBC"))]


def leak_findings(output_path, settings, watched, clean=False, private_files=()):
    """Every confidential value, unlisted contact, copy of a private file and image
    metadata in the output folder.

    With `clean`, metadata is stripped first and files that cannot be checked are
    removed (the build); without, both are only reported (`make check`). A large site
    is split between worker processes.
    """
    paths = list(files_under(output_path))
    min_length = settings["CONFIDENTIAL_MIN_LENGTH"]
    job = _Job(
        scanner=Scanner(watched, public_contacts(settings), min_length),
        private=PrivateCopies(private_files, min_length),
        output_path=output_path,
        clean=clean,
        publishable=frozenset(settings["PUBLISHABLE_SUFFIXES"]),
        cache=ViewCache(os.path.join(settings["CACHE_PATH"], "guard-views")),
    )
    if _worth_parallel(paths, settings["CHECK_PARALLEL_FROM_BYTES"]):
        return sorted(_check_in_parallel(job, paths))
    return sorted(job.check(paths))


@dataclass
class _Job:
    """Everything needed to check any output file, shared by the worker processes."""

    scanner: Scanner
    private: PrivateCopies
    output_path: str
    clean: bool
    publishable: frozenset
    cache: ViewCache

    def check(self, paths):
        findings = set()
        for path in paths:
            try:
                findings.update(self.check_file(path))
            except Exception as error:  # noqa: BLE001 (a check that cannot run has failed)
                findings.add(unreadable(path, error))
                if self.clean:  # fail closed: nothing unchecked stays in the output
                    with contextlib.suppress(FileNotFoundError):
                        os.remove(path)
        return findings

    def check_file(self, path):
        """Clean the file (in a build), verify it, then scan what a person reads in it."""
        reason = refusal(path)
        if reason or suffix(path) not in self.publishable:
            raise Unpublishable(reason or _not_publishable(path))
        reader = reader_for(path)
        with open(path, "rb") as handle:
            data = handle.read()
        name = os.path.relpath(path, self.output_path).replace(os.sep, "/")
        # Before cleaning: a copy of a private photo has the private file's bytes. A copy
        # is the root cause, whatever else is wrong with the file: told alone.
        findings = set(self.private.findings(path, data, name))
        if findings:
            return findings
        if reader is text:  # the pages themselves: cheap to read, never cached
            view = reader.read(data)
        else:
            read = self.cache.get(data) or self._read_document(reader, data)
            view = read.view
            if self.clean and read.cleaned:
                replace_file(path, read.cleaned)
            elif not self.clean:
                findings.update(metadata_findings(path, set(read.kinds), reader.METADATA))
        findings.update(self.scanner.scan_view(path, view, name))
        return findings

    def _read_document(self, reader, data):
        """Read (metadata included: it is scanned too), clean, and verify by reading the
        cleaned file again; cached once clean."""
        kinds = reader.metadata_kinds(data)
        cleaned = reader.clean(data) if kinds else None
        if cleaned is not None:
            left = reader.metadata_kinds(cleaned)
            if left:
                raise DamagedFile(f"still has metadata after cleaning ({', '.join(sorted(left))})")
        read = CachedRead(tuple(sorted(kinds)), cleaned, reader.read(data))
        self.cache.put(data, read)
        return read


class Unpublishable(DamagedFile):
    """A file of a type the site does not publish."""


def _not_publishable(path):
    ending = suffix(path)
    kind = f"a {ending} file" if ending else "a file with no type (no .suffix in its name)"
    return (
        f"is {kind}, which the site does not publish (PUBLISHABLE_SUFFIXES); remove it "
        "from content/, or ask whoever looks after the website to add the type"
    )


def unreadable(path, error):
    """The finding for a file the checks could not read: the build fails (fail closed).
    A reader's own message, else the error's type only: its message may quote the file."""
    if isinstance(error, DamagedFile):
        return Finding(path, str(error))
    return Finding(
        path,
        f"could not be checked ({type(error).__name__})",
        advice="the file may be damaged; save it again or remove it",
    )


def _worth_parallel(paths, from_bytes):
    """Below `from_bytes` of output, starting processes costs more than it saves."""
    if (os.cpu_count() or 1) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return False
    return sum(os.path.getsize(path) for path in paths) >= from_bytes


_worker = {}  # in a worker process: the job it was started with


def _start_worker(job):
    _worker["job"] = job


def _check_chunk(paths):
    return _worker["job"].check(paths)


def _check_in_parallel(job, paths):
    """Split the files between forked processes; each gets the job once, at its start
    (fork passes it without pickling the scanner's automaton)."""
    workers = min(os.cpu_count() or 2, 4)
    chunks = [paths[start::workers] for start in range(workers)]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_start_worker, initargs=(job,)
    ) as pool:
        return set().union(*pool.map(_check_chunk, chunks))
