"""PostgreSQL's embedded index answers text searches from its full-text table alone (migration 0007): the rows carry
their entry's filter and facet columns and readers. Its answers are those of the matches joined with the entries,
the columns follow every change of a document, and the migration fills them for rows written before it."""
from __future__ import annotations

import datetime
import importlib

import pytest
from django.db import connection

from documents.kinds.bao_cao import BaoCaoPage
from documents.kinds.ke_hoach import KeHoachPage
from search import get_backend
from search.backends.base import SearchQuery
from search.backends.embedded.postgresql import _Postgres
from search.queue import process_queue
from tests.test_search_support import create_issuers, make_document

D = datetime.date
pytestmark = pytest.mark.postgres  # PostgreSQL's full-text table only


@pytest.fixture
def library(db):
    committee, bcd = create_issuers()
    # Issued in date order within each series (a number is not dated before the one given before it).
    make_document(bcd, KeHoachPage, title="hội nghị ban chỉ đạo", day=D(2026, 1, 9))
    make_document(bcd, KeHoachPage, title="triển khai chuyển đổi số năm 2026", day=D(2026, 2, 1))
    make_document(bcd, BaoCaoPage, title="kết quả chuyển đổi số năm 2025", day=D(2025, 12, 30), visibility="internal")
    make_document(committee, KeHoachPage, title="kiểm tra chuyển đổi số", day=D(2025, 11, 3),
                  signer="Trần Văn Bình")
    process_queue()
    return committee, bcd


def _queries(committee, bcd) -> list[SearchQuery]:
    queries = []
    for text in ("chuyển đổi số", "chuyen doi so", '"ban chi dao"', "kiem tra", "tran van binh"):
        for sort in ("relevance", "date"):
            for principals in (["public"], None, ["public", f"issuer:{committee.pk}"], []):
                for filters in ({}, {"kind": ["ke_hoach"]}, {"year": [2025], "issuer": [committee.pk]}):
                    queries.append(SearchQuery(text=text, filters=filters, sort=sort, principals=principals))
    return queries


def _answers(queries: list[SearchQuery]) -> list:
    backend = get_backend("embedded")
    return [(r.count, [(h.id, h.score, h.highlight) for h in r.hits], r.facets)
            for r in (backend.search(q) for q in queries)]


def test_one_table_answers_exactly_as_the_join(library, monkeypatch):
    queries = _queries(*library)
    fused = _answers(queries)
    monkeypatch.setattr(_Postgres, "fused_hits", lambda self, *args: None)
    assert fused == _answers(queries)
    assert any(count for count, _hits, _facets in fused)


def test_the_columns_follow_a_change_of_readers(library):
    committee, _bcd = library
    page = KeHoachPage.objects.get(title="kiểm tra chuyển đổi số")
    anonymous = SearchQuery(text="kiem tra", principals=["public"])
    assert [h.id for h in get_backend("embedded").search(anonymous).hits] == [page.pk]
    page.visibility = "internal"
    page.save_revision().publish()
    process_queue()
    assert get_backend("embedded").search(anonymous).count == 0
    member = SearchQuery(text="kiem tra", principals=["public", f"issuer:{committee.pk}"])
    assert [h.id for h in get_backend("embedded").search(member).hits] == [page.pk]


def test_the_migration_fills_rows_written_before_it(library):
    migration = importlib.import_module("search.migrations.0007_fts_entry_columns")
    queries = _queries(*library)
    before = _answers(queries)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE search_fts SET " + ", ".join(f"{name} = NULL" for name, _kind in migration.COLUMNS))
    assert get_backend("embedded").search(SearchQuery(text="chuyen doi so", principals=None)).count == 0
    with connection.cursor() as cursor:
        cursor.execute(migration.FILL)
    assert _answers(queries) == before


def test_suggestions_from_one_table_are_those_of_the_join(library, monkeypatch):
    """As-you-type suggestions read the newest titled documents, and those of a kind named, from the full-text table
    (migration 0008's index for a kind): the same suggestions, in the same order, as the entries joined with
    their readers."""
    from search.suggest import suggest_query

    committee, bcd = library
    for day in range(1, 13):  # more than a suggestion shows: which ones are the newest matters
        make_document(bcd if day % 3 else committee, KeHoachPage if day % 2 else BaoCaoPage,
                      title=f"hội nghị sơ kết đợt {day}", day=D(2026, 3, day), visibility="internal" if day % 4 else "public")
    process_queue()
    backend = get_backend("embedded")
    queries = [query for text in ("chuyen d", "chuyển đổi s", "ke hoach", "ke hoach tr", "bao cao k", "k", "hoi ngh")
               for principals in (["public"], None, ["public", f"issuer:{committee.pk}"], [])
               if (query := suggest_query(text, principals)) is not None]
    fused = [backend.suggest(query) for query in queries]
    monkeypatch.setattr(_Postgres, "newest_titled_ids", lambda self, *args: None)
    assert fused == [backend.suggest(query) for query in queries]
    assert sum(bool(found) for found in fused) > len(queries) // 2
    assert any(s.kind == "document" for found in fused for s in found)
