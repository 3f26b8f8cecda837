"""``xxgk``: crawl, parse, serve. The command line only chains the rooms; each does its work."""

from __future__ import annotations

import dataclasses
import json
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from store import ArchiveConfig

if TYPE_CHECKING:
    from store import Archive
    from xxgk.dispatch import DispatchResult, Nodes

DEFAULT_DB = os.environ.get("XXGK_DB", "data/archive.db")

EXIT_NO_DOCUMENT = 1
EXIT_STORAGE = 3  # the archive could not be read or written
EXIT_REFUSED = 65  # EX_DATAERR: a shard is partial or corrupt; nothing was merged
EXIT_LOCKED = 75  # EX_TEMPFAIL: another run holds the archive's lock; try again later
MAX_NEWSITE_PAGE = 10 * 1024 * 1024  # bytes read of a page xxgk newsite fetches


def archive_options(func: Any) -> Any:
    """--db, --warc-dir and --files-dir: where the archive lives (see store.ArchiveConfig)."""
    for option in reversed(
        (
            click.option("--db", default=DEFAULT_DB, show_default=True,
                         help="Archive database (environment: XXGK_DB)."),
            click.option("--warc-dir", default=None,
                         help="WARC capture folder (XXGK_WARC_DIR; default: warc/ beside the "
                              "database)."),
            click.option("--files-dir", default=None,
                         help="Attachment files folder (XXGK_FILES_DIR; default: files/ "
                              "beside the database)."),
        )
    ):  # fmt: skip
        func = option(func)
    return func


def nodes_options(func: Any) -> Any:
    """--nodes and --shards: the Scrapyd nodes to crawl on and where their shards go."""
    func = click.option("--shards", "shards_dir", default=None,
                        help="Shards folder (default: nodes.toml's shards, else shards/ "
                             "beside the database).")(func)  # fmt: skip
    return click.option("--nodes", "nodes_file", default=None,
                        help="nodes.toml (XXGK_NODES; default: nodes.toml beside the "
                             "database).")(func)  # fmt: skip


def crawl_options(func: Any) -> Any:
    """--site, --full, the archive's locations and --base-url: which sites a run crawls, how,
    into which archive, and from where."""
    for option in reversed(
        (
            click.option("--site", "only", multiple=True,
                         help="Only this site (repeatable)."),
            click.option("--full", is_flag=True, help="Crawl everything, not incrementally."),
            archive_options,
            click.option("--base-url", "base_urls", multiple=True, metavar="SITE_ID=URL",
                         help="Fetch SITE_ID from URL (a mirror) instead of the live site "
                              "(repeatable)."),
        )
    ):  # fmt: skip
        func = option(func)
    return func


def fail(command: str, message: str, code: int) -> NoReturn:
    click.echo(f"xxgk {command}: {message}", err=True)
    sys.exit(code)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="xxgk-archive")
def main() -> None:
    """Scrape and archive Chinese government information-disclosure (政府信息公开) pages.

    Crawl a site into SQLite, parse single pages, and serve the archive with Datasette.
    """


def run_crawl(
    site_id: str,
    config: ArchiveConfig,
    base_url: str | None,
    log_level: str,
) -> dict[str, Any]:
    """Run one full crawl in this process; return Scrapy's final stats."""
    from crawler.process import run_crawls

    return run_crawls([site_id], config, {site_id: base_url}, "full", log_level)[0]


def _print_summary(stats: dict[str, Any], run: dict[str, Any] | None) -> int:
    documents = int(stats.get("xxgk/documents", 0))
    errors = {k.rsplit("/", 1)[1]: v for k, v in stats.items() if k.startswith("xxgk/errors/")}
    click.echo(
        f"run {stats.get('xxgk/run_id')}: {stats.get('xxgk/list_pages', 0)} list pages, "
        f"{documents} documents saved, {sum(errors.values())} errors"
        + (f" ({', '.join(f'{k}: {v}' for k, v in sorted(errors.items()))})" if errors else "")
    )
    if run is not None:
        rates = run["fill_rates"]
        if rates:
            click.echo(
                "fields filled: " + ", ".join(f"{k} {v:.0%}" for k, v in sorted(rates.items()))
            )
        if run["status"] != "ok":
            click.echo(f"{str(run['status']).upper()}: {run['status_reason']}", err=True)
    return documents


@main.command()
@click.argument("site_id")
@click.option(
    "--base-url",
    help="Fetch from this URL (e.g. a local mirror) instead of the live "
    "site; stored URLs stay canonical.",
)
@archive_options
@click.option(
    "--warc-max-bytes",
    type=int,
    default=None,
    help="Start a new WARC file past this size (default 256 MiB).",
)
@click.option(
    "--attachment-max-bytes",
    type=int,
    default=None,
    help="Do not download attachments larger than this (default 50 MiB).",
)
@click.option(
    "--log-level",
    default="INFO",
    show_default=True,
    type=click.Choice(["DEBUG", "INFO", "WARNING", "ERROR"]),
)
def crawl(
    site_id: str,
    base_url: str | None,
    db: str,
    warc_dir: str | None,
    files_dir: str | None,
    warc_max_bytes: int | None,
    attachment_max_bytes: int | None,
    log_level: str,
) -> None:
    """Crawl SITE_ID's disclosure columns into the archive.

    Exits 1 when the crawl saved no document at all (a site that changed its layout or blocks
    the crawler must not pass silently), 3 when the archive could not be written (locked,
    read-only, disk full), 75 when another crawl or nightly run holds the archive's lock.
    """
    from crawler.profiles import ProfileError, load_profile
    from store import Archive, Locked, StorageError

    try:
        load_profile(site_id)
    except ProfileError as exc:
        raise click.BadParameter(str(exc), param_hint="SITE_ID") from None
    config = ArchiveConfig.resolve(db, warc_dir, files_dir, warc_max_bytes=warc_max_bytes,
                                   attachment_max_bytes=attachment_max_bytes)  # fmt: skip
    try:
        with Archive.open(config) as archive, archive.lock():
            interrupted = archive.mark_interrupted()
            if interrupted:
                click.echo(f"{interrupted} crawl run(s) of an earlier, killed run marked "
                           "interrupted", err=True)  # fmt: skip
            stats = run_crawl(site_id, config, base_url, log_level)
            run_id = stats.get("xxgk/run_id")
            runs = archive.runs([int(run_id)]) if run_id is not None else []
    except Locked as exc:
        fail("crawl", f"{exc}; not starting", EXIT_LOCKED)
    except StorageError as exc:
        fail("crawl", f"the archive cannot be used: {exc}", EXIT_STORAGE)
    if stats.get("xxgk/storage_error"):
        fail("crawl", f"the archive cannot be written, crawl stopped: "
                      f"{stats['xxgk/storage_error']}", EXIT_STORAGE)  # fmt: skip
    if _print_summary(stats, runs[0] if runs else None) == 0:
        fail("crawl", "no document saved: check the errors table", EXIT_NO_DOCUMENT)


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--url", required=True, help="Canonical URL the page was fetched from.")
@click.option(
    "--family",
    default="auto",
    show_default=True,
    help="CMS family of the page (km, gov_cn, trs, hanweb, vsb, generic), or auto: detected "
    "from the URL and the page (see xxgk detect).",
)
@click.option(
    "--content-type",
    default=None,
    help="The HTTP Content-Type header, if known (it may name the charset).",
)
def parse(file: Path, url: str, family: str, content_type: str | None) -> None:
    """Parse one saved detail page and print its record as JSON.

    Exits 2 with a one-line reason when the page is an error page or not a document.
    """
    from parsers import PageError, parse_detail

    try:
        doc = parse_detail(file.read_bytes(), url, content_type, family=family)
    except PageError as exc:
        click.echo(f"xxgk parse: {file}: {exc}", err=True)
        sys.exit(2)
    except ValueError as exc:
        click.echo(f"xxgk parse: {exc}", err=True)
        sys.exit(2)
    click.echo(json.dumps(doc.to_dict(), ensure_ascii=False, indent=2))


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--url", required=True, help="Canonical URL the page was fetched from.")
@click.option("--json", "as_json", is_flag=True, help="Print the detection as JSON.")
def detect(file: Path, url: str, as_json: bool) -> None:
    """Say which CMS family wrote a saved page: the family (generic when none fits), how sure
    (0 to 1), and the evidence — the URL's shape and the page's signatures."""
    from parsers.detect import detect as detect_family

    found = detect_family(file.read_bytes(), url)
    if as_json:
        click.echo(json.dumps(dataclasses.asdict(found), ensure_ascii=False, indent=2))
        return
    click.echo(f"family\t{found.family}")
    click.echo(f"confidence\t{found.confidence:.2f}")
    for line in found.evidence:
        click.echo(f"evidence\t{line}")


@main.command()
@archive_options
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8001, show_default=True, type=int)
def serve(db: str, warc_dir: str | None, files_dir: str | None, host: str, port: int) -> None:
    """Serve the archive with Datasette (search, facets, document pages, CSV)."""
    from serve.launch import datasette_args, exec_datasette
    from store import Archive, StorageError

    config = ArchiveConfig.resolve(db, warc_dir, files_dir)
    try:
        Archive.open(config).close()
    except StorageError as exc:
        fail("serve", f"the archive cannot be opened: {exc}", EXIT_STORAGE)
    exec_datasette(datasette_args(config, host, port), config)


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--url", required=True, help="Canonical URL the page or attachment came from.")
@click.option("--content-type", default=None, help="The HTTP Content-Type header, if known.")
@click.option(
    "--family",
    default=None,
    help="CMS family of a page (default: the family of the site profile the URL is on, else "
    "auto: detected from the URL and the page).",
)
def report(file: Path, url: str, content_type: str | None, family: str | None) -> None:
    """Read one saved 政府信息公开工作年度报告 — a detail page, or its PDF, DOCX, XLSX or XLS
    attachment — and print its statistics as JSON: year, body, format, every cell with its
    row and column codes, the headline numbers and the problems found.

    Exits 2 with a one-line reason when the file is not such a report.
    """
    from urllib.parse import urlsplit

    from crawler.profiles import ProfileError, load_profile, site_ids
    from parsers.annual_report import NotAReport, parse_report_file

    if family is None:
        family = "auto"
        for site_id in site_ids():
            try:
                profile = load_profile(site_id)
            except ProfileError:
                continue
            if urlsplit(profile["base_url"]).netloc == urlsplit(url).netloc:
                family = str(profile["family"])
                break
    try:
        found = parse_report_file(file.read_bytes(), url, content_type, family=family)
    except (NotAReport, ValueError) as exc:
        click.echo(f"xxgk report: {file}: {exc}", err=True)
        sys.exit(2)
    click.echo(json.dumps(found.as_json(), ensure_ascii=False, indent=2))


@main.command()
@click.argument("db", type=click.Path(dir_okay=False, path_type=Path),
                default=Path(DEFAULT_DB))  # fmt: skip
@click.option("--warc-dir", default=None, help="WARC folder (default: warc/ beside DB).")
@click.option("--files-dir", default=None, help="Files folder (default: files/ beside DB).")
@click.option("--host", default=lambda: os.environ.get("XXGK_PUBLISH_HOST", "127.0.0.1"),
              show_default="127.0.0.1 (XXGK_PUBLISH_HOST)")  # fmt: skip
@click.option("--port", type=int, default=lambda: int(os.environ.get("XXGK_PUBLISH_PORT", "8001")),
              show_default="8001 (XXGK_PUBLISH_PORT)")  # fmt: skip
@click.option("--sql", type=click.Choice(["on", "off"]),
              default=lambda: os.environ.get("XXGK_PUBLISH_SQL", "off"),
              show_default="off (XXGK_PUBLISH_SQL)",
              help="Whether anyone may run read-only SQL of their own (bounded: 3 s, 1000 "
                   "rows, see README Security); off offers tables, search, facets and canned "
                   "queries only.")  # fmt: skip
@click.option(
    "--inspect-file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Where to keep `datasette inspect` counts (default: DB's name .inspect.json).",
)
@click.option(
    "--get",
    "get_path",
    default=None,
    metavar="PATH",
    help="Answer one GET request for PATH, print it and exit (for checks).",
)
@click.option("--partitions", "partitions_dir", default=None,
              type=click.Path(file_okay=False, path_type=Path),
              help="Serve the partitions `xxgk partition` wrote there (catalogue.db and every "
                   "partition) instead of DB.")  # fmt: skip
def publish(db: Path, warc_dir: str | None, files_dir: str | None, host: str, port: int,
            sql: str, inspect_file: Path | None, get_path: str | None,
            partitions_dir: Path | None) -> None:  # fmt: skip
    """Publish a snapshot of the archive read-only: immutable, `inspect` counts, no database
    download, the same site as `xxgk serve`.

    DB must be named archive.db (the metadata describes the database "archive") and should be
    a snapshot, not the live crawl database (immutable mode does not read the WAL):
    sqlite3 data/archive.db ".backup /srv/xxgk/archive.db"
    """
    import subprocess

    from serve.launch import Publish, datasette_args, datasette_env, exec_datasette, inspect_args

    if partitions_dir is not None:
        from store import PartitionError, partition_files, partition_meta

        try:
            files = list(partition_files(partitions_dir))
            meta = partition_meta(partitions_dir)
        except PartitionError as exc:
            fail("publish", str(exc), 2)
        config = ArchiveConfig.resolve(
            files[0], warc_dir or meta.get("warc_dir"), files_dir or meta.get("files_dir"),
            env={},
        )  # fmt: skip
        inspect = inspect_file or partitions_dir / "inspect.json"
        subprocess.run(inspect_args(config, inspect, files), check=True,
                       env=datasette_env(config))  # fmt: skip
        args = datasette_args(config, host, port, Publish(inspect, sql == "on", tuple(files)),
                              get_path)  # fmt: skip
        exec_datasette(args, config)
    if not db.is_file():
        fail("publish", f"no database at {db}", 2)
    if db.name != "archive.db":
        fail("publish", f"{db} must be named archive.db (the metadata describes 'archive')", 2)
    config = ArchiveConfig.resolve(db, warc_dir, files_dir, env={})
    inspect = inspect_file or db.with_suffix(".inspect.json")
    subprocess.run(inspect_args(config, inspect), check=True, env=datasette_env(config))
    args = datasette_args(config, host, port, Publish(inspect, sql == "on"), get_path)
    exec_datasette(args, config)


@main.command()
@click.argument("site_id")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
def mirror(site_id: str, host: str, port: int) -> None:
    """Serve the bundled offline mirror of SITE_ID on localhost until interrupted."""
    from mirror import server

    srv = server.start(site_id, host, port)
    click.echo(f"mirror of {site_id} at {srv.base_url}/ (Ctrl-C to stop)")
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        srv.shutdown()


@main.command()
@click.option(
    "--site",
    "only",
    multiple=True,
    help="Only this mirrored site (repeatable; default: every site with a mirror).",
)
@archive_options
@click.option("--port", default=8001, show_default=True, type=int, help="Datasette port.")
@click.option("--no-serve", is_flag=True, help="Build the archive, do not start Datasette.")
@click.option(
    "--dispatch",
    "dispatched",
    is_flag=True,
    help="Crawl on the Scrapyd nodes of --nodes and merge their shards.",
)
@nodes_options
def demo(only: tuple[str, ...], db: str, warc_dir: str | None, files_dir: str | None, port: int,
         no_serve: bool, dispatched: bool, nodes_file: str | None,
         shards_dir: str | None) -> None:  # fmt: skip
    """Crawl the bundled offline mirrors (one site per CMS family) into the archive, then
    serve it. With --dispatch the crawls run on Scrapyd nodes (e.g. local daemons, see the
    README's *Try it on this machine*)."""
    from mirror import server
    from serve.launch import datasette_args, exec_datasette
    from store import Archive, Locked, ShardError, StorageError
    from xxgk import nightly as job

    config = ArchiveConfig.resolve(db, warc_dir, files_dir)
    nodes = _nodes(config, nodes_file) if dispatched else None
    mirrored = sorted(p.name for p in server.MIRROR_ROOT.iterdir() if (p / "robots.txt").exists())
    sites_ = [s for s in mirrored if not only or s in only]
    if not sites_:
        raise click.BadParameter(f"no mirror among {', '.join(only)}", param_hint="--site")
    servers = {site_id: server.start(site_id) for site_id in sites_}
    try:
        for site_id, srv in servers.items():
            click.echo(f"mirror of {site_id} at {srv.base_url}/")
        base_urls = {site_id: srv.base_url for site_id, srv in servers.items()}
        if nodes is None:
            run_ids, failures = job.run_sites(sites_, config, base_urls, True, "ERROR")
        else:
            with Archive.open(config) as archive, archive.lock():
                run_ids = _dispatch_and_merge(archive, nodes, shards_dir, sites_, "full",
                                              base_urls)  # fmt: skip
            failures = []
    except Locked as exc:
        fail("demo", f"{exc}; not starting", EXIT_LOCKED)
    except StorageError as exc:
        fail("demo", f"the archive cannot be used: {exc}", EXIT_STORAGE)
    except ShardError as exc:
        fail("demo", f"shard refused, not merged: {exc}", EXIT_REFUSED)
    finally:
        for srv in servers.values():
            srv.shutdown()
    click.echo(job.summarize(config, run_ids).table())
    if failures:
        fail("demo", "the archive cannot be written: " + "; ".join(failures), EXIT_STORAGE)
    if not no_serve:
        click.echo(f"serving {db} on http://127.0.0.1:{port}/")
        exec_datasette(datasette_args(config, "127.0.0.1", port), config)


@main.command()
@click.option("--site", "site_id", default=None, help="Only this site (default: every site).")
@archive_options
def reparse(site_id: str | None, db: str, warc_dir: str | None, files_dir: str | None) -> None:
    """Rebuild documents, versions, figures, tables and attachments from the WARC capture.

    No network: every final detail-page response is read back from its WARC record and
    parsed again with the current parsers. Run it after a parser improves.
    """
    from store import Archive, StorageError
    from xxgk.reparse import reparse as run_reparse

    def bar(steps: Any, total: int) -> Any:
        with click.progressbar(steps, length=total, label="re-parsing", file=sys.stderr) as items:
            yield from items

    try:
        with Archive.open(ArchiveConfig.resolve(db, warc_dir, files_dir)) as archive:
            counts = run_reparse(archive, site_id, bar)
    except StorageError as exc:
        fail("reparse", str(exc), EXIT_STORAGE)
    click.echo(
        f"{counts.responses} responses re-parsed: {counts.documents} documents "
        f"({counts.versions} versions), {counts.errors} errors"
    )


@main.command()
@crawl_options
@click.option("--notify", default=None, metavar="URL", help="POST the JSON summary here.")
@click.option("--log-level", default="WARNING", show_default=True,
              type=click.Choice(["DEBUG", "INFO", "WARNING", "ERROR"]))  # fmt: skip
@click.option(
    "--dispatch",
    "dispatched",
    is_flag=True,
    help="Crawl on the Scrapyd nodes of --nodes, then merge their shards.",
)
@nodes_options
def nightly(
    only: tuple[str, ...],
    full: bool,
    db: str,
    warc_dir: str | None,
    files_dir: str | None,
    base_urls: tuple[str, ...],
    notify: str | None,
    log_level: str,
    dispatched: bool,
    nodes_file: str | None,
    shards_dir: str | None,
) -> None:
    """Refresh every enabled site incrementally; exit 1 when a site is broken.

    New documents are fetched, list pages are paged only until enough known items in a row,
    and a rotating sample of archived documents is re-checked with conditional requests, so
    that every document is checked within XXGK_RECHECK_DAYS (30). Prints a summary table;
    exits 75 at once when another run (crawl or nightly) holds the archive's lock, 3 when the
    archive cannot be written.

    With --dispatch the crawls run as jobs on the Scrapyd nodes of nodes.toml, each writing a
    shard that is merged into the archive when it is collected (see xxgk dispatch); a site
    whose job failed on every attempt gets a failed run, and exit 1.
    """
    from store import Archive, Locked, ShardError, StorageError
    from xxgk import nightly as job

    mapping = _base_urls(base_urls)
    try:
        sites_ = job.enabled_sites(only)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--site") from None
    config = ArchiveConfig.resolve(db, warc_dir, files_dir)
    nodes = _nodes(config, nodes_file) if dispatched else None
    try:
        with Archive.open(config) as archive, archive.lock():
            interrupted = archive.mark_interrupted()
            if interrupted:
                click.echo(f"{interrupted} crawl run(s) of an earlier, killed run marked "
                           "interrupted", err=True)  # fmt: skip
            if nodes is not None:
                run_ids = _dispatch_and_merge(
                    archive, nodes, shards_dir, sites_, "full" if full else "incremental", mapping
                )
                failures: list[str] = []
            else:
                run_ids, failures = job.run_sites(sites_, config, mapping, full, log_level)
            summary = job.summary_of(archive.runs(run_ids))
    except Locked as exc:
        fail("nightly", f"{exc}; not starting", EXIT_LOCKED)
    except StorageError as exc:
        fail("nightly", f"the archive cannot be used: {exc}", EXIT_STORAGE)
    except ShardError as exc:
        fail("nightly", f"shard refused, not merged: {exc}", EXIT_REFUSED)
    click.echo(summary.table())
    if failures:
        fail("nightly", "the archive cannot be written, crawl stopped: " + "; ".join(failures),
             EXIT_STORAGE)  # fmt: skip
    if notify:
        try:
            status = job.notify(notify, summary)
            click.echo(f"summary sent to {notify} (HTTP {status})", err=True)
        except OSError as exc:
            click.echo(f"xxgk nightly: could not notify {notify}: {exc}", err=True)
    if summary.failed:
        click.echo(f"FAILED: {', '.join(summary.failed)}", err=True)
    if summary.broken:
        click.echo(f"BROKEN: {', '.join(summary.broken)}", err=True)
    if summary.broken or summary.failed:
        sys.exit(job.EXIT_BROKEN)


def _base_urls(items: tuple[str, ...]) -> dict[str, str]:
    mapping: dict[str, str] = {}
    for item in items:
        site_id, sep, url = item.partition("=")
        if not sep or not url:
            raise click.BadParameter(f"{item!r} is not SITE_ID=URL", param_hint="--base-url")
        mapping[site_id] = url
    return mapping


def _nodes(config: ArchiveConfig, nodes_file: str | None) -> Nodes:
    from xxgk.dispatch import NodesError, load_nodes

    path = Path(nodes_file or os.environ.get("XXGK_NODES") or config.db_path.parent / "nodes.toml")
    try:
        return load_nodes(path)
    except NodesError as exc:
        raise click.BadParameter(str(exc), param_hint="--nodes") from None


def _dispatch(archive: Archive, nodes: Nodes, shards_dir: str | None, sites_: list[str],
              mode: str, mapping: dict[str, str]) -> DispatchResult:  # fmt: skip
    from xxgk.dispatch import dispatch

    root = Path(shards_dir or nodes.shards or archive.config.db_path.parent / "shards")
    result = dispatch(archive, nodes, sites_, root, mode, mapping,
                      log=lambda line: click.echo(line, err=True))  # fmt: skip
    click.echo(result.table(), err=True)
    click.echo(f"dispatch record: {result.folder / 'dispatch.json'}", err=True)
    return result


def _merge(archive: Archive, shards: list[Path]) -> list[int]:
    """Merge shards (verified first); returns the archive's ids of their runs."""
    from xxgk.merge import merge_shards

    run_ids: list[int] = []
    for merged in merge_shards(archive, shards):
        click.echo(f"merged {merged.line()}", err=True)
        run_ids += merged.runs.values()
    return run_ids


def _dispatch_and_merge(archive: Archive, nodes: Nodes, shards_dir: str | None,
                        sites_: list[str], mode: str, mapping: dict[str, str]
                        ) -> list[int]:  # fmt: skip
    result = _dispatch(archive, nodes, shards_dir, sites_, mode, mapping)
    return _merge(archive, result.shards) + result.failed_runs


@main.command()
@crawl_options
@nodes_options
@click.option("--merge", "and_merge", is_flag=True,
              help="Merge the collected shards into the archive.")  # fmt: skip
def dispatch(
    only: tuple[str, ...],
    full: bool,
    db: str,
    warc_dir: str | None,
    files_dir: str | None,
    base_urls: tuple[str, ...],
    nodes_file: str | None,
    shards_dir: str | None,
    and_merge: bool,
) -> None:
    """Crawl the enabled sites (incrementally, or --full) on the Scrapyd nodes of nodes.toml.

    Sites go in bundles, one Scrapyd job each; every job writes a shard (database, WARC, files,
    CDXJ index, manifest) of its own, seeded with the archive's frontier. A job whose node dies
    or which ends without a whole shard is tried again elsewhere; dispatch.json beside the
    shards records every attempt. Prints the collected shards, one per line (for xxgk merge),
    or merges them with --merge. Exits 1 when a bundle failed on every attempt (its sites get
    a failed run), 75 when another run holds the archive's lock.
    """
    from store import Archive, Locked, ShardError, StorageError
    from xxgk import nightly as job

    mapping = _base_urls(base_urls)
    try:
        sites_ = job.enabled_sites(only)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--site") from None
    config = ArchiveConfig.resolve(db, warc_dir, files_dir)
    nodes = _nodes(config, nodes_file)
    try:
        with Archive.open(config) as archive, archive.lock():
            result = _dispatch(archive, nodes, shards_dir, sites_,
                               "full" if full else "incremental", mapping)  # fmt: skip
            for shard in result.shards:
                click.echo(str(shard))
            if and_merge:
                _merge(archive, result.shards)
    except Locked as exc:
        fail("dispatch", f"{exc}; not starting", EXIT_LOCKED)
    except StorageError as exc:
        fail("dispatch", f"the archive cannot be used: {exc}", EXIT_STORAGE)
    except ShardError as exc:
        fail("dispatch", f"shard refused, not merged: {exc}", EXIT_REFUSED)
    if result.failed:
        fail(
            "dispatch",
            "not crawled: "
            + "; ".join(f"{site} ({reason})" for site, reason in sorted(result.failed.items())),
            1,
        )


@main.command()
@archive_options
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Partitions folder (default: partitions/ beside the database).")  # fmt: skip
@click.option("--years", type=click.IntRange(1, 100), default=5, show_default=True,
              help="Publication years per partition, aligned (5: 2020–2024, …).")  # fmt: skip
@click.option("--max-documents", type=click.IntRange(1), default=500_000, show_default=True,
              help="A partition holding more is reported (exit 1): its searches slow down; "
                   "use fewer --years.")  # fmt: skip
def partition(db: str, warc_dir: str | None, files_dir: str | None, out_dir: Path | None,
              years: int, max_documents: int) -> None:  # fmt: skip
    """Split the archive into partitions to serve at scale: one database per province and
    span of publication years, each in the archive's schema with its own search index, and a
    catalogue.db of every document, the partitions' counts, every site, run and error.

    The province is the profile's `province`, else the first two digits of the site's
    政府网站标识码. Partitions whose documents did not change since the last run are kept as
    they are. Run it on a snapshot, then `xxgk publish --partitions DIR`.
    """
    from crawler.profiles import ProfileError, load_profile, site_ids
    from store import PartitionError, write_partitions

    config = ArchiveConfig.resolve(db, warc_dir, files_dir)
    if not config.db_path.is_file():
        fail("partition", f"no archive at {config.db_path}", 2)
    out = out_dir or config.db_path.parent / "partitions"
    declared: dict[str, str | None] = {}
    for site_id in site_ids():
        try:
            declared[site_id] = load_profile(site_id).get("province")
        except ProfileError as exc:
            click.echo(f"xxgk partition: {exc}; its province comes from its site code", err=True)
    try:
        report = write_partitions(config, out, declared, years)
    except PartitionError as exc:
        fail("partition", str(exc), 2)
    click.echo(f"{'partition':<20} {'documents':>10} {'MB':>8}  sites")
    for part in report.partitions:
        click.echo(
            f"{part.name:<20} {part.documents:>10,} {part.bytes / 1e6:>8.1f}  "
            f"{','.join(part.sites)}{'' if part.written else '  (unchanged)'}"
        )
    click.echo(
        f"{report.documents:,} documents in {len(report.partitions)} partitions "
        f"({len(report.written)} written) and {report.catalogue}"
        + (f"; removed {', '.join(report.removed)}" if report.removed else "")
    )
    big = [p for p in report.partitions if p.documents > max_documents]
    if big:
        fail(
            "partition",
            "over --max-documents: "
            + ", ".join(f"{p.name} ({p.documents:,})" for p in big)
            + "; use fewer --years",
            1,
        )


@main.command()
@click.argument("shards", nargs=-1, required=True,
                type=click.Path(file_okay=False, path_type=Path))  # fmt: skip
@archive_options
def merge(shards: tuple[Path, ...], db: str, warc_dir: str | None, files_dir: str | None) -> None:
    """Merge shards (folders written by dispatched jobs) into the archive.

    Every shard is verified first — its manifest, the sha256 of every file, its database —
    and a partial or corrupt one is refused (exit 65) with nothing merged. Merging is keyed
    on runs and WARC records, and documents are re-derived from the WARC records in fetch
    order, so merging a shard again, or shards in any order, gives the same archive.
    """
    from store import Archive, Locked, ShardError, StorageError

    config = ArchiveConfig.resolve(db, warc_dir, files_dir)
    try:
        with Archive.open(config) as archive, archive.lock():
            _merge(archive, list(shards))
    except Locked as exc:
        fail("merge", f"{exc}; not starting", EXIT_LOCKED)
    except StorageError as exc:
        fail("merge", f"the archive cannot be used: {exc}", EXIT_STORAGE)
    except ShardError as exc:
        fail("merge", f"shard refused, nothing merged: {exc}", EXIT_REFUSED)


@main.command()
@archive_options
def sites(db: str, warc_dir: str | None, files_dir: str | None) -> None:
    """List the site profiles: family, columns, verified flag, and from the archive (when it
    exists) the 政府网站标识码 and site name the site's pages declare, the last crawl, its
    health and the number of documents."""
    from crawler.profiles import ProfileError, load_profile, site_ids

    archive: dict[str, tuple[Any, ...]] = {}
    if Path(db).exists():
        from store import Archive

        with Archive.open(ArchiveConfig.resolve(db, warc_dir, files_dir)) as opened:
            for site_id, row in opened.site_overview().items():
                archive[site_id] = (row["site_code"], row["declared_name"], row["last_crawl"],
                                    row["health"], row["documents"])  # fmt: skip
    click.echo("site_id\tfamily\tcolumns\tverified\tsite code\tdeclared name\tlast crawl\t"
               "health\tdocuments\tname")  # fmt: skip
    for site_id in site_ids():
        try:
            p = load_profile(site_id)
        except ProfileError as exc:
            click.echo(f"{site_id}\tINVALID: {exc}")
            continue
        code, declared, last, health, count = archive.get(site_id, (None, None, None, None, 0))
        click.echo(
            f"{site_id}\t{p.get('family') or 'auto'}\t{len(p['columns'])}\t"
            f"{_verified(p.get('verified'))}\t{code or '-'}\t{declared or '-'}\t"
            f"{last or '-'}\t{health or '-'}\t{count}\t{p['name']}"
        )


def _verified(value: Any) -> str:
    return "stored-copy" if value == "stored-copy" else "yes" if value else "no"


@main.command()
@click.argument("site_id")
def check(site_id: str) -> None:
    """Run SITE_ID's fixture pages through its profile; print per-field fill rates.

    Fixtures are tests/fixtures/SITE_ID/*.expected.json and the pages they name. Exits 1
    when a page fails to parse or a field differs from its expected value.
    """
    from xxgk.tooling import check_site

    report = check_site(site_id)
    for line in report.lines:
        click.echo(line)
    if not report.ok:
        sys.exit(1)


@main.command()
@click.argument("url")
@click.option(
    "--id",
    "site_id",
    default=None,
    help="The new site's id (default: from the host, e.g. yjj.km.gov.cn -> km_yjj).",
)
@click.option(
    "--family",
    default="auto",
    show_default=True,
    help="CMS family (km, gov_cn, trs, hanweb, vsb, generic), or auto: detected from the page.",
)
@click.option("--name", default=None, help="The site's name (default: the page's SiteName).")
@click.option("--base-url", default=None,
              help="Fetch from this URL (e.g. a local mirror) instead of the live site; the "
                   "profile records URL's canonical host.")  # fmt: skip
@click.option(
    "--page",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="URL's page as saved (a home, section or column page), instead of fetching it.",
)
@click.option(
    "--detail",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="A saved detail page of the site, for the fixture (default: the first document the "
    "first column lists, fetched).",
)
def newsite(url: str, site_id: str | None, family: str, name: str | None, base_url: str | None,
            page: Path | None, detail: Path | None) -> None:  # fmt: skip
    """Start a profile for the site of URL, a home, section or column page of any CMS.

    Reads the page (fetched, from --base-url, or --page), detects its CMS family, finds the
    disclosure columns (the page itself when it lists documents, else the links under
    政府信息公开 / 法定主动公开内容 / 信息公开目录 and the like), writes the profile and a fixture
    (a detail page with the parser's reading as its expected JSON, to review by hand), and
    prints what it found and how sure it is. Exits 1 when it finds no column.
    """
    import tempfile
    import urllib.request
    from urllib.parse import urljoin, urlsplit

    from xxgk.tooling import discover, new_site, site_id_for

    def fetch(target: str) -> bytes:
        from crawler.settings import USER_AGENT

        source = target
        if base_url:
            parts = urlsplit(target)
            source = base_url.rstrip("/") + (parts.path or "/") + (
                f"?{parts.query}" if parts.query else "")  # fmt: skip
        request = urllib.request.Request(source, headers={"User-Agent": USER_AGENT})
        with urllib.request.urlopen(request, timeout=30) as response:
            body: bytes = response.read(MAX_NEWSITE_PAGE)
            return body

    try:
        html = page.read_bytes() if page is not None else fetch(url)
        found = discover(html, url, family)
    except (OSError, ValueError) as exc:
        raise click.ClickException(f"{url}: {exc}") from None
    for line in found.lines():
        click.echo(line)
    if not found.columns:
        raise click.ClickException("no disclosure column found: give a column page's URL")
    site_id = site_id or site_id_for(url)
    fixture, fixture_url = detail, None
    scratch = Path(tempfile.mkdtemp())
    if fixture is None and (page is None or base_url):
        try:
            first = found.first_document
            if first is None:
                column_url = urljoin(url, found.columns[0][0])
                listed = discover(fetch(column_url), column_url, found.family)
                first = listed.first_document
            if first is not None:
                fixture = scratch / (Path(urlsplit(first).path).name or "page.html")
                fixture.write_bytes(fetch(first))
                fixture_url = first
        except (OSError, ValueError) as exc:
            click.echo(f"no fixture page fetched: {exc}", err=True)
    columns = [(path, col) for path, col, _, _ in found.columns]
    # a family only when detection is sure of one of the named CMSs; else each page's own
    sure = found.family if found.confidence >= 0.5 and found.family != "generic" else "auto"
    try:
        written = new_site(site_id, url, sure, name, fixture, columns, fixture_url)
    except (ValueError, FileExistsError) as exc:
        raise click.ClickException(str(exc)) from None
    for path in written:
        click.echo(f"wrote {path}")


if __name__ == "__main__":
    main()
