#!/usr/bin/env python3
# ruff: noqa: E501
"""Write the mirror of www.km.gov.cn's 政府信息公开年报 column and the annual-report fixtures.

Run from the repository root (needs the ``mirror`` extra: ReportLab; python-docx and openpyxl
come with the project):

    .venv/bin/python mirror/generate_km_gov.py

Writes, deterministically (same bytes on every run):

  mirror/km_gov/                         the column's two list pages, one detail page per report
                                         (the Kunming CMS template), the PDF, DOCX and XLSX
                                         attachments, robots.txt
  tests/fixtures/annual_reports/<case>.<html|pdf|docx|xlsx>   each report as the archive gets it
  tests/fixtures/annual_reports/<case>.expected.json          what must be read from it: url,
      content_type, title, report_year, publisher, level, format, source_type, every cell
      (section, row_code, col_code, value, value_text) and the problem kinds
  tests/fixtures/km_gov/<id>.expected.json   the parser's expected record of the prose pages

Each report's statistics are data here (``Report.active``, ``apply``, ``review``) and every
rendering — national-format HTML tables with merged cells, bodies pasted from Word with one
cell per line, a ruled PDF table broken over two pages, a PDF of plain text lines, DOCX with
merged cells, an XLSX sheet — is drawn from that data, so the expected cells are the data
itself. Facts are those of real published reports where the public copies give them (see
tests/fixtures/annual_reports/SOURCES.md, which also says which numbers are set here); all
prose is written for the mirror.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import json
import re
import shutil
import sys
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from parsers.annual_report_codes import APPLY_COLUMNS, BY_CODE, OUTCOME_COLUMNS, REVIEW_ROWS  # noqa: E402

SITE = "km_gov"
HOST = "https://www.km.gov.cn"
OUT = ROOT / "mirror" / SITE
FIX = ROOT / "tests" / "fixtures" / "annual_reports"
SITE_FIX = ROOT / "tests" / "fixtures" / SITE
COLUMN = "/zfxxgk/zfxxgknb/"
FIXED_TIME = (2021, 1, 1, 0, 0, 0)
PER_PAGE = 8

# -- the statistics --------------------------------------------------------------------------

Z7 = (0, 0, 0, 0, 0, 0, 0)


def one(n: int) -> tuple[int, ...]:
    """A row whose requests all came from natural persons."""
    return (n, 0, 0, 0, 0, 0, n)


@dataclass
class Report:
    case: str
    doc_id: int
    date: str  # YYYY-MM-DD
    time: str  # HH:MM
    title: str
    publisher: str  # the page's 发布机构
    index_no: str
    year: int
    fmt: str  # 2019 | 2021 | free
    render: str  # table | flat | pdf | pdf_text | docx | xlsx | prose
    level: str | None
    body: str  # the reporting body as the title names it
    intro: list[str]
    closing: list[str] = field(default_factory=list)
    active: dict[str, tuple[Any, ...]] = field(default_factory=dict)
    apply: dict[str, tuple[int, ...]] = field(default_factory=dict)
    review: tuple[int, ...] = (0,) * 15
    style: frozenset[str] = frozenset()  # blank_zero dash_zero fullwidth spaced split
    problems: tuple[str, ...] = ()
    note: str = ""  # what the case covers (SOURCES.md)
    source: str = ""  # the real report it follows
    set_here: str = ""  # which numbers are set for the mirror

    @property
    def url(self) -> str:
        return f"{HOST}/c/{self.date}/{self.doc_id}.shtml"

    @property
    def attachment_ext(self) -> str | None:
        return {"pdf": "pdf", "pdf_text": "pdf", "docx": "docx", "xlsx": "xlsx"}.get(self.render)

    @property
    def attachment_path(self) -> str:
        y, m, d = self.date.split("-")
        return f"/upload/resources/file/{y}/{m}/{d}/{self.doc_id}.{self.attachment_ext}"


def apply_rows(fmt: str) -> list[str]:
    rows = [c.code for c in BY_CODE.values() if c.section == "apply" and c.kind == "row"]
    groups = {
        "apply.result.not_disclosed",
        "apply.result.unable",
        "apply.result.not_processed",
        "apply.result.other",
    }
    keep = []
    for code in rows:
        if code in groups and code != "apply.result.other":
            continue
        if fmt == "2021" and code == "apply.result.other":
            continue
        if fmt == "2019" and code.startswith("apply.result.other."):
            continue
        keep.append(code)
    return keep


ACTIVE_2021 = [
    (
        "第二十条第（一）项",
        ["本年制发件数", "本年废止件数", "现行有效件数"],
        ["active.regulations", "active.normative_docs"],
        ["made", "repealed", "in_force"],
    ),
    ("第二十条第（五）项", ["本年处理决定数量"], ["active.licensing"], ["decisions"]),
    (
        "第二十条第（六）项",
        ["本年处理决定数量"],
        ["active.penalty", "active.coercion"],
        ["decisions"],
    ),
    ("第二十条第（八）项", ["本年收费金额（单位：万元）"], ["active.fees"], ["fee_amount"]),
]
ACTIVE_2019 = [
    (
        "第二十条第（一）项",
        ["本年新制作数量", "本年新公开数量", "对外公开总数量"],
        ["active.regulations", "active.normative_docs"],
        ["made", "published", "total_published"],
    ),
    (
        "第二十条第（五）项",
        ["上一年项目数量", "本年增/减", "处理决定数量"],
        ["active.licensing", "active.other_services"],
        ["items_last_year", "items_change", "decisions"],
    ),
    (
        "第二十条第（六）项",
        ["上一年项目数量", "本年增/减", "处理决定数量"],
        ["active.penalty", "active.coercion"],
        ["items_last_year", "items_change", "decisions"],
    ),
    (
        "第二十条第（八）项",
        ["上一年项目数量", "本年增/减"],
        ["active.fees"],
        ["items_last_year", "items_change"],
    ),
    (
        "第二十条第（九）项",
        ["采购项目数量", "采购总金额"],
        ["active.procurement"],
        ["procurement_items", "procurement_amount"],
    ),
]
ROW_LABEL_2019 = {"active.normative_docs": "规范性文件"}


def active_blocks(fmt: str) -> list[tuple[str, list[str], list[str], list[str]]]:
    return ACTIVE_2021 if fmt == "2021" else ACTIVE_2019


def row_label(code: str, fmt: str) -> str:
    if fmt == "2019" and code in ROW_LABEL_2019:
        return ROW_LABEL_2019[code]
    return BY_CODE[code].label


# -- rendering numbers -----------------------------------------------------------------------

FULLWIDTH = str.maketrans("0123456789.", "０１２３４５６７８９．")


def show(value: Any, style: frozenset[str], where: str = "") -> str:
    text = str(value)
    if text in ("0", "0.00", "0.0"):
        if "blank_zero" in style and where != "active":
            return ""
        if "dash_zero" in style:
            return "—"
        return text
    if "spaced" in style and text.isdigit() and len(text) >= 4:
        text = f"{text[:-3]} {text[-3:]}"  # 1 024: a thousands space
    elif "spaced" in style and text.isdigit() and len(text) == 2:
        text = f"{text[0]} {text[1]}"  # digits spread by a PDF copy
    if "fullwidth" in style:
        text = text.translate(FULLWIDTH)
    return text


# -- grids: (text, rowspan, colspan) per cell, row by row ------------------------------------

GCell = tuple[str, int, int]
Grid = list[list[GCell]]


def split(text: str, style: frozenset[str]) -> str:
    """A header written over two lines (\n becomes <br>, a new paragraph or a cell break)."""
    if "split" not in style or len(text) < 4:
        return text
    cut = {"本年制发件数": 4, "本年废止件数": 4, "现行有效件数": 4, "本年处理决定数量": 4,
           "社会公益组织": 4, "法律服务机构": 4, "商业企业": 2, "科研机构": 2,
           "一、本年新收政府信息公开申请数量": 10, "未经复议直接起诉": 4}.get(text)  # fmt: skip
    return f"{text[:cut]}\n{text[cut:]}" if cut else text


def active_grid(r: Report) -> Grid:
    grid: Grid = []
    for heading, headers, rows, _ in active_blocks(r.fmt):
        grid.append([(heading, 1, 4)])
        if len(headers) == 1:
            grid.append([("信息内容", 1, 1), (split(headers[0], r.style), 1, 3)])
        elif len(headers) == 2:
            grid.append(
                [
                    ("信息内容", 1, 1),
                    (split(headers[0], r.style), 1, 1),
                    (split(headers[1], r.style), 1, 2),
                ]
            )
        else:
            grid.append([("信息内容", 1, 1)] + [(split(h, r.style), 1, 1) for h in headers])
        for code in rows:
            values = r.active[code]
            shown = [show(v, r.style, "active") for v in values]
            if len(values) == 1:
                grid.append([(row_label(code, r.fmt), 1, 1), (shown[0], 1, 3)])
            elif len(values) == 2:
                grid.append([(row_label(code, r.fmt), 1, 1), (shown[0], 1, 1), (shown[1], 1, 2)])
            else:
                grid.append([(row_label(code, r.fmt), 1, 1)] + [(s, 1, 1) for s in shown])
    return grid


GROUP_LABELS = {
    "apply.result.not_disclosed": "（三）不予公开",
    "apply.result.unable": "（四）无法提供",
    "apply.result.not_processed": "（五）不予处理",
    "apply.result.other": "（六）其他处理",
}


def apply_grid(r: Report) -> Grid:
    st = r.style
    grid: Grid = [
        [
            ("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3),
            ("申请人情况", 1, 7),
        ],
        [("自然人", 2, 1), ("法人或其他组织", 1, 5), ("总计", 2, 1)],
        [
            (split(t, st), 1, 1)
            for t in ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")
        ],
    ]
    rows = apply_rows(r.fmt)
    results = [c for c in rows if c.startswith("apply.result.")]

    def values(code: str) -> list[GCell]:
        return [(show(v, st), 1, 1) for v in r.apply.get(code, Z7)]

    for code in rows:
        label = row_label(code, r.fmt)
        if code in ("apply.new", "apply.carried_over", "apply.carried_forward"):
            grid.append([(split(label, st), 1, 3), *values(code)])
            continue
        lead: list[GCell] = []
        if code == results[0]:
            lead.append(("三、本年度办理结果", len(results), 1))
        group = next((g for g in GROUP_LABELS if code.startswith(g + ".")), None)
        if group is None:
            grid.append([*lead, (label, 1, 2), *values(code)])
            continue
        kids = [c for c in results if c.startswith(group + ".")]
        if code == kids[0]:
            lead.append((GROUP_LABELS[group], len(kids), 1))
        grid.append([*lead, (label, 1, 1), *values(code)])
    return grid


def review_grid(r: Report) -> Grid:
    outcomes = [BY_CODE[c].label for c in OUTCOME_COLUMNS]
    return [
        [("行政复议", 1, 5), ("行政诉讼", 1, 10)],
        [
            *[(o, 2, 1) for o in outcomes],
            (split("未经复议直接起诉", r.style), 1, 5),
            ("复议后起诉", 1, 5),
        ],
        [(o, 1, 1) for o in outcomes * 2],
        [(show(v, r.style), 1, 1) for v in r.review],
    ]


def review_by_rows(r: Report) -> list[Grid]:
    """The 行政复议/行政诉讼 table as many sites lay it out: 行政复议 over its five outcomes,
    then the two kinds of suit as rows under the outcome columns."""
    outcomes = [BY_CODE[c].label for c in OUTCOME_COLUMNS]
    shown = [show(v, r.style) for v in r.review]
    return [
        [[("行政复议", 1, 5)], [(o, 1, 1) for o in outcomes], [(v, 1, 1) for v in shown[:5]]],
        [
            [("行政诉讼类别", 1, 1), *[(o, 1, 1) for o in outcomes]],
            [("未经复议直接起诉", 1, 1), *[(v, 1, 1) for v in shown[5:10]]],
            [("复议后起诉", 1, 1), *[(v, 1, 1) for v in shown[10:]]],
        ],
    ]


def grid_width(grid: Grid) -> int:
    """Columns of a grid, rowspans counted."""
    taken: set[tuple[int, int]] = set()
    width = 0
    for ri, row in enumerate(grid):
        c = 0
        for _, rs, cs in row:
            while (ri, c) in taken:
                c += 1
            for dr in range(rs):
                for dc in range(cs):
                    taken.add((ri + dr, c + dc))
            c += cs
        width = max(width, c)
    return width


def placed(grid: Grid) -> list[tuple[int, int, GCell]]:
    """(row, column, cell) of every cell, rowspans taken into account."""
    taken: set[tuple[int, int]] = set()
    out = []
    for ri, row in enumerate(grid):
        c = 0
        for cell in row:
            while (ri, c) in taken:
                c += 1
            _, rs, cs = cell
            for dr in range(rs):
                for dc in range(cs):
                    taken.add((ri + dr, c + dc))
            out.append((ri, c, cell))
            c += cs
    return out


# -- expected cells --------------------------------------------------------------------------


def expected_cells(r: Report) -> list[dict[str, Any]]:
    cells: list[dict[str, Any]] = []
    if r.fmt == "free":
        return cells

    def add(section: str, row: str, col: str, value: Any, where: str = "") -> None:
        shown = show(value, r.style, where)
        cells.append({"section": section, "row_code": row, "col_code": col,
                      "value": value, "value_text": shown})  # fmt: skip

    for _, _, rows, cols in active_blocks(r.fmt):
        for code in rows:
            for col, value in zip(cols, r.active[code], strict=True):
                add("active", code, col, value, "active")
    for code in apply_rows(r.fmt):
        for col, value in zip(APPLY_COLUMNS, r.apply.get(code, Z7), strict=True):
            add("apply", code, col, value)
    order = [(row, col) for row in REVIEW_ROWS for col in OUTCOME_COLUMNS]
    for (row, col), value in zip(order, r.review, strict=True):
        add("review", row, col, value)
    return cells


def headline(r: Report) -> dict[str, Any]:
    """The headline numbers, computed here from the data (README *Annual reports*)."""
    if r.fmt == "free":
        return {}
    a = {code: vals[-1] for code, vals in r.apply.items()}
    fmt_rows = apply_rows(r.fmt)

    def total(code: str) -> int:
        return a.get(code, 0) if code in fmt_rows else 0

    def group(prefix: str) -> int:
        return sum(total(c) for c in fmt_rows if c == prefix or c.startswith(prefix + "."))

    act = r.active
    is21 = r.fmt == "2021"
    rv = r.review
    return {
        "regulations_made": act["active.regulations"][0],
        "regulations_repealed": act["active.regulations"][1] if is21 else None,
        "regulations_in_force": act["active.regulations"][2] if is21 else None,
        "normative_docs_made": act["active.normative_docs"][0],
        "normative_docs_repealed": act["active.normative_docs"][1] if is21 else None,
        "normative_docs_in_force": act["active.normative_docs"][2] if is21 else None,
        "licensing_decisions": act["active.licensing"][-1],
        "penalty_decisions": act["active.penalty"][-1],
        "coercion_decisions": act["active.coercion"][-1],
        "requests_new": total("apply.new"),
        "requests_carried_over": total("apply.carried_over"),
        "result_disclosed": total("apply.result.disclosed"),
        "result_partly_disclosed": total("apply.result.partly_disclosed"),
        "result_refused": group("apply.result.not_disclosed"),
        "result_unable": group("apply.result.unable"),
        "result_not_processed": group("apply.result.not_processed"),
        "result_other": group("apply.result.other"),
        "result_total": total("apply.result.total"),
        "requests_carried_forward": total("apply.carried_forward"),
        "review_total": rv[4],
        "review_corrected": rv[1],
        "litigation_total": rv[9] + rv[14],
        "litigation_corrected": rv[6] + rv[11],
        "fees_wan_yuan": str(act["active.fees"][0]) if is21 else None,
    }


def consistent(r: Report) -> list[str]:
    """The arithmetic the national format states; the mirror's consistent reports obey it."""
    out = []
    rows = apply_rows(r.fmt)
    results = [c for c in rows if c.startswith("apply.result.") and c != "apply.result.total"]
    for code in rows:
        v = r.apply.get(code, Z7)
        if sum(v[:6]) != v[6]:
            out.append(f"total_column {code}")
    for i in range(7):
        col = [r.apply.get(c, Z7)[i] for c in results]
        if sum(col) != r.apply.get("apply.result.total", Z7)[i]:
            out.append(f"results_total {i}")
        got = r.apply.get("apply.new", Z7)[i] + r.apply.get("apply.carried_over", Z7)[i]
        done = (
            r.apply.get("apply.result.total", Z7)[i] + r.apply.get("apply.carried_forward", Z7)[i]
        )
        if got != done:
            out.append(f"balance {i}")
    for k in range(3):
        if sum(r.review[k * 5 : k * 5 + 4]) != r.review[k * 5 + 4]:
            out.append(f"review_total {k}")
    return out


# -- the reports ------------------------------------------------------------------------------


def apply_data(**rows: tuple[int, ...]) -> dict[str, tuple[int, ...]]:
    """Rows by short name: new, over, disclosed, partly, secret … forward, total."""
    names = {
        "new": "apply.new", "over": "apply.carried_over", "disclosed": "apply.result.disclosed",
        "partly": "apply.result.partly_disclosed", "total": "apply.result.total",
        "forward": "apply.carried_forward",
        "secret": "apply.result.not_disclosed.state_secret",
        "law": "apply.result.not_disclosed.law_forbidden",
        "safety": "apply.result.not_disclosed.three_safety_one_stability",
        "third": "apply.result.not_disclosed.third_party_rights",
        "internal": "apply.result.not_disclosed.internal_affairs",
        "process": "apply.result.not_disclosed.process_info",
        "case": "apply.result.not_disclosed.enforcement_case",
        "query": "apply.result.not_disclosed.administrative_query",
        "noinfo": "apply.result.unable.no_info", "create": "apply.result.unable.needs_creation",
        "unclear": "apply.result.unable.unclear",
        "complaint": "apply.result.not_processed.complaint",
        "repeated": "apply.result.not_processed.repeated",
        "publication": "apply.result.not_processed.publication",
        "mass": "apply.result.not_processed.mass_repeated",
        "confirm": "apply.result.not_processed.confirm",
        "other19": "apply.result.other",
        "overdue": "apply.result.other.overdue_correction",
        "fee": "apply.result.other.overdue_fee", "other": "apply.result.other.other",
    }  # fmt: skip
    return {names[k]: v for k, v in rows.items()}


def active_2021(reg: tuple[int, int, int], norm: tuple[int, int, int], lic: int, pen: int,
                coer: int, fee: str) -> dict[str, tuple[Any, ...]]:  # fmt: skip
    return {"active.regulations": reg, "active.normative_docs": norm, "active.licensing": (lic,),
            "active.penalty": (pen,), "active.coercion": (coer,), "active.fees": (fee,)}  # fmt: skip


def active_2019(reg: tuple[int, int, int], norm: tuple[int, int, int], lic: tuple[int, int, int],
                other: tuple[int, int, int], pen: tuple[int, int, int], coer: tuple[int, int, int],
                fee: tuple[int, int], proc: tuple[int, Any]) -> dict[str, tuple[Any, ...]]:  # fmt: skip
    return {"active.regulations": reg, "active.normative_docs": norm, "active.licensing": lic,
            "active.other_services": other, "active.penalty": pen, "active.coercion": coer,
            "active.fees": fee, "active.procurement": proc}  # fmt: skip


REPORTS: list[Report] = [
    Report(
        case="yjj_2022",
        doc_id=4655505,
        date="2023-01-28",
        time="16:05",
        title="昆明市应急管理局2022年政府信息公开工作年度报告",
        publisher="昆明市应急管理局",
        index_no="745280713-202301-655505",
        year=2022,
        fmt="2021",
        render="table",
        level="部门",
        body="昆明市应急管理局",
        intro=[
            "一、总体情况",
            "2022年，市应急管理局围绕应急管理中心工作和群众关切做好政府信息公开，完善公开目录，健全新闻发布机制。",
            "全年依法实施行政处罚25起并逐案公开；收到政府信息公开申请13件，均已按期答复；未发生以本局为被申请人的政府信息公开行政复议和行政诉讼。",
        ],
        closing=[
            "五、存在的主要问题及改进情况",
            "政策解读形式还不够丰富，下一步将增加图解和视频解读。",
            "六、其他需要报告的事项",
            "本年度未收取信息处理费。",
        ],
        active=active_2021((0, 0, 0), (0, 0, 0), 0, 25, 0, "0"),
        apply=apply_data(
            new=one(13), disclosed=one(2), partly=one(1), noinfo=one(9), other=one(1), total=one(13)
        ),
        note="national-format HTML tables with merged cells (rowspan/colspan), one table per part, zeros written 0",
        source="https://yjj.km.gov.cn/c/2023-01-28/4655505.shtml (昆明市应急管理局2022年政府信息公开工作年度报告)",
        set_here="the split of requests by applicant (all are put under 自然人), the 主动公开 rows other than 行政处罚",
    ),
    Report(
        case="kmwh_kjcyy_2022",
        doc_id=6433727,
        date="2023-01-11",
        time="09:30",
        title="五华科技产业园管理委员会2022年度政府信息公开工作年度报告",
        publisher="五华科技产业园管理委员会",
        index_no="MB1C45832-202301-433727",
        year=2022,
        fmt="2021",
        render="table",
        level="部门",
        body="五华科技产业园管理委员会",
        intro=[
            "一、总体情况",
            "2022年，园区管委会通过政府网站、微信公众号和工作简报公开园区建设和企业服务信息，全年在政府网站发布信息90条。",
        ],
        closing=["五、存在的主要问题及改进情况", "信息更新还不够及时，将明确专人负责。"],
        active=active_2021((0, 0, 0), (0, 0, 0), 0, 0, 0, "0"),
        apply={},
        style=frozenset({"blank_zero", "split"}),
        note="every number zero: 主动公开 written 0, the other tables left blank; headers broken over two lines with <br>",
        source="http://www.kmwh.gov.cn/c/2023-01-11/6433727.shtml (五华科技产业园管理委员会2022年度政府信息公开工作年度报告)",
        set_here="none: the report's 规章 and 行政规范性文件 rows are 0 0 0; its other tables are taken as all zero",
    ),
    Report(
        case="zwfw_2023",
        doc_id=4826552,
        date="2024-01-31",
        time="17:20",
        title="昆明市政务服务管理局2023年政府信息公开工作年度报告",
        publisher="昆明市政务服务管理局",
        index_no="MB1D08652-202401-826552",
        year=2023,
        fmt="2021",
        render="flat",
        level="部门",
        body="昆明市政务服务管理局",
        intro=[
            "一、总体情况",
            "2023年，市政务服务管理局主动公开营商环境、政务服务和招标投标领域的政策文件，门户网站和政务新媒体共发布信息2578条，召开专题新闻发布会2场。",
        ],
        closing=[
            "五、存在的主要问题及改进情况",
            "依申请公开答复的规范性仍需提高，将加强业务培训。",
        ],
        active=active_2021((0, 0, 0), (3, 0, 11), 0, 0, 0, "0"),
        apply=apply_data(
            new=(5, 2, 0, 0, 0, 0, 7),
            disclosed=(3, 1, 0, 0, 0, 0, 4),
            noinfo=(2, 1, 0, 0, 0, 0, 3),
            total=(5, 2, 0, 0, 0, 0, 7),
        ),
        note="a body pasted from Word: the tables flattened into one paragraph per cell, zeros written 0",
        source="https://zwfw.km.gov.cn/c/2024-01-31/4826552.shtml (昆明市政务服务管理局2023年政府信息公开工作年度报告)",
        set_here="all table numbers (the public copy's opening gives only the prose figures: 2578 items, 2 press conferences, 3 policy documents)",
    ),
    Report(
        case="km_2023",
        doc_id=4830117,
        date="2024-01-26",
        time="18:00",
        title="昆明市人民政府2023年政府信息公开工作年度报告",
        publisher="昆明市人民政府办公室",
        index_no="015168425-202401-830117",
        year=2023,
        fmt="2021",
        render="table",
        level="市",
        body="昆明市人民政府",
        intro=[
            "一、总体情况",
            "2023年，全市各级行政机关主动公开政府信息62.96万条，制发政策解读材料904条，开展多元化解读204次。",
        ],
        closing=[
            "五、存在的主要问题及改进情况",
            "部分县（市）区政策解读质量不高，将开展专项指导。",
        ],
        active=active_2021((2, 1, 58), (46, 13, 405), 186420, 15873, 1268, "8932.16"),
        apply=apply_data(
            new=(2102, 268, 4, 3, 31, 45, 2453),
            over=(57, 6, 0, 0, 1, 2, 66),
            disclosed=(853, 121, 2, 1, 12, 20, 1009),
            partly=(231, 33, 1, 0, 5, 6, 276),
            secret=(2, 0, 0, 0, 0, 0, 2),
            law=(5, 1, 0, 0, 0, 0, 6),
            safety=(3, 0, 0, 0, 0, 0, 3),
            third=(28, 9, 0, 0, 1, 1, 39),
            internal=(17, 2, 0, 0, 0, 0, 19),
            process=(36, 5, 0, 0, 1, 1, 43),
            case=(12, 1, 0, 0, 1, 0, 14),
            query=(41, 4, 0, 0, 0, 1, 46),
            noinfo=(598, 60, 1, 2, 9, 12, 682),
            create=(44, 6, 0, 0, 0, 1, 51),
            unclear=(38, 3, 0, 0, 1, 0, 42),
            complaint=(61, 4, 0, 0, 0, 1, 66),
            repeated=(47, 5, 0, 0, 0, 1, 53),
            publication=(4, 0, 0, 0, 0, 0, 4),
            mass=(9, 0, 0, 0, 0, 0, 9),
            confirm=(6, 1, 0, 0, 0, 0, 7),
            overdue=(37, 4, 0, 0, 0, 1, 42),
            fee=(0, 0, 0, 0, 0, 0, 0),
            other=(21, 2, 0, 0, 0, 1, 24),
            total=(2093, 261, 4, 3, 30, 46, 2437),
            forward=(66, 13, 0, 0, 2, 1, 82),
        ),
        review=(31, 4, 2, 5, 42, 12, 2, 1, 4, 19, 6, 1, 0, 2, 9),
        style=frozenset({"split", "fullwidth", "spaced"}),
        note="full-width digits, a thousands space (186 420), headers broken over two lines; the city-wide report with every row filled",
        source="https://www.km.gov.cn/zt/zfxxgkndbgzt/2023nkmszfxxgkgzndbg/ (昆明市人民政府2023年政府信息公开工作年度报告)",
        set_here="all table numbers (the public copy's opening gives only 62.96万条, 904 and 204)",
    ),
    Report(
        case="yl_2021",
        doc_id=6120334,
        date="2022-01-27",
        time="11:45",
        title="宜良县人民政府2021年政府信息公开工作年度报告",
        publisher="宜良县人民政府办公室",
        index_no="015169884-202201-120334",
        year=2021,
        fmt="2021",
        render="table",
        level="县",
        body="宜良县人民政府",
        intro=[
            "一、总体情况",
            "2021年，县人民政府围绕乡村振兴和营商环境做好政府信息公开，县政府门户网站主动公开信息3120条。",
        ],
        active=active_2021((0, 0, 0), (7, 2, 39), 2841, 356, 12, "41.5"),
        apply=apply_data(
            new=(24, 3, 0, 0, 1, 0, 29),
            over=(1, 0, 0, 0, 0, 0, 1),
            disclosed=(11, 2, 0, 0, 0, 0, 13),
            partly=(3, 0, 0, 0, 1, 0, 4),
            third=(1, 0, 0, 0, 0, 0, 1),
            noinfo=(7, 1, 0, 0, 0, 0, 8),
            complaint=(2, 0, 0, 0, 0, 0, 2),
            total=(24, 3, 0, 0, 1, 0, 27),
            forward=(1, 0, 0, 0, 0, 0, 1),
        ),
        review=(1, 1, 0, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
        problems=("total_column", "results_total", "balance", "review_total"),
        note="totals that do not add up, kept as published: 本年新收 总计 29 against 24+3+1=28; （七）总计 27 against its row's 28 and the results' 28; 新收+结转 30 against 27+1; 行政复议 总计 2 against 1+1+0+1",
        source="constructed for the mirror (a county government's report in the 2021 format)",
        set_here="all numbers; the inconsistencies are deliberate",
    ),
    Report(
        case="rsj_2019",
        doc_id=3512290,
        date="2020-01-20",
        time="10:00",
        title="昆明市人力资源和社会保障局2019年政府信息公开工作年度报告",
        publisher="昆明市人力资源和社会保障局",
        index_no="MB0P03871-202001-512290",
        year=2019,
        fmt="2019",
        render="table",
        level="部门",
        body="昆明市人力资源和社会保障局",
        intro=[
            "一、总体情况",
            "2019年，市人力资源和社会保障局按照新修订的《条例》做好就业、社保和人才政策的公开。",
        ],
        active=active_2019(
            (0, 0, 0),
            (4, 4, 37),
            (52, -3, 8120),
            (11, 0, 2690),
            (6, 0, 41),
            (2, 0, 3),
            (0, 0),
            (9, "312.6"),
        ),
        apply=apply_data(
            new=(31, 4, 0, 0, 2, 0, 37),
            disclosed=(17, 2, 0, 0, 1, 0, 20),
            partly=(2, 1, 0, 0, 0, 0, 3),
            internal=(1, 0, 0, 0, 0, 0, 1),
            noinfo=(8, 1, 0, 0, 1, 0, 10),
            repeated=(1, 0, 0, 0, 0, 0, 1),
            other19=(2, 0, 0, 0, 0, 0, 2),
            total=(31, 4, 0, 0, 2, 0, 37),
        ),
        review=(1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
        style=frozenset({"dash_zero", "review_rows"}),
        note="the 2019 format (本年新制作数量, 上一年项目数量/本年增/减, 政府集中采购, （六）其他处理 as one row) with zeros written —; 行政复议 and 行政诉讼 as two tables, the suits as rows",
        source="constructed for the mirror (a municipal department's report in the 2019 format)",
        set_here="all numbers",
    ),
    Report(
        case="jtj_2020",
        doc_id=3790126,
        date="2021-01-29",
        time="15:10",
        title="昆明市交通运输局2020年政府信息公开工作年度报告",
        publisher="昆明市交通运输局",
        index_no="015169612-202101-790126",
        year=2020,
        fmt="2019",
        render="flat",
        level="部门",
        body="昆明市交通运输局",
        intro=[
            "一、总体情况",
            "2020年，市交通运输局公开了疫情期间客运恢复、道路运输许可和交通建设项目信息。",
        ],
        active=active_2019(
            (0, 0, 0),
            (3, 3, 22),
            (15, 1, 10376),
            (0, 0, 0),
            (3, 0, 868),
            (1, 0, 27),
            (1, 0),
            (4, "86.3"),
        ),
        apply=apply_data(
            new=(12, 2, 0, 0, 0, 0, 14),
            over=(1, 0, 0, 0, 0, 0, 1),
            disclosed=(6, 1, 0, 0, 0, 0, 7),
            noinfo=(4, 1, 0, 0, 0, 0, 5),
            process=(1, 0, 0, 0, 0, 0, 1),
            total=(11, 2, 0, 0, 0, 0, 13),
            forward=(2, 0, 0, 0, 0, 0, 2),
        ),
        style=frozenset({"split", "dash_zero"}),
        note="the 2019 format pasted from Word: one paragraph per cell, headers and a row label broken over two paragraphs, zeros written —",
        source="constructed for the mirror (a municipal department's report in the 2019 format)",
        set_here="all numbers",
    ),
    Report(
        case="czj_2019",
        doc_id=3498761,
        date="2020-01-31",
        time="16:40",
        title="昆明市财政局2019年政府信息公开工作年度报告",
        publisher="昆明市财政局",
        index_no="015168855-202001-498761",
        year=2019,
        fmt="2019",
        render="pdf_text",
        level="部门",
        body="昆明市财政局",
        intro=[
            "一、总体情况",
            "2019年，市财政局按时公开市级预算、决算和三公经费，公开部门预决算的单位覆盖市级全部预算单位。",
        ],
        active=active_2019(
            (0, 0, 0),
            (6, 6, 41),
            (0, 0, 0),
            (3, 0, 152),
            (0, 0, 0),
            (0, 0, 0),
            (2, -1),
            (27, "15246.8"),
        ),
        apply=apply_data(
            new=(9, 1, 0, 0, 0, 0, 10),
            disclosed=(5, 1, 0, 0, 0, 0, 6),
            noinfo=(3, 0, 0, 0, 0, 0, 3),
            other19=(1, 0, 0, 0, 0, 0, 1),
            total=(9, 1, 0, 0, 0, 0, 10),
        ),
        problems=("digits_run_together",),
        note="a PDF of plain text lines (no ruled table): one label and its numbers per line, one row written with its digits run together (0000000)",
        source="constructed for the mirror (a municipal department's report in the 2019 format)",
        set_here="all numbers",
    ),
    Report(
        case="km_2020",
        doc_id=3788450,
        date="2021-03-15",
        time="16:28",
        title="昆明市人民政府2020年政府信息公开工作年度报告",
        publisher="昆明市人民政府办公室",
        index_no="015168425-202103-788450",
        year=2020,
        fmt="2019",
        render="xlsx",
        level="市",
        body="昆明市人民政府",
        intro=[
            "本报告根据《中华人民共和国政府信息公开条例》编制，统计数据见附件（政府信息公开情况统计表）。"
        ],
        active=active_2019(
            (3, 3, 61),
            (58, 58, 1187),
            (231560, 4120, 198342),
            (0, 0, 0),
            (19850, -640, 14327),
            (2310, 45, 1093),
            (146, -12),
            (3892, "186275.4"),
        ),
        apply=apply_data(
            new=(1685, 214, 3, 2, 22, 31, 1957),
            over=(48, 5, 0, 0, 1, 1, 55),
            disclosed=(668, 96, 1, 1, 9, 13, 788),
            partly=(190, 27, 1, 0, 3, 4, 225),
            secret=(1, 0, 0, 0, 0, 0, 1),
            law=(4, 0, 0, 0, 0, 0, 4),
            safety=(2, 0, 0, 0, 0, 0, 2),
            third=(23, 6, 0, 0, 1, 1, 31),
            internal=(12, 2, 0, 0, 0, 0, 14),
            process=(29, 4, 0, 0, 1, 1, 35),
            case=(9, 1, 0, 0, 0, 0, 10),
            query=(33, 3, 0, 0, 0, 1, 37),
            noinfo=(486, 51, 1, 1, 7, 9, 555),
            create=(37, 5, 0, 0, 0, 1, 43),
            unclear=(30, 2, 0, 0, 1, 0, 33),
            complaint=(52, 3, 0, 0, 0, 0, 55),
            repeated=(38, 4, 0, 0, 0, 1, 43),
            publication=(3, 0, 0, 0, 0, 0, 3),
            mass=(7, 0, 0, 0, 0, 0, 7),
            confirm=(5, 1, 0, 0, 0, 0, 6),
            other19=(51, 5, 0, 0, 0, 0, 56),
            total=(1680, 210, 3, 2, 22, 31, 1948),
            forward=(53, 9, 0, 0, 1, 1, 64),
        ),
        review=(24, 3, 1, 4, 32, 9, 1, 0, 3, 13, 4, 0, 1, 1, 6),
        note="an XLSX attachment: the three tables on one sheet with merged cells, numbers as numbers, blanks as empty cells",
        source="https://www.km.gov.cn (昆明市人民政府2020年政府信息公开工作年度报告, published 2021-03-15)",
        set_here="all table numbers",
    ),
    Report(
        case="kmgd_2024",
        doc_id=6968368,
        date="2025-02-19",
        time="09:12",
        title="昆明市官渡区人民政府2024年政府信息公开工作年度报告",
        publisher="昆明市官渡区人民政府办公室",
        index_no="01516963X-202502-968368",
        year=2024,
        fmt="2021",
        render="pdf",
        level="县",
        body="昆明市官渡区人民政府",
        intro=[
            "一、总体情况",
            "2024年，区人民政府组织政府系统38家单位编制主动公开事项目录，新增食品安全、法律服务等专栏，全年区政府门户网站主动公开信息6467条，其中法定主动公开3669条、重点领域1462条。",
            "区人民政府畅通线上、线下5种申请渠道，坚持法律顾问审查和会商办理，依法答复每一件政府信息公开申请。",
            "（一）主动公开情况。坚持以公开为常态、不公开为例外，按照上级法规及政策要求深化主动公开的领域和范围，及时更新组织机构、政府信息公开指南和政府领导信息。",
            "（二）依申请公开办理情况。以法治化、规范化为重点，注重了解申请目的和诉求，确保答复依据充分、程序规范。",
            "（三）政府信息管理情况。落实公开前保密审查和动态调整机制，对已公开的规范性文件开展清理，标注有效性。",
            "（四）平台建设情况。加强政府门户网站和政务新媒体建设，整合网上民生诉求受理渠道。",
        ],
        closing=[
            "五、存在的主要问题及改进情况",
            "个别单位信息更新不及时，将纳入年度考核。",
            "六、其他需要报告的事项",
            "本年度未收取信息处理费。",
        ],
        active=active_2021((0, 0, 0), (12, 5, 86), 21873, 1904, 87, "0"),
        apply=apply_data(
            new=(214, 36, 0, 1, 4, 3, 258),
            over=(9, 2, 0, 0, 0, 0, 11),
            disclosed=(83, 14, 0, 0, 2, 1, 100),
            partly=(21, 4, 0, 0, 0, 0, 25),
            third=(4, 1, 0, 0, 0, 0, 5),
            process=(6, 0, 0, 0, 0, 0, 6),
            query=(3, 0, 0, 0, 0, 0, 3),
            noinfo=(71, 12, 0, 1, 1, 1, 86),
            create=(5, 1, 0, 0, 0, 0, 6),
            unclear=(4, 0, 0, 0, 0, 0, 4),
            complaint=(6, 1, 0, 0, 0, 0, 7),
            repeated=(5, 1, 0, 0, 0, 0, 6),
            overdue=(3, 0, 0, 0, 0, 0, 3),
            other=(2, 0, 0, 0, 0, 1, 3),
            total=(213, 34, 0, 1, 3, 3, 254),
            forward=(10, 4, 0, 0, 1, 0, 15),
        ),
        review=(6, 1, 0, 1, 8, 2, 0, 0, 1, 3, 1, 0, 0, 0, 1),
        note="a ruled PDF table broken over two pages: the 收到和处理 table continues on page 2 without its header",
        source="http://www.kmgd.gov.cn/c/2025-02-19/6968368.shtml (昆明市官渡区人民政府2024年政府信息公开工作年度报告)",
        set_here="all table numbers (the public copy's opening gives 38 units, 6467/3669/1462 items and 5 channels)",
    ),
    Report(
        case="kmpl_wsjkj_2025",
        doc_id=7100631,
        date="2026-01-22",
        time="10:36",
        title="昆明市盘龙区卫生健康局2025年政府信息公开工作年度报告",
        publisher="昆明市盘龙区卫生健康局",
        index_no="MB1A71620-202601-100631",
        year=2025,
        fmt="2021",
        render="docx",
        level="部门",
        body="昆明市盘龙区卫生健康局",
        intro=[
            "一、总体情况",
            "2025年，区卫生健康局公开公共卫生、医疗服务、职业健康和行业监管信息，通过区政府门户网站公示行政处罚47件、行政许可1143件，全年受理政府信息公开申请6件，均按时答复。",
        ],
        closing=["五、存在的主要问题及改进情况", "政策解读形式较单一，将增加图解解读。"],
        active=active_2021((0, 0, 0), (0, 0, 0), 1143, 47, 0, "0"),
        apply=apply_data(new=one(6), disclosed=one(4), noinfo=one(2), total=one(6)),
        note="a DOCX attachment with merged cells (vertical and horizontal), zeros written 0",
        source="http://www.kmpl.gov.cn/c/2026-01-22/7100631.shtml (昆明市盘龙区卫生健康局2025年政府信息公开工作年度报告)",
        set_here="the split of the 6 requests (4 disclosed, 2 not held; all from natural persons); 行政许可/行政处罚 are the published counts of 公示 entries",
    ),
    Report(
        case="km_2009",
        doc_id=1045320,
        date="2010-03-30",
        time="09:00",
        title="昆明市2009年政府信息公开工作年度报告",
        publisher="昆明市人民政府办公厅",
        index_no="686175779-201003-045320",
        year=2009,
        fmt="free",
        render="prose",
        level="市",
        body="昆明市",
        intro=[
            "2009年，市政府办公厅按照《中华人民共和国政府信息公开条例》的要求，继续办好《昆明市人民政府公报》和政府网站，受理公民、法人和其他组织的政府信息公开申请。",
            "一、加强组织领导",
            "办公厅成立政府信息公开工作领导小组，领导小组办公室设在办文处，负责日常工作。",
            "二、健全工作制度",
            "完成政府信息公开指南和公开目录的编制，建立保密审查和依申请公开工作流程。",
            "三、依申请公开情况",
            "全年受理政府信息公开申请，均在规定期限内答复，未发生行政复议和行政诉讼。",
        ],
        note="a free-form report from before the 2019 format: recognised, format free, no cells",
        source="https://www.km.gov.cn/zfxxgk/zfxxgknb/2009n/ (昆明市2009年政府信息公开工作年度报告)",
    ),
    Report(
        case="km_2014",
        doc_id=1318828,
        date="2015-01-15",
        time="19:37",
        title="昆明市2014年政府信息公开工作年度总结报告",
        publisher="昆明市人民政府办公厅",
        index_no="686175779-201501-318828",
        year=2014,
        fmt="free",
        render="prose",
        level="市",
        body="昆明市",
        intro=[
            "一、概述",
            "2014年，市政府办公厅按照“谁主管、谁负责”“谁公开、谁审查”的原则做好政府信息公开，继续办好《昆明市人民政府公报》。",
            "二、主动公开政府信息情况",
            "全年通过政府网站和公报主动公开政府文件，做好政策解读和热点回应。",
            "三、依申请公开政府信息情况",
            "依申请公开的受理、办理和答复流程进一步规范。",
        ],
        note="a free-form 年度总结报告 with section headings like the later format's but no tables",
        source="http://shzypc.net/zfxxgk/zfxxgknb/2014n/ (a stored copy of 昆明市2014年政府信息公开工作年度总结报告)",
    ),
    Report(
        case="dzxq_lk_2022",
        doc_id=6650991,
        date="2023-01-29",
        time="14:20",
        title="云南滇中新区临空先进制造业发展局（临空先进制造业区管委会）2022年政府信息公开工作年度报告",
        publisher="云南滇中新区临空先进制造业发展局",
        index_no="MB2F18350-202301-650991",
        year=2022,
        fmt="free",
        render="prose",
        level="部门",
        body="云南滇中新区临空先进制造业发展局（临空先进制造业区管委会）",
        intro=[
            "一、总体情况",
            "自2022年10月成立以来，发展局坚持把政务公开融入日常工作，及时公开机构职能和工作动态。",
            "二、主动公开政府信息情况",
            "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况",
            "五、存在的主要问题及改进情况",
            "机构成立不久，工作人员业务水平还需提高，将加强培训。",
            "六、其他需要报告的事项",
            "本年度未收取信息处理费。",
        ],
        problems=("no_tables",),
        note="a 2022 report whose tables were published as images: the headings are there, no table can be read (format free, problem no_tables)",
        source="http://www.dzxq.gov.cn/c/2023-01-29/6650991.shtml (its tables are images on the public copy too)",
    ),
]

# A page of the column that names the report without being one.
NOTICE: dict[str, Any] = {
    "doc_id": 4652210, "date": "2023-01-05", "time": "10:00",
    "title": "昆明市人民政府办公室关于做好2022年度政府信息公开工作年度报告编制和发布工作的通知",
    "publisher": "昆明市人民政府办公室", "index_no": "015168425-202301-652210",
    "paragraphs": ["各县（市）区人民政府，市政府各委、办、局：",
                   "请按照国家规定的年度报告格式，于2023年1月31日前在本单位政府网站公布2022年政府信息公开工作年度报告，并报送市政府办公室。",
                   "昆明市人民政府办公室", "2023年1月5日"],
}  # fmt: skip


# -- HTML ------------------------------------------------------------------------------------


def esc(text: str) -> str:
    return html.escape(text, quote=False)


def cell_html(text: str) -> str:
    return "<br>".join(esc(t) for t in text.split("\n")) if text else "&nbsp;"


def table_html(grid: Grid) -> str:
    rows = []
    for row in grid:
        tds = []
        for text, rs, cs in row:
            attrs = (f' rowspan="{rs}"' if rs > 1 else "") + (f' colspan="{cs}"' if cs > 1 else "")
            tds.append(
                f'<td{attrs} style="border:1px solid #000;text-align:center;">{cell_html(text)}</td>'
            )
        rows.append("<tr>" + "".join(tds) + "</tr>")
    return ('<table border="1" cellspacing="0" cellpadding="0" style="border-collapse:collapse;width:100%;"><tbody>\n'
            + "\n".join(rows) + "\n</tbody></table>")  # fmt: skip


def flat_html(grid: Grid) -> str:
    """A table pasted from Word into the editor as text: one paragraph per cell, in order."""
    out = []
    for row in grid:
        for text, _, _ in row:
            for part in text.split("\n"):
                out.append(f"<p>{esc(part) if part else '&nbsp;'}</p>")
    return "\n".join(out)


def para(text: str) -> str:
    return f'<p style="text-indent:2em;">{esc(text)}</p>'


def report_body(r: Report) -> tuple[str, list[str]]:
    """The body HTML of a report's page, and its paragraphs (prose pages: the body text)."""
    parts = [para(p) for p in r.intro]
    lines = list(r.intro)
    if r.render in ("table", "flat"):
        render = table_html if r.render == "table" else flat_html
        parts.append(para("二、主动公开政府信息情况"))
        if r.render == "table":
            for block in split_active(active_grid(r)):
                parts.append(render(block))
        else:
            parts.append(render(active_grid(r)))
        parts.append(para("三、收到和处理政府信息公开申请情况"))
        parts.append(render(apply_grid(r)))
        parts.append(para("四、政府信息公开行政复议、行政诉讼情况"))
        if "review_rows" in r.style:
            parts.extend(render(grid) for grid in review_by_rows(r))
        else:
            parts.append(render(review_grid(r)))
        parts.extend(para(p) for p in r.closing)
    elif r.attachment_ext:
        name = f"{r.title}.{r.attachment_ext}"
        parts.append(para(f"{r.body}{r.year}年政府信息公开工作年度报告全文及统计表见附件。"))
        parts.append(f'<p>附件：<a href="{r.attachment_path}" target="_blank">{esc(name)}</a></p>')
    else:
        parts.extend(para(p) for p in r.closing)
        lines += r.closing
    return "\n".join(parts), lines


def split_active(grid: Grid) -> list[Grid]:
    """The 主动公开 table as one table per 第二十条 item (as many sites publish it)."""
    blocks: list[Grid] = []
    for row in grid:
        if len(row) == 1 and row[0][0].startswith("第二十条"):
            blocks.append([])
        blocks[-1].append(row)
    return blocks


STYLE = """body{margin:0;font-family:"Microsoft YaHei",SimSun,sans-serif;font-size:14px;color:#333;}
.w1200{width:1200px;margin:0 auto;}
.header{height:120px;background:#b3282d;}
.content-table table{width:100%;border-collapse:collapse;margin-bottom:20px;}
.content-table td{border:1px solid #ddd;padding:6px 10px;}
.footer{background:#f0f0f0;padding:20px 0;text-align:center;line-height:26px;margin-top:30px;}"""


def shell(title: str, head_meta: str, location: str, main: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="SiteName" content="昆明市人民政府">
<meta name="SiteDomain" content="www.km.gov.cn">
<meta name="SiteIDCode" content="5301000001">
{head_meta}<title>{esc(title)}-昆明市人民政府</title>
<style type="text/css">
{STYLE}
</style>
</head>
<body>
<div class="header"><div class="w1200"><a href="/" class="logo"><img src="/images/logo.png" alt="昆明市人民政府"></a></div></div>
<div class="w1200 main">
<div class="location">当前位置：<a href="/">首页</a> &gt; <a href="/zfxxgk/">政府信息公开</a> &gt; {location}</div>
{main}
</div>
<div class="footer"><div class="w1200">
<p>主办单位：昆明市人民政府办公室　　网站标识码5301000001</p>
<p><a href="https://beian.miit.gov.cn/" target="_blank">滇ICP备05003617号</a></p>
</div></div>
</body>
</html>
"""


def detail_page(doc_id: int, date: str, time: str, title: str, publisher: str, index_no: str,
                body_html: str) -> str:  # fmt: skip
    meta = (
        f'<meta name="ColumnName" content="政府信息公开年报">\n<meta name="ArticleTitle" content="{esc(title)}">\n'
        f'<meta name="PubDate" content="{date} {time}">\n<meta name="ContentSource" content="{esc(publisher)}">\n'
    )
    main = f"""<div class="content">
<div class="content-table"><table>
<tr><td class="label">索引号：</td><td>{esc(index_no)}</td><td class="label">主题分类：</td><td>政府信息公开年报</td></tr>
<tr><td class="label">发布机构：</td><td>{esc(publisher)}</td><td class="label">发布日期：</td><td>{date}</td></tr>
<tr><td class="label">名 称：</td><td colspan="3">{esc(title)}</td></tr>
</table></div>
<div class="title-box"><h2>{esc(title)}</h2><p class="info">发布时间：{date} {time}&nbsp;&nbsp;&nbsp;字号：[ 大 中 小 ]</p></div>
<div class="activity" id="zoom">
{body_html}
</div>
</div>"""
    return shell(title, meta, f'<a href="{COLUMN}">政府信息公开年报</a>', main)


def list_pages(items: list[tuple[str, str, str]]) -> list[str]:
    """The column's list pages: (url, title, date) newest first, PER_PAGE a page."""
    pages = [items[i : i + PER_PAGE] for i in range(0, len(items), PER_PAGE)]
    out = []
    for page in pages:
        rows = "\n".join(
            f'<div class="data-table-item"><p class="w659"><a href="{url[len(HOST) :]}" target="_blank" title="{esc(title)}">{esc(title)}</a></p><p class="w80">{date.replace("-", ".")}</p></div>'
            for url, title, date in page
        )
        main = f"""<div class="right-list">
<div class="list-title"><span>政府信息公开年报</span></div>
<div class="data-table">
{rows}
</div>
<div class="page" id="page"></div>
<script type="text/javascript">
  var PageIndex = 1; var m = location.href.match(/index_(\\d+)\\.shtml/);
  if (m) {{ PageIndex = parseInt(m[1]) + 1; }}
  PageIndex = PageIndex>{len(pages)}?{len(pages)}:PageIndex;
  createPage(PageIndex, {len(pages)}, "index", "shtml");
</script>
</div>"""
        out.append(
            shell(
                "政府信息公开年报",
                '<meta name="ColumnName" content="政府信息公开年报">\n',
                "政府信息公开年报",
                main,
            )
        )
    return out


# -- files -----------------------------------------------------------------------------------


def zip_bytes(members: Iterable[tuple[str, bytes]]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data, compresslevel=6)
    return buf.getvalue()


def normalize_zip(data: bytes) -> bytes:
    """An OOXML package with fixed timestamps (python-docx and openpyxl stamp the clock)."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        members = [(i.filename, z.read(i)) for i in z.infolist()]
    fixed = []
    for name, blob in members:
        if name == "docProps/core.xml":
            text = blob.decode("utf-8")
            text = re.sub(
                r"(<dcterms:(?:created|modified)[^>]*>)[^<]*", r"\g<1>2021-01-01T00:00:00Z", text
            )
            blob = text.encode("utf-8")
        fixed.append((name, blob))
    return zip_bytes(fixed)


def all_grids(r: Report) -> list[tuple[str, Grid]]:
    return [("二、主动公开政府信息情况", active_grid(r)),
            ("三、收到和处理政府信息公开申请情况", apply_grid(r)),
            ("四、政府信息公开行政复议、行政诉讼情况", review_grid(r))]  # fmt: skip


def make_docx(r: Report) -> bytes:
    import docx
    from docx.shared import Pt

    d = docx.Document()
    core = d.core_properties
    core.author = core.last_modified_by = r.body
    core.title = r.title
    core.created = core.modified = core.last_printed = dt.datetime(2021, 1, 1, tzinfo=dt.UTC)
    core.revision = 1
    d.styles["Normal"].font.size = Pt(12)
    d.add_heading(r.title, level=1)
    for p in r.intro:
        d.add_paragraph(p)
    for heading, grid in all_grids(r):
        d.add_paragraph(heading)
        width = grid_width(grid)
        t = d.add_table(rows=len(grid), cols=width)
        t.style = "Table Grid"
        for ri, c, (text, rs, cs) in placed(grid):
            top = t.cell(ri, c)
            if rs > 1 or cs > 1:
                top = top.merge(t.cell(ri + rs - 1, c + cs - 1))
            top.text = text.replace("\n", "")
    for p in r.closing:
        d.add_paragraph(p)
    buf = io.BytesIO()
    d.save(buf)
    return normalize_zip(buf.getvalue())


def xlsx_value(text: str) -> Any:
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    return text or None


def make_xlsx(r: Report) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "政府信息公开情况统计表"
    wb.properties.creator = wb.properties.lastModifiedBy = r.body
    wb.properties.created = wb.properties.modified = dt.datetime(2021, 1, 1, tzinfo=dt.UTC)
    row0 = 1
    ws.cell(row=row0, column=1, value=f"{r.title}（统计表）")  # the sheet's heading
    row0 += 2
    for heading, grid in all_grids(r):
        ws.cell(row=row0, column=1, value=heading)
        row0 += 1
        for ri, c, (text, rs, cs) in placed(grid):
            value: Any = text.replace("\n", "")
            if re.fullmatch(r"-?\d+(\.\d+)?", value):
                value = int(value) if "." not in value else float(value)
            ws.cell(row=row0 + ri, column=c + 1, value=value if value != "" else None)
            if rs > 1 or cs > 1:
                ws.merge_cells(start_row=row0 + ri, start_column=c + 1, end_row=row0 + ri + rs - 1,
                               end_column=c + cs)  # fmt: skip
        row0 += len(grid) + 1
    ws.column_dimensions["A"].width = 30
    buf = io.BytesIO()
    wb.save(buf)
    return normalize_zip(buf.getvalue())


FONT = "STSong-Light"


def _pdf_styles() -> Any:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    body = ParagraphStyle(
        "body", fontName=FONT, fontSize=11, leading=17, firstLineIndent=22, wordWrap="CJK"
    )
    cell = ParagraphStyle(
        "cell", fontName=FONT, fontSize=8, leading=10, alignment=1, wordWrap="CJK"
    )
    title = ParagraphStyle(
        "title", fontName=FONT, fontSize=15, leading=22, alignment=1, wordWrap="CJK"
    )
    return body, cell, title


def make_pdf(r: Report) -> bytes:
    """A ruled PDF: paragraphs, and each table drawn with its merged cells; the 收到和处理 table
    is long enough to run over onto the next page, where it goes on without its header."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    body, cell, title = _pdf_styles()
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=18 * mm, bottomMargin=18 * mm, invariant=1,
                            title=r.title, author=r.body)  # fmt: skip
    story: list[Any] = [Paragraph(esc(r.title), title), Spacer(1, 6)]
    story += [Paragraph(esc(p), body) for p in r.intro]
    for heading, grid in all_grids(r):
        story.append(Paragraph(esc(heading), body))
        width = grid_width(grid)
        data: list[list[Any]] = [["" for _ in range(width)] for _ in grid]
        spans = []
        for ri, c, (text, rs, cs) in placed(grid):
            data[ri][c] = Paragraph(esc(text.replace("\n", "")), cell)
            if rs > 1 or cs > 1:
                spans.append(("SPAN", (c, ri), (c + cs - 1, ri + rs - 1)))
        if width == 10:  # 收到和处理: three label columns, seven numbers
            widths = [12 * mm, 14 * mm, 50 * mm] + [14 * mm] * 7
        elif width == 4:
            widths = [50 * mm, 40 * mm, 40 * mm, 40 * mm]
        else:
            widths = [(174 * mm) / width] * width
        table = Table(data, colWidths=widths, splitByRow=1, splitInRow=0)
        table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                                   ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), *spans]))  # fmt: skip
        story.append(table)
        story.append(Spacer(1, 8))
    story += [Paragraph(esc(p), body) for p in r.closing]
    doc.build(story)
    return buf.getvalue()


def text_lines(r: Report) -> list[str]:
    """The report as plain lines: a label and its numbers per line, as a PDF without ruled
    tables gives them back; the first 不予公开 reason has its digits run together."""
    out = [r.title, *r.intro, "二、主动公开政府信息情况"]
    for heading, headers, rows, _ in active_blocks(r.fmt):
        out.append(heading)
        out.append("信息内容 " + " ".join(headers))
        for code in rows:
            out.append(
                row_label(code, r.fmt)
                + " "
                + " ".join(show(v, r.style, "active") for v in r.active[code])
            )
    out.append("三、收到和处理政府信息公开申请情况")
    out.append("申请人情况 自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计")
    for code in apply_rows(r.fmt):
        if code == "apply.result.disclosed":
            out.append("三、本年度办理结果")
        for group, label in GROUP_LABELS.items():
            kids = [c for c in apply_rows(r.fmt) if c.startswith(group + ".")]
            if kids and code == kids[0]:
                out.append(label)
        values = [show(v, r.style) for v in r.apply.get(code, Z7)]
        if code == "apply.result.not_disclosed.state_secret":
            out.append(row_label(code, r.fmt) + "".join(values))
        else:
            out.append(row_label(code, r.fmt) + " " + " ".join(values))
    out.append("四、政府信息公开行政复议、行政诉讼情况")
    out.append("行政复议 行政诉讼")
    out.append("结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉 复议后起诉")
    out.append(" ".join(show(v, r.style) for v in r.review))
    out += r.closing
    return out


def make_pdf_text(r: Report) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    _pdf_styles()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1, pageCompression=1)
    c.setTitle(r.title)
    y = 800
    for line in text_lines(r):
        chunks = (
            [line[i : i + 44] for i in range(0, len(line), 44)]
            if len(line) > 44 and " " not in line
            else [line]
        )
        for chunk in chunks:
            if y < 60:
                c.showPage()
                y = 800
            c.setFont(FONT, 10)
            c.drawString(50, y, chunk)
            y -= 16
    c.showPage()
    c.save()
    return buf.getvalue()


MAKERS: dict[str, Callable[[Report], bytes]] = {
    "pdf": make_pdf, "pdf_text": make_pdf_text, "docx": make_docx, "xlsx": make_xlsx,
}  # fmt: skip
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


# -- writing ---------------------------------------------------------------------------------


def write(path: Path, data: bytes | str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)


def dump(obj: Any) -> str:
    """Indented JSON with one line per cell, so a diff shows which cell changed."""
    if "cells" not in obj:
        return json.dumps(obj, ensure_ascii=False, indent=2) + "\n"
    head = json.dumps({k: v for k, v in obj.items() if k != "cells"}, ensure_ascii=False, indent=2)
    cells = ",\n".join("    " + json.dumps(c, ensure_ascii=False) for c in obj["cells"])
    body = f'  "cells": [\n{cells}\n  ]' if cells else '  "cells": []'
    return head[:-2] + ",\n" + body + "\n}\n"


def expected(r: Report, url: str, content_type: str, source_type: str) -> dict[str, Any]:
    return {
        "url": url,
        "content_type": content_type,
        "document_url": r.url,
        "title": f"{r.title}（统计表）"
        if r.render == "xlsx"
        else r.title,  # the file's own heading
        "report_year": r.year,
        "publisher": r.body,
        "level": r.level,
        "format": "free" if r.fmt == "free" else r.fmt,
        "source_type": source_type,
        "problems": sorted(r.problems),
        "headline": headline(r),
        "cells": expected_cells(r),
    }


def site_expected(url: str, title: str, index_no: str, publisher: str, date: str, time: str,
                  lines: list[str]) -> dict[str, Any]:  # fmt: skip
    org, period, serial = index_no.split("-")
    return {
        "url": url, "title": title, "index_no": index_no,
        "index_no_parts": {"org_code": org, "period": period, "serial": serial},
        "topic": "政府信息公开年报", "publisher": publisher,
        "publish_date": f"{date}T{time}:00+08:00", "doc_no": None, "keywords": [],
        "body_text": "\n".join(lines), "attachments": [],
    }  # fmt: skip


SOURCES_HEAD = """# Annual-report fixtures: what each case is and where its facts come from

Written by `mirror/generate_km_gov.py` (do not edit by hand). Each `<case>.<ext>` is a
政府信息公开工作年度报告 as the archive receives it — a detail page of the Kunming CMS, or the
PDF, DOCX or XLSX attached to one — and `<case>.expected.json` holds what must be read from it:
the report's year, body, level, format, source type, headline numbers, problem kinds and every
cell (row code, column code, value, the cell's text as published). The same files are served
by the offline mirror `mirror/km_gov/` (the portal's 政府信息公开年报 column), so `make demo`
builds the `annual_reports` tables from them.

The bodies, years and titles are those of real reports, found in public stored copies of the
pages (addresses below; most pages were published on the body's own site, and the mirror puts
them all in the portal's column). The prose is written for the mirror. Where the public copy
gives a number (requests received, penalties, items published) the tables use it; every other
number is set for the mirror, and the last column says which. The cases marked "constructed"
name a real body but no real report of it: they cover renderings (the 2019 format, totals
that do not add up, a PDF of plain lines) no public copy at hand showed in full. Reserved
material (the annual reports of `changwu/pingtan-gov-zwgk-archive` and Shanghai's) is not
used.

`notice_2022.html` is a page of the same column that names the reports without being one (a
notice about writing them): it must not be recognised.

| case | file | format | source | what it covers | the real report | numbers set for the mirror |
|---|---|---|---|---|---|---|
"""


# Cases written by hand, not by this script: the page and its expected JSON are kept as they are.
HAND_CASES = {
    "yjj_2020": (
        "yjj_2020.html", "2021", "html",
        "a page of another mirror (km_yjj, mirror/generate_km_yjj.py) read as it is, expected "
        "cells written by hand: 不予公开 and 不予处理 given as subtotals without their reasons, "
        "（七）总计 written 总计, no numbering, the suits as rows of their own table",
        "the km_yjj mirror's 昆明市应急管理局2020年政府信息公开工作年度报告 "
        "(https://yjj.km.gov.cn/c/2021-01-28/3815366.shtml)",
        "as that mirror sets them",
    ),
}  # fmt: skip


def sources_md() -> str:
    rows = []
    for r in REPORTS:
        ext = r.attachment_ext or "html"
        source = {"table": "html", "flat": "text", "prose": "html"}.get(r.render, ext)
        rows.append(
            f"| `{r.case}` | `{r.case}.{ext}` | {r.fmt} | {source} | {r.note} | {r.source} | "
            f"{r.set_here or '—'} |"
        )
    for case, (file, fmt, source, note, real, set_here) in HAND_CASES.items():
        rows.append(f"| `{case}` | `{file}` | {fmt} | {source} | {note} | {real} | {set_here} |")
    return SOURCES_HEAD + "\n".join(rows) + "\n"


def main() -> None:
    for r in REPORTS:
        wrong = consistent(r)
        if r.fmt != "free" and bool(wrong) != bool(set(r.problems) - {"digits_run_together"}):
            raise SystemExit(f"{r.case}: arithmetic {wrong} against declared problems {r.problems}")
    if OUT.exists():
        shutil.rmtree(OUT)
    for stale in FIX.glob("*") if FIX.exists() else []:
        if stale.name.split(".")[0] not in HAND_CASES:
            stale.unlink()
    for stale in SITE_FIX.glob("*.expected.json") if SITE_FIX.exists() else []:
        stale.unlink()
    write(OUT / "robots.txt", "User-agent: *\nDisallow: /preview/\n")
    items: list[tuple[str, str, str]] = []
    for r in REPORTS:
        body_html, lines = report_body(r)
        page = detail_page(r.doc_id, r.date, r.time, r.title, r.publisher, r.index_no, body_html)
        write(OUT / r.url[len(HOST) + 1 :], page)
        items.append((r.url, r.title, r.date))
        if r.attachment_ext:
            data = MAKERS[r.render](r)
            write(OUT / r.attachment_path.lstrip("/"), data)
            write(FIX / f"{r.case}.{r.attachment_ext}", data)
            source_type = r.attachment_ext
            record = expected(
                r, HOST + r.attachment_path, CONTENT_TYPES[r.attachment_ext], source_type
            )
        else:
            write(FIX / f"{r.case}.html", page)
            source_type = {"table": "html", "flat": "text"}.get(r.render, "html")
            record = expected(r, r.url, "text/html; charset=utf-8", source_type)
        write(FIX / f"{r.case}.expected.json", dump(record))
        if r.render == "prose":
            write(
                SITE_FIX / f"{r.doc_id}.expected.json",
                dump(site_expected(r.url, r.title, r.index_no, r.publisher, r.date, r.time, lines)),
            )
    write(FIX / "SOURCES.md", sources_md())
    n = NOTICE
    url = f"{HOST}/c/{n['date']}/{n['doc_id']}.shtml"
    page = detail_page(n["doc_id"], n["date"], n["time"], n["title"], n["publisher"], n["index_no"],
                       "\n".join(para(p) for p in n["paragraphs"]))  # fmt: skip
    write(OUT / url[len(HOST) + 1 :], page)
    write(FIX / "notice_2022.html", page)
    write(
        SITE_FIX / f"{n['doc_id']}.expected.json",
        dump(
            site_expected(
                url,
                n["title"],
                n["index_no"],
                n["publisher"],
                n["date"],
                n["time"],
                n["paragraphs"],
            )
        ),
    )
    items.append((url, n["title"], n["date"]))
    items.sort(key=lambda i: i[2], reverse=True)
    for i, page in enumerate(list_pages(items)):
        write(OUT / COLUMN.lstrip("/") / ("index.shtml" if i == 0 else f"index_{i}.shtml"), page)
    print(
        f"wrote {len(REPORTS)} reports and a notice into {OUT.relative_to(ROOT)} and {FIX.relative_to(ROOT)}"
    )


if __name__ == "__main__":
    main()
