"""bench/serve.py at test size: 2,000 documents, every query class, every stream.

The same code as the benchmark — the archive generated into the schema ``Archive`` opens, the
index built by ``rebuild_search_index``, Datasette started with ``xxgk serve``'s command line —
checked for what must hold at any size: the index finds exactly what a LIKE scan finds, every
count the server calls exact is exact, and every streamed export ends complete. Timings are
printed by the benchmark, never asserted here.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bench import serve as bench

DOCS = 2_000


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("bench") / "archive.db"
    bench.generate(path, DOCS)
    build = bench.build_index(path)
    assert build.documents == DOCS
    assert 0 < build.index_bytes < build.text_bytes
    return path


@pytest.fixture(scope="module")
def server(archive: Path) -> Iterator[bench.Server]:
    srv = bench.Server(archive, archive.with_name("datasette.log"))
    yield srv
    srv.stop()


def test_every_query_class_finds_what_like_finds(server: bench.Server, archive: Path) -> None:
    results = bench.measure_queries(server, archive, rounds=1)
    assert {r.query.cls for r in results} == {
        "1 char", "2 chars", "3 chars", "4 chars", "two words", "filtered",
    }  # fmt: skip
    assert sum(r.like_count > 0 for r in results) >= len(results) - 3
    for r in results:
        assert r.index_count == r.like_count, r.query
        assert r.served_count == r.like_count, r.query  # below the cap: exact
        assert r.page_count.replace(",", "") == str(r.like_count), r.query
        assert all(len(times) == 1 for times in r.times.values())


def test_every_stream_is_complete(server: bench.Server, archive: Path) -> None:
    done = [bench.run_stream(server, s, archive.parent) for s in bench.streams(archive)]
    for stream in done:
        assert stream.complete, (stream.name, stream.rows, stream.expected, stream.error)
        assert stream.expected > 0, stream.name


def test_an_abandoned_stream_stops(server: bench.Server) -> None:
    assert bench.abandoned_stream(server) < 0.5
    status, _, _ = server.get("/archive/documents.json?_size=1")
    assert status == 200
