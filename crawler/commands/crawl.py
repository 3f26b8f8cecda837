"""``scrapy crawl``, also for a bundle of sites in one process: what a Scrapyd job runs.

    scrapy crawl xxgk -a site=km_yjj [-a base_url=URL]      one site, as Scrapy always did
    scrapy crawl xxgk -a sites=km_yjj,gov_cn [-a mode=incremental] [-a base_urls=JSON]
        -s XXGK_DB=SHARD/shard.sqlite -s XXGK_WARC_DIR=SHARD/warc -s XXGK_FILES_DIR=SHARD/files
        -s XXGK_SHARD=SHARD_ID [-s XXGK_NODE=NAME -s XXGK_VANTAGE=TEXT]

A bundle runs one crawler per site side by side in this process (``crawler.process``), so one
job keeps many polite per-site download slots busy: each site still gets one request at a time,
its own crawl run and its own health. ``base_urls`` maps site ids to mirrors, as JSON.

With ``XXGK_SHARD`` the locations must be a shard folder (``store.Shard``): when every crawl has
finished, the job seals it — CDXJ index and manifest, written last — so a folder without a
manifest is the trace of a job that did not finish. A storage failure exits 3 and seals
nothing; a site that cannot be crawled at all (an unknown profile) exits 1.
"""

from __future__ import annotations

import argparse
import json
import logging

from scrapy.commands.crawl import Command as ScrapyCrawl
from scrapy.exceptions import UsageError

from crawler.process import add_crawls, final_stats
from store import ArchiveConfig, Shard, ShardError

log = logging.getLogger(__name__)

EXIT_STORAGE = 3
BUNDLE_ARGS = frozenset({"sites", "mode", "base_urls", "_job"})


class Command(ScrapyCrawl):
    def short_desc(self) -> str:
        return "Run a spider; xxgk also takes a bundle of sites (-a sites=a,b) into a shard"

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        assert self.settings is not None
        if "sites" not in opts.spargs and not self.settings.get("XXGK_SHARD"):
            super().run(args, opts)
            return
        if args != ["xxgk"]:
            raise UsageError("a bundle of sites is crawled by the xxgk spider only")
        spargs = dict(opts.spargs)
        unknown = set(spargs) - BUNDLE_ARGS - {"site"}
        if unknown:
            raise UsageError(f"unknown arguments for a bundle: {', '.join(sorted(unknown))}")
        sites = [s for s in (spargs.get("sites") or spargs.get("site") or "").split(",") if s]
        if not sites:
            raise UsageError("no site: -a sites=SITE_ID,SITE_ID")
        try:
            base_urls = json.loads(spargs.get("base_urls") or "{}")
        except ValueError as exc:
            raise UsageError(f"base_urls is not JSON: {exc}") from None
        mode = spargs.get("mode") or "full"
        config = ArchiveConfig.from_settings(self.settings.get)
        shard_id = self.settings.get("XXGK_SHARD") or ""
        try:
            shard = Shard.of(config) if shard_id else None
        except ShardError as exc:
            raise UsageError(str(exc)) from None

        assert self.crawler_process is not None
        crawlers = add_crawls(self.crawler_process, sites, base_urls, mode)
        self.crawler_process.start()
        stats = final_stats(crawlers)
        failures = [f"{site}: {s['xxgk/storage_error']}"
                    for site, s in zip(sites, stats, strict=True)
                    if s.get("xxgk/storage_error")]  # fmt: skip
        if failures:
            log.error("the shard cannot be written: %s; not sealed", "; ".join(failures))
            self.exitcode = EXIT_STORAGE
            return
        if self.crawler_process.bootstrap_failed:
            log.error("a crawl of %s could not start; not sealed", ", ".join(sites))
            self.exitcode = 1
            return
        if shard is None:
            return
        try:
            manifest = shard.seal(
                shard_id,
                sites,
                node=self.settings.get("XXGK_NODE") or "",
                vantage=self.settings.get("XXGK_VANTAGE") or "",
                job=spargs.get("_job") or "",
                dispatch=self.settings.get("XXGK_DISPATCH") or "",
                mode=mode,
            )
        except (ShardError, OSError) as exc:
            log.error("the shard cannot be sealed: %s", exc)
            self.exitcode = EXIT_STORAGE
            return
        log.info("shard %s sealed: %d runs, %d files", shard_id, len(manifest["runs"]),
                 len(manifest["files"]))  # fmt: skip
