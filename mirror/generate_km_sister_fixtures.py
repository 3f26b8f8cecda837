#!/usr/bin/env python3
# ruff: noqa: E501
"""Write one fixture detail page (and its expected parser output) for each of four Kunming
department sites of the ``km`` family that have a profile but no mirror.

Run from the repository root:  python3 mirror/generate_km_sister_fixtures.py   (stdlib only)

Writes, deterministically (same bytes on every run):
  tests/fixtures/<site_id>/<id>.shtml           the page at https://<host>/c/YYYY-MM-DD/<id>.shtml
  tests/fixtures/<site_id>/<id>.expected.json   its expected record (the five family fields are
                                                left out: Kunming pages carry none of them)

The expected JSON is computed here from the same data the page is rendered from, never by
running a parser: a body is a list of blocks, the HTML is rendered from the blocks and
body_text is the join of the blocks' normalized lines (README "Record fields").

Variants (page -> what it covers):
  km_czj/4387215    budget disclosure: full metadata table with an empty 文号 cell (<td></td>),
                    keywords split by 、, a 4-column amounts table with a caption row, two
                    attachments (.xls by a root-relative link, .pdf by an absolute link)
  km_jtj/4519368    road-transport notice: padded labels (索 引 号, 发 布 机 构, 名&nbsp;&nbsp;称,
                    文　　号 with U+3000, 关 键 字) all ending in an ASCII ':', 发布日期 written
                    2023年06月28日 (time from the 发布时间 line), keywords split by spaces
  km_rsj/4602751    social-insurance notice: no 文号/关键字 row (doc_no null, keywords []),
                    body with <br> line breaks and a list
  km_sthjj/4783092  environmental penalty decision: org code ending in a letter, keywords split
                    by ；, body wrapped in nested <div>/<span>, an 编辑/审核/终审 line outside
                    the body

All prose is written for these fixtures; index numbers, dates and amounts are realistic but
made up, and the party of the penalty decision is anonymised (昆明某建材有限公司).
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"

STD_LABELS = {
    "index_no": "索引号：",
    "topic": "主题分类：",
    "publisher": "发布机构：",
    "publish_date": "发布日期：",
    "title": "名 称：",
    "doc_no": "文号：",
    "keywords": "关键字：",
}
PADDED_LABELS = {
    "index_no": "索 引 号:",
    "topic": "主题分类:",
    "publisher": "发 布 机 构:",
    "publish_date": "发布日期:",
    "title": "名&nbsp;&nbsp;&nbsp;&nbsp;称:",
    "doc_no": "文　　号:",
    "keywords": "关 键 字:",
}


def norm(text: str) -> str:
    return " ".join(text.split())


# ---------------------------------------------------------------- body blocks
# ("p", text)            indented paragraph
# ("h", text)            paragraph with a <strong> heading
# ("right", text)        right-aligned signature line
# ("blank",)             <p>&nbsp;</p> (no line)
# ("br", [line, ...])    one <p> whose lines are separated by <br>
# ("ul", [item, ...])    a list, one line per item
# ("table", [[cell, ...], ...], colspan_first_row)
# ("link", href, text)   a paragraph holding one attachment link
# ("div", [blocks])      nested <div><span>…</span></div> wrapper of paragraphs
Block = tuple[Any, ...]


def render(blocks: list[Block]) -> str:
    out: list[str] = []
    for b in blocks:
        kind = b[0]
        if kind == "p":
            out.append(f'<p style="text-indent: 2em;">{html.escape(b[1], quote=False)}</p>')
        elif kind == "h":
            out.append(
                f'<p style="text-indent: 2em;"><strong>{html.escape(b[1], quote=False)}</strong></p>'
            )
        elif kind == "right":
            out.append(f'<p style="text-align: right;">{html.escape(b[1], quote=False)}</p>')
        elif kind == "blank":
            out.append("<p>&nbsp;</p>")
        elif kind == "br":
            out.append(
                '<p style="text-indent: 2em;">'
                + "<br>\n".join(html.escape(x, quote=False) for x in b[1])
                + "</p>"
            )
        elif kind == "ul":
            out.append(
                '<ul class="list-paddingleft-2">'
                + "".join(f"<li><p>{html.escape(x, quote=False)}</p></li>" for x in b[1])
                + "</ul>"
            )
        elif kind == "table":
            rows, caption_row = b[1], b[2]
            cell = '<td valign="middle" align="center"{span}>{text}</td>'
            lines = [
                '<table border="1" cellspacing="0" cellpadding="0" width="100%" style="border-collapse: collapse;">',
                "<tbody>",
            ]
            for i, row in enumerate(rows):
                if i == 0 and caption_row:
                    width = max(len(r) for r in rows)
                    cells = cell.format(
                        span=f' colspan="{width}"', text=html.escape(row[0], quote=False)
                    )
                else:
                    cells = "".join(
                        cell.format(span="", text=html.escape(c, quote=False)) for c in row
                    )
                lines.append(f"<tr>{cells}</tr>")
            lines += ["</tbody>", "</table>"]
            out.append("\n".join(lines))
        elif kind == "link":
            out.append(
                f'<p style="text-indent: 2em;"><a href="{html.escape(b[1])}" target="_blank">'
                f"{html.escape(b[2], quote=False)}</a></p>"
            )
        elif kind == "div":
            inner = "\n".join(
                f'<p style="text-indent: 2em; line-height: 2em;"><span style="font-family: 仿宋_GB2312; font-size: 16pt;">{html.escape(x[1], quote=False)}</span></p>'
                for x in b[1]
            )
            out.append(
                f'<div class="TRS_Editor"><div class="Custom_UnionStyle">\n{inner}\n</div></div>'
            )
        else:
            raise ValueError(kind)
    return "\n".join(out)


def text_lines(blocks: list[Block]) -> list[str]:
    lines: list[str] = []
    for b in blocks:
        kind = b[0]
        if kind in ("p", "h", "right"):
            lines.append(norm(b[1]))
        elif kind == "blank":
            pass
        elif kind in ("br", "ul"):
            lines += [norm(x) for x in b[1]]
        elif kind == "table":
            lines += ["\t".join(norm(c) for c in row) for row in b[1]]
        elif kind == "link":
            lines.append(norm(b[2]))
        elif kind == "div":
            lines += text_lines(b[1])
        else:
            raise ValueError(kind)
    return [line for line in lines if line]


def links(blocks: list[Block], base: str) -> list[dict[str, str]]:
    found: list[dict[str, str]] = []
    for b in blocks:
        if b[0] == "link":
            href = b[1]
            url = href if href.startswith("https://") else base + href
            found.append({"url": url, "name": norm(b[2]), "ext": href.rsplit(".", 1)[1].lower()})
    return found


# ---------------------------------------------------------------- pages
@dataclass
class Page:
    site_id: str
    host: str
    site_name: str
    site_code: str
    column_name: str
    column_dir: str
    doc_id: str
    day: str  # YYYY-MM-DD
    time: str  # HH:MM, on the 发布时间 line and in PubDate
    index_no: str
    topic: str
    title: str
    date_cell: str  # the 发布日期 cell as written
    doc_no: str | None  # None: no 文号/关键字 row; "": empty cell
    keywords_cell: str
    keywords: list[str]
    body: list[Block]
    labels: dict[str, str] = field(default_factory=lambda: dict(STD_LABELS))
    editor_line: str | None = None
    address: str = "昆明市呈贡区锦绣大街"

    @property
    def base(self) -> str:
        return f"https://{self.host}"

    @property
    def url(self) -> str:
        return f"{self.base}/c/{self.day}/{self.doc_id}.shtml"


CZJ_TABLE = [
    ["2023年部门预算支出情况表（单位：万元）"],
    ["支出功能分类科目", "基本支出", "项目支出", "合计"],
    ["一般公共服务支出", "2968.41", "2514.30", "5482.71"],
    ["社会保障和就业支出", "301.35", "0.00", "301.35"],
    ["卫生健康支出", "96.12", "0.00", "96.12"],
    ["住房保障支出", "49.18", "199.38", "248.56"],
    ["合计", "3415.06", "2713.68", "6128.74"],
]


def _check_budget_table() -> None:
    data = CZJ_TABLE[2:-1]
    total = CZJ_TABLE[-1]
    for row in [*data, total]:
        assert Decimal(row[1]) + Decimal(row[2]) == Decimal(row[3]), row
    for col in (1, 2, 3):
        assert sum(Decimal(r[col]) for r in data) == Decimal(total[col]), col


PAGES = [
    Page(
        site_id="km_czj",
        host="czj.km.gov.cn",
        site_name="昆明市财政局",
        site_code="5301000011",
        column_name="预决算公开",
        column_dir="/zfxxgk/fdzdgknr/yjsgk/",
        doc_id="4387215",
        day="2023-02-10",
        time="17:36",
        index_no="015186793-202302-118604",
        topic="财政预决算",
        title="昆明市财政局2023年部门预算公开",
        date_cell="2023-02-10",
        doc_no="",
        keywords_cell="部门预算、预算公开、三公经费",
        keywords=["部门预算", "预算公开", "三公经费"],
        body=[
            (
                "p",
                "根据《中华人民共和国预算法》和《昆明市人民政府办公厅关于进一步做好预决算公开工作的通知》要求，现将昆明市财政局2023年部门预算公开如下：",
            ),
            ("h", "一、部门基本情况"),
            (
                "p",
                "昆明市财政局是市人民政府工作部门，负责全市财政收支、财政政策、国有资本经营预算和政府债务管理等工作，机关内设18个处室，下属事业单位3个。",
            ),
            ("h", "二、2023年部门预算收支总体情况"),
            (
                "p",
                "2023年部门预算收入合计6128.74万元，其中一般公共预算财政拨款收入5986.52万元，其他收入142.22万元；支出合计6128.74万元，其中基本支出3415.06万元，项目支出2713.68万元。",
            ),
            ("table", CZJ_TABLE, True),
            ("h", "三、“三公”经费预算情况"),
            (
                "p",
                "2023年“三公”经费预算数为28.50万元，其中公务接待费4.80万元，公务用车运行维护费23.70万元，因公出国（境）费0万元，与上年持平。",
            ),
            ("blank",),
            (
                "link",
                "/upload/resources/file/2023/02/10/4512036.xls",
                "附件1：昆明市财政局2023年部门预算公开表.xls",
            ),
            (
                "link",
                "https://czj.km.gov.cn/upload/resources/file/2023/02/10/4512037.pdf",
                "附件2：昆明市财政局2023年部门预算情况说明.pdf",
            ),
        ],
    ),
    Page(
        site_id="km_jtj",
        host="jtj.km.gov.cn",
        site_name="昆明市交通运输局",
        site_code="5301000026",
        column_name="通知公告",
        column_dir="/zfxxgk/fdzdgknr/tzgg/",
        doc_id="4519368",
        day="2023-06-28",
        time="10:05",
        index_no="015187091-202306-204517",
        topic="交通运输",
        title="关于做好2023年暑期道路旅客运输安全工作的通知",
        date_cell="2023年06月28日",
        doc_no="昆交运〔2023〕41号",
        keywords_cell="道路运输 暑期 安全生产",
        keywords=["道路运输", "暑期", "安全生产"],
        labels=dict(PADDED_LABELS),
        body=[
            ("p", "各县（市）区交通运输局，各道路旅客运输企业、客运站："),
            (
                "p",
                "2023年暑期自7月1日起至8月31日止，共62天。暑期学生出行、探亲旅游客流集中，恰逢我市主汛期，雨雾天气多发，道路旅客运输安全风险明显上升。为确保暑期道路旅客运输安全稳定，现就有关工作通知如下：",
            ),
            (
                "p",
                "一、落实企业安全生产主体责任。各客运企业要严格执行驾驶员连续驾驶不超过4小时、日间累计驾驶不超过8小时的规定，夜间（22时至次日6时）驾驶时间不超过2小时，800公里以上的客运班线严格落实接驳运输或双驾驶员制度。",
            ),
            (
                "p",
                "二、严格客运站源头管理。各客运站要严格落实“三不进站、六不出站”制度，加强出站检查，严禁超员车辆、安全例检不合格车辆和驾驶员资格不符的车辆出站。",
            ),
            (
                "p",
                "三、加强汛期山区路段运行管控。途经山区、临水临崖路段的班线和包车客运，企业要实时关注气象预警，遇暴雨、大雾等恶劣天气及时调整发车时间或暂停运营。",
            ),
            (
                "p",
                "四、做好应急值守和信息报送。各单位要严格落实24小时值班和领导带班制度，发生较大以上道路运输安全事故的，须在1小时内报告市交通运输局。",
            ),
            ("blank",),
            ("right", "昆明市交通运输局"),
            ("right", "2023年6月28日"),
        ],
    ),
    Page(
        site_id="km_rsj",
        host="rsj.km.gov.cn",
        site_name="昆明市人力资源和社会保障局",
        site_code="5301000031",
        column_name="社会保障",
        column_dir="/zfxxgk/fdzdgknr/shbz/",
        doc_id="4602751",
        day="2023-07-20",
        time="16:30",
        index_no="015187454-202307-097328",
        topic="社会保障",
        title="关于做好2023年度社会保险缴费基数申报工作的通知",
        date_cell="2023-07-20",
        doc_no=None,
        keywords_cell="",
        keywords=[],
        body=[
            ("p", "各参保单位、各灵活就业参保人员："),
            (
                "p",
                "根据省人力资源和社会保障厅、省财政厅、国家税务总局云南省税务局有关规定，现将我市2023年度社会保险缴费基数申报工作有关事项通知如下：",
            ),
            ("h", "一、申报时间"),
            (
                "p",
                "2023年7月21日至2023年8月31日。逾期未申报的单位，以上年度缴费基数的110%作为本年度缴费基数。",
            ),
            ("h", "二、缴费基数上下限"),
            (
                "br",
                [
                    "2023年度全省社会保险缴费基数下限为4188元/月，上限为20940元/月。",
                    "职工本人上年度月平均工资低于下限的，按下限申报；高于上限的，按上限申报。",
                ],
            ),
            ("h", "三、申报方式"),
            (
                "ul",
                [
                    "1. 网上申报：登录云南省人力资源和社会保障网上服务平台办理；",
                    "2. 窗口申报：到各县（市）区社会保险经办机构服务窗口办理。",
                ],
            ),
            ("p", "咨询电话：0871-12345（工作日9:00—17:00）。"),
            ("blank",),
            ("right", "昆明市人力资源和社会保障局"),
            ("right", "2023年7月20日"),
        ],
    ),
    Page(
        site_id="km_sthjj",
        host="sthjj.km.gov.cn",
        site_name="昆明市生态环境局",
        site_code="5301000043",
        column_name="行政处罚",
        column_dir="/zfxxgk/fdzdgknr/xzcf/",
        doc_id="4783092",
        day="2024-01-09",
        time="15:42",
        index_no="01518785X-202401-000317",
        topic="环境保护",
        title="昆明市生态环境局行政处罚决定书（昆环罚〔2024〕3号）",
        date_cell="2024-01-09",
        doc_no="昆环罚〔2024〕3号",
        keywords_cell="行政处罚；大气污染；扬尘",
        keywords=["行政处罚", "大气污染", "扬尘"],
        editor_line="编辑：赵某 审核：钱某 终审：孙某",
        body=[
            (
                "div",
                [
                    ("p", "当事人：昆明某建材有限公司"),
                    ("p", "统一社会信用代码：91530100MA6XXXXXXX"),
                    ("p", "地址：昆明市官渡区某工业园区"),
                    (
                        "p",
                        "我局于2023年11月14日对你公司进行现场检查，发现你公司石料破碎车间未采取密闭措施，原料堆场约2000平方米的砂石物料未覆盖，厂区道路未及时清扫、洒水，粉尘无组织排放明显。",
                    ),
                    ("p", "以上事实，有现场检查（勘察）笔录、调查询问笔录、现场照片等证据为凭。"),
                    (
                        "p",
                        "你公司的上述行为违反了《中华人民共和国大气污染防治法》第四十八条第一款的规定。依据《中华人民共和国大气污染防治法》第一百零八条第五项的规定，我局决定对你公司作出如下行政处罚：责令改正，罚款人民币6.5万元（大写：陆万伍仟元整）。",
                    ),
                    (
                        "p",
                        "你公司应当自收到本决定书之日起15日内将罚款缴至指定银行。逾期不缴纳罚款的，我局可以每日按罚款数额的3%加处罚款。",
                    ),
                    (
                        "p",
                        "你公司如不服本处罚决定，可在收到本决定书之日起60日内向昆明市人民政府申请行政复议，也可以在6个月内向人民法院提起行政诉讼。",
                    ),
                    ("right", "昆明市生态环境局"),
                    ("right", "2024年1月8日"),
                ],
            ),
        ],
    ),
]


# ---------------------------------------------------------------- rendering
def meta_table(p: Page) -> str:
    lab = p.labels

    def label(key: str) -> str:
        return f'<td class="label">{lab[key]}</td>'

    def value(text: str) -> str:
        return f"<td>{html.escape(text, quote=False)}</td>"

    rows = [
        f"<tr>{label('index_no')}{value(p.index_no)}{label('topic')}{value(p.topic)}</tr>",
        f"<tr>{label('publisher')}{value(p.site_name)}{label('publish_date')}{value(p.date_cell)}</tr>",
        f'<tr>{label("title")}<td colspan="3">{html.escape(p.title, quote=False)}</td></tr>',
    ]
    if p.doc_no is not None:
        rows.append(
            f"<tr>{label('doc_no')}{value(p.doc_no)}{label('keywords')}{value(p.keywords_cell)}</tr>"
        )
    return '<div class="content-table"><table>\n' + "\n".join(rows) + "\n</table></div>"


def render_page(p: Page) -> str:
    t = html.escape(p.title)
    title_text = html.escape(p.title, quote=False)
    editor = f'<div class="editor">{p.editor_line}</div>\n' if p.editor_line else ""
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta name="SiteName" content="{p.site_name}">
<meta name="SiteDomain" content="{p.host}">
<meta name="SiteIDCode" content="{p.site_code}">
<meta name="ColumnName" content="{p.column_name}">
<meta name="ColumnType" content="{p.column_name}">
<meta name="ArticleTitle" content="{t}">
<meta name="PubDate" content="{p.day} {p.time}">
<meta name="ContentSource" content="{p.site_name}">
<meta name="Url" content="{p.url}">
<title>{title_text}-{p.site_name}</title>
<link rel="stylesheet" type="text/css" href="/css/common.css">
<script type="text/javascript" src="/js/common.js"></script>
</head>
<body>
<div class="top-bar"><div class="w1200">
<span class="today">今天是：<script type="text/javascript">var d=new Date();document.write(d.getFullYear()+'年'+(d.getMonth()+1)+'月'+d.getDate()+'日');</script></span>
<span class="links"><a href="javascript:;" onclick="toggleAccess();">无障碍浏览</a> | <a href="javascript:;" onclick="toggleElder();">长者模式</a></span>
</div></div>
<div class="header"><div class="w1200">
<a href="/" class="logo"><img src="/images/logo.png" alt="{p.site_name}"></a>
<div class="search"><input type="text" id="searchword" placeholder="请输入关键字"><button type="button" onclick="doSearch();">搜索</button></div>
</div></div>
<div class="nav"><ul class="w1200"><li><a href="/">首页</a></li><li><a href="/jggk/">机构概况</a></li><li class="on"><a href="/zfxxgk/">政府信息公开</a></li><li><a href="/hdjl/">互动交流</a></li></ul></div>
<div class="w1200 main">
<div class="location">当前位置：<a href="/">首页</a> &gt; <a href="/zfxxgk/">政府信息公开</a> &gt; <a href="{p.column_dir}">{p.column_name}</a></div>
<div class="content">
{meta_table(p)}
<div class="title-box"><h2>{title_text}</h2><p class="info">发布时间：{p.day} {p.time}&nbsp;&nbsp;&nbsp;字号：[ <a href="javascript:;" onclick="doZoom(18);">大</a> <a href="javascript:;" onclick="doZoom(16);">中</a> <a href="javascript:;" onclick="doZoom(14);">小</a> ]</p></div>
<div class="activity" id="zoom">
{render(p.body)}
</div>
{editor}</div>
<div class="article-tools">
<span id="views">浏览次数：<script type="text/javascript">document.write('<font id="hits">' + (window.__hits || 1) + '</font>');</script></span>
<span class="print"><a href="javascript:;" onclick="window.print();">【打印本页】</a> <a href="javascript:;" onclick="window.close();">【关闭窗口】</a></span>
</div>
<script type="text/javascript">
(function(){{ var x = new XMLHttpRequest(); x.open('GET', '/interFace/getDocumentHits.do?docid={p.doc_id}', true);
x.onreadystatechange = function(){{ if (x.readyState == 4 && x.status == 200) {{ var h = document.getElementById('hits'); if (h) h.innerHTML = x.responseText; }} }}; x.send(); }})();
</script>
</div>
<div class="footer"><div class="w1200">
<p><a href="/">网站首页</a> | <a href="https://www.km.gov.cn/" target="_blank">昆明市人民政府</a></p>
<p>主办单位：{p.site_name}　　地址：{p.address}</p>
<p><a href="https://beian.miit.gov.cn/" target="_blank">滇ICP备05003617号</a>　　网站标识码{p.site_code}</p>
</div></div>
</body>
</html>
"""


def index_parts(index_no: str) -> dict[str, str]:
    org, period, serial = index_no.split("-")
    assert len(org) == 9 and len(period) == 6 and serial.isdigit(), index_no
    return {"org_code": org, "period": period, "serial": serial}


def expected(p: Page) -> dict[str, object]:
    return {
        "url": p.url,
        "title": p.title,
        "index_no": p.index_no,
        "index_no_parts": index_parts(p.index_no),
        "topic": p.topic,
        "publisher": p.site_name,
        # the 发布日期 cell gives the day; the 发布时间 line on the same day gives the time
        "publish_date": f"{p.day}T{p.time}:00+08:00",
        "doc_no": p.doc_no or None,
        "keywords": p.keywords,
        "body_text": "\n".join(text_lines(p.body)),
        "attachments": links(p.body, p.base),
    }


def main() -> None:
    _check_budget_table()
    for p in PAGES:
        out = FIXTURES / p.site_id
        out.mkdir(parents=True, exist_ok=True)
        (out / f"{p.doc_id}.shtml").write_bytes(render_page(p).encode("utf-8"))
        exp = json.dumps(expected(p), ensure_ascii=False, indent=2) + "\n"
        (out / f"{p.doc_id}.expected.json").write_bytes(exp.encode("utf-8"))
        print(f"wrote {out.relative_to(ROOT)}/{p.doc_id}.shtml")


if __name__ == "__main__":
    main()
