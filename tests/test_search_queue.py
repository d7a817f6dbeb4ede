"""Nothing lost (issue 4, item 7): the durable queue, the receivers, and Elasticsearch going down and up."""
from __future__ import annotations

import datetime
import io
import uuid

import pytest
from django.core.management import call_command

from documents.kinds.ke_hoach import KeHoachPage
from search import get_backend
from search.backends.base import SearchQuery
from search.models import IndexQueueItem
from search.queue import UNAVAILABLE, enqueue_document, process_queue
from tests.test_search_support import create_issuers, elasticsearch_url, make_document

D = datetime.date
CLOSED_PORT = "http://127.0.0.1:9"


def embedded_ids(text: str) -> list[int]:
    return get_backend("embedded").search(SearchQuery(text=text, principals=None)).ids


def test_rows_are_written_in_the_transaction_and_processed_after_commit(db, django_capture_on_commit_callbacks):
    _committee, bcd = create_issuers()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        page = make_document(bcd, KeHoachPage, title="tuyên truyền chuyển đổi số")
    assert IndexQueueItem.objects.filter(page_id=page.pk).exists()  # durable before commit
    assert embedded_ids("tuyen truyen") == []
    for callback in callbacks:
        callback()
    assert embedded_ids("tuyen truyen") == [page.pk]
    assert not IndexQueueItem.objects.exists()


def test_receivers_follow_publish_unpublish_and_delete(db, django_capture_on_commit_callbacks):
    _committee, bcd = create_issuers()
    with django_capture_on_commit_callbacks(execute=True):
        page = make_document(bcd, KeHoachPage, title="kiểm tra giám sát năm 2026")
    assert embedded_ids("kiem tra giam sat") == [page.pk]
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert embedded_ids("kiem tra giam sat") == []
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert embedded_ids("kiem tra giam sat") == [page.pk]
    with django_capture_on_commit_callbacks(execute=True):
        page.delete()
    assert embedded_ids("kiem tra giam sat") == []
    assert not IndexQueueItem.objects.exists()


def test_signals_of_the_life_cycle_enqueue(db, django_capture_on_commit_callbacks):
    from documents.signals import document_changed, document_recalled

    _committee, bcd = create_issuers()
    page = make_document(bcd, KeHoachPage, title="phòng chống thiên tai")
    process_queue()
    type(page).objects.filter(pk=page.pk).update(state="recalled")
    page.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        document_recalled.send(sender=type(page), page=page, user=None)
    assert embedded_ids("phong chong thien tai") == []
    type(page).objects.filter(pk=page.pk).update(state="issued", legal_status="het_hieu_luc")
    with django_capture_on_commit_callbacks(execute=True):
        document_changed.send(sender=type(page), page=page, user=None)
    result = get_backend("embedded").search(SearchQuery(text="phong chong", principals=None))
    assert result.ids == [page.pk] and result.facets["status"] == {"het_hieu_luc": 1}


def test_process_queues_drains_the_index_and_the_delivery_queue(db, monkeypatch):
    from cms.management.commands import process_queues

    calls = []
    monkeypatch.setattr(process_queues, "process_search_queue", lambda: calls.append("index") or 3)
    monkeypatch.setattr(process_queues, "process_delivery_queue",
                        lambda: calls.append("mail") or {"sent": 1, "failed": 0, "deferred": 0})
    out = io.StringIO()
    call_command("process_queues", stdout=out)
    assert calls == ["index", "mail"] and "3" in out.getvalue() and "4" in out.getvalue()


def test_one_change_writes_one_row_however_many_signals(db, django_capture_on_commit_callbacks):
    from documents.signals import document_changed

    _committee, bcd = create_issuers()
    with django_capture_on_commit_callbacks(execute=True):
        page = make_document(bcd, KeHoachPage, title="cải cách thủ tục hành chính")
    assert embedded_ids("cai cach thu tuc") == [page.pk]
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        page.save_revision().publish()  # page_published
        document_changed.send(sender=type(page), page=page, user=None)  # e.g. readers granted
        enqueue_document(page.pk)
        assert IndexQueueItem.objects.filter(page_id=page.pk).count() == 1
        enqueue_document(page.pk, "delete")  # a different action is a new row: the latest decides
        enqueue_document(page.pk)
        assert list(IndexQueueItem.objects.filter(page_id=page.pk).values_list("action", flat=True)) == [
            "index", "delete", "index"]
    for callback in callbacks:
        callback()
    assert not IndexQueueItem.objects.exists()
    assert embedded_ids("cai cach thu tuc") == [page.pk]
    with django_capture_on_commit_callbacks(execute=False):
        enqueue_document(page.pk)  # the next change, after commit, writes its own row
    assert IndexQueueItem.objects.filter(page_id=page.pk).count() == 1


def test_a_row_of_a_rolled_back_block_is_never_reused(db):
    from django.db import transaction

    _committee, bcd = create_issuers()
    page = make_document(bcd, KeHoachPage, title="phát triển kinh tế số")
    IndexQueueItem.objects.all().delete()
    with pytest.raises(RuntimeError), transaction.atomic():
        enqueue_document(page.pk)
        gone = IndexQueueItem.objects.get(page_id=page.pk).pk
        raise RuntimeError
    # Its id may be given again (SQLite does), here to a row someone else wrote: not ours to reuse.
    IndexQueueItem.objects.create(pk=gone, page_id=page.pk, backends="embedded")
    enqueue_document(page.pk)
    assert IndexQueueItem.objects.filter(page_id=page.pk).count() == 2


def test_unknown_action_is_refused(db):
    with pytest.raises(ValueError):
        enqueue_document(1, "reindex-everything")


@pytest.fixture
def elasticsearch_settings(db, settings):
    url = elasticsearch_url()
    settings.ELASTICSEARCH_URL = url
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_INDEX_PREFIX = f"test-queue-{uuid.uuid4().hex[:10]}"
    backend = get_backend("elasticsearch")
    backend.rebuild([])  # Elasticsearch was running, with its index, before it went down
    yield url
    settings.ELASTICSEARCH_URL = url
    get_backend("elasticsearch").drop_all()


def _issue_while_elasticsearch_is_down(settings, django_capture_on_commit_callbacks):
    settings.ELASTICSEARCH_URL = CLOSED_PORT
    _committee, bcd = create_issuers()
    with django_capture_on_commit_callbacks(execute=True):
        page = make_document(bcd, KeHoachPage, title="ứng dụng trí tuệ nhân tạo trong cải cách hành chính")
    page.refresh_from_db()
    assert page.state == "issued" and page.live  # issuing succeeded
    items = list(IndexQueueItem.objects.filter(page_id=page.pk))
    assert items, "the queue keeps the update for Elasticsearch"
    assert all(item.backend_list == ["elasticsearch"] for item in items)  # the embedded index got it already
    assert all(item.last_error.startswith(UNAVAILABLE) and item.attempts >= 1 for item in items)
    return page


def _api(client, text: str) -> dict:
    response = client.get("/api/search/", {"q": text}, HTTP_HOST="localhost")
    assert response.status_code == 200
    return response.json()


@pytest.mark.elasticsearch
def test_search_falls_back_while_down_and_catches_up_on_the_next_search(
        client, settings, elasticsearch_settings, django_capture_on_commit_callbacks):
    page = _issue_while_elasticsearch_is_down(settings, django_capture_on_commit_callbacks)
    data = _api(client, "tri tue nhan tao")
    assert data["backend"] == "embedded"
    assert [r["id"] for r in data["results"]] == [page.pk]
    status = io.StringIO()
    call_command("search_status", stdout=status)
    assert "Hàng đợi cập nhật chỉ mục: " in status.getvalue() and "elasticsearch: " in status.getvalue()

    settings.ELASTICSEARCH_URL = elasticsearch_settings  # Elasticsearch is back
    data = _api(client, "tri tue nhan tao")
    assert data["backend"] == "elasticsearch"
    assert [r["id"] for r in data["results"]] == [page.pk]
    assert not IndexQueueItem.objects.exists()
    assert get_backend("elasticsearch").search(SearchQuery(text="trí tuệ", principals=["public"])).ids == [page.pk]


@pytest.mark.elasticsearch
def test_process_queues_drains_when_elasticsearch_is_back(
        settings, elasticsearch_settings, django_capture_on_commit_callbacks):
    page = _issue_while_elasticsearch_is_down(settings, django_capture_on_commit_callbacks)
    call_command("process_queues", stdout=io.StringIO())  # still down: kept, with back-off
    assert IndexQueueItem.objects.filter(page_id=page.pk).exists()

    settings.ELASTICSEARCH_URL = elasticsearch_settings
    call_command("process_queues", stdout=io.StringIO())  # no manual step beyond the service loop
    assert not IndexQueueItem.objects.exists()
    es = get_backend("elasticsearch")
    assert es.search(SearchQuery(text="cai cach hanh chinh", principals=["public"])).ids == [page.pk]
    out = io.StringIO()
    call_command("search_status", "--json", stdout=out)
    assert '"missing": 0' in out.getvalue()


@pytest.mark.elasticsearch
def test_reindex_command_builds_both_indexes(db, settings, elasticsearch_settings, capsys):
    _committee, bcd = create_issuers()
    pages = [make_document(bcd, KeHoachPage, title=f"kế hoạch số {i} về chuyển đổi số", day=D(2026, 1, i + 1))
             for i in range(3)]
    IndexQueueItem.objects.all().delete()
    call_command("reindex")
    err = capsys.readouterr().err
    assert "embedded" in err and "elasticsearch" in err and "100%" in err
    for name in ("embedded", "elasticsearch"):
        assert get_backend(name).indexed_ids() == {p.pk for p in pages}
    call_command("reindex", "--backend", "elasticsearch")
    assert get_backend("elasticsearch").count() == 3


def test_process_queues_fills_an_empty_embedded_index(db):
    from cms.management.commands.process_queues import bootstrap_embedded

    _committee, bcd = create_issuers()
    page = make_document(bcd, KeHoachPage, title="xây dựng nông thôn mới")
    IndexQueueItem.objects.all().delete()  # as after a schema change that emptied the index
    assert embedded_ids("nong thon moi") == []
    assert bootstrap_embedded() is True
    assert embedded_ids("nong thon moi") == [page.pk]
    assert bootstrap_embedded() is False  # already filled
    out = io.StringIO()
    call_command("search_status", stdout=out)
    assert "Chỉ mục embedded: 1 văn bản (thiếu 0, thừa 0)" in out.getvalue()


def test_the_queue_finds_the_readers_of_its_pages_at_once_or_one_by_one(db, monkeypatch):
    """A batch of rows (a batch import's) finds every page's principals in one go; if that fails, each page
    finds its own: the internal document is found by its readers and not by the public."""
    import search.queue as queue_module
    from documents.permissions import document_principals, documents_principals

    _committee, bcd = create_issuers()
    calls = []

    def counted(pages):
        calls.append(len(pages))
        return documents_principals(pages)

    def failing(pages):
        raise RuntimeError("no batch today")

    for replacement, title in ((counted, "kế hoạch kiểm tra"), (failing, "kế hoạch giám sát")):
        monkeypatch.setattr(queue_module, "documents_principals", replacement)
        public = make_document(bcd, KeHoachPage, title=f"{title} công khai")
        internal = make_document(bcd, KeHoachPage, title=f"{title} nội bộ", visibility="internal")
        process_queue()
        words = title.replace("kế hoạch ", "")
        found = get_backend("embedded").search(SearchQuery(text=words, principals=["public"])).ids
        assert found == [public.pk]
        readers = [p for p in document_principals(internal) if p != "public"]
        assert readers
        for reader in readers:  # each of its readers finds it
            found = get_backend("embedded").search(SearchQuery(text=words, principals=[reader])).ids
            assert internal.pk in found
        assert not IndexQueueItem.objects.exists()
    assert calls and calls[0] >= 2
