"""GET /api/search/suggest/ (issue 15): the JSON contract, permission filtering as search, issuers by name,
the OpenAPI schema; and /api/search/ treating a word being typed as a prefix."""
from __future__ import annotations

import pytest

from tests.test_search_api import library  # noqa: F401  (fixture)

KEYS = {"kind", "label", "notation", "url", "id"}


def suggest(client, q: str, **extra):
    return client.get("/api/search/suggest/", {"q": q, **extra}, HTTP_HOST="localhost")


def test_anonymous_sees_public_issued_documents_only(client, library):  # noqa: F811
    _committee, _bcd, docs = library
    response = suggest(client, "chuyen d")
    assert response.status_code == 200
    data = response.json()
    assert data["query"] == "chuyen d"
    assert all(set(item) == KEYS for item in data["suggestions"])
    documents = [item for item in data["suggestions"] if item["kind"] == "document"]
    assert {item["id"] for item in documents} == {docs["quy_che"].pk, docs["ke_hoach"].pk}
    regulation = next(item for item in documents if item["id"] == docs["quy_che"].pk)
    assert regulation["notation"] == "01-QC/BCĐ"
    assert regulation["url"] == docs["quy_che"].get_url()
    assert regulation["label"].startswith("Quy chế hoạt động của Ban Chỉ đạo")  # kind, then trích yếu


def test_member_sees_internal_documents(client, library, django_user_model):  # noqa: F811
    from documents.roles import grant_role

    committee, _bcd, docs = library
    member = django_user_model.objects.create_user("thanhvien", password="x")
    grant_role(member, committee, "thanh_vien")
    client.force_login(member)
    ids = {item["id"] for item in suggest(client, "chuyen d").json()["suggestions"] if item["kind"] == "document"}
    assert ids == {docs["quy_che"].pk, docs["ke_hoach"].pk, docs["internal"].pk}


def test_a_kind_name_being_typed_suggests_documents_of_that_kind(client, library):  # noqa: F811
    _committee, _bcd, docs = library
    found = suggest(client, "quy ch").json()["suggestions"]
    assert [(item["kind"], item["id"]) for item in found] == [("document", docs["quy_che"].pk)]
    plan = suggest(client, "kế hoạch triển k").json()["suggestions"]
    assert plan[0]["id"] == docs["ke_hoach"].pk and plan[0]["label"] == "Kế hoạch triển khai chuyển đổi số năm 2026"
    assert suggest(client, "ke hoach quy ch").json()["suggestions"] == []


def test_a_document_of_another_type_is_named_by_its_notations_type():
    """A nghị quyết, thông báo or chương trình (the general page) reads as one, not as its bare trích yếu."""
    from search.suggest import document_label

    assert document_label("về đẩy mạnh chuyển đổi số", "van_ban", "15-NQ/ĐU") == "Nghị quyết về đẩy mạnh chuyển đổi số"
    assert document_label("kết luận hội nghị", "van_ban", "30-TB/ĐU") == "Thông báo kết luận hội nghị"
    assert document_label("về lịch họp", "van_ban", "12-QĐ/ĐU") == "Về lịch họp"  # quyết định or quy định
    assert document_label("về lịch họp", "van_ban") == "Về lịch họp"
    # Indexed under its type: named by it, whatever its notation says (or when it has none).
    assert document_label("về lịch họp", "van_ban.thong_bao", "12-QĐ/ĐU") == "Thông báo về lịch họp"
    assert document_label("về chuyển đổi số", "van_ban.chuong_trinh") == "Chương trình về chuyển đổi số"
    assert document_label("hoạt động của Ban", "quy_che", "01-QC/BCĐ") == "Quy chế hoạt động của Ban"


def test_kinds_named_unit():
    from search.suggest import kinds_named

    assert kinds_named(["quy"], "ch") == (["quy_che"], [], "")
    assert kinds_named(["quyet", "dinh", "thanh"], "l") == (["quyet_dinh"], ["thanh"], "l")
    assert kinds_named(["chuyen"], "d") == ([], ["chuyen"], "d")


def test_notation_prefix_and_issuer_names(client, library):  # noqa: F811
    committee, bcd, docs = library
    first = suggest(client, "01-QC/B").json()["suggestions"][0]
    assert (first["kind"], first["label"], first["id"]) == ("notation", "01-QC/BCĐ", docs["quy_che"].pk)
    issuers = [item for item in suggest(client, "ban chi d").json()["suggestions"] if item["kind"] == "issuer"]
    assert [(item["id"], item["notation"]) for item in issuers] == [(bcd.pk, None)]
    assert issuers[0]["label"] == bcd.display_name
    assert issuers[0]["url"] == f"/tim-kiem/?issuer={bcd.pk}"
    # The committee's only issued document is internal: an anonymous reader is not offered the committee.
    named = suggest(client, "dang uy").json()["suggestions"]
    assert committee.pk not in {item["id"] for item in named if item["kind"] == "issuer"}


@pytest.mark.parametrize("params", [{"q": "x" * 201}, {"q": "a", "kind": "quy_che"}])
def test_bad_parameters_give_400_in_vietnamese(client, library, params):  # noqa: F811
    response = client.get("/api/search/suggest/", params, HTTP_HOST="localhost")
    assert response.status_code == 400
    assert response.json()["error"]


def test_empty_query_suggests_nothing(client, library):  # noqa: F811
    assert suggest(client, " ").json() == {"query": " ", "suggestions": []}


def test_declared_in_the_openapi_schema(client):
    schema = client.get("/api/schema/", HTTP_HOST="localhost").json()
    operation = schema["paths"]["/api/search/suggest/"]["get"]
    assert any(p["name"] == "q" for p in operation["parameters"])
    ref = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].split("/")[-1]
    assert set(schema["components"]["schemas"][ref]["properties"]) == {"query", "suggestions"}


def test_search_treats_the_word_being_typed_as_a_prefix(client, library):  # noqa: F811
    _committee, _bcd, docs = library
    data = client.get("/api/search/", {"q": "chuyen d"}, HTTP_HOST="localhost").json()
    assert {r["id"] for r in data["results"]} == {docs["quy_che"].pk, docs["ke_hoach"].pk}
    assert client.get("/api/search/", {"q": "quy ch"}, HTTP_HOST="localhost").json()["count"] == 1


def test_only_a_word_still_being_typed_is_a_prefix():
    from search.query import parse_query, typed_in_progress

    def in_progress(text):
        return typed_in_progress(text, parse_query(text))

    assert in_progress("chuyen d") and in_progress("quy ch") and in_progress("chuyển đ")
    assert not in_progress("chuyen d ")  # a space: the word is finished
    assert not in_progress("chuyển đổi số")  # whole syllables
    assert not in_progress('"chuyen d"') and not in_progress("ke hoach 2026")


def test_issuers_named_by_their_name(library):  # noqa: F811
    from search.suggest import issuers_named

    committee, bcd, _docs = library
    assert issuers_named("dang uy phuong ke hoach".split()) == [committee.pk]
    assert issuers_named("ban chi dao".split()) == [bcd.pk]
    assert issuers_named("ke hoach".split()) == []
