"""Printing, in real Chromium: Ofsted inspectors print our policies.

With print media: no menus; every link's address written after it (absolute in the
publish build, so usable on paper); the signature block never split across pages nor
alone on one; black text; and, on the published site, where the current version is.
Then Chromium prints the Social Media Policy to PDF, and pdftotext (poppler-utils)
reads it back.
"""

import shutil
import subprocess

import pytest

from authoring.tappable import contact_links

pytest.register_assert_rewrite("browser")  # before the import: it is also a plugin
from browser import Tab, report  # noqa: E402

pytest_plugins = ["browser"]
pytestmark = pytest.mark.browser

POLICY = "policies/social-media/index.html"
HIDDEN_IN_PRINT = [".skip-link", ".site-nav", ".footer-policies", ".footer-links", ".back-link"]

_PRINTED = """hidden => {
  const main = document.querySelector('main');
  const block = document.querySelector('.signature-block');
  return {
    shown: hidden.filter(s => [...document.querySelectorAll(s)]
                                .some(e => e.getClientRects().length > 0)),
    links: [...main.querySelectorAll('a[href]')].map(a => [a.getAttribute('href'), a.href,
            getComputedStyle(a, '::after').content, a.className, a.textContent]),
    signature: block && [getComputedStyle(block).breakInside,
                         getComputedStyle(block).breakBefore, block.innerText],
    headings: [...main.querySelectorAll('h2, h3')].map(h => getComputedStyle(h).breakAfter),
    colour: getComputedStyle(main.querySelector('p') || main).color,
    background: getComputedStyle(document.body).backgroundColor,
  };
}"""


def _policy_pages(site):
    pages = [p for p in site.pages if p.startswith("policies/") and p != "policies/index.html"]
    assert POLICY in pages
    return pages


def _print_view(chromium, site, pages):
    """{page: what print media shows} for each page, one load each."""
    context = chromium.new_context()
    try:
        tab = Tab(context)
        tab.page.emulate_media(media="print")
        found = {}
        for page in pages:
            tab.open(site.url(page))
            found[page] = tab.evaluate(_PRINTED, HIDDEN_IN_PRINT)
        return found
    finally:
        context.close()


@pytest.fixture(scope="module")
def local_printed(chromium, local_site):
    return _print_view(chromium, local_site, local_site.pages)


def test_every_page_prints_without_menus(local_printed):
    problems = [
        f"{page}: {selector} is printed"
        for page, printed in local_printed.items()
        for selector in printed["shown"]
    ]
    report(problems, "pages that print their menus")


@pytest.mark.parametrize("site_name", ["local_site", "publish_site"])
def test_policy_pages_print_cleanly(request, chromium, local_printed, site_name):
    site = request.getfixturevalue(site_name)
    pages = _policy_pages(site)
    if site_name == "local_site":
        views = {page: local_printed[page] for page in pages}
    else:
        views = _print_view(chromium, site, pages)
    problems = []
    for page, printed in views.items():
        problems += [f"{page}: {selector} is printed" for selector in printed["shown"]]
        for href, url, after, kind, text in printed["links"]:
            if kind == "contact":  # a number or address as its own text: nothing added
                if after not in ("none", "normal") or contact_links(text) != [(href, text)]:
                    problems.append(f"{page}: contact link {href} prints {after} after its text")
                continue
            if href.startswith("#"):
                if after not in ("none", "normal"):
                    problems.append(f"{page}: in-page link {href} prints {after}")
                continue
            if after != f'" ({href})"':
                problems.append(f"{page}: link {href} prints {after}, not its address")
            if site_name == "publish_site" and href != url:
                problems.append(f"{page}: {href} is not an absolute address on paper")
        if not any(not href.startswith("#") for href, *_ in printed["links"]):
            problems.append(f"{page}: no link to check")
        if not printed["signature"] or printed["signature"][:2] != ["avoid", "avoid"]:
            problems.append(f"{page}: the signature block may split or stand alone")
        elif "Signed for and on behalf" not in printed["signature"][2]:
            problems.append(f"{page}: the signature block has no signature")
        elif site_name == "publish_site" and site.url(page) not in printed["signature"][2]:
            problems.append(f"{page}: the printed copy does not say where the current one is")
        if any(value != "avoid" for value in printed["headings"]):
            problems.append(f"{page}: a heading may be left alone at a page end")
        if printed["colour"] != "rgb(0, 0, 0)":
            problems.append(f"{page}: text prints in {printed['colour']}")
        if printed["background"] not in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)"):
            problems.append(f"{page}: background prints as {printed['background']}")
    report(problems, f"print problems ({site_name})")


def _pdftotext(pdf, tmp_path):
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.fail(
            "pdftotext is not installed: the print test reads the PDF back with it "
            "(apt-get install poppler-utils; .ci/run installs it).",
            pytrace=False,
        )
    path = tmp_path / "policy.pdf"
    path.write_bytes(pdf)
    result = subprocess.run(
        [tool, "-layout", str(path), "-"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_social_media_policy_prints_to_pdf(chromium, publish_site, tmp_path):
    """The published Social Media Policy, printed to A4 by Chromium: the whole policy,
    with link addresses, without menus, and the signature block on one page."""
    context = chromium.new_context()
    try:
        page = context.new_page()
        page.goto(publish_site.url(POLICY))
        pdf = page.pdf(format="A4", print_background=True)
        (tmp_path / "social-media.pdf").write_bytes(pdf)
    finally:
        context.close()
    assert pdf.startswith(b"%PDF-")
    assert len(pdf) > 10_000
    text = _pdftotext(pdf, tmp_path)
    pages = text.split("\f")
    flat = " ".join(text.split())
    for expected in (
        "Social Media Policy",
        "Statement of intent",
        "Sending abusive messages",
        "Signed for and on behalf of the pre-school",
        f"({publish_site.origin}/policies/complaints/)",
        f"The current version of this policy is at {publish_site.url(POLICY)}",
    ):
        assert expected in flat, f"{expected!r} is not in the printed policy"
    for unexpected in ("Skip to main content", "Sessions and fees", "All policies, with review"):
        assert unexpected not in flat, f"{unexpected!r} was printed"
    signed = [i for i, p in enumerate(pages) if "Signed for and on behalf" in " ".join(p.split())]
    assert len(signed) == 1
    assert "Next review due" in pages[signed[0]], "the signature block is split across pages"
    assert 1 <= len([p for p in pages if p.strip()]) <= 4
