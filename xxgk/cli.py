"""``xxgk``: crawl, parse, serve. The command line only chains the rooms; each does its work."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Any

import click

DEFAULT_DB = os.environ.get("XXGK_DB", "data/archive.db")
SERVE_DIR = Path(__file__).resolve().parent.parent / "serve"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="xxgk-archive")
def main() -> None:
    """Scrape and archive Chinese government information-disclosure (政府信息公开) pages.

    Crawl a site into SQLite, parse single pages, and serve the archive with Datasette.
    """


def run_crawl(
    site_id: str,
    db: str,
    base_url: str | None,
    log_level: str,
    warc_dir: str | None = None,
    warc_max_bytes: int | None = None,
    attachment_max_bytes: int | None = None,
) -> dict[str, Any]:
    """Run one full crawl in this process; return Scrapy's final stats."""
    from crawler.process import run_crawls

    overrides = {
        "XXGK_WARC_DIR": warc_dir,
        "XXGK_WARC_MAX_BYTES": warc_max_bytes,
        "XXGK_ATTACHMENT_MAX_BYTES": attachment_max_bytes,
    }
    return run_crawls(
        [site_id], db, {site_id: base_url}, "full", log_level,
        {name: value for name, value in overrides.items() if value},
    )[0]  # fmt: skip


def _print_summary(stats: dict[str, Any]) -> int:
    from crawler.profiles import DEFAULT_REQUIRED_FIELDS
    from store.archive import run_health

    documents = int(stats.get("xxgk/documents", 0))
    errors = {k.rsplit("/", 1)[1]: v for k, v in stats.items() if k.startswith("xxgk/errors/")}
    click.echo(
        f"run {stats.get('xxgk/run_id')}: {stats.get('xxgk/list_pages', 0)} list pages, "
        f"{documents} documents saved, {sum(errors.values())} errors"
        + (f" ({', '.join(f'{k}: {v}' for k, v in sorted(errors.items()))})" if errors else "")
    )
    status, reason, rates = run_health(stats, DEFAULT_REQUIRED_FIELDS)
    status = str(stats.get("xxgk/health") or status)
    if rates:
        click.echo("fields filled: " + ", ".join(f"{k} {v:.0%}" for k, v in sorted(rates.items())))
    if status != "ok":
        click.echo(f"{status.upper()}: {reason}", err=True)
    return documents


@main.command()
@click.argument("site_id")
@click.option(
    "--base-url",
    help="Fetch from this URL (e.g. a local mirror) instead of the live "
    "site; stored URLs stay canonical.",
)
@click.option("--db", default=DEFAULT_DB, show_default=True, help="Archive database.")
@click.option(
    "--warc-dir", default=None, help="WARC capture directory (default: warc/ beside the database)."
)
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
    warc_max_bytes: int | None,
    attachment_max_bytes: int | None,
    log_level: str,
) -> None:
    """Crawl SITE_ID's disclosure columns into the archive.

    Exits 1 when the crawl saved no document at all: a site that changed its layout or
    blocks the crawler must not pass silently.
    """
    from crawler.profiles import ProfileError, load_profile

    try:
        load_profile(site_id)
    except ProfileError as exc:
        raise click.BadParameter(str(exc), param_hint="SITE_ID") from None
    stats = run_crawl(
        site_id, db, base_url, log_level, warc_dir, warc_max_bytes, attachment_max_bytes
    )
    if _print_summary(stats) == 0:
        click.echo("no document saved: check the errors table", err=True)
        sys.exit(1)


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--url", required=True, help="Canonical URL the page was fetched from.")
@click.option("--family", default="km", show_default=True, help="CMS family of the page.")
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
@click.option("--url", required=True, help="Canonical URL the page or attachment came from.")
@click.option("--content-type", default=None, help="The HTTP Content-Type header, if known.")
@click.option(
    "--family",
    default=None,
    help="CMS family of a page (default: the family of the site profile the URL is on, else km).",
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
        family = "km"
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


def datasette_args(db: str, host: str, port: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "datasette",
        "serve",
        db,
        "--metadata",
        str(SERVE_DIR / "metadata.yml"),
        "--plugins-dir",
        str(SERVE_DIR / "plugins"),
        "--template-dir",
        str(SERVE_DIR / "templates"),
        "--setting",
        "suggest_facets",
        "off",
        "--setting",
        "sql_time_limit_ms",
        "3000",
        "--setting",
        "max_returned_rows",
        "1000",
        "--setting",
        "max_csv_mb",
        "0",
        "--setting",
        "allow_download",
        "on",
        "--host",
        host,
        "--port",
        str(port),
    ]


@main.command()
@click.option("--db", default=DEFAULT_DB, show_default=True, help="Archive database.")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8001, show_default=True, type=int)
def serve(db: str, host: str, port: int) -> None:
    """Serve the archive with Datasette (search, facets, CSV)."""
    import store

    store.ensure_db(db).close()
    args = datasette_args(db, host, port)
    os.execv(args[0], args)


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
@click.option("--db", default=DEFAULT_DB, show_default=True, help="Archive database.")
@click.option("--port", default=8001, show_default=True, type=int, help="Datasette port.")
@click.option("--no-serve", is_flag=True, help="Build the archive, do not start Datasette.")
def demo(only: tuple[str, ...], db: str, port: int, no_serve: bool) -> None:
    """Crawl the bundled offline mirrors (one site per CMS family) into the archive, then
    serve it."""
    from mirror import server
    from xxgk import nightly as job

    mirrored = sorted(p.name for p in server.MIRROR_ROOT.iterdir() if (p / "robots.txt").exists())
    sites_ = [s for s in mirrored if not only or s in only]
    if not sites_:
        raise click.BadParameter(f"no mirror among {', '.join(only)}", param_hint="--site")
    servers = {site_id: server.start(site_id) for site_id in sites_}
    try:
        for site_id, srv in servers.items():
            click.echo(f"mirror of {site_id} at {srv.base_url}/")
        base_urls = {site_id: srv.base_url for site_id, srv in servers.items()}
        run_ids = job.run_sites(sites_, db, base_urls, True, "ERROR")
    finally:
        for srv in servers.values():
            srv.shutdown()
    click.echo(job.summarize(db, run_ids).table())
    if not no_serve:
        click.echo(f"serving {db} on http://127.0.0.1:{port}/")
        args = datasette_args(db, "127.0.0.1", port)
        os.execv(args[0], args)


@main.command()
@click.option("--site", "site_id", default=None, help="Only this site (default: every site).")
@click.option("--db", default=DEFAULT_DB, show_default=True, help="Archive database.")
@click.option("--warc-dir", default=None, help="WARC directory (default: warc/ beside the db).")
def reparse(site_id: str | None, db: str, warc_dir: str | None) -> None:
    """Rebuild documents, versions, figures, tables and attachments from the WARC capture.

    No network: every final detail-page response is read back from its WARC record and
    parsed again with the current parsers. Run it after a parser improves.
    """
    import store
    from xxgk.reparse import reparse as run_reparse

    database = store.ensure_db(db)
    directory = Path(warc_dir) if warc_dir else Path(db).parent / "warc"

    def progress(steps: Any, total: int) -> Any:
        return click.progressbar(steps, length=total, label="re-parsing", file=sys.stderr)

    def bar(steps: Any, total: int) -> Any:
        with progress(steps, total) as items:
            yield from items

    counts = run_reparse(database, directory, site_id, bar, files_dir=Path(db).parent / "files")
    click.echo(
        f"{counts.responses} responses re-parsed: {counts.documents} documents "
        f"({counts.versions} versions), {counts.errors} errors"
    )


@main.command()
@click.option("--site", "only", multiple=True, help="Only this site (repeatable).")
@click.option("--full", is_flag=True, help="Crawl everything, not incrementally.")
@click.option("--db", default=DEFAULT_DB, show_default=True, help="Archive database.")
@click.option(
    "--base-url",
    "base_urls",
    multiple=True,
    metavar="SITE_ID=URL",
    help="Fetch SITE_ID from URL (a mirror) instead of the live site (repeatable).",
)
@click.option("--notify", default=None, metavar="URL", help="POST the JSON summary here.")
@click.option("--log-level", default="WARNING", show_default=True,
              type=click.Choice(["DEBUG", "INFO", "WARNING", "ERROR"]))  # fmt: skip
def nightly(
    only: tuple[str, ...],
    full: bool,
    db: str,
    base_urls: tuple[str, ...],
    notify: str | None,
    log_level: str,
) -> None:
    """Refresh every enabled site incrementally; exit 1 when a site is broken.

    New documents are fetched, list pages are paged only until enough known items in a row,
    and a rotating sample of archived documents is re-checked with conditional requests, so
    that every document is checked within XXGK_RECHECK_DAYS (30). Prints a summary table;
    exits 75 at once when another run holds the lock.
    """
    from xxgk import nightly as job

    mapping: dict[str, str] = {}
    for item in base_urls:
        site_id, sep, url = item.partition("=")
        if not sep or not url:
            raise click.BadParameter(f"{item!r} is not SITE_ID=URL", param_hint="--base-url")
        mapping[site_id] = url
    try:
        sites_ = job.enabled_sites(only)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--site") from None
    try:
        with job.run_lock(Path(db).parent / ".nightly.lock"):
            interrupted = job.mark_interrupted(db)
            if interrupted:
                click.echo(f"{interrupted} crawl run(s) of an earlier, killed run marked "
                           "interrupted", err=True)  # fmt: skip
            run_ids = job.run_sites(sites_, db, mapping, full, log_level)
            summary = job.summarize(db, run_ids)
    except job.Locked as exc:
        click.echo(f"xxgk nightly: {exc}; not starting", err=True)
        sys.exit(job.EXIT_LOCKED)
    click.echo(summary.table())
    if notify:
        try:
            status = job.notify(notify, summary)
            click.echo(f"summary sent to {notify} (HTTP {status})", err=True)
        except OSError as exc:
            click.echo(f"xxgk nightly: could not notify {notify}: {exc}", err=True)
    if summary.broken:
        click.echo(f"BROKEN: {', '.join(summary.broken)}", err=True)
        sys.exit(job.EXIT_BROKEN)


@main.command()
@click.option("--db", default=DEFAULT_DB, show_default=True, help="Archive database (optional).")
def sites(db: str) -> None:
    """List the site profiles: family, columns, verified flag, and from the archive (when it
    exists) the last crawl, its health and the number of documents."""
    from crawler.profiles import ProfileError, load_profile, site_ids

    archive: dict[str, tuple[Any, ...]] = {}
    if Path(db).exists():
        import store

        database = store.ensure_db(db)
        for row in database.execute(
            "select s.id, (select max(finished_at) from crawl_runs r where r.site_id = s.id),"
            " (select status from crawl_runs r where r.site_id = s.id order by r.id desc"
            "  limit 1), (select count(*) from documents d where d.site_id = s.id)"
            " from sites s"
        ).fetchall():
            archive[row[0]] = row[1:]
    click.echo("site_id\tfamily\tcolumns\tverified\tlast crawl\thealth\tdocuments\tname")
    for site_id in site_ids():
        try:
            p = load_profile(site_id)
        except ProfileError as exc:
            click.echo(f"{site_id}\tINVALID: {exc}")
            continue
        last, health, count = archive.get(site_id, (None, None, 0))
        click.echo(
            f"{site_id}\t{p['family']}\t{len(p['columns'])}\t"
            f"{'yes' if p.get('verified') else 'no'}\t{last or '-'}\t{health or '-'}\t"
            f"{count}\t{p['name']}"
        )


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
@click.argument("site_id")
@click.argument("url")
@click.option("--family", required=True, help="CMS family (km, gov_cn, trs, hanweb, vsb).")
@click.option("--name", default=None, help="The site's name (default: SITE_ID).")
@click.option(
    "--page",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="A saved detail page of the site: becomes the fixture, with the parser's current "
    "reading as its expected JSON, to review by hand.",
)
def newsite(site_id: str, url: str, family: str, name: str | None, page: Path | None) -> None:
    """Write a profile stub for a new site and a fixture stub.

    URL is one of the site's column list pages; the profile gets its host as base URL and
    its path as the first column.
    """
    from xxgk.tooling import new_site

    try:
        written = new_site(site_id, url, family, name, page)
    except (ValueError, FileExistsError) as exc:
        raise click.ClickException(str(exc)) from None
    for path in written:
        click.echo(f"wrote {path}")


if __name__ == "__main__":
    main()
