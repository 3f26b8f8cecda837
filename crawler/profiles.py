"""Site profiles: one TOML file per site in ``crawler/sites/``, named by its ``site_id``.

A profile is data only: adding a site of a known CMS family needs no Python.

    id = "km_yjj"                      # the file's name; used everywhere as site_id
    name = "昆明市应急管理局"
    name_en = "Kunming Emergency Management Bureau"
    family = "km"                      # a module parsers/families/<family>.py; optional: left
                                       # out (or "auto"), each page's family is detected
    base_url = "https://yjj.km.gov.cn" # canonical; stored URLs always start with it
    verified = false                   # column paths confirmed against the live site?
    province = "53"                    # optional: GB/T 2260 code ("00" central), for
                                       # partitions; else from the site's 政府网站标识码
    required_fields = ["title", "publish_date", "body_text"]   # optional; the default
    [[columns]]
    path = "/zfxxgk/fdzdgknr/tzgg/index.shtml"   # the column's first list page
    name = "通知公告"
    [detail]                           # optional: metadata shown without labels
    xpath = "//div[@class='info']/span"
    fields = ["index_no", "publisher", "publish_date"]

``XXGK_SITES_DIR`` (environment) points at another profile directory.
"""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path
from typing import Any

from parsers.fields import LABEL_FIELDS

SITES_DIR = Path(__file__).resolve().parent / "sites"
REQUIRED = ("id", "name", "base_url", "columns")
# a profile without a family leaves it to detection
AUTO_FAMILY = "auto"
DEFAULT_REQUIRED_FIELDS = ("title", "publish_date", "body_text")
RECORD_FIELDS = frozenset(
    {*LABEL_FIELDS.values(), "title", "body_text", "keywords", "attachments"} - {"source"}
)
_ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")


class ProfileError(ValueError):
    pass


def sites_dir() -> Path:
    return Path(os.environ.get("XXGK_SITES_DIR") or SITES_DIR)


def load_profile(site_id: str) -> dict[str, Any]:
    path = sites_dir() / f"{site_id}.toml"
    if not _ID_RE.match(site_id) or not path.is_file():
        known = ", ".join(site_ids()) or "none"
        raise ProfileError(f"no site profile {site_id!r} (known: {known})")
    try:
        profile = tomllib.loads(path.read_text("utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"{path.name}: not valid TOML: {exc}") from None
    problems = validate(profile, site_id)
    if problems:
        raise ProfileError(f"{path.name}: " + "; ".join(problems))
    profile["base_url"] = profile["base_url"].rstrip("/")
    profile.setdefault("family", AUTO_FAMILY)
    return profile


def validate(profile: dict[str, Any], site_id: str) -> list[str]:
    """What is wrong with a profile, in words (empty when nothing is)."""
    from parsers.registry import family_reader

    problems = [f"missing {key}" for key in REQUIRED if not profile.get(key)]
    if problems:
        return problems
    if profile["id"] != site_id:
        problems.append(f"id {profile['id']!r} does not match the file name")
    if not re.match(r"^https?://[^/]+/?$", str(profile["base_url"])):
        problems.append(f"base_url {profile['base_url']!r} is not a scheme and host")
    family = profile.get("family", AUTO_FAMILY)
    if family != AUTO_FAMILY:
        try:
            family_reader(str(family))
        except ValueError as exc:
            problems.append(str(exc))
    for i, column in enumerate(profile["columns"]):
        if not isinstance(column, dict) or not str(column.get("path", "")).startswith("/"):
            problems.append(f"column {i + 1} needs a path starting with /")
        elif not column.get("name"):
            problems.append(f"column {column['path']} needs a name")
    province = profile.get("province")
    if province is not None and not re.match(r"^[0-9]{2}$", str(province)):
        problems.append('province is a two-digit GB/T 2260 code ("53"; "00" for a central body)')
    verified = profile.get("verified", False)
    if verified not in (True, False, "stored-copy"):
        problems.append('verified must be true, false or "stored-copy"')
    if verified == "stored-copy" and not str(profile.get("evidence", "")).startswith("http"):
        problems.append('verified = "stored-copy" needs the evidence URL (evidence = "https://…")')
    for name in profile.get("required_fields", []):
        if name not in RECORD_FIELDS:
            problems.append(f"required field {name!r} is not a record field")
    detail = profile.get("detail")
    if detail is not None:
        if not isinstance(detail, dict) or not isinstance(detail.get("xpath"), str):
            problems.append("[detail] needs an xpath")
        else:
            for name in detail.get("fields", []):
                if name and name not in RECORD_FIELDS:
                    problems.append(f"[detail] field {name!r} is not a record field")
    return problems


def required_fields(profile: dict[str, Any]) -> tuple[str, ...]:
    return tuple(profile.get("required_fields") or DEFAULT_REQUIRED_FIELDS)


def site_ids() -> list[str]:
    return sorted(p.stem for p in sites_dir().glob("*.toml"))
