"""The store on in-memory databases: shape, idempotent writes, search index, foreign keys."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

import store
from parsers.records import Attachment, Document
from store import Archive
from store.schema import STEPS
from store.search import fts_query, fts_tokens, fts_untokens

SITE = {
    "id": "km_yjj",
    "name": "昆明市应急管理局",
    "family": "km",
    "base_url": "https://yjj.km.gov.cn",
    "columns": [{"path": "/zfxxgk/fdzdgknr/tzgg/index.shtml", "name": "通知公告"}],
}


@pytest.fixture
def db() -> Database:
    database = Archive.over(Database(memory=True)).db
    Archive.over(database, migrate=False).save_site(SITE)
    return database


def _doc(**overrides: object) -> Document:
    fields: dict[str, object] = {
        "url": "https://yjj.km.gov.cn/c/2021-06-22/3951855.shtml",
        "title": "昆明市应急管理局2020年部门整体支出绩效自评报告",
        "index_no": "745280713-202106-386095",
        "index_no_parts": {"org_code": "745280713", "period": "202106", "serial": "386095"},
        "topic": "财政预决算",
        "publisher": "昆明市应急管理局",
        "publish_date": "2021-06-22T10:30:00+08:00",
        "doc_no": None,
        "keywords": ["绩效", "自评"],
        "body_text": "部门预算总收入4924.01万元。\n全年完成安全生产检查4652家次。",
        "attachments": [
            Attachment(
                "https://yjj.km.gov.cn/upload/resources/file/2021/06/22/1.pdf", "附件1", "pdf"
            )
        ],
        "metadata": {"索引号": "745280713-202106-386095"},
    }
    fields.update(overrides)
    return Document(**fields)  # type: ignore[arg-type]


def test_ensure_db_is_idempotent(db: Database) -> None:
    Archive.over(db)
    Archive.over(db)
    assert [r["name"] for r in db["_sqlite_migrations"].rows] == [name for name, _ in STEPS]
    for table in (
        "sites",
        "crawl_runs",
        "fetches",
        "documents",
        "attachments",
        "errors",
        "figures",
        "tables",
        "table_cells",
    ):
        assert table in db.table_names()


def test_same_document_twice_is_one_row(db: Database) -> None:
    first = Archive.over(db, migrate=False).save_document(
        "km_yjj", _doc(), None, "2026-01-01T00:00:00+00:00"
    )
    second = Archive.over(db, migrate=False).save_document(
        "km_yjj", _doc(title="新标题"), None, "2026-01-02T00:00:00+00:00"
    )
    assert first.document_id == second.document_id
    assert (first.new_version, second.new_version, second.changed) == (True, True, ("title",))
    rows = list(db["documents"].rows)
    assert len(rows) == 1
    row = rows[0]
    assert row["title"] == "新标题"
    assert row["first_seen_at"] == "2026-01-01T00:00:00+00:00"
    assert row["last_seen_at"] == "2026-01-02T00:00:00+00:00"
    assert row["publish_year"] == 2021
    assert row["index_no_org"] == "745280713"
    assert json.loads(row["keywords"]) == ["绩效", "自评"]
    assert (row["version_count"], row["version_id"]) == (2, second.version_id)
    assert db["versions"].count == 2
    assert db["attachments"].count == 2  # the attachment belongs to each version
    assert db.execute("select count(*) from documents_fts").fetchone()[0] == 1


def test_an_unchanged_refetch_is_no_version(db: Database) -> None:
    first = Archive.over(db, migrate=False).save_document(
        "km_yjj", _doc(), None, "2026-01-01T00:00:00+00:00"
    )
    again = Archive.over(db, migrate=False).save_document(
        "km_yjj", _doc(), None, "2026-01-05T00:00:00+00:00"
    )
    assert again == store.Saved(first.document_id, first.version_id, False, ())
    assert db["versions"].count == 1
    assert db["figures"].count == len(_doc().figures)
    assert db["documents"].get(first.document_id)["last_seen_at"] == "2026-01-05T00:00:00+00:00"


def test_changes_record_old_and_new_values(db: Database) -> None:
    Archive.over(db, migrate=False).save_document(
        "km_yjj", _doc(), None, "2026-01-01T00:00:00+00:00"
    )
    edited = _doc(publish_date="2021-06-23", body_text="部门预算总收入4924.01万元。\n新增一行。")
    saved = Archive.over(db, migrate=False).save_document(
        "km_yjj", edited, None, "2026-01-02T00:00:00+00:00"
    )
    assert set(saved.changed) == {"publish_date", "body_text"}
    version = db["versions"].get(saved.version_id)
    changed = json.loads(version["changed_fields"])
    assert changed["publish_date"] == {"old": "2021-06-22T10:30:00+08:00", "new": "2021-06-23"}
    assert "-全年完成安全生产检查4652家次。" in changed["body_text"]["diff"]
    assert "+新增一行。" in changed["body_text"]["diff"]
    first = db.execute("select body_text from versions where version_no = 1").fetchone()[0]
    assert "4652家次" in first  # the old text is kept


def test_status_follows_observations(db: Database) -> None:
    url = _doc().url
    Archive.over(db, migrate=False).save_document(
        "km_yjj", _doc(), None, "2026-01-01T00:00:00+00:00"
    )
    assert (
        Archive.over(db, migrate=False).observe(
            url, "not_found", None, 404, "HTTP 404", "2026-01-02T00:00:00+00:00"
        )
        == "removed"
    )
    assert (
        Archive.over(db, migrate=False).observe(
            url, "parse_error", None, 200, "?", "2026-01-03T00:00:00+00:00"
        )
        is None
    )
    assert (
        Archive.over(db, migrate=False).observe(
            "https://elsewhere/", "not_found", None, 404, "", "t"
        )
        is None
    )
    Archive.over(db, migrate=False).save_document(
        "km_yjj", _doc(), None, "2026-01-04T00:00:00+00:00"
    )
    history = [
        (r["previous_status"], r["status"], r["http_status"])
        for r in db.query("select * from status_changes order by id")
    ]
    assert history == [(None, "live", 200), ("live", "removed", 404), ("removed", "restored", 200)]
    doc = db["documents"].get(1)
    assert (doc["status"], doc["status_changed_at"]) == ("restored", "2026-01-04T00:00:00+00:00")
    assert db["versions"].count == 1  # coming back unchanged is no new version


def test_search_follows_updates(db: Database) -> None:
    Archive.over(db, migrate=False).save_document(
        "km_yjj", _doc(), None, "2026-01-01T00:00:00+00:00"
    )
    assert [r["title"] for r in Archive.over(db, migrate=False).search("预算")]
    Archive.over(db, migrate=False).save_document(
        "km_yjj", _doc(body_text="防汛抗旱"), None, "2026-01-02T00:00:00+00:00"
    )
    assert Archive.over(db, migrate=False).search("预算") == []
    assert len(Archive.over(db, migrate=False).search("防汛")) == 1


@pytest.mark.parametrize(
    ("query", "hits"),
    [
        ("应", 1),
        ("应急", 1),
        ("预算", 1),
        ("部门预算总收入", 1),
        ("4924.01", 1),
        ("绩效 应急", 1),
        ('"预算总"', 1),
        ("算预", 0),
        ("防汛", 0),
        ('"', 0),
        ("AND OR NOT", 0),
        ("*", 0),
        ("NEAR(", 0),
    ],
)
def test_chinese_search(db: Database, query: str, hits: int) -> None:
    Archive.over(db, migrate=False).save_document(
        "km_yjj", _doc(), None, "2026-01-01T00:00:00+00:00"
    )
    assert len(Archive.over(db, migrate=False).search(query)) == hits


def test_fts_query_shapes() -> None:
    # every character a token; a run of whitespace is one boundary token (U+E020)
    assert fts_tokens("应急ABC 12") == "应 急 A B C \ue020 1 2 "
    cols = "{body_text title attachment_text} : "
    assert fts_query("应急 管理局") == cols + '("应 急" AND "管 理 局")'
    assert fts_query('"安全 生产"') == cols + '("安 全 \ue020 生 产")'
    assert fts_query("") == '""'


def test_foreign_keys_are_enforced(db: Database) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        Archive.over(db, migrate=False).save_document(
            "no_such_site", _doc(), None, "2026-01-01T00:00:00+00:00"
        )


def test_runs_fetches_and_errors(db: Database) -> None:
    run_id = Archive.over(db, migrate=False).start_run(
        "km_yjj", "2026-01-01T00:00:00+00:00", "http://127.0.0.1:1"
    )
    fetch = store.Fetch(
        site_id="km_yjj",
        url="https://yjj.km.gov.cn/c/2021-05-10/3900001.shtml",
        fetch_url="http://127.0.0.1:1/c/2021-05-10/3900001.shtml",
        kind="detail",
        fetched_at="2026-01-01T00:00:01+00:00",
        status=404,
        sha256="0" * 64,
        bytes=10,
        run_id=run_id,
    )
    fetch_id = Archive.over(db, migrate=False).save_fetch(fetch)
    Archive.over(db, migrate=False).save_error(
        store.ErrorRecord(
            site_id="km_yjj",
            url=fetch.url,
            fetched_at=fetch.fetched_at,
            kind="not_found",
            detail="HTTP 404",
            http_status=404,
            fetch_id=fetch_id,
            run_id=run_id,
        ),
    )
    Archive.over(db, migrate=False).save_document(
        "km_yjj", _doc(), fetch_id, "2026-01-01T00:00:02+00:00"
    )
    Archive.over(db, migrate=False).finish_run(
        run_id, "2026-01-01T00:01:00+00:00", store.RunCounts(documents=1)
    )
    run = db["crawl_runs"].get(run_id)
    assert (run["requests"], run["documents"], run["errors"]) == (1, 1, 1)
    assert json.loads(run["stats"]) == {"xxgk/documents": 1}


def test_full_width_forms_match_their_usual_forms(db: Database) -> None:
    Archive.over(db, migrate=False).save_document(
        "km_yjj", _doc(body_text="综合得分９８．８分，完成率１００％"), None, "t"
    )
    assert len(Archive.over(db, migrate=False).search("98.8")) == 1
    assert len(Archive.over(db, migrate=False).search("１００%")) == 1


def test_untokens_restores_display_text() -> None:
    for text in ("应急管理局 2020 年 ABC def", "应急管理局2020年ABC def", "防汛：98.8分"):
        assert fts_untokens(fts_tokens(text)) == text
    assert fts_untokens(" 应  急 ") == "应急"


def test_title_matches_rank_above_body_matches(db: Database) -> None:
    Archive.over(db, migrate=False).save_document(
        "km_yjj",
        _doc(url="https://yjj.km.gov.cn/a", title="其他", body_text="防汛防汛防汛"),
        None,
        "t",
    )
    Archive.over(db, migrate=False).save_document(
        "km_yjj",
        _doc(url="https://yjj.km.gov.cn/b", title="防汛工作", body_text="其他内容"),
        None,
        "t",
    )
    assert [r["url"] for r in Archive.over(db, migrate=False).search("防汛")] == [
        "https://yjj.km.gov.cn/b",
        "https://yjj.km.gov.cn/a",
    ]


def test_figures_and_tables_are_replaced_not_duplicated(db: Database) -> None:
    from parsers.tables import read_body
    from parsers.text import parse_html

    root = parse_html(
        "<div id='b'><p>部门预算总收入4924.01万元。</p><table>"
        "<tr><td>项目</td><td>金额（万元）</td></tr><tr><td>基本支出</td><td>1310.28</td></tr>"
        "</table></div>"
    )
    text, tables, figures = read_body(root.xpath("//div[@id='b']")[0])
    doc = _doc(body_text=text, tables=tables, figures=figures)
    for day in ("2026-01-01", "2026-01-02"):
        Archive.over(db, migrate=False).save_document("km_yjj", doc, None, f"{day}T00:00:00+00:00")
    assert db["tables"].count == 1
    assert db["table_cells"].count == 4
    rows = list(db.query("select * from figures order by position"))
    assert [(r["text"], r["source"], r["value_base"], r["amount"]) for r in rows] == [
        ("4924.01万元", "text", "49240100", 49240100.0),
        ("1310.28", "table", "1310.28", 1310.28),
    ]
    table_id = db.execute("select id from tables").fetchone()[0]
    assert rows[1]["table_id"] == table_id and rows[0]["table_id"] is None
    assert rows[1]["label"] == "基本支出 / 金额（万元）"


@pytest.mark.parametrize(
    ("kind", "status"),
    [("timeout", "unreachable"), ("connection", "unreachable"), ("server_error", "unreachable"),
     ("truncated", "unreachable"), ("blocked", "blocked"), ("soft_404", "soft_removed"),
     ("not_found", "removed"), ("http_error", None), ("empty_list", None)],
)  # fmt: skip
def test_error_kinds_map_to_statuses(db: Database, kind: str, status: str | None) -> None:
    Archive.over(db, migrate=False).save_document(
        "km_yjj", _doc(), None, "2026-01-01T00:00:00+00:00"
    )
    assert (
        Archive.over(db, migrate=False).observe(
            _doc().url, kind, None, None, kind, "2026-01-02T00:00:00+00:00"
        )
        == status
    )


def test_an_old_archive_is_migrated_in_place(tmp_path: Path) -> None:
    """An archive written before versions, figures and attachment files existed."""
    old = Database(tmp_path / "archive.db")
    old["_migrations"].create({"name": str, "applied_at": str}, pk="name")
    with old.conn:
        STEPS[0][1](old)
        old["_migrations"].insert({"name": STEPS[0][0], "applied_at": "2026-01-01"})
    Archive.over(old, migrate=False).save_site(SITE)
    old["documents"].insert(
        {"url": "https://yjj.km.gov.cn/c/1.shtml", "site_id": "km_yjj", "title": "防汛应急预案",
         "body_text": "应急", "fetch_id": None, "first_seen_at": "2026-01-01T00:00:00+00:00",
         "last_seen_at": "2026-01-01T00:00:00+00:00"}
    )  # fmt: skip
    db = Archive.over(old).db
    assert [r["name"] for r in db["_sqlite_migrations"].rows] == [name for name, _ in STEPS]
    doc = db["documents"].get(1)
    assert (doc["status"], doc["version_count"]) == ("live", 1)
    assert db["versions"].get(doc["version_id"])["title"] == "防汛应急预案"
    assert [r["url"] for r in Archive.over(db, migrate=False).search("应急")] == [
        "https://yjj.km.gov.cn/c/1.shtml"
    ]


def test_a_failed_save_leaves_nothing_half_written(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A document, its version, figures and search entry are one transaction: a failure in
    the middle (or a killed process) leaves none of them."""
    import store.documents

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(store.documents, "insert_figures", broken)
    with pytest.raises(RuntimeError):
        Archive.over(db, migrate=False).save_document(
            "km_yjj", _doc(), None, "2026-01-01T00:00:00+00:00"
        )
    for table in ("documents", "versions", "attachments", "tables", "status_changes"):
        assert db[table].count == 0, table
    assert db.execute("select count(*) from documents_fts").fetchone()[0] == 0
    monkeypatch.undo()
    saved = Archive.over(db, migrate=False).save_document(
        "km_yjj", _doc(), None, "2026-01-01T00:00:00+00:00"
    )
    assert saved.created and db["versions"].count == 1
