"""Publishing a document is allowed only inside the issue transition (never through a "Publish" button)."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_publishable: ContextVar[frozenset[int]] = ContextVar("vanban_publishable", default=frozenset())


@contextmanager
def allow_publish(page_pk: int) -> Iterator[None]:
    token = _publishable.set(_publishable.get() | {page_pk})
    try:
        yield
    finally:
        _publishable.reset(token)


def publish_allowed(page_pk: int) -> bool:
    return page_pk in _publishable.get()
