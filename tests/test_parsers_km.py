"""Field-by-field: every archived page of the Kunming mirror against its expected JSON."""

from __future__ import annotations

import pytest

from mirror.server import load_routes, site_dir
from parsers import PageError, parse_detail, parse_list
from tests.conftest import expected_records, mirror_file

RECORDS = expected_records("km_yjj")
ROUTES = load_routes(site_dir("km_yjj"))


def _content_type(url: str) -> str:
    route = ROUTES.get(url.split("yjj.km.gov.cn", 1)[-1])
    if route is not None and route.content_type:
        return route.content_type
    return "text/html; charset=utf-8"


def test_mirror_has_enough_pages() -> None:
    assert len(RECORDS) >= 40


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        (r.path, r.expect_error)
        for r in ROUTES.values()
        if r.expect_error in ("soft_404", "blocked") and (r.file or not r.redirect)
    ],
)
def test_error_pages_are_not_documents(path: str, kind: str) -> None:
    route = ROUTES[path]
    file = site_dir("km_yjj") / (route.file or path.lstrip("/"))
    with pytest.raises(PageError) as info:
        parse_detail(file.read_bytes(), "https://yjj.km.gov.cn" + path)
    assert info.value.kind == kind


def test_list_pages_reveal_pagination_from_the_inline_script() -> None:
    url = "https://yjj.km.gov.cn/zfxxgk/fdzdgknr/tzgg/index.shtml"
    page = parse_list(mirror_file("km_yjj", url).read_bytes(), url)
    assert page.page_count is not None and page.page_count >= 3
    assert page.page_urls[0] == "https://yjj.km.gov.cn/zfxxgk/fdzdgknr/tzgg/index_1.shtml"
    assert len(page.page_urls) == page.page_count - 1
    assert page.items
    assert all(item.url.startswith("https://yjj.km.gov.cn/") for item in page.items)
    assert all(item.date and len(item.date) == 10 for item in page.items)


def test_later_list_pages_do_not_reveal_more_than_the_first() -> None:
    url = "https://yjj.km.gov.cn/zfxxgk/fdzdgknr/ghjh/index_2.shtml"
    page = parse_list(mirror_file("km_yjj", url).read_bytes(), url)
    assert page.items
    assert [u.rsplit("/", 1)[1] for u in page.page_urls] == [
        f"index_{n}.shtml" for n in range(1, (page.page_count or 0))
    ]
