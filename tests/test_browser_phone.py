"""A 320 px phone, JavaScript off, on every page of the real site (issue 18, item 8).

The page's heading is in the first 240 px (the menu folds into a "Menu" button, a
<details>), the menu opens with a tap; the policy facts never wrap a date word by
word; in the contents list each number stands beside the first line of its item.
At 1280 px the menu's links are shown with no button. Each page's heading offset is
printed (pytest -s). Shared fixtures are in tests/browser.py.
"""

import pytest

pytest.register_assert_rewrite("browser")
from browser import Tab, report  # noqa: E402

pytest_plugins = ["browser"]
pytestmark = pytest.mark.browser

PHONE = {"width": 320, "height": 640}
HEADING_WITHIN = 240  # px from the top of the page: the heading's first line ends here

# The bottom of the heading's first line (its first letter's box), in px from the top.
_HEADING_FIRST_LINE = """() => {
  const h1 = document.querySelector('main h1'), range = document.createRange();
  const text = document.createTreeWalker(h1, NodeFilter.SHOW_TEXT).nextNode();
  range.setStart(text, 0); range.setEnd(text, 1);
  return [Math.round(h1.getBoundingClientRect().top),
          Math.round(range.getBoundingClientRect().bottom)];
}"""
# Each policy date in the facts and the number of lines it takes.
_FACT_DATES = """() => [...document.querySelectorAll('.facts time')]
  .map(t => [t.textContent, t.getClientRects().length])"""
# A contents item's number sits on the baseline of the item's first line box: an empty
# inline probe put first in the item shares that line. Its distance from the first
# letter of the link, in lines (0 when the number is beside the first line).
_TOC_NUMBERS = """() => [...document.querySelectorAll('.toc li')].map(li => {
  const link = li.querySelector('a'), probe = document.createElement('span');
  probe.textContent = '\\u200b';
  li.prepend(probe);
  const range = document.createRange(), text = link.firstChild;
  range.setStart(text, 0); range.setEnd(text, 1);
  const first = range.getBoundingClientRect(), at = probe.getBoundingClientRect();
  probe.remove();
  return [link.textContent, link.getClientRects().length > 1 || first.height > 0
          ? Math.round(Math.abs(at.bottom - first.bottom) / first.height) : -1,
          Math.round(link.getBoundingClientRect().height / first.height)];
})"""


@pytest.fixture(scope="module")
def phone(chromium):
    context = chromium.new_context(viewport=PHONE, java_script_enabled=False)
    yield Tab(context)
    context.close()


def test_the_heading_is_in_the_first_240_px_of_every_page(phone, local_site):
    problems, offsets = [], {}
    for page in local_site.pages:
        phone.open(local_site.url(page))
        top, first_line = offsets[page] = phone.evaluate(_HEADING_FIRST_LINE)
        if first_line > HEADING_WITHIN:
            problems.append(f"{page}: the heading's first line ends {first_line} px down")
    print("\nheading top and first line bottom at 320 px:")
    for page, (top, first_line) in offsets.items():
        print(f"  {top:4} {first_line:4}  {page}")
    report(problems, f"pages whose heading is not in the first {HEADING_WITHIN} px")


def test_the_phone_menu_opens_without_javascript(phone, local_site):
    """Folded: only the button shows; a tap on it shows every menu link."""
    problems = []
    for page in ("index.html", "policies/complaints/index.html", "news/autumn-walk/index.html"):
        phone.open(local_site.url(page))
        links = phone.page.locator("nav.site-nav a")
        assert links.count() == 7, page
        button = phone.page.locator("nav.site-nav summary")
        if not button.is_visible() or button.inner_text().strip() != "Menu":
            problems.append(f"{page}: no visible Menu button")
            continue
        shown = [links.nth(i).is_visible() for i in range(links.count())]
        if any(shown):
            problems.append(f"{page}: {sum(shown)} menu links show before the button is tapped")
        button.click()
        hidden = [links.nth(i).inner_text() for i in range(7) if not links.nth(i).is_visible()]
        if hidden:
            problems.append(f"{page}: after a tap on Menu, still hidden: {hidden}")
    report(problems, "phone menu problems")


def test_wide_screens_show_the_menu_links_with_no_button(chromium, local_site):
    context = chromium.new_context(viewport={"width": 1280, "height": 800})
    try:
        tab = Tab(context)
        tab.open(local_site.url("about/index.html"))
        assert not tab.page.locator("nav.site-nav summary").is_visible()
        links = tab.page.locator("nav.site-nav a")
        assert [links.nth(i).is_visible() for i in range(links.count())] == [True] * 7
        links.nth(0).focus()
        assert tab.evaluate("document.activeElement.textContent") == "Home"
    finally:
        context.close()


def test_policy_dates_stay_on_one_line(phone, local_site):
    problems, dates = [], 0
    for page in local_site.pages:
        if 'class="facts"' not in local_site.build.read(page):
            continue
        phone.open(local_site.url(page))
        for text, lines in phone.evaluate(_FACT_DATES):
            dates += 1
            if lines != 1:
                problems.append(f"{page}: the date {text!r} takes {lines} lines")
    assert dates >= 6, "too few policy dates: the facts are missing"
    report(problems, "dates wrapped at 320 px")


def test_each_contents_number_is_beside_its_first_line(chromium, local_site):
    # JavaScript on here: the probe is put into the page by script.
    context = chromium.new_context(viewport=PHONE)
    problems, wrapped = [], 0
    try:
        tab = Tab(context)
        for page in local_site.pages:
            if 'class="toc"' not in local_site.build.read(page):
                continue
            tab.open(local_site.url(page))
            for name, lines_away, lines in tab.evaluate(_TOC_NUMBERS):
                wrapped += lines > 1
                if lines_away != 0:
                    problems.append(f"{page}: the number of {name!r} is {lines_away} lines down")
    finally:
        context.close()
    assert wrapped >= 2, "no contents item wraps at 320 px: the check would prove nothing"
    report(problems, "contents numbers away from their first line")
