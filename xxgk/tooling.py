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
    site_id: str, url: str, family: str, name: str | None = None, page: Path | None = None
) -> list[Path]:
    """Write ``<sites>/<site_id>.toml`` and a fixture stub; returns the files written."""
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
        "columns": [{"path": parts.path or "/", "name": name or site_id}],
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
        f'base_url = "{base_url}"\nverified = false\n\n'
        f'[[columns]]\npath = "{parts.path or "/"}"\n'
        f'name = "{profile["name"]}"\n',
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
    page_url = f"{base_url}/{page.name}"
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
