"""Whole answers for anonymous readers of issued public documents, served before Wagtail routes the request.

An anonymous reader's document page and API detail are the same bytes for every anonymous reader of the same
address, so once two answers rendered the normal way (read rule first) agree, the middleware keeps it and answers
the next ones with two queries: the documents' cache generations and their rows. Any signal that renews a
generation (cms/document_cache_receivers.py), or any change to the rows' revision, publication, state, status,
visibility or address, makes the entry miss, and the request then goes through the normal path again.

Only requests that carry neither a session cookie nor an Authorization header are answered here; the views flag a
response as shareable (`mark_shareable`) only for such requests, so a page rendered for a signed-in reader is never
kept.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseNotModified
from django.utils.translation import get_language

from documents.models import DocumentPage, Visibility

from . import document_cache

SHAREABLE = "_vanban_anonymous_shareable"
# Headers the middlewares inside this one add; the outer ones (security, locale) add theirs to every answer.
KEPT_HEADERS = ("Content-Type", "ETag", "Last-Modified", "Cache-Control", "Vary", "X-Frame-Options", "Allow")


# Besides reader pages (any path Wagtail serves), only these two API details are ever kept: every other API or
# admin request skips the lookup (a query on the shared cache) altogether.
KEPT_API = re.compile(r"^/api/(?:v2/pages|documents)/\d+/$")
NEVER_KEPT = ("/api/", "/admin/", "/django-admin/", "/documents/", "/tim-kiem/", "/hop-thu/", "/van-ban/")


def _may_be_kept(path: str) -> bool:
    return not path.startswith(NEVER_KEPT) or bool(KEPT_API.match(path))


def anonymous(request: HttpRequest) -> bool:
    """A request that can only be served as an anonymous reader (no session, no token, no one-time message)."""
    cookies = request.COOKIES
    return (request.method == "GET" and settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies
            and "HTTP_AUTHORIZATION" not in request.META)


def _request_key(request: HttpRequest) -> str:
    return "{}:anon:{}".format(document_cache.PREFIX, document_cache.digest([
        request.scheme, request.get_host(), request.get_full_path(), get_language(),
        request.headers.get("Accept", ""), document_cache.static_version()]))


def mark_shareable(request: HttpRequest, response: HttpResponseBase, page: DocumentPage, others: Iterable[int]) -> None:
    """Let the middleware keep this answer for every anonymous reader: page and the other documents it names."""
    if anonymous(request) and response.status_code == 200 and page.visibility == Visibility.PUBLIC:
        setattr(response, SHAREABLE, ([page.pk, *sorted(set(others) - {page.pk})], None))


# A listing page names documents chosen by a query, not fixed ones: its entry is checked against the query's
# current answer (which documents, in which versions), one query, registered here by name.
LISTINGS: dict[str, Callable[[], Hashable]] = {}


def mark_listing(request: HttpRequest, response: HttpResponseBase, listing: str) -> None:
    """Let the middleware keep this listing page for every anonymous reader while LISTINGS[listing]() is unchanged."""
    if anonymous(request) and response.status_code == 200 and listing in LISTINGS:
        setattr(response, SHAREABLE, ([], listing))


def _rows(ids: list[int]) -> dict[int, str]:
    rows = DocumentPage.objects.filter(pk__in=ids).values_list(
        "pk", "latest_revision_id", "last_published_at", "state", "legal_status", "visibility", "live",
        "has_unpublished_changes", "url_path")
    return {row[0]: "|".join(str(part) for part in row[1:]) for row in rows}


def _version(ids: list[int], listing: str | None) -> tuple[str, object]:
    if listing is not None:
        return document_cache.generations(ids), LISTINGS[listing]()
    return document_cache.generations(ids), _rows(ids)


class AnonymousDocumentCacheMiddleware:
    """Answers a repeated anonymous request for an issued public document from the kept answer."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not anonymous(request) or not _may_be_kept(request.path_info):
            return self.get_response(request)
        key = _request_key(request)
        entry = document_cache.lookup(key)
        current = None
        if entry is not None and entry.get("listing") in {None, *LISTINGS}:
            current = _version(entry["ids"], entry.get("listing"))
            if entry.get("confirmed") and current == entry["version"]:
                return self._answer(request, entry)
        response = self.get_response(request)
        shareable = getattr(response, SHAREABLE, None)
        if shareable and isinstance(response, HttpResponse) and not response.streaming and response.status_code == 200:
            ids, listing = shareable
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response.render()
            version = _version(ids, listing)
            # The version is read after rendering, so a change in between could pair old bytes with the new version:
            # an answer is served only once a second rendering under the same version gave the same bytes.
            confirmed = entry is not None and current == version == entry["version"] \
                and entry["body"] == response.content
            document_cache.store(key, {
                "ids": ids, "listing": listing, "version": version, "body": response.content, "confirmed": confirmed,
                "headers": {name: response[name] for name in KEPT_HEADERS if response.has_header(name)},
            })
        return response

    @staticmethod
    def _answer(request: HttpRequest, entry: dict) -> HttpResponseBase:
        headers = entry["headers"]
        if "ETag" in headers and document_cache.matches(request, headers["ETag"]):
            response: HttpResponseBase = HttpResponseNotModified()
            for name, value in headers.items():
                if name != "Content-Type":
                    response[name] = value
            return response
        response = HttpResponse(entry["body"])
        for name, value in headers.items():
            response[name] = value
        return response
