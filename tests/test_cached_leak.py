"""A cached rebuild still finds a leak whose watched value lives in an unchanged article.

With CACHE_CONTENT and LOAD_CONTENT_CACHE, Pelican reads the unchanged articles from its
cache; the guard must still know their confidential fields. (The case where the changed
article leaks its own field is in test_confidential.py.)
"""

from conftest import Build, assert_absent, assert_clean_failure, run_command
from sitegen import make_site


def _cached_build(site, output):
    result = run_command("build", "-s", site.root / "cached.py", "-o", output, cwd=site.root)
    return Build(result.returncode, result.stdout, result.stderr, output)


def test_a_cached_rebuild_finds_a_value_from_an_unchanged_article(tmp_path):
    site = make_site(tmp_path / "site", 8)
    donor = next(article for article in site.articles[:-1] if article.field_values)
    secret = min(donor.field_values, key=len)
    output = site.root / "output"
    first = _cached_build(site, output)
    assert first.returncode == 0, first.log
    assert (site.root / "cache").is_dir(), "the first build should have filled the cache"

    changed = site.content / site.articles[-1].path
    changed.write_text(site.articles[-1].text + f"\nA note: {secret}.\n", encoding="utf-8")
    second = _cached_build(site, output)
    assert_clean_failure(second, f"from content/{donor.path}")
    assert_absent(second, secret)
