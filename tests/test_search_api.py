"""GET /api/search/ and the index documents built from real pages (issue 4, items 3 and 5)."""
from __future__ import annotations

import datetime
import io
import re

import pytest
from django.contrib.auth import get_user_model

from cms.security.tokens import issue_token
from documents.kinds.bao_cao import BaoCaoPage
from documents.kinds.ke_hoach import KeHoachPage
from documents.kinds.quyet_dinh import QuyetDinhPage
from documents.models import Issuer, IssuerKind
from documents.text.legacy import TCVN3, encode_legacy
from search.queue import process_queue
from tests.test_search_support import REGULATION_BODY, create_issuers, make_document

D = datetime.date
CONTRACT_KEYS = {"id", "url", "kind", "number", "notation", "issued_on", "issuer", "title", "signer", "status",
                 "visibility", "state", "highlight"}


@pytest.fixture
def library(db):
    committee, bcd = create_issuers()
    docs = {
        "quy_che": make_document(
            bcd, title="hoạt động của Ban Chỉ đạo phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số "
                       "phường La Gi", body=REGULATION_BODY, day=D(2026, 1, 5)),
        "ke_hoach": make_document(bcd, KeHoachPage, title="triển khai chuyển đổi số năm 2026", day=D(2026, 2, 1),
                                  signer="Trần Văn Bình"),
        "internal": make_document(committee, QuyetDinhPage, title="thành lập Tổ giúp việc chuyển đổi số",
                                  visibility="internal", day=D(2025, 12, 23), decider="BAN THƯỜNG VỤ ĐẢNG ỦY"),
        "restricted": make_document(bcd, BaoCaoPage, title="tình hình chuyển đổi số quý IV năm 2025",
                                    visibility="restricted", day=D(2025, 12, 30)),
        "draft": make_document(bcd, KeHoachPage, title="dự thảo kế hoạch chuyển đổi số", issue=False),
    }
    process_queue()
    return committee, bcd, docs


def get(client, **params):
    return client.get("/api/search/", params, HTTP_HOST="localhost")


def test_search_returns_document_json_with_highlight_facets_and_backend(client, library):
    _c, bcd, docs = library
    response = get(client, q="chuyen doi so")
    assert response.status_code == 200
    data = response.json()
    assert data["backend"] == "embedded"
    assert data["count"] == 2  # anonymous: the two public issued documents only
    assert {r["id"] for r in data["results"]} == {docs["quy_che"].pk, docs["ke_hoach"].pk}
    first = data["results"][0]
    assert CONTRACT_KEYS <= set(first)
    assert "<mark>" in first["highlight"]
    assert set(data["facets"]) == {"kind", "issuer", "year", "signer", "status"}
    assert data["facets"]["kind"] == {"ke_hoach": 1, "quy_che": 1}
    assert data["facets"]["issuer"] == {str(bcd.pk): 2}
    assert data["facets"]["year"] == {"2026": 2}
    assert data["facet_labels"]["issuer"][str(bcd.pk)] == bcd.name
    assert data["facet_labels"]["kind"]["quy_che"] == "Quy chế"


def test_hits_are_the_documents_own_json_for_every_kind_in_a_fixed_number_of_queries(
        client, library, django_assert_max_num_queries):
    """Hits load generic pages (not one query per kind): each hit is still exactly document_json of the
    specific page, a general document's printed type name included; more hits of more kinds cost one query
    more at most (the general documents' own rows)."""
    from django.test import RequestFactory

    from documents.kinds.van_ban_khac import VanBanKhacPage
    from documents.models import DocumentPage
    from documents.serializers import document_json

    _c, bcd, docs = library
    get(client, q="chuyen doi so")  # the site's root paths are cached from here on
    with django_assert_max_num_queries(40) as few:
        get(client, q="chuyen doi so")
    bound = len(few.captured_queries) + 1  # + the general document's own row (read now: requests reset the log)
    resolution = make_document(bcd, VanBanKhacPage, title="về chuyển đổi số trong các cơ quan Đảng",
                               printed_type_name="NGHỊ QUYẾT", type_code="NQ", day=D(2026, 3, 2))
    make_document(bcd, BaoCaoPage, title="kết quả chuyển đổi số quý I năm 2026", day=D(2026, 3, 3))
    process_queue()
    with django_assert_max_num_queries(bound):
        data = get(client, q="chuyen doi so").json()
    assert data["count"] == 4  # of four kinds
    request = RequestFactory().get("/", HTTP_HOST="localhost")
    for hit in data["results"]:
        page = DocumentPage.objects.get(pk=hit["id"]).specific
        expected = document_json(page, request)
        assert {k: v for k, v in hit.items() if k != "highlight"} == {k: expected[k] for k in hit if k != "highlight"}
    assert [h["type_name"] for h in data["results"] if h["id"] == resolution.pk] == ["NGHỊ QUYẾT"]


def test_notation_lookup_through_the_api(client, library):
    _c, _b, docs = library
    for text in ("01-QC/BCĐ", "01/QC-BCĐ", "qc 01 bcd", "so 01 qc bcd"):
        results = get(client, q=text).json()["results"]
        assert results and results[0]["id"] == docs["quy_che"].pk, text
        assert results[0]["notation"] == "01-QC/BCĐ"


def test_empty_query_with_filters_lists_documents(client, library):
    _c, bcd, docs = library
    data = get(client, kind="ke_hoach").json()
    assert [r["id"] for r in data["results"]] == [docs["ke_hoach"].pk]
    data = get(client, issuer=str(bcd.pk), sort="date").json()
    assert [r["id"] for r in data["results"]] == [docs["ke_hoach"].pk, docs["quy_che"].pk]
    assert get(client, issuer=bcd.slug).json()["count"] == 2
    assert get(client, year="2026", signer="Trần Văn Bình").json()["count"] == 1
    assert get(client, status="con_hieu_luc").json()["count"] == 2
    assert get(client).json()["count"] == 2


def test_pagination_parameters(client, library):
    first = get(client, q="chuyen doi so", page_size="1").json()
    second = get(client, q="chuyen doi so", page_size="1", page="2").json()
    assert (first["count"], first["num_pages"], len(first["results"])) == (2, 2, 1)
    assert first["results"][0]["id"] != second["results"][0]["id"]
    assert get(client, q="chuyen doi so", page="9").json()["results"] == []


def test_a_page_out_of_range_keeps_the_count_and_says_so(client, library):
    inside = get(client, q="chuyen doi so").json()
    assert (inside["out_of_range"], inside["message"], inside["suggestions"]) == (False, "Tìm thấy 2 văn bản.", [])
    beyond = get(client, q="chuyen doi so", page="99").json()
    assert (beyond["count"], beyond["page"], beyond["num_pages"], beyond["results"]) == (2, 99, 1, [])
    assert beyond["out_of_range"] is True
    assert beyond["message"] == "Tìm thấy 2 văn bản, nhưng không có trang 99: kết quả chỉ có 1 trang."
    html = client.get("/tim-kiem/", {"q": "chuyen doi so", "page": "99"}, HTTP_HOST="localhost").content.decode()
    assert "không có trang 99" in html and "Xem trang cuối" in html
    assert "Không tìm thấy văn bản phù hợp" not in html


def test_pages_stop_at_the_result_window_and_say_how_to_narrow(client, library, monkeypatch):
    """Past MAX_RESULT_WINDOW ranks no page is served (Elasticsearch would refuse it): the pager ends there and
    the message says to narrow the search rather than that the page does not exist."""
    deep = get(client, q="chuyen doi so", page="999").json()
    assert (deep["count"], deep["num_pages"], deep["results"], deep["out_of_range"]) == (2, 1, [], True)
    monkeypatch.setattr("search.backends.base.MAX_RESULT_WINDOW", 1)
    first = get(client, q="chuyen doi so", page_size="1").json()
    assert (first["count"], first["num_pages"], len(first["results"])) == (2, 1, 1)
    beyond = get(client, q="chuyen doi so", page="2", page_size="1").json()
    assert (beyond["count"], beyond["num_pages"], beyond["results"], beyond["out_of_range"]) == (2, 1, [], True)
    assert beyond["message"] == ("Tìm thấy 2 văn bản, nhưng chỉ xem được 1 trang đầu; hãy thêm từ hoặc bộ lọc để thu "
                                 "hẹp kết quả.")


def test_zero_results_suggest_searches_that_find_something(client, library):
    filtered = get(client, q="chuyển đổi số", year="2020").json()
    assert filtered["count"] == 0 and filtered["message"] == "Không tìm thấy văn bản phù hợp."
    assert {"label": "Bỏ các bộ lọc", "query": "chuyển đổi số", "params": {"q": ["chuyển đổi số"]}, "count": 2} \
        in filtered["suggestions"]
    extra = get(client, q="chuyen doi so xyzabc").json()
    assert extra["count"] == 0
    assert [(s["query"], s["count"]) for s in extra["suggestions"]] == [("chuyen doi so", 2)]
    assert get(client, q="xyzabc qwerty").json()["suggestions"] == []  # nothing finds anything: no suggestion
    middle = get(client, q="chuyen xyzabc doi so").json()["suggestions"]  # the unknown word, wherever it stands
    assert [(s["label"], s["query"], s["count"]) for s in middle] == [("Bỏ từ “xyzabc”", "chuyen doi so", 2)]
    # Every word is in some document, only not together: dropping one of them would make a meaningless query.
    apart = get(client, q="trien khai tham muu").json()
    assert apart["count"] == 0 and not [s for s in apart["suggestions"] if s["label"].startswith("Bỏ")]
    html = client.get("/tim-kiem/", {"q": "chuyển đổi số", "year": "2020"}, HTTP_HOST="localhost").content.decode()
    assert "Không tìm thấy văn bản phù hợp" in html and "Bạn có thể thử" in html
    assert 'href="?q=chuy%E1%BB%83n+%C4%91%E1%BB%95i+s%E1%BB%91"' in html


def test_a_search_that_finds_nothing_says_what_to_try_and_leads_back(client, library):
    """No suggestion finds anything either: the page says what to try and links to every document, and with
    filters to the same search without them; not a dead end."""
    html = client.get("/tim-kiem/", {"q": "xyzabc qwerty"}, HTTP_HOST="localhost").content.decode()
    assert "Không tìm thấy văn bản phù hợp" in html and "Bạn có thể thử" not in html
    assert "Tìm thấy 0 văn bản" not in html and html.count("Không tìm thấy văn bản phù hợp") == 1  # said once
    assert '<span class="notation">01-QC/BCĐ</span>' in html  # the example notation in one piece on a phone
    assert "gõ không dấu" in html and '<a href="/tim-kiem/">Xem tất cả văn bản</a>' in html
    assert "search-layout search-layout--alone\"" in html  # no empty facet column beside the message
    assert "Tìm lại không có bộ lọc" not in html
    filtered = client.get("/tim-kiem/", {"q": "xyzabc", "year": "2020", "kind": "quy_che"},
                          HTTP_HOST="localhost").content.decode()
    assert '<a href="?q=xyzabc">Tìm lại không có bộ lọc</a>' in filtered
    found = client.get("/tim-kiem/", {"q": "chuyen doi so", "year": "2026", "kind": "quy_che"},
                       HTTP_HOST="localhost").content.decode()
    assert '<a class="clear-filters" href="?q=chuyen+doi+so">Bỏ tất cả bộ lọc</a>' in found
    assert "Xem tất cả văn bản" not in found and "search-layout search-layout--alone\"" not in found


def test_a_chosen_filter_lists_its_other_values_to_switch_to(client, library):
    """Filtered on Kế hoạch, the reader sees Quy chế beside it, counted without the kind filter (the other filters
    kept), and switches in one click; before, the group listed the chosen value alone."""
    api = get(client, q="chuyen doi so").json()
    assert {"ke_hoach", "quy_che"} <= set(api["facets"]["kind"])
    html = client.get("/tim-kiem/", {"q": "chuyen doi so", "kind": "ke_hoach"}, HTTP_HOST="localhost").content.decode()
    facet = html[html.index('class="facet facet-kind"'):].split("</ul>", 1)[0]
    assert 'href="?q=chuyen+doi+so&amp;kind=quy_che"' in facet  # the kind replaced, the words kept
    assert f'({api["facets"]["kind"]["quy_che"]})' in facet
    assert 'href="?q=chuyen+doi+so" class="active"' in facet  # the chosen one: a click removes it
    assert html.count('class="search-result"') == api["facets"]["kind"]["ke_hoach"]  # the results stay filtered
    narrowed = get(client, q="chuyen doi so", kind="ke_hoach").json()  # the API's facets are unchanged
    assert list(narrowed["facets"]["kind"]) == ["ke_hoach"]


def test_suggestions_cost_a_bounded_number_of_searches(client, library, monkeypatch):
    import search.service

    calls = []
    real = search.service.search_documents
    monkeypatch.setattr(search.service, "search_documents", lambda query: calls.append(query) or real(query))
    data = get(client, q="một hai ba bốn năm sáu bảy tám", year="2020").json()
    assert data["count"] == 0 and data["suggestions"] == []
    assert len(calls) == 1 + search.service.MAX_SUGGESTION_SEARCHES


@pytest.mark.parametrize("params", [
    {"foo": "1"}, {"kind": "nghi_quyet"}, {"kind": "van_ban.Nghị quyết"}, {"year": "26"}, {"year": "hai nghìn"}, {"status": "con hieu luc"},
    {"sort": "title"}, {"page": "0"}, {"page": "x"}, {"page_size": "101"}, {"page_size": "0"},
    {"issuer": "khong-co"}, {"q": "x" * 501}, {"q": ["a", "b"]},
])
def test_bad_parameters_give_400_with_a_vietnamese_message(client, library, params):
    response = get(client, **params)
    assert response.status_code == 400
    message = response.json()["error"]
    assert message and any(ch in message for ch in "ảạấệốộợủữ")


def test_permission_filter_for_members_grants_tokens_and_superusers(client, library, django_user_model):
    from documents.permissions import grant_view
    from documents.roles import grant_role

    committee, bcd, docs = library
    member = django_user_model.objects.create_user("thanhvien", password="x")
    grant_role(member, committee, "thanh_vien")
    client.force_login(member)
    ids = {r["id"] for r in get(client, q="chuyen doi so").json()["results"]}
    assert ids == {docs["quy_che"].pk, docs["ke_hoach"].pk, docs["internal"].pk}

    reader = django_user_model.objects.create_user("bandoc", password="x")
    grant_view(docs["restricted"], reader)
    process_queue()
    client.force_login(reader)
    data = get(client, q="chuyen doi so").json()
    assert {r["id"] for r in data["results"]} == {docs["quy_che"].pk, docs["ke_hoach"].pk, docs["restricted"].pk}
    assert data["facets"]["kind"] == {"quy_che": 1, "ke_hoach": 1, "bao_cao": 1}

    client.logout()
    admin = django_user_model.objects.create_superuser("quantri", password="x")
    _token, key = issue_token(admin, "tests")
    data = client.get("/api/search/", {"q": "chuyen doi so"}, HTTP_HOST="localhost",
                      HTTP_AUTHORIZATION=f"Token {key}").json()
    assert data["count"] == 4  # every issued document; never the draft
    assert docs["draft"].pk not in {r["id"] for r in data["results"]}
    assert client.get("/api/search/", {"q": "x"}, HTTP_HOST="localhost",
                      HTTP_AUTHORIZATION="Token wrong").status_code in (401, 403)


def test_reader_page_shows_results_facets_and_paging(client, library):
    _c, _b, docs = library
    response = client.get("/tim-kiem/", {"q": "chuyen doi so", "page_size": "1"}, HTTP_HOST="localhost")
    assert response.status_code == 200
    html = response.content.decode()
    assert "01-QC/BCĐ" in html or "01-KH/BCĐ" in html
    assert "<mark>" in html
    assert "Loại văn bản" in html and "Năm ban hành" in html
    assert 'aria-current="page"' in html
    # A filter the system does not know (a mistyped or old link) is named and left out; the rest of the search runs.
    everything = client.get("/tim-kiem/", {"q": "chuyen doi so"}, HTTP_HOST="localhost").content.decode()
    count = re.search(r"Tìm thấy \d+ văn bản", everything).group(0)
    for params, notice in (({"year": "abc"}, "Không có năm ban hành “abc”"),
                           ({"kind": "zzz"}, "Không có loại văn bản “zzz”"),
                           ({"issuer": "999999"}, "Không có cơ quan ban hành “999999”"),
                           ({"sort": "xyz", "page": "x"}, "Không có cách sắp xếp “xyz”")):
        bad = client.get("/tim-kiem/", {"q": "chuyen doi so", **params}, HTTP_HOST="localhost")
        text = bad.content.decode()
        assert bad.status_code == 200 and notice in text and count in text, params
        assert "quy_che (Quy chế)" not in text and "Đang lọc" not in text, params  # no codes, no chip of the dropped one
        assert f'name="{next(iter(params))}"' not in text, params  # the search box does not carry it on
    assert "Không có số trang “x”" in text
    other_site = client.get("/tim-kiem/", {"q": "chuyen doi so", "type": "xyz"}, HTTP_HOST="localhost").content.decode()
    assert "Bỏ qua “type=xyz”: trang tìm kiếm không dùng điều kiện này." in other_site and count in other_site
    assert get(client, q="chuyen doi so", type="xyz").status_code == 400  # the API still says what it accepts
    # A chosen issuer none of whose documents is found is still named, not shown as its number.
    other = Issuer.objects.create(name="Đảng ủy xã Tân Hải", code="ĐU", slug="dang-uy-tan-hai", kind=IssuerKind.CAP_UY)
    chosen = client.get("/tim-kiem/", {"q": "chuyen doi so", "issuer": other.pk}, HTTP_HOST="localhost").content.decode()
    assert "Không tìm thấy văn bản phù hợp." in chosen and "Đảng ủy xã Tân Hải" in chosen.split("Đang lọc", 1)[1]
    # An anonymous reader is told the results are the public documents, and how to search the others.
    assert "Kết quả gồm các văn bản công khai." in html
    assert 'href="/dang-nhap/?next=/tim-kiem/%3Fq%3Dchuyen' in html  # back to the same search after signing in
    client.force_login(get_user_model().objects.create_user("docgia", password="x"))
    assert "Kết quả gồm các văn bản công khai." not in client.get("/tim-kiem/", {"q": "chuyen doi so"}).content.decode()


# -- what is indexed ---------------------------------------------------------------------------------------
def _attachment(name: str, data: bytes):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    return Document.objects.create(title=name, file=ContentFile(data, name=name))


def _pdf_bytes(text: str) -> bytes:
    """A one-page PDF with ASCII text (pypdf cannot write text; a minimal hand-written file)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def _docx_bytes(text: str) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    table = document.add_table(rows=1, cols=1)
    table.rows[0].cells[0].text = "Phụ lục bảng phân công nhiệm vụ"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_build_index_document_from_a_real_page(library):
    from documents.indexed import indexed_document as build_index_document
    from documents.models import DocumentAttachment, DocumentBasis, DocumentRecipient

    _c, bcd, docs = library
    page = docs["quy_che"]
    DocumentBasis.objects.create(page=page, text="Căn cứ Nghị quyết số 57-NQ/TW, ngày 22/12/2024 của Bộ Chính trị",
                                 sort_order=0)
    DocumentRecipient.objects.create(page=page, name="Văn phòng Tỉnh ủy", sort_order=0)
    DocumentAttachment.objects.create(page=page, document=_attachment("phu-luc.pdf", _pdf_bytes("Phu luc ngan sach 2026")),
                                      sort_order=0)
    DocumentAttachment.objects.create(page=page, document=_attachment("bang.docx", _docx_bytes("Danh sách thành viên Ban Chỉ đạo")),
                                      sort_order=1)
    DocumentAttachment.objects.create(page=page, document=_attachment("hong.pdf", b"%PDF-1.4 not really"), sort_order=2)
    DocumentAttachment.objects.create(
        page=page, document=_attachment("cu.txt", encode_legacy("Báo cáo tình hình thực hiện quý I", TCVN3).encode("cp1252")),
        sort_order=3)
    doc = build_index_document(page)
    assert (doc["id"], doc["kind"], doc["number"], doc["notation"], doc["notation_key"]) == (
        page.pk, "quy_che", 1, "01-QC/BCĐ", "1-qc-bcd")
    assert (doc["issuer_id"], doc["issuer_code"], doc["signer"], doc["year"]) == (bcd.pk, "BCĐ", "Nguyễn Quốc Nam", 2026)
    assert (doc["status"], doc["state"], doc["visibility"], doc["principals"]) == ("con_hieu_luc", "issued", "public", ["public"])
    assert "57-NQ/TW" in doc["body"] and "Chức năng" in doc["body"] and "đôn đốc" in doc["body"]
    assert doc["bases"] == "Căn cứ Nghị quyết số 57-NQ/TW, ngày 22/12/2024 của Bộ Chính trị"  # weighed apart
    assert "Căn cứ" not in doc["body"]
    assert doc["recipients"] == ["Văn phòng Tỉnh ủy"]
    assert "Phu luc ngan sach 2026" in doc["attachments"]  # PDF
    assert "Danh sách thành viên Ban Chỉ đạo" in doc["attachments"]  # DOCX paragraphs
    assert "Phụ lục bảng phân công nhiệm vụ" in doc["attachments"]  # DOCX tables
    assert "hong.pdf" in doc["attachments"]  # a broken file keeps its caption, indexing goes on
    assert "Báo cáo tình hình thực hiện quý I" in doc["attachments"]  # a TCVN3 text file, converted as on import

    quyet_dinh = build_index_document(docs["internal"])
    assert "BAN THƯỜNG VỤ ĐẢNG ỦY" in quyet_dinh["body"]  # kind-specific field
    assert quyet_dinh["principals"] == [f"issuer:{docs['internal'].issuer_id}"]


def test_a_rebuild_batch_reads_the_texts_of_bases_and_recipients_at_once_in_their_order(library,
                                                                                       django_assert_num_queries):
    from documents.indexed import indexed_document, indexed_documents
    from documents.models import DocumentBasis, DocumentRecipient
    from search.indexing import load_pages

    _c, _b, docs = library
    for page in docs.values():  # given out of order: the page's order (sort_order) is kept
        for order in (2, 0, 1):
            DocumentBasis.objects.create(page=page, text=f"Căn cứ {order} của {page.pk}", sort_order=order)
            DocumentRecipient.objects.create(page=page, name=f"Nơi nhận {order} của {page.pk}", sort_order=order)
    ids = [page.pk for page in docs.values()]
    pages = list(load_pages(ids, for_index=True).values())
    with django_assert_num_queries(6):  # readers (4), căn cứ, Nơi nhận: for any number of pages
        batch = indexed_documents(pages)
    one_by_one = [indexed_document(page) for page in load_pages(ids).values()]
    assert batch == one_by_one
    first = batch[0]["id"]
    assert batch[0]["bases"] == "\n".join(f"Căn cứ {order} của {first}" for order in (0, 1, 2))
    assert batch[0]["recipients"] == [f"Nơi nhận {order} của {first}" for order in (0, 1, 2)]


def test_only_issued_live_documents_are_indexed(library):
    from search import get_backend

    _c, _b, docs = library
    indexed = get_backend("embedded").indexed_ids()
    assert docs["draft"].pk not in indexed
    assert {docs["quy_che"].pk, docs["ke_hoach"].pk, docs["internal"].pk, docs["restricted"].pk} <= indexed


def test_the_reader_page_links_previous_next_and_down_to_the_filters(client, library):
    first = client.get("/tim-kiem/", {"q": "chuyen doi so", "page_size": "1"}).content.decode()
    assert 'rel="next"' in first and "Trang sau" in first and 'rel="prev"' not in first
    assert 'aria-current="page">1<' in first and 'href="#bo-loc"' in first and 'id="bo-loc"' in first
    second = client.get("/tim-kiem/", {"q": "chuyen doi so", "page_size": "1", "page": "2"}).content.decode()
    assert 'rel="prev"' in second and "Trang trước" in second and 'rel="next"' not in second
    filtered = client.get("/tim-kiem/", {"q": "chuyen doi so", "kind": "ke_hoach"}).content.decode()
    assert "Bộ lọc (1 đang dùng)" in filtered


def test_the_search_page_has_one_search_box(client, library):
    """The header's box is left out where the page's own box, holding the query, is the search box."""
    html = client.get("/tim-kiem/", {"q": "chuyen doi so"}).content.decode()
    assert html.count('name="q"') == 1 and 'id="search-q"' in html
    assert 'id="site-search-q"' in client.get("/").content.decode()


def test_a_reports_period_is_indexed_once_as_it_reads(library):
    """"quý I năm 2026", not "Quý" and then "quý I năm 2026" (which a snippet showed as "Quý quý I năm 2026")."""
    from documents.indexed import indexed_document

    _c, _bcd, docs = library
    page = docs["restricted"]
    type(page).objects.filter(pk=page.pk).update(period_type="quarter", period_index=1, period_year=2026)
    page.refresh_from_db()
    body = indexed_document(page)["body"]
    assert "quý I năm 2026" in body and "Quý\n" not in body and "Quý quý" not in body


@pytest.mark.parametrize(("current", "last", "expected"), [
    (1, 2, [1, 2]),
    (1, 3, [1, 2, 3]),
    (9, 3, [1, 2, 3]),  # an old link past the end: "1 … 3" hid page 2 behind the "…"
    (1, 10, [1, 2, 3, None, 10]),
    (5, 10, [1, 2, 3, 4, 5, 6, 7, None, 10]),  # "1 … 3" would stand for page 2 alone
    (6, 10, [1, None, 4, 5, 6, 7, 8, 9, 10]),
    (99, 10, [1, None, 8, 9, 10]),
])
def test_page_links_never_hide_a_single_page_behind_a_gap(current, last, expected):
    from search.views import page_numbers

    assert page_numbers(current, last) == expected
