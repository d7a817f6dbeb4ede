"""A recalled document's address tells those who could read it that it was recalled (when, by whom, why), with
410 Gone; anyone else meets the same 404 as for an address that never was (documents.permissions.knew_recalled).
Receivers lose access to the text at thu hồi (Nghị định 30, Điều 18.4), not to the fact that it was withdrawn."""
from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from wagtail.models import Site

from documents.models import DocumentPage, DocumentState
from documents.permissions import knew_recalled
from documents.workflow.notes import recall_notes

TEMPLATE = "cms/recalled_document.html"


def recalled_at(request: HttpRequest) -> DocumentPage | None:
    """The recalled document at this request's address, when the requester could read it before."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    path = request.path.lstrip("/")
    url_path = site.root_page.url_path + path + ("" if not path or path.endswith("/") else "/")
    page = (DocumentPage.objects.filter(url_path=url_path, state=DocumentState.RECALLED)
            .select_related("issuer").first())
    if page is None or not knew_recalled(request.user, page):
        return None
    return page.specific


def notice(request: HttpRequest, page: DocumentPage) -> HttpResponse:
    response = TemplateResponse(request, TEMPLATE, {"page": page, "recall": recall_notes([page.pk]).get(page.pk)},
                                status=410).render()  # middleware: nothing renders it after us
    patch_cache_control(response, private=True, no_cache=True)  # whether it says anything depends on who asks
    patch_vary_headers(response, ["Cookie"])
    return response


class RecalledDocumentMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        page = recalled_at(request)
        return notice(request, page) if page is not None else response
