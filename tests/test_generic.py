"""The generic reader, field by field, on small pages written for each layout it must read:
labels in tables (td and th), dl/dt/dd, li, spans and divs side by side, text lines, with or
without a colon; the national meta tags; the title's fallbacks; the body's containers and the
extractor; and bounded time on big and hostile pages."""

from __future__ import annotations

import contextlib
import time

import pytest

from parsers import PageError, parse_detail
from parsers.families import generic, trs
from parsers.metas import national_meta, title_tag
from parsers.text import parse_html

URL = "https://www.example.gov.cn/zwgk/tzgg/202007/abc123.shtml"
BODY = (
    '<div class="article-content"><p>各有关单位：为做好2020年防汛工作，现将有关事项通知如下。</p>'
    "<p>一、落实防汛责任制，全市投入资金4924.01万元。</p></div>"
)


def page(box: str = "", body: str = BODY, head: str = "", title: str = "") -> str:
    return (
        f"<html><head><title>{title}</title>{head}</head><body>"
        '<div class="header"><a href="/">首页</a> 发布时间：2099-01-01</div>'
        f'<div class="main">{box}{body}</div>'
        '<div class="footer">网站标识码：1234000001 版权所有：某市人民政府</div></body></html>'
    )


def read(html: str, url: str = URL, family: str = "generic") -> dict[str, object]:
    return parse_detail(html.encode(), url, "text/html; charset=utf-8", family=family).to_dict()


# -- labels wherever they stand ----------------------------------------------------------------


def test_a_four_column_table_of_td() -> None:
    box = (
        "<table><tr><td>索&nbsp;引&nbsp;号：</td><td>000014349/2020-00072</td>"
        "<td>主题分类：</td><td>城乡建设、环境保护</td></tr>"
        "<tr><td>发布机构：</td><td>某市应急管理局</td><td>发布日期：</td><td>2020-07-30</td></tr>"
        "<tr><td>名　　称：</td><td colspan='3'>关于做好2020年防汛工作的通知</td></tr>"
        "<tr><td>文&nbsp;&nbsp;号：</td><td>某应急〔2020〕78号</td>"
        "<td>关键字：</td><td>防汛 应急</td></tr></table>"
    )
    doc = read(page(box))
    assert doc["index_no"] == "000014349/2020-00072"
    assert doc["topic"] == "城乡建设、环境保护"
    assert doc["publisher"] == "某市应急管理局"
    assert doc["publish_date"] == "2020-07-30"
    assert doc["title"] == "关于做好2020年防汛工作的通知"
    assert doc["doc_no"] == "某应急〔2020〕78号"
    assert doc["keywords"] == ["防汛", "应急"]


def test_labels_in_th_cells() -> None:
    box = (
        "<table><tr><th>标　　题</th><td>关于印发某市财政预算的通知</td></tr>"
        "<tr><th>发文字号</th><td>某财发〔2021〕3号</td></tr>"
        "<tr><th>成文日期</th><td>2021年01月15日</td></tr>"
        "<tr><th>有 效 性</th><td>有效</td></tr></table>"
    )
    doc = read(page(box))
    assert doc["title"] == "关于印发某市财政预算的通知"
    assert doc["doc_no"] == "某财发〔2021〕3号"
    assert doc["written_date"] == "2021-01-15"
    assert doc["validity"] == "有效"


def test_a_definition_list() -> None:
    box = (
        "<dl><dt>发文机关：</dt><dd>某市人民政府</dd><dt>发布日期：</dt><dd>2024-06-01</dd>"
        "<dt>公文种类：</dt><dd>通知</dd></dl>"
    )
    doc = read(page(box))
    assert (doc["issuer"], doc["publisher"]) == ("某市人民政府", "某市人民政府")
    assert doc["publish_date"] == "2024-06-01"
    assert doc["doc_type"] == "通知"


def test_list_items_with_a_label_element() -> None:
    box = (
        "<ul><li><span>索&ensp;引&ensp;号：</span><span>PZ00108-3000-2021-00081</span></li>"
        "<li><label>发布机构</label><span>某区财政金融局</span></li>"
        "<li>成文日期：2021-01-15</li>"
        '<li><span>有&ensp;效&ensp;性：</span><em class="red">有效</em></li></ul>'
    )
    doc = read(page(box))
    assert doc["index_no"] == "PZ00108-3000-2021-00081"
    assert doc["publisher"] == "某区财政金融局"
    assert doc["written_date"] == "2021-01-15"
    assert doc["validity"] == "有效"


def test_spans_side_by_side_on_one_line() -> None:
    box = (
        '<div class="info"><span>发布时间：2022-02-11 08:52</span>&nbsp;'
        "<span>来源：某市日报</span> <span>字号：大 中 小</span></div>"
    )
    doc = read(page(box))
    assert doc["publish_date"] == "2022-02-11T08:52:00+08:00"
    assert doc["publisher"] == "某市日报"


def test_divs_side_by_side_without_colons() -> None:
    box = (
        '<div class="row"><div class="k">关键词</div><div class="v">预算 决算</div></div>'
        '<div class="row"><div class="k">组配分类</div><div class="v">财政预决算</div></div>'
    )
    doc = read(page(box))
    assert doc["keywords"] == ["预算", "决算"]
    assert doc["topic"] == "财政预决算"


def test_label_lines_of_text() -> None:
    box = "<p>索引号：yjglj/2022-00020 发布日期：2020年07月30日 信息来源：某县人民政府办公室</p>"
    doc = read(page(box))
    assert doc["index_no"] == "yjglj/2022-00020"
    assert doc["publish_date"] == "2020-07-30"
    assert doc["publisher"] == "某县人民政府办公室"


def test_a_six_column_table_without_colons() -> None:
    box = (
        "<table><tr><td>索 引 号</td><td>yjglj/2022-00020</td><td>发布机构</td>"
        "<td>某县应急管理局</td><td>公开日期</td><td>2022-09-14 08:58:38</td></tr></table>"
    )
    doc = read(page(box))
    assert doc["index_no"] == "yjglj/2022-00020"
    assert doc["publisher"] == "某县应急管理局"
    assert doc["publish_date"] == "2022-09-14T08:58:38+08:00"


def test_the_national_topic_before_a_sites_own_grouping() -> None:
    box = (
        "<table><tr><td>组配分类：</td><td>性别变更、更正</td>"
        "<td>主题分类：</td><td>公安、安全、司法</td></tr></table>"
    )
    assert read(page(box))["topic"] == "公安、安全、司法"
    alone = "<table><tr><td>组配分类：</td><td>市政府文件</td></tr></table>"
    assert read(page(alone))["topic"] == "市政府文件"


def test_padding_and_either_colon() -> None:
    box = (
        "<table><tr><td>\u3000标\u3000\u3000题\u3000:</td><td>&nbsp;关于某事的通知</td></tr>"
        "<tr><td>分&nbsp;&nbsp;类：</td><td>通告</td></tr>"
        "<tr><td>文号：</td><td></td></tr></table>"
    )
    doc = read(page(box))
    assert doc["title"] == "关于某事的通知"
    assert doc["topic"] == "通告"
    assert doc["doc_no"] is None  # an empty value is no value


def test_the_header_never_stands_in_for_the_document() -> None:
    # the header's 发布时间：2099-01-01 is page chrome
    assert read(page()).get("publish_date") is None


def test_labels_inside_a_known_container_are_read_and_left_out_of_the_body() -> None:
    body = (
        '<div id="zoom"><table class="box"><tr><td>索引号：</td><td>11220000013544357T/2022-00426'
        "</td></tr><tr><td>发文机关：</td><td>某省人民政府</td></tr></table>"
        "<p>为做好嫩江干流补充治理工程建设，特此通告。各有关单位遵照执行。</p></div>"
    )
    doc = read(page(body=body))
    assert doc["index_no"] == "11220000013544357T/2022-00426"
    assert doc["issuer"] == "某省人民政府"
    assert doc["body_text"] == "为做好嫩江干流补充治理工程建设，特此通告。各有关单位遵照执行。"


def test_a_label_heading_one_value_in_a_body_table() -> None:
    rows = (
        '<div class="article-content"><table><tr><td>行政处罚决定书文号</td>'
        "<td>某罚决字〔2024〕36号</td></tr>"
        "<tr><td>被处罚当事人</td><td>某保险股份有限公司</td></tr></table></div>"
    )
    assert read(page(body=rows))["doc_no"] == "某罚决字〔2024〕36号"
    columns = (
        '<div class="article-content"><table><tr><td>序号</td><td>当事人名称</td>'
        "<td>行政处罚决定书文号</td><td>作出决定机关</td></tr>"
        "<tr><td>1</td><td>某公司</td><td rowspan='2'>某罚决字〔2024〕52号</td>"
        "<td rowspan='2'>某监管局</td></tr><tr><td>2</td><td>某人</td></tr></table></div>"
    )
    assert read(page(body=columns))["doc_no"] == "某罚决字〔2024〕52号"
    listing = columns.replace("<td>2</td><td>某人</td>", "<td>2</td><td>某人</td><td>某罚2号</td>")
    listing = listing.replace(" rowspan='2'", "")
    assert read(page(body=listing))["doc_no"] is None  # a list's column, not the document's


# -- the national meta tags --------------------------------------------------------------------

METAS = (
    '<meta name="SiteName" content="某市人民政府"><meta name="SiteDomain" content="www.x.gov.cn">'
    '<meta name="SiteIDCode" content="5301000001"><meta name="ColumnName" content="通知公告">'
    '<meta name="ColumnType" content="通知公告"><meta name="ArticleTitle" content="元标题">'
    '<meta name="PubDate" content="2020-07-30 17:47"><meta name="ContentSource" content="元来源">'
    '<meta name="Keywords" content="防汛"><meta name="Author" content="张三">'
    '<meta name="Description" content="摘要">'
)


def test_site_and_column_from_the_meta_tags() -> None:
    doc = read(page(head=METAS))
    assert (doc["site_code"], doc["site_name"], doc["column_name"]) == (
        "5301000001", "某市人民政府", "通知公告",
    )  # fmt: skip
    meta = national_meta(parse_html(page(head=METAS)))
    assert (meta.site_domain, meta.column_type, meta.keywords, meta.author, meta.description) == (
        "www.x.gov.cn", "通知公告", "防汛", "张三", "摘要",
    )  # fmt: skip


def test_meta_tags_fill_gaps_and_labels_win() -> None:
    doc = read(page(head=METAS))
    assert (doc["title"], doc["publisher"]) == ("元标题", "元来源")
    assert doc["publish_date"] == "2020-07-30T17:47:00+08:00"
    box = "<p>标题：关于某事的通知 发布机构：某市应急管理局 发布日期：2020-07-28</p>"
    doc = read(page(box, head=METAS))
    assert (doc["title"], doc["publisher"]) == ("关于某事的通知", "某市应急管理局")
    assert doc["publish_date"] == "2020-07-28"  # PubDate is another day: it adds no time


def test_empty_and_placeholder_meta_values_count_as_absent() -> None:
    head = (
        '<meta name="SiteName" content=""><meta name="SiteIDCode" content="${SiteIDCode}">'
        '<meta name="ColumnName" content="<%=ColumnName%>">'
        '<meta name="ArticleTitle" content="null">'
        '<meta name="PubDate" content="2022-01-28 00:00:00"><meta name="ContentSource" content=" ">'
        '<meta name="sitename" content="某县人民政府">'
    )
    doc = read(page(head=head))
    assert (doc["site_code"], doc["column_name"]) == (None, None)
    assert doc["site_name"] == "某县人民政府"  # matched whatever its case
    assert doc["publisher"] is None
    assert doc["publish_date"] == "2022-01-28"  # midnight is the CMS's placeholder, no time


def test_every_family_fills_the_site_from_the_meta_tags() -> None:
    km = page(
        head=METAS,
        body='<div class="activity"><p>各单位：请做好防汛准备工作，确保安全度汛。</p></div>',
    )
    doc = read(km, "https://yjj.km.gov.cn/c/2020-07-30/3900001.shtml", family="km")
    assert (doc["site_code"], doc["site_name"], doc["column_name"]) == (
        "5301000001", "某市人民政府", "通知公告",
    )  # fmt: skip


# -- the title ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("关于做好防汛工作的通知_某市人民政府", "关于做好防汛工作的通知"),
        ("关于做好防汛工作的通知-中国政府网", "关于做好防汛工作的通知"),
        ("关于做好防汛工作的通知 - 某市人民政府门户网站", "关于做好防汛工作的通知"),
        ("关于做好防汛工作的通知 - 某地政务", "关于做好防汛工作的通知"),  # the SiteName meta
        ("关于做好防汛工作的通知_通知公告_某地政务", "关于做好防汛工作的通知"),  # and ColumnName
        ("关于做好防汛工作的通知|某县政府", "关于做好防汛工作的通知"),
        ("习近平主持召开座谈会-中国科普网", "习近平主持召开座谈会"),  # a short name in 网
        ("某市人民政府- 某市教育系统招聘方案", "某市教育系统招聘方案"),  # the site's name first
        ("推进工业互联网建设-十年发展规划网络版", "推进工业互联网建设-十年发展规划网络版"),
        ("2022年1-9月各单位三公经费统计表", "2022年1-9月各单位三公经费统计表"),
        ("关于做好防汛工作的通知", "关于做好防汛工作的通知"),
    ],
)
def test_the_title_tag_less_the_site_name(written: str, expected: str) -> None:
    head = '<meta name="SiteName" content="某地政务"><meta name="ColumnName" content="通知公告">'
    root = parse_html(f"<html><head><title>{written}</title>{head}</head><body></body></html>")
    assert title_tag(root, national_meta(root)) == expected
    assert read(page(title=written, head=head))["title"] == expected


def test_the_title_from_the_label_then_the_heading_then_the_meta_then_the_title_tag() -> None:
    meta = '<meta name="ArticleTitle" content="元标题">'
    heading = "<h1>页面标题<br>（第二行）</h1>"
    label = "<p>标题：标签标题</p>"
    assert read(page(label + heading, head=meta, title="标签_某市人民政府"))["title"] == "标签标题"
    assert read(page(heading, head=meta, title="x_某市人民政府"))["title"] == "页面标题（第二行）"
    assert read(page(head=meta, title="x_某市人民政府"))["title"] == "元标题"
    assert read(page(title="标签页_某市人民政府"))["title"] == "标签页"


def test_a_date_and_time_standing_alone_under_the_title() -> None:
    line = (
        '<div class="title">某会议召开</div><ul><li>来源：新华社</li><li>2023-12-01 14:43</li></ul>'
    )
    assert read(page(line))["publish_date"] == "2023-12-01T14:43:00+08:00"
    # a label wins; a lone day without a time, or a date in the page chrome, is not read
    assert read(page(line.replace("<li>来源", "<li>发布日期：2023-11-30</li><li>来源")))[
        "publish_date"
    ] == "2023-11-30"  # fmt: skip
    assert read(page(line.replace(" 14:43", "")))["publish_date"] is None
    chrome = page().replace("发布时间：2099-01-01", "<span>2099-01-01 08:00</span>")
    assert read(chrome)["publish_date"] is None


def test_a_heading_broken_over_lines_takes_the_title_tags_spacing() -> None:
    heading = '<div class="share-title">某局令（第156号）<br>　　某某办法</div>'
    got = read(
        page(heading.replace("div", "h1"), title="某局令（第156号）　　某某办法_某市人民政府")
    )
    assert got["title"] == "某局令（第156号） 某某办法"
    # a <title> that says other words leaves the heading as it is
    got = read(page(heading.replace("div", "h1"), title="另一标题_某市人民政府"))
    assert got["title"] == "某局令（第156号）某某办法"


def test_a_headings_lines_written_as_paragraphs_inside_it() -> None:
    # <h2><p>…</p><p>…</p></h2>: libxml2 closes the <h2> before the first <p>
    heading = "<h2><p><span>专题片第三集聚焦正风肃纪</span></p><p>久久为功抓作风</p></h2>"
    assert read(page(heading))["title"] == "专题片第三集聚焦正风肃纪久久为功抓作风"
    # an empty heading followed by the text itself is no heading
    prose = "<h2></h2><p>" + "各有关单位：现将有关事项通知如下。" * 10 + "</p>"
    assert read(page(prose, title="某通知_某市人民政府"))["title"] == "某通知"


def test_a_breadcrumb_named_so_without_the_word_position() -> None:
    crumbs = (
        '<div class="BreadcrumbNav"><a href="/">首页</a>&nbsp;&gt;&nbsp;<a href="/zc/">政策</a>'
        '&nbsp;&gt;&nbsp;国务院文件<div class="print">字号：默认 大 | 打印</div></div>'
    )
    assert read(page(crumbs))["column_name"] == "国务院文件"


def test_the_heading_in_chrome_is_not_the_title() -> None:
    html = page(title="正文标题_某市人民政府").replace(
        '<a href="/">首页</a>', "<h1>某市人民政府</h1>"
    )
    assert read(html)["title"] == "正文标题"


# -- the body ----------------------------------------------------------------------------------


def test_a_known_container_is_the_body() -> None:
    doc = read(page())
    assert doc["body_source"] == "container"
    assert doc["body_text"].startswith("各有关单位：为做好2020年防汛工作")
    assert "网站标识码" not in doc["body_text"]


@pytest.mark.parametrize(
    "container",
    [
        '<div class="TRS_Editor">{}</div>',
        '<div class="view TRS_UEDITOR trs_paper_default">{}</div>',
        '<div id="UCAP-CONTENT">{}</div>',
        '<div class="pages_content">{}</div>',
        '<div id="zoom">{}</div>',
        '<div id="Zoom">{}</div>',
        '<div id="vsb_content_2">{}</div>',
        '<div class="wenzhang-content">{}</div>',
        '<div class="xxgk_content">{}</div>',
        '<div class="activity">{}</div>',
        '<div class="content-box">{}</div>',
        '<div id="con">{}</div>',
        "<ucapcontent>{}</ucapcontent>",
        '<div class="Custom_UnionStyle">{}</div>',
    ],
)
def test_the_known_containers(container: str) -> None:
    text = "<p>各有关单位：为做好2020年防汛工作，现将有关事项通知如下。</p>"
    doc = read(page(body=container.format(text)))
    assert (doc["body_source"], doc["body_text"]) == ("container", text[3:-4])


def test_chrome_inside_a_container_stays_out_of_the_body() -> None:
    body = (
        '<div class="article-content">'
        "<p>各有关单位：为做好2020年防汛工作，现将有关事项通知如下。</p>"
        '<div class="bdsharebuttonbox">分享到：<a href="#">微信</a><a href="#">微博</a></div>'
        '<div style="display:none">隐藏的文字</div>'
        '<p><a href="javascript:window.print()">【打印】</a> '
        '<a href="javascript:close()">【关闭】</a></p>'
        "</div>"
    )
    assert read(page(body=body))["body_text"] == (
        "各有关单位：为做好2020年防汛工作，现将有关事项通知如下。"
    )


UNKNOWN = (
    '<div class="nr_detail_text">'
    + "".join(
        f"<p>第{n}条 为做好防汛工作，各地要落实责任制度，加强隐患排查，及时发布预警信息，"
        f"全市投入资金{n}万元，确保人民群众生命财产安全。</p>"
        for n in range(1, 9)
    )
    + "</div>"
)
NAV = "".join(f'<li><a href="/c{n}/">栏目{n}</a></li>' for n in range(20))


def test_the_extractor_finds_a_body_no_container_names() -> None:
    html = page("<p>发布日期：2020-07-30</p>", body=f'<ul class="nav">{NAV}</ul>{UNKNOWN}')
    doc = read(html)
    assert doc["body_source"] == "extractor"
    assert doc["body_text"].startswith("第1条 为做好防汛工作")
    assert "第8条" in doc["body_text"] and "栏目1" not in doc["body_text"]
    assert doc["publish_date"] == "2020-07-30"
    assert [f["text"] for f in doc["figures"]][:2] == ["1万元", "2万元"]  # type: ignore[index]


def test_a_trs_page_with_a_newer_container_falls_back_to_the_generic_body_finding() -> None:
    url = "https://www.example.gov.cn/zwgk/202301/t20230105_123.html"
    html = page("<p>发布机构：某市政府办公室 发布时间：2023-01-05 10:00</p>", body=UNKNOWN)
    doc = trs.FAMILY.parse_detail(html, url)
    assert doc.body_source == "extractor" and doc.body_text.startswith("第1条")
    assert doc.publisher == "某市政府办公室"
    assert read(html, url, family="auto")["body_source"] == "extractor"


def test_no_body_at_all() -> None:
    doc = read(page("<p>索引号：x-1 发布日期：2020-07-30</p>", body=""))
    assert (doc["body_source"], doc["body_text"]) == (None, "")


def test_pages_that_are_not_documents() -> None:
    soft = page(body="<div class='error'><p>对不起，您访问的页面不存在或已被删除！</p></div>")
    with pytest.raises(PageError) as err:
        read(soft)
    assert err.value.kind == "soft_404"
    with pytest.raises(PageError) as err:
        read("<html><body><p>欢迎访问</p></body></html>")
    assert err.value.kind == "parse_error"


def test_the_generic_family_is_the_base_reader() -> None:
    assert generic.FAMILY.name == "generic"
    assert type(generic.FAMILY).parse_detail is type(trs.FAMILY).parse_detail


# -- bounded time ------------------------------------------------------------------------------

# Seconds a page may take at most, on a slow shared machine; a quadratic scan takes minutes.
LIMIT = 10.0


def timed(html: str, family: str = "generic") -> float:
    start = time.perf_counter()
    with contextlib.suppress(PageError):
        parse_detail(html.encode(), URL, "text/html; charset=utf-8", family=family)
    return time.perf_counter() - start


def test_a_two_megabyte_page() -> None:
    para = "<p>索引号：x 为做好防汛工作，各地要落实责任制度，加强隐患排查，投入资金12.5万元。</p>"
    big = page("<p>发布日期：2020-07-30</p>", body=f"<div>{para * 17000}</div>")
    assert len(big.encode()) > 2_000_000
    assert timed(big) < LIMIT
    assert timed(big.replace("<div>", '<div class="TRS_Editor">', 1), "trs") < LIMIT


@pytest.mark.parametrize(
    "hostile",
    [
        "<p>" + "：" * 40_000 + "</p>",
        "<p>" + "a:" * 40_000 + "</p>",
        "".join("<p>发布时间：</p>" for _ in range(40_000)),
        "<p>索" + " " * 200_000 + "引号：1</p>",
        "<table>" + "<tr><td>发布机构</td><td>某局</td></tr>" * 20_000 + "</table>",
        "<div>" * 5_000 + "正文" + "</div>" * 5_000,
    ],
    ids=["40k full-width colons", "40k colons", "40k labels", "200k spaces", "20k rows", "deep"],
)
def test_pathological_pages(hostile: str) -> None:
    assert timed(page(body=hostile)) < LIMIT


# -- fallbacks of the known families and the shared path ---------------------------------------


def test_the_column_from_the_breadcrumb_without_a_column_meta() -> None:
    crumb = '<div class="crumb">您当前位置： <a href="/">首页</a> &gt; <a href="/cg/">采购公告</a>'
    crumb += ' &gt; <a href="/cg/zb/">中标公告</a> &gt; 正文</div>'
    assert read(page(crumb))["column_name"] == "中标公告"
    meta = '<meta name="ColumnName" content="通知公告">'
    assert read(page(crumb, head=meta))["column_name"] == "通知公告"  # the meta wins


def test_a_family_whose_box_is_missing_reads_labels_wherever_they_stand() -> None:
    url = "http://www.example.gov.cn/art/2023/10/23/art_1229283449_2493752.html"
    box = (
        '<table class="xxgk_article"><tr><td>索引号</td><td>113325000026455663/2023-43887</td>'
        "<td>文号</td><td>丽政发〔2023〕30号</td></tr><tr><td>成文日期</td><td>2023-10-16</td>"
        "<td>发布机构</td><td>市政府</td></tr></table>"
    )
    body = '<div class="zoom"><p>莲都区人民政府，市直各单位：现将安置任务下达给你们。</p></div>'
    doc = read(page(box, body=body), url, family="hanweb")
    assert (doc["index_no"], doc["doc_no"]) == (
        "113325000026455663/2023-43887",
        "丽政发〔2023〕30号",
    )
    assert (doc["written_date"], doc["publisher"]) == ("2023-10-16", "市政府")


def test_a_body_in_a_table_cell_is_not_read_for_labels() -> None:
    # the cell holding the body is a level of the main area: read around the body, not whole
    body = (
        '<table><tr><td><h1>某项目中标公告</h1><div class="TRS_Editor"><p>一、项目名称：某项目</p>'
        "<p>1.采购人信息 名称：某局 地址：某路1号</p></div></td></tr></table>"
    )
    doc = read(page(body=body))
    assert doc["title"] == "某项目中标公告"
    assert "名称：某局" in doc["body_text"]
