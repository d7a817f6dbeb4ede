"""One search entry point for the API and the reader page: parameters → query → backend → JSON.

The configured backend answers; if it is Elasticsearch and it cannot answer, the embedded index (kept
current by the same queue) answers instead and the response says ``"backend": "embedded"``.
"""
from __future__ import annotations

import dataclasses
import logging
import math
from typing import Any

from django.utils.translation import gettext as _

from documents.kinds import kind_classes, with_own_type_names
from documents.kinds.van_ban_khac import GENERAL_KIND, general_kinds, is_general_kind, known_general_kinds
from documents.models import DocumentPage, Issuer, LegalStatus
from documents.permissions import user_principals
from documents.serializers import document_json, prefetch_pages_for_json
from documents.text.vietnamese import fold, folded_tokens, has_vietnamese_marks, nfc
from search import EMBEDDED, get_backend
from search.backends.base import (
    DEFAULT_PAGE_SIZE,
    FACETS,
    MAX_PAGE_SIZE,
    SORTS,
    BackendUnavailable,
    SearchQuery,
    SearchResult,
)
from search.queue import drain_after_answer
from search.signers import signers_named
from search.suggest import issuers_named

logger = logging.getLogger(__name__)

PARAMETERS = ("q", "kind", "issuer", "year", "signer", "status", "sort", "page", "page_size")
MAX_QUERY_CHARS = 500
MAX_PAGE = 10_000


class InvalidSearch(ValueError):
    """A parameter the API refuses; the message is for the user (Vietnamese), ``param`` names the parameter."""

    def __init__(self, message: str, param: str = "") -> None:
        super().__init__(message)
        self.param = param


MAX_ID = 2**63 - 1


def _is_number(value: str) -> bool:
    """ASCII digits only: str.isdigit() also accepts "²", which int() refuses."""
    return value.isascii() and value.isdigit() and len(value) <= 19


def _ints(values: list[str], message: str, low: int, high: int, param: str = "") -> list[int]:
    out = []
    for value in values:
        if not _is_number(value) or not low <= int(value) <= high:
            raise InvalidSearch(message % {"value": value}, param)
        out.append(int(value))
    return out


def parse_params(params, user=None) -> SearchQuery:
    """Validate request parameters (a QueryDict or a dict of lists) into a SearchQuery for ``user``."""
    unknown = sorted(set(params) - set(PARAMETERS))
    if unknown:
        raise InvalidSearch(
            _("Tham số không được hỗ trợ: %(names)s. Các tham số hợp lệ: %(allowed)s.")
            % {"names": ", ".join(unknown), "allowed": ", ".join(PARAMETERS)}
        )

    def values(name: str) -> list[str]:
        raw = params.getlist(name) if hasattr(params, "getlist") else list(params.get(name) or [])
        if isinstance(raw, str):
            raw = [raw]
        return [nfc(v).strip() for v in raw if v is not None and nfc(v).strip()]

    def single(name: str) -> str:
        found = values(name)
        if len(found) > 1:
            raise InvalidSearch(_("Tham số %(name)s chỉ được có một giá trị.") % {"name": name})
        return found[0] if found else ""

    text = single("q")
    if len(text) > MAX_QUERY_CHARS:
        raise InvalidSearch(_("Từ khóa tìm kiếm quá dài (tối đa %(n)d ký tự).") % {"n": MAX_QUERY_CHARS})

    filters: dict[str, list] = {}
    kinds = values("kind")
    known_kinds = set(kind_classes())
    for kind in kinds:
        if kind not in known_kinds and not is_general_kind(kind):
            raise InvalidSearch(
                _("Loại văn bản “%(value)s” không hợp lệ. Các loại: %(allowed)s; văn bản khác theo tên loại, "
                  "ví dụ van_ban.nghi_quyet (Nghị quyết).")
                % {"value": kind, "allowed": ", ".join(f"{slug} ({cls._meta.verbose_name})"
                                                      for slug, cls in sorted(kind_classes().items()))},
                "kind",
            )
    filters["kind"] = kinds
    issuers = []
    for value in values("issuer"):
        if _is_number(value):
            if int(value) > MAX_ID:  # no such issuer; too large for the database to compare
                raise InvalidSearch(_("Cơ quan ban hành “%(value)s” không hợp lệ: dùng mã số hoặc đường dẫn của cơ quan.")
                                    % {"value": value}, "issuer")
            issuers.append(int(value))
            continue
        found = Issuer.objects.filter(slug=value).values_list("pk", flat=True).first()
        if found is None:
            raise InvalidSearch(_("Cơ quan ban hành “%(value)s” không hợp lệ: dùng mã số hoặc đường dẫn của cơ quan.")
                                % {"value": value}, "issuer")
        issuers.append(found)
    filters["issuer"] = issuers
    filters["year"] = _ints(values("year"), _("Năm “%(value)s” không hợp lệ: dùng bốn chữ số, ví dụ 2026."), 1900, 2200,
                             "year")
    filters["signer"] = values("signer")
    statuses = values("status")
    for status in statuses:
        if status not in LegalStatus.values:
            raise InvalidSearch(
                _("Tình trạng hiệu lực “%(value)s” không hợp lệ. Các giá trị: %(allowed)s.")
                % {"value": status, "allowed": ", ".join(LegalStatus.values)},
                "status",
            )
    filters["status"] = statuses

    sort = single("sort") or ("relevance" if text else "date")
    if sort not in SORTS:
        raise InvalidSearch(_("Cách sắp xếp “%(value)s” không hợp lệ: dùng relevance (theo mức phù hợp) hoặc date "
                              "(theo ngày ban hành).") % {"value": sort}, "sort")
    page_value = single("page") or "1"
    page = _ints([page_value], _("Số trang “%(value)s” không hợp lệ."), 1, MAX_PAGE, "page")[0]
    size_value = single("page_size") or str(DEFAULT_PAGE_SIZE)
    page_size = _ints([size_value], _("Số kết quả mỗi trang “%(value)s” không hợp lệ (1 đến 100)."), 1, MAX_PAGE_SIZE,
                      "page_size")[0]

    superuser = bool(user is not None and user.is_authenticated and user.is_superuser)
    return SearchQuery(
        text=text, filters={k: v for k, v in filters.items() if v}, sort=sort, page=page, page_size=page_size,
        principals=None if superuser else user_principals(user),
        named_issuers=issuers_named(folded_tokens(text)) if text else [],
        named_signers=signers_named(folded_tokens(text)) if text else [],
    )


def _with_general_types(query: SearchQuery) -> SearchQuery:
    """``kind=van_ban`` asks for every general document, which the index files under its own type."""
    kinds = query.filters.get("kind") or []
    if GENERAL_KIND not in kinds:
        return query
    return dataclasses.replace(query, filters={**query.filters, "kind": list(dict.fromkeys([*kinds, *general_kinds()]))})


def search_documents(query: SearchQuery) -> SearchResult:
    """Ask the configured backend; fall back to the embedded index when Elasticsearch cannot answer."""
    query = _with_general_types(query)
    backend = get_backend()
    if backend.name == EMBEDDED:
        return backend.search(query)
    try:
        result = backend.search(query)
    except BackendUnavailable as exc:
        logger.warning("Elasticsearch unavailable, answering from the embedded index: %s", exc)
        return get_backend(EMBEDDED).search(query)
    if drain_after_answer():  # it was down and has just caught up: answer with the missed documents
        result = backend.search(query)
    return result


def facet_labels(facets: dict[str, dict[str, int]], selected: dict[str, list] | None = None) -> dict[str, dict[str, str]]:
    """Human labels for facet values (kind and status names, issuer names), and for the kinds ``selected``
    (the filter "van_ban" is no facet value: the index files general documents under their types)."""
    kinds = {slug: str(cls._meta.verbose_name) for slug, cls in kind_classes().items()} | known_general_kinds()
    shown = list(dict.fromkeys([*facets.get("kind", {}), *(selected or {}).get("kind", [])]))
    if any(k not in kinds for k in shown):  # an office's own type name
        kinds |= general_kinds()
    statuses = {value: str(label) for value, label in LegalStatus.choices}
    issuer_ids = [int(k) for k in facets.get("issuer", {}) if k.isdigit()]
    issuers = {str(pk): name for pk, name in Issuer.objects.filter(pk__in=issuer_ids).values_list("pk", "name")}
    return {
        "kind": {k: kinds.get(k, k) for k in shown},
        "issuer": {k: issuers.get(k, k) for k in facets.get("issuer", {})},
        "year": {k: k for k in facets.get("year", {})},
        "signer": {k: k for k in facets.get("signer", {})},
        "status": {k: statuses.get(k, k) for k in facets.get("status", {})},
    }


def _sorted_facets(facets: dict[str, dict[str, int]]) -> dict[str, dict[str, int]]:
    out = {}
    for name in FACETS:
        values = facets.get(name, {})
        if name == "year":
            out[name] = dict(sorted(values.items(), key=lambda item: item[0], reverse=True))
        else:
            out[name] = dict(sorted(values.items(), key=lambda item: (-item[1], item[0])))
    return out


MAX_SUGGESTIONS = 3
MAX_SUGGESTION_SEARCHES = 6
_NO_QUOTES = str.maketrans({quote: " " for quote in '"“”„«»'})


def _variant(query: SearchQuery, text: str | None = None, filters: dict | None = None) -> SearchQuery:
    return SearchQuery(text=query.text if text is None else text, filters=query.filters if filters is None else filters,
                       sort=query.sort, page=1, page_size=1, principals=query.principals, with_facets=False,
                       named_issuers=query.named_issuers, named_signers=query.named_signers)


def facet_choices(params, request, name: str) -> tuple[dict[str, int], dict[str, str]]:
    """The values of the facet ``name`` with their counts as if none of them were chosen, the other filters kept,
    and their labels: a reader who filtered on Kế hoạch sees Quyết định beside it and switches in one step (one
    search more, for the reader page only). Raises InvalidSearch as ``search_response`` does."""
    query = parse_params(params, getattr(request, "user", None))
    filters = {key: values for key, values in query.filters.items() if key != name}
    others = dataclasses.replace(query, filters=filters, page=1, page_size=1)  # the same query, facets kept
    facets = _sorted_facets(search_documents(others).facets)
    return facets.get(name, {}), facet_labels(facets, query.filters).get(name, {})


def _params(query: SearchQuery) -> dict[str, list[str]]:
    """The request parameters asking for ``query`` (what a suggestion links to)."""
    params = {"q": [query.text]} if query.text else {}
    params.update({name: [str(v) for v in values] for name, values in query.filters.items() if values})
    return params


def suggestions(query: SearchQuery) -> list[dict[str, Any]]:
    """Other searches that find something when this one finds nothing: the query without marks, without
    its filters, without its quotes, without the words no document holds; each with how many it finds (few
    searches: only zero results ask, at most MAX_SUGGESTION_SEARCHES)."""
    budget = [MAX_SUGGESTION_SEARCHES]
    seen: set[tuple] = set()

    def count(variant: SearchQuery) -> int | None:
        """How many ``variant`` finds; None once asked before or when the budget is spent."""
        key = (variant.text, tuple(sorted((k, tuple(v)) for k, v in variant.filters.items())))
        if key in seen or budget[0] <= 0:
            return None
        seen.add(key)
        budget[0] -= 1
        return search_documents(variant).count

    found: list[dict[str, Any]] = []

    def offer(label: str, variant: SearchQuery) -> None:
        if len(found) < MAX_SUGGESTIONS and (n := count(variant)):
            found.append({"label": label, "query": variant.text, "params": _params(variant), "count": n})

    if query.text and has_vietnamese_marks(query.text):
        offer(_("Bỏ dấu tiếng Việt"), _variant(query, text=fold(query.text)))
    if query.filters:
        offer(_("Bỏ các bộ lọc"), _variant(query, filters={}))
    unquoted = query.text.translate(_NO_QUOTES)
    if unquoted != query.text:
        offer(_("Bỏ dấu ngoặc kép"), _variant(query, text=" ".join(unquoted.split())))
    words = unquoted.split()
    if 1 < len(words) <= 8:
        # Only a word no document holds (a typo, a word from elsewhere) is worth dropping: dropping "lao" from
        # "hợp đồng lao động" finds documents, but "hợp đồng động" means nothing.
        unknown = []
        for word in dict.fromkeys(words):
            n = count(_variant(query, text=word))
            if n is None:
                break
            if n == 0:
                unknown.append(word)
        if unknown and len(unknown) < len(words):
            label = (_("Bỏ từ “%(word)s”") % {"word": unknown[0]} if len(unknown) == 1 else
                     _("Bỏ các từ %(words)s") % {"words": ", ".join(f"“{w}”" for w in unknown)})
            offer(label, _variant(query, text=" ".join(w for w in words if w not in unknown)))
    return found


def summary(count: int, page: int, num_pages: int, capped: bool = False) -> str:
    """One sentence for the count, the same whatever page was asked for. ``capped``: the results run past the
    pages a search reaches (MAX_RESULT_WINDOW), which ``num_pages`` counts."""
    if not count:
        return _("Không tìm thấy văn bản phù hợp.")
    if page > num_pages and capped:
        return _("Tìm thấy %(count)d văn bản, nhưng chỉ xem được %(pages)d trang đầu; hãy thêm từ hoặc bộ lọc "
                 "để thu hẹp kết quả.") % {"count": count, "pages": num_pages}
    if page > num_pages:
        return _("Tìm thấy %(count)d văn bản, nhưng không có trang %(page)d: kết quả chỉ có %(pages)d trang.") % {
            "count": count, "page": page, "pages": num_pages}
    return _("Tìm thấy %(count)d văn bản.") % {"count": count}


def load_hit_pages(ids: list[int]) -> dict[int, DocumentPage]:
    """The pages of a result page, for ``document_json`` without the body: generic pages in one query (not one
    per kind as ``.specific()`` takes), their issuer joined."""
    related = ("issuer__superior",)
    pages = list(DocumentPage.objects.filter(pk__in=ids).defer_streamfields().select_related(*related))
    pages = with_own_type_names(pages, related)
    prefetch_pages_for_json(pages)
    return {page.pk: page for page in pages}


def search_response(params, request=None) -> dict[str, Any]:
    """The API's JSON for these parameters as seen by ``request.user``. Raises InvalidSearch."""
    user = getattr(request, "user", None)
    query = parse_params(params, user)
    result = search_documents(query)
    pages = load_hit_pages(result.ids)  # hits show metadata and snippets, never the body
    results = []
    for hit in result.hits:
        page = pages.get(hit.id)
        if page is None:  # deleted since it was indexed; the queue removes it shortly
            continue
        data = document_json(page, request)
        data["highlight"] = hit.highlight
        results.append(data)
    facets = _sorted_facets(result.facets)
    all_pages = max(1, math.ceil(result.count / query.page_size))
    num_pages = min(all_pages, query.reachable_pages)
    return {
        "count": result.count,
        "page": query.page,
        "page_size": query.page_size,
        "num_pages": num_pages,
        "out_of_range": query.page > num_pages,
        "message": summary(result.count, query.page, num_pages, capped=all_pages > num_pages),
        "suggestions": suggestions(query) if not result.count else [],
        "query": query.text,
        "sort": query.sort,
        "results": results,
        "facets": facets,
        "facet_labels": facet_labels(facets, query.filters),
        "backend": result.backend,
    }
