"""Charts drawn on the server as SVG: ``/-/charts``.

- ``/-/charts/documents-per-month[?publisher=…]``: documents per publication month, a stacked
  bar per month with one colour per publisher (the eight largest; the rest as 其他 · others).
- ``/-/charts/figures?label=预算总收入``: a figure series over the years, one line per
  publisher: for each publisher and publication year, the largest amount whose label contains
  ``label`` (the unit most such figures have; money in 元, shown in 万元 or 亿元).
- ``/-/charts/annual-reports[?publisher=…]``: disclosure requests received per report year
  (政府信息公开工作年度报告, 本年新收 总计), all bodies together and the bodies with the most.

Each page is plain HTML with the SVG inline and the numbers as a table below it: no
JavaScript, no stylesheet or font from elsewhere, so it works without internet access.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlencode

from datasette import hookimpl
from datasette.utils.asgi import Response
from markupsafe import escape

from serve import archive_database, read

TOP_PUBLISHERS = 8
OTHERS = "其他 · others"
DEFAULT_LABEL = "预算总收入"
COLORS = [
    "#4e79a7",
    "#f28e2b",
    "#e15759",
    "#76b7b2",
    "#59a14f",
    "#edc948",
    "#b07aa1",
    "#ff9da7",
    "#9c755f",
    "#bab0ac",
]
WIDTH, HEIGHT = 960, 360
LEFT, RIGHT, TOP, BOTTOM = 70, 20, 20, 70

STYLE = """
body{font-family:system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;
margin:1.5em auto;max-width:1000px;padding:0 1em;color:#222}
nav a{margin-right:1em} svg{max-width:100%;height:auto;background:#fff}
svg text{font-size:11px;fill:#333} .axis{stroke:#888} .grid{stroke:#eee}
.legend{display:flex;flex-wrap:wrap;gap:.3em 1.2em;list-style:none;padding:0}
.legend span{display:inline-block;width:.9em;height:.9em;margin-right:.3em;vertical-align:-.1em}
table{border-collapse:collapse;font-size:.9em;margin-top:1em}
td,th{border:1px solid #ddd;padding:.2em .5em;text-align:right} td:first-child{text-align:left}
"""


def page(title: str, body: str) -> Response:
    html = (
        '<!DOCTYPE html>\n<html lang="zh"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>{STYLE}</style></head><body>"
        '<nav><a href="/">首页 · Home</a><a href="/-/charts">图表 · Charts</a></nav>'
        f"<h1>{escape(title)}</h1>{body}</body></html>"
    )
    return Response.html(html)


def nice_max(value: float) -> float:
    """A round number at or above ``value`` for the top of an axis."""
    if value <= 0:
        return 1.0
    step = 10 ** (len(str(int(value))) - 1)
    for m in (1, 2, 2.5, 5, 10):
        if m * step >= value:
            return float(m * step)
    return float(10 * step)


def fmt(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 100 or value == int(value) else f"{value:,.2f}"


def legend(names: Sequence[str]) -> str:
    items = "".join(
        f'<li><span style="background:{COLORS[i % len(COLORS)]}"></span>{escape(n)}</li>'
        for i, n in enumerate(names)
    )
    return f'<ul class="legend">{items}</ul>'


def y_axis(top: float, unit: str) -> str:
    parts = []
    plot_h = HEIGHT - TOP - BOTTOM
    for i in range(5):
        v = top * i / 4
        y = TOP + plot_h - plot_h * i / 4
        parts.append(
            f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}"/>'
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{fmt(v)}</text>'
        )
    parts.append(
        f'<text x="{LEFT - 6}" y="{TOP - 6}" text-anchor="end">{escape(unit)}</text>'
        f'<line class="axis" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{HEIGHT - BOTTOM}" '
        f'y2="{HEIGHT - BOTTOM}"/>'
    )
    return "".join(parts)


def svg(title: str, inner: str) -> str:
    return (
        f'<svg viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" role="img" '
        f'aria-label="{escape(title)}"><title>{escape(title)}</title>{inner}</svg>'
    )


def months_between(first: str, last: str) -> list[str]:
    y, m = int(first[:4]), int(first[5:7])
    out = []
    while f"{y:04d}-{m:02d}" <= last:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def stacked_bars(title: str, counts: dict[str, dict[str, int]], series: list[str]) -> str:
    """``counts[month][series]`` as one stacked bar per month, every month from first to last."""
    months = months_between(min(counts), max(counts))
    top = nice_max(max(sum(c.values()) for c in counts.values()))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / len(months)
    bar = max(slot * 0.8, 1.0)
    label_every = max(1, round(len(months) / 24))
    parts = [y_axis(top, "文件数 · documents")]
    for i, month in enumerate(months):
        x = LEFT + i * slot + (slot - bar) / 2
        y = float(TOP + plot_h)
        for j, name in enumerate(series):
            n = counts.get(month, {}).get(name, 0)
            if not n:
                continue
            h = plot_h * n / top
            y -= h
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                f'fill="{COLORS[j % len(COLORS)]}"><title>{month} {escape(name)}: {n}</title>'
                "</rect>"
            )
        if i % label_every == 0:
            tx, ty = LEFT + i * slot + slot / 2, HEIGHT - BOTTOM + 10
            parts.append(
                f'<text x="{tx:.1f}" y="{ty}" text-anchor="end" '
                f'transform="rotate(-60 {tx:.1f} {ty})">{month}</text>'
            )
    return svg(title, "".join(parts))


def lines(title: str, values: dict[str, dict[int, float]], unit: str) -> str:
    """``values[series][year]`` as one line with points per series."""
    years = sorted({y for v in values.values() for y in v})
    top = nice_max(max(max(v.values()) for v in values.values()))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / len(years)

    def xy(year: int, value: float) -> tuple[float, float]:
        return LEFT + years.index(year) * slot + slot / 2, TOP + plot_h - plot_h * value / top

    parts = [y_axis(top, unit)]
    for year in years:
        x, _ = xy(year, 0)
        parts.append(
            f'<text x="{x:.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle">{year}</text>'
        )
    for j, (name, by_year) in enumerate(values.items()):
        color = COLORS[j % len(COLORS)]
        points = [xy(y, v) for y, v in sorted(by_year.items())]
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        parts.append(f'<polyline points="{path}" fill="none" stroke="{color}" stroke-width="2"/>')
        for (x, y), (year, v) in zip(points, sorted(by_year.items()), strict=True):
            parts.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{color}">'
                f"<title>{escape(name)} {year}: {fmt(v)} {escape(unit)}</title></circle>"
            )
    return svg(title, "".join(parts))


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


async def index(datasette: Any, request: Any) -> Response:
    body = (
        "<ul>"
        '<li><a href="/-/charts/documents-per-month">各月各机构文件数 · Documents per month per '
        "publisher</a></li>"
        f'<li><a href="/-/charts/figures?{urlencode({"label": DEFAULT_LABEL})}">'
        f"数字的历年变化 · A figure over the years ({DEFAULT_LABEL})</a></li>"
        '<li><a href="/-/charts/annual-reports">历年依申请公开数量 · Disclosure requests over '
        "the years (annual reports)</a></li>"
        "</ul>"
    )
    return page("图表 · Charts", body)


async def documents_per_month(datasette: Any, request: Any) -> Response:
    title = "各月各机构文件数 · Documents per month per publisher"
    publisher = request.args.get("publisher") or ""
    found = await read(datasette, lambda archive: archive.documents_per_month(publisher))
    if found is None:
        return page(title, "<p>没有数据库 · No database.</p>")
    rows = found
    if publisher:
        title += f" · {publisher}"
    if not rows:
        return page(title, "<p>没有文件 · No documents.</p>")
    totals: Counter[str] = Counter()
    for r in rows:
        totals[r["publisher"]] += r["n"]
    ranked = [name for name, _ in totals.most_common()]
    shown = ranked[:TOP_PUBLISHERS]
    series = shown + ([OTHERS] if len(ranked) > TOP_PUBLISHERS else [])
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for r in rows:
        name = r["publisher"] if r["publisher"] in shown else OTHERS
        counts[r["month"]][name] += r["n"]
    choose = "".join(
        f'<li><a href="/-/charts/documents-per-month?{urlencode({"publisher": p})}">'
        f"{escape(p or '（无）')}</a> ({totals[p]})</li>"
        for p in ranked
    )
    body = (
        stacked_bars(title, counts, series)
        + legend(series)
        + f"<details><summary>只看一个机构 · One publisher</summary><ul>{choose}</ul></details>"
        + table(
            ["月份 · month", "发布机构 · publisher", "文件数 · documents"],
            [(r["month"], r["publisher"], r["n"]) for r in rows],
        )
    )
    return page(title, body)


def scale(unit: str, top: float) -> tuple[str, float]:
    if unit == "元" and top >= 1e8:
        return "亿元", 1e8
    if unit == "元" and top >= 1e4:
        return "万元", 1e4
    return unit, 1.0


async def figures(datasette: Any, request: Any) -> Response:
    label = (request.args.get("label") or DEFAULT_LABEL).strip()
    title = f"{label} · by year and publisher"
    found = await read(datasette, lambda archive: archive.figure_series(label))
    database = archive_database(datasette).name if found is not None else ""
    if found is None:
        return page(title, "<p>没有数据库 · No database.</p>")
    rows = found
    form = (
        '<form action="/-/charts/figures" method="get"><label>指标 · label '
        f'<input name="label" value="{escape(label)}"></label> '
        '<button type="submit">画图 · Draw</button></form>'
    )
    if not rows:
        return page(title, form + "<p>没有这样的数字 · No such figures.</p>")
    units: Counter[str] = Counter()
    for r in rows:
        units[r["unit"] or ""] += r["n"]
    base_unit = units.most_common(1)[0][0]
    rows = [r for r in rows if (r["unit"] or "") == base_unit]
    unit, divisor = scale(base_unit, max(r["amount"] for r in rows))
    values: dict[str, dict[int, float]] = defaultdict(dict)
    for r in rows:
        values[r["publisher"]][int(r["year"])] = r["amount"] / divisor
    query = urlencode({"label": label})
    body = (
        form
        + lines(title, values, unit)
        + legend(list(values))
        + (
            "<p>每个机构每年取指标含该词的最大数字 · For each publisher and year, the largest "
            "figure whose label contains the word. All of them: "
            f'<a href="/{escape(database)}/budget_figures?{escape(query)}">budget_figures</a>.</p>'
        )
        + table(
            ["发布机构 · publisher", "年份 · year", f"数额 · amount ({unit})"],
            [(r["publisher"], r["year"], fmt(r["amount"] / divisor)) for r in rows],
        )
    )
    return page(title, body)


ALL_BODIES = "全部机关 · all bodies"


async def annual_reports(datasette: Any, request: Any) -> Response:
    """Requests received (本年新收, 总计 column) per report year, from the annual reports."""
    title = "历年依申请公开数量 · Disclosure requests received per year"
    publisher = request.args.get("publisher") or ""
    if not await read(datasette, lambda archive: archive.has_annual_reports()):
        return page(title, "<p>没有年度报告 · No annual reports.</p>")
    rows = await read(datasette, lambda archive: archive.requests_per_year(publisher)) or []
    database = archive_database(datasette).name
    if publisher:
        title += f" · {publisher}"
    if not rows:
        return page(title, "<p>没有年度报告 · No annual reports.</p>")
    totals: Counter[str] = Counter()
    for r in rows:
        totals[r["publisher"] or ""] += r["n"]
    shown = [name for name, _ in totals.most_common(TOP_PUBLISHERS - 1)]
    values: dict[str, dict[int, float]] = defaultdict(dict)
    for r in rows:
        year = int(r["year"])
        values[ALL_BODIES][year] = values[ALL_BODIES].get(year, 0) + r["n"]
        if (r["publisher"] or "") in shown:
            values[r["publisher"] or ""][year] = r["n"]
    if publisher:
        del values[ALL_BODIES]
    choose = "".join(
        f'<li><a href="/-/charts/annual-reports?{urlencode({"publisher": p})}">'
        f"{escape(p or '（无）')}</a> ({totals[p]})</li>"
        for p, _ in totals.most_common()
    )
    body = (
        lines(title, values, "件 · requests")
        + legend(list(values))
        + f"<details><summary>只看一个机关 · One body</summary><ul>{choose}</ul></details>"
        + "<p>每份年度报告统计表三“本年新收政府信息公开申请数量”的总计列 · The 总计 column of "
        "table 三 of each report. All numbers: "
        f'<a href="/{escape(database)}/report_requests">report_requests</a>.</p>'
        + table(
            ["报告机关 · body", "报告年度 · year", "新收申请 · requests"],
            [(r["publisher"], r["year"], r["n"]) for r in rows],
        )
    )
    return page(title, body)


@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    return [
        (r"^/-/charts/?$", index),
        (r"^/-/charts/documents-per-month$", documents_per_month),
        (r"^/-/charts/figures$", figures),
        (r"^/-/charts/annual-reports$", annual_reports),
    ]
