"""Bulk indexing into Elasticsearch from a sender thread (search/backends/elasticsearch_bulk.py), with a fake client:
chunking, the bulk body, failures raised in the caller's thread, and the caller's own errors."""
from __future__ import annotations

import threading

import pytest

from search.backends.base import SearchBackendError
from search.backends.elasticsearch_bulk import chunks, send_bulk


class FakeClient:
    """Records each bulk body and the thread it came from; fails the items whose id is in ``failing``."""

    def __init__(self, failing: set[int] | None = None, raising: Exception | None = None) -> None:
        self.bodies: list[list[dict]] = []
        self.threads: set[str] = set()
        self.failing = failing or set()
        self.raising = raising

    def bulk(self, operations, refresh):
        assert refresh is False
        self.threads.add(threading.current_thread().name)
        if self.raising is not None:
            raise self.raising
        self.bodies.append(operations)
        items = []
        for line in operations:
            op = next(iter(line))
            if op in ("index", "delete"):
                status = 400 if line[op]["_id"] in self.failing else 201
                items.append({op: {"_id": line[op]["_id"], "status": status}})
        return {"errors": any(next(iter(i.values()))["status"] >= 300 for i in items), "items": items}


def actions(n: int, text: str = "văn bản") -> list[dict]:
    return [{"_op_type": "index", "_index": "idx", "_id": i, "_source": {"page_id": i, "text": text}} for i in range(n)]


def test_chunks_by_count_and_by_size():
    assert [len(c) for c in chunks(actions(1200), size=500)] == [500, 500, 200]
    # Each action weighs about 3 bytes a character: two fit under the budget, a third starts a new chunk.
    big = actions(5, text="x" * 1000)
    assert [len(c) for c in chunks(big, size=500, max_bytes=7000)] == [2, 2, 1]
    huge = actions(2, text="x" * 10_000)  # over the budget alone: a chunk of its own, never an empty one
    assert [len(c) for c in chunks(huge, size=500, max_bytes=7000)] == [1, 1]


def test_sends_every_action_from_a_sender_thread():
    client = FakeClient()
    seen: list[int] = []
    done = send_bulk(client, iter(actions(1200)), progress=seen.append, chunk_size=500)
    assert done == 1200
    # Action line + source per document; the senders may finish their chunks in either order.
    assert sorted(len(body) for body in client.bodies) == [400, 1000, 1000]
    first = next(body for body in client.bodies if body[0]["index"]["_id"] == 0)
    assert first[1] == {"page_id": 0, "text": "văn bản"}
    sent = [line["index"]["_id"] for body in client.bodies for line in body[::2]]
    assert sorted(sent) == list(range(1200))  # each once
    assert client.threads <= {"elasticsearch-bulk-0", "elasticsearch-bulk-1"}
    assert seen[-1] == 1200 and seen == sorted(seen)


def test_two_requests_are_in_flight_at_once():
    """The node indexes a bulk request on one thread: a second one in flight keeps a second core busy."""
    both = threading.Barrier(2, timeout=10)

    class Waiting(FakeClient):
        def bulk(self, operations, refresh):
            both.wait()  # breaks (and the send fails) unless another request arrives meanwhile
            return super().bulk(operations, refresh)

    client = Waiting()
    assert send_bulk(client, iter(actions(1000)), chunk_size=500) == 1000
    assert client.threads == {"elasticsearch-bulk-0", "elasticsearch-bulk-1"}


def test_delete_actions_have_no_source():
    client = FakeClient()
    assert send_bulk(client, [{"_op_type": "delete", "_index": "idx", "_id": 7}]) == 1
    assert client.bodies == [[{"delete": {"_index": "idx", "_id": 7}}]]


def test_a_failed_item_raises_in_the_callers_thread():
    client = FakeClient(failing={3})
    with pytest.raises(SearchBackendError, match="bulk error"):
        send_bulk(client, iter(actions(2000)), chunk_size=100)
    assert len(client.bodies) < 20  # it stopped soon after the failure instead of sending everything


def test_client_errors_go_through_the_backends_mapping():
    client = FakeClient(raising=ConnectionError("down"))

    def call(fn, *args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except ConnectionError as exc:
            raise SearchBackendError(f"mapped: {exc}") from exc

    with pytest.raises(SearchBackendError, match="mapped: down"):
        send_bulk(client, iter(actions(10)), call=call)


def test_the_callers_error_stops_the_sender():
    client = FakeClient()

    def failing():
        yield from actions(600)
        raise RuntimeError("database gone")

    with pytest.raises(RuntimeError, match="database gone"):
        send_bulk(client, failing(), chunk_size=500)
    assert not any(t.name.startswith("elasticsearch-bulk") for t in threading.enumerate())
