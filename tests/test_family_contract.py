"""The family contract: every family is the shared template with named hooks overridden, and a
new family is one module."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import parsers.families
from parsers import PageError, parse_detail, parse_list
from parsers.family import Family
from parsers.registry import family_reader

FAMILIES = sorted(p.stem for p in Path(parsers.families.__file__).parent.glob("[a-z]*.py"))
HOOKS = {"body", "metadata", "is_document", "heading", "date_hints", "complete", "list_items",
         "pagination", "declared_total"}  # fmt: skip


def test_the_families() -> None:
    assert {"km", "gov_cn", "trs", "hanweb", "vsb"} <= set(FAMILIES)


@pytest.mark.parametrize("name", FAMILIES)
def test_a_family_overrides_hooks_not_the_template(name: str) -> None:
    reader = family_reader(name)
    cls = type(reader)
    assert reader.name == name
    assert cls.parse_detail is Family.parse_detail and cls.parse_list is Family.parse_list
    overridden = {n for n in vars(cls) if callable(vars(cls)[n]) and not n.startswith("_")}
    assert overridden <= HOOKS, overridden - HOOKS


def test_unknown_families_are_refused() -> None:
    for name in ("nope", "../etc", "Km", "family"):
        with pytest.raises(ValueError):
            family_reader(name)


NEW_FAMILY = """
from parsers.family import Family, Page
from parsers.fields import pairs_from_cells
from parsers.records import ListItem
from parsers.text import inline_text


class Tiny(Family):
    name = "tinycms"
    body_xpaths = ("//div[@id='main']",)
    heading_xpaths = ("//h1",)

    def metadata(self, page, body):
        return pairs_from_cells(inline_text(dd) for dd in page.root.iter("dt", "dd"))

    def list_items(self, page):
        return [ListItem(url=page.url + a.get("href"), title=inline_text(a), date=None)
                for a in page.root.iter("a")]


FAMILY = Tiny()
"""
PAGE = """<html><body><h1>关于做好防汛工作的通知</h1>
<dl><dt>发布机构：</dt><dd>某市应急管理局</dd><dt>发布日期：</dt><dd>2024-06-01</dd></dl>
<div id="main"><p>各单位：汛期将至，请做好防汛准备。</p></div></body></html>"""


def test_a_new_family_is_one_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "tinycms.py").write_text(NEW_FAMILY, "utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(parsers.families, "__path__", [*parsers.families.__path__, str(tmp_path)])
    try:
        doc = parse_detail(PAGE.encode(), "https://x.gov.cn/a.html", "text/html", family="tinycms")
        assert doc.title == "关于做好防汛工作的通知"
        assert (doc.publisher, doc.publish_date) == ("某市应急管理局", "2024-06-01")
        assert doc.body_text == "各单位：汛期将至，请做好防汛准备。"
        listed = parse_list(b'<a href="a.html">A</a>', "https://x.gov.cn/", family="tinycms")
        assert [i.url for i in listed.items] == ["https://x.gov.cn/a.html"]
        with pytest.raises(PageError):
            parse_detail(b"<html><body><p>nothing</p></body></html>", "https://x.gov.cn/b",
                         family="tinycms")  # fmt: skip
    finally:
        sys.modules.pop("parsers.families.tinycms", None)
