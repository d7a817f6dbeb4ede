"""Bulk indexing into Elasticsearch with the node's work overlapped: the caller's thread reads the documents and
builds the next chunk while a sender thread waits for the node to analyse the previous one.

Only the sending is moved to the thread: the documents come from the caller's iterator, so database reads stay
on the caller's connection and inside its transaction (a thread of its own would open another one).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from search.backends.background import consume_in_thread
from search.backends.base import SearchBackendError

# 200 documents (about 3 MB) a request: a batch of 1,000 is five requests, so the node starts on the first while
# the rest are built and both write threads are busy early (1,000 documents: 1,010 → 1,190 a second; 3,000: the same).
CHUNK_ACTIONS = 200
# A chunk's size estimated from its strings (up to 3 bytes a character in UTF-8), kept well under the node's
# http.max_content_length (100 MB by default): a few huge documents make a chunk of their own.
CHUNK_BYTES = 20 * 1024 * 1024
QUEUED_CHUNKS = 4  # chunks built ahead of the node: memory stays bounded whatever the corpus size
# Requests in flight at once. The node indexes one bulk request into a shard on one write thread: two keep two
# cores busy (the bulk phase 950 → 1,400–1,500 documents/s on two cores, 3,000 generated documents). Each
# document is in one chunk only, so the order in which chunks land does not matter.
SENDERS = 2

Action = dict[str, Any]  # {"_op_type", "_index", "_id", "_source"} as elasticsearch.helpers takes them


def _estimated_bytes(action: Action) -> int:
    source = action.get("_source") or {}
    return 200 + 3 * sum(len(v) for v in source.values() if isinstance(v, str))


def chunks(actions: Iterable[Action], size: int = CHUNK_ACTIONS, max_bytes: int = CHUNK_BYTES) -> Iterable[list[Action]]:
    """The actions in chunks of at most ``size`` actions and about ``max_bytes`` (one action at least)."""
    chunk: list[Action] = []
    total = 0
    for action in actions:
        weight = _estimated_bytes(action)
        if chunk and (len(chunk) >= size or total + weight > max_bytes):
            yield chunk
            chunk, total = [], 0
        chunk.append(action)
        total += weight
    if chunk:
        yield chunk


def _operations(chunk: list[Action]) -> list[dict]:
    """The bulk body: an action line, then the source for index actions."""
    body: list[dict] = []
    for action in chunk:
        op = action["_op_type"]
        body.append({op: {"_index": action["_index"], "_id": action["_id"]}})
        if op != "delete":
            body.append(action["_source"])
    return body


def _failures(answer: dict) -> list[dict]:
    if not answer.get("errors"):
        return []
    return [item for item in answer.get("items", []) if next(iter(item.values())).get("status", 200) >= 300]


def send_bulk(client, actions: Iterable[Action], call: Callable = lambda fn, *a, **k: fn(*a, **k),
              progress: Callable[[int], None] | None = None, chunk_size: int = CHUNK_ACTIONS) -> int:
    """Send ``actions`` in bulk requests without refresh, one request in flight while the next chunk is built;
    returns how many actions succeeded. The first failed item raises SearchBackendError (after the request in
    flight ends: nothing is left running). ``call`` wraps each client call (the backend's error mapping);
    ``progress`` gets the running count of actions sent."""
    def send(chunk: list[Action]) -> None:
        answer = call(client.bulk, operations=_operations(chunk), refresh=False)
        failed = _failures(answer.body if hasattr(answer, "body") else answer)
        if failed:
            raise SearchBackendError(f"Elasticsearch bulk error: {failed[:3]}")

    return consume_in_thread(chunks(actions, chunk_size), send, name="elasticsearch-bulk", queued=QUEUED_CHUNKS,
                             progress=progress, threads=SENDERS)
