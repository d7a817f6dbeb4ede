"""Durable index queue (placeholder; the search work replaces it)."""
from __future__ import annotations


def enqueue_document(page_id: int, action: str = "index") -> None:
    """Schedule (re)indexing or removal of one document after the current transaction commits."""
