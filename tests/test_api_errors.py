"""The write API's errors (issue 13): RFC 9457 problem documents in Vietnamese, never a 500 for bad input;
authentication by token or by session with CSRF; throttling; the OpenAPI 3.1 schema and the docs page."""
from __future__ import annotations

import pytest
from django.test import Client

from cms.rest.api import api
from tests.api_helpers import ApiCaller, assert_problem
from tests.permission_setup import build_world, draft_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def test_without_credentials_writing_answers_401_and_a_bad_token_401_even_for_reading(world):
    page = draft_document(world, "quy chế", "public")
    body = assert_problem(ApiCaller().post("/api/documents/", {"kind": "quy_che", "issuer": "BCĐ", "title": "x"}), 401)
    assert "đăng nhập" in body["detail"]
    bad = Client().get(f"/api/documents/{page.pk}/", HTTP_AUTHORIZATION="Token khong-co-ma-nay")
    assert assert_problem(bad, 401)
    assert bad["WWW-Authenticate"] == "Token"


@pytest.mark.parametrize("payload, field", [
    ({"issuer": "BCĐ", "title": "Thiếu loại"}, "kind"),
    ({"kind": "cong_van", "issuer": "BCĐ", "title": "Loại lạ"}, "kind"),
    ({"kind": "quy_che", "issuer": "XYZ", "title": "Cơ quan lạ"}, "issuer"),
    ({"kind": "quy_che", "issuer": "BCĐ", "title": ""}, "title"),
    ({"kind": "quy_che", "issuer": "BCĐ", "title": "x", "body": [{"type": "section", "value": {}}]}, "body.0.type"),
    ({"kind": "quy_che", "issuer": "BCĐ", "title": "x", "body": [{"type": "chapter", "value": "chữ"}]}, "body"),
    ({"kind": "quy_che", "issuer": "BCĐ", "title": "x", "signer": {"authority": "Thay mặt"}}, "signer.authority"),
    ({"kind": "quy_che", "issuer": "BCĐ", "title": "x", "signer": {"authority": "TM. ỦY BAN"}}, "signer_authority"),
    ({"kind": "quy_che", "issuer": "BCĐ", "title": "x", "recipients": [{"directory_id": 999999}]},
     "recipients.0.directory_id"),
    ({"kind": "quy_che", "issuer": "BCĐ", "title": "x", "visibility": "secret"}, "visibility"),
    ({"kind": "quy_che", "issuer": "BCĐ", "title": "x", "unknown": 1}, "unknown"),
    ({"kind": "quy_che", "issuer": "BCĐ", "title": "x", "recipients": [{"name": "A", "archive": 1}]},
     "recipients.0.archive"),  # no coercion: what the schema refuses, the API refuses
    ({"kind": "quy_che", "issuer": "BCĐ", "title": 5}, "title"),
])
def test_invalid_input_is_422_with_errors_by_field(world, payload, field):
    body = assert_problem(ApiCaller(world.users["soanthao"]).post("/api/documents/", payload), 422)
    assert field in body["errors"], body
    assert all(isinstance(m, str) and m for m in body["errors"][field])


def test_malformed_json_is_400_and_out_of_range_ids_are_422(world):
    caller = ApiCaller(world.users["soanthao"])
    response = caller.client.post("/api/documents/", "{không phải json", content_type="application/json",
                                  **caller.headers)
    assert_problem(response, 400)
    assert_problem(caller.get("/api/documents/99999999999999999999/"), 422)
    assert_problem(caller.get("/api/documents/0/"), 422)


def test_unknown_and_hidden_documents_are_404(world):
    page = draft_document(world, "dự thảo kín", "internal")
    assert_problem(ApiCaller(world.users["soanthao"]).get("/api/documents/987654/"), 404)
    assert_problem(ApiCaller(world.users["thanhvien"]).get(f"/api/documents/{page.pk}/"), 404)
    assert_problem(ApiCaller().get(f"/api/documents/{page.pk}/"), 404)


def test_a_session_needs_csrf_for_writing(world):
    page = draft_document(world, "quy chế", "internal")
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["soanthao"])
    assert client.get(f"/api/documents/{page.pk}/").status_code == 200  # reading needs no CSRF
    refused = client.patch(f"/api/documents/{page.pk}/", {"title": "Sửa"}, content_type="application/json")
    assert "CSRF" in assert_problem(refused, 403)["detail"]
    token = "c" * 32  # a CSRF secret as Django sets it in the cookie; the header must repeat it
    client.cookies["csrftoken"] = token
    accepted = client.patch(f"/api/documents/{page.pk}/", {"title": "Sửa"}, content_type="application/json",
                            HTTP_X_CSRFTOKEN=token)
    assert accepted.status_code == 200 and accepted.json()["title"] == "Sửa"


def test_throttled_calls_answer_429_with_retry_after(world, monkeypatch):
    (throttle,) = api.throttle
    monkeypatch.setattr(throttle, "num_requests", 2)
    caller = ApiCaller(world.users["thanhvien"])
    statuses = [caller.get("/api/documents/1/").status_code for _ in range(3)]
    assert statuses[:2] == [404, 404]
    response = caller.get("/api/documents/1/")
    assert_problem(response, 429)
    assert int(response["Retry-After"]) >= 1


def test_schema_is_openapi_3_1_with_problem_responses_and_docs_are_served():
    schema = Client().get("/api/schema/").json()
    assert schema["openapi"].startswith("3.1")
    operation = schema["paths"]["/api/documents/{document_id}/transitions/"]["post"]
    assert "application/problem+json" in operation["responses"]["409"]["content"]
    assert set(schema["paths"]) >= {"/api/documents/", "/api/documents/{document_id}/"}
    docs = Client().get("/api/docs/")
    assert docs.status_code == 200 and b"/api/schema/" in docs.content


def test_a_token_request_whose_json_is_not_an_object_is_400_not_500():
    response = Client().post("/api/auth/token/", "[null, null]", content_type="application/json")
    assert_problem(response, 400)
    wrong = Client().post("/api/auth/token/", {"username": "khong-co", "password": "sai"})
    assert assert_problem(wrong, 401)["detail"] == "Tên đăng nhập hoặc mật khẩu không đúng."
