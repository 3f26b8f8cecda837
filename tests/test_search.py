"""The search index and its queries (store/search.py), on small archives.

The oracle is a plain substring test (``word in title or word in body``), which is what a
``LIKE '%word%'`` scan answers: every count the search calls exact must equal it.
"""

from __future__ import annotations

import random
import sqlite3
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
from sqlite_utils import Database

from bench import corpus
from parsers.records import Document
from store import Archive
from store.search import (
    FTS_TABLE,
    KEYS_TABLE,
    Count,
    Search,
    count,
    ensure_search_index,
    facets,
    fts_tokens,
    hits,
    index_is_current,
    orphan_count,
    ranked,
    rebuild_search_index,
    reindex,
    run,
    snippet,
)

SITE = {"id": "km_yjj", "name": "昆明市应急管理局", "family": "km",
        "base_url": "https://yjj.km.gov.cn", "columns": []}  # fmt: skip


def doc(n: int, **fields: Any) -> Document:
    values: dict[str, Any] = {
        "url": f"https://yjj.km.gov.cn/c/{n}.shtml",
        "title": f"文件{n}",
        "publisher": "昆明市应急管理局",
        "topic": "应急管理",
        "publish_date": "2021-06-22",
        "body_text": "",
    }
    values.update(fields)
    return Document(**values)


@pytest.fixture
def db() -> Iterator[Database]:
    database = Archive.over(Database(memory=True)).db
    Archive.over(database, migrate=False).save_site(SITE)
    yield database
    database.close()


def save(db: Database, d: Document) -> int:
    return (
        Archive.over(db, migrate=False)
        .save_document("km_yjj", d, None, "2026-01-01T00:00:00+00:00")
        .document_id
    )


def found(db: Database, q: str, **filters: Any) -> set[int]:
    return {i for _, i in hits(db, Search(q=q, **filters), 10_000)}


# -- tokens and matching -----------------------------------------------------------------------


def test_words_never_match_across_punctuation_or_line_breaks(db: Database) -> None:
    a = save(db, doc(1, body_text="加强应急。管理工作"))
    b = save(db, doc(2, body_text="应急管理局"))
    c = save(db, doc(3, body_text="应急\n管理"))
    assert found(db, "应急管理") == {b}
    assert found(db, "应急") == {a, b, c}
    assert found(db, "管理") == {a, b, c}
    assert found(db, "应急。管理") == {a}  # punctuation in a query is itself
    assert found(db, '"应急 管理"') == {c}  # whitespace in a quoted phrase is any whitespace


def test_every_length_is_found_exactly(db: Database) -> None:
    texts = ["部门预算总收入", "预算", "算预", "收入预算总额", "总收"]
    ids = [save(db, doc(i, body_text=t)) for i, t in enumerate(texts)]
    for word in ("预", "预算", "算总", "预算总", "部门预算总收入", "总收", "入预"):
        assert found(db, word) == {i for i, t in zip(ids, texts, strict=True) if word in t}, word


def test_numbers_latin_and_full_width(db: Database) -> None:
    a = save(db, doc(1, body_text="部门预算4924.01万元，GDP增长６．５％"))
    save(db, doc(2, body_text="4924,01 and gdp"))
    assert found(db, "4924.01") == {a}
    assert found(db, "6.5%") == {a}
    assert found(db, "GDP增长") == {a}
    assert found(db, "gdp") == {a, a + 1}


def test_queries_are_never_fts_syntax(db: Database) -> None:
    save(db, doc(1, body_text='AND OR NOT NEAR( " * ^ : {title}'))
    for q in ('"', "AND (", "NEAR(", "*", "title:应急", "{title}", "-", "^x"):
        hits(db, Search(q=q), 10)  # no error
    assert found(db, "NEAR(") != set()


def test_tokens_are_characters() -> None:
    assert fts_tokens("应急 ABC") == "应 急 \ue020 A B C "
    assert fts_tokens("") == ""


# -- keeping the index up to date --------------------------------------------------------------


def test_edits_status_and_dates_move_the_entry(db: Database) -> None:
    doc_id = save(db, doc(1, body_text="防汛抗旱", publish_date="2020-05-01"))
    assert found(db, "防汛") == {doc_id}
    assert found(db, "防汛", year=2020) == {doc_id}
    save(db, doc(1, body_text="森林防火", publish_date="2022-01-03"))
    assert found(db, "防汛") == set()
    assert found(db, "防火", year=2022) == {doc_id}
    assert found(db, "防火", year=2020) == set()
    assert found(db, "防火", status="live") == {doc_id}
    Archive.over(db, migrate=False).observe(
        doc(1).url, "not_found", None, 404, "HTTP 404", "2026-02-01T00:00:00+00:00"
    )
    assert found(db, "防火", status="removed") == {doc_id}
    assert found(db, "防火", status="live") == set()
    assert orphan_count(db) == 0
    assert db.execute(f"select count(*) from {FTS_TABLE}").fetchone()[0] == 1


def test_a_change_behind_the_index_back_is_orphaned_not_corrupted(db: Database) -> None:
    doc_id = save(db, doc(1, body_text="原来的正文"))
    db.execute("update documents set body_text = '改过的正文' where id = ?", [doc_id])
    reindex(db, doc_id)  # the old values are gone: the old entry cannot be removed
    assert orphan_count(db) == 1
    assert found(db, "原来") == set()  # the orphan is invisible
    assert found(db, "改过") == {doc_id}
    assert db.execute("pragma integrity_check").fetchone()[0] == "ok"
    for i in range(2, 150):  # past the threshold ensure_search_index rebuilds
        doc_id = save(db, doc(i, body_text=f"正文{i}"))
        db.execute("update documents set body_text = '另一个' where id = ?", [doc_id])
        reindex(db, doc_id)
    assert ensure_search_index(db) is True
    assert orphan_count(db) == 0
    assert found(db, "另一个") and not found(db, "正文1")


def test_rebuild_equals_incremental(db: Database) -> None:
    rng = random.Random(3)
    words = ["应急", "预算", "防汛", "救援", "财政", "安全生产"]
    for i in range(60):
        body = "，".join(rng.choices(words, k=5))
        save(db, doc(i, body_text=body, publish_date=f"20{10 + i % 12}-0{1 + i % 9}-1{i % 9}"))
    before = {w: found(db, w) for w in words}
    keys_before = db.execute(f"select key, id from {KEYS_TABLE} order by key").fetchall()
    assert rebuild_search_index(db) == 60
    assert {w: found(db, w) for w in words} == before
    order = db.execute(f"select id from {KEYS_TABLE} order by key").fetchall()
    assert [r[0] for r in order] == [r[1] for r in keys_before]  # the same publication order
    assert index_is_current(db)


def test_a_new_tokenizer_version_rebuilds(db: Database) -> None:
    save(db, doc(1, body_text="应急"))
    db.execute("update search_state set value = 'old' where name = 'tokenizer'")
    assert not index_is_current(db)
    assert ensure_search_index(db) is True
    assert index_is_current(db) and found(db, "应急")


# -- counts, facets, relevance at and past their caps ------------------------------------------


@pytest.fixture(scope="module")
def synthetic() -> Iterator[sqlite3.Connection]:
    """1,500 documents of the benchmark's corpus in the archive's schema."""
    database = Archive.over(Database(memory=True)).db
    for site in corpus.sites():
        database.table("sites").insert(site)
    database.table("documents").insert_all(corpus.documents(1500))
    rebuild_search_index(database)
    yield database.conn
    database.close()


def like(conn: sqlite3.Connection, word: str, **where: Any) -> set[int]:
    sql = "select id from documents where (instr(title, ?) or instr(body_text, ?))"
    params: list[Any] = [word, word]
    for column, value in where.items():
        sql += f" and {column} = ?"
        params.append(value)
    return {r[0] for r in conn.execute(sql, params)}


WORDS = ["的", "汛", "应急", "预算", "危化品", "安全生产", "乡村振兴"]


@pytest.mark.parametrize("word", WORDS)
def test_matches_equal_a_substring_scan(synthetic: sqlite3.Connection, word: str) -> None:
    expected = like(synthetic, word)
    assert expected, word
    assert {i for _, i in hits(synthetic, Search(q=word), 100_000)} == expected
    assert count(synthetic, Search(q=word)) == Count(len(expected), True)


def test_filters_equal_a_scan(synthetic: sqlite3.Connection) -> None:
    publisher = corpus.publishers()[0][0]
    search = Search(q="应急", publisher=publisher, year=2020)
    expected = like(synthetic, "应急", publisher=publisher, publish_year=2020)
    assert {i for _, i in hits(synthetic, search, 10_000)} == expected
    search = Search(q="工作", date_from="2019-03-01", date_to="2019-09-30", status="removed")
    expected = {
        r[0]
        for r in synthetic.execute(
            "select id from documents where instr(body_text, '工作') and status = 'removed'"
            " and substr(publish_date, 1, 10) between '2019-03-01' and '2019-09-30'"
        )
    }
    assert {i for _, i in hits(synthetic, search, 10_000)} == expected


def test_newest_first(synthetic: sqlite3.Connection) -> None:
    ids = [i for _, i in hits(synthetic, Search(q="预算"), 50)]
    dates = dict(synthetic.execute("select id, substr(publish_date, 1, 10) from documents"))
    assert [dates[i] for i in ids] == sorted((dates[i] for i in ids), reverse=True)


def test_past_the_cap_the_count_is_an_estimate(synthetic: sqlite3.Connection) -> None:
    truth = len(like(synthetic, "工作"))
    assert truth > 400
    estimate = count(synthetic, Search(q="工作"), cap=100)
    assert not estimate.exact and estimate.label().startswith("about ")
    assert truth / 2 < estimate.value < truth * 2
    exact = count(synthetic, Search(q="工作"), cap=truth)
    assert exact.exact and exact.value == truth


def test_facets_exact_or_over_the_newest(synthetic: sqlite3.Connection) -> None:
    sql = "select publisher from documents where instr(title, '预算') or instr(body_text, '预算')"
    expected = Counter(r[0] for r in synthetic.execute(sql))
    by_name = {f.name: f for f in facets(synthetic, Search(q="预算"))}
    assert by_name["publisher"].exact and dict(by_name["publisher"].values) == dict(expected)
    newest = {f.name: f for f in facets(synthetic, Search(q="预算"), cap=50)}
    assert not newest["publisher"].exact and newest["publisher"].over == 50
    assert sum(n for _, n in newest["publisher"].values) == 50


def test_relevance_puts_title_matches_first(synthetic: sqlite3.Connection) -> None:
    order, complete = ranked(synthetic, Search(q="防汛"))
    assert complete
    titles = dict(synthetic.execute("select id, title from documents"))
    in_title = [("防汛" in titles[i]) for _, i in order]
    assert in_title[: sum(in_title)] == [True] * sum(in_title)  # all title matches first
    bounded, complete = ranked(synthetic, Search(q="防汛"), cap=20)
    assert not complete
    # every title match is a candidate even past the cap
    assert {i for _, i in bounded} >= {i for _, i in order if "防汛" in titles[i]}


def test_a_page_of_results(synthetic: sqlite3.Connection) -> None:
    page = run(synthetic, Search(q="应急 预算"), sort="relevance", page=2, page_size=10)
    assert len(page.results) == 10
    for result in page.results:
        row = result.row
        assert (
            "应急" in row["title"] + row["body_text"] and "预算" in row["title"] + row["body_text"]
        )
        assert "<mark>" in result.snippet_html
    newest = run(synthetic, Search(q="预算"), sort="newest")
    dates = [r.row["publish_date"][:10] for r in newest.results]
    assert dates == sorted(dates, reverse=True)


def test_snippets_are_escaped_and_marked() -> None:
    html, matched = snippet(["应急"], "<script>alert(1)</script>关于应急管理的通知")
    assert matched
    assert "<" not in html.replace("<mark>", "").replace("</mark>", "")
    assert "&lt;/script&gt;" in html
    assert "<mark>应急</mark>" in html


def test_titles_have_their_own_index(db: Database) -> None:
    a = save(db, doc(1, title="关于防汛工作的通知", body_text="正文"))
    b = save(db, doc(2, title="通知", body_text="防汛"))
    titles = Search(q="防汛", columns=("title",))
    assert {i for _, i in hits(db, titles, 10)} == {a}
    assert found(db, "防汛") == {a, b}
    save(db, doc(1, title="关于抗旱工作的通知", body_text="正文"))
    assert {i for _, i in hits(db, titles, 10)} == set()
    assert {i for _, i in hits(db, Search(q="抗旱", columns=("title",), topic="应急管理"), 10)} == {
        a
    }
