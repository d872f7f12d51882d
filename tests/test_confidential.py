"""The confidentiality guard: every route a value could take to the public site.

Each route is built for real. A value either never reaches the output (stripped
before rendering) or the build fails, naming the output file, the rule and the
source file, and never printing the value. Secret values live only in these
constants; no assertion or test id ever shows them.
"""

import json

import pytest
from conftest import REPO, assert_absent, assert_clean_failure
from PIL import Image

import guard.settings
from commands.runner import load_settings
from guard.views.images import metadata_kinds

CHILD = "Zebedee Quartermaine"
REFERENCE = "CR-2026-0173"
OUTCOME = "Partially upheld after review with family"
STAFF_PHONE = "07700 900123"
WATCHED_NAME = "Ann Hopkins"


def _article(site, body, *, extra_meta="", slug="visit", title="A visit"):
    header = [
        f"Title: {title}",
        "Date: 2026-11-03",
        f"Slug: {slug}",
        f"Child_Name: {CHILD}",
        f"Complaint_Reference: {REFERENCE}",
        f"Complaint_Outcome: {OUTCOME}",
        *([extra_meta] if extra_meta else []),
    ]
    path = site.content / "news" / f"{slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(header) + "\n\n" + body, encoding="utf-8")


def _watchlist(site, *lines):
    site.write("private/watchlist.md", "\n".join(lines) + "\n")


# Layer 1: confidential fields never reach any template.


def test_templates_that_print_confidential_fields_publish_nothing(small_site):
    article = small_site.theme / "templates/article.html"
    article.write_text(
        article.read_text().replace(
            "{% block content %}",
            "{% block content %}<p>{{ article.child_name }} {{ article.complaint_outcome }}"
            " {{ article.metadata }}</p>",
            1,
        )
    )
    _article(small_site, "A lovely visit to the farm.\n")
    build = small_site.build()
    assert build.returncode == 0, build.log
    assert (build.output / "news/visit/index.html").is_file()
    for secret in (CHILD, REFERENCE, OUTCOME):
        assert_absent(build, secret)


def test_confidential_blocks_and_comments_are_removed_before_rendering(small_site):
    small_site.write(
        "news/block.md",
        f"""
        Title: Harvest festival
        Date: 2026-10-10
        Slug: harvest

        Bring a tin for the food bank.

        ::: confidential
        {CHILD} needs a quiet space during the singing.
        :::

        <!-- note for staff: {REFERENCE} -->

        See you there.
        """,
    )
    build = small_site.build()
    assert build.returncode == 0, build.log
    page = build.read("news/harvest/index.html")
    assert "Bring a tin" in page
    assert "See you there." in page
    assert_absent(build, CHILD)
    assert_absent(build, REFERENCE)
    assert_absent(build, "quiet space")


def test_an_unclosed_confidential_block_stops_the_build(small_site):
    small_site.write(
        "pages/open.md",
        f"Title: Open\nSlug: open\n\nPublic.\n\n::: confidential\n{CHILD}\n",
    )
    build = small_site.build()
    assert_clean_failure(build, "content/pages/open.md: line 6: '::: confidential' block is never")
    assert_absent(build, CHILD)


# Layer 2: the scan of everything written. Each route must fail the build.

LEAK_ROUTES = {
    "pasted into the body": f"The outcome was: {OUTCOME}.",
    "split by emphasis": "We met Zebedee *Quartermaine* today.",
    "split inside a word by emphasis": "We met Zebedee Quarter**maine** today.",
    "split by a line break": "We met Zebedee\nQuartermaine today.",
    "in an alt attribute": "![Photo of Zebedee Quartermaine](images/x.png)",
    "in a title attribute": '<abbr title="Zebedee Quartermaine">ZQ</abbr>',
    "entity encoded": "We met &#90;ebedee &#x51;uartermaine.",
    "percent encoded in a link": "[search](https://example.org/?q=Zebedee%20Quartermaine)",
    "with a soft hyphen inside": "We met Zebedee Quarter\u00admaine.",
    "with an entity soft hyphen": "We met Zebedee Quarter&shy;maine.",
    "with zero-width characters": "We met Zebe\u200bdee Quarter\u200cmaine.",
    "in upper case": "WE MET ZEBEDEE QUARTERMAINE.",
    "as a slug": "[more](https://example.org/zebedee-quartermaine/)",
    "complaint reference with dashes changed": "Ref CR\u20132026\u20130173 closed.",
}


def test_each_leak_route_fails_the_build_without_printing_it(small_site):
    """One build, one article per route: each article's page is named, with its source."""
    slugs = {route: f"route-{number}" for number, route in enumerate(sorted(LEAK_ROUTES))}
    for route, slug in slugs.items():
        _article(small_site, LEAK_ROUTES[route] + "\n", slug=slug, title=f"Visit {slug}")
    build = small_site.build()
    assert_clean_failure(build)
    for route, slug in slugs.items():
        assert f"output/news/{slug}/index.html: " in build.log, route
        assert f"from content/news/{slug}.md" in build.log, route
    assert "child_name" in build.log
    assert "complaint_" in build.log
    for secret in (CHILD, REFERENCE, OUTCOME):
        assert_absent(build, secret)
    assert not build.output.exists(), "a leaking output folder must be removed"


def test_every_finding_is_listed_with_its_rule_and_source(small_site):
    _article(small_site, f"{CHILD} and {OUTCOME} and {REFERENCE}.\n", slug="many")
    small_site.write("pages/again.md", f"Title: Again\nSlug: again\n\nAgain: {CHILD}.\n")
    build = small_site.build()
    assert_clean_failure(build)
    for expected in (
        "output/news/many/index.html: child_name from content/news/many.md",
        "output/news/many/index.html: complaint_outcome from content/news/many.md",
        "output/news/many/index.html: complaint_reference from content/news/many.md",
        "output/again/index.html: child_name from content/news/many.md",
    ):
        assert expected in build.log, expected


def test_a_value_in_a_summary_is_caught_on_the_index_and_in_the_feed(small_site):
    small_site.overrides["FEED_ALL_ATOM"] = "feeds/all.atom.xml"
    _article(small_site, "Plain body.\n", extra_meta=f"Summary: A day out with {CHILD}.")
    build = small_site.build()
    assert_clean_failure(
        build, "output/index.html: child_name", "output/feeds/all.atom.xml: child_name"
    )
    assert_absent(build, CHILD)


def test_a_value_in_a_title_is_caught_in_the_slug_and_feed(small_site):
    small_site.overrides["FEED_ALL_ATOM"] = "feeds/all.atom.xml"
    small_site.write(
        "news/titled.md",
        f"Title: Welcome {WATCHED_NAME}\nDate: 2026-11-04\n\nHello.\n",
    )
    _watchlist(small_site, f"child: {WATCHED_NAME}")
    build = small_site.build()
    assert_clean_failure(
        build,
        "output/feeds/all.atom.xml: content/private from content/private/watchlist.md",
        "output/news/[withheld #",  # the slug holds the value: its folder is not named
    )
    assert_absent(build, WATCHED_NAME)


def test_a_hidden_page_is_written_but_scanned(small_site):
    small_site.write(
        "pages/hidden.md",
        f"Title: Staff rota\nSlug: rota\nStatus: hidden\n\nOn duty: {WATCHED_NAME}.\n",
    )
    _watchlist(small_site, WATCHED_NAME)
    assert_clean_failure(small_site.build(), "output/rota/index.html: content/private")


STATIC_LEAKS = {
    "notes.txt": f"Phone list: {WATCHED_NAME}",
    "data.json": json.dumps({"who": WATCHED_NAME}, ensure_ascii=False),
    "escaped.json": '{"who": "\\u0041nn \\u0048opkins"}',
    "ann-hopkins-consent.txt": "Nothing inside but the name of the file.",
}


def test_static_files_and_their_names_are_scanned(small_site):
    small_site.overrides["STATIC_PATHS"] = ["images", "files"]
    for name, data in STATIC_LEAKS.items():
        small_site.write(f"files/{name}", data)
    _watchlist(small_site, WATCHED_NAME)
    build = small_site.build()
    named_after = "ann-hopkins-consent.txt"  # its own name shows the value: withheld
    expected = [f"output/files/{name}: content/private" for name in STATIC_LEAKS]
    expected.remove(f"output/files/{named_after}: content/private")
    assert_clean_failure(build, *expected, "output/files/[withheld #")
    assert_absent(build, WATCHED_NAME)
    assert_absent(build, "ann-hopkins")


def test_watchlist_forms_watch_the_value_in_any_typography(small_site):
    small_site.write(
        "pages/quotes.md", "Title: Quotes\nSlug: quotes\n\nThanks to Ann O\u2019Neill-Smythe.\n"
    )
    small_site.write("pages/phone.md", f"Title: Call\nSlug: call\n\nCall {WATCHED_NAME}.\n")
    _watchlist(small_site, "# Children", "", f"- key worker for the Robins: {WATCHED_NAME}",
               "Ann O'Neill-Smythe")  # fmt: skip
    assert_clean_failure(
        small_site.build(),
        "output/quotes/index.html: content/private",
        "output/call/index.html: content/private",
    )


# Contact details: only the listed public ones may appear.


UNLISTED_CONTACTS = {
    "email": ("Email jo.bloggs@example.net for details.", "unlisted email address"),
    "mobile": (f"Ring {STAFF_PHONE} after six.", "unlisted phone number"),
    "international": ("Ring +44 (0)1872 555010.", "unlisted phone number"),
    "mailto": ("[mail](mailto:jo.bloggs%40example.net)", "unlisted email address"),
}


def test_unlisted_contact_details_fail_the_build(small_site):
    for kind, (text, _rule) in UNLISTED_CONTACTS.items():
        small_site.write(f"pages/{kind}.md", f"Title: Contacts {kind}\nSlug: {kind}\n\n{text}\n")
    build = small_site.build()
    assert_clean_failure(
        build,
        *(f"output/{kind}/index.html: {rule}" for kind, (_, rule) in UNLISTED_CONTACTS.items()),
    )
    assert_absent(build, STAFF_PHONE)


def test_listed_contacts_site_facts_and_near_misses_are_not_findings(small_site):
    small_site.overrides["PUBLIC_CONTACTS"] = [
        "hello@example.org",
        *("enquiries@ofsted.gov.uk", "0300 123 4666", "0300 123 1231"),
    ]
    small_site.overrides["SITE_FACTS"] = {"phone": "01872 555010", "email": "TBC: email"}
    small_site.write(
        "pages/contacts.md",
        "Title: Contacts\nSlug: contacts\n\nEmail hello@example.org or ring 01872 555010.\n",
    )
    small_site.write(
        "pages/names.md",
        "Title: Names\nSlug: names\n\nJoann Hopkinson met Ann Hopkinsworth and Joann Hopkins.\n",
    )
    _watchlist(small_site, WATCHED_NAME)
    build = small_site.build()
    assert build.returncode == 0, build.log


# Images and settings.


def test_location_data_is_stripped_from_published_photos(small_site):
    photo = small_site.content / "images/phone-photo.jpg"
    photo.parent.mkdir(parents=True, exist_ok=True)
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x8825] = {1: "N", 2: (50.0, 15.0, 30.0), 3: "W", 4: (5.0, 6.0, 7.0)}
    Image.new("RGB", (64, 48), (120, 160, 90)).save(
        photo, exif=exif.tobytes(), comment=b"taken at home", xmp=b"<x:xmpmeta>x</x:xmpmeta>"
    )
    assert metadata_kinds(photo.read_bytes())
    build = small_site.build()
    assert build.returncode == 0, build.log
    published = build.output / "images/phone-photo.jpg"
    assert metadata_kinds(published.read_bytes()) == set()
    with Image.open(published) as image:
        assert dict(image.getexif()) == {}
        assert image.size == (64, 48)
    assert metadata_kinds(photo.read_bytes()), "the source photo must be left as it was"


def test_check_finds_leaks_and_image_metadata_left_in_an_existing_output(small_site):
    build = small_site.build()
    assert build.returncode == 0, build.log
    assert "all checks passed" in small_site.check().log
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (50.0, 15.0, 30.0)}
    Image.new("RGB", (8, 8)).save(build.output / "late.jpg", exif=exif.tobytes())
    _watchlist(small_site, WATCHED_NAME)
    (build.output / "about/index.html").write_text(f"<p>{WATCHED_NAME}</p>")
    check = small_site.check()
    assert_clean_failure(
        check,
        "output/about/index.html: content/private",
        "output/late.jpg: image metadata (EXIF/XMP)",
    )
    if WATCHED_NAME in check.log:
        pytest.fail("make check printed the secret", pytrace=False)


def test_private_folder_is_never_published_whatever_the_paths_say(small_site):
    _watchlist(small_site, WATCHED_NAME)
    small_site.overrides["STATIC_PATHS"] = [""]
    build = small_site.build()
    assert build.returncode == 0, build.log
    assert not (build.output / "private").exists()
    assert_absent(build, WATCHED_NAME)


UNSAFE_SETTINGS = {
    "OUTPUT_SOURCES": (True, "OUTPUT_SOURCES = True would publish the Markdown sources"),
    "DRAFT_SAVE_AS": ("drafts/{slug}.html", 'DRAFT_SAVE_AS must be "" so drafts are never'),
    "STATIC_PATHS": (["private"], "STATIC_PATHS includes private/"),
    "PAGE_PATHS": (["private/x"], "PAGE_PATHS includes private/"),
    "ARTICLE_PATHS": (["/private/"], "ARTICLE_PATHS includes private/"),
    "CACHE_PATH": ("output/cache", "CACHE_PATH is inside OUTPUT_PATH"),
}


@pytest.mark.parametrize("name", UNSAFE_SETTINGS)
def test_unsafe_settings_are_refused(name):
    value, message = UNSAFE_SETTINGS[name]
    settings = load_settings(str(REPO / "pelicanconf.py"), override={name: value})
    (problem,) = guard.settings.settings_problems(settings)
    assert str(problem).startswith(f"pelicanconf.py: {message}"), problem


def test_an_unsafe_setting_stops_the_build(small_site):
    small_site.overrides["OUTPUT_SOURCES"] = True
    build = small_site.build()
    assert_clean_failure(build, "OUTPUT_SOURCES")
    assert not any(build.output.rglob("*.md"))


def test_a_cached_rebuild_still_catches_a_leak(small_site):
    small_site.overrides.update(CACHE_CONTENT=True, LOAD_CONTENT_CACHE=True)
    _article(small_site, "Nothing to see.\n")
    first = small_site.build()
    assert first.returncode == 0, first.log
    _article(small_site, f"Now it says {OUTCOME}.\n")
    assert_clean_failure(small_site.build(), "complaint_outcome from content/news/visit.md")


def test_checks_split_between_processes_find_the_same(small_site):
    """Large sites are checked by worker processes; force that on a small one."""
    small_site.overrides["CHECK_PARALLEL_FROM_BYTES"] = 0
    _article(small_site, f"Now it says {OUTCOME}.\n")
    small_site.write("pages/again.md", f"Title: Again\nSlug: again\n\nAgain: {CHILD}.\n")
    photo = small_site.content / "images/phone-photo.jpg"
    photo.parent.mkdir(parents=True, exist_ok=True)
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (50.0, 15.0, 30.0)}
    Image.new("RGB", (8, 8)).save(photo, exif=exif.tobytes())
    build = small_site.build()
    assert_clean_failure(
        build,
        "output/news/visit/index.html: complaint_outcome from content/news/visit.md",
        "output/again/index.html: child_name from content/news/visit.md",
    )
    assert "image metadata" not in build.log, "images are cleaned before they are checked"
    small_site.remove("pages/again.md")
    _article(small_site, "Nothing to see.\n")
    clean = small_site.build()
    assert clean.returncode == 0, clean.log
    assert metadata_kinds((clean.output / "images/phone-photo.jpg").read_bytes()) == set()
