#!/bin/sh
# Publish the archive read-only: serve/publish.sh [ARCHIVE.db] [extra `datasette serve` options]
#
# Serves a snapshot of the archive in Datasette's immutable mode (-i: opened read-only,
# ?immutable=1, no locking, counts taken once by `datasette inspect`), with the metadata, plugins
# and settings of `xxgk serve`, plus limits for a public server. Datasette 0.65 has no write API
# and metadata.yml has no writable canned query, so nothing can change the archive.
#
# The file must be named archive.db (metadata.yml describes the database "archive") and should be
# a snapshot, not the live crawl database (immutable mode does not read the WAL):
#   sqlite3 data/archive.db ".backup /srv/xxgk/archive.db"
#
# Environment: XXGK_PUBLISH_HOST (127.0.0.1), XXGK_PUBLISH_PORT (8001),
#   XXGK_PUBLISH_SQL (on: anyone may run read-only SQL, 3 s and 1000 rows at most; off: only
#   tables, filters, search and canned queries), XXGK_INSPECT_FILE (<db>.inspect.json),
#   XXGK_PYTHON (the project venv's python), XXGK_PUBLISH_GET=/path (answer one GET request,
#   print it and exit instead of serving: what tests/test_publish.py uses).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
db=${1:-$root/data/archive.db}
[ "$#" -gt 0 ] && shift
python=${XXGK_PYTHON:-$root/.venv/bin/python}
inspect_file=${XXGK_INSPECT_FILE:-${db%.db}.inspect.json}

if [ ! -f "$db" ]; then
    echo "publish.sh: no database at $db" >&2
    exit 2
fi
if [ "$(basename "$db")" != "archive.db" ]; then
    echo "publish.sh: $db must be named archive.db (metadata.yml describes 'archive')" >&2
    exit 2
fi

"$python" -m datasette inspect "$db" --inspect-file "$inspect_file"

set -- -i "$db" --inspect-file "$inspect_file" \
    --metadata "$here/metadata.yml" \
    --plugins-dir "$here/plugins" \
    --template-dir "$here/templates" \
    --setting suggest_facets off \
    --setting sql_time_limit_ms 3000 \
    --setting max_returned_rows 1000 \
    --setting max_csv_mb 0 \
    --setting allow_download off \
    --setting default_allow_sql "${XXGK_PUBLISH_SQL:-on}" \
    "$@"

if [ -n "${XXGK_PUBLISH_GET:-}" ]; then
    exec "$python" -m datasette serve "$@" --get "$XXGK_PUBLISH_GET"
fi
exec "$python" -m datasette serve "$@" \
    --host "${XXGK_PUBLISH_HOST:-127.0.0.1}" --port "${XXGK_PUBLISH_PORT:-8001}"
