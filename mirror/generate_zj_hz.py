#!/usr/bin/env python3
# ruff: noqa: E501
"""Generate the offline test mirror of www.hangzhou.gov.cn (杭州市人民政府, Hanweb JCMS).

Run from the repository root:  python3 mirror/generate_zj_hz.py   (standard library only)

Writes, deterministically (same bytes on every run):
  mirror/zj_hz/**                             the static site tree, URL path = file path; a URL
                                              with a query (dataproxy.jsp, downfile.jsp) is the
                                              file "<path>@<query>" (mirror/server.py)
  mirror/zj_hz/routes.toml                    special routes (errors, XML content type, downloads)
  tests/fixtures/zj_hz/NNNNNNN.expected.json  one per archived detail page (NNNNNNN = doc id)
  tests/fixtures/zj_hz/lists.json             every list page: its items and the pages it reveals
  tests/fixtures/js_gov/art_…html + .expected.json   the fixture page of the second profile
                                              (江苏省人民政府, no mirror)

The expected JSON is computed here from the data the pages are rendered from, never by running
the parser. All prose is written for this mirror; index numbers, dates and document numbers are
realistic but made up.

The Hanweb way of listing (see /work/shared/DOMAIN.md, family 4): the column page
/col/colNNN/index.html shows an empty list; its first records are XML in
<script type="text/xml"><datastore><nextgroup>…</nextgroup><recordset><record><![CDATA[…]]>…;
further pages come from /module/web/jpage/dataproxy.jsp?startrecord=…&endrecord=…&perpage=…
&col=1&appid=1&webid=149&path=/&columnid=…&sourceContentType=1&unitid=…&webname=…&permissiontype=0
answering <?xml …?><datastore><totalrecord>…</totalrecord><totalpage>…</totalpage><recordset>….

Columns (3 list pages each):
  1229063383 市政府文件  unit 7264376, perPage 5, 14 records; totals only in the jpage script
             (totalRecord:14,perPage:5); records <li><a title>…</a><span>YYYY-MM-DD</span></li>
  1229063387 部门文件    unit 7264380, perPage 4, 9 records; totals only in the datastore
             (<totalrecord>9</totalrecord><totalpage>3</totalpage>, perPage:4 in the script);
             records are table rows <td><a title>…</a></td><td>[YYYY-MM-DD]</td>

Variant map (detail page id -> what it covers):
  full xxgk_table (索引号/主题分类; 发布机构/发文日期; 标题; 文号/公开方式) ... 1839234 1843688 1844120
  Zhejiang template: 成文日期 + 发布日期 + 有效性 + 公文种类 .................. 1839510
  body between ContentStart/ContentEnd inside #zoom, chrome outside the markers
      (字号 tools, 打印本页/关闭窗口, share) ......................... 1839234 1840377 1840881 1841630
                                                                      1842018 1843500 1844217 1841205
                                                                      1843322 1844455 (most pages)
  markers inside <p> (not siblings: the first and last paragraph) .. 1843091
  markers inside .article_content (no #zoom) ........................ 1839510 1844790
  #zoom without markers .............................................. 1840012 1842300 1843688
  .article_content without markers ................................... 1842555
  no xxgk_table (title from the heading, publisher from ContentSource) 1841205
  no labels at all (labels drawn as images; profile [detail] rule) ... 1840881
  padded labels 索 引 号 / 发布&nbsp;机构 / 标　　题 / 文　　号 ........ 1840012 1842764
  ASCII colon ':' ..................................................... 1840012 (文号:, 发布机构:)
  no colon at all ..................................................... 1840012 (发文日期) 1844455
  label and value in one cell (索引号：…) .............................. 1842300
  empty values: 文号 <td></td> ......................................... 1840377 1844120
                主题分类 &nbsp; ........................................ 1840377
                公文种类 empty ......................................... 1843688
  values starting with &nbsp; ........................................ 1843500
  发文机关 instead of 发布机构 (publisher = issuer) ...................... 1842018
  来源 instead of 发布机构 (publisher = source) .......................... 1843322
  主题词 (subject_words) ................................................ 1842018 1844455
  关键词 (keywords, split on ；) ......................................... 1843500
  有效性 / 文件有效性 (validity) ......................................... 1839510 1843091
  公文种类 (doc_type) .................................................... 1839510 1842018
  成文日期 (written_date) 2023年6月2日 ................................... 1842018
  发文日期 2023年7月3日 .................................................. 1842555
  topic is a year (2023年) ............................................. 1844217
  文号 with [2023] / （2023） ............................................ 1843091 1844217
  publish date: 发布日期 line, time from PubDate ..................... 1839234 1840881 1844217
                发布时间 line with seconds ............................. 1840012
                PubDate only ........................................... 1840377 1843500
                labelled 发布日期 2023年4月3日, time from PubDate .......... 1839510
                labelled 发布日期, PubDate on another day (date only) .... 1842764
  attachments: downfile.jsp?classid=0&filename=N.pdf ................. 1839234
               downfile.jsp .docx + /attach/0/….xlsx + absolute downfile.jsp?filename=…&classid=0
               .pdf linked twice ......................................... 1841630
               relative ../../../../attach/0/….pdf ...................... 1843091
               downfile.jsp .doc (OLE) + /attach/0/….pdf ................ 1841433
  images in the body (not attachments) ................................ 1841630 1843688
  tables in the body .................................................. 1840012 1841433 1843091 1844120
  <br> lines .......................................................... 1840377 1844455
  inline <script> and HTML comment inside the markers ................. 1843500
  non-attachment link in the body ..................................... 1839234 (政策解读)
  listed in two columns (same URL; absolute href in the second) ....... 1841630
  errors: 1844000 soft 404 served with 200 (listed in 市政府文件);
          1839999 listed but gone: 404

The dataproxy query holds "path=/", so its mirror file "<path>@<query>" sits in a folder named
"dataproxy.jsp@startrecord=…&path=" (the server maps the unquoted query onto the file tree).
"""

from __future__ import annotations

import html
import json
import re
import shutil
import zipfile
from pathlib import Path
from typing import Any
from urllib.parse import quote, urljoin

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "mirror" / "zj_hz"
FIX = ROOT / "tests" / "fixtures" / "zj_hz"
JS_FIX = ROOT / "tests" / "fixtures" / "js_gov"
HOST = "https://www.hangzhou.gov.cn"
JS_HOST = "https://www.jiangsu.gov.cn"
SITE = "杭州市人民政府"
WEBID = "149"
WEBNAME = "杭州市"
PROXY = "/module/web/jpage/dataproxy.jsp"

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

# label as written (whitespace and trailing colon removed) -> record field
LABELS = {
    "索引号": "index_no",
    "主题分类": "topic",
    "发布机构": "publisher",
    "发文机关": "issuer",
    "来源": "source",
    "发布日期": "publish_date",
    "标题": "title",
    "文号": "doc_no",
    "关键词": "keywords",
    "主题词": "subject_words",
    "成文日期": "written_date",
    "发文日期": "written_date",
    "有效性": "validity",
    "文件有效性": "validity",
    "公文种类": "doc_type",
    "公开方式": "disclosure_mode",
}

_WS = re.compile(r"\s+")
_SPLIT = re.compile(r"[\s、，,；;]+")
_DATE = re.compile(
    r"(\d{4})\s*[-年]\s*(\d{1,2})\s*[-月]\s*(\d{1,2})日?(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?"
)


def norm(text: str) -> str:
    return _WS.sub(" ", text).strip()


def esc(text: str) -> str:
    return html.escape(text, quote=False)


def attr(text: str) -> str:
    return html.escape(text, quote=True)


def cell_value(raw: str) -> str:
    """A metadata cell written as an HTML fragment without tags, as its normalized text."""
    assert "<" not in raw, raw
    return norm(html.unescape(raw))


def label_key(raw: str) -> str:
    return re.sub(r"[：:]+$", "", "".join(html.unescape(raw).split()))


def date_parts(text: str) -> tuple[str, str | None] | None:
    """(YYYY-MM-DD, HH:MM:SS or None) of the dates this mirror writes."""
    m = _DATE.search(text)
    if m is None:
        return None
    day = f"{int(m[1]):04d}-{int(m[2]):02d}-{int(m[3]):02d}"
    if m[4] is None:
        return day, None
    return day, f"{int(m[4]):02d}:{m[5]}:{m[6] or '00'}"


def iso(parts: tuple[str, str | None]) -> str:
    day, time = parts
    return day if time is None else f"{day}T{time}+08:00"


# ---------------------------------------------------------------------------------------------
# body blocks
# ---------------------------------------------------------------------------------------------
Seg = Any  # str | ("a", href, text) | ("b", text) | ("img", src)
Block = dict[str, Any]


def A(href: str, text: str) -> tuple[str, str, str]:
    return ("a", href, text)


def B(text: str) -> tuple[str, str]:
    return ("b", text)


def IMG(src: str) -> tuple[str, str]:
    return ("img", src)


def P(*segs: Seg, indent: str = "css", align: str | None = None) -> Block:
    return {"k": "p", "lines": [list(segs)], "indent": indent, "align": align}


def BR(*lines: str, indent: str = "css") -> Block:
    return {"k": "p", "lines": [[ln] for ln in lines], "indent": indent, "align": None}


def T(*rows: list[str]) -> Block:
    return {"k": "table", "rows": [list(r) for r in rows]}


def SCRIPT(code: str) -> Block:
    return {"k": "script", "code": code}


def COMMENT(text: str) -> Block:
    return {"k": "comment", "text": text}


EMPTY: Block = {"k": "empty"}


def RIGHT(*texts: str) -> list[Block]:
    return [P(t, indent="none", align="right") for t in texts]


def seg_text(seg: Seg) -> str:
    if isinstance(seg, str):
        return seg
    if seg[0] == "a":
        return str(seg[2])
    if seg[0] == "b":
        return str(seg[1])
    return ""


def seg_html(seg: Seg) -> str:
    if isinstance(seg, str):
        return esc(seg)
    if seg[0] == "a":
        return f'<a href="{attr(seg[1])}" target="_blank">{esc(seg[2])}</a>'
    if seg[0] == "b":
        return f"<strong>{esc(seg[1])}</strong>"
    if seg[0] == "img":
        return f'<img src="{attr(seg[1])}" border="0" alt="" style="max-width:100%;" />'
    raise ValueError(seg)


_INDENTS = {"css": "", "nbsp": "&nbsp;&nbsp;&nbsp;&nbsp;", "ideo": "\u3000\u3000", "none": ""}


def render_block(block: Block) -> str:
    k = block["k"]
    if k == "p":
        style = []
        if block["indent"] == "css":
            style.append("text-indent:2em;")
        if block["align"]:
            style.append(f"text-align:{block['align']};")
        prefix = _INDENTS[block["indent"]]
        inner = "<br />".join(
            prefix + "".join(seg_html(s) for s in line) for line in block["lines"]
        )
        st = f' style="{"".join(style)}"' if style else ""
        return f"<p{st}>{inner}</p>"
    if k == "table":
        rows = []
        for i, row in enumerate(block["rows"]):
            align = ' align="center"' if i == 0 else ""
            cells = "".join(
                f'<td style="border:1px solid #000;"{align}>{esc(c) if c else "&nbsp;"}</td>'
                for c in row
            )
            rows.append(f"<tr>{cells}</tr>")
        return (
            '<table border="1" cellspacing="0" cellpadding="0" style="border-collapse:collapse;width:100%;"><tbody>\n'
            + "\n".join(rows)
            + "\n</tbody></table>"
        )
    if k == "script":
        return f'<script type="text/javascript">{block["code"]}</script>'
    if k == "comment":
        return f"<!-- {block['text']} -->"
    if k == "empty":
        return "<p>&nbsp;</p>"
    raise ValueError(k)


def block_lines(block: Block) -> list[str]:
    k = block["k"]
    if k == "p":
        return [norm("".join(seg_text(s) for s in line)) for line in block["lines"]]
    if k == "table":
        return [
            "\t".join(norm(c) for c in row) for row in block["rows"] if any(c.strip() for c in row)
        ]
    return []


def body_text(blocks: list[Block]) -> str:
    return "\n".join(ln for b in blocks for ln in block_lines(b) if ln)


def link_ext(url: str) -> str | None:
    """Attachment extension of a link: from the path, or from downfile.jsp's filename=."""
    path, _, query = url.partition("?")
    last = path.rsplit("/", 1)[-1]
    if last.endswith("downfile.jsp"):
        for part in query.split("&"):
            key, _, value = part.partition("=")
            if key == "filename" and "." in value:
                ext = value.rsplit(".", 1)[1].lower()
                return ext if ext in ATTACHMENT_EXTS else None
        return None
    if "." in last:
        ext = last.rsplit(".", 1)[1].lower()
        return ext if ext in ATTACHMENT_EXTS else None
    return None


def body_attachments(blocks: list[Block], page_url: str) -> list[dict[str, str]]:
    found: list[dict[str, str]] = []
    seen: set[str] = set()
    for b in blocks:
        if b["k"] != "p":
            continue
        for line in b["lines"]:
            for s in line:
                if isinstance(s, tuple) and s[0] == "a":
                    url = urljoin(page_url, s[1])
                    ext = link_ext(url)
                    if ext and url not in seen:
                        seen.add(url)
                        found.append({"url": url, "name": norm(s[2]), "ext": ext})
    return found


def body_links(blocks: list[Block], page_url: str) -> list[str]:
    out = []
    for b in blocks:
        if b["k"] == "p":
            for line in b["lines"]:
                for s in line:
                    if isinstance(s, tuple) and s[0] in ("a", "img"):
                        out.append(urljoin(page_url, s[1]))
    return out


# ---------------------------------------------------------------------------------------------
# attachment files (small but real: a PDF with a text layer, a DOCX, an XLSX; an OLE .doc stub)
# ---------------------------------------------------------------------------------------------
_ZIP_DATE = (2023, 1, 1, 0, 0, 0)


def pdf_bytes(lines: list[str]) -> bytes:
    def pdf_str(s: str) -> str:
        return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    content = (
        "BT /F1 11 Tf 72 760 Td 14 TL " + " ".join(f"({pdf_str(ln)}) '" for ln in lines) + " ET"
    )
    objs = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        " /Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
    offsets = []
    for i, obj in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{obj}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{off:010d} 00000 n \n".encode() for off in offsets)
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def _zip(parts: dict[str, str]) -> bytes:
    import io

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in parts.items():
            info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, text.encode("utf-8"))
    return buf.getvalue()


_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def docx_bytes(paragraphs: list[str]) -> bytes:
    ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = "".join(f"<w:p><w:r><w:t>{esc(p)}</w:t></w:r></w:p>" for p in paragraphs)
    return _zip(
        {
            "[Content_Types].xml": _XML
            + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
            "</Types>",
            "_rels/.rels": _XML
            + f'<Relationships xmlns="{_RELS_NS}"><Relationship Id="rId1" Type="{_DOC_REL}/officeDocument" Target="word/document.xml"/></Relationships>',
            "word/document.xml": _XML
            + f'<w:document xmlns:w="{ns}"><w:body>{body}</w:body></w:document>',
        }
    )


def xlsx_bytes(rows: list[list[str]]) -> bytes:
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    cols = "ABCDEFGHIJ"
    sheet_rows = []
    for r, row in enumerate(rows, 1):
        cells = []
        for c, value in enumerate(row):
            ref = f"{cols[c]}{r}"
            if re.fullmatch(r"-?\d+(?:\.\d+)?", value):
                cells.append(f'<c r="{ref}"><v>{value}</v></c>')
            else:
                cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{esc(value)}</t></is></c>')
        sheet_rows.append(f'<row r="{r}">{"".join(cells)}</row>')
    return _zip(
        {
            "[Content_Types].xml": _XML
            + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            "</Types>",
            "_rels/.rels": _XML
            + f'<Relationships xmlns="{_RELS_NS}"><Relationship Id="rId1" Type="{_DOC_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
            "xl/workbook.xml": _XML
            + f'<workbook xmlns="{ns}" xmlns:r="{_DOC_REL}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
            "xl/_rels/workbook.xml.rels": _XML
            + f'<Relationships xmlns="{_RELS_NS}"><Relationship Id="rId1" Type="{_DOC_REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
            "xl/worksheets/sheet1.xml": _XML
            + f'<worksheet xmlns="{ns}"><sheetData>{"".join(sheet_rows)}</sheetData></worksheet>',
        }
    )


def ole_stub() -> bytes:
    """The first sector of an OLE compound file: right magic, nothing readable behind it."""
    header = bytes.fromhex("D0CF11E0A1B11AE1") + bytes(16) + bytes.fromhex("3E000300FEFF0900")
    return header + bytes(512 - len(header))


# canonical URL -> file bytes
FILES: dict[str, bytes] = {
    HOST + "/module/download/downfile.jsp?classid=0&filename=2303211015457.pdf": pdf_bytes(
        [
            "Hangzhou Municipal People's Government",
            "Policy measures for the digital economy, 2023",
            "Annex: list of supported projects (summary)",
        ]
    ),
    HOST + "/module/download/downfile.jsp?classid=0&filename=2306121548213.docx": docx_bytes(
        [
            "2022年度杭州市科学技术奖励获奖项目名单",
            "一、杭州市科学技术进步奖一等奖（12项）",
            "二、杭州市科学技术进步奖二等奖（25项）",
            "三、杭州市科学技术进步奖三等奖（40项）",
        ]
    ),
    HOST + "/attach/0/b3a4c1d2e5f64718a9b0c1d2e3f40516.xlsx": xlsx_bytes(
        [
            ["序号", "项目名称", "完成单位", "等级"],
            ["1", "城市大脑交通治理关键技术及应用", "杭州市数据资源管理局", "一等奖"],
            ["2", "钱塘江河口防洪御潮关键技术", "杭州市林业水利局", "一等奖"],
        ]
    ),
    HOST + "/module/download/downfile.jsp?filename=2306121548999.pdf&classid=0": pdf_bytes(
        ["Hangzhou Science and Technology Awards 2022", "Award decision (signed copy)"]
    ),
    HOST + "/attach/0/e8f1a2b3c4d5e6f708192a3b4c5d6e7f.pdf": pdf_bytes(
        ["List of repealed normative documents", "Hangzhou, 2023"]
    ),
    HOST + "/module/download/downfile.jsp?classid=0&filename=2305161120331.doc": ole_stub(),
    HOST + "/attach/0/4c2d7e9fa0b1c2d3e4f5a6b7c8d9e0f1.pdf": pdf_bytes(
        ["Hangzhou municipal budget execution 2022", "Tables 1-4"]
    ),
}
IMAGES = {
    HOST + "/picture/0/2306121549017.jpg",
    HOST + "/picture/0/2309151030442.jpg",
}
# minimal JPEG: SOI, a comment, EOI
_JPEG = b"\xff\xd8\xff\xfe\x00\x0bzj_hz mirror\xff\xd9"


# ---------------------------------------------------------------------------------------------
# pages
# ---------------------------------------------------------------------------------------------
COL_A: dict[str, Any] = {
    "id": "1229063383",
    "name": "市政府文件",
    "unit": "7264376",
    "per_page": 5,
    "style": "li",
}
COL_B: dict[str, Any] = {
    "id": "1229063387",
    "name": "部门文件",
    "unit": "7264380",
    "per_page": 4,
    "style": "table",
}
COLUMNS = (COL_A, COL_B)

STD_CHROME_AFTER = '<div class="fx_box"><span>分享到：</span><a href="javascript:void(0)" class="wx">微信</a><a href="javascript:void(0)" class="wb">微博</a></div>\n<p class="dy_btn">【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</p>'
ZOOM_TOOLS = '<p class="zoom_tools">【字号：<a href="javascript:doZoom(18)">大</a> <a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(14)">小</a>】</p>'

PAGES: list[dict[str, Any]] = []


def page(**kw: Any) -> None:
    kw.setdefault("col", COL_A)
    kw.setdefault("markers", "sibling")
    kw.setdefault("container", "zoom")
    kw.setdefault("table", [])
    kw.setdefault("info", None)
    kw.setdefault("source_meta", None)
    kw.setdefault("also_in", None)
    kw.setdefault("nolabel", None)
    PAGES.append(kw)


# -- 市政府文件 ----------------------------------------------------------------------------------

page(
    doc="1839234",
    day=(2023, 3, 21),
    heading="杭州市人民政府关于印发杭州市加快推进数字经济高质量发展若干政策措施的通知",
    table=[
        [("索引号：", "002489374/2023-00087"), ("主题分类：", "工业、交通\\信息产业（含电信）")],
        [("发布机构：", "杭州市人民政府"), ("发文日期：", "2023-03-17")],
        [("标题：", "杭州市人民政府关于印发杭州市加快推进数字经济高质量发展若干政策措施的通知")],
        [("文号：", "杭政〔2023〕12号"), ("公开方式：", "主动公开")],
    ],
    info="发布日期：2023-03-21",
    pubdate="2023-03-21 10:15",
    source_meta="杭州市人民政府办公厅",
    body=[
        P("各区、县（市）人民政府，市政府各部门、各直属单位："),
        P(
            "现将《杭州市加快推进数字经济高质量发展若干政策措施》印发给你们，请结合实际认真贯彻落实。"
        ),
        *RIGHT("杭州市人民政府", "2023年3月17日"),
        P("（此件公开发布）", indent="none"),
        P(B("杭州市加快推进数字经济高质量发展若干政策措施"), indent="none", align="center"),
        P("为深入实施数字经济创新提质“一号发展工程”，加快建设数字经济发展高地，制定以下政策措施。"),
        P(
            "一、支持数字产业化。对新认定的国家级制造业单项冠军企业，给予最高300万元奖励；对年营业收入首次突破10亿元的软件企业，给予最高100万元奖励。"
        ),
        P(
            "二、推进产业数字化。对实施数字化改造项目的规模以上工业企业，按项目设备投入的15%给予补助，单个项目最高500万元。"
        ),
        P("三、强化要素保障。每年安排市级数字经济专项资金不少于10亿元，统筹用于本政策措施兑现。"),
        P("本政策措施自2023年4月20日起施行，有效期至2025年12月31日。"),
        P(
            "附件：",
            A(
                "/module/download/downfile.jsp?classid=0&filename=2303211015457.pdf",
                "杭州市数字经济重点支持项目申报指南.pdf",
            ),
        ),
        P(
            "相关解读：",
            A(
                "/art/2023/3/22/art_1229063383_1839301.html",
                "《杭州市加快推进数字经济高质量发展若干政策措施》政策解读",
            ),
        ),
    ],
)

page(
    doc="1839510",
    day=(2023, 4, 3),
    heading="杭州市人民政府办公厅关于进一步做好稳就业工作的通知",
    container="article_content",
    table=[
        [("索引号：", "002489374/2023-00112"), ("主题分类：", "劳动、人事、监察\\就业")],
        [("发布机构：", "杭州市人民政府办公厅"), ("成文日期：", "2023-03-30")],
        [("发布日期：", "2023年4月3日"), ("文号：", "杭政办函〔2023〕15号")],
        [("有效性：", "有效"), ("公文种类：", "通知")],
        [("标题：", "杭州市人民政府办公厅关于进一步做好稳就业工作的通知")],
    ],
    pubdate="2023-04-03 09:20",
    source_meta="杭州市人民政府办公厅",
    body=[
        P("各区、县（市）人民政府，市政府各部门、各直属单位："),
        P(
            "为贯彻落实党中央、国务院和省委、省政府关于稳就业的决策部署，经市政府同意，现就进一步做好稳就业工作通知如下。"
        ),
        P(
            "一、加大企业吸纳就业支持力度。对招用登记失业半年以上人员的中小微企业，按每人1000元给予一次性吸纳就业补贴。"
        ),
        P(
            "二、支持高校毕业生就业创业。对来杭工作的全日制本科及以上学历应届高校毕业生，发放生活补贴，本科1万元、硕士3万元、博士5万元。"
        ),
        P("三、强化困难群体就业援助。开发公益性岗位不少于2000个，优先安置就业困难人员。"),
        P("本通知自印发之日起施行，有效期至2023年12月31日。"),
        *RIGHT("杭州市人民政府办公厅", "2023年3月30日"),
    ],
)

page(
    doc="1840012",
    day=(2023, 4, 18),
    heading="杭州市人民政府关于公布杭州市第七批市级非物质文化遗产代表性项目名录的通知",
    markers=None,
    table=[
        [("索&nbsp;引&nbsp;号：", "002489374/2023-00135"), ("主题分类：", "科技、教育\\文化")],
        [("发布&nbsp;机构:", "杭州市人民政府"), ("发文日期", "2023-04-14")],
        [
            (
                "标\u3000\u3000题：",
                "杭州市人民政府关于公布杭州市第七批市级非物质文化遗产代表性项目名录的通知",
            )
        ],
        [("文\u3000\u3000号:", "杭政函〔2023〕31号"), ("公开方式：", "主动公开")],
    ],
    info="发布时间：2023-04-18 15:06:31",
    pubdate="2023-04-18 15:06",
    source_meta="杭州市人民政府",
    body=[
        P("各区、县（市）人民政府，市政府各部门、各直属单位："),
        P(
            "市政府同意公布杭州市第七批市级非物质文化遗产代表性项目名录（共计21项），现予公布。",
            indent="nbsp",
        ),
        P(
            "各地、各部门要坚持保护为主、抢救第一、合理利用、传承发展的方针，切实做好项目保护传承工作。",
            indent="nbsp",
        ),
        P("杭州市第七批市级非物质文化遗产代表性项目名录（部分）", indent="none", align="center"),
        T(
            ["序号", "项目名称", "类别", "申报地区或单位"],
            ["1", "塘栖枇杷栽培技艺", "传统技艺", "临平区"],
            ["2", "富阳竹纸制作技艺（元书纸）", "传统技艺", "富阳区"],
            ["3", "桐庐剪纸", "传统美术", "桐庐县"],
            ["4", "淳安睦剧", "传统戏剧", ""],
        ),
        *RIGHT("杭州市人民政府", "2023年4月14日"),
    ],
)

page(
    doc="1840377",
    day=(2023, 4, 28),
    heading="杭州市人民政府办公厅关于做好2023年防汛防台工作的通知",
    table=[
        [("索引号：", "002489374/2023-00151"), ("主题分类：", "&nbsp;")],
        [("发布机构：", "杭州市人民政府办公厅"), ("发文日期：", "2023-04-26")],
        [("标题：", "杭州市人民政府办公厅关于做好2023年防汛防台工作的通知")],
        [("文号：", ""), ("公开方式：", "主动公开")],
    ],
    pubdate="2023-04-28 17:30",
    source_meta="杭州市人民政府办公厅",
    body=[
        P("各区、县（市）人民政府，市政府各部门、各直属单位："),
        P(
            "我市即将进入梅汛期，为切实做好2023年防汛防台工作，确保人民群众生命财产安全，现将有关事项通知如下。"
        ),
        BR(
            "一、压实防汛防台责任。各级防指要在5月15日前完成责任人调整公布。",
            "二、开展汛前隐患排查。重点排查山塘水库、地质灾害隐患点和地下空间。",
            "三、做好物资队伍准备。全市储备编织袋50万条、救生衣2万件。",
            "四、严格值班值守。汛期实行24小时值班和领导带班制度。",
        ),
        EMPTY,
        *RIGHT("杭州市人民政府办公厅", "2023年4月26日"),
    ],
)

page(
    doc="1840881",
    day=(2023, 5, 29),
    heading="杭州市人民政府办公厅关于印发杭州市城市更新行动方案的通知",
    nolabel=[
        ("002489374/2023-00188", "城乡建设、环境保护\\城乡建设"),
        ("杭州市人民政府办公厅", "2023-05-26"),
        ("杭政办函〔2023〕29号", "主动公开"),
    ],
    info="发布日期：2023-05-29",
    pubdate="2023-05-29 11:02",
    source_meta="杭州市人民政府办公厅",
    body=[
        P("各区、县（市）人民政府，市政府各部门、各直属单位："),
        P("《杭州市城市更新行动方案》已经市政府同意，现印发给你们，请认真组织实施。"),
        P("到2025年，全市完成城镇老旧小区改造500个，改造城中村项目100个，新增城市绿道300公里。"),
        *RIGHT("杭州市人民政府办公厅", "2023年5月26日"),
    ],
)

page(
    doc="1841630",
    day=(2023, 6, 12),
    heading="杭州市人民政府关于2022年度杭州市科学技术奖励的决定",
    also_in=COL_B,
    table=[
        [("索引号：", "002489374/2023-00203"), ("主题分类：", "科技、教育\\科技")],
        [("发布机构：", "杭州市人民政府"), ("发文日期：", "2023-06-08")],
        [("标题：", "杭州市人民政府关于2022年度杭州市科学技术奖励的决定")],
        [("文号：", "杭政〔2023〕25号"), ("公开方式：", "主动公开")],
    ],
    info="发布日期：2023-06-12 16:20",
    pubdate="2023-06-12 16:20",
    source_meta="杭州市人民政府",
    body=[
        P("各区、县（市）人民政府，市政府各部门、各直属单位："),
        P(
            "为深入实施创新驱动发展战略，市政府决定，授予“城市大脑交通治理关键技术及应用”等12项成果杭州市科学技术进步奖一等奖，授予25项成果二等奖，授予40项成果三等奖。"
        ),
        P(IMG("/picture/0/2306121549017.jpg"), indent="none", align="center"),
        P("希望受到奖励的单位和个人珍惜荣誉，再接再厉，为高水平建设创新型城市作出新的更大贡献。"),
        P(
            "附件：1.",
            A(
                "/module/download/downfile.jsp?classid=0&filename=2306121548213.docx",
                "2022年度杭州市科学技术奖励获奖项目名单.docx",
            ),
        ),
        P(
            "2.",
            A(
                "/attach/0/b3a4c1d2e5f64718a9b0c1d2e3f40516.xlsx",
                "2022年度杭州市科学技术进步奖一等奖项目汇总表.xlsx",
            ),
            indent="ideo",
        ),
        P(
            "3.",
            A(
                HOST + "/module/download/downfile.jsp?filename=2306121548999.pdf&classid=0",
                "杭州市人民政府关于2022年度杭州市科学技术奖励的决定（盖章版）.pdf",
            ),
            indent="ideo",
        ),
        P(
            "（盖章版全文",
            A(
                HOST + "/module/download/downfile.jsp?filename=2306121548999.pdf&classid=0",
                "点击下载",
            ),
            "）",
            indent="ideo",
        ),
        *RIGHT("杭州市人民政府", "2023年6月8日"),
    ],
)

page(
    doc="1842018",
    day=(2023, 6, 27),
    heading="杭州市人民政府关于调整杭州市区最低生活保障标准的通知",
    table=[
        [("索引号：", "002489374/2023-00219"), ("主题分类：", "民政、扶贫、救灾\\社会救助")],
        [("发文机关：", "杭州市人民政府"), ("成文日期：", "2023年6月2日")],
        [("标题：", "杭州市人民政府关于调整杭州市区最低生活保障标准的通知")],
        [("文号：", "杭政函〔2023〕52号"), ("公文种类：", "通知")],
        [("主题词：", "民政 社会救助 最低生活保障 通知")],
    ],
    info="发布日期：2023-06-27",
    pubdate="2023-06-27 15:48",
    source_meta="杭州市民政局",
    body=[
        P(
            "上城区、拱墅区、西湖区、滨江区、萧山区、余杭区、临平区、钱塘区、富阳区、临安区人民政府，市政府各部门、各直属单位："
        ),
        P(
            "经市政府研究决定，自2023年7月1日起，杭州市区最低生活保障标准由每人每月1165元调整为每人每月1240元。"
        ),
        P("各区要确保调整后的低保金按时足额发放到位，所需资金按现行财政体制负担。"),
        *RIGHT("杭州市人民政府", "2023年6月2日"),
    ],
)

page(
    doc="1842300",
    day=(2023, 7, 10),
    heading="杭州市人民政府关于印发杭州市推进共同富裕示范区城市范例建设2023年工作要点的通知",
    markers=None,
    inline_cells=True,
    table=[
        [("索引号：", "002489374/2023-00231"), ("主题分类：", "综合政务\\其他")],
        [("发布机构：", "杭州市人民政府"), ("发文日期：", "2023-07-06")],
        [
            (
                "标题：",
                "杭州市人民政府关于印发杭州市推进共同富裕示范区城市范例建设2023年工作要点的通知",
            )
        ],
        [("文号：", "杭政函〔2023〕58号"), ("公开方式：", "主动公开")],
    ],
    info="发布日期：2023-07-10 08:45",
    pubdate="2023-07-10 08:45",
    source_meta="杭州市人民政府",
    body=[
        P("各区、县（市）人民政府，市政府各部门、各直属单位："),
        P("现将《杭州市推进共同富裕示范区城市范例建设2023年工作要点》印发给你们，请认真贯彻执行。"),
        P("2023年，全市居民人均可支配收入增长6%左右，城乡居民收入比缩小到1.75以内。"),
        *RIGHT("杭州市人民政府", "2023年7月6日"),
    ],
)

page(
    doc="1842764",
    day=(2023, 7, 14),
    heading="杭州市人民政府关于命名第三批杭州市未来社区的通知",
    table=[
        [
            ("索\u3000引\u3000号：", "002489374/2023-00240"),
            ("主题分类：", "城乡建设、环境保护\\城乡建设"),
        ],
        [("发\u3000布\u3000机\u3000构：", "杭州市人民政府"), ("发布日期：", "2023-07-14")],
        [("标\u3000\u3000题：", "杭州市人民政府关于命名第三批杭州市未来社区的通知")],
        [("文\u3000\u3000号：", "杭政函〔2023〕61号"), ("发文日期：", "2023-07-12")],
    ],
    pubdate="2023-07-15 08:30",
    source_meta="杭州市住房保障和房产管理局",
    body=[
        P("各区、县（市）人民政府，市政府各部门、各直属单位："),
        P(
            "经各区、县（市）申报，市未来社区建设工作专班组织验收，市政府同意命名上城区始版桥社区等35个社区为第三批杭州市未来社区。"
        ),
        P("各地要总结推广建设经验，持续完善社区服务功能，不断提升居民获得感、幸福感、安全感。"),
        *RIGHT("杭州市人民政府", "2023年7月12日"),
    ],
)

page(
    doc="1843091",
    day=(2023, 8, 22),
    heading="杭州市人民政府关于废止和修改部分市政府规范性文件的决定",
    markers="in_p",
    table=[
        [("索引号：", "002489374/2023-00268"), ("主题分类：", "综合政务\\政务公开")],
        [("发布机构：", "杭州市人民政府"), ("发文日期：", "2023-08-18")],
        [("标题：", "杭州市人民政府关于废止和修改部分市政府规范性文件的决定")],
        [("文号：", "杭政[2023]30号"), ("文件有效性：", "有效")],
    ],
    info="发布日期：2023-08-22",
    pubdate="2023-08-22 10:00",
    source_meta="杭州市司法局",
    body=[
        P("各区、县（市）人民政府，市政府各部门、各直属单位："),
        P(
            "根据规范性文件清理工作要求，市政府对现行有效的市政府规范性文件进行了清理。经审查，决定废止3件、修改2件市政府规范性文件。"
        ),
        T(
            ["序号", "文件名称", "文号", "处理意见"],
            ["1", "杭州市区住房公积金提取管理办法", "杭政〔2016〕11号", "废止"],
            ["2", "杭州市城市道路临时停车泊位管理办法", "杭政办〔2017〕8号", "废止"],
            ["3", "杭州市生活垃圾分类管理实施细则", "杭政办函〔2018〕40号", "修改"],
        ),
        P(
            "附件：",
            A(
                "../../../../attach/0/e8f1a2b3c4d5e6f708192a3b4c5d6e7f.pdf",
                "废止和修改的市政府规范性文件目录.pdf",
            ),
        ),
        P("本决定自公布之日起施行。"),
    ],
)

page(
    doc="1843500",
    day=(2023, 9, 8),
    heading="杭州市人民政府办公厅关于印发杭州市促进民营经济高质量发展若干措施的通知",
    table=[
        [("索引号：", "&nbsp;002489374/2023-00290"), ("主题分类：", "&nbsp;&nbsp;综合政务\\其他")],
        [("发布机构：", "&nbsp;杭州市人民政府办公厅"), ("发文日期：", "&nbsp;2023-09-05")],
        [
            (
                "标题：",
                "&nbsp;杭州市人民政府办公厅关于印发杭州市促进民营经济高质量发展若干措施的通知",
            )
        ],
        [("文号：", "&nbsp;杭政办函〔2023〕44号"), ("关键词：", "民营经济；营商环境；惠企政策")],
    ],
    pubdate="2023-09-08 16:05",
    source_meta="杭州市人民政府办公厅",
    body=[
        COMMENT("正文开始"),
        P("各区、县（市）人民政府，市政府各部门、各直属单位："),
        SCRIPT("var _hmt = _hmt || []; /* 访问统计 */"),
        P("《杭州市促进民营经济高质量发展若干措施》已经市政府同意，现印发给你们，请认真贯彻落实。"),
        P("一、持续优化营商环境，全面落实公平竞争审查制度。"),
        P("二、加大金融支持力度，民营企业贷款余额年均增长10%以上。"),
        P("三、支持民营企业参与重大项目建设，每年向民间资本推介项目不少于100个。"),
        COMMENT("正文结束"),
        *RIGHT("杭州市人民政府办公厅", "2023年9月5日"),
    ],
)

page(
    doc="1844217",
    day=(2023, 10, 20),
    heading="杭州市人民政府关于同意设立杭州钱塘新区生物医药产业园的批复",
    table=[
        [("索引号：", "002489374/2023-00321"), ("主题分类：", "2023年")],
        [("发布机构：", "杭州市人民政府"), ("发文日期：", "2023-10-17")],
        [("标题：", "杭州市人民政府关于同意设立杭州钱塘新区生物医药产业园的批复")],
        [("文号：", "杭政函（2023）88号"), ("公开方式：", "主动公开")],
    ],
    info="发布日期：2023年10月20日",
    pubdate="2023-10-20 14:45",
    source_meta="杭州市人民政府",
    body=[
        P("钱塘区人民政府："),
        P(
            "你区《关于要求设立杭州钱塘新区生物医药产业园的请示》收悉。经研究，同意设立杭州钱塘新区生物医药产业园，规划面积约12平方公里。"
        ),
        P("请你区按照高质量发展要求，做好产业园规划建设和招商引资工作。"),
        *RIGHT("杭州市人民政府", "2023年10月17日"),
    ],
)

# -- 部门文件 ------------------------------------------------------------------------------------

page(
    doc="1841205",
    day=(2023, 5, 10),
    col=COL_B,
    heading="杭州市发展和改革委员会关于下达2023年杭州市重点建设项目计划的通知",
    info="发布日期：2023-05-10 09:30",
    pubdate="2023-05-10 09:30",
    source_meta="杭州市发展和改革委员会",
    body=[
        P("各区、县（市）发改局，市级有关部门："),
        P(
            "经市政府同意，现将2023年杭州市重点建设项目计划下达给你们。2023年共安排市重点建设项目360个，年度计划投资2100亿元。"
        ),
        P("请各地各部门加强要素保障，加快项目建设进度，确保完成年度投资计划。"),
        *RIGHT("杭州市发展和改革委员会", "2023年5月9日"),
    ],
)

page(
    doc="1841433",
    day=(2023, 5, 16),
    col=COL_B,
    heading="杭州市财政局关于2022年杭州市市级一般公共预算执行情况的说明",
    table=[
        [("索引号：", "002489807/2023-00046"), ("主题分类：", "财政、金融、审计\\财政")],
        [("发布机构：", "杭州市财政局"), ("发文日期：", "2023-05-15")],
        [("标题：", "杭州市财政局关于2022年杭州市市级一般公共预算执行情况的说明")],
        [("文号：", "杭财预〔2023〕8号"), ("公开方式：", "主动公开")],
    ],
    info="发布日期：2023-05-16",
    pubdate="2023-05-16 11:20",
    source_meta="杭州市财政局",
    body=[
        P(
            "2022年，市级一般公共预算收入完成512.36亿元，为预算的101.2%；市级一般公共预算支出完成498.75亿元，为调整预算的97.8%。"
        ),
        P("2022年市级一般公共预算收支情况表（单位：亿元）", indent="none", align="center"),
        T(
            ["项目", "预算数", "执行数", "完成预算%"],
            ["一般公共预算收入", "506.30", "512.36", "101.2"],
            ["一般公共预算支出", "510.00", "498.75", "97.8"],
        ),
        P(
            "附件：",
            A(
                "/module/download/downfile.jsp?classid=0&filename=2305161120331.doc",
                "2022年杭州市市级一般公共预算执行情况表.doc",
            ),
        ),
        P(
            A(
                "/attach/0/4c2d7e9fa0b1c2d3e4f5a6b7c8d9e0f1.pdf",
                "2022年杭州市市级一般公共预算执行情况说明.pdf",
            ),
            indent="ideo",
        ),
    ],
)

page(
    doc="1842555",
    day=(2023, 7, 5),
    col=COL_B,
    heading="杭州市生态环境局关于印发杭州市2023年大气污染防治实施计划的通知",
    container="article_content",
    markers=None,
    table=[
        [
            ("索引号：", "002489852/2023-00077"),
            ("主题分类：", "城乡建设、环境保护\\环境监测、保护与治理"),
        ],
        [("发布机构：", "杭州市生态环境局"), ("发文日期：", "2023年7月3日")],
        [("标题：", "杭州市生态环境局关于印发杭州市2023年大气污染防治实施计划的通知")],
        [("文号：", "杭环发〔2023〕19号"), ("公开方式：", "主动公开")],
    ],
    info="发布日期：2023-07-05",
    pubdate="2023-07-05 10:10",
    source_meta="杭州市生态环境局",
    body=[
        P("各区、县（市）生态环境分局，局机关各处室、直属各单位："),
        P("现将《杭州市2023年大气污染防治实施计划》印发给你们，请认真抓好落实。"),
        P("2023年全市PM2.5平均浓度控制在28微克/立方米以下，空气质量优良天数比率达到85%以上。"),
        *RIGHT("杭州市生态环境局", "2023年7月3日"),
    ],
)

page(
    doc="1843322",
    day=(2023, 8, 30),
    col=COL_B,
    heading="杭州市卫生健康委员会关于公布2023年杭州市医疗卫生重点学科名单的通知",
    table=[
        [("索引号：", "002489916/2023-00102"), ("主题分类：", "卫生、体育\\卫生")],
        [("来源：", "杭州市卫生健康委员会"), ("发文日期：", "2023-08-28")],
        [("标题：", "杭州市卫生健康委员会关于公布2023年杭州市医疗卫生重点学科名单的通知")],
        [("文号：", "杭卫发〔2023〕33号"), ("公开方式：", "主动公开")],
    ],
    info="发布日期：2023-08-30",
    pubdate="2023-08-30 09:05",
    source_meta="市卫生健康委",
    body=[
        P("各区、县（市）卫生健康局，委直属各单位："),
        P(
            "经单位申报、专家评审和公示，确定2023年杭州市医疗卫生重点学科62个，其中重点学科建设项目40个、重点扶持学科22个。"
        ),
        P("各单位要加大学科建设投入，建设周期为3年。"),
        *RIGHT("杭州市卫生健康委员会", "2023年8月28日"),
    ],
)

page(
    doc="1843688",
    day=(2023, 9, 15),
    col=COL_B,
    heading="杭州市教育局关于做好2023年秋季中小学招生入学工作的通知",
    markers=None,
    table=[
        [("索引号：", "002489732/2023-00158"), ("主题分类：", "科技、教育\\教育")],
        [("发布机构：", "杭州市教育局"), ("发文日期：", "2023-09-12")],
        [("标题：", "杭州市教育局关于做好2023年秋季中小学招生入学工作的通知")],
        [("文号：", "杭教基〔2023〕21号"), ("公文种类：", "")],
    ],
    info="发布日期：2023-09-15",
    pubdate="2023-09-15 10:30",
    source_meta="杭州市教育局",
    body=[
        P("各区、县（市）教育局，直属各学校："),
        P("2023年秋季全市新增中小学学位3.5万个，义务教育阶段公办学校招生继续实行免试就近入学。"),
        P(IMG("/picture/0/2309151030442.jpg"), indent="none", align="center"),
        P("各地要严格落实招生工作“十项规定”，确保招生入学工作平稳有序。"),
        *RIGHT("杭州市教育局", "2023年9月12日"),
    ],
)

page(
    doc="1844120",
    day=(2023, 10, 12),
    col=COL_B,
    heading="杭州市住房保障和房产管理局关于2023年第三季度保障性租赁住房筹集情况的公告",
    table=[
        [("索引号：", "002489951/2023-00130"), ("主题分类：", "城乡建设、环境保护\\房地产")],
        [("发布机构：", "杭州市住房保障和房产管理局"), ("发文日期：", "2023-10-11")],
        [("标题：", "杭州市住房保障和房产管理局关于2023年第三季度保障性租赁住房筹集情况的公告")],
        [("文号：", ""), ("公开方式：", "主动公开")],
    ],
    info="发布日期：2023-10-12",
    pubdate="2023-10-12 15:00",
    source_meta="杭州市住房保障和房产管理局",
    body=[
        P("2023年第三季度，全市筹集保障性租赁住房2.1万套（间），累计完成年度计划的78%。"),
        T(
            ["区、县（市）", "第三季度筹集（套）", "累计筹集（套）"],
            ["上城区", "2600", "7100"],
            ["拱墅区", "2300", "6400"],
            ["西湖区", "1900", "5200"],
            ["合计", "21000", "58500"],
        ),
        P("特此公告。"),
        *RIGHT("杭州市住房保障和房产管理局", "2023年10月12日"),
    ],
)

page(
    doc="1844455",
    day=(2023, 11, 3),
    col=COL_B,
    heading="杭州市市场监督管理局关于开展2023年度电梯安全专项检查的通知",
    table=[
        [("索引号", "002489994/2023-00214"), ("主题分类", "市场监管、安全生产监管\\其他")],
        [("发布机构", "杭州市市场监督管理局"), ("发文日期", "2023-11-01")],
        [("标题", "杭州市市场监督管理局关于开展2023年度电梯安全专项检查的通知")],
        [("文号", "杭市监特〔2023〕16号"), ("主题词", "电梯、安全、检查")],
    ],
    info="发布日期：2023-11-03",
    pubdate="2023-11-03 09:40",
    source_meta="杭州市市场监督管理局",
    body=[
        P("各区、县（市）市场监管局："),
        P("为切实保障电梯运行安全，决定于2023年11月至12月在全市开展电梯安全专项检查。"),
        BR(
            "检查范围：住宅小区、商场、医院、学校等人员密集场所在用电梯。",
            "检查重点：维护保养质量、应急救援处置、使用登记情况。",
        ),
        *RIGHT("杭州市市场监督管理局", "2023年11月1日"),
    ],
)

page(
    doc="1844790",
    day=(2023, 11, 20),
    col=COL_B,
    heading="杭州市交通运输局关于调整杭州市区出租汽车运价的通知",
    container="article_content",
    table=[
        [("索引号：", "002489775/2023-00188"), ("主题分类：", "工业、交通\\交通运输")],
        [("发布机构：", "杭州市交通运输局"), ("发文日期：", "2023-11-16")],
        [("标题：", "杭州市交通运输局关于调整杭州市区出租汽车运价的通知")],
        [("文号：", "杭交发〔2023〕71号"), ("公开方式：", "主动公开")],
    ],
    info="发布日期：2023-11-20",
    pubdate="2023-11-20 16:00",
    source_meta="杭州市交通运输局",
    body=[
        P("各出租汽车经营企业："),
        P("经市政府同意，自2023年12月1日起，杭州市区巡游出租汽车起步价由13元调整为14元（3公里）。"),
        P("各企业要做好计价器调整和宣传解释工作。"),
        *RIGHT("杭州市交通运输局", "2023年11月16日"),
    ],
)

SOFT_404: dict[str, Any] = {"doc": "1844000", "day": (2023, 10, 9), "col": COL_A,
            "title": "杭州市人民政府关于公布2023年杭州市重大行政决策事项目录的通知"}  # fmt: skip
GONE: dict[str, Any] = {"doc": "1839999", "day": (2023, 4, 10), "col": COL_A,
        "title": "杭州市人民政府关于印发杭州市2023年政府信息公开工作要点的通知"}  # fmt: skip


def art_path(p: dict[str, Any]) -> str:
    y, m, d = p["day"]
    return f"/art/{y}/{m}/{d}/art_{p['col']['id']}_{p['doc']}.html"


# ---------------------------------------------------------------------------------------------
# expected records
# ---------------------------------------------------------------------------------------------


def expected(p: dict[str, Any], host: str, rules: list[str] | None = None) -> dict[str, Any]:
    url = host + art_path(p)
    fields: dict[str, str] = {}
    for row in p["table"]:
        for label, value in row:
            name = LABELS[label_key(label)]
            v = cell_value(value)
            if v and not fields.get(name):
                fields[name] = v
    if p["nolabel"]:
        values = [cell_value(v) for row in p["nolabel"] for v in row]
        for name, v in zip(rules or [], values, strict=False):
            if name and v and not fields.get(name):
                fields[name] = v
    hints = []
    if p["info"]:
        hints.append(date_parts(p["info"]))
    hints.append(date_parts(p["pubdate"]))
    labelled = date_parts(fields["publish_date"]) if fields.get("publish_date") else None
    published = labelled or next(h for h in hints if h)
    if published[1] is None:
        same_day = [h for h in hints if h and h[0] == published[0] and h[1]]
        if same_day:
            published = same_day[0]
    written = date_parts(fields["written_date"]) if fields.get("written_date") else None
    return {
        "url": url,
        "title": fields.get("title") or p["heading"],
        "index_no": fields.get("index_no"),
        "index_no_parts": None,
        "topic": fields.get("topic"),
        "publisher": fields.get("publisher")
        or fields.get("issuer")
        or fields.get("source")
        or p["source_meta"],
        "publish_date": iso(published),
        "doc_no": fields.get("doc_no"),
        "keywords": [k for k in _SPLIT.split(fields.get("keywords", "")) if k],
        "body_text": body_text(p["body"]),
        "attachments": body_attachments(p["body"], url),
        "written_date": iso(written) if written else None,
        "validity": fields.get("validity"),
        "issuer": fields.get("issuer"),
        "doc_type": fields.get("doc_type"),
        "subject_words": [k for k in _SPLIT.split(fields.get("subject_words", "")) if k],
    }


# the profile's [detail] rule for the page without labels (crawler/sites/zj_hz.toml)
NOLABEL_FIELDS = ["index_no", "topic", "publisher", "written_date", "doc_no", ""]

# ---------------------------------------------------------------------------------------------
# page chrome
# ---------------------------------------------------------------------------------------------


def head(title: str, metas: list[tuple[str, str]], column: str) -> str:
    meta = "\n".join(f'<meta name="{n}" content="{attr(v)}" />' for n, v in metas)
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8" />
<meta http-equiv="X-UA-Compatible" content="IE=edge" />
<title>{esc(title)}</title>
<meta name="SiteName" content="杭州市人民政府门户网站" />
<meta name="SiteDomain" content="www.hangzhou.gov.cn" />
<meta name="SiteIDCode" content="3301000053" />
<meta name="ColumnName" content="{attr(column)}" />
{meta}
<link rel="stylesheet" type="text/css" href="/images/hz2021/css/common.css" />
<script type="text/javascript" src="/module/jslib/jquery/jquery.js"></script>
</head>
<body>
<div class="header">
<div class="logo"><a href="/"><img src="/images/hz2021/logo.png" alt="杭州市人民政府门户网站" /></a></div>
<ul class="nav">
<li><a href="/">首页</a></li>
<li><a href="/col/col1229063382/index.html">政务公开</a></li>
<li><a href="/col/col1229063401/index.html">政务服务</a></li>
<li><a href="/col/col1229063405/index.html">互动交流</a></li>
<li><a href="/col/col1229063411/index.html">走进杭州</a></li>
</ul>
</div>
"""


FOOTER = """<div class="footer">
<p>主办：杭州市人民政府办公厅&nbsp;&nbsp;承办：杭州市数据资源管理局</p>
<p>网站标识码：3301000053&nbsp;&nbsp;浙ICP备05012036号&nbsp;&nbsp;浙公网安备 33010302000016号</p>
<p><a href="/col/col1229063419/index.html">网站地图</a> | <a href="/col/col1229063420/index.html">联系我们</a></p>
</div>
<script type="text/javascript" src="/module/visitcount/visit.js"></script>
</body>
</html>
"""


def position(col: dict[str, Any]) -> str:
    return (
        '<div class="position">您当前所在位置：<a href="/">首页</a> &gt; '
        '<a href="/col/col1229063382/index.html">政务公开</a> &gt; '
        f'<a href="/col/col{col["id"]}/index.html">{esc(col["name"])}</a></div>\n'
    )


def render_table(p: dict[str, Any]) -> str:
    if p["nolabel"]:
        imgs = [["syh", "ztfl"], ["fbjg", "fwrq"], ["wh", "gkfs"]]
        rows = []
        for names, values in zip(imgs, p["nolabel"], strict=True):
            tds = "".join(
                f'<td class="xxgk_lb"><img src="/images/hz2021/xxgk/{n}.png" alt="" /></td>'
                f'<td class="xxgk_val">{esc(v)}</td>'
                for n, v in zip(names, values, strict=True)
            )
            rows.append(f"<tr>{tds}</tr>")
        return (
            '<table class="xxgk_table xxgk_nolabel" width="100%" border="0" cellspacing="0" cellpadding="0">\n<tbody>\n'
            + "\n".join(rows)
            + "\n</tbody>\n</table>\n"
        )
    if not p["table"]:
        return ""
    trs: list[str] = []
    for row in p["table"]:
        cells = []
        for label, value in row:
            span = ' colspan="3"' if len(row) == 1 else ""
            if p.get("inline_cells"):
                span = ' colspan="2"' if len(row) == 2 else ' colspan="4"'
                cells.append(f'<td class="xxgk_td"{span}><strong>{label}</strong>{value}</td>')
            else:
                cells.append(
                    f'<td class="xxgk_bt">{label}</td><td class="xxgk_nr"{span}>{value}</td>'
                )
        trs.append("<tr>" + "".join(cells) + "</tr>")
    return (
        '<table class="xxgk_table" width="100%" border="0" cellspacing="1" cellpadding="0">\n<tbody>\n'
        + "\n".join(trs)
        + "\n</tbody>\n</table>\n"
    )


def render_body(p: dict[str, Any]) -> str:
    blocks = [render_block(b) for b in p["body"]]
    markers = p["markers"]
    if markers == "sibling":
        inner = (
            '<!--ZJEG_RSS.content.begin--><meta name="ContentStart" />\n'
            + "\n".join(blocks)
            + '\n<meta name="ContentEnd" /><!--ZJEG_RSS.content.end-->\n'
        )
    elif markers == "in_p":
        # the editor put the markers inside the first and the last paragraph
        first, last = blocks[0], blocks[-1]
        assert first.startswith("<p") and last.startswith("<p")
        i = first.index(">") + 1
        first = first[:i] + '<meta name="ContentStart">' + first[i:]
        last = last[: -len("</p>")] + '<meta name="ContentEnd"></p>'
        inner = "\n".join([first, *blocks[1:-1], last]) + "\n"
    else:
        inner = "\n".join(blocks) + "\n"
    if p["container"] == "zoom":
        if markers:
            return f'<div id="zoom" class="zoom_box">\n{ZOOM_TOOLS}\n{inner}{STD_CHROME_AFTER}\n</div>\n'
        return f'<div id="zoom" class="zoom_box">\n{inner}</div>\n'
    if markers:
        return f'<div class="article_content">\n{ZOOM_TOOLS}\n{inner}{STD_CHROME_AFTER}\n</div>\n'
    return f'<div class="article_content">\n{inner}</div>\n'


def render_detail(p: dict[str, Any]) -> str:
    col = p["col"]
    metas = [
        ("ArticleTitle", p["heading"]),
        ("PubDate", p["pubdate"]),
        ("ContentSource", p["source_meta"]),
        ("Keywords", ""),
        ("Author", ""),
        ("Description", p["heading"]),
        ("Url", HOST + art_path(p)),
    ]
    info_parts = []
    if p["info"]:
        info_parts.append(f"<span>{esc(p['info'])}</span>")
    info_parts.append(f"<span>信息来源：{esc(p['source_meta'])}</span>")
    info_parts.append(
        '<span>浏览次数：<script language="javascript" src="/module/visitcount/articlehits.jsp?colid='
        f'{col["id"]}&amp;artid={p["doc"]}"></script></span>'
    )
    info = '<div class="article_info">' + "".join(info_parts) + "</div>\n"
    return (
        head(f"{p['heading']} {col['name']} 杭州市人民政府门户网站", metas, col["name"])
        + position(col)
        + '<div class="main">\n<div class="article">\n'
        + render_table(p)
        + f'<div class="article_title">{esc(p["heading"])}</div>\n'
        + info
        + render_body(p)
        + "</div>\n</div>\n"
        + FOOTER
    )


def render_soft_404() -> str:
    return (
        head("杭州市人民政府门户网站", [], "")
        + '<div class="main">\n<div class="error_box">\n'
        + '<img src="/images/hz2021/404.png" alt="" />\n'
        + "<p>对不起，您访问的页面不存在或已被删除！</p>\n"
        + '<p><a href="/">返回首页</a></p>\n</div>\n</div>\n'
        + FOOTER
    )


# ---------------------------------------------------------------------------------------------
# list pages
# ---------------------------------------------------------------------------------------------


def truncate(title: str, n: int = 26) -> str:
    return title if len(title) <= n else title[:n] + "..."


def list_entries(col: dict[str, Any]) -> list[dict[str, Any]]:
    """The column's records, newest first: (url as the list writes it, canonical url, title, date)."""
    entries = []
    for p in PAGES:
        if p["col"] is col or p["also_in"] is col:
            absolute = p["also_in"] is col
            path = art_path(p)
            entries.append(
                {
                    "href": HOST + path if absolute else path,
                    "url": HOST + path,
                    "title": expected(p, HOST, NOLABEL_FIELDS)["title"],
                    "day": p["day"],
                }
            )
    for extra in (SOFT_404, GONE):
        if extra["col"] is col:
            path = art_path(extra)
            entries.append(
                {"href": path, "url": HOST + path, "title": extra["title"], "day": extra["day"]}
            )
    entries.sort(key=lambda e: (e["day"], e["url"]), reverse=True)
    return entries


def record_html(col: dict[str, Any], e: dict[str, Any]) -> str:
    y, m, d = e["day"]
    date = f"{y:04d}-{m:02d}-{d:02d}"
    link = f'<a href="{attr(e["href"])}" title="{attr(e["title"])}" target="_blank">{esc(truncate(e["title"]))}</a>'
    if col["style"] == "li":
        return f"<li>{link}<span>{date}</span></li>"
    return f'<table width="100%" border="0" cellspacing="0" cellpadding="0"><tr><td class="bt_link">{link}</td><td class="bt_time" width="90">[{date}]</td></tr></table>'


def proxy_params(col: dict[str, Any]) -> str:
    return (
        f"col=1&appid=1&webid={WEBID}&path=/&columnid={col['id']}&sourceContentType=1"
        f"&unitid={col['unit']}&webname={quote(WEBNAME)}&permissiontype=0"
    )


def proxy_url(col: dict[str, Any], page_no: int) -> str:
    per = col["per_page"]
    start = (page_no - 1) * per + 1
    return f"{HOST}{PROXY}?startrecord={start}&endrecord={start + per - 1}&perpage={per}&{proxy_params(col)}"


def recordset(col: dict[str, Any], entries: list[dict[str, Any]]) -> str:
    return (
        "<recordset>\n"
        + "".join(f"<record><![CDATA[\n{record_html(col, e)}\n]]></record>\n" for e in entries)
        + "</recordset>"
    )


def render_column(col: dict[str, Any], entries: list[dict[str, Any]], total_pages: int) -> str:
    per = col["per_page"]
    first = entries[:per]
    nextgroup = (
        f'<nextgroup><![CDATA[<a href="{PROXY}?page=1&appid=1&webid={WEBID}&path=/&columnid={col["id"]}'
        f'&unitid={col["unit"]}&webname={quote(WEBNAME)}&permissiontype=0"></a>]]></nextgroup>\n'
    )
    if col["style"] == "li":  # totals only in the jpage script
        store = "<datastore>\n" + nextgroup + recordset(col, first) + "\n</datastore>"
        jpage = f"totalRecord:{len(entries)},perPage:{per},"
    else:  # totals only in the datastore
        store = (
            f"<datastore>\n{nextgroup}<totalrecord>{len(entries)}</totalrecord>\n"
            f"<totalpage>{total_pages}</totalpage>\n" + recordset(col, first) + "\n</datastore>"
        )
        jpage = f"perPage:{per},"
    on = ' class="on"'
    side = "\n".join(
        f'<li{on if c is col else ""}><a href="/col/col{c["id"]}/index.html">{esc(c["name"])}</a></li>'
        for c in COLUMNS
    )
    return (
        head(f"{col['name']} 杭州市人民政府门户网站", [], col["name"])
        + position(col)
        + f'<div class="main">\n<div class="left_nav"><h3>政策文件</h3><ul>\n{side}\n</ul></div>\n'
        + f'<div class="right_list">\n<div class="list_title">{esc(col["name"])}</div>\n'
        + f'<div class="list_con"><ul class="list"></ul></div>\n<div id="{col["unit"]}">'
        + f'<script type="text/xml">{store}</script></div>\n'
        + '<script language="javascript" src="/module/web/jpage/jpage.js" charset="utf-8"></script>\n'
        + '<script type="text/javascript">\n$(document).ready(function(){\n'
        + f"\tvar unitid = '{col['unit']}';\n"
        + f"\t$('#'+unitid).jpage({{dataStore:dataStore,themeName:'default',showMode:'full',dataBefore:'<ul class=\"list\">',dataAfter:'</ul>',groupSize:1,barPosition:'bottom',{jpage}isShowJump:true,proxyUrl:'{PROXY}'}});\n"
        + "});\n</script>\n"
        + "</div>\n</div>\n"
        + FOOTER
    )


def render_proxy(
    col: dict[str, Any], chunk: list[dict[str, Any]], total: int, total_pages: int
) -> str:
    """One dataproxy.jsp answer: the column's totals and this page's records."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"<datastore><totalrecord>{total}</totalrecord><totalpage>{total_pages}</totalpage>"
        + recordset(col, chunk)
        + "</datastore>\n"
    )


# ---------------------------------------------------------------------------------------------
# second profile: 江苏省人民政府 (fixture only)
# ---------------------------------------------------------------------------------------------

JS_PAGE: dict[str, Any] = {
    "doc": "4079861",
    "day": (2023, 5, 12),
    "col": {"id": "46144", "name": "省政府办公厅文件"},
    "heading": "省政府办公厅关于印发江苏省推进数字贸易加快发展若干措施的通知",
    "table": [
        [
            ("索&nbsp;引&nbsp;号：", "014000319/2023-00101"),
            ("主题分类：", "商贸、海关、旅游\\对外经贸合作"),
        ],
        [("发布机构：", "省政府办公厅"), ("发文日期：", "2023-05-09")],
        [("文\u3000\u3000号：", "苏政办发〔2023〕18号"), ("时\u3000\u3000效：", "")],
        [("标\u3000\u3000题：", "省政府办公厅关于印发江苏省推进数字贸易加快发展若干措施的通知")],
    ],
    "info": "发布日期：2023-05-12",
    "pubdate": "2023-05-12 16:35",
    "source_meta": "江苏省人民政府办公厅",
    "nolabel": None,
    "markers": "sibling",
    "body": [
        P("各设区市人民政府，省各委办厅局，省各直属单位："),
        P(
            "《江苏省推进数字贸易加快发展若干措施》已经省人民政府同意，现印发给你们，请认真贯彻落实。"
        ),
        *RIGHT("江苏省人民政府办公厅", "2023年5月9日"),
        P("（此件公开发布）", indent="none"),
        P(
            "一、加快数字贸易主体培育。到2025年，全省数字贸易额达到3500亿美元，培育数字贸易重点企业200家。"
        ),
        P(
            "二、推动数字服务出口。支持企业承接信息技术外包和数字内容服务，对新认定的国家数字服务出口基地给予支持。"
        ),
        P(
            "附件：",
            A(
                "/module/download/downfile.jsp?classid=0&filename=2305121635180.pdf",
                "江苏省推进数字贸易加快发展若干措施.pdf",
            ),
        ),
    ],
}
JS_LABELS_UNKNOWN = {"时效"}  # labels the synonym table does not know: left out of the record


def render_js(p: dict[str, Any]) -> str:
    rows: list[str] = []
    for row in p["table"]:
        cells = []
        for label, value in row:
            span = ' colspan="3"' if len(row) == 1 else ""
            cells.append(
                f'<td class="xxgk_td1">{label}</td><td class="xxgk_td2"{span}>{value}</td>'
            )
        rows.append("<tr>" + "".join(cells) + "</tr>")
    body = "\n".join(render_block(b) for b in p["body"])
    return f"""<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8" />
<title>{esc(p["heading"])} 省政府办公厅文件 江苏省人民政府</title>
<meta name="SiteName" content="江苏省人民政府" />
<meta name="SiteDomain" content="www.jiangsu.gov.cn" />
<meta name="SiteIDCode" content="3200000063" />
<meta name="ColumnName" content="省政府办公厅文件" />
<meta name="ArticleTitle" content="{attr(p["heading"])}" />
<meta name="PubDate" content="{p["pubdate"]}" />
<meta name="ContentSource" content="{attr(p["source_meta"])}" />
<link rel="stylesheet" href="/images/jszf2020/css/style.css" />
<script src="/module/jslib/jquery/jquery.js"></script>
</head>
<body>
<div class="head"><a href="/"><img src="/images/jszf2020/logo.png" alt="江苏省人民政府" /></a>
<ul class="menu"><li><a href="/">首页</a></li><li><a href="/col/col76703/index.html">信息公开</a></li><li><a href="/col/col84235/index.html">政务服务</a></li><li><a href="/col/col76565/index.html">互动交流</a></li></ul></div>
<div class="bt-position">当前位置：<a href="/">首页</a> &gt; <a href="/col/col76703/index.html">信息公开</a> &gt; <a href="/col/col46144/index.html">省政府办公厅文件</a></div>
<div class="main-fl">
<table class="xxgk_table" cellspacing="0" cellpadding="0" border="0">
<tbody>
{chr(10).join(rows)}
</tbody>
</table>
<div class="sp_title">{esc(p["heading"])}</div>
<div class="sp_time"><span>{esc(p["info"])}</span><span>来源：{esc(p["source_meta"])}</span><span>【字体：<a href="javascript:doZoom(20)">大</a> <a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(12)">小</a>】</span></div>
<div id="zoom">
<!--ZJEG_RSS.content.begin--><meta name="ContentStart">
{body}
<meta name="ContentEnd"><!--ZJEG_RSS.content.end-->
<div class="main-fl-dy"><a href="javascript:window.print()">打印本页</a> <a href="javascript:window.close()">关闭窗口</a></div>
</div>
</div>
<div class="foot"><p>主办单位：江苏省人民政府办公厅 &nbsp;运行维护单位：江苏省大数据管理中心</p><p>网站标识码：3200000063 &nbsp;苏ICP备05004880号</p></div>
</body>
</html>
"""


def js_expected(p: dict[str, Any]) -> dict[str, Any]:
    known = {
        "table": [
            [(lb, v) for lb, v in row if label_key(lb) not in JS_LABELS_UNKNOWN]
            for row in p["table"]
        ]
    }
    return expected({**p, **known}, JS_HOST)


# ---------------------------------------------------------------------------------------------
# write everything
# ---------------------------------------------------------------------------------------------

ROBOTS = """User-agent: *
Disallow: /module/search/
Disallow: /module/jslib/
Disallow: /manage/
"""

NOT_FOUND_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8" /><title>404 Not Found</title></head>
<body><h1>404 Not Found</h1><p>The requested URL was not found on this server.</p></body></html>
"""

HOME = """<ul>
<li><a href="/col/col1229063383/index.html">市政府文件</a></li>
<li><a href="/col/col1229063387/index.html">部门文件</a></li>
</ul>
"""


def write(path: Path, data: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)


def local(url: str) -> Path:
    """The mirror file serving canonical ``url`` (a query becomes ``@query``, unquoted)."""
    from urllib.parse import unquote, urlsplit

    parts = urlsplit(url)
    rel = unquote(parts.path).lstrip("/") + (f"@{unquote(parts.query)}" if parts.query else "")
    return OUT / rel


def toml_str(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


def main() -> None:
    for d in (OUT, FIX, JS_FIX):
        if d.exists():
            shutil.rmtree(d)
    routes: list[str] = [
        "# Special routes of the www.hangzhou.gov.cn mirror. Generated by mirror/generate_zj_hz.py: do not edit.",
        "# Paths not listed here are served from the file at the same path; a URL with a query is the",
        '# file "<path>@<query>" (the query unquoted). Files under _mirror/ are never served directly.',
        "",
    ]

    # detail pages and their expected records
    for p in PAGES:
        write(OUT / art_path(p).lstrip("/"), render_detail(p))
        rec = expected(p, HOST, NOLABEL_FIELDS)
        write(
            FIX / f"{p['doc']}.expected.json", json.dumps(rec, ensure_ascii=False, indent=2) + "\n"
        )
        for url in body_links(p["body"], HOST + art_path(p)):
            if url in FILES or url in IMAGES:
                continue
            assert "/art/" in url, url  # a link to another article, not a file
    write(OUT / art_path(SOFT_404).lstrip("/"), render_soft_404())
    routes += [
        "# a deleted document: 200 with a page that says it does not exist",
        "[[route]]",
        f"path = {toml_str(art_path(SOFT_404))}",
        'expect_error = "soft_404"',
        "",
        "# listed in the column but gone: the server's 404",
        "[[route]]",
        f"path = {toml_str(art_path(GONE))}",
        "status = 404",
        'file = "_mirror/404.html"',
        'expect_error = "not_found"',
        "",
    ]
    write(OUT / "_mirror" / "404.html", NOT_FOUND_PAGE)

    # attachments (downfile.jsp answers application/octet-stream with a Content-Disposition)
    for url, data in sorted(FILES.items()):
        write(local(url), data)
        if "downfile.jsp" in url:
            name = url.rsplit("filename=", 1)[1].split("&", 1)[0]
            rel = "/" + str(local(url).relative_to(OUT))
            routes += [
                "[[route]]",
                f"path = {toml_str(rel)}",
                'content_type = "application/octet-stream"',
                f'headers = {{ "Content-Disposition" = {toml_str(f"attachment; filename={name}")} }}',
                "",
            ]
    for url in sorted(IMAGES):
        write(local(url), _JPEG)

    # list pages
    lists: dict[str, Any] = {}
    for col in COLUMNS:
        entries = list_entries(col)
        per = col["per_page"]
        total_pages = -(-len(entries) // per)
        assert total_pages >= 3, col
        chunks = [entries[i : i + per] for i in range(0, len(entries), per)]
        col_url = f"{HOST}/col/col{col['id']}/index.html"
        further = [proxy_url(col, n) for n in range(2, total_pages + 1)]
        write(local(col_url), render_column(col, entries, total_pages))

        def items(chunk: list[dict[str, Any]]) -> list[dict[str, Any]]:
            return [
                {
                    "url": e["url"],
                    "title": e["title"],
                    "date": "{:04d}-{:02d}-{:02d}".format(*e["day"]),
                }
                for e in chunk
            ]

        lists[col_url] = {
            "items": items(chunks[0]),
            "page_count": total_pages,
            "page_urls": further,
        }
        for n, chunk in enumerate(chunks[1:], 2):
            url = proxy_url(col, n)
            write(local(url), render_proxy(col, chunk, len(entries), total_pages))
            routes += [
                f"# {col['name']}, list page {n} (the jpage data proxy answers XML)",
                "[[route]]",
                f"path = {toml_str('/' + str(local(url).relative_to(OUT)))}",
                'content_type = "text/xml;charset=UTF-8"',
                "",
            ]
            lists[url] = {
                "items": items(chunk),
                "page_count": total_pages,
                "page_urls": [u for u in further if u != url],
            }
    write(FIX / "lists.json", json.dumps(lists, ensure_ascii=False, indent=2) + "\n")

    write(OUT / "robots.txt", ROBOTS)
    write(OUT / "index.html", HOME)
    write(OUT / "routes.toml", "\n".join(routes))

    # second profile: one fixture page beside its expected record
    js_url = JS_HOST + art_path(JS_PAGE)
    write(JS_FIX / js_url.rsplit("/", 1)[1], render_js(JS_PAGE))
    write(
        JS_FIX / f"{JS_PAGE['doc']}.expected.json",
        json.dumps(js_expected(JS_PAGE), ensure_ascii=False, indent=2) + "\n",
    )
    print(f"wrote {len(PAGES)} detail pages, {len(lists)} list pages, {len(FILES)} attachments")


if __name__ == "__main__":
    main()
