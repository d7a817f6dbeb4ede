"""Builders for the permission, workflow and auth tests (issue 3): people in every role, documents in every state.

Documents go through the real transitions (documents.workflow.transitions), so a "signed" document has been
submitted and signed, an "issued" one numbered and published by the workflow, a "recalled" one recalled.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from documents.kinds.quy_che import QuyChePage
from documents.models import DocumentAttachment, DocumentRecipient, Recipient, RecipientKind
from documents.permissions import grant_view
from documents.roles import Role, apply_roles, attachments_collection, grant_role
from documents.workflow import transitions
from tests import factories

# People of the matrix (tests/permission_matrix.py): who they are at the Ban chỉ đạo (BCĐ) issuing the documents.
PEOPLE: dict[str, tuple[str, str] | None] = {
    "anonymous": None,
    "thanhvien": ("ban_chi_dao", Role.THANH_VIEN),  # member of the issuer
    "thanhvien_cap_tren": ("dang_uy", Role.THANH_VIEN),  # member of the issuer's superior (Đảng ủy)
    "thanhvien_khac": ("ubnd", Role.THANH_VIEN),  # member of another issuer
    "soanthao": ("ban_chi_dao", Role.SOAN_THAO),
    "lanhdao": ("ban_chi_dao", Role.LANH_DAO),
    "vanthu": ("ban_chi_dao", Role.VAN_THU),
    "duoc_cap_quyen": None,  # no role; granted view on restricted documents with django-guardian
    "noi_nhan": None,  # no role; named in the restricted documents' Nơi nhận (directory entry with an account)
}
STATES = ("draft", "submitted", "signed", "issued", "recalled")
VISIBILITIES = ("public", "internal", "restricted")
_counter = itertools.count(1)


@dataclass
class World:
    issuers: dict
    users: dict = field(default_factory=dict)  # name → User (anonymous absent)
    recipient: Recipient | None = None

    @property
    def bcd(self):
        return self.issuers["ban_chi_dao"]

    @property
    def bcd_index(self):
        return self.issuers["index_pages"][self.bcd.slug]


def build_world() -> World:
    issuers = factories.create_la_gi_issuers()
    apply_roles()
    world = World(issuers=issuers)
    for name, role in PEOPLE.items():
        if name == "anonymous":
            continue
        user = factories.create_user(name)
        if role is not None:
            grant_role(user, issuers[role[0]], role[1])
        world.users[name] = user
    world.users["quantri"] = factories.create_user("quantri", superuser=True)
    world.recipient = Recipient.objects.create(name="Đồng chí Nơi Nhận", kind=RecipientKind.PERSON,
                                               user=world.users["noi_nhan"])
    return world


def attach_file(page, world: World, name: str):
    """A text attachment in the issuer's private collection."""
    Document = get_document_model()
    document = Document(title=f"Tệp {name}", collection=attachments_collection(page.issuer))
    document.file.save(f"{name}.txt", ContentFile(f"Tệp đính kèm {name}".encode()), save=False)
    document.save()
    DocumentAttachment.objects.create(page=page, document=document, caption=f"Phụ lục {name}")
    return document


def draft_document(world: World, title: str, visibility: str = "internal", *, owner=None, recipient: bool = True,
                   with_file: bool = True) -> QuyChePage:
    """A draft quy chế of the BCĐ as the admin's "Save draft" leaves it: not live, one revision."""
    owner = owner or world.users["soanthao"]
    slug = f"van-ban-{next(_counter)}"
    page = QuyChePage(title=title, slug=slug, issuer=world.bcd, visibility=visibility, live=False, owner=owner,
                      signer_position="TRƯỞNG BAN", signer_name="Nguyễn Văn Ký")
    world.bcd_index.add_child(instance=page)
    if recipient:
        DocumentRecipient.objects.create(page=page, name=world.recipient.name, recipient=world.recipient, sort_order=0)
    if with_file:
        attach_file(page, world, slug)
    page.save_revision(user=owner)
    return QuyChePage.objects.get(pk=page.pk)


def advance(page, world: World, state: str) -> QuyChePage:
    """Run the real transitions up to `state` (draft, submitted, signed, issued, recalled)."""
    steps = STATES.index(state)
    if steps >= 1:
        page = transitions.submit(page, world.users["soanthao"], "Kính trình")
    if steps >= 2:
        page = transitions.approve(page, world.users["lanhdao"], "Đồng ý")
    if steps >= 3:
        page = transitions.approve(page, world.users["vanthu"])
    if steps >= 4:
        page = transitions.recall(page, world.users["vanthu"], "Ban hành nhầm")
    return QuyChePage.objects.get(pk=page.pk)


def make_document(world: World, visibility: str, state: str, title: str | None = None) -> QuyChePage:
    title = title or f"quy chế {visibility} {state} mã{next(_counter)}"
    page = draft_document(world, title, visibility)
    if visibility == "restricted":
        grant_view(page, world.users["duoc_cap_quyen"])
    return advance(page, world, state)
