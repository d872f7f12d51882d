"""The synthetic site is the same for the same seed, and extras never change the articles."""

import hashlib
import re

import pytest
import sitegen

# sha256 of content/news/*.md and the watchlist of make_site(root, 1000, SEED), as the
# generator in scripts/bench.py made them before it moved here: the 1,000-article site
# used to prove byte-identical builds must stay the same.
NEWS_DIGEST_1000 = "8fd8281db9e9c91d33148d1b5f15153bee64f32235ea5e4d478c5307803c3247"


def _digest(content, folders=("news",)):
    digest = hashlib.sha256()
    paths = [p for folder in folders for p in sorted((content / folder).rglob("*")) if p.is_file()]
    for path in [*paths, content / "private" / "watchlist.md"]:
        digest.update(path.relative_to(content).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def test_the_1000_article_site_is_the_one_made_before(tmp_path):
    site = sitegen.make_site(tmp_path, 1000, sitegen.SEED)
    assert len(site.articles) == 1000
    assert _digest(site.content) == NEWS_DIGEST_1000


def test_same_seed_same_files_other_seed_other_files(tmp_path):
    first = sitegen.make_site(tmp_path / "a", 30, 7)
    again = sitegen.make_site(tmp_path / "b", 30, 7)
    other = sitegen.make_site(tmp_path / "c", 30, 8)
    folders = ("news", "images")
    assert _digest(first.content, folders) == _digest(again.content, folders)
    assert _digest(first.content, folders) != _digest(other.content, folders)


def test_no_confidential_value_is_in_the_public_text_by_chance(tmp_path):
    site = sitegen.make_site(tmp_path, 60, sitegen.SEED)
    values = [*site.watchlist, *(v for a in site.articles for v in a.field_values)]
    assert len(values) > 50
    # The body, less its `::: confidential` blocks (the header holds the fields).
    bodies = (a.text.split("\n\n", 1)[1] for a in site.articles)
    public = [re.sub(r"^::: confidential$.*?^:::$", "", b, flags=re.M | re.S) for b in bodies]
    assert sum("::: confidential" in a.text for a in site.articles) > 5
    leaked = [i for i, value in enumerate(values) if any(value in text for text in public)]
    assert not leaked, f"values number {leaked} occur in public text"


def test_an_extra_kind_of_file_leaves_the_articles_alone(tmp_path, monkeypatch):
    def write_notes(content, rng, count):
        paths = [f"extra/note-{n}.txt" for n in range(count)]
        for path in paths:
            (content / path).write_text(f"{rng.random()}\n", encoding="utf-8")
        return paths

    monkeypatch.setitem(sitegen.EXTRA_FILES, "notes", write_notes)
    plain = sitegen.make_site(tmp_path / "plain", 20, 5)
    extra = sitegen.make_site(tmp_path / "extra", 20, 5, notes=3)
    assert extra.extras == {"notes": ["extra/note-0.txt", "extra/note-1.txt", "extra/note-2.txt"]}
    assert all((extra.content / path).is_file() for path in extra.extras["notes"])
    assert _digest(plain.content, ("news", "images")) == _digest(extra.content, ("news", "images"))


def test_an_unknown_kind_of_file_is_refused(tmp_path):
    with pytest.raises(TypeError, match="no writer for spreadsheets"):
        sitegen.make_site(tmp_path, 5, 1, spreadsheets=2)
