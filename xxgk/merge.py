"""Merging shards into the archive: ``xxgk merge SHARD…``, and the last step of a dispatched run.

Every shard is verified before anything is merged (``store.Shard.verify``): a partial shard (no
manifest: its job was killed) or a corrupt one (a file that differs from its manifest, a
database that cannot be read) is refused, with the reason, and the archive is left as it was.

Then each shard's raw events are imported — runs, fetches, errors, its WARC files and attachment
files (``Archive.import_shard``, keyed by run origin and WARC record id, so what is there is
not added again) — and the documents of its sites are re-derived from the WARC records by the
replay ``xxgk reparse`` uses, in fetch order: on top of what the archive holds when all the
shard's responses are newer than the site's (the nightly case, cheap), else for the whole
site. Either way a site's documents, versions, figures, attachments and statuses are what one
replay of all its responses in fetch order gives, so merging a shard twice, or shards in any
order, gives the same archive.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from store import Archive, Shard, ShardError
from xxgk.reparse import Counts, Progress, derive_runs, reparse


@dataclass
class Merged:
    """What merging one shard did."""

    path: Path
    shard_id: str
    runs: dict[int, int] = field(default_factory=dict)  # run id in the shard -> in the archive
    skipped_runs: list[int] = field(default_factory=list)  # merged before
    fetches: int = 0
    sites: dict[str, str] = field(default_factory=dict)  # site -> "appended" | "re-derived"
    responses: int = 0  # responses replayed to derive documents
    documents: int = 0
    seconds: float = 0.0

    def line(self) -> str:
        if not self.runs:
            return f"{self.path}: already merged ({len(self.skipped_runs)} runs), nothing added"
        sites = ", ".join(f"{site} {how}" for site, how in sorted(self.sites.items()))
        return (
            f"{self.path}: {len(self.runs)} runs, {self.fetches} fetches, "
            f"{self.responses} responses replayed ({sites}) in {self.seconds:.1f} s"
        )


def verify(paths: Iterable[Path]) -> list[tuple[Shard, dict[str, object]]]:
    """Every shard with its manifest, or ``ShardError`` for the first that is not whole."""
    return [(shard, shard.verify()) for shard in (Shard(Path(p)) for p in paths)]


def merge_shards(
    archive: Archive, paths: Iterable[Path], progress: Progress | None = None
) -> list[Merged]:
    """Verify every shard, then merge them one by one (see the module's docstring). The
    caller holds the archive's lock."""
    verified = verify(paths)
    return [merge_verified(archive, shard, manifest, progress) for shard, manifest in verified]


def merge_verified(
    archive: Archive, shard: Shard, manifest: dict[str, object], progress: Progress | None = None
) -> Merged:
    started = time.perf_counter()
    imported = archive.import_shard(shard, manifest)
    merged = Merged(shard.path, imported.shard_id, imported.runs, imported.skipped_runs,
                    imported.fetches)  # fmt: skip
    runs = manifest["runs"]
    if not isinstance(runs, list):
        raise ShardError(f"{shard.path}: the manifest's runs are not a list")
    site_of = {int(r["run_id"]): str(r["site_id"]) for r in runs}
    for site_id, append in sorted(imported.sites.items()):
        new_runs = [target for local, target in imported.runs.items() if site_of[local] == site_id]
        counts: Counts
        if append:
            counts = derive_runs(archive, site_id, new_runs, progress)
            merged.sites[site_id] = "appended"
        else:
            counts = reparse(archive, site_id, progress)
            merged.sites[site_id] = "re-derived"
        merged.responses += counts.responses
        merged.documents += counts.documents
    merged.seconds = time.perf_counter() - started
    return merged
