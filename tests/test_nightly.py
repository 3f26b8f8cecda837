"""The nightly job over several nights of a changing mirror: runs, records, exit codes."""

from __future__ import annotations

import fcntl
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

from sqlite_utils import Database

from mirror.server import copy_site, serve_dir, start
from store import ArchiveConfig
from tests.conftest import ROOT, expected_records

BASE = "https://yjj.km.gov.cn"
RECORDS = {r["url"]: r for r in expected_records("km_yjj")}
FIRST_LIST = "zfxxgk/fdzdgknr/tzgg/index.shtml"


def nightly(db: Path, base_url: str, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "xxgk.cli", "nightly", "--site", "km_yjj", "--db", str(db),
         "--base-url", f"km_yjj={base_url}", "--log-level", "ERROR", *args],
        capture_output=True, text=True, timeout=300, env={**os.environ, **env},
    )  # fmt: skip


def last_run(db: Path) -> dict[str, Any]:
    return dict(next(Database(db).query("select * from crawl_runs order by id desc limit 1")))


def status_of(db: Path, url: str) -> str:
    row = Database(db).execute("select status from documents where url = ?", [url]).fetchone()
    return str(row[0])


class Hook(BaseHTTPRequestHandler):
    received: ClassVar[list[dict[str, Any]]] = []

    def do_POST(self) -> None:
        length = int(self.headers["Content-Length"])
        Hook.received.append(json.loads(self.rfile.read(length)))
        self.send_response(204)
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        return


def test_nights_of_a_changing_site(tmp_path: Path) -> None:
    root = tmp_path / "mirror"
    server = serve_dir(copy_site("km_yjj", root))
    hook = ThreadingHTTPServer(("127.0.0.1", 0), Hook)
    threading.Thread(target=hook.serve_forever, daemon=True).start()
    db = tmp_path / "archive.db"
    every_day = {"XXGK_RECHECK_DAYS": "1"}  # re-check everything each night
    try:
        # night 1: an empty archive takes everything
        run = nightly(db, server.base_url)
        assert run.returncode == 0, run.stderr
        first = last_run(db)
        assert first["mode"] == "incremental" and first["new_documents"] == len(RECORDS)
        full_requests = first["requests"]

        # night 2: nothing changed: a few list pages and the day's re-check sample
        run = nightly(db, server.base_url)
        assert run.returncode == 0, run.stderr
        quiet = last_run(db)
        assert quiet["new_documents"] == quiet["changed_documents"] == 0
        assert quiet["requests"] < full_requests / 3
        assert quiet["status"] in ("ok", "degraded")  # the mirror keeps one anti-bot page

        # night 3: a new document at the top of a list, an edited one, a deleted one
        listing = root / FIRST_LIST
        html = listing.read_text("utf-8")
        template = re.search(r'<div class="data-table-item">.*?</div>', html)
        assert template is not None
        new_url = "/c/2024-01-02/4990001.shtml"
        item = re.sub(r'href="[^"]+"', f'href="{new_url}"', template.group(0))
        listing.write_text(html.replace(template.group(0), item + "\n" + template.group(0), 1),
                           "utf-8")  # fmt: skip
        source = root / "c/2022-07-08/4123456.shtml"
        (root / new_url.lstrip("/")).parent.mkdir(parents=True)
        (root / new_url.lstrip("/")).write_bytes(
            source.read_bytes().replace(b"4123456", b"4990001")
        )
        edited = BASE + "/c/2020-03-02/3500001.shtml"
        deleted = BASE + "/c/2023-04-28/4250019.shtml"
        page = root / "c/2020-03-02/3500001.shtml"
        page.write_bytes(
            page.read_bytes().replace("先进个人".encode("gbk"), "先进集体".encode("gbk"))
        )
        (root / "c/2023-04-28/4250019.shtml").unlink()
        time.sleep(1.1)  # Last-Modified has one-second resolution
        run = nightly(db, server.base_url, "--notify", f"http://127.0.0.1:{hook.server_address[1]}",
                      **every_day)  # fmt: skip
        assert run.returncode == 0, run.stderr
        night3 = last_run(db)
        assert (night3["new_documents"], night3["changed_documents"]) == (1, 1)
        assert night3["removed_documents"] >= 1
        assert status_of(db, deleted) == "removed"
        assert status_of(db, edited) == "live"
        assert Database(db).execute(
            "select version_count from documents where url = ?", [edited]
        ).fetchone()[0] == 2  # fmt: skip
        assert Hook.received and Hook.received[-1]["runs"][0]["new_documents"] == 1

        # night 4: the list layout changes: broken, said loudly
        listing.write_text(listing.read_text("utf-8").replace("data-table-item", "news-row"),
                           "utf-8")  # fmt: skip
        run = nightly(db, server.base_url)
        assert run.returncode == 1
        assert "BROKEN: km_yjj" in run.stderr
        broken = last_run(db)
        assert broken["status"] == "broken" and "layout" in broken["status_reason"]

        # night 5: an anti-bot wall in front of everything
        routes = root / "routes.toml"
        wall = "".join(
            f'\n[[route]]\npath = "/{p.relative_to(root).as_posix()}"\nstatus = 412\n'
            'file = "_mirror/412.html"\n'
            for p in root.rglob("*.shtml")
        )
        routes.write_text(routes.read_text("utf-8") + wall, "utf-8")
        server.reload_routes()
        run = nightly(db, server.base_url, **every_day)
        assert run.returncode == 1
        assert last_run(db)["status"] == "broken"
        assert json.loads(last_run(db)["errors_by_kind"]).get("blocked", 0) >= 3
        assert Database(db)["documents"].count == len(RECORDS) + 1  # nothing ever deleted
    finally:
        server.shutdown()
        hook.shutdown()


def test_a_second_run_waits_for_the_first(tmp_path: Path) -> None:
    """One lock per archive, taken by nightly runs and crawls alike."""
    db = tmp_path / "archive.db"
    with open(ArchiveConfig.resolve(db, env={}).lock_path, "a+") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        fh.write("pid 1 since earlier")
        fh.flush()
        run = nightly(db, "http://127.0.0.1:9")
        crawl = subprocess.run(
            [sys.executable, "-m", "xxgk", "crawl", "km_yjj", "--db", str(db), "--base-url",
             "http://127.0.0.1:9"],
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip
    assert run.returncode == 75 and crawl.returncode == 75
    assert "another run holds" in run.stderr and "pid 1 since earlier" in crawl.stderr


def _run_started(db: Path) -> bool:
    if not db.exists():
        return False
    try:
        return bool(Database(db).execute("select count(*) from crawl_runs").fetchone()[0])
    except sqlite3.OperationalError:  # the schema may be half-created while we look
        return False


def test_a_killed_night_resumes(tmp_path: Path) -> None:
    server = start("km_yjj", delay=0.2)
    db = tmp_path / "archive.db"
    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", "xxgk.cli", "nightly", "--site", "km_yjj", "--db", str(db),
             "--base-url", f"km_yjj={server.base_url}", "--log-level", "ERROR"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not _run_started(db):
            time.sleep(0.1)
        time.sleep(0.5)
        assert proc.poll() is None, "the run ended before it could be killed"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        run = nightly(db, server.base_url)
    finally:
        server.shutdown()
    assert run.returncode == 0, run.stderr
    assert "marked interrupted" in run.stderr
    archive = Database(db)
    statuses = [r["status"] for r in archive.query("select status from crawl_runs order by id")]
    assert statuses[0] == "interrupted" and statuses[-1] in ("ok", "degraded")
    urls = [r["url"] for r in archive.query("select url from documents")]
    assert sorted(urls) == sorted(RECORDS)


def test_scheduling_files_run_the_documented_command(tmp_path: Path) -> None:
    service = (ROOT / "deploy" / "xxgk-nightly.service").read_text("utf-8")
    timer = (ROOT / "deploy" / "xxgk-nightly.timer").read_text("utf-8")
    cron = (ROOT / "deploy" / "crontab").read_text("utf-8")
    exec_start = re.search(r"^ExecStart=(.+)$", service, re.M)
    assert exec_start is not None
    command = exec_start.group(1).split()
    assert command[0].endswith("/.venv/bin/xxgk") and command[1] == "nightly"
    assert "Type=oneshot" in service and "OnCalendar=" in timer and "Persistent=true" in timer
    cron_line = next(line for line in cron.splitlines() if line and not line.startswith("#"))
    assert " ".join(command) in cron_line
    readme = (ROOT / "README.md").read_text("utf-8")
    assert "deploy/xxgk-nightly.timer" in readme and "xxgk nightly" in readme
    # the unit's command works: the same arguments, this checkout's xxgk, a mirror
    server = start("km_yjj")
    try:
        args = [a if a != "/var/lib/xxgk/archive.db" else str(tmp_path / "a.db") for a in command]
        run = subprocess.run(
            [sys.executable, "-m", "xxgk.cli", *args[1:], "--site", "km_yjj",
             "--base-url", f"km_yjj={server.base_url}", "--log-level", "ERROR"],
            capture_output=True, text=True, timeout=300,
        )  # fmt: skip
    finally:
        server.shutdown()
    assert run.returncode == 0, run.stderr
    assert "km_yjj" in run.stdout
