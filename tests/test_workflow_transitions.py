"""Workflow dự thảo → trình ký → đã ký → ban hành, return with a comment, recall, amend/replace (issue 3 item 2)."""
from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from wagtail.models import PageLogEntry

from documents.kinds.quy_che import QuyChePage
from documents.models import DocumentRelation, DocumentState, LegalStatus
from documents.roles import Role, grant_role
from documents.signals import document_changed, document_issued, document_recalled
from documents.workflow import transitions
from documents.workflow.transitions import TransitionError
from tests import factories
from tests.permission_setup import advance, build_world, draft_document, make_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


@pytest.fixture
def received():
    """Signals received, as (signal name, page id, user)."""
    seen = []

    def make(name):
        def receiver(sender, page=None, user=None, **kwargs):
            seen.append((name, page.pk, user))
        return receiver

    receivers = {document_issued: make("issued"), document_recalled: make("recalled"), document_changed: make("changed")}
    for signal, receiver in receivers.items():
        signal.connect(receiver)
    yield seen
    for signal, receiver in receivers.items():
        signal.disconnect(receiver)


def _actions(page) -> list[tuple[str, str, str]]:
    entries = PageLogEntry.objects.filter(page=page, action__startswith="vanban.").order_by("timestamp", "pk")
    return [(e.action, e.user.username if e.user else "", e.data.get("comment", "")) for e in entries]


def test_the_whole_life_of_a_document(world, received, django_capture_on_commit_callbacks):
    page = draft_document(world, "quy chế làm việc", "public")
    page = transitions.submit(page, world.users["soanthao"], "Kính trình")
    assert page.state == DocumentState.SUBMITTED and not page.live
    page = transitions.approve(page, world.users["lanhdao"], "Đồng ý")
    assert page.state == DocumentState.SIGNED and page.number is None
    assert page.signer_user == world.users["lanhdao"]
    with django_capture_on_commit_callbacks(execute=True):
        page = transitions.approve(page, world.users["vanthu"], "Vào sổ")
    page = QuyChePage.objects.get(pk=page.pk)
    assert page.state == DocumentState.ISSUED and page.live
    assert page.number == 1 and page.notation == "01-QC/BCĐ" and page.issued_on is not None
    assert page.legal_status == LegalStatus.IN_FORCE
    # The published revision carries the number: publishing it again cannot bring back an unnumbered page.
    live = page.live_revision.content
    assert (live["number"], live["notation"], live["state"]) == (1, "01-QC/BCĐ", "issued")
    assert ("issued", page.pk, world.users["vanthu"]) in received
    with django_capture_on_commit_callbacks(execute=True):
        page = transitions.recall(page, world.users["vanthu"], "Ban hành nhầm đối tượng")
    assert page.state == DocumentState.RECALLED and not page.live
    assert ("recalled", page.pk, world.users["vanthu"]) in received
    assert _actions(page) == [
        ("vanban.submit", "soanthao", "Kính trình"),
        ("vanban.sign", "lanhdao", "Đồng ý"),
        ("vanban.issue", "vanthu", "Vào sổ"),
        ("vanban.original", "", ""),  # issue 11: the issued original stored, its SHA-256 in data
        ("vanban.recall", "vanthu", "Ban hành nhầm đối tượng"),
    ]


def test_only_the_role_of_the_step_at_the_issuer_decides(world):
    page = draft_document(world, "quy chế phân quyền", "internal")
    with pytest.raises(PermissionDenied):
        transitions.submit(page, world.users["thanhvien"])
    page = transitions.submit(page, world.users["soanthao"])
    other_signer = factories.create_user("lanhdaokhac")
    grant_role(other_signer, world.issuers["ubnd"], Role.LANH_DAO)
    for user in (world.users["soanthao"], world.users["vanthu"], world.users["thanhvien"], other_signer):
        with pytest.raises(PermissionDenied):
            transitions.approve(page, user)
    page = transitions.approve(page, world.users["lanhdao"])
    for user in (world.users["lanhdao"], world.users["soanthao"]):
        with pytest.raises(PermissionDenied):
            transitions.approve(page, user)
    assert QuyChePage.objects.get(pk=page.pk).state == DocumentState.SIGNED


@pytest.mark.parametrize("step", ["submitted", "signed"])
def test_returning_needs_a_comment_and_restarts_at_signature(world, step):
    page = advance(draft_document(world, "quy chế trả lại", "internal"), world, step)
    decider = world.users["lanhdao" if step == "submitted" else "vanthu"]
    with pytest.raises(TransitionError):
        transitions.reject(page, decider, "   ")
    page = transitions.reject(page, decider, "Sửa lại Điều 3")
    assert page.state == DocumentState.DRAFT and page.current_workflow_state is None
    assert _actions(page)[-1] == ("vanban.return", decider.username, "Sửa lại Điều 3")
    page = transitions.submit(page, world.users["soanthao"], "Trình lại")
    assert page.state == DocumentState.SUBMITTED
    assert page.current_workflow_task.specific.role == Role.LANH_DAO  # a new signature is needed


def test_only_the_clerk_recalls_and_says_why(world):
    page = make_document(world, "public", "issued")
    for user in (world.users["lanhdao"], world.users["soanthao"]):
        with pytest.raises(PermissionDenied):
            transitions.recall(page, user, "lý do")
    with pytest.raises(TransitionError):
        transitions.recall(page, world.users["vanthu"], "")
    with pytest.raises(TransitionError):
        transitions.recall(make_document(world, "public", "signed"), world.users["vanthu"], "chưa ban hành")


@pytest.mark.parametrize(("relation", "status"), [
    ("replaces", LegalStatus.EXPIRED), ("repeals", LegalStatus.EXPIRED), ("amends", LegalStatus.PARTLY_EXPIRED),
])
def test_issuing_a_changing_document_updates_the_old_one(world, received, relation, status,
                                                         django_capture_on_commit_callbacks):
    old = make_document(world, "public", "issued")
    new = draft_document(world, f"quy chế {relation}", "public")
    DocumentRelation.objects.create(page=new, relation=relation, target=old, sort_order=0)
    new.save_revision()  # relations are part of the revision
    with django_capture_on_commit_callbacks(execute=True):
        advance(new, world, "issued")
    old = QuyChePage.objects.get(pk=old.pk)
    assert old.legal_status == status
    assert old.get_latest_revision().content["legal_status"] == status  # never brought back by a revision
    assert ("changed", old.pk, world.users["vanthu"]) in received
    assert PageLogEntry.objects.filter(page=old, action="vanban.status").exists()


def test_another_issuer_cannot_replace_a_document(world):
    from documents.models import IssuerIndexPage

    old = make_document(world, "public", "issued")  # of the Ban chỉ đạo
    ubnd = world.issuers["ubnd"]
    for name, role in (("soanthao", Role.SOAN_THAO), ("lanhdao", Role.LANH_DAO), ("vanthu", Role.VAN_THU)):
        grant_role(world.users[name], ubnd, role)
    new = QuyChePage(title="quy chế của UBND", slug="quy-che-ubnd", issuer=ubnd, visibility="public", live=False)
    IssuerIndexPage.objects.get(issuer=ubnd).add_child(instance=new)
    DocumentRelation.objects.create(page=new, relation="replaces", target=old, sort_order=0)
    new.save_revision()  # relations are part of the revision
    page = advance(new, world, "signed")
    with pytest.raises(TransitionError):
        transitions.approve(page, world.users["vanthu"])
    assert QuyChePage.objects.get(pk=old.pk).legal_status == LegalStatus.IN_FORCE
    assert QuyChePage.objects.get(pk=new.pk).number is None  # nothing was numbered: all rolled back


def test_publishing_happens_only_through_the_issue_step(world):
    page = draft_document(world, "quy chế xuất bản thẳng", "public")
    index_perms = world.bcd_index.permissions_for_user(world.users["vanthu"])
    assert not index_perms.can_publish_subpage()
    for name in ("vanthu", "quantri"):
        assert not page.permissions_for_user(world.users[name]).can_publish()
    with pytest.raises(PermissionDenied):
        page.get_latest_revision().publish(user=world.users["vanthu"])
    signed = make_document(world, "public", "signed")
    assert signed.permissions_for_user(world.users["vanthu"]).can_edit()
    assert signed.get_lock().for_user(world.users["vanthu"])  # signed content is frozen during ban hành


def test_an_issued_document_is_neither_deleted_nor_moved(world):
    page = make_document(world, "public", "issued")
    perms = page.permissions_for_user(world.users["vanthu"])
    assert not perms.can_delete() and not perms.can_move() and not perms.can_unpublish()
    superuser = page.permissions_for_user(world.users["quantri"])
    assert not superuser.can_delete() and not superuser.can_unpublish()


def test_a_signer_editing_during_signature_signs_the_new_text(world):
    page = advance(draft_document(world, "quy chế sửa khi ký", "public"), world, "submitted")
    page.title = "quy chế sửa khi ký (đã sửa)"
    page.save_revision(user=world.users["lanhdao"])
    page = transitions.approve(page, world.users["lanhdao"])
    assert page.state == DocumentState.SUBMITTED  # Wagtail asks to approve the new revision again
    page = transitions.approve(page, world.users["lanhdao"])
    assert page.state == DocumentState.SIGNED
    page = transitions.approve(page, world.users["vanthu"])
    assert QuyChePage.objects.get(pk=page.pk).title == "quy chế sửa khi ký (đã sửa)"


def test_the_admin_listing_shows_when_each_act_happened(world, client):
    """"Cập nhật" (latest_revision_created_at) moves with trình ký, ký and ban hành, not only with an edit, so the
    document just issued tops the clerk's newest-first list."""
    page = draft_document(world, "quy chế vừa ban hành")
    older = draft_document(world, "quy chế sửa sau")
    stamps = [QuyChePage.objects.get(pk=page.pk).latest_revision_created_at]
    for act, name in ((transitions.submit, "soanthao"), (transitions.approve, "lanhdao"),
                      (transitions.approve, "vanthu")):
        page = act(page, world.users[name])
        stamps.append(QuyChePage.objects.get(pk=page.pk).latest_revision_created_at)
    assert QuyChePage.objects.get(pk=page.pk).state == DocumentState.ISSUED
    assert stamps == sorted(stamps) and len(set(stamps)) == 4
    assert stamps[-1] > QuyChePage.objects.get(pk=older.pk).latest_revision_created_at
    client.force_login(world.users["vanthu"])
    listing = client.get(f"/admin/pages/{page.get_parent().pk}/").content.decode()
    assert listing.index("quy chế vừa ban hành") < listing.index("quy chế sửa sau")


def test_a_draft_follows_the_rules_of_today_and_an_issued_document_those_of_its_date(world):
    """A draft has no date: it was given Quy định 66-QĐ/TW, replaced on 9/1/2026, and kept it when issued in
    December 2026. Saved, a draft takes today's rules; issued, a document takes those of its date."""
    import datetime

    from django.utils import timezone

    from documents.models.base import PARTY_RULES_2026, RuleSet

    draft = draft_document(world, "quy chế soạn trong trình soạn thảo")
    assert draft.issued_on is None
    today = timezone.localdate()
    assert draft.rule_set == (RuleSet.PARTY_399 if today >= PARTY_RULES_2026 else RuleSet.PARTY_66)
    draft.rule_set = RuleSet.PARTY_66  # begun before the new rules
    draft.save_revision(user=world.users["soanthao"])
    signed = advance(QuyChePage.objects.get(pk=draft.pk), world, "signed")
    assert signed.get_latest_revision().as_object().rule_set == RuleSet.PARTY_66
    issued = transitions.approve(signed, world.users["vanthu"], issued_on=max(today, datetime.date(2026, 1, 9)))
    assert QuyChePage.objects.get(pk=issued.pk).rule_set == RuleSet.PARTY_399
    assert issued.live_revision.as_object().rule_set == RuleSet.PARTY_399  # the published revision too
