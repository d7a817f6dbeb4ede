"""Errors of the API as application/problem+json (RFC 9457): type, title, status, detail (Vietnamese) and, for
invalid input, errors {field: [messages]}. One function builds every error response."""
from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

PROBLEM_TYPE = "application/problem+json"
TYPE_BASE = "/api/problems/"

TITLES = {
    400: gettext_lazy("Yêu cầu không hợp lệ"),
    401: gettext_lazy("Chưa xác thực"),
    403: gettext_lazy("Không có quyền"),
    404: gettext_lazy("Không tìm thấy"),
    405: gettext_lazy("Phương thức không được hỗ trợ"),
    409: gettext_lazy("Xung đột trạng thái"),
    413: gettext_lazy("Tệp quá lớn"),
    422: gettext_lazy("Dữ liệu không hợp lệ"),
    423: gettext_lazy("Văn bản đang bị khóa"),
    429: gettext_lazy("Quá nhiều yêu cầu"),
    500: gettext_lazy("Lỗi máy chủ"),
}
SLUGS = {400: "bad-request", 401: "unauthenticated", 403: "forbidden", 404: "not-found", 405: "method-not-allowed",
         409: "conflict", 413: "too-large", 422: "validation", 423: "locked", 429: "throttled", 500: "server-error"}
# Messages of pydantic's error types, in Vietnamese; anything else gets the generic message.
PYDANTIC_MESSAGES = {
    "missing": gettext_lazy("Trường này là bắt buộc."),
    "string_type": gettext_lazy("Phải là chuỗi ký tự."),
    "int_type": gettext_lazy("Phải là số nguyên."),
    "int_parsing": gettext_lazy("Phải là số nguyên."),
    "bool_type": gettext_lazy("Phải là true hoặc false."),
    "bool_parsing": gettext_lazy("Phải là true hoặc false."),
    "list_type": gettext_lazy("Phải là một danh sách."),
    "dict_type": gettext_lazy("Phải là một đối tượng."),
    "model_type": gettext_lazy("Phải là một đối tượng."),
    "model_attributes_type": gettext_lazy("Phải là một đối tượng."),
    "literal_error": gettext_lazy("Giá trị không thuộc các giá trị cho phép."),
    "enum": gettext_lazy("Giá trị không thuộc các giá trị cho phép."),
    "string_too_long": gettext_lazy("Chuỗi quá dài."),
    "string_too_short": gettext_lazy("Chuỗi quá ngắn."),
    "greater_than_equal": gettext_lazy("Giá trị quá nhỏ."),
    "greater_than": gettext_lazy("Giá trị quá nhỏ."),
    "less_than_equal": gettext_lazy("Giá trị quá lớn."),
    "less_than": gettext_lazy("Giá trị quá lớn."),
    "date_parsing": gettext_lazy("Ngày phải có dạng YYYY-MM-DD."),
    "date_from_datetime_parsing": gettext_lazy("Ngày phải có dạng YYYY-MM-DD."),
    "date_type": gettext_lazy("Ngày phải có dạng YYYY-MM-DD."),
    "extra_forbidden": gettext_lazy("Trường không được hỗ trợ."),
    "json_invalid": gettext_lazy("JSON không hợp lệ."),
    "union_tag_invalid": gettext_lazy("Giá trị không thuộc các giá trị cho phép."),
}


class ApiProblem(Exception):
    """Raise anywhere in an operation to answer with a problem document."""

    def __init__(self, status: int, detail: str, errors: Mapping[str, Iterable[str]] | None = None,
                 headers: Mapping[str, str] | None = None, extra: Mapping[str, Any] | None = None):
        super().__init__(detail)
        self.status, self.detail, self.errors, self.headers = status, detail, errors, headers or {}
        self.extra = extra or {}


def problem(status: int, detail: str, errors: Mapping[str, Iterable[str]] | None = None,
            headers: Mapping[str, str] | None = None, extra: Mapping[str, Any] | None = None) -> HttpResponse:
    """A problem document; ``extra`` adds extension members (RFC 9457 §3.2)."""
    body: dict[str, Any] = {**(extra or {}),
        "type": TYPE_BASE + SLUGS.get(status, str(status)),
        "title": str(TITLES.get(status, _("Lỗi"))),
        "status": status,
        "detail": str(detail),
    }
    if errors is not None:
        body["errors"] = {str(name): [str(m) for m in messages] for name, messages in errors.items()}
    response = HttpResponse(json.dumps(body, ensure_ascii=False), status=status,
                            content_type=f"{PROBLEM_TYPE}; charset=utf-8")
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def validation_errors(pydantic_errors: Iterable[Mapping[str, Any]]) -> dict[str, list[str]]:
    """Ninja's validation errors as {field: [Vietnamese message]}; the field is the dotted path in its part."""
    out: dict[str, list[str]] = {}
    for error in pydantic_errors:
        loc = [str(part) for part in error.get("loc", ())]
        if loc and loc[0] in ("body", "query", "path", "form", "file", "header", "cookie"):
            loc = loc[1:]
        if len(loc) > 1 and loc[0] == "payload":  # ninja names the body model by its argument
            loc = loc[1:]
        name = ".".join(loc) or "__all__"
        message = PYDANTIC_MESSAGES.get(error.get("type", ""), gettext_lazy("Giá trị không hợp lệ."))
        out.setdefault(name, []).append(str(message))
    return out


def django_errors(error) -> dict[str, list[str]]:
    """A django ValidationError as {field: [messages]} ("__all__" for errors of no field)."""
    if hasattr(error, "error_dict"):
        return {name: [str(m) for m in messages] for name, messages in error.message_dict.items()}
    return {"__all__": [str(m) for m in error.messages]}
