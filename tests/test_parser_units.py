"""The parsers' building blocks: dates, labels, keywords, charsets, body text, error pages."""

from __future__ import annotations

import pytest

from parsers import PageError, parse_detail
from parsers.dates import parse_date, with_time_from
from parsers.decode import decode_html
from parsers.errors import http_status_kind, looks_like_challenge
from parsers.fields import km_index_parts, label_of, pairs_from_cells, split_keywords
from parsers.text import body_text, parse_html


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2022-07-08 18:50", "2022-07-08T18:50:00+08:00"),
        ("2022-09-14 08:58:38", "2022-09-14T08:58:38+08:00"),
        ("2020年07月30日", "2020-07-30"),
        ("[2022-02-18]", "2022-02-18"),
        ("2021.09.13", "2021-09-13"),
        ("2021年9月13日", "2021-09-13"),
        ("发布时间：2021/9/3 9:05", "2021-09-03T09:05:00+08:00"),
        ("二〇二一年九月十三日", "2021-09-13"),
        ("二〇二〇年十二月三十一日", "2020-12-31"),
    ],
)
def test_dates(text: str, iso: str) -> None:
    date = parse_date(text)
    assert date is not None and date.iso() == iso


@pytest.mark.parametrize(
    "text", ["", "暂无", "2021-02-30", "2021-13-01", "745280713-202207-386095"]
)
def test_not_dates(text: str) -> None:
    assert parse_date(text) is None


def test_time_is_borrowed_only_from_the_same_day() -> None:
    day = parse_date("2022-07-08")
    same = parse_date("2022-07-08 18:50")
    other = parse_date("2022-07-09 10:00")
    assert with_time_from(day, other) == day
    assert with_time_from(day, other, same) == same


@pytest.mark.parametrize(
    ("cell", "label"),
    [
        ("索 引 号：", "索引号"),
        ("名\u3000\u3000称:", "名称"),
        ("发布\xa0机构 ：", "发布机构"),
        ("主题分类", "主题分类"),
        ("发布机构: ", "发布机构"),
        ("昆明市应急管理局", None),
        ("索引号：745280713", None),
    ],
)
def test_labels(cell: str, label: str | None) -> None:
    assert label_of(cell) == label


def test_pairs_never_trust_position() -> None:
    cells = [
        "文号：",
        "",
        "关键字：",
        "应急 预算",
        "索引号:",
        "x-1",
        "发布机构：",
        "主题分类：",
        "应急",
    ]
    assert pairs_from_cells(cells) == {
        "文号": "",
        "关键字": "应急 预算",
        "索引号": "x-1",
        "发布机构": "",
        "主题分类": "应急",
    }


def test_pairs_inline_label_and_value() -> None:
    assert pairs_from_cells(["文号：筑府办函〔2020〕78号"]) == {"文号": "筑府办函〔2020〕78号"}


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("安全生产 应急管理", ["安全生产", "应急管理"]),
        ("预算、决算，公开;绩效；自评,报告", ["预算", "决算", "公开", "绩效", "自评", "报告"]),
        ("", []),
        (None, []),
    ],
)
def test_keywords(value: str | None, words: list[str]) -> None:
    assert split_keywords(value) == words


def test_kunming_index_parts() -> None:
    assert km_index_parts("01527918X-202012-153077") == {
        "org_code": "01527918X",
        "period": "202012",
        "serial": "153077",
    }
    assert km_index_parts("000014349/2020-00072") is None
    assert km_index_parts(None) is None


GBK_ONLY = "朱镕基与堃"  # 镕 and 堃 are in GBK but not in GB2312


def test_gb2312_label_is_read_as_gb18030() -> None:
    html = f'<html><head><meta charset="gb2312"></head><body>{GBK_ONLY}</body></html>'
    text, encoding = decode_html(html.encode("gbk"))
    assert GBK_ONLY in text
    assert encoding == "gb18030"


@pytest.mark.parametrize("codec", ["utf-8", "gbk"])
def test_undeclared_charset_is_detected(codec: str) -> None:
    html = f"<html><body><p>{GBK_ONLY}，部门预算总收入4924.01万元。</p></body></html>"
    text, _ = decode_html(html.encode(codec), "text/html")
    assert GBK_ONLY in text and "预算" in text


def test_wrong_declared_charset_falls_back_to_a_clean_reading() -> None:
    html = f"<html><body>{GBK_ONLY}应急管理</body></html>".encode("gbk")
    text, encoding = decode_html(html, "text/html; charset=utf-8")
    assert "应急管理" in text and encoding == "gb18030"


def test_body_text_blocks_tables_and_chrome() -> None:
    root = parse_html(
        "<div id=b><p>\u3000\u3000第一段<span>继续</span>。</p><p>&nbsp;</p>"
        "第二行<br>第三行<script>var x='不要';</script><style>p{}</style>"
        "<table><tr><td>项目</td><td> 金额 </td></tr><tr><td>合计</td><td></td></tr></table>"
        "<ul><li>甲</li><li>乙</li></ul></div>"
    )
    (div,) = root.xpath("//div[@id='b']")
    assert body_text(div) == "第一段继续。\n第二行\n第三行\n项目\t金额\n合计\t\n甲\n乙"


@pytest.mark.parametrize(
    ("status", "kind"),
    [
        (404, "not_found"),
        (410, "not_found"),
        (412, "blocked"),
        (521, "blocked"),
        (500, "server_error"),
        (503, "server_error"),
        (400, "http_error"),
        (200, None),
    ],
)
def test_status_kinds(status: int, kind: str | None) -> None:
    assert http_status_kind(status) == kind


def test_challenge_pages_are_blocked() -> None:
    page = b"<html><head><meta id='x' content='abc' r='m'><script>$_ts=window['$_ts'];</script>"
    assert looks_like_challenge(page.decode())
    with pytest.raises(PageError) as info:
        parse_detail(page, "https://yjj.km.gov.cn/c/2021-05-12/3900003.shtml")
    assert info.value.kind == "blocked"


def test_a_real_page_with_the_gateways_loader_is_a_page() -> None:
    """A gateway lets the real page through with its loader still in it: text, not a wall."""
    loader = "<meta id='x' content='abc' r='m'><script>$_ts=window['$_ts'];</script>"
    text = "关于开展安全生产大检查的通知。" * 10
    page = f"<html><head>{loader}</head><body><div class='article-content'><p>{text}</p></div>"
    assert not looks_like_challenge(page + "</body></html>")
    doc = parse_detail(page.encode(), "https://www.x.gov.cn/zwgk/202401/t20240110_1.html")
    assert doc.body_text.startswith("关于开展安全生产大检查的通知")


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        (b"", "parse_error"),
        (b"   \n", "parse_error"),
        ("<html><body><h1>对不起，您访问的页面不存在！</h1></body></html>".encode(), "soft_404"),
        (b"<html><body><p>Welcome</p></body></html>", "parse_error"),
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj", "parse_error"),
        (b"<html><body><div class='activity'", "parse_error"),
    ],
)
def test_bad_input_is_a_page_error(body: bytes, kind: str) -> None:
    with pytest.raises(PageError) as info:
        parse_detail(body, "https://yjj.km.gov.cn/c/2021-01-01/1.shtml")
    assert info.value.kind == kind


HOSTILE_HREFS = ["JavaScript:alert(document.domain)//x.pdf", " javascript:alert(1)//y.pdf",
                 "java\nscript:alert(1)//z.pdf", "\x01javascript:alert(1)//w.pdf",
                 "data:application/pdf;base64,AAAA.pdf", "vbscript:msgbox(1)//v.pdf",
                 "mailto:x@y.gov.cn?x.pdf", "#top.pdf", "", "http://[::1/x.pdf"]  # fmt: skip


def test_the_link_filter_admits_only_http_urls() -> None:
    from parsers.urls import resolve

    base = "https://yjj.km.gov.cn/c/2022-07-08/1.shtml"
    assert [resolve(base, h) for h in HOSTILE_HREFS] == [None] * len(HOSTILE_HREFS)
    assert resolve(base, " ./P0.pdf\n") == "https://yjj.km.gov.cn/c/2022-07-08/P0.pdf"
    assert resolve(base, "HTTP://yjj.km.gov.cn/a.pdf") == "http://yjj.km.gov.cn/a.pdf"


@pytest.mark.parametrize("family", ["km", "gov_cn", "trs", "hanweb", "vsb"])
def test_hostile_links_become_neither_attachments_nor_list_items(family: str) -> None:
    from parsers import parse_detail, parse_list

    links = "".join(f'<li><a href="{h}">附件{i}.pdf</a><span>2022-07-08</span></li>'
                    for i, h in enumerate(HOSTILE_HREFS))  # fmt: skip
    page = (
        '<html><body><div class="activity TRS_Editor article_content" id="vsb_content">'
        f'<div id="Zoom"><div id="UCAP-CONTENT"><p>正文</p><ul>{links}</ul>'
        '<a href="./P020220708.pdf">附件.pdf</a></div></div></div></body></html>'
    ).encode()
    url = "https://x.gov.cn/art/2022/7/8/art_1_2.html"
    doc = parse_detail(page, url, "text/html; charset=utf-8", family=family)
    assert all(a.url.startswith("https://") for a in doc.attachments)
    listed = parse_list(page, "https://x.gov.cn/col/col1/index.html", "text/html", family=family)
    assert all(i.url.startswith("https://") for i in listed.items)
