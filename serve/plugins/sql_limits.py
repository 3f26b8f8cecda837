"""Bounds on what one SQL query may cost the server, for every connection Datasette opens.

Datasette's time limit (``sql_time_limit_ms``) is checked between SQLite's virtual-machine
steps, so it cannot stop one step that runs long: ``randomblob(1000000000)`` ran 25 s and took
7.4 GB, ``printf('%.*c', 999999999, 'x')`` loops a billion times inside one call, and
``instr``/``replace`` of long strings compare every position. So:

- ``SQLITE_LIMIT_LENGTH``: no string or blob longer than ``MAX_VALUE_BYTES`` (16 MiB, above
  anything the archive stores: a page is at most 10 MiB, an attachment's text 5 million
  characters) — ``randomblob``, ``zeroblob``, ``printf`` and ``||`` past it fail at once with
  "string or blob too big";
- ``printf``/``format`` refuse a width or precision over ``MAX_WIDTH`` before SQLite's loop
  starts; ``instr`` and ``replace`` run as Python's linear string search (same results);
- LIKE/GLOB patterns are at most ``MAX_PATTERN`` characters, SQL text ``MAX_SQL_CHARS``;
- the rows of one query hold at most ``MAX_RESULT_CHARS`` characters and bytes in all (a
  join can repeat a long value a thousand times): past it the query fails with "result too
  large" instead of filling the server's memory.

Every connection of the server gets these, whatever runs on it: arbitrary SQL (where it is
allowed, see README *Security*), canned queries, table pages and the archive's own pages.
"""

from __future__ import annotations

import re
import sqlite3
import threading
import weakref
from typing import Any

from datasette import hookimpl

MAX_VALUE_BYTES = 16 * 1024 * 1024
MAX_RESULT_CHARS = 64 * 1024 * 1024
MAX_WIDTH = 100_000
MAX_PATTERN = 200
MAX_SQL_CHARS = 100_000

_WIDTH_RE = re.compile(r"%[-+ 0#,!]*(\*|\d+)?(?:\.(\*|\d+))?")
_local = threading.local()


class ResultTooLarge(sqlite3.OperationalError):
    pass


def _helper() -> sqlite3.Connection:
    """A private in-memory connection (one per thread) whose built-in printf the checked
    wrapper calls, with the same length limit."""
    conn: sqlite3.Connection | None = getattr(_local, "conn", None)
    if conn is None:
        conn = sqlite3.connect(":memory:")
        conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)
        _local.conn = conn
    return conn


def _as_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    text: str = _helper().execute("select cast(? as text)", [value]).fetchone()[0]
    return text


def _as_int(value: Any) -> int:
    """The integer SQLite reads from a value where printf takes a ``*`` width."""
    if isinstance(value, int):
        return value
    if value is None:
        return 0
    number = _helper().execute("select cast(? as integer)", [value]).fetchone()[0]
    return int(number or 0)


def checked_printf(fmt: Any, *args: Any) -> Any:
    """SQLite's printf, refusing widths and precisions over MAX_WIDTH (literal or ``*``)."""
    if fmt is not None:
        text = _as_text(fmt)
        stars = 0
        for m in _WIDTH_RE.finditer(text):
            for part in (m[1], m[2]):
                if part == "*":
                    stars += 1
                elif part and (len(part) > 9 or int(part) > MAX_WIDTH):
                    raise ValueError(f"printf width or precision over {MAX_WIDTH}")
        if stars and any(abs(_as_int(a)) > MAX_WIDTH for a in args):
            raise ValueError(f"printf width or precision over {MAX_WIDTH}")
    marks = ", ".join("?" for _ in range(len(args) + 1))
    return _helper().execute(f"select printf({marks})", [fmt, *args]).fetchone()[0]


def linear_instr(haystack: Any, needle: Any) -> int | None:
    """SQLite's instr (1-based position, 0 when absent; bytes when both are blobs)."""
    if haystack is None or needle is None:
        return None
    if isinstance(haystack, bytes) and isinstance(needle, bytes):
        return haystack.find(needle) + 1
    return _as_text(haystack).find(_as_text(needle)) + 1


def linear_replace(value: Any, old: Any, new: Any) -> str | None:
    """SQLite's replace, refusing a result longer than MAX_VALUE_BYTES."""
    if value is None or old is None or new is None:
        return None
    text, old_text, new_text = _as_text(value), _as_text(old), _as_text(new)
    if not old_text:
        return text
    growth = text.count(old_text) * (len(new_text.encode()) - len(old_text.encode()))
    if len(text.encode()) + growth > MAX_VALUE_BYTES:
        raise ValueError("string or blob too big")
    return text.replace(old_text, new_text)


def _size(value: Any) -> int:
    return len(value) if isinstance(value, str | bytes) else 8


def budgeted_rows(limit: int = MAX_RESULT_CHARS) -> Any:
    """A row factory making ``sqlite3.Row`` objects that fails a statement whose rows pass
    ``limit`` characters and bytes (counted per cursor: Datasette uses one per query)."""
    used: weakref.WeakKeyDictionary[sqlite3.Cursor, int] = weakref.WeakKeyDictionary()

    def factory(cursor: sqlite3.Cursor, row: tuple[Any, ...]) -> sqlite3.Row:
        total = used.get(cursor, 0) + sum(_size(v) for v in row)
        if total > limit:
            raise ResultTooLarge(
                f"result too large: the rows of this query hold more than {limit} characters"
            )
        used[cursor] = total
        return sqlite3.Row(cursor, row)

    return factory


def limit_connection(conn: sqlite3.Connection) -> None:
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)
    conn.setlimit(sqlite3.SQLITE_LIMIT_LIKE_PATTERN_LENGTH, MAX_PATTERN)
    conn.setlimit(sqlite3.SQLITE_LIMIT_SQL_LENGTH, MAX_SQL_CHARS)
    for name in ("printf", "format"):
        conn.create_function(name, -1, checked_printf, deterministic=True)
    conn.create_function("instr", 2, linear_instr, deterministic=True)
    conn.create_function("replace", 3, linear_replace, deterministic=True)
    conn.row_factory = budgeted_rows()


@hookimpl
def prepare_connection(conn: sqlite3.Connection) -> None:
    limit_connection(conn)
