"""Drafting from structured data: create, change and delete a dự thảo (used by the write API; the admin's forms
reach the same rules through Wagtail's page permissions and DocumentPage.full_clean).

Every function checks the caller's rights with the page permissions of the admin (DocumentPermissionTester and
the issuer section's permissions), validates with the model's own clean() and the body's StreamBlock, and keeps
the page row and its latest revision identical, so the admin opens what the API wrote.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.log_actions import LogContext
from wagtail.models import Page

from documents.kinds import kind_classes
from documents.models import (
    DocumentBasis,
    DocumentPage,
    DocumentRecipient,
    DocumentState,
    Issuer,
    Recipient,
    Visibility,
)
from documents.models.base import SignerAuthority
from documents.text.vietnamese import fold, nfc

# Fields a draft takes as they are (after NFC for text).
TEXT_FIELDS = ("title", "place", "unit_code", "preamble")
SIMPLE_FIELDS = (*TEXT_FIELDS, "visibility", "urgency")


class DraftingError(ValidationError):
    """Invalid structured data; ``message_dict`` maps a field to its Vietnamese messages."""


class NotADraft(ValidationError):
    """The document's content is frozen (trình ký, đã ký, ban hành, thu hồi)."""


class DocumentLocked(PermissionDenied):
    """Another user holds the document's lock."""


@dataclass
class DraftData:
    """Structured content of a draft; a value left None is not changed (partial update)."""

    title: str | None = None
    place: str | None = None
    unit_code: str | None = None  # "VP" of "15/UBND-VP"
    preamble: str | None = None
    visibility: str | None = None
    urgency: str | None = None
    bases: list[str] | None = None
    body: list[dict[str, Any]] | None = None
    signer: Mapping[str, Any] | None = None
    recipients: list[Mapping[str, Any]] | None = None


def find_issuer(value: int | str) -> Issuer | None:
    """An issuer by id or by code ("BCĐ"; spelling of marks and case do not matter)."""
    if isinstance(value, int) or (isinstance(value, str) and value.isdigit()):
        found = Issuer.objects.filter(pk=int(value)).first()
        if found is not None:
            return found
    key = fold(nfc(str(value))).strip().casefold()
    matches = [issuer for issuer in Issuer.objects.all() if fold(issuer.code).casefold() == key]
    return matches[0] if len(matches) == 1 else None


def issuer_section(issuer: Issuer) -> Page:
    """The issuer's IssuerIndexPage, under which its documents live."""
    # The section's model is whatever DocumentPage may live under (no import of its module: issue 9 moves it).
    section = next((model.objects.filter(issuer=issuer).first() for model in DocumentPage.allowed_parent_page_models()
                    if hasattr(model, "issuer")), None)
    if section is None:
        raise DraftingError({"issuer": [_("Cơ quan ban hành chưa có trang mục văn bản.")]})
    return section


def can_create(user, issuer: Issuer) -> bool:
    """The admin's rule: the user may add a page in the issuer's section."""
    section = issuer_section(issuer)
    return bool(user.is_active and section.permissions_for_user(user).can_add_subpage())


def editable_version(page: DocumentPage) -> DocumentPage:
    """The newest content of a document: its latest revision (a draft's page row may lag behind it)."""
    page = page.specific
    if page.live and not page.has_unpublished_changes:
        return page
    latest = page.get_latest_revision_as_object()
    return latest if isinstance(latest, DocumentPage) else page


def check_editable(page: DocumentPage, user) -> None:
    """Refuse unless the user may edit the draft now (content frozen, no right, or locked by someone else)."""
    perms = page.permissions_for_user(user)
    if not perms.can_edit():
        raise PermissionDenied(_("Bạn không có quyền sửa văn bản này."))
    if page.state != DocumentState.DRAFT:
        raise NotADraft(_("Chỉ sửa được dự thảo: nội dung văn bản đã trình ký hoặc ban hành không được sửa."))
    lock = page.get_lock()
    if lock is not None and lock.for_user(user):
        raise DocumentLocked(_("Văn bản đang bị khóa: %(message)s") % {"message": lock.get_message(user)})


# -- the usual start of a new document ("Tạo từ mẫu") --------------------------------------------------------
SIGNER_FIELDS = ("signer_authority", "signer_authority_body", "signer_position", "signer_name", "signer_user")


@dataclass
class UsualStart:
    """What a new document of one kind usually starts with at one issuer: form initial values."""

    signer: dict[str, Any]
    bases: list[dict[str, Any]]
    recipients: list[dict[str, Any]]
    copied_from: list[DocumentPage] = field(default_factory=list)  # the issued documents the lines come from


def _kind_first(pages, kind: str) -> DocumentPage | None:
    return pages.filter(kind_slug=kind).first() or pages.first()


def usual_start(issuer_id: int, kind: str) -> UsualStart:
    """The signer of the issuer's latest document of this kind (else of any kind), and the căn cứ and Nơi nhận
    of its latest issued, not restricted, document of this kind (else of any kind) that has them: the drafter
    edits, not types."""
    earlier = DocumentPage.objects.filter(issuer_id=issuer_id)
    signed = _kind_first(earlier.exclude(signer_name="").order_by("-pk"), kind)
    signer = {name: getattr(signed, f"{name}_id" if name == "signer_user" else name) for name in SIGNER_FIELDS} \
        if signed is not None else {}
    # A restricted document's Nơi nhận names the few people it was for: no pattern for the next document.
    issued = (earlier.filter(state=DocumentState.ISSUED).exclude(visibility=Visibility.RESTRICTED)
              .order_by("-issued_on", "-pk"))
    with_bases = _kind_first(issued.filter(bases__isnull=False).distinct(), kind)
    with_recipients = _kind_first(issued.filter(recipients__isnull=False).distinct(), kind)
    bases = [{"text": b.text, "target": b.target_id}
             for b in (with_bases.bases.order_by("sort_order") if with_bases else [])]
    recipients = [{"recipient": r.recipient_id, "name": r.name, "purpose": r.purpose, "archive": r.archive}
                  for r in (with_recipients.recipients.order_by("sort_order") if with_recipients else [])]
    sources = [p for p in (with_bases if bases else None, with_recipients if recipients else None) if p is not None]
    return UsualStart(signer=signer, bases=bases, recipients=recipients,
                      copied_from=list({p.pk: p for p in sources}.values()))


# -- values ---------------------------------------------------------------------------------------------
def _text(value: Any) -> str:
    return nfc(str(value or "").strip())


def _split_authority(line: str) -> tuple[str, str]:
    """"T/M BAN THƯỜNG VỤ" → ("T/M", "BAN THƯỜNG VỤ"); "" → direct signature."""
    line = _text(line)
    for code in sorted((c for c in SignerAuthority.values if c), key=len, reverse=True):
        if line == code or line.startswith(code + " "):
            return code, line[len(code):].strip()
    if line:
        raise DraftingError({"signer.authority": [
            _("Thẩm quyền ký phải bắt đầu bằng T/M, K/T, T/L (Đảng) hoặc TM., KT., TL., TUQ., Q. (Nhà nước).")]})
    return "", ""


def _apply_signer(page: DocumentPage, signer: Mapping[str, Any]) -> None:
    if "authority" in signer and signer["authority"] is not None:
        page.signer_authority, page.signer_authority_body = _split_authority(signer["authority"])
    if signer.get("position") is not None:
        page.signer_position = _text(signer["position"])
    if signer.get("name") is not None:
        page.signer_name = _text(signer["name"])
    if "user" in signer:
        user_id = signer["user"]
        if user_id is None:
            page.signer_user = None
        else:
            user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
            if user is None:
                raise DraftingError({"signer.user": [_("Không có tài khoản người ký này.")]})
            page.signer_user = user


def _recipient_rows(items: list[Mapping[str, Any]]) -> list[DocumentRecipient]:
    from documents.distribution.directory import recipient_matcher

    match = recipient_matcher()
    rows = []
    for i, item in enumerate(items):
        entry = None
        if item.get("directory_id") is not None:
            entry = Recipient.objects.filter(pk=item["directory_id"]).first()
            if entry is None:
                raise DraftingError({f"recipients.{i}.directory_id": [_("Không có nơi nhận này trong danh bạ.")]})
        name = _text(item.get("name")) or (entry.name if entry else "")
        if not name:
            raise DraftingError({f"recipients.{i}.name": [_("Phải ghi tên nơi nhận.")]})
        archive = bool(item.get("archive"))
        if entry is None and not archive:
            entry = match(name)  # as the importer does: the directory decides who receives
        rows.append(DocumentRecipient(
            name=name, purpose=_text(item.get("purpose")), archive=archive, recipient=entry,
            needs_review=entry is None and not archive, sort_order=i,
        ))
    return rows


def _body_value(page: DocumentPage, raw: list[dict[str, Any]]):
    """The body as the kind's StreamBlock accepts it; unknown block types and malformed values are refused."""
    stream_block = type(page)._meta.get_field("body").stream_block
    allowed = set(stream_block.child_blocks)
    for i, item in enumerate(raw):
        if not isinstance(item, Mapping) or item.get("type") not in allowed:
            raise DraftingError({f"body.{i}.type": [
                _("Loại khối không hợp lệ; được dùng: %(types)s.") % {"types": ", ".join(sorted(allowed))}]})
    try:
        value = stream_block.to_python([{"type": item["type"], "value": item.get("value")} for item in raw])
        stream_block.clean(value)
    except ValidationError as error:
        raise DraftingError({"body": [_("Nội dung không đúng cấu trúc của loại văn bản: %(why)s")
                                      % {"why": "; ".join(_flatten(error))}]}) from None
    except (AttributeError, TypeError, ValueError, KeyError):
        raise DraftingError({"body": [_("Nội dung không đúng cấu trúc của loại văn bản.")]}) from None
    return value


def _flatten(error: ValidationError) -> list[str]:
    try:
        return [str(m) for m in error.messages][:5]
    except Exception:  # block errors nest; the summary is enough for the caller
        return [str(error)[:200]]


def _apply(page: DocumentPage, data: DraftData) -> None:
    for name in SIMPLE_FIELDS:
        value = getattr(data, name)
        if value is not None:
            setattr(page, name, _text(value) if name in TEXT_FIELDS else value)
    if data.signer is not None:
        _apply_signer(page, data.signer)
    if data.bases is not None:
        page.bases = [DocumentBasis(text=_text(text), sort_order=i) for i, text in enumerate(data.bases) if _text(text)]
    if data.recipients is not None:
        page.recipients = _recipient_rows(data.recipients)
    if data.body is not None:
        if not hasattr(page, "body"):
            raise DraftingError({"body": [_("Loại văn bản này không có phần nội dung có cấu trúc.")]})
        page.body = _body_value(page, data.body)


def _full_clean(page: DocumentPage) -> None:
    try:
        page.full_clean()
    except ValidationError as error:
        raise DraftingError(error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}) from None


def _unique_slug(parent: Page, title: str, kind: str) -> str:
    base = slugify(fold(title))[:70].strip("-") or kind.replace("_", "-")
    taken = set(Page.objects.child_of(parent).filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def save_draft_revision(page: DocumentPage, user) -> DocumentPage:
    """Write the row and a revision with the same content (a draft is never live)."""
    page.save()
    page.save_revision(user=user, clean=False, log_action=True)
    return DocumentPage.objects.get(pk=page.pk).specific


# -- operations -----------------------------------------------------------------------------------------
def create_draft(user, kind: str, issuer: Issuer, data: DraftData) -> DocumentPage:
    """A new dự thảo of ``kind`` in the issuer's section, owned by the user (soạn thảo or văn thư)."""
    cls: type[DocumentPage] | None = kind_classes().get(kind)
    if cls is None:
        raise DraftingError({"kind": [_("Không có loại văn bản này.")]})
    if not can_create(user, issuer):
        raise PermissionDenied(_("Bạn không có quyền soạn văn bản của cơ quan này."))
    if not _text(data.title):
        raise DraftingError({"title": [_("Phải ghi trích yếu.")]})
    parent = issuer_section(issuer)
    if not cls.can_create_at(parent):
        raise DraftingError({"kind": [_("Không tạo được loại văn bản này ở đây.")]})
    page = cls(issuer=issuer, live=False, owner=user, title=_text(data.title))
    _apply(page, data)
    page.slug = _unique_slug(parent, page.title, kind)
    # As the admin's create view: the page saved (logged "wagtail.create"), cleaned in its place, one revision.
    with transaction.atomic(), LogContext(user=user):
        parent.add_child(instance=page)
        _full_clean(page)
        page.save_revision(user=user, clean=False, log_action=True)
    return DocumentPage.objects.get(pk=page.pk).specific


def update_draft(page: DocumentPage, user, data: DraftData) -> DocumentPage:
    """Change a dự thảo (partial): only fields given are touched; the result is a new revision."""
    page = DocumentPage.objects.get(pk=page.pk).specific
    check_editable(page, user)
    current = editable_version(page)
    _apply(current, data)
    _full_clean(current)
    with transaction.atomic():
        return save_draft_revision(current, user)


def delete_draft(page: DocumentPage, user) -> None:
    """Delete a dự thảo (never a numbered document: its number is in the register)."""
    from wagtail.actions.delete_page import DeletePageAction

    page = DocumentPage.objects.get(pk=page.pk).specific
    perms = page.permissions_for_user(user)
    if not perms.can_edit():
        raise PermissionDenied(_("Bạn không có quyền xóa văn bản này."))
    if page.state != DocumentState.DRAFT:
        raise NotADraft(_("Chỉ xóa được dự thảo."))
    if not perms.can_delete():
        raise PermissionDenied(_("Bạn không có quyền xóa văn bản này."))
    lock = page.get_lock()
    if lock is not None and lock.for_user(user):
        raise DocumentLocked(_("Văn bản đang bị khóa: %(message)s") % {"message": lock.get_message(user)})
    DeletePageAction(page, user=user).execute(skip_permission_checks=True)
