"""The issued original (domain.md §9): the PDF produced once at issue, fingerprinted, signed, served as it is."""
from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class IssuedOriginal(models.Model):
    """The bytes of an issued document's original PDF.

    Kept in the database, the source of truth: every web process serves the same bytes, and the original is
    written in the same transaction as the fingerprint recorded in the register.
    """

    document = models.OneToOneField(
        "documents.DocumentPage", verbose_name=_("văn bản"), on_delete=models.CASCADE, related_name="issued_original",
    )
    content = models.BinaryField(_("tệp PDF"), editable=False)
    sha256 = models.CharField(_("dấu vân tay SHA-256"), max_length=64, db_index=True, editable=False)
    size = models.PositiveIntegerField(_("kích thước (byte)"), editable=False)
    signed_by = models.TextField(_("ký số bởi"), blank=True, editable=False)
    pdf_a = models.BooleanField(_("PDF/A-2b"), default=False, editable=False)
    created_at = models.DateTimeField(_("thời điểm tạo"), auto_now_add=True)

    class Meta:
        verbose_name = _("bản gốc đã ban hành")
        verbose_name_plural = _("bản gốc đã ban hành")

    def __str__(self) -> str:
        return f"{self.document_id} {self.sha256[:12]}"
