"""Headless API: a document's JSON carries every structured field (issue 2, item 6)."""
from __future__ import annotations

import datetime

import pytest
from wagtail.models import Page

from cms.models import HomePage
from documents.kinds.quy_che import QuyChePage
from documents.models import (
    DocumentBasis,
    DocumentRecipient,
    Issuer,
    IssuerIndexPage,
    IssuerKind,
    System,
    Term,
)
from documents.numbering import assign_number

CONTRACT_KEYS = {
    "id", "url", "kind", "number", "notation", "issued_on", "place", "issuer", "title", "bases", "signer",
    "recipients", "status", "visibility", "state",
}


@pytest.fixture
def issued_regulation(db) -> QuyChePage:
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Trang chủ", slug="api-home"))
    site = root.get_children().exclude(pk=home.pk).first()
    from wagtail.models import Site

    Site.objects.update(root_page=home)
    if site is not None:
        site.delete()
    committee = Issuer.objects.create(name="Đảng ủy phường La Gi", code="ĐU", place_name="La Gi", system=System.PARTY,
                                      kind=IssuerKind.CAP_UY, slug="dang-uy")
    Term.objects.create(issuer=committee, name="2025–2030", starts_on=datetime.date(2025, 7, 22))
    bcd = Issuer.objects.create(
        name="BAN CHỈ ĐẠO PHÁT TRIỂN KHOA HỌC, CÔNG NGHỆ, ĐỔI MỚI SÁNG TẠO VÀ CHUYỂN ĐỔI SỐ", code="BCĐ",
        superior=committee, superior_name="ĐẢNG ỦY PHƯỜNG LA GI", place_name="La Gi", system=System.PARTY,
        kind=IssuerKind.BAN_CHI_DAO, slug="ban-chi-dao",
    )
    index = home.add_child(instance=IssuerIndexPage(title="Ban Chỉ đạo", slug="ban-chi-dao", issuer=bcd))
    page = QuyChePage(
        title="hoạt động của Ban Chỉ đạo phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số phường La Gi",
        issuer=bcd, signer_position="BÍ THƯ kiêm TRƯỞNG BAN CHỈ ĐẠO", signer_name="Nguyễn Quốc Nam",
        visibility="public", issued_on=datetime.date(2026, 1, 5),
        body=[("chapter", {"number": "I", "title": "QUY ĐỊNH CHUNG", "articles": [
            {"number": "1", "title": "Chức năng", "text": "Ban Chỉ đạo có chức năng tham mưu.", "clauses": []}]})],
    )
    index.add_child(instance=page)
    DocumentBasis.objects.create(page=page, text="Căn cứ Nghị quyết số 57-NQ/TW, ngày 22/12/2024 của Bộ Chính trị", sort_order=0)
    DocumentRecipient.objects.create(page=page, name="Văn phòng Tỉnh ủy", sort_order=0)
    DocumentRecipient.objects.create(page=page, name="Thường trực Đảng ủy", purpose="để báo cáo", sort_order=1)
    DocumentRecipient.objects.create(page=page, name="Lưu Văn phòng Đảng ủy", archive=True, sort_order=2)
    assign_number(page, datetime.date(2026, 1, 5))
    page.refresh_from_db()
    page.state = "issued"
    page.legal_status = "con_hieu_luc"
    page.save_revision().publish()
    return QuyChePage.objects.get(pk=page.pk)


def test_api_detail_carries_the_document_contract(client, issued_regulation):
    response = client.get(f"/api/v2/pages/{issued_regulation.pk}/")
    assert response.status_code == 200
    data = response.json()
    assert CONTRACT_KEYS <= set(data)
    assert data["id"] == issued_regulation.pk
    assert data["kind"] == "quy_che"
    assert (data["number"], data["notation"], data["issued_on"], data["place"]) == (1, "01-QC/BCĐ", "2026-01-05", "La Gi")
    assert data["issuer"] == {
        "id": issued_regulation.issuer_id, "name": issued_regulation.issuer.name, "code": "BCĐ",
        "superior": "ĐẢNG ỦY PHƯỜNG LA GI", "system": "party",
    }
    assert data["bases"] == ["Căn cứ Nghị quyết số 57-NQ/TW, ngày 22/12/2024 của Bộ Chính trị"]
    assert data["signer"] == {"authority": "", "position": "BÍ THƯ kiêm TRƯỞNG BAN CHỈ ĐẠO", "name": "Nguyễn Quốc Nam"}
    assert data["recipients"][1] == {"name": "Thường trực Đảng ủy", "purpose": "để báo cáo", "archive": False}
    assert data["recipients"][-1]["archive"] is True
    assert (data["status"], data["visibility"], data["state"]) == ("con_hieu_luc", "public", "issued")
    assert data["url"].endswith(issued_regulation.url)
    assert data["body"][0]["type"] == "chapter"
    assert data["body"][0]["value"]["articles"][0]["title"] == "Chức năng"


def test_api_listing_filters_by_type(client, issued_regulation):
    response = client.get("/api/v2/pages/?type=documents.QuyChePage&fields=notation,kind")
    assert response.status_code == 200
    items = response.json()["items"]
    assert [item["id"] for item in items] == [issued_regulation.pk]
