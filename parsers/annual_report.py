"""政府信息公开工作年度报告: recognise a report and read its statistics, cell by cell.

Pure: a report's title, its text and its tables (as ``parsers.tables`` and
``parsers.attachments`` read them from a page body or an attachment) in, an ``AnnualReport`` out.
README, *Annual reports*, is the specification; ``parsers.annual_report_codes`` the dictionary.

Reading goes by label, as everywhere in the archive: a row is known by its words (本年新收,
属于国家秘密, 规章 …) and a column by its header (自然人, 科研机构, 本年制发件数 …), whatever
the numbering (（一）, 1., 1、), spacing, quotes or full-width digits. Two readers share one
vocabulary:

- the grid reader walks real tables (HTML, DOCX, XLSX, PDF tables) row by row with their
  merged cells expanded; a header row sets the columns until the next header row, so a table
  broken over two PDF pages (the second part without a header) keeps its columns;
- the line reader walks text (bodies pasted from Word with one cell per line, PDF text without
  ruled tables, table rows written as tab-separated lines) and reads a row as its label and the
  numbers after it, in the national format's column order, which is all flattened text keeps.

Tables win: the line reader fills only the sections the grid reader found nothing in. Numbers
are kept as published — blank, 0, —, /, 无 all read as 0 with the text as written kept beside
— and the report's arithmetic is checked, never corrected: each inconsistency is a ``Problem``.
Work is linear in the input and bounded (``MAX_LINES``, ``MAX_LINE_CHARS``, ``MAX_GRID_CELLS``,
``MAX_COLUMNS``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from parsers.annual_report_codes import (
    APPLICANT_COLUMNS,
    APPLY_COLUMNS,
    BY_CODE,
    HEADLINE_CELLS,
    MONEY_COLUMNS,
    OUTCOME_COLUMNS,
    RESULT_GROUPS,
    RESULT_ROWS,
    REVIEW_ROWS,
)
from parsers.figures import fold
from parsers.records import Cell, Table
from parsers.text import norm

MAX_LINES = 20_000  # lines of text read; a report has a few hundred
MAX_LINE_CHARS = 400  # longer lines are prose, never a table row or label
MAX_GRID_CELLS = 20_000  # cells of one table's grid; a report's largest has about 250
MAX_COLUMNS = 40  # wider tables are no statistics table (the widest has 15 columns)
FORMATS = ("2019", "2021", "free")
LEVELS = ("省", "市", "县", "乡镇", "部门")


# -- records --------------------------------------------------------------------------------


@dataclass
class ReportCell:
    """One number of a report's statistics tables, where it stands and how it was written."""

    section: str  # active | apply | review
    row_code: str
    col_code: str
    value: int | str  # a count; money (万元) as an exact decimal string
    value_text: str  # as published: "13", "", "—", "１３"
    row_label: str  # the row's label as written
    col_label: str  # the column's header as written (levels joined by " / ")
    table_index: int | None = None  # the cell in its table (grid reader)
    row_index: int | None = None
    col_index: int | None = None
    position: int | None = None  # offset of the number in the text (line reader)


@dataclass
class Problem:
    """Something in the report that does not add up or could not be read: kept, not fixed."""

    kind: str
    detail: str
    section: str | None = None
    row_code: str | None = None
    col_code: str | None = None


PROBLEM_KINDS = {
    "total_column": "a row's 总计 differs from the sum of its applicant columns",
    "results_total": "（七）总计 differs from the sum of the results (一)–(六)",
    "balance": "本年新收 + 上年结转 differs from 办理结果总计 + 结转下年度继续办理",
    "review_total": "a 行政复议/行政诉讼 总计 differs from the sum of its outcomes",
    "row_unread": "a row was recognised but its numbers could not be matched to its columns",
    "digits_run_together": "a row's numbers were written without separators and read digit "
    "by digit",
    "conflicting_cells": "the same cell was read twice with different values; the first kept",
    "no_tables": "a report of 2019 or later in which no statistics table could be read",
    "unreadable_source": "an attachment of the report could not be read (kept as it is)",
}


@dataclass
class AnnualReport:
    title: str
    report_year: int | None
    publisher: str | None
    level: str | None  # 省 | 市 | 县 | 乡镇 | 部门
    format: str  # 2019 | 2021 | free
    source_type: str  # html | text | pdf | docx | xlsx | xls | csv | txt
    cells: list[ReportCell] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    headline: dict[str, int | str | None] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def as_json(self) -> dict[str, Any]:
        """What ``xxgk report`` prints: the report, each cell with its codes, its labels as
        written and its value, the headline numbers and the problems."""
        return {
            "title": self.title,
            "report_year": self.report_year,
            "publisher": self.publisher,
            "level": self.level,
            "format": self.format,
            "source_type": self.source_type,
            "cells": [
                {
                    "section": c.section,
                    "row_code": c.row_code,
                    "col_code": c.col_code,
                    "row_label": c.row_label,
                    "col_label": c.col_label,
                    "value": c.value,
                    "value_text": c.value_text,
                }
                for c in self.cells
            ],
            "headline": self.headline,
            "problems": [{"kind": p.kind, "detail": p.detail} for p in self.problems],
        }


class NotAReport(ValueError):
    """The input is not a 政府信息公开工作年度报告 (the reason says why)."""


# -- recognising a report -------------------------------------------------------------------

_REPORT_RE = re.compile(
    r"信息公开(?:工作)?(?:年度(?:工作)?(?:总结)?报告|年报)|信息公开工作(?:总结)?报告"
    r"|政务公开(?:工作)?年度报告"
)
# titles that name the report without being one: notices about writing them, the format itself
_NOT_REPORT_RE = re.compile(r"通知|编制|格式|要点|考核|评估|解读|督查|的函")
_CN_DIGIT = str.maketrans("〇零○一二三四五六七八九", "00012345678" + "9")
_YEAR_RE = re.compile(r"((?:19|20)\d{2}|[〇零○一二三四五六七八九]{4})\s*年")
_PERIOD_RE = re.compile(r"(?:统计期限|统计时间|统计期|时间范围)[^。\n]{0,12}?((?:19|20)\d{2})\s*年")
_TRIM = " \t　:：,，、.。《》【】[]「」“”\"'-—_"


def _trim(name: str) -> str:
    """A name without surrounding punctuation; brackets go only when unbalanced."""
    name = name.strip(_TRIM)
    opened = name.count("（") + name.count("(")
    closed = name.count("）") + name.count(")")
    if name.endswith(("）", ")")) and closed > opened:
        name = name[:-1]
    if name.startswith(("（", "(")) and opened > closed:
        name = name[1:]
    return name.strip(_TRIM)


def is_report_title(title: str | None) -> bool:
    """Whether a title names a 政府信息公开工作年度报告 (…年度报告, …年报, …年度总结报告)."""
    if not title:
        return False
    squeezed = "".join(fold(title).split())[:300]
    return bool(_REPORT_RE.search(squeezed)) and not _NOT_REPORT_RE.search(squeezed)


def _year(token: str) -> int:
    return int(token.translate(_CN_DIGIT))


def title_year(title: str) -> tuple[int | None, str | None]:
    """The report's year and the body named before it, from a title such as
    ``昆明市应急管理局2022年政府信息公开工作年度报告``."""
    squeezed = "".join(fold(title).split())[:300]
    m = _REPORT_RE.search(squeezed)
    if m is None:
        return None, None
    years = list(_YEAR_RE.finditer(squeezed))
    before = [y for y in years if y.start() < m.start()]
    chosen = before[-1] if before else (years[0] if years else None)
    if chosen is None:
        return None, _trim(squeezed[: m.start()].removesuffix("政府")) or None
    name = squeezed[: chosen.start()] if chosen.start() < m.start() else squeezed[: m.start()]
    name = _trim(_trim(name).removesuffix("关于").removeprefix("关于"))
    if name.endswith("政府") and not name.endswith("人民政府"):
        name = name[:-2]
    return _year(chosen[1]), name or None


def report_year(title: str, text: str, publish_date: str | None) -> int | None:
    """The year the report covers: from its title, else its statistics period (统计期限为2023年
    1月1日…), else the first year its text names, else the year before publication (reports are
    due by 31 January of the next year)."""
    year, _ = title_year(title)
    if year is not None:
        return year
    head = fold(text[:3000])
    m = _PERIOD_RE.search(head)
    if m is not None:
        return int(m[1])
    m = _YEAR_RE.search(head[:400])
    if m is not None:
        return _year(m[1])
    if publish_date and publish_date[:4].isdigit():
        return int(publish_date[:4]) - 1
    return None


_REGION_SUFFIXES = ("人民政府办公厅", "人民政府办公室", "人民政府")


def level_of(publisher: str | None) -> str | None:
    """省 / 市 / 县 / 乡镇 for a government (XX省人民政府, 昆明市, 官渡区人民政府, XX街道办事处),
    部门 for any other body (局, 委员会, 管委会 …); None when there is no name. A county-level
    city (安宁市) reads as 市: the name alone does not tell."""
    if not publisher:
        return None
    name = "".join(publisher.split())
    if re.search(r"(?:街道办事处|街道|乡人民政府|镇人民政府|乡|镇)$", name):
        return "乡镇"
    region = name
    for suffix in _REGION_SUFFIXES:
        if region.endswith(suffix):
            region = region[: -len(suffix)]
            break
    else:
        if not re.search(r"(?:省|自治区|市|自治州|州|盟|县|自治县|区|旗)$", name):
            return "部门"
    if not region:
        return None
    if region.endswith(("省", "自治区")):
        return "省"
    if region.endswith(("县", "旗", "区")):
        return "县"
    if region.endswith(("市", "州", "盟")):
        # 昆明市安宁市: a city inside a city is county level
        return "县" if re.search(r"(?:市|州).+市$", region) else "市"
    return "部门"


# -- cell values ----------------------------------------------------------------------------

_NUMBER_RE = re.compile(r"^[-+]?\d+(?:\.\d+)?$")
_ZERO_MARKS = frozenset("—–-－─―/／")
_ZERO_WORDS = frozenset({"无", "空", "0件", "零"})
_SUFFIX_RE = re.compile(r"(?:件|项|个|次|万元)$")


def read_value(text: str) -> Decimal | None:
    """The number a statistics cell holds: blank, —, /, 无 are 0; spaces, thousands separators
    and full-width digits are read through; None for text that is no number."""
    t = "".join(fold(text).split()).replace(",", "").replace("，", "")
    if len(t) > 24:
        return None
    if not t or t in _ZERO_WORDS or all(ch in _ZERO_MARKS for ch in t):
        return Decimal(0)
    t = _SUFFIX_RE.sub("", t)
    if not _NUMBER_RE.match(t):
        return None
    try:
        return Decimal(t)
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
        return None


def _cell_value(number: Decimal, col_code: str) -> int | str:
    if col_code in MONEY_COLUMNS:
        return str(number)
    return int(number)


# -- the vocabulary -------------------------------------------------------------------------

_NUMBERING_RE = re.compile(
    r"^(?:[（(]?[一二三四五六七八九十]{1,3}[）)]|[一二三四五六七八九十]{1,3}[、.．]"
    r"|[（(]\d{1,2}[）)]|\d{1,2}(?:[.．、)）]|\s))\s*"
)
_PUNCT_RE = re.compile(r"[\s“”\"'‘’「」『』《》、，,。:：;；·]")


def key(text: str) -> str:
    """A label reduced for matching: no numbering (（一）, 1., 一、), whitespace, quotes or
    punctuation; full-width forms folded."""
    t = fold(text).strip()
    for _ in range(3):
        stripped = _NUMBERING_RE.sub("", t, count=1)
        if stripped == t:
            break
        t = stripped
    return _PUNCT_RE.sub("", t)


# rows of 三、收到和处理政府信息公开申请情况: code -> words its label holds (first match wins)
_APPLY_LEAVES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("apply.new", ("本年新收",)),
    ("apply.carried_over", ("上年结转",)),
    ("apply.carried_forward", ("结转下年",)),
    ("apply.result.partly_disclosed", ("部分公开",)),
    ("apply.result.disclosed", ("予以公开",)),
    ("apply.result.not_disclosed.state_secret", ("国家秘密",)),
    ("apply.result.not_disclosed.law_forbidden", ("法律行政法规禁止", "法规禁止公开")),
    ("apply.result.not_disclosed.three_safety_one_stability", ("三安全一稳定", "危及")),
    ("apply.result.not_disclosed.third_party_rights", ("第三方合法权益", "第三方")),
    ("apply.result.not_disclosed.internal_affairs", ("内部事务",)),
    ("apply.result.not_disclosed.process_info", ("过程性",)),
    ("apply.result.not_disclosed.enforcement_case", ("行政执法案卷", "执法案卷")),
    ("apply.result.not_disclosed.administrative_query", ("行政查询",)),
    ("apply.result.unable.no_info", ("不掌握",)),
    ("apply.result.unable.needs_creation", ("另行制作",)),
    ("apply.result.unable.unclear", ("补正后", "仍不明确")),
    ("apply.result.not_processed.complaint", ("信访", "举报投诉")),
    ("apply.result.not_processed.repeated", ("重复申请",)),
    ("apply.result.not_processed.publication", ("公开出版物",)),
    ("apply.result.not_processed.mass_repeated", ("大量反复",)),
    ("apply.result.not_processed.confirm", ("重新出具", "确认或")),
    ("apply.result.other.overdue_correction", ("逾期不补正",)),
    ("apply.result.other.overdue_fee", ("收费通知", "缴纳费用")),
)
_APPLY_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("apply.result.not_disclosed", ("不予公开",)),
    ("apply.result.unable", ("无法提供",)),
    ("apply.result.not_processed", ("不予处理",)),
    ("apply.result.other", ("其他处理",)),
)
_RESULTS_HEADER = ("本年度办理结果", "办理结果")
_ACTIVE_ROWS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("active.regulations", ("规章",)),
    ("active.normative_docs", ("规范性文件",)),
    ("active.other_services", ("对外管理服务",)),
    ("active.licensing", ("行政许可",)),
    ("active.penalty", ("行政处罚",)),
    ("active.coercion", ("行政强制",)),
    ("active.fees", ("行政事业性收费", "事业性收费")),
    ("active.procurement", ("集中采购",)),
)
_ACTIVE_COLUMNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("made", ("制发件数", "新制作数量", "新制作")),
    ("repealed", ("废止件数", "本年废止")),
    ("in_force", ("现行有效",)),
    ("published", ("新公开数量", "新公开")),
    ("total_published", ("对外公开总数量", "公开总数量")),
    ("items_last_year", ("上一年项目数量", "上一年")),
    ("items_change", ("增/减", "增减")),
    ("decisions", ("处理决定数量", "处理决定")),
    ("fee_amount", ("收费金额",)),
    ("procurement_items", ("采购项目数量",)),
    ("procurement_amount", ("采购总金额",)),
)
_APPLY_COLUMN_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("applicant.natural_person", ("自然人",)),
    ("applicant.legal_person.commercial", ("商业企业",)),
    ("applicant.legal_person.research", ("科研机构",)),
    ("applicant.legal_person.public_interest", ("公益组织",)),
    ("applicant.legal_person.legal_service", ("法律服务机构",)),
)
_REVIEW_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("review.litigation_direct", ("直接起诉",)),
    ("review.litigation_after_reconsideration", ("复议后起诉",)),
    ("review.reconsideration", ("行政复议",)),
)
_OUTCOMES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("outcome.upheld", ("结果维持", "维持")),
    ("outcome.corrected", ("结果纠正", "纠正")),
    ("outcome.other", ("其他结果",)),
    ("outcome.pending", ("尚未审结", "未审结")),
)
_TOTAL_WORDS = frozenset({"总计", "合计"})
_HEADER_MARKS = ("信息内容", "申请人情况", "法人或其他组织", "勾稽关系", "行政诉讼")
_SECTION_HEADINGS: tuple[tuple[str | None, tuple[str, ...]], ...] = (
    ("active", ("主动公开政府信息情况", "主动公开情况")),
    ("apply", ("收到和处理政府信息公开申请", "依申请公开情况", "依申请公开政府信息情况")),
    ("review", ("行政复议行政诉讼情况", "行政复议和提起行政诉讼", "行政复议和行政诉讼")),
    (None, ("存在的主要问题", "其他需要报告的事项")),
)


def _first(text: str, table: Sequence[tuple[str, tuple[str, ...]]]) -> str | None:
    return next((code for code, words in table if any(w in text for w in words)), None)


def section_heading(text: str) -> tuple[bool, str | None]:
    """Whether a line is one of the report's part headings, and which section it opens."""
    k = key(text)
    if not k or len(k) > 40 or text.rstrip().endswith(("。", "；", ";")):
        return False, None
    for section, words in _SECTION_HEADINGS:
        if any(w in k for w in words):
            return True, section
    return False, None


@dataclass(frozen=True)
class Column:
    section: str
    code: str
    label: str  # the header as written
    row: str | None = None  # review tables: the column's group decides the row


def _apply_column(k: str, path: str) -> str | None:
    code = _first(k, _APPLY_COLUMN_WORDS)
    if code:
        return code
    if k == "其他" and ("法人" in path or not path):
        return "applicant.legal_person.other"
    if k in _TOTAL_WORDS:
        return "applicant.total"
    return None


def column_of(path: Sequence[str], section: str | None) -> Column | None:
    """The column a header path names (its header cells from top to bottom, as written)."""
    keys = [key(p) for p in path if key(p)]
    if not keys:
        return None
    joined = "/".join(keys)
    leaf = keys[-1]
    label = " / ".join(norm(p) for p in path if norm(p))
    code = _first(joined, _ACTIVE_COLUMNS)
    if code is not None and section in (None, "active"):
        return Column("active", code, label)
    group = _first(joined, _REVIEW_GROUPS)
    if group is not None and (leaf in _TOTAL_WORDS or _first(leaf, _OUTCOMES)):
        outcome = "outcome.total" if leaf in _TOTAL_WORDS else _first(leaf, _OUTCOMES)
        assert outcome is not None
        return Column("review", outcome, label, group)
    if section == "review":
        # a table with one row per kind (行政复议, 未经复议直接起诉, 复议后起诉): the row says which
        outcome = "outcome.total" if leaf in _TOTAL_WORDS else _first(leaf, _OUTCOMES)
        return Column("review", outcome, label) if outcome is not None else None
    code = _apply_column(leaf, "/".join(keys[:-1]))
    if code is not None and (section == "apply" or leaf not in _TOTAL_WORDS or len(keys) > 1):
        return Column("apply", code, label)
    return None


def header_section(texts: Iterable[str]) -> str | None:
    """Which table a set of header cells heads, from the words only one of them uses."""
    keys = "/".join(key(t) for t in texts)
    if _first(keys, _ACTIVE_COLUMNS) or "信息内容" in keys:
        return "active"
    if _first(keys, _REVIEW_GROUPS) or "行政诉讼" in keys:
        return "review"
    if _first(keys, _APPLY_COLUMN_WORDS) or any(m in keys for m in _HEADER_MARKS[1:4]):
        return "apply"
    return None


def _is_column_word(k: str) -> bool:
    return bool(
        _first(k, _ACTIVE_COLUMNS)
        or _first(k, _APPLY_COLUMN_WORDS)
        or _first(k, _REVIEW_GROUPS)
        or _first(k, _OUTCOMES)
        or k in _TOTAL_WORDS
        or k == "其他"
        or any(m in k for m in _HEADER_MARKS)
    )


# -- reading state shared by both readers ---------------------------------------------------


@dataclass
class _State:
    section: str | None = None
    group: str | None = None  # the apply results group the last rows belong to
    in_results: bool = False  # after 三、本年度办理结果, before 四、结转下年度继续办理
    cells: dict[tuple[str, str], ReportCell] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    format_hint: str = "2021"  # which national format the report seems to follow

    def row_of(self, label: str) -> tuple[str, str] | None:
        """The (section, row code) a row label names, given where the reading stands."""
        k = key(label)
        if not k or len(k) > 40 or label.rstrip().endswith(("。", "；", ";")):
            return None  # a sentence of prose, not a row label (the longest has 29 characters)
        code = _first(k, _APPLY_LEAVES)
        if code is not None:
            return "apply", code
        group = _first(k, _APPLY_GROUPS)
        if group is not None:
            return "apply", group
        if any(w in k for w in _RESULTS_HEADER) and "申请" not in k[:2]:
            return "apply", "apply.result"
        if k in _TOTAL_WORDS and self.in_results:
            return "apply", "apply.result.total"
        if k == "其他" and self.in_results and self.group == "apply.result.other":
            return "apply", "apply.result.other.other"
        code = _first(k, _ACTIVE_ROWS)
        if code is not None and len(k) <= 20:
            return "active", code
        code = _first(k, _REVIEW_GROUPS)
        if code is not None and len(k) <= 12:
            return "review", code  # a 行政复议 / 行政诉讼 table laid out with one row per kind
        return None

    def group_is_row(self, code: str, written: bool) -> bool:
        """Whether a results group's own label is a row with numbers (the 2019 format's
        （六）其他处理, or a subtotal a report adds) rather than the heading of its reasons."""
        if code not in RESULT_GROUPS:
            return True
        return written or (code == "apply.result.other" and self.format_hint == "2019")

    def enter_row(self, section: str, code: str) -> None:
        self.section = section
        if code == "apply.result":
            self.in_results, self.group = True, None
        elif code in ("apply.new", "apply.carried_over", "apply.carried_forward"):
            self.in_results, self.group = False, None
        elif code.startswith("apply.result."):
            self.in_results = True
            parts = code.split(".")
            group = ".".join(parts[:3])
            self.group = group if group in RESULT_GROUPS else None

    def add(self, cell: ReportCell) -> None:
        known = self.cells.get((cell.row_code, cell.col_code))
        if known is None:
            self.cells[(cell.row_code, cell.col_code)] = cell
        elif known.value != cell.value:
            self.problems.append(
                Problem(
                    "conflicting_cells",
                    f"{cell.row_label} × {cell.col_label}: read {known.value_text or '空'} "
                    f"and {cell.value_text or '空'}; the first is kept",
                    cell.section, cell.row_code, cell.col_code,
                )
            )  # fmt: skip


# -- the grid reader ------------------------------------------------------------------------


@dataclass
class _Slot:
    text: str
    start: int  # first grid column it covers in this row
    end: int  # one past the last
    origin: bool  # the cell begins in this row (not a rowspan from above)
    cell: Cell | None


def _grid(table: Table) -> Iterator[tuple[int, list[_Slot]]]:
    """Each row of a table as slots, merged cells expanded: a cell spanning columns is one
    slot; a cell spanning rows appears in every row it covers (``origin`` False below)."""
    if table.n_rows * max(table.n_cols, 1) > MAX_GRID_CELLS or table.n_cols > MAX_COLUMNS:
        return
    owner: dict[tuple[int, int], Cell] = {}
    for origin in table.cells:
        for dr in range(origin.rowspan):
            for dc in range(origin.colspan):
                owner.setdefault((origin.row_index + dr, origin.col_index + dc), origin)
    for r in range(table.n_rows):
        slots: list[_Slot] = []
        for c in range(table.n_cols):
            cell = owner.get((r, c))
            if cell is not None and slots and slots[-1].cell is cell:
                slots[-1].end = c + 1
                continue
            text = cell.text if cell is not None else ""
            slots.append(_Slot(text, c, c + 1, cell is None or cell.row_index == r, cell))
        yield r, slots


class _GridReader:
    def __init__(self, state: _State) -> None:
        self.state = state
        self.header_rows: list[list[_Slot]] = []
        self.columns: dict[int, Column] = {}
        self.n_cols = 0
        self.last_was_header = False

    def read(self, table: Table) -> None:
        self.last_was_header = False
        if self.columns and table.n_cols != self.n_cols:
            self.columns = {}  # another table's columns do not carry over
        for r, slots in _grid(table):
            self._row(table, r, slots)
        self.n_cols = table.n_cols

    def _row(self, table: Table, r: int, slots: list[_Slot]) -> None:
        state = self.state
        texts = [s for s in slots if s.origin and s.text.strip()]
        if len(texts) == 1 and len(slots) > 1:
            is_heading, section = section_heading(texts[0].text)
            if is_heading:
                state.section = section
                self.last_was_header = False
                return
        labels = [s for s in slots if s.text.strip() and read_value(s.text) is None]
        leaf = labels[-1].text if labels else ""
        # a group label to the left of the leaf tells which group a bare 其他 belongs to
        for s in labels[:-1]:
            group = _first(key(s.text), _APPLY_GROUPS)
            if group is not None:
                state.group, state.in_results = group, True
        row = state.row_of(leaf) if leaf else None
        header_words = sum(1 for s in texts if _is_column_word(key(s.text)))
        if row is not None and row[0] == "review" and len(labels) == len(slots):
            row = None  # 行政复议 over its outcome columns: a header, not a row of numbers
        if header_words >= 2 or (header_words == 1 and row is None):
            if not self.last_was_header:
                self.header_rows = []
            self.header_rows.append(slots)
            self.last_was_header = True
            self._set_columns(table.n_cols)
            return
        self.last_was_header = False
        if row is None:
            if not labels and state.section == "review":
                self._review_row(table, r, slots)
            return
        section, code = row
        state.enter_row(section, code)
        if code == "apply.result":
            return
        written = any(s.text.strip() for s in slots if read_value(s.text) is not None)
        if not state.group_is_row(code, written):
            return
        self._emit(table, r, slots, section, code, leaf)

    def _set_columns(self, n_cols: int) -> None:
        columns: dict[int, Column] = {}
        section = header_section(s.text for slots in self.header_rows for s in slots)
        for c in range(n_cols):
            path: list[str] = []
            for slots in self.header_rows:
                slot = next((s for s in slots if s.start <= c < s.end), None)
                if slot is not None and slot.text.strip() and (not path or path[-1] != slot.text):
                    path.append(slot.text)
            column = column_of(path, section or self.state.section)
            if column is not None:
                columns[c] = column
        if columns:
            self.columns = columns
            self.n_cols = n_cols
            sections = {col.section for col in columns.values()}
            if len(sections) == 1:
                self.state.section = sections.pop()

    def _columns_for(self, section: str, slots: list[_Slot]) -> list[tuple[int, Column]]:
        """The header's columns for a row of ``section``; none when the header does not fit
        the row, or names only some of the apply columns while the row has all seven numbers
        (a PDF table's merged header cells come back empty: the national order is surer)."""
        mapped = [(c, col) for c, col in sorted(self.columns.items()) if col.section == section]
        if not mapped or mapped[-1][0] >= (slots[-1].end if slots else 0):
            return []
        partial = {col.code for _, col in mapped} != set(APPLY_COLUMNS)
        if section == "apply" and partial and len(_trailing(slots)) == len(APPLY_COLUMNS):
            return []
        return mapped

    def _emit(
        self, table: Table, r: int, slots: list[_Slot], section: str, code: str, leaf: str
    ) -> None:
        mapped = self._columns_for(section, slots)
        if section == "review":
            mapped = [(c, col) for c, col in mapped if col.row in (None, code)]
        if not mapped:
            self._positional(table, r, slots, section, code, leaf)
            return
        used: set[int] = set()
        for c, column in mapped:
            slot = next((s for s in slots if s.start <= c < s.end), None)
            if slot is None or not slot.origin:
                continue
            number = read_value(slot.text)
            if number is None:
                continue
            if id(slot) in used and number != 0:
                continue  # a number spanning several columns belongs to the first
            used.add(id(slot))
            self.state.add(self._cell(table, r, slot, section, code, column.code, leaf,
                                      column.label, number))  # fmt: skip

    def _positional(
        self, table: Table, r: int, slots: list[_Slot], section: str, code: str, leaf: str
    ) -> None:
        """A row without headers above it (the rest of a table broken over a page): its
        trailing numbers in the national format's column order."""
        order = _default_columns(section, code, self.state)
        trailing = _trailing(slots)
        if len(trailing) > len(order) and order:
            trailing = trailing[-len(order) :]
        if not order or len(trailing) != len(order):
            self.state.problems.append(
                Problem("row_unread", f"{norm(leaf)}: {len(trailing)} numbers for "
                        f"{len(order)} columns", section, code)
            )  # fmt: skip
            return
        for s, col_code in zip(trailing, order, strict=True):
            number = read_value(s.text)
            assert number is not None
            label = _column_label(col_code)
            self.state.add(self._cell(table, r, s, section, code, col_code, leaf, label, number))

    def _review_row(self, table: Table, r: int, slots: list[_Slot]) -> None:
        mapped = [
            (c, col)
            for c, col in sorted(self.columns.items())
            if col.section == "review" and col.row is not None
        ]
        values = [s for s in slots if read_value(s.text) is not None]
        order = [(row, col) for row in REVIEW_ROWS for col in OUTCOME_COLUMNS]
        if len({(col.row, col.code) for _, col in mapped}) < len(order) == len(values):
            mapped = []  # merged header cells came back empty: the national order is surer
        if mapped:
            for c, column in mapped:
                slot = next((s for s in slots if s.start <= c < s.end), None)
                number = read_value(slot.text) if slot is not None else None
                if slot is None or number is None or column.row is None:
                    continue
                label = _row_label(column.row)
                self.state.add(self._cell(table, r, slot, "review", column.row, column.code,
                                          label, column.label, number))  # fmt: skip
            return
        if len(values) != len(order):
            return
        for s, (row, col) in zip(values, order, strict=True):
            number = read_value(s.text)
            assert number is not None
            self.state.add(self._cell(table, r, s, "review", row, col, _row_label(row),
                                      _column_label(col), number))  # fmt: skip

    @staticmethod
    def _cell(
        table: Table,
        r: int,
        slot: _Slot,
        section: str,
        row_code: str,
        col_code: str,
        row_label: str,
        col_label: str,
        number: Decimal,
    ) -> ReportCell:
        return ReportCell(
            section=section,
            row_code=row_code,
            col_code=col_code,
            value=_cell_value(number, col_code),
            value_text=slot.text,
            row_label=norm(row_label),
            col_label=col_label,
            table_index=table.table_index,
            row_index=slot.cell.row_index if slot.cell is not None else r,
            col_index=slot.cell.col_index if slot.cell is not None else slot.start,
        )


def _trailing(slots: list[_Slot]) -> list[_Slot]:
    """The slots after a row's last label: its numbers (blank ones included)."""
    trailing: list[_Slot] = []
    for s in reversed(slots):
        if read_value(s.text) is None:
            break
        trailing.append(s)
    trailing.reverse()
    return trailing


def _row_label(code: str) -> str:
    return BY_CODE[code].label


def _column_label(code: str) -> str:
    return BY_CODE[code].label


# the national format's column order, for text that keeps no column positions
_ACTIVE_ORDER = {
    "2021": {
        "active.regulations": ("made", "repealed", "in_force"),
        "active.normative_docs": ("made", "repealed", "in_force"),
        "active.licensing": ("decisions",),
        "active.penalty": ("decisions",),
        "active.coercion": ("decisions",),
        "active.fees": ("fee_amount",),
    },
    "2019": {
        "active.regulations": ("made", "published", "total_published"),
        "active.normative_docs": ("made", "published", "total_published"),
        "active.licensing": ("items_last_year", "items_change", "decisions"),
        "active.other_services": ("items_last_year", "items_change", "decisions"),
        "active.penalty": ("items_last_year", "items_change", "decisions"),
        "active.coercion": ("items_last_year", "items_change", "decisions"),
        "active.fees": ("items_last_year", "items_change"),
        "active.procurement": ("procurement_items", "procurement_amount"),
    },
}


def _default_columns(section: str, code: str, state: _State) -> tuple[str, ...]:
    if section == "apply":
        return APPLY_COLUMNS
    if section == "active":
        return _ACTIVE_ORDER.get(state.format_hint, _ACTIVE_ORDER["2021"]).get(code, ())
    if section == "review":
        return OUTCOME_COLUMNS
    return ()


# -- the line reader ------------------------------------------------------------------------

_TOKEN_RE = re.compile(r"[^\s]+")


@dataclass
class _Pending:
    section: str
    code: str
    label: str
    expected: tuple[str, ...]  # column codes in order
    col_labels: dict[str, str]
    values: list[tuple[str, int]] = field(default_factory=list)  # (text, position)


def _split_line(line: str, offset: int) -> tuple[str, list[tuple[str, int]]]:
    """A line as its label and the numbers after it (with their offsets): tab-separated
    cells keep blanks; otherwise whitespace separates numbers, and digits glued to the label
    (规章000) come apart from it."""
    if "\t" in line:
        cells: list[tuple[str, int]] = []
        pos = 0
        for part in line.split("\t"):
            cells.append((part, offset + pos))
            pos += len(part) + 1
        label_parts: list[str] = []
        i = 0
        while i < len(cells) and read_value(cells[i][0]) is None:
            label_parts.append(cells[i][0])
            i += 1
        return " ".join(p for p in label_parts if p.strip()), [
            (t.strip(), p) for t, p in cells[i:] if read_value(t) is not None
        ]
    tokens = [(m[0], offset + m.start()) for m in _TOKEN_RE.finditer(line)]
    values: list[tuple[str, int]] = []
    while tokens and read_value(tokens[-1][0]) is not None:
        values.append(tokens.pop())
    values.reverse()
    if tokens:
        last, pos = tokens[-1]
        m = re.search(r"(?<=[^\d.．０-９])([0-9０-９]+)$", last)
        if m is not None and key(last[: m.start()]) and not values:
            tokens[-1] = (last[: m.start()], pos)
            values = [(m[1], pos + m.start())]
    label = line[: tokens[-1][1] - offset + len(tokens[-1][0])] if tokens else ""
    return label, values


class _LineReader:
    def __init__(self, state: _State, format_hint: str) -> None:
        self.state = state
        self.format_hint = format_hint
        self.pending: _Pending | None = None
        self.active_columns: list[tuple[str, str]] = []  # (code, label as written)
        self.apply_labels: dict[str, str] = {}
        self.review_seen = False
        self.last_was_data = True
        self.carry = ""  # a short line that may be the first half of a header

    def read(self, lines: Iterable[tuple[str, int]]) -> None:
        for line, offset in lines:
            self._line(line, offset)
        self._flush()

    def _line(self, raw: str, offset: int) -> None:
        state = self.state
        line = raw.strip()
        if not line or len(line) > MAX_LINE_CHARS:
            self._flush()
            return
        is_heading, section = section_heading(line)
        if is_heading:
            self._flush()
            state.section = section
            state.in_results, state.group = False, None
            self.review_seen = False
            return
        label, values = _split_line(raw, offset)
        k = key(label)
        if not k:
            if values:
                self._values(values)
            return
        row = state.row_of(label)
        if row is None:
            pending = self.pending
            continues = pending is not None and not pending.values and not values
            if pending is not None and continues and len(k) <= 12 and not _is_column_word(k):
                pending.label += label.strip()  # the rest of a label broken over two lines
                return
            self._flush()
            carry, self.carry = self.carry, ""
            parts = label.split() if len(k) <= 120 else []
            if parts and any(_is_column_word(key(p)) for p in parts):
                for part in parts:  # 信息内容 本年制发件数 本年废止件数 … on one line
                    self._header(part, key(part))
            elif carry and _is_column_word(key(carry + label)):
                self._header(carry + label.strip(), key(carry + label))  # 本年制发 / 件数
            elif len(k) <= 10 and not values:
                self.carry = label.strip()
            return
        self.carry = ""
        self._flush()
        self.last_was_data = True
        section, code = row
        state.enter_row(section, code)
        if code == "apply.result":
            return
        expected = self._expected(section, code)
        self.pending = _Pending(section, code, label, expected, self._labels(section))
        if values:
            self._values(values)

    def _header(self, label: str, k: str) -> None:
        state = self.state
        if self.last_was_data:
            self.active_columns = []
        self.last_was_data = False
        column = _first(k, _ACTIVE_COLUMNS)
        if column is not None:
            state.section = "active"
            self.active_columns.append((column, norm(label)))
            return
        if _first(k, _REVIEW_GROUPS) or _first(k, _OUTCOMES) or "行政诉讼" in k:
            state.section = "review"
            self.review_seen = True
            return
        if state.section == "review" and k in _TOTAL_WORDS:
            self.review_seen = True
            return
        code = _apply_column(k, "")
        if code is not None or any(m in k for m in _HEADER_MARKS[1:4]):
            state.section = "apply"
            if code is not None:
                self.apply_labels.setdefault(code, norm(label))

    def _labels(self, section: str) -> dict[str, str]:
        if section == "active":
            return {code: label for code, label in self.active_columns}
        if section == "apply":
            return dict(self.apply_labels)
        return {}

    def _expected(self, section: str, code: str) -> tuple[str, ...]:
        if section == "review":
            return OUTCOME_COLUMNS
        if section == "active":
            codes = tuple(c for c, _ in self.active_columns)
            default = _ACTIVE_ORDER.get(self.format_hint, _ACTIVE_ORDER["2021"]).get(code, ())
            return codes or default
        return APPLY_COLUMNS

    def _values(self, values: list[tuple[str, int]]) -> None:
        if self.pending is None:
            if self.state.section == "review" and self.review_seen:
                order = tuple(f"{row}|{col}" for row in REVIEW_ROWS for col in OUTCOME_COLUMNS)
                self.pending = _Pending("review", "review", "", order, {})
            else:
                return
        self.pending.values.extend(values)
        if len(self.pending.values) >= len(self.pending.expected):
            self._flush()

    def _flush(self) -> None:
        pending, self.pending = self.pending, None
        if pending is None:
            return
        state = self.state
        values = pending.values
        expected = pending.expected
        if not values:
            return  # a group's heading (its reasons follow), or a row flattened to nothing
        if len(values) == 1 and len(expected) > 1 and len(values[0][0]) == len(expected):
            text, pos = values[0]
            if text.isdigit():
                values = [(ch, pos + i) for i, ch in enumerate(text)]
                state.problems.append(
                    Problem("digits_run_together", f"{norm(pending.label)}: {text} read as "
                            f"{' '.join(text)}", pending.section, pending.code)
                )  # fmt: skip
        if len(values) != len(expected):
            label = norm(pending.label) or "行政复议、行政诉讼"
            state.problems.append(
                Problem("row_unread", f"{label}: {len(values)} numbers for {len(expected)} "
                        "columns", pending.section, pending.code)
            )  # fmt: skip
            return
        for (text, pos), col in zip(values, expected, strict=True):
            number = read_value(text)
            if number is None:
                continue
            if pending.code == "review":  # the 15 numbers under the national header
                row_code, col_code = col.split("|")
                row_label, col_label = _row_label(row_code), _column_label(col_code)
            else:
                row_code, col_code = pending.code, col
                row_label = norm(pending.label)
                col_label = pending.col_labels.get(col) or _column_label(col)
            state.add(
                ReportCell(pending.section, row_code, col_code, _cell_value(number, col_code),
                           text, row_label, col_label, position=pos)
            )  # fmt: skip


def _lines(text: str) -> Iterator[tuple[str, int]]:
    offset = 0
    for n, line in enumerate(text.split("\n")):
        if n >= MAX_LINES:
            return
        yield line, offset
        offset += len(line) + 1


# -- format, checks, headline ---------------------------------------------------------------

_FORMAT_2021_WORDS = ("本年制发件数", "本年废止件数", "现行有效件数", "本年收费金额", "逾期不补正",
                      "〔2021〕30号", "[2021]30号")  # fmt: skip
_FORMAT_2019_WORDS = ("本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量",
                      "〔2019〕60号", "[2019]60号")  # fmt: skip


def format_hint(text: str, tables: Sequence[Table], year: int | None) -> str:
    """2021 or 2019: from the words only one format uses, else from the year (reports on
    2019 and 2020 used the 2019 format)."""
    words = "".join(fold(text[:200_000]).split())
    words += "".join("".join(c.text.split()) for t in tables for c in t.cells[:400])
    has_2021 = any(w in words for w in _FORMAT_2021_WORDS)
    has_2019 = any(w in words for w in _FORMAT_2019_WORDS)
    if has_2021 != has_2019:
        return "2021" if has_2021 else "2019"
    return "2019" if year is not None and year < 2021 else "2021"


def _format_of(cells: Sequence[ReportCell], hint: str) -> str:
    cols = {c.col_code for c in cells}
    rows = {c.row_code for c in cells}
    if cols & {"repealed", "in_force", "fee_amount"} or any(
        r.startswith("apply.result.other.") for r in rows
    ):
        return "2021"
    if cols & {"published", "total_published", "items_last_year", "items_change",
               "procurement_items", "procurement_amount"}:  # fmt: skip
        return "2019"
    return hint


def _ints(cells: dict[tuple[str, str], ReportCell]) -> dict[tuple[str, str], int]:
    return {k: c.value for k, c in cells.items() if isinstance(c.value, int)}


def _group_value(values: dict[tuple[str, str], int], group: str, col: str) -> int | None:
    if (group, col) in values:
        return values[(group, col)]
    kids = [v for (r, c), v in values.items() if c == col and r.startswith(group + ".")]
    return sum(kids) if kids else None


def check(cells: dict[tuple[str, str], ReportCell], unread: Iterable[str] = ()) -> list[Problem]:
    """The report's arithmetic, as the national format states it; every difference a problem.
    Sums that need a row which could not be read (``unread`` row codes) are not checked."""
    values = _ints(cells)
    skip = set(unread)
    results_unread = any(code.startswith("apply.result.") for code in skip)
    problems: list[Problem] = []
    rows = sorted({r for (r, c) in values if r.startswith("apply.")}, key=_order)
    for row in rows:
        if row in skip:
            continue
        total = values.get((row, "applicant.total"))
        parts = [values.get((row, col)) for col in APPLICANT_COLUMNS]
        if total is None or any(p is None for p in parts):
            continue
        summed = sum(p for p in parts if p is not None)
        if summed != total:
            problems.append(Problem(
                "total_column", f"{_row_label(row)}: 自然人与法人或其他组织之和 {summed}，"
                f"总计 {total} · applicants sum to {summed}, total says {total}",
                "apply", row, "applicant.total"))  # fmt: skip
    for col in APPLY_COLUMNS:
        results = [_group_value(values, r, col) for r in RESULT_ROWS]
        total = values.get(("apply.result.total", col))
        given = [v for v in results if v is not None]
        if total is not None and given and sum(given) != total and not results_unread:
            problems.append(Problem(
                "results_total", f"{_column_label(col)}: 办理结果（一）至（六）之和 {sum(given)}，"
                f"（七）总计 {total} · results sum to {sum(given)}, total says {total}",
                "apply", "apply.result.total", col))  # fmt: skip
        terms = [
            values.get((r, col))
            for r in (
                "apply.new",
                "apply.carried_over",
                "apply.result.total",
                "apply.carried_forward",
            )
        ]
        if all(t is not None for t in terms) and not skip & {
            "apply.new",
            "apply.carried_over",
            "apply.carried_forward",
        }:
            new, over, done, forward = (t or 0 for t in terms)
            if new + over != done + forward:
                problems.append(Problem(
                    "balance", f"{_column_label(col)}: 新收 {new} + 上年结转 {over} = "
                    f"{new + over}，办理 {done} + 结转下年度 {forward} = {done + forward} · "
                    "received and carried over differ from handled and carried forward",
                    "apply", "apply.result.total", col))  # fmt: skip
    for row in REVIEW_ROWS:
        total = values.get((row, "outcome.total"))
        parts = [values.get((row, col)) for col in OUTCOME_COLUMNS[:-1]]
        if total is None or all(p is None for p in parts):
            continue
        summed = sum(p or 0 for p in parts)
        if summed != total:
            problems.append(Problem(
                "review_total", f"{_row_label(row)}: 维持、纠正、其他、尚未审结之和 {summed}，"
                f"总计 {total} · outcomes sum to {summed}, total says {total}",
                "review", row, "outcome.total"))  # fmt: skip
    return problems


_CODE_ORDER = {c: i for i, c in enumerate(BY_CODE)}


def _order(code: str) -> int:
    return _CODE_ORDER.get(code, len(_CODE_ORDER))


def headline(cells: dict[tuple[str, str], ReportCell]) -> dict[str, int | str | None]:
    """The numbers most asked for, each an integer (fees: a decimal string in 万元) or None
    when the report does not give it. Result groups count their reasons where no subtotal is
    given; litigation adds both kinds of suit."""
    values = _ints(cells)
    out: dict[str, int | str | None] = {}
    for name, (row, col) in HEADLINE_CELLS.items():
        if name == "fees_wan_yuan":
            cell = cells.get((row, col))
            out[name] = str(cell.value) if cell is not None else None
        elif row.endswith("*"):
            found = [values[(r, col)] for r in REVIEW_ROWS[1:] if (r, col) in values]
            out[name] = sum(found) if found else None
        elif row in RESULT_GROUPS:
            out[name] = _group_value(values, row, col)
        else:
            out[name] = values.get((row, col))
    return out


# -- reading a report -----------------------------------------------------------------------


def read_report(
    title: str,
    text: str,
    tables: Sequence[Table] = (),
    *,
    publisher: str | None = None,
    publish_date: str | None = None,
    source_type: str = "html",
) -> AnnualReport:
    """Read a report from its title, text and tables (a page body, or an attachment's text).

    ``publisher`` (the page's 发布机构) stands in when the title names no body;
    ``source_type`` is the kind of source (html for a page, else the attachment's type); a
    page read from its text alone says ``text``. Reports on years before 2019 are free-form:
    recognised, with no cells read.
    """
    year = report_year(title, text, publish_date)
    _, named = title_year(title)
    body = named or (norm(publisher) if publisher else None)
    report = AnnualReport(
        title=norm(title), report_year=year, publisher=body, level=level_of(body),
        format="free", source_type=source_type,
    )  # fmt: skip
    if year is not None and year < 2019:
        report.headline = headline({})
        return report
    hint = format_hint(text, tables, year)
    state = _State(format_hint=hint)
    grid = _GridReader(state)
    for table in tables:
        grid.read(table)
    from_tables = dict(state.cells)
    found = {c.section for c in from_tables.values()}
    lines = _State(format_hint=hint)
    _LineReader(lines, hint).read(_lines(text))
    cells = dict(from_tables)
    for k, cell in lines.cells.items():
        if cell.section not in found:
            cells.setdefault(k, cell)
    problems = list(state.problems)
    problems += [p for p in lines.problems if p.section not in found]
    ordered = sorted(cells.values(), key=lambda c: (_order(c.row_code), _order(c.col_code)))
    report.cells = ordered
    if ordered:
        report.format = _format_of(ordered, hint)
        if source_type == "html" and all(c.table_index is None for c in ordered):
            report.source_type = "text"
        problems += check(cells, {p.row_code for p in problems if p.row_code})
    elif year is not None:
        problems.append(Problem("no_tables", f"{year}年的报告中没有读到统计表 · no statistics "
                                "table could be read (images, or an unknown layout)"))  # fmt: skip
    report.problems = problems
    report.headline = headline(cells)
    return report


def report_title(*candidates: str | None, text: str = "") -> str | None:
    """The first candidate that names a report, else the first of the text's opening lines
    that does (an attachment's own heading)."""
    for candidate in candidates:
        if is_report_title(candidate):
            return candidate
    for n, line in enumerate(text.split("\n", 12)[:12]):
        if n < 12 and is_report_title(line) and len(line) <= 120:
            return norm(line)
    return None


def parse_report_file(
    body: bytes, url: str, content_type: str | None = None, family: str = "km"
) -> AnnualReport:
    """Read one saved report — a detail page, or an attachment (PDF, DOCX, XLSX, XLS, text) —
    from its bytes. Raises ``NotAReport`` with the reason when it is not one."""
    from urllib.parse import unquote, urlsplit

    from parsers.attachments import extract, sniff
    from parsers.errors import PageError
    from parsers.registry import parse_detail

    path = urlsplit(url).path
    ext = path.rsplit(".", 1)[-1].lower() if "." in path.rsplit("/", 1)[-1] else None
    kind = sniff(body, ext)
    html_type = content_type is not None and "html" in content_type.lower()
    if kind == "html" or (html_type and kind in ("txt", "html")):
        try:
            doc = parse_detail(body, url, content_type, family=family)
        except PageError as exc:
            raise NotAReport(f"not a document page: {exc}") from None
        title = doc.title or ""
        if not is_report_title(title):
            raise NotAReport(f"the title {title!r} names no 政府信息公开工作年度报告")
        return read_report(title, doc.body_text, doc.tables, publisher=doc.publisher,
                           publish_date=doc.publish_date, source_type="html")  # fmt: skip
    content = extract(body, url, content_type, ext)
    if content.status != "ok":
        raise NotAReport(f"the file cannot be read ({content.detected_type}): {content.reason}")
    name = unquote(path.rsplit("/", 1)[-1])
    named = report_title(name, text=content.text)
    if named is None:
        raise NotAReport("neither the file name nor the file's opening lines name a "
                         "政府信息公开工作年度报告")  # fmt: skip
    return read_report(named, content.text, content.tables, source_type=content.detected_type)
