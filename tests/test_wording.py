"""Issue 10, wording: issuer names as written (not in capitals) outside the official layout, "Đã xác nhận", and
notations never broken across lines."""
from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from django.template.loader import render_to_string

from documents.templatetags.document_tags import keep_notations
from documents.text.names import written_name
from search.views import written_issuer_names

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(("printed", "written"), [
    ("ĐẢNG ỦY PHƯỜNG LA GI", "Đảng ủy phường La Gi"),
    ("TỈNH ỦY LÂM ĐỒNG", "Tỉnh ủy Lâm Đồng"),
    ("ĐẢNG BỘ TỈNH LÂM ĐỒNG", "Đảng bộ tỉnh Lâm Đồng"),
    ("VĂN PHÒNG ĐẢNG ỦY", "Văn phòng Đảng ủy"),
    ("ỦY BAN NHÂN DÂN PHƯỜNG LA GI", "Ủy ban nhân dân phường La Gi"),
    ("BAN CHỈ ĐẠO PHÁT TRIỂN KHOA HỌC, CÔNG NGHỆ, ĐỔI MỚI SÁNG TẠO VÀ CHUYỂN ĐỔI SỐ",
     "Ban Chỉ đạo phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số"),
    ("BAN THƯỜNG VỤ TỈNH ỦY LÂM ĐỒNG", "Ban Thường vụ Tỉnh ủy Lâm Đồng"),
    ("ỦY BAN KIỂM TRA ĐẢNG ỦY XÃ TÂN HẢI", "Ủy ban Kiểm tra Đảng ủy xã Tân Hải"),
    ("Cơ quan thử nghiệm", "Cơ quan thử nghiệm"),  # already written: kept
])
def test_written_name(printed, written):
    assert written_name(printed) == written


@pytest.mark.django_db
def test_display_name_prefers_a_written_section_title(la_gi):
    bcd = la_gi["ban_chi_dao"]
    assert bcd.index_page.title.isupper()  # the factories title sections with the printed name
    assert bcd.display_name == "Ban Chỉ đạo phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số"
    bcd.index_page.title = "Ban Chỉ đạo KHCN, ĐMST và CĐS"
    assert bcd.display_name == "Ban Chỉ đạo KHCN, ĐMST và CĐS"


@pytest.mark.django_db
def test_search_facets_name_issuers_as_written(la_gi):
    dang_uy = la_gi["dang_uy"]
    labels = written_issuer_names({str(dang_uy.pk): dang_uy.name})
    assert labels == {str(dang_uy.pk): "Đảng ủy phường La Gi"}


@pytest.mark.django_db
def test_issuer_section_names_its_superior_as_written(client, la_gi):
    section = la_gi["index_pages"][la_gi["ban_chi_dao"].slug]
    page = client.get(section.url).content.decode()
    assert "Cấp trên trực tiếp: Đảng ủy phường La Gi" in page
    assert "phường la gi" not in page


@pytest.mark.django_db
def test_mails_and_inbox_name_the_issuer_as_written(la_gi):
    page = SimpleNamespace(issuer=la_gi["ban_chi_dao"], type_name="QUY CHẾ", notation="01-QC/BCĐ", issued_on=None,
                           title="hoạt động của Ban Chỉ đạo")
    delivery = SimpleNamespace(recipient_name="Văn phòng Tỉnh ủy", via="", purpose="")
    for template in ("distribution/mail/issue.txt", "distribution/mail/recall.txt"):
        text = render_to_string(template, {"page": page, "delivery": delivery})
        assert "Ban Chỉ đạo phát triển khoa học" in text and "BAN CHỈ ĐẠO" not in text, template
    inbox = (ROOT / "documents/templates/distribution/inbox.html").read_text()
    assert "page.issuer.display_name" in inbox and "page.issuer.name" not in inbox


def test_acknowledged_reads_da_xac_nhan():
    for path in ROOT.glob("**/templates/**/*.html"):
        if ".venv" not in path.parts:
            assert "Đã xác nhận đã nhận" not in path.read_text(), path
    assert "Đã xác nhận đã nhận" not in (ROOT / "documents/distribution/site.py").read_text()


def test_notations_are_kept_on_one_line():
    html = keep_notations("Căn cứ Quyết định số 105-QĐ/ĐU, ngày 23/12/2025 và Nghị định số 30/2020/NĐ-CP; <b>")
    assert '<span class="nowrap">105-QĐ/ĐU,</span>' in html
    assert '<span class="nowrap">30/2020/NĐ-CP;</span>' in html
    assert "&lt;b&gt;" in html  # the text is escaped, the words unchanged
    assert keep_notations("Số 68/KH-UBND") == 'Số <span class="nowrap">68/KH-UBND</span>'
    css = (ROOT / "cms/static/cms/site.css").read_text()
    assert ".nowrap, .notation, .doc-list__notation { white-space: nowrap; }" in css


@pytest.mark.django_db
def test_the_official_document_keeps_its_notations_whole(client):
    from django.test.utils import override_settings

    from tests.test_demo import PASSWORD, load_demo, seed  # the demonstration's seed document

    with override_settings(DEMO_PASSWORD=PASSWORD):
        load_demo()
    page = client.get(seed().url).content.decode()
    assert '<div class="doc-header__number">Số 01-QC/BCĐ</div>' in page  # the number line never wraps (CSS)
    css = (ROOT / "documents/static/documents/document.css").read_text()
    assert "padding-top: 2pt; white-space: nowrap; }" in css


@pytest.mark.django_db
def test_an_issuer_with_nothing_to_show_says_why(client, la_gi):
    """"Chưa có văn bản nào bạn được xem." read awkwardly, and a visitor was not told that signing in shows more."""
    from django.contrib.auth import get_user_model

    section = la_gi["index_pages"][la_gi["ban_chi_dao"].slug]
    anonymous = client.get(section.url).content.decode()
    assert "Cơ quan này chưa có văn bản công khai nào. Văn bản nội bộ chỉ hiện khi bạn đăng nhập." in anonymous
    client.force_login(get_user_model().objects.create_user("docgia"))
    assert "Cơ quan này chưa có văn bản nào mà bạn được quyền xem." in client.get(section.url).content.decode()
