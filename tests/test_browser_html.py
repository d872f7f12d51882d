"""Valid HTML: the Nu HTML Checker (vnu.jar, the W3C validator's engine) on every page.

Every HTML page of the local, publish and paginated builds, plus the stylesheet and
SVGs, in one run with the machine's Java. vnu.jar comes from npm (package.json,
pinned; `make test` runs `npm ci` first). A deliberately broken page goes in the same
run, to prove the checker really looked. Missing Java or vnu.jar fails, never skips.
"""

import json
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

pytest_plugins = ["browser"]

REPO = Path(__file__).resolve().parents[1]
VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
BROKEN = '<!DOCTYPE html>\n<html lang="en">\n<title>Broken</title>\n<p>Closed twice</i>\n'


def _vnu(files):
    java = shutil.which("java")
    if java is None:
        pytest.fail("java is not installed: vnu.jar needs Java 17+ (apt-get install "
                    "default-jre-headless; .ci/run installs it)", pytrace=False)  # fmt: skip
    if not VNU.is_file():
        pytest.fail(f"{VNU} is missing: run `make test` (it runs `npm ci` from "
                    "package-lock.json), or `npm ci` yourself", pytrace=False)  # fmt: skip
    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", "--stdout",
         "--also-check-css", "--also-check-svg", *map(str, files)],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    try:
        return json.loads(result.stdout)["messages"]
    except (json.JSONDecodeError, KeyError):
        pytest.fail(f"vnu gave no report (exit {result.returncode}): {result.stderr[-2000:]}")


def _url(path):
    """A file as vnu names it in its report: file:/abs/path."""
    return "file:" + str(path.resolve())


def test_every_page_is_valid_html(real_build, publish_site, paginated_site, tmp_path):
    builds = {"local": real_build, "publish": publish_site.build, "paginated": paginated_site.build}
    files = {}  # vnu's name for the file -> (path, label)
    for name, build in builds.items():
        for path in build.files():
            if path.suffix in (".html", ".css", ".svg"):
                files[_url(path)] = (path, f"{name}: {path.relative_to(build.output)}")
    broken = tmp_path / "broken.html"
    broken.write_text(BROKEN, encoding="utf-8")
    messages = _vnu([*(path for path, _ in files.values()), broken])

    errors = Counter(m.get("url", "") for m in messages)
    assert errors.pop(_url(broken), 0) > 0, "vnu found nothing wrong in a broken page"
    pages = [label for _, label in files.values() if label.endswith(".html")]
    print(f"\nvnu: {len(files)} files ({len(pages)} HTML pages), errors in each:")
    for url, (_, label) in files.items():
        print(f"  {errors[url]:3}  {label}")
    assert len(pages) >= 3 * 25
    problems = [
        f"{files.get(m.get('url'), (None, m.get('url')))[1]}:{m.get('lastLine', '?')}: "
        f"{m.get('message')}"
        for m in messages
        if m.get("url") != _url(broken)
    ]
    assert not problems, f"{len(problems)} HTML errors:\n" + "\n".join(problems)
