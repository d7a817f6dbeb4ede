"""Rà soát: the clerk corrects what an import misread in an issued document it brought in ("cần rà soát").

An imported past document is registered under its printed number and date, so the editor refuses it like any
issued document. What the reader took from the paper (trích yếu, signer, căn cứ) may still be wrong, and the paper
is the truth: the issuer's clerk corrects these transcriptions here and clears the lines of "cần rà soát" that are
done. A misread number, số và ký hiệu or date is corrected too, refused when it would make the document another
one's duplicate (the importer's rule: issuer, notation and date; the register's: one number per series); its register
row, its import record and the citations of both notations follow in the same transaction, and so does the
document's address (derived from notation and trích yếu as read; the former one still leads to it). Kind and body
stay as registered; each correction is logged with what it changed.
"""
from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from modelcluster.models import get_serializable_data_for_fields

from documents.citations import link_registered, refresh_citations, relink_key
from documents.distribution.directory import recipient_matcher
from documents.distribution.render import entry_text
from documents.importing.batch import record_key
from documents.importing.parser.tail import recipient_line
from documents.models import (
    DocumentBasis,
    DocumentPage,
    DocumentRecipient,
    FormerAddress,
    ImportRecord,
    IssuedOriginal,
    RegisterEntry,
    SignerAuthority,
)
from documents.numbering import DuplicateNumberError, NumberingError, correct_registration
from documents.permissions import is_clerk
from documents.signals import document_changed
from documents.slugs import has_base, import_slug_base
from documents.text.vietnamese import nfc

from .review_number import registration_values
from .transitions import latest_revision, log_transition, write_fields

# The page fields a correction may set, in the order its log entry lists them (type_code, unit_code and
# notation_key go with the notation, unnamed).
CORRECTED_FIELDS = ("number", "notation", "issued_on", "place", "rule_set", "title", "signer_authority",
                    "signer_authority_body", "signer_position", "signer_name", "review_notes")
REGISTRATION_FIELDS = ("number", "notation", "notation_key", "type_code", "unit_code", "issued_on")


def can_review(user, page: DocumentPage) -> bool:
    """An issued (or recalled) document still flagged "cần rà soát", and a clerk of its issuer (the clerk who
    imports its documents: ``is_clerk``)."""
    return page.is_registered and bool((page.review_notes or "").strip()) and is_clerk(user, page.issuer)


def _lines(text: str) -> list[str]:
    return [nfc(line.strip()) for line in (text or "").splitlines() if line.strip()]


def correct_import(page: DocumentPage, user, *, title: str, signer_authority: str, signer_authority_body: str,
                   signer_position: str, signer_name: str, bases: list[str], review_notes: str,
                   recipients: list[str] | None = None, number: int | None = None, notation: str | None = None,
                   issued_on: datetime.date | str | None = None, place: str | None = None) -> list[str]:
    """Write the clerk's corrections; returns the names of what changed (nothing is written when nothing did).
    ``signer_authority``: "T/M", "KT." …, or "" when the signer signs directly (the body signed for goes too).
    ``number``, ``notation`` ("105-QĐ/ĐU", written any usual way), ``issued_on`` (a date, or "dd/mm/yyyy" or
    "yyyy-mm-dd"), ``place``: None (or "") keeps what is registered; a number changed alone renumbers the notation.
    ``recipients``: the Nơi nhận, one entry a line as printed ("Thường trực Đảng ủy (b/c)"); None keeps them.
    Raises ValidationError, by field, before anything is written."""
    if not can_review(user, page):
        raise PermissionDenied(_("Chỉ văn thư của cơ quan ban hành được rà soát văn bản nhập còn cần rà soát."))
    title = nfc(" ".join((title or "").split()))
    if not title:
        raise ValidationError({"title": _("Trích yếu không được để trống.")})
    authority = (signer_authority or "").strip()
    if authority not in SignerAuthority.values:
        raise ValidationError({"signer_authority": _("Thẩm quyền ký “%(value)s” không hợp lệ. Các giá trị: %(allowed)s.")
                               % {"value": authority, "allowed": ", ".join(v for v in SignerAuthority.values if v)}})
    body = nfc((signer_authority_body or "").strip()) if authority else ""
    values = {"title": title, "signer_authority": authority, "signer_authority_body": body,
              "signer_position": nfc((signer_position or "").strip()),
              "signer_name": nfc((signer_name or "").strip()), "review_notes": "\n".join(_lines(review_notes))}
    if place is not None and place.strip():
        values["place"] = nfc(" ".join(place.split()))
    values.update(registration_values(page, number=number, notation=notation, issued_on=issued_on))
    changed = {name: value for name, value in values.items() if getattr(page, name) != value}
    new_bases = [nfc(text) for text in bases if text.strip()]
    bases_changed = new_bases != [basis.text for basis in page.bases.order_by("sort_order", "pk")]
    new_recipients = None if recipients is None else [nfc(" ".join(line.split())) for line in recipients if line.strip()]
    recipients_changed = new_recipients is not None and new_recipients != recipient_entries(page)
    if not changed and not bases_changed and not recipients_changed:
        return []
    before_notes, before_key, before_title = page.review_notes, page.notation_key, page.title
    registered = any(name in changed for name in REGISTRATION_FIELDS)
    with transaction.atomic():
        if registered:  # first: a number the register holds for another document is refused before any write
            _correct_register(page, user, values)
        if "title" in changed:
            changed["draft_title"] = title  # the admin lists the draft title
        if changed:
            write_fields(page, **changed)
        _register_row_follows(page, changed)
        if bases_changed:
            DocumentBasis.objects.filter(page=page).delete()
            rows = DocumentBasis.objects.bulk_create(
                [DocumentBasis(page=page, text=text, sort_order=i) for i, text in enumerate(new_bases)])
            _revision_children(page, "bases", rows)
        if recipients_changed:
            _replace_recipients(page, new_recipients or [])
        if bases_changed or registered:  # what it cites is matched against its (corrected) date too
            refresh_citations(page)
        if registered:
            _citations_follow(page, before_key)
        if {"notation_key", "title"} & changed.keys():
            _address_follows(page, before_key, before_title)
        names = ([name for name in CORRECTED_FIELDS if name in changed] + (["bases"] if bases_changed else [])
                 + (["recipients"] if recipients_changed else []))
        resolved = [line for line in _lines(before_notes) if line not in _lines(page.review_notes)]
        replaced = _stale_rendering_goes(page)
        log_transition(page, "vanban.review", user, "", changed=names, resolved=resolved, replaced_original=replaced)
        document_changed.send(sender=type(page), page=page, user=user)  # the search index follows
    return names


def _correct_register(page: DocumentPage, user, values: dict) -> None:
    """The register row under the corrected number, type and date (page fields are written by the caller)."""
    if values["number"] is None:  # an unnumbered document (biên bản …): only its date, which no register holds
        return
    try:
        correct_registration(page, values["number"], values["type_code"], values["issued_on"], user=user,
                             unit_code=values["unit_code"])
    except DuplicateNumberError as exc:
        raise ValidationError({"number": exc.messages}) from None
    except NumberingError as exc:  # a Party date outside every declared term
        raise ValidationError({"issued_on": exc.messages}) from None
    ImportRecord.objects.filter(page=page).update(
        document_key=record_key(page.issuer, values["notation_key"], values["issued_on"]))


def _stale_rendering_goes(page: DocumentPage) -> str:
    """An archived import's stored PDF (made by the system at its first download, not the paper, which is its
    original) printed what the reader misread: it goes, and the next download renders the corrected document.
    Returns the fingerprint that went (kept in the log), or ""."""
    if not RegisterEntry.objects.filter(document=page, archived_import=True).exists():
        return ""  # a document issued here: its original is the signed one, never remade
    stale = IssuedOriginal.objects.filter(document=page).values_list("sha256", flat=True).first()
    if stale is None:
        return ""
    IssuedOriginal.objects.filter(document=page).delete()
    RegisterEntry.objects.filter(document=page).update(original_sha256="")
    return stale


def _register_row_follows(page: DocumentPage, changed: dict) -> None:
    """The row the import wrote in the register (sổ đăng ký) transcribed the same paper: it follows the trích yếu
    and the signer as corrected."""
    row: dict[str, str] = {}
    if "title" in changed:
        row["summary"] = page.title
    if {"signer_position", "signer_name"} & changed.keys():
        row["signer"] = " ".join(part for part in (page.signer_position, page.signer_name) if part)
    if row:
        RegisterEntry.objects.filter(document=page, archived_import=True).update(**row)


def _citations_follow(page: DocumentPage, before_key: str) -> None:
    """Citations elsewhere of the notation it no longer has find another document (or none); those of its
    corrected notation and date find it."""
    if before_key and before_key != page.notation_key:
        relink_key(before_key, exclude_source=page.pk)
    link_registered(page)


def _revision_children(page: DocumentPage, relation: str, rows: list) -> None:
    """The latest revision holds the căn cứ or Nơi nhận as the page row now has them (as write_fields does for
    fields)."""
    revision = latest_revision(page)
    if revision is not None:
        revision.content = {**revision.content, relation: [get_serializable_data_for_fields(row) for row in rows]}
        revision.save(update_fields=["content"])


def recipient_entries(page: DocumentPage) -> list[str]:
    """The document's Nơi nhận as the review form and API show them: one entry a line, as printed without its dash
    and separator ("Thường trực Đảng ủy (b/c)")."""
    return [entry_text(r) for r in page.recipients.select_related("recipient").order_by("sort_order", "pk")]


def _replace_recipients(page: DocumentPage, lines: list[str]) -> None:
    """The Nơi nhận as the clerk's lines give them. A line left as it was keeps its entry (its purpose, its
    directory link: read again, "(người nhận văn bản hạn chế)" would join the name); a new or changed one is read
    as an import reads it and matched to the directory (unmatched, not the archive copy: marked for the clerk)."""
    kept = {entry_text(row): row for row in page.recipients.select_related("recipient")}
    match = recipient_matcher()
    rows = []
    for line in lines:
        if (old := kept.get(line)) is not None:
            rows.append(DocumentRecipient(page=page, name=old.name, purpose=old.purpose, archive=old.archive,
                                          recipient=old.recipient, printed=old.printed, needs_review=old.needs_review))
        elif (item := recipient_line(line)) is not None:
            entry = match(item.name)
            rows.append(DocumentRecipient(page=page, name=item.name[:255], purpose=item.purpose[:100],
                                          archive=item.archive, recipient=entry, printed=item.printed[:600],
                                          needs_review=entry is None and not item.archive))
    for i, row in enumerate(rows):
        row.sort_order = i
    DocumentRecipient.objects.filter(page=page).delete()
    _revision_children(page, "recipients", DocumentRecipient.objects.bulk_create(rows))


def _address_follows(page: DocumentPage, before_key: str, before_title: str) -> None:
    """The address the import derived from the notation and trích yếu it read follows them as corrected; the
    former one is kept, so a link made before still leads here. An address given on purpose stays."""
    old_base = import_slug_base(before_key, before_title, page.kind)
    base = import_slug_base(page.notation_key, page.title, page.kind)
    if base == old_base or not has_base(page.slug, old_base):
        return
    slug = page._get_autogenerated_slug(base)  # Wagtail's: base, base-2 … the first its siblings leave free
    before_path = page.url_path
    page.slug = slug
    write_fields(page, slug=slug, url_path=page.set_url_path(page.get_parent()))
    FormerAddress.objects.filter(url_path=page.url_path).delete()  # an address of its own again
    FormerAddress.objects.update_or_create(url_path=before_path, defaults={"page": page})
