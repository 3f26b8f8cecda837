"""One launcher for Datasette: ``xxgk serve``, ``xxgk demo`` and ``xxgk publish`` all start the
archive's site through ``datasette_args``.

The site itself (metadata, canned queries, templates, plugins, static files) is the packaged
plugin ``serve`` (entry points in pyproject.toml), so ``datasette archive.db`` alone shows it;
the launcher only adds settings, and hands the archive's folders to the plugin through the
environment that the packaged metadata reads into ``plugin_config``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from store import ArchiveConfig

# Settings of every launch: suggested facets cost more than they give on a large table; a 3 s
# limit for SQL; streamed CSV of any size.
SETTINGS = {
    "suggest_facets": "off",
    "sql_time_limit_ms": "3000",
    "max_returned_rows": "1000",
    "max_csv_mb": "0",
}


@dataclass(frozen=True)
class Publish:
    """Published mode: the file opened immutable with ``inspect`` counts, no download of the
    database, SQL on or off."""

    inspect_file: Path
    allow_sql: bool = True
    # partitions (``xxgk partition``): these files, the catalogue first, instead of the archive
    files: tuple[Path, ...] = ()


def datasette_args(
    config: ArchiveConfig,
    host: str = "127.0.0.1",
    port: int = 8001,
    publish: Publish | None = None,
    get: str | None = None,
) -> list[str]:
    """The ``datasette serve`` command line for this archive (``get``: answer one GET request
    and exit, instead of listening)."""
    db = str(config.db_path)
    args = [sys.executable, "-m", "datasette", "serve"]
    if publish is None:
        args.append(db)
        settings = {**SETTINGS, "allow_download": "on"}
    else:
        for path in publish.files or (Path(db),):
            args += ["-i", str(path)]
        args += ["--inspect-file", str(publish.inspect_file)]
        settings = {**SETTINGS, "allow_download": "off",
                    "default_allow_sql": "on" if publish.allow_sql else "off"}  # fmt: skip
    for name, value in settings.items():
        args += ["--setting", name, value]
    if get is not None:
        return [*args, "--get", get]
    return [*args, "--host", host, "--port", str(port)]


def datasette_env(config: ArchiveConfig) -> dict[str, str]:
    """The environment of a Datasette process serving ``config``'s archive."""
    return {**os.environ, **config.to_environment()}


def inspect_args(
    config: ArchiveConfig, inspect_file: Path, files: Sequence[Path] = ()
) -> list[str]:
    paths = [str(p) for p in files] or [str(config.db_path)]
    return [sys.executable, "-m", "datasette", "inspect", *paths,
            "--inspect-file", str(inspect_file)]  # fmt: skip


def exec_datasette(args: list[str], config: ArchiveConfig) -> None:
    """Replace this process with Datasette."""
    os.execve(args[0], args, datasette_env(config))
