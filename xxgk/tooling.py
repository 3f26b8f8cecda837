"""Tools for site profiles: check one against its fixtures, start a new one.

A site's fixtures are its cases, ``tests/fixtures/<site_id>/<case>.<ext>`` (the page) beside
``<case>.expected.json`` (the parser's expected output, naming the page's canonical ``url``),
for every site, mirrored or not. ``XXGK_FIXTURES_DIR`` points elsewhere.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from crawler.profiles import load_profile, sites_dir, validate
from mirror.server import MIRROR_ROOT, case_page, case_pages, load_routes, url_path
from parsers import PageError, parse_detail
from parsers.records import DOCUMENT_FIELDS

ROOT = Path(__file__).resolve().parent.parent
CHECKED = DOCUMENT_FIELDS


def fixtures_dir() -> Path:
    return Path(os.environ.get("XXGK_FIXTURES_DIR") or ROOT / "tests" / "fixtures")


def page_fixtures(directory: Path) -> list[Path]:
    """The expected JSON of each fixture page."""
    return sorted(directory.glob("*.expected.json"))


@dataclass
class Report:
    lines: list[str] = field(default_factory=list)
    ok: bool = True
    fill: dict[str, float] = field(default_factory=dict)


def page_for(site_id: str, base_url: str, url: str) -> tuple[Path, str | None]:
    """The file serving canonical ``url`` — the site's case whose expected JSON names it, else
    the mirror's file — and the Content-Type the mirror sends with it (None for a site without a
    mirror)."""
    path = url_path(url[len(base_url) :])
    mirror = MIRROR_ROOT / site_id
    file = case_pages(fixtures_dir() / site_id).get(url) or mirror / path.lstrip("/")
    if not mirror.is_dir():
        return file, None
    route = load_routes(mirror).get(path)
    content_type = route.content_type if route and route.content_type else None
    return file, content_type or "text/html; charset=utf-8"


def check_site(site_id: str) -> Report:
    report = Report()
    profile = load_profile(site_id)
    expected_files = page_fixtures(fixtures_dir() / site_id)
    if not expected_files:
        report.ok = False
        report.lines.append(f"{site_id}: no fixtures in {fixtures_dir() / site_id}")
        return report
    filled = dict.fromkeys(CHECKED, 0)
    parsed = 0
    for path in expected_files:
        expected: dict[str, Any] = json.loads(path.read_text("utf-8"))
        page = case_page(path, expected["url"])
        content_type = page_for(site_id, profile["base_url"], expected["url"])[1]
        try:
            doc = parse_detail(
                page.read_bytes(), expected["url"], content_type, family=profile["family"],
                rules=profile.get("detail"),
            ).to_dict()  # fmt: skip
        except (PageError, OSError) as exc:
            report.ok = False
            report.lines.append(f"FAIL {path.name}: {exc}")
            continue
        parsed += 1
        wrong = [k for k in CHECKED if k in expected and doc[k] != expected[k]]
        for name in CHECKED:
            filled[name] += bool(doc[name])
        if wrong:
            report.ok = False
            report.lines.append(f"DIFF {path.name}: {', '.join(wrong)}")
    report.fill = {k: v / parsed for k, v in filled.items()} if parsed else {}
    report.lines.append(
        f"{site_id} ({profile['family']}): {parsed}/{len(expected_files)} fixture pages parsed"
    )
    for name in CHECKED:
        if parsed:
            report.lines.append(f"  {name:<14} {report.fill[name]:6.0%}")
    return report


_ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")


def new_site(
    site_id: str,
    url: str,
    family: str,
    name: str | None = None,
    page: Path | None = None,
    columns: list[tuple[str, str]] | None = None,
    page_url: str | None = None,
) -> list[Path]:
    """Write ``<sites>/<site_id>.toml`` and a fixture (``page``, a saved detail page, with the
    parser's reading as its expected JSON to review; else a stub); returns the files written.
    ``columns`` are (path, name) pairs; by default the path of ``url``. ``page_url`` is where
    ``page`` came from (default: its file name under the site)."""
    if not _ID_RE.match(site_id):
        raise ValueError(f"site id {site_id!r}: use lower case letters, digits and _")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"{url!r} is not an http(s) URL")
    base_url = f"{parts.scheme}://{parts.netloc}"
    profile_path = sites_dir() / f"{site_id}.toml"
    if profile_path.exists():
        raise FileExistsError(f"{profile_path} exists")
    profile = {
        "id": site_id,
        "name": name or site_id,
        **({} if family == "auto" else {"family": family}),
        "base_url": base_url,
        "verified": False,
        "columns": [
            {"path": path, "name": column}
            for path, column in (columns or [(parts.path or "/", name or site_id)])
        ],
    }
    problems = validate(profile, site_id)
    if problems:
        raise ValueError("; ".join(problems))
    family_line = (
        "# family left out: each page's family is detected (see xxgk detect)\n"
        if family == "auto"
        else f'family = "{family}"\n'
    )
    profile_path.parent.mkdir(parents=True, exist_ok=True)
    profile_path.write_text(
        f"# {site_id}: written by `xxgk newsite`; check the columns, then set verified = true\n"
        f"# once they are confirmed against the live site.\n"
        f'id = "{site_id}"\nname = "{profile["name"]}"\n{family_line}'
        f'base_url = "{base_url}"\nverified = false\n'
        + "".join(
            f'\n[[columns]]\npath = "{c["path"]}"\nname = "{c["name"]}"\n'
            for c in profile["columns"]  # type: ignore[attr-defined]
        ),
        "utf-8",
    )
    written = [profile_path]
    target = fixtures_dir() / site_id
    target.mkdir(parents=True, exist_ok=True)
    if page is None:
        stub = target / "README.md"
        stub.write_text(
            f"Save a detail page of {base_url} here as <case>.<ext> and run `xxgk newsite` again\n"
            f"with --page, or write <case>.expected.json (naming the page's URL) by hand.\n",
            "utf-8",
        )
        return [*written, stub]
    stem = re.sub(r"[^0-9A-Za-z_]", "_", page.stem) or "page"
    page_url = page_url or f"{base_url}/{page.name}"
    out = target / f"{stem}.expected.json"
    copy = case_page(out, page_url)
    shutil.copy(page, copy)
    try:
        doc = parse_detail(page.read_bytes(), page_url, family=family).to_dict()
    except PageError as exc:
        raise ValueError(f"{page}: {exc}") from None
    expected = {"url": page_url, **{k: doc[k] for k in ("index_no_parts", *CHECKED)}}
    expected["attachments"] = [
        {"url": a["url"], "name": a["name"], "ext": a["ext"]} for a in doc["attachments"]
    ]
    out.write_text(json.dumps(expected, ensure_ascii=False, indent=2) + "\n", "utf-8")
    return [*written, copy, out]


# -- discovering a new site -------------------------------------------------------------------

MIN_LIST_ITEMS = 3  # a page listing at least this many documents is a column page
MAX_COLUMNS = 12


@dataclass
class Discovery:
    """What ``xxgk newsite`` found on a site's home or column page, and how sure it is."""

    url: str
    family: str
    confidence: float
    evidence: list[str]
    columns: list[tuple[str, str, float, list[str]]]  # path, name, score, why
    is_column: bool  # the page itself lists documents
    first_document: str | None = None  # the first document the first column lists

    def lines(self) -> list[str]:
        out = [f"family: {self.family} (confidence {self.confidence:.2f})"]
        out += [f"  {e}" for e in self.evidence[:6]]
        kind = "a column page" if self.is_column else "a home or section page"
        out.append(f"{self.url} is {kind}; {len(self.columns)} disclosure column(s):")
        for path, name, score, why in self.columns:
            out.append(f"  {path}  {name}  (score {score:g}: {'; '.join(why)})")
        if self.first_document:
            out.append(f"first document: {self.first_document}")
        return out


def site_id_for(url: str) -> str:
    """A site id from a host: yjj.km.gov.cn -> km_yjj, www.wanzai.gov.cn -> wanzai."""
    labels = [p for p in (urlsplit(url).hostname or "").lower().split(".")
              if p not in ("www", "gov", "cn", "com", "org", "net")]  # fmt: skip
    return "_".join(reversed(labels)).replace("-", "_") or "site"


def discover(html: bytes, url: str, family: str = "auto") -> Discovery:
    """The family of a site's page (detected unless given) and its disclosure columns: the
    page itself when it lists documents, else the columns its links lead to."""
    from parsers import parse_list
    from parsers.columns import disclosure_columns
    from parsers.decode import decode_html
    from parsers.detect import detect

    if family == "auto":
        found = detect(html, url)
        family, confidence, evidence = found.family, found.confidence, list(found.evidence)
    else:
        confidence, evidence = 1.0, ["given on the command line"]
    listed = parse_list(html, url, family=family)
    text, _ = decode_html(html)
    if len(listed.items) >= MIN_LIST_ITEMS:
        name = _column_name(text) or urlsplit(url).path
        columns = [(urlsplit(url).path or "/", name, float(len(listed.items)),
                    [f"lists {len(listed.items)} documents"])]  # fmt: skip
        first = listed.items[0].url
        return Discovery(url, family, confidence, evidence, columns, True, first)
    found_columns = [c for c in disclosure_columns(text, url) if c.score >= 2][:MAX_COLUMNS]
    columns = [(c.path, c.name, c.score, c.evidence) for c in found_columns]
    return Discovery(url, family, confidence, evidence, columns, False)


def _column_name(text: str) -> str | None:
    from parsers.html import meta_tags
    from parsers.text import parse_html

    root = parse_html(text)
    name = meta_tags(root).get("ColumnName")
    if name:
        return name.strip()[:30]
    title = next(root.iter("title"), None)
    if title is None:
        return None
    return (title.text or "").strip().split("_")[0].split("-")[0][:30] or None
