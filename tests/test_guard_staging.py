"""Fail closed: Pelican writes into a staging folder, and output/ is replaced by it only
once every check has passed. Any finding or error leaves output/ as it was (or absent)
and removes the staging folder. Real builds, real Pelican; the swap itself in-process."""

import hashlib
import io
import os
import subprocess
import sys
import textwrap
import threading
import time

import pytest
from conftest import PLUGINS, assert_absent, assert_clean_failure
from PIL import Image
from test_devserver import DevServer, _free_port, _get, _wait_for

from guard import workspace
from guard.findings import Finding

# Made up for these tests.
WATCHED = "Philomena Tregothnan"
CHILD = "Barnaby Penhallow"


def _tree(folder):
    """{relative path: sha256} of every file: what a reader of the site could get."""
    if not folder.exists():
        return None
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _staging_left(site):
    return workspace.staging_folders(site.output)


def _post(site, body, slug="visit", extra=""):
    site.write(
        f"news/{slug}.md", f"Title: A visit\nSlug: {slug}\nDate: 2026-11-03\n{extra}\n{body}\n"
    )


def _jpeg(size=(320, 240)):
    buffer = io.BytesIO()
    Image.effect_noise(size, 40).convert("RGB").save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


@pytest.fixture
def built(small_site):
    """A small site built once: the last good site every test starts from."""
    small_site.write("images/intact.jpg", "")
    (small_site.content / "images/intact.jpg").write_bytes(_jpeg())  # a false-positive control
    _post(small_site, "We read a story together.")
    build = small_site.build()
    assert build.returncode == 0, build.log
    assert (build.output / "images/intact.jpg").is_file()
    return small_site, _tree(build.output)


def _assert_untouched(site, before):
    assert _tree(site.output) == before, "output/ changed after a failed build"
    assert _staging_left(site) == [], "the staging folder was left behind"


def test_a_leak_leaves_the_last_good_site_and_removes_the_staging_folder(built):
    site, before = built
    _post(site, f"We met {CHILD} today.", extra=f"Child_Name: {CHILD}\n")
    build = site.build()
    assert_clean_failure(build, "output/news/visit/index.html: child_name from content/news")
    assert ".staging-" not in build.log, "findings name the output, not the staging folder"
    _assert_untouched(site, before)
    assert_absent(build, CHILD)


def test_a_leak_on_the_first_build_leaves_no_output(small_site):
    _post(small_site, f"We met {CHILD} today.", extra=f"Child_Name: {CHILD}\n")
    build = small_site.build()
    assert_clean_failure(build, "child_name")
    assert not small_site.output.exists()
    assert _staging_left(small_site) == []


def test_a_truncated_photo_fails_with_one_line_and_leaves_output(built):
    site, before = built
    data = _jpeg()
    (site.content / "images/broken.jpg").write_bytes(data[: len(data) // 2])
    build = site.build()
    assert_clean_failure(build)
    lines = [line for line in build.log.splitlines() if "broken.jpg" in line]
    assert lines == [  # the photos plugin reads it first, and names the source
        "content/images/broken.jpg: could not be read as a photo (OSError); "
        "open it and save it again as JPEG, or remove it"
    ], build.log
    assert "intact.jpg" not in build.log, "an intact photo is not a finding"
    _assert_untouched(site, before)


def test_a_broken_link_leaves_output(built):
    """The policies link check runs after the guard's: the swap waits for it too."""
    site, before = built
    _post(site, "See [fees]({filename}/pages/no-such-page.md).")
    build = site.build()
    assert_clean_failure(build, "output/news/visit/index.html: broken link")
    assert ".staging-" not in build.log
    _assert_untouched(site, before)


def _extra_plugin(site, name, code):
    folder = site.root / "extra-plugins"
    (folder / name).mkdir(parents=True, exist_ok=True)
    (folder / name / "__init__.py").write_text(textwrap.dedent(code), encoding="utf-8")
    site.overrides["PLUGIN_PATHS"] = [str(PLUGINS), str(folder)]
    site.overrides["PLUGINS"] = ["guard", "policies", "authoring", name]


def test_an_exception_in_a_plugin_leaves_output(built):
    site, before = built
    _extra_plugin(
        site,
        "boom",
        """
        from pelican import signals

        def register():
            signals.finalized.connect(explode)

        def explode(pelican):
            raise RuntimeError("a plugin fell over")
        """,
    )
    _post(site, "A new version of the story.")  # written before the error: never served
    build = site.build()
    assert_clean_failure(build, "Build failed: RuntimeError: a plugin fell over")
    _assert_untouched(site, before)


def test_a_file_written_after_the_guard_checked_is_checked_before_the_swap(built):
    """A plugin later in PLUGINS writing at `finalized` cannot slip a file past the guard."""
    site, before = built
    site.write("private/watchlist.md", f"- {WATCHED}\n")
    _extra_plugin(
        site,
        "late_writer",
        f"""
        import os
        from pelican import signals

        def register():
            signals.finalized.connect(write_late)

        def write_late(pelican):
            with open(os.path.join(pelican.output_path, "late.html"), "w") as handle:
                handle.write("<p>" + {WATCHED!r} + "</p>")
        """,
    )
    build = site.build()
    assert_clean_failure(build, "output/late.html: content/private")
    _assert_untouched(site, before)
    assert_absent(build, WATCHED)


def test_a_last_site_that_shows_a_newly_watched_value_is_removed(small_site):
    """The last good site is only kept while it is still good: a name added to the
    watchlist since, shown on the live site, takes the live site away."""
    _post(small_site, f"Thank you to {WATCHED} for the story.")
    first = small_site.build()
    assert first.returncode == 0, first.log
    small_site.write("private/watchlist.md", f"- {WATCHED}\n")
    build = small_site.build()
    assert_clean_failure(
        build, "output: removed, as the last site shows a value that is now watched"
    )
    assert not small_site.output.exists()
    assert _staging_left(small_site) == []


def test_a_plain_pelican_run_with_the_guard_is_protected_too(built):
    """No wrapper: `pelican` itself, the guard in PLUGINS, an uncaught BuildFailed."""
    site, before = built
    _post(site, f"We met {CHILD} today.", extra=f"Child_Name: {CHILD}\n")
    env = {**os.environ, "PYTHONPATH": str(PLUGINS), "PYTHONDONTWRITEBYTECODE": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "pelican", "-s", str(site.settings_file()), "-o", str(site.output)],
        cwd=site.root, env=env, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert result.returncode != 0
    if CHILD in result.stdout + result.stderr:
        pytest.fail("pelican printed the secret", pytrace=False)
    _assert_untouched(site, before)


_RUNNER = "code = runner.build(sys.argv[1], sys.argv[2])\n"
_PELICAN = (  # Pelican itself, in-process: only the guard can clean up before the exit
    "import pelican; from sitebase.problems import BuildFailed\n"
    "args = runner.pelican_args(sys.argv[1], sys.argv[2])\n"
    "code = 0\n"
    "try:\n    pelican.get_instance(args)[0].run()\n"
    "except BuildFailed:\n    code = 1\n"
)


def _left_before_exit(site, body):
    """Run `body`, then count the staging folders before the process ends (at its exit
    the guard removes them anyway: this sees whether the run itself did)."""
    script = (
        "import sys; from commands import runner; from guard import workspace\n"
        f"{body}print('left:', len(workspace.staging_folders(sys.argv[2])))\nsys.exit(code)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(PLUGINS), "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(
        [sys.executable, "-c", script, str(site.settings_file()), str(site.output)],
        cwd=site.root, env=env, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip


def test_the_runner_removes_what_a_failed_run_staged(built):
    """An error the guard never sees (a broken template): runner.build cleans up itself."""
    site, before = built
    (site.theme / "templates/article.html").write_text("{% if %}\n", encoding="utf-8")
    result = _left_before_exit(site, _RUNNER)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "left: 0" in result.stdout, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    _assert_untouched(site, before)


def test_the_guard_removes_its_staging_folder_on_a_finding(built):
    """Without our runner (any Pelican site with the guard): the guard cleans up itself."""
    site, before = built
    _post(site, f"We met {CHILD} today.", extra=f"Child_Name: {CHILD}\n")
    result = _left_before_exit(site, _PELICAN)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "left: 0" in result.stdout, result.stdout + result.stderr
    _assert_untouched(site, before)


def test_an_output_folder_that_holds_the_content_is_refused(small_site):
    small_site.output = small_site.root
    refused = small_site.build()
    assert_clean_failure(refused, "OUTPUT_PATH is the content folder, the working folder")
    assert (small_site.content / "pages").is_dir()


def test_the_devserver_never_serves_an_unchecked_page(small_site):
    _post(small_site, "The first version.")
    server = DevServer(small_site, _free_port())
    seen, stop = [], threading.Event()

    def poll():
        while not stop.is_set():
            seen.append(_get(server.port, "/news/visit/")[1])

    try:
        _wait_for(lambda: "first version" in _get(server.port, "/news/visit/")[1], "the site")
        poller = threading.Thread(target=poll, daemon=True)
        poller.start()
        _post(small_site, f"The second version names {CHILD}.", extra=f"Child_Name: {CHILD}\n")
        _wait_for(lambda: "The last good pages are still served." in server.log, "the notice")
        template = small_site.theme / "templates/article.html"
        template.write_text("{% if %}\n", encoding="utf-8")
        _wait_for(lambda: server.log.count("The last good pages") >= 2, "the template error")
        time.sleep(0.5)
        stop.set()
        poller.join(timeout=10)
        assert _staging_left(small_site) == [], "the devserver left a staging folder"
    finally:
        stop.set()
        server.stop()
    assert "Traceback" not in server.log
    assert len(seen) > 10, "the page was hardly fetched while it rebuilt"
    for body in seen:
        if CHILD in body:
            pytest.fail("the devserver served an unchecked page with the secret", pytrace=False)
    assert all("first version" in body for body in seen if body)


# The swap and the paths, in-process.


@pytest.mark.parametrize("atomic", [True, False], ids=["exchange", "two renames"])
def test_the_swap_replaces_the_output_whole(tmp_path, monkeypatch, atomic):
    if not atomic:
        monkeypatch.setattr(workspace, "_exchange", lambda first, second: False)
    output = tmp_path / "output"
    (output / "old-only").mkdir(parents=True)
    (output / "index.html").write_text("old")
    staging = workspace.new_staging(output)
    assert os.path.dirname(staging) == str(tmp_path), "beside the output: one filesystem"
    (tmp_path / "stray").mkdir()
    with open(os.path.join(staging, "index.html"), "w") as handle:
        handle.write("new")
    workspace.swap_in(staging, output)
    assert (output / "index.html").read_text() == "new"
    assert not (output / "old-only").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output", "stray"]


def test_the_first_swap_renames_the_staging_folder(tmp_path):
    staging = workspace.new_staging(tmp_path / "output")
    workspace.swap_in(staging, tmp_path / "output")
    assert [p.name for p in tmp_path.iterdir()] == ["output"]


def test_a_leftover_staging_folder_is_removed_by_the_next_run(tmp_path):
    first = workspace.new_staging(tmp_path / "output")
    second = workspace.new_staging(tmp_path / "output")
    assert not os.path.exists(first)
    assert workspace.staging_folders(tmp_path / "output") == [second]
    assert workspace.staging_folders(tmp_path / "output-other") == []


def test_retained_files_are_carried_into_the_staging_folder(tmp_path):
    (tmp_path / "output/.git").mkdir(parents=True)
    (tmp_path / "output/.git/HEAD").write_text("ref")
    (tmp_path / "output/stale.html").write_text("old")
    staging = workspace.new_staging(tmp_path / "output", retained=[".git", "missing"])
    assert sorted(os.listdir(staging)) == [".git"]


def test_findings_name_the_output_not_the_staging_folder(tmp_path):
    settings = {
        "OUTPUT_PATH": str(tmp_path / ".output.staging-x"),
        "PUBLISHED_OUTPUT_PATH": str(tmp_path / "output"),
    }
    finding = Finding(str(tmp_path / ".output.staging-x/news/index.html"), "broken link")
    (shown,) = workspace.published([finding], settings)
    assert shown.output_file == str(tmp_path / "output/news/index.html")
    assert shown.rule == "broken link"
