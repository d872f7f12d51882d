"""`make devserver`, for real: a server on a free port, a content mistake, the fix.

The server runs in its own process group and is always stopped (Ctrl-C first, then
SIGKILL to its group); every wait is bounded.
"""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import closing

import pytest
from conftest import PLUGINS

WAIT = 60  # seconds: the most any step may take


def _free_port():
    with closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(port, path):
    """(status, body) of a page, or (None, "") while nothing answers."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except OSError:
        return None, ""


def _wait_for(condition, what):
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    pytest.fail(f"gave up waiting for {what}")


class DevServer:
    """`python -m commands devserver` as `make devserver` runs it, logging to a file."""

    def __init__(self, site, port):
        self.port = port
        self.log_path = site.root / "devserver.log"
        env = {**os.environ, "PYTHONPATH": str(PLUGINS), "PYTHONUNBUFFERED": "1"}
        with self.log_path.open("w") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "commands", "devserver", "-s", str(site.settings_file()),
                 "-o", str(site.output), "--bind", "127.0.0.1", "--port", str(port)],
                cwd=site.root, env=env, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip

    @property
    def log(self):
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def stop(self):
        """Ctrl-C; if it has not stopped within the wait, kill its process group."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=15)
        return self.process.returncode


@pytest.fixture
def devserver(small_site):
    servers = []

    def start():
        server = DevServer(small_site, _free_port())
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


def test_devserver_keeps_serving_through_a_content_error(small_site, devserver):
    post = "news/sports-day.md"
    small_site.write(post, "Title: Sports day\nDate: 2026-06-01\n\nThe first version.\n")
    server = devserver()
    _wait_for(lambda: "first version" in _get(server.port, "/news/sports-day/")[1], "the site")

    # A mistake: the error is printed once, and the last good pages are still served.
    small_site.write(post, "Title: Sports day\nDate: 2026-02-31\n\nThe broken version.\n")
    error = 'content/news/sports-day.md: line 2: Date: "2026-02-31" is not a real date'
    _wait_for(lambda: error in server.log, "the error")
    _wait_for(lambda: "The last good pages are still served." in server.log, "the notice")
    status, page = _get(server.port, "/news/sports-day/")
    assert status == 200
    assert "first version" in page
    time.sleep(3)  # Pelican's own loop would have rebuilt (and printed) dozens of times
    assert server.log.count(error) <= 2, server.log  # once; twice if a save came in two parts
    assert server.process.poll() is None, "the server stopped"
    assert "Traceback" not in server.log

    # The fix: rebuilt and served.
    small_site.write(post, "Title: Sports day\nDate: 2026-06-02\n\nThe fixed version.\n")
    _wait_for(lambda: "fixed version" in _get(server.port, "/news/sports-day/")[1], "the fix")
    assert _get(server.port, "/about/")[0] == 200

    assert server.stop() == 0
    assert "Stopped." in server.log
    assert "Traceback" not in server.log


def test_devserver_with_broken_settings_says_so_and_exits(small_site, devserver):
    small_site.overrides["REQUIRED_POLICY"] = ["complaints"]
    server = devserver()
    server.process.wait(timeout=WAIT)
    assert server.process.returncode == 1
    assert "pelicanconf.py: unknown setting REQUIRED_POLICY" in server.log
    assert "Traceback" not in server.log


def test_devserver_on_a_port_in_use_says_so(small_site):
    with closing(socket.socket()) as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        server = DevServer(small_site, taken.getsockname()[1])
        try:
            server.process.wait(timeout=WAIT)
        finally:
            server.stop()
    assert server.process.returncode == 1
    assert "Cannot serve at http://127.0.0.1:" in server.log
    assert "PORT=8001" in server.log
    assert "Traceback" not in server.log
