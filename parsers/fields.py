"""Metadata labels: one table of synonyms, and label/value extraction that never trusts position.

Real pages pad labels with spaces, ``&nbsp;`` or U+3000, end them with ``：``, ``:`` or nothing,
drop rows and reorder them. A label is compared with all whitespace removed and its trailing
colon stripped, then looked up here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from parsers.text import norm, squeeze

# label as written (whitespace removed, no colon) -> record field. ``issuer`` (发文机关) and
# ``source`` (来源) also stand in for the publisher when a page has no 发布机构.
LABEL_FIELDS: dict[str, str] = {
    "索引号": "index_no",
    "主题分类": "topic",
    "组配分类": "topic",
    "分类": "topic",
    "发布机构": "publisher",
    "发布单位": "publisher",
    "发文机关": "issuer",
    "发文单位": "issuer",
    "来源": "source",
    "信息来源": "source",
    "发布日期": "publish_date",
    "公开日期": "publish_date",
    "发布时间": "publish_date",
    "生成日期": "publish_date",
    "名称": "title",
    "标题": "title",
    "公文名称": "title",
    "文号": "doc_no",
    "发文字号": "doc_no",
    "行政处罚决定书文号": "doc_no",
    "关键字": "keywords",
    "关键词": "keywords",
    "主题词": "subject_words",
    "成文日期": "written_date",
    "成文时间": "written_date",
    "发文日期": "written_date",
    "有效性": "validity",
    "文件有效性": "validity",
    "公文种类": "doc_type",
    "公开方式": "disclosure_mode",
    "公开范围": "disclosure_scope",
    "公开时限": "disclosure_period",
    "信息时效期": "validity_period",
}

# A label padded with spaces is short; longer text is never one (and is not squeezed to check).
_MAX_LABEL_TEXT = 200
_KEYWORD_SPLIT_RE = re.compile(r"[\s、，,；;]+")
_KM_INDEX_RE = re.compile(r"^([0-9A-Z]{9})-(\d{6})-(\d+)$")


def label_of(text: str | None) -> str | None:
    """The canonical label written in a cell (``索 引 号：`` -> ``索引号``), or None."""
    if not text or len(text) > _MAX_LABEL_TEXT:
        return None
    key = squeeze(text).rstrip("：:")  # not a regex: ``[：:]+$`` is quadratic on a run of colons
    return key if key in LABEL_FIELDS else None


def pairs_from_cells(cells: Iterable[str]) -> dict[str, str]:
    """Label/value pairs from a row-major sequence of cell texts.

    A cell holding a known label takes the next cell as its value, unless that cell is itself a
    label (an empty value whose cell was dropped). A cell like ``文号：筑府发〔2020〕1号`` holds
    both. The first non-empty value of a label wins.
    """
    seq = list(cells)
    pairs: dict[str, str] = {}

    def put(label: str, value: str) -> None:
        if not pairs.get(label):
            pairs[label] = value

    i = 0
    while i < len(seq):
        label = label_of(seq[i])
        if label is not None:
            nxt = seq[i + 1] if i + 1 < len(seq) else ""
            if i + 1 < len(seq) and label_of(nxt) is None:
                put(label, norm(nxt))
                i += 2
                continue
            put(label, "")
            i += 1
            continue
        inline = split_inline(seq[i])
        if inline is not None:
            put(*inline)
        i += 1
    return pairs


def split_inline(text: str) -> tuple[str, str] | None:
    """``索引号：745280713-…`` -> (``索引号``, ``745280713-…``), or None."""
    for sep in ("：", ":"):
        head, found, tail = text.partition(sep)
        if found:
            label = label_of(head)
            if label is not None:
                return label, norm(tail)
    return None


# a body's name followed on its line by the page's tools: 来源：中国政府采购网 【打印】 【关闭】
_NAMED_BODIES = frozenset({"publisher", "source", "issuer"})
_TOOLS_TAIL_RE = re.compile(r"(?:\s*【[^】]{0,12}】)+\s*$")
# labels that give a field only when no other synonym of it does: 组配分类 is a site's own
# grouping (often its column), 主题分类 the national topic
FALLBACK_LABELS = frozenset({"组配分类"})


def fields_from_pairs(pairs: dict[str, str]) -> dict[str, str]:
    """Map label/value pairs to record fields; the first non-empty synonym wins, a fallback
    label only when no other synonym has a value."""
    out: dict[str, str] = {}
    for fallback in (False, True):
        for label, value in pairs.items():
            if (label in FALLBACK_LABELS) is not fallback:
                continue
            name = LABEL_FIELDS[label]
            if name in _NAMED_BODIES:
                value = _TOOLS_TAIL_RE.sub("", value)
            if value and not out.get(name):
                out[name] = value
    return out


def split_keywords(value: str | None) -> list[str]:
    if not value:
        return []
    return [k for k in _KEYWORD_SPLIT_RE.split(value) if k]


def km_index_parts(index_no: str | None) -> dict[str, str] | None:
    """Parts of a Kunming index number ``745280713-202207-386095``: org code, YYYYMM, serial."""
    if not index_no:
        return None
    m = _KM_INDEX_RE.match(index_no)
    if m is None:
        return None
    return {"org_code": m[1], "period": m[2], "serial": m[3]}
