"""Validation of the Wagtail API v2 query parameters Wagtail passes on unchecked (issue 14, item 5).

Wagtail hands `search` to the database search backend verbatim (a lone quote breaks SQLite FTS5, blank text
breaks the query compiler), passes an unknown `search_operator` to a ValueError, and sends any integer
`offset` or `find?id=` to the database. Each is refused here with 400 and a Vietnamese message; a search is
reduced to its words, which is all the database backend can match anyway.
"""
from __future__ import annotations

import re

from django.http import QueryDict
from django.utils.translation import gettext as _
from wagtail.api.v2.utils import BadRequestError

from cms.security.api_messages import vietnamese_message
from documents.text.vietnamese import nfc

WORD = re.compile(r"\w+")
MAX_ID = 2**63 - 1  # BIGINT: larger ids cannot exist
MAX_OFFSET = 1_000_000
ROOT_PARAMETERS = ("child_of", "descendant_of", "translation_of")  # "root": Wagtail's name for the site's root
INTEGER_PARAMETERS = ("id", "child_of", "descendant_of", "ancestor_of", "translation_of", "offset", "limit")


def _check_integer(name: str, value: str) -> None:
    if not (value.isascii() and value.isdigit()) or int(value) > (MAX_OFFSET if name == "offset" else MAX_ID):
        raise BadRequestError(_("Tham số %(name)s phải là số nguyên dương hợp lệ.") % {"name": name})


def cleaned_query(params: QueryDict) -> QueryDict | None:
    """A corrected copy of the query parameters, None when nothing needs changing; BadRequestError if refused."""
    for name in INTEGER_PARAMETERS:
        if name in params and not (name in ROOT_PARAMETERS and params[name] == "root"):
            _check_integer(name, params[name])
    operator = params.get("search_operator")
    if operator is not None and operator not in ("and", "or"):
        raise BadRequestError(_("Tham số search_operator chỉ nhận giá trị and hoặc or."))
    if "search" not in params:
        return None
    words = WORD.findall(nfc(params["search"]))
    if not words:
        raise BadRequestError(_("Từ khóa tìm kiếm không có chữ hoặc số nào."))
    cleaned = params.copy()
    cleaned["search"] = " ".join(words)
    return cleaned


class CheckedQueryMixin:
    """For Wagtail API viewsets: parameters checked (and `search` cleaned) before any view runs; the errors
    Wagtail answers in English said in Vietnamese (api_messages)."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        cleaned = cleaned_query(request._request.GET)
        if cleaned is not None:
            request._request.GET = cleaned

    def handle_exception(self, exc):
        response = super().handle_exception(exc)
        data = getattr(response, "data", None)
        if isinstance(data, dict) and isinstance(data.get("message"), str):
            data["message"] = vietnamese_message(data["message"])
        return response
