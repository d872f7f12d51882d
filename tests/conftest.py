"""Shared test helpers: copy the real site into a temp dir, change it, build it for real.

Builds run `python -m commands build` in a subprocess, exactly as `make html` does,
so tests see the real exit code and the real messages a member of staff would see.
"""

import os
import shutil
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PLUGINS = REPO / "plugins"


@dataclass
class Build:
    """The result of one real build."""

    returncode: int
    stdout: str
    stderr: str
    output: Path

    @property
    def log(self):
        return self.stdout + self.stderr

    def read(self, relative):
        return (self.output / relative).read_text(encoding="utf-8")

    def files(self, suffix=""):
        if not self.output.exists():
            return []
        return sorted(p for p in self.output.rglob("*") if p.is_file() and p.name.endswith(suffix))

    def html_pages(self):
        return self.files(".html")


class Site:
    """A copy of the real site (content, theme, settings) in a temp dir."""

    def __init__(self, root, content=True):
        self.root = Path(root)
        self.content = self.root / "content"
        self.theme = self.root / "theme"
        self.output = self.root / "output"
        shutil.copytree(REPO / "theme", self.theme)
        if content:
            shutil.copytree(REPO / "content", self.content)
        else:
            for folder in ("pages", "policies"):
                shutil.copytree(REPO / "content" / folder, self.content / folder)
        self.overrides = {}

    def write(self, relative, text, where=None):
        """Write a file under content/ (or under `where`), dedented; returns its path."""
        path = (where or self.content) / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    def remove(self, relative):
        (self.content / relative).unlink()

    def settings_file(self, base="pelicanconf"):
        lines = [
            "import sys",
            f"sys.path.insert(0, {str(REPO)!r})",
            f"from {base} import *  # noqa: F403",
            f"PATH = {str(self.content)!r}",
            f"THEME = {str(self.theme)!r}",
            f"PLUGIN_PATHS = [{str(PLUGINS)!r}]",
            f"CACHE_PATH = {str(self.root / 'cache')!r}",
        ]
        lines += [f"{name} = {value!r}" for name, value in self.overrides.items()]
        path = self.root / f"{base}_test.py"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path

    def build(self, base="pelicanconf", command="build", extra=()):
        """Run the real build (or `check`) and return what it did."""
        settings = self.settings_file(base)
        result = run_command(command, "-s", settings, "-o", self.output, *extra, cwd=self.root)
        return Build(result.returncode, result.stdout, result.stderr, self.output)

    def check(self):
        return self.build(command="check")


def run_command(*args, cwd):
    """`python -m commands ARGS` with the plugins importable, as the Makefile runs it."""
    env = {**os.environ, "PYTHONPATH": str(PLUGINS), "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(
        [sys.executable, "-m", "commands", *map(str, args)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def assert_clean_failure(build, *expected):
    """A failed build: non-zero exit, no traceback, each expected text in its messages."""
    assert build.returncode != 0, "the build should have failed"
    assert "Traceback" not in build.log, "a traceback was printed"
    for text in expected:
        assert text in build.log, f"expected {text!r} in the build's messages"


def line_with(build, text):
    """The one message line that contains `text` (so a message is never split)."""
    lines = [line for line in build.log.splitlines() if text in line]
    assert lines, f"no line with {text!r} in:\n{build.log}"
    return lines[0]


def assert_refused_before_writing(build, path, *words):
    """Failed cleanly, with one line naming `path` and saying each of `words`; no output."""
    assert_clean_failure(build, f"{path}: ")
    line = line_with(build, f"{path}: ")
    for word in words:
        assert word in line, f"{word!r} not in {line!r}"
    assert not build.output.exists(), "nothing should be written when the input is bad"
    return line


def assert_absent(build, secret):
    """The secret is in no output file and in nothing the build printed.

    The failure message never repeats the secret: it names the file only.
    """
    # Plain `if`, not `assert`: pytest would print both operands, secret included.
    if secret in build.log:
        pytest.fail("the secret appeared in the build's messages", pytrace=False)
    for path in build.files():
        if secret.encode() in path.read_bytes():
            pytest.fail(f"the secret is in {path}", pytrace=False)


def printed_forms(secret):
    """The forms a build could print a value in: as written, any case, slugified,
    percent-encoded."""
    from urllib.parse import quote, quote_plus

    from pelican.utils import slugify

    slug = slugify(secret, regex_subs=[(r"[^\w\s-]", ""), (r"[-\s]+", "-")])
    return {form.casefold() for form in (secret, slug, quote(secret), quote_plus(secret))}


def assert_absent_in_every_form(build, secret):
    """`assert_absent`, and no form of the secret (any case, slug, %-encoded) in what the
    build printed. The failure message never repeats the secret."""
    assert_absent(build, secret)
    log = build.log.casefold()
    for number, form in enumerate(sorted(printed_forms(secret)), 1):
        if form in log:
            pytest.fail(f"form {number} of the secret appeared in the messages", pytrace=False)


@pytest.fixture
def site(tmp_path):
    """The real site, copied into a temp dir, ready to be changed and built."""
    return Site(tmp_path)


@pytest.fixture
def small_site(tmp_path):
    """Our theme, the real pages and policies, and no news: fast to build."""
    return Site(tmp_path, content=False)


@pytest.fixture(scope="session")
def real_build(tmp_path_factory):
    """The real site, built once for every test that only reads the output."""
    build = Site(tmp_path_factory.mktemp("real")).build()
    assert build.returncode == 0, build.log
    return build
