"""POST /api/auth/token/ and /api/auth/logout/ in the API's schema: thin operations over cms/auth_api.py's views
(issue 14 changes the token model there; these follow). Their errors come back as problem documents."""
from __future__ import annotations

import json

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Router, Schema

from cms.auth_api import LogoutView, TokenView

from .problems import problem

router = Router(tags=["auth"])
_token_view = TokenView.as_view()
_logout_view = LogoutView.as_view()


class TokenOut(Schema):
    token: str


_CREDENTIALS = {"type": "object", "required": ["username", "password"],
                "properties": {"username": {"type": "string"}, "password": {"type": "string"}}}
_TOKEN_BODY = {"requestBody": {"required": True, "content": {
    "application/json": {"schema": _CREDENTIALS},
    "application/x-www-form-urlencoded": {"schema": _CREDENTIALS},
    "multipart/form-data": {"schema": _CREDENTIALS},
}}}


def _as_problem(response) -> HttpResponse:
    """A DRF answer of the view, rendered; an error becomes a problem document with the same detail and headers."""
    response.render()
    if response.status_code < 400:
        return response
    try:
        detail = json.loads(response.content or b"{}").get("detail") or _("Yêu cầu bị từ chối.")
    except ValueError:
        detail = _("Yêu cầu bị từ chối.")
    headers = {name: response[name] for name in ("Retry-After", "WWW-Authenticate") if response.has_header(name)}
    return problem(response.status_code, str(detail), headers=headers)


@router.post("/token/", response=TokenOut, auth=None, openapi_extra=_TOKEN_BODY,
             summary="Đổi tên đăng nhập và mật khẩu lấy mã xác thực (token)")
def obtain_token(request: HttpRequest):
    if request.content_type == "application/json":
        try:
            credentials = json.loads(request.body or b"{}")
        except ValueError:
            credentials = None
        if not isinstance(credentials, dict):
            return problem(400, _("Nội dung phải là một đối tượng JSON có username và password."))
    return _as_problem(_token_view(request))


@router.post("/logout/", response={204: None}, auth=None, summary="Thu hồi mã xác thực của người gọi")
def logout(request: HttpRequest):
    return _as_problem(_logout_view(request))
