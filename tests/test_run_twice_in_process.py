"""The plugins are re-entrant: Pelican can run twice in one process (as autoreload does,
and as pelican-plugins' own tests do), and each run starts from the sources as they are
then, never from what an earlier run learnt."""

import pytest
from pelican import Pelican
from pelican.settings import read_settings

from sitebase.problems import BuildFailed

CHILD = "Tamsin Polkinghorne"


def _run(site):
    """One build of `site` in this process, as `pelican -s SETTINGS -o OUTPUT` runs it."""
    settings = read_settings(str(site.settings_file()), override={"OUTPUT_PATH": str(site.output)})
    Pelican(settings).run()


def _snapshot(folder):
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_two_runs_in_one_process_write_the_same_site(small_site):
    _run(small_site)
    first = _snapshot(small_site.output)
    _run(small_site)
    second = _snapshot(small_site.output)
    assert first, "the first run wrote nothing"
    assert sorted(second) == sorted(first)
    changed = [name for name in first if first[name] != second[name]]
    assert changed == [], f"files differ between two runs: {changed[:5]}"


def test_a_second_run_watches_a_value_added_since_the_first(small_site, capsys):
    small_site.write("pages/visit.md", f"Title: Visit\n\nAsk {CHILD} about the garden.\n")
    _run(small_site)
    assert (small_site.output / "pages" / "visit.html").exists() or any(
        small_site.output.rglob("visit*")
    ), "the first run should publish the page"
    small_site.write("private/watchlist.md", f"- {CHILD}\n")
    with pytest.raises(BuildFailed):
        _run(small_site)
    if CHILD in capsys.readouterr().err:
        pytest.fail("the second run printed the watched value", pytrace=False)


def test_a_source_removed_between_runs_is_not_read_again(small_site):
    small_site.write("pages/notice.md", "Title: Notice\n\nThe garden opens on Monday.\n")
    _run(small_site)
    assert any(small_site.output.rglob("notice*"))
    small_site.remove("pages/notice.md")
    _run(small_site)
    assert not any(small_site.output.rglob("notice*")), "the removed page is still published"
