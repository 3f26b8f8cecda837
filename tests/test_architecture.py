"""The archive has one owner: no SQL outside ``store/``, and every command that names the
database also takes the archive's other locations. (The import contracts — rooms in one
direction, store's internals private and layered — are checked by ``lint-imports``.)"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import click
import pytest

from tests.conftest import ROOT
from xxgk.cli import main

ROOMS = ("xxgk", "crawler", "serve", "parsers", "mirror")
SQL_RE = re.compile(
    r"^\s*(select\b.+\bfrom\b|insert\s+into\b|update\s+\w+\s+set\b|delete\s+from\b|"
    r"create\s+(table|index|view|virtual)\b|drop\s+(table|index|view)\b|pragma\s+\w+)",
    re.IGNORECASE | re.DOTALL,
)


def sql_strings(path: Path) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if SQL_RE.match(node.value):
                found.append((node.lineno, node.value[:60]))
        elif isinstance(node, ast.JoinedStr):
            text = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
            if SQL_RE.match(str(text)):
                found.append((node.lineno, str(text)[:60]))
    return found


def test_the_sql_detector_finds_sql() -> None:
    sample = ROOT / "store" / "archive.py"
    assert len(sql_strings(sample)) >= 5


# The one exception: the streamed CSV of any table or view builds the query Datasette itself
# builds for a table page (its own filters, any database served), which is Datasette's SQL, not
# the archive's.
DATASETTE_TABLE_QUERY = ROOT / "serve" / "plugins" / "streams.py"


@pytest.mark.parametrize("room", ROOMS)
def test_no_sql_outside_store(room: str) -> None:
    offenders = [
        f"{path.relative_to(ROOT)}:{line}: {text!r}"
        for path in sorted((ROOT / room).rglob("*.py"))
        if path != DATASETTE_TABLE_QUERY
        for line, text in sql_strings(path)
    ]
    assert offenders == []


def test_every_command_with_a_database_takes_the_other_locations() -> None:
    commands = main.commands  # type: ignore[attr-defined]
    with_db = [
        name
        for name, command in commands.items()
        if any(isinstance(p, click.Option) and "--db" in p.opts for p in command.params)
    ]
    assert {"crawl", "serve", "demo", "reparse", "nightly", "sites"} <= set(with_db)
    for name in with_db:
        opts = {o for p in commands[name].params if isinstance(p, click.Option) for o in p.opts}
        assert {"--warc-dir", "--files-dir"} <= opts, name
