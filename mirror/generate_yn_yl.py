#!/usr/bin/env python3
# ruff: noqa: E501
"""Generate the offline mirror of www.kmyl.gov.cn (宜良县人民政府, a VSB 博达站群 site).

Run from the repository root:  python3 mirror/generate_yn_yl.py   (standard library only)

Writes, deterministically (same bytes on every run):
  mirror/yn_yl/**                          the static site tree, URL path = file path (a URL with
                                           a query string is the file ``<path>@<query>``)
  mirror/yn_yl/routes.toml                 the soft 404 (served with 200)
  tests/fixtures/yn_yl/NNNNN.expected.json one per archived detail page
  tests/fixtures/yn_yl/lists.json every list page: items in order, page count, the
                                           further list pages it reveals
  tests/fixtures/yn_gov/247315.htm (+ .expected.json)   the fixture-only second VSB profile

Expected values are computed here from the data the pages are rendered from, never by running
the parser, with the rules of README "Record fields" and "Sites and CMS families".  All prose is written
for this mirror; index numbers, document numbers, dates and amounts are realistic but made up.

Columns (3 list pages each, VSB numbering: ``zcwj.htm`` then ``zcwj/2.htm``, ``zcwj/1.htm``):
  zcwj 政策文件  /xxgk/fdzdgknr/zcwj.htm  old pager: ``共11条 1/3`` in td#fanyeNNNNN and
                                          ``<a class="Next">下页/尾页</a>``; items li > a[title] + span
  czzj 财政资金  /xxgk/fdzdgknr/czzj.htm  pb_sys_common pager: ``共8条``, p_no links, ``共3页``;
                                          items li#line_u8_N > a + span.time ``[YYYY-MM-DD]``

Variant map (detail page id -> what it covers):
  6-column table without colons ..... 31201 31163 31150 31142 31128 31117 31096 22045 22031
                                      22027 22008 22003; nested in a layout table: 22019
  <li><label>…</label><span>…</span>  31188 22039;  <li>索引号：…</li> (inline colon) 22012
  no labels at all (profile rule) ... 31175  ([detail] in crawler/sites/yn_yl.toml)
  old template (titlestyle/timestyle/authorstyle, no metadata, #vsb_content_2) 31104
  body #vsb_content > .v_news_content: every page but 31104 (#vsb_content_2) and the
      yn_gov fixture (#vsb_content_100)
  empty values ...................... 31163 (文号, 有效性 <td></td>; 关键字, 成文日期 &nbsp;)
                                      22039 (文号 <span></span>)
  padded labels ..................... 31150 (&nbsp;索&nbsp;引&nbsp;号, 发布&nbsp;机构, U+3000 in
                                      公　开　日　期 主　题　分　类 文　　号 名　　称, 有 效 性, 关 键 字)
                                      31188 (文　　号) 22027 (索 引 号)
  values starting with &nbsp; ....... 31150 22008
  dates: seconds in the cell 31201 31163 31128 31117 31096 22045 22039 22027 22019 22008;
         minutes only 31142 22012 22003; 2022年07月20日 + time from 发布时间 line 31150;
         date-only cell + time from 发布时间 line 31188; date only, no time anywhere 22031;
         timestyle span only 31104; profile-rule date + time from 发布时间 line 31175
  成文日期 forms .................... 2022-09-13 (31201) 2022年8月26日 (31188) with a time (22019)
  发文机关 without 发布机构 ......... 31142 (publisher = issuer), yn_gov fixture
  来源 only (publisher from it) ..... 31104 (authorstyle); 来源 row beside 发布机构 22027
  公文种类 / 文件有效性 / 主题词 ... 31142 / 31142 / 31188 and the yn_gov fixture
  有效性 values ..................... 有效 (most), 失效 (22003), empty cell (31163)
  topic forms ....................... year 2022年 (31163), backslash 综合政务\\应急管理 (31142)
                                      财政资金\\专项资金 (22031)
  Kunming-pattern index number ...... 31142 (01527918X-202207-00318), index_no_parts set
  keywords by spaces (most), 、 31150, ；31128, ASCII , 31142, mixed 22027
  extra labels 公开方式/公开范围/信息时效期 22027
  标题 label, title differs from h1 . 31096;  title from the h1: 31175 and the <li> pages
                                      31188 22039 22012; from td.titlestyleNNNN: 31104
  attachments: /__local/…pdf .docx .xlsx and …pdf?e=.pdf 31128; .doc + absolute .xls 31117;
               /__local/ .xlsx 22045; relative ../../__local/ .pdf 22039; .zip 22012;
               .docx 22003; images in the body (not attachments) 31128 22045
  download.jsp form (/system/_content/download.jsp?urltype=news.DownloadAttachUrl&owner=…
               &wbfileid=…, text 附件：….pdf) outside the body ...... 31117, served by the
               mirror but NOT an expected attachment: the shared finder decides by the URL's
               extension (see DOWNLOAD_JSP_IS_ATTACHMENT)
  tables in the body 31096 22045 22031 22019 22008;  <br> lines 31096 31201;  <ul> in the
               body 31096;  inline <script>/<style>/comment in the body 31096
  soft 404 (200, 页面不存在或已被删除) 31090, listed in zcwj page 3
"""

from __future__ import annotations

import html
import io
import json
import re
import shutil
import zipfile
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "mirror" / "yn_yl"
FIX = ROOT / "tests" / "fixtures" / "yn_yl"
FIX_GOV = ROOT / "tests" / "fixtures" / "yn_gov"
HOST = "https://www.kmyl.gov.cn"
HOST_GOV = "https://www.yn.gov.cn"
SITE = "宜良县人民政府"

# The shared attachment finder (parsers/html.py) keeps links whose URL path ends in a file
# extension; VSB's download.jsp links end in ".jsp", so they are not attachments today.
DOWNLOAD_JSP_IS_ATTACHMENT = False

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

# label as written (whitespace removed, no colon) -> field: the part of parsers/fields.py used here
LABEL_FIELDS = {
    "索引号": "index_no",
    "主题分类": "topic",
    "发布机构": "publisher",
    "发文机关": "issuer",
    "来源": "source",
    "发布日期": "publish_date",
    "公开日期": "publish_date",
    "名称": "title",
    "标题": "title",
    "文号": "doc_no",
    "发文字号": "doc_no",
    "关键字": "keywords",
    "关键词": "keywords",
    "主题词": "subject_words",
    "成文日期": "written_date",
    "有效性": "validity",
    "文件有效性": "validity",
    "公文种类": "doc_type",
    "公开方式": "disclosure_mode",
    "公开范围": "disclosure_scope",
    "信息时效期": "validity_period",
}

# ---------------------------------------------------------------------------------------------
# text rules (README "Record fields"), used to compute the expected values
# ---------------------------------------------------------------------------------------------
_KW_SPLIT = re.compile(r"[\s、，,；;]+")
_DATE = re.compile(
    r"((?:19|20)\d{2})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?"
    r"(?:[\sT]*(\d{1,2})\s*[:：时]\s*(\d{2})(?:\s*[:：分]\s*(\d{2}))?)?"
)
_KM_INDEX = re.compile(r"^([0-9A-Z]{9})-(\d{6})-(\d+)$")


def norm(text: str | None) -> str:
    return " ".join((text or "").split())


def text_of(fragment: str) -> str:
    """Normalized text of an HTML fragment holding no tags (entities allowed)."""
    assert "<" not in fragment, fragment
    return norm(html.unescape(fragment))


def label_key(fragment: str) -> str:
    return "".join(html.unescape(fragment).split()).rstrip("：:")


def esc(text: str) -> str:
    return html.escape(text, quote=False)


def attr(text: str) -> str:
    return html.escape(text, quote=True)


def pdate(text: str | None) -> tuple[str, bool] | None:
    """(ISO string, has a time) of the first date in ``text``."""
    if not text:
        return None
    m = _DATE.search(text)
    if m is None:
        return None
    day = f"{int(m[1]):04d}-{int(m[2]):02d}-{int(m[3]):02d}"
    if m[4] is None:
        return day, False
    return f"{day}T{int(m[4]):02d}:{m[5]}:{m[6] or '00'}+08:00", True


def publish_date(labelled: str | None, hints: list[str | None]) -> str | None:
    """The labelled date, else the first hint; a day without time takes the time of the first
    hint with a time on the same day."""
    parsed = [pdate(h) for h in hints]
    primary = pdate(labelled) or next((p for p in parsed if p), None)
    if primary is None:
        return None
    if primary[1]:
        return primary[0]
    for p in parsed:
        if p is not None and p[1] and p[0][:10] == primary[0]:
            return p[0]
    return primary[0]


def keywords(value: str | None) -> list[str]:
    return [k for k in _KW_SPLIT.split(value or "") if k]


def km_parts(index_no: str | None) -> dict[str, str] | None:
    m = _KM_INDEX.match(index_no or "")
    return {"org_code": m[1], "period": m[2], "serial": m[3]} if m else None


# ---------------------------------------------------------------------------------------------
# body blocks: each renders to HTML and yields its body_text lines
# ---------------------------------------------------------------------------------------------
Block = tuple[Any, ...]


def P(text: str, style: str = "indent") -> Block:
    return ("p", text, style)


def H(text: str) -> Block:
    return ("h", text)


def BR(*lines: str) -> Block:
    return ("br", lines)


def T(rows: list[list[str]], header_rows: int = 1) -> Block:
    return ("table", rows, header_rows)


def A(href: str, text: str) -> Block:
    return ("a", href, text)


def IMG(src: str) -> Block:
    return ("img", src)


def UL(*items: str) -> Block:
    return ("ul", items)


SCRIPT: Block = ("raw", '<script type="text/javascript">var vsb_img_width = 600;</script>')
STYLE: Block = ("raw", "<style>.v_news_content p { line-height: 2; }</style>")
COMMENT: Block = ("raw", "<!-- 正文内容由VSB编辑器生成，请勿手工修改 -->")

_P_STYLES = {
    "indent": '<p style="text-indent: 2em; line-height: 2;">{}</p>',
    "nbsp": "<p>&nbsp;&nbsp;&nbsp;&nbsp;{}</p>",
    "ideo": "<p>\u3000\u3000{}</p>",
    "word": '<p class="MsoNormal" style="text-indent:32pt"><span style="font-family:仿宋_GB2312;font-size:16pt">{}</span></p>',
    "center": '<p style="text-align: center;">{}</p>',
    "right": '<p style="text-align: right;">{}</p>',
}


def render_block(block: Block) -> tuple[str, list[str]]:
    kind = block[0]
    if kind == "p":
        return _P_STYLES[block[2]].format(esc(block[1])), [norm(block[1])]
    if kind == "h":
        return f'<p style="text-align: center;"><strong>{esc(block[1])}</strong></p>', [
            norm(block[1])
        ]
    if kind == "br":
        return "<p>" + "<br />".join(esc(x) for x in block[1]) + "</p>", [
            norm(x) for x in block[1] if norm(x)
        ]
    if kind == "table":
        rows, header_rows = block[1], block[2]
        out = [
            '<table border="1" cellspacing="0" cellpadding="0" style="border-collapse:collapse;width:100%;"><tbody>'
        ]
        lines = []
        for i, row in enumerate(rows):
            tag = "td"
            cells = "".join(
                f'<{tag} style="text-align:center;">{"<strong>" + esc(c) + "</strong>" if i < header_rows and c else esc(c)}</{tag}>'
                for c in row
            )
            out.append(f"<tr>{cells}</tr>")
            texts = [norm(c) for c in row]
            if any(texts):
                lines.append("\t".join(texts))
        out.append("</tbody></table>")
        return "\n".join(out), lines
    if kind == "a":
        return f'<p><a href="{attr(block[1])}" target="_blank">{esc(block[2])}</a></p>', [
            norm(block[2])
        ]
    if kind == "img":
        return (
            f'<p style="text-align: center;"><img src="{attr(block[1])}" width="600" vsbhref="vurl" vurl="{attr(block[1])}" vheight="" vwidth="600" orisrc="{attr(block[1])}" class="img_vsb_content" /></p>',
            [],
        )
    if kind == "ul":
        return "<ul>" + "".join(f"<li>{esc(x)}</li>" for x in block[1]) + "</ul>", [
            norm(x) for x in block[1]
        ]
    if kind == "raw":
        return block[1], []
    raise ValueError(kind)


def render_body(blocks: list[Block]) -> tuple[str, str]:
    parts, lines = [], []
    for block in blocks:
        h, ls = render_block(block)
        parts.append(h)
        lines.extend(ls)
    return "\n".join(parts), "\n".join(lines)


def body_attachments(blocks: list[Block], page_url: str) -> list[dict[str, str]]:
    found, seen = [], set()
    for block in blocks:
        if block[0] != "a":
            continue
        url = urljoin(page_url, html.unescape(block[1]))
        ext = urlsplit(url).path.rsplit("/", 1)[-1].rpartition(".")[2].lower()
        if (
            "." not in urlsplit(url).path.rsplit("/", 1)[-1]
            or ext not in ATTACHMENT_EXTS
            or url in seen
        ):
            continue
        seen.add(url)
        found.append({"url": url, "name": norm(block[2]), "ext": ext})
    return found


# ---------------------------------------------------------------------------------------------
# the pages
# ---------------------------------------------------------------------------------------------
COLUMNS: dict[str, dict[str, Any]] = {
    "zcwj": {"name": "政策文件", "wbtree": 1034, "per_page": 4, "pager": "old", "fanye": 44977},
    "czzj": {"name": "财政资金", "wbtree": 1036, "per_page": 3, "pager": "pb", "fanye": 45102},
}
LIST_DIR = "/xxgk/fdzdgknr"

LOCAL = "/__local"
YJ = "宜良县应急管理局"
CZ = "宜良县财政局"

SIGN_YJ = [P(YJ, "right"), P("2022年9月13日", "right")]

PAGES: list[dict[str, Any]] = [
    # ------------------------------------------------------------------ zcwj 政策文件
    {
        "id": 31201,
        "col": "zcwj",
        "date": "2022-09-14",
        "template": "table",
        "title": "宜良县应急管理局关于开展2022年第四季度安全生产隐患排查整治工作的通知",
        "list_text": "宜良县应急管理局关于开展2022年第四季度安全生产隐患排查整治…",
        "meta": [
            [
                ("索 引 号", "yjglj/2022-00020"),
                ("发布机构", YJ),
                ("公开日期", "2022-09-14 08:58:38"),
            ],
            [("主题分类", "安全生产"), ("文号", "宜应急发〔2022〕15号"), ("有效性", "有效")],
            [("名 称", "宜良县应急管理局关于开展2022年第四季度安全生产隐患排查整治工作的通知")],
            [
                ("成文日期", "2022-09-13"),
                ("关键字", "安全生产 隐患排查 通知"),
                ("公开方式", "主动公开"),
            ],
        ],
        "info": {"time": "2022-09-14 08:58:38", "source": YJ},
        "body": [
            P("各乡镇（街道）应急管理办公室，县安委会有关成员单位，各重点企业："),
            P(
                "为切实做好第四季度安全生产工作，有效防范和遏制各类生产安全事故，确保全县安全生产形势持续稳定，经研究，决定在全县范围内开展2022年第四季度安全生产隐患排查整治工作。现将有关事项通知如下："
            ),
            H("一、排查整治时间"),
            P("2022年9月15日至12月31日。"),
            H("二、排查整治重点"),
            BR(
                "（一）危险化学品、烟花爆竹经营单位的储存场所和安全管理制度落实情况；",
                "（二）非煤矿山、尾矿库的边坡稳定、排水设施和安全监测监控系统运行情况；",
                "（三）工贸企业有限空间作业、粉尘涉爆场所和液氨制冷企业的安全措施；",
                "（四）人员密集场所消防通道、应急照明和疏散指示标志设置情况。",
            ),
            H("三、工作要求"),
            P(
                "各单位要落实主体责任，建立隐患排查台账，对排查出的隐患逐项明确整改责任人、整改措施和完成时限，做到整改到位、销号管理。每月25日前将排查整治情况报送县应急管理局综合股，联系电话：0871-67591234。"
            ),
            *SIGN_YJ,
        ],
    },
    {
        "id": 31188,
        "col": "zcwj",
        "date": "2022-08-30",
        "template": "li",
        "title": "宜良县农业农村局关于做好2022年耕地地力保护补贴发放工作的通知",
        "meta": [
            [
                ("索引号", "nyncj/2022-00047"),
                ("发布机构", "宜良县农业农村局"),
                ("公开日期", "2022-08-30"),
            ],
            [
                ("主题分类", "农业、林业、水利"),
                ("文　　号", "宜农发〔2022〕27号"),
                ("成文日期", "2022年8月26日"),
            ],
            [("有效性", "有效"), ("主题词", "农业；补贴；通知")],
        ],
        "heading": "宜良县农业农村局关于做好2022年耕地地力保护补贴发放工作的通知",
        "info": {"time": "2022-08-30 16:05:12", "source": "宜良县农业农村局"},
        "body": [
            P("各乡镇（街道）农业农村服务中心：", "word"),
            P(
                "根据上级关于耕地地力保护补贴工作的有关要求，为确保补贴资金及时足额发放到户，现就做好我县2022年耕地地力保护补贴发放工作通知如下。",
                "word",
            ),
            P(
                "一、补贴对象为拥有耕地承包权的种地农民，补贴面积以二轮土地承包面积为基础，已改变用途的耕地不纳入补贴范围。",
                "word",
            ),
            P(
                "二、各乡镇（街道）要对补贴面积进行核实公示，公示期不少于7天，公示无异议后于9月20日前将汇总表报县农业农村局。",
                "word",
            ),
            P("三、补贴资金通过“一卡通”发放，严禁截留、挤占、挪用补贴资金。", "word"),
            P("宜良县农业农村局", "right"),
            P("2022年8月26日", "right"),
        ],
    },
    {
        "id": 31175,
        "col": "zcwj",
        "date": "2022-08-11",
        "template": "nolabel",
        "title": "宜良县人民政府办公室关于调整宜良县防汛抗旱指挥部成员的通知",
        "nolabel": ["xzfb/2022-00102", "宜良县人民政府办公室", "2022-08-11"],
        "heading": "宜良县人民政府办公室关于调整宜良县防汛抗旱指挥部成员的通知",
        "info": {"time": "2022-08-11 10:30:00"},
        "body": [
            P("宜政办通〔2022〕45号", "center"),
            P("各乡镇人民政府、街道办事处，县直各部门：", "ideo"),
            P(
                "因人事变动和工作需要，经县人民政府同意，决定对宜良县防汛抗旱指挥部成员进行调整。调整后的指挥部由县人民政府分管副县长任指挥长，县应急管理局、县水务局、县人武部主要负责同志任副指挥长。",
                "ideo",
            ),
            P(
                "指挥部下设办公室在县应急管理局，办公室主任由县应急管理局局长兼任。各成员单位要按照职责分工，做好汛期值班值守和信息报送工作。",
                "ideo",
            ),
            P("宜良县人民政府办公室", "right"),
            P("2022年8月10日", "right"),
        ],
    },
    {
        "id": 31163,
        "col": "zcwj",
        "date": "2022-07-26",
        "template": "table",
        "title": "宜良县自然资源局关于宜良县2022年度第三批次城镇建设用地征收土地的公告",
        "meta": [
            [
                ("索 引 号", "zrzyj/2022-00033"),
                ("发布机构", "宜良县自然资源局"),
                ("公开日期", "2022-07-26 11:20:45"),
            ],
            [("主题分类", "2022年"), ("文号", ""), ("有效性", "")],
            [("名 称", "宜良县自然资源局关于宜良县2022年度第三批次城镇建设用地征收土地的公告")],
            [("成文日期", "&nbsp;"), ("关键字", "&nbsp;"), ("公开方式", "主动公开")],
        ],
        "info": {"time": "2022-07-26 11:20:45", "source": "宜良县自然资源局"},
        "body": [
            P(
                "经云南省人民政府批准，宜良县2022年度第三批次城镇建设用地已获批准。根据《中华人民共和国土地管理法》及其实施条例的规定，现将征收土地有关事项公告如下：",
                "nbsp",
            ),
            P(
                "一、征收土地位于匡远街道小哨社区和北古城镇大营村，征收土地总面积12.6832公顷。",
                "nbsp",
            ),
            P(
                "二、被征收土地的所有权人、使用权人应在本公告发布之日起15日内，持土地权属证书到县自然资源局办理征地补偿登记。",
                "nbsp",
            ),
            P("三、对本公告有异议的，可在公告之日起60日内向县人民政府申请行政复议。", "nbsp"),
            P("特此公告。", "nbsp"),
        ],
    },
    {
        "id": 31150,
        "col": "zcwj",
        "date": "2022-07-20",
        "template": "table",
        "title": "宜良县住房和城乡建设局关于印发《宜良县城镇老旧小区改造2022年度实施方案》的通知",
        "meta": [
            [
                ("&nbsp;索&nbsp;引&nbsp;号&nbsp;", "&nbsp;zjj/2022-00058"),
                ("发布&nbsp;机构", "&nbsp;宜良县住房和城乡建设局"),
                ("公　开　日　期", "2022年07月20日"),
            ],
            [
                ("主　题　分　类", "城乡建设、环境保护"),
                ("文　　号", "&nbsp;宜住建发〔2022〕19号"),
                ("有 效 性", "有效"),
            ],
            [
                (
                    "名　　称",
                    "宜良县住房和城乡建设局关于印发《宜良县城镇老旧小区改造2022年度实施方案》的通知",
                )
            ],
            [
                ("成文日期", "2022-07-18"),
                ("关 键 字", "老旧小区、改造、实施方案"),
                ("公开方式", "主动公开"),
            ],
        ],
        "info": {"time": "2022-07-20 15:42:10", "source": "宜良县住房和城乡建设局"},
        "body": [
            P("各有关单位：", "ideo"),
            P("现将《宜良县城镇老旧小区改造2022年度实施方案》印发给你们，请认真贯彻执行。", "ideo"),
            H("宜良县城镇老旧小区改造2022年度实施方案"),
            P(
                "2022年计划改造城镇老旧小区23个，涉及居民1856户，重点改造供排水、供电、道路、消防等基础设施，同步推进加装电梯和小区环境整治。",
                "ideo",
            ),
            P(
                "各街道要成立工作专班，组织居民参与改造方案设计，改造完成后建立长效管理机制。",
                "ideo",
            ),
        ],
    },
    {
        "id": 31142,
        "col": "zcwj",
        "date": "2022-07-08",
        "template": "table",
        "title": "宜良县人民政府办公室关于印发宜良县突发事件总体应急预案的通知",
        "meta": [
            [
                ("索 引 号", "01527918X-202207-00318"),
                ("发文机关", "宜良县人民政府办公室"),
                ("公开日期", "2022-07-08 18:50"),
            ],
            [
                ("主题分类", "综合政务\\应急管理"),
                ("发文字号", "宜政办发〔2022〕31号"),
                ("文件有效性", "有效"),
            ],
            [("名 称", "宜良县人民政府办公室关于印发宜良县突发事件总体应急预案的通知")],
            [("成文日期", "2022-07-06"), ("公文种类", "通知"), ("关键字", "应急预案,突发事件")],
        ],
        "info": {"time": "2022-07-08 18:50"},
        "body": [
            P("各乡镇人民政府、街道办事处，县直各部门："),
            P("《宜良县突发事件总体应急预案》已经县人民政府同意，现印发给你们，请认真组织实施。"),
            P(
                "本预案适用于本县行政区域内自然灾害、事故灾难、公共卫生事件和社会安全事件的应对工作。县人民政府是本县突发事件应对工作的行政领导机关，各乡镇（街道）负责本辖区突发事件的应对工作。"
            ),
            P("宜良县人民政府办公室", "right"),
            P("2022年7月6日", "right"),
        ],
    },
    {
        "id": 31128,
        "col": "zcwj",
        "date": "2022-06-21",
        "template": "table",
        "title": "宜良县教育体育局关于公布2022年宜良县义务教育阶段学校招生范围的通知",
        "meta": [
            [
                ("索 引 号", "jtj/2022-00041"),
                ("发布机构", "宜良县教育体育局"),
                ("公开日期", "2022-06-21 09:03:27"),
            ],
            [("主题分类", "教育"), ("文号", "宜教体发〔2022〕22号"), ("有效性", "有效")],
            [("名 称", "宜良县教育体育局关于公布2022年宜良县义务教育阶段学校招生范围的通知")],
            [("成文日期", "2022-06-20"), ("关键字", "招生；义务教育"), ("公开方式", "主动公开")],
        ],
        "info": {"time": "2022-06-21 09:03:27", "source": "宜良县教育体育局"},
        "body": [
            P("各中小学校，各位家长："),
            P(
                "根据义务教育招生入学的有关规定，现将2022年宜良县城区公办义务教育阶段学校招生范围予以公布，学生按户籍和实际居住地相对划片入学。"
            ),
            IMG(f"{LOCAL}/5/8E/3B/0F1C2D3E4A5B6C7D8E9F0A1B2C3_D4E5F6A7.png"),
            A(
                f"{LOCAL}/B/4D/21/7A9C0E1F2B3C4D5E6F7A8B9C0D1_5E6F7A80.pdf",
                "附件1：2022年宜良县城区小学招生范围.pdf",
            ),
            A(
                f"{LOCAL}/3/9A/6C/2E4F6A8B0C1D3E5F7A9B1C3D5E7_1A2B3C4D.docx",
                "附件2：入学信息登记表.docx",
            ),
            A(
                f"{LOCAL}/E/12/9F/8B7A6C5D4E3F2A1B0C9D8E7F6A5_9C8B7A6D.xlsx",
                "附件3：2022年招生计划汇总表.xlsx",
            ),
            A(
                f"{LOCAL}/7/C3/50/4D3C2B1A0F9E8D7C6B5A4F3E2D1_0A1B2C3D.pdf?e=.pdf",
                "附件4：随迁子女入学须知.pdf",
            ),
        ],
    },
    {
        "id": 31117,
        "col": "zcwj",
        "date": "2022-06-10",
        "template": "table",
        "title": "宜良县卫生健康局关于开展2022年基本公共卫生服务项目绩效评价的通知",
        "meta": [
            [
                ("索 引 号", "wjj/2022-00029"),
                ("发布机构", "宜良县卫生健康局"),
                ("公开日期", "2022-06-10 14:30:00"),
            ],
            [("主题分类", "卫生、体育"), ("文号", "宜卫健发〔2022〕36号"), ("有效性", "有效")],
            [("名 称", "宜良县卫生健康局关于开展2022年基本公共卫生服务项目绩效评价的通知")],
            [
                ("成文日期", "2022-06-08"),
                ("关键字", "基本公共卫生 绩效评价"),
                ("公开方式", "主动公开"),
            ],
        ],
        "info": {"time": "2022-06-10 14:30:00", "source": "宜良县卫生健康局"},
        "body": [
            P("各乡镇卫生院、社区卫生服务中心："),
            P(
                "为全面掌握2022年基本公共卫生服务项目实施进展，提高项目资金使用效益，县卫生健康局决定于6月中旬开展项目绩效评价，评价结果与资金拨付挂钩。"
            ),
            P("请各单位对照评价细则做好自查，于6月15日前报送自查报告。"),
            A(
                f"{LOCAL}/2/6B/0D/9E8F7A6B5C4D3E2F1A0B9C8D7E6_3F2E1D0C.doc",
                "附件：2022年基本公共卫生服务项目绩效评价细则.doc",
            ),
            A(f"{HOST}{LOCAL}/C/0E/7B/1A2B3C4D5E6F7A8B9C0D1E2F3A4_6B5A4F3E.xls", "评价评分表.xls"),
        ],
        "download": [(1645512345, 4523187, "2022年基本公共卫生服务项目绩效评价细则（PDF版）.pdf")],
    },
    {
        "id": 31104,
        "col": "zcwj",
        "date": "2022-06-02",
        "template": "old",
        "title": "宜良县2022年“安全生产月”活动方案",
        "heading": "宜良县2022年“安全生产月”活动方案",
        "old": {"time": "2022-06-02 09:15", "author": "宜良县安全生产委员会办公室"},
        "body": [
            P(
                "今年6月是全国第21个“安全生产月”，活动主题为“遵守安全生产法　当好第一责任人”。为扎实开展好我县“安全生产月”活动，制定本方案。"
            ),
            P(
                "一、6月1日至6月30日，各乡镇（街道）、各部门组织开展安全宣传咨询日、应急演练和隐患排查等活动。"
            ),
            P(
                "二、6月16日在宜良县城东广场举办安全宣传咨询日主场活动，各成员单位设置展位，发放宣传资料。"
            ),
            P("三、活动结束后，各单位于7月5日前将活动总结报县安委办。"),
        ],
    },
    {
        "id": 31096,
        "col": "zcwj",
        "date": "2022-05-18",
        "template": "table",
        "title": "宜良县市场监督管理局2022年度“双随机、一公开”抽查工作计划",
        "heading_html": "宜良县市场监督管理局<br />2022年度“双随机、一公开”抽查工作计划",
        "meta": [
            [
                ("索 引 号", "scjgj/2022-00016"),
                ("发布机构", "宜良县市场监督管理局"),
                ("公开日期", "2022-05-18 10:12:40"),
            ],
            [
                ("主题分类", "市场监管、安全生产监管"),
                ("文号", "宜市监发〔2022〕9号"),
                ("有效性", "有效"),
            ],
            [("标 题", "宜良县市场监督管理局2022年度“双随机、一公开”抽查工作计划")],
            [
                ("成文日期", "2022-05-16"),
                ("关键字", "双随机 一公开 抽查计划"),
                ("公开方式", "主动公开"),
            ],
        ],
        "info": {"time": "2022-05-18 10:12:40", "source": "宜良县市场监督管理局"},
        "body": [
            COMMENT,
            STYLE,
            P("为规范市场监管执法行为，根据年度工作安排，制定本抽查工作计划。"),
            T(
                [
                    ["序号", "抽查事项", "抽查对象", "抽查比例", "实施时间"],
                    ["1", "食品生产企业监督检查", "食品生产企业", "5%", "2022年6月"],
                    ["2", "特种设备使用单位监督检查", "特种设备使用单位", "3%", "2022年8月"],
                    ["3", "产品质量监督抽查", "", "2%", "2022年10月"],
                ]
            ),
            SCRIPT,
            P("抽查工作要求："),
            UL(
                "抽查结果通过国家企业信用信息公示系统向社会公示；",
                "对抽查发现的违法违规行为依法处理；",
                "抽查工作接受社会监督。",
            ),
            BR("宜良县市场监督管理局", "2022年5月16日"),
        ],
    },
    {
        "id": 31090,
        "col": "zcwj",
        "date": "2022-05-06",
        "template": "soft404",
        "title": "宜良县2022年第一季度政府信息公开工作情况通报",
    },
    # ------------------------------------------------------------------ czzj 财政资金
    {
        "id": 22045,
        "col": "czzj",
        "date": "2023-02-20",
        "template": "table",
        "title": "宜良县财政局关于公开2023年县级预算的说明",
        "meta": [
            [("索 引 号", "czj/2023-00012"), ("发布机构", CZ), ("公开日期", "2023-02-20 17:42:05")],
            [("主题分类", "财政预决算"), ("文号", "宜财预〔2023〕6号"), ("有效性", "有效")],
            [("名 称", "宜良县财政局关于公开2023年县级预算的说明")],
            [("成文日期", "2023-02-17"), ("关键字", "预算 公开"), ("公开方式", "主动公开")],
        ],
        "info": {"time": "2023-02-20 17:42:05", "source": CZ},
        "body": [
            P(
                "根据《中华人民共和国预算法》规定，现将经县人民代表大会批准的2023年县级预算公开如下。"
            ),
            P(
                "2023年全县一般公共预算收入安排182600万元，比上年执行数增长6.2%；一般公共预算支出安排365400万元。"
            ),
            P("单位：万元", "right"),
            T(
                [
                    ["项目", "2022年执行数", "2023年预算数", "增长%"],
                    ["一般公共预算收入", "171940", "182600", "6.2"],
                    ["政府性基金预算收入", "98300", "105000", "6.8"],
                    ["国有资本经营预算收入", "1200", "1350", "12.5"],
                ]
            ),
            IMG(f"{LOCAL}/9/0F/4A/6E5D4C3B2A1F0E9D8C7B6A5F4E3_7C6B5A4D.png"),
            A(
                f"{LOCAL}/4/A7/E2/5C6D7E8F9A0B1C2D3E4F5A6B7C8_2D3E4F5A.xlsx",
                "附件：宜良县2023年县级预算公开表.xlsx",
            ),
        ],
    },
    {
        "id": 22039,
        "col": "czzj",
        "date": "2022-12-28",
        "template": "li",
        "title": "宜良县2021年县级决算公开",
        "meta": [
            [("索引号", "czj/2022-00061"), ("发布机构", CZ), ("公开日期", "2022-12-28 16:20:33")],
            [("主题分类", "财政预决算"), ("文号", ""), ("有效性", "有效")],
            [("关键字", "决算 公开")],
        ],
        "heading": "宜良县2021年县级决算公开",
        "info": {"time": "2022-12-28 16:20:33", "source": CZ},
        "body": [
            P(
                "经宜良县第十八届人民代表大会常务委员会第六次会议审查批准，现将宜良县2021年县级决算予以公开。"
            ),
            P(
                "2021年全县一般公共预算收入完成171940万元，一般公共预算支出完成352836万元，收支平衡。"
            ),
            A(
                f"../../{LOCAL.lstrip('/')}/D/51/3E/8F9E0D1C2B3A4F5E6D7C8B9A0F1_4B5C6D7E.pdf",
                "附件：宜良县2021年县级决算公开表.pdf",
            ),
        ],
    },
    {
        "id": 22031,
        "col": "czzj",
        "date": "2022-11-15",
        "template": "table",
        "title": "宜良县财政局关于下达2022年第二批中央财政衔接推进乡村振兴补助资金的通知",
        "meta": [
            [("索 引 号", "czj/2022-00055"), ("发布机构", CZ), ("公开日期", "2022-11-15")],
            [
                ("主题分类", "财政资金\\专项资金"),
                ("文号", "宜财农〔2022〕88号"),
                ("有效性", "有效"),
            ],
            [("名 称", "宜良县财政局关于下达2022年第二批中央财政衔接推进乡村振兴补助资金的通知")],
            [("成文日期", "2022-11-10"), ("关键字", "乡村振兴 衔接资金"), ("公开方式", "主动公开")],
        ],
        "info": {"source": CZ},
        "body": [
            P("各乡镇人民政府、街道办事处，县农业农村局、县乡村振兴局："),
            P(
                "现下达2022年第二批中央财政衔接推进乡村振兴补助资金1260万元，用于产业发展和农村基础设施建设项目。"
            ),
            T(
                [
                    ["乡镇（街道）", "金额（万元）", "主要用途"],
                    ["狗街镇", "320", "高原特色蔬菜产业基地"],
                    ["九乡彝族回族乡", "410", "村组道路硬化"],
                    ["耿家营彝族苗族乡", "300", "农田灌溉设施"],
                    ["竹山镇", "230", "特色养殖项目"],
                ]
            ),
            P("请按照项目管理要求及时拨付资金，确保年底前完成支出。"),
        ],
    },
    {
        "id": 22027,
        "col": "czzj",
        "date": "2022-09-29",
        "template": "table",
        "title": "宜良县2022年惠民惠农财政补贴资金“一卡通”发放情况公示（第三季度）",
        "meta": [
            [("索 引 号", "czj/2022-00048"), ("发布机构", CZ), ("公开日期", "2022-09-29 09:47:51")],
            [("主题分类", "财政资金"), ("文号", ""), ("有效性", "有效")],
            [("名 称", "宜良县2022年惠民惠农财政补贴资金“一卡通”发放情况公示（第三季度）")],
            [
                ("来源", "宜良县财政局农业股"),
                ("关键字", "惠民惠农、财政补贴；一卡通"),
                ("公开方式", "主动公开"),
            ],
            [("公开范围", "面向社会"), ("信息时效期", "长期"), ("成文日期", "2022-09-28")],
        ],
        "info": {"time": "2022-09-29 09:47:51", "source": "宜良县融媒体中心"},
        "body": [
            P(
                "根据惠民惠农财政补贴资金“一卡通”管理有关规定，现将2022年第三季度全县惠民惠农补贴资金发放情况予以公示。"
            ),
            P(
                "第三季度共发放补贴资金14项，涉及群众36218人次，发放资金2874.56万元，全部通过社会保障卡直接发放到户。"
            ),
            P("公示期间如有异议，请向宜良县财政局反映，监督电话：0871-67521180。"),
        ],
    },
    {
        "id": 22019,
        "col": "czzj",
        "date": "2022-06-28",
        "template": "nested",
        "title": "宜良县人民政府关于2021年度县级财政决算草案的报告",
        "meta": [
            [("索 引 号", "czj/2022-00027"), ("发布机构", CZ), ("公开日期", "2022-06-28 09:30:00")],
            [("主题分类", "财政预决算"), ("文号", "宜政报〔2022〕14号"), ("有效性", "有效")],
            [("名 称", "宜良县人民政府关于2021年度县级财政决算草案的报告")],
            [
                ("成文日期", "2022-06-27 10:00"),
                ("关键字", "决算草案 报告"),
                ("公开方式", "主动公开"),
            ],
        ],
        "info": {"time": "2022-06-28 09:30:00", "source": CZ},
        "body": [
            P("县人民代表大会常务委员会："),
            P("受县人民政府委托，现将2021年度县级财政决算草案报告如下，请予审议。"),
            T(
                [
                    ["项目", "预算数", "决算数", "完成预算%"],
                    ["一般公共预算收入", "168000", "171940", "102.3"],
                    ["一般公共预算支出", "345000", "352836", "102.3"],
                ]
            ),
            P("2022年，我们将继续加强预算管理，严格执行人大批准的预算，不断提高财政资金使用绩效。"),
        ],
    },
    {
        "id": 22012,
        "col": "czzj",
        "date": "2022-04-15",
        "template": "li_inline",
        "title": "宜良县2022年政府债务限额及余额情况",
        "meta": [
            [("索引号", "czj/2022-00015"), ("发布机构", CZ), ("公开日期", "2022-04-15 11:05")],
            [("主题分类", "财政预决算"), ("有效性", "有效"), ("关键字", "政府债务 限额")],
        ],
        "heading": "宜良县2022年政府债务限额及余额情况",
        "info": {"time": "2022-04-15 11:05", "source": CZ},
        "body": [
            P("根据地方政府债务信息公开有关规定，现将宜良县2022年政府债务限额及余额情况公开如下。"),
            P("截至2021年末，全县政府债务余额控制在省级核定的限额以内，债务风险总体可控。"),
            A(
                f"{LOCAL}/6/2C/8D/0B1C2D3E4F5A6B7C8D9E0F1A2B3_8E9F0A1B.zip",
                "附件：宜良县2022年政府债务公开表（压缩包）.zip",
            ),
        ],
    },
    {
        "id": 22008,
        "col": "czzj",
        "date": "2022-03-10",
        "template": "table",
        "title": "宜良县财政局2022年政府采购意向公开",
        "meta": [
            [
                ("索 引 号", "czj/2022-00009"),
                ("发布机构", "&nbsp;&nbsp;" + CZ),
                ("公开日期", "2022-03-10 08:40:16"),
            ],
            [("主题分类", "财政资金"), ("文号", ""), ("有效性", "有效")],
            [("名 称", "宜良县财政局2022年政府采购意向公开")],
            [("成文日期", "2022-03-09"), ("关键字", "政府采购 采购意向"), ("公开方式", "主动公开")],
        ],
        "info": {"time": "2022-03-10 08:40:16", "source": CZ},
        "body": [
            P("为便于供应商及时了解政府采购信息，现将宜良县财政局2022年政府采购意向公开如下："),
            T(
                [
                    ["序号", "采购项目名称", "预算金额（万元）", "预计采购时间"],
                    ["1", "财政业务一体化系统运维服务", "48", "2022年4月"],
                    ["2", "办公设备采购", "15.6", "2022年5月"],
                ]
            ),
            P(
                "本次公开的采购意向是本单位政府采购工作的初步安排，具体采购项目情况以相关采购公告为准。"
            ),
        ],
    },
    {
        "id": 22003,
        "col": "czzj",
        "date": "2021-12-30",
        "template": "table",
        "title": "宜良县财政局关于印发宜良县县级财政专项资金管理办法的通知",
        "meta": [
            [("索 引 号", "czj/2021-00033"), ("发布机构", CZ), ("公开日期", "2021-12-30 15:20")],
            [("主题分类", "其他"), ("文号", "宜财发〔2021〕72号"), ("有效性", "失效")],
            [("名 称", "宜良县财政局关于印发宜良县县级财政专项资金管理办法的通知")],
            [("成文日期", "2021-12-27"), ("关键字", "专项资金 管理办法"), ("公开方式", "主动公开")],
        ],
        "info": {"time": "2021-12-30 15:20", "source": CZ},
        "body": [
            P("县直各部门，各乡镇（街道）财政所："),
            P(
                "为规范县级财政专项资金管理，提高资金使用效益，县财政局制定了《宜良县县级财政专项资金管理办法》，现印发给你们，请遵照执行。"
            ),
            P("本办法自2022年1月1日起施行，有效期两年。"),
            A(
                f"{LOCAL}/A/3F/C1/7D8E9F0A1B2C3D4E5F6A7B8C9D0_5F6A7B8C.docx",
                "宜良县县级财政专项资金管理办法.docx",
            ),
        ],
    },
]


# ---------------------------------------------------------------------------------------------
# page chrome (Visual SiteBuilder templates)
# ---------------------------------------------------------------------------------------------
def up(depth: int) -> str:
    return "../" * depth


def head(title: str, depth: int, extra: str = "") -> str:
    u = up(depth)
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8" />
<meta http-equiv="X-UA-Compatible" content="IE=edge" />
<title>{esc(title)}-{SITE}</title><META Name="keywords" Content="{SITE},{attr(title)}" />
<!--Announced by Visual SiteBuilder 9-->
<link rel="stylesheet" type="text/css" href="{u}_sitegray/_sitegray_d.css" />
<script language="javascript" src="{u}_sitegray/_sitegray.js"></script>
<!-- CustomerNO:77656262657232307e7a475c5255574200060000415b -->
<link rel="stylesheet" type="text/css" href="{u}style/common.css" />
<script type="text/javascript" src="/system/resource/js/counter.js"></script>
{extra}</head>
<body>
<div class="top"><div class="wrap"><div class="logo"><img src="{u}images/logo.png" alt="{SITE}" /></div>
<div class="search"><form action="{u}ssjgy.jsp?wbtreeid=1001" method="post" name="a163589a"><input type="text" name="showkeycode" placeholder="请输入关键字" /><input type="submit" value="搜索" /></form></div></div></div>
<div class="nav"><ul>
<li><a href="{u}index.htm">首页</a></li>
<li><a href="{u}zwdt.htm">政务动态</a></li>
<li><a href="{u}xxgk.htm">政府信息公开</a></li>
<li><a href="{u}zmhd.htm">政民互动</a></li>
<li><a href="{u}bmfw.htm">便民服务</a></li>
<li><a href="{u}zjyl.htm">走进宜良</a></li>
</ul></div>
"""


def foot(depth: int) -> str:
    u = up(depth)
    return f"""<div class="footer"><div class="wrap">
<p><a href="{u}wzdt.htm">网站地图</a> | <a href="{u}lxwm.htm">联系我们</a></p>
<p>主办：宜良县人民政府办公室　承办：宜良县融媒体中心　地址：云南省昆明市宜良县匡远街道</p>
<p>滇ICP备05003456号-1　滇公网安备 53012502000118号　网站标识码：5301250001</p>
</div></div>
</body>
</html>
"""


def crumb(col: str, depth: int, tail: str) -> str:
    u = up(depth)
    name = COLUMNS[col]["name"]
    return (
        f'<div class="dqwz">当前位置：<a href="{u}index.htm">首页</a>&gt;&gt;'
        f'<a href="{u}xxgk.htm">政府信息公开</a>&gt;&gt;'
        f'<a href="{u}xxgk/fdzdgknr.htm">法定主动公开内容</a>&gt;&gt;'
        f'<a href="{u}xxgk/fdzdgknr/{col}.htm">{name}</a>{tail}</div>\n'
    )


# ---------------------------------------------------------------------------------------------
# detail pages
# ---------------------------------------------------------------------------------------------
def page_url(page: dict[str, Any]) -> str:
    return f"{HOST}/info/{COLUMNS[page['col']]['wbtree']}/{page['id']}.htm"


def meta_table(rows: list[list[tuple[str, str]]], cls: str = "xxgk_table") -> str:
    out = [f'<table class="{cls}" width="100%" border="0" cellspacing="0" cellpadding="0"><tbody>']
    for row in rows:
        cells = []
        for label, value in row:
            colspan = ' colspan="5"' if len(row) == 1 else ""
            cells.append(f'<td class="lab">{label}</td><td class="val"{colspan}>{value}</td>')
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def meta_li(rows: list[list[tuple[str, str]]], inline: bool) -> str:
    items = []
    for row in rows:
        for label, value in row:
            if inline:
                items.append(f"<li>{label}：{value}</li>")
            else:
                items.append(f"<li><label>{label}</label><span>{value}</span></li>")
    return '<div class="xxgk-attr"><ul>\n' + "\n".join(items) + "\n</ul></div>"


def info_line(info: dict[str, str] | None, wbtree: int, doc_id: int) -> str:
    if info is None:
        return ""
    spans = []
    if info.get("time"):
        spans.append(f"<span>发布时间：{info['time']}</span>")
    if info.get("source"):
        spans.append(f"<span>来源：{info['source']}</span>")
    spans.append(
        f'<span>浏览次数：<script>_showDynClicks("wbnews", 1645512345, {doc_id})</script></span>'
    )
    spans.append(
        '<span>字号：[ <a href="javascript:doZoom(18)">大</a> <a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(14)">小</a> ]</span>'
    )
    return '<div class="article-info">' + "".join(spans) + "</div>"


def download_list(page: dict[str, Any]) -> str:
    items = []
    for owner, fileid, name in page.get("download", []):
        href = f"/system/_content/download.jsp?urltype=news.DownloadAttachUrl&amp;owner={owner}&amp;wbfileid={fileid}"
        items.append(
            f'<li>附件【<a href="{href}" target="_blank">附件：{esc(name)}</a>】已下载<span id="nattach{fileid}"><script language="javascript">getClickTimes({fileid},{owner},"wbnewsfile","attach")</script></span>次</li>'
        )
    if not items:
        return ""
    return '<ul style="list-style-type:none;">' + "".join(items) + "</ul>"


def download_urls(page: dict[str, Any]) -> list[tuple[str, str]]:
    """(canonical URL, mirror file path) of each download.jsp link."""
    out = []
    for owner, fileid, _ in page.get("download", []):
        query = f"urltype=news.DownloadAttachUrl&owner={owner}&wbfileid={fileid}"
        out.append(
            (
                f"{HOST}/system/_content/download.jsp?{query}",
                f"system/_content/download.jsp@{query}",
            )
        )
    return out


def render_detail(page: dict[str, Any]) -> str:
    col = page["col"]
    wbtree = COLUMNS[col]["wbtree"]
    depth = 2
    body_html, _ = render_body(page["body"])
    template = page["template"]
    counter = f"<script type=\"text/javascript\">_jsq_({wbtree},'/content.jsp',{page['id']},1645512345)</script>\n"
    parts = [
        head(page["title"], depth, counter),
        '<div class="wrap main">\n',
        crumb(col, depth, "&gt;&gt;正文"),
    ]
    heading = page.get("heading_html") or esc(page.get("heading") or page["title"])
    info = info_line(page.get("info"), wbtree, page["id"])
    content = f'<div id="vsb_content"><div class="v_news_content">\n{body_html}\n</div></div>'
    if template == "old":
        old = page["old"]
        parts.append(
            '<form name="_newscontent_fromname">\n'
            '<table width="100%" class="winstyle58463" cellspacing="0" cellpadding="0">\n'
            f'<tr><td class="titlestyle58463" align="center">{heading}</td></tr>\n'
            f'<tr><td align="center" height="30"><span class="timestyle58463">{old["time"]}</span>&nbsp;&nbsp;'
            f'<span class="authorstyle58463">{esc(old["author"])}</span>&nbsp;&nbsp;'
            f'<span class="timestyle58463">点击数：<script>_showDynClicks("wbnews", 1645512345, {page["id"]})</script></span></td></tr>\n'
            f'<tr><td class="contentstyle58463"><div id="vsb_content_2"><div class="v_news_content">\n{body_html}\n</div></div>'
            '<div id="div_vote_id"></div></td></tr>\n'
            "</table>\n</form>\n"
        )
    else:
        if template == "table":
            meta = f'<div class="xxgk-box">\n{meta_table(page["meta"])}\n</div>'
        elif template == "nested":
            meta = (
                '<table width="100%" class="layout" cellspacing="0" cellpadding="0"><tr><td width="12"></td><td>\n'
                f'{meta_table(page["meta"])}\n</td><td width="12"></td></tr></table>'
            )
        elif template in ("li", "li_inline"):
            meta = meta_li(page["meta"], inline=template == "li_inline")
        elif template == "nolabel":
            spans = "".join(
                f'<span class="gk-v{i}">{v}</span>' for i, v in enumerate(page["nolabel"])
            )
            meta = f'<div class="gk-attr-nolabel">{spans}</div>'
        else:
            raise ValueError(template)
        parts.append(
            '<form name="_newscontent_fromname">\n<div class="article">\n'
            f"{meta}\n"
            f'<div class="article-title"><h1>{heading}</h1></div>\n'
            f"{info}\n{content}\n"
            '<div id="div_vote_id"></div>\n'
            f"{download_list(page)}\n"
            '<div class="article-tools"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>\n'
            "</div>\n</form>\n"
        )
    parts.append("</div>\n")
    parts.append(foot(depth))
    return "".join(parts)


def expected(
    page: dict[str, Any], url: str, rules_fields: list[str] | None = None
) -> dict[str, Any]:
    pairs: dict[str, str] = {}
    for row in page.get("meta", []):
        for label, value in row:
            key = label_key(label)
            assert key in LABEL_FIELDS, key
            if not pairs.get(key):
                pairs[key] = text_of(value)
    info = page.get("info") or {}
    if info.get("source") and not pairs.get("来源"):
        pairs["来源"] = info["source"]
    old = page.get("old")
    hints: list[str | None] = [info.get("time")]
    if old:
        hints.append(old["time"])
        if not pairs.get("来源"):
            pairs["来源"] = old["author"]
    fields: dict[str, str] = {}
    for key, value in pairs.items():
        name = LABEL_FIELDS[key]
        if value and not fields.get(name):
            fields[name] = value
    if page["template"] == "nolabel":
        assert rules_fields is not None
        for name, value in zip(rules_fields, page["nolabel"], strict=True):
            if value and not fields.get(name):
                fields[name] = text_of(value)
    heading = norm(re.sub(r"<br\s*/?>", " ", page.get("heading_html") or "")) or norm(
        page.get("heading") or page["title"]
    )
    _, body_text = render_body(page["body"])
    written = pdate(fields.get("written_date"))
    return {
        "url": url,
        "title": fields.get("title") or heading or None,
        "index_no": fields.get("index_no"),
        "index_no_parts": km_parts(fields.get("index_no")),
        "topic": fields.get("topic"),
        "publisher": fields.get("publisher") or fields.get("issuer") or fields.get("source"),
        "publish_date": publish_date(fields.get("publish_date"), hints),
        "doc_no": fields.get("doc_no"),
        "keywords": keywords(fields.get("keywords")),
        "body_text": body_text,
        "attachments": body_attachments(page["body"], url)
        + (
            [
                {"url": u, "name": norm("附件：" + n), "ext": n.rsplit(".", 1)[-1]}
                for (u, _), (_, _, n) in zip(
                    download_urls(page), page.get("download", []), strict=True
                )
            ]
            if DOWNLOAD_JSP_IS_ATTACHMENT
            else []
        ),
        "written_date": written[0] if written else None,
        "validity": fields.get("validity"),
        "issuer": fields.get("issuer"),
        "doc_type": fields.get("doc_type"),
        "subject_words": keywords(fields.get("subject_words")),
    }


def render_soft404(page: dict[str, Any]) -> str:
    return (
        head("提示信息", 2)
        + '<div class="wrap main">\n<div class="error-box" style="text-align:center;padding:80px 0;">\n'
        '<p><img src="../../images/tishi.png" alt="" /></p>\n'
        "<p>对不起，您访问的页面不存在或已被删除！</p>\n"
        '<p><a href="../../index.htm">返回首页</a></p>\n</div>\n</div>\n' + foot(2)
    )


# ---------------------------------------------------------------------------------------------
# list pages
# ---------------------------------------------------------------------------------------------
def list_pages(col: str) -> list[list[dict[str, Any]]]:
    pages = sorted((p for p in PAGES if p["col"] == col), key=lambda p: p["date"], reverse=True)
    n = COLUMNS[col]["per_page"]
    return [pages[i : i + n] for i in range(0, len(pages), n)]


def list_path(col: str, k: int, total: int) -> str:
    """Page k (1-based) of ``total``: ``zcwj.htm``, then ``zcwj/{total-1}.htm`` … ``zcwj/1.htm``."""
    return f"{LIST_DIR}/{col}.htm" if k == 1 else f"{LIST_DIR}/{col}/{total - k + 1}.htm"


def rel_link(col: str, from_k: int, to_k: int, total: int) -> str:
    target = list_path(col, to_k, total)
    if from_k == 1:
        return target[len(LIST_DIR) + 1 :]
    return "../" + target[len(LIST_DIR) + 1 :] if to_k == 1 else target.rsplit("/", 1)[-1]


def pager_old(col: str, k: int, total: int, count: int) -> str:
    c = COLUMNS[col]
    nav = []
    for text, target in (("首页", 1), ("上页", k - 1), ("下页", k + 1), ("尾页", total)):
        if target < 1 or target > total or target == k:
            nav.append(text)
        else:
            nav.append(f'<a href="{rel_link(col, k, target, total)}" class="Next">{text}</a>')
    return (
        '<div class="pagebar"><table cellspacing="0" cellpadding="0" border="0"><tr><td colspan="2" align="center">'
        '<table cellspacing="0" cellpadding="0" border="0"><tr>'
        f'<td nowrap align="left" width="1%" id="fanye{c["fanye"]}">共{count}条&nbsp;&nbsp;{k}/{total}&nbsp;</td>'
        '<td nowrap align="left"><div>&nbsp;&nbsp;' + "&nbsp;&nbsp;".join(nav) + "&nbsp;&nbsp;"
        f'<input type="button" class="defaultButtonStyle" id="gotopagebut" name="goto" value="转到" onclick="javascript:_simple_list_gotopage_fun({total},\'GOPAGE\',2)"/>'
        '第<input size="2" type="text" class="defaultInputStyle" name="GOPAGE" id="GOPAGE" style="width:20px" />页</div></td>'
        "</tr></table>\n"
        "<script>function _simple_list_gotopage_fun(ps, gopage, ctype) { var p = document.getElementById(gopage).value; if (p > 0 && p <= ps) { window.location = p == 1 ? "
        f"'{rel_link(col, k, 1, total)}' : '{col}/' + (ps - p + 1) + '.htm'; }} }}</script>"
        "</td></tr></table></div>"
    )


def pager_pb(col: str, k: int, total: int, count: int) -> str:
    def fun(cls: str, text: str, target: int) -> str:
        if target < 1 or target > total or target == k:
            return f'<span class="{cls}_d p_fun_d">{text}</span>'
        return f'<span class="{cls} p_fun"><a href="{rel_link(col, k, target, total)}">{text}</a></span>'

    nos = []
    for n in range(1, total + 1):
        if n == k:
            nos.append(f'<span class="p_no_d">{n}</span>')
        else:
            nos.append(f'<span class="p_no"><a href="{rel_link(col, k, n, total)}">{n}</a></span>')
    return (
        '<div class="pb_sys_common pb_sys_normal pb_sys_style1">'
        f'<span class="p_t">共{count}条</span> <span class="p_pages">'
        + fun("p_first", "首页", 1)
        + fun("p_prev", "上页", k - 1)
        + "".join(nos)
        + fun("p_next", "下页", k + 1)
        + fun("p_last", "尾页", total)
        + f'</span> <span class="p_t">共{total}页</span>'
        '<span class="p_goto"><script>function a45102_gopage_fun(){}</script>'
        '<input type="text" class="p_goto_input" maxlength="10" /><a href="javascript:;">转到</a></span></div>'
    )


def render_list(col: str, k: int, pages: list[list[dict[str, Any]]]) -> tuple[str, dict[str, Any]]:
    total = len(pages)
    count = sum(len(p) for p in pages)
    path = list_path(col, k, total)
    depth = path.count("/") - 1
    url = HOST + path
    c = COLUMNS[col]
    lis, items = [], []
    for i, page in enumerate(pages[k - 1]):
        href = f"{up(depth)}info/{c['wbtree']}/{page['id']}.htm"
        title = page["title"]
        text = page.get("list_text") or title
        if col == "zcwj":
            lis.append(
                f'<li><a href="{href}" target="_blank" title="{attr(title)}">{esc(text)}</a><span>{page["date"]}</span></li>'
            )
        elif i == 1:  # a row written without a title attribute: the link text is the title
            lis.append(
                f'<li id="line_u8_{i}"><a href="{href}" target="_blank">{esc(title)}</a><span class="time">[{page["date"]}]</span></li>'
            )
        else:
            lis.append(
                f'<li id="line_u8_{i}"><a href="{href}" target="_blank" title="{attr(title)}">{esc(text)}</a><span class="time">[{page["date"]}]</span></li>'
            )
        items.append({"url": page_url(page), "title": title, "date": page["date"]})
    pager = (
        pager_old(col, k, total, count) if c["pager"] == "old" else pager_pb(col, k, total, count)
    )
    side = "".join(
        f'<li><a href="{up(depth)}xxgk/fdzdgknr/{other}.htm">{COLUMNS[other]["name"]}</a></li>'
        for other in COLUMNS
    )
    body = (
        head(c["name"], depth)
        + '<div class="wrap main">\n'
        + crumb(col, depth, "")
        + f'<div class="left-menu"><h3>法定主动公开内容</h3><ul>{side}</ul></div>\n'
        + f'<div class="list-box"><div class="list-title">{c["name"]}</div>\n<div class="list-con"><ul>\n'
        + "\n".join(lis)
        + "\n</ul></div>\n"
        + pager
        + "\n</div>\n</div>\n"
        + foot(depth)
    )
    further = [HOST + list_path(col, n, total) for n in range(2, total + 1) if n != k]
    return body, {"url": url, "items": items, "page_count": total, "page_urls": further}


# ---------------------------------------------------------------------------------------------
# attachment files (small, with the right magic bytes)
# ---------------------------------------------------------------------------------------------
def make_pdf(label: str) -> bytes:
    text = f"www.kmyl.gov.cn attachment {label}".encode("ascii")
    stream = b"BT /F1 12 Tf 72 770 Td (" + text + b") Tj ET"
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
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
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + bytes(16)
        + b"\x3e\x00\x03\x00\xfe\xff\x09\x00\x06\x00"
    )
    filler = (f"www.kmyl.gov.cn attachment {label} ".encode("ascii") * 40)[:1024]
    return header + bytes(512 - len(header)) + filler


def _zip(files: list[tuple[str, str]]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
        for name, data in files:
            z.writestr(zipfile.ZipInfo(name, date_time=(2022, 1, 1, 0, 0, 0)), data)
    return buf.getvalue()


_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"


def make_docx(label: str) -> bytes:
    return _zip(
        [
            (
                "[Content_Types].xml",
                _XML
                + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
            ),
            (
                "_rels/.rels",
                _XML
                + f'<Relationships xmlns="{_PKG_REL}"><Relationship Id="rId1" Type="{_REL}/officeDocument" Target="word/document.xml"/></Relationships>',
            ),
            (
                "word/document.xml",
                _XML
                + f'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>{esc(label)}</w:t></w:r></w:p></w:body></w:document>',
            ),
        ]
    )


def make_xlsx(label: str) -> bytes:
    return _zip(
        [
            (
                "[Content_Types].xml",
                _XML
                + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
            ),
            (
                "_rels/.rels",
                _XML
                + f'<Relationships xmlns="{_PKG_REL}"><Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
            ),
            (
                "xl/workbook.xml",
                _XML
                + f'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="{_REL}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
            ),
            (
                "xl/_rels/workbook.xml.rels",
                _XML
                + f'<Relationships xmlns="{_PKG_REL}"><Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
            ),
            (
                "xl/worksheets/sheet1.xml",
                _XML
                + f'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>{esc(label)}</t></is></c><c r="B1"><v>182600</v></c></row></sheetData></worksheet>',
            ),
        ]
    )


def make_zip(label: str) -> bytes:
    return _zip(
        [(f"{label}.txt", f"www.kmyl.gov.cn attachment {label}\n"), ("readme.txt", "placeholder\n")]
    )


def make_png() -> bytes:
    import struct
    import zlib

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))

    raw = b"\x00" + bytes((200, 200, 200))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def file_bytes(path: str) -> bytes:
    if "download.jsp@" in path:  # VSB's download servlet answers with the file itself
        return make_pdf("wbfileid " + path.rsplit("=", 1)[-1])
    name = path.rsplit("/", 1)[-1].split("@", 1)[0]
    label, _, ext = name.rpartition(".")
    ext = ext.lower()
    if ext == "pdf":
        return make_pdf(label)
    if ext in ("doc", "xls"):
        return make_ole(label)
    if ext == "docx":
        return make_docx(label)
    if ext == "xlsx":
        return make_xlsx(label)
    if ext == "zip":
        return make_zip(label)
    if ext in ("png", "jpg"):
        return make_png()
    raise ValueError(path)


def mirror_path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path.lstrip("/") + (f"@{parts.query}" if parts.query else "")


# ---------------------------------------------------------------------------------------------
# the second profile: www.yn.gov.cn, one fixture page, no mirror
# ---------------------------------------------------------------------------------------------
GOV_PAGE: dict[str, Any] = {
    "id": 247315,
    "wbtree": 1011,
    "template": "table",
    "title": "云南省人民政府办公厅关于进一步加强森林草原防灭火工作的通知",
    "meta": [
        [
            ("索 引 号", "530000000015202209041"),
            ("发文机关", "云南省人民政府办公厅"),
            ("发布日期", "2022-09-16 17:05:22"),
        ],
        [
            ("主题分类", "综合政务\\应急管理"),
            ("发文字号", "云政办发〔2022〕63号"),
            ("成文日期", "2022年9月14日"),
        ],
        [("标　　题", "云南省人民政府办公厅关于进一步加强森林草原防灭火工作的通知")],
        [("公文种类", "通知"), ("主 题 词", "森林草原 防灭火 通知"), ("有 效 性", "有效")],
    ],
    "info": {"time": "2022-09-16 17:05:22", "source": "云南省人民政府办公厅"},
    "body": [
        P("各州、市人民政府，省直各委、办、厅、局："),
        P(
            "当前我省已进入森林草原防火关键期。为切实做好森林草原防灭火工作，保障人民群众生命财产安全和生态安全，经省人民政府同意，现就有关事项通知如下。"
        ),
        P("一、压紧压实防灭火责任，严格落实地方行政首长负责制，层层签订责任书。"),
        P("二、加强火源管控，在重点时段、重点区域设置检查站，严防火种进山入林。"),
        P("三、做好扑救准备，各地专业扑火队伍实行24小时备勤，确保火情发生后能够快速处置。"),
        A(
            "/__local/1/7E/2A/4B5C6D7E8F9A0B1C2D3E4F5A6B7_0C1D2E3F.pdf",
            "附件：云南省森林草原防灭火责任分工表.pdf",
        ),
        P("云南省人民政府办公厅", "right"),
        P("2022年9月14日", "right"),
    ],
}


def render_gov(page: dict[str, Any]) -> str:
    body_html, _ = render_body(page["body"])
    return f"""<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8" />
<title>{esc(page["title"])}_云南省人民政府门户网站</title>
<!--Announced by Visual SiteBuilder 9-->
<link rel="stylesheet" type="text/css" href="../../_sitegray/_sitegray_d.css" />
<script type="text/javascript" src="/system/resource/js/counter.js"></script>
<script type="text/javascript">_jsq_({page["wbtree"]},'/content.jsp',{page["id"]},1459832510)</script>
</head>
<body>
<div class="header"><div class="logo"><img src="../../images/logo.png" alt="云南省人民政府" /></div></div>
<div class="main">
<div class="position">您当前的位置：<a href="../../index.htm">首页</a> &gt;&gt; <a href="../../zwgk.htm">政务公开</a> &gt;&gt; <a href="../../zwgk/zcwj.htm">政策文件</a> &gt;&gt; 正文</div>
<form name="_newscontent_fromname">
<div class="xxgk-box">
{meta_table(page["meta"], "zcwj-table")}
</div>
<div class="article-title"><h1>{esc(page["title"])}</h1></div>
{info_line(page["info"], page["wbtree"], page["id"])}
<div id="vsb_content_100"><div class="v_news_content">
{body_html}
</div></div>
<div id="div_vote_id"></div>
</form>
</div>
<div class="footer"><p>主办：云南省人民政府办公厅　承办：云南省数字经济局</p><p>滇ICP备05000645号　网站标识码：5300000050</p></div>
</body>
</html>
"""


# ---------------------------------------------------------------------------------------------
# write everything
# ---------------------------------------------------------------------------------------------
def write(path: Path, data: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)


def write_json(path: Path, data: Any) -> None:
    write(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")


HOME = (
    head("首页", 0)
    + '<div class="wrap main">\n<div class="xxgk-entry"><h3>政府信息公开</h3><ul>\n'
    + "".join(
        f'<li><a href="xxgk/fdzdgknr/{c}.htm">{v["name"]}</a></li>\n' for c, v in COLUMNS.items()
    )
    + "</ul></div>\n</div>\n"
    + foot(0)
)
NOT_FOUND = (
    '<!DOCTYPE html>\n<html><head><meta charset="utf-8" /><title>404</title></head>'
    "<body><h1>404 Not Found</h1><p>您访问的页面不存在。</p></body></html>\n"
)
ROBOTS = "User-agent: *\nDisallow: /system/resource/\nDisallow: /ssjgy.jsp\n"
NOLABEL_RULE = ["index_no", "publisher", "publish_date"]


def main() -> None:
    if OUT.exists():
        shutil.rmtree(OUT)
    for d in (FIX, FIX_GOV):
        if d.exists():
            shutil.rmtree(d)
    write(OUT / "index.htm", HOME)
    write(OUT / "robots.txt", ROBOTS)
    write(OUT / "_mirror" / "404.html", NOT_FOUND)
    routes = [
        "# Special routes of the www.kmyl.gov.cn mirror. Generated by mirror/generate_yn_yl.py: do not edit.",
        "# Paths not listed here are served from the file at the same path; a URL with a query string",
        "# from the file named <path>@<query>.",
        "",
    ]
    files: set[str] = set()
    for page in PAGES:
        url = page_url(page)
        path = OUT / mirror_path(url)
        if page["template"] == "soft404":
            write(path, render_soft404(page))
            routes += [
                "# 200 with the site's chrome and a line saying the page does not exist",
                "[[route]]",
                f'path = "{urlsplit(url).path}"',
                'expect_error = "soft_404"',
                "",
            ]
            continue
        write(path, render_detail(page))
        rec = expected(page, url, NOLABEL_RULE)
        write_json(FIX / f"{page['id']}.expected.json", rec)
        for block in page["body"]:
            if block[0] in ("a", "img"):
                target = urljoin(url, block[1])
                if target.startswith(HOST):
                    files.add(mirror_path(target))
        for _, rel in download_urls(page):
            files.add(rel)
    for rel in sorted(files):
        write(OUT / rel, file_bytes(rel))
    write(OUT / "routes.toml", "\n".join(routes))
    lists: dict[str, Any] = {}
    for col in COLUMNS:
        pages = list_pages(col)
        for k in range(1, len(pages) + 1):
            text, data = render_list(col, k, pages)
            write(OUT / list_path(col, k, len(pages)).lstrip("/"), text)
            lists[data["url"]] = data
    write_json(FIX / "lists.json", lists)
    gov_url = f"{HOST_GOV}/info/{GOV_PAGE['wbtree']}/{GOV_PAGE['id']}.htm"
    write(FIX_GOV / f"{GOV_PAGE['id']}.htm", render_gov(GOV_PAGE))
    write_json(FIX_GOV / f"{GOV_PAGE['id']}.expected.json", expected(GOV_PAGE, gov_url))
    print(f"wrote {len(PAGES)} detail pages, {len(lists)} list pages, {len(files)} files to {OUT}")


if __name__ == "__main__":
    main()
