"""A recalled document's address tells those who could read it that it was recalled (when, by whom, why), with
410 Gone; anyone else meets the same 404 as for an address that never was (documents.permissions.knew_recalled).
Receivers lose access to the text at thu hồi (Nghị định 30, Điều 18.4), not to the fact that it was withdrawn."""
from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import Resolver404, resolve
from django.utils.cache import patch_cache_control, patch_vary_headers

from documents.models import DocumentPage, DocumentState
from documents.permissions import knew_recalled
from documents.workflow.notes import recall_notes
from search.service import MAX_ID

from .former_addresses import site_url_path

TEMPLATE = "cms/recalled_document.html"


# Addresses that served one document's files (links in mails and in saved pages), by URL name.
FILE_ROUTES = frozenset({"output:pdf", "output:docx"})


def _recalled_page(request: HttpRequest) -> DocumentPage | None:
    recalled = DocumentPage.objects.filter(state=DocumentState.RECALLED).select_related("issuer")
    try:
        match = resolve(request.path_info)
    except Resolver404:
        match = None
    if match is not None and match.view_name in FILE_ROUTES:
        page_id = match.kwargs["page_id"]  # any digits the URL held: beyond MAX_ID the database cannot compare
        return recalled.filter(pk=page_id).first() if page_id <= MAX_ID else None
    url_path = site_url_path(request)
    return recalled.filter(url_path=url_path).first() if url_path is not None else None


def recalled_at(request: HttpRequest) -> DocumentPage | None:
    """The recalled document at this request's address (its page or its files), when the requester could read
    it before."""
    page = _recalled_page(request)
    if page is None or not knew_recalled(request.user, page):
        return None
    return page.specific


def recalled_notice(request: HttpRequest) -> HttpResponse | None:
    """The notice (410) when this request's address is a recalled document its requester could read, else None."""
    page = recalled_at(request)
    if page is None:
        return None
    response = TemplateResponse(request, TEMPLATE, {"page": page, "recall": recall_notes([page.pk]).get(page.pk)},
                                status=410).render()  # middleware: nothing renders it after us
    patch_cache_control(response, private=True, no_cache=True)  # whether it says anything depends on who asks
    patch_vary_headers(response, ["Cookie"])
    return response
