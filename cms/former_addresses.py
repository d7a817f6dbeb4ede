"""A document's former address (its number or trích yếu corrected in review: documents.models.FormerAddress)
leads to where it is now, for a reader who may see it; anyone else meets the same 404 as for an address that
never was, so a former address tells nothing of a document one may not read."""
from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from wagtail.models import Site

from documents.models import FormerAddress
from documents.permissions import can_view


def current_url(request: HttpRequest) -> str | None:
    """Where the document that had this request's address is now, when the requester may see it."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    path = request.path.lstrip("/")
    url_path = site.root_page.url_path + path + ("" if not path or path.endswith("/") else "/")
    former = FormerAddress.objects.filter(url_path=url_path).select_related("page").first()
    if former is None:
        return None
    page = former.page
    if not can_view(request.user, page):
        return None
    url = page.get_url(request)
    query = request.META.get("QUERY_STRING", "")
    return f"{url}?{query}" if url and query else url


class FormerAddressMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        url = current_url(request)
        # Not permanent: whether it leads anywhere depends on who asks.
        return HttpResponseRedirect(url) if url else response
