"""Rà soát: the clerk corrects what an import misread in an issued document it brought in ("cần rà soát").

An imported past document is registered under its printed number and date, so the editor refuses it like any
issued document. What the reader took from the paper (trích yếu, signer, căn cứ) may still be wrong, and the paper
is the truth: the issuer's clerk corrects these transcriptions here and clears the lines of "cần rà soát" that are
done. Number, date, kind and body stay as registered; each correction is logged with what it changed.
"""
from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from modelcluster.models import get_serializable_data_for_fields

from documents.citations import refresh_citations
from documents.models import DocumentBasis, DocumentPage, SignerAuthority
from documents.permissions import is_clerk
from documents.signals import document_changed
from documents.text.vietnamese import nfc

from .transitions import latest_revision, log_transition, write_fields

# The page fields a correction may set, in the order its log entry lists them.
CORRECTED_FIELDS = ("title", "signer_authority", "signer_authority_body", "signer_position", "signer_name",
                    "review_notes")


def can_review(user, page: DocumentPage) -> bool:
    """An issued (or recalled) document still flagged "cần rà soát", and a clerk of its issuer (the clerk who
    imports its documents: ``is_clerk``)."""
    return page.is_registered and bool((page.review_notes or "").strip()) and is_clerk(user, page.issuer)


def _lines(text: str) -> list[str]:
    return [nfc(line.strip()) for line in (text or "").splitlines() if line.strip()]


def correct_import(page: DocumentPage, user, *, title: str, signer_authority: str, signer_authority_body: str,
                   signer_position: str, signer_name: str, bases: list[str], review_notes: str) -> list[str]:
    """Write the clerk's corrections; returns the names of what changed (nothing is written when nothing did).
    ``signer_authority``: "T/M", "KT." …, or "" when the signer signs directly (the body signed for goes too)."""
    if not can_review(user, page):
        raise PermissionDenied(_("Chỉ văn thư của cơ quan ban hành được rà soát văn bản nhập còn cần rà soát."))
    title = nfc(" ".join((title or "").split()))
    if not title:
        raise ValidationError(_("Trích yếu không được để trống."))
    authority = (signer_authority or "").strip()
    if authority not in SignerAuthority.values:
        raise ValidationError(_("Thẩm quyền ký “%(value)s” không hợp lệ. Các giá trị: %(allowed)s.")
                              % {"value": authority, "allowed": ", ".join(v for v in SignerAuthority.values if v)})
    body = nfc((signer_authority_body or "").strip()) if authority else ""
    values = {"title": title, "signer_authority": authority, "signer_authority_body": body,
              "signer_position": nfc((signer_position or "").strip()),
              "signer_name": nfc((signer_name or "").strip()), "review_notes": "\n".join(_lines(review_notes))}
    changed = {name: value for name, value in values.items() if getattr(page, name) != value}
    new_bases = [nfc(text) for text in bases if text.strip()]
    bases_changed = new_bases != [basis.text for basis in page.bases.order_by("sort_order", "pk")]
    if not changed and not bases_changed:
        return []
    before_notes = page.review_notes
    with transaction.atomic():
        if "title" in changed:
            changed["draft_title"] = title  # the admin lists the draft title
        if changed:
            write_fields(page, **changed)
        if bases_changed:
            DocumentBasis.objects.filter(page=page).delete()
            rows = DocumentBasis.objects.bulk_create(
                [DocumentBasis(page=page, text=text, sort_order=i) for i, text in enumerate(new_bases)])
            _revision_bases(page, rows)
            refresh_citations(page)
        names = [name for name in CORRECTED_FIELDS if name in changed] + (["bases"] if bases_changed else [])
        resolved = [line for line in _lines(before_notes) if line not in _lines(page.review_notes)]
        log_transition(page, "vanban.review", user, "", changed=names, resolved=resolved)
        document_changed.send(sender=type(page), page=page, user=user)  # the search index follows
    return names


def _revision_bases(page: DocumentPage, rows: list[DocumentBasis]) -> None:
    """The latest revision holds the căn cứ as the page row now has them (as write_fields does for fields)."""
    revision = latest_revision(page)
    if revision is not None:
        revision.content = {**revision.content, "bases": [get_serializable_data_for_fields(row) for row in rows]}
        revision.save(update_fields=["content"])
