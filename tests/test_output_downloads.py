"""Where users get the output (issue 11 item 2): "Tải PDF"/"Tải DOCX" on the page, /van-ban/<id>/pdf|docx/,
pdf_url/docx_url in the document JSON; every download passes the page's permission check (404 otherwise)."""
from __future__ import annotations

import pytest
from django.test import Client

from tests.permission_setup import build_world, make_document

PDF, DOCX = "application/pdf", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def world(db):
    return build_world()


def client_for(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize("fmt,content_type,magic", [("pdf", PDF, b"%PDF-"), ("docx", DOCX, b"PK")])
def test_public_issued_document_downloads_for_anyone(world, fmt, content_type, magic):
    page = make_document(world, "public", "issued")
    response = client_for().get(f"/van-ban/{page.pk}/{fmt}/")
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response.content.startswith(magic)
    assert "attachment" in response["Content-Disposition"] and page.notation.split("/")[0] in response[
        "Content-Disposition"]


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_internal_document_is_404_for_outsiders_and_served_to_members(world, fmt):
    page = make_document(world, "internal", "issued")
    missing = client_for().get(f"/van-ban/{page.pk + 10_000}/{fmt}/")
    for outsider in (None, world.users["thanhvien_khac"]):
        response = client_for(outsider).get(f"/van-ban/{page.pk}/{fmt}/")
        assert response.status_code == 404 == missing.status_code
    assert client_for(world.users["thanhvien"]).get(f"/van-ban/{page.pk}/{fmt}/").status_code == 200


def test_restricted_document_only_for_granted_reader(world):
    page = make_document(world, "restricted", "issued")
    assert client_for(world.users["thanhvien"]).get(f"/van-ban/{page.pk}/pdf/").status_code == 404
    assert client_for(world.users["duoc_cap_quyen"]).get(f"/van-ban/{page.pk}/pdf/").status_code == 200


def test_draft_pdf_for_its_drafter_only(world):
    page = make_document(world, "internal", "draft")
    assert client_for(world.users["thanhvien"]).get(f"/van-ban/{page.pk}/pdf/").status_code == 404
    response = client_for(world.users["soanthao"]).get(f"/van-ban/{page.pk}/pdf/")
    assert response.status_code == 200 and response.content.startswith(b"%PDF-")


def test_document_page_links_and_json_urls(world, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://vanban.example"
    page = make_document(world, "public", "issued")
    html = client_for().get(page.url).content.decode()
    assert f'href="/van-ban/{page.pk}/pdf/"' in html and "Tải PDF" in html
    assert f'href="/van-ban/{page.pk}/docx/"' in html and "Tải DOCX" in html
    data = client_for().get(f"/api/v2/pages/{page.pk}/").json()
    assert data["pdf_url"] == f"https://vanban.example/van-ban/{page.pk}/pdf/"
    assert data["docx_url"] == f"https://vanban.example/van-ban/{page.pk}/docx/"


def test_json_of_a_document_the_caller_may_not_read_is_absent(world):
    page = make_document(world, "internal", "issued")
    assert client_for().get(f"/api/v2/pages/{page.pk}/").status_code == 404
    data = client_for(world.users["thanhvien"]).get(f"/api/v2/pages/{page.pk}/").json()
    assert data["pdf_url"].endswith(f"/van-ban/{page.pk}/pdf/")


def test_distribution_mail_attaches_the_issued_pdf_or_links_it_when_too_large(world, settings):
    from documents.distribution.mail import absolute, attachment_parts
    from documents.output.pdf import filename

    page = make_document(world, "public", "issued")
    links, files = attachment_parts(page)
    assert files[0][0] == filename(page, "pdf") and files[0][1] == bytes(page.issued_original.content)
    assert links[0]["url"] == absolute(f"/van-ban/{page.pk}/pdf/")
    settings.OUTPUT_MAIL_ATTACH_MAX_BYTES = 1000
    links, files = attachment_parts(page)
    assert links[0]["url"].endswith(f"/van-ban/{page.pk}/pdf/")
    assert filename(page, "pdf") not in [name for name, _content, _type in files]


def test_search_results_and_inbox_link_the_downloads(world):
    from documents.models import Delivery, DeliveryChannel, DeliveryStatus

    page = make_document(world, "public", "issued")
    client = client_for(world.users["noi_nhan"])
    Delivery.objects.get_or_create(document_id=page.pk, channel=DeliveryChannel.INBOX, user=world.users["noi_nhan"],
                                   defaults={"status": DeliveryStatus.SENT, "recipient_name": "Đồng chí Nơi Nhận"})
    inbox = client.get("/hop-thu/").content.decode()
    assert f'href="/van-ban/{page.pk}/pdf/"' in inbox and f'href="/van-ban/{page.pk}/docx/"' in inbox
    from search.queue import process_queue

    process_queue()
    results = client_for().get("/tim-kiem/", {"q": page.title}).content.decode()
    assert f'href="/van-ban/{page.pk}/pdf/"' in results


def test_downloads_are_named_and_titled_as_a_clerk_files_them(world):
    """A numbered document by its notation; an unnumbered one by its type and date ("van-ban-11.pdf" told nothing);
    the DOCX carries its type and trích yếu, issuer and notation in its properties (Word's "Thuộc tính")."""
    import io
    import zipfile

    from documents.output.pdf import filename

    page = make_document(world, "public", "issued")
    docx = client_for().get(f"/van-ban/{page.pk}/docx/")
    core = zipfile.ZipFile(io.BytesIO(docx.content)).read("docProps/core.xml").decode()
    assert f"<dc:title>Quy chế {page.title}</dc:title>" in core
    assert f"<dc:subject>{page.notation}</dc:subject>" in core and "python-docx" not in core
    assert f"<dc:creator>{page.issuer.name}</dc:creator>" in core
    page.notation = ""
    assert filename(page, "pdf") == f"quy-che-{page.issued_on:%d-%m-%Y}.pdf"
    page.issued_on = None
    assert filename(page, "docx") == f"quy-che-{page.pk}.docx"
