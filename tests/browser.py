"""Real Chromium for the browser tests: a pytest plugin (`pytest_plugins = ["browser"]`).

One Debian Chromium for the whole session, driven by Playwright. Each built site is
served over http from 127.0.0.1 on a free port, the way GitHub Pages serves it: files
as they are, `404.html` for a missing path. Every response says `no-store`, so each
page load fetches (and the weight test measures) everything it needs.

Nothing here skips: without Chromium every browser test fails and says why.
"""

import contextlib
import functools
import http.server
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import Build, Site
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
# Root needs --no-sandbox; the rest stop Chromium calling Google (blocked here) on its own.
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
# The real site has 33 pages; fewer than this means the page list itself is broken.
MIN_PAGES = 25


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files, GitHub Pages style: 404.html (status 404) for a missing path."""

    def log_message(self, format, *args):  # quiet: failures are reported by the tests
        pass

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def send_error(self, code, message=None, explain=None):
        not_found = Path(self.directory) / "404.html"
        if code != 404 or not not_found.is_file():
            super().send_error(code, message, explain)
            return
        body = not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class _Counting(_Handler):
    """Counts the requests it gets (a second origin that pages must never reach)."""

    hits = 0

    def do_GET(self):
        type(self).hits += 1
        super().do_GET()


@contextlib.contextmanager
def serving(directory, handler=_Handler):
    """Serve `directory` on 127.0.0.1, a free port; yields the origin ("http://127.0.0.1:N").

    The folder may not exist yet: files are looked up at each request.
    """
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(directory))
    )
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@dataclass
class Served:
    """A built site and the origin it is served on."""

    build: Build
    origin: str
    name: str

    @functools.cached_property
    def pages(self):
        """Every generated HTML page, as a path relative to the output folder."""
        pages = [p.relative_to(self.build.output).as_posix() for p in self.build.html_pages()]
        assert len(pages) >= MIN_PAGES, f"only {len(pages)} HTML pages in {self.build.output}"
        return pages

    def url(self, page):
        """The address of a page: "news/x/index.html" is served as /news/x/."""
        return f"{self.origin}/{page.removesuffix('index.html')}"

    def same_origin(self, url):
        parts = urlsplit(url)
        return f"{parts.scheme}://{parts.netloc}" == self.origin


class Tab:
    """One browser tab that records what each visit requested, received and logged."""

    def __init__(self, context):
        self.page = context.new_page()
        self.requests, self.responses, self.failed, self.console = [], [], [], []
        self._open = set()
        self._last_activity = time.monotonic()
        self.page.on("request", self._on_request)
        self.page.on("requestfinished", self._on_done)
        self.page.on("requestfailed", self._on_failed)
        self.page.on("response", lambda response: self.responses.append(response))
        self.page.on("console", self._on_console)
        self.page.on("pageerror", lambda error: self.console.append(f"page error: {error}"))

    def _on_request(self, request):
        self.requests.append(request)
        self._open.add(request)
        self._last_activity = time.monotonic()

    def _on_done(self, request):
        self._open.discard(request)
        self._last_activity = time.monotonic()

    def _on_failed(self, request):
        self.failed.append(f"{request.url}: {request.failure}")
        self._on_done(request)

    def _on_console(self, message):
        if message.type in ("error", "warning"):
            self.console.append(f"{message.type}: {message.text}")

    def open(self, url, settle=False):
        """Load `url` (to its load event); with settle, until the network is quiet too.

        Chromium asks for the favicon just after the load event: `settle` waits for
        it and anything else late, without networkidle's fixed half-second per page.
        """
        for record in (self.requests, self.responses, self.failed, self.console):
            record.clear()
        response = self.page.goto(url, wait_until="load")
        if settle:
            self.settle()
        return response

    def settle(self, quiet=0.05, limit=5.0):
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            self.page.wait_for_timeout(25)
            if not self._open and time.monotonic() - self._last_activity >= quiet:
                return
        pytest.fail(f"{self.page.url}: the network did not go quiet within {limit} s")

    def evaluate(self, script, arg=None):
        return self.page.evaluate(script, arg)


def report(problems, what):
    """Fail with every problem found, one per line, or pass quietly."""
    if problems:
        pytest.fail(f"{len(problems)} {what}:\n" + "\n".join(problems), pytrace=False)


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium, headless, for the whole session. Missing: every browser test fails."""
    if not Path(CHROMIUM).is_file():
        pytest.fail(
            f"Chromium is not installed at {CHROMIUM}: the browser tests need Debian's "
            "chromium (apt-get install chromium; .ci/run installs it). They never skip.",
            pytrace=False,
        )
    with sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS
            )
        except PlaywrightError as error:
            pytest.fail(f"Chromium at {CHROMIUM} did not start: {error}", pytrace=False)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def local_site(real_build):
    """The real site as `make html` builds it (relative URLs), served over http."""
    with serving(real_build.output) as origin:
        yield Served(real_build, origin, "local")


@pytest.fixture(scope="session")
def publish_site(tmp_path_factory):
    """The real site as `make publish` builds it (publishconf: absolute URLs, feed,
    sitemap), with SITEURL set to the local server's own origin."""
    site = Site(tmp_path_factory.mktemp("publish"))
    with serving(site.output) as origin:
        site.overrides = {"SITEURL": origin, "FEED_DOMAIN": origin}
        build = site.build(base="publishconf")
        assert build.returncode == 0, build.log
        yield Served(build, origin, "publish")


@pytest.fixture(scope="session")
def paginated_site(tmp_path_factory):
    """The real site with two articles a page, so every list has pages 2, 3, ..."""
    site = Site(tmp_path_factory.mktemp("paginated"))
    site.overrides = {"DEFAULT_PAGINATION": 2}
    build = site.build()
    assert build.returncode == 0, build.log
    with serving(site.output) as origin:
        yield Served(build, origin, "paginated")


@pytest.fixture(scope="session")
def other_origin(tmp_path_factory):
    """A second local server: a different origin, which the CSP must block."""
    folder = tmp_path_factory.mktemp("other-origin")
    (folder / "pixel.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    _Counting.hits = 0
    with serving(folder, _Counting) as origin:
        yield origin, _Counting
