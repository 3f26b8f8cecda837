"""Family detection: the URL's shape and the page's signatures, generic when nothing fits.

The accuracy is measured over every page whose family is known: the real saved pages (their
``family`` key), every site's fixture pages and the mirrored sites' list pages (their profile's
family). ``python -m tests.test_detect`` prints it with every miss.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from crawler.profiles import load_profile
from mirror.server import MIRROR_ROOT
from parsers import parse_detail, parse_list
from parsers.detect import GENERIC, Detection, detect
from tests.conftest import CANONICAL, FIXTURES, expected_records, mirror_file
from tests.test_cli import xxgk
from xxgk.tooling import page_for

REAL = FIXTURES / "real"
MIN_ACCURACY = 0.95


def labelled_pages() -> list[tuple[str, Path, str, str]]:
    """(what, page file, canonical URL, family) for every page whose family is known."""
    pages = []
    for path in sorted(REAL.glob("*/*.expected.json")):
        expected = json.loads(path.read_text("utf-8"))
        page = path.with_name(path.name.removesuffix(".expected.json") + ".html")
        pages.append((f"real {path.parent.name}", page, expected["url"], expected["family"]))
    for site_id in sorted(CANONICAL):
        # a profile leaves its family out for a CMS none of the families knows: generic
        family = load_profile(site_id)["family"].replace("auto", GENERIC)
        for record in expected_records(site_id):
            url = record["url"]
            pages.append((f"site {site_id}", mirror_file(site_id, url), url, family))
        if not (MIRROR_ROOT / site_id).is_dir():
            continue
        base = CANONICAL[site_id]
        lists = FIXTURES / site_id / "lists.json"
        urls = [base + c["path"] for c in load_profile(site_id)["columns"]]
        urls += list(json.loads(lists.read_text("utf-8"))) if lists.exists() else []
        for url in dict.fromkeys(urls):
            pages.append((f"list {site_id}", page_for(site_id, base, url)[0], url, family))
    return pages


def accuracy() -> tuple[float, int, list[str]]:
    pages = labelled_pages()
    misses = []
    for what, page, url, family in pages:
        found = detect(page.read_bytes(), url)
        if found.family != family:
            misses.append(f"{what} {url}: detected {found.family}, expected {family} {found}")
    return 1 - len(misses) / len(pages), len(pages), misses


def test_detection_accuracy(capsys: pytest.CaptureFixture[str]) -> None:
    rate, n, misses = accuracy()
    with capsys.disabled():
        print(f"\ndetection accuracy {rate:.1%} over {n} pages ({len(misses)} missed)")
        for line in misses:
            print(f"  {line}")
    assert n > 100 and rate >= MIN_ACCURACY


@pytest.mark.parametrize(
    ("url", "family"),
    [
        ("https://yjj.km.gov.cn/c/2022-07-08/4567890.shtml", "km"),
        ("https://www.guiyang.gov.cn/zwgk/202009/t20200914_63718214.html", "trs"),
        ("https://www.pingtan.gov.cn/zwgk/gsgg/200912/t20091203_780.htm", "trs"),
        ("https://www.hangzhou.gov.cn/art/2023/3/21/art_1229063383_1839234.html", "hanweb"),
        ("https://www.kmyl.gov.cn/info/1036/22003.htm", "vsb"),
        ("https://www.gov.cn/zhengce/content/2020-07/30/content_5531274.htm", "gov_cn"),
        ("https://www.gov.cn/zhengce/content/202411/content_6985520.htm", "gov_cn"),
    ],
)
def test_the_url_shape_alone(url: str, family: str) -> None:
    found = detect("<html><body><p>正文</p></body></html>", url)
    assert found.family == family
    assert any(e.startswith("url: ") for e in found.evidence)
    assert 0 < found.confidence <= 1


@pytest.mark.parametrize(
    ("html", "family"),
    [
        ('<div class="TRS_Editor"><p>x</p></div>'
         '<script>createPageHTML(3,0,"index","html")</script>', "trs"),
        ('<meta name="ContentStart"><div id="zoom">x</div><meta name="ContentEnd">'
         '<table class="xxgk_table"></table>', "hanweb"),
        ('<link href="../_sitegray/_sitegray_d.css"><div id="vsb_content">x</div>', "vsb"),
        ('<div class="content-table"><table></table></div><div class="activity">x</div>', "km"),
        ('<div class="policyLibraryOverview_header"></div><div id="UCAP-CONTENT">x</div>',
         "gov_cn"),
    ],
)  # fmt: skip
def test_page_signatures_alone(html: str, family: str) -> None:
    assert detect(html, "https://www.example.gov.cn/a/b/12345.html").family == family


def test_a_page_of_no_known_family_is_generic_never_km() -> None:
    html = (
        '<html><head><meta name="SiteName" content="某市人民政府"></head><body>'
        '<div class="article-content"><p>各单位：请做好防汛工作。</p></div></body></html>'
    )
    found = detect(html, "http://www.example.gov.cn/zwgk/tzgg/202305/0a1b2c3d4e5f.shtml")
    assert found == Detection(GENERIC, 1.0, ["no family reaches 3 points"])
    one_weak_sign = detect(html.replace("article-content", "activity"), "https://x.gov.cn/1.htm")
    assert one_weak_sign.family == GENERIC and one_weak_sign.confidence < 1
    assert any("(weak)" in e for e in one_weak_sign.evidence)


def test_bytes_and_text_alike_and_the_page_outweighs_the_url() -> None:
    page = '<div id="vsb_content"><p>x</p></div><link href="/_sitegray/_sitegray.css">'
    url = "https://www.yn.gov.cn/zwgk/202201/t20220105_1.html"  # a TRS-like URL on a VSB site
    assert detect(page, url) == detect(page.encode("gb18030"), url)
    assert detect(page, url).family == "vsb"
    found = detect(page, url)
    assert found.confidence < 1 and any(e.startswith("also scored: trs") for e in found.evidence)


def test_detection_is_bounded_on_huge_pages() -> None:
    huge = "<p>" + "字" * 3_000_000 + "</p>" + '<div class="TRS_Editor">x</div>'
    assert detect(huge, "https://x.gov.cn/a.html").family == GENERIC  # one sign, past the head


def test_parse_with_family_auto() -> None:
    site_id, record = "zj_hz", expected_records("zj_hz")[0]
    body = mirror_file(site_id, record["url"]).read_bytes()
    auto = parse_detail(body, record["url"], family="auto")
    assert auto == parse_detail(body, record["url"], family="hanweb")
    assert parse_detail(body, record["url"]) == auto  # auto is the default
    lists = json.loads((FIXTURES / "zj_hz" / "lists.json").read_text("utf-8"))
    url = next(iter(lists))
    file, content_type = page_for("zj_hz", CANONICAL["zj_hz"], url)
    assert parse_list(file.read_bytes(), url, content_type) == parse_list(
        file.read_bytes(), url, content_type, family="hanweb"
    )
    with pytest.raises(ValueError):
        parse_detail(body, record["url"], family="nope")


def test_xxgk_detect(tmp_path: Path) -> None:
    page = REAL / "www.pingtan.gov.cn" / "t20221028_77119.html"
    url = json.loads(page.with_suffix(".expected.json").read_text("utf-8"))["url"]
    run = xxgk("detect", str(page), "--url", url)
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0] == "family\ttrs"
    assert lines[1].startswith("confidence\t") and float(lines[1].split("\t")[1]) > 0.5
    assert "evidence\turl: TRS article URL …/YYYYMM/tYYYYMMDD_N.html" in lines
    as_json = json.loads(xxgk("detect", str(page), "--url", url, "--json").stdout)
    assert as_json["family"] == "trs" and as_json["evidence"]
    parsed = xxgk("parse", str(page), "--url", url)  # --family auto is the default
    assert parsed.returncode == 0, parsed.stderr
    assert json.loads(parsed.stdout)["index_no"] == "PZ00108-3000-2022-00068"


if __name__ == "__main__":
    rate, n, misses = accuracy()
    print(f"detection accuracy {rate:.1%} over {n} pages ({len(misses)} missed)")
    for line in misses:
        print(f"  {line}")
    sys.exit(0 if rate >= MIN_ACCURACY else 1)


def test_a_profile_may_leave_its_family_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from crawler.profiles import validate

    text = 'id = "{id}"\nname = "x"\nbase_url = "https://a.gov.cn"\n'
    text += '[[columns]]\npath = "/xxgk/"\nname = "c"\n'
    (tmp_path / "anycms.toml").write_text(text.format(id="anycms"), "utf-8")
    monkeypatch.setenv("XXGK_SITES_DIR", str(tmp_path))
    assert load_profile("anycms")["family"] == "auto"
    profile = {"id": "x", "name": "x", "base_url": "https://a.gov.cn",
               "columns": [{"path": "/l/", "name": "c"}]}  # fmt: skip
    assert validate(profile, "x") == []
    assert validate({**profile, "family": "auto"}, "x") == []
    assert validate({**profile, "family": "generic"}, "x") == []
    assert any("unknown CMS family" in p for p in validate({**profile, "family": "nope"}, "x"))
