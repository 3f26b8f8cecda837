#!/bin/sh
# Publish the archive read-only: serve/publish.sh [ARCHIVE.db] [xxgk publish options]
#
# A thin wrapper of `xxgk publish` (the same launcher as `xxgk serve`, see serve/launch.py): the
# snapshot is served in Datasette's immutable mode with `datasette inspect` counts, the packaged
# site (metadata, canned queries, document pages, plugins) and limits for a public server.
# Datasette 0.65 has no write API and the metadata has no writable canned query, so nothing can
# change the archive.
#
# The file must be named archive.db (the metadata describes the database "archive") and should
# be a snapshot, not the live crawl database (immutable mode does not read the WAL):
#   sqlite3 data/archive.db ".backup /srv/xxgk/archive.db"
#
# Environment: XXGK_PUBLISH_HOST (127.0.0.1), XXGK_PUBLISH_PORT (8001),
#   XXGK_PUBLISH_SQL (off, the default: only tables, filters, search and canned queries; on:
#   anyone may also run read-only SQL of their own, bounded by serve/plugins/sql_limits.py and
#   3 s, but one query can still hold a server thread for those seconds: README, Security),
#   XXGK_PYTHON (the project venv's python), XXGK_PUBLISH_GET=/path (answer one GET request,
#   print it and exit instead of serving).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
db=${1:-$root/data/archive.db}
[ "$#" -gt 0 ] && shift
python=${XXGK_PYTHON:-$root/.venv/bin/python}

if [ -n "${XXGK_PUBLISH_GET:-}" ]; then
    exec "$python" -m xxgk publish "$db" --get "$XXGK_PUBLISH_GET" "$@"
fi
exec "$python" -m xxgk publish "$db" "$@"
