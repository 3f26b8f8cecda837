"""The layout of cases and mirrors: one regime for every site, and nothing stored twice.

Every case is ``tests/fixtures/<site_id>/<case>.<ext>`` beside ``<case>.expected.json``; the
mirror server serves the page at its canonical URL's path, and ``mirror/<site_id>/`` holds the
rest of the site. ``mirror/kit.py`` makes the sites too big to commit.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from crawler.profiles import load_profile
from mirror import kit
from mirror.server import MIRROR_ROOT, case_page, case_pages, load_routes, start, url_path
from parsers import parse_detail, parse_list
from parsers.decode import decode_html
from parsers.family import Family
from tests.conftest import CANONICAL, FIXTURES, needs_generic_reader
from xxgk.tooling import page_for

SITES = sorted(CANONICAL)
MIRRORED = [s for s in SITES if (MIRROR_ROOT / s).is_dir()]
NOT_PAGES = ("README.md",)  # besides *.json: expected records, figures, lists, attachments
BASE = "https://yjj.km.gov.cn"  # where the kit's Kunming CMS sites stand


def cases(site_id: str) -> list[tuple[Path, str]]:
    """(expected JSON, canonical URL) of every case of a site."""
    return [
        (p, json.loads(p.read_text("utf-8"))["url"])
        for p in sorted((FIXTURES / site_id).glob("*.expected.json"))
    ]


def mirror_files(site_id: str) -> set[str]:
    """The URL paths the mirror tree serves by itself."""
    root = MIRROR_ROOT / site_id
    return {
        "/" + p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if p.is_file() and "_mirror" not in p.relative_to(root).parts
    }


@pytest.mark.parametrize("site_id", SITES)
def test_every_case_has_its_page_beside_it(site_id: str) -> None:
    found = cases(site_id)
    assert found, f"no cases in tests/fixtures/{site_id}"
    for expected, url in found:
        assert url.startswith(CANONICAL[site_id] + "/"), f"{expected.name}: {url} is off-site"
        page = case_page(expected, url)
        assert page.is_file(), f"{expected.name}: no {page.name} beside it"


@pytest.mark.parametrize("site_id", SITES)
def test_every_page_has_its_expected_json(site_id: str) -> None:
    named = {case_page(expected, url) for expected, url in cases(site_id)}
    for file in sorted((FIXTURES / site_id).iterdir()):
        if file.is_dir() or file.suffix == ".json" or file.name in NOT_PAGES:
            continue
        assert file in named, (
            f"{file.name}: no {file.name.split('.')[0]}.expected.json naming a URL with the "
            f"extension {file.suffix}"
        )


@pytest.mark.parametrize("site_id", SITES)
def test_no_file_is_served_from_two_places(site_id: str) -> None:
    urls = [url for _, url in cases(site_id)]
    assert len(urls) == len(set(urls)), "two cases name the same URL"
    assert len(case_pages(FIXTURES / site_id)) == len(urls)
    if not (MIRROR_ROOT / site_id).is_dir():
        return
    also_in_mirror = {url_path(u) for u in urls} & mirror_files(site_id)
    assert not also_in_mirror, f"cases with a second copy in mirror/{site_id}: {also_in_mirror}"
    for route in load_routes(MIRROR_ROOT / site_id).values():
        if route.file:
            assert (MIRROR_ROOT / site_id / route.file).is_file(), route


def resolves(site_id: str, url: str) -> bool:
    """Whether the mirror answers ``url`` as the site would: a case page, a file of the mirror
    tree, or a route that says what happens (an error, or a redirect that resolves)."""
    base = CANONICAL[site_id]
    route = load_routes(MIRROR_ROOT / site_id).get(url_path(url[len(base) :]))
    if route is not None and route.redirect:
        return resolves(site_id, base + route.redirect)
    if route is not None and (route.file or route.status != 200):
        return True
    return page_for(site_id, base, url)[0].is_file()


@pytest.mark.parametrize("site_id", MIRRORED)
def test_every_list_item_resolves(site_id: str) -> None:
    """Walk every column from its first list page through the pages each reveals (and those
    ``lists.json`` names); every detail link on the site resolves."""
    profile = load_profile(site_id)
    base = CANONICAL[site_id]
    lists_json = FIXTURES / site_id / "lists.json"
    expected_lists = json.loads(lists_json.read_text("utf-8")) if lists_json.exists() else {}
    todo = [base + c["path"] for c in profile["columns"]] + list(expected_lists)
    seen: set[str] = set()
    items: set[str] = set()
    while todo:
        url = todo.pop(0)
        if url in seen:
            continue
        seen.add(url)
        file, content_type = page_for(site_id, base, url)
        assert file.is_file(), f"list page {url} is not in the mirror"
        if needs_generic_reader(site_id):  # the list side is generic already
            page = Family().parse_list(decode_html(file.read_bytes(), content_type)[0], url)
        else:
            page = parse_list(file.read_bytes(), url, content_type, family=profile["family"])
        items |= {item.url for item in page.items}
        todo += page.page_urls
    items |= {i["url"] for listing in expected_lists.values() for i in listing.get("items", [])}
    on_site = sorted(u for u in items if u.startswith(base + "/"))
    assert on_site, f"no list item of {site_id} found"
    unresolved = [u for u in on_site if not resolves(site_id, u)]
    assert not unresolved, f"list items served by nothing: {unresolved}"
    routes = load_routes(MIRROR_ROOT / site_id)
    moved = {base + r.redirect for r in routes.values() if r.redirect and base + r.path in items}
    unlisted = {url for _, url in cases(site_id)} - items - moved
    assert not unlisted, f"cases no list shows: {sorted(unlisted)}"


@pytest.mark.parametrize("site_id", MIRRORED)
def test_the_server_serves_each_case_at_its_url(site_id: str) -> None:
    server = start(site_id)
    try:
        for expected, url in cases(site_id):
            target = server.base_url + url[len(CANONICAL[site_id]) :]
            for _ in range(3):  # a route may fail the first requests
                try:
                    with urllib.request.urlopen(target, timeout=10) as resp:
                        body, content_type = resp.read(), resp.headers["Content-Type"]
                    break
                except urllib.error.HTTPError as exc:
                    assert exc.code == 500, (url, exc.code)
            else:
                pytest.fail(f"{url} never answered")
            assert body == case_page(expected, url).read_bytes(), url
            assert content_type == page_for(site_id, CANONICAL[site_id], url)[1], url
        fixture_path = server.base_url + "/" + case_page(*cases(site_id)[0]).name
        with pytest.raises(urllib.error.HTTPError) as info:
            urllib.request.urlopen(fixture_path, timeout=10)
        assert info.value.code == 404
    finally:
        server.shutdown()


def test_the_kit_makes_a_site_the_km_parser_reads(tmp_path: Path) -> None:
    docs = kit.numbered_km_documents(45)
    urls = kit.write_km_site(tmp_path, docs, per_page=10)
    assert len(urls) == len(docs) == len(set(urls))
    listed = []
    for column in kit.KM_COLUMNS:
        todo = [f"{BASE}/zfxxgk/fdzdgknr/{column}/index.shtml"]
        for url in todo:
            page = parse_list((tmp_path / url[len(BASE) + 1 :]).read_bytes(), url)
            assert page.page_count == 2
            listed += [i.url for i in page.items]
            todo += [u for u in page.page_urls if u not in todo]
        assert len(todo) == 2
    assert sorted(listed) == sorted(urls)
    doc = parse_detail((tmp_path / docs[0].path).read_bytes(), urls[0])
    assert doc.title == docs[0].title and doc.publish_date == f"{docs[0].date}T09:00:00+08:00"
    assert [f.text for f in doc.figures] == ["1000.5万元", "0支"]
