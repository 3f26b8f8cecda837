#!/usr/bin/env python3
# ruff: noqa: E501
"""Generate the offline test mirror of www.guiyang.gov.cn (贵阳市人民政府, a TRS WCM portal).

Run from the repository root:  python3 mirror/generate_guiyang.py   (standard library only)

Writes, deterministically (same bytes on every run):
  mirror/guiyang/**                          the static site tree, URL path = file path
  mirror/guiyang/routes.toml                 the soft 404 and the deleted page, documented
  tests/fixtures/guiyang/<N>.expected.json   one per archived detail page (N from tYYYYMMDD_N)
  tests/fixtures/guiyang/lists.json what every list page shows (items, pagination)
  tests/fixtures/gz_gov/t20210901_70012345.html + 70012345.expected.json
                                             the fixture page of the second TRS profile
                                             (贵州省人民政府 www.guizhou.gov.cn, no mirror)

The expected JSON is computed here from the same data the pages are rendered from (never by
running a parser): the metadata box is a list of (label as written, value) pairs, the body a
list of blocks, every date a D(...) value that knows both how it is written and its ISO form.
All prose is written for this mirror; index numbers, document numbers and dates are realistic
but made up.

Columns (TRS pagination: index.html, index_1.html…; the page count only in an inline script):
  gfxwj 规范性文件 /zwgk/zfxxgks/fdzdgknr/lzyj/gfxwj/  createPageHTML(3, n, "index", "html"), 3 pages
  ghxx  规划信息   /zwgk/zfxxgks/fdzdgknr/ghxx/        classic template: var countPage = 2, 2 pages
  czzj  财政资金   /zwgk/zfxxgks/fdzdgknr/czzj/        new Pager({size: 2, …}), 2 pages; the date
                                                        sits inside the link (<a>…<div>date</div></a>)

Variant map (detail page id -> what it covers):
  metadata <table>, label cells + value cells .. 63718214 64533107 65390045 66012478 66204519
                                                  66730012 68013390 64807715 67800412 64290518
                                                  65677301 68250067
  metadata <li><span>label</span>value</li> ..... 64100321 67502218 66421950 67113009
  metadata <dl><dt>label<dd>value ............... 63910026
  NO labels at all (profile [detail] rule) ...... 65021833 (index_no, publisher, publish_date by
                                                  position; the header's 发布时间 must not win)
  box outside the article, info line nearer ..... 68013390 (the info line's 发布时间 wins); gz_gov
  padded labels: 索 引 号 / 文　　号 (U+3000) /
                 发布&nbsp;机构 / 成 文 时 间 .... 63718214 64533107 66204519 67502218 67113009
  ASCII colon on labels ......................... 64100321 64533107; no colon at all 66730012
  empty values: <td></td> 65390045 (文号, 成文时间), &nbsp; 65390045 (文件有效性),
                <li> label only 66421950 (文号), empty <dd> 63910026 (文件有效性)
  no publish date in the box (info line only) ... 65390045 64807715; none at all 65021833 (rule)
  dates: 2020年09月14日 63718214; 2021年9月13日 66204519; 2021-05-20 16:30:12 65390045;
         2022-07-08 18:50 68013390; 2022/08/16 68250067 (公开日期); 发布日期 2022年02月18日
         67502218; 成文时间 with a time 67800412; PubDate meta on another day 66204519 (date
         only); no PubDate meta 66421950 (date only); the box's date completed with the info
         line's time 63718214 64533107 66012478 64290518
  publisher: 发布机构 (most); 发文机关 only 67502218 (also issuer, 公文种类, 主题词, 发文字号,
             成文日期, 有效性); 来源 only 64807715; ContentSource meta only 66421950;
             profile rule 65021833
  Kunming-pattern 索引号 (index_no_parts) ...... 66730012
  keywords (关键词): by spaces 63718214, by 、 64807715, by ， 67113009; 主题词 by ； 67502218
  topic a year (2022年) ......................... 67113009
  body containers: div.TRS_Editor with its <style> (most), div.trs_editor_view 64100321
                   66421950, #zoom only 64533107 67800412, #zoom > div.TRS_Editor 65677301
  attachments: <a appendix="true" href="./P0…" OLDSRC="/protect/…"> in the body 63718214
               (.pdf .docx) 64290518 (.xlsx) 67800412 (.zip .xlsx) 66012478 (.pdf);
               appendix links in #zoom but outside div.TRS_Editor 65677301 (.pdf .doc);
               document.write outside the body (attachment block after it) 66012478 (.pdf .doc),
               gz_gov (.pdf); document.write inside the body 66204519 (.pdf);
               same file linked in the body and in the block 66012478 (listed once)
               (/protect/ is disallowed by robots.txt: a parser following OLDSRC fails the crawl)
  image in the body (not an attachment) ......... 64807715
  body with a table ............................. 64533107 64290518 65677301 68250067
  <br> lines ..................................... 68013390 67113009
  Word-pasted spans (digits in their own span) .. 67502218 68013390 67113009
  indents: css text-indent (default), U+3000 64100321, &nbsp; 66204519
  list links: ./YYYYMM/t….html (most), root-relative 65390045, absolute 68250067;
              63718214 listed in gfxwj and again (absolute) in ghxx
  error pages: soft 404 served with 200 ......... gfxwj/202209/t20220915_68800001.html
               deleted page, 404 ................ ghxx/202006/t20200601_63000001.html
  page chrome: the header holds a site notice "发布时间：2024-06-28", the footer 主办, the
               breadcrumb 当前位置：…, the info line 字号：大 中 小 — none of it is metadata
  robots.txt: Disallow /protect/ and /search/
"""

from __future__ import annotations

import html
import io
import json
import re
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "mirror" / "guiyang"
FIX = ROOT / "tests" / "fixtures" / "guiyang"
GZ_FIX = ROOT / "tests" / "fixtures" / "gz_gov"
HOST = "https://www.guiyang.gov.cn"
GZ_HOST = "https://www.guizhou.gov.cn"
SITE = "贵阳市人民政府"

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

# the part of the label table (parsers/fields.py) the pages use: label -> record field
LABELS = {
    "索引号": "index_no",
    "主题分类": "topic",
    "发布机构": "publisher",
    "发文机关": "issuer",
    "来源": "source",
    "发布时间": "publish_date",
    "发布日期": "publish_date",
    "公开日期": "publish_date",
    "标题": "title",
    "名称": "title",
    "文号": "doc_no",
    "发文字号": "doc_no",
    "关键词": "keywords",
    "主题词": "subject_words",
    "成文时间": "written_date",
    "成文日期": "written_date",
    "文件有效性": "validity",
    "有效性": "validity",
    "公文种类": "doc_type",
}
DATE_FIELDS = {"publish_date", "written_date"}
_KW_SPLIT = re.compile(r"[\s、，,；;]+")
_KM_INDEX = re.compile(r"^([0-9A-Z]{9})-(\d{6})-(\d+)$")


def norm(text: str) -> str:
    return " ".join(text.split())


def esc(text: str) -> str:
    return html.escape(text, quote=False)


def attr(text: str) -> str:
    return html.escape(text, quote=True)


def label_key(written: str) -> str:
    key = re.sub(r"[：:]+$", "", "".join(html.unescape(written).split()))
    assert key in LABELS, written
    return key


# ---------------------------------------------------------------------------------------------
# dates
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class D:
    """A date as a page writes it (``fmt``) and as the record holds it (``iso``)."""

    y: int
    m: int
    d: int
    H: int | None = None
    M: int | None = None
    S: int | None = None
    fmt: str = "dash"  # dash 2020-09-14, cn 2020年09月14日, cn1 2021年9月13日, slash 2022/08/16

    @property
    def day(self) -> str:
        return f"{self.y:04d}-{self.m:02d}-{self.d:02d}"

    @property
    def has_time(self) -> bool:
        return self.H is not None

    @property
    def iso(self) -> str:
        if self.H is None:
            return self.day
        return f"{self.day}T{self.H:02d}:{self.M or 0:02d}:{self.S or 0:02d}+08:00"

    @property
    def text(self) -> str:
        if self.fmt == "cn":
            out = f"{self.y}年{self.m:02d}月{self.d:02d}日"
        elif self.fmt == "cn1":
            out = f"{self.y}年{self.m}月{self.d}日"
        elif self.fmt == "slash":
            out = f"{self.y}/{self.m:02d}/{self.d:02d}"
        else:
            out = self.day
        if self.H is not None:
            out += f" {self.H:02d}:{self.M or 0:02d}"
            if self.S is not None:
                out += f":{self.S:02d}"
        return out

    def only_day(self, fmt: str = "dash") -> D:
        return D(self.y, self.m, self.d, fmt=fmt)


Value = str | D | None
NBSP = "\u00a0"  # a value cell holding only &nbsp;


def value_text(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, D):
        return value.text
    return norm(value)


def value_html(value: Value) -> str:
    if value is None:
        return ""
    if value == NBSP:
        return "&nbsp;"
    if isinstance(value, D):
        return esc(value.text)
    return esc(value)


# ---------------------------------------------------------------------------------------------
# body blocks
# ---------------------------------------------------------------------------------------------
Block = dict[str, Any]


def P(text: str, style: str = "css") -> Block:
    """A paragraph; ``style`` is how its first-line indent is written."""
    return {"k": "p", "text": text, "style": style}


def H(text: str) -> Block:
    return {"k": "h", "text": text}


def RIGHT(*texts: str) -> list[Block]:
    return [{"k": "right", "text": t} for t in texts]


def BR(*lines: str) -> Block:
    return {"k": "br", "lines": list(lines)}


def T(*rows: list[str]) -> Block:
    return {"k": "table", "rows": [list(r) for r in rows]}


def ATT(*links: tuple[str, str], label: str = "附件：") -> Block:
    """Attachment links in the body: (file name in the article folder, link text), written
    the TRS way, ``<a appendix="true" href="./P0…" OLDSRC="/protect/P0YYYYMM/P0…">``."""
    return {"k": "att", "links": list(links), "label": label}


def JS(*links: tuple[str, str]) -> Block:
    """An inline script writing attachment links with document.write (no body text)."""
    return {"k": "js", "links": list(links)}


def IMG(src: str) -> Block:
    return {"k": "img", "src": src}


def oldsrc(file: str) -> str:
    return f"/protect/{file[:8]}/{file}"


def p_html(text: str, style: str) -> str:
    if style == "ideo":
        return f"<p>\u3000\u3000{esc(text)}</p>"
    if style == "nbsp":
        return f"<p>&nbsp;&nbsp;&nbsp;&nbsp;{esc(text)}</p>"
    if style == "word":
        # Word paste: the text split over spans, digits in their own span
        parts = re.split(r"(\d+)", text)
        inner = "".join(
            f'<span lang="EN-US" style="font-size:16.0pt;font-family:\'Times New Roman\'">{esc(s)}</span>'
            if s.isdigit()
            else f'<span style="font-size:16.0pt;font-family:仿宋_GB2312">{esc(s)}</span>'
            for s in parts
            if s
        )
        return f'<p class="MsoNormal" style="text-indent:32.0pt;line-height:28.0pt">{inner}</p>'
    return f'<p style="text-indent: 2em;">{esc(text)}</p>'


def js_write(links: list[tuple[str, str]]) -> str:
    calls = []
    for file, text in links:
        assert "'" not in text and '"' not in text
        calls.append(f"document.write('<a href=\"./{file}\">{esc(text)}</a><br/>');")
    return '<script type="text/javascript">\n' + "\n".join(calls) + "\n</script>"


def block_html(b: Block) -> str:
    k = b["k"]
    if k == "p":
        return p_html(b["text"], b["style"])
    if k == "h":
        return f'<p style="text-align: center;"><strong>{esc(b["text"])}</strong></p>'
    if k == "right":
        return f'<p style="text-align: right;">{esc(b["text"])}</p>'
    if k == "br":
        return "<p>" + "<br/>\n".join(esc(ln) for ln in b["lines"]) + "</p>"
    if k == "table":
        rows = []
        for i, row in enumerate(b["rows"]):
            tag = "th" if i == 0 else "td"
            rows.append("<tr>" + "".join(f"<{tag}>{esc(c)}</{tag}>" for c in row) + "</tr>")
        return (
            '<table border="1" cellspacing="0" cellpadding="0" style="border-collapse:collapse;width:100%">\n<tbody>\n'
            + "\n".join(rows)
            + "\n</tbody>\n</table>"
        )
    if k == "att":
        out = [f"<p>{esc(b['label'])}</p>"]
        for file, text in b["links"]:
            out.append(
                f'<p><a appendix="true" href="./{file}" OLDSRC="{oldsrc(file)}">{esc(text)}</a></p>'
            )
        return "\n".join(out)
    if k == "js":
        return js_write(b["links"])
    if k == "img":
        return f'<p style="text-align: center;"><img src="./{b["src"]}" OLDSRC="{oldsrc(b["src"])}" border="0"></p>'
    raise ValueError(k)


def block_lines(b: Block) -> list[str]:
    k = b["k"]
    if k in ("p", "h", "right"):
        return [norm(b["text"])]
    if k == "br":
        return [norm(ln) for ln in b["lines"]]
    if k == "table":
        return ["\t".join(norm(c) for c in row) for row in b["rows"]]
    if k == "att":
        return [norm(b["label"])] + [norm(text) for _, text in b["links"]]
    return []


def block_links(b: Block) -> list[tuple[str, str]]:
    return list(b["links"]) if b["k"] in ("att", "js") else []


# ---------------------------------------------------------------------------------------------
# pages
# ---------------------------------------------------------------------------------------------
COLUMNS: dict[str, dict[str, Any]] = {
    "gfxwj": {
        "name": "规范性文件",
        "path": "/zwgk/zfxxgks/fdzdgknr/lzyj/gfxwj/",
        "crumb": ["政务公开", "政府信息公开", "法定主动公开内容", "履职依据", "规范性文件"],
        "pager": "createPageHTML",
    },
    "ghxx": {
        "name": "规划信息",
        "path": "/zwgk/zfxxgks/fdzdgknr/ghxx/",
        "crumb": ["政务公开", "政府信息公开", "法定主动公开内容", "规划信息"],
        "pager": "countPage",
    },
    "czzj": {
        "name": "财政资金",
        "path": "/zwgk/zfxxgks/fdzdgknr/czzj/",
        "crumb": ["政务公开", "政府信息公开", "法定主动公开内容", "财政资金"],
        "pager": "Pager",
    },
}

GOV_OFFICE = "贵阳市人民政府办公厅"
GOV = "贵阳市人民政府"
IDX_OFFICE = "11520100009447044U"  # 市政府办公厅 (made up, unified social credit code form)
IDX_FGW = "11520100009447060J"
IDX_CZJ = "115201000094470870"
IDX_ZRZY = "11520100MB1798223L"

PAGES: list[dict[str, Any]] = []


def page(**kw: Any) -> None:
    PAGES.append(kw)


# --- 规范性文件 ------------------------------------------------------------------------------
page(
    id="63718214",
    col="gfxwj",
    pub=D(2020, 9, 14, 10, 35),
    title="贵阳市人民政府办公厅关于印发贵阳市城市道路挖掘管理办法的通知",
    box="table",
    meta=[
        [
            ("索 引 号：", f"{IDX_OFFICE}/2020-00458"),
            ("主题分类：", "城乡建设、环境保护\\市政公用"),
        ],
        [("发布机构：", GOV_OFFICE), ("成文时间：", D(2020, 9, 10, fmt="cn"))],
        [("文　　号：", "筑府办发〔2020〕18号"), ("发布时间：", D(2020, 9, 14, fmt="cn"))],
        [("标　　题：", "贵阳市人民政府办公厅关于印发贵阳市城市道路挖掘管理办法的通知")],
        [("关 键 词：", "城市道路 挖掘 管理办法"), ("文件有效性：", "有效")],
    ],
    info=[("发布时间：", D(2020, 9, 14, 10, 35)), ("来源：", GOV_OFFICE)],
    body="TRS_Editor",
    blocks=[
        P("各区（市、县）人民政府，市政府各工作部门，市属各国有企业："),
        P("《贵阳市城市道路挖掘管理办法》已经市人民政府同意，现印发给你们，请认真遵照执行。"),
        *RIGHT(GOV_OFFICE, "2020年9月10日"),
        P("（此件公开发布）"),
        H("贵阳市城市道路挖掘管理办法"),
        P(
            "第一条 为加强城市道路挖掘管理，保障城市道路完好和通行安全，根据《城市道路管理条例》等规定，结合本市实际，制定本办法。"
        ),
        P("第二条 本市行政区域内城市道路的挖掘及其监督管理，适用本办法。"),
        P(
            "第三条 市住房城乡建设部门负责全市城市道路挖掘的统筹协调和监督管理，各区（市、县）城市道路主管部门按照职责做好辖区内的相关工作。"
        ),
        P(
            "第四条 新建、改建、扩建的城市道路交付使用后5年内、大修的城市道路竣工后3年内不得挖掘；因特殊情况确需挖掘的，须经市人民政府批准。"
        ),
        P("第五条 本办法自2020年10月15日起施行。"),
        ATT(
            ("P020200914396521837421.pdf", "1.贵阳市城市道路挖掘管理办法.pdf"),
            ("P020200914396522051846.docx", "2.城市道路挖掘申请表.docx"),
        ),
    ],
    keywords="城市道路 挖掘 管理办法",
)

page(
    id="64100321",
    col="gfxwj",
    pub=D(2020, 11, 20, 16, 2, 41),
    title="贵阳市发展和改革委员会关于印发贵阳市重大项目前期工作经费管理办法的通知",
    box="li",
    meta=[
        [
            ("索引号:", f"{IDX_FGW}/2020-00233"),
            ("主题分类:", "国民经济管理、国有资产监管\\发展规划"),
        ],
        [("发布机构:", "贵阳市发展和改革委员会"), ("成文时间:", D(2020, 11, 16))],
        [("文号:", "筑发改规〔2020〕4号"), ("发布时间:", D(2020, 11, 20, 16, 2, 41))],
        [("文件有效性:", "有效")],
    ],
    info=None,
    body="trs_editor_view",
    blocks=[
        P("各区（市、县）发展改革部门，市直有关单位：", "ideo"),
        P(
            "为规范市级重大项目前期工作经费管理，提高资金使用效益，我委制定了《贵阳市重大项目前期工作经费管理办法》，现印发给你们，请遵照执行。",
            "ideo",
        ),
        P(
            "本办法所称前期工作经费，是指用于项目规划研究、可行性研究、勘察设计等前期工作的市级财政资金。",
            "ideo",
        ),
        P("前期工作经费实行项目库管理，未纳入项目库的项目不得申请经费。", "ideo"),
        P("本办法自印发之日起施行，有效期5年。", "ideo"),
        *RIGHT("贵阳市发展和改革委员会", "2020年11月16日"),
    ],
)

page(
    id="64533107",
    col="gfxwj",
    pub=D(2021, 1, 8, 9, 12),
    title="贵阳市生态环境局关于印发贵阳市建设项目环境影响评价文件分级审批规定的通知",
    box="table",
    meta=[
        [
            ("索 引 号:", "11520100MB1537462Q/2021-00012"),
            ("主题分类:", "城乡建设、环境保护\\环境监测、保护与治理"),
        ],
        [("发布&nbsp;机构:", "贵阳市生态环境局"), ("成 文 时 间:", D(2021, 1, 5))],
        [("文 号:", "筑环规〔2021〕1号"), ("发布时间:", D(2021, 1, 8))],
        [("文件有效性:", "有效")],
    ],
    info=[("发布时间：", D(2021, 1, 8, 9, 12)), ("来源：", "贵阳市生态环境局")],
    body="zoom",
    blocks=[
        P("各区（市、县）生态环境分局，各有关单位："),
        P(
            "为深化“放管服”改革，进一步明确建设项目环境影响评价文件审批权限，现将分级审批有关规定印发如下。"
        ),
        P("一、审批权限划分"),
        T(
            ["项目类别", "报告书", "报告表"],
            ["跨区（市、县）项目", "市生态环境局", "市生态环境局"],
            ["辖区内一般项目", "市生态环境局", "区（市、县）分局"],
            ["核与辐射项目", "省生态环境厅", "市生态环境局"],
        ),
        P("二、本规定自2021年2月1日起施行。"),
        *RIGHT("贵阳市生态环境局", "2021年1月5日"),
    ],
)

page(
    id="65021833",
    col="gfxwj",
    pub=D(2021, 3, 5, 9, 30),
    title="贵阳市人民政府关于调整贵阳市征地补偿标准的通知",
    box="plain",
    # values shown with no labels at all: index number, publisher, publish date (profile rule)
    plain=[f"{IDX_OFFICE}/2021-00097", GOV, "2021-03-05"],
    info=None,
    body="TRS_Editor",
    blocks=[
        P("各区（市、县）人民政府，市政府各工作部门："),
        P(
            "根据《贵州省人民政府关于公布贵州省征收农用地区片综合地价的通知》精神，经市人民政府研究，决定调整本市征地补偿标准，现将有关事项通知如下。"
        ),
        P("一、征收农用地的土地补偿费和安置补助费，按照省公布的区片综合地价执行。"),
        P("二、地上附着物和青苗补偿标准由各区（市、县）人民政府制定并公布。"),
        P("三、本通知自发布之日起施行。"),
        *RIGHT(GOV, "2021年3月5日"),
    ],
)

page(
    id="65390045",
    col="gfxwj",
    pub=D(2021, 5, 20, 16, 30, 12),
    list_href="root",
    title="贵阳市交通委员会关于进一步规范网络预约出租汽车经营服务管理的通知",
    box="table",
    meta=[
        [("索引号：", "11520100009447132X/2021-00186"), ("主题分类：", "交通运输\\公路")],
        [("发布机构：", "贵阳市交通委员会"), ("成文时间：", None)],
        [("文号：", None), ("文件有效性：", NBSP)],
    ],
    info=[("发布时间：", D(2021, 5, 20, 16, 30, 12)), ("来源：", "贵阳市交通委员会")],
    body="TRS_Editor",
    blocks=[
        P("各网约车平台公司，各有关单位："),
        P("为进一步规范网络预约出租汽车经营服务行为，保障乘客合法权益，现就有关事项通知如下。"),
        P("一、网约车平台公司应当在本市设立服务机构，并向市交通运输主管部门报送运营数据。"),
        P("二、网约车驾驶员应当取得网络预约出租汽车驾驶员证，车辆应当取得网络预约出租汽车运输证。"),
        P("三、本通知自发布之日起施行。"),
        *RIGHT("贵阳市交通委员会", "2021年5月18日"),
    ],
)

page(
    id="66012478",
    col="gfxwj",
    pub=D(2021, 8, 30, 11, 20),
    title="贵阳市住房和城乡建设局关于印发贵阳市住宅专项维修资金管理办法的通知",
    box="table",
    meta=[
        [
            ("索引号：", "11520100009447116A/2021-00341"),
            ("主题分类：", "城乡建设、环境保护\\房地产业"),
        ],
        [("发布机构：", "贵阳市住房和城乡建设局"), ("成文时间：", D(2021, 8, 25, fmt="cn"))],
        [("文号：", "筑住建规〔2021〕3号"), ("发布时间：", D(2021, 8, 30))],
        [("文件有效性：", "有效")],
    ],
    info=[("发布时间：", D(2021, 8, 30, 11, 20)), ("来源：", "贵阳市住房和城乡建设局")],
    body="TRS_Editor",
    blocks=[
        P("各区（市、县）住房城乡建设局，各物业服务企业："),
        P("现将《贵阳市住宅专项维修资金管理办法》印发给你们，请遵照执行。"),
        P(
            "住宅专项维修资金专项用于住宅共用部位、共用设施设备保修期满后的维修和更新、改造，不得挪作他用。"
        ),
        P("维修资金的使用应当遵循方便快捷、公开透明、受益人和负担人相一致的原则。"),
        *RIGHT("贵阳市住房和城乡建设局", "2021年8月25日"),
        ATT(("P020210830423761510808.pdf", "贵阳市住宅专项维修资金管理办法.pdf"), label="附件："),
    ],
    # the template writes the attachment block after the body, from an inline script
    outside="js",
    outside_links=[
        ("P020210830423761510808.pdf", "贵阳市住宅专项维修资金管理办法.pdf"),
        ("P020210830423762136954.doc", "维修资金使用申请表.doc"),
    ],
)

page(
    id="66204519",
    col="gfxwj",
    pub=D(2021, 9, 13, fmt="cn1"),
    pubmeta=D(2021, 9, 14, 8, 58),  # generated the day after: its time must not be used
    title="贵阳市应急管理局关于印发贵阳市生产安全事故应急预案管理实施细则的通知",
    box="table",
    meta=[
        [("索　引　号：", "11520100MB1636802C/2021-00057"), ("主题分类：", "公共安全\\安全生产")],
        [("发布机构：", "贵阳市应急管理局"), ("成文时间：", D(2021, 9, 9, fmt="cn1"))],
        [("文　　号：", "筑应急规〔2021〕2号"), ("发布时间：", D(2021, 9, 13, fmt="cn1"))],
        [("文件有效性：", "有效")],
    ],
    info=None,
    body="TRS_Editor",
    blocks=[
        P("各区（市、县）应急管理局，市有关部门，各生产经营单位：", "nbsp"),
        P(
            "为规范生产安全事故应急预案管理工作，迅速有效处置生产安全事故，现将《贵阳市生产安全事故应急预案管理实施细则》印发给你们，请认真贯彻执行。",
            "nbsp",
        ),
        P(
            "生产经营单位应当每3年至少开展一次应急预案评估，评估结果作为修订应急预案的依据。",
            "nbsp",
        ),
        *RIGHT("贵阳市应急管理局", "2021年9月9日"),
        P("附件：", "nbsp"),
        JS(("P020210913581240233416.pdf", "贵阳市生产安全事故应急预案管理实施细则.pdf")),
    ],
)

page(
    id="66730012",
    col="gfxwj",
    pub=D(2021, 12, 10, 15, 0),
    title="贵阳市市场监督管理局关于印发贵阳市食品小作坊登记管理办法的通知",
    box="table",
    meta=[
        [
            ("索引号", "00944713X-202112-000128"),
            ("主题分类", "市场监管、安全生产监管\\食品药品监管"),
        ],
        [("发布机构", "贵阳市市场监督管理局"), ("成文时间", D(2021, 12, 6))],
        [("文号", "筑市监规〔2021〕5号"), ("发布时间", D(2021, 12, 10, 15, 0))],
        [("文件有效性", "有效")],
    ],
    info=None,
    body="TRS_Editor",
    blocks=[
        P("各区（市、县）市场监督管理局："),
        P(
            "为加强食品小作坊登记管理，保障食品安全，根据《贵州省食品安全条例》，我局制定了《贵阳市食品小作坊登记管理办法》，现印发给你们，请遵照执行。"
        ),
        P("食品小作坊登记证有效期为3年。有效期届满需要延续的，应当在届满30日前提出申请。"),
        *RIGHT("贵阳市市场监督管理局", "2021年12月6日"),
    ],
)

page(
    id="67502218",
    col="gfxwj",
    pub=D(2022, 2, 18, 17, 45),
    title="贵阳市人民政府关于印发贵阳市政府规章制定程序规定的通知",
    box="li",
    meta=[
        [("索 引 号：", f"{IDX_OFFICE}/2022-00031")],
        [("发文机关：", GOV), ("成文日期：", D(2022, 2, 14, fmt="cn"))],
        [("发文字号：", "筑府规〔2022〕3号"), ("发布日期：", D(2022, 2, 18, fmt="cn"))],
        [("公文种类：", "通知"), ("主题分类：", "政府工作、政务公开\\政府规章")],
        [("主 题 词：", "规章；制定程序；立法"), ("有效性：", "有效")],
    ],
    info=None,
    body="TRS_Editor",
    blocks=[
        P("各区（市、县）人民政府，市政府各工作部门：", "word"),
        P(
            "《贵阳市政府规章制定程序规定》已经2022年2月10日市人民政府第8次常务会议审议通过，现予印发，请认真贯彻执行。",
            "word",
        ),
        P(
            "市人民政府法制机构负责组织起草、审查政府规章草案，起草单位应当广泛听取意见，征求意见的期限一般不少于30日。",
            "word",
        ),
        *RIGHT(GOV, "2022年2月14日"),
    ],
)

page(
    id="68013390",
    col="gfxwj",
    pub=D(2022, 7, 8, 18, 50),
    title="贵阳市自然资源和规划局关于印发贵阳市建设用地容积率管理规定的通知",
    box="table",
    box_pos="outer",  # the box is outside the article: the info line is nearer the body
    meta=[
        [("索引号：", f"{IDX_ZRZY}/2022-00214"), ("主题分类：", "国土资源、能源\\土地")],
        [("发布机构：", "贵阳市自然资源和规划局"), ("成文时间：", D(2022, 7, 4))],
        [("文号：", "筑自然资规〔2022〕2号"), ("发布时间：", D(2022, 7, 8))],
        [("文件有效性：", "有效")],
    ],
    info=[("发布时间：", D(2022, 7, 8, 18, 50)), ("来源：", "贵阳市自然资源和规划局")],
    body="TRS_Editor",
    blocks=[
        P("各区（市、县）自然资源部门，各有关单位：", "word"),
        P(
            "为规范建设用地容积率管理，现将《贵阳市建设用地容积率管理规定》印发给你们，请遵照执行。",
            "word",
        ),
        BR(
            "一、容积率指标应当依据控制性详细规划确定。",
            "二、经依法批准的容积率指标不得擅自调整。",
            "三、确需调整的，应当组织专家论证并公示不少于30日。",
        ),
        *RIGHT("贵阳市自然资源和规划局", "2022年7月4日"),
    ],
)

# --- 规划信息 --------------------------------------------------------------------------------
page(
    id="63910026",
    col="ghxx",
    pub=D(2020, 10, 15, 10, 0),
    title="贵阳市“十四五”综合交通运输发展规划编制工作方案",
    box="dl",
    meta=[
        [("索引号：", f"{IDX_FGW}/2020-00187")],
        [("发布机构：", "贵阳市发展和改革委员会")],
        [("成文时间：", D(2020, 10, 9))],
        [("发布时间：", D(2020, 10, 15))],
        [("文件有效性：", None)],
        [("主题分类：", "交通运输\\综合")],
    ],
    info=[("发布时间：", D(2020, 10, 15, 10, 0))],
    body="TRS_Editor",
    blocks=[
        P("为科学编制贵阳市“十四五”综合交通运输发展规划，制定本工作方案。"),
        P("一、编制原则：坚持统筹协调、适度超前、安全绿色、创新智慧。"),
        P("二、进度安排：2020年12月底前完成规划初稿，2021年6月底前完成审批。"),
        P("三、组织保障：成立规划编制领导小组，办公室设在市发展改革委。"),
    ],
)

page(
    id="64807715",
    col="ghxx",
    pub=D(2021, 2, 24, 14, 20),
    title="贵阳市国土空间总体规划（2021—2035年）编制情况说明",
    box="table",
    meta=[
        [("索引号：", f"{IDX_ZRZY}/2021-00044"), ("主题分类：", "国土资源、能源\\其他")],
        [("关键词：", "国土空间规划、总体规划、编制")],
    ],
    info=[("发布时间：", D(2021, 2, 24, 14, 20)), ("来源：", "贵阳市自然资源和规划局")],
    body="TRS_Editor",
    blocks=[
        P("贵阳市国土空间总体规划是全市国土空间保护、开发、利用、修复的政策和总纲。"),
        P("规划期限为2021年至2035年，近期至2025年，远景展望至2050年。"),
        P("规划范围包括市域和中心城区两个层次。"),
        IMG("W020210224580163942711.jpg"),
        P("下一步，我局将广泛征求社会各界意见，进一步修改完善规划成果。"),
    ],
)

page(
    id="66421950",
    col="ghxx",
    pub=D(2021, 10, 28),
    pubmeta=None,
    meta_source="贵阳市林业局",
    title="贵阳市林业发展“十四五”规划",
    box="li",
    meta=[
        [("索引号：", "11520100009447212D/2021-00093"), ("主题分类：", "农业、林业、水利\\林业")],
        [("文号：", None), ("发布时间：", D(2021, 10, 28))],
    ],
    info=None,
    body="trs_editor_view",
    blocks=[
        P("“十四五”时期，全市林业以提升森林质量为核心，巩固生态屏障。"),
        P("到2025年，全市森林覆盖率稳定在55%以上，森林蓄积量达到3000万立方米。"),
        P("规划提出实施国土绿化、森林质量精准提升、林业产业发展等重点工程。"),
    ],
)

page(
    id="67800412",
    col="ghxx",
    pub=D(2022, 5, 12, 9, 48),
    title="贵阳市“十四五”应急体系建设规划",
    box="table",
    meta=[
        [("索引号：", "11520100MB1636802C/2022-00038"), ("主题分类：", "公共安全\\应急管理")],
        [("发布机构：", "贵阳市应急管理局"), ("成文时间：", D(2022, 5, 10, 15, 0, 0))],
        [("文号：", "筑应急发〔2022〕16号"), ("发布时间：", D(2022, 5, 12, 9, 48))],
        [("文件有效性：", "有效")],
    ],
    info=None,
    body="zoom",
    blocks=[
        P("为加快推进应急管理体系和能力现代化，依据相关法律法规和规划，编制本规划。"),
        P("规划期为2021年至2025年。"),
        ATT(
            ("P020220512394012857163.zip", "贵阳市“十四五”应急体系建设规划（全文及图表）.zip"),
            ("P020220512394013361247.xlsx", "重点项目表.xlsx"),
            label="相关附件：",
        ),
    ],
)

# --- 财政资金 --------------------------------------------------------------------------------
page(
    id="64290518",
    col="czzj",
    pub=D(2020, 12, 18, 11, 5),
    title="贵阳市财政局关于2021年市级部门预算编制工作的通知",
    box="table",
    meta=[
        [("索引号：", f"{IDX_CZJ}/2020-00612"), ("主题分类：", "财政、金融、审计\\财政")],
        [("发布机构：", "贵阳市财政局"), ("成文时间：", D(2020, 12, 15))],
        [("文号：", "筑财预〔2020〕52号"), ("发布时间：", D(2020, 12, 18))],
        [("文件有效性：", "有效")],
    ],
    info=[("发布时间：", D(2020, 12, 18, 11, 5)), ("来源：", "贵阳市财政局")],
    body="TRS_Editor",
    blocks=[
        P("市直各部门："),
        P("根据市委、市政府工作部署，现就2021年市级部门预算编制有关事项通知如下。"),
        T(
            ["时间节点", "工作内容"],
            ["12月25日前", "各部门报送一上预算"],
            ["1月15日前", "市财政局下达控制数"],
            ["1月25日前", "各部门报送二上预算"],
        ),
        ATT(("P020201218561203385910.xlsx", "2021年部门预算报表.xlsx")),
    ],
)

page(
    id="65677301",
    col="czzj",
    pub=D(2021, 6, 22, 17, 10),
    title="贵阳市2020年市级决算公开说明",
    box="table",
    meta=[
        [("索引号：", f"{IDX_CZJ}/2021-00288"), ("主题分类：", "财政、金融、审计\\财政")],
        [("发布机构：", "贵阳市财政局"), ("发布时间：", D(2021, 6, 22, 17, 10))],
        [("文件有效性：", "有效")],
    ],
    info=None,
    body="zoom_trs",  # <div id="zoom"><div class="TRS_Editor">…</div> appendix links </div>
    blocks=[
        P("经市人民代表大会常务委员会批准，现将贵阳市2020年市级决算公开如下。"),
        T(
            ["项目", "预算数（万元）", "决算数（万元）"],
            ["一般公共预算收入", "4186523", "4201377"],
            ["一般公共预算支出", "5362018", "5297746"],
        ),
        P("2020年市级一般公共预算收入完成预算的100.4%。"),
    ],
    outside="zoom",
    outside_links=[
        ("P020210622617754302985.pdf", "贵阳市2020年市级决算报表.pdf"),
        ("P020210622617755123460.doc", "决算说明.doc"),
    ],
)

page(
    id="67113009",
    col="czzj",
    pub=D(2022, 1, 20, 10, 16),
    title="贵阳市2022年民生实事财政资金安排情况",
    box="li",
    meta=[
        [("索 引 号：", f"{IDX_CZJ}/2022-00019"), ("主题分类：", "2022年")],
        [("发布&nbsp;机构：", "贵阳市财政局"), ("发布时间：", D(2022, 1, 20, 10, 16))],
        [("关 键 词：", "民生实事，财政资金，2022年")],
    ],
    info=None,
    body="TRS_Editor",
    blocks=[
        P("2022年，市财政统筹安排资金支持十件民生实事。", "word"),
        BR(
            "（一）新增中小学学位2万个；",
            "（二）改造老旧小区120个；",
            "（三）新建城市公共停车位1万个。",
        ),
        P("市财政局将加强资金监管，确保资金及时足额拨付。", "word"),
    ],
)

page(
    id="68250067",
    col="czzj",
    pub=D(2022, 8, 16, fmt="slash"),
    pubmeta=D(2022, 8, 16, 15, 32),
    list_href="absolute",
    title="贵阳市2022年上半年预算执行情况",
    box="table",
    meta=[
        [("索引号：", f"{IDX_CZJ}/2022-00377"), ("主题分类：", "财政、金融、审计\\财政")],
        [("发布机构：", "贵阳市财政局"), ("公开日期：", D(2022, 8, 16, fmt="slash"))],
    ],
    info=None,
    body="TRS_Editor",
    blocks=[
        P("2022年上半年，全市一般公共预算收入完成年度预算的52.3%。"),
        T(
            ["项目", "年初预算（亿元）", "1—6月完成（亿元）"],
            ["一般公共预算收入", "456.2", "238.6"],
            ["一般公共预算支出", "780.5", "401.2"],
        ),
    ],
)

SOFT_404: dict[str, Any] = {
    "col": "gfxwj",
    "id": "68800001",
    "date": D(2022, 9, 15),
    "title": "关于公布2022年市级行政规范性文件清理结果的通知",
}
DELETED: dict[str, Any] = {
    "col": "ghxx",
    "id": "63000001",
    "date": D(2020, 6, 1),
    "title": "贵阳市2020年重大工程和重点项目名单",
}

# list pages: column -> pages -> entries (page id, soft404, deleted, or ("dup", id))
LISTS: dict[str, list[list[str]]] = {
    "gfxwj": [
        ["68800001", "68013390", "67502218", "66730012"],
        ["66204519", "66012478", "65390045", "65021833"],
        ["64533107", "64100321", "63718214"],
    ],
    "ghxx": [
        ["63000001", "67800412", "66421950"],
        ["64807715", "63910026", "dup:63718214"],
    ],
    "czzj": [
        ["68250067", "67113009"],
        ["65677301", "64290518"],
    ],
}

# ---------------------------------------------------------------------------------------------
# the site's chrome
# ---------------------------------------------------------------------------------------------
CSS = """body{margin:0;font:14px/1.8 "Microsoft YaHei",sans-serif;color:#333}
.gy-header{background:#c8161d;color:#fff}.gy-topbar,.gy-notice{width:1200px;margin:0 auto}
.gy-nav ul{list-style:none;display:flex;background:#a80f15;margin:0}.gy-nav a{color:#fff;padding:0 20px}
.gy-main{width:1200px;margin:20px auto}.gy-crumb{border-bottom:1px solid #ddd}
.gy-xxgk-table{width:100%;border-collapse:collapse}.gy-xxgk-table td{border:1px solid #e5e5e5;padding:4px 8px}
.gy-article-title{font-size:26px;text-align:center}.gy-article-info{text-align:center;color:#999}
.TRS_Editor,.trs_editor_view,#zoom{font-size:16px}.gy-list li{display:flex;justify-content:space-between}
.gy-footer{background:#f2f2f2;text-align:center;padding:20px 0}
"""

HEADER = """<div class="gy-header">
  <div class="gy-topbar">
    <span class="gy-today">今天是：<script type="text/javascript">document.write(new Date().toLocaleDateString());</script></span>
    <a href="javascript:void(0)">无障碍浏览</a> | <a href="javascript:void(0)">长者模式</a> | <a href="javascript:void(0)">English</a>
  </div>
  <div class="gy-logo"><h1><a href="/"><img src="/images/gy_logo.png" alt="贵阳市人民政府"></a></h1></div>
  <div class="gy-notice">
    <span class="gy-notice-label">发布时间：</span><span class="gy-notice-date">2024-06-28</span>
    <a href="/zwgk/zwgktzgg/">关于贵阳市人民政府门户网站系统升级维护的公告</a>
  </div>
  <form class="gy-search" action="/search/" method="get"><input type="text" name="searchWord" placeholder="请输入关键字"><button type="submit">搜索</button></form>
</div>
<div class="gy-nav">
  <ul>
    <li><a href="/">首页</a></li>
    <li><a href="/zwgk/">政务公开</a></li>
    <li><a href="/zwfw/">政务服务</a></li>
    <li><a href="/hdjl/">互动交流</a></li>
    <li><a href="/zjgy/">走进贵阳</a></li>
  </ul>
</div>"""

FOOTER = """<div class="gy-footer">
  <p><a href="/">网站地图</a> | <a href="/">联系我们</a> | <a href="/">网站声明</a></p>
  <p>主办：贵阳市人民政府办公厅　承办：贵阳市大数据发展管理局</p>
  <p>网站标识码：5201000003　黔ICP备05000923号　<a href="/">黔公网安备 52010302000323号</a></p>
</div>"""


def head(title: str, extra_meta: str = "") -> str:
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{esc(title)}</title>
<meta name="SiteName" content="{SITE}">
<meta name="SiteDomain" content="www.guiyang.gov.cn">
<meta name="SiteIDCode" content="5201000003">
{extra_meta}<link rel="stylesheet" type="text/css" href="/images/gy_common.css">
</head>
<body>
{HEADER}
"""


def crumb(names: list[str], col_path: str | None = None) -> str:
    links = ['<a href="/">首页</a>']
    for i, name in enumerate(names):
        href = col_path + "index.html" if col_path and i == len(names) - 1 else "/zwgk/"
        links.append(f'<a href="{href}">{esc(name)}</a>')
    return '<div class="gy-crumb">当前位置：' + " &gt; ".join(links) + "</div>"


def tail() -> str:
    return f"{FOOTER}\n</body>\n</html>\n"


# ---------------------------------------------------------------------------------------------
# detail pages
# ---------------------------------------------------------------------------------------------
def folder(p: dict[str, Any]) -> str:
    pub: D = p["pub"]
    return f"{COLUMNS[p['col']]['path']}{pub.y:04d}{pub.m:02d}/"


def detail_path(p: dict[str, Any]) -> str:
    pub: D = p["pub"]
    return f"{folder(p)}t{pub.y:04d}{pub.m:02d}{pub.d:02d}_{p['id']}.html"


def box_html(p: dict[str, Any]) -> str:
    style = p["box"]
    if style == "plain":
        plain = "".join(f"<li>{esc(v)}</li>" for v in p["plain"])
        return f'<div class="gy-xxgk-plain"><ul>{plain}</ul></div>'
    rows: list[list[tuple[str, Value]]] = p["meta"]
    if style == "table":
        out = [
            '<div class="gy-xxgk-box">',
            '<table class="gy-xxgk-table" width="100%" cellspacing="0" cellpadding="0">',
            "<tbody>",
        ]
        for row in rows:
            cells = []
            for label, value in row:
                span = ' colspan="3"' if len(row) == 1 else ""
                cells.append(
                    f'<td class="gy-td-l" width="12%">{label}</td><td class="gy-td-r"{span}>{value_html(value)}</td>'
                )
            out.append("<tr>" + "".join(cells) + "</tr>")
        out += ["</tbody>", "</table>", "</div>"]
        return "\n".join(out)
    if style == "li":
        lis = [
            f'<li><span class="gy-xxgk-label">{label}</span>{value_html(value)}</li>'
            for row in rows
            for label, value in row
        ]
        return (
            '<div class="gy-xxgk-box">\n<ul class="gy-xxgk-list">\n'
            + "\n".join(lis)
            + "\n</ul>\n</div>"
        )
    if style == "dl":
        dls = [
            f"<dl><dt>{label}</dt><dd>{value_html(value)}</dd></dl>"
            for row in rows
            for label, value in row
        ]
        return '<div class="gy-xxgk-box gy-xxgk-dl">\n' + "\n".join(dls) + "\n</div>"
    raise ValueError(style)


def info_html(p: dict[str, Any]) -> str:
    parts = [
        f"<span>{esc(label)}{esc(value_text(value))}</span>" for label, value in p.get("info") or []
    ]
    parts.append(
        '<span class="gy-font">字号：<a href="javascript:doZoom(18)">大</a> '
        '<a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(14)">小</a></span>'
    )
    return '<div class="gy-article-info">' + "&nbsp;&nbsp;&nbsp;&nbsp;".join(parts) + "</div>"


TRS_STYLE = """<style type="text/css">
.TRS_Editor P{margin-top:0px;margin-bottom:12px;line-height:1.8;font-family:宋体;font-size:12pt;}
.TRS_Editor TD{margin-top:0px;margin-bottom:12px;line-height:1.8;font-family:宋体;font-size:12pt;}
</style>"""


def body_html(p: dict[str, Any]) -> str:
    inner = "\n".join(block_html(b) for b in p["blocks"])
    kind = p["body"]
    if kind == "TRS_Editor":
        return f'<div class="gy-article-con">\n<div class="TRS_Editor">{TRS_STYLE}\n<div class="Custom_UnionStyle">\n{inner}\n</div>\n</div>\n</div>'
    if kind == "trs_editor_view":
        return f'<div class="gy-article-con">\n<div class="trs_editor_view TRS_UEDITOR trs_paper_default trs_web">\n{inner}\n</div>\n</div>'
    if kind == "zoom":
        return f'<div id="zoom" class="gy-article-con">\n{inner}\n</div>'
    if kind == "zoom_trs":
        links = "\n".join(
            f'<p><a appendix="true" href="./{f}" OLDSRC="{oldsrc(f)}">{esc(t)}</a></p>'
            for f, t in p["outside_links"]
        )
        return (
            f'<div id="zoom" class="gy-article-con">\n<div class="TRS_Editor">{TRS_STYLE}\n{inner}\n</div>\n'
            f'<div class="gy-appendix"><p>附件下载：</p>\n{links}\n</div>\n</div>'
        )
    raise ValueError(kind)


def outside_html(p: dict[str, Any]) -> str:
    if p.get("outside") == "js":
        return (
            '<div class="gy-article-fj">\n<p class="gy-fj-title">相关附件：</p>\n'
            + js_write(p["outside_links"])
            + "\n</div>"
        )
    return ""


def meta_source(p: dict[str, Any]) -> str | None:
    """<meta name="ContentSource">: the page's own value, else the info line's 来源."""
    if "meta_source" in p:
        return str(p["meta_source"])
    return next((str(v) for label, v in p.get("info") or [] if label_key(label) == "来源"), None)


def meta_html(p: dict[str, Any]) -> str:
    pubmeta: D | None = p.get("pubmeta", p["pub"])
    lines = [
        f'<meta name="ColumnName" content="{attr(COLUMNS[p["col"]]["name"])}">',
        f'<meta name="ColumnType" content="{attr(COLUMNS[p["col"]]["name"])}">',
        f'<meta name="ArticleTitle" content="{attr(p["title"])}">',
    ]
    if pubmeta is not None:
        stamp = pubmeta.day + (
            f" {pubmeta.H:02d}:{pubmeta.M or 0:02d}" if pubmeta.H is not None else ""
        )
        lines.append(f'<meta name="PubDate" content="{stamp}">')
    source = meta_source(p)
    if source is not None:
        lines.append(f'<meta name="ContentSource" content="{attr(source)}">')
    lines.append(f'<meta name="Keywords" content="{attr(p.get("keywords", ""))}">')
    lines.append(f'<meta name="Url" content="{HOST}{detail_path(p)}">')
    return "\n".join(lines) + "\n"


RELATED = """<div class="gy-related">
<h3>相关链接</h3>
<ul>
<li><a href="https://www.gov.cn/" target="_blank">中国政府网</a></li>
<li><a href="https://www.guizhou.gov.cn/" target="_blank">贵州省人民政府</a></li>
</ul>
</div>"""


def detail_html(p: dict[str, Any]) -> str:
    col = COLUMNS[p["col"]]
    heading = p.get("heading", p["title"])
    article = [
        '<div class="gy-article">',
        box_html(p) if p.get("box_pos", "article") == "article" else "",
        f'<h1 class="gy-article-title">{esc(heading)}</h1>',
        info_html(p),
        body_html(p),
        outside_html(p),
        '<div class="gy-article-tool"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>',
        "</div>",
    ]
    main = [
        '<div class="gy-main">',
        crumb(col["crumb"], col["path"]),
        '<div class="gy-detail">',
        box_html(p) if p.get("box_pos") == "outer" else "",
        "\n".join(x for x in article if x),
        RELATED,
        "</div>",
        "</div>",
    ]
    return (
        head(f"{p['title']}_{col['name']}_{SITE}", meta_html(p))
        + "\n".join(x for x in main if x)
        + "\n"
        + tail()
    )


# ---------------------------------------------------------------------------------------------
# expected records (the rules of README "Record fields", applied to the data above)
# ---------------------------------------------------------------------------------------------
def occurrences(p: dict[str, Any]) -> list[tuple[str, Value]]:
    """Every label/value the page shows, in the order the parser meets them: from the body
    outwards (the info line of the article before a box outside it), document order within."""
    box: list[tuple[str, Value]] = []
    if p["box"] != "plain":
        box = [(label_key(label), value) for row in p["meta"] for label, value in row]
    info = [(label_key(label), value) for label, value in p.get("info") or []]
    return info + box if p.get("box_pos") == "outer" else box + info


def split_words(value: str | None) -> list[str]:
    return [w for w in _KW_SPLIT.split(value or "") if w]


def with_time(primary: D | None, hints: list[D]) -> D | None:
    if primary is None or primary.has_time:
        return primary
    for h in hints:
        if h.has_time and h.day == primary.day:
            return h
    return primary


def expected(
    p: dict[str, Any], url: str, attachments: list[dict[str, str]], host: str
) -> dict[str, Any]:
    occ = occurrences(p)
    pairs: dict[str, Value] = {}
    for label, value in occ:
        if not value_text(pairs.get(label)):
            pairs[label] = value
    fields: dict[str, Value] = {}
    for label, value in pairs.items():
        name = LABELS[label]
        if value_text(value) and not value_text(fields.get(name)):
            fields[name] = value
    if p["box"] == "plain":  # the profile rule: index_no, publisher, publish_date by position
        idx, pub_org, pub_day = p["plain"]
        fields.setdefault("index_no", idx)
        fields.setdefault("publisher", pub_org)
        y, m, d = (int(x) for x in pub_day.split("-"))
        fields.setdefault("publish_date", D(y, m, d))

    def text(name: str) -> str | None:
        return value_text(fields.get(name)) or None

    hints: list[D] = [v for label, v in occ if LABELS[label] == "publish_date" and isinstance(v, D)]
    pubmeta = p.get("pubmeta", p["pub"])
    if pubmeta is not None:
        hints.append(pubmeta)
    labelled = fields.get("publish_date")
    assert labelled is None or isinstance(labelled, D)
    published = with_time(labelled or (hints[0] if hints else None), hints)
    written = fields.get("written_date")
    assert written is None or isinstance(written, D)
    index_no = text("index_no")
    km = _KM_INDEX.match(index_no or "")
    lines = [ln for b in p["blocks"] for ln in block_lines(b) if ln]
    record: dict[str, Any] = {
        "url": url,
        "title": text("title") or p.get("heading", p["title"]),
        "index_no": index_no,
        "index_no_parts": {"org_code": km[1], "period": km[2], "serial": km[3]} if km else None,
        "topic": text("topic"),
        "publisher": text("publisher")
        or text("issuer")
        or text("source")
        or meta_source(p)
        or None,
        "publish_date": published.iso if published else None,
        "doc_no": text("doc_no"),
        "keywords": split_words(text("keywords")),
        "body_text": "\n".join(lines),
        "attachments": attachments,
        "written_date": written.iso if written else None,
        "validity": text("validity"),
        "issuer": text("issuer"),
        "doc_type": text("doc_type"),
        "subject_words": split_words(text("subject_words")),
    }
    assert record["publish_date"] is not None and record["publish_date"].startswith(p["pub"].day), (
        p["id"],
        record["publish_date"],
    )
    assert host
    return record


def page_attachments(p: dict[str, Any], base: str) -> list[dict[str, str]]:
    """Body links first (document order), then the attachment block outside the body; a URL
    once."""
    links = [link for b in p["blocks"] for link in block_links(b)]
    links += list(p.get("outside_links") or [])
    out: list[dict[str, str]] = []
    seen: set[str] = set()
    for file, text in links:
        url = base + file
        ext = file.rsplit(".", 1)[-1].lower()
        if ext in ATTACHMENT_EXTS and url not in seen:
            seen.add(url)
            out.append({"url": url, "name": norm(text), "ext": ext})
    return out


# ---------------------------------------------------------------------------------------------
# attachment files: small but well-formed
# ---------------------------------------------------------------------------------------------
ZIP_DATE = (2021, 1, 1, 0, 0, 0)


def pdf_bytes(lines: list[str]) -> bytes:
    """A one-page PDF with a text layer (ASCII lines, Helvetica)."""

    def pdf_str(s: str) -> str:
        return "(" + s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"

    ops = ["BT", "/F1 12 Tf", "16 TL", "72 740 Td"]
    for line in lines:
        ops.append(f"{pdf_str(line)} Tj T*")
    ops.append("ET")
    stream = "\n".join(ops).encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + obj + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n".encode()
    out += b"0000000000 65535 f \n"
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


def zip_bytes(members: list[tuple[str, bytes]]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
    return buf.getvalue()


def xml_text(s: str) -> str:
    return html.escape(s, quote=False)


def docx_bytes(paragraphs: list[str]) -> bytes:
    body = "".join(f"<w:p><w:r><w:t>{xml_text(t)}</w:t></w:r></w:p>" for t in paragraphs)
    return zip_bytes(
        [
            (
                "[Content_Types].xml",
                b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
            ),
            (
                "_rels/.rels",
                b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
            ),
            (
                "word/document.xml",
                (
                    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
                    + body
                    + "</w:body></w:document>"
                ).encode("utf-8"),
            ),
        ]
    )


def xlsx_bytes(rows: list[list[str]]) -> bytes:
    def cell(ref: str, value: str) -> str:
        if re.fullmatch(r"-?\d+(?:\.\d+)?", value):
            return f'<c r="{ref}"><v>{value}</v></c>'
        return f'<c r="{ref}" t="inlineStr"><is><t>{xml_text(value)}</t></is></c>'

    sheet_rows = "".join(
        f'<row r="{r}">'
        + "".join(cell(f"{chr(65 + c)}{r}", v) for c, v in enumerate(row))
        + "</row>"
        for r, row in enumerate(rows, 1)
    )
    return zip_bytes(
        [
            (
                "[Content_Types].xml",
                b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
            ),
            (
                "_rels/.rels",
                b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
            ),
            (
                "xl/workbook.xml",
                b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
            ),
            (
                "xl/_rels/workbook.xml.rels",
                b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
            ),
            (
                "xl/worksheets/sheet1.xml",
                (
                    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
                    + sheet_rows
                    + "</sheetData></worksheet>"
                ).encode("utf-8"),
            ),
        ]
    )


def ole_bytes(label: str) -> bytes:
    """A placeholder with the OLE compound-file signature (.doc is archived, not read)."""
    return (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\x00" * 16
        + b"\x3e\x00\x03\x00\xfe\xff"
        + label.encode("ascii").ljust(486, b"\x00")
    )


def attachment_file(file: str, text: str) -> bytes:
    ext = file.rsplit(".", 1)[-1].lower()
    tag = f"xxgk mirror attachment {file}"
    if ext == "pdf":
        return pdf_bytes(
            [tag, "Guiyang Municipal People's Government", "This placeholder stands for: " + file]
        )
    if ext == "docx":
        return docx_bytes([text, "贵阳市人民政府门户网站镜像中的附件样例。", tag])
    if ext == "xlsx":
        return xlsx_bytes(
            [["项目", "金额（万元）"], ["一般公共服务", "1250.5"], ["教育", "3860"], [tag, ""]]
        )
    if ext == "doc":
        return ole_bytes(tag)
    if ext == "zip":
        return zip_bytes(
            [
                ("说明.txt", ("本压缩包为镜像样例：" + text + "\n").encode("utf-8")),
                ("data.csv", "项目,金额\n应急救援,120\n".encode()),
            ]
        )
    raise ValueError(file)


# ---------------------------------------------------------------------------------------------
# list pages
# ---------------------------------------------------------------------------------------------
def pager_script(kind: str, count: int, current: int) -> str:
    if kind == "createPageHTML":
        return f"""<div class="gy-page" id="page_div"></div>
<script type="text/javascript">
  createPageHTML({count}, {current}, "index", "html");
</script>"""
    if kind == "countPage":
        return f"""<div class="gy-page">
<script type="text/javascript">
var currentPage = {current};//所在页从0开始
var prevPage = currentPage-1//上一页
var nextPage = currentPage+1//下一页
var countPage = {count}//共多少页
document.write("共"+countPage+"页&nbsp;&nbsp;");
if(countPage>1&&currentPage!=0&&currentPage!=1)
  document.write("<a href=\\"index.html\\">首页</a>&nbsp;<a href=\\"index"+"_" + prevPage + "."+"html\\">上一页</a>&nbsp;");
else if(countPage>1&&currentPage!=0&&currentPage==1)
  document.write("<a href=\\"index.html\\">首页</a>&nbsp;<a href=\\"index.html\\">上一页</a>&nbsp;");
if(countPage>1&&currentPage!=(countPage-1))
  document.write("<a href=\\"index"+"_" + nextPage + "."+"html\\">下一页</a>&nbsp;<a href=\\"index_" + (countPage-1) + ".html\\">尾页</a>");
</script>
</div>"""
    if kind == "Pager":
        return f"""<div class="gy-page" id="gy-pager"></div>
<script type="text/javascript">
  new Pager({{ size: {count}, current: {current}, prefix: 'index', suffix: 'html', el: '#gy-pager' }});
</script>"""
    raise ValueError(kind)


def list_page_name(n: int) -> str:
    return "index.html" if n == 0 else f"index_{n}.html"


def short(title: str, limit: int = 24) -> str:
    return title if len(title) <= limit else title[: limit - 1] + "…"


# ---------------------------------------------------------------------------------------------
# writing
# ---------------------------------------------------------------------------------------------
def write(path: Path, data: bytes | str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


def write_json(path: Path, obj: Any) -> None:
    write(path, json.dumps(obj, ensure_ascii=False, indent=2) + "\n")


def main() -> None:
    if OUT.exists():
        shutil.rmtree(OUT)
    for f in FIX.glob("*.json"):
        f.unlink()
    by_id = {p["id"]: p for p in PAGES}
    assert len(by_id) == len(PAGES)

    # detail pages, their attachments and expected records
    for p in PAGES:
        path = detail_path(p)
        write(OUT / path.lstrip("/"), detail_html(p))
        base = HOST + folder(p)
        atts = page_attachments(p, base)
        for b in [*p["blocks"]]:
            for file, text in block_links(b):
                write(OUT / (folder(p) + file).lstrip("/"), attachment_file(file, text))
        for file, text in p.get("outside_links") or []:
            write(OUT / (folder(p) + file).lstrip("/"), attachment_file(file, text))
        write_json(FIX / f"{p['id']}.expected.json", expected(p, HOST + path, atts, HOST))

    # the soft 404: a normal-looking page, served with 200, that says the document is gone
    sp = SOFT_404
    soft_path = f"{COLUMNS[sp['col']]['path']}{sp['date'].y}{sp['date'].m:02d}/t{sp['date'].day.replace('-', '')}_{sp['id']}.html"
    write(
        OUT / soft_path.lstrip("/"),
        head(f"页面不存在_{SITE}")
        + '<div class="gy-main">\n'
        + crumb(["提示信息"])
        + '\n<div class="gy-404">\n<img src="/images/gy_404.png" alt="">\n'
        + "<p>抱歉，您访问的页面不存在或已被删除！</p>\n"
        + '<p><a href="/">返回首页</a>　<a href="javascript:history.back()">返回上一页</a></p>\n</div>\n</div>\n'
        + tail(),
    )
    dp = DELETED
    deleted_path = f"{COLUMNS[dp['col']]['path']}{dp['date'].y}{dp['date'].m:02d}/t{dp['date'].day.replace('-', '')}_{dp['id']}.html"

    # list pages
    lists: dict[str, Any] = {}
    for col_id, pages in LISTS.items():
        col = COLUMNS[col_id]
        count = len(pages)
        page_urls = [HOST + col["path"] + list_page_name(n) for n in range(count)]
        for n, entries in enumerate(pages):
            items_html = []
            items: list[dict[str, Any]] = []
            for entry in entries:
                if entry == SOFT_404["id"]:
                    url, title, day = HOST + soft_path, SOFT_404["title"], SOFT_404["date"]
                    href = "./" + url[len(HOST + col["path"]) :]
                elif entry == DELETED["id"]:
                    url, title, day = HOST + deleted_path, DELETED["title"], DELETED["date"]
                    href = "./" + url[len(HOST + col["path"]) :]
                else:
                    dup = entry.startswith("dup:")
                    p = by_id[entry.removeprefix("dup:")]
                    url, title, day = HOST + detail_path(p), p["title"], p["pub"]
                    if dup or p.get("list_href") == "absolute":
                        href = url
                    elif p.get("list_href") == "root":
                        href = detail_path(p)
                    else:
                        assert p["col"] == col_id
                        href = "./" + detail_path(p)[len(col["path"]) :]
                if col["pager"] == "Pager":
                    items_html.append(
                        f'<li><a href="{attr(href)}" target="_blank" title="{attr(title)}">'
                        f'<span class="gy-list-tit">{esc(short(title))}</span>'
                        f'<div class="gy-list-date">{day.day}</div></a></li>'
                    )
                else:
                    items_html.append(
                        f'<li><a href="{attr(href)}" target="_blank" title="{attr(title)}">{esc(short(title))}</a>'
                        f"<span>{day.day}</span></li>"
                    )
                items.append({"url": url, "title": title, "date": day.day})
            body = (
                '<div class="gy-main">\n'
                + crumb(col["crumb"], col["path"])
                + '\n<div class="gy-lmy">\n<div class="gy-lmy-left">\n<h2>政府信息公开</h2>\n<ul class="gy-lmy-menu">\n'
                + "\n".join(
                    f'<li><a href="{c["path"]}index.html">{esc(c["name"])}</a></li>'
                    for c in COLUMNS.values()
                )
                + f'\n</ul>\n</div>\n<div class="gy-lmy-right" id="gy_lmy_right">\n<h2 class="gy-lmy-title">{esc(col["name"])}</h2>\n<ul class="gy-list">\n'
                + "\n".join(items_html)
                + "\n</ul>\n"
                + pager_script(col["pager"], count, n)
                + "\n</div>\n</div>\n</div>\n"
            )
            write(
                OUT / (col["path"] + list_page_name(n)).lstrip("/"),
                head(
                    f"{col['name']}_{SITE}",
                    f'<meta name="ColumnName" content="{attr(col["name"])}">\n',
                )
                + body
                + tail(),
            )
            lists[page_urls[n]] = {
                "items": items,
                "page_count": count,
                "page_urls": [u for i, u in enumerate(page_urls) if i != n],
            }
    write_json(FIX / "lists.json", lists)

    # home page, stylesheet, robots.txt, error page, routes
    home_links = "\n".join(
        f'<li><a href="{c["path"]}index.html">{esc(c["name"])}</a></li>' for c in COLUMNS.values()
    )
    write(
        OUT / "index.html",
        head(SITE)
        + f'<div class="gy-main">\n<h2>政府信息公开</h2>\n<ul>\n{home_links}\n</ul>\n</div>\n'
        + tail(),
    )
    write(OUT / "images" / "gy_common.css", CSS)
    write(OUT / "robots.txt", "User-agent: *\nDisallow: /protect/\nDisallow: /search/\n")
    write(
        OUT / "_mirror" / "404.html",
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>404 Not Found</title></head>'
        "<body><h1>404 Not Found</h1><p>The requested URL was not found on this server.</p></body></html>\n",
    )
    write(
        OUT / "routes.toml",
        "# Special routes of the www.guiyang.gov.cn mirror. Generated by mirror/generate_guiyang.py: do not edit.\n"
        "# Paths not listed here are served from the file at the same path.\n\n"
        "# 200 with a normal-looking page that says the document does not exist\n"
        f'[[route]]\npath = "{soft_path}"\nexpect_error = "soft_404"\n\n'
        "# deleted: the server's 404 page\n"
        f'[[route]]\npath = "{deleted_path}"\nstatus = 404\nfile = "_mirror/404.html"\nexpect_error = "not_found"\n',
    )
    write_gz_gov()


# ---------------------------------------------------------------------------------------------
# the second TRS profile: 贵州省人民政府 (www.guizhou.gov.cn), one fixture page, no mirror
# ---------------------------------------------------------------------------------------------
GZ_PAGE: dict[str, Any] = {
    "id": "70012345",
    "path": "/zwgk/zcfg/szfwj/qfbh/202109/t20210901_70012345.html",
    "pub": D(2021, 9, 1, 17, 30),
    "title": "贵州省人民政府办公厅关于进一步加强城市排水防涝工作的通知",
    "box": "li",
    "meta": [
        [("索引号：", "000014349/2021-00612"), ("主题分类：", "城乡建设、环境保护\\市政公用")],
        [("发文机关：", "贵州省人民政府办公厅"), ("成文日期：", D(2021, 8, 27, fmt="cn"))],
        [("标　　题：", "贵州省人民政府办公厅关于进一步加强城市排水防涝工作的通知")],
        [("发文字号：", "黔府办函〔2021〕103号"), ("发布日期：", D(2021, 9, 1, fmt="cn"))],
        [("公文种类：", "通知"), ("有效性：", "有效")],
        [("主题词：", "城市 排水 防涝")],
    ],
    "info": [("发布时间：", D(2021, 9, 1, 17, 30)), ("来源：", "贵州省人民政府办公厅")],
    "blocks": [
        P("各市、自治州人民政府，各县（市、区、特区）人民政府，省政府各部门、各直属机构："),
        P(
            "为进一步加强城市排水防涝工作，有效应对强降雨，保障人民群众生命财产安全，经省人民政府同意，现就有关事项通知如下。"
        ),
        P("一、各地要在每年汛前完成城市排水管网和泵站的全面排查，及时清疏管网。"),
        P("二、各地要建立城市内涝风险清单，落实易涝点“一点一策”整治措施。"),
        P("三、各地要加强应急抢险队伍和物资储备，强化预警信息发布。"),
        *RIGHT("贵州省人民政府办公厅", "2021年8月27日"),
        P("（此件公开发布）"),
    ],
    "outside_links": [("P020210901573406128841.pdf", "贵州省城市排水防涝工作要点.pdf")],
}


def gz_html(p: dict[str, Any]) -> str:
    items = [
        f'<li class="xxgk-li"><span class="xxgk-label">{esc(label)}</span><span class="xxgk-value">{value_html(value)}</span></li>'
        for row in p["meta"]
        for label, value in row
    ]
    info = "&nbsp;&nbsp;".join(
        f"<span>{esc(label)}{esc(value_text(value))}</span>" for label, value in p["info"]
    )
    inner = "\n".join(block_html(b) for b in p["blocks"])
    return f"""<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>{esc(p["title"])}_贵州省人民政府</title>
<meta name="SiteName" content="贵州省人民政府">
<meta name="SiteDomain" content="www.guizhou.gov.cn">
<meta name="SiteIDCode" content="5200000001">
<meta name="ColumnName" content="黔府办函">
<meta name="ArticleTitle" content="{attr(p["title"])}">
<meta name="PubDate" content="{p["pub"].day} {p["pub"].H:02d}:{p["pub"].M:02d}">
<meta name="ContentSource" content="贵州省人民政府办公厅">
</head>
<body>
<div class="header"><div class="top-bar"><span>欢迎访问贵州省人民政府网站</span><span class="date">发布时间：2024-07-01</span></div>
<div class="logo"><a href="/"><img src="/images/logo.png" alt="贵州省人民政府"></a></div></div>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/zwfw/">政务服务</a></li></ul></div>
<div class="container">
<div class="position">您当前所在位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/zcfg/">政策法规</a> &gt; <a href="/zwgk/zcfg/szfwj/">省政府文件</a> &gt; <a href="/zwgk/zcfg/szfwj/qfbh/">黔府办函</a></div>
<div class="xxgk_xl">
<div class="xxgk_xl_top">
<ul>
{chr(10).join(items)}
</ul>
</div>
<div class="Article">
<h1 class="Article_title">{esc(p["title"])}</h1>
<div class="Article_ly">{info}&nbsp;&nbsp;<span>【字体：<a href="javascript:void(0)">大</a> <a href="javascript:void(0)">中</a> <a href="javascript:void(0)">小</a>】</span></div>
<div id="zoom" class="Article_zw">
<div class="view TRS_UEDITOR trs_paper_default trs_web">
{inner}
</div>
</div>
<div class="Article_fj">
<script type="text/javascript">
var fjName = '{p["outside_links"][0][1]}';
document.write("<p>附件：<a href='./{p["outside_links"][0][0]}' target='_blank'>{p["outside_links"][0][1]}</a></p>");
</script>
</div>
</div>
</div>
</div>
<div class="footer"><p>主办：贵州省人民政府办公厅　网站标识码：5200000001　黔ICP备05000000号</p></div>
</body>
</html>
"""


def write_gz_gov() -> None:
    p = GZ_PAGE
    for f in GZ_FIX.glob("*"):
        f.unlink()
    name = p["path"].rsplit("/", 1)[-1]
    write(GZ_FIX / name, gz_html(p))
    base = GZ_HOST + p["path"].rsplit("/", 1)[0] + "/"
    atts = [
        {"url": base + f, "name": norm(t), "ext": f.rsplit(".", 1)[-1]}
        for f, t in p["outside_links"]
    ]
    # the box (div.xxgk_xl_top) is a sibling of the article: the info line is nearer the body
    p = {**p, "box_pos": "outer"}
    write_json(GZ_FIX / f"{p['id']}.expected.json", expected(p, GZ_HOST + p["path"], atts, GZ_HOST))


if __name__ == "__main__":
    main()
