"""A column that declares more items (共N条) than its list pages list is recorded as a
``list_incomplete`` error with both numbers, by a real crawl of a mirror column changed to say
so; columns whose count agrees record nothing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sqlite_utils import Database

from mirror.server import copy_site, serve_dir

SITE = "yn_yl"
BASE = "https://www.kmyl.gov.cn"
COLUMN = f"{BASE}/xxgk/fdzdgknr/zcwj.htm"  # 11 documents on 3 pages, 共11条 on each


def test_a_column_listing_fewer_items_than_it_declares(tmp_path: Path) -> None:
    root = copy_site(SITE, tmp_path / "mirror")
    first = root / "xxgk" / "fdzdgknr" / "zcwj.htm"
    first.write_text(first.read_text("utf-8").replace("共11条", "共12条"), "utf-8")
    server = serve_dir(root)
    try:
        run = subprocess.run(
            [sys.executable, "-m", "xxgk.cli", "crawl", SITE, "--base-url", server.base_url,
             "--db", str(tmp_path / "archive.db"), "--log-level", "WARNING"],
            capture_output=True, text=True, timeout=300,
        )  # fmt: skip
    finally:
        server.shutdown()
    assert run.returncode == 0, run.stderr[-3000:]
    db = Database(tmp_path / "archive.db")
    rows = list(db.query("select url, detail, run_id from errors where kind = 'list_incomplete'"))
    assert [r["url"] for r in rows] == [COLUMN]  # the other column's 共8条 holds
    assert "12" in rows[0]["detail"] and "listed 11" in rows[0]["detail"]
    assert rows[0]["run_id"] is not None
    run_row = next(db.query("select errors_by_kind from crawl_runs"))
    assert '"list_incomplete": 1' in run_row["errors_by_kind"]
