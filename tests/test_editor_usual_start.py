"""Issue 10: a new document starts as the issuer's usual one ("Tạo từ mẫu"): the signer, the căn cứ and the Nơi
nhận of its latest issued document of the kind, else of any kind; the drafter edits instead of typing."""
from __future__ import annotations

import pytest

from documents.drafting import usual_start
from documents.kinds.quyet_dinh import QuyetDinhPage
from documents.models import DocumentBasis, DocumentRecipient, DocumentState, Recipient, RecipientKind
from documents.workflow import transitions
from tests.permission_setup import advance, build_world, draft_document
from tests.test_editor_recipients import _form

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def _issued_with(world, title: str, bases: list[str], archive: Recipient):
    page = draft_document(world, title)
    for n, text in enumerate(bases):
        DocumentBasis.objects.create(page=page, text=text, sort_order=n)
    DocumentRecipient.objects.create(page=page, name=archive.name, recipient=archive, archive=True, sort_order=1)
    page.save_revision(user=world.users["soanthao"])
    return advance(page, world, "issued")


def test_the_usual_start_comes_from_the_latest_issued_document_of_the_kind_else_of_any_kind(world):
    archive = Recipient.objects.create(name="Lưu Văn phòng Đảng ủy", kind=RecipientKind.BODY)
    _issued_with(world, "quy chế cũ", ["Căn cứ Điều lệ Đảng;", "Căn cứ Quy chế làm việc của Ban Chỉ đạo;"], archive)
    draft_document(world, "quy chế chưa ban hành, không được lấy làm mẫu")
    usual = usual_start(world.bcd.pk, "quyet_dinh")  # no quyết định issued yet: any kind
    assert [b["text"] for b in usual.bases] == ["Căn cứ Điều lệ Đảng;", "Căn cứ Quy chế làm việc của Ban Chỉ đạo;"]
    assert [(r["name"], r["archive"]) for r in usual.recipients] == [
        (world.recipient.name, False), ("Lưu Văn phòng Đảng ủy", True)]
    assert usual.signer["signer_name"] == "Nguyễn Văn Ký"
    assert usual_start(world.issuers["ubnd"].pk, "quyet_dinh").bases == []  # another issuer's are not its own

    page = QuyetDinhPage(title="quyết định mẫu", slug="qd-mau", issuer=world.bcd, live=False,
                         owner=world.users["soanthao"], signer_position="TRƯỞNG BAN", signer_name="Nguyễn Văn Ký")
    world.bcd_index.add_child(instance=page)
    DocumentBasis.objects.create(page=page, text="Căn cứ Quyết định thành lập Ban Chỉ đạo;", sort_order=0)
    DocumentRecipient.objects.create(page=page, name=archive.name, recipient=archive, archive=True, sort_order=0)
    page.save_revision(user=world.users["soanthao"])
    page = transitions.submit(page, world.users["soanthao"])
    transitions.approve(transitions.approve(page, world.users["lanhdao"]), world.users["vanthu"])
    usual = usual_start(world.bcd.pk, "quyet_dinh")
    assert QuyetDinhPage.objects.get(pk=page.pk).state == DocumentState.ISSUED
    assert [b["text"] for b in usual.bases] == ["Căn cứ Quyết định thành lập Ban Chỉ đạo;"]
    assert [r["name"] for r in usual.recipients] == ["Lưu Văn phòng Đảng ủy"]
    assert len(usual_start(world.bcd.pk, "quy_che").bases) == 2  # its own kind first


def test_the_blank_form_shows_them_as_lines_to_edit_and_saves_what_is_posted(client, world):
    archive = Recipient.objects.create(name="Lưu Văn phòng Đảng ủy", kind=RecipientKind.BODY)
    earlier = _issued_with(world, "quy chế cũ", ["Căn cứ Điều lệ Đảng;"], archive)
    client.force_login(world.users["soanthao"])
    url = f"/admin/pages/add/documents/quyetdinhpage/{world.bcd_index.pk}/"
    form = client.get(url).content.decode()
    assert "Căn cứ Điều lệ Đảng;" in form and 'value="Lưu Văn phòng Đảng ủy"' in form
    # Where the lines come from is said, so that none foreign to this document is issued with it.
    assert f"Căn cứ và Nơi nhận được điền sẵn theo Quy chế {earlier.notation}" in form
    assert 'name="bases-TOTAL_FORMS" value="1"' in form and 'name="recipients-TOTAL_FORMS" value="2"' in form
    assert 'name="bases-INITIAL_FORMS" value="0"' in form
    assert 'value="Nguyễn Văn Ký"' in form

    posted = _form("về việc dùng mẫu", [{"recipient": archive.pk, "name": "Lưu Văn phòng Đảng ủy", "purpose": "",
                                        "archive": True}])
    posted.update({"bases-TOTAL_FORMS": "1", "bases-0-text": "Căn cứ Điều lệ Đảng (sửa);", "bases-0-target": "",
                   "bases-0-ORDER": "1", "bases-0-DELETE": "", "bases-0-id": ""})
    assert client.post(url, posted).status_code == 302
    page = QuyetDinhPage.objects.get(title="về việc dùng mẫu").get_latest_revision_as_object()
    assert [b.text for b in page.bases.all()] == ["Căn cứ Điều lệ Đảng (sửa);"]
    assert [(r.name, r.archive) for r in page.recipients.all()] == [("Lưu Văn phòng Đảng ủy", True)]


def test_a_restricted_document_is_no_pattern_for_the_next(world):
    """Its Nơi nhận names the few people it was for: a new document starts from the latest one that is not."""
    archive = Recipient.objects.create(name="Lưu Văn phòng Đảng ủy", kind=RecipientKind.BODY)
    _issued_with(world, "quy chế công khai", ["Căn cứ Điều lệ Đảng;"], archive)
    secret = draft_document(world, "quy chế hạn chế", "restricted")
    DocumentBasis.objects.create(page=secret, text="Căn cứ văn bản hạn chế;", sort_order=0)
    DocumentRecipient.objects.create(page=secret, name="Đồng chí Thành viên (người nhận văn bản hạn chế)",
                                     sort_order=0)
    secret.save_revision(user=world.users["soanthao"])
    assert advance(secret, world, "issued").state == DocumentState.ISSUED
    usual = usual_start(world.bcd.pk, "quy_che")
    assert [b["text"] for b in usual.bases] == ["Căn cứ Điều lệ Đảng;"]
    assert "Đồng chí Thành viên (người nhận văn bản hạn chế)" not in [r["name"] for r in usual.recipients]
    assert [p.title for p in usual.copied_from] == ["quy chế công khai"]
