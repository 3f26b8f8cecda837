#!/usr/bin/env python3
# ruff: noqa: E501
"""Generate the offline test mirror of www.gov.cn's policy library (中国政府网 政策文件库).

Run from the repository root:  python3 mirror/generate_gov_cn.py   (standard library only)

Writes, deterministically (same bytes on every run):
  mirror/gov_cn/**                              the static site tree, URL path = file path
  mirror/gov_cn/routes.toml                     special routes (home page, soft 404, 404)
  tests/fixtures/gov_cn/<id>.expected.json      one per archived detail page
  tests/fixtures/gov_cn/lists.json              the detail URLs and further pages of each list page
  tests/fixtures/gov_cn_gongbao/content_5535389.htm + 5535389.expected.json
                                                the 国务院公报 profile's fixture page (no mirror)

The expected JSON is computed here from the same data the pages are rendered from (never by
running a parser): metadata values as written (whitespace collapsed), dates to ISO 8601 with
the time of <meta name="firstpublishedtime"> when it names the same day, and body_text from the
body blocks (a paragraph per line, split at <br>; a table row one line of tab-separated cells).

All prose is written for this mirror; titles, index numbers, document numbers and dates are
realistic but not copies of the real documents.

Column: 最新 /zhengce/zuixin/ — index.htm, index_1.htm, index_2.htm; the page count only in
createPageHTML(3, n, "index", "htm"); items li > h4 > a + span.date.

Variant map (page id -> what it covers):
  old layout, table.bd1 + td.b12c#UCAP-CONTENT .... 5531274 5490086 5472987 5453520 5420694 5203951 5098072
      labels 索 引 号 / 标　　题 / 主 题 词 (spaces, U+3000) ........ 5531274 5453520 5420694
      labels padded with &nbsp; ................................... 5490086
      labels padded with <span style="padding-left"> (no space) ..... 5472987
      labels without a colon, rows reordered ....................... 5203951
      labels with an ASCII colon, values starting with &nbsp; ....... 5098072
      empty 主题词 ................................................. 5531274 5453520
      主题词 filled (spaces / 、) .................................. 5490086 5203951
      no 主题词 table at all ....................................... 5472987 5098072
      empty 发文字号 (&nbsp;) ...................................... 5453520
      joint issuer 国务院 中央军委 ................................... 5203951
      no firstpublishedtime meta (date only) ....................... 5453520
      firstpublishedtime on another day than 发布日期 (date only) .. 5472987
      attachments: relative 5420694/files/….pdf, root-relative .doc, an <img> that is not one ... 5420694
      table in the body ............................................ 5420694 6992145
  new layout, div.policyLibraryOverview_header + div.pages_content#UCAP-CONTENT
                                                    ... 6985520 6986101 6990512 6997800 6992145 6988214
      empty spacer row before the labels ......... 6985520 6986101 6990512 6992145
      phone copy of the body after the first ...... 6985520 6986101
      attachments ./P0….pdf ./P0….xlsx ./P0….docx (also in the phone copy) ... 6986101
      attachment ./P0….pdf in a 政策文件库 page ...................... 6992145
      国务院令 (公文种类 令) ....................................... 6990512
      labels without colon; 发布日期 written 2025-01-06; empty 来源 ... 6997800
      empty 主题分类 and 公文种类; padded 来　　源 ................... 6988214
      有效性 row and a label no field maps (实施日期) ................ 6992145 (zhengce/zhengceku/)
      publisher from 来源 when 发文机关 is empty ................... 6988214
  no labels at all: div.pctoubukuang1 values only, read by the profile's [detail] rule ... 5429381
  article layout (政策解读): div.article h1, pages-date "2024-11-06 20:15 来源：新华社" ... 6985600
  errors: soft 404 served with 200 ......... /zhengce/content/202410/content_6979999.htm
          404 ............................... /zhengce/content/2018-05/20/content_5292000.htm
  list hrefs: ../content/… (most), /zhengce/… root-relative (5420694), https://www.gov.cn/… (5203951),
          http://www.gov.cn/… (5098072, canonical https), ../zhengceku/… (6992145), ../202411/… (6985600)
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
from urllib.parse import urljoin

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "mirror" / "gov_cn"
FIX = ROOT / "tests" / "fixtures" / "gov_cn"
FIX_GB = ROOT / "tests" / "fixtures" / "gov_cn_gongbao"
HOST = "https://www.gov.cn"
COLUMN = "/zhengce/zuixin/"
PER_PAGE = 6

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
LABEL_FIELD = {
    "索引号": "index_no",
    "主题分类": "topic",
    "发文机关": "issuer",
    "来源": "source",
    "成文日期": "written_date",
    "发布日期": "publish_date",
    "标题": "title",
    "发文字号": "doc_no",
    "主题词": "subject_words",
    "公文种类": "doc_type",
    "有效性": "validity",
}

# ---------------------------------------------------------------------------------------------
# text rules the expected values follow
# ---------------------------------------------------------------------------------------------
_WS = re.compile(r"\s+")
_SPLIT = re.compile(r"[\s、，,；;]+")


def norm(text: str) -> str:
    return _WS.sub(" ", text).strip()


def text_of(fragment: str) -> str:
    """The normalized text of an inline HTML fragment (tags dropped, entities decoded)."""
    return norm(html.unescape(re.sub(r"<[^>]+>", "", fragment)))


def value_of(fragment: str) -> str | None:
    return text_of(fragment) or None


def split_words(value: str | None) -> list[str]:
    return [w for w in _SPLIT.split(value or "") if w]


def iso_day(text: str | None) -> str | None:
    if not text:
        return None
    m = re.search(r"(\d{4})\s*[年-]\s*(\d{1,2})\s*[月-]\s*(\d{1,2})", text)
    return f"{int(m[1]):04d}-{int(m[2]):02d}-{int(m[3]):02d}" if m else None


def iso_time(text: str | None) -> str | None:
    """``2024-11-06 20:15`` or ``2020-07-30-17:47:05`` -> ISO with +08:00; None without a time."""
    if not text:
        return None
    m = re.search(r"(\d{4})-(\d{2})-(\d{2})[- ](\d{2}):(\d{2})(?::(\d{2}))?", text)
    if not m:
        return None
    return f"{m[1]}-{m[2]}-{m[3]}T{m[4]}:{m[5]}:{m[6] or '00'}+08:00"


def published(value: str | None, *hints: str | None) -> str | None:
    """发布日期 completed with the time of the first hint on the same day (README rule)."""
    day = iso_day(value)
    if day is None:
        day = next((iso_day(h) for h in hints if iso_day(h)), None)
        first_timed = next((h for h in hints if iso_day(h)), None)
        if first_timed is not None and iso_time(first_timed):
            return iso_time(first_timed)
    if day is None:
        return None
    for hint in hints:
        t = iso_time(hint)
        if t and t.startswith(day):
            return t
    return day


def esc(text: str) -> str:
    return html.escape(text, quote=False)


# ---------------------------------------------------------------------------------------------
# body blocks: ("p", inline html, style) | ("table", rows) | ("img", src) | ("raw", html, lines)
# ---------------------------------------------------------------------------------------------
P_OLD = "text-indent: 2em; font-family: 仿宋_GB2312; font-size: 16px;"
P_NEW = "text-indent: 2em;"
CENTER = "text-align: center;"
RIGHT = "text-align: right;"


def P(fragment: str, style: str = "") -> tuple[str, str, str]:
    return ("p", fragment, style)


def render_body(blocks: list[tuple[Any, ...]], default_style: str) -> tuple[str, list[str]]:
    """The body HTML and its expected lines."""
    out: list[str] = []
    lines: list[str] = []
    for block in blocks:
        kind = block[0]
        if kind == "p":
            fragment, style = block[1], block[2] or default_style
            out.append(f'<p style="{style}">{fragment}</p>')
            lines.extend(t for part in re.split(r"<br\s*/?>", fragment) if (t := text_of(part)))
        elif kind == "table":
            rows: list[list[str]] = block[1]
            trs = []
            for i, row in enumerate(rows):
                tag = "td"
                style = ' style="font-weight: bold; text-align: center;"' if i == 0 else ""
                cells = "".join(f"<{tag}{style}>{c}</{tag}>" for c in row)
                trs.append(f"<tr>{cells}</tr>")
                texts = [text_of(c) for c in row]
                if any(texts):
                    lines.append("\t".join(texts))
            out.append(
                '<table border="1" cellspacing="0" cellpadding="0" align="center" '
                'style="border-collapse: collapse; width: 90%;"><tbody>'
                + "".join(trs)
                + "</tbody></table>"
            )
        elif kind == "img":
            out.append(f'<p style="{CENTER}"><img src="{block[1]}" border="0" alt="" /></p>')
        elif kind == "raw":
            out.append(block[1])
            lines.extend(block[2])
        else:
            raise ValueError(kind)
    return "\n".join(out), lines


def body_attachments(body_html: str, page_url: str) -> list[dict[str, str]]:
    found: list[dict[str, str]] = []
    seen: set[str] = set()
    for m in re.finditer(r'<a [^>]*href="([^"]+)"[^>]*>(.*?)</a>', body_html, re.S):
        url = urljoin(page_url, html.unescape(m[1]))
        ext = url.rsplit(".", 1)[-1].lower() if "." in url.rsplit("/", 1)[-1] else ""
        if ext not in ATTACHMENT_EXTS or url in seen:
            continue
        seen.add(url)
        found.append({"url": url, "name": text_of(m[2]), "ext": ext})
    return found


# ---------------------------------------------------------------------------------------------
# placeholder attachment files (valid enough for the readers: text PDF, DOCX, XLSX; OLE .doc)
# ---------------------------------------------------------------------------------------------


def make_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with ASCII text in Helvetica, byte offsets computed for the xref table."""
    stream_lines = ["BT", "/F1 12 Tf", "72 760 Td", "14 TL"]
    for line in lines:
        safe = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        stream_lines.append(f"({safe}) Tj T*")
    stream_lines.append("ET")
    stream = "\n".join(stream_lines).encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + obj + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


def _zip(files: dict[str, str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in files.items():
            info = zipfile.ZipInfo(name, date_time=(2024, 11, 12, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, text.encode("utf-8"))
    return buf.getvalue()


def make_docx(paragraphs: list[str]) -> bytes:
    body = "".join(f"<w:p><w:r><w:t>{esc(p)}</w:t></w:r></w:p>" for p in paragraphs)
    return _zip(
        {
            "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
            "_rels/.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
            "word/document.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
            + body
            + "</w:body></w:document>",
        }
    )


def make_xlsx(rows: list[list[str]]) -> bytes:
    def col(i: int) -> str:
        return chr(ord("A") + i)

    sheet_rows = "".join(
        f'<row r="{r + 1}">'
        + "".join(
            f'<c r="{col(c)}{r + 1}" t="inlineStr"><is><t>{esc(v)}</t></is></c>'
            if not re.fullmatch(r"-?\d+(\.\d+)?", v)
            else f'<c r="{col(c)}{r + 1}"><v>{v}</v></c>'
            for c, v in enumerate(row)
        )
        + "</row>"
        for r, row in enumerate(rows)
    )
    return _zip(
        {
            "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>',
            "_rels/.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
            "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
            "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>',
            "xl/styles.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>',
            "xl/worksheets/sheet1.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            + sheet_rows
            + "</sheetData></worksheet>",
        }
    )


def make_ole(label: str) -> bytes:
    """An OLE compound-file header and padding: a legacy .doc the archive keeps as it is."""
    head = bytes.fromhex("D0CF11E0A1B11AE1") + bytes(16) + b"\x3e\x00\x03\x00\xfe\xff\x09\x00"
    return (head + label.encode("ascii")).ljust(1536, b"\x00")


# ---------------------------------------------------------------------------------------------
# page chrome
# ---------------------------------------------------------------------------------------------


def head(title: str, metas: dict[str, str]) -> str:
    meta_html = "\n".join(
        f'<meta name="{k}" content="{html.escape(v)}" />' for k, v in metas.items()
    )
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<meta http-equiv="X-UA-Compatible" content="IE=edge" />
<title>{esc(title)}</title>
{meta_html}
<link href="/govweb/xhtml/2016gov/css/common.css" rel="stylesheet" type="text/css" />
<script type="text/javascript" src="/govweb/xhtml/2016gov/js/jquery-1.7.2.min.js"></script>
</head>
<body>
<div class="header">
  <div class="header_top"><div class="w1100"><span class="fl"><a href="https://www.gov.cn/">中国政府网</a></span>
  <span class="fr"><a href="https://www.gov.cn/">简</a> | <a href="https://big5.www.gov.cn/">繁</a> | <a href="https://english.www.gov.cn/">EN</a> | <a href="https://www.gov.cn/home/">登录</a> | <a href="https://www.gov.cn/yw/">无障碍</a></span></div></div>
  <div class="header_logo w1100"><a href="https://www.gov.cn/" aria-label="中国政府网"><img class="wordlogo" src="/govweb/xhtml/2016gov/images/public/logo.png" alt="中华人民共和国中央人民政府" /></a></div>
  <div class="header_nav"><ul class="w1100">
    <li><a href="https://www.gov.cn/">首页</a></li><li><a href="https://www.gov.cn/yaowen/">新闻</a></li><li><a href="https://www.gov.cn/zhuanti/">专题</a></li>
    <li class="on"><a href="https://www.gov.cn/zhengce/">政策</a></li><li><a href="https://www.gov.cn/fuwu/">服务</a></li><li><a href="https://www.gov.cn/hudong/">问政</a></li>
    <li><a href="https://www.gov.cn/shuju/">数据</a></li><li><a href="https://www.gov.cn/guoqing/">国情</a></li><li><a href="https://www.gov.cn/guowuyuan/">国务院</a></li>
  </ul></div>
</div>
"""


FOOTER = """<div class="footer">
  <div class="w1100">
    <p><a href="https://www.gov.cn/home/2014-12/08/content_2788018.htm">关于本网</a> | <a href="https://www.gov.cn/home/2014-12/08/content_2788020.htm">网站声明</a> | <a href="https://www.gov.cn/home/2014-12/08/content_2788015.htm">联系我们</a> | <a href="https://www.gov.cn/hudong/jiucuo.htm">网站纠错</a></p>
    <p>主办单位：国务院办公厅　运行维护单位：中国政府网运行中心</p>
    <p>版权所有：中国政府网　中文域名：中国政府网.政务</p>
    <p>网站标识码bm01000001　京ICP备05070218号　京公网安备11010202000001号</p>
  </div>
</div>
<script type="text/javascript">
  var _trsGovIndex = "bm01000001"; (function () { var s = document.createElement("script"); s.src = "/govweb/xhtml/2016gov/js/ta.js"; document.body.appendChild(s); })();
</script>
</body>
</html>
"""


def breadcrumb(*parts: tuple[str, str | None]) -> str:
    links = [f'<a href="{href}">{esc(name)}</a>' if href else esc(name) for name, href in parts]
    return '<div class="BreadcrumbNav">' + " &gt; ".join(links) + "</div>"


SHARE = """<div class="share">
  <div class="share-list"><span>【</span><a href="javascript:void(0)" class="jiucuo">我要纠错</a><span>】</span> <span>【</span><a href="javascript:window.print()">打印本页</a><span>】</span> <span>【</span><a href="javascript:window.close()">关闭窗口</a><span>】</span></div>
  <script type="text/javascript">var shareTitle = document.title; var shareUrl = location.href;</script>
</div>"""


# ---------------------------------------------------------------------------------------------
# the pages
# ---------------------------------------------------------------------------------------------

SIG_GWY_BGT = [P("国务院办公厅", RIGHT), P("2020年7月23日", RIGHT), P("（此件公开发布）")]

OLD_PAGES: list[dict[str, Any]] = [
    {
        "id": "5531274",
        "path": "/zhengce/content/2020-07/30/content_5531274.htm",
        "list_date": "2020-07-30",
        "stamp": "2020-07-30-17:47:05",
        # rows of (label html, value html); a None value = the 标题 row spanning three cells
        "rows": [
            [("索 引 号：", "000014349/2020-00072"), ("主题分类：", "科技、教育\\科技")],
            [("发文机关：", "国务院办公厅"), ("成文日期：", "2020年07月23日")],
            [
                (
                    "标　　题：",
                    "国务院办公厅关于提升大众创业万众创新示范基地带动作用进一步促改革稳就业强动能的实施意见",
                )
            ],
            [("发文字号：", "国办发〔2020〕26号"), ("发布日期：", "2020年07月30日")],
        ],
        "subject_row": ("主 题 词：", ""),
        "body": [
            P("各省、自治区、直辖市人民政府，国务院各部委、各直属机构："),
            P(
                "大众创业万众创新示范基地（以下简称双创示范基地）建设以来，各地区、各部门围绕创新创业环境、平台服务和融通发展积极探索，形成了一批可复制可推广的经验。为进一步发挥双创示范基地带动作用，经国务院同意，现提出以下意见。"
            ),
            P("<strong>一、积极应对疫情影响，稳定和扩大就业</strong>"),
            P(
                "（一）实施社会服务领域双创带动就业示范工程。依托双创示范基地，发展在线教育、互联网医疗、线上办公等新业态，带动返乡入乡人员和高校毕业生就业创业。"
            ),
            P(
                "（二）启动实施大企业&ldquo;双创&rdquo;带动就业专项行动。鼓励大型企业向中小企业开放技术、场景和市场资源，带动产业链上下游稳岗扩岗。"
            ),
            P("<strong>二、发挥多元主体带动作用，打造创业就业重要载体</strong>"),
            P(
                "（三）推动高校和科研院所双创示范基地深化改革。完善科技成果转化收益分配机制，支持科研人员离岗创业，建设专业化技术转移机构。"
            ),
            P(
                "（四）强化区域双创示范基地引领作用。结合区域发展战略，打造若干具有区域特色的创业创新集聚区。"
            ),
            P("<strong>三、强化组织实施</strong>"),
            P(
                "各地区、各有关部门要强化协同配合，加大对双创示范基地的支持力度。国家发展改革委要会同有关部门加强督促指导，及时总结推广典型经验。"
            ),
            *SIG_GWY_BGT,
        ],
    },
    {
        "id": "5490086",
        "path": "/zhengce/content/2020-03/12/content_5490086.htm",
        "list_date": "2020-03-12",
        "stamp": "2020-03-12-17:30:21",
        "rows": [
            [
                ("索&nbsp;引&nbsp;号：", "000014349/2020-00023"),
                ("主题分类：", "国土资源、能源\\土地"),
            ],
            [("发文机关：", "国务院"), ("成文日期：", "2020年03月01日")],
            [("标&nbsp;&nbsp;&nbsp;&nbsp;题：", "国务院关于授权和委托用地审批权的决定")],
            [("发文字号：", "国发〔2020〕4号"), ("发布日期：", "2020年03月12日")],
        ],
        "subject_row": ("主&nbsp;题&nbsp;词：", "国土资源 土地 审批 决定"),
        "body": [
            P("各省、自治区、直辖市人民政府，国务院各部委、各直属机构："),
            P(
                "为贯彻落实党中央、国务院关于深化&ldquo;放管服&rdquo;改革的要求，在严格保护耕地、节约集约用地的前提下，进一步深化用地审批制度改革，赋予省级人民政府更大用地自主权，现决定如下："
            ),
            P(
                "一、将国务院可以授权的永久基本农田以外的农用地转为建设用地审批事项授权各省、自治区、直辖市人民政府批准。"
            ),
            P(
                "二、试点将永久基本农田转为建设用地和国务院批准土地征收审批事项委托部分省、自治区、直辖市人民政府批准。首批试点省份为北京、天津、上海、江苏、浙江、安徽、广东、重庆，试点期限1年。"
            ),
            P(
                "三、各省、自治区、直辖市人民政府要按照审批权力和责任相统一的原则，严格落实耕地保护责任，建立健全省级用地审批工作制度，不得将承接的用地审批权进一步授权或委托。"
            ),
            P(
                "四、自然资源部要加强对各省、自治区、直辖市人民政府用地审批工作的指导和服务，定期评估授权和委托用地审批权的实施情况。"
            ),
            P("本决定自印发之日起施行。"),
            P("国务院", RIGHT),
            P("2020年3月1日", RIGHT),
            P("（此件公开发布）"),
        ],
    },
    {
        "id": "5472987",
        "path": "/zhengce/content/2020-01/27/content_5472987.htm",
        "list_date": "2020-01-27",
        # republished the next morning: the stamp names another day than 发布日期
        "stamp": "2020-01-28-08:12:40",
        "rows": [
            [
                (
                    '索<span style="padding-left:0.3em"></span>引<span style="padding-left:0.3em"></span>号：',
                    "000014349/2020-00005",
                ),
                ("主题分类：", "综合政务\\其他"),
            ],
            [("发文机关：", "国务院办公厅"), ("成文日期：", "2020年01月26日")],
            [
                (
                    '标<span style="padding-left:2em"></span>题：',
                    "国务院办公厅关于延长2020年春节假期的通知",
                )
            ],
            [("发文字号：", "国办发明电〔2020〕1号"), ("发布日期：", "2020年01月27日")],
        ],
        "subject_row": None,
        "body": [
            P("各省、自治区、直辖市人民政府，国务院各部委、各直属机构："),
            P(
                "为做好新型冠状病毒感染的肺炎疫情防控工作，有效减少人员聚集，阻断疫情传播，经国务院同意，现就延长2020年春节假期等事项通知如下："
            ),
            P(
                "一、延长2020年春节假期至2月2日（农历正月初九，星期日），2月3日（星期一）起正常上班。"
            ),
            P("二、各地大专院校、中小学、幼儿园推迟开学，具体时间由教育部门另行通知。"),
            P(
                "三、因疫情防控不能休假的职工，指定安排补休，未休假期的工资报酬按照有关政策保障落实。"
            ),
            P(
                "四、地方各级人民政府要统筹做好疫情防控和春节后复工复产有关工作，保障群众基本生活需要。"
            ),
            P("国务院办公厅", RIGHT),
            P("2020年1月26日", RIGHT),
        ],
    },
    {
        "id": "5453520",
        "path": "/zhengce/content/2019-11/19/content_5453520.htm",
        "list_date": "2019-11-19",
        "stamp": None,
        "rows": [
            [("索 引 号：", "000014349/2019-00112"), ("主题分类：", "综合政务\\其他")],
            [("发文机关：", "国务院办公厅"), ("成文日期：", "2019年11月14日")],
            [("标　　题：", "国务院办公厅关于同意建立消费者权益保护工作部际联席会议制度的函")],
            [("发文字号：", "&nbsp;"), ("发布日期：", "2019年11月19日")],
        ],
        "subject_row": ("主 题 词：", "&nbsp;"),
        "body": [
            P("市场监管总局："),
            P(
                "你局关于建立消费者权益保护工作部际联席会议制度的请示收悉。经国务院同意，现函复如下："
            ),
            P(
                "国务院同意建立由市场监管总局牵头的消费者权益保护工作部际联席会议制度。联席会议不刻制印章，不正式行文，请按照国务院有关文件精神认真组织开展工作。"
            ),
            P("附件：消费者权益保护工作部际联席会议制度"),
            P("国务院办公厅", RIGHT),
            P("2019年11月14日", RIGHT),
            P("<strong>消费者权益保护工作部际联席会议制度</strong>", CENTER),
            P(
                "为贯彻落实党中央、国务院关于加强消费者权益保护工作的决策部署，加强部门间协调配合，建立消费者权益保护工作部际联席会议（以下简称联席会议）制度。"
            ),
            P(
                "一、主要职能。统筹协调全国消费者权益保护工作，研究解决消费者权益保护工作中的重大问题，督促检查有关政策措施落实情况。"
            ),
            P(
                "二、成员单位。联席会议由市场监管总局、中央网信办、国家发展改革委、教育部、工业和信息化部、公安部等部门组成，市场监管总局为牵头单位。"
            ),
            P(
                "三、工作规则。联席会议原则上每年召开一次全体会议，根据工作需要可临时召开全体会议或部分成员单位会议。"
            ),
        ],
    },
    {
        "id": "5420694",
        "path": "/zhengce/content/2019-08/12/content_5420694.htm",
        "list_href": "/zhengce/content/2019-08/12/content_5420694.htm",
        "list_date": "2019-08-12",
        "stamp": "2019-08-12-15:59:18",
        "rows": [
            [("索 引 号：", "000014349/2019-00086"), ("主题分类：", "综合政务\\政务公开")],
            [("发文机关：", "国务院办公厅"), ("成文日期：", "2019年08月01日")],
            [
                (
                    "标　　题：",
                    "国务院办公厅关于印发全国深化“放管服”改革优化营商环境电视电话会议重点任务分工方案的通知",
                )
            ],
            [("发文字号：", "国办发〔2019〕39号"), ("发布日期：", "2019年08月12日")],
        ],
        "subject_row": ("主 题 词：", ""),
        "body": [
            P("各省、自治区、直辖市人民政府，国务院各部委、各直属机构："),
            P(
                "《全国深化&ldquo;放管服&rdquo;改革优化营商环境电视电话会议重点任务分工方案》已经国务院同意，现印发给你们，请认真贯彻执行。"
            ),
            P("国务院办公厅", RIGHT),
            P("2019年8月1日", RIGHT),
            P("（此件公开发布）"),
            P(
                "<strong>全国深化&ldquo;放管服&rdquo;改革优化营商环境电视电话会议重点任务分工方案</strong>",
                CENTER,
            ),
            P(
                "为贯彻落实全国深化&ldquo;放管服&rdquo;改革优化营商环境电视电话会议精神，现就会议确定的重点任务提出如下分工方案："
            ),
            ("img", "5420694/images/3f2a9c1d7e8b4a6f90c1d2e3f4a5b6c7.jpg"),
            (
                "table",
                [
                    ["序号", "重点任务", "责任单位", "完成时限"],
                    [
                        "1",
                        "持续精简行政许可事项，清理各类变相审批",
                        "国务院审改办牵头，各有关部门按职责分工负责",
                        "2019年底前",
                    ],
                    [
                        "2",
                        "将企业开办时间压缩至5个工作日以内",
                        "市场监管总局、公安部、税务总局等",
                        "2019年底前",
                    ],
                    [
                        "3",
                        "工程建设项目审批时间压减至120个工作日以内",
                        "住房城乡建设部牵头",
                        "2019年底前",
                    ],
                    [
                        "4",
                        "推进政务服务&ldquo;一网通办&rdquo;，年底前国家政务服务平台基本建成",
                        "国务院办公厅牵头",
                        "持续推进",
                    ],
                ],
            ),
            P(
                '附件：<a href="5420694/files/8d1c3f0e6a8b4c7e9b2f5a1d3c6e8f90.pdf">重点任务分工方案.pdf</a>'
            ),
            P(
                '<a href="/zhengce/content/2019-08/12/5420694/files/0b7e4d2c9a1f4e3d8c6b5a4f3e2d1c0b.doc">重点任务分工方案（可编辑版）.doc</a>'
            ),
        ],
        "files": {
            "zhengce/content/2019-08/12/5420694/files/8d1c3f0e6a8b4c7e9b2f5a1d3c6e8f90.pdf": make_pdf(
                [
                    "Key task assignment plan (placeholder)",
                    "1. Streamline administrative licensing",
                    "2. Company registration within 5 working days",
                ]
            ),
            "zhengce/content/2019-08/12/5420694/files/0b7e4d2c9a1f4e3d8c6b5a4f3e2d1c0b.doc": make_ole(
                "placeholder .doc"
            ),
            "zhengce/content/2019-08/12/5420694/images/3f2a9c1d7e8b4a6f90c1d2e3f4a5b6c7.jpg": bytes.fromhex(
                "FFD8FFE000104A46494600010100000100010000FFD9"
            ),
        },
    },
    {
        "id": "5203951",
        "path": "/zhengce/content/2017-06/20/content_5203951.htm",
        "list_href": "https://www.gov.cn/zhengce/content/2017-06/20/content_5203951.htm",
        "list_date": "2017-06-20",
        "stamp": "2017-06-20-18:00:00",
        # rows reordered, labels with no colon at all
        "rows": [
            [("发文机关", "国务院 中央军委"), ("成文日期", "2017年06月08日")],
            [("索 引 号", "000014349/2017-00118"), ("主题分类", "国防\\其他")],
            [("标　　题", "国务院 中央军委关于深化国防教育改革的意见")],
            [("发文字号", "国发〔2017〕35号"), ("发布日期", "2017年06月20日")],
        ],
        "subject_row": ("主 题 词", "国防、教育、意见"),
        "body": [
            P(
                "各省、自治区、直辖市人民政府，国务院各部委、各直属机构，各战区、各军兵种、军委机关各部门："
            ),
            P(
                "国防教育是建设和巩固国防的基础，是增强民族凝聚力、提高全民素质的重要途径。为深化国防教育改革，现提出如下意见。"
            ),
            P(
                "一、健全国防教育领导管理体制。各级国防教育委员会要统筹本地区国防教育工作，明确成员单位职责，形成军地协同、齐抓共管的工作格局。"
            ),
            P(
                "二、丰富国防教育内容和形式。把国防教育纳入国民教育体系，办好全民国防教育日活动，用好国防教育基地和网络平台。"
            ),
            P(
                "三、加强国防教育保障。地方各级人民政府要将国防教育经费纳入本级财政预算，支持国防教育基地建设。"
            ),
            P("国务院　　中央军委", RIGHT),
            P("2017年6月8日", RIGHT),
        ],
    },
    {
        "id": "5098072",
        "path": "/zhengce/content/2016-08/08/content_5098072.htm",
        "list_href": "http://www.gov.cn/zhengce/content/2016-08/08/content_5098072.htm",
        "list_date": "2016-08-08",
        "stamp": "2016-08-08-16:20:41",
        "rows": [
            [("索 引 号:", "&nbsp;000014349/2016-00159"), ("主题分类:", "&nbsp;科技、教育\\科技")],
            [("发文机关:", "&nbsp;国务院"), ("成文日期:", "&nbsp;2016年07月28日")],
            [("标　　题:", "&nbsp;国务院关于印发“十三五”国家科技创新规划的通知")],
            [("发文字号:", "&nbsp;国发〔2016〕43号"), ("发布日期:", "&nbsp;2016年08月08日")],
        ],
        "subject_row": None,
        "body": [
            P("各省、自治区、直辖市人民政府，国务院各部委、各直属机构："),
            P("现将《&ldquo;十三五&rdquo;国家科技创新规划》印发给你们，请认真贯彻执行。"),
            P("国务院", RIGHT),
            P("2016年7月28日", RIGHT),
            P("（此件公开发布）"),
            P("<strong>&ldquo;十三五&rdquo;国家科技创新规划</strong>", CENTER),
            P(
                "科技创新是提高社会生产力和综合国力的战略支撑。&ldquo;十三五&rdquo;时期是全面建成小康社会和进入创新型国家行列的决胜阶段，本规划依据《国家创新驱动发展战略纲要》编制。"
            ),
            P(
                "到2020年，国家综合创新能力世界排名进入前15位，科技进步贡献率达到60%，研究与试验发展经费投入强度达到2.5%。"
            ),
            P(
                "规划全文共十三章，分别从构筑国家先发优势、增强原始创新能力、拓展创新发展空间、推动大众创业万众创新等方面作出部署。"
            ),
        ],
    },
]

NEW_PAGES: list[dict[str, Any]] = [
    {
        "id": "6985520",
        "path": "/zhengce/content/202411/content_6985520.htm",
        "list_date": "2024-11-05",
        "stamp": "2024-11-05-17:30:00",
        "spacer": True,
        "mobile": True,
        "rows": [
            [
                ("标　　题：", "国务院办公厅关于进一步提升城市公共服务设施运行效能的意见"),
                ("发文机关：", "国务院办公厅"),
            ],
            [("发文字号：", "国办发〔2024〕53号"), ("来　　源：", "国务院办公厅")],
            [("主题分类：", "城乡建设、环境保护\\城市规划"), ("公文种类：", "意见")],
            [("成文日期：", "2024年10月29日"), ("发布日期：", "2024年11月05日")],
        ],
        "body": [
            P("<strong>国务院办公厅关于进一步提升城市公共服务设施运行效能的意见</strong>", CENTER),
            P("国办发〔2024〕53号", CENTER),
            P("各省、自治区、直辖市人民政府，国务院各部委、各直属机构："),
            P(
                "城市公共服务设施是保障群众基本生活、提升城市品质的重要基础。为进一步提升城市公共服务设施运行效能，经国务院同意，现提出如下意见。"
            ),
            P(
                "一、摸清设施底数。各地要全面排查教育、医疗卫生、养老托育、文化体育等公共服务设施，建立设施台账，实行动态更新。"
            ),
            P(
                "二、推动设施共享。鼓励机关、企事业单位的停车场、体育场馆在非工作时段向社会开放，提高设施使用率。"
            ),
            P(
                "三、完善运营机制。引导社会力量参与设施运营，推行&ldquo;公建民营&rdquo;&ldquo;委托运营&rdquo;等方式，降低运营成本。"
            ),
            P(
                "四、加强组织保障。地方各级人民政府要落实属地责任，将设施运行效能纳入城市体检评估内容。"
            ),
            P("国务院办公厅", RIGHT),
            P("2024年10月29日", RIGHT),
            P("（本文有删减）"),
        ],
    },
    {
        "id": "6986101",
        "path": "/zhengce/content/202411/content_6986101.htm",
        "list_date": "2024-11-12",
        "stamp": "2024-11-12-19:05:47",
        "spacer": True,
        "mobile": True,
        "rows": [
            [
                ("标　　题：", "国务院关于印发《节约用水行动实施方案（2024—2027年）》的通知"),
                ("发文机关：", "国务院"),
            ],
            [("发文字号：", "国发〔2024〕28号"), ("来　　源：", "国务院")],
            [("主题分类：", "国土资源、能源\\水利"), ("公文种类：", "通知")],
            [("成文日期：", "2024年11月06日"), ("发布日期：", "2024年11月12日")],
        ],
        "body": [
            P("各省、自治区、直辖市人民政府，国务院各部委、各直属机构："),
            P("现将《节约用水行动实施方案（2024—2027年）》印发给你们，请认真贯彻执行。"),
            P("国务院", RIGHT),
            P("2024年11月6日", RIGHT),
            P("（此件公开发布）"),
            P(
                '附件：<a href="./P020241112612345678901.pdf">1.节约用水行动实施方案（2024—2027年）.pdf</a>'
            ),
            P('<a href="./P020241112612345678902.xlsx">2.重点领域节水指标分解表.xlsx</a>'),
            P('<a href="./P020241112612345678903.docx">3.节水型社会建设评价标准.docx</a>'),
        ],
        "files": {
            "zhengce/content/202411/P020241112612345678901.pdf": make_pdf(
                [
                    "Water saving action plan 2024-2027 (placeholder)",
                    "By 2027 water use per 10,000 yuan of GDP falls by 16%.",
                ]
            ),
            "zhengce/content/202411/P020241112612345678902.xlsx": make_xlsx(
                [
                    ["地区", "用水总量控制目标（亿立方米）", "万元GDP用水量下降（%）"],
                    ["北京", "42", "8"],
                    ["河北", "220", "12"],
                ]
            ),
            "zhengce/content/202411/P020241112612345678903.docx": make_docx(
                [
                    "节水型社会建设评价标准",
                    "一、用水总量和强度双控指标完成情况。",
                    "二、节水制度建设和管理情况。",
                ]
            ),
        },
    },
    {
        "id": "6990512",
        "path": "/zhengce/content/202412/content_6990512.htm",
        "list_date": "2024-12-30",
        "stamp": "2024-12-30-18:20:11",
        "spacer": True,
        "rows": [
            [("标　　题：", "国务院关于修改和废止部分行政法规的决定"), ("发文机关：", "国务院")],
            [("发文字号：", "中华人民共和国国务院令第797号"), ("来　　源：", "国务院")],
            [("主题分类：", "政府工作\\其他"), ("公文种类：", "令")],
            [("成文日期：", "2024年12月06日"), ("发布日期：", "2024年12月30日")],
        ],
        "body": [
            P("<strong>中华人民共和国国务院令</strong>", CENTER),
            P("第797号", CENTER),
            P(
                "《国务院关于修改和废止部分行政法规的决定》已经2024年11月29日国务院第46次常务会议通过，现予公布，自2025年1月20日起施行。"
            ),
            P("总理　李强", RIGHT),
            P("2024年12月6日", RIGHT),
            P("<strong>国务院关于修改和废止部分行政法规的决定</strong>", CENTER),
            P(
                "为贯彻落实党中央、国务院关于深化&ldquo;放管服&rdquo;改革的决策部署，国务院对涉及的行政法规进行了清理。经过清理，国务院决定：<br />一、对4部行政法规的部分条款予以修改。<br />二、对2部行政法规予以废止。"
            ),
            P("本决定自2025年1月20日起施行。"),
        ],
    },
    {
        "id": "6997800",
        "path": "/zhengce/content/202501/content_6997800.htm",
        "list_date": "2025-01-06",
        "stamp": "2025-01-06-18:02:30",
        "spacer": False,
        "rows": [
            [
                ("标题", "国务院关于同意在吉林省长春市等地设立跨境电子商务综合试验区的批复"),
                ("发文机关", "国务院"),
            ],
            [("发文字号", "国函〔2024〕201号"), ("来源", "")],
            [("主题分类", "商贸、海关、旅游\\对外经贸合作"), ("公文种类", "批复")],
            [("成文日期", "2024年12月31日"), ("发布日期", "2025-01-06")],
        ],
        "body": [
            P("吉林省、黑龙江省人民政府，商务部："),
            P("你们关于设立跨境电子商务综合试验区的请示收悉。现批复如下："),
            P(
                "一、同意在吉林省长春市、黑龙江省哈尔滨市设立跨境电子商务综合试验区，名称分别为中国（长春）跨境电子商务综合试验区、中国（哈尔滨）跨境电子商务综合试验区。"
            ),
            P(
                "二、综合试验区建设要以深化改革、扩大开放为动力，着力在跨境电子商务交易、支付、物流、通关、退税、结汇等环节的技术标准、业务流程、监管模式和信息化建设等方面先行先试。"
            ),
            P(
                "三、有关省人民政府要切实加强对综合试验区建设的组织领导，商务部要会同有关部门加强指导和服务。"
            ),
            P("国务院", RIGHT),
            P("2024年12月31日", RIGHT),
        ],
    },
    {
        "id": "6988214",
        "path": "/zhengce/content/202411/content_6988214.htm",
        "list_date": "2024-11-22",
        "stamp": "2024-11-22-20:45:09",
        "spacer": False,
        "rows": [
            [("标　　题：", "第二次全国土壤污染状况普查工作进展情况的通报"), ("发文机关：", "")],
            [("发文字号：", ""), ("来&nbsp;&nbsp;&nbsp;&nbsp;源：", "生态环境部")],
            [("主题分类：", ""), ("公文种类：", "&nbsp;")],
            [("成文日期：", "2024年11月18日"), ("发布日期：", "2024年11月22日")],
        ],
        "body": [
            P(
                "按照国务院部署，第二次全国土壤污染状况普查（以下简称土壤三普）各项工作有序推进。现将有关进展情况通报如下。"
            ),
            P(
                "一、外业调查采样基本完成。截至2024年10月底，全国累计完成表层土壤样点采样约310万个，完成率超过99%。"
            ),
            P(
                "二、样品检测全面铺开。全国共有约600家检测实验室参与样品检测，已完成检测样品约260万个。"
            ),
            P(
                "三、质量控制持续加强。各地严格执行质量控制制度，开展飞行检查和盲样考核，确保普查数据真实准确。"
            ),
            P("下一步，各地要抓紧完成剩余检测任务，做好数据审核汇总，确保按期完成普查任务。"),
        ],
    },
    {
        "id": "6992145",
        "path": "/zhengce/zhengceku/202412/content_6992145.htm",
        "list_href": "../zhengceku/202412/content_6992145.htm",
        "list_date": "2024-12-03",
        "stamp": "2024-12-03-09:15:26",
        "spacer": True,
        "rows": [
            [
                (
                    "标　　题：",
                    "财政部 应急管理部关于印发《中央自然灾害救灾资金管理暂行办法》的通知",
                ),
                ("发文机关：", "财政部 应急管理部"),
            ],
            [("发文字号：", "财资环〔2024〕120号"), ("来　　源：", "财政部网站")],
            [("主题分类：", "财政、金融、审计\\财政"), ("公文种类：", "通知")],
            [("成文日期：", "2024年11月20日"), ("发布日期：", "2024年12月03日")],
            [("有 效 性：", "有效"), ("实施日期：", "2024年11月20日")],
        ],
        "body": [
            P(
                "各省、自治区、直辖市、计划单列市财政厅（局）、应急管理厅（局），新疆生产建设兵团财政局、应急管理局："
            ),
            P(
                "为加强中央自然灾害救灾资金管理，提高资金使用效益，财政部、应急管理部制定了《中央自然灾害救灾资金管理暂行办法》，现予印发，请遵照执行。"
            ),
            P("附件：中央自然灾害救灾资金管理暂行办法（单位：万元）"),
            (
                "table",
                [
                    ["支出方向", "2023年执行数", "2024年预算数"],
                    ["应急抢险救援", "352000", "380000"],
                    ["受灾群众救助", "415600", "420000"],
                    ["灾后恢复重建补助", "228300", "250000"],
                ],
            ),
            P(
                '附件：<a href="./P020241203398765432101.pdf">中央自然灾害救灾资金管理暂行办法.pdf</a>'
            ),
            P("财政部　应急管理部", RIGHT),
            P("2024年11月20日", RIGHT),
        ],
        "files": {
            "zhengce/zhengceku/202412/P020241203398765432101.pdf": make_pdf(
                [
                    "Interim measures on central disaster relief funds (placeholder)",
                    "Article 1. These measures apply to central disaster relief funds.",
                ]
            ),
        },
    },
]

RULE_PAGE: dict[str, Any] = {
    "id": "5429381",
    "path": "/zhengce/content/2019-09/12/content_5429381.htm",
    "list_date": "2019-09-12",
    "stamp": "2019-09-12-16:03:11",
    # values only, in the order the profile's [detail] rule names them; the labels are
    # background images on this template
    "values": [
        ("index_no", "000014349/2019-00097"),
        ("topic", "农业、林业、水利\\农业、畜牧业、渔业"),
        ("issuer", "国务院办公厅"),
        ("written_date", "2019年09月06日"),
        ("title", "国务院办公厅关于稳定生猪生产促进转型升级的意见"),
        ("doc_no", "国办发〔2019〕44号"),
        ("publish_date", "2019年09月12日"),
    ],
    "body": [
        P("各省、自治区、直辖市人民政府，国务院各部委、各直属机构："),
        P(
            "生猪产业是关系国计民生的重要产业，猪肉是我国城乡居民最主要的肉食品。为稳定生猪生产，促进转型升级，经国务院同意，现提出以下意见。"
        ),
        P(
            "一、总体要求。坚持市场主导、政策引导，保障猪肉供应基本稳定，力争用5—10年时间基本形成产出高效、产品安全、资源节约、环境友好的生猪产业发展格局。"
        ),
        P(
            "二、加大政策支持力度。稳定种猪场和规模猪场临时性生产经营贷款，不得随意限贷、抽贷、断贷。"
        ),
        P(
            "三、严格落实省负总责和&ldquo;菜篮子&rdquo;市长负责制。各省、自治区、直辖市人民政府要制定具体措施，确保生猪生产稳定。"
        ),
        P("国务院办公厅", RIGHT),
        P("2019年9月6日", RIGHT),
        P("（此件公开发布）"),
    ],
}
RULE_XPATH = "//div[contains(concat(' ', normalize-space(@class), ' '), ' pctoubukuang1 ')]//td[@class='pcv']"

ARTICLE_PAGE: dict[str, Any] = {
    "id": "6985600",
    "path": "/zhengce/202411/content_6985600.htm",
    "list_href": "../202411/content_6985600.htm",
    "list_date": "2024-11-06",
    "stamp": "2024-11-06-20:15:32",
    "title": "城市公共服务设施怎么用得更好？——有关部门负责人解读《关于进一步提升城市公共服务设施运行效能的意见》",
    "date_line": "2024-11-06 20:15",
    "source": "新华社",
    "body": [
        P(
            "新华社北京11月6日电　近日，国务院办公厅印发《关于进一步提升城市公共服务设施运行效能的意见》。有关部门负责人就《意见》接受了记者采访。"
        ),
        P("<strong>问：出台《意见》的背景是什么？</strong>"),
        P(
            "答：近年来，各地城市公共服务设施数量持续增加，但也存在部分设施利用率不高、运营成本偏高等问题。出台《意见》，就是要推动设施从&ldquo;有没有&rdquo;向&ldquo;好不好&rdquo;转变。"
        ),
        P("<strong>问：《意见》提出了哪些主要举措？</strong>"),
        P(
            "答：《意见》从摸清设施底数、推动设施共享、完善运营机制、加强组织保障四个方面提出了具体举措。"
        ),
        (
            "raw",
            '<!-- 相关稿件 --><p style="text-indent: 2em;">【相关稿件】<a href="../content/202411/content_6985520.htm">国务院办公厅关于进一步提升城市公共服务设施运行效能的意见</a></p>',
            ["【相关稿件】国务院办公厅关于进一步提升城市公共服务设施运行效能的意见"],
        ),
    ],
}

SOFT_404 = {"path": "/zhengce/content/202410/content_6979999.htm", "list_date": "2024-10-16",
            "title": "国务院办公厅关于做好2025年元旦春节期间有关工作的通知"}  # fmt: skip
HARD_404 = {"path": "/zhengce/content/2018-05/20/content_5292000.htm", "list_date": "2018-05-20",
            "title": "国务院关于印发进一步深化中国（福建）自由贸易试验区改革开放方案的通知"}  # fmt: skip

GONGBAO: dict[str, Any] = {
    "id": "5535389",
    "url": HOST + "/gongbao/content/2020/content_5535389.htm",
    "stamp": "2020-08-10-10:00:00",
    "title": "国务院关于促进国家高新技术产业开发区高质量发展的若干意见",
    "date_line": "2020-08-10",
    "source": "国务院公报 2020年第22号",
    "body": [
        P("国发〔2020〕7号", CENTER),
        P("各省、自治区、直辖市人民政府，国务院各部委、各直属机构："),
        P(
            "国家高新技术产业开发区（以下简称国家高新区）经过30多年发展，已经成为我国实施创新驱动发展战略的重要载体。为进一步促进国家高新区高质量发展，现提出如下意见。"
        ),
        P(
            "一、着力提升自主创新能力。大力集聚高端创新资源，吸引培育一流创新人才，加强关键核心技术创新和成果转移转化。"
        ),
        P(
            "二、进一步激发企业创新发展活力。支持高新技术企业发展壮大，积极培育科技型中小企业，加强对科技创新创业的服务支持。"
        ),
        P("三、推进产业迈向中高端。大力培育发展新兴产业，做大做强特色主导产业。"),
        P("国务院", RIGHT),
        P("2020年7月13日", RIGHT),
        P("（此件公开发布）"),
    ],
}


# ---------------------------------------------------------------------------------------------
# rendering
# ---------------------------------------------------------------------------------------------


def field_values(
    rows: list[list[tuple[str, str]]], subject: tuple[str, str] | None
) -> tuple[dict[str, str | None], dict[str, str]]:
    values: dict[str, str | None] = {}
    metadata: dict[str, str] = {}
    cells = [c for row in rows for c in row] + ([subject] if subject else [])
    for label_html, value_html in cells:
        label = re.sub(r"[：:]$", "", "".join(text_of(label_html).split()))
        if label not in LABEL_FIELD:
            continue
        metadata[label] = text_of(value_html)
        values.setdefault(LABEL_FIELD[label], value_of(value_html))
    return values, metadata


def old_meta_html(page: dict[str, Any]) -> str:
    trs = []
    for row in page["rows"]:
        if len(row) == 1:
            ((label, value),) = row
            trs.append(
                f'<tr>\n<td nowrap="nowrap" bgcolor="#eaeaea"><b>{label}</b></td>\n<td colspan="3" bgcolor="#ffffff">{value}</td>\n</tr>'
            )
            continue
        (l1, v1), (l2, v2) = row
        trs.append(
            f'<tr>\n<td width="95" nowrap="nowrap" bgcolor="#eaeaea"><b>{l1}</b></td>\n<td width="240" bgcolor="#ffffff">{v1}</td>\n'
            f'<td width="92" nowrap="nowrap" bgcolor="#eaeaea"><b>{l2}</b></td>\n<td width="245" bgcolor="#ffffff">{v2}</td>\n</tr>'
        )
    out = ('<table width="100%" border="0" cellspacing="1" cellpadding="0" class="bd1">\n<tbody>\n'
           + "\n".join(trs) + "\n</tbody>\n</table>")  # fmt: skip
    if page["subject_row"] is not None:
        label, value = page["subject_row"]
        out += (f'\n<table width="100%" border="0" cellspacing="1" cellpadding="0" class="bd1">\n<tbody>\n<tr>\n'
                f'<td width="95" nowrap="nowrap" bgcolor="#eaeaea"><b>{label}</b></td>\n'
                f'<td width="603" bgcolor="#ffffff">{value}</td>\n</tr>\n</tbody>\n</table>')  # fmt: skip
    return out


def render_old(page: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    url = HOST + page["path"]
    values, _ = field_values(page["rows"], page["subject_row"])
    body_html, lines = render_body(page["body"], P_OLD)
    metas = {"manuscriptId": page["id"]}
    if page["stamp"]:
        metas["firstpublishedtime"] = page["stamp"]
        metas["lastmodifiedtime"] = page["stamp"]
    metas["keywords"] = "国务院文件,政府信息公开"
    metas["lanmu"] = "政府信息公开专栏"
    title = values["title"] or ""
    doc = (
        head(f"{title}_政府信息公开专栏", metas)
        + f"""<div class="w1100">
{breadcrumb(("首页", "https://www.gov.cn/"), ("信息公开", "https://www.gov.cn/zhengce/xxgk/index.htm"), ("国务院文件", None))}
<div class="wrap">
<table width="100%" border="0" cellspacing="0" cellpadding="0" style="margin-top: 15px;">
<tbody>
<tr>
<td>
{old_meta_html(page)}
</td>
</tr>
</tbody>
</table>
<table width="100%" border="0" cellspacing="0" cellpadding="0" style="margin-top: 20px;">
<tbody>
<tr>
<td class="b12c" id="UCAP-CONTENT" style="padding-left: 30px; padding-right: 30px; font-size: 16px; line-height: 2em;">
{body_html}
</td>
</tr>
</tbody>
</table>
{SHARE}
</div>
</div>
{FOOTER}"""
    )
    expected = expected_record(
        url, values, lines, body_attachments(body_html, url), [page["stamp"]]
    )
    return doc, expected


def new_meta_html(page: dict[str, Any]) -> str:
    trs = []
    if page.get("spacer"):
        trs.append(
            '<tr class="h0"><td width="90"></td><td width="430"></td><td width="90"></td><td></td></tr>'
        )
    for (l1, v1), (l2, v2) in page["rows"]:
        trs.append(
            f'<tr>\n<td class="t1"><b>{l1}</b></td>\n<td class="t2">{v1}</td>\n<td class="t1"><b>{l2}</b></td>\n<td class="t2">{v2}</td>\n</tr>'
        )
    return ('<div class="policyLibraryOverview_header">\n<table>\n<tbody>\n' + "\n".join(trs)
            + "\n</tbody>\n</table>\n</div>")  # fmt: skip


def render_new(page: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    url = HOST + page["path"]
    values, _ = field_values(page["rows"], None)
    body_html, lines = render_body(page["body"], P_NEW)
    library = "/zhengceku/" in page["path"]
    lanmu = "部门文件" if library else "国务院文件"
    metas = {"manuscriptId": page["id"], "firstpublishedtime": page["stamp"], "lastmodifiedtime": page["stamp"],
             "lanmu": lanmu, "keywords": "政策,国务院文件"}  # fmt: skip
    mobile = ""
    if page.get("mobile"):
        mobile = f"""
<div class="mobile_box" style="display: none;">
<div class="mobile_title">{esc(values["title"] or "")}</div>
<div class="pages_content mhide" id="UCAP-CONTENT">
{body_html}
</div>
</div>"""
    doc = (
        head(f"{values['title']}_{lanmu}_中国政府网", metas)
        + f"""<div class="w1100">
{breadcrumb(("首页", "https://www.gov.cn/"), ("政策", "https://www.gov.cn/zhengce/"), ("政策文件库", "https://www.gov.cn/zhengce/zhengceku/"), (lanmu, None))}
<div class="policyLibraryOverview">
{new_meta_html(page)}
<div class="policyLibraryOverview_content">
<div class="pages_content" id="UCAP-CONTENT">
{body_html}
</div>
{SHARE}
</div>{mobile}
</div>
</div>
{FOOTER}"""
    )
    expected = expected_record(
        url, values, lines, body_attachments(body_html, url), [page["stamp"]]
    )
    return doc, expected


def render_rule(page: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    url = HOST + page["path"]
    values: dict[str, str | None] = {k: v for k, v in page["values"]}
    body_html, lines = render_body(page["body"], P_OLD)
    cells = "".join(f'<td class="pcv">{esc(v)}</td>' for _, v in page["values"])
    metas = {
        "manuscriptId": page["id"],
        "firstpublishedtime": page["stamp"],
        "lastmodifiedtime": page["stamp"],
    }
    doc = (
        head(f"{values['title']}_政府信息公开专栏", metas)
        + f"""<div class="w1100">
{breadcrumb(("首页", "https://www.gov.cn/"), ("信息公开", "https://www.gov.cn/zhengce/xxgk/index.htm"), ("国务院文件", None))}
<div class="wrap">
<!-- 标签为背景图，只输出值 -->
<div class="pctoubukuang1">
<table class="pctoubu" width="100%" border="0" cellspacing="1" cellpadding="0"><tbody><tr>{cells}</tr></tbody></table>
</div>
<table width="100%" border="0" cellspacing="0" cellpadding="0" style="margin-top: 20px;">
<tbody>
<tr>
<td class="b12c" id="UCAP-CONTENT" style="padding-left: 30px; padding-right: 30px; font-size: 16px; line-height: 2em;">
{body_html}
</td>
</tr>
</tbody>
</table>
{SHARE}
</div>
</div>
{FOOTER}"""
    )
    expected = expected_record(
        url, values, lines, body_attachments(body_html, url), [page["stamp"]]
    )
    return doc, expected


def render_article(
    page: dict[str, Any], url: str, crumbs: list[tuple[str, str | None]], lanmu: str
) -> tuple[str, dict[str, Any]]:
    body_html, lines = render_body(page["body"], P_NEW)
    metas = {"manuscriptId": page["id"], "firstpublishedtime": page["stamp"], "lastmodifiedtime": page["stamp"],
             "lanmu": lanmu, "author": page["source"]}  # fmt: skip
    doc = (
        head(f"{page['title']}_{lanmu}_中国政府网", metas)
        + f"""<div class="w1100">
{breadcrumb(*crumbs)}
<div class="article oneColumn pub_border">
<h1>
{esc(page["title"])}
</h1>
<div class="pages-date">{page["date_line"]}<span class="font">来源： {esc(page["source"])}</span>
<span class="font index_switchsize">【字体：<span>大</span> <span>中</span> <span>小</span>】</span><span class="font">&nbsp;&nbsp;<a href="javascript:window.print()">打印</a></span></div>
<div class="pages_content" id="UCAP-CONTENT">
{body_html}
</div>
<div class="editor">【我要纠错】 责任编辑：刘亮</div>
{SHARE}
</div>
</div>
{FOOTER}"""
    )
    values: dict[str, str | None] = {"title": None, "source": page["source"]}
    hints = [page["date_line"], page["stamp"]]
    expected = expected_record(
        url, values, lines, body_attachments(body_html, url), hints, heading=page["title"]
    )
    return doc, expected


def expected_record(
    url: str,
    values: dict[str, str | None],
    lines: list[str],
    attachments: list[dict[str, str]],
    hints: list[str | None],
    heading: str | None = None,
) -> dict[str, Any]:
    return {
        "url": url,
        "title": values.get("title") or heading,
        "index_no": values.get("index_no"),
        "index_no_parts": None,  # State Council index numbers are not Kunming-pattern
        "topic": values.get("topic"),
        "publisher": values.get("issuer") or values.get("source"),
        "publish_date": published(values.get("publish_date"), *hints),
        "doc_no": values.get("doc_no"),
        "keywords": [],
        "body_text": "\n".join(lines),
        "attachments": attachments,
        "written_date": iso_day(values.get("written_date")),
        "validity": values.get("validity"),
        "issuer": values.get("issuer"),
        "doc_type": values.get("doc_type"),
        "subject_words": split_words(values.get("subject_words")),
    }


def list_entries() -> list[dict[str, str]]:
    entries = []
    for page in OLD_PAGES + NEW_PAGES:
        title = field_values(page["rows"], None)[0]["title"] or ""
        entries.append(
            {
                "path": page["path"],
                "href": page.get("list_href", ""),
                "date": page["list_date"],
                "title": title,
            }
        )
    entries.append(
        {
            "path": RULE_PAGE["path"],
            "href": "",
            "date": RULE_PAGE["list_date"],
            "title": dict(RULE_PAGE["values"])["title"],
        }
    )
    entries.append(
        {
            "path": ARTICLE_PAGE["path"],
            "href": ARTICLE_PAGE["list_href"],
            "date": ARTICLE_PAGE["list_date"],
            "title": ARTICLE_PAGE["title"],
        }
    )
    for err in (SOFT_404, HARD_404):
        entries.append(
            {"path": err["path"], "href": "", "date": err["list_date"], "title": err["title"]}
        )
    entries.sort(key=lambda e: (e["date"], e["path"]), reverse=True)
    for e in entries:
        if not e["href"]:
            # written relative to the list folder /zhengce/zuixin/
            assert e["path"].startswith("/zhengce/content/"), e
            e["href"] = "../content/" + e["path"][len("/zhengce/content/") :]
    return entries


def render_list(entries: list[dict[str, str]], page_no: int, pages: int) -> str:
    lis = "\n".join(
        f'<li><h4><a href="{e["href"]}" target="_blank">{esc(e["title"])}</a><span class="date">{e["date"]}</span></h4></li>'
        for e in entries
    )
    metas = {"lanmu": "最新", "keywords": "最新政策,国务院文件"}
    return (
        head("最新_政策_中国政府网", metas)
        + f"""<div class="w1100">
{breadcrumb(("首页", "https://www.gov.cn/"), ("政策", "https://www.gov.cn/zhengce/"), ("最新", None))}
<div class="channel_tab"><a class="on" href="./index.htm">最新</a><a href="../zhengceku/">政策文件库</a><a href="../jiedu/">解读</a></div>
<div class="list list_1 list_2">
<ul>
{lis}
</ul>
</div>
<div class="newspage cl" id="page">
<script type="text/javascript">
createPageHTML({pages}, {page_no}, "index", "htm");
</script>
</div>
</div>
{FOOTER}"""
    )


def soft_404_page() -> str:
    return (
        head("页面不存在_中国政府网", {})
        + f"""<div class="w1100">
<div class="error_page" style="padding: 80px 0; text-align: center;">
<p><img src="/govweb/xhtml/2016gov/images/public/404.png" alt="" /></p>
<p>很抱歉，您访问的页面不存在或已被删除！</p>
<p><a href="https://www.gov.cn/">返回首页</a></p>
</div>
</div>
{FOOTER}"""
    )


HARD_404_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8" /><title>404 Not Found</title></head>
<body><center><h1>404 Not Found</h1></center><hr /><center>nginx</center></body></html>
"""

ROBOTS = """User-agent: *
Disallow: /govweb/test/
Disallow: /2016public/preview/
"""


def home_page() -> str:
    return (
        head("中国政府网_中央人民政府门户网站", {"lanmu": "首页"})
        + f"""<div class="w1100">
<div class="index_policy"><h3><a href="/zhengce/zuixin/index.htm">最新政策</a></h3></div>
</div>
{FOOTER}"""
    )


def routes_toml() -> str:
    return f"""# Special routes of the www.gov.cn mirror. Generated by mirror/generate_gov_cn.py: do not edit.
# Paths not listed here are served from the file at the same path.

# the home page is index.htm on this site
[[route]]
path = "/"
file = "index.htm"

# a withdrawn document: 200 with a page that says it does not exist
[[route]]
path = "{SOFT_404["path"]}"
expect_error = "soft_404"

# deleted long ago: the server's 404
[[route]]
path = "{HARD_404["path"]}"
status = 404
file = "_mirror/404.html"
expect_error = "not_found"
"""


def gongbao_page() -> tuple[str, dict[str, Any]]:
    page = GONGBAO
    crumbs = [
        ("首页", "https://www.gov.cn/"),
        ("国务院公报", "https://www.gov.cn/gongbao/"),
        ("2020年第22号", None),
    ]
    return render_article(page, page["url"], crumbs, "国务院公报")


def write(path: Path, data: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)


def dump(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, indent=2) + "\n"


def main() -> None:
    for folder in (OUT, FIX, FIX_GB):
        if folder.exists():
            shutil.rmtree(folder)
    write(OUT / "robots.txt", ROBOTS)
    write(OUT / "index.htm", home_page())
    write(OUT / "routes.toml", routes_toml())
    write(OUT / "_mirror" / "404.html", HARD_404_PAGE)
    write(OUT / SOFT_404["path"].lstrip("/"), soft_404_page())

    rendered: list[tuple[dict[str, Any], str, dict[str, Any]]] = []
    for page in OLD_PAGES:
        rendered.append((page, *render_old(page)))
    for page in NEW_PAGES:
        rendered.append((page, *render_new(page)))
    rendered.append((RULE_PAGE, *render_rule(RULE_PAGE)))
    crumbs: list[tuple[str, str | None]] = [
        ("首页", "https://www.gov.cn/"),
        ("政策", "https://www.gov.cn/zhengce/"),
        ("解读", "https://www.gov.cn/zhengce/jiedu/"),
    ]
    rendered.append(
        (ARTICLE_PAGE, *render_article(ARTICLE_PAGE, HOST + ARTICLE_PAGE["path"], crumbs, "解读"))
    )
    for page, doc, expected in rendered:
        write(OUT / page["path"].lstrip("/"), doc)
        write(FIX / f"{page['id']}.expected.json", dump(expected))
        for rel, data in page.get("files", {}).items():
            write(OUT / rel, data)

    entries = list_entries()
    pages = (len(entries) + PER_PAGE - 1) // PER_PAGE
    lists: dict[str, Any] = {}
    for n in range(pages):
        name = "index.htm" if n == 0 else f"index_{n}.htm"
        chunk = entries[n * PER_PAGE : (n + 1) * PER_PAGE]
        write(OUT / COLUMN.lstrip("/") / name, render_list(chunk, n, pages))
        list_url = HOST + COLUMN + name
        further = [HOST + COLUMN + f"index_{k}.htm" for k in range(1, pages)]
        lists[list_url] = {
            "items": [
                {"url": HOST + e["path"], "title": e["title"], "date": e["date"]} for e in chunk
            ],
            "page_count": pages,
            "page_urls": [u for u in further if u != list_url],
        }
    write(FIX / "lists.json", dump(lists))

    doc, expected = gongbao_page()
    write(FIX_GB / "content_5535389.htm", doc)
    write(FIX_GB / "5535389.expected.json", dump(expected))


if __name__ == "__main__":
    main()
