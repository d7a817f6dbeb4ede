"""Cơ quan ban hành (issuing bodies) and nhiệm kỳ (committee terms)."""
from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from documents.text.names import written_name


class System(models.TextChoices):
    PARTY = "party", _("Đảng")
    STATE = "state", _("Nhà nước")


class IssuerKind(models.TextChoices):
    CAP_UY = "cap_uy", _("Cấp ủy")
    BAN_THUONG_VU = "ban_thuong_vu", _("Ban Thường vụ")
    BAN_CHI_DAO = "ban_chi_dao", _("Ban chỉ đạo")
    TIEU_BAN = "tieu_ban", _("Tiểu ban")
    TO_GIUP_VIEC = "to_giup_viec", _("Tổ giúp việc")
    UY_BAN_KIEM_TRA = "uy_ban_kiem_tra", _("Ủy ban kiểm tra")
    CHI_BO = "chi_bo", _("Chi bộ")
    DAI_HOI = "dai_hoi", _("Đại hội")
    VAN_PHONG = "van_phong", _("Văn phòng")
    CO_QUAN_THAM_MUU = "co_quan_tham_muu", _("Cơ quan tham mưu, giúp việc")
    UY_BAN_NHAN_DAN = "uy_ban_nhan_dan", _("Ủy ban nhân dân")
    HOI_DONG_NHAN_DAN = "hoi_dong_nhan_dan", _("Hội đồng nhân dân")
    OTHER = "other", _("Khác")


class StateNumbering(models.TextChoices):
    SINGLE = "single", _("Một sổ chung cho mọi loại văn bản")
    PER_TYPE = "per_type", _("Mỗi loại văn bản một sổ")


class Issuer(models.Model):
    """Cơ quan ban hành: a body that issues documents in its own name."""

    name = models.CharField(_("tên đầy đủ"), max_length=255)
    code = models.CharField(_("ký hiệu viết tắt"), max_length=40, help_text=_("Dùng trong ký hiệu văn bản, ví dụ BCĐ, ĐU, UBND."))
    superior = models.ForeignKey(
        "self", verbose_name=_("cấp trên trực tiếp"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="subordinates",
    )
    superior_name = models.CharField(
        _("tên cấp trên in trên văn bản"), max_length=255, blank=True,
        help_text=_("Để trống để dùng tên của cấp trên trực tiếp."),
    )
    place_name = models.CharField(_("địa danh"), max_length=100)
    system = models.CharField(_("hệ thống"), max_length=10, choices=System.choices, default=System.PARTY)
    kind = models.CharField(_("loại cơ quan"), max_length=30, choices=IssuerKind.choices, default=IssuerKind.OTHER)
    office = models.ForeignKey(
        "self", verbose_name=_("văn phòng làm công tác văn thư"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="served_issuers",
    )
    state_numbering = models.CharField(
        _("cách đánh số (Nhà nước)"), max_length=10, choices=StateNumbering.choices, default=StateNumbering.SINGLE,
    )
    slug = models.SlugField(_("đường dẫn"), unique=True)

    class Meta:
        verbose_name = _("cơ quan ban hành")
        verbose_name_plural = _("cơ quan ban hành")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def printed_superior(self) -> str:
        if self.superior_name:
            return self.superior_name
        return self.superior.name.upper() if self.superior is not None else ""

    @property
    def display_name(self) -> str:
        """The name as readers write it ("Đảng ủy phường La Gi"): its section's title if written so, else derived."""
        title = getattr(getattr(self, "index_page", None), "title", "")  # reverse one-to-one; absent → None
        return title if title and not title.isupper() else written_name(self.name)

    def lineage(self) -> list[Issuer]:
        """This issuer followed by its superiors, nearest first."""
        chain: list[Issuer] = []
        node: Issuer | None = self
        while node is not None and node not in chain:
            chain.append(node)
            node = node.superior
        return chain


class Term(models.Model):
    """Nhiệm kỳ: Party numbering runs per type for a whole committee term."""

    issuer = models.ForeignKey(Issuer, verbose_name=_("cấp ủy"), on_delete=models.CASCADE, related_name="terms")
    name = models.CharField(_("tên nhiệm kỳ"), max_length=50, help_text=_("Ví dụ 2025–2030"))
    starts_on = models.DateField(_("bắt đầu"))
    ends_on = models.DateField(_("kết thúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("nhiệm kỳ")
        verbose_name_plural = _("nhiệm kỳ")
        ordering = ["-starts_on"]

    def __str__(self) -> str:
        return f"{self.issuer.code} {self.name}"

    def clean(self) -> None:
        """A term ends after it starts and does not overlap another term of the same committee: a day belongs to one
        term, whose registers number it."""
        if self.ends_on is not None and self.starts_on is not None and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("Ngày kết thúc phải sau ngày bắt đầu.")})
        if self.issuer_id is None or self.starts_on is None:
            return
        others = Term.objects.filter(issuer_id=self.issuer_id).exclude(pk=self.pk)
        if self.ends_on is not None:
            others = others.filter(starts_on__lte=self.ends_on)
        overlap = others.filter(models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=self.starts_on)).first()
        if overlap is not None:
            raise ValidationError(_("Trùng thời gian với nhiệm kỳ %(name)s của cấp ủy này.") % {"name": overlap.name})

    def covers(self, day: datetime.date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)

    @classmethod
    def for_issuer(cls, issuer: Issuer, day: datetime.date) -> Term | None:
        """The term of the issuer, or of its nearest superior that has one, covering the day."""
        for body in issuer.lineage():
            for term in body.terms.all():
                if term.covers(day):
                    return term
        return None
