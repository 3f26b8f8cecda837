"""政府信息公开工作年度报告: recognition, cells against hand-checked fixtures, arithmetic checks.

Each case of ``tests/fixtures/annual_reports/`` is ``<case>.expected.json``: a report as the
archive gets it (a page, or the PDF/DOCX/XLSX attachment), named by its canonical ``url`` and
read from where the mirrors serve it (``case_file``), with every cell that must be read, the
headline numbers and the problems. ``python -m tests.test_annual_report`` prints the cell
precision and recall per format and per source type, with every miss.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parsers.annual_report import (
    AnnualReport,
    NotAReport,
    is_report_title,
    key,
    level_of,
    parse_report_file,
    read_report,
    read_value,
    report_year,
    title_year,
)
from parsers.annual_report_codes import BY_CODE, CODES, HEADLINE_KEYS
from parsers.attachments import extract
from parsers.records import Cell, Table
from parsers.registry import parse_detail
from tests.conftest import CANONICAL
from xxgk.tooling import page_for

FIX = Path(__file__).resolve().parent / "fixtures" / "annual_reports"
CASES = sorted(p.name[: -len(".expected.json")] for p in FIX.glob("*.expected.json"))


def expected(case: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIX / f"{case}.expected.json").read_text("utf-8"))
    return data


# the cases the km_gov mirror serves (the others are pages of other mirrors, read as they are)
KM_GOV_CASES = [
    c for c in CASES if expected(c)["document_url"].startswith("https://www.km.gov.cn/")
]


# a page about the reports that is not one (a case of the km_gov site)
NOTICE = FIX.parent / "km_gov" / "4652210.shtml"


def case_file(case: str) -> Path:
    """The file the mirrors serve at the case's URL (a km_gov or km_yjj page or attachment)."""
    url = expected(case)["url"]
    site_id = next(s for s, base in CANONICAL.items() if url.startswith(base + "/"))
    return page_for(site_id, CANONICAL[site_id], url)[0]


def read_case(case: str) -> AnnualReport:
    exp = expected(case)
    return parse_report_file(case_file(case).read_bytes(), exp["url"], exp["content_type"])


def cell_scores(cases: list[str]) -> dict[str, Any]:
    """Precision and recall of cells (a cell is right when its row, column and value are),
    overall, per format and per source type; and every miss."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # right, read, expected
    misses: list[str] = []
    for case in cases:
        exp = expected(case)
        got = {(c.row_code, c.col_code): c.value for c in read_case(case).cells}
        want = {(c["row_code"], c["col_code"]): c["value"] for c in exp["cells"]}
        right = sum(1 for k, v in got.items() if want.get(k) == v and k in want)
        for group in ("all", f"format {exp['format']}", f"source {exp['source_type']}"):
            counts[group][0] += right
            counts[group][1] += len(got)
            counts[group][2] += len(want)
        for k in sorted(set(got) | set(want)):
            if got.get(k) != want.get(k):
                misses.append(f"{case}: {k[0]} × {k[1]}: read {got.get(k)!r}, want {want.get(k)!r}")
    scores = {
        group: {
            "precision": right / read if read else 1.0,
            "recall": right / total if total else 1.0,
            "cells": total,
        }
        for group, (right, read, total) in sorted(counts.items())
    }
    return {"scores": scores, "misses": misses}


def score_table(result: dict[str, Any]) -> str:
    lines = [f"{'':16} {'precision':>9} {'recall':>7} {'cells':>6}"]
    for group, s in result["scores"].items():
        lines.append(f"{group:16} {s['precision']:9.4f} {s['recall']:7.4f} {s['cells']:6d}")
    return "\n".join(lines + result["misses"])


# -- the fixtures -----------------------------------------------------------------------------


def test_fixtures_cover_every_format_and_source_type() -> None:
    seen = {(expected(c)["format"], expected(c)["source_type"]) for c in CASES}
    formats = {f for f, _ in seen}
    sources = {s for f, s in seen if f != "free"}
    assert formats == {"2019", "2021", "free"}
    assert sources == {"html", "text", "pdf", "docx", "xlsx"}
    assert any("total_column" in expected(c)["problems"] for c in CASES)


def test_cell_accuracy_per_format_and_source_type(capsys: pytest.CaptureFixture[str]) -> None:
    result = cell_scores(CASES)
    with capsys.disabled():
        print("\nannual-report cells:\n" + score_table(result))
    for group, s in result["scores"].items():
        assert s["precision"] >= 0.99, (group, result["misses"])
        assert s["recall"] >= 0.99, (group, result["misses"])


@pytest.mark.parametrize("case", CASES)
def test_report_fields(case: str) -> None:
    exp = expected(case)
    report = read_case(case)
    assert report.title == exp["title"]
    assert report.report_year == exp["report_year"]
    assert report.publisher == exp["publisher"]
    assert report.level == exp["level"]
    assert report.format == exp["format"]
    assert report.source_type == exp["source_type"]
    assert sorted({p.kind for p in report.problems}) == exp["problems"]


@pytest.mark.parametrize("case", CASES)
def test_cells_keep_the_text_as_published(case: str) -> None:
    exp = expected(case)
    got = {(c.row_code, c.col_code): c for c in read_case(case).cells}
    for cell in exp["cells"]:
        read = got[(cell["row_code"], cell["col_code"])]
        assert (read.section, read.value, read.value_text) == (
            cell["section"], cell["value"], cell["value_text"]
        ), cell  # fmt: skip


@pytest.mark.parametrize("case", CASES)
def test_headline(case: str) -> None:
    exp = expected(case)
    report = read_case(case)
    assert tuple(report.headline) == HEADLINE_KEYS
    if exp["headline"]:
        assert report.headline == exp["headline"]
    else:
        assert set(report.headline.values()) == {None}


@pytest.mark.parametrize("case", [c for c in CASES if expected(c)["cells"]])
def test_every_cell_points_at_where_it_was_read(case: str) -> None:
    """A grid cell names its table, row and column; a text cell its offset in the text."""
    exp = expected(case)
    body = case_file(case).read_bytes()
    if exp["content_type"].startswith("text/html"):
        doc = parse_detail(body, exp["url"], exp["content_type"])
        text, tables = doc.body_text, doc.tables
    else:
        content = extract(body, exp["url"], exp["content_type"])
        text, tables = content.text, content.tables
    grid: dict[tuple[int, int | None, int | None], str] = {
        (t.table_index, c.row_index, c.col_index): c.text for t in tables for c in t.cells
    }
    for cell in read_case(case).cells:
        if cell.table_index is not None:
            assert grid[(cell.table_index, cell.row_index, cell.col_index)] == cell.value_text
        else:
            assert cell.position is not None
            if cell.value_text:
                assert text[cell.position :].startswith(cell.value_text), cell


def test_a_table_broken_over_two_pdf_pages_is_read_whole() -> None:
    content = extract(case_file("kmgd_2024").read_bytes(), "x.pdf")
    report = read_case("kmgd_2024")
    tables = {c.table_index for c in report.cells if c.section == "apply"}
    assert len(tables) == 2 and len(content.tables) >= 4  # the apply table is two tables
    assert report.headline["result_total"] == 254


def test_the_notice_about_reports_is_not_one() -> None:
    with pytest.raises(NotAReport, match="names no"):
        parse_report_file(
            NOTICE.read_bytes(),
            "https://www.km.gov.cn/c/2023-01-05/4652210.shtml",
            "text/html; charset=utf-8",
        )


def test_a_file_that_names_no_report_is_refused() -> None:
    with pytest.raises(NotAReport, match="opening lines"):
        parse_report_file(b"\xef\xbb\xbf2023\xe5\xb9\xb4\n", "https://x.gov.cn/a.txt", None)


# -- recognition ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "is_report"),
    [
        ("昆明市应急管理局2022年政府信息公开工作年度报告", True),
        ("五华科技产业园管理委员会2022年度政府信息公开工作年度报告", True),
        ("昆明市2014年政府信息公开工作年度总结报告", True),
        ("2023年政府信息公开年报", True),
        ("宿州市人民政府2019年政府信息公开工作年度报告（图片版）", True),
        ("昆明市 2 0 2 1 年 政府信息公开 工作年度报告", True),
        ("国家统计局2008年政府信息公开工作报告", True),
        ("某区2022年度政务公开工作年度报告", True),
        ("关于报送2021年政府信息公开工作报告的通知", False),
        ("关于做好2022年度政府信息公开工作年度报告编制和发布工作的通知", False),
        ("《中华人民共和国政府信息公开工作年度报告格式》", False),
        ("2022年政府信息公开工作年度报告解读", False),
        ("昆明市应急管理局政府信息公开指南", False),
        ("昆明市应急管理局2022年部门决算", False),
        ("", False),
        (None, False),
    ],
)
def test_is_report_title(title: str | None, is_report: bool) -> None:
    assert is_report_title(title) is is_report


@pytest.mark.parametrize(
    ("title", "year", "body"),
    [
        ("昆明市应急管理局2022年政府信息公开工作年度报告", 2022, "昆明市应急管理局"),
        ("五华科技产业园管理委员会2022年度政府信息公开工作年度报告", 2022,
         "五华科技产业园管理委员会"),
        ("昆明市2009年政府信息公开工作年度报告", 2009, "昆明市"),
        ("云南滇中新区临空先进制造业发展局（临空先进制造业区管委会）2022年政府信息公开工作年度报告",
         2022, "云南滇中新区临空先进制造业发展局（临空先进制造业区管委会）"),
        ("关于昆明市财政局2019年政府信息公开工作年度报告", 2019, "昆明市财政局"),
        ("昆明市财政局二〇二〇年政府信息公开工作年度报告", 2020, "昆明市财政局"),
        ("昆明市２０２３年政府信息公开工作年度报告", 2023, "昆明市"),
        ("政府信息公开工作年度报告（2021年）", 2021, None),
        ("政府信息公开年报", None, None),
        ("国家统计局2008年政府信息公开工作报告", 2008, "国家统计局"),
    ],
)  # fmt: skip
def test_title_year_and_body(title: str, year: int | None, body: str | None) -> None:
    assert title_year(title) == (year, body)


def test_report_year_without_one_in_the_title() -> None:
    period = "本报告中所列数据统计期限为2023年1月1日至2023年12月31日。"
    assert report_year("政府信息公开年报", period, "2024-01-20") == 2023
    assert report_year("政府信息公开年报", "2021年，本局……", None) == 2021
    assert report_year("政府信息公开年报", "", "2024-01-20T10:00:00+08:00") == 2023
    assert report_year("政府信息公开年报", "", None) is None


@pytest.mark.parametrize(
    ("publisher", "level"),
    [
        ("云南省人民政府", "省"), ("云南省人民政府办公厅", "省"), ("广西壮族自治区人民政府", "省"),
        ("昆明市人民政府", "市"), ("昆明市", "市"), ("昆明市人民政府办公室", "市"),
        ("宜良县人民政府", "县"), ("昆明市官渡区人民政府", "县"), ("昆明市安宁市人民政府", "县"),
        ("石林彝族自治县人民政府", "县"), ("官渡区关上街道办事处", "乡镇"),
        ("宜良县狗街镇人民政府", "乡镇"),
        ("昆明市应急管理局", "部门"), ("五华科技产业园管理委员会", "部门"),
        ("昆明市人民政府国有资产监督管理委员会", "部门"), (None, None), ("", None),
    ],
)  # fmt: skip
def test_level_of(publisher: str | None, level: str | None) -> None:
    assert level_of(publisher) == level


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("13", "13"), ("", "0"), ("0", "0"), ("—", "0"), ("——", "0"), ("-", "0"), ("/", "0"),
        ("无", "0"), ("１３", "13"), ("1 024", "1024"), ("1,024", "1024"), (" 1 3 ", "13"),
        ("8932.16", "8932.16"), ("８９３２．１６", "8932.16"), ("-3", "-3"), ("13件", "13"),
        ("自然人", None), ("第二十条第（一）项", None), ("1" * 30, None),
    ],
)  # fmt: skip
def test_read_value(text: str, value: str | None) -> None:
    got = read_value(text)
    assert (str(got) if got is not None else None) == value


def test_key_drops_numbering_punctuation_and_width() -> None:
    assert key("（三）不予公开") == "不予公开"
    assert key("3.危及“三安全一稳定”") == "危及三安全一稳定"
    assert key("２．其他法律、行政法规禁止公开") == "其他法律行政法规禁止公开"
    assert key("四、结转下年度继续办理") == "结转下年度继续办理"
    assert key(" 本年制发\n件数 ") == "本年制发件数"


# -- reading text ------------------------------------------------------------------------------

APPLY_TEXT = """三、收到和处理政府信息公开申请情况
申请人情况 自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计
一、本年新收政府信息公开申请数量 5 1 0 0 0 0 6
二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0
三、本年度办理结果
（一）予以公开 3 1 0 0 0 0 4
（六）其他处理
1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 1 0 0 0 0 0 1
3.其他 1 0 0 0 0 0 1
（七）总计 5 1 0 0 0 0 6
四、结转下年度继续办理 0 0 0 0 0 0 0
"""


def test_a_bare_other_belongs_to_its_group() -> None:
    report = read_report("某局2022年政府信息公开工作年度报告", APPLY_TEXT)
    rows = {c.row_code for c in report.cells}
    assert "apply.result.other.other" in rows
    assert "applicant.legal_person.other" in {c.col_code for c in report.cells}
    assert report.headline["result_other"] == 2
    assert report.problems == []


def test_totals_that_do_not_add_up_are_problems_not_corrections() -> None:
    text = APPLY_TEXT.replace("（七）总计 5 1 0 0 0 0 6", "（七）总计 5 1 0 0 0 0 7")
    report = read_report("某局2022年政府信息公开工作年度报告", text)
    kinds = sorted(p.kind for p in report.problems)
    assert kinds == ["balance", "results_total", "total_column"]
    assert report.headline["result_total"] == 7  # as published


def test_a_row_that_cannot_be_aligned_is_reported() -> None:
    text = APPLY_TEXT.replace("（一）予以公开 3 1 0 0 0 0 4", "（一）予以公开 3 1 4")
    report = read_report("某局2022年政府信息公开工作年度报告", text)
    assert [p.kind for p in report.problems] == ["row_unread"]  # no sum over a missing row
    assert "apply.result.disclosed" not in {c.row_code for c in report.cells}


def test_reports_before_2019_are_free_form() -> None:
    report = read_report("昆明市2014年政府信息公开工作年度报告", APPLY_TEXT)
    assert (report.format, report.cells, report.problems) == ("free", [], [])


def test_format_from_the_words_only_one_format_uses() -> None:
    text2019 = "信息内容 本年新制作数量 本年新公开数量 对外公开总数量\n规章 1 1 9\n"
    text2019 += APPLY_TEXT.split("（六）")[0] + "（六）其他处理 1 0 0 0 0 0 1\n"
    report = read_report("某局2022年政府信息公开工作年度报告", text2019)
    assert report.format == "2019"
    assert {c.col_code for c in report.cells if c.section == "active"} == {
        "made", "published", "total_published"
    }  # fmt: skip
    assert report.headline["result_other"] == 1


def grid_table(rows: list[list[str]], index: int = 0) -> Table:
    cells = [Cell(r, c, text) for r, row in enumerate(rows) for c, text in enumerate(row)]
    return Table(index, None, None, None, len(rows), max(len(r) for r in rows), cells)


def test_one_merged_table_of_all_active_items() -> None:
    rows = [
        ["第二十条第（一）项", "", "", ""],
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
        ["规章", "1", "0", "5"],
        ["第二十条第（五）项", "", "", ""],
        ["信息内容", "本年处理决定数量", "", ""],
        ["行政许可", "1 024", "", ""],
        ["第二十条第（八）项", "", "", ""],
        ["信息内容", "本年收费金额（单位：万元）", "", ""],
        ["行政事业性收费", "0.35", "", ""],
    ]
    report = read_report("某局2022年政府信息公开工作年度报告", "", [grid_table(rows)])
    assert report.headline["regulations_in_force"] == 5
    assert report.headline["licensing_decisions"] == 1024
    assert report.headline["fees_wan_yuan"] == "0.35"


# -- bounded on any input ----------------------------------------------------------------------

WORDS = ["规章", "总计", "其他", "自然人", "1.属于国家秘密", "（三）不予公开", "行政复议", "0",
         "12", "—", "", "三、本年度办理结果", "信息内容", "本年制发件数", "\t", " ", "\n",
         "结果维持"]  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.sampled_from(WORDS) | st.text(max_size=8), max_size=200),
    st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=12), max_size=20),
)
def test_never_raises_on_any_input(words: list[str], rows: list[list[str]]) -> None:
    tables = [grid_table(rows)] if rows else []
    report = read_report("某局2022年政府信息公开工作年度报告", "\n".join(words), tables)
    assert report.format in ("2019", "2021", "free")
    for cell in report.cells:
        assert cell.row_code in BY_CODE and cell.col_code in BY_CODE


def test_time_is_linear_in_the_input() -> None:
    unit = APPLY_TEXT + "正文段落，" * 20 + "\n"

    def seconds(n: int) -> float:
        start = time.perf_counter()
        read_report("某局2022年政府信息公开工作年度报告", unit * n)
        return time.perf_counter() - start

    small, large = seconds(20), seconds(200)
    assert large < small * 30 + 0.5  # ten times the input, not a hundred times the time


def test_huge_tables_and_lines_cost_little() -> None:
    wide = grid_table([["总计"] * 5000, ["0"] * 5000])
    tall = grid_table([["一、本年新收政府信息公开申请数量", "1"]] * 30_000)
    start = time.perf_counter()
    read_report("某局2022年政府信息公开工作年度报告", "规章 " + "1 " * 100_000, [wide, tall])
    assert time.perf_counter() - start < 5


def test_the_readme_prints_the_dictionary() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text("utf-8")
    for c in CODES:
        row = (
            f"| `{c.code}` | {c.kind} | {c.label} | {c.label_2019 or ''} | {c.formats} | {c.unit} |"
        )
        assert row in readme, row
    for name in HEADLINE_KEYS:
        assert f"`{name}`" in readme, name


def test_the_dictionary_is_complete() -> None:
    codes = [c.code for c in CODES]
    assert len(codes) == len(set(codes))
    for c in CODES:
        assert c.kind in ("row", "column") and c.section in ("active", "apply", "review")
        assert c.label and c.unit and c.description and c.formats in ("2019 2021", "2019", "2021")


if __name__ == "__main__":
    print(score_table(cell_scores(CASES)))
