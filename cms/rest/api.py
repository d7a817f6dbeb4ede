"""The write API under /api/ (django-ninja): OpenAPI 3.1 at /api/schema/, interactive docs at /api/docs/.

Errors are application/problem+json (cms/rest/problems.py); every operation documents them in the schema.
Domain exceptions map to statuses here, once: ValidationError 422, PermissionDenied 403, a transition not
possible in the current state 409, a lock held by someone else 423.
"""
from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled
from ninja.errors import ValidationError as NinjaValidationError
from ninja.throttling import UserRateThrottle

from documents.attaching import FileTooLarge
from documents.drafting import DocumentLocked, DraftingError, NotADraft
from documents.workflow.transitions import TransitionError

from .problems import PROBLEM_TYPE, TITLES, ApiProblem, django_errors, problem, validation_errors

logger = logging.getLogger(__name__)
ERROR_STATUSES = (400, 401, 403, 404, 409, 413, 422, 423, 429)


class VanBanAPI(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        schema = super().get_openapi_schema(*args, **kwargs)
        return add_links(optional_auth(document_problems(schema)))


def optional_auth(schema) -> Any:
    """Operations open to anonymous readers say so: the token scheme, or nothing ({})."""
    schemes = schema.get("components", {}).get("securitySchemes", {})
    schemes.pop("OptionalAuth", None)
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            if operation.get("security") == [{"OptionalAuth": []}]:
                operation["security"] = [{"TokenOrSession": []}, {}]
    return schema


# OpenAPI links: what a client (and Schemathesis' stateful run) may do with a document it has just created or
# moved along the workflow.
DOCUMENT_LINKS = {
    "GetDocument": ("/api/documents/{document_id}/", "get"),
    "UpdateDocument": ("/api/documents/{document_id}/", "patch"),
    "ListTransitions": ("/api/documents/{document_id}/transitions/", "get"),
    "TakeTransition": ("/api/documents/{document_id}/transitions/", "post"),
    "GetHistory": ("/api/documents/{document_id}/history/", "get"),
    "GetDiff": ("/api/documents/{document_id}/diff/", "get"),
    "LockDocument": ("/api/documents/{document_id}/lock/", "post"),
    "DeleteDocument": ("/api/documents/{document_id}/", "delete"),
}
LINK_SOURCES = {
    ("/api/documents/", "post", "201"): DOCUMENT_LINKS,
    ("/api/documents/{document_id}/transitions/", "post", "200"):
        {name: DOCUMENT_LINKS[name] for name in ("GetDocument", "ListTransitions", "TakeTransition", "GetHistory")},
    ("/api/documents/{document_id}/", "patch", "200"):
        {name: DOCUMENT_LINKS[name] for name in ("GetDocument", "TakeTransition", "GetDiff")},
}


def add_links(schema) -> Any:
    paths = schema.get("paths", {})
    for (path, method, status), links in LINK_SOURCES.items():
        response = paths.get(path, {}).get(method, {}).get("responses", {}).get(status)
        if response is None:
            continue
        response["links"] = {
            name: {"operationId": paths[target][verb]["operationId"],
                   "parameters": {"document_id": "$response.body#/id"}}
            for name, (target, verb) in links.items() if verb in paths.get(target, {})
        }
    return schema


def document_problems(schema) -> Any:
    """Every operation may answer with a problem document: declare them, with their media type."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components["Problem"] = {
        "type": "object", "title": "Problem", "required": ["type", "title", "status", "detail"],
        "properties": {
            "type": {"type": "string"}, "title": {"type": "string"}, "status": {"type": "integer"},
            "detail": {"type": "string"},
            "errors": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
        },
    }
    ref = {PROBLEM_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}}
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            for status in ERROR_STATUSES:
                responses[str(status)] = {"description": str(TITLES[status]), "content": ref}
    return schema


api = VanBanAPI(
    title="Văn bản API",
    version="1",
    description=("API đọc và ghi văn bản: soạn thảo, trình ký, ký, ban hành, thu hồi, chia sẻ, lịch sử. "
                 "Xác thực bằng “Authorization: Token <mã>” (POST /api/auth/token/) hoặc phiên đăng nhập kèm CSRF."),
    openapi_url="/schema/",
    docs_url="/docs/",
    urls_namespace="rest",
    throttle=[UserRateThrottle(getattr(settings, "API_THROTTLE_RATE", "600/min"))],
)


@api.exception_handler(ApiProblem)
def _api_problem(request: HttpRequest, exc: ApiProblem) -> HttpResponse:
    return problem(exc.status, exc.detail, exc.errors, exc.headers, exc.extra)


@api.exception_handler(NinjaValidationError)
def _invalid_input(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    return problem(422, _("Dữ liệu gửi lên không hợp lệ."), validation_errors(exc.errors))


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return problem(401, _("Cần đăng nhập: gửi “Authorization: Token <mã>” hoặc dùng phiên đăng nhập."),
                   headers={"WWW-Authenticate": "Token"})


@api.exception_handler(Throttled)
def _throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
    wait = int(exc.wait or 1)
    return problem(429, _("Quá nhiều yêu cầu. Hãy thử lại sau %(seconds)d giây.") % {"seconds": wait},
                   headers={"Retry-After": str(wait)})


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    status = exc.status_code
    detail = _("Không đọc được nội dung yêu cầu (JSON hoặc multipart không hợp lệ).") if status == 400 else str(TITLES.get(status, exc))
    return problem(status, detail)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return problem(404, _("Không tìm thấy."))


@api.exception_handler(FileTooLarge)
def _too_large(request: HttpRequest, exc: FileTooLarge) -> HttpResponse:
    return problem(413, " ".join(exc.messages))


@api.exception_handler(DocumentLocked)
def _locked(request: HttpRequest, exc: DocumentLocked) -> HttpResponse:
    return problem(423, str(exc))


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return problem(403, str(exc) or _("Bạn không có quyền thực hiện thao tác này."))


@api.exception_handler(TransitionError)
def _conflict(request: HttpRequest, exc: TransitionError) -> HttpResponse:
    return problem(409, " ".join(exc.messages))


@api.exception_handler(NotADraft)
def _frozen(request: HttpRequest, exc: NotADraft) -> HttpResponse:
    return problem(409, " ".join(exc.messages))


@api.exception_handler(DraftingError)
@api.exception_handler(DjangoValidationError)
def _invalid(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    errors = django_errors(exc)
    return problem(422, _("Dữ liệu gửi lên không hợp lệ."), errors)


@api.exception_handler(Exception)
def _server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.exception("API error on %s %s", request.method, request.path)
    if settings.DEBUG:
        raise exc
    return problem(500, _("Lỗi máy chủ; lỗi đã được ghi lại."))


def _register_routers() -> None:
    from .attachments import router as attachments_router
    from .distribution import router as distribution_router
    from .documents import router as documents_router
    from .history import router as history_router
    from .imports import router as imports_router
    from .recipients import router as recipients_router
    from .review import router as review_router
    from .search import router as search_router
    from .tokens import router as tokens_router

    api.add_router("/documents/", documents_router)
    api.add_router("/documents/", history_router)
    api.add_router("/documents/", attachments_router)
    api.add_router("/documents/", review_router)
    api.add_router("/search/", search_router)
    api.add_router("/recipients/", recipients_router)
    api.add_router("/imports/", imports_router)
    api.add_router("/auth/", tokens_router)
    api.add_router("/", distribution_router)


_register_routers()
