#!/usr/bin/env python3
# ruff: noqa: E501
"""Write the real attachment files of the yjj.km.gov.cn mirror, and what the archive must get
out of each of them.

Run from the repository root, after mirror/generate_km_yjj.py (which links the files, lists
their special routes in routes.toml and leaves this script's files alone):

    .venv/bin/python mirror/make_km_yjj_attachments.py

Needs ReportLab, openpyxl, xlwt and python-docx (pdfplumber, xlrd and zipfile check the
result). Writes, deterministically (same bytes on every run):

  mirror/km_yjj/upload/resources/file/**        every attachment a mirror page links, and only those
  tests/fixtures/km_yjj/attachments.expected.json   keyed by canonical attachment URL:
      detected_type  what the bytes are (pdf docx xlsx xls csv txt doc wps ofd zip rar html)
      status         ok | unsupported | no_text_layer | not_a_file | too_large | error
      file_name      the sanitized name the archive should record (see sanitize_name)
      text_contains  lines that must appear in the extracted text
      figures        figures that must be found (README "Figures"): text, value, unit, kind
      tables         number of tables that must be found, or null when not checked
      entries        names a zip lists (zip only; null when the zip is not read: too large)
      size, sha256, linked_from   the stored bytes and the pages that link them

The files: PDFs with a Chinese text layer (STSong-Light, a CID font every reader knows, not
embedded), a 2-page report, PDFs with a ruled table, a "scanned" PDF (an image and shapes, no
text), DOCX with a table, XLSX with two Chinese-named sheets, XLS, a GBK CSV, a UTF-8 TXT,
unreadable .doc/.wps (OLE magic + filler), .ofd, .rar, a zip of three files, a 3 MiB zip of
incompressible bytes (over the archive's 1 MB cap), a zip bomb (one DEFLATE member of 200 MiB
of zeros), an HTML error page at a .pdf URL, and Content-Disposition names (RFC 6266 filename*,
raw GBK, raw UTF-8 300 characters long, path traversal, absolute path), one file linked from
two pages, the same bytes at two URLs and a link written by an inline script.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
import shutil
import struct
import sys
import unicodedata
import zipfile
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote_to_bytes

import docx
import openpyxl
import xlwt
from docx.shared import Pt
from PIL import Image, ImageDraw
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas
from reportlab.platypus import Table, TableStyle

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mirror import generate_km_yjj as gen  # noqa: E402

OUT = gen.OUT
ATT_DIR = gen.ATTACHMENT_DIR
EXPECTED = gen.FIX / "attachments.expected.json"
HOST = gen.HOST
ATT = gen.ATT

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
FIXED_TIME = (2021, 1, 1, 0, 0, 0)
ONE_MB = 1_000_000  # the archive's download cap in the tests
BOMB_MEMBER_SIZE = 200 * 1024 * 1024


# ---------------------------------------------------------------------------------------------
# the expected record of one attachment
# ---------------------------------------------------------------------------------------------
def fig(text: str, value: str, unit: str | None, kind: str) -> dict[str, Any]:
    return {"text": text, "value": value, "unit": unit, "kind": kind}


def money(text: str) -> dict[str, Any]:
    """`4924.01万元` or a table cell `1388.90` under a declared 单位：万元."""
    return fig(text, text.removesuffix("万元"), "万元", "money")


def pct(text: str) -> dict[str, Any]:
    return fig(text, text.rstrip("%"), "%", "percent")


def num(text: str) -> dict[str, Any]:
    """A purely numeric table cell in a table that declares no unit."""
    return fig(text, text, None, "number")


@dataclass
class Att:
    path: str  # URL path, /upload/resources/file/...
    data: bytes
    detected_type: str
    status: str
    text_contains: list[str] = field(default_factory=list)
    figures: list[dict[str, Any]] = field(default_factory=list)
    tables: int | None = None
    entries: list[str] | None = None


# ---------------------------------------------------------------------------------------------
# deterministic bytes
# ---------------------------------------------------------------------------------------------
def pseudo_bytes(seed: str, n: int) -> bytes:
    """n incompressible bytes, the same on every run (SHA-256 in counter mode)."""
    out = bytearray()
    key = seed.encode("utf-8")
    counter = 0
    while len(out) < n:
        out += hashlib.sha256(key + counter.to_bytes(8, "big")).digest()
        counter += 1
    return bytes(out[:n])


def zip_bytes(members: Iterable[tuple[str, bytes]], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = method
            info.external_attr = 0o644 << 16
            z.writestr(info, data, compresslevel=6 if method == zipfile.ZIP_DEFLATED else None)
    return buf.getvalue()


def normalize_zip(data: bytes, fix: Callable[[str, bytes], bytes] | None = None) -> bytes:
    """Rewrite an OOXML package with fixed timestamps (python-docx and openpyxl stamp the
    current time into the zip entries and docProps/core.xml)."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        members = [(i.filename, z.read(i)) for i in z.infolist()]
    if fix is not None:
        members = [(name, fix(name, blob)) for name, blob in members]
    return zip_bytes(members)


CORE_TIME = "2021-01-01T00:00:00Z"


def fix_core(name: str, blob: bytes) -> bytes:
    if name != "docProps/core.xml":
        return blob
    text = blob.decode("utf-8")
    text = re.sub(
        r"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)", rf"\g<1>{CORE_TIME}\g<3>", text
    )
    return text.encode("utf-8")


def make_ole(label: str) -> bytes:
    """OLE2 magic and a header, then filler: a .doc/.wps nobody can read here."""
    head = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + bytes(16)
        + b"\x3e\x00\x03\x00\xfe\xff\x09\x00\x06\x00"
    )
    filler = (f"yjj.km.gov.cn {label} ".encode("ascii") * 200)[:3584]
    return head + bytes(512 - len(head)) + filler + pseudo_bytes(label, 4096)


RAR_MEMBERS = [
    (
        "培训教材/2023年安全生产培训课程安排.txt",
        "主要负责人培训48学时，安全生产管理人员培训48学时。\n",
    ),
    ("培训教材/报名回执.csv", "单位,姓名,岗位\n示例单位,张某,安全员\n"),
    ("说明.txt", "本压缩包含培训课程安排和报名回执。\n"),
]


def make_rar(members: list[tuple[str, str]]) -> bytes:
    """A RAR 1.5-4.x archive with stored (uncompressed) members, written block by block (no
    RAR tool is needed): marker, main header, one file header + data per member, end block.
    Each header's CRC is the low 16 bits of the CRC-32 of the header from its type byte on."""

    def header(head_type: int, flags: int, body: bytes) -> bytes:
        raw = struct.pack("<BHH", head_type, flags, 7 + len(body)) + body
        return struct.pack("<H", zlib.crc32(raw) & 0xFFFF) + raw

    out = b"Rar!\x1a\x07\x00" + header(0x73, 0, bytes(6))
    for name, text in members:
        data, raw_name = text.encode("utf-8"), name.encode("utf-8")
        # PACK_SIZE, UNP_SIZE, HOST_OS (3 = Unix), FILE_CRC, FTIME (DOS), UNP_VER 2.0,
        # METHOD 0x30 (stored), NAME_SIZE, ATTR
        fields = struct.pack("<IIBIIBBHI", len(data), len(data), 3, zlib.crc32(data),
                             0x56B08000, 20, 0x30, len(raw_name), 0o100644 << 16)  # fmt: skip
        out += header(0x74, 0x8000, fields + raw_name) + data
    return out + header(0x7B, 0x4000, b"")


def make_ofd(title: str, lines: list[str]) -> bytes:
    ns = "http://www.ofdspec.org/2016"
    ofd = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<ofd:OFD xmlns:ofd="{ns}" Version="1.0" DocType="OFD"><ofd:DocBody>'
        f"<ofd:DocInfo><ofd:DocID>4590302</ofd:DocID><ofd:Title>{title}</ofd:Title>"
        "<ofd:Author>昆明市应急管理局</ofd:Author><ofd:CreationDate>2023-05-16</ofd:CreationDate>"
        "</ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>"
    )
    document = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<ofd:Document xmlns:ofd="{ns}"><ofd:CommonData><ofd:MaxUnitID>10</ofd:MaxUnitID>'
        "<ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea>"
        "</ofd:CommonData><ofd:Pages>"
        '<ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages></ofd:Document>'
    )
    objs = "".join(
        f'<ofd:TextObject ID="{i + 2}" Boundary="25 {30 + 8 * i} 160 7" Font="1" Size="4.2">'
        f'<ofd:TextCode X="0" Y="5">{line}</ofd:TextCode></ofd:TextObject>'
        for i, line in enumerate(lines)
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<ofd:Page xmlns:ofd="{ns}"><ofd:Content><ofd:Layer ID="1">{objs}'
        "</ofd:Layer></ofd:Content></ofd:Page>"
    )
    return zip_bytes(
        [
            ("OFD.xml", ofd.encode("utf-8")),
            ("Doc_0/Document.xml", document.encode("utf-8")),
            ("Doc_0/Pages/Page_0/Content.xml", content.encode("utf-8")),
        ]
    )


# ---------------------------------------------------------------------------------------------
# PDF (ReportLab, invariant: no clock, no random document id)
# ---------------------------------------------------------------------------------------------
PAGE_W, PAGE_H = A4
LEFT, TOP, BOTTOM = 72.0, PAGE_H - 80.0, 72.0
WIDTH = PAGE_W - 2 * LEFT
LINE = 22.0

Item = Any  # str | ("title", str) | ("right", str) | ("table", rows, col_widths)


def make_pdf(title: str, pages: list[list[Item]]) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1, pageCompression=1)
    c.setTitle(title)
    c.setAuthor("昆明市应急管理局")
    c.setCreator("yjj.km.gov.cn")
    for n, items in enumerate(pages, 1):
        y = TOP
        for item in items:
            if isinstance(item, str):
                assert pdfmetrics.stringWidth(item, FONT, 12) <= WIDTH, item
                c.setFont(FONT, 12)
                c.drawString(LEFT, y, item)
                y -= LINE
            elif item[0] == "title":
                c.setFont(FONT, 16)
                c.drawCentredString(PAGE_W / 2, y, item[1])
                y -= LINE * 1.8
            elif item[0] == "right":
                c.setFont(FONT, 12)
                c.drawRightString(PAGE_W - LEFT, y, item[1])
                y -= LINE
            elif item[0] == "table":
                table = Table(item[1], colWidths=item[2], rowHeights=24)
                table.setStyle(
                    TableStyle(
                        [
                            ("FONTNAME", (0, 0), (-1, -1), FONT),
                            ("FONTSIZE", (0, 0), (-1, -1), 11),
                            ("GRID", (0, 0), (-1, -1), 0.8, colors.black),
                            ("ALIGN", (1, 0), (-1, -1), "CENTER"),
                            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
                        ]
                    )
                )
                _, h = table.wrapOn(c, WIDTH, y)
                table.drawOn(c, LEFT, y - h + 14)
                y -= h + 12
            else:
                raise ValueError(item)
            assert y > BOTTOM, title
        c.setFont(FONT, 10)
        c.drawCentredString(PAGE_W / 2, 40, f"- {n} -")
        c.showPage()
    c.save()
    return buf.getvalue()


def pdf_lines(pages: list[list[Item]]) -> list[str]:
    """The text lines a page list draws (body lines, titles, right-aligned lines)."""
    out = []
    for items in pages:
        for item in items:
            if isinstance(item, str):
                out.append(item)
            elif item[0] in ("title", "right"):
                out.append(item[1])
    return out


def make_scanned_pdf(seed: str) -> bytes:
    """A page with no text layer: a grey raster 'scan' of text-like strokes, a red seal, a frame."""
    w, h = 620, 877
    img = Image.new("L", (w, h), 246)
    draw = ImageDraw.Draw(img)
    noise = pseudo_bytes(seed, 4096)
    draw.rectangle((150, 60, 470, 84), fill=40)  # the title
    y, k = 130, 0
    while y < h - 160:
        indent = 70 if k % 6 == 0 else 40
        length = 380 + noise[k] % 160 if k % 6 != 5 else 120 + noise[k] % 200
        x = 40 + indent
        while x < min(40 + indent + length, w - 40):
            word = 10 + noise[(k * 7 + x) % len(noise)] % 14
            draw.rectangle((x, y, min(x + word, w - 40), y + 9), fill=60 + noise[x % 97] % 50)
            x += word + 4
        y += 26
        k += 1
    seal = Image.new("L", (w, h), 0)
    ImageDraw.Draw(seal).ellipse((420, h - 230, 560, h - 90), outline=255, width=6)
    rgb = Image.merge("RGB", (img, img, img))
    rgb.paste((200, 30, 30), mask=seal)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1, pageCompression=1)
    c.setCreator("Scanner")
    c.setStrokeColor(colors.black)
    c.setLineWidth(1)
    c.rect(20, 20, PAGE_W - 40, PAGE_H - 40)
    c.drawImage(ImageReader(rgb), 30, 30, width=PAGE_W - 60, height=PAGE_H - 60)
    c.showPage()
    c.save()
    return buf.getvalue()


# ---------------------------------------------------------------------------------------------
# DOCX, XLSX, XLS, CSV, TXT
# ---------------------------------------------------------------------------------------------
def make_docx(title: str, paragraphs: list[Any], table: list[list[str]]) -> bytes:
    """paragraphs: str, ("h", str) for a heading, or "TABLE" where the table goes."""
    d = docx.Document()
    core = d.core_properties
    core.author = core.last_modified_by = "昆明市应急管理局"
    core.title = title
    core.created = core.modified = core.last_printed = dt.datetime(2021, 1, 1, tzinfo=dt.UTC)
    core.revision = 1
    style = d.styles["Normal"]
    style.font.size = Pt(14)
    d.add_heading(title, level=1)
    for p in paragraphs:
        if p == "TABLE":
            t = d.add_table(rows=len(table), cols=len(table[0]))
            t.style = "Table Grid"
            for r, row in enumerate(table):
                for c, text in enumerate(row):
                    t.cell(r, c).text = text
        elif isinstance(p, tuple):
            d.add_heading(p[1], level=2)
        else:
            d.add_paragraph(p)
    buf = io.BytesIO()
    d.save(buf)
    return normalize_zip(buf.getvalue(), fix_core)


Sheet = tuple[str, list[list[Any]]]  # name, rows; a float in (0, 1] under 占比 is a percentage


def make_xlsx(sheets: list[Sheet]) -> bytes:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    wb.properties.creator = wb.properties.lastModifiedBy = "昆明市应急管理局"
    wb.properties.created = wb.properties.modified = dt.datetime(2021, 1, 1, tzinfo=dt.UTC)
    for name, rows in sheets:
        ws = wb.create_sheet(name)
        header = next(r for r in rows if len(r) > 1)
        for r, row in enumerate(rows, 1):
            for c, value in enumerate(row, 1):
                cell = ws.cell(row=r, column=c, value=value)
                if isinstance(value, float):
                    is_pct = header[c - 1] == "占比"
                    cell.number_format = "0.00%" if is_pct else "0.00"
        ws.column_dimensions["A"].width = 28
    buf = io.BytesIO()
    wb.save(buf)
    return normalize_zip(buf.getvalue(), fix_core)


def make_xls(sheet: Sheet) -> bytes:
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet(sheet[0])
    head = xlwt.easyxf("font: bold on; align: horiz center")
    amount = xlwt.easyxf(num_format_str="0.00")
    for r, row in enumerate(sheet[1]):
        for c, value in enumerate(row):
            if r == 0:
                ws.write(r, c, value, head)
            elif isinstance(value, float):
                ws.write(r, c, value, amount)
            else:
                ws.write(r, c, value)
    ws.col(0).width = 256 * 28
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def text_lines(lines: list[str], encoding: str) -> bytes:
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


# ---------------------------------------------------------------------------------------------
# the attachments
# ---------------------------------------------------------------------------------------------
def attachments() -> list[Att]:
    out: list[Att] = []

    def add(path: str, data: bytes, dtype: str, status: str, **kw: Any) -> Att:
        a = Att(f"{ATT}/{path}", data, dtype, status, **kw)
        out.append(a)
        return a

    def pdf(path: str, title: str, pages: list[list[Item]], figures: list[Any], tables: int) -> Att:
        return add(
            path,
            make_pdf(title, pages),
            "pdf",
            "ok",
            text_contains=pdf_lines(pages),
            figures=figures,
            tables=tables,
        )

    # 3334120 (2019 部门预算公开) ----------------------------------------------------------------
    add(
        "2019/09/02/3601187.xls",
        make_xls(
            (
                "部门预算支出表",
                [
                    ["支出功能分类科目", "基本支出", "项目支出", "合计"],
                    ["一般公共服务支出", 86.3, 120.0, 206.3],
                    ["灾害防治及应急管理支出", 1098.9, 2557.25, 3656.15],
                    ["合计", 1185.2, 2677.25, 3862.45],
                ],
            )
        ),
        "xls",
        "ok",
        text_contains=["支出功能分类科目", "灾害防治及应急管理支出"],
        figures=[num("2557.25"), num("3656.15"), num("3862.45")],
        tables=1,
    )
    pdf(
        "2019/09/02/3601188.pdf",
        "2019年部门预算情况说明",
        [
            [
                ("title", "昆明市应急管理局2019年部门预算情况说明"),
                "一、部门基本情况",
                "昆明市应急管理局于2019年1月组建，机关内设12个处室。",
                "二、部门预算收支总体情况",
                "2019年部门预算收入合计3862.45万元，支出合计3862.45万元。",
                "其中基本支出1185.20万元，项目支出2677.25万元。",
                "三、“三公”经费预算情况",
                "2019年“三公”经费预算数为42.60万元，其中公务接待费3.20万元。",
                ("right", "昆明市应急管理局"),
                ("right", "2019年9月2日"),
            ]
        ],
        [
            fig("12个", "12", "个", "count"),
            money("3862.45万元"),
            money("1185.20万元"),
            money("2677.25万元"),
            money("42.60万元"),
            money("3.20万元"),
        ],
        0,
    )

    # 3518226 (2019 部门决算公开) ----------------------------------------------------------------
    add("2020/04/10/3688410.doc", make_ole("3688410.doc"), "doc", "unsupported")
    add(
        "2020/04/10/3688411.xls",
        make_xls(
            (
                "收入支出决算总表",
                [
                    ["项目", "决算数"],
                    ["收入总计", 4105.78],
                    ["支出总计", 3967.32],
                    ["年末结转和结余", 138.46],
                ],
            )
        ),
        "xls",
        "ok",
        text_contains=["收入总计", "年末结转和结余"],
        figures=[num("4105.78"), num("3967.32"), num("138.46")],
        tables=1,
    )

    # 3602718 (防汛抗旱应急预案) -----------------------------------------------------------------
    flood = [
        ("h", "一、总则"),
        "本预案适用于本市行政区域内水旱灾害的预防和应急处置。",
        ("h", "二、应急响应"),
        "应急响应由低到高分为Ⅳ级、Ⅲ级、Ⅱ级、Ⅰ级，由市防汛抗旱指挥部决定启动。",
        ("h", "三、应急保障"),
        "全市现有防汛抢险队伍136支、4200余人，市级储备防汛物资价值1280.53万元。",
        "汛期各级防汛抗旱指挥部实行24小时值班制度。",
        "附表：防汛物资储备情况",
        "TABLE",
        "本预案自印发之日起施行。",
    ]
    add(
        "2020/06/30/3741582.docx",
        make_docx(
            "昆明市防汛抗旱应急预案（2020年修订）",
            flood,
            [
                ["物资名称", "市级储备", "县级储备", "合计"],
                ["编织袋", "120000", "380000", "500000"],
                ["救生衣", "3500", "8600", "12100"],
                ["冲锋舟", "24", "66", "90"],
            ],
        ),
        "docx",
        "ok",
        text_contains=[
            "昆明市防汛抗旱应急预案（2020年修订）",
            *[p if isinstance(p, str) else p[1] for p in flood if p != "TABLE"],
        ],
        figures=[
            fig("136支", "136", "支", "count"),
            fig("4200余人", "4200", "人", "count"),
            money("1280.53万元"),
            fig("24小时", "24", "小时", "duration"),
            num("12100"),
            num("380000"),
        ],
        tables=1,
    )

    # 3771624 (2021 部门预算公开) ----------------------------------------------------------------
    pdf(
        "2020/12/18/3890215.pdf",
        "2021年部门预算情况说明",
        [
            [
                ("title", "昆明市应急管理局2021年部门预算情况说明"),
                "一、收支预算总体情况",
                "2021年部门预算收入合计5136.72万元，支出合计5136.72万元。",
                "与上年相比，收支预算各增加212.71万元，增长4.32%。",
                "主要原因是增加了应急指挥信息化建设项目经费。",
                "二、“三公”经费预算情况",
                "2021年“三公”经费预算数为38.50万元，与上年持平。",
                ("right", "昆明市应急管理局"),
                ("right", "2020年12月18日"),
            ]
        ],
        [money("5136.72万元"), money("212.71万元"), pct("4.32%"), money("38.50万元")],
        0,
    )
    add(
        "2020/12/18/3890216.xls",
        make_xls(
            (
                "部门收支预算总表",
                [
                    ["项目", "预算数"],
                    ["收入合计", 5136.72],
                    ["基本支出", 1367.52],
                    ["项目支出", 3769.2],
                    ["支出合计", 5136.72],
                ],
            )
        ),
        "xls",
        "ok",
        text_contains=["部门收支预算总表", "支出合计"],
        figures=[num("5136.72"), num("1367.52")],
        tables=1,
    )

    # 3951855 (2020 整体支出绩效自评报告): the 2-page report, also at 4468207.pdf -------------
    report_pages: list[list[Item]] = [
        [
            ("title", "昆明市应急管理局2020年部门整体支出绩效自评报告"),
            "一、部门基本情况",
            "局机关内设13个处室，全局编制内实有人员69人。",
            "2020年部门预算总收入4924.01万元，部门预算总支出4924.01万元。",
            "其中基本支出1310.28万元，项目支出3613.73万元。",
            "二、绩效目标完成情况",
            "全年执法检查生产经营单位4652家次，立案查处违法违规行为317起。",
            "全市建成各类专业应急救援队伍22支、3000余人。",
            "建成应急避难场所829个，组织开展各类应急演练146场次。",
            "全年启动自然灾害救助应急响应5次，紧急转移安置1.2万人次。",
        ],
        [
            "三、预算执行情况",
            "全年实际支出4817.51万元，预算执行率为97.84%。",
            "“三公”经费支出较预算减少7.32万元。",
            "四、自评结论",
            "经综合评价，部门整体支出绩效自评得分98.8分，评价等级为“优”。",
            ("right", "昆明市应急管理局"),
            ("right", "2021年6月22日"),
        ],
    ]
    report_figures = [
        fig("13个", "13", "个", "count"),
        fig("69人", "69", "人", "count"),
        money("4924.01万元"),
        money("1310.28万元"),
        money("3613.73万元"),
        fig("4652家次", "4652", "家次", "count"),
        fig("317起", "317", "起", "count"),
        fig("22支", "22", "支", "count"),
        fig("3000余人", "3000", "人", "count"),
        fig("829个", "829", "个", "count"),
        fig("146场次", "146", "场次", "count"),
        fig("5次", "5", "次", "count"),
        fig("1.2万人次", "1.2", "万人次", "count"),
        money("4817.51万元"),
        pct("97.84%"),
        money("7.32万元"),
        fig("98.8分", "98.8", "分", "score"),
    ]
    report = pdf(
        "2021/06/22/4073021.pdf",
        "2020年部门整体支出绩效自评报告",
        report_pages,
        report_figures,
        0,
    )
    add(
        "2021/06/22/4073022.xls",
        make_xls(
            (
                "绩效自评表",
                [
                    ["项目", "年初预算", "实际支出", "执行率"],
                    ["基本支出", 1310.28, 1296.45, "98.94%"],
                    ["项目支出", 3613.73, 3521.06, "97.44%"],
                    ["合计", 4924.01, 4817.51, "97.84%"],
                ],
            )
        ),
        "xls",
        "ok",
        text_contains=["年初预算", "执行率"],
        figures=[num("4817.51"), num("1296.45"), pct("97.84%"), pct("98.94%")],
        tables=1,
    )

    # 4078830 (2022 部门预算公开): XLSX, and the scanned PDF ------------------------------------
    add(
        "2022/02/18/4210877.xlsx",
        make_xlsx(
            [
                (
                    "收支预算总表",
                    [
                        ["单位：万元"],
                        ["项目", "预算数"],
                        ["收入合计", 5287.64],
                        ["基本支出", 1402.18],
                        ["项目支出", 3885.46],
                        ["支出合计", 5287.64],
                    ],
                ),
                (
                    "支出结构",
                    [
                        ["项目", "金额", "占比"],
                        ["基本支出", 1402.18, 0.2652],
                        ["项目支出", 3885.46, 0.7348],
                    ],
                ),
            ]
        ),
        "xlsx",
        "ok",
        text_contains=["收支预算总表", "支出结构", "单位：万元", "支出合计"],
        figures=[money("5287.64"), money("3885.46"), pct("26.52%"), pct("73.48%")],
        tables=2,
    )
    add(
        "2022/02/18/4210878.PDF",
        make_scanned_pdf("4210878"),
        "pdf",
        "no_text_layer",
        tables=None,
    )

    # 4116630 (2021 整体支出绩效自评报告): XLS, and the link an inline script writes ---------
    add(
        "2022/06/17/4357120.xls",
        make_xls(
            (
                "部门整体支出绩效自评表",
                [
                    ["项目", "年初预算", "调整后预算", "实际支出", "执行率"],
                    ["基本支出", 1367.52, 1402.38, 1388.9, "99.04%"],
                    ["项目支出", 3769.2, 3999.81, 3799.17, "94.98%"],
                    ["合计", 5136.72, 5402.19, 5188.07, "96.04%"],
                ],
            )
        ),
        "xls",
        "ok",
        text_contains=["调整后预算", "实际支出"],
        figures=[num("5188.07"), num("3999.81"), pct("96.04%")],
        tables=1,
    )
    pdf(
        "2022/06/17/4116631.pdf",
        "2021年部门整体支出绩效指标表",
        [
            [
                ("title", "2021年部门整体支出绩效指标表"),
                "根据绩效自评结果，主要绩效指标完成情况如下：",
                (
                    "table",
                    [
                        ["指标", "目标值", "实际完成值", "得分"],
                        ["执法检查生产经营单位", "4500家次", "4876家次", "10"],
                        ["应急演练", "120场次", "152场次", "10"],
                        ["预算执行率", "95%", "96.04%", "9.5"],
                    ],
                    [170, 95, 95, 60],
                ),
                "部门整体支出绩效自评得分96.5分，评价等级为“优”。",
                ("right", "昆明市应急管理局"),
            ]
        ],
        [
            fig("4876家次", "4876", "家次", "count"),
            fig("152场次", "152", "场次", "count"),
            pct("96.04%"),
            num("9.5"),
            fig("96.5分", "96.5", "分", "score"),
        ],
        1,
    )

    # 4139780 (2021 部门决算公开) and 4186520: the ruled-table PDF linked from both --------------
    pdf(
        "2022/08/16/4402611.pdf",
        "2021年度部门决算情况说明",
        [
            [
                ("title", "昆明市应急管理局2021年度部门决算情况说明"),
                "一、收入支出决算总体情况",
                "2021年度收入总计5402.19万元，支出总计5188.07万元。",
                "年末结转和结余214.12万元。",
                "二、支出决算情况",
                ("right", "单位：万元"),
                (
                    "table",
                    [
                        ["项目", "预算数", "决算数"],
                        ["基本支出", "1402.38", "1388.90"],
                        ["项目支出", "3999.81", "3799.17"],
                        ["合计", "5402.19", "5188.07"],
                    ],
                    [170, 120, 120],
                ),
                "三、“三公”经费支出情况",
                "2021年度“三公”经费支出28.64万元，较上年下降8.15%。",
                ("right", "昆明市应急管理局"),
            ]
        ],
        [
            money("5402.19万元"),
            money("5188.07万元"),
            money("214.12万元"),
            money("1388.90"),
            money("3799.17"),
            money("3999.81"),
            money("28.64万元"),
            pct("8.15%"),
        ],
        1,
    )
    add(
        "2022/08/16/4402612.xls",
        make_xls(
            (
                "收入支出决算总表",
                [
                    ["项目", "决算数"],
                    ["收入总计", 5402.19],
                    ["支出总计", 5188.07],
                    ["年末结转和结余", 214.12],
                ],
            )
        ),
        "xls",
        "ok",
        text_contains=["收入支出决算总表", "年末结转和结余"],
        figures=[num("5402.19"), num("214.12")],
        tables=1,
    )
    add("2022/08/16/4402613.doc", make_ole("4402613.doc"), "doc", "unsupported")

    # 4186520 (部门预决算公开资料汇编) -----------------------------------------------------------
    csv_lines = [
        "单位：万元",
        "年度,预算数,决算数,执行率",
        "2019,3862.45,3967.32,102.72%",
        "2020,4924.01,4817.51,97.84%",
        "2021,5402.19,5188.07,96.04%",
    ]
    csv_data = text_lines(csv_lines, "gbk")
    inner_pdf = make_pdf(
        "2021年度部门决算情况说明",
        [
            [
                ("title", "2021年度部门决算情况说明"),
                "2021年度收入总计5402.19万元，支出总计5188.07万元。",
            ]
        ],
    )
    add(
        "2022/12/09/4468201.zip",
        zip_bytes(
            [
                ("2021年度部门决算情况说明.pdf", inner_pdf),
                ("说明.txt", "本压缩包收录昆明市应急管理局历年部门预决算公开资料。\r\n".encode()),
                ("附表/预决算数据.csv", csv_data),
            ]
        ),
        "zip",
        "ok",
        entries=["2021年度部门决算情况说明.pdf", "说明.txt", "附表/预决算数据.csv"],
    )
    add(
        "2022/12/09/4468202.xls",
        make_xls(
            (
                "2020年决算表",
                [
                    ["项目", "预算数", "决算数"],
                    ["基本支出", 1310.28, 1296.45],
                    ["项目支出", 3613.73, 3521.06],
                    ["合计", 4924.01, 4817.51],
                ],
            )
        ),
        "xls",
        "ok",
        text_contains=["预算数", "决算数"],
        figures=[num("3521.06"), num("4924.01")],
        tables=1,
    )
    pdf(
        "2022/12/09/4468203.pdf",
        "2022年部门预算说明",
        [
            [
                ("title", "昆明市应急管理局2022年部门预算说明"),
                "2022年部门预算收入合计5287.64万元，支出合计5287.64万元。",
                "其中基本支出1402.18万元，项目支出3885.46万元。",
                "2022年“三公”经费预算数为36.20万元，比上年减少2.30万元。",
            ]
        ],
        [money("5287.64万元"), money("1402.18万元"), money("3885.46万元"), money("36.20万元")],
        0,
    )
    add(
        "2022/12/09/4468204.csv",
        csv_data,
        "csv",
        "ok",
        text_contains=["单位：万元", "执行率"],
        figures=[money("4817.51"), money("3967.32"), pct("97.84%"), pct("102.72%")],
        tables=1,
    )
    txt_lines = [
        "昆明市应急管理局部门预决算公开资料说明",
        "本资料汇编收录我局历年部门预算、部门决算和绩效自评公开文件共12份。",
        "2021年度部门决算支出总计5188.07万元，预算执行率为96.04%。",
        "如对公开内容有疑问，请在工作日与局规划财务处联系。",
    ]
    add(
        "2022/12/09/4468205.txt",
        text_lines(txt_lines, "utf-8"),
        "txt",
        "ok",
        text_contains=txt_lines,
        figures=[fig("12份", "12", "份", "count"), money("5188.07万元"), pct("96.04%")],
        tables=0,
    )
    add(
        "2022/12/09/4468206.zip",
        zip_bytes(
            [
                (
                    f"扫描件/第{n:02d}页.jpg",
                    b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + pseudo_bytes(f"4468206-{n}", 1 << 20),
                )
                for n in range(1, 4)
            ],
            method=zipfile.ZIP_STORED,
        ),
        "zip",
        "too_large",
        entries=None,
    )
    add(
        "2022/12/09/4468207.pdf",
        report.data,
        "pdf",
        "ok",
        text_contains=list(report.text_contains),
        figures=list(report.figures),
        tables=0,
    )

    # 4221340 (2023 部门预算公开) ----------------------------------------------------------------
    pdf(
        "2023/02/24/4511093.pdf",
        "2023年部门预算情况说明",
        [
            [
                ("title", "昆明市应急管理局2023年部门预算情况说明"),
                "2023年部门预算收入合计5394.27万元，支出合计5394.27万元。",
                "其中基本支出1455.36万元，占26.98%；项目支出3938.91万元，占73.02%。",
                "2023年“三公”经费预算数为35.80万元。",
                ("right", "昆明市应急管理局"),
                ("right", "2023年2月24日"),
            ]
        ],
        [
            money("5394.27万元"),
            money("1455.36万元"),
            pct("26.98%"),
            money("3938.91万元"),
            pct("73.02%"),
            money("35.80万元"),
        ],
        0,
    )
    add(
        "2023/02/24/4511094.xlsx",
        make_xlsx(
            [
                (
                    "部门收支总表",
                    [
                        ["单位：万元"],
                        ["项目", "预算数"],
                        ["收入合计", 5394.27],
                        ["基本支出", 1455.36],
                        ["项目支出", 3938.91],
                    ],
                ),
                (
                    "三公经费预算表",
                    [
                        ["项目", "预算数", "占比"],
                        ["公务接待费", 2.5, 0.0698],
                        ["公务用车运行维护费", 33.3, 0.9302],
                    ],
                ),
            ]
        ),
        "xlsx",
        "ok",
        text_contains=["部门收支总表", "三公经费预算表", "公务用车运行维护费"],
        figures=[money("5394.27"), money("3938.91"), pct("93.02%")],
        tables=2,
    )

    # 4256308 (培训需求通知): the unreadable, the hostile and the misnamed -----------------------
    add("2023/05/16/4590301.wps", make_ole("4590301.wps"), "wps", "unsupported")
    add(
        "2023/05/16/4590302.ofd",
        make_ofd(
            "关于报送2023年度安全生产培训需求的通知",
            ["关于报送2023年度安全生产培训需求的通知", "全年计划培训3000人次。"],
        ),
        "ofd",
        "unsupported",
    )
    add(
        "2023/05/16/4590303.rar",
        make_rar(RAR_MEMBERS),
        "rar",
        "ok",
        entries=[name for name, _ in RAR_MEMBERS],
    )
    add("2023/05/16/4590304.zip", zip_bomb(), "zip", "ok", entries=[BOMB_MEMBER])
    pdf(
        "2023/05/16/4590305.pdf",
        "2023年度安全生产培训安排",
        [
            [
                ("title", "2023年度安全生产培训安排"),
                "全年计划举办培训班12个，培训3000人次。",
                "每期集中培训3天，培训结束后统一组织考核。",
            ]
        ],
        [
            fig("12个", "12", "个", "count"),
            fig("3000人次", "3000", "人次", "count"),
            fig("3天", "3", "天", "duration"),
        ],
        0,
    )
    pdf(
        "2023/05/16/4590306.pdf",
        "参训单位名单",
        [
            [
                ("title", "2023年度安全生产培训参训单位名单"),
                "共有参训单位45家，参训人员180名。",
                "危险化学品企业18家，非煤矿山企业15家，工贸企业12家。",
            ]
        ],
        [
            fig("45家", "45", "家", "count"),
            fig("180名", "180", "名", "count"),
            fig("18家", "18", "家", "count"),
        ],
        0,
    )
    pdf(
        "2023/05/16/4590307.pdf",
        "安全生产培训大纲",
        [
            [
                ("title", "2023年度安全生产培训大纲"),
                "主要负责人和安全生产管理人员初次培训不少于48学时。",
                "其中理论培训32小时，实际操作训练16小时。",
            ]
        ],
        [fig("32小时", "32", "小时", "duration"), fig("16小时", "16", "小时", "duration")],
        0,
    )
    add(
        "2023/05/16/4590308.pdf",
        "<html><head><title>404 Not Found</title></head><body><h1>对不起，文件不存在</h1></body></html>".encode(),
        "html",
        "not_a_file",
    )

    # 4303518 (应急救援保障中心 2022 决算) -----------------------------------------------------
    add(
        "2023/09/20/4758301.xlsx",
        make_xlsx(
            [
                (
                    "收入支出决算总表",
                    [
                        ["单位：万元"],
                        ["项目", "上年决算数", "本年决算数"],
                        ["收入合计", 1173.2, 1286.45],
                        ["支出合计", 1144.62, 1243.18],
                        ["年末结转和结余", 28.58, 43.27],
                    ],
                ),
                (
                    "财政拨款支出决算表",
                    [
                        ["功能分类科目", "决算数", "占比"],
                        ["灾害防治及应急管理支出", 1052.36, 0.8889],
                        ["社会保障和就业支出", 78.4, 0.0662],
                        ["卫生健康支出", 31.26, 0.0264],
                        ["住房保障支出", 21.9, 0.0185],
                    ],
                ),
            ]
        ),
        "xlsx",
        "ok",
        text_contains=["收入支出决算总表", "财政拨款支出决算表", "灾害防治及应急管理支出"],
        figures=[money("1286.45"), money("1243.18"), pct("88.89%"), num("1052.36")],
        tables=2,
    )

    # 4310286 (2022 部门决算公开) ----------------------------------------------------------------
    pdf(
        "2023/10/12/4730512.pdf",
        "2022年度部门决算情况说明",
        [
            [
                ("title", "昆明市应急管理局2022年度部门决算情况说明"),
                "2022年度收入总计5566.03万元，支出总计5391.42万元，",
                "年末结转和结余174.61万元。",
                "2022年度“三公”经费支出29.66万元，完成年初预算的81.93%。",
                ("right", "昆明市应急管理局"),
                ("right", "2023年10月12日"),
            ]
        ],
        [money("5566.03万元"), money("5391.42万元"), money("174.61万元"), pct("81.93%")],
        0,
    )
    final = [
        "2022年度收入总计5566.03万元，支出总计5391.42万元，年末结转和结余174.61万元。",
        "2022年度“三公”经费支出29.66万元，完成年初预算的81.93%。",
        "TABLE",
        "注：本表数据经市财政局审核批复。",
    ]
    add(
        "2023/10/12/4730513.docx",
        make_docx(
            "昆明市应急管理局2022年度部门决算公开报表",
            final,
            [
                ["项目（单位：万元）", "年初预算数", "决算数"],
                ["基本支出", "1402.18", "1421.35"],
                ["项目支出", "3885.46", "3970.07"],
                ["合计", "5287.64", "5391.42"],
            ],
        ),
        "docx",
        "ok",
        text_contains=[
            "昆明市应急管理局2022年度部门决算公开报表",
            *[p for p in final if p != "TABLE"],
        ],
        figures=[
            money("5566.03万元"),
            money("29.66万元"),
            pct("81.93%"),
            money("1421.35"),
            money("3970.07"),
        ],
        tables=1,
    )
    return out


BOMB_MEMBER = "培训教材/安全生产培训视频.mp4"


def zip_bomb() -> bytes:
    """One DEFLATE member of 200 MiB of zeros, written in 1 MiB chunks (never held whole)."""
    buf = io.BytesIO()
    chunk = bytes(1 << 20)
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        info = zipfile.ZipInfo(BOMB_MEMBER, date_time=FIXED_TIME)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        with z.open(info, "w") as w:
            for _ in range(BOMB_MEMBER_SIZE // len(chunk)):
                w.write(chunk)
    return buf.getvalue()


# ---------------------------------------------------------------------------------------------
# file names: what the archive should record
# ---------------------------------------------------------------------------------------------
MAX_NAME = 120


def header_filename(raw: bytes) -> str | None:
    """The file name of a raw Content-Disposition value: filename* (RFC 6266, percent-decoded
    in its declared charset) wins over filename, whose raw bytes may be UTF-8 or GBK."""
    m = re.search(rb"filename\*\s*=\s*([A-Za-z0-9_-]*)'[^']*'([^;\s]+)", raw, re.IGNORECASE)
    if m:
        charset = m[1].decode("ascii") or "utf-8"
        return unquote_to_bytes(m[2]).decode(charset)
    m = re.search(rb'filename\s*=\s*"([^"]*)"', raw, re.IGNORECASE) or re.search(
        rb"filename\s*=\s*([^;]+)", raw, re.IGNORECASE
    )
    if not m:
        return None
    value = m[1].strip()
    try:
        return value.decode("utf-8")
    except UnicodeDecodeError:
        return value.decode("gb18030")


def sanitize_name(name: str) -> str:
    """Last path component only; no control characters or <>:"|?*; no leading dots or spaces;
    at most 120 characters, cutting the stem and keeping the extension."""
    name = re.split(r"[/\\]", name)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch) != "Cc" and ch not in '<>:"|?*')
    name = name.lstrip(". ")
    if len(name) > MAX_NAME:
        stem, dot, ext = name.rpartition(".")
        if dot and stem and len(ext) < MAX_NAME - 1:
            name = stem[: MAX_NAME - len(ext) - 1] + "." + ext
        else:
            name = name[:MAX_NAME]
    return name


def file_name(path: str, routes: dict[str, dict[str, Any]]) -> str:
    route = routes.get(path, {})
    disposition = (route.get("headers") or {}).get("Content-Disposition")
    if disposition:
        raw = disposition.encode(route.get("header_charset", "utf-8"))
        name = header_filename(raw)
        if name:
            return sanitize_name(name)
    return sanitize_name(path.rsplit("/", 1)[-1])


# ---------------------------------------------------------------------------------------------
# checks: every claim of the expected file holds for the bytes written
# ---------------------------------------------------------------------------------------------
def extracted(a: Att) -> tuple[str, int | None]:
    """Text (cells joined by tabs) and table count, with plain libraries."""
    import pdfplumber
    import xlrd

    if a.detected_type == "pdf":
        with pdfplumber.open(io.BytesIO(a.data)) as pdf:
            text = "\n".join(p.extract_text() or "" for p in pdf.pages)
            tables = sum(len(p.find_tables()) for p in pdf.pages)
            cells = [
                "\t".join(c or "" for c in row)
                for p in pdf.pages
                for t in p.extract_tables()
                for row in t
            ]
        return text + "\n" + "\n".join(cells), tables
    if a.detected_type == "docx":
        d = docx.Document(io.BytesIO(a.data))
        lines = [p.text for p in d.paragraphs]
        for t in d.tables:
            lines += ["\t".join(c.text for c in row.cells) for row in t.rows]
        return "\n".join(lines), len(d.tables)
    if a.detected_type == "xlsx":
        wb = openpyxl.load_workbook(io.BytesIO(a.data))
        lines = []
        for ws in wb.worksheets:
            lines.append(ws.title)
            for row in ws.iter_rows():
                lines.append("\t".join(shown(c.value, c.number_format) for c in row))
        return "\n".join(lines), len(wb.worksheets)
    if a.detected_type == "xls":
        book = xlrd.open_workbook(file_contents=a.data, formatting_info=True)
        lines = []
        for sh in book.sheets():
            lines.append(sh.name)
            for r in range(sh.nrows):
                lines.append("\t".join(shown(v, "0.00") for v in sh.row_values(r)))
        return "\n".join(lines), book.nsheets
    if a.detected_type in ("csv", "txt"):
        enc = "gbk" if a.detected_type == "csv" else "utf-8"
        text = a.data.decode(enc).replace("\r\n", "\n")
        return text.replace(",", "\t"), (1 if a.detected_type == "csv" else 0)
    return "", None


def shown(value: Any, number_format: str) -> str:
    """A spreadsheet cell as displayed."""
    if value is None:
        return ""
    if isinstance(value, float):
        if number_format.endswith("%"):
            return f"{value * 100:.2f}%"
        if number_format == "0.00":
            return f"{value:.2f}"
        return repr(value)
    return str(value)


def check(a: Att) -> None:
    head = a.data[:8]
    magic = {
        "pdf": head.startswith(b"%PDF-"),
        "html": head.lower().startswith(b"<html"),
        "rar": head.startswith(b"Rar!\x1a\x07"),
        "doc": head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"),
    }
    magic["wps"] = magic["xls"] = magic["doc"]
    for kind in ("zip", "docx", "xlsx", "ofd"):
        magic[kind] = head.startswith(b"PK\x03\x04")
    magic["csv"] = magic["txt"] = True
    assert magic[a.detected_type], (a.path, head)
    if a.detected_type in ("zip", "ofd", "docx", "xlsx"):
        with zipfile.ZipFile(io.BytesIO(a.data)) as z:
            names = z.namelist()
            if a.detected_type == "ofd":
                assert "OFD.xml" in names
            if a.entries is not None:
                assert names == a.entries, (a.path, names)
            total = sum(i.file_size for i in z.infolist())
            if a.path.endswith("4590304.zip"):
                assert total >= 200 * 1024 * 1024 and len(a.data) < ONE_MB, (total, len(a.data))
    if a.status == "too_large":
        assert len(a.data) > 2 * ONE_MB, len(a.data)
        assert len(zipfile.ZipFile(io.BytesIO(a.data)).namelist()) == 3
        assert len(zlib_compress(a.data)) > 0.99 * len(a.data), "compresses too well"
    elif a.detected_type not in ("zip",):
        assert len(a.data) < ONE_MB, (a.path, len(a.data))
    if a.status == "no_text_layer":
        import pdfplumber

        with pdfplumber.open(io.BytesIO(a.data)) as pdf:
            assert not any(p.chars for p in pdf.pages)
            assert any(p.images for p in pdf.pages) and any(p.rects for p in pdf.pages)
    if a.detected_type == "rar":
        import rarfile

        names = [i.filename for i in rarfile.RarFile(io.BytesIO(a.data)).infolist()]
        assert names == a.entries, (a.path, names)
    if a.status != "ok" or a.detected_type in ("zip", "rar"):
        assert not a.text_contains and not a.figures and a.tables is None, a.path
        return
    text, tables = extracted(a)
    lines = text.split("\n")
    for want in a.text_contains:
        assert any(want in line for line in lines), (a.path, want, text)
    if a.tables is not None:
        assert tables == a.tables, (a.path, tables, a.tables)
    for f in a.figures:
        assert f["text"] in text, (a.path, f["text"], text)
        assert f["kind"] in gen.KINDS, f


def zlib_compress(data: bytes) -> bytes:
    import zlib

    return zlib.compress(data, 6)


# ---------------------------------------------------------------------------------------------
# main
# ---------------------------------------------------------------------------------------------
def linked() -> dict[str, list[str]]:
    """Attachment URL path -> the canonical URLs of the pages that link it, from the generator."""
    out: dict[str, list[str]] = {}
    for d in gen.DETAILS + gen.EXTRA_DETAILS:
        page = f"{HOST}{d.get('prefix', '')}/c/{d['date']}/{d['id']}.shtml"
        for a in gen.body_attachments(d["body"]):
            path = a["url"][len(HOST) :]
            if path.startswith(f"{ATT}/") and page not in out.setdefault(path, []):
                out[path].append(page)
    return out


def main() -> None:
    atts = attachments()
    paths = [a.path for a in atts]
    assert len(paths) == len(set(paths)), "an attachment written twice"
    links = linked()
    assert set(paths) == set(links), (set(paths) ^ set(links), "written vs linked differ")
    routes = {r["path"]: r for r in gen.ATTACHMENT_ROUTES}
    assert set(routes) <= set(paths), set(routes) - set(paths)

    if ATT_DIR.exists():
        shutil.rmtree(ATT_DIR)
    expected: dict[str, Any] = {}
    for a in sorted(atts, key=lambda x: x.path):
        check(a)
        target = OUT / a.path.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(a.data)
        record: dict[str, Any] = {
            "detected_type": a.detected_type,
            "status": a.status,
            "file_name": file_name(a.path, routes),
            "text_contains": a.text_contains,
            "figures": a.figures,
            "tables": a.tables,
        }
        if a.detected_type in ("zip", "rar"):
            record["entries"] = a.entries
        record["size"] = len(a.data)
        record["sha256"] = hashlib.sha256(a.data).hexdigest()
        record["linked_from"] = links[a.path]
        expected[HOST + a.path] = record
    EXPECTED.parent.mkdir(parents=True, exist_ok=True)
    EXPECTED.write_bytes(
        (json.dumps(expected, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    )
    total = sum(len(a.data) for a in atts)
    print(
        f"wrote {len(atts)} attachments ({total / 1e6:.1f} MB) to {ATT_DIR.relative_to(ROOT)} "
        f"and {EXPECTED.relative_to(ROOT)}"
    )


if __name__ == "__main__":
    main()
