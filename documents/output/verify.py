"""Verifying a PDF: are its signatures intact, who signed and when, do the certificates chain to a configured
trusted root, and which registered document it is (by the fingerprint of its signed original)."""
from __future__ import annotations

import datetime
import hashlib
import io
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from documents.models import DocumentPage, IssuedOriginal

from .signing import VIETNAM, trusted_roots


@dataclass
class SignatureReport:
    field: str
    signer: str
    signed_at: datetime.datetime | None
    intact: bool
    trusted: bool
    covers_whole_file: bool

    def as_json(self) -> dict[str, Any]:
        return {"field": self.field, "signer": self.signer, "intact": self.intact, "trusted": self.trusted,
                "signed_at": self.signed_at.astimezone(VIETNAM).isoformat() if self.signed_at else None,
                "covers_whole_file": self.covers_whole_file}


@dataclass
class VerificationReport:
    sha256: str
    signatures: list[SignatureReport] = field(default_factory=list)
    document: DocumentPage | None = None
    document_exact: bool = False  # the very bytes stored, not a stamped copy of them
    error: str = ""

    @property
    def signed(self) -> bool:
        return bool(self.signatures)

    @property
    def intact(self) -> bool:
        """Every signature intact and the file unchanged since the last one (or the exact stored original)."""
        if self.error:
            return False
        if not self.signatures:
            return self.document is not None and self.document_exact
        return all(s.intact for s in self.signatures) and self.signatures[-1].covers_whole_file

    @property
    def trusted(self) -> bool:
        return self.signed and all(s.trusted for s in self.signatures)

    @property
    def message(self) -> str:
        if self.error:
            return self.error
        if not self.intact:
            if self.signed and all(s.intact for s in self.signatures):
                return _("Các chữ ký còn nguyên vẹn nhưng tệp đã được thêm nội dung sau khi ký.")
            return _("Tệp không nguyên vẹn: nội dung đã bị thay đổi sau khi ký.")
        if not self.signed:
            return _("Tệp trùng khớp bản gốc đã đăng ký nhưng không có chữ ký số.")
        if not self.trusted:
            return _("Chữ ký nguyên vẹn nhưng chứng thư số không thuộc tổ chức chứng thực được tin cậy.")
        return _("Tệp nguyên vẹn, chữ ký số hợp lệ.")

    def as_json(self) -> dict[str, Any]:
        document = self.document
        return {
            "intact": self.intact, "signed": self.signed, "trusted": self.trusted, "message": self.message,
            "sha256": self.sha256, "signatures": [s.as_json() for s in self.signatures],
            "document": None if document is None else {
                "id": document.pk, "notation": document.notation, "title": document.title,
                "issued_on": document.issued_on.isoformat() if document.issued_on else None,
                "exact_original": self.document_exact,
            },
        }


def _signer_name(status) -> str:
    subject = status.signing_cert.subject.native
    return subject.get("common_name") or status.signing_cert.subject.human_friendly


def _registered(data: bytes, signed_prefix: bytes | None) -> tuple[DocumentPage | None, bool]:
    for candidate, exact in ((data, True), (signed_prefix, False)):
        if candidate is None:
            continue
        original = IssuedOriginal.objects.filter(sha256=hashlib.sha256(candidate).hexdigest()).select_related(
            "document").first()
        if original is not None:
            return original.document, exact
    return None, False


def verify_pdf(data: bytes) -> VerificationReport:
    """Check a PDF's signatures against the configured trusted roots; never raises on a bad file."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    report = VerificationReport(sha256=hashlib.sha256(data).hexdigest())
    if not data.startswith(b"%PDF-"):
        report.error = _("Tệp không phải là PDF.")
        return report
    signed_prefix = None
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        embedded = list(reader.embedded_regular_signatures)
        context = ValidationContext(trust_roots=trusted_roots(), allow_fetching=False, revocation_mode="soft-fail")
        for signature in embedded:
            try:
                status = validate_pdf_signature(signature, signer_validation_context=context)
            except Exception:  # noqa: BLE001 - a broken signature is a verdict, not a crash
                report.signatures.append(SignatureReport(signature.field_name, "", None, False, False, False))
                continue
            report.signatures.append(SignatureReport(
                field=signature.field_name, signer=_signer_name(status), signed_at=status.signer_reported_dt,
                intact=bool(status.intact and status.valid), trusted=bool(status.trusted),
                covers_whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
            ))
        if embedded:
            start, length = embedded[-1].byte_range[2], embedded[-1].byte_range[3]
            signed_prefix = data[:start + length]
    except Exception:  # noqa: BLE001 - unreadable structure: the file was damaged
        report.error = _("Không đọc được cấu trúc tệp PDF (tệp hỏng hoặc đã bị sửa).")
    report.document, report.document_exact = _registered(data, signed_prefix)
    return report
