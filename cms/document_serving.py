"""The reader's document page, served fast: the official HTML from the cache, ETag and conditional GET.

Wagtail runs before_serve_page (the read rule, documents/workflow/hooks.py) before this on_serve_page wrapper, so
nothing here is reached by a reader who may not read the document. Only the <article> (the official document
itself, documents/templates/documents/parts/official.html) is cached; the site header and the reader box are
rendered for each request.
"""
from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.safestring import mark_safe

from documents.distribution.api import inbox_copy
from documents.models import DocumentPage, Visibility

from . import anonymous_cache, document_cache

OFFICIAL_TEMPLATE = "documents/parts/official.html"


def _viewer_parts(request: HttpRequest) -> list[object]:
    """What the page around the document shows of the reader: name, admin link, the logout form's CSRF secret."""
    user = request.user
    if not user.is_authenticated:
        return ["anonymous", request.get_full_path()]  # the login link carries ?next=
    get_token(request)  # the logout form's token: its secret is made now if the request has none yet
    return [user.pk, user.get_username(), user.get_full_name(), user.has_perm("wagtailadmin.access_admin"),
            request.META.get("CSRF_COOKIE", "")]


def _inbox_part(request: HttpRequest, page: DocumentPage) -> list[object]:
    """The reader's own copy of the document in the inbox (its box on the page): confirmed or not."""
    copy = inbox_copy(request.user, page.pk)
    return [] if copy is None else [copy.pk, copy.acknowledged_at.isoformat() if copy.acknowledged_at else ""]


def _cache_headers(response: HttpResponse, page: DocumentPage, request: HttpRequest, tag: str) -> None:
    response["ETag"] = tag
    if page.last_published_at:
        from django.utils.http import http_date

        response["Last-Modified"] = http_date(page.last_published_at.timestamp())
    # Always revalidate; a document not open to everyone, or a page naming its reader, stays out of shared caches.
    if page.visibility != Visibility.PUBLIC or request.user.is_authenticated:
        patch_cache_control(response, private=True, no_cache=True)
    else:
        patch_cache_control(response, no_cache=True)
    patch_vary_headers(response, ["Cookie"])


def serve_document(serve):
    """on_serve_page hook: an issued document's official HTML from the cache, 304 for a matching If-None-Match."""

    def wrapped(page, request, args, kwargs):
        if request.method not in ("GET", "HEAD") or not isinstance(page, DocumentPage) \
                or not document_cache.cacheable(page):
            return serve(page, request, args, kwargs)
        user = request.user
        basis_targets = document_cache.visible_basis_targets(page, user)
        key = document_cache.content_key("html", page, request, basis_targets)
        relations = document_cache.visible_relation_ids(page, user)
        tag = document_cache.etag(key, sorted(relations), *_viewer_parts(request), *_inbox_part(request, page))
        if document_cache.matches(request, tag) and not _has_messages(request):
            response = HttpResponseNotModified()
            _cache_headers(response, page, request, tag)
            return response
        # An anonymous reader's whole page is the same for every anonymous reader of this address.
        page_key = None
        if not user.is_authenticated and not _has_messages(request):
            page_key = document_cache.content_key("page", page, request, basis_targets, sorted(relations),
                                                  request.get_full_path())
            body = document_cache.lookup(page_key)
            if body is not None:
                response = HttpResponse(body, content_type="text/html; charset=utf-8")
                _cache_headers(response, page, request, tag)
                anonymous_cache.mark_shareable(request, response, page, basis_targets | relations)
                return response
        response = serve(page, request, args, kwargs)
        if isinstance(response, TemplateResponse) and not response.is_rendered and response.status_code == 200:
            context = response.context_data if isinstance(response.context_data, dict) else None
            if context is not None:
                context["official_html"] = mark_safe(document_cache.remember(key, lambda: render_to_string(
                    OFFICIAL_TEMPLATE, {"page": page, "visible_basis_targets": basis_targets}, request=request)))
                if not _has_messages(request):
                    _cache_headers(response, page, request, tag)
                    if page_key is not None:
                        document_cache.store(page_key, response.render().content)
                        anonymous_cache.mark_shareable(request, response, page, basis_targets | relations)
        return response

    return wrapped


def _has_messages(request: HttpRequest) -> bool:
    """A page carrying a one-time message is never answered 304 nor tagged (the message would be lost)."""
    storage = getattr(request, "_messages", None)
    if storage is not None and getattr(storage, "_queued_messages", None):
        return True
    session = getattr(request, "session", None)
    return bool(request.COOKIES.get("messages")) or bool(session is not None and session.get("_messages"))
