"""Finding a site's disclosure columns on its home page or its 政府信息公开 page.

A government site files its disclosures under a section called 政府信息公开, 信息公开目录 or
法定主动公开内容, in columns such as 通知公告, 政策文件 or 财政资金. ``disclosure_columns`` scores
every same-site link of a page: a path under a disclosure section (``/zfxxgk/``, ``/xxgk/``,
``/zwgk/``, ``/gkml/``, ``fdzdgknr``…), a link text that names a column, and a link that sits in
a block headed by one of the section names each count; links that only lead to the section
itself, to the home page or to page chrome do not. The result, best first, says why each
column was chosen, so ``xxgk newsite`` can print how sure it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from lxml.etree import _Element

from parsers.html import link_url
from parsers.text import inline_text, parse_html

SECTION_WORDS = ("政府信息公开", "信息公开目录", "法定主动公开内容", "主动公开目录", "政务公开",
                 "信息公开")  # fmt: skip
_SECTION_PATH_RE = re.compile(
    r"/(?:zfxxgk|xxgk|zwgk|gkml|xxgkml|zfxxgkml|fdzdgknr|zdgk|gongkai|govinfo|zfgk|zhengce|"
    r"zcwj|zfwj)(?:[/_.]|$)",
    re.IGNORECASE,
)
COLUMN_WORDS = ("通知公告", "政策文件", "规范性文件", "政策解读", "规划计划", "财政资金",
                "最新政策", "市政府文件", "政府文件", "部门文件", "政策法规",
                "财政预决算", "部门预决算", "预决算", "人事信息", "年度报告", "工作动态",
                "统计信息", "行政许可", "行政处罚", "应急管理", "公示公告", "政府文件",
                "部门文件", "机构职能", "建议提案", "重点领域", "政府采购", "招标投标")  # fmt: skip
_CHROME_WORDS = ("首页", "网站地图", "无障碍", "长者模式", "English", "登录", "注册", "收藏",
                 "设为首页", "联系我们", "返回", "更多", "打印", "关闭")  # fmt: skip
# Links read at most: a portal's home page rarely has more than a few hundred.
MAX_LINKS = 5000


@dataclass
class Column:
    url: str
    name: str
    score: float = 0.0
    evidence: list[str] = field(default_factory=list)

    @property
    def path(self) -> str:
        parts = urlsplit(self.url)
        return parts.path + (f"?{parts.query}" if parts.query else "")


_HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "dt", "span", "strong", "b", "th")


class _Sections:
    """Which blocks of a page are headed by a section name: each block is looked at once."""

    def __init__(self) -> None:
        self.memo: dict[_Element, str | None] = {}

    def word(self, node: _Element) -> str | None:
        if node not in self.memo:
            found = None
            for heading in node.iter(*_HEADING_TAGS):
                text = inline_text(heading)[:40]
                found = next((w for w in SECTION_WORDS if w in text), None)
                if found:
                    break
            self.memo[node] = found
        return self.memo[node]

    def around(self, link: _Element, depth: int = 4) -> str | None:
        """A section name in a heading of one of the first ``depth`` blocks around ``link``."""
        node = link.getparent()
        for _ in range(depth):
            if node is None or node.tag in ("body", "html"):
                return None
            word = self.word(node)
            if word:
                return word
            node = node.getparent()
        return None


def disclosure_columns(html: str, url: str, limit: int = 40) -> list[Column]:
    """The page's links that look like disclosure columns, best first (at most ``limit``)."""
    root = parse_html(html)
    host = (urlsplit(url).hostname or "").lower()
    found: dict[str, Column] = {}
    sections = _Sections()
    for n, a in enumerate(root.iter("a")):
        if n >= MAX_LINKS:
            break
        target = link_url(a.get("href"), url)
        if target is None or (urlsplit(target).hostname or "").lower() != host:
            continue
        target = target.split("#", 1)[0]
        name = inline_text(a)[:30] or (a.get("title") or "").strip()[:30]
        path = urlsplit(target).path or "/"
        if path in ("", "/") or not name or any(w in name for w in _CHROME_WORDS):
            continue
        column = Column(target, name)
        if _SECTION_PATH_RE.search(path):
            column.score += 2
            column.evidence.append(f"path {path} is under a disclosure section")
        named = next((w for w in COLUMN_WORDS if w in name), None)
        if named:
            column.score += 1
            column.evidence.append(f"link text names a column ({named})")
        section = sections.around(a)
        if section:
            column.score += 1
            column.evidence.append(f"listed under {section}")
        if any(name == w or name.startswith(w) for w in SECTION_WORDS):
            # the section's own entry page, not one of its columns
            column.score -= 3
            column.evidence.append("the section itself")
        if column.score <= 0:
            continue
        known = found.get(target)
        if known is None or known.score < column.score:
            found[target] = column
    ranked = sorted(found.values(), key=lambda c: (-c.score, c.path))
    return ranked[:limit]
