"""A document's former address (its number or trích yếu corrected in review: documents.models.FormerAddress)
leads to where it is now, for a reader who may see it; anyone else meets the same 404 as for an address that
never was, so a former address tells nothing of a document one may not read."""
from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from wagtail.models import Site

from documents.models import FormerAddress
from documents.permissions import can_view


def site_url_path(request: HttpRequest) -> str | None:
    """The Wagtail url_path this request's address would have on its site ("/trang-chu/…/")."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    path = request.path.lstrip("/")
    return site.root_page.url_path + path + ("" if not path or path.endswith("/") else "/")


def current_url(request: HttpRequest) -> str | None:
    """Where the document that had this request's address is now, when the requester may see it."""
    url_path = site_url_path(request)
    if url_path is None:
        return None
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
    """A 404 at an address that once served a document: where it is now (a former address), or that it was
    recalled (cms.recalled), for a requester who may know."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from .recalled import recalled_notice

        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        url = current_url(request)
        if url:  # not permanent: whether it leads anywhere depends on who asks
            return HttpResponseRedirect(url)
        return recalled_notice(request) or response
