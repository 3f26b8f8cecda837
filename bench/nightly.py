"""What a nightly run costs and what it catches, on a Kunming-style site made by mirror/kit.py.

Builds a mirror of N documents (default 5,000) in three columns, crawls it fully once, runs one
nightly (incremental) crawl with nothing changed, and prints both request counts and their
ratio (the target: at most 5%). Then edits or deletes 1% of the documents and runs one nightly
per day of the re-check period until every change is found, printing how many nights that took
(the target: within the period).

    python bench/nightly.py [--documents 5000] [--period 30]
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlite_utils import Database  # noqa: E402

from mirror.kit import numbered_km_documents, write_km_site  # noqa: E402
from mirror.server import serve_dir  # noqa: E402


def crawl(db: Path, base_url: str, *args: str, **env: str) -> dict[str, object]:
    run = subprocess.run(
        [sys.executable, "-m", "xxgk.cli", *args, "--db", str(db), "--log-level", "ERROR",
         *(["--base-url", base_url] if args[0] == "crawl" else
           ["--site", "km_yjj", "--base-url", f"km_yjj={base_url}"])],
        capture_output=True, text=True, env={**os.environ, **env},
    )  # fmt: skip
    if run.returncode not in (0, 1):
        raise SystemExit(run.stderr[-2000:])
    row = next(Database(db).query("select * from crawl_runs order by id desc limit 1"))
    return dict(row)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--documents", type=int, default=5000)
    ap.add_argument("--period", type=int, default=30, help="re-check period in days")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root, db = Path(tmp) / "mirror", Path(tmp) / "archive.db"
        root.mkdir()
        started = time.perf_counter()
        urls = write_km_site(root, numbered_km_documents(args.documents))
        print(f"generated {len(urls)} documents in {time.perf_counter() - started:.1f} s")
        server = serve_dir(root)
        try:
            started = time.perf_counter()
            full = crawl(db, server.base_url, "crawl", "km_yjj")
            print(f"full crawl:      {full['requests']:6} requests, {full['documents']} documents"
                  f" ({time.perf_counter() - started:.0f} s)")  # fmt: skip
            env = {"XXGK_RECHECK_DAYS": str(args.period)}
            quiet = crawl(db, server.base_url, "nightly", **env)
            ratio = int(quiet["requests"]) / int(full["requests"])  # type: ignore[call-overload]
            print(f"nightly, no change: {quiet['requests']:3} requests "
                  f"= {ratio:.1%} of the full crawl (target: at most 5%)")  # fmt: skip

            rng = random.Random(7)
            changed = rng.sample(urls, max(1, len(urls) // 100))
            half = len(changed) // 2
            for url in changed[:half]:  # edited
                page = root / url.split("yjj.km.gov.cn/", 1)[1]
                page.write_text(
                    page.read_text("utf-8").replace("救援队伍", "专业救援队伍"), "utf-8"
                )
            for url in changed[half:]:  # deleted
                (root / url.split("yjj.km.gov.cn/", 1)[1]).unlink()
            time.sleep(1.1)  # Last-Modified has one-second resolution
            edited, deleted = set(changed[:half]), set(changed[half:])
            nights = 0
            requests = 0
            while nights < 2 * args.period:
                nights += 1
                run = crawl(db, server.base_url, "nightly", **env)
                requests += int(run["requests"])  # type: ignore[call-overload]
                archive = Database(db)
                found_edits = {r["url"] for r in archive.query(
                    "select url from documents where version_count > 1")}  # fmt: skip
                found_gone = {r["url"] for r in archive.query(
                    "select url from documents where status = 'removed'")}  # fmt: skip
                if edited <= found_edits and deleted <= found_gone:
                    break
            found = len(edited & found_edits) + len(deleted & found_gone)
            print(f"1% changed ({len(edited)} edited, {len(deleted)} deleted): all {found} found "
                  f"after {nights} nightly runs (period: {args.period}), "
                  f"{requests / nights:.0f} requests a night")  # fmt: skip
        finally:
            server.shutdown()


if __name__ == "__main__":
    main()
