"""What a Wagtail group means: a role held at one issuer (văn thư, soạn thảo, lãnh đạo, thành viên).

The declarative table lives in cms/roles.py; `manage.py apply_roles` turns it into these rows, the groups and
their permissions. Membership is ordinary Django group membership, so a person may hold roles at several issuers.
"""
from __future__ import annotations

from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _

from cms.roles import Role


class IssuerRole(models.Model):
    issuer = models.ForeignKey(
        "documents.Issuer", verbose_name=_("cơ quan ban hành"), on_delete=models.CASCADE, related_name="roles",
    )
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices)
    group = models.OneToOneField(Group, verbose_name=_("nhóm"), on_delete=models.CASCADE, related_name="issuer_role")

    class Meta:
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
        verbose_name = _("thư mục tệp của cơ quan")
        verbose_name_plural = _("thư mục tệp của cơ quan")

    def __str__(self) -> str:
        return str(self.collection)
