"""Past one machine: the same sites crawled by one process and by 1, 2 and 3 local Scrapyd nodes,
what merging costs, and a plan for 3,000 sites / 30 million pages from the measured figures.

Makes ``--sites`` Kunming-style sites of ``--documents`` documents each with ``mirror/kit.py``
(profiles in a temporary ``XXGK_SITES_DIR``), serves each on its own loopback port, and crawls
them all (full crawls) four ways: in one process (``xxgk nightly --full``), and dispatched to
1, 2 and 3 real ``scrapyd`` daemons (``xxgk dispatch``, one slot each, the sites in as many
bundles as nodes). Prints pages per second for each, then merges the 3-node shards into an
empty archive (seconds per 10,000 documents, the nightly case: appended on top) and re-derives
the merged archive whole (the out-of-order case). Sizes per page come from a crawl of the
bundled mirrors, whose pages are shaped like real ones. The plan at the end scales these.

    python bench/scale.py [--sites 6] [--documents 400] [--max-nodes 3]

Everything runs on this machine, over loopback: the daemons share its cores, so the node
counts measure the dispatch machinery and its overhead more than real parallel speed-up.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlite_utils import Database  # noqa: E402

from mirror.kit import KmDocument, write_km_site  # noqa: E402
from mirror.server import MirrorServer, serve_dir  # noqa: E402
from store import Archive, ArchiveConfig  # noqa: E402
from xxgk.localnodes import nodes_toml, start_nodes, stop_nodes  # noqa: E402
from xxgk.merge import merge_shards  # noqa: E402
from xxgk.reparse import reparse  # noqa: E402

PROFILE = """id = "{site}"
name = "基准站点{n}"
family = "km"
base_url = "https://s{n}.bench.example"
verified = false
{columns}"""
COLUMN = '[[columns]]\npath = "/zfxxgk/fdzdgknr/{c}/index.shtml"\nname = "{c}"\n'


def documents(n: int, site: int) -> list[KmDocument]:
    return [
        KmDocument(
            doc_id=6_000_000 + site * 100_000 + i,
            date=f"20{18 + i % 6}-{1 + i % 12:02d}-{1 + i % 28:02d}",
            title=f"关于第{site}-{i}号应急管理事项的通知",
            body=3 * f"部门预算总收入{1000 + i}.5万元，比上年增长{i % 9}.2%。"
            f"全市建成救援队伍{i % 40}支，培训{200 + i}人次。",
            serial=i,
            views=i,
        )
        for i in range(n)
    ]


def make_sites(root: Path, sites: int, docs: int) -> dict[str, Path]:
    profiles = root / "profiles"
    profiles.mkdir()
    trees = {}
    for n in range(1, sites + 1):
        site = f"bench_s{n}"
        columns = "\n".join(COLUMN.format(c=c) for c in ("tzgg", "czzj", "ghjh"))
        (profiles / f"{site}.toml").write_text(PROFILE.format(site=site, n=n, columns=columns),
                                               "utf-8")  # fmt: skip
        tree = root / "mirrors" / site
        tree.mkdir(parents=True)
        write_km_site(tree, documents(docs, n))
        trees[site] = tree
    os.environ["XXGK_SITES_DIR"] = str(profiles)  # for this process, its children, the nodes
    return trees


def xxgk(*args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([sys.executable, "-m", "xxgk", *args], capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"xxgk {args[0]} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return done


def site_args(servers: dict[str, MirrorServer]) -> list[str]:
    args = []
    for site, srv in sorted(servers.items()):
        args += ["--site", site, "--base-url", f"{site}={srv.base_url}"]
    return args


def requests_of(db: Path) -> int:
    return int(Database(db).execute("select count(*) from fetches").fetchone()[0])


def one_process(work: Path, servers: dict[str, MirrorServer]) -> tuple[float, int, float, float]:
    """Seconds, pages, peak memory (MiB) and CPU milliseconds a page of one process."""
    db = work / "one" / "archive.db"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    xxgk("nightly", "--full", "--db", str(db), "--log-level", "ERROR", *site_args(servers))
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    pages = requests_of(db)
    return seconds, pages, after.ru_maxrss / 1024, cpu / pages * 1000


def dispatched(
    work: Path, servers: dict[str, MirrorServer], count: int
) -> tuple[float, int, list[Path]]:
    folder = work / f"nodes-{count}"
    nodes = start_nodes(folder / "daemons", count, slots=1)
    try:
        size = -(-len(servers) // count)
        (folder / "nodes.toml").write_text(
            nodes_toml(nodes, bundle_size=size, poll_seconds=0.5, dead_after_seconds=30), "utf-8"
        )
        db = folder / "archive.db"
        started = time.perf_counter()
        done = xxgk("dispatch", "--full", "--nodes", str(folder / "nodes.toml"), "--db", str(db),
                    *site_args(servers))  # fmt: skip
        seconds = time.perf_counter() - started
    finally:
        stop_nodes(nodes)
    shards = [Path(line) for line in done.stdout.split()]
    pages = sum(json.loads((s / "manifest.json").read_text())["counts"]["fetches"] for s in shards)
    return seconds, pages, shards


def merge_cost(work: Path, shards: list[Path]) -> tuple[int, float, float, Path]:
    config = ArchiveConfig.resolve(work / "merged" / "archive.db", env={})
    with Archive.open(config) as archive:
        started = time.perf_counter()
        merge_shards(archive, shards)
        merged = time.perf_counter() - started
        docs = archive.db["documents"].count
        started = time.perf_counter()
        reparse(archive)
        rederived = time.perf_counter() - started
    return docs, merged, rederived, config.db_path


def realistic_sizes(work: Path) -> dict[str, float]:
    """Per-page sizes from a crawl of the bundled mirrors (pages shaped like real ones)."""
    os.environ.pop("XXGK_SITES_DIR", None)
    db = work / "mirrors-archive" / "archive.db"
    xxgk("demo", "--no-serve", "--db", str(db))
    archive = Database(db)
    fetches = archive["fetches"].count
    docs = archive["documents"].count
    warc = sum(p.stat().st_size for p in (db.parent / "warc").glob("*.warc.gz"))
    archive.execute("vacuum")
    raw = archive.execute("select sum(bytes) from fetches where kind = 'detail'").fetchone()[0]
    details = archive.execute("select count(*) from fetches where kind = 'detail'").fetchone()[0]
    return {
        "fetches": fetches,
        "documents": docs,
        "warc_per_fetch": warc / fetches,
        "db_per_document": db.stat().st_size / docs,
        "raw_per_detail": raw / details,
    }


def plan(rate: float, cpu_ms: float, merge_per_10k: float, rederive_per_10k: float,
         sizes: dict[str, float], rss: float, sites: int = 3000,
         pages: int = 30_000_000) -> list[str]:  # fmt: skip
    """3,000 sites, 30 million pages, 1 request per second per site, from measured figures.

    A crawl process is bound by its writes (an fsync for each WARC record and each commit),
    not by its CPU: ``rate`` pages/s each, using ``cpu_ms`` of CPU a page. So a process keeps
    about ``rate`` sites busy at 1 request/s, and a core runs several processes."""
    per_site = pages / sites
    real_cpu = cpu_ms * 2  # real pages are ~10x larger than the generated ones: parsing,
    # figures and gzip cost more; twice the measured CPU is the planning figure
    usable = 3  # of a 4-core node: the rest for the OS, fsyncs and the daemon
    per_core = 1000 / real_cpu  # pages/s a core sustains
    bundle = 20
    lines = [
        f"sites {sites:,}, pages {pages:,} ({per_site:,.0f} a site), 1 request/s per site",
        f"measured: one crawl process {rate:,.0f} pages/s, {cpu_ms:.1f} ms of CPU a page "
        f"(write-bound: one fsync per WARC record and per commit); planned with "
        f"{real_cpu:.0f} ms a real page: {per_core:,.0f} pages/s a core",
        f"a job = a bundle of {bundle} sites at 1/s = {bundle} pages/s, within one process's "
        f"{rate:,.0f}",
        "",
        "backfill (everything once):",
        f"  politeness alone: {per_site:,.0f} s = {per_site / 3600:.1f} h per site; every site "
        f"at once = {sites:,} pages/s, {sites // bundle} jobs",
    ]
    cores = sites / per_core
    full_nodes = int(-(-cores // usable))
    lines.append(f"  that needs {cores:,.0f} busy cores = {full_nodes} nodes of 4 cores "
                 f"({sites // bundle / full_nodes:.0f} jobs a node)")  # fmt: skip
    for nodes in sorted({1, 2, 4, 8, full_nodes}):
        hours = max(per_site / 3600, pages / (nodes * usable * per_core) / 3600)
        lines.append(f"  {nodes:3d} nodes: {hours:6.1f} h")
    nightly_per_site = 10 + -(-per_site // 30) + 10  # lists, the 30-day re-check share, new
    nightly = sites * nightly_per_site
    lines += [
        "",
        f"nightly (incremental): ~{nightly_per_site:,.0f} requests a site (list pages to the "
        f"known streak, 1/30 of the documents re-checked, new ones) = {nightly:,.0f} in all",
        f"  politeness alone: {nightly_per_site / 60:.0f} min per site, all sites at once",
    ]
    for nodes in (1, 2, 4, full_nodes):
        hours = max(nightly_per_site / 3600, nightly / (nodes * usable * per_core) / 3600)
        lines.append(f"  {nodes:3d} nodes: {hours:5.2f} h of crawling")
    changed = sites * 20  # new and edited documents a night: re-parsed; the rest are 304s
    merge_hours = changed / 10_000 * merge_per_10k / 3600
    lines += [
        f"  merge on the archive's machine: ~{changed:,} new or edited documents re-parsed at "
        f"{merge_per_10k:.0f} s per 10,000 = {merge_hours * 60:.0f} min (the 304s only touch "
        "their documents, no WARC read)",
        f"  a shard merged out of order re-derives its sites whole: {rederive_per_10k:.0f} s per "
        f"10,000 documents, {per_site / 10_000 * rederive_per_10k / 60:.0f} min a site",
    ]
    warc_page = max(sizes["warc_per_fetch"], 20 * 1024.0)
    db_page = sizes["db_per_document"]
    lines += [
        "",
        "storage:",
        f"  WARC: {warc_page / 1024:.1f} KiB a response (bundled mirrors: "
        f"{sizes['warc_per_fetch'] / 1024:.1f} KiB; a real ~61 KB page ~20 KiB) -> "
        f"{pages * warc_page / 1e12:.1f} TB",
        f"  database: {sizes['db_per_document'] / 1024:.1f} KiB a document with its search "
        f"index, figures and tables (bundled mirrors) -> {pages * db_page / 1e12:.2f} TB: "
        "partitioned to serve (README, *Serving at scale*)",
        f"  one process crawling the sites side by side peaked at {rss:.0f} MiB",
    ]
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sites", type=int, default=6)
    ap.add_argument("--documents", type=int, default=400, help="documents per site")
    ap.add_argument("--max-nodes", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        started = time.perf_counter()
        trees = make_sites(work, args.sites, args.documents)
        print(f"{args.sites} sites of {args.documents} documents made in "
              f"{time.perf_counter() - started:.0f} s")  # fmt: skip
        servers = {site: serve_dir(tree) for site, tree in trees.items()}
        try:
            seconds, pages, rss, cpu_ms = one_process(work, servers)
            rate = pages / seconds
            print(f"{'one process':<14} {pages:7,} pages in {seconds:6.1f} s = {rate:6.0f} pages/s"
                  f" ({cpu_ms:.1f} ms of CPU a page)")  # fmt: skip
            shards: list[Path] = []
            for count in range(1, args.max_nodes + 1):
                took, got, shards = dispatched(work, servers, count)
                label = f"{count} node{'s' if count > 1 else ''}"
                print(f"{label:<14} {got:7,} pages in {took:6.1f} s = {got / took:6.0f} pages/s "
                      f"({len(shards)} jobs)")  # fmt: skip
        finally:
            for srv in servers.values():
                srv.shutdown()
        docs, merged, rederived, _ = merge_cost(work, shards)
        merge_per_10k = merged / docs * 10_000
        rederive_per_10k = rederived / docs * 10_000
        print(f"merge of {len(shards)} shards, {docs:,} documents: {merged:.1f} s = "
              f"{merge_per_10k:.0f} s per 10,000 documents (appended)")  # fmt: skip
        print(f"whole re-derivation: {rederived:.1f} s = {rederive_per_10k:.0f} s per 10,000 "
              "documents (an out-of-order merge)")  # fmt: skip
        sizes = realistic_sizes(work)
        print(f"bundled mirrors: {sizes['warc_per_fetch'] / 1024:.1f} KiB of WARC a response, "
              f"{sizes['db_per_document'] / 1024:.1f} KiB of database a document, "
              f"{sizes['raw_per_detail'] / 1024:.1f} KiB a raw detail page")  # fmt: skip
        print()
        print("\n".join(plan(rate, cpu_ms, merge_per_10k, rederive_per_10k, sizes, rss)))


if __name__ == "__main__":
    main()
