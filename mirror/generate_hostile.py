"""Generate ``mirror/hostile/``: a site of pages and files built to hurt an archive.

Each case is a page or a file that once hung the crawler, exhausted its memory, crashed a
reader or put a script on the archive's pages: a ``JavaScript:`` attachment link, a clause of
8,000 amounts, 40,000 colons, 20,000 unterminated ``document.write('`` calls, a gzip bomb, a
list claiming 100,000,000 pages, spreadsheets reaching XFD1048576, a Word table with a
gridSpan of a billion, PDF content-stream bombs, a zip with a damaged central directory.
``tests/test_hostile_crawl.py`` crawls it and checks that every case ends as an error of its
kind or as a bounded document, in bounded time. The site's profile is
``_mirror/hostile.toml`` (point ``XXGK_SITES_DIR`` at ``_mirror/``); it has no robots.txt, so
``xxgk demo`` leaves it out.

    python mirror/generate_hostile.py
"""

from __future__ import annotations

import gzip
import io
import zipfile
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent / "hostile"
BASE = "https://hostile.xxgk.test"
STAMP = (2024, 1, 1, 0, 0, 0)  # zip member times: the files are the same on every run

PROFILE = f"""\
# The hostile mirror's site (mirror/generate_hostile.py): not a real site, never enabled.
id = "hostile"
name = "恶意页面测试站"
name_en = "Hostile pages (test mirror)"
family = "km"
base_url = "{BASE}"
verified = false
enabled = false

[[columns]]
path = "/zfxxgk/a/index.shtml"
name = "声称一亿页（共N条）"

[[columns]]
path = "/zfxxgk/b/index.shtml"
name = "声称二十万页"

[[columns]]
path = "/zfxxgk/c/index.shtml"
name = "页数五千位"
"""


def page(title: str, body: str, meta_rows: str = "", head: str = "") -> str:
    table = meta_rows or (
        "<tr><td>索引号：</td><td>000000000-202401-000001</td><td>主题分类：</td><td>测试</td></tr>"
        "<tr><td>发布机构：</td><td>测试机构</td><td>发布日期：</td><td>2024-01-01</td></tr>"
        f'<tr><td>名 称：</td><td colspan="3">{title}</td></tr>'
    )
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{title}</title>{head}</head><body>"
        f'<div class="content-table"><table>{table}</table></div>'
        f'<div class="title-box"><h2>{title}</h2></div>'
        f'<div class="activity">{body}</div></body></html>'
    )


def list_page(title: str, items: list[tuple[str, str]], script: str, total: str = "") -> str:
    rows = "".join(
        f'<div class="data-table-item"><p class="w659"><a href="{href}" title="{name}">{name}'
        f'</a></p><p class="w80">2024-01-01</p></div>'
        for href, name in items
    )
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{title}</title></head><body>"
        f'<div class="data-table">{rows}</div><div class="page">{total}</div>'
        f'<script type="text/javascript">var PageIndex = 1;\n{script}</script></body></html>'
    )


# -- detail pages: (path, title, body, expectation) -------------------------------------------

XSS_LINKS = (
    '<a href="JavaScript:alert(document.domain)//x.pdf">通知附件</a>'
    '<a href=" JAVASCRIPT:alert(1)//y.pdf">附件二</a>'
    '<a href="java&#9;script:alert(1)//z.xls">附件三</a>'
    '<a href="&#1;javascript:alert(1)//w.doc">附件四</a>'
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==#v.pdf">附件五</a>'
    '<a href="vbscript:msgbox(1)//u.pdf">附件六</a>'
    '<a href="http://[bad/t.pdf">附件七</a>'
    "<script>document.write('<a href=\"JavaScript:alert(2)//s.pdf\">附件八</a>');</script>"
    '<a href="/upload/ok.csv">正常附件</a>'
)

DETAILS: list[tuple[str, str, str]] = [
    ("/c/2024-01-01/1001.shtml", "附件链接为脚本", f"<p>附件如下：</p><p>{XSS_LINKS}</p>"),
    ("/c/2024-01-01/1002.shtml", "一句话八千个金额", "<p>收入" + "1元" * 8000 + "。</p>"),
    (
        "/c/2024-01-01/1003.shtml",
        "二百二十五千字节的数字",
        "<p>" + "增长了3.5%，达到300万元" * 5500 + "</p>",
    ),
    (
        "/c/2024-01-01/1004.shtml",
        "四万个冒号",
        "<table><tr><td>" + "：" * 40000 + "x</td><td>1万元</td></tr></table><p>正文</p>",
    ),
    (
        "/c/2024-01-01/1005.shtml",
        "两万个未结束的document.write",
        "<p>正文</p><script>" + "document.write('<a href=x.pdf>" * 20000 + "</script>",
    ),
    ("/c/2024-01-01/1006.shtml", "二十万个空格", "<pre>" + " " * 200000 + "5万元</pre>"),
    (
        "/c/2024-01-01/1008.shtml",
        "恶意附件",
        "<p>附件：</p>"
        + "".join(
            f'<p><a href="/upload/{name}">{name}</a></p>'
            for name in (
                "xlsx_corner.xlsx",
                "xlsx_merge.xlsx",
                "docx_amounts.docx",
                "docx_gridspan.docx",
                "pdf_bomb.pdf",
                "pdf_slow.pdf",
                "zip_flipped.zip",
                "nul_name.csv",
            )
        ),
    ),
    (
        "/c/2024-01-01/1010.shtml",
        "跨度炸弹表格",
        "<table>"
        + '<tr><td rowspan="1000000" colspan="1000000">1万元</td><td>2</td></tr>' * 3000
        + "</table>",
    ),
    ("/c/2024-01-01/1011.shtml", "两万层嵌套", "<div>" * 20000 + "5万元" + "</div>" * 20000),
    (
        "/c/2024-01-01/1012.shtml",
        "一万个中文数字与逗号",
        "<p>" + "一" * 20000 + "</p><p>1" + ",111" * 30000 + "</p>",
    ),
]
GZIP_BOMB = "/c/2024-01-01/1007.shtml"  # 64 MiB of page behind 64 KiB of gzip
DIGITS_PAGE = "/c/2024-01-01/1009.shtml"


# -- files ------------------------------------------------------------------------------------


def zip_bytes(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(zipfile.ZipInfo(name, STAMP), data, zipfile.ZIP_DEFLATED)
    return out.getvalue()


XLSX_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    b'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.'
    b'openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
    b'"application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.'
    b'openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName='
    b'"/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    b'spreadsheetml.worksheet+xml"/></Types>'
)
RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats'
    b'.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
    b'openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="%s"/>'
    b"</Relationships>"
)
WORKBOOK = (
    b'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/'
    b'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats'
    b'.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
    b'openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/'
    b'sheet1.xml"/></Relationships>'
)


def xlsx(sheet_data: bytes, merges: bytes = b"") -> bytes:
    sheet = (
        b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.'
        b'org/spreadsheetml/2006/main"><sheetData>' + sheet_data + b"</sheetData>" + merges
        + b"</worksheet>"
    )  # fmt: skip
    return zip_bytes(
        {
            "[Content_Types].xml": XLSX_TYPES,
            "_rels/.rels": RELS % b"xl/workbook.xml",
            "xl/workbook.xml": WORKBOOK,
            "xl/_rels/workbook.xml.rels": WORKBOOK_RELS,
            "xl/worksheets/sheet1.xml": sheet,
        }
    )


DOCX_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    b'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.'
    b'openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
    b'"application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.'
    b'openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def docx(body: bytes) -> bytes:
    document = (
        b'<?xml version="1.0" encoding="UTF-8"?><w:document ' + W + b"><w:body>" + body
        + b"</w:body></w:document>"
    )  # fmt: skip
    return zip_bytes(
        {
            "[Content_Types].xml": DOCX_TYPES,
            "_rels/.rels": RELS % b"word/document.xml",
            "word/document.xml": document,
        }
    )


def pdf(content: bytes, font: bool = False) -> bytes:
    """A one-page PDF whose content stream is ``content``, compressed (with Helvetica as F1)."""
    stream = zlib.compress(content, 9)
    resources = b" /Resources << /Font << /F1 5 0 R >> >>" if font else b""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        + resources
        + b" >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    if font:
        objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, obj in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + obj + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def flipped_zip() -> bytes:
    """A zip whose central directory names a member in bytes that are not the UTF-8 its flag
    promises (one flipped byte): zipfile raises UnicodeDecodeError reading it."""
    body = bytearray(zip_bytes({"预算表.csv": "科目,金额\n收入,1万元\n".encode()}))
    central = body.rfind(b"PK\x01\x02")
    name_at = central + 46
    body[name_at] = 0xFF
    return bytes(body)


LINE = b"0 0 m 1 1 l S\n"
FILES: dict[str, bytes] = {
    "upload/ok.csv": "科目,金额（万元）\n一般公共预算收入,4924.01\n".encode(),
    # a value in the first and in the last cell Excel allows
    "upload/xlsx_corner.xlsx": xlsx(
        b'<row r="1"><c r="A1"><v>1</v></c></row>'
        b'<row r="1048576"><c r="XFD1048576"><v>2</v></c></row>'
    ),
    # one merged range over the whole sheet
    "upload/xlsx_merge.xlsx": xlsx(
        b'<row r="1"><c r="A1"><v>1</v></c></row>',
        b'<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>',
    ),
    "upload/docx_amounts.docx": docx(
        b"<w:p><w:r><w:t>" + "1元".encode() * 20000 + b"</w:t></w:r></w:p>"
    ),
    "upload/docx_gridspan.docx": docx(
        b'<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="1000000000"/></w:tcPr>'
        b"<w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
    ),
    # ~60 KB that unpack to ~30 MB of drawing operators (the 117 KB one unpacked to 120 MB)
    "upload/pdf_bomb.pdf": pdf(LINE * 2_200_000),
    # under a kilobyte and no bomb (200 KB of text unpacked), yet a PDF reader is busy for many
    # seconds placing 200,000 characters: only the time limit stops it
    "upload/pdf_slow.pdf": pdf(b"BT /F1 1 Tf 10 10 Td (" + b"a" * 200_000 + b") Tj ET\n", True),
    "upload/zip_flipped.zip": flipped_zip(),
    "upload/nul_name.csv": "科目,金额\n收入,1万元\n".encode(),
}


ROUTES = f"""\
# Special routes of the hostile mirror. Generated by mirror/generate_hostile.py: do not edit.

# a gzip bomb: 64 KiB on the wire, 64 MiB of page once unpacked
[[route]]
path = "{GZIP_BOMB}"
file = "_mirror/bomb.html.gz"
content_type = "text/html; charset=utf-8"
headers = {{"Content-Encoding" = "gzip"}}
expect_error = "too_large"

# a file name that made read_download raise (ValueError: embedded null character)
[[route]]
path = "/upload/nul_name.csv"
headers = {{"Content-Disposition" = "attachment; filename*=utf-8\\u0000''x.csv"}}
"""


def gzip_bomb() -> bytes:
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", compresslevel=9, mtime=0) as fh:
        fh.write(b'<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>')
        block = b" " * (1 << 20)
        for _ in range(64):
            fh.write(block)
        fh.write(b"</body></html>")
    return out.getvalue()


def main(root: Path = ROOT) -> None:
    """Write the site into ``root`` (default: mirror/hostile)."""
    (root / "_mirror").mkdir(parents=True, exist_ok=True)
    (root / "_mirror" / "hostile.toml").write_text(PROFILE, "utf-8")
    (root / "_mirror" / "bomb.html.gz").write_bytes(gzip_bomb())
    (root / "routes.toml").write_text(ROUTES, "utf-8")
    for path, title, body in DETAILS:
        target = root / path.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page(title, body), "utf-8")
    digits = "9" * 5000
    (root / DIGITS_PAGE.lstrip("/")).write_text(page("页数五千位之页", "<p>正文1万元</p>"), "utf-8")
    items = [(path, title) for path, title, _ in DETAILS]
    lists = {
        # its own total says one page (plus one of slack) whatever the script claims
        "zfxxgk/a/index.shtml": list_page(
            "列表甲", items, 'createPage(PageIndex, 100000000, "index", "shtml");',
            f"共{len(items)}条",
        ),
        # no total: the crawl setting XXGK_MAX_LIST_PAGES bounds it
        "zfxxgk/b/index.shtml": list_page(
            "列表乙", [(GZIP_BOMB, "gzip炸弹")], 'createPage(PageIndex, 200000, "index", "shtml");'
        ),
        "zfxxgk/c/index.shtml": list_page(
            "列表丙", [(DIGITS_PAGE, "页数五千位之页")],
            f'createPage(PageIndex, {digits}, "index", "shtml");',
        ),
    }  # fmt: skip
    for path, html in lists.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, "utf-8")
    for path, data in FILES.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


if __name__ == "__main__":
    main()
