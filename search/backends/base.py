"""The one small interface every search backend implements, and the query/result shapes they share."""
from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from documents.text.notation import looks_like_notation, notation_key
from search.query import ParsedQuery, parse_query, typed_in_progress

if TYPE_CHECKING:
    from documents.indexed import IndexedDocument

# Facet names, in the order the reader page shows them; each is also a filter.
FACETS: tuple[str, ...] = ("kind", "issuer", "year", "signer", "status")
# The index field (column) behind each facet, in both backends.
FACET_FIELDS: dict[str, str] = {"kind": "kind", "issuer": "issuer_id", "year": "year", "signer": "signer", "status": "status"}
SORTS: tuple[str, ...] = ("relevance", "date")
DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
# The deepest rank a search pages to: Elasticsearch refuses from + size past its index.max_result_window (10,000
# by default), and the embedded backend keeps to the same limit so that both answer a deep page alike.
MAX_RESULT_WINDOW = 10_000


class SearchBackendError(Exception):
    """A backend failed in a way the caller may report."""


class BackendUnavailable(SearchBackendError):
    """The backend cannot answer now (server down, index missing); the caller falls back."""


@dataclass
class SearchQuery:
    """What a reader asked for. ``principals`` None means no permission filter (superusers only)."""

    text: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE
    principals: list[str] | None = field(default_factory=lambda: ["public"])
    with_facets: bool = True
    # Issuers the query names ("đảng ủy phường": search.suggest.issuers_named): their documents rank higher.
    named_issuers: list[int] = field(default_factory=list)
    # Signers the query names ("nguyen quoc nam": search.suggest.signers_named), as stored: the documents they
    # signed rank higher than those that only mention them.
    named_signers: list[str] = field(default_factory=list)

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size

    @property
    def window(self) -> tuple[int, int]:
        """The ranks [start, end) this page shows, cut at MAX_RESULT_WINDOW (empty past it; the count stays)."""
        start = min(self.offset, MAX_RESULT_WINDOW)
        return start, min(self.offset + self.page_size, MAX_RESULT_WINDOW)

    @property
    def reachable_pages(self) -> int:
        """How many pages of this size fit in MAX_RESULT_WINDOW."""
        return max(1, MAX_RESULT_WINDOW // self.page_size)


@dataclass
class SearchHit:
    id: int
    score: float | None = None
    highlight: str = ""


@dataclass
class SearchResult:
    count: int
    hits: list[SearchHit]
    facets: dict[str, dict[str, int]]
    backend: str

    @property
    def ids(self) -> list[int]:
        return [hit.id for hit in self.hits]


ProgressCallback = Callable[[int], None]

MAX_SUGGESTIONS = 8
SUGGESTION_KINDS: tuple[str, ...] = ("document", "notation", "issuer")


NOTATION_ANY_CHAR = "?"  # in SuggestQuery.notation_prefix: any one character ("01?QC" is 01-QC and 01/QC)


@dataclass
class SuggestQuery:
    """What a reader has typed so far (search.suggest.parse_typed): the finished folded words, the folded
    start of the last word ("" when the text ends with a space), the folded upper-case start of a notation
    ("01-QC/B"; "" when the text does not begin like one), and the issuers whose names it may be naming
    (resolved by the caller; the backend keeps those with a document the reader may see)."""

    words: list[str] = field(default_factory=list)
    prefix: str = ""
    notation_prefix: str = ""  # NOTATION_ANY_CHAR stands for one separator the reader typed as a space
    issuer_ids: list[int] = field(default_factory=list)
    principals: list[str] | None = field(default_factory=lambda: ["public"])
    limit: int = MAX_SUGGESTIONS
    # The text begins with (the start of) a kind's name ("quy ch", "quyết định thành l"): documents of these
    # kinds whose trích yếu holds the words typed after it, offered before the title matches of the whole text.
    kinds: list[str] = field(default_factory=list)
    kind_words: list[str] = field(default_factory=list)
    kind_prefix: str = ""
    kind_number: int | None = None  # "quy chế 01": the documents of the kind with that number, instead of words


@dataclass
class Suggestion:
    """One answer as the reader types: a document (by trích yếu), a notation, or an issuer."""

    kind: str
    label: str
    page_id: int | None = None
    notation: str = ""
    issuer_id: int | None = None
    doc_kind: str = ""


def parse_text(text: str) -> tuple[ParsedQuery, str]:
    """The query text as every backend reads it: its terms and phrases, and the notation key when the text
    looks like a document's notation ("01-QC/BCĐ", "qc 01 bcd"; else "")."""
    key = notation_key(text) if text and looks_like_notation(text) else ""
    parsed = parse_query(text)
    parsed.expand_numbers = not key
    parsed.prefix_last = not key and typed_in_progress(text, parsed)
    return parsed, key


def latest_by_id(docs: Iterable[IndexedDocument]) -> list[IndexedDocument]:
    """Each document once, as last given: a backlog may hold two versions of one."""
    return list({doc["id"]: doc for doc in docs}.values())


class SearchBackend(ABC):
    """index / delete / search / rebuild (atomic swap) / health / count, over index documents.

    An index document is the ``IndexedDocument`` made by ``documents.indexed.indexed_document``.
    """

    name: str = ""

    @abstractmethod
    def index(self, docs: Iterable[IndexedDocument]) -> None:
        """Add or replace documents (keyed by their "id")."""

    @abstractmethod
    def delete(self, ids: Iterable[int]) -> None:
        """Remove documents by page id; unknown ids are ignored."""

    @abstractmethod
    def search(self, query: SearchQuery) -> SearchResult: ...

    @abstractmethod
    def rebuild(self, docs: Iterable[IndexedDocument], progress: ProgressCallback | None = None) -> int:
        """Build a fresh index from ``docs`` and swap it in atomically; returns how many were indexed.

        Readers see the old index until the swap. ``progress`` is called with the running count.
        """

    @abstractmethod
    def health(self) -> dict[str, Any]:
        """{"ok": bool, ...details}; never raises."""

    @abstractmethod
    def count(self) -> int:
        """Documents in the live index."""

    def suggest(self, query: SuggestQuery) -> list[Suggestion]:
        """Up to ``query.limit`` suggestions: notations starting with ``notation_prefix``, then documents whose
        trích yếu holds every word and a word starting with ``prefix``, then issuers of ``issuer_ids`` having
        a document the principals may read; permission-filtered as ``search``."""
        raise NotImplementedError

    def indexed_ids(self) -> set[int]:
        """Page ids in the live index (for search_status); backends may override with something cheaper."""
        raise NotImplementedError
