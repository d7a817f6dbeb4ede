"""Issue 10 B: the editor a clerk can use and the workflow on the document itself (admin, Django test client)."""
from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from documents.kinds.quy_che import QuyChePage
from documents.kinds.quyet_dinh import QuyetDinhPage
from documents.models import DocumentState, RegisterEntry
from documents.workflow import transitions
from tests.permission_setup import advance, build_world, draft_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def _as(client, world, name):
    client.force_login(world.users[name])
    return client


def _blank_quyet_dinh(title: str, **extra) -> dict:
    """What the editor posts for a new quyết định where only the trích yếu was typed."""
    return nested_form_data({
        "title": title, "type_code": "", "place": "", "decider": "", "preamble": "", "proposal": "",
        "visibility": "internal", "legal_status": "chua_co_hieu_luc", "confidentiality": "", "urgency": "",
        "rule_set": "", "signer_authority": "", "signer_authority_body": "", "signer_position": "", "signer_name": "",
        "circulation": "", "typist_code": "", "body": streamfield([]), "bases": inline_formset([]),
        "recipients": inline_formset([]), "attachments": inline_formset([]), "relations": inline_formset([]),
        **extra,
    })


def test_a_new_quyet_dinh_saves_as_a_draft_on_the_first_click(client, world):
    _as(client, world, "soanthao")
    url = f"/admin/pages/add/documents/quyetdinhpage/{world.bcd_index.pk}/"
    form = client.get(url).content.decode()
    for hidden in ('id="id_slug"', 'id="id_go_live_at"', 'id="id_issued_on"', 'id="id_seo_title"',
                   'id="id_search_description"', 'id="id_show_in_menus"'):
        assert hidden not in form
    assert f'<option value="{world.bcd.pk}" selected>' in form  # the section's issuer, preselected

    for expected_slug in ("qd-ve-viec-kien-toan-to-giup-viec", "qd-ve-viec-kien-toan-to-giup-viec-2"):
        response = client.post(url, _blank_quyet_dinh("về việc kiện toàn Tổ giúp việc", **{"action-save-draft": "1"}))
        assert response.status_code == 302
        page = QuyetDinhPage.objects.get(slug=expected_slug)
        assert (page.issuer_id, page.state, page.live, page.issued_on) == (world.bcd.pk, DocumentState.DRAFT, False, None)


def test_the_drafter_cannot_set_the_issue_date_or_another_issuer(client, world):
    page = draft_document(world, "quy chế có ngày soạn")
    _as(client, world, "soanthao")
    data = _blank_quyet_dinh("quy chế có ngày soạn", issued_on="2026-01-01", issuer=world.issuers["ubnd"].pk)
    data.pop("decider"), data.pop("proposal")
    client.post(f"/admin/pages/{page.pk}/edit/", data)
    page = QuyChePage.objects.get(pk=page.pk)
    assert page.issued_on is None and page.issuer_id == world.bcd.pk
    assert page.get_latest_revision().content["issuer"] == world.bcd.pk


def test_each_role_sees_its_actions_named_as_the_office_names_them(client, world):
    page = advance(draft_document(world, "quy chế chờ ký"), world, "submitted")
    text = _as(client, world, "lanhdao").get(f"/admin/pages/{page.pk}/edit/").content.decode()  # its action menu
    for label in ("Ký duyệt", "Ký duyệt kèm ý kiến", "Trả lại", f"/admin/van-ban/{page.pk}/ky-duyet/"):
        assert label in text
    assert "Cấp số và ban hành" not in text and "action-cancel-workflow" not in text

    page = transitions.approve(page, world.users["lanhdao"])
    text = _as(client, world, "vanthu").get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "Cấp số và ban hành" in text and f"/admin/van-ban/{page.pk}/ban-hanh/" in text
    assert f"/admin/van-ban/{page.pk}/ngung-quy-trinh/" in text and "Ký duyệt kèm ý kiến" not in text
    assert _as(client, world, "soanthao").post(f"/admin/van-ban/{page.pk}/ban-hanh/").status_code in (302, 403)
    assert QuyChePage.objects.get(pk=page.pk).state == DocumentState.SIGNED


def test_signing_with_a_comment_and_issuing_with_date_and_copies(client, world):
    page = advance(draft_document(world, "quy chế ban hành từ trang văn bản"), world, "submitted")
    _as(client, world, "lanhdao")
    form = client.get(f"/admin/van-ban/{page.pk}/ky-duyet/").content.decode()
    read = f'href="/admin/pages/{page.pk}/view_draft/"'  # the whole text, before signing it
    assert read in form and client.get(f"/admin/pages/{page.pk}/view_draft/").status_code == 200
    assert "Ý kiến (nếu có)" in form
    required = client.get(f"/admin/van-ban/{page.pk}/ky-duyet/?y-kien=1").content.decode()
    assert "(nếu có)" not in required and "Ý kiến khi ký (bắt buộc)" in required  # the page says it once, rightly
    assert client.post(f"/admin/van-ban/{page.pk}/ky-duyet/?y-kien=1", {"comment": ""}).status_code == 200
    assert client.post(f"/admin/van-ban/{page.pk}/ky-duyet/?y-kien=1", {"comment": "Đồng ý ban hành"}).status_code == 302
    assert QuyChePage.objects.get(pk=page.pk).state == DocumentState.SIGNED

    _as(client, world, "vanthu")
    form = client.get(f"/admin/van-ban/{page.pk}/ban-hanh/").content.decode()
    assert f'value="{timezone.localdate():%d/%m/%Y}"' in form and 'name="copies"' in form  # day first
    assert 'Nếu ban hành hôm nay, số và ký hiệu sẽ là <span class="vanban-nowrap">01-QC/BCĐ</span>' in form  # seen before committing
    # The signer's comment reaches the clerk who issues (it was in the log only).
    assert "data-vanban-sign-note" in form and "Ý kiến khi ký của" in form and "Đồng ý ban hành" in form
    editor = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "Ý kiến khi ký của" in editor and "Đồng ý ban hành" in editor
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    assert client.post(f"/admin/van-ban/{page.pk}/ban-hanh/", {"issued_on": tomorrow, "copies": 5}).status_code == 200
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    response = client.post(f"/admin/van-ban/{page.pk}/ban-hanh/",
                           {"issued_on": yesterday, "copies": 7, "comment": " Gửi kèm bản giấy "}, follow=True)
    assert f"Đã cấp số 01-QC/BCĐ, ngày {yesterday:%d/%m/%Y}" in response.content.decode()
    # The message leads to sending it and to the document as issued.
    html = response.content.decode()
    note = html[html.index('class="messages'):]
    note = note[:note.index("</ul>")]
    assert f'href="/admin/phat-hanh/{page.pk}/"' in note and f'href="{reverse("vanban_view", args=[page.pk])}"' in note
    page = QuyChePage.objects.get(pk=page.pk)
    assert (page.state, page.notation, page.issued_on, page.copies) == (DocumentState.ISSUED, "01-QC/BCĐ", yesterday, 7)
    assert page.live
    entry = RegisterEntry.objects.get(document=page)
    assert (entry.copies, entry.notes) == (7, "Gửi kèm bản giấy")  # the form's "Ghi chú" is the register's
    history = client.get(f"/admin/pages/{page.pk}/history/").content.decode()
    assert "Đồng ý ban hành" in history and "Đã cấp số 01-QC/BCĐ và ban hành" in history


def test_the_issue_form_shows_the_number_it_would_give_without_taking_it(client, world):
    first = advance(draft_document(world, "quy chế thứ nhất"), world, "issued")
    second = advance(draft_document(world, "quy chế thứ hai"), world, "signed")
    _as(client, world, "vanthu")
    for _look in range(2):  # looking twice takes no number
        assert 'số và ký hiệu sẽ là <span class="vanban-nowrap">02-QC/BCĐ</span>' in client.get(f"/admin/van-ban/{second.pk}/ban-hanh/").content.decode()
    assert first.get_latest_revision_as_object().notation == "01-QC/BCĐ"
    form = client.get(f"/admin/van-ban/{second.pk}/ban-hanh/").content.decode()
    assert "để trống là ngày hôm nay" in form  # an empty date is today, and the clerk is told so
    for bad, message in (({"copies": "0"}, "Số lượng bản ít nhất là 1."),
                         ({"issued_on": "31/02/2026"}, "Ngày không hợp lệ: nhập ngày/tháng/năm, ví dụ 05/01/2026.")):
        refused = client.post(f"/admin/van-ban/{second.pk}/ban-hanh/", bad)
        assert refused.status_code == 200 and message in refused.content.decode(), bad
        assert QuyChePage.objects.get(pk=second.pk).state == DocumentState.SIGNED
    assert client.post(f"/admin/van-ban/{second.pk}/ban-hanh/", {"issued_on": timezone.localdate()}).status_code == 302
    assert QuyChePage.objects.get(pk=second.pk).notation == "02-QC/BCĐ"


def test_cancelling_asks_for_confirmation_and_returns_to_draft_in_the_log(client, world):
    page = advance(draft_document(world, "quy chế ngừng quy trình"), world, "signed")
    _as(client, world, "vanthu")
    confirm = client.get(f"/admin/van-ban/{page.pk}/ngung-quy-trinh/")
    assert confirm.status_code == 200 and "trình ký lại" in confirm.content.decode()
    assert QuyChePage.objects.get(pk=page.pk).state == DocumentState.SIGNED  # asking changed nothing
    client.post(f"/admin/van-ban/{page.pk}/ngung-quy-trinh/", {"comment": "Sai căn cứ"})
    page = QuyChePage.objects.get(pk=page.pk)
    assert page.state == DocumentState.DRAFT and page.current_workflow_state is None
    entry = PageLogEntry.objects.filter(page=page, action="vanban.cancel").get()
    assert entry.data["comment"] == "Sai căn cứ" and entry.data["previous"] == DocumentState.SIGNED


def test_wagtails_own_cancel_also_resets_the_state(world):
    page = advance(draft_document(world, "quy chế hủy kiểu wagtail"), world, "submitted")
    page.current_workflow_state.cancel(user=world.users["soanthao"])
    assert QuyChePage.objects.get(pk=page.pk).state == DocumentState.DRAFT
    assert PageLogEntry.objects.filter(page=page, action="vanban.cancel").exists()


def test_signed_content_is_frozen_and_a_change_needs_a_new_signature(client, world):
    page = advance(draft_document(world, "quy chế đã ký"), world, "signed")
    _as(client, world, "vanthu")
    data = _blank_quyet_dinh("quy chế đã ký (sửa lén)")
    data.pop("decider"), data.pop("proposal")
    client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert QuyChePage.objects.get(pk=page.pk).get_latest_revision().content["title"] == "quy chế đã ký"

    page.title = "quy chế đã ký (sửa sau khi ký)"
    page.save_revision(user=world.users["quantri"])
    page = QuyChePage.objects.get(pk=page.pk)
    assert page.state == DocumentState.DRAFT and page.current_workflow_state is None
    assert PageLogEntry.objects.filter(page=page, action="vanban.unsign").exists()
    reader = client.get(f"/admin/pages/{page.pk}/history/").content.decode()
    assert "phải trình ký lại" in reader



def test_the_locked_editor_tells_everyone_the_same_thing(client, world):
    """One banner says the content is locked from trình ký on, with what was said (on a phone three banners said
    "locked" twice and then the comment); Wagtail's lock banner no longer names the step or says reviewers may edit."""
    page = advance(draft_document(world, "quy chế chờ ký"), world, "submitted")
    told = []
    for name in ("soanthao", "lanhdao", "vanthu"):
        html = _as(client, world, name).get(f"/admin/pages/{page.pk}/edit/").content.decode()
        assert html.count("Nội dung văn bản đã khóa từ khi trình ký") == 1
        assert "đã khóa trong khi chờ bước này" not in html and "đang chờ bước" not in html
        banner = html.split('<span class="vanban-content-locked">', 1)[1].split("</li>", 1)[0]
        assert "Ý kiến khi trình của" in banner and html.count("Ý kiến khi trình của") == 1
        assert "người duyệt bước này được sửa" not in html and "Chỉ người duyệt được sửa" not in html
        # Only who has "Ngừng quy trình" in the menu is told to choose it; the others, whom to ask.
        told_to_choose = "Muốn sửa, chọn “Ngừng quy trình”" in html
        assert told_to_choose == transitions.can_cancel(world.users[name], page), name
        assert told_to_choose or "đề nghị người đã trình ký ngừng quy trình" in html
        told.append(told_to_choose)
    assert True in told and False in told  # both kinds of reader met

def test_the_people_who_must_act_are_told_in_vietnamese(world, django_capture_on_commit_callbacks):
    page = draft_document(world, "quy chế cần báo")
    with django_capture_on_commit_callbacks(execute=True):
        page = transitions.submit(page, world.users["soanthao"], "Kính trình")
    assert [m.to for m in mail.outbox] == [["lanhdao@lagi.example"]]
    assert mail.outbox[0].subject.startswith("[Chờ ký]") and "Kính trình" in mail.outbox[0].body
    assert f"/admin/pages/{page.pk}/edit/" in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        page = transitions.approve(page, world.users["lanhdao"], "Đồng ý")
    assert mail.outbox[1].to == ["vanthu@lagi.example"] and mail.outbox[1].subject.startswith("[Chờ ban hành]")
    with django_capture_on_commit_callbacks(execute=True):
        transitions.reject(page, world.users["vanthu"], "Thiếu Nơi nhận")
    assert mail.outbox[2].to == ["soanthao@lagi.example"] and "Thiếu Nơi nhận" in mail.outbox[2].body
    assert len(mail.outbox) == 3  # nothing in English, nothing to the superuser
    assert not any("quantri" in address for m in mail.outbox for address in m.to)


def test_the_dashboard_lists_what_waits_for_each_person(client, world):
    waiting = advance(draft_document(world, "quy chế chờ ký trên bảng"), world, "submitted")
    signed = advance(draft_document(world, "quy chế chờ ban hành trên bảng"), world, "signed")
    returned = advance(draft_document(world, "quy chế bị trả lại trên bảng"), world, "submitted")
    transitions.reject(returned, world.users["lanhdao"], "Sửa Điều 2")
    for name, label, page in (("lanhdao", "Chờ ký", waiting), ("vanthu", "Chờ ban hành", signed),
                              ("soanthao", "Bị trả lại", returned)):
        html = _as(client, world, name).get("/admin/").content.decode()
        assert "Việc cần làm" in html and label in html and f"/admin/pages/{page.pk}/edit/" in html
        assert "Chờ bạn duyệt" not in html  # Wagtail's panel listed the same steps again
    assert "quy chế chờ ký trên bảng" not in _as(client, world, "vanthu").get("/admin/").content.decode()


def test_the_clerk_finds_documents_by_notation_number_and_words_without_marks(client, world):
    issued = advance(draft_document(world, "về việc kiện toàn Tổ giúp việc"), world, "issued")
    draft = draft_document(world, "quy chế kiện toàn bộ máy")
    other = draft_document(world, "quy chế khác hẳn")
    _as(client, world, "vanthu")
    for query in ("01-QC/BCĐ", "01/QC-BCĐ", "1", "kien toan", "KIỆN TOÀN"):
        found = client.get("/admin/pages/search/", {"q": query}).content.decode()
        assert issued.title in found and other.title not in found, query
    assert draft.title in client.get("/admin/pages/search/", {"q": "kien toan"}).content.decode()
    listing = client.get(f"/admin/pages/{world.bcd_index.pk}/", {"q": "kien toan"}).content.decode()
    assert issued.title in listing and other.title not in listing

    listing = client.get(f"/admin/pages/{world.bcd_index.pk}/").content.decode()
    for heading in ("Số, ký hiệu", "Loại", "Ngày ban hành", "Trạng thái"):
        assert heading in listing
    assert "01-QC/BCĐ" in listing and "Quy chế" in listing and "Dự thảo" in listing and "Đã ban hành" in listing
    assert issued.issued_on.strftime("%d/%m/%Y") in listing
    assert "data-vanban-empty-section" not in listing and "1–3 trong 3 văn bản" in listing


def test_an_empty_section_says_it_is_empty(client, world):
    """It read "1–0 trong 0 trang" above an empty table."""
    empty = world.issuers["index_pages"][world.issuers["ubnd"].slug]
    assert not empty.get_children().exists()
    listing = _as(client, world, "quantri").get(f"/admin/pages/{empty.pk}/").content.decode()
    assert "Mục này chưa có văn bản nào." in listing and "1–0" not in listing
    # A search that finds nothing says so, in Vietnamese, and offers the whole tree (it was English).
    searched = client.get(f"/admin/pages/{empty.pk}/", {"q": "khongcogi"}).content.decode()
    assert "Không có kết quả nào trong" in searched and "Tìm trên toàn trang" in searched
    assert "No results" not in searched and "Search the whole site" not in searched
    assert "Mục này chưa có văn bản nào." not in searched


def test_a_derived_address_takes_the_number_at_issue_a_chosen_one_is_kept(world):
    derived = draft_document(world, "quy chế địa chỉ tự sinh")
    QuyChePage.objects.filter(pk=derived.pk).update(slug="qc-quy-che-dia-chi-tu-sinh")  # as the editor derives it
    chosen = draft_document(world, "quy chế địa chỉ chọn sẵn")
    derived = advance(QuyChePage.objects.get(pk=derived.pk), world, "issued")
    chosen_slug = chosen.slug
    chosen = advance(chosen, world, "issued")
    assert derived.slug == "01-qc-bcd-quy-che-dia-chi-tu-sinh"
    assert derived.url_path.endswith("/01-qc-bcd-quy-che-dia-chi-tu-sinh/")
    assert chosen.slug == chosen_slug and chosen.notation == "02-QC/BCĐ"


def test_a_new_document_starts_with_the_issuers_usual_signer(client, world):
    draft_document(world, "quy chế có người ký quen")  # signed by TRƯỞNG BAN Nguyễn Văn Ký
    client.force_login(world.users["soanthao"])
    form = client.get(f"/admin/pages/add/documents/quyetdinhpage/{world.bcd_index.pk}/").content.decode()
    assert 'value="Nguyễn Văn Ký"' in form and 'value="TRƯỞNG BAN"' in form


def test_trinh_ky_in_the_editor_takes_a_comment_that_the_signer_reads(client, world, django_capture_on_commit_callbacks):
    page = draft_document(world, "quy chế trình kèm ý kiến")
    _as(client, world, "soanthao")
    editor = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert 'name="vanban_submit_comment"' in editor and 'form="page-edit-form"' in editor
    data = _blank_quyet_dinh("quy chế trình kèm ý kiến", **{"action-submit": "1",
                                                           "vanban_submit_comment": "Kính trình, cần ký trong tuần"})
    data.pop("decider"), data.pop("proposal")
    data["signer_position"], data["signer_name"] = "TRƯỞNG BAN", "Nguyễn Văn Ký"
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/admin/pages/{page.pk}/edit/", data).status_code == 302
    assert QuyChePage.objects.get(pk=page.pk).state == DocumentState.SUBMITTED
    entry = PageLogEntry.objects.get(page=page, action="vanban.submit")
    assert entry.data["comment"] == "Kính trình, cần ký trong tuần" and entry.user == world.users["soanthao"]
    assert [m.to for m in mail.outbox] == [["lanhdao@lagi.example"]]
    assert "Ý kiến khi trình: Kính trình, cần ký trong tuần" in mail.outbox[0].body

    _as(client, world, "lanhdao")
    for url in (f"/admin/pages/{page.pk}/edit/", f"/admin/van-ban/{page.pk}/ky-duyet/",
                f"/admin/pages/{page.pk}/history/"):
        assert "Kính trình, cần ký trong tuần" in client.get(url).content.decode(), url


def test_trinh_ky_without_a_comment_logs_none_and_leaves_no_comment_behind(client, world):
    page = draft_document(world, "quy chế trình không ý kiến")
    _as(client, world, "soanthao")
    data = _blank_quyet_dinh("quy chế trình không ý kiến", **{"action-submit": "1"})
    data.pop("decider"), data.pop("proposal")
    assert client.post(f"/admin/pages/{page.pk}/edit/", data).status_code == 302
    assert PageLogEntry.objects.get(page=page, action="vanban.submit").data["comment"] == ""
    later = transitions.submit(draft_document(world, "quy chế trình sau đó"), world.users["soanthao"])
    assert PageLogEntry.objects.get(page=later, action="vanban.submit").data["comment"] == ""
    assert "Ý kiến khi trình" not in _as(client, world, "lanhdao").get(f"/admin/van-ban/{page.pk}/ky-duyet/").content.decode()


def test_a_phone_keeps_the_title_notation_and_state_of_the_listing(client, world):
    """Kind, date, parent and "updated" carry the class that the admin CSS hides below 50em, header and cells."""
    draft_document(world, "quy chế trên điện thoại")
    _as(client, world, "vanthu")
    for url, query in ((f"/admin/pages/{world.bcd_index.pk}/", {}), ("/admin/pages/search/", {"q": "dien thoai"})):
        html = client.get(url, query).content.decode()
        assert html.count('<th class="vanban-wide-only"') >= 3, url
        assert '<td class="vanban-wide-only"' in html and "quy chế trên điện thoại" in html, url
    assert ".vanban-wide-only { display: none; }" in (settings.BASE_DIR / "cms/static/cms/admin.css").read_text()
    assert "cms/admin.css" in client.get("/admin/").content.decode()


def test_a_clerk_opening_the_issuers_section_cannot_change_its_issuer(client, world):
    """The section's title opens its editor: the clerk finds no "Cơ quan ban hành" to change there, and a
    forged post does not change it; the administrator still sets it."""
    from documents.models import IssuerIndexPage

    section = IssuerIndexPage.objects.get(pk=world.bcd_index.pk)
    other = next(issuer for issuer in world.issuers.values() if getattr(issuer, "pk", None) and issuer != world.bcd
                 and type(issuer) is type(world.bcd))
    url = f"/admin/pages/{section.pk}/edit/"
    form = _as(client, world, "vanthu").get(url)
    assert form.status_code == 200 and 'name="issuer"' not in form.content.decode()
    client.post(url, {"title": section.title, "slug": section.slug, "issuer": other.pk})
    assert IssuerIndexPage.objects.get(pk=section.pk).issuer_id == world.bcd.pk
    assert 'name="issuer"' in _as(client, world, "quantri").get(url).content.decode()


def test_the_signers_account_is_chosen_by_name(client, world):
    leader = world.users["lanhdao"]
    leader.first_name, leader.last_name = "Nguyễn Quốc", "Nam"
    leader.save()
    page = draft_document(world, "quy chế chọn người ký")
    html = _as(client, world, "soanthao").get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert f'<option value="{leader.pk}">Nguyễn Quốc Nam (lanhdao)</option>' in html


def test_every_action_icon_is_in_wagtails_sprite():
    """An icon the sprite lacks shows as a blank gap in the action menu ("Trả lại" asked for "undo")."""
    from pathlib import Path

    import wagtail

    from documents.workflow import admin_views
    from documents.workflow.editor_hooks import ICONS

    sprite = Path(wagtail.__file__).parent / "admin" / "templates" / "wagtailadmin" / "icons"
    names = set(ICONS.values()) | {view.header_icon for view in vars(admin_views).values()
                                   if isinstance(view, type) and getattr(view, "header_icon", "")}
    assert names and all((sprite / f"{name}.svg").exists() for name in names), sorted(names)


def test_a_submitted_document_is_listed_as_waiting_to_be_signed(client, world):
    """"Trình ký" is the drafter's act; the state it leaves, as the listing shows it, is "Chờ ký"."""
    page = transitions.submit(draft_document(world, "quy chế đang chờ ký"), world.users["soanthao"])
    html = _as(client, world, "vanthu").get(f"/admin/pages/{world.bcd_index.pk}/").content.decode()
    row = html[html.index("quy chế đang chờ ký"):]
    assert "Chờ ký" in row[:row.index("</tr>")]
    assert page.get_state_display() == "Chờ ký"


def test_only_a_quyet_dinh_is_told_that_it_prints_its_own_quyet_dinh_line(client, world):
    _as(client, world, "soanthao")
    parent = world.bcd_index.pk
    decision = client.get(f"/admin/pages/add/documents/quyetdinhpage/{parent}/").content.decode()
    plan = client.get(f"/admin/pages/add/documents/kehoachpage/{parent}/").content.decode()
    assert "tự in “QUYẾT ĐỊNH:”" in decision
    assert "QUYẾT ĐỊNH" not in plan and "Câu dẫn sau các căn cứ" in plan



def test_the_clerk_sees_in_the_editor_that_a_document_was_signed_without_a_comment(client, world):
    """Signed without a word, the locked editor's banner said only "đã khóa từ khi trình ký": the menu's "Cấp số"
    was the only sign that the leader had signed."""
    page = advance(draft_document(world, "quy chế ký không ý kiến"), world, "submitted")
    transitions.approve(page, world.users["lanhdao"], "")
    editor = _as(client, world, "vanthu").get(f"/admin/pages/{page.pk}/edit/").content.decode()
    signer = world.users["lanhdao"].get_full_name() or "lanhdao"
    assert f"{signer} đã ký duyệt; văn bản chờ cấp số và ban hành." in editor
    assert "Ý kiến khi ký của" not in editor
