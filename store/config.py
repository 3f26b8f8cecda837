"""Where the archive lives and what limits it keeps: decided once, handed to every room.

An archive is a database file plus two folders: the WARC capture (every response as received)
and the attachment files (stored once by sha256). By default both folders sit beside the
database (``data/archive.db``, ``data/warc/``, ``data/files/``); each can be moved. The crawler
(Scrapy settings), the nightly job, reparse and the Datasette plugin (``plugin_config``) all
read the same ``ArchiveConfig``, so an archive crawled with ``--warc-dir`` is served and
re-parsed from that folder too.

Precedence, highest first: explicit values (command-line options), then the environment
(``XXGK_DB``, ``XXGK_WARC_DIR``, ``XXGK_FILES_DIR``; ``XXGK_BUSY_TIMEOUT``, seconds a writer
waits for another's lock), then the defaults beside the database.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

DEFAULT_DB = "data/archive.db"
DEFAULT_WARC_MAX_BYTES = 256 * 1024 * 1024
DEFAULT_ATTACHMENT_MAX_BYTES = 50 * 1024 * 1024
DEFAULT_ATTACHMENT_TIMEOUT = 120
# How long a writer waits for another writer's lock before the run fails loudly.
DEFAULT_BUSY_TIMEOUT = 30.0

# The name under which the Datasette plugin reads its configuration (``plugin_config``).
PLUGIN_NAME = "xxgk-archive"


@dataclass(frozen=True)
class ArchiveConfig:
    db_path: Path
    warc_dir: Path
    files_dir: Path
    warc_max_bytes: int = DEFAULT_WARC_MAX_BYTES
    attachment_max_bytes: int = DEFAULT_ATTACHMENT_MAX_BYTES
    attachment_timeout: int = DEFAULT_ATTACHMENT_TIMEOUT
    busy_timeout: float = DEFAULT_BUSY_TIMEOUT

    @classmethod
    def resolve(
        cls,
        db: str | Path | None = None,
        warc_dir: str | Path | None = None,
        files_dir: str | Path | None = None,
        env: Mapping[str, str] | None = None,
        **limits: Any,
    ) -> ArchiveConfig:
        """Explicit values, else the environment, else the defaults beside the database.
        ``limits`` (warc_max_bytes, attachment_max_bytes, …) that are None keep defaults."""
        environ = os.environ if env is None else env
        db_path = Path(db or environ.get("XXGK_DB") or DEFAULT_DB)
        warc = warc_dir or environ.get("XXGK_WARC_DIR") or db_path.parent / "warc"
        files = files_dir or environ.get("XXGK_FILES_DIR") or db_path.parent / "files"
        config = cls(db_path, Path(warc), Path(files))
        if environ.get("XXGK_BUSY_TIMEOUT") and limits.get("busy_timeout") is None:
            limits["busy_timeout"] = float(environ["XXGK_BUSY_TIMEOUT"])
        return replace(config, **{k: v for k, v in limits.items() if v is not None})

    # -- Scrapy -----------------------------------------------------------------------------

    def to_settings(self) -> dict[str, Any]:
        """The Scrapy settings that carry this configuration into a crawl."""
        return {
            "XXGK_DB": str(self.db_path),
            "XXGK_WARC_DIR": str(self.warc_dir),
            "XXGK_FILES_DIR": str(self.files_dir),
            "XXGK_WARC_MAX_BYTES": self.warc_max_bytes,
            "XXGK_ATTACHMENT_MAX_BYTES": self.attachment_max_bytes,
            "XXGK_ATTACHMENT_TIMEOUT": self.attachment_timeout,
            "XXGK_BUSY_TIMEOUT": self.busy_timeout,
        }

    @classmethod
    def from_settings(cls, get: Callable[[str], Any]) -> ArchiveConfig:
        """From Scrapy settings (pass ``settings.get``); empty values fall back as in
        ``resolve``."""

        def number(name: str, kind: type[int] | type[float]) -> Any:
            value = get(name)
            return kind(value) if value not in (None, "") else None

        return cls.resolve(
            get("XXGK_DB") or None,
            get("XXGK_WARC_DIR") or None,
            get("XXGK_FILES_DIR") or None,
            warc_max_bytes=number("XXGK_WARC_MAX_BYTES", int),
            attachment_max_bytes=number("XXGK_ATTACHMENT_MAX_BYTES", int),
            attachment_timeout=number("XXGK_ATTACHMENT_TIMEOUT", int),
            busy_timeout=number("XXGK_BUSY_TIMEOUT", float),
        )

    # -- Datasette --------------------------------------------------------------------------

    def to_environment(self) -> dict[str, str]:
        """Environment for a Datasette process: the packaged metadata reads the plugin
        configuration from these variables (``$env``), so ``plugin_config`` sees them."""
        return {"XXGK_WARC_DIR": str(self.warc_dir), "XXGK_FILES_DIR": str(self.files_dir)}

    @classmethod
    def from_plugin_config(cls, db_path: str | Path, plugin_config: Mapping[str, Any] | None
                           ) -> ArchiveConfig:  # fmt: skip
        """The configuration a Datasette plugin serves ``db_path`` with: the folders named in
        ``plugin_config`` (from the metadata), else those beside the database. The process
        environment is not consulted beyond what the metadata says."""
        conf = plugin_config or {}
        return cls.resolve(db_path, conf.get("warc_dir") or None, conf.get("files_dir") or None,
                           env={})  # fmt: skip

    # -- files ------------------------------------------------------------------------------

    @property
    def lock_path(self) -> Path:
        """One lock per archive: crawls and nightly runs of one database never overlap."""
        return self.db_path.parent / f".{self.db_path.name}.lock"

    def file_path(self, sha256: str) -> Path:
        return self.files_dir / sha256[:2] / sha256
