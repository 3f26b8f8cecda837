"""Figure extraction: the forms the README promises, what is not a figure, and no crash ever."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parsers.figures import KINDS, chinese_int, decimal_str, extract
from parsers.records import Figure
from parsers.tables import read_body
from parsers.text import parse_html


def only(text: str) -> Figure:
    figures = list(extract(text))
    assert len(figures) == 1, [f.text for f in figures]
    return figures[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("部门预算总收入4924.01万元。", ("4924.01万元", "4924.01", "万元", "49240100", "money")),
        (
            "安全生产投入494,400.00万元",
            ("494,400.00万元", "494400.00", "万元", "4944000000", "money"),
        ),
        ("完成率９８．６％", ("９８．６％", "98.6", "%", "98.6", "percent")),
        ("占总支出的26.61 %，", ("26.61 %", "26.61", "%", "26.61", "percent")),
        ("总投资1.2亿元", ("1.2亿元", "1.2", "亿元", "120000000", "money")),
        ("接待游客3.5万人次", ("3.5万人次", "3.5", "万人次", "35000", "count")),
        ("补助资金一千七百万元", ("一千七百万元", "1700", "万元", "17000000", "money")),
        ("设立十二个工作组", ("十二个", "12", "个", "12", "count")),
        ("得分98.8分", ("98.8分", "98.8", "分", "98.8", "score")),
        ("提高0.5个百分点", ("0.5个百分点", "0.5", "个百分点", "0.5", "percentage_point")),
        ("排查隐患2.3万余项", ("2.3万余项", "2.3", "万项", "23000", "count")),
        ("检查4652家次", ("4652家次", "4652", "家次", "4652", "count")),
        ("植树造林1.5万亩", ("1.5万亩", "1.5", "万亩", "15000", "area")),
        ("储备物资320吨", ("320吨", "320", "吨", "320", "weight")),
        ("修建道路12.5公里", ("12.5公里", "12.5", "公里", "12.5", "length")),
        ("值守24小时", ("24小时", "24", "小时", "24", "duration")),
        ("15个工作日内答复", ("15个工作日", "15", "个工作日", "15", "duration")),
        ("增长了2倍", ("2倍", "2", "倍", "2", "multiple")),
        ("变化为-57.39%", ("-57.39%", "-57.39", "%", "-57.39", "percent")),
    ],
)
def test_forms(text: str, expected: tuple[str, str, str, str, str]) -> None:
    fig = only(text)
    assert (fig.text, fig.value, fig.unit, fig.value_base, fig.kind) == expected
    assert text[fig.position : fig.position + len(fig.text)] == fig.text


@pytest.mark.parametrize(
    ("text", "approximate"),
    [("救援人员3000余人", True), ("两千余人", True), ("二十多个", True), ("约5万元", True),
     ("近200人", True), ("50%以上", True), ("100人左右", True), ("共100人", False)],
)  # fmt: skip
def test_approximation(text: str, approximate: bool) -> None:
    assert only(text).approximate is approximate


def test_ranges() -> None:
    fig = only("每个社区给予5-10万元的补助")
    assert (fig.text, fig.value, fig.value_max, fig.value_base, fig.value_base_max) == (
        "5-10万元", "5", "10", "50000", "100000"
    )  # fmt: skip
    assert only("处置时间为3～5天").value_max == "5"


@pytest.mark.parametrize(
    ("text", "direction"),
    [("同比下降38.38%", "down"), ("比上年增长12.5%", "up"), ("较预算减少7.32万元", "down"),
     ("执行率为97.84%", None)],
)  # fmt: skip
def test_direction(text: str, direction: str | None) -> None:
    assert only(text).direction == direction


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("2020年部门预算总收入4924.01万元，其中", "部门预算总收入"),
        ("部门预算总收入为4924.01万元", "部门预算总收入"),
        ("其中基本支出1310.28万元", "基本支出"),
        ("立案查处违法违规行为317起", "立案查处违法违规行为"),
        ("年末结转和结余138.46万元", "年末结转和结余"),
        ("2021年年初预算4924.01万元", "年初预算"),
        ("，4924.01万元", None),
    ],
)
def test_labels(text: str, label: str | None) -> None:
    assert only(text).label == label


def test_context_is_the_clause() -> None:
    fig = only("全年共发生事故61起。其他内容")
    assert fig.context == "全年共发生事故61起"


@pytest.mark.parametrize(
    "text",
    [
        "2020年", "2020年度部门决算", "截至12月31日", "2022-07-08 18:50", "2021.09.13", "9时30分",
        "昆应急〔2020〕78号", "筑府办函[2020]78号", "索引号：745280713-202207-386095",
        "电话：0871-63123456", "手机13888888888", "邮编：650000", "1. 总体情况", "（三）加强监管",
        "一、总体情况", "第十二条", "第3批", "见 https://yjj.km.gov.cn/c/2021/1.shtml 100",
        "组织一次演练", "开展一批项目", "十分重要", "共有20", "2019年1月组建",
        "落实中央八项规定精神", "树牢“四个意识”", "坚决做到“两个维护”",
    ],
)  # fmt: skip
def test_not_figures(text: str) -> None:
    assert [f.text for f in extract(text)] == []


def test_chinese_numerals() -> None:
    assert [chinese_int(n) for n in ("十二", "两千", "一千七百", "三百零五", "一万二千", "十")] == [
        12, 2000, 1700, 305, 12000, 10
    ]  # fmt: skip
    assert decimal_str(__import__("decimal").Decimal("49240100.00")) == "49240100"


def _body(html: str) -> tuple[str, list[Any], list[Figure]]:
    root = parse_html(f"<div id='b'>{html}</div>")
    (body,) = root.xpath("//div[@id='b']")
    return read_body(body)


def test_table_cells_with_declared_unit_and_headers() -> None:
    text, tables, figures = _body(
        "<p>一、预算情况</p><table>"
        "<tr><td colspan='4'>2019年部门预算支出表（单位：万元）</td></tr>"
        "<tr><td>科目</td><td>基本支出</td><td>项目支出</td><td>执行率</td></tr>"
        "<tr><td>一般公共服务</td><td>86.30</td><td>1,120.00</td><td>98%</td></tr>"
        "<tr><td>合计</td><td>-</td><td>得分98.8分</td><td></td></tr>"
        "</table><p>支出合计3862.45万元。</p>"
    )
    (table,) = tables
    assert (table.caption, table.unit, table.n_rows, table.n_cols) == (
        "2019年部门预算支出表（单位：万元）", "万元", 4, 4
    )  # fmt: skip
    got = [(f.text, f.unit, f.value_base, f.kind, f.label, f.row_index, f.col_index)
           for f in figures]  # fmt: skip
    assert got == [
        ("86.30", "万元", "863000", "money", "一般公共服务 / 基本支出", 2, 1),
        ("1,120.00", "万元", "11200000", "money", "一般公共服务 / 项目支出", 2, 2),
        ("98%", "%", "98", "percent", "一般公共服务 / 执行率", 2, 3),
        ("98.8分", "分", "98.8", "score", "合计 / 项目支出", 3, 2),
        ("3862.45万元", "万元", "38624500", "money", "支出合计", None, None),
    ]
    for fig in figures:
        assert text[fig.position : fig.position + len(fig.text)] == fig.text


def test_serial_number_columns_give_no_figures() -> None:
    _, _, figures = _body(
        "<table><tr><th>序号</th><th>名称</th><th>数量</th></tr>"
        "<tr><td>1</td><td>帐篷</td><td>200</td></tr><tr><td>2</td><td>棉被</td><td>500</td></tr>"
        "</table>"
    )
    assert [f.text for f in figures] == ["200", "500"]
    assert all(f.kind == "number" and f.unit is None for f in figures)


def test_spans_are_expanded() -> None:
    _, tables, figures = _body(
        "<table><tr><td rowspan='2'>项目</td><td colspan='2'>金额</td></tr>"
        "<tr><td>2019年</td><td>2020年</td></tr>"
        "<tr><td>救灾</td><td>10</td><td>20</td></tr></table>"
    )
    assert [(f.text, f.col_index, f.label) for f in figures] == [
        ("10", 1, "救灾 / 2019年"),
        ("20", 2, "救灾 / 2020年"),
    ]
    assert tables[0].n_cols == 3


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_never_crashes_on_random_text(text: str) -> None:
    for fig in extract(text):
        assert text[fig.position : fig.position + len(fig.text)] == fig.text
        assert fig.kind in KINDS


SEED = (
    "部门预算总收入4924.01万元，同比下降3.5%；救援队伍22支、3000余人，"
    "一千七百万元，5-10万元，〔2020〕78号。"
)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_never_crashes_on_mutated_reports(data: st.DataObject) -> None:
    text = SEED
    for _ in range(data.draw(st.integers(1, 8))):
        i = data.draw(st.integers(0, len(text)))
        op = data.draw(st.sampled_from(["insert", "delete", "replace"]))
        piece = data.draw(
            st.text(
                alphabet="0123456789.,%％万亿元余多约-～至人个分年月日第〔〕号 \n\t一二十百千",
                max_size=4,
            )
        )
        if op == "insert":
            text = text[:i] + piece + text[i:]
        elif op == "delete":
            text = text[:i] + text[i + len(piece) :]
        else:
            text = text[:i] + piece + text[i + len(piece) :]
    for fig in extract(text):
        assert text[fig.position : fig.position + len(fig.text)] == fig.text
        assert fig.value_base


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="<>/tdrabl =\"'0123456789%万元colspan", max_size=200))
def test_never_crashes_on_random_table_markup(markup: str) -> None:
    text, _, figures = _body(f"<table>{markup}</table>")
    for fig in figures:
        assert text[fig.position : fig.position + len(fig.text)] == fig.text
