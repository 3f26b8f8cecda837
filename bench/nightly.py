"""What a nightly run costs and what it catches, on a generated Kunming-style site.

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

from mirror.server import serve_dir  # noqa: E402

PER_PAGE = 20
COLUMNS = ("tzgg", "czzj", "ghjh")

DETAIL = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title></head><body>
<div class="header">昆明市应急管理局 首页 政府信息公开</div>
<div class="content"><div class="content-table"><table>
<tr><td>索引号：</td><td>745280713-{ym}-{serial:06d}</td><td>主题分类：</td><td>应急管理</td></tr>
<tr><td>发布机构：</td><td>昆明市应急管理局</td><td>发布日期：</td><td>{date}</td></tr>
<tr><td>名 称：</td><td colspan="3">{title}</td></tr></table></div>
<div class="title-box"><h2>{title}</h2><p class="info">发布时间：{date} 09:00</p></div>
<div class="activity"><p>{body}</p></div></div>
<div class="footer">版权所有 浏览次数：{views}</div></body></html>"""

LIST = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>{column}</title></head><body>
<div class="data-table">{items}</div>
<script>PageIndex = PageIndex>{pages}?{pages}:PageIndex;</script></body></html>"""


def build(root: Path, n: int) -> list[str]:
    """Write the mirror; return the canonical URLs of its documents, newest first."""
    urls = []
    pages_by_column: dict[str, list[str]] = {c: [] for c in COLUMNS}
    for i in range(n):
        doc_id = 5_000_000 + n - i  # newest first
        date = f"2023-{1 + i % 12:02d}-{1 + i % 28:02d}"
        path = f"c/{date}/{doc_id}.shtml"
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        title = f"关于第{doc_id}号应急管理事项的通知"
        body = f"部门预算总收入{1000 + i}.5万元。全市建成救援队伍{i % 40}支。"
        (root / path).write_text(
            DETAIL.format(
                title=title, ym=date[:4] + date[5:7], serial=i, date=date, body=body, views=i
            ),
            "utf-8",
        )
        urls.append(f"https://yjj.km.gov.cn/{path}")
        item = (f'<div class="data-table-item"><p class="w659"><a href="/{path}" '
                f'title="{title}">{title}</a></p><p class="w80">{date}</p></div>')  # fmt: skip
        pages_by_column[COLUMNS[i % len(COLUMNS)]].append(item)
    for column, items in pages_by_column.items():
        folder = root / "zfxxgk" / "fdzdgknr" / column
        folder.mkdir(parents=True, exist_ok=True)
        pages = max(1, -(-len(items) // PER_PAGE))
        for p in range(pages):
            name = "index.shtml" if p == 0 else f"index_{p}.shtml"
            chunk = "\n".join(items[p * PER_PAGE : (p + 1) * PER_PAGE])
            (folder / name).write_text(
                LIST.format(column=column, items=chunk, pages=pages), "utf-8"
            )
    (root / "robots.txt").write_text("User-agent: *\nDisallow:\n", "utf-8")
    return urls


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
        urls = build(root, args.documents)
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
