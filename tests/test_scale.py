"""Crawling past one machine, on this one: three real Scrapyd daemons on loopback ports crawl
every bundled mirror as dispatched jobs; their shards, merged, make the same archive as one
process crawling the same mirrors — whatever the order, however often — and every row
resolves to its WARC record. Then the faults: a node killed mid-job, a node that never
answers, two dispatchers at once, and shards that are partial or corrupt.
"""

from __future__ import annotations

import hashlib
import json
import math
import random
import shutil
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest
from sqlite_utils import Database

from mirror import server
from store import Archive, ArchiveConfig, Shard
from store.warc import read_response
from tests.archive_content import content, differences
from tests.conftest import expected_records, xxgk
from xxgk.localnodes import LocalNode, free_port, nodes_toml, start_nodes, stop_nodes
from xxgk.merge import merge_shards

SITES = sorted(p.name for p in server.MIRROR_ROOT.iterdir() if (p / "robots.txt").exists())
FAST = {"poll_seconds": 0.5, "dead_after_seconds": 2.0, "attempts": 3}


def site_args(urls: dict[str, str]) -> list[str]:
    args = []
    for site, url in sorted(urls.items()):
        args += ["--site", site, "--base-url", f"{site}={url}"]
    return args


@pytest.fixture(scope="module")
def mirrors() -> Iterator[dict[str, str]]:
    servers = {site: server.start(site) for site in SITES}
    yield {site: srv.base_url for site, srv in servers.items()}
    for srv in servers.values():
        srv.shutdown()


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every mirror crawled by one process (xxgk demo, with mirrors of its own)."""
    db = tmp_path_factory.mktemp("one-process") / "archive.db"
    done = xxgk("demo", "--no-serve", "--db", str(db))
    assert done.returncode == 0, done.stderr[-3000:]
    return db


@pytest.fixture(scope="module")
def nodes(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[LocalNode]]:
    started = start_nodes(tmp_path_factory.mktemp("nodes"), 3, slots=2)
    yield started
    stop_nodes(started)


@pytest.fixture(scope="module")
def dispatched(
    tmp_path_factory: pytest.TempPathFactory, nodes: list[LocalNode], mirrors: dict[str, str]
) -> tuple[Path, list[Path]]:
    """A full crawl of every mirror dispatched to the three nodes, in bundles of two: the
    shards, collected but not merged, beside an archive that holds nothing yet."""
    root = tmp_path_factory.mktemp("dispatch")
    # node3 shares no folder with the dispatcher: it writes into a spool of its own, and the
    # seed goes there and the shard comes back by command (rsync in real life)
    spool = {"spool": str(root / "node3-spool"),
             "push": "mkdir -p {remote} && cp -R {local}/. {remote}/",
             "pull": "cp -R {remote}/. {local}/"}  # fmt: skip
    (root / "nodes.toml").write_text(
        nodes_toml(nodes, {"node3": spool}, bundle_size=2, **FAST), "utf-8"
    )
    done = xxgk("dispatch", "--full", "--nodes", str(root / "nodes.toml"), "--db",
                str(root / "archive.db"), *site_args(mirrors))  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    shards = [Path(line) for line in done.stdout.split()]
    assert len(shards) == math.ceil(len(SITES) / 2)  # bundles of two
    assert all((s / "manifest.json").is_file() for s in shards)
    assert list((root / "node3-spool").glob("*/*/manifest.json"))
    return root, shards


def copy_shards(shards: list[Path], into: Path) -> list[Path]:
    return [Path(shutil.copytree(s, into / s.name)) for s in shards]


def rows(db_path: Path) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table, ids and all: what 'nothing changed' means."""
    db = Database(db_path)
    return {t: list(db[t].rows) for t in db.table_names() if not t.startswith("documents_fts")}


# -- dispatched = one process --------------------------------------------------------------


def test_shards_merge_into_the_archive_one_process_makes(
    tmp_path: Path, dispatched: tuple[Path, list[Path]], reference: Path
) -> None:
    root, shards = dispatched
    record = json.loads((shards[0].parent / "dispatch.json").read_text("utf-8"))
    assert {j["state"] for j in record["jobs"]} == {"collected"}
    assert {n["state"] for n in record["nodes"]} == {"up"}
    manifests = [json.loads((s / "manifest.json").read_text("utf-8")) for s in shards]
    # a job is a bundle: one process crawled several sites, each its own run
    assert sorted(site for m in manifests for site in m["sites"]) == SITES
    assert max(len(m["runs"]) for m in manifests) == 2
    assert {m["node"] for m in manifests} == {"node1", "node2", "node3"}
    for shard, manifest in zip(shards, manifests, strict=True):
        cdxj = (shard / "index.cdxj").read_text("utf-8").splitlines()
        assert len(cdxj) == manifest["counts"]["warc_records"] == manifest["counts"]["fetches"]

    db = root / "archive.db"
    done = xxgk("merge", "--db", str(db), *map(str, shards))
    assert done.returncode == 0, done.stderr[-3000:]
    merged = content(Database(db))
    assert merged["documents"] and merged["figures"] and merged["status_changes"]
    assert differences(merged, content(Database(reference))) == ""

    runs = list(Database(db).query("select * from crawl_runs order by site_id"))
    assert [r["site_id"] for r in runs] == SITES
    assert all(r["origin"] and r["node"] and r["vantage"] for r in runs)

    # merging again changes nothing, not even an id
    before = rows(db)
    again = xxgk("merge", "--db", str(db), *map(str, shards))
    assert again.returncode == 0, again.stderr[-3000:]
    assert "already merged" in again.stderr
    assert rows(db) == before

    # another order, into another archive: the same archive
    shuffled = list(reversed(shards))
    random.Random(16).shuffle(shuffled)
    other = ArchiveConfig.resolve(tmp_path / "other" / "archive.db", env={})
    with Archive.open(other) as archive:
        merge_shards(archive, shuffled)
    assert differences(content(Database(other.db_path)), merged) == ""

    # every fetch resolves to its WARC record, and every row that names a fetch to one of them
    check_warc_records(ArchiveConfig.resolve(db, env={}))


def check_warc_records(config: ArchiveConfig) -> None:
    db = Database(config.db_path)
    fetches = {f["id"]: f for f in db["fetches"].rows}
    for fetch in fetches.values():
        stored = read_response(config.warc_dir, fetch["warc_file"], fetch["warc_offset"])
        assert hashlib.sha256(stored.body).hexdigest() == fetch["sha256"], fetch
        assert stored.canonical_url == fetch["url"] and stored.status == fetch["status"]
        path = config.warc_dir / fetch["warc_file"]
        assert _record_id(path, fetch["warc_offset"]) == fetch["warc_record_id"], fetch
    for table, column in (("documents", "fetch_id"), ("versions", "fetch_id"),
                          ("attachments", "fetch_id"), ("status_changes", "fetch_id"),
                          ("errors", "fetch_id"), ("documents", "status_fetch_id")):  # fmt: skip
        ids = {r[column] for r in db[table].rows if r[column] is not None}
        assert ids <= set(fetches), (table, column, ids - set(fetches))


def _record_id(path: Path, offset: int) -> str:
    from warcio.archiveiterator import ArchiveIterator

    with open(path, "rb") as fh:
        fh.seek(offset)
        record = next(iter(ArchiveIterator(fh)))
        return str(record.rec_headers.get_header("WARC-Record-ID"))


# -- the nightly run, dispatched ----------------------------------------------------------


class Hook(BaseHTTPRequestHandler):
    received: ClassVar[list[dict[str, Any]]] = []

    def do_POST(self) -> None:
        Hook.received.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
        self.send_response(204)
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        return


def test_a_dispatched_nightly_run_is_the_nightly_run(
    tmp_path: Path,
    dispatched: tuple[Path, list[Path]],
    nodes: list[LocalNode],
    mirrors: dict[str, str],
) -> None:
    """The same incremental night on two copies of one archive — in this process, and through
    the nodes (whose crawls know the archive only from the frontier seed) — finds the same."""
    _, shards = dispatched
    here, there = tmp_path / "here" / "archive.db", tmp_path / "there" / "archive.db"
    for db in (here, there):
        with Archive.open(ArchiveConfig.resolve(db, env={})) as archive:
            merge_shards(archive, copy_shards(shards, db.parent / "in"))
    (tmp_path / "nodes.toml").write_text(nodes_toml(nodes, bundle_size=3, **FAST), "utf-8")
    hook = ThreadingHTTPServer(("127.0.0.1", 0), Hook)
    threading.Thread(target=hook.serve_forever, daemon=True).start()
    every_day = {"XXGK_RECHECK_DAYS": "3"}
    try:
        local = xxgk("nightly", "--db", str(here), *site_args(mirrors), **every_day)
        assert local.returncode == 0, local.stderr[-3000:]
        remote = xxgk("nightly", "--dispatch", "--nodes", str(tmp_path / "nodes.toml"),
                      "--db", str(there), *site_args(mirrors), "--notify",
                      f"http://127.0.0.1:{hook.server_address[1]}", **every_day)  # fmt: skip
        assert remote.returncode == 0, remote.stderr[-3000:]
    finally:
        hook.shutdown()
    night = "select * from crawl_runs where mode = 'incremental' order by site_id"
    runs = {db: list(Database(db).query(night)) for db in (here, there)}
    assert [r["site_id"] for r in runs[there]] == SITES
    assert all(r["node"] and r["status"] in ("ok", "degraded") for r in runs[there])
    assert all(r["new_documents"] == 0 and r["unchanged_documents"] > 0 for r in runs[there])
    counted = ("status", "status_reason", "requests", "documents", "errors", "new_documents",
               "changed_documents", "unchanged_documents", "removed_documents")  # fmt: skip
    assert [{k: r[k] for k in counted} for r in runs[there]] == [
        {k: r[k] for k in counted} for r in runs[here]
    ]
    assert differences(content(Database(there)), content(Database(here))) == ""
    summary = Hook.received[-1]
    assert sorted(r["site_id"] for r in summary["runs"]) == SITES
    assert summary["failed"] == [] and summary["broken"] == []
    for site in SITES:
        assert site in remote.stdout  # the summary table


# -- faults ----------------------------------------------------------------------------------


def running_on(nodes: list[LocalNode]) -> LocalNode | None:
    for node in nodes:
        with urllib.request.urlopen(f"{node.url}/listjobs.json", timeout=5) as answer:
            if json.loads(answer.read())["running"]:
                return node
    return None


def test_a_node_killed_mid_job(tmp_path: Path) -> None:
    """A slow site's job is running when its node dies with it: the job runs again on the
    other node, the partial shard is discarded, and the archive has each row once. Meanwhile
    a second dispatcher is turned away, and a node that never answered is given up."""
    slow = server.start("km_yjj", delay=0.25)
    live = start_nodes(tmp_path / "nodes", 2, slots=1)
    silent = f'[[node]]\nname = "silent"\nurl = "http://127.0.0.1:{free_port()}"\n'
    (tmp_path / "nodes.toml").write_text(nodes_toml(live, **FAST) + "\n" + silent, "utf-8")
    db = tmp_path / "archive.db"
    args = ["dispatch", "--full", "--merge", "--nodes", str(tmp_path / "nodes.toml"), "--db",
            str(db), "--site", "km_yjj", "--base-url", f"km_yjj={slow.base_url}"]  # fmt: skip
    try:
        first = subprocess.Popen([sys.executable, "-m", "xxgk", *args], stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True)  # fmt: skip
        victim = None
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and (victim is None or sum(slow.hits.values()) < 15):
            time.sleep(0.2)
            victim = victim or running_on(live)
        assert victim is not None, "the job never ran"
        second = xxgk(*args)
        assert second.returncode == 75 and "another run holds" in second.stderr, second.stderr
        victim.kill()
        slow.delay = 0.0  # the next attempt need not be slow
        _, err = first.communicate(timeout=150)
        assert first.returncode == 0, err[-3000:]
    finally:
        stop_nodes(live)
        slow.shutdown()

    dispatch = next(db.parent.glob("shards/*/dispatch.json"))
    record = json.loads(dispatch.read_text("utf-8"))
    (job,) = record["jobs"]
    assert job["state"] == "collected"
    assert [a["outcome"] for a in job["attempts"]] == ["lost", "collected"]
    assert job["attempts"][0]["node"] == victim.name != job["attempts"][1]["node"]
    assert "died" in job["attempts"][0]["reason"]
    nodes = {n["name"]: n for n in record["nodes"]}
    assert nodes["silent"]["state"] == "dead" and "unreachable" in nodes["silent"]["reason"]
    assert nodes[victim.name]["state"] == "dead"
    (partial,) = dispatch.parent.glob("discarded/*")
    assert partial.name == job["attempts"][0]["job_id"]
    assert not (partial / "manifest.json").exists() and (partial / "DISCARDED").is_file()
    assert (partial / "shard.sqlite").exists()  # it had started writing

    archive = Database(db)
    urls = [r["url"] for r in archive.query("select url from documents")]
    assert sorted(urls) == sorted(r["url"] for r in expected_records("km_yjj"))
    assert archive["crawl_runs"].count == 1  # the killed attempt's run never reached it
    assert archive.execute("select count(*) from versions group by document_id having count(*)"
                           " > 1").fetchall() == []  # fmt: skip
    manifest = json.loads((Path(job["shard"]) / "manifest.json").read_text("utf-8"))
    assert archive["fetches"].count == manifest["counts"]["fetches"]
    check_warc_records(ArchiveConfig.resolve(db, env={}))

    refused = xxgk("merge", "--db", str(db), str(partial))
    assert refused.returncode == 65 and "partial shard" in refused.stderr, refused.stderr


def test_a_corrupt_or_partial_shard_is_refused(
    tmp_path: Path, dispatched: tuple[Path, list[Path]]
) -> None:
    _, shards = dispatched
    good, bad = copy_shards(shards[:2], tmp_path)
    db = tmp_path / "archive.db"
    Archive.open(ArchiveConfig.resolve(db, env={})).close()
    before = rows(db)

    def refused(*paths: Path) -> str:
        done = xxgk("merge", "--db", str(db), *map(str, paths))
        assert done.returncode == 65, done.stderr
        assert rows(db) == before  # nothing merged, not even the good shard
        return done.stderr

    warc = next((bad / "warc").glob("*.warc.gz"))
    original = warc.read_bytes()
    warc.write_bytes(original[:1000] + bytes([original[1000] ^ 1]) + original[1001:])
    assert "does not match its sha256" in refused(good, bad)
    warc.write_bytes(original[: len(original) // 2])
    assert "bytes, the manifest says" in refused(good, bad)
    warc.write_bytes(original)

    # a damaged database, its manifest updated to match: still refused, by the database check
    manifest = json.loads((bad / "manifest.json").read_text("utf-8"))
    sqlite = bad / "shard.sqlite"
    saved = sqlite.read_bytes()
    sqlite.write_bytes(saved[:4096] + b"\0" * 8192 + saved[4096 + 8192 :])
    manifest["files"]["shard.sqlite"]["sha256"] = hashlib.sha256(sqlite.read_bytes()).hexdigest()
    (bad / "manifest.json").write_text(json.dumps(manifest), "utf-8")
    assert "database" in refused(bad)
    sqlite.write_bytes(saved)

    (bad / "manifest.json").unlink()
    assert "partial shard" in refused(good, bad)
    assert not Shard(bad).sealed
