"""What a Wagtail group means: a role held at one issuer (văn thư, soạn thảo, lãnh đạo, thành viên).

The declarative role table is here, beside the rows it describes, so that the permission rule and the workflow
read it without depending on the code that applies it (documents/roles.py, `manage.py apply_roles`).
Membership is ordinary Django group membership, so a person may hold roles at several issuers.
"""
from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    VAN_THU = "van_thu", _("Văn thư")
    SOAN_THAO = "soan_thao", _("Soạn thảo")
    LANH_DAO = "lanh_dao", _("Lãnh đạo")
    THANH_VIEN = "thanh_vien", _("Thành viên")


@dataclass(frozen=True)
class RoleDefinition:
    role: Role
    group_label: str  # Vietnamese, used in the group name "<issuer code> · <label>"
    page_permissions: frozenset[str]  # Wagtail page permission types on the issuer's IssuerIndexPage
    collection_permissions: frozenset[str]  # wagtaildocs codenames on the issuer's attachments collection
    admin_access: bool  # may enter the Wagtail admin
    handles_drafts: bool  # sees the issuer's documents before they are issued (draft, submitted, signed, recalled)
    reads_restricted: bool  # granted view (guardian) on the issuer's restricted documents


ROLE_TABLE: tuple[RoleDefinition, ...] = (
    RoleDefinition(
        Role.VAN_THU, "Văn thư", frozenset({"add", "change"}),
        frozenset({"add_document", "change_document", "choose_document"}),
        admin_access=True, handles_drafts=True, reads_restricted=True,  # keeps the register copy (bản lưu)
    ),
    RoleDefinition(
        Role.SOAN_THAO, "Soạn thảo", frozenset({"add", "change"}), frozenset({"add_document", "choose_document"}),
        admin_access=True, handles_drafts=True, reads_restricted=False,
    ),
    RoleDefinition(
        Role.LANH_DAO, "Lãnh đạo", frozenset({"change"}), frozenset({"choose_document"}),
        admin_access=True, handles_drafts=True, reads_restricted=False,
    ),
    RoleDefinition(
        Role.THANH_VIEN, "Thành viên", frozenset(), frozenset(),
        admin_access=False, handles_drafts=False, reads_restricted=False,
    ),
)
ROLES: dict[str, RoleDefinition] = {d.role.value: d for d in ROLE_TABLE}
DRAFT_ROLES: frozenset[str] = frozenset(code for code, d in ROLES.items() if d.handles_drafts)
RESTRICTED_READER_ROLES: frozenset[str] = frozenset(code for code, d in ROLES.items() if d.reads_restricted)


class IssuerRole(models.Model):
    issuer = models.ForeignKey(
        "documents.Issuer", verbose_name=_("cơ quan ban hành"), on_delete=models.CASCADE, related_name="roles",
    )
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices)
    group = models.OneToOneField(Group, verbose_name=_("nhóm"), on_delete=models.CASCADE, related_name="issuer_role")

    class Meta:
        db_table = "cms_issuerrole"  # created by the cms app before issue 9; the rows stay where they are
        verbose_name = _("vai trò tại cơ quan")
        verbose_name_plural = _("vai trò tại cơ quan")
        constraints = [models.UniqueConstraint(fields=["issuer", "role"], name="unique_issuer_role")]

    def __str__(self) -> str:
        return self.group.name


class IssuerCollection(models.Model):
    """The private Wagtail collection holding one issuer's attachments (downloads checked per document)."""

    issuer = models.OneToOneField(
        "documents.Issuer", verbose_name=_("cơ quan ban hành"), on_delete=models.CASCADE, related_name="attachment_space",
    )
    collection = models.OneToOneField(
        "wagtailcore.Collection", verbose_name=_("thư mục tệp"), on_delete=models.PROTECT, related_name="issuer_space",
    )

    class Meta:
        db_table = "cms_issuercollection"
        verbose_name = _("thư mục tệp của cơ quan")
        verbose_name_plural = _("thư mục tệp của cơ quan")

    def __str__(self) -> str:
        return str(self.collection)
