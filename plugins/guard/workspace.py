"""Where the build writes: a staging folder beside the output, swapped in only once every
check has passed, so the output (what is served and published) only ever holds a site
that passed. On any failure the staging folder goes and the output stays as it was."""

import contextlib
import ctypes
import ctypes.util
import dataclasses
import glob
import os
import shutil
import sys
import tempfile

from sitebase.problems import Problem

_STAGING_MARK = ".staging-"


def staging_folders(output_path):
    """Every staging folder of this output, a leftover of a run that stopped included."""
    parent, name = os.path.split(os.path.abspath(output_path))
    pattern = f".{glob.escape(name)}{_STAGING_MARK}*"
    return sorted(glob.glob(os.path.join(glob.escape(parent), pattern)))


def remove_staging(output_path):
    """Remove every staging folder of this output (after a failed run, or before a new one)."""
    for folder in staging_folders(output_path):
        _remove(folder)


def new_staging(output_path, retained=()):
    """A fresh, empty staging folder beside the output (one filesystem: the swap is a rename),
    holding a copy of each of Pelican's OUTPUT_RETENTION entries from the current output."""
    remove_staging(output_path)
    output = os.path.abspath(output_path)
    parent, name = os.path.split(output)
    os.makedirs(parent, exist_ok=True)
    staging = tempfile.mkdtemp(prefix=f".{name}{_STAGING_MARK}", dir=parent)
    for entry in retained:
        source = os.path.join(output, entry)
        if os.path.isdir(source) and not os.path.islink(source):
            shutil.copytree(source, os.path.join(staging, entry), symlinks=True)
        elif os.path.lexists(source):
            shutil.copy2(source, os.path.join(staging, entry), follow_symlinks=False)
    return staging


def swap_in(staging, output_path):
    """Make the staging folder the output in one step; the old output is then removed.

    Where the system can exchange two names atomically (Linux renameat2, macOS
    renamex_np) the output path never stops naming a whole site; elsewhere it is absent
    between two renames, and never names a partial one.
    """
    if not os.path.lexists(output_path):
        os.rename(staging, output_path)
        return
    if not _exchange(staging, output_path):
        parent, name = os.path.split(staging)
        old = tempfile.mkdtemp(prefix=f"{name}.old-", dir=parent)
        os.rename(output_path, os.path.join(old, "site"))
        os.rename(staging, output_path)
        staging = old
    _remove(staging)  # now the previous site


def remove_output(output_path, content_path):
    """Remove the output folder, unless it is (or holds) the content or the working folder."""
    output, content = os.path.realpath(output_path), os.path.realpath(content_path)
    if output not in (content, os.getcwd()) and not content.startswith(output + os.sep):
        _remove(output)


def snapshot(folder):
    """Each file under the folder with its size and modification time: what was checked."""
    files = {}
    for dirpath, _dirnames, filenames in os.walk(folder):
        for name in filenames:
            path = os.path.join(dirpath, name)
            with contextlib.suppress(OSError):
                status = os.lstat(path)
                files[path] = (status.st_size, status.st_mtime_ns)
    return files


def published(findings, settings):
    """The findings with staged paths shown as the output paths they are about to become."""
    staging, output = settings["OUTPUT_PATH"], settings.get("PUBLISHED_OUTPUT_PATH")
    if not output or os.path.abspath(staging) == os.path.abspath(output):
        return list(findings)
    prefix = os.path.abspath(staging) + os.sep
    return [
        dataclasses.replace(finding, output_file=as_output(finding.output_file, prefix, output))
        for finding in findings
    ]


def as_output(path, staging_prefix, output):
    path = os.path.abspath(path)
    if path.startswith(staging_prefix):
        return os.path.join(os.path.abspath(output), path[len(staging_prefix) :])
    return path


def output_problems(settings, config_file="pelicanconf.py"):
    """The output is replaced whole on every build: it must be a folder of its own."""
    output = os.path.realpath(settings["OUTPUT_PATH"])
    content = os.path.realpath(settings["PATH"])
    if output in (content, os.path.realpath(os.getcwd())) or content.startswith(output + os.sep):
        return [
            Problem(
                config_file,
                "OUTPUT_PATH is the content folder, the working folder or holds the content; "
                "each build replaces it whole, so give it a folder of its own (e.g. output)",
            )
        ]
    return []


def _remove(path):
    if os.path.islink(path) or not os.path.isdir(path):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)
    else:
        shutil.rmtree(path, ignore_errors=True)


def _exchange(first, second):
    """Swap two names atomically; False where the system cannot."""
    libc_name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(libc_name, use_errno=True)
    except OSError:
        return False
    paths = (os.fsencode(first), os.fsencode(second))
    if sys.platform.startswith("linux") and hasattr(libc, "renameat2"):
        at_fdcwd, rename_exchange = -100, 2
        result = libc.renameat2(at_fdcwd, paths[0], at_fdcwd, paths[1], rename_exchange)
    elif sys.platform == "darwin" and hasattr(libc, "renamex_np"):
        rename_swap = 2
        result = libc.renamex_np(paths[0], paths[1], rename_swap)
    else:
        return False
    return result == 0
