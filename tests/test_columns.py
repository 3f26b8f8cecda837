"""Disclosure columns found on a site's home page (``parsers.columns``), as ``xxgk newsite``
uses them: every mirrored site's home page leads to the columns its profile crawls."""

from __future__ import annotations

import pytest

from crawler.profiles import load_profile
from mirror.server import site_dir
from parsers.columns import disclosure_columns

HOME = {"km_yjj": "index.shtml", "gov_cn": "index.htm", "guiyang": "index.html",
        "zj_hz": "index.html", "yn_yl": "index.htm"}  # fmt: skip


def _dir(path: str) -> str:
    return path.rsplit("/", 1)[0] + "/" if not path.endswith("/") else path


@pytest.mark.parametrize("site_id", sorted(HOME))
def test_a_home_page_leads_to_the_profile_columns(site_id: str) -> None:
    profile = load_profile(site_id)
    html = (site_dir(site_id) / HOME[site_id]).read_text("utf-8", errors="replace")
    columns = disclosure_columns(html, profile["base_url"] + "/")
    found = {_dir(c.path) for c in columns}
    wanted = {_dir(c["path"]) for c in profile["columns"]}
    assert wanted & found, (wanted, [(c.path, c.name) for c in columns])
    assert all(c.evidence and c.score > 0 for c in columns)


def test_the_section_and_the_chrome_are_not_columns() -> None:
    html = """<html><body><div class="nav"><a href="/">首页</a><a href="/zfxxgk/">政府信息公开</a>
    <a href="javascript:;">长者模式</a><a href="https://elsewhere.gov.cn/zfxxgk/tzgg/">通知公告</a></div>
    <div class="box"><h3>法定主动公开内容</h3><ul><li><a href="/a/b/">通知公告</a></li>
    <li><a href="/zfxxgk/fdzdgknr/czzj/">财政资金</a></li></ul></div></body></html>"""
    columns = disclosure_columns(html, "https://x.km.gov.cn/")
    assert [(c.path, c.name) for c in columns] == [
        ("/zfxxgk/fdzdgknr/czzj/", "财政资金"),
        ("/a/b/", "通知公告"),
    ]
    assert columns[1].evidence == [
        "link text names a column (通知公告)",
        "listed under 法定主动公开内容",
    ]


def test_a_page_of_many_links_gives_a_bounded_answer() -> None:
    rows = "".join(f'<li><a href="/zfxxgk/c{i}/">通知公告{i}</a></li>' for i in range(20000))
    html = f"<html><body><div><h3>政府信息公开</h3><ul>{rows}</ul></div></body></html>"
    columns = disclosure_columns(html, "https://x.gov.cn/")
    assert len(columns) == 40 and all(c.score == 4 for c in columns)
