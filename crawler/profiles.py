"""Site profiles: one TOML file per site in ``crawler/sites/``, named by its ``site_id``."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

SITES_DIR = Path(__file__).resolve().parent / "sites"
REQUIRED = ("id", "name", "family", "base_url", "columns")


class ProfileError(ValueError):
    pass


def load_profile(site_id: str) -> dict[str, Any]:
    path = SITES_DIR / f"{site_id}.toml"
    if not path.is_file():
        known = ", ".join(site_ids()) or "none"
        raise ProfileError(f"no site profile {site_id!r} (known: {known})")
    profile = tomllib.loads(path.read_text("utf-8"))
    missing = [key for key in REQUIRED if not profile.get(key)]
    if missing:
        raise ProfileError(f"{path.name}: missing {', '.join(missing)}")
    if profile["id"] != site_id:
        raise ProfileError(f"{path.name}: id {profile['id']!r} does not match the file name")
    profile["base_url"] = profile["base_url"].rstrip("/")
    return profile


def site_ids() -> list[str]:
    return sorted(p.stem for p in SITES_DIR.glob("*.toml"))
