"""Private, light and script-free, in real Chromium, on every page of the real site.

Each page of the local build (relative URLs) and of the publish build (publishconf:
absolute URLs, on the test server's own origin) is loaded once, until the network is
quiet; the tests then read what was requested, received, logged and stored.
"""

import re
from dataclasses import dataclass, field

import pytest
from selectolax.lexbor import LexborHTMLParser

pytest.register_assert_rewrite("browser")  # before the import: it is also a plugin
from browser import Tab, report  # noqa: E402

pytest_plugins = ["browser"]
pytestmark = pytest.mark.browser

# Weight budget, from the real responses (bodies as served: no compression here).
# "Text" is what every visitor downloads before any image: the HTML, the stylesheet
# and the favicon. A policy page is about 16 KB today; 50 KB leaves room for long
# policies while still loading in about a second on a slow 3G phone.
TEXT_BUDGET = 50_000
# Images on one page (a news photo is about 30 KB after the build strips metadata).
IMAGE_BUDGET = 200_000
REQUEST_BUDGET = 8
# Resource types a page may load: no script, font, fetch/XHR, media, frame.
ALLOWED_TYPES = {"document", "stylesheet", "image", "other"}  # "other": the favicon
# Directives the CSP must have, exactly.
CSP_REQUIRED = {
    "default-src": ["'self'"],
    "script-src": ["'none'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}


@dataclass
class Visit:
    """What loading one page did."""

    page: str
    status: int
    requests: list = field(default_factory=list)  # (resource type, url)
    responses: list = field(default_factory=list)  # (resource type, url, status, bytes)
    failed: list = field(default_factory=list)
    console: list = field(default_factory=list)
    head: dict = field(default_factory=dict)
    document_cookie: str = ""
    storage: int = 0


_HEAD = """() => {
  const metas = [...document.querySelectorAll('meta[http-equiv]')]
    .filter(m => m.httpEquiv.toLowerCase() === 'content-security-policy');
  const first = document.head.querySelector('link, script, style, img, base');
  return {
    csp: metas.map(m => m.content),
    cspFirst: metas.length === 1 && (!first ||
      !!(metas[0].compareDocumentPosition(first) & Node.DOCUMENT_POSITION_FOLLOWING)),
    referrer: document.querySelector('meta[name=referrer]')?.content,
    scripts: document.querySelectorAll('script, noscript').length,
    handlers: [...document.querySelectorAll('*')].flatMap(e =>
      [...e.attributes].filter(a => /^on/i.test(a.name)).map(a => a.name)).length,
    jsLinks: [...document.querySelectorAll('[href], [src]')]
      .filter(e => /^\\s*javascript:/i.test(e.getAttribute('href') || e.getAttribute('src')))
      .length,
  };
}"""


@pytest.fixture(scope="module", params=["local_site", "publish_site"])
def visited(request, chromium):
    """(site, {page: Visit}, cookies afterwards) for every page of one build."""
    site = request.getfixturevalue(request.param)
    context = chromium.new_context()
    try:
        tab = Tab(context)
        visits = {}
        for page in site.pages:
            response = tab.open(site.url(page), settle=True)
            visit = Visit(page, response.status if response else 0)
            visit.requests = [(r.resource_type, r.url) for r in tab.requests]
            visit.responses = [
                (r.request.resource_type, r.url, r.status, len(r.body())) for r in tab.responses
            ]
            visit.failed = list(tab.failed)
            visit.console = list(tab.console)
            visit.head = tab.evaluate(_HEAD)
            visit.document_cookie = tab.evaluate("document.cookie")
            visit.storage = tab.evaluate("localStorage.length + sessionStorage.length")
            visits[page] = visit
        cookies = context.cookies()
    finally:
        context.close()
    return site, visits, cookies


def test_no_request_leaves_the_site(visited):
    """Loading any page asks nothing of any other origin: no fonts, analytics, CDNs."""
    site, visits, _ = visited
    problems, requests = [], 0
    for visit in visits.values():
        for kind, url in visit.requests:
            requests += 1
            if not site.same_origin(url):
                problems.append(f"{visit.page}: {kind} request to {url}")
            if kind not in ALLOWED_TYPES:
                problems.append(f"{visit.page}: a {kind} request ({url})")
        if not any(kind == "stylesheet" for kind, _ in visit.requests):
            problems.append(f"{visit.page}: no stylesheet was requested")
    # The page and its stylesheet, at least, for every page (the favicon request is
    # Chromium's to make when it likes, so it is not counted on).
    assert requests >= 2 * len(visits), "too few requests recorded: did the pages load?"
    report(problems, f"requests elsewhere or of a kind not allowed ({site.name} build)")


def test_every_page_and_resource_loads_cleanly(visited):
    """Every page and everything it uses answers 200; nothing fails; the console stays
    empty (Chromium logs CSP violations and missing files there)."""
    site, visits, _ = visited
    problems = []
    for visit in visits.values():
        if visit.status != 200:
            problems.append(f"{visit.page}: status {visit.status}")
        problems += [
            f"{visit.page}: {url} answered {status}"
            for _, url, status, _ in visit.responses
            if status != 200
        ]
        problems += [f"{visit.page}: failed: {failure}" for failure in visit.failed]
        problems += [f"{visit.page}: console {message}" for message in visit.console]
    report(problems, f"loading problems ({site.name} build)")


def _directives(policy):
    directives = {}
    for part in policy.split(";"):
        name, *sources = part.split()
        assert name not in directives, f"{name} given twice"
        directives[name.lower()] = sources
    return directives


def test_content_security_policy_allows_only_this_site(visited):
    """One CSP <meta>, before anything it governs, allowing this site ('self') and
    nothing else: no other host, scheme, data:, inline or eval; scripts not at all."""
    site, visits, _ = visited
    problems = []
    for visit in visits.values():
        head = visit.head
        if len(head["csp"]) != 1 or not head["cspFirst"]:
            problems.append(f"{visit.page}: want one CSP meta before any link: {head['csp']}")
            continue
        directives = _directives(head["csp"][0])
        for name, sources in CSP_REQUIRED.items():
            if directives.get(name) != sources:
                problems.append(f"{visit.page}: {name} is {directives.get(name)}, not {sources}")
        for name, sources in directives.items():
            extra = set(sources) - {"'self'", "'none'"}
            if extra:
                problems.append(f"{visit.page}: {name} also allows {sorted(extra)}")
        if head["referrer"] != "no-referrer":
            problems.append(f"{visit.page}: referrer policy {head['referrer']!r}")
    report(problems, f"Content-Security-Policy problems ({site.name} build)")


def test_chromium_enforces_the_policy(chromium, local_site, other_origin):
    """The CSP is not only written but obeyed: an image from another origin (a second
    local server) added to a page is refused, and that server hears nothing."""
    origin, server = other_origin
    context = chromium.new_context()
    try:
        tab = Tab(context)
        tab.open(local_site.url("policies/social-media/index.html"))
        violated = tab.evaluate(
            """src => new Promise(resolve => {
                 document.addEventListener('securitypolicyviolation',
                   e => resolve(e.effectiveDirective), {once: true});
                 const img = new Image(); img.src = src; document.body.append(img);
                 setTimeout(() => resolve(null), 3000);
               })""",
            f"{origin}/pixel.svg",
        )
    finally:
        context.close()
    assert violated == "img-src"
    assert server.hits == 0


def test_no_cookies_and_no_storage(visited):
    site, visits, cookies = visited
    assert cookies == [], f"cookies were set ({site.name} build)"
    problems = [f"{v.page}: document.cookie is set" for v in visits.values() if v.document_cookie]
    problems += [f"{v.page}: web storage used" for v in visits.values() if v.storage]
    report(problems, f"storage problems ({site.name} build)")


def test_no_scripts_at_all(visited):
    site, visits, _ = visited
    problems = []
    for visit in visits.values():
        for what in ("scripts", "handlers", "jsLinks"):
            if visit.head[what]:
                problems.append(f"{visit.page}: {visit.head[what]} {what}")
    report(problems, f"script problems ({site.name} build)")


def test_every_page_is_within_the_weight_budget(visited):
    """HTML + CSS + favicon under TEXT_BUDGET, images under IMAGE_BUDGET, few requests,
    all measured from the bytes Chromium received."""
    site, visits, _ = visited
    problems, rows = [], []
    for visit in visits.values():
        sizes = {"document": 0, "stylesheet": 0, "image": 0, "other": 0}
        for kind, _, _, size in visit.responses:
            sizes[kind] = sizes.get(kind, 0) + size
        text = sizes["document"] + sizes["stylesheet"] + sizes["other"]
        rows.append((visit.page, sizes, text, len(visit.responses)))
        if text > TEXT_BUDGET:
            problems.append(f"{visit.page}: {text} bytes before images (budget {TEXT_BUDGET})")
        if sizes["image"] > IMAGE_BUDGET:
            problems.append(f"{visit.page}: {sizes['image']} bytes of images")
        if len(visit.responses) > REQUEST_BUDGET:
            problems.append(f"{visit.page}: {len(visit.responses)} requests")
        if sizes["document"] == 0 or sizes["stylesheet"] == 0:
            problems.append(f"{visit.page}: no HTML or no CSS measured")
    print(f"\nPage weight in bytes ({site.name} build): HTML, CSS, favicon, images, requests")
    for page, sizes, text, count in rows:
        print(
            f"  {sizes['document']:6} {sizes['stylesheet']:6} {sizes['other']:5}"
            f" {sizes['image']:7} {count:3}  text {text:6}  {page}"
        )
    report(problems, f"pages over budget ({site.name} build)")


def _letters(text):
    """Text without any whitespace: innerText breaks lines between blocks, a parser not."""
    return re.sub(r"\s+", "", text)


def test_every_page_reads_without_javascript(chromium, local_site):
    """JavaScript off: each page shows its heading and all of its main text."""
    context = chromium.new_context(java_script_enabled=False)
    problems = []
    try:
        tab = Tab(context)
        for page in local_site.pages:
            main = LexborHTMLParser(local_site.build.read(page)).css_first("main")
            tab.open(local_site.url(page))
            if not tab.page.locator("main h1").is_visible():
                problems.append(f"{page}: no visible <h1> in <main>")
            shown = _letters(tab.page.inner_text("main"))
            for block in main.css("h1, h2, h3, p, li, dd, td"):
                if "print-only" in (block.attributes.get("class") or "").split():
                    continue
                if _letters(block.text()) not in shown:
                    text = " ".join(block.text().split())
                    problems.append(f"{page}: not shown without JavaScript: {text[:60]!r}")
                    break
    finally:
        context.close()
    report(problems, "pages that need JavaScript")


def test_missing_pages_get_the_styled_404_page(chromium, publish_site):
    """GitHub Pages answers a missing address with 404.html: with absolute URLs (the
    publish build) it is styled and works at any depth."""
    context = chromium.new_context()
    try:
        tab = Tab(context)
        response = tab.open(publish_site.url("news/no-such-page/"), settle=True)
        assert response.status == 404
        assert tab.page.locator("h1").inner_text() == "Page not found"
        stylesheets = [url for kind, url in ((r.resource_type, r.url) for r in tab.requests)
                       if kind == "stylesheet"]  # fmt: skip
        assert stylesheets == [f"{publish_site.origin}/theme/css/site.css"]
        assert tab.failed == []
        assert tab.evaluate("getComputedStyle(document.body).fontFamily").startswith("system-ui")
    finally:
        context.close()
