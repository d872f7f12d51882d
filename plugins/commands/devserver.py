"""`make devserver` (and `make regenerate`): build, serve, rebuild on every change.

Pelican's own autoreload loop retries a failed build at once, again and again, so
one mistake fills the screen; this loop builds, then waits for the next change.
A content error is printed once. Pelican writes into a staging folder that replaces
output/ only once every check passed (the guard), so what is served has passed:
after a failure the last good site is still served and the staging folder is gone.
"""

import html
import os
import queue
import threading
from http import server as http_server

import pelican
import watchfiles
from pelican.server import ComplexHTTPRequestHandler, RootedHTTPServer
from pelican.utils import FileChangeFilter

from guard.workspace import remove_staging
from sitebase.problems import BuildFailed, display_path, report

from .runner import describe

_NOT_BUILT = (
    "The site is not built at the moment: no build has passed its checks yet, or the last "
    "one removed the pages (see the terminal). Fix the file, save it, then reload this page."
)


def run(pelican_args, bind=None, port=None):
    """Build, then rebuild after each change until Ctrl-C; serve output/ when given a port.

    Returns the exit code: 1 if the settings cannot be read or the port is taken, else 0.
    """
    instance, settings = load_instance(pelican_args)
    if instance is None:
        return 1
    server = None
    if port is not None:
        try:
            server = RootedHTTPServer(settings["OUTPUT_PATH"], (bind, port), _Handler)
        except OSError as error:
            report(
                [
                    f"Cannot serve at http://{bind}:{port}: {error.strerror or error}; "
                    "another server may be running there (stop it, or use e.g. PORT=8001)"
                ]
            )
            return 1
        threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        _loop(pelican_args, instance, settings, server is not None, bind, port)
    except KeyboardInterrupt:
        print("\nStopped.")
    finally:
        if server is not None:
            server.shutdown()
            server.server_close()
    return 0


def load_instance(pelican_args):
    """(Pelican, settings), or (None, None) after one line saying what is wrong."""
    try:
        return pelican.get_instance(pelican_args)
    except BuildFailed as error:
        report([f"Stopped: {error}"])
    except Exception as error:  # noqa: BLE001 (one line, never a traceback)
        report([describe(error, pelican_args.settings)])
    return None, None


def _loop(pelican_args, instance, settings, served, bind, port):
    output = settings["OUTPUT_PATH"]  # before any run: where the checked site is swapped in
    where = f"; the site is at http://{bind}:{port}/" if served else ""
    print(f"Watching {display_path(settings['PATH'])}, the theme and the settings{where}")
    print("Stop with Ctrl-C.")
    watcher = _Watcher(pelican_args.settings, settings)
    while True:
        if instance is not None:
            _build_once(instance, pelican_args.settings, output if served else None)
        changed = watcher.next()
        shown = [path for path in changed if os.path.exists(path)] or changed  # not temp files
        print(f"\nChanged: {', '.join(sorted(display_path(path) for path in shown))}")
        if any(path.endswith(".py") for path in changed):
            instance, new_settings = load_instance(pelican_args)
            if new_settings:
                watcher.stop()
                settings, watcher = new_settings, _Watcher(pelican_args.settings, new_settings)


class _Watcher:
    """Changes to the settings, theme and content, as Pelican's autoreload watches them.

    Watches in a thread from before the first build (Pelican starts a new watcher after
    each build), so a file saved while a build runs is not missed: it starts the next.
    """

    def __init__(self, settings_file, settings):
        content = settings["PATH"]
        paths = [settings_file, settings.get("THEME", ""), content]
        paths += [os.path.join(content, path) for path in settings.get("STATIC_PATHS", [])]
        paths = sorted({os.path.abspath(path) for path in paths if path and os.path.exists(path)})
        ignore = FileChangeFilter(ignore_file_patterns=set(settings.get("IGNORE_FILES", [])))
        self._changes = queue.Queue()
        self._stop = threading.Event()
        thread = threading.Thread(target=self._watch, args=(paths, ignore), daemon=True)
        thread.start()

    def _watch(self, paths, ignore):
        changes = watchfiles.watch(
            *paths, watch_filter=ignore, stop_event=self._stop, raise_interrupt=False
        )
        for batch in changes:
            self._changes.put({path for _change, path in batch})

    def next(self):
        """The paths changed since the last call (waits for at least one)."""
        changed = set(self._changes.get())
        while True:
            try:
                changed |= self._changes.get_nowait()
            except queue.Empty:
                return changed

    def stop(self):
        self._stop.set()


def _build_once(instance, settings_path, served):
    """One run; `served` is the output folder the server serves (None if none)."""
    try:
        instance.run()
    except BuildFailed as error:
        report([f"Build stopped: {error}.{_what_is_served(served)}"])
    except Exception as error:  # noqa: BLE001 (one line, never a traceback)
        report([f"{describe(error, settings_path)}.{_what_is_served(served)}"])
    finally:
        remove_staging(instance.settings.get("PUBLISHED_OUTPUT_PATH", instance.output_path))


def _what_is_served(served):
    if not served:
        return " Save the fix and it rebuilds."
    if not os.path.isdir(served):
        return " Nothing is served until you save the fix: the pages were removed."
    return " The last good pages are still served. Save the fix and it rebuilds."


class _Handler(ComplexHTTPRequestHandler):
    """Pelican's handler, with a 404 page (Pelican's just closes the connection), and
    without a log line for every request."""

    def get_path_that_exists(self, original_path):
        trailing_slash = original_path.endswith("/")
        original_path = original_path.rstrip("/")
        for suffix in self.SUFFIXES:
            if suffix == "/" and not trailing_slash:
                continue
            if os.path.exists(self.translate_path(original_path + suffix)):
                return original_path + suffix
        return None

    def do_GET(self):  # noqa: N802 (the standard library's name)
        found = self.get_path_that_exists(self.path.split("?", 1)[0])
        if found is None:
            self._not_found()
            return
        self.path = found
        http_server.SimpleHTTPRequestHandler.do_GET(self)

    def _not_found(self):
        if os.path.isdir(self.base_path):
            text = f"Not found: {self.path} is not in the built site."
        else:
            text = _NOT_BUILT
        body = f"<!doctype html><title>Not found</title><p>{html.escape(text)}</p>".encode()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, msg_format, *args):
        pass
