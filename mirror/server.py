"""The offline mirror: serves a static copy of a site family on localhost.

Tests and ``make demo`` crawl this server instead of the live site. A site is served from two
places, each file from one only:

- its test cases, ``tests/fixtures/<site_id>/<case>.<ext>`` beside ``<case>.expected.json``: each
  page is served at the path of the canonical ``url`` its expected JSON names (an index built
  when the server starts);
- everything else, ``mirror/<site_id>/``, where the file path is the URL path: list pages,
  attachments, robots.txt, error pages, and ``routes.toml``, which describes the pages that
  misbehave the way real government servers do (404s, soft 404s, anti-bot challenges, flaky
  500s, truncated bodies, redirects, legacy charsets).
"""

from __future__ import annotations

import json
import mimetypes
import shutil
import threading
import time
import tomllib
from dataclasses import dataclass
from email.utils import formatdate
from functools import lru_cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit

MIRROR_ROOT = Path(__file__).resolve().parent
FIXTURES_ROOT = MIRROR_ROOT.parent / "tests" / "fixtures"

_TYPES = {
    ".shtml": "text/html; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".pdf": "application/pdf",
    ".doc": "application/msword",
    ".xls": "application/vnd.ms-excel",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".csv": "text/csv",
    ".zip": "application/zip",
    ".wps": "application/vnd.ms-works",
    ".ofd": "application/ofd",
}


@dataclass
class Route:
    path: str
    status: int = 200
    file: str | None = None
    redirect: str | None = None
    fail_first: int = 0
    truncate: bool = False
    content_type: str | None = None
    expect_error: str | None = None
    headers: dict[str, str] | None = None  # extra response headers (Content-Disposition…)
    header_charset: str = "utf-8"  # how non-ASCII header values go on the wire (gbk, utf-8)


def url_path(url: str) -> str:
    """The mirror path of a URL: its unquoted path, and ``@<query>`` when it has a query (a
    dynamic page such as Hanweb's ``dataproxy.jsp?startrecord=…`` is the file
    ``<path>@<query>``)."""
    parts = urlsplit(url)
    path = unquote(parts.path) or "/"
    return f"{path}@{unquote(parts.query)}" if parts.query else path


def case_page(expected: Path, url: str) -> Path:
    """The page of a fixture case: ``<case>.<ext>`` beside ``<case>.expected.json``, with the
    extension of its canonical ``url`` (``.html`` when the URL has none)."""
    case = expected.name.removesuffix(".expected.json")
    return expected.with_name(case + (PurePosixPath(urlsplit(url).path).suffix or ".html"))


def case_pages(directory: Path) -> dict[str, Path]:
    """Canonical URL -> page file of every case in a fixture folder (none when it is missing)."""
    try:
        stamp = directory.stat().st_mtime_ns
    except FileNotFoundError:
        return {}
    return dict(_case_pages(directory.resolve(), stamp))


@lru_cache(maxsize=64)
def _case_pages(directory: Path, stamp: int) -> tuple[tuple[str, Path], ...]:
    # keyed by the folder's mtime too: adding, removing or renaming a case makes a new index
    pages = []
    for expected in sorted(directory.glob("*.expected.json")):
        url = json.loads(expected.read_text("utf-8"))["url"]
        pages.append((url, case_page(expected, url)))
    return tuple(pages)


def load_routes(site_dir: Path) -> dict[str, Route]:
    """Read ``routes.toml`` of a mirror site (missing file: no special routes)."""
    path = site_dir / "routes.toml"
    if not path.exists():
        return {}
    data: dict[str, Any] = tomllib.loads(path.read_text("utf-8"))
    routes = [Route(**entry) for entry in data.get("route", [])]
    return {r.path: r for r in routes}


class MirrorServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(
        self,
        site_dir: Path,
        host: str = "127.0.0.1",
        port: int = 0,
        delay: float = 0.0,
        pages: dict[str, Path] | None = None,
    ) -> None:
        self.site_dir = site_dir.resolve()
        self.routes = load_routes(self.site_dir)
        # mirror path -> fixture page served there (canonical URL -> page, as case_pages gives)
        self.pages = {url_path(url): page for url, page in (pages or {}).items()}
        self.delay = delay  # seconds before each answer: a slow server
        self.hits: dict[str, int] = {}
        self.lock = threading.Lock()
        super().__init__((host, port), MirrorHandler)

    @property
    def base_url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host!s}:{port}"

    def reload_routes(self) -> None:
        """Re-read routes.toml (tests change a mirror's state between crawls)."""
        self.routes = load_routes(self.site_dir)

    def count_hit(self, path: str) -> int:
        with self.lock:
            self.hits[path] = self.hits.get(path, 0) + 1
            return self.hits[path]


class MirrorHandler(BaseHTTPRequestHandler):
    server: MirrorServer
    protocol_version = "HTTP/1.1"
    server_version = "xxgk-mirror/1"

    def log_message(self, format: str, *args: Any) -> None:  # quiet in tests
        return

    def do_HEAD(self) -> None:
        self._serve(head=True)

    def do_GET(self) -> None:
        self._serve(head=False)

    def _file_for(self, path: str) -> Path | None:
        page = self.server.pages.get(path)
        if page is not None:
            return page if page.is_file() else None
        rel = path.lstrip("/")
        if rel == "" or rel.endswith("/"):
            rel += "index.shtml"
        candidate = (self.server.site_dir / rel).resolve()
        if self.server.site_dir not in candidate.parents or not candidate.is_file():
            return None
        if "_mirror" in candidate.relative_to(self.server.site_dir).parts:
            return None
        return candidate

    def _serve(self, head: bool) -> None:
        path = url_path(self.path)
        hit = self.server.count_hit(path)
        if self.server.delay:
            time.sleep(self.server.delay)
        route = self.server.routes.get(path)
        if route is None:
            file = self._file_for(path)
            if file is None:
                self._send_file(404, self._error_page(404), None, head)
            elif not self._not_modified(file):
                self._send_file(200, file, None, head, headers=self._validators(file))
            return
        if route.fail_first and hit % (route.fail_first + 1) != 0:
            self._send_file(500, self._error_page(500), None, head)
            return
        if route.redirect:
            self.send_response(route.status if route.status in (301, 302, 303, 307, 308) else 302)
            self.send_header("Location", route.redirect)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        file = self.server.site_dir / route.file if route.file else self._file_for(path)
        if file is None or not file.is_file():
            self._send_file(404, self._error_page(404), None, head)
            return
        self._send_file(
            route.status, file, route.content_type, head, truncate=route.truncate,
            headers={k: v.encode(route.header_charset).decode("latin-1")
                     for k, v in (route.headers or {}).items()},
        )  # fmt: skip

    @staticmethod
    def _validators(file: Path) -> dict[str, str]:
        """ETag and Last-Modified, as government web servers (nginx, IIS) send them."""
        stat = file.stat()
        return {
            "ETag": f'"{stat.st_mtime_ns:x}-{stat.st_size:x}"',
            "Last-Modified": formatdate(stat.st_mtime, usegmt=True),
        }

    def _not_modified(self, file: Path) -> bool:
        """Answer a conditional request with 304 when the file has not changed."""
        validators = self._validators(file)
        etag = self.headers.get("If-None-Match")
        since = self.headers.get("If-Modified-Since")
        if etag is None and since is None:
            return False
        if etag is not None and etag != validators["ETag"]:
            return False
        if etag is None and since != validators["Last-Modified"]:
            return False
        self.send_response(304)
        for name, value in validators.items():
            self.send_header(name, value)
        self.send_header("Content-Length", "0")
        self.end_headers()
        return True

    def _error_page(self, status: int) -> Path | None:
        page = self.server.site_dir / "_mirror" / f"{status}.html"
        return page if page.is_file() else None

    def _send_file(
        self,
        status: int,
        file: Path | None,
        content_type: str | None,
        head: bool,
        truncate: bool = False,
        headers: dict[str, str] | None = None,
    ) -> None:
        body = file.read_bytes() if file is not None else b""
        if content_type is None:
            suffix = file.suffix.lower() if file is not None else ".html"
            content_type = _TYPES.get(suffix) or (
                mimetypes.guess_type(f"x{suffix}")[0] or "application/octet-stream"
            )
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)  # latin-1 on the wire: already-encoded bytes pass
        if truncate:
            self.send_header("Connection", "close")
        self.end_headers()
        if head:
            return
        if truncate:
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.close_connection = True
            return
        self.wfile.write(body)


def site_dir(site_id: str) -> Path:
    path = MIRROR_ROOT / site_id
    if not path.is_dir():
        raise FileNotFoundError(f"no mirror for site {site_id!r} in {MIRROR_ROOT}")
    return path


def start(site_id: str, host: str = "127.0.0.1", port: int = 0, delay: float = 0.0) -> MirrorServer:
    """Start a site's mirror, its fixture pages included, in a background thread; call
    ``.shutdown()`` to stop it."""
    return serve_dir(site_dir(site_id), host, port, delay, case_pages(FIXTURES_ROOT / site_id))


def serve_dir(
    directory: Path,
    host: str = "127.0.0.1",
    port: int = 0,
    delay: float = 0.0,
    pages: dict[str, Path] | None = None,
) -> MirrorServer:
    """Serve a mirror tree (e.g. a copy a test changes, or a generated site) in a background
    thread, with ``pages`` (canonical URL -> file) served at their URLs' paths."""
    server = MirrorServer(directory, host, port, delay, pages)
    thread = threading.Thread(target=server.serve_forever, name="mirror", daemon=True)
    thread.start()
    return server


def copy_site(site_id: str, destination: Path) -> Path:
    """Copy a site's whole mirror, its fixture pages put at their URLs' paths, into one tree
    that ``serve_dir`` serves as the site: for tests that change pages between crawls."""
    shutil.copytree(site_dir(site_id), destination)
    for url, page in case_pages(FIXTURES_ROOT / site_id).items():
        target = destination / url_path(url).lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(page, target)
    return destination
