#!/usr/bin/env python3
# ruff: noqa: E501
"""Generate the offline test mirror of yjj.km.gov.cn (昆明市应急管理局, 政府信息公开).

Run from the repository root:  python3 mirror/generate_km_yjj.py   (standard library only)

Writes, deterministically (same bytes on every run):
  mirror/km_yjj/**                        the static site tree, URL path = file path, except the
                                          attachment files under upload/resources/file/, which
                                          mirror/make_km_yjj_attachments.py writes (real PDF, DOCX,
                                          XLSX, XLS…; needs the venv) and this script keeps; where
                                          none is there yet it writes a small placeholder
  mirror/km_yjj/routes.toml               special routes (errors, redirects, encodings, robots)
  tests/fixtures/km_yjj/NNNNNNN.expected.json   one per archived detail page
  tests/fixtures/km_yjj/NNNNNNN.figures.json    its figures (README "Figures"), annotated by
                                                hand next to each page (figs=[...]); [] = none

The expected JSON is computed here from the same data the pages are rendered from (never by
running a parser).  Every body is a list of blocks (paragraphs, tables, lists); the HTML is
rendered from the blocks with decorations (indents, &nbsp;, spans, <br>, empty paragraphs) and
body_text is the join of the blocks' normalized lines.

All prose is written for this mirror; index numbers, dates and amounts are realistic but made up.

Figure annotations (figs=[...] on every archived page, see page_figures()): F(text, value, unit,
kind, ...) for each figure of running text in document order (or of a table cell with words,
cell=(table, row, col)), TCELLS(table, declared_unit) for the purely numeric data cells of a
table.  Forms the spec leaves open are kept out of the prose: no ‰, no table whose rows all lack
a numeric cell (penalty tables have a 序号 column), units per column only as 单位：X in a caption
row or header cell (never 金额（万元）), no header merely containing 年度/时间/日期…, no lone 一 before
a unit (一周), no 不少于/≥ before a figure, no 下降A和B.

Columns (3 list pages each, page count only in the inline createPage script):
  tzgg 通知公告  /zfxxgk/fdzdgknr/tzgg/  div.data-table, dates YYYY.MM.DD
  czzj 财政资金  /zfxxgk/fdzdgknr/czzj/  div.data-table, dates YYYY-MM-DD
  ghjh 规划计划  /zfxxgk/fdzdgknr/ghjh/  ul#newslist, dates YYYY-MM-DD

Variant map (detail page id -> what it covers):
  full metadata table (majority): every page not listed under "no content-table"
  no 文号/关键字 row ................ 3290563 3689902 4108257 4297734
  no div.content-table at all ....... 3602718 3968420 4192664 4281457
      (title from h2, publisher from ContentSource meta, date from the 发布时间 line)
  body in div.content-box ........... 3968420 4238872
  padded labels: 索 引 号 ........... 3561093 4093461 4250019
                 发布&nbsp;机构 ....... 3561093 4325590
                 名　　称 (U+3000) .... 4093461 3740315
                 主题分类 ：........... 4061734 4325590
                 &nbsp;文号 ........... 4167745 4250019
  ASCII colon ':' on all labels ..... 3248812 4012576 4266301; mixed '：'/':' on 4310286
  empty 文号 cell ................... 3398741 (<td></td>) 4221340 (<td></td>) 3951855 (&nbsp;)
  empty 关键字 cell ................. 4012576 4139780 (&nbsp;)
  empty 主题分类 .................... 4266301
  values starting with &nbsp; ....... 3846390 (索引号, 主题分类) 4205518 (发布机构)
  label 标题 instead of 名 称 ....... 3655480 4039912 4167745
  empty 名称 value (title from h2) .. 4205518
  发布日期 as 2021年9月13日 ......... 3989105
  发布日期 cell with seconds ........ 4152208 (2022-09-14 08:58:38) 4310286
  发布日期 differs from PubDate day . 4180093 (expected date only)
  no time anywhere (PubDate day only) 3312870 (expected date only)
  topic is a year ................... 4061734 (2022年) 4238872 (2023年)
  topic with a backslash ............ 4093461 (安全生产\\监督管理)
  org code ending in a letter ....... 3725001 4152208 (01527918X-…)
  index YYYYMM != publish month ..... 4078830 4180093 4297734
  non-Kunming index numbers ......... 3846390 (KMYJJ-2021-0031) 4266301 (745280713/2023-00042)
  keywords by spaces ................ most pages; by 、 3334120 4221340; by ， 3561093 4250019;
                                      by , 4152208; by ； 4093461 4310286; mixed 3871255
  attachments ....................... 3334120 (.xls .pdf) 3518226 (.doc abs, .xls)
                                      3602718 (.docx) 3771624 (.pdf abs, .xls) 3951855 (.pdf .xls)
                                      4078830 (.xlsx, .PDF scanned) 4139780 (.pdf abs, .xls, .doc,
                                      same URL linked twice) 4221340 (.pdf, .xlsx abs) 4310286
                                      (.pdf, .docx) 4303518 (.xlsx)
                                      4116630 (.xls, .pdf written by an inline document.write)
                                      4186520 (.zip of 3 files, .xls raw-GBK Content-Disposition,
                                      .pdf with filename*, GBK .csv, .txt, 3 MiB .zip, the PDF of
                                      3951855 at a second URL, the PDF of 4139780 at the same URL)
                                      4256308 (.wps .ofd .rar, zip bomb, .pdf names with ../ and /,
                                      a 300-character name, an HTML 404 page at a .pdf URL)
                                      (files, routes and expected extraction:
                                      make_km_yjj_attachments.py, ATTACHMENT_ROUTES,
                                      tests/fixtures/km_yjj/attachments.expected.json)
  non-attachment link in body ....... 3923318 4139780 (off-site .shtml / site root)
  images in body (not attachments) .. 3561093 3900007 4108257 4281457
  tables in body .................... 3334120 3398741 3500001 3655480 3871255 3951855 4012576
                                      4039912 4167745 4266301 4221340 3815366 4116630 4303518
  table caption row 单位：万元/元 ..... 3334120 3951855 4012576 4221340 4266301 (元, 1,600,000.00)
                                      4116630 4303518 (（单位：万元）); in a header cell: 3815366
  table with two header rows ........ 3815366 (行政复议 colspan row), rows without row header
  empty middle table cells .......... 3951855 3871255 4266301
  editor line 编辑/审核/终审 ........ 3215407 3989105 4123456 4250019 4325590
  <br> line breaks .................. 3655480 4167745 4281457 4325590
  inline <script> in body ........... 4108257;  inline <style> in body ... 3923318
  HTML comments in body ............. 3802147 4061734
  indent styles: css text-indent (default), &nbsp;&nbsp; prefix ("nbsp"), U+3000 prefix
                 ("ideo"), Word-pasted spans ("word") — see each page's style=
  no 应急/预算 in the body .......... 3290563 3312870 3740315 4192664 4281457
  seed report (2020 部门整体支出绩效自评报告, figures) 3951855
  long reports with many figures .... 3815366 (2020 政府信息公开工作年度报告, standard tables)
                                      4116630 (2021 部门整体支出绩效自评报告, 绩效指标 table)
                                      4303518 (2022 部门决算, second publisher 昆明市应急救援保障中心,
                                      org code MB1539702)
  budget totals labelled ............ 预算收入合计/支出合计 3334120 3771624 4078830; 部门预算总收入/
                                      总支出 3951855 4116630 4180093; 收入总计/支出总计 3518226 3871255
                                      4139780 4310286; 决算总收入/决算总支出 4303518
  encodings: 3500001 GBK bytes declaring gb2312, with 镕 堃 喆 (not in GB2312)
             3740315 GBK bytes, no charset declared anywhere
             3802147 UTF-8, no charset declared anywhere
  error routes: 3900001 404, 3900002 soft 404 (200), 3900003 412 challenge, 3900004 fails
             once then 200 (archived), 3900005 truncated, 3900006 301 -> 3900007 (archived),
             3900008 302 -> /index.shtml, 3900009 500; /preview/… disallowed by robots.txt
  listed in two columns (same URL) .. 4078830 (czzj root-relative, tzgg absolute)
"""

from __future__ import annotations

import hashlib
import html
import io
import itertools
import json
import re
import shutil
import struct
import zipfile
import zlib
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "mirror" / "km_yjj"
FIX = ROOT / "tests" / "fixtures" / "km_yjj"
HOST = "https://yjj.km.gov.cn"
SITE = "昆明市应急管理局"

COLUMNS: dict[str, dict[str, str]] = {
    "tzgg": {"name": "通知公告", "path": "/zfxxgk/fdzdgknr/tzgg/", "style": "table-dot"},
    "czzj": {"name": "财政资金", "path": "/zfxxgk/fdzdgknr/czzj/", "style": "table-dash"},
    "ghjh": {"name": "规划计划", "path": "/zfxxgk/fdzdgknr/ghjh/", "style": "newslist"},
}
PAGES_PER_COLUMN = 3

ATTACHMENT_EXTS = {
    "pdf",
    "doc",
    "docx",
    "xls",
    "xlsx",
    "wps",
    "et",
    "ofd",
    "zip",
    "rar",
    "txt",
    "csv",
}

# ---------------------------------------------------------------------------------------------
# text rules (the ones the parser follows; used to compute the expected values)
# ---------------------------------------------------------------------------------------------
_WS = re.compile(r"[\s\u00a0\u3000]+")
_KW_SPLIT = re.compile(r"[\s\u00a0\u3000、，,；;]+")
_KM_INDEX = re.compile(r"^([0-9A-Z]{9})-(\d{6})-(\d+)$")


def norm(text: str) -> str:
    return _WS.sub(" ", text).strip()


def cell_value(raw: str | None) -> str | None:
    """Normalized text of a metadata cell written as an HTML fragment without tags."""
    if raw is None:
        return None
    assert "<" not in raw, raw
    return norm(html.unescape(raw)) or None


def esc(text: str) -> str:
    return html.escape(text, quote=False)


def attr(text: str) -> str:
    return html.escape(text, quote=True)


# ---------------------------------------------------------------------------------------------
# body DSL: blocks and inline segments
# ---------------------------------------------------------------------------------------------
Seg = Any  # str | tuple
Block = dict[str, Any]


def B(text: str) -> tuple[str, str]:
    return ("b", text)


def SPAN(text: str, style: str = "color: #333333;") -> tuple[str, str, str]:
    return ("span", text, style)


def FONT(text: str, color: str = "#ff0000") -> tuple[str, str, str]:
    return ("font", text, color)


def EM(text: str) -> tuple[str, str]:
    return ("em", text)


def A(href: str, text: str) -> tuple[str, str, str]:
    return ("a", href, text)


def IMG(src: str) -> tuple[str, str]:
    return ("img", src)


def P(*segs: Seg, indent: str | None = None, align: str | None = None) -> Block:
    return {"k": "p", "lines": [list(segs)], "indent": indent, "align": align}


def BR(*lines: Seg, indent: str | None = None) -> Block:
    """One <p> whose lines are separated by <br>; a line is a str or a list of segments."""
    return {
        "k": "p",
        "lines": [ln if isinstance(ln, list) else [ln] for ln in lines],
        "indent": indent,
        "align": None,
    }


def RIGHT(*texts: str) -> list[Block]:
    return [P(t, align="right") for t in texts]


def CS(text: str, colspan: int) -> tuple[str, str, int]:
    return ("cs", text, colspan)


def T(*rows: list[Any], head: bool = True) -> Block:
    return {"k": "table", "rows": [list(r) for r in rows], "head": head}


def UL(*items: str) -> Block:
    return {"k": "ul", "items": list(items)}


def H(text: str) -> Block:
    return {"k": "h", "text": text}


def DIV(text: str) -> Block:
    return {"k": "div", "text": text}


EMPTY: Block = {"k": "empty"}


def SCRIPT(code: str) -> Block:
    return {"k": "script", "code": code}


def JSLINK(href: str, text: str) -> Block:
    """An inline script that writes an attachment link: in the attachments, not in body_text."""
    code = f"document.write('<a href=\"{attr(href)}\">{esc(text)}</a>');"
    assert "'" not in code[16:-3], code
    return {"k": "script", "code": code, "link": ("a", href, text)}


def STYLE(css: str) -> Block:
    return {"k": "style", "css": css}


def COMMENT(text: str) -> Block:
    return {"k": "comment", "text": text}


def seg_text(seg: Seg) -> str:
    if isinstance(seg, str):
        return seg
    kind = seg[0]
    if kind in ("b", "em"):
        return str(seg[1])
    if kind in ("span", "font"):
        return str(seg[1])
    if kind == "a":
        return str(seg[2])
    if kind == "img":
        return ""
    raise ValueError(seg)


def seg_html(seg: Seg, word: bool) -> str:
    if isinstance(seg, str):
        if word and seg:
            return f'<span style="font-size:16.0pt;font-family:仿宋_GB2312">{esc(seg)}</span>'
        return esc(seg)
    kind = seg[0]
    if kind == "b":
        return f"<strong>{esc(seg[1])}</strong>"
    if kind == "em":
        return f"<em>{esc(seg[1])}</em>"
    if kind == "span":
        return f'<span style="{attr(seg[2])}">{esc(seg[1])}</span>'
    if kind == "font":
        return f'<font color="{attr(seg[2])}">{esc(seg[1])}</font>'
    if kind == "a":
        return f'<a href="{attr(seg[1])}" target="_blank">{esc(seg[2])}</a>'
    if kind == "img":
        return f'<img src="{attr(seg[1])}" border="0" style="max-width: 100%;">'
    raise ValueError(seg)


def cell_text(cell: Any) -> str:
    if isinstance(cell, tuple) and cell[0] == "cs":
        return str(cell[1])
    return seg_text(cell)


def block_lines(block: Block) -> list[str]:
    k = block["k"]
    if k == "p":
        return [norm("".join(seg_text(s) for s in line)) for line in block["lines"]]
    if k == "table":
        out = []
        for row in block["rows"]:
            cells = [norm(cell_text(c)) for c in row]
            # keep the expected values unambiguous: no row starts/ends with an empty cell
            assert cells[0] and cells[-1], row
            out.append("\t".join(cells))
        return out
    if k == "ul":
        return [norm(i) for i in block["items"]]
    if k in ("h", "div"):
        return [norm(block["text"])]
    if k in ("empty", "script", "style", "comment"):
        return []
    raise ValueError(k)


def body_text(blocks: list[Block]) -> str:
    lines: list[str] = []
    for b in blocks:
        lines.extend(ln for ln in block_lines(b) if ln)
    return "\n".join(lines)


def body_attachments(blocks: list[Block]) -> list[dict[str, str]]:
    found: list[dict[str, str]] = []
    seen: set[str] = set()

    def visit(seg: Seg) -> None:
        if isinstance(seg, tuple) and seg[0] == "a":
            href = seg[1]
            url = HOST + href if href.startswith("/") else href
            assert url.startswith(HOST + "/") or not href.startswith(HOST), url
            path = url.split("?", 1)[0]
            ext = path.rsplit(".", 1)[-1].lower() if "." in path.rsplit("/", 1)[-1] else ""
            if ext in ATTACHMENT_EXTS and url not in seen:
                seen.add(url)
                found.append({"url": url, "name": norm(seg[2]), "ext": ext})

    for b in blocks:
        if b["k"] == "p":
            for line in b["lines"]:
                for s in line:
                    visit(s)
        elif b["k"] == "table":
            for row in b["rows"]:
                for c in row:
                    visit(c)
        elif b["k"] == "script" and b.get("link"):
            visit(b["link"])
    return found


def body_links(blocks: list[Block]) -> list[str]:
    """Every href/src in the body (to write the files they point to)."""
    out: list[str] = []
    for b in blocks:
        if b["k"] == "p":
            for line in b["lines"]:
                for s in line:
                    if isinstance(s, tuple) and s[0] in ("a", "img"):
                        out.append(s[1])
        elif b["k"] == "script" and b.get("link"):
            out.append(b["link"][1])
    return out


# ---------------------------------------------------------------------------------------------
# figures: hand annotations (README "Figures"), one list per page, written as <id>.figures.json
# ---------------------------------------------------------------------------------------------
# Every figure of a page is written by hand next to the page: F(...) for a figure in running
# text or inside a table cell with words, TCELLS(...) for the purely numeric data cells of one
# table (the unit the table declares is given by hand).  Only the mechanical parts are computed
# here: the position (the first match after the previous running-text figure that is not inside
# a table line), value_base / base_unit from the hand-written value and unit (万/亿 multiplied out,
# money in 元), and the row/column headers of table cells.
NO_FIGURE_HEADERS = ("序号", "编号", "年份", "年度", "日期", "时间", "排名", "代码", "电话", "邮编")
KINDS = {
    "money",
    "percent",
    "percentage_point",
    "count",
    "score",
    "area",
    "weight",
    "length",
    "volume",
    "duration",
    "multiple",
    "number",
}
_PLAIN_CELL = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_NUMERIC_CELL = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?$")
_DECLARED_UNIT = re.compile(r"单位[：:]\s*([^）)\s]+)")
_BEFORE_FORBIDDEN = set(
    "0123456789０１２３４５６７８９.,．，-～第零〇一二两三四五六七八九十百千万亿"
)
_LONGER_UNITS = (
    "人次", "家次", "户次", "车次", "架次", "批次", "场次", "个月", "个工作日", "个百分点",
    "平方米", "平方公里", "立方米", "分钟", "小时", "公里", "千米", "千克", "公斤",
)  # fmt: skip


def F(
    text: str,
    value: str,
    unit: str | None,
    kind: str,
    *,
    vmax: str | None = None,
    approx: bool = False,
    direction: str | None = None,
    label: str | None = None,
    cell: tuple[int, int, int] | None = None,
) -> dict[str, Any]:
    """One figure as written in the text (or in the table cell `cell` = (table, row, col))."""
    assert kind in KINDS, kind
    assert direction in (None, "up", "down"), direction
    return {
        "k": "fig",
        "text": text,
        "value": value,
        "value_max": vmax,
        "unit": unit,
        "kind": kind,
        "approximate": approx,
        "direction": direction,
        "label": label,
        "cell": cell,
    }


def TCELLS(table: int, unit: str | None = None) -> dict[str, Any]:
    """Every purely numeric data cell of the page's table `table` (0-based): a number (sign,
    thousands separators, decimals), optionally followed by %.  `unit` is the unit the table
    declares (单位：万元 in its caption row or a header), checked against the header rows."""
    return {"k": "cells", "table": table, "unit": unit}


def _dnorm(d: Decimal) -> str:
    s = format(d, "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def _base(value: str, unit: str | None) -> tuple[str, str | None]:
    if unit is None:
        return _dnorm(Decimal(value)), None
    mult = Decimal(1)
    base_unit = unit
    if len(unit) > 1 and unit[0] in "万亿":
        mult = Decimal(10) ** (4 if unit[0] == "万" else 8)
        base_unit = unit[1:]
    return _dnorm(Decimal(value) * mult), base_unit


def _expand(row: list[Any]) -> list[str]:
    out: list[str] = []
    for c in row:
        text = norm(cell_text(c))
        span = c[2] if isinstance(c, tuple) and c[0] == "cs" else 1
        out.extend([text] * span)
    return out


def page_figures(d: dict[str, Any]) -> list[dict[str, Any]]:
    blocks: list[Block] = d["body"]
    text = body_text(blocks)
    # where every line of body_text starts; table rows remembered by (table number, row)
    line_start: dict[tuple[int, int], int] = {}
    table_lines: list[tuple[int, int]] = []
    tables: list[Block] = []
    offset = 0
    for b in blocks:
        lines = [ln for ln in block_lines(b) if ln]
        if b["k"] == "table":
            assert len(lines) == len(b["rows"])
            for r, ln in enumerate(lines):
                line_start[(len(tables), r)] = offset
                table_lines.append((offset, offset + len(ln)))
                offset += len(ln) + 1
            tables.append(b)
        else:
            offset += sum(len(ln) + 1 for ln in lines)
    assert offset == len(text) + 1 or (offset == 0 and text == "")

    def in_table(pos: int) -> bool:
        return any(a <= pos < b for a, b in table_lines)

    def layout(t: int) -> tuple[int, list[str], str | None]:
        """Header row count, column headers, declared unit of table t."""
        rows = tables[t]["rows"]
        n_head = 0
        while n_head < len(rows) and not any(
            _NUMERIC_CELL.match(norm(cell_text(c))) for c in rows[n_head]
        ):
            n_head += 1
        assert n_head < len(rows), "a table whose rows are all header rows"
        assert any(_PLAIN_CELL.match(norm(cell_text(c))) for c in rows[n_head]), rows[n_head]
        width = len(_expand(rows[n_head]))
        heads = [_expand(r) for r in rows[:n_head]]
        cols: list[str] = []
        for c in range(width):
            texts = [h[c] for h in heads if c < len(h) and h[c]]
            cols.append(texts[-1] if texts else "")
        declared = None
        for h in heads:
            for cell in h:
                for word in NO_FIGURE_HEADERS:  # keep the column rule unambiguous
                    assert cell == word or word not in cell, cell
                m = _DECLARED_UNIT.search(cell)
                if m:
                    assert declared in (None, m[1]), (declared, m[1])
                    declared = m[1]
        return n_head, cols, declared

    def cell_pos(t: int, r: int, c: int) -> int:
        row = tables[t]["rows"][r]
        return line_start[(t, r)] + sum(len(norm(cell_text(x))) + 1 for x in row[:c])

    def headers(t: int, r: int, c: int) -> dict[str, str | None]:
        _, cols, _ = layout(t)
        row = tables[t]["rows"][r]
        assert not any(isinstance(x, tuple) and x[0] == "cs" for x in row), row
        first = norm(cell_text(row[0]))
        return {
            "row_header": None if (not first or _NUMERIC_CELL.match(first)) else first,
            "col_header": cols[c] or None,
        }

    def entry(f: dict[str, Any], pos: int, table: dict[str, str | None] | None) -> dict[str, Any]:
        assert text[pos : pos + len(f["text"])] == f["text"], (d["id"], f["text"], pos)
        vb, bu = _base(f["value"], f["unit"])
        vbm = _base(f["value_max"], f["unit"])[0] if f["value_max"] is not None else None
        if f["kind"] == "money":
            assert bu == "元", f
        if f["kind"] == "number":
            assert f["unit"] is None and table is not None, f
        return {
            "text": f["text"],
            "position": pos,
            "value": f["value"],
            "value_max": f["value_max"],
            "unit": f["unit"],
            "value_base": vb,
            "value_base_max": vbm,
            "base_unit": bu,
            "kind": f["kind"],
            "approximate": f["approximate"],
            "direction": f["direction"],
            "label": f["label"],
            "table": table,
        }

    out: list[dict[str, Any]] = []
    cursor = 0
    for f in d["figs"]:
        if f["k"] == "cells":
            t = f["table"]
            n_head, cols, declared = layout(t)
            assert declared == f["unit"], (d["id"], t, declared, f["unit"])
            for r in range(n_head, len(tables[t]["rows"])):
                for c, raw in enumerate(tables[t]["rows"][r]):
                    s = norm(cell_text(raw))
                    if not _NUMERIC_CELL.match(s) or cols[c] in NO_FIGURE_HEADERS:
                        continue
                    num = s.rstrip("%").replace(",", "")
                    if s.endswith("%"):
                        fig = F(s, num, "%", "percent")
                    elif f["unit"] is None:
                        fig = F(s, num, None, "number")
                    else:
                        assert f["unit"] in ("元", "万元", "亿元"), f["unit"]
                        fig = F(s, num, f["unit"], "money")
                    out.append(entry(fig, cell_pos(t, r, c), headers(t, r, c)))
            continue
        if f["cell"] is not None:
            t, r, c = f["cell"]
            s = norm(cell_text(tables[t]["rows"][r][c]))
            assert s.count(f["text"]) == 1, (s, f["text"])
            assert layout(t)[1][c] not in NO_FIGURE_HEADERS, layout(t)[1][c]
            out.append(entry(f, cell_pos(t, r, c) + s.index(f["text"]), headers(t, r, c)))
            continue
        pos = cursor
        while True:
            pos = text.find(f["text"], pos)
            assert pos >= 0, (d["id"], f["text"], "not found after", cursor)
            end = pos + len(f["text"])
            ok = not in_table(pos) and (pos == 0 or text[pos - 1] not in _BEFORE_FORBIDDEN)
            ok = ok and (
                end == len(text) or text[end] not in "0123456789０１２３４５６７８９.．%％"
            )
            for u in _LONGER_UNITS:
                for k in range(1, len(u)):
                    if f["text"].endswith(u[:k]) and text.startswith(u[k:], end):
                        ok = False
            if ok:
                break
            pos += 1
        out.append(entry(f, pos, None))
        cursor = pos + len(f["text"])
    out.sort(key=lambda e: e["position"])
    for a, b in itertools.pairwise(out):
        assert a["position"] + len(a["text"]) <= b["position"], (d["id"], a["text"], b["text"])
    return out


INDENT_PREFIX = {"nbsp": "&nbsp;&nbsp;&nbsp;&nbsp;", "ideo": "\u3000\u3000"}


def render_block(block: Block, style: str, n: int) -> str:
    k = block["k"]
    word = style == "word"
    if k == "p":
        align = block["align"]
        indent = block["indent"] or style
        inner = "<br>".join("".join(seg_html(s, word) for s in line) for line in block["lines"])
        if align:
            return f'<p style="text-align: {align};">{inner}</p>'
        if indent == "css":
            return f'<p style="text-indent: 2em;">{inner}</p>'
        if indent in INDENT_PREFIX:
            return f"<p>{INDENT_PREFIX[indent]}{inner}</p>"
        if indent == "word":
            return f'<p class="MsoNormal" style="text-indent:32.0pt;line-height:28.0pt;mso-line-height-rule:exactly">{inner}</p>'
        if indent == "none":
            return f"<p>{inner}</p>"
        raise ValueError(indent)
    if k == "empty":
        return "<p>&nbsp;</p>" if n % 2 == 0 else '<p style="text-indent: 2em;">&nbsp;</p>'
    if k == "table":
        rows = []
        for r, row in enumerate(block["rows"]):
            cells: list[str] = []
            for c in row:
                span = ""
                if isinstance(c, tuple) and c[0] == "cs":
                    span = f' colspan="{c[2]}"'
                    text = c[1]
                    content = esc(text)
                else:
                    text = seg_text(c)
                    content = seg_html(c, False) if text else ""
                if not text:
                    content = "&nbsp;" if (r + len(cells)) % 2 else ""
                elif r == 0 and block["head"]:
                    content = f"<strong>{content}</strong>"
                bg = ' style="background: #f2f2f2;"' if r == 0 and block["head"] else ""
                cells.append(f'<td valign="middle" align="center"{span}{bg}>{content}</td>')
            rows.append("<tr>" + "".join(cells) + "</tr>")
        return (
            '<table border="1" cellspacing="0" cellpadding="0" width="100%" style="border-collapse: collapse;">\n'
            "<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>"
        )
    if k == "ul":
        return "<ul>\n" + "\n".join(f"<li>{esc(i)}</li>" for i in block["items"]) + "\n</ul>"
    if k == "h":
        return f"<h4>{esc(block['text'])}</h4>"
    if k == "div":
        return f'<div style="text-align: right;">{esc(block["text"])}</div>'
    if k == "script":
        return f'<script type="text/javascript">{block["code"]}</script>'
    if k == "style":
        return f'<style type="text/css">{block["css"]}</style>'
    if k == "comment":
        return f"<!--{block['text']}-->"
    raise ValueError(k)


def render_body(blocks: list[Block], style: str) -> str:
    return "\n".join(render_block(b, style, i) for i, b in enumerate(blocks))


# ---------------------------------------------------------------------------------------------
# detail pages: data
# ---------------------------------------------------------------------------------------------
DETAILS: list[dict[str, Any]] = []


def doc(pid: int, date: str, cols: list[str], title: str, body: list[Any], **kw: Any) -> None:
    blocks: list[Block] = []
    for b in body:
        if isinstance(b, str):
            blocks.append(P(b))
        elif isinstance(b, list):
            blocks.extend(b)
        else:
            blocks.append(b)
    d: dict[str, Any] = {
        "id": pid,
        "date": date,
        "cols": cols,
        "title": title,
        "body": blocks,
        "time": "09:30",
        "style": "css",
        "table": True,
        "docrow": True,
        "idx": f"745280713-{date[:4]}{date[5:7]}-{(pid * 7919) % 900000 + 100000}",
        "topic": "应急管理",
        "pub": SITE,
        "dcell": None,
        "doc": None,
        "kw": "",
        "labels": {},
        "colon": "：",
        "name_label": "名 称",
        "name_cell": None,
        "container": "activity",
        "editor": None,
        "enc": "utf8",
        "source": None,
        "figs": None,
    }
    for key, value in kw.items():
        assert key in d, key
        d[key] = value
    if d["dcell"] is None:
        d["dcell"] = date
    if d["name_cell"] is None:
        d["name_cell"] = esc(title)
    if d["source"] is None:
        d["source"] = cell_value(d["pub"]) or SITE
    DETAILS.append(d)


ATT = "/upload/resources/file"
IMGP = "/upload/resources/image"

# 2019 -----------------------------------------------------------------------------------------
doc(
    3215407,
    "2019-03-18",
    ["tzgg"],
    "昆明市应急管理局关于做好2019年清明节期间森林防火工作的通知",
    [
        "各县（市）区应急管理局，各开发（度假）园区应急管理部门，市森林防火指挥部各成员单位：",
        "清明节期间祭祀用火集中，野外火源管控难度大，加之我市当前正处于森林火灾高发期，气温回升快、降水偏少，森林火险等级持续偏高。为切实做好清明节期间森林防火工作，现将有关事项通知如下：",
        P(
            B("一、压实防火责任。"),
            "各地要严格落实地方行政首长负责制，层层签订防火责任书，把防火责任落实到山头地块和具体人员。",
        ),
        P(
            B("二、严格火源管控。"),
            "在进山路口、林区墓地等重点部位设置临时检查站，对进山人员实行登记，严禁携带火种进山，倡导文明祭祀、鲜花祭祀。",
        ),
        P(
            B("三、加强值班值守。"),
            "清明节期间实行24小时值班和领导带班制度，发生火情要第一时间报告，严禁迟报、漏报、瞒报。",
        ),
        P(
            B("四、做好扑救准备。"),
            "各专业、半专业扑火队伍要集中食宿、靠前驻防，确保一旦发生火情能够“打早、打小、打了”。",
        ),
        EMPTY,
        RIGHT("昆明市应急管理局", "2019年3月18日"),
    ],
    time="16:42",
    topic="森林防火",
    doc="昆应急〔2019〕15号",
    kw="森林防火 清明节 野外用火",
    editor="编辑：杨某 审核：李某 终审：王某",
    figs=[F("24小时", "24", "小时", "duration")],
)

doc(
    3248812,
    "2019-05-06",
    ["ghjh"],
    "昆明市2019年安全生产工作要点",
    [
        "2019年全市安全生产工作的总体要求是：坚持安全发展理念，坚守发展决不能以牺牲安全为代价这条红线，以防范遏制重特大事故为重点，深化安全生产领域改革，全面推进安全生产治理体系和治理能力现代化，确保全市安全生产形势持续稳定好转。",
        P(B("一、健全安全生产责任体系")),
        "（一）落实党政领导干部安全生产责任制。制定地方党政领导干部安全生产责任清单，将安全生产纳入各级党委政府年度目标考核。",
        "（二）强化部门监管责任。按照“管行业必须管安全、管业务必须管安全、管生产经营必须管安全”的要求，厘清部门安全监管职责边界。",
        P(B("二、深化重点行业领域专项整治")),
        "（三）道路交通方面，持续开展“两客一危”车辆专项整治，严厉打击超速、超员、疲劳驾驶等违法行为。",
        "（四）危险化学品方面，开展危险化学品重大危险源企业安全风险评估，推进化工园区安全整治提升。",
        "（五）建筑施工方面，加强深基坑、高支模、起重机械等危险性较大的分部分项工程安全管理。",
        P(B("三、提升应急救援能力")),
        "（六）修订完善生产安全事故应急预案，重点企业每半年至少组织一次综合应急演练。",
        "（七）加强应急救援队伍建设，推动重点园区建立专职应急救援队伍，实现救援力量全覆盖。",
    ],
    time="10:15",
    style="nbsp",
    colon=":",
    pub="昆明市安全生产委员会办公室",
    topic="安全生产",
    doc="昆安办〔2019〕21号",
    kw="安全生产 工作要点",
    figs=[],
)

doc(
    3290563,
    "2019-06-28",
    ["ghjh"],
    "关于做好2019年主汛期防汛抗旱工作的通知",
    [
        "各县（市）区防汛抗旱指挥部，市防汛抗旱指挥部各成员单位：",
        "据气象部门预测，今年主汛期我市降水总体偏多，局地强降水、雷电、冰雹等强对流天气发生的可能性较大。为做好主汛期防汛抗旱工作，确保人民群众生命财产安全，现就有关事项通知如下：",
        "一、全面开展汛前检查。重点对病险水库、河道堤防、山洪灾害易发区、城市易涝点开展拉网式排查，发现隐患立即整改。",
        P(
            "二、严格落实防汛责任制。对全市",
            FONT("283座"),
            "水库逐库落实行政、技术、巡查“三个责任人”，并在主要媒体上公布。",
        ),
        "三、做好抢险物资和队伍准备。各地要按照分级储备原则，储足备齐编织袋、冲锋舟、救生衣等防汛物资。",
        "四、严格执行值班制度。汛期实行24小时值班，遇重大雨情水情时加密会商、滚动研判。",
        EMPTY,
        RIGHT("昆明市防汛抗旱指挥部办公室", "2019年6月28日"),
    ],
    time="17:05",
    style="ideo",
    docrow=False,
    pub="昆明市防汛抗旱指挥部办公室",
    topic="防汛抗旱",
    figs=[
        F("283座", "283", "座", "count"),
        F("三个", "3", "个", "count"),
        F("24小时", "24", "小时", "duration"),
    ],
)

doc(
    3312870,
    "2019-07-25",
    ["tzgg"],
    "关于开展汛期地质灾害隐患排查的通知",
    [
        "各县（市）区防汛抗旱指挥部：",
        "7月以来，我市出现多轮强降雨过程，部分地区累计降水量较常年同期偏多三成以上，土体含水量趋于饱和，极易诱发滑坡、泥石流等地质灾害。为切实做好主汛期地质灾害防范工作，现就开展汛期地质灾害隐患排查有关事项通知如下：",
        "一、排查范围。重点排查城镇、学校、医院、集中居民点周边以及公路沿线、水利工程、矿山和在建工程周边的地质灾害隐患点。",
        "二、排查方式。采取县级督查、乡镇排查、村组巡查相结合的方式，对已登记在册的隐患点逐点复核，对新发现的隐患点及时登记造册。",
        "三、工作要求。对排查发现的险情要立即设立警示标志，落实监测责任人，必要时果断组织群众转移避险。排查情况请于8月10日前报送市防汛抗旱指挥部办公室。",
        EMPTY,
        RIGHT("昆明市防汛抗旱指挥部办公室", "2019年7月25日"),
    ],
    time=None,
    pub="昆明市防汛抗旱指挥部办公室",
    topic="防汛抗旱",
    doc="昆汛办〔2019〕32号",
    kw="地质灾害 隐患排查",
    figs=[],
)

doc(
    3334120,
    "2019-09-02",
    ["czzj"],
    "昆明市应急管理局2019年部门预算公开",
    [
        "根据《中华人民共和国预算法》和市财政局关于做好2019年部门预算公开工作的要求，现将昆明市应急管理局2019年部门预算公开如下：",
        P(B("一、部门基本情况")),
        "昆明市应急管理局于2019年1月组建，为市人民政府工作部门，机关内设12个处室。",
        P(B("二、2019年部门预算收支总体情况")),
        "2019年部门预算收入合计3862.45万元，全部为一般公共预算财政拨款收入；支出合计3862.45万元，其中基本支出1185.20万元，项目支出2677.25万元。",
        T(
            [CS("2019年部门预算支出情况表（单位：万元）", 4)],
            ["支出功能分类科目", "基本支出", "项目支出", "合计"],
            ["一般公共服务支出", "86.30", "120.00", "206.30"],
            ["灾害防治及应急管理支出", "1098.90", "2557.25", "3656.15"],
            ["合计", "1185.20", "2677.25", "3862.45"],
            head=False,
        ),
        P(B("三、“三公”经费预算情况")),
        "2019年“三公”经费预算数为42.60万元，其中公务接待费3.20万元，公务用车运行维护费39.40万元，因公出国（境）费0万元。",
        EMPTY,
        P(A(f"{ATT}/2019/09/02/3601187.xls", "附件1：2019年部门预算公开表.xls")),
        P(A(f"{ATT}/2019/09/02/3601188.pdf", "附件2：2019年部门预算情况说明.pdf")),
    ],
    time="11:20",
    topic="财政预决算",
    doc="",
    kw="部门预算、预算公开、三公经费",
    figs=[
        F("12个", "12", "个", "count"),
        F("3862.45万元", "3862.45", "万元", "money", label="部门预算收入合计"),
        F("3862.45万元", "3862.45", "万元", "money", label="支出合计"),
        F("1185.20万元", "1185.20", "万元", "money"),
        F("2677.25万元", "2677.25", "万元", "money", label="项目支出"),
        TCELLS(0, "万元"),
        F("42.60万元", "42.60", "万元", "money"),
        F("3.20万元", "3.20", "万元", "money"),
        F("39.40万元", "39.40", "万元", "money", label="公务用车运行维护费"),
        F("0万元", "0", "万元", "money"),
    ],
)

doc(
    3398741,
    "2019-12-13",
    ["ghjh"],
    "昆明市应急管理局2020年度应急预案修订计划",
    [
        "为进一步提高应急预案的针对性、实用性和可操作性，根据《突发事件应急预案管理办法》有关规定，结合我市实际，制定本计划。",
        P(B("一、修订目标")),
        "2020年底前完成市级专项应急预案修订8件、部门应急预案修订15件，推动各县（市）区同步开展预案修订工作。",
        P(B("二、修订清单")),
        T(
            ["序号", "预案名称", "牵头单位", "完成时限"],
            ["1", "昆明市防汛抗旱应急预案", "市防汛抗旱指挥部办公室", "2020年6月"],
            ["2", "昆明市森林火灾应急预案", "市森林草原防灭火指挥部办公室", "2020年9月"],
            ["3", "昆明市地震应急预案", "市防震减灾局", "2020年10月"],
            ["4", "昆明市危险化学品事故应急预案", "市应急管理局", "2020年11月"],
            ["5", "昆明市自然灾害救助应急预案", "市应急管理局", "2020年12月"],
        ),
        P(B("三、工作要求")),
        "各牵头单位要组织开展风险评估和应急资源调查，广泛征求意见，必要时组织专家评审，修订完成后按程序报批并及时备案。",
    ],
    time="15:38",
    style="ideo",
    topic="应急预案",
    doc="",
    kw="应急预案 修订计划",
    figs=[
        F("8件", "8", "件", "count"),
        F("15件", "15", "件", "count"),
        TCELLS(0),
    ],
)

# 2020 -----------------------------------------------------------------------------------------
doc(
    3500001,
    "2020-03-02",
    ["tzgg"],
    "关于表彰李镕、王堃等2019年度安全生产先进个人的通报",
    [
        "各县（市）区人民政府，市安委会各成员单位：",
        "2019年，全市各级各部门认真贯彻落实党中央、国务院和省委、省政府关于安全生产工作的决策部署，涌现出一批工作扎实、成效突出的先进个人。为表彰先进、树立典型，经研究，决定对李镕、王堃、张喆等15名同志予以通报表扬。",
        "希望受到表扬的同志珍惜荣誉、再接再厉；全市广大安全生产工作者要以先进为榜样，坚守安全红线，为全市经济社会发展创造良好的安全环境。",
        "附件：2019年度全市安全生产工作先进个人名单（节选）",
        T(
            ["序号", "姓名", "工作单位"],
            ["1", "李镕", "五华区应急管理局"],
            ["2", "王堃", "安宁市应急管理局"],
            ["3", "张喆", "市应急管理局安全生产基础处"],
            ["4", "刘晓东", "官渡区应急管理局"],
            ["5", "陈雪梅", "市交通运输局"],
        ),
        EMPTY,
        RIGHT("昆明市安全生产委员会办公室", "2020年3月2日"),
    ],
    time="14:26",
    style="nbsp",
    enc="gbk-gb2312",
    pub="昆明市安全生产委员会办公室",
    topic="安全生产",
    doc="昆安委〔2020〕3号",
    kw="安全生产 先进个人 表彰",
    figs=[F("15名", "15", "名", "count"), TCELLS(0)],
)

doc(
    3518226,
    "2020-04-10",
    ["czzj"],
    "昆明市应急管理局2019年度部门决算公开",
    [
        "按照《中华人民共和国预算法》及市财政局关于2019年度部门决算公开工作的统一部署，现将昆明市应急管理局2019年度部门决算予以公开。",
        "2019年度收入总计4105.78万元，支出总计3967.32万元，年末结转和结余138.46万元。",
        "2019年度“三公”经费支出31.85万元，比年初预算减少10.75万元，下降25.23%。主要原因是严格执行中央八项规定精神，压缩公务接待和公务用车运行支出。",
        "详细情况请见附件。",
        P(
            A(
                f"{HOST}{ATT}/2020/04/10/3688410.doc",
                "附件1：昆明市应急管理局2019年度部门决算情况说明.doc",
            )
        ),
        P(A(f"{ATT}/2020/04/10/3688411.xls", "附件2：2019年度部门决算公开报表.xls")),
    ],
    time="16:00",
    topic="财政预决算",
    doc="",
    kw="部门决算 三公经费",
    figs=[
        F("4105.78万元", "4105.78", "万元", "money", label="收入总计"),
        F("3967.32万元", "3967.32", "万元", "money", label="支出总计"),
        F("138.46万元", "138.46", "万元", "money", label="年末结转和结余"),
        F("31.85万元", "31.85", "万元", "money"),
        F("10.75万元", "10.75", "万元", "money", direction="down"),
        F("25.23%", "25.23", "%", "percent", direction="down"),
    ],
)

doc(
    3561093,
    "2020-05-20",
    ["tzgg"],
    "关于开展2020年“安全生产月”活动的通知",
    [
        "各县（市）区安委会，市安委会各成员单位，各有关企业：",
        "今年6月是全国第19个“安全生产月”，活动主题为“消除事故隐患，筑牢安全防线”。为切实抓好我市“安全生产月”活动，现将有关事项通知如下：",
        P(IMG(f"{IMGP}/2020/05/20/3712460.jpg"), align="center"),
        "一、开展集中宣传。6月16日为全国“安全宣传咨询日”，各地要在主要广场、商业区设立咨询点，发放宣传资料，解答群众咨询。",
        "二、组织应急演练。各重点企业要结合实际组织开展生产安全事故应急演练，切实提高从业人员应急处置能力。",
        "三、深化隐患排查。围绕危险化学品、矿山、消防、道路交通、建筑施工等重点行业领域，组织开展全覆盖的隐患排查整治。",
        "请各单位于7月5日前将活动总结报送市安委会办公室。",
    ],
    time="10:03",
    pub="昆明市安全生产委员会办公室",
    topic="安全生产",
    doc="昆安办〔2020〕9号",
    kw="安全生产月，消除事故隐患，筑牢安全防线",
    labels={"idx": "索 引 号：", "pub": "发布&nbsp;机构："},
    figs=[],
)

doc(
    3602718,
    "2020-06-30",
    ["ghjh"],
    "昆明市防汛抗旱应急预案（2020年修订）",
    [
        "为做好水旱灾害突发事件防范与处置工作，保证抗洪抢险、抗旱救灾工作高效有序进行，最大程度减少人员伤亡和财产损失，市防汛抗旱指挥部对《昆明市防汛抗旱应急预案》进行了修订，现予以印发。",
        "修订后的预案共分为总则、组织指挥体系及职责、预防和预警机制、应急响应、应急保障、善后工作、附则等7个部分，将应急响应由原来的三级调整为四级，进一步明确了各级响应的启动条件和响应措施。",
        "各县（市）区、各有关单位要认真组织学习，并结合实际修订本地区、本部门的防汛抗旱应急预案。",
        P(
            "附件：",
            A(f"{ATT}/2020/06/30/3741582.docx", "昆明市防汛抗旱应急预案（2020年修订）.docx"),
        ),
    ],
    time="18:12",
    table=False,
    source="昆明市防汛抗旱指挥部办公室",
    figs=[F("7个", "7", "个", "count")],
)

doc(
    3655480,
    "2020-08-21",
    ["tzgg"],
    "行政处罚决定书（昆应急罚〔2020〕8号）",
    [
        BR(
            "当事人：昆明某某化工有限公司",
            "统一社会信用代码：91530100XXXXXXXXXX",
            "法定代表人：周某某",
            "地址：昆明市安宁市草铺街道某工业园区",
            indent="none",
        ),
        "违法事实：2020年7月9日，我局执法人员对该公司进行执法检查时发现，该公司未对重大危险源进行定期检测、评估，部分可燃气体报警装置未与紧急切断装置联锁。",
        "以上事实有现场检查记录、询问笔录、现场照片等证据为证。",
        T(
            ["序号", "违法行为", "处罚依据", "处罚结果"],
            [
                "1",
                "未对重大危险源定期检测、评估",
                "《中华人民共和国安全生产法》第九十八条",
                "罚款人民币4万元",
            ],
            [
                "2",
                "安全设施未保持正常使用",
                "《中华人民共和国安全生产法》第九十六条",
                "罚款人民币3万元",
            ],
        ),
        "处罚决定：合并处人民币7万元罚款。",
        "当事人应自收到本决定书之日起十五日内缴纳罚款。逾期不缴纳的，每日按罚款数额的3%加处罚款。",
        "如不服本处罚决定，可以在收到本决定书之日起六十日内向昆明市人民政府申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。",
        RIGHT("昆明市应急管理局", "2020年8月20日"),
    ],
    time="09:47",
    topic="行政处罚",
    doc="昆应急罚〔2020〕8号",
    kw="行政处罚 危险化学品",
    name_label="标题",
    figs=[
        TCELLS(0),
        F("4万元", "4", "万元", "money", cell=(0, 1, 3)),
        F("3万元", "3", "万元", "money", cell=(0, 2, 3)),
        F("7万元", "7", "万元", "money"),
        F("3%", "3", "%", "percent"),
        F("六个月", "6", "个月", "duration"),
    ],
)

doc(
    3689902,
    "2020-09-14",
    ["ghjh"],
    "昆明市“十四五”应急体系建设规划编制工作方案",
    [
        "为科学编制《昆明市“十四五”应急体系建设规划》，根据国家、省有关规划编制工作要求，制定本方案。",
        P(B("一、编制原则")),
        "坚持问题导向、目标导向和结果导向相结合，坚持与国民经济和社会发展规划、国土空间规划相衔接，坚持开门编规划，广泛听取社会各界意见。",
        P(B("二、主要任务")),
        UL(
            "开展“十三五”应急体系建设规划实施情况总结评估；",
            "开展自然灾害综合风险普查成果应用研究；",
            "研究提出“十四五”时期应急能力建设重点工程项目；",
            "形成规划文本并开展论证、征求意见。",
        ),
        P(B("三、时间安排")),
        "2020年9月至11月完成前期研究，2020年12月形成规划初稿，2021年6月前按程序报批。",
        P(B("四、保障措施")),
        "规划编制经费纳入年度部门预算，由局规划财务处统筹安排；各处室确定一名联络员，负责本领域规划内容的研究起草。",
    ],
    time="11:30",
    docrow=False,
    topic="规划计划",
    figs=[],
)

doc(
    3725001,
    "2020-10-15",
    ["czzj"],
    "昆明市应急管理局2020年预算调整情况说明",
    [
        "根据市人大常委会关于批准2020年市级预算调整方案的决议，现将我局2020年部门预算调整情况说明如下：",
        "一、调整原因。受新冠肺炎疫情影响，按照过紧日子的要求，压减一般性支出和非急需、非刚性支出。",
        "二、调整情况。年初预算4924.01万元，调减非急需项目支出286.40万元，同时追加森林草原防灭火专项经费286.40万元，调整后预算总额不变。",
        "三、资金使用方向。追加资金主要用于森林消防物资采购、航空护林服务和半专业扑火队伍训练。",
    ],
    time="15:16",
    style="word",
    idx="01527918X-202010-153077",
    topic="财政预决算",
    doc="昆应急〔2020〕41号",
    kw="预算调整 森林草原防灭火",
    figs=[
        F("4924.01万元", "4924.01", "万元", "money", label="年初预算"),
        F("286.40万元", "286.40", "万元", "money"),
        F("286.40万元", "286.40", "万元", "money"),
    ],
)

doc(
    3740315,
    "2020-11-05",
    ["tzgg"],
    "关于做好2020—2021年冬春森林草原防火工作的通知",
    [
        "各县（市）区森林草原防灭火指挥部，市森林草原防灭火指挥部各成员单位：",
        "今冬明春我市森林草原防火形势严峻。据气象部门预测，11月至次年5月全市降水偏少、气温偏高，森林火险等级高。为做好2020—2021年冬春森林草原防火工作，现就有关事项通知如下：",
        "一、从2020年12月1日起至2021年6月15日止为全市森林草原防火期，其中3月1日至5月31日为高火险期。",
        "二、防火期内，林区禁止一切野外用火。确需用火的，须经县级人民政府或者其授权单位批准。",
        "三、各级扑火队伍要开展实战化训练，确保快速出动、科学扑救，严防发生扑火人员伤亡事故。",
        "四、全面落实24小时值班和领导带班制度，严格执行火情报告制度。",
        EMPTY,
        RIGHT("昆明市森林草原防灭火指挥部办公室", "2020年11月5日"),
    ],
    time="17:40",
    style="ideo",
    enc="gbk-none",
    pub="昆明市森林草原防灭火指挥部办公室",
    topic="森林防火",
    doc="昆森防指办〔2020〕11号",
    kw="森林防火 冬春",
    labels={"name": "名\u3000\u3000称："},
    figs=[F("24小时", "24", "小时", "duration")],
)

doc(
    3771624,
    "2020-12-18",
    ["czzj"],
    "昆明市应急管理局2021年部门预算公开",
    [
        "根据《中华人民共和国预算法》等有关规定，现将昆明市应急管理局2021年部门预算予以公开。",
        "2021年部门预算收入合计5136.72万元，支出合计5136.72万元。与上年相比，收支预算各增加212.71万元，增长4.32%，主要原因是增加了应急指挥信息化建设项目经费。",
        "2021年“三公”经费预算数为38.50万元，与上年持平。",
        P(
            A(
                f"{HOST}{ATT}/2020/12/18/3890215.pdf",
                "附件1：昆明市应急管理局2021年部门预算情况说明.pdf",
            )
        ),
        P(A(f"{ATT}/2020/12/18/3890216.xls", "附件2：昆明市应急管理局2021年部门预算公开表.xls")),
    ],
    time="17:55",
    topic="财政预决算",
    doc="",
    kw="部门预算 2021年",
    figs=[
        F("5136.72万元", "5136.72", "万元", "money", label="部门预算收入合计"),
        F("5136.72万元", "5136.72", "万元", "money", label="支出合计"),
        F("212.71万元", "212.71", "万元", "money", direction="up"),
        F("4.32%", "4.32", "%", "percent", direction="up"),
        F("38.50万元", "38.50", "万元", "money"),
    ],
)

# 2021 -----------------------------------------------------------------------------------------
doc(
    3802147,
    "2021-01-15",
    ["tzgg"],
    "关于做好2021年元旦春节期间安全生产工作的通知",
    [
        COMMENT("StartFragment"),
        "各县（市）区安委会，市安委会各成员单位：",
        "元旦、春节期间，人员流动和物资运输集中，烟花爆竹生产经营进入旺季，各类生产经营活动频繁，安全风险明显增加。为确保节日期间全市安全生产形势稳定，现就有关工作通知如下：",
        "一、加强烟花爆竹安全监管。严格批发、零售经营许可，严厉打击非法生产、经营、储存烟花爆竹行为。",
        "二、加强道路交通安全管理。加强客运车辆、旅游包车和危险货物运输车辆动态监控，严防疲劳驾驶。",
        "三、加强人员密集场所安全管理。商场、景区、宾馆饭店要落实消防安全责任，保持疏散通道畅通。",
        "四、严格应急值守。节日期间实行24小时值班和领导带班，重大情况第一时间报告。",
        COMMENT("EndFragment"),
    ],
    time="11:08",
    style="nbsp",
    enc="utf8-none",
    pub="昆明市安全生产委员会办公室",
    topic="安全生产",
    doc="昆安办〔2021〕1号",
    kw="元旦 春节 安全生产",
    figs=[F("24小时", "24", "小时", "duration")],
)

doc(
    3815366,
    "2021-01-28",
    ["tzgg"],
    "昆明市应急管理局2020年政府信息公开工作年度报告",
    [
        "本报告是根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开工作年度报告格式》要求，由昆明市应急管理局编制。全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议及行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。本报告所列数据的统计期限自2020年1月1日起至2020年12月31日止。本报告电子版可在昆明市应急管理局门户网站（https://yjj.km.gov.cn/c/2021-01-28/3815366.shtml）查阅和下载。如对本报告有疑问，请与昆明市应急管理局办公室联系（地址：昆明市呈贡区锦绣大街某号，邮政编码：650500，联系电话：0871-63123456）。",
        P(B("一、总体情况")),
        "2020年，我局坚持以公开为常态、不公开为例外，认真落实《条例》和省、市政务公开工作要点，围绕安全生产、防灾减灾救灾和应急救援等重点领域，持续加大政府信息公开力度。",
        "（一）主动公开。全年通过门户网站主动公开政府信息1,286条，同比增长12.5％，其中安全生产类信息412条，防灾减灾类信息263条；通过“昆明应急”政务微博、微信公众号发布信息3417条，阅读量约260万人次。",
        "（二）依申请公开。全年共收到政府信息公开申请26件，较上年增加9件，增长52.94%；按时办结率达到 100%，平均答复时间为3～5天，均在20个工作日的法定期限内予以答复。",
        "（三）政府信息管理。严格落实政府信息公开保密审查制度，全年审查拟公开信息1300余条，未发生泄密事件；印发《昆明市应急管理局政务公开工作制度》（昆应急〔2020〕78号），对2019年度以前制发的规范性文件开展全面清理，废止规范性文件十二个。",
        "（四）平台建设。完成门户网站集约化迁移，上线一批便民查询功能，新增“政策解读”“应急科普”等栏目6个，全年网站访问量超过80万人次，政策解读类信息浏览量是上年的2.3倍。",
        "（五）监督保障。将政务公开工作纳入局年度目标考核，分值占比为5%；组织开展一次政务公开专项自查，举办专题培训2场次、累计培训干部职工120人次。",
        P(B("二、主动公开政府信息情况")),
        T(
            ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
            ["规章", "0", "0", "0"],
            ["行政规范性文件", "3", "12", "9"],
        ),
        T(
            ["信息内容", "本年处理决定数量"],
            ["行政许可", "186"],
            ["行政处罚", "97"],
            ["行政强制", "14"],
        ),
        T(
            ["信息内容", "本年收费金额（单位：万元）"],
            ["行政事业性收费", "0"],
        ),
        P(B("三、收到和处理政府信息公开申请情况")),
        T(
            [
                "申请人情况",
                "自然人",
                "商业企业",
                "科研机构",
                "社会公益组织",
                "法律服务机构",
                "其他",
                "总计",
            ],
            ["本年新收政府信息公开申请数量", "19", "5", "0", "0", "1", "1", "26"],
            ["上年结转政府信息公开申请数量", "0", "0", "0", "0", "0", "0", "0"],
            ["予以公开", "11", "3", "0", "0", "1", "0", "15"],
            ["部分公开", "2", "1", "0", "0", "0", "0", "3"],
            ["不予公开", "1", "0", "0", "0", "0", "0", "1"],
            ["本机关不掌握相关政府信息", "4", "1", "0", "0", "0", "1", "6"],
            ["不予处理", "1", "0", "0", "0", "0", "0", "1"],
            ["总计", "19", "5", "0", "0", "1", "1", "26"],
            ["结转下年度继续办理", "0", "0", "0", "0", "0", "0", "0"],
        ),
        P(B("四、政府信息公开行政复议、行政诉讼情况")),
        "全年因政府信息公开被申请行政复议1件、被提起行政诉讼1件。行政复议结果为维持原行政行为；行政诉讼尚未审结。",
        T(
            [CS("行政复议", 5)],
            ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"],
            ["1", "0", "0", "0", "1"],
            head=False,
        ),
        T(
            ["行政诉讼类别", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计"],
            ["未经复议直接起诉", "0", "0", "0", "1", "1"],
            ["复议后起诉", "0", "0", "0", "0", "0"],
        ),
        P(B("五、存在的主要问题及改进情况")),
        "2020年度，我局政府信息公开工作取得了一定成效，但仍存在政策解读形式较为单一、基层政务公开指导不够有力等问题。2021年，我局将重点做好以下工作：1.加强政策解读，做到解读材料与政策文件同步起草、同步审签、同步发布；2.严格执行《条例》第十二条规定，及时更新政府信息公开指南和目录；3.加强业务培训，全年组织政务公开业务培训两次。",
        P(B("六、其他需要报告的事项")),
        "本年度未收取信息处理费。全年办理人大代表建议8件、政协提案11件，办复率均为100%。",
        EMPTY,
        RIGHT("昆明市应急管理局", "2021年1月28日"),
    ],
    time="10:20",
    style="nbsp",
    topic="政务公开",
    doc="",
    kw="政府信息公开 年度报告 2020年度",
    figs=[
        F("1,286条", "1286", "条", "count"),
        F("12.5％", "12.5", "%", "percent", direction="up"),
        F("412条", "412", "条", "count"),
        F("263条", "263", "条", "count", label="防灾减灾类信息"),
        F("3417条", "3417", "条", "count"),
        F("260万人次", "260", "万人次", "count", approx=True),
        F("26件", "26", "件", "count"),
        F("9件", "9", "件", "count", direction="up"),
        F("52.94%", "52.94", "%", "percent", direction="up"),
        F("100%", "100", "%", "percent"),
        F("3～5天", "3", "天", "duration", vmax="5", label="平均答复时间"),
        F("20个工作日", "20", "个工作日", "duration"),
        F("1300余条", "1300", "条", "count", approx=True),
        F("十二个", "12", "个", "count"),
        F("6个", "6", "个", "count"),
        F("80万人次", "80", "万人次", "count", approx=True),
        F("2.3倍", "2.3", "倍", "multiple"),
        F("5%", "5", "%", "percent", label="分值占比"),
        F("2场次", "2", "场次", "count"),
        F("120人次", "120", "人次", "count"),
        TCELLS(0),
        TCELLS(1),
        TCELLS(2, "万元"),
        TCELLS(3),
        F("1件", "1", "件", "count"),
        F("1件", "1", "件", "count"),
        TCELLS(4),
        TCELLS(5),
        F("两次", "2", "次", "count"),
        F("8件", "8", "件", "count"),
        F("11件", "11", "件", "count"),
        F("100%", "100", "%", "percent"),
    ],
)

doc(
    3846390,
    "2021-03-05",
    ["ghjh"],
    "昆明市应急管理局2021年工作要点",
    [
        "2021年是“十四五”开局之年。全市应急管理工作的总体思路是：统筹发展和安全，坚持人民至上、生命至上，着力防范化解重大安全风险，全面提升防灾减灾救灾和应急处置能力。",
        P(
            SPAN("一、", "font-weight: bold;"),
            "推进应急管理体系建设。健全完善应急指挥体系，推动县（市）区应急指挥中心规范化建设。",
        ),
        P(
            SPAN("二、", "font-weight: bold;"),
            "深化安全生产专项整治三年行动。聚焦危险化学品、矿山、消防、交通运输、建筑施工等重点行业领域，建立问题隐患和制度措施“两个清单”。",
        ),
        P(
            SPAN("三、", "font-weight: bold;"),
            "提升自然灾害防治能力。开展第一次全国自然灾害综合风险普查，推进灾害风险监测预警信息化建设。",
        ),
        P(
            SPAN("四、", "font-weight: bold;"),
            "加强应急救援力量建设。推动综合性消防救援队伍与专业救援队伍、社会救援力量协调联动。",
        ),
        P(
            SPAN("五、", "font-weight: bold;"),
            "夯实基层基础。推动乡镇（街道）应急管理机构规范化建设，加强基层应急管理人员培训。",
        ),
    ],
    time="09:12",
    idx="&nbsp;KMYJJ-2021-0031",
    topic="&nbsp;综合政务",
    doc="昆应急发〔2021〕6号",
    kw="工作要点 应急管理",
    figs=[F("两个", "2", "个", "count")],
)

doc(
    3871255,
    "2021-04-02",
    ["czzj"],
    "昆明市应急管理局2020年度部门决算公开",
    [
        "根据市财政局统一部署，现将昆明市应急管理局2020年度部门决算公开如下：",
        "2020年度收入总计5053.26万元，支出总计4817.51万元，年末结转和结余235.75万元。",
        T(
            ["项目", "年初预算数", "调整预算数", "决算数"],
            ["基本支出", "1310.28", "", "1296.45"],
            ["项目支出", "3613.73", "3613.73", "3521.06"],
            ["合计", "4924.01", "4924.01", "4817.51"],
        ),
        "2020年度“三公”经费支出31.18万元，完成年初预算的80.99%。其中，公务接待费2.05万元，公务用车运行维护费29.13万元。",
    ],
    time="16:30",
    style="word",
    topic="财政预决算",
    doc="",
    kw="决算公开、三公经费 财政拨款",
    figs=[
        F("5053.26万元", "5053.26", "万元", "money", label="收入总计"),
        F("4817.51万元", "4817.51", "万元", "money", label="支出总计"),
        F("235.75万元", "235.75", "万元", "money", label="年末结转和结余"),
        TCELLS(0),
        F("31.18万元", "31.18", "万元", "money"),
        F("80.99%", "80.99", "%", "percent"),
        F("2.05万元", "2.05", "万元", "money", label="公务接待费"),
        F("29.13万元", "29.13", "万元", "money", label="公务用车运行维护费"),
    ],
)

doc(
    3900004,
    "2021-05-13",
    ["tzgg"],
    "关于开展2021年防灾减灾宣传周活动的通知",
    [
        "各县（市）区减灾委员会，市减灾委各成员单位：",
        "今年5月12日是我国第13个全国防灾减灾日，主题是“防范化解灾害风险，筑牢安全发展基础”。5月8日至14日为防灾减灾宣传周。为做好宣传周各项工作，现将有关事项通知如下：",
        "一、广泛开展宣传教育。充分利用广播、电视、报刊和新媒体平台，普及防灾减灾知识和避险自救技能。",
        "二、组织开展应急演练。组织学校、医院、社区和企业开展地震、火灾等应急疏散演练，提高公众应急避险能力。",
        "三、深入排查灾害风险隐患。对城乡社区、学校、医院等人员密集场所开展灾害风险隐患排查。",
    ],
    time="10:40",
    pub="昆明市减灾委员会办公室",
    topic="防灾减灾",
    doc="昆减委办〔2021〕2号",
    kw="防灾减灾 宣传周",
    figs=[],
)

doc(
    3900007,
    "2021-05-15",
    ["ghjh"],
    "昆明市应急管理局关于调整部分应急物资储备点的公告",
    [
        "为进一步优化全市应急物资储备布局，提升应急物资保障能力，经研究，决定对部分市级应急物资储备点进行调整，现公告如下：",
        "一、撤销盘龙区茨坝储备点，相关物资整体转移至官渡区小板桥储备库。",
        "二、新设呈贡区吴家营储备点，主要储备帐篷、折叠床、棉被、应急照明等生活类救灾物资。",
        P(IMG(f"{IMGP}/2021/05/15/3900101.jpg"), align="center"),
        "三、调整后全市共设市级应急物资储备点6个，储备物资可满足3万人紧急转移安置需要。",
        "特此公告。",
        RIGHT("昆明市应急管理局", "2021年5月15日"),
    ],
    time="15:02",
    topic="应急物资",
    doc="",
    kw="应急物资 储备点",
    figs=[
        F("6个", "6", "个", "count"),
        F("3万人", "3", "万人", "count"),
    ],
)

doc(
    3923318,
    "2021-06-01",
    ["tzgg"],
    "关于印发《昆明市安全生产举报奖励实施办法》的通知",
    [
        STYLE(".activity .note{color:#666;font-size:14px;}"),
        "各县（市）区应急管理局，各有关单位：",
        "为鼓励社会公众举报安全生产重大事故隐患和安全生产违法行为，依据国家有关规定，我局制定了《昆明市安全生产举报奖励实施办法》，现印发给你们，请认真贯彻执行。",
        P(
            "举报人可以通过“12350”安全生产举报投诉电话、昆明市应急管理局门户网站等渠道进行举报。举报查证属实的，按照办法规定给予奖励，最高奖励",
            B("30万元"),
            "。",
        ),
        P(
            "国家有关规定详见",
            A(
                "https://www.mem.gov.cn/gk/zfxxgkpt/fdzdgknr/202009/t20200918_367519.shtml",
                "应急管理部门户网站",
            ),
            "。",
        ),
        RIGHT("昆明市应急管理局", "2021年6月1日"),
    ],
    time="16:21",
    topic="安全生产",
    doc="昆应急发〔2021〕18号",
    kw="举报奖励 安全生产",
    figs=[F("30万元", "30", "万元", "money")],
)

doc(
    3951855,
    "2021-06-22",
    ["czzj"],
    "昆明市应急管理局2020年部门整体支出绩效自评报告",
    [
        P(B("一、部门基本情况")),
        "（一）部门职能。昆明市应急管理局是市人民政府工作部门，主要负责全市应急管理、安全生产综合监督管理、防灾减灾救灾和应急救援等工作，承担市安全生产委员会、市减灾委员会、市防汛抗旱指挥部、市森林草原防灭火指挥部的日常工作。",
        "（二）机构人员情况。局机关内设13个处室，下设市应急救援保障中心、市安全生产宣传教育中心2个事业单位。截至2020年12月31日，全局编制内实有人员69人，其中行政人员52人、事业人员17人。",
        "（三）预算收支情况。2020年部门预算总收入4924.01万元，其中一般公共预算财政拨款收入4612.37万元，上年结转结余311.64万元。部门预算总支出4924.01万元，其中基本支出1310.28万元，占总支出的26.61 %；项目支出3613.73万元，占总支出的73.39%。",
        T(
            [CS("2020年部门预算收支执行情况表（单位：万元）", 5)],
            ["项目", "年初预算", "调整后预算", "实际支出", "执行率"],
            ["基本支出", "1310.28", "1310.28", "1296.45", "98.94%"],
            ["项目支出", "3613.73", "3613.73", "3521.06", "97.44%"],
            ["合计", "4924.01", "4924.01", "4817.51", "97.84%"],
            head=False,
        ),
        P(B("二、绩效目标完成情况")),
        "（一）安全生产形势持续稳定。全年共发生各类生产安全事故61起、死亡46人，同比分别下降38.38%和57.41%，未发生重大及以上生产安全事故，较大事故同比减少2起。",
        "（二）隐患排查治理扎实推进。全年执法检查生产经营单位4652家次，排查整改各类事故隐患2.3万余项，立案查处违法违规行为317起，督促全市重点行业领域企业落实安全生产投入494,400.00万元。",
        "（三）应急救援能力不断提升。全市建成各类专业应急救援队伍22支、3000余人，建成应急避难场所829个；争取中央和省级各类补助资金一千七百万元，组织开展各类应急演练146场次，培训基层应急管理人员两千余人。",
        "（四）防灾减灾救灾成效明显。全年启动自然灾害救助应急响应5次，紧急转移安置受灾群众1.2万人次；对创建成功的综合减灾示范社区给予每个5-10万元的以奖代补资金，相关资金全部及时足额拨付到位。",
        T(
            ["指标名称", "2019年", "2020年", "同比增减"],
            ["生产安全事故起数（起）", "99", "61", "-38.38%"],
            ["生产安全事故死亡人数（人）", "108", "46", "-57.39%"],
            ["执法检查（家次）", "3920", "4652", "18.67%"],
            ["应急避难场所（个）", "796", "829", "4.15%"],
            ["新增应急物资储备库（个）", "", "2", "新增"],
        ),
        "（五）预算执行情况。全年实际支出4817.51万元，预算执行率为97.84%；项目支出绩效目标完成率为９８．６％，“三公”经费支出较预算减少7.32万元。",
        P(B("三、存在的问题")),
        "一是部分项目前期论证不够充分，预算执行进度前慢后快；二是绩效指标设置还不够细化，部分指标难以量化考核；三是基层应急管理力量仍然薄弱，乡镇（街道）应急管理专职人员配备不足。",
        P(B("四、改进措施")),
        "进一步强化预算绩效管理，严格项目入库论证，科学合理设置绩效目标；加快预算执行进度，建立按月通报制度；持续推进基层应急管理能力建设，力争2021年实现乡镇（街道）应急管理机构全覆盖。",
        P(B("五、自评结论")),
        "经综合评价，昆明市应急管理局2020年部门整体支出绩效自评得分98.8分，评价等级为“优”。",
        T(
            ["一级指标", "分值", "得分"],
            ["投入", "20", "20"],
            ["过程", "30", "29.5"],
            ["产出", "30", "29.6"],
            ["效益", "20", "19.7"],
            ["合计", "100", "98.8"],
        ),
        EMPTY,
        P(A(f"{ATT}/2021/06/22/4073021.pdf", "附件1：2020年整体绩效指标体系.pdf"), indent="none"),
        P(
            A(f"{ATT}/2021/06/22/4073022.xls", "附件2：2020年部门整体支出绩效自评表.xls"),
            indent="none",
        ),
    ],
    time="18:05",
    style="word",
    idx="745280713-202106-275519",
    topic="财政预决算",
    doc="&nbsp;",
    kw="绩效自评 部门整体支出 2020年",
    figs=[
        F("13个", "13", "个", "count"),
        F("2个", "2", "个", "count"),
        F("69人", "69", "人", "count"),
        F("52人", "52", "人", "count"),
        F("17人", "17", "人", "count"),
        F("4924.01万元", "4924.01", "万元", "money", label="部门预算总收入"),
        F("4612.37万元", "4612.37", "万元", "money"),
        F("311.64万元", "311.64", "万元", "money", label="上年结转结余"),
        F("4924.01万元", "4924.01", "万元", "money", label="部门预算总支出"),
        F("1310.28万元", "1310.28", "万元", "money"),
        F("26.61 %", "26.61", "%", "percent"),
        F("3613.73万元", "3613.73", "万元", "money", label="项目支出"),
        F("73.39%", "73.39", "%", "percent"),
        TCELLS(0, "万元"),
        F("61起", "61", "起", "count"),
        F("46人", "46", "人", "count"),
        F("38.38%", "38.38", "%", "percent", direction="down"),
        F("57.41%", "57.41", "%", "percent"),
        F("2起", "2", "起", "count", direction="down"),
        F("4652家次", "4652", "家次", "count"),
        F("2.3万余项", "2.3", "万项", "count", approx=True),
        F("317起", "317", "起", "count"),
        F("494,400.00万元", "494400.00", "万元", "money"),
        F("22支", "22", "支", "count"),
        F("3000余人", "3000", "人", "count", approx=True),
        F("829个", "829", "个", "count"),
        F("一千七百万元", "1700", "万元", "money"),
        F("146场次", "146", "场次", "count"),
        F("两千余人", "2000", "人", "count", approx=True),
        F("5次", "5", "次", "count"),
        F("1.2万人次", "1.2", "万人次", "count"),
        F("5-10万元", "5", "万元", "money", vmax="10"),
        TCELLS(1),
        F("4817.51万元", "4817.51", "万元", "money"),
        F("97.84%", "97.84", "%", "percent", label="预算执行率"),
        F("９８．６％", "98.6", "%", "percent", label="项目支出绩效目标完成率"),
        F("7.32万元", "7.32", "万元", "money", direction="down"),
        F("98.8分", "98.8", "分", "score"),
        TCELLS(2),
    ],
)

doc(
    3968420,
    "2021-07-20",
    ["ghjh"],
    "昆明市森林火灾应急预案",
    [
        P(B("1 总则")),
        "1.1 编制目的。建立健全森林火灾应对工作机制，依法有力有序有效处置森林火灾，最大程度减少森林火灾及其造成的人员伤亡和财产损失，保护森林资源，维护生态安全。",
        "1.2 适用范围。本预案适用于本市行政区域内发生的森林火灾应对工作。",
        "1.3 工作原则。森林火灾应对工作坚持统一领导、协调联动，分级负责、属地为主，以人为本、科学扑救的原则。",
        P(B("2 主要任务")),
        "组织灭火行动，科学扑救火灾，解救疏散群众，保护重要目标，转移安置受威胁群众，维护社会治安秩序。",
        P(B("3 响应分级")),
        "根据森林火灾初判级别、应急处置能力和预期影响后果，市级层面应急响应由低到高分为Ⅳ级、Ⅲ级、Ⅱ级、Ⅰ级四个等级。",
    ],
    time="10:55",
    table=False,
    container="content-box",
    source="昆明市森林草原防灭火指挥部办公室",
    figs=[F("四个", "4", "个", "count")],
)

doc(
    3989105,
    "2021-09-13",
    ["tzgg"],
    "关于做好2021年国庆节期间安全防范工作的通知",
    [
        "各县（市）区应急管理局，各有关单位：",
        "国庆节即将来临，节日期间群众出行、旅游、购物等活动增多，安全风险叠加。为确保节日期间安全形势稳定，现就有关工作通知如下：",
        "一、全面开展节前安全检查，重点检查旅游景区、商场超市、交通枢纽等人员密集场所。",
        "二、加强危险化学品、烟花爆竹等重点行业领域监管，严禁违规动火作业。",
        "三、严格执行值班值守和信息报送制度，确保发生突发事件能够快速响应、妥善处置。",
    ],
    time="17:20",
    dcell="2021年9月13日",
    doc="昆应急〔2021〕55号",
    kw="国庆节 安全防范 值班值守",
    editor="编辑：赵某 审核：孙某 终审：王某",
    figs=[],
)

doc(
    4012576,
    "2021-10-28",
    ["czzj"],
    "昆明市应急管理局2021年部门预算项目绩效目标公开",
    [
        "根据市财政局关于预算绩效信息公开的要求，现将我局2021年部门预算重点项目绩效目标公开如下：",
        T(
            [CS("（单位：万元）", 3)],
            ["项目名称", "预算金额", "绩效目标"],
            ["应急指挥信息化建设", "860.00", "建成市级应急指挥平台，实现与省级平台互联互通"],
            ["安全生产执法检查", "320.00", "全年执法检查生产经营单位4500家次以上"],
            ["森林草原防灭火专项", "1250.00", "森林火灾受害率控制在省级下达的指标以内"],
            ["应急物资储备", "540.00", "市级储备物资满足3万人紧急转移安置需要"],
            head=False,
        ),
    ],
    time="14:48",
    style="nbsp",
    colon=":",
    topic="财政预决算",
    doc="昆应急〔2021〕63号",
    kw="",
    figs=[
        TCELLS(0, "万元"),
        F("4500家次", "4500", "家次", "count", approx=True, cell=(0, 3, 2)),
        F("3万人", "3", "万人", "count", cell=(0, 5, 2)),
    ],
)

doc(
    4039912,
    "2021-12-10",
    ["tzgg"],
    "行政处罚信息公示（2021年第4期）",
    [
        "根据《中华人民共和国行政处罚法》和政府信息公开有关规定，现将我局2021年第四季度作出的行政处罚决定公示如下：",
        T(
            ["序号", "决定书文号", "被处罚单位", "违法事实", "处罚结果"],
            [
                "1",
                "昆应急罚〔2021〕31号",
                "昆明某某矿业有限公司",
                "未按规定进行安全生产教育培训",
                "罚款2.5万元",
            ],
            [
                "2",
                "昆应急罚〔2021〕32号",
                "昆明某某物流有限公司",
                "危险化学品储存不符合规定",
                "罚款5万元",
            ],
            [
                "3",
                "昆应急罚〔2021〕33号",
                "昆明某某建材有限公司",
                "未建立事故隐患排查治理制度",
                "罚款3万元",
            ],
        ),
        "公示期间如有异议，请向昆明市应急管理局政策法规处反映。",
    ],
    time="11:36",
    topic="行政处罚",
    doc="",
    kw="行政处罚 信息公示",
    name_label="标题",
    figs=[
        TCELLS(0),
        F("2.5万元", "2.5", "万元", "money", cell=(0, 1, 4)),
        F("5万元", "5", "万元", "money", cell=(0, 2, 4)),
        F("3万元", "3", "万元", "money", cell=(0, 3, 4)),
    ],
)

# 2022 -----------------------------------------------------------------------------------------
doc(
    4061734,
    "2022-01-20",
    ["ghjh"],
    "2022年全市应急管理工作要点",
    [
        COMMENT("[if gte mso 9]><xml><w:WordDocument></w:WordDocument></xml><![endif]"),
        "2022年全市应急管理工作以防范化解重大安全风险为主线，坚持关口前移、预防为主，统筹抓好安全生产、防灾减灾救灾和应急救援各项工作。",
        "一、持续深化安全生产专项整治三年行动，推动问题隐患和制度措施“两个清单”动态更新。",
        "二、强化自然灾害监测预警，完成自然灾害综合风险普查县级成果汇交。",
        "三、推进应急指挥平台建设，提升极端情况下应急通信保障能力。",
        "四、加强应急物资保障体系建设，推进县级应急物资储备库建设全覆盖。",
    ],
    time="09:05",
    topic="2022年",
    doc="昆应急发〔2022〕3号",
    kw="工作要点 2022年",
    labels={"topic": "主题分类 ："},
    figs=[F("两个", "2", "个", "count")],
)

doc(
    4078830,
    "2022-02-18",
    ["czzj", "tzgg"],
    "昆明市应急管理局2022年部门预算公开",
    [
        "根据《中华人民共和国预算法》等有关规定，现将昆明市应急管理局2022年部门预算予以公开。",
        "2022年部门预算收入合计5287.64万元，支出合计5287.64万元，其中基本支出1402.18万元，项目支出3885.46万元。",
        "2022年“三公”经费预算数为36.20万元，比上年减少2.30万元。",
        P(A(f"{ATT}/2022/02/18/4210877.xlsx", "附件1：2022年部门预算公开表.xlsx")),
        P(A(f"{ATT}/2022/02/18/4210878.PDF", "附件2：2022年部门预算情况说明.PDF")),
    ],
    time="17:33",
    idx="745280713-202201-410255",
    topic="财政预决算",
    doc="",
    kw="部门预算 2022年 三公经费",
    figs=[
        F("5287.64万元", "5287.64", "万元", "money", label="部门预算收入合计"),
        F("5287.64万元", "5287.64", "万元", "money", label="支出合计"),
        F("1402.18万元", "1402.18", "万元", "money"),
        F("3885.46万元", "3885.46", "万元", "money", label="项目支出"),
        F("36.20万元", "36.20", "万元", "money"),
        F("2.30万元", "2.30", "万元", "money", direction="down"),
    ],
)

doc(
    4093461,
    "2022-03-25",
    ["tzgg"],
    "关于开展危险化学品安全专项整治行动的通知",
    [
        "各县（市）区应急管理局，各有关企业：",
        "为深刻吸取近期国内危险化学品事故教训，有效防范化解危险化学品安全风险，经研究，决定在全市开展危险化学品安全专项整治行动。",
        "一、整治范围：全市危险化学品生产、经营、储存企业和化工园区。",
        "二、整治内容：重大危险源安全包保责任落实情况、特殊作业管理情况、自动化控制系统和安全仪表系统运行情况。",
        "三、时间安排：2022年4月至10月，分企业自查、集中整治、督导检查三个阶段进行。",
        "各县（市）区应急管理局要于每月5日前报送上月整治工作进展情况。",
    ],
    time="15:50",
    topic="安全生产\\监督管理",
    doc="昆应急〔2022〕19号",
    kw="危险化学品；专项整治；安全生产",
    labels={"idx": "索 引 号：", "name": "名\u3000\u3000称："},
    figs=[F("三个", "3", "个", "count")],
)

doc(
    4108257,
    "2022-05-12",
    ["ghjh"],
    "昆明市2022年防灾减灾日宣传活动方案",
    [
        SCRIPT("var _fontSize = 16; function setFont(s){ _fontSize = s; }"),
        "今年5月12日是我国第14个全国防灾减灾日，主题是“减轻灾害风险，守护美好家园”。为做好宣传活动，制定本方案。",
        "一、活动时间：2022年5月7日至13日。",
        "二、活动内容：组织防灾减灾知识进社区、进学校、进企业，开展应急避险演练和科普展览，发布防灾减灾公益广告。",
        P(IMG(f"{IMGP}/2022/05/12/4271003.jpg"), align="center"),
        "三、工作要求：各地各部门要结合实际制定具体活动方案，活动结束后及时总结，于5月20日前报送市减灾委员会办公室。",
    ],
    time="08:50",
    style="ideo",
    docrow=False,
    pub="昆明市减灾委员会办公室",
    topic="防灾减灾",
    figs=[],
)

doc(
    4116630,
    "2022-06-17",
    ["czzj"],
    "昆明市应急管理局2021年部门整体支出绩效自评报告",
    [
        "根据《昆明市市级预算绩效管理办法》第十八条和市财政局关于开展2021年度部门整体支出绩效自评工作的通知要求，我局对2021年部门整体支出开展了绩效自评，现将自评情况报告如下。",
        P(B("一、部门基本情况")),
        "（一）部门职能。昆明市应急管理局是市人民政府工作部门，负责全市应急管理、安全生产综合监督管理和防灾减灾救灾工作，承担市安全生产委员会、市减灾委员会等议事协调机构的日常工作。",
        "（二）机构人员情况。局机关内设13个处室，下属事业单位2个。截至2021年12月31日，全局编制内实有人员72人，其中行政人员54人、事业人员18人；另有聘用人员9名、退休人员31位。",
        "（三）预算收支情况。2021年部门预算总收入5402.19万元，其中年初预算5136.72万元，年中追加预算265.47万元。部门预算总支出5402.19万元，实际支出5188.07万元，预算执行率为96.04%，较上年下降1.8个百分点。其中基本支出1388.90万元，占实际支出的26.77 %；项目支出3799.17万元，占实际支出的73.23%。",
        T(
            [CS("2021年部门预算收支执行情况表（单位：万元）", 5)],
            ["项目", "年初预算", "调整后预算", "实际支出", "执行率"],
            ["基本支出", "1367.52", "1402.38", "1388.90", "99.04%"],
            ["项目支出", "3769.20", "3999.81", "3799.17", "94.98%"],
            ["合计", "5136.72", "5402.19", "5188.07", "96.04%"],
            head=False,
        ),
        T(
            [CS("2021年“三公”经费支出情况表（单位：万元）", 4)],
            ["项目", "2020年", "2021年", "增减率"],
            ["公务接待费", "2.05", "1.62", "-20.98%"],
            ["公务用车运行维护费", "29.13", "27.02", "-7.24%"],
            ["因公出国（境）费", "0", "0", "—"],
            ["合计", "31.18", "28.64", "-8.15%"],
            head=False,
        ),
        P(B("二、绩效目标完成情况")),
        "（一）安全生产形势总体稳定。全年共发生生产安全事故54起、死亡42人，事故起数同比下降11.5%，死亡人数同比下降8.7%，未发生重大及以上生产安全事故。全年执法检查生产经营单位4876家次，同比增长4.82%；立案查处违法违规行为356起，罚款金额合计812.6万元；责令停产停业整顿企业17户，暂扣或吊销证照5张；排查油气输送管道1260公里。",
        "（二）应急救援能力持续增强。全市现有各类应急救援队伍25支、队员3100多人，其中专职消防队12个、森林消防专业队伍8支；配备应急救援车辆46辆、救援装备1280台。全年组织各类应急演练152场次，参与群众近1.5万人次；接报各类突发事件后平均到场时间在25分钟左右。",
        "（三）防灾减灾救灾成效明显。全年启动自然灾害应急响应7次，紧急转移安置受灾群众1.36万人，下拨救灾资金约2860万元，抗旱送水2.4万立方米，调运救灾物资360吨；全市自然灾害造成直接经济损失1.86亿元，较上年减少0.42亿元；森林火灾受害面积56.3公顷。新创建综合减灾示范社区15个，对每个示范社区给予5-10万元补助。",
        "（四）基础保障不断夯实。新建县级应急物资储备库2座，市级储备帐篷3200顶、折叠床4500张、棉被1.2万床，可满足5万人紧急转移安置需要；全市建成应急避难场所23处，总面积12.8万平方米；完成了一批应急避难场所提升改造。",
        T(
            ["指标", "目标值", "实际完成值", "得分"],
            ["执法检查生产经营单位", "4500家次", "4876家次", "10"],
            ["应急演练", "120场次", "152场次", "10"],
            ["培训基层应急管理人员", "2000人次", "2365人次", "10"],
            ["新增应急避难场所", "20处", "23处", "10"],
            ["预算执行率", "95%", "96.04%", "9.5"],
            ["生产安全事故死亡人数下降率", "5%", "8.7%", "10"],
            ["服务对象满意度", "90%", "93.6%", "9.7"],
        ),
        P(B("三、自评结论")),
        "经综合评价，昆明市应急管理局2021年部门整体支出绩效自评得分96.5分，评价等级为“优”。",
        T(
            ["一级指标", "分值", "得分"],
            ["投入", "20", "19.5"],
            ["过程", "30", "28.6"],
            ["产出", "30", "29.2"],
            ["效益", "20", "19.2"],
            ["合计", "100", "96.5"],
        ),
        P(B("四、存在的问题和改进措施")),
        "一是预算执行进度仍不均衡，四季度支出占全年支出的41.6%；二是部分绩效指标设置偏粗，个别指标难以量化。下一步，我局将加强预算执行动态监控，实行按月调度，力争2022年预算执行率达到97%以上。",
        EMPTY,
        P(
            A(f"{ATT}/2022/06/17/4357120.xls", "附件：2021年部门整体支出绩效自评表.xls"),
            indent="none",
        ),
        JSLINK(f"{ATT}/2022/06/17/4116631.pdf", "附件：绩效指标表.pdf"),
    ],
    time="15:30",
    style="word",
    topic="财政预决算",
    doc="",
    kw="绩效自评、部门整体支出、2021年度",
    figs=[
        F("13个", "13", "个", "count"),
        F("2个", "2", "个", "count", label="下属事业单位"),
        F("72人", "72", "人", "count"),
        F("54人", "54", "人", "count"),
        F("18人", "18", "人", "count"),
        F("9名", "9", "名", "count"),
        F("31位", "31", "位", "count"),
        F("5402.19万元", "5402.19", "万元", "money", label="部门预算总收入"),
        F("5136.72万元", "5136.72", "万元", "money"),
        F("265.47万元", "265.47", "万元", "money", label="年中追加预算"),
        F("5402.19万元", "5402.19", "万元", "money", label="部门预算总支出"),
        F("5188.07万元", "5188.07", "万元", "money", label="实际支出"),
        F("96.04%", "96.04", "%", "percent", label="预算执行率"),
        F("1.8个百分点", "1.8", "个百分点", "percentage_point", direction="down"),
        F("1388.90万元", "1388.90", "万元", "money"),
        F("26.77 %", "26.77", "%", "percent"),
        F("3799.17万元", "3799.17", "万元", "money", label="项目支出"),
        F("73.23%", "73.23", "%", "percent"),
        TCELLS(0, "万元"),
        TCELLS(1, "万元"),
        F("54起", "54", "起", "count"),
        F("42人", "42", "人", "count"),
        F("11.5%", "11.5", "%", "percent", direction="down"),
        F("8.7%", "8.7", "%", "percent", direction="down"),
        F("4876家次", "4876", "家次", "count"),
        F("4.82%", "4.82", "%", "percent", direction="up"),
        F("356起", "356", "起", "count"),
        F("812.6万元", "812.6", "万元", "money", label="罚款金额合计"),
        F("17户", "17", "户", "count"),
        F("5张", "5", "张", "count"),
        F("1260公里", "1260", "公里", "length"),
        F("25支", "25", "支", "count"),
        F("3100多人", "3100", "人", "count", approx=True),
        F("12个", "12", "个", "count"),
        F("8支", "8", "支", "count"),
        F("46辆", "46", "辆", "count"),
        F("1280台", "1280", "台", "count"),
        F("152场次", "152", "场次", "count"),
        F("1.5万人次", "1.5", "万人次", "count", approx=True),
        F("25分钟", "25", "分钟", "duration", approx=True),
        F("7次", "7", "次", "count"),
        F("1.36万人", "1.36", "万人", "count"),
        F("2860万元", "2860", "万元", "money", approx=True),
        F("2.4万立方米", "2.4", "万立方米", "volume"),
        F("360吨", "360", "吨", "weight"),
        F("1.86亿元", "1.86", "亿元", "money"),
        F("0.42亿元", "0.42", "亿元", "money", direction="down"),
        F("56.3公顷", "56.3", "公顷", "area", label="森林火灾受害面积"),
        F("15个", "15", "个", "count"),
        F("5-10万元", "5", "万元", "money", vmax="10"),
        F("2座", "2", "座", "count"),
        F("3200顶", "3200", "顶", "count"),
        F("4500张", "4500", "张", "count"),
        F("1.2万床", "1.2", "万床", "count"),
        F("5万人", "5", "万人", "count"),
        F("23处", "23", "处", "count"),
        F("12.8万平方米", "12.8", "万平方米", "area", label="总面积"),
        TCELLS(2),
        F("4500家次", "4500", "家次", "count", cell=(2, 1, 1)),
        F("4876家次", "4876", "家次", "count", cell=(2, 1, 2)),
        F("120场次", "120", "场次", "count", cell=(2, 2, 1)),
        F("152场次", "152", "场次", "count", cell=(2, 2, 2)),
        F("2000人次", "2000", "人次", "count", cell=(2, 3, 1)),
        F("2365人次", "2365", "人次", "count", cell=(2, 3, 2)),
        F("20处", "20", "处", "count", cell=(2, 4, 1)),
        F("23处", "23", "处", "count", cell=(2, 4, 2)),
        F("96.5分", "96.5", "分", "score"),
        TCELLS(3),
        F("41.6%", "41.6", "%", "percent"),
        F("97%", "97", "%", "percent", approx=True),
    ],
)

doc(
    4123456,
    "2022-07-08",
    ["tzgg"],
    "关于进一步做好主汛期防汛救灾工作的紧急通知",
    [
        "各县（市）区应急管理局，各开发（度假）园区应急管理部门：",
        P(
            "近期我市进入主汛期，强降雨过程频繁，局地发生山洪、滑坡等灾害。据气象部门预测，未来三天我市仍有",
            B("中到大雨、局地暴雨"),
            "。为切实做好主汛期防汛救灾工作，现紧急通知如下：",
        ),
        "一、严格落实防汛责任。各级防汛责任人要立即上岗到位，对辖区内水库、河道、地质灾害隐患点等重点部位开展全面巡查。",
        "二、提前转移避险。对山洪灾害危险区、地质灾害隐患点和低洼易涝区的群众，要在强降雨来临前提前组织转移，确保应转尽转、应转早转。",
        "三、做好应急准备。各级应急救援队伍要集结待命，防汛物资要前置到位，确保险情发生时能够快速处置。",
        "四、加强信息报送。发生险情灾情要在第一时间报告，不得迟报、漏报、瞒报。",
        EMPTY,
        RIGHT("昆明市应急管理局", "2022年7月8日"),
    ],
    time="18:50",
    idx="745280713-202207-386095",
    doc="昆应急〔2022〕12号",
    kw="安全生产 应急管理",
    editor="编辑：张某 审核：李某 终审：王某",
    figs=[F("三天", "3", "天", "duration")],
)

doc(
    4139780,
    "2022-08-16",
    ["czzj"],
    "昆明市应急管理局2021年度部门决算公开",
    [
        "按照市财政局统一部署，现将昆明市应急管理局2021年度部门决算公开如下，具体内容详见",
        P(A(f"{HOST}{ATT}/2022/08/16/4402611.pdf", "附件1：2021年度部门决算情况说明.pdf")),
        "2021年度收入总计5402.19万元，支出总计5188.07万元，年末结转和结余214.12万元。",
        P(A(f"{ATT}/2022/08/16/4402612.xls", "附件2：2021年度部门决算公开报表.xls")),
        P(A(f"{ATT}/2022/08/16/4402613.doc", "附件3：2021年度“三公”经费支出情况说明.doc")),
        P(
            "（重复链接）",
            A(f"{HOST}{ATT}/2022/08/16/4402611.pdf", "附件1：2021年度部门决算情况说明.pdf"),
        ),
        P("返回", A("/", "网站首页")),
    ],
    time="16:44",
    topic="财政预决算",
    doc="",
    kw="&nbsp;",
    figs=[
        F("5402.19万元", "5402.19", "万元", "money", label="收入总计"),
        F("5188.07万元", "5188.07", "万元", "money", label="支出总计"),
        F("214.12万元", "214.12", "万元", "money", label="年末结转和结余"),
    ],
)

doc(
    4152208,
    "2022-09-14",
    ["ghjh"],
    "昆明市应急物资储备规划（2022—2025年）",
    [
        "为加快构建统一领导、分级管理、规模适度、种类齐全、布局合理、多元协同、反应迅速、智能高效的全市应急物资储备体系，制定本规划。",
        "一、规划目标。到2025年，建成市、县、乡三级应急物资储备网络，市级储备物资满足5万人紧急转移安置需要。",
        "二、重点任务。优化储备布局，新建、改扩建县级应急物资储备库8个；丰富储备品种，增加抢险救援装备和生活保障类物资储备。",
        "三、保障措施。将应急物资储备经费纳入各级财政预算，建立储备物资轮换和社会化储备机制。",
    ],
    time="08:58",
    dcell="2022-09-14 08:58:38",
    idx="01527918X-202209-160342",
    topic="应急物资",
    doc="昆应急发〔2022〕47号",
    kw="应急物资,储备规划,2022—2025年",
    figs=[
        F("5万人", "5", "万人", "count"),
        F("8个", "8", "个", "count"),
    ],
)

doc(
    4167745,
    "2022-10-21",
    ["tzgg"],
    "行政处罚决定书（昆应急罚〔2022〕21号）",
    [
        BR(
            "当事人：昆明某某燃气有限公司",
            "法定代表人：钱某某",
            "地址：昆明市官渡区某街道",
            indent="none",
        ),
        "经查，该公司未按规定对液化石油气储罐区安全设施进行经常性维护、保养，违反了《中华人民共和国安全生产法》第三十六条第一款的规定。",
        T(
            ["序号", "违法事实", "处罚依据", "处罚内容"],
            [
                "1",
                "安全设备未经常性维护、保养",
                "《中华人民共和国安全生产法》第九十九条第二项",
                "罚款人民币4.5万元",
            ],
        ),
        "当事人应当自收到本决定书之日起十五日内，到指定银行缴纳罚款。",
        RIGHT("昆明市应急管理局", "2022年10月20日"),
    ],
    time="10:12",
    topic="行政处罚",
    doc="昆应急罚〔2022〕21号",
    kw="行政处罚 燃气",
    name_label="标题",
    labels={"doc": "&nbsp;文号："},
    figs=[
        TCELLS(0),
        F("4.5万元", "4.5", "万元", "money", cell=(0, 1, 3)),
    ],
)

doc(
    4180093,
    "2022-11-30",
    ["czzj"],
    "昆明市应急管理局2021年部门整体支出绩效评价结果公开",
    [
        "根据市财政局关于开展2021年度预算绩效评价工作的通知要求，现将我局2021年部门整体支出绩效评价结果公开如下。",
        "2021年部门预算总收入5402.19万元，实际支出5188.07万元（含上年结转资金），预算执行率为96.04%。",
        "全年全市生产安全事故起数同比下降11.5%，死亡人数同比下降8.7%，未发生重大以上生产安全事故；全市森林火灾受害率低于省级下达的控制指标。",
        "经综合评价，2021年部门整体支出绩效自评得分96.5分，评价等级为“优”。",
    ],
    time="09:12",
    dcell="2022-11-29",
    idx="745280713-202210-402217",
    topic="财政预决算",
    doc="",
    kw="绩效自评 部门整体支出",
    figs=[
        F("5402.19万元", "5402.19", "万元", "money", label="部门预算总收入"),
        F("5188.07万元", "5188.07", "万元", "money", label="实际支出"),
        F("96.04%", "96.04", "%", "percent", label="预算执行率"),
        F("11.5%", "11.5", "%", "percent", direction="down"),
        F("8.7%", "8.7", "%", "percent", direction="down"),
        F("96.5分", "96.5", "分", "score"),
    ],
)

doc(
    4186520,
    "2022-12-09",
    ["czzj"],
    "昆明市应急管理局部门预决算公开资料汇编",
    [
        "为方便社会公众查阅，我局对历年公开的部门预算、部门决算和绩效自评资料进行了整理，现汇总发布如下：",
        P(B("一、部门预算")),
        "2019年、2020年、2021年部门预算收入合计分别为3862.45万元、4924.01万元、5136.72万元。",
        P(B("二、部门决算")),
        "2021年度收入总计5402.19万元，支出总计5188.07万元，年末结转和结余214.12万元。",
        P(B("三、附件下载")),
        P(A(f"{ATT}/2022/12/09/4468201.zip", "附件1：历年部门预决算公开资料.zip"), indent="none"),
        P(A(f"{ATT}/2022/12/09/4468202.xls", "附件2：2020年决算公开表.xls"), indent="none"),
        P(A(f"{ATT}/2022/12/09/4468203.pdf", "附件3：部门预算说明.pdf"), indent="none"),
        P(A(f"{ATT}/2022/12/09/4468204.csv", "附件4：预决算数据.csv"), indent="none"),
        P(A(f"{ATT}/2022/12/09/4468205.txt", "附件5：公开资料说明.txt"), indent="none"),
        P(A(f"{ATT}/2022/12/09/4468206.zip", "附件6：预决算公开资料扫描件.zip"), indent="none"),
        P(
            A(f"{ATT}/2022/12/09/4468207.pdf", "附件7：2020年部门整体支出绩效自评报告.pdf"),
            indent="none",
        ),
        P(
            A(f"{HOST}{ATT}/2022/08/16/4402611.pdf", "附件8：2021年度部门决算情况说明.pdf"),
            indent="none",
        ),
    ],
    time="10:15",
    topic="财政预决算",
    doc="",
    kw="部门预算 部门决算 资料汇编",
    figs=[
        F("3862.45万元", "3862.45", "万元", "money"),
        F("4924.01万元", "4924.01", "万元", "money"),
        F("5136.72万元", "5136.72", "万元", "money"),
        F("5402.19万元", "5402.19", "万元", "money", label="收入总计"),
        F("5188.07万元", "5188.07", "万元", "money", label="支出总计"),
        F("214.12万元", "214.12", "万元", "money", label="年末结转和结余"),
    ],
)

doc(
    4192664,
    "2022-12-26",
    ["ghjh"],
    "昆明市2023年度森林草原防火工作方案",
    [
        "为做好2023年度森林草原防火工作，严防发生重特大森林草原火灾，结合我市实际，制定本方案。",
        "一、防火期：2023年1月1日至6月15日，其中3月1日至5月31日为高火险期。",
        "二、主要措施：严格野外火源管理，开展火灾隐患排查整治，加强护林员队伍管理，推进林火视频监控系统建设。",
        "三、扑救准备：各县（市）区组建专业、半专业扑火队伍，开展实战化训练和演练，确保“打早、打小、打了”。",
        EMPTY,
        RIGHT("昆明市森林草原防灭火指挥部办公室", "2022年12月26日"),
    ],
    time="16:08",
    style="nbsp",
    table=False,
    source="昆明市森林草原防灭火指挥部办公室",
    figs=[],
)

# 2023 -----------------------------------------------------------------------------------------
doc(
    4205518,
    "2023-01-13",
    ["tzgg"],
    "关于做好2023年春节期间安全生产和应急值守工作的通知",
    [
        "各县（市）区应急管理局，各开发（度假）园区应急管理部门：",
        "2023年春节即将到来，节日期间人员流动大、生产经营活动集中，安全风险明显上升。现就做好春节期间安全生产和应急值守工作通知如下：",
        "一、深入开展节前安全检查，督促企业落实停复工安全措施。",
        "二、严格落实24小时值班和领导带班制度，值班人员不得擅离岗位。",
        "三、遇有突发事件，要按规定及时、准确报送信息。",
    ],
    time="14:35",
    pub="&nbsp;昆明市应急管理局",
    doc="昆应急〔2023〕2号",
    kw="春节 安全生产 应急值守",
    name_cell="",
    figs=[F("24小时", "24", "小时", "duration")],
)

doc(
    4221340,
    "2023-02-24",
    ["czzj"],
    "昆明市应急管理局2023年部门预算公开",
    [
        "根据《中华人民共和国预算法》等有关规定，现将昆明市应急管理局2023年部门预算予以公开。",
        T(
            [CS("2023年部门预算支出结构表（单位：万元）", 3)],
            ["项目", "金额", "占比"],
            ["基本支出", "1455.36", "26.98%"],
            ["项目支出", "3938.91", "73.02%"],
            ["合计", "5394.27", "100%"],
            head=False,
        ),
        "2023年“三公”经费预算数为35.80万元，其中公务接待费2.50万元，公务用车运行维护费33.30万元。",
        P(A(f"{ATT}/2023/02/24/4511093.pdf", "附件1：2023年部门预算情况说明.pdf")),
        P(A(f"{HOST}{ATT}/2023/02/24/4511094.xlsx", "附件2：2023年部门预算公开表.xlsx")),
    ],
    time="17:10",
    topic="财政预决算",
    doc="",
    kw="部门预算、三公经费、政府采购",
    figs=[
        TCELLS(0, "万元"),
        F("35.80万元", "35.80", "万元", "money"),
        F("2.50万元", "2.50", "万元", "money"),
        F("33.30万元", "33.30", "万元", "money", label="公务用车运行维护费"),
    ],
)

doc(
    4238872,
    "2023-03-30",
    ["ghjh"],
    "昆明市地震应急预案（2023年修订）",
    [
        P(B("1 总则")),
        "1.1 编制目的。依法科学统一、有力有序有效实施地震应急，最大程度减少人员伤亡和经济损失，维护社会正常秩序。",
        "1.2 适用范围。本预案适用于本市行政区域内地震灾害和其他地震事件的应对工作。",
        P(B("2 应急响应")),
        "地震灾害应急响应分为Ⅰ级、Ⅱ级、Ⅲ级和Ⅳ级四个等级。发生特别重大、重大地震灾害，市人民政府在省级统一领导下开展应对工作。",
        "市应急管理局负责地震应急的综合协调，组织指导应急救援队伍开展抢险救援。",
    ],
    time="11:02",
    container="content-box",
    topic="2023年",
    doc="昆政办〔2023〕15号",
    kw="地震 应急预案",
    figs=[F("四个", "4", "个", "count")],
)

doc(
    4250019,
    "2023-04-28",
    ["tzgg"],
    "关于开展2023年“安全生产月”活动的通知",
    [
        "各县（市）区安委会，市安委会各成员单位：",
        "今年6月是第22个全国“安全生产月”，主题为“人人讲安全、个个会应急”。现将我市活动安排通知如下：",
        "一、6月上旬组织开展安全生产集中宣传活动。",
        "二、6月16日在全市各地同步开展“安全宣传咨询日”活动。",
        "三、6月下旬组织开展生产安全事故应急演练观摩活动。",
    ],
    time="09:26",
    style="ideo",
    pub="昆明市安全生产委员会办公室",
    topic="安全生产",
    doc="昆安办〔2023〕11号",
    kw="安全生产月，人人讲安全，个个会应急",
    labels={"idx": "索 引 号：", "doc": "&nbsp;文号："},
    editor="编辑：周某 审核：吴某 终审：郑某",
    figs=[],
)

doc(
    4256308,
    "2023-05-16",
    ["tzgg"],
    "关于报送2023年度安全生产培训需求的通知",
    [
        "各县（市）区应急管理局，市安委会各成员单位，各有关企业：",
        "为做好2023年度全市安全生产培训工作，现就报送培训需求有关事项通知如下：",
        P(B("一、培训对象")),
        "各类生产经营单位主要负责人、安全生产管理人员和特种作业人员，全年计划培训3000人次。",
        P(B("二、报送要求")),
        "请于2023年5月31日前将培训需求报名表报送至市应急管理局宣传教育处，每个单位限报5名。",
        "培训课件、教材和培训安排可从附件下载，往期培训通知可在本网站查阅。",
        P(B("三、附件")),
        P(A(f"{ATT}/2023/05/16/4590301.wps", "附件1：培训需求报名表.wps"), indent="none"),
        P(
            A(f"{ATT}/2023/05/16/4590302.ofd", "附件2：关于报送安全生产培训需求的通知.ofd"),
            indent="none",
        ),
        P(A(f"{ATT}/2023/05/16/4590303.rar", "附件3：培训课件.rar"), indent="none"),
        P(A(f"{ATT}/2023/05/16/4590304.zip", "附件4：培训教材.zip"), indent="none"),
        P(A(f"{ATT}/2023/05/16/4590305.pdf", "附件5：培训安排.pdf"), indent="none"),
        P(A(f"{ATT}/2023/05/16/4590306.pdf", "附件6：参训单位名单.pdf"), indent="none"),
        P(A(f"{ATT}/2023/05/16/4590307.pdf", "附件7：安全生产培训大纲.pdf"), indent="none"),
        P(A(f"{ATT}/2023/05/16/4590308.pdf", "附件8：往期培训通知.pdf"), indent="none"),
        EMPTY,
        RIGHT("昆明市应急管理局办公室", "2023年5月16日"),
    ],
    time="09:05",
    topic="安全生产",
    doc="昆应急办〔2023〕26号",
    kw="安全生产 培训 报名",
    figs=[
        F("3000人次", "3000", "人次", "count"),
        F("5名", "5", "名", "count"),
    ],
)

doc(
    4266301,
    "2023-06-08",
    ["czzj"],
    "2023年度应急物资采购项目资金使用情况公示",
    [
        "根据政府信息公开有关规定，现将我局2023年度应急物资采购项目资金使用情况公示如下：",
        T(
            [CS("（单位：元）", 4)],
            ["物资名称", "数量", "单价", "金额"],
            ["救灾帐篷", "500顶", "3,200.00", "1,600,000.00"],
            ["折叠床", "2000张", "", "580,000.00"],
            ["棉被", "3000床", "180.00", "540,000.00"],
            ["合计", "—", "—", "2,720,000.00"],
            head=False,
        ),
        "以上物资已全部入库，储存于市级应急物资储备库。",
    ],
    time="15:45",
    style="word",
    colon=":",
    idx="745280713/2023-00042",
    topic="",
    doc="昆应急〔2023〕29号",
    kw="应急物资 政府采购",
    figs=[
        TCELLS(0, "元"),
        F("500顶", "500", "顶", "count", cell=(0, 2, 1)),
        F("2000张", "2000", "张", "count", cell=(0, 3, 1)),
        F("3000床", "3000", "床", "count", cell=(0, 4, 1)),
    ],
)

doc(
    4281457,
    "2023-07-19",
    ["tzgg"],
    "昆明市应急管理局关于发布高温干旱天气安全防范提示的公告",
    [
        "近期我市持续高温少雨，气象干旱等级达到中旱以上，森林火险等级居高不下，城乡用电用水需求增大。为保障人民群众生命财产安全，特发布如下提示：",
        BR(
            "一、尽量避免在高温时段进行户外作业和活动；",
            "二、严禁野外用火，进入林区不携带火种；",
            "三、合理用水，做好生产生活节水工作；",
            "四、注意用电安全，不超负荷使用电器。",
        ),
        P(IMG(f"{IMGP}/2023/07/19/4623390.jpg"), align="center"),
        "如发现火情，请立即拨打119报警。",
    ],
    time="12:00",
    table=False,
    source=SITE,
    figs=[],
)

doc(
    4297734,
    "2023-08-31",
    ["ghjh"],
    "昆明市自然灾害救助应急预案",
    [
        "为建立健全自然灾害救助体系和运行机制，提升救灾救助工作法治化、规范化、现代化水平，保障受灾群众基本生活，制定本预案。",
        "本预案适用于本市行政区域内发生自然灾害的市级救助工作。",
        "市级自然灾害救助应急响应分为一级、二级、三级、四级，一级响应级别最高。",
        "灾情稳定后，受灾地区县级人民政府应当评估、核定并报告自然灾害损失情况。",
    ],
    time="10:18",
    docrow=False,
    idx="745280713-202307-512006",
    topic="应急预案",
    figs=[],
)

doc(
    4303518,
    "2023-09-20",
    ["czzj"],
    "昆明市应急救援保障中心2022年度部门决算公开",
    [
        "按照《中华人民共和国预算法》和市财政局关于做好2022年度部门决算公开工作的通知要求，现将昆明市应急救援保障中心2022年度部门决算公开如下：",
        P(B("第一部分 部门概况")),
        "一、主要职能。昆明市应急救援保障中心是昆明市应急管理局所属公益一类事业单位，主要承担全市应急救援物资储备管理、应急指挥通信保障和应急救援队伍训练保障等工作。",
        "二、机构人员情况。中心内设综合科、物资保障科、通信保障科3个科室，核定事业编制28名，年末实有在职人员26人、退休人员7人。",
        "三、全年工作开展情况。全年保障各类应急救援行动三十余次，组织应急救援队伍训练保障四十二场次、参训人员近两千人次，累计保障时长3600余小时。",
        P(B("第二部分 2022年度部门决算情况说明")),
        "一、收入支出决算总体情况说明。2022年度决算总收入1286.45万元，决算总支出1243.18万元，年末结转和结余43.27万元。与上年相比，收入增加113.25万元，增长9.65 %；支出增加98.56万元，增长8.61%。主要原因是新增市级应急物资储备库运行维护经费。",
        T(
            [CS("（单位：万元）", 4)],
            ["项目", "上年决算数", "本年决算数", "增减率"],
            ["收入合计", "1173.20", "1286.45", "9.65%"],
            ["其中：财政拨款收入", "1098.60", "1226.45", "11.64%"],
            ["其他收入", "74.60", "60.00", "-19.57%"],
            ["支出合计", "1144.62", "1243.18", "8.61%"],
            ["其中：基本支出", "672.95", "698.32", "3.77%"],
            ["项目支出", "471.67", "544.86", "15.52%"],
            ["年末结转和结余", "28.58", "43.27", "51.40%"],
            head=False,
        ),
        "二、财政拨款支出决算情况说明。2022年度财政拨款支出1183.92万元，占本年支出合计的95.23%，比上年提高1.36个百分点。按支出功能分类，灾害防治及应急管理支出1052.36万元，占88.89%；社会保障和就业支出78.40万元，占6.62%；卫生健康支出31.26万元，占2.64%；住房保障支出21.90万元，占1.85%。",
        "三、“三公”经费支出决算情况说明。2022年度“三公”经费支出4.86万元，完成年初预算的86.79%，较上年下降12.59%。其中，公务用车运行维护费4.86万元，公务接待费0万元，因公出国（境）费0万元。年末单位实有车辆6辆。",
        "四、政府采购支出情况。2022年度政府采购支出总额326.80万元，其中政府采购货物支出268.30万元、服务支出58.50万元；授予中小企业合同金额293.12万元，占政府采购支出总额的89.69%。",
        "五、国有资产占用情况。截至2022年12月31日，中心共有车辆6辆，其中应急保障用车4辆、其他用车2辆；单位价值50万元以上通用设备2台，单位价值100万元以上专用设备1套。",
        "六、预算绩效管理情况。中心对2022年度实施的3个项目开展了绩效自评，涉及资金544.86万元，占项目支出总额的100%；自评结果均为“优”，平均得分95.3分。",
        P(B("第三部分 名词解释")),
        "1.财政拨款收入：指本年度从本级财政部门取得的财政拨款。",
        "2.年末结转和结余：指本年度或以前年度预算安排、因客观条件发生变化无法按原计划实施，需要延迟到以后年度按有关规定继续使用的资金。",
        "3.“三公”经费：指用财政拨款安排的因公出国（境）费、公务用车购置及运行维护费、公务接待费。",
        "联系单位：昆明市应急救援保障中心综合科，联系电话：0871-64150312，邮政编码：650000。",
        P(
            A(
                f"{ATT}/2023/09/20/4758301.xlsx",
                "附件：昆明市应急救援保障中心2022年度部门决算公开报表.xlsx",
            )
        ),
    ],
    time="11:05",
    idx="MB1539702-202309-163870",
    pub="昆明市应急救援保障中心",
    topic="财政预决算",
    doc="",
    kw="部门决算 2022年度 应急救援保障中心",
    figs=[
        F("3个", "3", "个", "count"),
        F("28名", "28", "名", "count", label="核定事业编制"),
        F("26人", "26", "人", "count", label="年末实有在职人员"),
        F("7人", "7", "人", "count"),
        F("三十余次", "30", "次", "count", approx=True),
        F("四十二场次", "42", "场次", "count"),
        F("两千人次", "2000", "人次", "count", approx=True),
        F("3600余小时", "3600", "小时", "duration", approx=True),
        F("1286.45万元", "1286.45", "万元", "money", label="决算总收入"),
        F("1243.18万元", "1243.18", "万元", "money", label="决算总支出"),
        F("43.27万元", "43.27", "万元", "money", label="年末结转和结余"),
        F("113.25万元", "113.25", "万元", "money", direction="up"),
        F("9.65 %", "9.65", "%", "percent", direction="up"),
        F("98.56万元", "98.56", "万元", "money", direction="up"),
        F("8.61%", "8.61", "%", "percent", direction="up"),
        TCELLS(0, "万元"),
        F("1183.92万元", "1183.92", "万元", "money", label="财政拨款支出"),
        F("95.23%", "95.23", "%", "percent"),
        F("1.36个百分点", "1.36", "个百分点", "percentage_point", direction="up"),
        F("1052.36万元", "1052.36", "万元", "money", label="灾害防治及应急管理支出"),
        F("88.89%", "88.89", "%", "percent"),
        F("78.40万元", "78.40", "万元", "money", label="社会保障和就业支出"),
        F("6.62%", "6.62", "%", "percent"),
        F("31.26万元", "31.26", "万元", "money", label="卫生健康支出"),
        F("2.64%", "2.64", "%", "percent"),
        F("21.90万元", "21.90", "万元", "money", label="住房保障支出"),
        F("1.85%", "1.85", "%", "percent"),
        F("4.86万元", "4.86", "万元", "money"),
        F("86.79%", "86.79", "%", "percent"),
        F("12.59%", "12.59", "%", "percent", direction="down"),
        F("4.86万元", "4.86", "万元", "money", label="公务用车运行维护费"),
        F("0万元", "0", "万元", "money", label="公务接待费"),
        F("0万元", "0", "万元", "money"),
        F("6辆", "6", "辆", "count"),
        F("326.80万元", "326.80", "万元", "money", label="政府采购支出总额"),
        F("268.30万元", "268.30", "万元", "money"),
        F("58.50万元", "58.50", "万元", "money"),
        F("293.12万元", "293.12", "万元", "money", label="授予中小企业合同金额"),
        F("89.69%", "89.69", "%", "percent"),
        F("6辆", "6", "辆", "count"),
        F("4辆", "4", "辆", "count"),
        F("2辆", "2", "辆", "count"),
        F("50万元", "50", "万元", "money", approx=True),
        F("2台", "2", "台", "count"),
        F("100万元", "100", "万元", "money", approx=True),
        F("1套", "1", "套", "count"),
        F("3个", "3", "个", "count"),
        F("544.86万元", "544.86", "万元", "money"),
        F("100%", "100", "%", "percent"),
        F("95.3分", "95.3", "分", "score", label="平均得分"),
    ],
)

doc(
    4310286,
    "2023-10-12",
    ["czzj"],
    "昆明市应急管理局2022年度部门决算公开",
    [
        "根据市财政局统一部署，现将昆明市应急管理局2022年度部门决算公开如下：",
        "2022年度收入总计5566.03万元，支出总计5391.42万元，年末结转和结余174.61万元。",
        "2022年度“三公”经费支出29.66万元，完成年初预算的81.93%。",
        P(A(f"{ATT}/2023/10/12/4730512.pdf", "附件1：2022年度部门决算情况说明.pdf")),
        P(A(f"{ATT}/2023/10/12/4730513.docx", "附件2：2022年度部门决算公开报表.docx")),
    ],
    time="16:05",
    dcell="2023-10-12 16:05:41",
    topic="财政预决算",
    doc="",
    kw="部门决算；2022年度；三公经费",
    labels={"idx": "索引号:", "pub": "发布机构:", "kw": "关键字:"},
    figs=[
        F("5566.03万元", "5566.03", "万元", "money", label="收入总计"),
        F("5391.42万元", "5391.42", "万元", "money", label="支出总计"),
        F("174.61万元", "174.61", "万元", "money", label="年末结转和结余"),
        F("29.66万元", "29.66", "万元", "money"),
        F("81.93%", "81.93", "%", "percent"),
    ],
)

doc(
    4325590,
    "2023-11-22",
    ["tzgg"],
    "行政处罚决定书（昆应急罚〔2023〕17号）",
    [
        BR(
            "当事人：昆明某某建设工程有限公司",
            "法定代表人：孙某某",
            "地址：昆明市呈贡区某路某号",
            indent="none",
        ),
        "经查，该公司在有限空间作业前未进行安全风险辨识，未配备必要的检测和防护设备，违反了有关安全生产法律法规的规定。",
        BR(
            "依据《中华人民共和国安全生产法》有关规定，决定给予以下行政处罚：",
            ["对单位处人民币", B("6万元"), "罚款；"],
            "对主要负责人处人民币1.2万元罚款。",
            indent="css",
        ),
        "如不服本处罚决定，可依法申请行政复议或者提起行政诉讼。",
        RIGHT("昆明市应急管理局", "2023年11月21日"),
    ],
    time="11:50",
    topic="行政处罚",
    doc="昆应急罚〔2023〕17号",
    kw="行政处罚 有限空间",
    labels={"pub": "发布&nbsp;机构：", "topic": "主题分类 ："},
    editor="编辑：钱某 审核：李某 终审：王某",
    figs=[
        F("6万元", "6", "万元", "money"),
        F("1.2万元", "1.2", "万元", "money"),
    ],
)

doc(
    4339012,
    "2023-12-20",
    ["ghjh"],
    "昆明市应急管理局2024年度重点工作计划",
    [
        "2024年，市应急管理局将围绕防范化解重大安全风险，重点抓好以下工作：",
        "一、深化安全生产治本攻坚，开展重大事故隐患专项排查整治。",
        "二、完善应急预案体系，组织开展市级综合应急演练。",
        "三、加强应急物资储备，推动应急物资储备库智能化改造。",
        "四、提升基层应急能力，推进乡镇（街道）应急管理标准化建设。",
    ],
    time="14:00",
    style="nbsp",
    topic="规划计划",
    doc="昆应急发〔2023〕72号",
    kw="重点工作 2024年",
    figs=[],
)


# ---------------------------------------------------------------------------------------------
# list-only entries: error cases, robots-disallowed preview
# ---------------------------------------------------------------------------------------------
LIST_ONLY: list[dict[str, Any]] = [
    {
        "path": "/c/2021-05-10/3900001.shtml",
        "date": "2021-05-10",
        "col": "ghjh",
        "title": "昆明市2021年安全生产标准化建设工作计划",
    },
    {
        "path": "/c/2021-05-11/3900002.shtml",
        "date": "2021-05-11",
        "col": "czzj",
        "title": "昆明市应急管理局2021年第一季度财政资金使用情况公示",
    },
    {
        "path": "/c/2021-05-12/3900003.shtml",
        "date": "2021-05-12",
        "col": "ghjh",
        "title": "昆明市2021年度应急管理统计调查工作方案",
    },
    {
        "path": "/c/2021-05-14/3900005.shtml",
        "date": "2021-05-14",
        "col": "czzj",
        "title": "昆明市应急管理局2021年一季度预算执行情况",
    },
    {
        "path": "/c/2021-05-15/3900006.shtml",
        "date": "2021-05-15",
        "col": "ghjh",
        "title": "昆明市应急管理局关于调整部分应急物资储备点的公告",
    },
    {
        "path": "/c/2021-05-16/3900008.shtml",
        "date": "2021-05-16",
        "col": "ghjh",
        "title": "昆明市2021年应急管理科普宣传工作计划",
    },
    {
        "path": "/c/2021-05-17/3900009.shtml",
        "date": "2021-05-17",
        "col": "czzj",
        "title": "昆明市应急管理局2021年度政府采购意向公开",
    },
    {
        "path": "/preview/c/2021-07-01/3960001.shtml",
        "date": "2021-07-01",
        "col": "czzj",
        "title": "昆明市应急管理局2021年上半年预算执行情况分析",
    },
]
NOT_LISTED = {3900007}  # reached only through the 301 from 3900006

# The truncated page (served as half of its bytes) and the robots-disallowed preview page are
# normal-looking detail pages without expected JSON.
EXTRA_DETAILS: list[dict[str, Any]] = []


def extra(
    pid: int, date: str, col: str, title: str, body: list[Any], prefix: str = "", **kw: Any
) -> None:
    before = len(DETAILS)
    doc(pid, date, [col], title, body, **kw)
    d = DETAILS.pop()
    assert len(DETAILS) == before
    d["prefix"] = prefix
    EXTRA_DETAILS.append(d)


extra(
    3900005,
    "2021-05-14",
    "czzj",
    "昆明市应急管理局2021年一季度预算执行情况",
    [
        "根据市财政局关于加快预算执行进度的要求，现将我局2021年一季度预算执行情况公开如下：",
        "截至2021年3月31日，我局年度预算5136.72万元，已支出1086.35万元，预算执行率为21.15%。",
        "其中，基本支出执行346.12万元，执行率为25.31%；项目支出执行740.23万元，执行率为19.61%。",
        "项目支出执行进度偏慢的主要原因是部分政府采购项目尚在履行采购程序，预计二季度将集中支付。",
        "下一步，我局将加快项目实施进度，确保全年预算执行率达到序时进度要求。",
        "一、加强预算执行动态监控，按月通报各处室预算执行情况。",
        "二、对执行进度明显滞后的项目，及时调整预算安排，提高资金使用效益。",
        "三、严格落实过紧日子要求，从严控制一般性支出。",
        T(
            ["支出类别", "年度预算（万元）", "一季度支出（万元）", "执行率"],
            ["基本支出", "1367.52", "346.12", "25.31%"],
            ["项目支出", "3769.20", "740.23", "19.61%"],
            ["合计", "5136.72", "1086.35", "21.15%"],
        ),
        "分项目看，应急指挥信息化建设项目一季度支出186.40万元，主要用于支付平台建设首期款；安全生产执法检查项目支出72.15万元，主要用于聘请第三方技术服务机构参与执法检查。",
        "森林草原防灭火专项一季度支出318.62万元，主要用于航空护林服务费、扑火物资补充和半专业扑火队伍集中驻防补助，是一季度支出最多的项目。",
        "应急物资储备项目一季度支出95.80万元，主要用于支付储备库租赁费用和物资维护保养费用；部分物资采购项目正在开展招标工作。",
        "防灾减灾宣传教育项目一季度支出34.26万元，主要用于制作防灾减灾宣传品和开展应急科普进社区活动。",
        "下一步，我局将督促各项目责任处室倒排工期、挂图作战，对照年度预算执行目标按月调度，确保二季度末预算执行率达到50%以上。",
        EMPTY,
        RIGHT("昆明市应急管理局", "2021年5月14日"),
    ],
    time="16:20",
    topic="财政预决算",
    doc="",
    kw="预算执行 一季度",
)

extra(
    3960001,
    "2021-07-01",
    "czzj",
    "昆明市应急管理局2021年上半年预算执行情况分析",
    [
        "（预览稿，未正式发布）",
        "截至2021年6月30日，我局年度预算已支出2590.44万元，预算执行率为50.43%。",
    ],
    prefix="/preview",
    time="10:00",
    topic="财政预决算",
    doc="",
    kw="预算执行 上半年",
)


# ---------------------------------------------------------------------------------------------
# expected values
# ---------------------------------------------------------------------------------------------
_DATE_FORMS = (
    re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2})(?::(\d{2}))?)?$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$"),
)


def parse_date(text: str) -> tuple[str, str | None]:
    for form in _DATE_FORMS:
        m = form.match(text)
        if m:
            day = f"{int(m[1]):04d}-{int(m[2]):02d}-{int(m[3]):02d}"
            groups = m.groups()
            if len(groups) > 3 and groups[3] is not None:
                return day, f"{groups[3]}:{groups[4]}:{groups[5] or '00'}"
            return day, None
    raise ValueError(text)


def iso(day: str, time: str | None) -> str:
    return f"{day}T{time}+08:00" if time else day


def expected(d: dict[str, Any]) -> dict[str, Any]:
    pubdate_meta = f"{d['date']} {d['time']}" if d["time"] else d["date"]
    line_day, line_time = parse_date(pubdate_meta)  # the 发布时间 line shows the PubDate value
    title = d["title"]
    if d["table"]:
        title = cell_value(d["name_cell"]) or norm(d["title"])
        index_no = cell_value(d["idx"])
        topic = cell_value(d["topic"])
        publisher = cell_value(d["pub"])
        assert publisher, "empty publisher cells are not used (fallback would be ambiguous)"
        day, time = parse_date(cell_value(d["dcell"]) or "")
        if time is None and day == line_day:
            time = line_time
        doc_no = cell_value(d["doc"]) if d["docrow"] else None
        kw_text = cell_value(d["kw"]) if d["docrow"] else None
        keywords = [k for k in _KW_SPLIT.split(kw_text)] if kw_text else []
        keywords = [k for k in keywords if k]
    else:
        title = norm(d["title"])
        index_no = topic = doc_no = None
        publisher = d["source"]
        day, time = line_day, line_time
        keywords = []
    parts = None
    if index_no:
        m = _KM_INDEX.match(index_no)
        if m:
            parts = {"org_code": m[1], "period": m[2], "serial": m[3]}
    return {
        "url": f"{HOST}/c/{d['date']}/{d['id']}.shtml",
        "title": title,
        "index_no": index_no,
        "index_no_parts": parts,
        "topic": topic,
        "publisher": publisher,
        "publish_date": iso(day, time),
        "doc_no": doc_no,
        "keywords": keywords,
        "body_text": body_text(d["body"]),
        "attachments": body_attachments(d["body"]),
    }


# ---------------------------------------------------------------------------------------------
# page chrome
# ---------------------------------------------------------------------------------------------
ON = ' class="on"'
NAV = [("首页", "/"), ("机构概况", "/jggk/"), ("政府信息公开", "/zfxxgk/"), ("互动交流", "/hdjl/")]

PAGE_STYLE = """<style type="text/css">
body{margin:0;font-family:"Microsoft YaHei",SimSun,sans-serif;font-size:14px;color:#333;}
.w1200{width:1200px;margin:0 auto;}
.top-bar{height:34px;line-height:34px;background:#f5f5f5;border-bottom:1px solid #e5e5e5;}
.header{height:120px;background:#0b5aa8;}
.nav{background:#094a8b;height:48px;}
.nav li{float:left;list-style:none;width:25%;text-align:center;}
.nav a{color:#fff;font-size:18px;line-height:48px;}
.location{line-height:40px;border-bottom:1px solid #ddd;}
.footer{background:#f0f0f0;padding:20px 0;text-align:center;line-height:26px;margin-top:30px;}
</style>"""

STATS_SCRIPT = """<script type="text/javascript">
var _maq = _maq || [];
_maq.push(['_setAccount', 'km-yjj-5301000059']);
(function() {
  var ma = document.createElement('script'); ma.type = 'text/javascript'; ma.async = true;
  ma.src = ('https:' == document.location.protocol ? 'https:' : 'http:') + '//stat.km.gov.cn/ma.js';
  var s = document.getElementsByTagName('script')[0]; s.parentNode.insertBefore(ma, s);
})();
</script>"""


def top_and_header(active: str) -> str:
    nav = "".join(
        f'<li{ON if name == active else ""}><a href="{href}">{name}</a></li>' for name, href in NAV
    )
    return f"""<div class="top-bar"><div class="w1200">
<span class="today">今天是：<script type="text/javascript">var d=new Date();document.write(d.getFullYear()+'年'+(d.getMonth()+1)+'月'+d.getDate()+'日');</script></span>
<span class="links"><a href="javascript:;" onclick="toggleAccess();">无障碍浏览</a> | <a href="javascript:;" onclick="toggleElder();">长者模式</a></span>
</div></div>
<div class="header"><div class="w1200">
<a href="/" class="logo"><img src="/images/logo.png" alt="昆明市应急管理局"></a>
<div class="search"><input type="text" id="searchword" placeholder="请输入关键字"><button type="button" onclick="doSearch();">搜索</button></div>
</div></div>
<div class="nav"><ul class="w1200">{nav}</ul></div>"""


FOOTER = """<div class="footer"><div class="w1200">
<p><a href="/">网站首页</a> | <a href="javascript:;" onclick="addFavorite();">加入收藏</a> | <a href="https://www.km.gov.cn/" target="_blank">昆明市人民政府</a></p>
<p>主办单位：昆明市应急管理局　　承办单位：昆明市应急管理局办公室</p>
<p>地址：昆明市呈贡区锦绣大街某号　　邮编：650500</p>
<p><a href="https://beian.miit.gov.cn/" target="_blank">滇ICP备05003617号</a>　　网站标识码5301000059　　<img src="/images/ga.png" alt="">滇公网安备 53011402000347号</p>
<p><img src="/images/dzjg.png" alt="党政机关"></p>
</div></div>"""


def location(parts: Sequence[tuple[str, str | None]]) -> str:
    out = []
    for name, href in parts:
        out.append(f'<a href="{href}">{name}</a>' if href else name)
    return '<div class="location">当前位置：' + " &gt; ".join(out) + "</div>"


def page_shell(
    head_meta: str,
    title: str,
    active: str,
    crumbs: Sequence[tuple[str, str | None]],
    main: str,
    extra_scripts: str = "",
) -> str:
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
{head_meta}<title>{esc(title)}</title>
<link rel="stylesheet" type="text/css" href="/css/common.css">
<script type="text/javascript" src="/js/common.js"></script>
{PAGE_STYLE}
</head>
<body>
{top_and_header(active)}
<div class="w1200 main">
{location(crumbs)}
{main}
</div>
{FOOTER}
{STATS_SCRIPT}{extra_scripts}
</body>
</html>
"""


def charset_meta(enc: str) -> str:
    if enc == "utf8":
        return '<meta charset="utf-8">\n'
    if enc == "gbk-gb2312":
        return '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">\n'
    return ""  # gbk-none, utf8-none: no declaration anywhere


def render_detail(d: dict[str, Any]) -> str:
    col = COLUMNS[d["cols"][0]]
    pubdate = f"{d['date']} {d['time']}" if d["time"] else d["date"]
    head = (
        charset_meta(d["enc"])
        + '<meta http-equiv="X-UA-Compatible" content="IE=edge">\n'
        + '<meta name="SiteName" content="昆明市应急管理局">\n'
        + '<meta name="SiteDomain" content="yjj.km.gov.cn">\n'
        + '<meta name="SiteIDCode" content="5301000059">\n'
        + f'<meta name="ColumnName" content="{col["name"]}">\n'
        + f'<meta name="ColumnType" content="{col["name"]}">\n'
        + f'<meta name="ArticleTitle" content="{attr(d["title"])}">\n'
        + f'<meta name="PubDate" content="{pubdate}">\n'
        + f'<meta name="ContentSource" content="{attr(d["source"])}">\n'
        + f'<meta name="Url" content="{HOST}{d.get("prefix", "")}/c/{d["date"]}/{d["id"]}.shtml">\n'
    )
    parts = []
    if d["table"]:
        c = d["colon"]
        lab = {
            "idx": "索引号",
            "topic": "主题分类",
            "pub": "发布机构",
            "date": "发布日期",
            "name": d["name_label"],
            "doc": "文号",
            "kw": "关键字",
        }
        lab = {k: v + c for k, v in lab.items()}
        lab.update(d["labels"])

        def cell(raw: str) -> str:
            assert "<" not in raw
            return f"<td>{raw}</td>"

        rows = [
            f'<tr><td class="label">{lab["idx"]}</td>{cell(d["idx"])}<td class="label">{lab["topic"]}</td>{cell(d["topic"])}</tr>',
            f'<tr><td class="label">{lab["pub"]}</td>{cell(d["pub"])}<td class="label">{lab["date"]}</td>{cell(d["dcell"])}</tr>',
            f'<tr><td class="label">{lab["name"]}</td><td colspan="3">{d["name_cell"]}</td></tr>',
        ]
        if d["docrow"]:
            rows.append(
                f'<tr><td class="label">{lab["doc"]}</td>{cell(d["doc"])}<td class="label">{lab["kw"]}</td>{cell(d["kw"])}</tr>'
            )
        parts.append('<div class="content-table"><table>\n' + "\n".join(rows) + "\n</table></div>")
    parts.append(
        f'<div class="title-box"><h2>{esc(d["title"])}</h2><p class="info">发布时间：{pubdate}'
        '&nbsp;&nbsp;&nbsp;字号：[ <a href="javascript:;" onclick="doZoom(18);">大</a> '
        '<a href="javascript:;" onclick="doZoom(16);">中</a> '
        '<a href="javascript:;" onclick="doZoom(14);">小</a> ]</p></div>'
    )
    parts.append(
        f'<div class="{d["container"]}" id="zoom">\n{render_body(d["body"], d["style"])}\n</div>'
    )
    if d["editor"]:
        parts.append(f'<div class="editor">{d["editor"]}</div>')
    content = '<div class="content">\n' + "\n".join(parts) + "\n</div>"
    tools = f"""<div class="article-tools">
<span id="views">浏览次数：<script type="text/javascript">document.write('<font id="hits">' + (window.__hits || 1) + '</font>');</script></span>
<span class="share">分享到：<a href="javascript:;" onclick="shareTo('weixin');" class="wx">微信</a> <a href="javascript:;" onclick="shareTo('weibo');" class="wb">微博</a> <a href="javascript:;" onclick="shareTo('qzone');" class="qq">QQ空间</a></span>
<span class="print"><a href="javascript:;" onclick="window.print();">【打印本页】</a> <a href="javascript:;" onclick="window.close();">【关闭窗口】</a></span>
</div>
<script type="text/javascript">
(function(){{ var x = new XMLHttpRequest(); x.open('GET', '/interFace/getDocumentHits.do?docid={d["id"]}', true);
x.onreadystatechange = function(){{ if (x.readyState == 4 && x.status == 200) {{ var h = document.getElementById('hits'); if (h) h.innerHTML = x.responseText; }} }}; x.send(); }})();
</script>"""
    crumbs = [("首页", "/"), ("政府信息公开", "/zfxxgk/"), (col["name"], col["path"])]
    return page_shell(head, f"{d['title']}-{SITE}", "政府信息公开", crumbs, content + "\n" + tools)


PAGINATION = """<script type="text/javascript">
  var PageIndex = 1; var urlStr = location.href; var m = urlStr.match(/index_(\\d+)\\.shtml/);
  if (m) { PageIndex = parseInt(m[1]) + 1; }
  PageIndex = PageIndex>%d?%d:PageIndex;
  createPage(PageIndex, %d, "index", "shtml");
</script>"""


def short(title: str, limit: int) -> str:
    return title if len(title) <= limit else title[: limit - 1] + "…"


def render_list(key: str, page_no: int, items: list[dict[str, Any]]) -> str:
    col = COLUMNS[key]
    side = "".join(
        f'<li{ON if k == key else ""}><a href="{c["path"]}">{c["name"]}</a></li>'
        for k, c in COLUMNS.items()
    )
    rows = []
    for it in items:
        href = it["href"]
        t = it["title"]
        if col["style"] == "newslist":
            rows.append(
                f'<li><a href="{attr(href)}" target="_blank" title="{attr(t)}">{esc(short(t, 22))}</a><span>{it["date"]}</span></li>'
            )
        else:
            date = it["date"].replace("-", ".") if col["style"] == "table-dot" else it["date"]
            rows.append(
                f'<div class="data-table-item"><p class="w659"><a href="{attr(href)}" target="_blank" title="{attr(t)}">{esc(short(t, 26))}</a></p><p class="w80">{date}</p></div>'
            )
    if col["style"] == "newslist":
        listing = '<ul id="newslist">\n' + "\n".join(rows) + "\n</ul>"
    else:
        listing = (
            '<div class="data-table">\n<div class="data-table-head"><p class="w659">标题</p><p class="w80">发布日期</p></div>\n'
            + "\n".join(rows)
            + "\n</div>"
        )
    n = PAGES_PER_COLUMN
    main = f"""<div class="left-side"><h3>政府信息公开</h3><ul class="side-nav">{side}</ul></div>
<div class="right-list">
<div class="list-title"><span>{col["name"]}</span></div>
{listing}
<div class="page" id="page"></div>
{PAGINATION % (n, n, n)}
</div>"""
    head = (
        '<meta charset="utf-8">\n<meta http-equiv="X-UA-Compatible" content="IE=edge">\n'
        f'<meta name="SiteName" content="昆明市应急管理局">\n<meta name="ColumnName" content="{col["name"]}">\n'
    )
    crumbs = [("首页", "/"), ("政府信息公开", "/zfxxgk/"), (col["name"], None)]
    return page_shell(head, f"{col['name']}-{SITE}", "政府信息公开", crumbs, main)


def render_simple(
    title: str, active: str, crumbs: Sequence[tuple[str, str | None]], inner: str
) -> str:
    head = '<meta charset="utf-8">\n<meta http-equiv="X-UA-Compatible" content="IE=edge">\n<meta name="SiteName" content="昆明市应急管理局">\n'
    return page_shell(head, title, active, crumbs, inner)


def column_links() -> str:
    return "".join(f'<li><a href="{c["path"]}">{c["name"]}</a></li>' for c in COLUMNS.values())


HOME = render_simple(
    SITE,
    "首页",
    [("首页", None)],
    f"""<div class="home-block">
<div class="block-title">政务公开</div><ul class="home-columns">{column_links()}</ul>
</div>
<div class="home-block">
<div class="block-title">便民服务</div>
<p>安全生产举报投诉电话：12350</p>
<p>森林火灾报警电话：12119</p>
</div>""",
)

ZFXXGK = render_simple(
    f"政府信息公开-{SITE}",
    "政府信息公开",
    [("首页", "/"), ("政府信息公开", None)],
    f"""<div class="xxgk-box">
<h3>法定主动公开内容</h3><ul>{column_links()}</ul>
<h3>政府信息公开指南</h3>
<p>公民、法人和其他组织可以通过本网站查阅昆明市应急管理局主动公开的政府信息。需要获取其他政府信息的，可以向本机关提出政府信息公开申请。</p>
</div>""",
)

JGGK = render_simple(
    f"机构概况-{SITE}",
    "机构概况",
    [("首页", "/"), ("机构概况", None)],
    """<div class="jggk-box">
<h3>主要职责</h3>
<p>负责全市应急管理工作，指导各县（市）区、各部门应对安全生产类、自然灾害类等突发事件和综合防灾减灾救灾工作。</p>
<p>负责全市安全生产综合监督管理和工矿商贸行业安全生产监督管理工作。</p>
<h3>内设机构</h3>
<p>办公室、政策法规处、应急指挥中心、风险监测和综合减灾处、救援协调和预案管理处、火灾防治管理处、防汛抗旱处、安全生产基础处、危险化学品安全监督管理处、安全生产综合协调处、调查评估和统计处、规划财务处、人事处。</p>
</div>""",
)

HDJL = render_simple(
    f"互动交流-{SITE}",
    "互动交流",
    [("首页", "/"), ("互动交流", None)],
    """<div class="hdjl-box">
<h3>局长信箱</h3>
<p>欢迎您通过局长信箱反映问题、提出意见建议。来信请写明姓名、联系方式和具体事项，我们将在15个工作日内答复。</p>
<p><a href="javascript:;" onclick="alert('系统维护中');">我要写信</a></p>
</div>""",
)

SOFT_404 = render_simple(
    f"{SITE}",
    "政府信息公开",
    [("首页", "/"), ("政府信息公开", "/zfxxgk/")],
    """<div class="error-box" style="text-align:center;padding:80px 0;">
<img src="/images/404.png" alt="">
<p class="error-text">对不起，您访问的页面不存在或已被删除！</p>
<p><a href="/">返回首页</a></p>
</div>""",
)

PAGE_404 = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>404-页面不存在</title>
<style type="text/css">body{background:#f5f5f5;font-family:"Microsoft YaHei";}.box{width:600px;margin:120px auto;text-align:center;color:#666;}</style>
</head>
<body>
<div class="box">
<h1>404</h1>
<p>您访问的页面不存在</p>
<p>可能是网址输入有误或页面已被删除，请<a href="/">返回首页</a>。</p>
</div>
</body>
</html>
"""

PAGE_500 = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>500 Internal Server Error</title>
</head>
<body>
<h1>500 Internal Server Error</h1>
<p>服务器内部错误，请稍后再试。</p>
<hr><p>nginx</p>
</body>
</html>
"""


def pseudo(seed: str, n: int) -> str:
    """Deterministic noise that looks like an obfuscated challenge token."""
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._"
    out: list[str] = []
    counter = 0
    while len(out) < n:
        digest = hashlib.sha256(f"{seed}:{counter}".encode()).digest()
        out.extend(alphabet[b % len(alphabet)] for b in digest)
        counter += 1
    return "".join(out[:n])


PAGE_412 = f"""<!DOCTYPE html>
<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<meta http-equiv="Expires" content="0">
<meta id="{pseudo("id", 15)}" content="{pseudo("content", 220)}" r='m'>
<script type="text/javascript" r='m'>$_ts=window['$_ts'];if(!$_ts)$_ts={{}};$_ts.nsd=48213;$_ts.cd="{pseudo("cd", 360)}";</script>
<script type="text/javascript" r='m'>
(function(){{var e=document.getElementsByTagName('meta');var c='';for(var i=0;i<e.length;i++){{if(e[i].getAttribute('r')=='m'&&e[i].id){{c=e[i].getAttribute('content');}}}}
var v='';for(var j=0;j<c.length;j+=3){{v+=c.charAt(j);}}
document.cookie='{pseudo("cookie", 13)}P='+v+'; path=/; expires='+new Date(new Date().getTime()+3600000).toUTCString();
location.reload();}})();
</script>
</head>
<body></body>
</html>
"""

COMMON_JS = r"""/* yjj.km.gov.cn common scripts */
function createPage(cur, total, prefix, ext) {
  function url(i) { return i == 1 ? prefix + '.' + ext : prefix + '_' + (i - 1) + '.' + ext; }
  var h = [];
  h.push('<span>\u5171' + total + '\u9875</span>');
  if (cur > 1) { h.push('<a href="' + url(1) + '">\u9996\u9875</a>'); h.push('<a href="' + url(cur - 1) + '">\u4e0a\u4e00\u9875</a>'); }
  for (var i = 1; i <= total; i++) { h.push(i == cur ? '<span class="cur">' + i + '</span>' : '<a href="' + url(i) + '">' + i + '</a>'); }
  if (cur < total) { h.push('<a href="' + url(cur + 1) + '">\u4e0b\u4e00\u9875</a>'); h.push('<a href="' + url(total) + '">\u5c3e\u9875</a>'); }
  document.write(h.join(' '));
}
function doZoom(size) { var z = document.getElementById('zoom'); if (z) { z.style.fontSize = size + 'px'; } }
function doSearch() { var w = document.getElementById('searchword'); if (w && w.value) { alert(w.value); } }
function shareTo(t) { return false; }
function addFavorite() { return false; }
function toggleAccess() { return false; }
function toggleElder() { return false; }
"""

COMMON_CSS = """/* yjj.km.gov.cn */
.content-table table{width:100%;border-collapse:collapse;border:1px solid #ddd;margin-bottom:20px;}
.content-table td{border:1px solid #ddd;padding:6px 10px;}
.content-table td.label{background:#f7f7f7;width:100px;font-weight:bold;}
.title-box h2{text-align:center;font-size:24px;color:#0b5aa8;}
.title-box .info{text-align:center;color:#999;border-bottom:1px dashed #ccc;padding-bottom:10px;}
.activity,.content-box{font-size:16px;line-height:2;}
.data-table-item{height:40px;line-height:40px;border-bottom:1px dashed #ddd;}
.data-table-item .w659{float:left;width:659px;margin:0;overflow:hidden;}
.data-table-item .w80{float:right;width:80px;margin:0;color:#999;}
#newslist li{height:38px;line-height:38px;border-bottom:1px dashed #ddd;}
#newslist li span{float:right;color:#999;}
.page{text-align:center;padding:20px 0;}
"""

ROBOTS = "User-agent: *\nDisallow: /preview/\n"


# ---------------------------------------------------------------------------------------------
# binary files: PDF, OLE (.doc/.xls), OOXML (.docx/.xlsx), images
# ---------------------------------------------------------------------------------------------
def make_pdf(label: str) -> bytes:
    text = f"yjj.km.gov.cn attachment {label}".encode("ascii")
    stream = b"BT /F1 12 Tf 72 770 Td (" + text + b") Tj ET"
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n".encode() + b"0000000000 65535 f \n"
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def make_ole(label: str) -> bytes:
    head = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + bytes(16)
        + b"\x3e\x00\x03\x00\xfe\xff\x09\x00\x06\x00"
    )
    filler = (f"yjj.km.gov.cn attachment {label} ".encode("ascii") * 40)[:1024]
    return head + bytes(512 - len(head)) + filler


def make_ooxml(kind: str, label: str) -> bytes:
    if kind == "docx":
        main = (
            "word/document.xml",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>'
            + label
            + "</w:t></w:r></w:p></w:body></w:document>",
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
        )
    else:
        main = (
            "xl/workbook.xml",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>',
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
        )
    files = [
        (
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/{main[0]}" ContentType="{main[1]}"/></Types>',
        ),
        (
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{main[3]}" Target="{main[0]}"/></Relationships>',
        ),
        (main[0], main[2]),
    ]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
        for name, data in files:
            z.writestr(zipfile.ZipInfo(name, date_time=(2021, 1, 1, 0, 0, 0)), data)
    return buf.getvalue()


def make_jpeg() -> bytes:
    """A 1x1 grey baseline JPEG (one DC and one AC Huffman code, both '0')."""
    dqt = b"\xff\xdb\x00\x43\x00" + b"\x01" * 64
    sof = b"\xff\xc0\x00\x0b\x08\x00\x01\x00\x01\x01\x01\x11\x00"
    dht_dc = b"\xff\xc4\x00\x14\x00" + b"\x01" + b"\x00" * 15 + b"\x00"
    dht_ac = b"\xff\xc4\x00\x14\x10" + b"\x01" + b"\x00" * 15 + b"\x00"
    sos = b"\xff\xda\x00\x08\x01\x01\x00\x00\x3f\x00"
    return b"\xff\xd8" + dqt + sof + dht_dc + dht_ac + sos + b"\x3f" + b"\xff\xd9"


def make_png(w: int, h: int, rgb: tuple[int, int, int]) -> bytes:
    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))

    raw = b"".join(b"\x00" + bytes(rgb) * w for _ in range(h))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def file_bytes(path: str) -> bytes:
    name = path.rsplit("/", 1)[-1]
    label = name.rsplit(".", 1)[0]
    ext = name.rsplit(".", 1)[-1].lower()
    if ext == "pdf":
        return make_pdf(label)
    if ext in ("doc", "xls"):
        return make_ole(label)
    if ext in ("docx", "xlsx"):
        return make_ooxml(ext, label)
    if ext == "jpg":
        return make_jpeg()
    raise ValueError(path)


# ---------------------------------------------------------------------------------------------
# attachments: the real files are written by mirror/make_km_yjj_attachments.py (ReportLab,
# openpyxl, xlwt, python-docx); this generator only links them, lists their special routes below,
# and writes a stdlib placeholder where that script has not produced a file yet.
# ---------------------------------------------------------------------------------------------
LONG_NAME = (
    "昆明市应急管理局关于印发2023年度全市安全生产培训大纲的通知（主要负责人、安全生产管理人员、"
    "特种作业人员培训课程设置、学时安排、考核方式和证书管理要求）"
) * 4
LONG_NAME = LONG_NAME[:296] + ".pdf"  # a 300-character Content-Disposition filename
assert len(LONG_NAME) == 300

ATTACHMENT_ROUTES: list[dict[str, Any]] = [
    {
        "#": "attachment: Content-Disposition filename in raw GBK bytes",
        "path": f"{ATT}/2022/12/09/4468202.xls",
        "headers": {"Content-Disposition": 'attachment; filename="2020年决算公开表.xls"'},
        "header_charset": "gbk",
    },
    {
        "#": "attachment: RFC 6266 filename* (UTF-8, percent-encoded) beside an ASCII filename",
        "path": f"{ATT}/2022/12/09/4468203.pdf",
        "headers": {
            "Content-Disposition": "attachment; filename=\"budget.pdf\"; filename*=UTF-8''%E9%A2%84%E7%AE%97.pdf"
        },
    },
    {
        "#": "attachment: Content-Disposition filename with path traversal",
        "path": f"{ATT}/2023/05/16/4590305.pdf",
        "headers": {"Content-Disposition": 'attachment; filename="../../etc/passwd.pdf"'},
    },
    {
        "#": "attachment: Content-Disposition filename with an absolute path",
        "path": f"{ATT}/2023/05/16/4590306.pdf",
        "headers": {"Content-Disposition": 'attachment; filename="/tmp/x.pdf"'},
    },
    {
        "#": "attachment: Content-Disposition filename of 300 characters, raw UTF-8 bytes",
        "path": f"{ATT}/2023/05/16/4590307.pdf",
        "headers": {"Content-Disposition": f'attachment; filename="{LONG_NAME}"'},
        "header_charset": "utf-8",
    },
    {
        "#": "attachment link answered by an HTML error page with status 200",
        "path": f"{ATT}/2023/05/16/4590308.pdf",
        "content_type": "text/html; charset=utf-8",
    },
]


def placeholder_bytes(path: str) -> bytes:
    """What stands at an attachment URL until make_km_yjj_attachments.py has written it."""
    ext = path.rsplit(".", 1)[-1].lower()
    if ext in ("pdf", "doc", "xls", "docx", "xlsx"):
        return file_bytes(path)
    label = path.rsplit("/", 1)[-1]
    return f"placeholder {label}: run mirror/make_km_yjj_attachments.py\n".encode("ascii")


# ---------------------------------------------------------------------------------------------
# routes.toml
# ---------------------------------------------------------------------------------------------
def toml_value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, dict):
        return "{" + ", ".join(f"{toml_value(k)} = {toml_value(x)}" for k, x in v.items()) + "}"
    return json.dumps(v, ensure_ascii=False)


def routes_toml() -> str:
    routes: list[dict[str, Any]] = [
        {
            "#": "deleted long ago: the site's own 404 page",
            "path": "/c/2021-05-10/3900001.shtml",
            "status": 404,
            "file": "_mirror/404.html",
            "expect_error": "not_found",
        },
        {
            "#": "200 with a normal-looking page that says the document does not exist",
            "path": "/c/2021-05-11/3900002.shtml",
            "expect_error": "soft_404",
        },
        {
            "#": "anti-bot JavaScript cookie challenge",
            "path": "/c/2021-05-12/3900003.shtml",
            "status": 412,
            "file": "_mirror/412.html",
            "expect_error": "blocked",
        },
        {
            "#": "500 on the first request, then the page (archived: has expected JSON)",
            "path": "/c/2021-05-13/3900004.shtml",
            "fail_first": 1,
        },
        {
            "#": "full Content-Length promised, half the body sent, connection closed",
            "path": "/c/2021-05-14/3900005.shtml",
            "truncate": True,
            "expect_error": "truncated",
        },
        {
            "#": "moved: the document is archived under its new URL 3900007",
            "path": "/c/2021-05-15/3900006.shtml",
            "status": 301,
            "redirect": "/c/2021-05-15/3900007.shtml",
        },
        {
            "#": "deleted document redirected to the home page",
            "path": "/c/2021-05-16/3900008.shtml",
            "status": 302,
            "redirect": "/index.shtml",
            "expect_error": "soft_404",
        },
        {
            "#": "always fails",
            "path": "/c/2021-05-17/3900009.shtml",
            "status": 500,
            "file": "_mirror/500.html",
            "expect_error": "server_error",
        },
        {
            "#": "disallowed by robots.txt: must never be fetched",
            "path": "/preview/c/2021-07-01/3960001.shtml",
            "expect_error": "robots_disallowed",
        },
    ]
    for d in DETAILS:
        if d["enc"] != "utf8":
            what = {
                "gbk-gb2312": "GBK bytes, declares gb2312, has characters outside GB2312",
                "gbk-none": "GBK bytes, no charset declared anywhere",
                "utf8-none": "UTF-8 bytes, no charset declared anywhere",
            }[d["enc"]]
            routes.append(
                {"#": what, "path": f"/c/{d['date']}/{d['id']}.shtml", "content_type": "text/html"}
            )
    routes.extend(dict(r) for r in ATTACHMENT_ROUTES)
    out = [
        "# Special routes of the yjj.km.gov.cn mirror. Generated by mirror/generate_km_yjj.py: do not edit.",
        "# Paths not listed here are served from the file at the same path (text/html; charset=utf-8",
        "# for .shtml/.html). `file` is relative to mirror/km_yjj; files under _mirror/ are never",
        "# served directly.",
        "",
    ]
    for r in routes:
        out.append(f"# {r.pop('#')}")
        out.append("[[route]]")
        for k, v in r.items():
            out.append(f"{k} = {toml_value(v)}")
        out.append("")
    return "\n".join(out)


# ---------------------------------------------------------------------------------------------
# list assembly
# ---------------------------------------------------------------------------------------------
def list_items() -> dict[str, list[dict[str, Any]]]:
    cols: dict[str, list[dict[str, Any]]] = {k: [] for k in COLUMNS}
    for d in DETAILS:
        if d["id"] in NOT_LISTED:
            continue
        path = f"/c/{d['date']}/{d['id']}.shtml"
        for i, key in enumerate(d["cols"]):
            cols[key].append(
                {
                    "path": path,
                    "title": d["title"],
                    "date": d["date"],
                    "id": d["id"],
                    "abs": True if i > 0 else None,
                }
            )
    for e in LIST_ONLY:
        cols[e["col"]].append(
            {
                "path": e["path"],
                "title": e["title"],
                "date": e["date"],
                "id": int(e["path"][-13:-6]),
                "abs": None,
            }
        )
    for key, items in cols.items():
        items.sort(key=lambda it: (it["date"], it["id"]), reverse=True)
        for n, it in enumerate(items):
            absolute = it["abs"] if it["abs"] is not None else (n % 4 == 2)
            it["href"] = HOST + it["path"] if absolute else it["path"]
        assert len(items) >= 5 * PAGES_PER_COLUMN - 2, (key, len(items))
    return cols


def split_pages(items: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    per = -(-len(items) // PAGES_PER_COLUMN)
    pages = [items[i * per : (i + 1) * per] for i in range(PAGES_PER_COLUMN)]
    assert all(pages), "every list page needs items"
    return pages


# ---------------------------------------------------------------------------------------------
# writing
# ---------------------------------------------------------------------------------------------
def write(rel: str, data: bytes | str, encoding: str = "utf-8") -> None:
    path = OUT / rel.lstrip("/")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode(encoding) if isinstance(data, str) else data)


def encode_page(d: dict[str, Any], text: str) -> tuple[str, str]:
    if d["enc"] in ("gbk-gb2312", "gbk-none"):
        return text, "gbk"
    return text, "utf-8"


ATTACHMENT_DIR = OUT / "upload" / "resources" / "file"  # owned by make_km_yjj_attachments.py


def clear_out() -> None:
    """Empty OUT except the attachment files (written by make_km_yjj_attachments.py)."""
    if not OUT.exists():
        OUT.mkdir(parents=True)
        return
    keep = ATTACHMENT_DIR.relative_to(OUT).parts
    level = OUT
    for depth, name in enumerate(keep):
        for child in sorted(level.iterdir()):
            if child.name == name and child.is_dir():
                continue
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child)
            else:
                child.unlink()
        level = level / name
        if not level.is_dir():
            break
        if depth == len(keep) - 1:
            break


def main() -> None:
    clear_out()
    FIX.mkdir(parents=True, exist_ok=True)
    for old in [*FIX.glob("[0-9]*.expected.json"), *FIX.glob("[0-9]*.figures.json")]:
        old.unlink()

    ids = [d["id"] for d in DETAILS] + [d["id"] for d in EXTRA_DETAILS]
    assert len(ids) == len(set(ids)), "duplicate ids"

    binaries: set[str] = set()
    for d in DETAILS + EXTRA_DETAILS:
        text, enc = encode_page(d, render_detail(d))
        write(f"{d.get('prefix', '')}/c/{d['date']}/{d['id']}.shtml", text, enc)
        for link in body_links(d["body"]):
            local = link[len(HOST) :] if link.startswith(HOST) else link
            if local.startswith("/upload/"):
                binaries.add(local)
    n_figs = 0
    for d in DETAILS:
        exp = expected(d)
        (FIX / f"{d['id']}.expected.json").write_bytes(
            (json.dumps(exp, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
        )
        assert d["figs"] is not None, f"{d['id']}: figures not annotated (use figs=[] for none)"
        figs = page_figures(d)
        (FIX / f"{d['id']}.figures.json").write_bytes(
            (json.dumps(figs, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
        )
        n_figs += len(figs)
    placeholders = 0
    for rel in sorted(binaries):
        if rel.startswith("/upload/resources/file/"):
            if not (OUT / rel.lstrip("/")).is_file():
                write(rel, placeholder_bytes(rel))
                placeholders += 1
        else:
            write(rel, file_bytes(rel))

    for key, items in list_items().items():
        for n, chunk in enumerate(split_pages(items)):
            name = "index.shtml" if n == 0 else f"index_{n}.shtml"
            write(f"{COLUMNS[key]['path']}{name}", render_list(key, n, chunk))

    write("/index.shtml", HOME)
    write("/zfxxgk/index.shtml", ZFXXGK)
    write("/jggk/index.shtml", JGGK)
    write("/hdjl/index.shtml", HDJL)
    write("/c/2021-05-11/3900002.shtml", SOFT_404)
    write("/_mirror/404.html", PAGE_404)
    write("/_mirror/412.html", PAGE_412)
    write("/_mirror/500.html", PAGE_500)
    write("/robots.txt", ROBOTS)
    write("/js/common.js", COMMON_JS)
    write("/css/common.css", COMMON_CSS)
    write("/images/logo.png", make_png(8, 4, (11, 90, 168)))
    write("/images/dzjg.png", make_png(4, 4, (200, 20, 20)))
    write("/images/ga.png", make_png(2, 2, (240, 200, 40)))
    write("/images/404.png", make_png(4, 4, (200, 200, 200)))
    write("/routes.toml", routes_toml())
    print(
        f"wrote {len(DETAILS)} archived detail pages (+{len(EXTRA_DETAILS)} without expected JSON) "
        f"to {OUT.relative_to(ROOT)} and {FIX.relative_to(ROOT)}, with {n_figs} annotated figures"
    )
    if placeholders:
        print(
            f"wrote {placeholders} attachment placeholders: run "
            ".venv/bin/python mirror/make_km_yjj_attachments.py for the real files"
        )


if __name__ == "__main__":
    main()
