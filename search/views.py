"""Reader search page /tim-kiem/: rendered on the server from the same function as the API."""
from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, QueryDict
from django.template.response import TemplateResponse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from search.backends.base import FACETS
from search.service import PARAMETERS, InvalidSearch, facet_choices, search_response

FACET_TITLES = {
    "kind": _("Loại văn bản"), "issuer": _("Cơ quan ban hành"), "year": _("Năm ban hành"),
    "signer": _("Người ký"), "status": _("Tình trạng hiệu lực"),
}


def _url(params: dict[str, str], **changes: str | None) -> str:
    merged: dict[str, str | None] = dict(params)
    if "page" not in changes:  # a new filter or sort starts again at page 1
        merged.pop("page", None)
    merged.update(changes)
    return "?" + urlencode({k: v for k, v in merged.items() if v})


def written_issuer_names(labels: dict[str, str]) -> dict[str, str]:
    """Facet labels of issuers as readers write them ("Đảng ủy phường La Gi"), not in printed capitals."""
    from documents.models import Issuer

    ids = [int(k) for k in labels if k.isdigit()]
    written = {str(i.pk): i.display_name for i in Issuer.objects.filter(pk__in=ids).select_related("index_page")}
    return {key: written.get(key, label) for key, label in labels.items()}


# What a reader's link may carry that a wrong value of drops, with the rest of the search kept.
DROPPABLE = {**FACET_TITLES, "sort": _("Cách sắp xếp"), "page": _("Số trang"), "page_size": _("Số kết quả mỗi trang")}


def _not_known(title: str | Promise, values: list[str]) -> str:
    return _("Không có %(title)s “%(value)s”: kết quả dưới đây không theo điều kiện đó.") % {
        "title": str(title).lower(), "value": ", ".join(values)}


def _search_dropping_bad_filters(request: HttpRequest) -> tuple[dict | None, str, QueryDict, list[str]]:
    """The search with each filter the system does not know left out (an old or mistyped link), and which."""
    from documents.models import Issuer

    query, dropped = request.GET.copy(), []
    for name in [name for name in query if name not in PARAMETERS]:  # a link from elsewhere ("?type=…", "?utm_…")
        dropped.append(_("Bỏ qua “%(name)s=%(value)s”: trang tìm kiếm không dùng điều kiện này.")
                       % {"name": name, "value": ", ".join(query.getlist(name))})
        del query[name]
    issuers = query.getlist("issuer")
    numbers = {int(v) for v in issuers if v.isascii() and v.isdigit() and len(v) <= 18}
    if numbers and Issuer.objects.filter(pk__in=numbers).count() < len(numbers):
        dropped.append(_not_known(DROPPABLE["issuer"], issuers))  # no such issuer (deleted, typo)
        del query["issuer"]
    for _attempt in DROPPABLE:
        try:
            return search_response(query, request), "", query, dropped
        except InvalidSearch as exc:
            if exc.param not in DROPPABLE or exc.param not in query:
                return None, str(exc), query, dropped
            dropped.append(_not_known(DROPPABLE[exc.param], query.getlist(exc.param)))
            del query[exc.param]
    return None, "", query, dropped


def _filter_label(data: dict | None, name: str, value: str) -> str:
    """A chosen filter as the reader knows it: an issuer by its name even where none of its documents is found."""
    label = (data or {}).get("facet_labels", {}).get(name, {}).get(value)
    if label is None and name == "issuer" and value.isascii() and value.isdigit():
        label = written_issuer_names({value: value})[value]
    return label or value


def page_numbers(current: int, last: int) -> list[int | None]:
    """The page links of a result list: the first, the last and two either side of the current one, None for
    "…" between them. A page past the end (an old link) shows the last pages; "…" never stands for one page."""
    around = min(current, last)
    shown = {1, last, *range(max(1, around - 2), min(last, around + 2) + 1)}
    shown |= {n + 1 for n in shown if n + 2 in shown}
    numbers: list[int | None] = []
    for before, n in zip([0, *sorted(shown)], sorted(shown), strict=False):
        if before and n > before + 1:
            numbers.append(None)
        numbers.append(n)
    return numbers


def search_page(request: HttpRequest) -> HttpResponse:
    data, error, query, dropped = _search_dropping_bad_filters(request)
    params = {k: query.get(k, "") for k in query}
    facets = []
    if data:
        # A chosen facet lists its other values too (counted without it), so one click switches between them.
        for name in FACETS:
            if params.get(name) and name in data["facets"]:
                data["facets"][name], labels = facet_choices(query, request, name)
                data["facet_labels"][name] = {**labels, **data["facet_labels"][name]}
        # The reader page names issuers as written; the API keeps the printed names.
        data["facet_labels"]["issuer"] = written_issuer_names(data["facet_labels"]["issuer"])
        for doc in data["results"]:
            issued = doc.get("issued_on") or ""  # ISO date → dd/mm/yyyy
            doc["issued_on_display"] = "/".join(reversed(issued.split("-"))) if issued else ""
            issuer = doc.get("issuer") or {}  # the issuer as written, like its facet, not in capitals
            doc["issuer_label"] = data["facet_labels"]["issuer"].get(str(issuer.get("id")), issuer.get("name", ""))
        for name in FACETS:
            active = params.get(name, "")
            values = [
                {
                    "value": value, "label": data["facet_labels"][name].get(value, value), "count": count,
                    "active": value == active, "url": _url(params, **{name: None if value == active else value}),
                }
                for value, count in data["facets"][name].items()
            ]
            if values:
                facets.append({"name": name, "title": FACET_TITLES[name], "values": values})
    suggestions = [{**found, "url": "?" + urlencode(found["params"], doseq=True)} for found in (data or {}).get("suggestions", [])]
    pages: list[dict] = []
    previous_url = next_url = ""
    if data and data["num_pages"] > 1:
        current, last = data["page"], data["num_pages"]
        for n in page_numbers(current, last):
            pages.append({"gap": True} if n is None else {"number": n, "url": _url(params, page=str(n)),
                                                          "current": n == current})
        previous_url = _url(params, page=str(current - 1)) if 1 < current <= last else ""
        next_url = _url(params, page=str(current + 1)) if current < last else ""
    return TemplateResponse(request, "search/search_page.html", {
        "data": data,
        "error": error,
        "dropped": dropped,
        "kept": [(k, v) for k, v in params.items() if k not in ("q", "page")],  # the search box keeps them
        "q": params.get("q", ""),
        "sort": params.get("sort", ""),
        "facets": facets,
        "pages": pages,
        "previous_url": previous_url,
        "next_url": next_url,
        "suggestions": suggestions,
        "last_page_url": _url(params, page=str(data["num_pages"])) if data else "",
        "active_filters": [
            {"title": FACET_TITLES[name], "label": _filter_label(data, name, params[name]), "url": _url(params, **{name: None})}
            for name in FACETS if params.get(name)
        ],
        "clear_filters_url": _url(params, **dict.fromkeys(FACETS)),
        "sort_relevance_url": _url(params, sort="relevance"),
        "sort_date_url": _url(params, sort="date"),
    })
