"""Polite defaults for crawling government sites.

Government servers are small and often behind anti-bot gateways: one request at a time per
site, AutoThrottle on top of a one-second delay, robots.txt obeyed, and a User-Agent that says
who we are and where to complain. ``XXGK_CONTACT`` (environment) replaces the contact URL.
"""

import os

from parsers import limits

BOT_NAME = "xxgk-archive"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"
# `scrapy crawl xxgk -a sites=a,b` crawls a bundle of sites in one process (a Scrapyd job)
COMMANDS_MODULE = "crawler.commands"

XXGK_CONTACT = os.environ.get("XXGK_CONTACT", "https://github.com/xxgk-archive/xxgk-archive")
USER_AGENT = (
    f"xxgk-archive/0.1 (+{XXGK_CONTACT}; archiving public government information disclosures)"
)

ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 1
DOWNLOAD_DELAY = 1.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 2.0
AUTOTHROTTLE_MAX_DELAY = 60.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = 30

RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
# Exponential backoff between retries: base * 2**(attempt-1) seconds, capped.
RETRY_BACKOFF_BASE = 2.0
RETRY_BACKOFF_MAX = 60.0

# A body shorter than its Content-Length reaches the spider flagged "dataloss", so the spider
# can retry it and, failing that, record it as a ``truncated`` error with the bytes it got.
DOWNLOAD_FAIL_ON_DATALOSS = False

DOWNLOADER_MIDDLEWARES = {
    # robots.txt refusals raised as their own exception type
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "crawler.middlewares.RobotsTxtMiddleware": 100,
    # redirects off-site or in a loop raise their own exception types (recorded as errors)
    "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": None,
    "crawler.middlewares.RedirectMiddleware": 600,
    "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
    "crawler.middlewares.MetaRefreshMiddleware": 580,
    # a body that unpacks past DOWNLOAD_MAXSIZE raises its own exception type (too_large)
    "scrapy.downloadermiddlewares.httpcompression.HttpCompressionMiddleware": None,
    "crawler.middlewares.HttpCompressionMiddleware": 590,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.middlewares.BackoffRetryMiddleware": 550,
    # next to the downloader: raw bytes, every attempt, before retries and redirects
    "crawler.middlewares.WarcCaptureMiddleware": 950,
}
ITEM_PIPELINES = {"crawler.pipelines.ArchivePipeline": 300}
# Owns the crawl's Archive (database, WARC, files) and run; see crawler/extension.py.

# Where the archive lives and its limits: store.ArchiveConfig reads these (empty: the
# environment, else beside the database); `xxgk` commands set them from their options.
XXGK_DB = ""
XXGK_WARC_DIR = ""  # WARC capture (default: warc/ beside the database)
XXGK_FILES_DIR = ""  # attachments by sha256 (default: files/ beside the database)
XXGK_WARC_MAX_BYTES = 256 * 1024 * 1024  # a new WARC file past this size
XXGK_ATTACHMENT_MAX_BYTES = 50 * 1024 * 1024  # larger attachments are not downloaded
XXGK_ATTACHMENT_TIMEOUT = 120
# Pages (lists and documents) larger than this are not downloaded, whether the server sends
# them whole or gzip-compressed (Scrapy counts the unpacked bytes): ``too_large``. Attachments
# keep their own cap (XXGK_ATTACHMENT_MAX_BYTES, per request).
DOWNLOAD_MAXSIZE = limits.MAX_PAGE_BYTES
# Text is extracted from each attachment in a worker process with these limits (seconds, MiB
# of address space): past them the extraction status is ``timeout`` or ``too_complex``.
XXGK_EXTRACT_TIMEOUT = float(os.environ.get("XXGK_EXTRACT_TIMEOUT", limits.EXTRACT_TIMEOUT))
XXGK_EXTRACT_MEMORY_MB = int(
    os.environ.get("XXGK_EXTRACT_MEMORY_MB", limits.EXTRACT_MEMORY // limits.MiB)
)
# A column's list has at most this many pages, whatever page count its script claims.
XXGK_MAX_LIST_PAGES = int(os.environ.get("XXGK_MAX_LIST_PAGES", limits.MAX_LIST_PAGES))
# Incremental (nightly) runs: stop paging a column after this many already-known items in a
# row; re-check every archived document at least once in this many days.
XXGK_KNOWN_STREAK = int(os.environ.get("XXGK_KNOWN_STREAK", "10"))
XXGK_RECHECK_DAYS = int(os.environ.get("XXGK_RECHECK_DAYS", "30"))
# A job dispatched to a Scrapyd node (xxgk dispatch): the shard it writes (the locations above
# are its folder), the dispatch it belongs to, and the node's name and vantage point, which go
# into the shard's manifest and the merged runs.
XXGK_SHARD = ""
XXGK_DISPATCH = ""
XXGK_NODE = os.environ.get("XXGK_NODE", "")
XXGK_VANTAGE = os.environ.get("XXGK_VANTAGE", "")

# No control endpoints on a crawling machine: the telnet console and Scrapy 2.19's
# RemoteControl extension (an HTTP server on localhost that runs any Python code sent to it)
# are both off; the second line keeps it off should the setting's name change.
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False
EXTENSIONS = {
    "scrapy.extensions.remote_control.RemoteControl": None,
    # owns the crawl's Archive (database, WARC, files) and run; see crawler/extension.py
    "crawler.extension.ArchiveExtension": 0,
}
LOG_LEVEL = "INFO"
FEED_EXPORT_ENCODING = "utf-8"
