"""DocumentPage: the parts every official document shares (docs/domain.md §2).

The base is a concrete Page subclass rather than a Django-abstract one so that registers, relations,
recipients, search and permissions can point at a document of any kind with a real foreign key.
Each kind (documents/kinds/) subclasses it and adds its own body; a new kind is a new module.
"""
from __future__ import annotations

import datetime
from typing import ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from rest_framework import serializers
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.models import Orderable, Page

from documents.forms import DocumentPageForm
from documents.slugs import document_slug_base

from .issuers import Issuer, System

PARTY_RULES_2026 = datetime.date(2026, 1, 9)  # Quy định 399-QĐ/TW replaces 66-QĐ/TW


class DocumentState(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    SUBMITTED = "submitted", _("Chờ ký")  # a state, as listed; "Trình ký" is the act that enters it
    SIGNED = "signed", _("Đã ký")
    ISSUED = "issued", _("Đã ban hành")
    RECALLED = "recalled", _("Đã thu hồi")


# States of a document that went through the register (numbered at issue); recall keeps the number.
REGISTERED_STATES = frozenset({DocumentState.ISSUED, DocumentState.RECALLED})


class LegalStatus(models.TextChoices):
    NOT_YET = "chua_co_hieu_luc", _("Chưa có hiệu lực")
    IN_FORCE = "con_hieu_luc", _("Còn hiệu lực")
    PARTLY_EXPIRED = "het_hieu_luc_mot_phan", _("Hết hiệu lực một phần")
    EXPIRED = "het_hieu_luc", _("Hết hiệu lực")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Công khai")
    INTERNAL = "internal", _("Nội bộ")
    RESTRICTED = "restricted", _("Hạn chế")


class Confidentiality(models.TextChoices):
    NONE = "", _("Không mật")
    MAT = "mat", _("Mật")
    TOI_MAT = "toi_mat", _("Tối mật")
    TUYET_MAT = "tuyet_mat", _("Tuyệt mật")


class Urgency(models.TextChoices):
    NORMAL = "", _("Thường")
    KHAN = "khan", _("Khẩn")
    THUONG_KHAN = "thuong_khan", _("Thượng khẩn")
    HOA_TOC = "hoa_toc", _("Hỏa tốc")


class RuleSet(models.TextChoices):
    PARTY_66 = "qd66_hd36", _("Quy định 66-QĐ/TW và Hướng dẫn 36-HD/VPTW")
    PARTY_399 = "qd399", _("Quy định 399-QĐ/TW (2026)")
    STATE_30 = "nd30", _("Nghị định 30/2020/NĐ-CP")


class SignerAuthority(models.TextChoices):
    DIRECT = "", _("Ký trực tiếp")
    # Party and State documents write the same authorities differently (Hướng dẫn 36-HD/VPTW; Nghị định 30):
    # the label says which is which (short: the editor's select sits in a row on a phone), the value is what the
    # signature block prints.
    TM = "T/M", _("T/M (Đảng)")
    KT = "K/T", _("K/T (Đảng)")
    TL = "T/L", _("T/L (Đảng)")
    STATE_TM = "TM.", _("TM. (nhà nước)")
    STATE_KT = "KT.", _("KT. (nhà nước)")
    STATE_TL = "TL.", _("TL. (nhà nước)")
    STATE_TUQ = "TUQ.", _("TUQ. (nhà nước)")
    STATE_Q = "Q.", _("Q. (nhà nước)")


PARTY_AUTHORITIES = {"", "T/M", "K/T", "T/L"}
STATE_AUTHORITIES = {"", "TM.", "KT.", "TL.", "TUQ.", "Q."}


def default_rule_set(system: str, day: datetime.date | None) -> str:
    """The rule set a document was written under, derived from its system and date."""
    if system == System.STATE:
        return RuleSet.STATE_30
    if day is not None and day >= PARTY_RULES_2026:
        return RuleSet.PARTY_399
    return RuleSet.PARTY_66


UNIT_CODE = RegexValidator(r"^[^\W_]+(?:-[^\W_]+)*\Z", _("Ký hiệu đơn vị chỉ gồm chữ và số, nối bằng dấu “-”, ví dụ VP."))


class DocumentPage(Page):
    """Văn bản: shared structure of every official document kind."""

    # Set by each kind module.
    kind: ClassVar[str] = ""
    default_type_code: ClassVar[str] = ""
    type_name: ClassVar[str] = ""
    numbered: ClassVar[bool] = True

    kind_slug = models.CharField(_("loại"), max_length=30, editable=False, db_index=True)
    issuer = models.ForeignKey(Issuer, verbose_name=_("cơ quan ban hành"), on_delete=models.PROTECT, related_name="documents")
    type_code = models.CharField(_("ký hiệu loại văn bản"), max_length=10, blank=True)
    unit_code = models.CharField(_("ký hiệu đơn vị soạn thảo"), max_length=20, blank=True, validators=[UNIT_CODE],
                                 help_text=_("Sau ký hiệu cơ quan trong số và ký hiệu, ví dụ VP trong 15/UBND-VP; "
                                             "để trống nếu văn bản không ghi."))
    number = models.PositiveIntegerField(_("số"), null=True, blank=True, editable=False)
    notation = models.CharField(_("số và ký hiệu"), max_length=80, blank=True, editable=False)
    notation_key = models.CharField(max_length=80, blank=True, editable=False, db_index=True)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    place = models.CharField(_("địa danh"), max_length=100, blank=True)
    preamble = models.TextField(_("lời dẫn"), blank=True, help_text=_("Câu dẫn sau các căn cứ, ví dụ “… như sau:”."))
    attached_to = models.ForeignKey(
        "self", verbose_name=_("ban hành kèm theo văn bản"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="attachments_issued",
    )

    signer_authority = models.CharField(_("thẩm quyền ký"), max_length=5, choices=SignerAuthority.choices, blank=True)
    signer_authority_body = models.CharField(
        _("tập thể hoặc người đứng đầu"), max_length=255, blank=True, help_text=_("Ví dụ: BAN THƯỜNG VỤ, TRƯỞNG BAN."),
    )
    signer_position = models.CharField(_("chức vụ người ký"), max_length=255, blank=True)
    signer_name = models.CharField(_("họ tên người ký"), max_length=255, blank=True)
    signer_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("tài khoản người ký"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )

    state = models.CharField(_("trạng thái xử lý"), max_length=12, choices=DocumentState.choices, default=DocumentState.DRAFT, editable=False, db_index=True)
    legal_status = models.CharField(_("tình trạng hiệu lực"), max_length=30, choices=LegalStatus.choices, default=LegalStatus.NOT_YET)
    visibility = models.CharField(_("phạm vi truy cập"), max_length=12, choices=Visibility.choices, default=Visibility.INTERNAL, db_index=True)
    confidentiality = models.CharField(_("độ mật"), max_length=12, choices=Confidentiality.choices, blank=True)
    urgency = models.CharField(_("độ khẩn"), max_length=12, choices=Urgency.choices, blank=True)
    rule_set = models.CharField(_("quy định thể thức"), max_length=12, choices=RuleSet.choices, blank=True)
    circulation = models.CharField(_("phạm vi lưu hành"), max_length=255, blank=True)
    typist_code = models.CharField(_("ký hiệu người đánh máy"), max_length=20, blank=True)
    copies = models.PositiveIntegerField(_("số lượng bản"), null=True, blank=True)
    # Import (docs/domain.md §12): a document whose structure was only partly recovered is kept, with what is missing.
    review_notes = models.TextField(
        _("cần rà soát"), blank=True,
        help_text=_("Những phần chưa nhận ra khi nhập (một dòng mỗi phần); xóa khi đã rà soát xong."),
    )
    source_text = models.TextField(_("văn bản gốc khi nhập"), blank=True, editable=False)
    # The file format the import read: txt, docx, doc, odt, pdf (its text layer) or ocr (a scan, read by OCR).
    source_format = models.CharField(_("định dạng tệp nhập"), max_length=10, blank=True, editable=False)

    content_panels = [
        FieldPanel("title", heading=_("Trích yếu"),
                   help_text=_("Phần tóm tắt in đậm dưới tên loại, không gõ lại tên loại (đã in ở dòng trên), ví dụ "
                               "“về việc kiện toàn Tổ giúp việc”, “triển khai chuyển đổi số năm 2026”.")),
        MultiFieldPanel(
            # Number and ngày ban hành are given at issue (the "Cấp số và ban hành" dialog), never typed here.
            [FieldPanel("issuer"),
             FieldRowPanel([FieldPanel("type_code"), FieldPanel("unit_code"), FieldPanel("place")])],
            heading=_("Cơ quan ban hành, địa danh và ngày"),
        ),
        InlinePanel("bases", heading=_("Căn cứ"), label=_("căn cứ")),
        FieldPanel("preamble"),
        FieldPanel("review_notes"),
    ]
    signature_panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("signer_authority"), FieldPanel("signer_authority_body")]),
                FieldRowPanel([FieldPanel("signer_position"), FieldPanel("signer_name")]),
                FieldPanel("signer_user"),
            ],
            heading=_("Chữ ký"),
        ),
        FieldPanel("apply_recipient_list"),  # a form field of DocumentPageForm, not a column
        InlinePanel("recipients", heading=_("Nơi nhận"), label=_("nơi nhận")),
        InlinePanel("attachments", heading=_("Tệp đính kèm"), label=_("tệp")),
        InlinePanel("relations", heading=_("Quan hệ với văn bản khác"), label=_("quan hệ")),
    ]
    # No Promote tab (slug, SEO title, menus, search description) and no go-live scheduling: an official document's
    # address is derived, and it goes online only when issued.
    promote_panels: ClassVar[list] = []
    settings_panels = [
        MultiFieldPanel(
            [
                FieldPanel("visibility"), FieldPanel("legal_status"), FieldPanel("confidentiality"), FieldPanel("urgency"),
                FieldPanel("rule_set"), FieldPanel("attached_to"), FieldPanel("circulation"),
                FieldRowPanel([FieldPanel("typist_code"), FieldPanel("copies")]),
            ],
            heading=_("Thuộc tính văn bản"),
        ),
    ]

    api_fields = [
        APIField("kind", serializer=serializers.CharField(source="kind_slug")),
        APIField("number"), APIField("notation"), APIField("issued_on"), APIField("place"), APIField("type_code"),
        APIField("unit_code"),
        APIField("status", serializer=serializers.CharField(source="legal_status")),
        APIField("visibility"), APIField("state"), APIField("urgency"),
    ]

    base_form_class = DocumentPageForm
    parent_page_types = ["documents.IssuerIndexPage"]
    subpage_types: list[str] = []
    is_creatable = False

    class Meta:
        verbose_name = _("văn bản")
        verbose_name_plural = _("văn bản")

    def __str__(self) -> str:
        return f"{self.notation} {self.title}".strip()

    # -- derived values ---------------------------------------------------------------------------
    @property
    def index_kind(self) -> str:
        """The kind search files it under: its own, or a general document's type (kinds/van_ban_khac.py)."""
        return self.kind_slug

    @property
    def system(self) -> str:
        return self.issuer.system

    @property
    def signer_authority_line(self) -> str:
        return f"{self.signer_authority} {self.signer_authority_body}".strip() if self.signer_authority else ""

    @property
    def is_issued(self) -> bool:
        return self.state == DocumentState.ISSUED

    @property
    def is_recalled(self) -> bool:
        return self.state == DocumentState.RECALLED

    @property
    def is_registered(self) -> bool:
        """Issued or recalled: it has a number in the register, and its content is history."""
        return self.state in REGISTERED_STATES

    @property
    def needs_review(self) -> bool:
        """Imported with parts of its structure missing ("cần rà soát")."""
        return bool((self.review_notes or "").strip())

    def clean(self) -> None:
        super().clean()
        from documents.text.vietnamese import nfc

        if self.confidentiality:
            raise ValidationError(
                {"confidentiality": _("Hệ thống nối mạng không được lưu văn bản mật (Mật, Tối mật, Tuyệt mật); "
                                      "hãy quản lý văn bản này theo chế độ văn bản mật.")}
            )
        for field in ("title", "preamble", "place", "signer_position", "signer_name", "signer_authority_body", "circulation"):
            setattr(self, field, nfc(getattr(self, field) or ""))
        if self.issuer_id and self.signer_authority:
            allowed = PARTY_AUTHORITIES if self.issuer.system == System.PARTY else STATE_AUTHORITIES
            if self.signer_authority not in allowed:
                raise ValidationError({"signer_authority": _("Thẩm quyền ký không đúng thể thức của hệ thống văn bản này.")})

    def _derive_slug(self) -> None:
        """Wagtail would slugify the title with its diacritics; a document's address is folded ASCII, unique among
        its siblings. The parent is the tree's, or the one the admin form is adding to (DocumentPageForm)."""
        parent = getattr(self, "_cached_parent_obj", None) or (self.get_parent() if self.path else None)
        if self.slug or parent is None:  # type: ignore[has-type]  # Page.slug, untyped in Wagtail
            return
        base = document_slug_base(self.notation, self.type_code or self.default_type_code, self.title, self.kind)
        slug, n = base, 2
        while not Page._slug_is_available(slug, parent, self):
            slug, n = f"{base}-{n}", n + 1
        self.slug = slug

    def full_clean(self, *args, **kwargs):
        self._derive_slug()
        super().full_clean(*args, **kwargs)

    def minimal_clean(self):
        self._derive_slug()
        super().minimal_clean()

    def save(self, *args, **kwargs):
        if self.kind:
            self.kind_slug = self.kind
        if not self.type_code:
            self.type_code = self.default_type_code
        if self.issuer_id:
            if not self.place:
                self.place = self.issuer.place_name
            if not self.rule_set:  # a draft has no date yet: it is written under the rules of today
                self.rule_set = default_rule_set(self.issuer.system, self.issued_on or timezone.localdate())
        if self.confidentiality:
            raise ValidationError(_("Không lưu văn bản mật trên hệ thống nối mạng."))
        return super().save(*args, **kwargs)

    def permissions_for_user(self, user):
        # Issue 3: group page permissions plus reading rights, workflow-only publishing, no edits once issued.
        from documents.workflow.tester import DocumentPermissionTester

        return DocumentPermissionTester(user, self)

    def get_template(self, request, *args, **kwargs) -> str:
        return "documents/document_page.html"

    def body_template(self) -> str:
        return f"documents/body/{self.kind}.html"


def document_type_name(page: Page) -> str:
    """The type name printed on a document, for a specific or a generic page instance. A general document
    (documents/kinds/van_ban_khac.py) prints its own ("NGHỊ QUYẾT"), which its class alone cannot tell."""
    if isinstance(page, DocumentPage) and type(page) is not DocumentPage:
        return str(page.type_name)
    cls = page.specific_class or type(page)
    if any(field.name == "printed_type_name" for field in cls._meta.get_fields()):
        return str(getattr(page.specific, "type_name", ""))
    return str(getattr(cls, "type_name", ""))


class DocumentBasis(Orderable):
    """Căn cứ: one legal basis line, optionally linked to a document in the system."""

    page = ParentalKey(DocumentPage, on_delete=models.CASCADE, related_name="bases")
    text = models.TextField(_("căn cứ"))
    target = models.ForeignKey(
        DocumentPage, verbose_name=_("văn bản trong hệ thống"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="cited_by",
    )
    panels = [FieldPanel("text"), FieldPanel("target")]

    class Meta(Orderable.Meta):
        verbose_name = _("căn cứ")


class DocumentRecipient(Orderable):
    """Nơi nhận entry: a directory recipient or free text, with purpose and archive flag."""

    page = ParentalKey(DocumentPage, on_delete=models.CASCADE, related_name="recipients")
    name = models.CharField(_("nơi nhận"), max_length=255)
    purpose = models.CharField(_("mục đích"), max_length=100, blank=True, help_text=_("Ví dụ: để báo cáo, để biết."))
    archive = models.BooleanField(_("bản lưu"), default=False)
    recipient = models.ForeignKey(
        "documents.Recipient", verbose_name=_("trong danh bạ"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="document_entries",
    )
    needs_review = models.BooleanField(_("cần văn thư xem lại"), default=False, help_text=_("Không khớp danh bạ khi nhập."))
    printed = models.CharField(_("dòng in như bản gốc"), max_length=600, blank=True, editable=False)
    panels = [FieldPanel("recipient"), FieldPanel("name"), FieldPanel("purpose"), FieldPanel("archive")]

    class Meta(Orderable.Meta):
        verbose_name = _("nơi nhận")

    def clean(self) -> None:
        # Choosing a directory entry is enough: its name is the printed line unless another is typed.
        if not (self.name or "").strip() and self.recipient is not None:
            self.name = self.recipient.name
        if not (self.name or "").strip():
            raise ValidationError({"name": _("Chọn nơi nhận trong danh bạ hoặc ghi tên nơi nhận.")})


class DocumentAttachment(Orderable):
    page = ParentalKey(DocumentPage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey("wagtaildocs.Document", verbose_name=_("tệp"), on_delete=models.PROTECT, related_name="+")
    caption = models.CharField(_("chú thích"), max_length=255, blank=True)
    # The file an imported document was read from (PDF, scan, .doc): its words are the document's own text
    # already, so the search record does not read the file a second time (documents/attachment_text.py).
    is_original = models.BooleanField(_("bản gốc đã nhập"), default=False, editable=False)
    panels = [FieldPanel("document"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = _("tệp đính kèm")


class RelationType(models.TextChoices):
    AMENDS = "amends", _("Sửa đổi, bổ sung")
    REPLACES = "replaces", _("Thay thế")
    REPEALS = "repeals", _("Bãi bỏ")
    GUIDES = "guides", _("Hướng dẫn")
    CORRECTS = "corrects", _("Đính chính")


REVERSE_RELATION_LABELS: dict[str, str | Promise] = {
    RelationType.AMENDS: _("Được sửa đổi, bổ sung bởi"),
    RelationType.REPLACES: _("Được thay thế bởi"),
    RelationType.REPEALS: _("Bị bãi bỏ bởi"),
    RelationType.GUIDES: _("Được hướng dẫn bởi"),
    RelationType.CORRECTS: _("Được đính chính bởi"),
}


class DocumentRelation(Orderable):
    """This document amends/replaces/repeals/guides/corrects another; reverse via target.incoming_relations."""

    page = ParentalKey(DocumentPage, on_delete=models.CASCADE, related_name="relations")
    relation = models.CharField(_("quan hệ"), max_length=12, choices=RelationType.choices)
    target = models.ForeignKey(DocumentPage, verbose_name=_("văn bản"), on_delete=models.PROTECT, related_name="incoming_relations")
    panels = [FieldPanel("relation"), FieldPanel("target")]

    class Meta(Orderable.Meta):
        verbose_name = _("quan hệ văn bản")
