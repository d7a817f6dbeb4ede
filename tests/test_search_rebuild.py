"""Embedded index rebuilds: on PostgreSQL into a table of their own, indexed once full and swapped in
(search/backends/embedded/pg_build.py), written from a writer thread outside transactions
(search/backends/embedded/writer.py). Searches answer the same after a rebuild, and the old index keeps
answering when one fails."""
from __future__ import annotations

import threading

import pytest
from django.db import connection

from search.backends.embedded import EmbeddedBackend
from search.backends.embedded.writer import write_in_thread
from tests.test_search_contract import doc, q

postgres_only = pytest.mark.postgres  # PostgreSQL's build table


def _docs() -> list[dict]:
    return [doc(f"Kế hoạch chuyển đổi số {i}", f"Triển khai chuyển đổi số, ban chỉ đạo họp lần {i}.",
                kind="ke_hoach" if i % 2 else "quy_che", principals=["public"] if i % 3 else ["issuer:2"])
            for i in range(30)]


def _answers(backend) -> list:
    out = []
    for query in (q("chuyen doi so"), q('"ban chi dao"'), q("chuyển đổi"), q("ke hoach", principals=["public"]),
                  q("", filters={"kind": ["quy_che"]})):
        result = backend.search(query)
        out.append((result.count, [(h.id, h.highlight) for h in result.hits], result.facets))
    return out


def _tables() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE tablename LIKE 'search_fts%%'")
        return {row[0] for row in cursor.fetchall()}


def _fts_indexes() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'search_fts'")
        return {row[0] for row in cursor.fetchall()}


def test_a_rebuild_answers_as_the_index_it_replaces(embedded_backend):
    docs = _docs()
    embedded_backend.index(docs)
    before = _answers(embedded_backend)
    indexes = _fts_indexes() if connection.vendor == "postgresql" else set()
    assert embedded_backend.rebuild(iter(docs)) == len(docs)
    assert _answers(embedded_backend) == before
    if connection.vendor == "postgresql":
        assert _fts_indexes() == indexes  # the same indexes, under the same names
        assert _tables() == {"search_fts"}  # no build or old table left behind
    assert embedded_backend.rebuild(iter(docs)) == len(docs)  # and again, from the swapped table
    assert _answers(embedded_backend) == before


def test_a_failed_rebuild_leaves_the_old_index_answering(embedded_backend):
    docs = _docs()
    embedded_backend.index(docs)
    before = _answers(embedded_backend)

    def failing():
        yield from docs[:10]
        raise RuntimeError("the database went away")

    with pytest.raises(RuntimeError):
        embedded_backend.rebuild(failing())
    assert _answers(embedded_backend) == before
    assert embedded_backend._state().building_generation is None
    if connection.vendor == "postgresql":
        assert _tables() == {"search_fts"}
    embedded_backend.index([doc("Sau lần lỗi", "vẫn cập nhật được")])
    assert embedded_backend.search(q("van cap nhat")).count == 1


def test_live_updates_during_a_rebuild_reach_the_new_index(embedded_backend):
    docs = _docs()
    late = doc("Văn bản ban hành giữa chừng", "được cập nhật khi đang xây lại")
    seen: list[int] = []

    def progress(done: int) -> None:
        if not seen:
            embedded_backend.index([late])  # reaches the live index and the one being built
            embedded_backend.delete([docs[0]["id"]])
        seen.append(done)

    embedded_backend.index(docs[:1])
    embedded_backend.rebuild(iter(docs[1:]), progress=progress)
    assert embedded_backend.search(q("giua chung")).ids == [late["id"]]
    assert docs[0]["id"] not in embedded_backend.indexed_ids()
    assert embedded_backend.count() == len(docs)  # docs[1:] and the late one


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_the_rebuild_writes_from_a_thread(monkeypatch):
    threads: set[str] = set()
    from search.backends.embedded import backend as module

    original = module.EmbeddedBackend._write

    def spy(self, *args, **kwargs):
        threads.add(threading.current_thread().name)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(module.EmbeddedBackend, "_write", spy)
    backend = EmbeddedBackend()
    docs = _docs()
    indexes = _fts_indexes()
    assert backend.rebuild(iter(docs)) == len(docs)
    assert threads == {"embedded-index-writer"}
    assert _fts_indexes() == indexes  # built side by side on the writer's connections, then renamed
    reference = _answers(backend)
    threads.clear()
    backend.index(docs)  # a live update: the caller's thread, both generations' answers unchanged
    assert threads == {threading.current_thread().name}
    assert _answers(backend) == reference
    assert _tables() == {"search_fts"}


# -- the writer thread alone ---------------------------------------------------------------------------------------
def test_writer_thread_writes_every_batch_in_order():
    written: list[list[int]] = []
    progress: list[int] = []
    done = write_in_thread("default", iter([[1, 2], [3], [4, 5, 6]]), written.append, progress.append)
    assert done == 6 and written == [[1, 2], [3], [4, 5, 6]]
    assert progress[-1] == 6


def test_a_write_error_is_raised_in_the_callers_thread_and_stops_reading():
    read: list[int] = []

    def batches():
        for n in range(100):
            read.append(n)
            yield [n]

    def write(batch):
        if batch == [2]:
            raise ValueError("unique violation")

    with pytest.raises(ValueError, match="unique violation"):
        write_in_thread("default", batches(), write)
    assert len(read) < 100


def test_the_callers_error_stops_the_writer():
    written: list[list[int]] = []

    def batches():
        yield [1]
        raise KeyError("page gone")

    with pytest.raises(KeyError):
        write_in_thread("default", batches(), written.append)
    assert written in ([], [[1]])  # a batch already queued may be written; nothing after the error
