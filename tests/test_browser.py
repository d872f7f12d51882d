"""Accessibility in real Chromium, on every generated page of the real site.

axe-core (WCAG 2.2 A/AA rules and axe's best practices: landmarks, heading order)
in the light and the dark colour scheme; the keyboard (skip link first, every focus
visible and in view, Tab in reading order); the menu's aria-current; reflow at 200%
zoom, at 320 px and with WCAG text spacing. Shared fixtures are in tests/browser.py.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytest.register_assert_rewrite("browser")  # before the import: it is also a plugin
from browser import Tab, report  # noqa: E402

pytest_plugins = ["browser"]
pytestmark = pytest.mark.browser

AXE = Axe()
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
# In the dark scheme only colours change, so only the colour rules are run again.
AXE_DARK_OPTIONS = {
    "runOnly": {"type": "rule", "values": ["color-contrast", "link-in-text-block"]},
    "resultTypes": ["violations"],
}
# Rules that apply to every page: each must have run and passed on each page, so a
# page that axe could not really check (no text, no styles) cannot pass by accident.
AXE_ALWAYS = {
    "bypass",
    "color-contrast",
    "document-title",
    "html-has-lang",
    "html-lang-valid",
    "landmark-one-main",
    "link-name",
    "page-has-heading-one",
    "region",
}
# The main menu: label -> the page it leads to.
MENU = {
    "Home": "index.html",
    "About us": "about/index.html",
    "Sessions and fees": "sessions-and-fees/index.html",
    "Admissions": "admissions/index.html",
    "News": "news/index.html",
    "Policies": "policies/index.html",
    "Contact": "contact/index.html",
}


@pytest.fixture(scope="module")
def context(chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 800})
    yield context
    context.close()


@pytest.fixture(scope="module")
def tab(context):
    return Tab(context)


def _axe(tab, page, options=AXE_OPTIONS, always=AXE_ALWAYS):
    """axe on the loaded page: (number of violations, one line per problem).

    axe-core is injected once per page load (the DevTools protocol is not bound by the
    page's CSP), then run as often as needed."""
    if not tab.evaluate("() => typeof window.axe === 'object'"):
        tab.evaluate(AXE.axe_script)
    results = tab.evaluate("options => axe.run(document, options)", options)
    lines = []
    for rule in results["violations"]:
        targets = "; ".join(" ".join(map(str, node["target"])) for node in rule["nodes"][:5])
        lines.append(f"{page}: {rule['id']} ({rule['impact']}, {len(rule['nodes'])}x): {targets}")
    passed = {rule["id"] for rule in results["passes"]}
    lines += [f"{page}: axe did not check {rule}" for rule in sorted(always - passed)]
    return len(results["violations"]), lines


def test_axe_finds_nothing_on_any_page(tab, local_site):
    """Every WCAG 2.2 A/AA and best-practice rule in the light colour scheme, then the
    colour rules again in the dark one (prefers-color-scheme: dark), on each page."""
    problems, counts = [], {}
    try:
        for page in local_site.pages:
            tab.page.emulate_media(color_scheme="light")
            tab.open(local_site.url(page))
            light, lines = _axe(tab, page)
            if tab.evaluate("document.documentElement.lang") != "en-GB":
                lines.append(f"{page}: the page language is not en-GB")
            tab.page.emulate_media(color_scheme="dark")
            dark, dark_lines = _axe(tab, page, AXE_DARK_OPTIONS, {"color-contrast"})
            counts[page] = (light, dark)
            problems += lines + [f"{line} (dark scheme)" for line in dark_lines]
    finally:
        tab.page.emulate_media(color_scheme="light")
    print("\naxe-core violations per page (light, dark):")
    for page, (light, dark) in counts.items():
        print(f"  {light:3} {dark:3}  {page}")
    report(problems, "axe problems")


def test_axe_finds_nothing_on_paginated_lists(tab, paginated_site):
    """Pagination links (aria-current, hidden "Page" labels) only appear with several pages."""
    problems, checked = [], 0
    for page in paginated_site.pages:
        if 'class="pagination"' not in paginated_site.build.read(page):
            continue
        checked += 1
        tab.open(paginated_site.url(page))
        problems += _axe(tab, page)[1]
        current = tab.evaluate(
            "() => [...document.querySelectorAll('nav.pagination a[aria-current=page]')]"
            ".map(a => a.href)"
        )
        if current != [tab.page.url]:
            problems.append(f"{page}: pagination marks {current} as current, not this page")
    assert checked >= 5, f"only {checked} paginated pages: the variant build did not paginate"
    report(problems, "problems on paginated pages")


# Every element that takes focus, in document order.
_FOCUSABLE = """() => [...document.querySelectorAll(
    'a[href], area[href], button, input, select, textarea, summary, iframe, [tabindex]')]
  .filter(e => e.tabIndex >= 0 && !e.disabled && e.getClientRects().length > 0)"""
# Run after one real Tab press: Chromium is then in keyboard mode, so focus moved by
# script matches :focus-visible too. Focuses each element in turn and looks at it.
_FOCUS_EACH = (
    """() => {
  const all = (FOCUSABLE)();
  const look = e => { const s = getComputedStyle(e);
    return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow,
            s.backgroundColor, s.color, s.textDecorationLine].join('|'); };
  const clear = c => c === 'transparent' || /rgba\\(.*,\\s*0\\)$/.test(c);
  const active = document.activeElement;
  const first = active.matches('a.skip-link') ? all.indexOf(active) : -1;
  const positive = [...document.querySelectorAll('[tabindex]')].filter(e => e.tabIndex > 0);
  document.activeElement.blur();
  const unfocused = all.map(look);
  const seen = all.map((e, i) => {
    e.focus();
    const s = getComputedStyle(e), r = e.getBoundingClientRect();
    return {
      name: `${e.tagName.toLowerCase()} "${(e.textContent || '').trim().slice(0, 40)}"`,
      focusVisible: document.activeElement === e && e.matches(':focus-visible'),
      indicator: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2
                  && !clear(s.outlineColor)) || s.boxShadow !== 'none',
      changed: look(e) !== unfocused[i],
      inView: r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0
              && r.bottom <= innerHeight && r.right <= innerWidth,
    };
  });
  return {first, positive: positive.length, seen};
}"""
).replace("FOCUSABLE", _FOCUSABLE)
_ACTIVE_INDEX = f"() => ({_FOCUSABLE})().indexOf(document.activeElement)"


def test_keyboard_skip_link_first_then_every_link_visibly_focused(tab, local_site):
    """On each page: the first Tab stop is the skip link; every element that takes
    focus shows it (an outline or a bar, and a change from how it looks unfocused)
    and is in view when focused (WCAG 2.4.1, 2.4.7, 2.4.11); no positive tabindex,
    so Tab follows the reading order; the skip link, activated, moves focus to <main>,
    and the next Tab goes on from there."""
    problems, focused = [], 0
    for page in local_site.pages:
        tab.open(local_site.url(page))
        tab.page.keyboard.press("Tab")
        found = tab.evaluate(_FOCUS_EACH)
        if found["first"] != 0:
            problems.append(f"{page}: the first Tab stop is not the skip link")
        if found["positive"]:
            problems.append(f"{page}: {found['positive']} elements have a positive tabindex")
        for element in found["seen"]:
            if not element["focusVisible"]:
                problems.append(f"{page}: {element['name']} did not match :focus-visible")
            elif not element["indicator"] or not element["changed"]:
                problems.append(f"{page}: no visible focus on {element['name']}")
            if not element["inView"]:
                problems.append(f"{page}: {element['name']} is focused out of view")
        focused += len(found["seen"])
        problems += _skip_to_main(tab, page)
    assert focused > 10 * len(local_site.pages), "too few focusable elements: empty pages?"
    report(problems, "keyboard problems")


def _skip_to_main(tab, page):
    if tab.page.locator("a.skip-link").count() != 1:
        return [f"{page}: no skip link"]
    tab.page.focus("a.skip-link")
    skip = tab.evaluate("() => [document.activeElement.getAttribute('href'),"
                        " document.activeElement.textContent.trim()]")  # fmt: skip
    if skip != ["#main", "Skip to main content"]:
        return [f"{page}: the skip link is {skip}"]
    tab.page.keyboard.press("Enter")
    if tab.evaluate("document.activeElement.id") != "main":
        return [f"{page}: after the skip link, focus is not on <main>"]
    tab.page.keyboard.press("Tab")
    after = tab.evaluate(
        """() => { const m = document.getElementById('main'), a = document.activeElement;
            return m.contains(a) || !!(m.compareDocumentPosition(a) & 4); }"""
    )
    return [] if after else [f"{page}: Tab after the skip link goes back before <main>"]


@pytest.mark.parametrize("page", ["index.html", "policies/complaints/index.html"])
def test_tab_key_visits_every_link_in_reading_order(tab, local_site, page):
    """Real Tab presses, one by one, from the top of a page to its last link."""
    tab.open(local_site.url(page))
    count = tab.evaluate(f"() => ({_FOCUSABLE})().length")
    order = []
    for _ in range(count):
        tab.page.keyboard.press("Tab")
        order.append(tab.evaluate(_ACTIVE_INDEX))
    assert count > 15
    assert order == list(range(count)), f"Tab order on {page}"


def test_menu_marks_the_current_page(tab, local_site):
    """aria-current="page" on the menu link to this page, "true" on its section
    (News, Policies); the footer's policy list marks the policy being read."""
    problems, marked = [], set()
    for page in local_site.pages:
        tab.open(local_site.url(page))
        links = tab.evaluate(
            "() => [...document.querySelectorAll('nav.site-nav a')]"
            ".map(a => [a.textContent.trim(), a.href, a.getAttribute('aria-current')])"
        )
        if [label for label, _, _ in links] != list(MENU):
            problems.append(f"{page}: the menu is {[label for label, _, _ in links]}")
            continue
        for label, href, current in links:
            here = href == tab.page.url
            section = (
                not here
                and label in ("News", "Policies")
                and page.startswith(MENU[label].split("/")[0] + "/")
            )
            expected = "page" if here else "true" if section else None
            if current != expected:
                problems.append(f"{page}: menu link {label!r} has aria-current={current!r}")
            if here:
                marked.add(page)
        if page.startswith("policies/") and page != MENU["Policies"]:
            footer = tab.evaluate(
                "() => [...document.querySelectorAll('.footer-policies a[aria-current=page]')]"
                ".map(a => a.href)"
            )
            if footer != [tab.page.url]:
                problems.append(f"{page}: footer policy list marks {footer} as current")
    missing = set(MENU.values()) - marked
    problems += [f"{page}: never marked as the current page" for page in sorted(missing)]
    report(problems, "aria-current problems")


# WCAG 1.4.12 text spacing, as the W3C's test bookmarklet applies it.
TEXT_SPACING = """
* { line-height: 1.5 !important; letter-spacing: .12em !important;
    word-spacing: .16em !important; }
p { margin-bottom: 2em !important; }
"""
_OVERFLOW = """() => {
  const d = document.documentElement, text = document.querySelector('main p, main li');
  return {scroll: d.scrollWidth, client: d.clientWidth,
          hidden: [getComputedStyle(d).overflowX, getComputedStyle(document.body).overflowX]
                  .some(v => v === 'hidden' || v === 'clip'),
          font: parseFloat(getComputedStyle(text || document.body).fontSize)};
}"""


def test_pages_reflow_without_horizontal_scrolling(chromium, local_site):
    """No page scrolls sideways: at 640 CSS px on a scale-2 screen (a 1280 px window at
    200% zoom), at 320 CSS px (a small phone; 1280 px at 400%, WCAG 1.4.10), and at
    320 px with WCAG 1.4.12 text spacing. Body text stays at 16 px or more."""
    # bypass_csp: the text-spacing style is injected, which the page's CSP would block.
    context = chromium.new_context(
        viewport={"width": 640, "height": 800}, device_scale_factor=2, bypass_csp=True
    )
    problems, checked = [], 0
    try:
        tab = Tab(context)
        for page in local_site.pages:
            tab.page.set_viewport_size({"width": 640, "height": 800})
            tab.open(local_site.url(page))
            for view in ("200% zoom", "320 px", "320 px, text spacing"):
                if view == "320 px":
                    tab.page.set_viewport_size({"width": 320, "height": 640})
                elif view.endswith("text spacing"):
                    tab.page.add_style_tag(content=TEXT_SPACING)
                found = tab.evaluate(_OVERFLOW)
                checked += 1
                if found["hidden"]:
                    problems.append(f"{page} ({view}): overflow-x hidden hides what does not fit")
                if found["scroll"] > found["client"]:
                    problems.append(
                        f"{page} ({view}): {found['scroll']} px wide in {found['client']} px"
                    )
                if found["font"] < 16:
                    problems.append(f"{page} ({view}): text is {found['font']} px, below 16 px")
    finally:
        context.close()
    assert checked == 3 * len(local_site.pages)
    report(problems, "reflow problems")
