"""GET /api/search/: the one search entry (search.service.search_response), same parameters and JSON as before;
GET /api/search/suggest/: as-you-type suggestions (search.suggest.suggest_response)."""
from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from search.service import InvalidSearch, search_response
from search.suggest import InvalidSuggest, suggest_response

from .auth import OptionalAuth
from .problems import ApiProblem
from .schemas import DocumentJSON

router = Router(tags=["search"])


class SearchParams(Schema):
    """Documented here; search.service.parse_params validates them (400 with its own message)."""

    q: str | None = None
    kind: list[str] | None = Field(None, description="quy_che, quyet_dinh, ke_hoach, bao_cao, bien_ban, hoặc loại của "
                                   "văn bản khác: van_ban.nghi_quyet, van_ban.thong_bao…; van_ban: mọi văn bản khác")
    issuer: list[str] | None = None
    year: list[str] | None = None
    signer: list[str] | None = None
    status: list[str] | None = None
    sort: str | None = None
    page: str | None = None
    page_size: str | None = None


class SearchHitOut(DocumentJSON):
    highlight: Any = None


class SuggestionOut(Schema):
    """Another search that finds something when this one finds nothing."""

    label: str
    query: str
    params: dict[str, list[str]]
    count: int


class SearchOut(Schema):
    count: int
    page: int
    page_size: int
    num_pages: int
    query: str
    sort: str
    results: list[SearchHitOut]
    facets: dict[str, dict[str, int]]
    facet_labels: dict[str, dict[str, str]]
    backend: str
    out_of_range: bool
    message: str
    suggestions: list[SuggestionOut]


@router.get("/", response=SearchOut, auth=OptionalAuth(), summary="Tìm văn bản đã ban hành")
def search(request: HttpRequest, params: Query[SearchParams]):
    try:
        return search_response(request.GET, request)
    except InvalidSearch as exc:
        # "error" is the key this endpoint has always answered with; the problem members come with it.
        raise ApiProblem(400, str(exc), extra={"error": str(exc)}) from None


class SuggestParams(Schema):
    q: str | None = None


class SuggestionItemOut(Schema):
    """A document (by trích yếu), a notation, or an issuer; ``id`` is the page's or the issuer's."""

    kind: Literal["document", "notation", "issuer"]
    label: str
    notation: str | None = None
    url: str | None = None
    id: int | None = None


class SuggestOut(Schema):
    query: str
    suggestions: list[SuggestionItemOut]


@router.get("/suggest/", response=SuggestOut, auth=OptionalAuth(), summary="Gợi ý khi đang gõ (tối đa 8)")
def suggest(request: HttpRequest, params: Query[SuggestParams]):
    try:
        return suggest_response(request.GET, request)
    except InvalidSuggest as exc:
        raise ApiProblem(400, str(exc), extra={"error": str(exc)}) from None
