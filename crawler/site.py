"""The site a crawl archives: its profile, and the mapping between canonical and fetched URLs.

With ``base_url`` a crawl fetches from a mirror while every URL it records stays canonical
(https://yjj.km.gov.cn/…). The spider, the WARC capture and the pipeline share one ``CrawlSite``
through ``ArchiveExtension``, so none of them needs the others.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit


def is_loopback(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _other_scheme(url: str) -> str:
    if url.startswith("https://"):
        return "http://" + url[len("https://") :]
    return "https://" + url[len("http://") :]


@dataclass(frozen=True)
class CrawlSite:
    profile: dict[str, Any]
    fetch_base: str  # where requests go (the site itself, or a mirror)
    mode: str = "full"  # full | incremental

    @classmethod
    def of(cls, profile: dict[str, Any], base_url: str | None, mode: str = "full") -> CrawlSite:
        if mode not in ("full", "incremental"):
            raise ValueError(f"mode must be full or incremental, not {mode!r}")
        return cls(profile, (base_url or profile["base_url"]).rstrip("/"), mode)

    @property
    def site_id(self) -> str:
        return str(self.profile["id"])

    @property
    def canonical_base(self) -> str:
        return str(self.profile["base_url"])

    @property
    def incremental(self) -> bool:
        return self.mode == "incremental"

    def to_fetch(self, canonical: str) -> str:
        # pages link their own site by http:// as often as by https://
        for base in (self.canonical_base, _other_scheme(self.canonical_base)):
            if canonical.startswith(base):
                return self.fetch_base + canonical[len(base) :]
        return canonical

    def to_canonical(self, fetched: str) -> str:
        if fetched.startswith(self.fetch_base):
            return self.canonical_base + fetched[len(self.fetch_base) :]
        return fetched
