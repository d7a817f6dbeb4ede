"""Refuse malformed request input before any view sees it, so bad input answers 4xx and never 500.

Control characters (NUL above all: PostgreSQL cannot store it in a text literal), malformed UTF-8 and
over-long values in the query string answer 400; in the path they answer 404, as a page that does not exist.
"""
from __future__ import annotations

import re
from urllib.parse import unquote_to_bytes

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.defaults import page_not_found

from cms.rest.problems import problem

# C0 controls except tab, line feed and carriage return (form fields may carry them), and DEL.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MAX_QUERY_VALUE_CHARS = 2000
MAX_QUERY_PARAMETERS = 50
MAX_ID = 2**63 - 1  # BIGINT: no row has a larger id, and the database cannot even compare one
ID_PARAMETERS = ("id", "child_of", "descendant_of", "ancestor_of", "translation_of")  # or any name ending "_id"


def _bad_id(name: str, value: str) -> bool:
    if not (name in ID_PARAMETERS or name.endswith("_id")) or value in ("", "root"):
        return False
    return not (value.isascii() and value.isdigit() and int(value) <= MAX_ID)


def _decodes(raw: str) -> bool:
    """Whether every percent-encoded part of a query string is valid UTF-8 (Django would put U+FFFD instead)."""
    try:
        unquote_to_bytes(raw.replace("+", " ")).decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def query_problem(request: HttpRequest) -> str | None:
    """A user-facing reason to refuse the query string, or None when it is acceptable."""
    if not _decodes(request.META.get("QUERY_STRING", "")):
        return _("Tham số truy vấn không phải văn bản UTF-8 hợp lệ.")
    items = list(request.GET.lists())
    if sum(len(values) for _key, values in items) > MAX_QUERY_PARAMETERS:
        return _("Quá nhiều tham số truy vấn.")
    for key, values in items:
        if any(_bad_id(key, value) for value in values):
            return _("Tham số %(name)s phải là mã số (số nguyên dương).") % {"name": key}
        for text in (key, *values):
            if CONTROL.search(text):
                return _("Tham số truy vấn chứa ký tự điều khiển không hợp lệ.")
            if len(text) > MAX_QUERY_VALUE_CHARS:
                return _("Tham số truy vấn quá dài (tối đa %(n)d ký tự).") % {"n": MAX_QUERY_VALUE_CHARS}
    return None


def _described_api(request: HttpRequest) -> bool:
    """The API of /api/schema/ answers errors as problem documents; Wagtail's pages API (/api/v2/) as JSON."""
    return request.path.startswith("/api/") and not request.path.startswith("/api/v2/")


def not_found(request: HttpRequest) -> HttpResponse:
    if _described_api(request):
        return problem(404, _("Không tìm thấy."))
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("Không tìm thấy.")}, status=404)
    return page_not_found(request, None)


def bad_request(request: HttpRequest, message: str) -> HttpResponse:
    if _described_api(request):
        return problem(400, message)
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=400)
    if request.method in ("GET", "HEAD"):  # a person's browser: the site's page, with the reason and a way on
        return TemplateResponse(request, "400.html", {"message": message}, status=400).render()
    return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")


class BadInputMiddleware:
    """First in the chain after SecurityMiddleware: nothing below sees a NUL byte or broken UTF-8."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if CONTROL.search(request.path):
            return not_found(request)
        if problem := query_problem(request):
            return bad_request(request, problem)
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> HttpResponse | None:
        """A path integer (`<int:…>`) too large for any id names nothing: 404 before the database sees it."""
        for value in (*view_args, *view_kwargs.values()):
            if isinstance(value, int) and not 0 <= value <= MAX_ID:
                return not_found(request)
        return None
