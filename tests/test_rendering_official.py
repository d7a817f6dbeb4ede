"""Official rendering (issue 2, item 4): Party layout (36-HD/VPTW), State layout (Nghị định 30), every kind."""
from __future__ import annotations

import datetime
import html
import re

import pytest
from django.utils import timezone
from wagtail.models import Page, Site

from cms.models import HomePage
from documents.kinds.bao_cao import BaoCaoPage
from documents.kinds.bien_ban import BienBanPage
from documents.kinds.ke_hoach import KeHoachPage
from documents.kinds.quy_che import QuyChePage
from documents.kinds.quyet_dinh import QuyetDinhPage
from documents.models import (
    DocumentBasis,
    DocumentRecipient,
    DocumentRelation,
    Issuer,
    IssuerIndexPage,
    IssuerKind,
    System,
    Term,
)
from tests.factories import BCD_NAME, SEED_RECIPIENTS, SEED_TITLE

D = datetime.date


def text_of(response) -> str:
    """The page as text: tags removed, entities decoded, whitespace collapsed."""
    body = response.content.decode()
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body))).strip()


def official_html(response) -> str:
    """Only the official frame (the <article class="sheet …">), not the reader box or site chrome."""
    body = response.content.decode()
    start = body.index('<article class="sheet')
    return body[start:body.index("</article>", start)]


def official_text(response) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", official_html(response)))).strip()


@pytest.fixture
def home(db) -> HomePage:
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Văn bản Đảng ủy phường La Gi", slug="trang-chu-render"))
    Site.objects.update(root_page=home, is_default_site=True)
    return home


@pytest.fixture
def committee(home) -> Issuer:
    body = Issuer.objects.create(
        name="ĐẢNG ỦY PHƯỜNG LA GI", code="ĐU", place_name="La Gi", system=System.PARTY, kind=IssuerKind.CAP_UY,
        superior_name="ĐẢNG BỘ TỈNH LÂM ĐỒNG", slug="dang-uy-render",
    )
    Term.objects.create(issuer=body, name="2025–2030", starts_on=D(2025, 7, 22))
    home.add_child(instance=IssuerIndexPage(title="Đảng ủy phường La Gi", slug="dang-uy", issuer=body))
    return body


@pytest.fixture
def steering(home, committee) -> Issuer:
    body = Issuer.objects.create(
        name=BCD_NAME, code="BCĐ", superior=committee, superior_name="ĐẢNG ỦY PHƯỜNG LA GI", place_name="La Gi",
        system=System.PARTY, kind=IssuerKind.BAN_CHI_DAO, slug="ban-chi-dao-render",
    )
    home.add_child(instance=IssuerIndexPage(title="Ban Chỉ đạo", slug="ban-chi-dao", issuer=body))
    return body


@pytest.fixture
def ward_committee(home) -> Issuer:
    body = Issuer.objects.create(
        name="ỦY BAN NHÂN DÂN PHƯỜNG LA GI", code="UBND", place_name="La Gi", system=System.STATE,
        kind=IssuerKind.UY_BAN_NHAN_DAN, superior_name="TỈNH LÂM ĐỒNG", slug="ubnd-render",
    )
    home.add_child(instance=IssuerIndexPage(title="Ủy ban nhân dân phường La Gi", slug="ubnd", issuer=body))
    return body


def make_document(cls, issuer: Issuer, *, bases=(), recipients=(), issued=True, number=None, notation="",
                  **fields):
    """A document page under its issuer's section; issued documents are public and carry their number."""
    index = IssuerIndexPage.objects.get(issuer=issuer)
    fields.setdefault("visibility", "public")
    page = cls(issuer=issuer, **fields)
    if issued:
        page.state = "issued"
        page.legal_status = "con_hieu_luc"
        page.number = number
        page.notation = notation
    index.add_child(instance=page)
    for order, text in enumerate(bases):
        DocumentBasis.objects.create(page=page, text=text, sort_order=order)
    for order, entry in enumerate(recipients):
        name, purpose, archive = (*entry, "", False)[:3] if isinstance(entry, tuple) else (entry, "", False)
        archive = archive is True
        DocumentRecipient.objects.create(page=page, name=name, purpose=purpose, archive=archive, sort_order=order)
    return cls.objects.get(pk=page.pk)


def article(number: str, title: str, *clauses: str, text: str = "") -> dict:
    return {"number": number, "title": title, "text": text,
            "clauses": [{"number": str(i), "text": c, "points": []} for i, c in enumerate(clauses, 1)]}


@pytest.fixture
def seed_page(steering) -> QuyChePage:
    """The quy chế 01-QC/BCĐ with the seed's structure (header, 4 bases, Chương I–IV, Điều 1–11, 11 recipients)."""
    body = [
        ("chapter", {"number": "I", "title": "QUY ĐỊNH CHUNG", "articles": [
            article("1", "Chức năng", text="Ban Chỉ đạo phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi "
                                           "số phường La Gi có chức năng tham mưu cho Ban Chấp hành."),
            article("2", "Nhiệm vụ", "Tham mưu, giúp Ban Thường vụ Đảng ủy.", "Theo dõi, tổng hợp, kiểm tra."),
            article("3", "Nguyên tắc hoạt động",
                    "Ban Chỉ đạo hoạt động theo nguyên tắc tập thể lãnh đạo, cá nhân phụ trách.\n"
                    "Các thành viên Ban Chỉ đạo làm việc theo chế độ kiêm nhiệm."),
            article("4", "Cơ cấu tổ chức của Ban Chỉ đạo", "Ban Chỉ đạo được thành lập theo Quyết định số 105-QĐ/ĐU."),
        ]}),
        ("chapter", {"number": "II", "title": "QUY ĐỊNH CỤ THỂ", "articles": [
            article(str(n), f"Điều khoản {n}", "Nội dung.") for n in (5, 6, 7)]}),
        ("chapter", {"number": "III", "title": "CHẾ ĐỘ LÀM VIỆC VÀ CÁC MỐI QUAN HỆ", "articles": [
            article("8", "Chế độ làm việc của Ban Chỉ đạo", "Họp định kỳ 3 tháng một lần."),
            article("9", "Mối quan hệ công tác", "Chịu sự lãnh đạo của Ban Thường vụ Đảng ủy."),
            article("10", "Kinh phí hoạt động", text="Kinh phí do ngân sách phường cân đối."),
        ]}),
        ("chapter", {"number": "IV", "title": "TỔ CHỨC THỰC HIỆN", "articles": [
            article("11", "Điều khoản thi hành", "Các chi bộ trực thuộc có trách nhiệm thực hiện Quy chế này."),
        ]}),
    ]
    return make_document(
        QuyChePage, steering, title=SEED_TITLE, slug="quy-che-01-qc-bcd", number=1, notation="01-QC/BCĐ",
        issued_on=D(2026, 1, 5), signer_position="BÍ THƯ kiêm TRƯỞNG BAN CHỈ ĐẠO", signer_name="Nguyễn Quốc Nam",
        preamble="Ban Chỉ đạo ban hành Quy chế hoạt động của Ban Chỉ đạo, như sau:", body=body,
        bases=[
            "Căn cứ Nghị quyết số 57-NQ/TW, ngày 22/12/2024 của Bộ Chính trị;",
            "Căn cứ Quy chế làm việc số 01-QC/BCĐ, ngày 30/9/2025 của Ban Chỉ đạo Tỉnh ủy Lâm Đồng;",
            "Căn cứ Quy chế làm việc số 01-QC/ĐU, ngày 01/7/2025 của Ban Chấp hành Đảng bộ phường La Gi.",
            "Căn cứ Quyết định số 105-QĐ/ĐU, ngày 23/12/2025 của Ban Thường vụ Đảng ủy;",
        ],
        recipients=[*SEED_RECIPIENTS, ("Lưu Văn phòng Đảng ủy", "", True)],
    )


# -- the seed, Party layout ---------------------------------------------------------------------------------
def test_seed_renders_the_party_header(client, seed_page):
    response = client.get(seed_page.url)
    assert response.status_code == 200
    text = official_text(response)
    assert "ĐẢNG ỦY PHƯỜNG LA GI" in text
    assert BCD_NAME in text
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text
    assert "Số 01-QC/BCĐ" in text
    assert "La Gi, ngày 05 tháng 01 năm 2026" in text
    # Superior above issuer, then the star, then the number (36-HD/VPTW).
    assert text.index("ĐẢNG ỦY PHƯỜNG LA GI") < text.index(BCD_NAME) < text.index("*") < text.index("Số 01-QC/BCĐ")
    assert "DỰ THẢO" not in text
    page_html = official_html(response)
    assert 'class="doc-header doc-header--party"' in page_html
    assert '<div class="doc-header__issuer">' + BCD_NAME + "</div>" in page_html


def test_seed_renders_type_summary_and_numbered_body(client, seed_page):
    response = client.get(seed_page.url)
    text = official_text(response)
    assert "QUY CHẾ " + SEED_TITLE in text
    assert "- Căn cứ Nghị quyết số 57-NQ/TW, ngày 22/12/2024 của Bộ Chính trị;" in text
    assert text.count("- Căn cứ") == 4
    assert "Ban Chỉ đạo ban hành Quy chế hoạt động của Ban Chỉ đạo, như sau:" in text
    for number, title in [("I", "QUY ĐỊNH CHUNG"), ("II", "QUY ĐỊNH CỤ THỂ"),
                          ("III", "CHẾ ĐỘ LÀM VIỆC VÀ CÁC MỐI QUAN HỆ"), ("IV", "TỔ CHỨC THỰC HIỆN")]:
        assert f"Chương {number} {title}" in text
    assert "Điều 1. Chức năng" in text
    assert "Điều 11. Điều khoản thi hành" in text
    assert "1. Ban Chỉ đạo hoạt động theo nguyên tắc tập thể lãnh đạo, cá nhân phụ trách." in text
    page_html = official_html(response)
    assert '<span class="article__number">Điều 1.</span>' in page_html
    assert '<span class="doc-title__type">QUY CHẾ</span>' in page_html
    # A continuation paragraph of a clause is its own paragraph, not glued to the clause.
    assert "<p>Các thành viên Ban Chỉ đạo làm việc theo chế độ kiêm nhiệm.</p>" in page_html
    assert text.index("Chương I ") < text.index("Điều 1.") < text.index("Chương II ") < text.index("Điều 5.")


def test_seed_renders_recipients_and_a_direct_signature(client, seed_page):
    text = official_text(client.get(seed_page.url))
    assert "Nơi nhận: - Văn phòng Tỉnh ủy, - Thường trực Đảng ủy," in text
    assert "- Thành viên Ban chỉ đạo (theo QĐ số 105-QĐ/ĐU)," in text
    assert "- Lưu Văn phòng Đảng ủy." in text
    signer = text[text.index("Lưu Văn phòng Đảng ủy."):]
    assert "BÍ THƯ kiêm TRƯỞNG BAN CHỈ ĐẠO Nguyễn Quốc Nam" in signer
    # A ban chỉ đạo's head signs directly: no T/M, K/T or T/L line (docs/domain.md §5).
    assert not re.search(r"\b(T/M|K/T|T/L)\b", signer)


def test_collective_signature_has_its_authority_line(client, committee):
    page = make_document(
        QuyetDinhPage, committee, title="về việc thành lập Ban Chỉ đạo", number=105, notation="105-QĐ/ĐU",
        issued_on=D(2025, 12, 23), signer_authority="T/M", signer_authority_body="BAN THƯỜNG VỤ",
        signer_position="BÍ THƯ", signer_name="Nguyễn Quốc Nam", decider="BAN THƯỜNG VỤ ĐẢNG ỦY PHƯỜNG LA GI",
        proposal="Xét đề nghị của Văn phòng Đảng ủy,",
        body=[("article", article("1", "", text="Thành lập Ban Chỉ đạo.")),
              ("article", article("2", "", text="Quyết định có hiệu lực kể từ ngày ký."))],
        bases=["Căn cứ Điều lệ Đảng;"], recipients=[("Như Điều 2", ""), ("Lưu Văn phòng Đảng ủy", "", True)],
    )
    text = official_text(client.get(page.url))
    assert "Số 105-QĐ/ĐU" in text
    assert "La Gi, ngày 23 tháng 12 năm 2025" in text
    assert "QUYẾT ĐỊNH về việc thành lập Ban Chỉ đạo" in text
    assert text.index("BAN THƯỜNG VỤ ĐẢNG ỦY PHƯỜNG LA GI") < text.index("- Căn cứ Điều lệ Đảng;")
    assert text.index("Xét đề nghị của Văn phòng Đảng ủy,") < text.index("QUYẾT ĐỊNH:") < text.index("Điều 1.")
    assert "T/M BAN THƯỜNG VỤ BÍ THƯ Nguyễn Quốc Nam" in text


def test_draft_shows_marker_and_placeholder_number(client, django_user_model, steering):
    page = make_document(QuyChePage, steering, title="làm việc của Tổ giúp việc", issued=False,
                         visibility="internal", slug="du-thao")
    admin = django_user_model.objects.create_superuser("render-admin", "a@example.org", "x")
    client.force_login(admin)
    response = client.get(page.url)
    assert response.status_code == 200
    text = official_text(response)
    assert "DỰ THẢO" in text
    assert "Số …-QC/BCĐ" in text
    assert "La Gi, ngày … tháng … năm …" in text
    assert "Dự thảo" in text_of(response)  # state badge in the reader box


def test_urgency_is_marked(client, steering):
    page = make_document(QuyChePage, steering, title="khẩn", number=2, notation="02-QC/BCĐ",
                         issued_on=D(2026, 2, 3), urgency="thuong_khan", slug="khan")
    assert "THƯỢNG KHẨN" in official_text(client.get(page.url))


# -- State layout ---------------------------------------------------------------------------------------------
def test_state_plan_renders_national_heading_and_task_table(client, ward_committee):
    page = make_document(
        KeHoachPage, ward_committee, title="triển khai chuyển đổi số năm 2026", number=68, notation="68/KH-UBND",
        issued_on=D(2026, 3, 9), signer_authority="TM.", signer_authority_body="ỦY BAN NHÂN DÂN",
        signer_position="CHỦ TỊCH", signer_name="Trần Văn Bình",
        bases=["Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư;"],
        body=[
            ("section", {"number": "I", "title": "Mục đích, yêu cầu", "text": "Nâng cao hiệu quả.", "subsections": [
                {"number": "1", "title": "Mục đích", "text": "Đẩy mạnh chuyển đổi số."}]}),
            ("section", {"number": "II", "title": "Nhiệm vụ", "text": "", "subsections": []}),
            ("task_table", {"title": "", "rows": [
                {"task": "Số hóa hồ sơ thủ tục hành chính", "lead_unit": "Văn phòng HĐND và UBND",
                 "cooperating_units": "Các phòng chuyên môn", "deadline": "Quý II/2026"},
                {"task": "Tập huấn kỹ năng số", "lead_unit": "Phòng Văn hóa - Xã hội", "cooperating_units": "",
                 "deadline": "Tháng 6/2026"}]}),
        ],
        recipients=[("UBND tỉnh Lâm Đồng", "để báo cáo"), ("VT, VP", "", True)],
    )
    response = client.get(page.url)
    text = official_text(response)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" not in text
    assert "TỈNH LÂM ĐỒNG ỦY BAN NHÂN DÂN PHƯỜNG LA GI" in text
    assert "Số: 68/KH-UBND" in text
    assert "La Gi, ngày 09 tháng 03 năm 2026" in text
    assert "KẾ HOẠCH triển khai chuyển đổi số năm 2026" in text
    assert "I. MỤC ĐÍCH, YÊU CẦU" in text
    assert "1. Mục đích" in text
    # A State basis is not a dash line.
    assert "- Căn cứ Nghị định" not in text and "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020" in text
    page_html = official_html(response)
    assert 'class="doc-header doc-header--state"' in page_html
    start = page_html.index('<div class="task-table">')
    table = page_html[start:page_html.index("</table>", start)]
    for heading in ("STT", "Nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian"):
        assert heading in table
    assert table.count("<tr>") == 3
    assert "Số hóa hồ sơ thủ tục hành chính" in table and "Quý II/2026" in table
    assert "- UBND tỉnh Lâm Đồng (để báo cáo);" in text
    assert "- Lưu: VT, VP." in text
    assert "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH Trần Văn Bình" in text


# -- other kinds ------------------------------------------------------------------------------------------------
def test_minutes_render_meeting_and_two_signatures(client, steering):
    start = timezone.make_aware(datetime.datetime(2026, 3, 20, 8, 0))
    page = make_document(
        BienBanPage, steering, title="họp Ban Chỉ đạo quý I năm 2026", issued_on=D(2026, 3, 20),
        meeting_start=start, meeting_end=start + datetime.timedelta(hours=2, minutes=30),
        meeting_place="Hội trường Đảng ủy phường La Gi", chair="Nguyễn Quốc Nam",
        chair_position="Bí thư Đảng ủy, Trưởng Ban Chỉ đạo", secretary="Lê Thị Hoa", present_count=14,
        expected_count=15, absentees="đồng chí Phạm Văn Tú (đi công tác)",
        conclusions="Thống nhất kế hoạch chuyển đổi số quý II.",
        body=[("paragraph", "Đồng chí Trưởng ban quán triệt nội dung cuộc họp.")],
    )
    text = official_text(client.get(page.url))
    assert "BIÊN BẢN họp Ban Chỉ đạo quý I năm 2026" in text
    assert "Vào hồi 08 giờ 00 phút, ngày 20 tháng 03 năm 2026, tại Hội trường Đảng ủy phường La Gi." in text
    assert "Chủ trì: đồng chí Nguyễn Quốc Nam" in text
    assert "Thư ký: đồng chí Lê Thị Hoa." in text
    assert "Có mặt: 14/15 đồng chí." in text
    assert "Vắng: đồng chí Phạm Văn Tú (đi công tác)" in text
    assert "Kết luận: Thống nhất kế hoạch chuyển đổi số quý II." in text
    assert "Cuộc họp kết thúc vào hồi 10 giờ 30 phút cùng ngày./." in text
    signatures = text[text.index("cùng ngày./."):]
    # Secretary on the left, chair on the right.
    assert signatures.index("THƯ KÝ") < signatures.index("Lê Thị Hoa") < signatures.index("CHỦ TRÌ") \
        < signatures.index("Nguyễn Quốc Nam")


def test_report_shows_its_period(client, steering):
    page = make_document(
        BaoCaoPage, steering, title="kết quả thực hiện Nghị quyết 57-NQ/TW", number=3, notation="03-BC/BCĐ",
        issued_on=D(2026, 4, 2), period_type="quarter", period_index=1, period_year=2026, review_kind="so_ket",
        body=[("section", {"number": "I", "title": "Kết quả đạt được", "text": "Đã triển khai.", "subsections": []})],
    )
    response = client.get(page.url)
    assert "BÁO CÁO kết quả thực hiện Nghị quyết 57-NQ/TW" in official_text(response)
    assert "Sơ kết quý I năm 2026" in text_of(response)


def test_quy_che_attached_to_a_decision(client, committee, steering):
    decision = make_document(QuyetDinhPage, committee, title="ban hành Quy chế", number=106, notation="106-QĐ/ĐU",
                             issued_on=D(2025, 12, 23), slug="qd-106")
    page = make_document(QuyChePage, committee, title="làm việc", issued_on=D(2025, 12, 23), attached_to=decision,
                         slug="qc-kem-qd")
    assert "(Ban hành kèm theo Quyết định số 106-QĐ/ĐU, ngày 23/12/2025)" in official_text(client.get(page.url))


# -- reader box, relations, site chrome -------------------------------------------------------------------------
def test_reader_box_shows_status_relations_outside_the_frame(client, steering, seed_page):
    newer = make_document(QuyChePage, steering, title="hoạt động (thay thế)", number=2, notation="02-QC/BCĐ",
                          issued_on=D(2026, 6, 1), slug="quy-che-02")
    DocumentRelation.objects.create(page=newer, relation="replaces", target=seed_page)
    old_response = client.get(seed_page.url)
    old_text = text_of(old_response)
    assert "Đã được thay thế bởi 02-QC/BCĐ" in old_text
    assert "Còn hiệu lực" in old_text and "Công khai" in old_text
    assert "thay thế bởi" not in official_text(old_response)  # not inside the official document
    assert "Văn bản này thay thế 01-QC/BCĐ" in text_of(client.get(newer.url))
    # The reader's own buttons (print, PDF, DOCX); the JSON for other systems is a quiet link at the end.
    actions = old_response.content.decode().split('class="reader-box__actions"', 1)[1].split("</p>", 1)[0]
    assert "Tải PDF" in actions and "JSON" not in actions
    assert f'href="/api/v2/pages/{seed_page.pk}/"' in old_response.content.decode()


def test_relation_to_a_document_the_reader_cannot_see_is_hidden(client, steering, seed_page):
    hidden = make_document(QuyChePage, steering, title="nội bộ", number=3, notation="03-QC/BCĐ",
                           issued_on=D(2026, 6, 1), slug="noi-bo", visibility="internal")
    DocumentRelation.objects.create(page=hidden, relation="amends", target=seed_page)
    assert "03-QC/BCĐ" not in text_of(client.get(seed_page.url))


def test_site_chrome_is_vietnamese_and_print_ready(client, seed_page):
    response = client.get(seed_page.url)
    page_html = response.content.decode()
    assert '<html lang="vi">' in page_html
    for label, href in [("Trang chủ", "/"), ("Tìm kiếm", "/tim-kiem/"), ("Hộp thư", "/hop-thu/")]:
        assert f'href="{href}"' in page_html and label in page_html
    assert "/dang-nhap/" in page_html and "Đăng nhập" in page_html
    assert "documents/document.css" in page_html
    assert "http://" not in page_html.split("<body")[0].replace('http://testserver', '')  # no CDN in <head>


def test_print_stylesheet_gives_a4_times_new_roman():
    from django.contrib.staticfiles import finders

    css = open(finders.find("documents/document.css"), encoding="utf-8").read()
    assert "size: A4" in css
    assert "margin: 20mm 15mm 20mm 30mm" in css
    assert '"Times New Roman"' in css and "14pt" in css
    print_rules = css[css.index("@media print"):]
    assert ".site-header" in print_rules and "display: none" in print_rules


def test_home_and_issuer_pages_list_issued_documents(client, seed_page, django_user_model):
    home_text = text_of(client.get("/"))
    assert "Văn bản mới ban hành" in home_text
    assert "Số 01-QC/BCĐ" in home_text and "Ban Chỉ đạo" in home_text
    section = IssuerIndexPage.objects.get(issuer=seed_page.issuer)
    section_text = text_of(client.get(section.url))
    # Dates on the reader's pages as in the document's box and the search results: dd/mm/yyyy.
    assert "01-QC/BCĐ" in section_text and "05/01/2026" in section_text and "ngày 05/01/2026" in home_text
    user = django_user_model.objects.create_user("docgia", password="x", first_name="Độc giả")
    client.force_login(user)
    assert "Độc giả" in text_of(client.get("/")) and "Đăng xuất" in text_of(client.get("/"))


def test_home_lists_every_kind_by_its_printed_type_name_in_a_fixed_number_of_queries(
        client, seed_page, committee, django_assert_max_num_queries, django_user_model):
    """The listing loads generic pages (not one query per kind); a general document keeps its own type name.
    Signed in: an anonymous reader's home page is answered from the kept copy."""
    from documents.kinds.van_ban_khac import VanBanKhacPage

    client.force_login(django_user_model.objects.create_user("docgia", password="x"))
    client.get("/")
    with django_assert_max_num_queries(40) as one_kind:
        client.get("/")
    bound = len(one_kind.captured_queries) + 1  # + the general documents' own rows (read now: requests reset the log)
    make_document(VanBanKhacPage, committee, title="về chuyển đổi số", printed_type_name="NGHỊ QUYẾT",
                  type_code="NQ", number=3, notation="03-NQ/ĐU", issued_on=D(2026, 2, 2), place="La Gi")
    make_document(KeHoachPage, committee, title="kiểm tra năm 2026", number=4, notation="04-KH/ĐU",
                  issued_on=D(2026, 2, 3), place="La Gi")
    make_document(BaoCaoPage, committee, title="tổng kết năm 2025", number=5, notation="05-BC/ĐU",
                  issued_on=D(2026, 2, 4), place="La Gi")
    client.get("/")
    with django_assert_max_num_queries(bound):
        home_text = text_of(client.get("/"))
    assert "Nghị quyết về chuyển đổi số" in home_text
    assert "Kế hoạch kiểm tra năm 2026" in home_text and "Báo cáo tổng kết năm 2025" in home_text


# -- the real seed, through the importer --------------------------------------------------------------------------
SEED_FILE = __import__("pathlib").Path(__file__).parent / "fixtures" / "quy-che-01-QC-BCD-la-gi-2026.txt"


def test_imported_seed_renders_as_the_original(db, client):
    import io

    from django.core.management import call_command

    from cms.demo.issuers import load_issuers
    from cms.demo.site import load_site
    from documents.models import DocumentPage

    load_issuers(io.StringIO())
    load_site(io.StringIO())
    call_command("import_documents", str(SEED_FILE), issue=True, visibility="public", stdout=io.StringIO())
    page = DocumentPage.objects.get(notation="01-QC/BCĐ")
    response = client.get(page.url)
    assert response.status_code == 200
    text = official_text(response)
    for expected in ["ĐẢNG ỦY PHƯỜNG LA GI", BCD_NAME, "ĐẢNG CỘNG SẢN VIỆT NAM", "Số 01-QC/BCĐ",
                     "La Gi, ngày 05 tháng 01 năm 2026", "QUY CHẾ " + SEED_TITLE,
                     "Chương I QUY ĐỊNH CHUNG", "Chương IV TỔ CHỨC THỰC HIỆN", "Điều 1. Chức năng",
                     "Điều 11. Điều khoản thi hành", "Nơi nhận: - Văn phòng Tỉnh ủy,", "- Lưu Văn phòng Đảng ủy.",
                     "BÍ THƯ kiêm TRƯỞNG BAN CHỈ ĐẠO Nguyễn Quốc Nam"]:
        assert expected in text, expected
    assert text.count("- Căn cứ") == 4
    for n in range(1, 12):
        assert f"Điều {n}." in text
    assert official_html(response).count('class="recipients__line"') == 11
    assert "**" not in text and "T/M" not in text and "DỰ THẢO" not in text
