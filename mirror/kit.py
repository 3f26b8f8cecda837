"""Mirror sites made at run time: Kunming CMS page templates and the few functions that fill them.

The committed mirrors are files (``mirror/<site_id>/`` and ``tests/fixtures/<site_id>/``); what
is made here is what would be too big to commit, such as the 5,000-document site of
``bench/nightly.py``. ``write_km_site`` writes a tree that ``mirror.server.serve_dir`` serves.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

KM_COLUMNS = ("tzgg", "czzj", "ghjh")  # the column folders under /zfxxgk/fdzdgknr/

KM_DETAIL = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title></head><body>
<div class="header">昆明市应急管理局 首页 政府信息公开</div>
<div class="content"><div class="content-table"><table>
<tr><td>索引号：</td><td>{index_no}</td><td>主题分类：</td><td>应急管理</td></tr>
<tr><td>发布机构：</td><td>昆明市应急管理局</td><td>发布日期：</td><td>{date}</td></tr>
<tr><td>名 称：</td><td colspan="3">{title}</td></tr></table></div>
<div class="title-box"><h2>{title}</h2><p class="info">发布时间：{date} 09:00</p></div>
<div class="activity"><p>{body}</p></div></div>
<div class="footer">版权所有 浏览次数：{views}</div></body></html>"""

KM_LIST = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>{column}</title></head><body>
<div class="data-table">{items}</div>
<script>PageIndex = PageIndex>{pages}?{pages}:PageIndex;</script></body></html>"""

KM_LIST_ITEM = (
    '<div class="data-table-item"><p class="w659"><a href="/{path}" title="{title}">{title}</a>'
    '</p><p class="w80">{date}</p></div>'
)


@dataclass
class KmDocument:
    """One detail page of a Kunming CMS site: ``/c/<date>/<doc_id>.shtml``."""

    doc_id: int
    date: str  # YYYY-MM-DD
    title: str
    body: str
    serial: int = 0  # the last part of the index number
    views: int = 0  # the page's visit counter: chrome, never content

    @property
    def path(self) -> str:
        return f"c/{self.date}/{self.doc_id}.shtml"

    def html(self) -> str:
        index_no = f"745280713-{self.date[:4]}{self.date[5:7]}-{self.serial:06d}"
        return KM_DETAIL.format(
            title=self.title, index_no=index_no, date=self.date, body=self.body, views=self.views
        )

    def list_item(self) -> str:
        return KM_LIST_ITEM.format(path=self.path, title=self.title, date=self.date)


def km_list_pages(column: str, items: list[str], per_page: int) -> dict[str, str]:
    """A column's list pages, file name -> HTML: ``index.shtml``, ``index_1.shtml``, …"""
    pages = max(1, -(-len(items) // per_page))
    return {
        "index.shtml" if p == 0 else f"index_{p}.shtml": KM_LIST.format(
            column=column, items="\n".join(items[p * per_page : (p + 1) * per_page]), pages=pages
        )
        for p in range(pages)
    }


def numbered_km_documents(n: int) -> list[KmDocument]:
    """``n`` small documents, newest first, each with two figures in its body."""
    docs = []
    for i in range(n):
        doc_id = 5_000_000 + n - i
        docs.append(
            KmDocument(
                doc_id=doc_id,
                date=f"2023-{1 + i % 12:02d}-{1 + i % 28:02d}",
                title=f"关于第{doc_id}号应急管理事项的通知",
                body=f"部门预算总收入{1000 + i}.5万元。全市建成救援队伍{i % 40}支。",
                serial=i,
                views=i,
            )
        )
    return docs


def write_km_site(root: Path, docs: list[KmDocument], per_page: int = 20) -> list[str]:
    """Write a Kunming CMS site of ``docs``, dealt in turn to the columns of ``KM_COLUMNS``, and
    an allow-all robots.txt; return the documents' canonical URLs in the order given."""
    by_column: dict[str, list[str]] = {c: [] for c in KM_COLUMNS}
    for i, doc in enumerate(docs):
        page = root / doc.path
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(doc.html(), "utf-8")
        by_column[KM_COLUMNS[i % len(KM_COLUMNS)]].append(doc.list_item())
    for column, items in by_column.items():
        folder = root / "zfxxgk" / "fdzdgknr" / column
        folder.mkdir(parents=True, exist_ok=True)
        for name, html in km_list_pages(column, items, per_page).items():
            (folder / name).write_text(html, "utf-8")
    (root / "robots.txt").write_text("User-agent: *\nDisallow:\n", "utf-8")
    return [f"https://yjj.km.gov.cn/{doc.path}" for doc in docs]
