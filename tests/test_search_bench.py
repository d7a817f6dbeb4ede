"""search/bench: the benchmark's pipeline on a small corpus (its figures are printed, never asserted)."""
from __future__ import annotations

import pytest

from documents.models import Issuer
from search.backends.embedded import EmbeddedBackend
from search.bench import runner
from search.indexing import iter_index_documents
from tests.test_search_support import elasticsearch_url

pytestmark = pytest.mark.django_db


def _timed(name: str, backend, size: int = 60, warmup: int = 0) -> tuple[runner.EngineResult, list[runner.BenchQuery]]:
    queries = runner.query_mix(runner.create_corpus(size, seed=7))
    result = runner.EngineResult(name)
    result.indexed = backend.rebuild(iter_index_documents())
    runner.time_backend(result, backend, queries, repeats=2, warmup=warmup)
    runner.time_suggest(result, backend, list(Issuer.objects.values_list("pk", "name", "code")), repeats=2)
    return result, queries


class CountingBackend(EmbeddedBackend):
    def __init__(self) -> None:
        super().__init__()
        self.searches = 0

    def search(self, query):
        self.searches += 1
        return super().search(query)


def test_embedded_engine_is_timed_on_every_query_of_the_mix_after_warm_up_rounds():
    backend = CountingBackend()
    result, queries = _timed("embedded", backend, warmup=2)
    assert backend.searches == 2 * len(queries) + len(queries) * (1 + 2)  # warm-up rounds, then 1 + repeats each
    assert result.indexed == 60
    assert set(result.timings) == {q.label for q in queries} and all(len(r) == 2 for r in result.timings.values())
    assert result.counts["có dấu"] == result.counts["không dấu"] > 0  # the same documents with or without marks
    assert result.cold == []  # no result cache to empty
    table = runner.render_table([result], queries, 60, "sqlite")
    assert "xóa bộ đệm" not in table and "Tất cả truy vấn" in table
    assert len(result.suggest) == 2 * len(runner.SUGGEST_MIX)  # every text typed is timed
    assert "Gợi ý khi gõ" in table


@pytest.mark.elasticsearch
def test_elasticsearch_is_also_timed_with_its_request_cache_emptied(elasticsearch_backend):
    result, queries = _timed("elasticsearch", elasticsearch_backend)
    assert len(result.cold) == 2 * len(queries)
    assert result.counts["có dấu"] == result.counts["không dấu"] > 0
    row = next(line for line in runner.render_table([result], queries, 60, "sqlite").splitlines() if "xóa bộ đệm" in line)
    assert row.count("/") == 2


def test_direct_documents_are_indexed_documents_with_readers():
    from search.bench.direct import direct_documents, issuer_ids

    docs = list(direct_documents(50, seed=3))
    assert [d["id"] for d in docs] == list(range(1, 51))
    assert all(d["title"] and d["body"] and d["issuer_id"] in issuer_ids().values() for d in docs)
    assert {d["principals"][0] for d in docs} >= {"public"}
    assert all(d["principals"] == ["public"] or d["visibility"] != "public" for d in docs)


@pytest.mark.elasticsearch
def test_es_only_mode_feeds_elasticsearch_without_database_pages(monkeypatch):
    import io

    from django.core.management import call_command

    from documents.models import DocumentPage

    monkeypatch.setenv("ES_ONLY", "1")
    out = io.StringIO()
    call_command("bench_search", size=300, repeats=1, warmup=0, es_url=elasticsearch_url(), stdout=out,
                 stderr=io.StringIO())
    table = out.getvalue()
    assert "elasticsearch" in table and "embedded" not in table and "wagtail" not in table
    assert "300 vb" in table and "Gợi ý khi gõ" in table
    assert not DocumentPage.objects.exists()  # nothing went through the database
