"""ParsedDocument → DocumentPage of the right kind, under its issuer's IssuerIndexPage.

A draft is created unnumbered and not live. An archive import (``issue=True``) registers the document
under its original number and date (documents.numbering.register_existing), marks it issued and in
force, publishes it and sends document_changed (the search app indexes it); it does not send document_issued
(nobody is mailed).
"""
from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import PurePath

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.models import Page, ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from documents.citations import link_registered
from documents.distribution.directory import name_key, recipient_matcher
from documents.kinds import kind_classes
from documents.models import (
    DocumentAttachment,
    DocumentBasis,
    DocumentPage,
    DocumentRecipient,
    DocumentState,
    Issuer,
    IssuerIndexPage,
    LegalStatus,
    Recipient,
    Visibility,
)
from documents.models.base import default_rule_set
from documents.numbering import NumberingError, register_existing, would_duplicate
from documents.roles import attachments_collection
from documents.signals import document_changed
from documents.slugs import import_slug_base
from documents.text.notation import (
    STATE_TYPE_CODES,
    TYPE_CODES,
    canonical_type_code,
    find_notations,
    format_notation,
    notation_key,
    unit_of,
)
from documents.text.vietnamese import fold, nfc

from .parser import GENERAL_KIND, REGULATION, SECTIONED, KindSpec
from .saving import first_revision, save_new
from .tree import Article, Chapter, Paragraph, ParsedDocument, Section, TaskTable

TITLE_MAX = 255  # wagtailcore Page.title


class ImportFailure(Exception):
    """The document cannot be imported; the message (Vietnamese) is shown to the clerk."""


class UnknownIssuer(ImportFailure):
    """The printed issuer matches no declared one (a batch may then use the issuer its clerk chose)."""


def kind_specs() -> list[KindSpec]:
    """What the parser may recognise: one spec per page kind, body style read from its StreamField."""
    specs = []
    for kind, cls in kind_classes().items():
        blocks = cls._meta.get_field("body").stream_block.child_blocks if hasattr(cls, "body") else {}
        specs.append(KindSpec(kind, cls.type_name, REGULATION if "article" in blocks else SECTIONED))
    return specs


# ------------------------------------------------------------------------------------------ issuers
def find_issuer(value: str) -> Issuer:
    """The issuer named on the command line by slug or by code ("BCĐ" or "bcd")."""
    issuer = Issuer.objects.filter(slug=value).first()
    if issuer is not None:
        return issuer
    matches = [i for i in Issuer.objects.all() if name_key(i.code) == name_key(value)]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise ImportFailure(
            _("Ký hiệu “%(code)s” dùng cho nhiều cơ quan (%(slugs)s); hãy dùng --issuer <slug>.")
            % {"code": value, "slugs": ", ".join(i.slug for i in matches)}
        )
    raise ImportFailure(_("Không có cơ quan ban hành có slug hoặc ký hiệu “%(value)s”.") % {"value": value})


def resolve_issuer(parsed: ParsedDocument, issuers: Sequence[Issuer] | None = None) -> Issuer:
    """Match the printed issuer block to a declared issuer: by full name, else by notation code + superior."""
    issuers = list(issuers if issuers is not None else Issuer.objects.select_related("superior"))
    lines = parsed.issuer_lines
    for start in range(len(lines)):
        name = name_key(" ".join(lines[start:]))
        superior = name_key(" ".join(lines[:start]))
        found = [i for i in issuers if name_key(i.name) == name]
        if len(found) > 1 and superior:
            found = [i for i in found if _superior_matches(i, superior)] or found
        if len(found) == 1:
            return found[0]
    code = parsed.notation.issuer_code if parsed.notation else ""
    if code:
        # The issuer's own code, else one followed by a unit ("UBND-VP": the Ủy ban's Văn phòng drafted it).
        found = [i for i in issuers if name_key(i.code) == name_key(code)]
        found = found or [i for i in issuers if unit_of(code, i.code)]
        printed = [name_key(line) for line in lines]
        superior = name_key(parsed.superior)
        if superior or len(found) > 1:
            found = [
                i for i in found
                if (superior and _superior_matches(i, superior)) or any(_superior_matches(i, p) for p in printed)
            ]
        if len(found) == 1:
            return found[0]
    named = parsed.issuer_name or (parsed.notation.issuer_code if parsed.notation else "")
    if not named:
        raise UnknownIssuer(_("Không thấy tên cơ quan ban hành ở đầu văn bản; hãy chỉ rõ cơ quan ban hành khi nhập."))
    raise UnknownIssuer(
        _("Không tìm thấy cơ quan ban hành “%(name)s”%(superior)s trong danh mục; hãy khai báo cơ quan đó, hoặc chỉ rõ "
          "cơ quan ban hành khi nhập.")
        % {"name": named, "superior": _(" (cấp trên: %(s)s)") % {"s": parsed.superior} if parsed.superior else ""}
    )


def _superior_matches(issuer: Issuer, printed: str) -> bool:
    names = {name_key(issuer.printed_superior)}
    if issuer.superior is not None:
        names.add(name_key(issuer.superior.name))
    return printed in names - {""}


# ------------------------------------------------------------------------------------------ body
def body_stream(items: Sequence) -> list[dict]:
    """The raw StreamField data of a parsed body, in the block shapes of documents/blocks.py."""
    out: list[dict] = []
    for item in items:
        if isinstance(item, Chapter):
            out.append({"type": "chapter", "value": {
                "number": item.number, "title": item.title, "articles": [asdict(a) for a in item.articles],
            }})
        elif isinstance(item, Article):
            out.append({"type": "article", "value": asdict(item)})
        elif isinstance(item, Section):
            out.append({"type": "section", "value": asdict(item)})
        elif isinstance(item, TaskTable):
            out.append({"type": "task_table", "value": asdict(item)})
        elif isinstance(item, Paragraph):
            out.append({"type": "paragraph", "value": item.text})
    return out


def _fits(kind_body_blocks, stream: list[dict]) -> bool:
    return all(entry["type"] in kind_body_blocks for entry in stream)


# ------------------------------------------------------------------------------------------ page
def create_document(
    parsed: ParsedDocument,
    issuer: Issuer,
    *,
    issue: bool = False,
    visibility: str | None = None,
    user=None,
    source_format: str = "",
    original: tuple[str, bytes] | None = None,
    match_recipient: Callable[[str], Recipient | None] | None = None,
) -> DocumentPage:
    """Create the page (call inside transaction.atomic: a failure must leave nothing behind).

    ``original`` (file name, bytes): the file the text was derived from (a PDF, a scan, a .doc), kept attached to
    the document so that the clerk can compare and nothing of it is lost. ``match_recipient``: the directory as a
    batch read it (distribution.directory.recipient_matcher), else it is read for this document.
    """
    classes = kind_classes()
    cls = classes.get(parsed.kind)
    if cls is None:
        raise ImportFailure(_("Chưa có loại văn bản “%(kind)s”.") % {"kind": parsed.kind})
    parent = _index_page(issuer)
    type_code = (
        (parsed.notation.type_code if parsed.notation and parsed.notation.type_code else "")
        or cls.default_type_code or _code_for_type(parsed)
    )
    type_code = canonical_type_code(type_code) or type_code

    if issue:
        _check_issuable(parsed, issuer, cls, type_code)

    title = parsed.title
    if len(title) > TITLE_MAX:
        parsed.warnings.append(_("Trích yếu dài hơn %(n)s ký tự đã được cắt bớt.") % {"n": TITLE_MAX})
        title = title[: TITLE_MAX - 1].rsplit(" ", 1)[0] + "…"

    signer = parsed.signer
    page = cls(
        title=title,
        slug=_unique_slug(parent, parsed, title),
        issuer=issuer,
        type_code=type_code,
        unit_code=printed_unit(parsed, issuer),
        place=parsed.place or issuer.place_name,
        issued_on=parsed.date if issue else None,
        preamble=parsed.preamble,
        signer_authority=signer.authority,
        signer_authority_body=signer.authority_body,
        signer_position=signer.position,
        signer_name=signer.name,
        visibility=visibility or (Visibility.PUBLIC if issue else Visibility.INTERNAL),
        urgency=parsed.urgency,
        rule_set=default_rule_set(issuer.system, parsed.date),
        review_notes="\n".join(str(note) for note in parsed.review),
        source_text=parsed.source,
        source_format=source_format,
        live=False,
    )
    if user is not None and getattr(user, "pk", None):
        page.owner = user
    if hasattr(cls, "body"):
        stream = body_stream(parsed.body)
        blocks = cls._meta.get_field("body").stream_block.child_blocks
        if not _fits(blocks, stream):
            raise ImportFailure(_("Cấu trúc nội dung không khớp với loại văn bản %(type)s.") % {"type": cls.type_name})
        page.body = stream
    _set_kind_fields(page, parsed)
    attached = _attached_to(parsed, issuer)
    if attached is not None:
        page.attached_to = attached

    bases = [DocumentBasis(text=text, sort_order=i) for i, text in enumerate(parsed.bases)]
    kept = None
    if original is not None:
        with disable_reference_index_auto_update():  # indexed below: Wagtail's task would read the row back
            kept = _original_attachment(issuer, *original, source_format=source_format, user=user)
    if issue:  # saved so from the start: one write of the page less
        page.state, page.legal_status = DocumentState.ISSUED, LegalStatus.IN_FORCE

    # Wagtail re-indexes references once per saved row (the page and each basis and recipient);
    # index the finished page once instead.
    try:
        with disable_reference_index_auto_update():
            if kept is not None:
                ReferenceIndex.create_or_update_for_object(kept.document)
            save_new(parent, page, bases=bases, recipients=_recipients(parsed, match_recipient), attachments=[kept] if kept else [])
            if issue:
                _register(page, parsed, user)
            # The operator running the import has the server's authority; --user only names the actor
            # recorded on the revision and the register, who may well be a clerk without publish rights.
            first_revision(page, user, publish=issue)
    except BaseException:
        if kept is not None:  # the rows roll back with the transaction; the stored file must go too
            kept.document.file.delete(save=False)
        raise
    ReferenceIndex.create_or_update_for_object(page)
    if issue:  # readers see it now; a draft concerns nobody outside the drafting office
        link_registered(page)  # documents already citing it link up now (what it cites is matched on save)
        document_changed.send(sender=type(page), page=page, user=user)
    return page


def _register(page: DocumentPage, parsed: ParsedDocument, user) -> None:
    """Register the document under its printed number and date (_check_issuable refused a numbered kind
    without them)."""
    if parsed.number is None or parsed.date is None:
        return
    try:
        register_existing(page, parsed.number, parsed.date, user=user)
    except NumberingError as exc:
        raise ImportFailure(" ".join(exc.messages)) from None
    if notation_key(page.notation) != (parsed.notation.key if parsed.notation else ""):
        raise ImportFailure(
            _("Số và ký hiệu đăng ký (%(ours)s) khác bản gốc (%(theirs)s): kiểm tra ký hiệu của cơ quan ban hành.")
            % {"ours": page.notation, "theirs": parsed.notation_text}
        )


def _original_attachment(issuer: Issuer, filename: str, data: bytes, *, source_format: str, user) -> DocumentAttachment:
    """The imported file as a document of the issuer's private attachments collection (served behind the
    document's permission check, docs/domain.md §10)."""
    name = nfc(PurePath(filename).name) or f"ban-goc.{source_format or 'bin'}"
    caption = _("Bản gốc (ảnh quét)") if source_format == "ocr" else _("Bản gốc")
    document = get_document_model()(title=f"{caption}: {name}"[:255], collection=attachments_collection(issuer),
                                    uploaded_by_user=user if getattr(user, "pk", None) else None)
    document.file.save(name, ContentFile(data), save=False)
    document.file_size = len(data)
    document.save()
    return DocumentAttachment(document=document, caption=caption, is_original=True)


def _index_page(issuer: Issuer) -> Page:
    try:  # a batch read it with its issuers (batch._Context): no query then
        return issuer.index_page
    except IssuerIndexPage.DoesNotExist:
        raise ImportFailure(
            _("Cơ quan “%(name)s” chưa có trang mục văn bản (IssuerIndexPage); hãy tạo trước khi nhập.")
            % {"name": issuer.name}
        ) from None


def _not_issuable(reason: str) -> ImportFailure:
    """A refusal to register, with what the clerk can do instead: keep the file as a draft, completed by hand."""
    return ImportFailure(reason + " " + _("Nhập lại tệp này như dự thảo (bỏ chọn “Văn bản đã ban hành”) để lưu "
                                          "thành dự thảo cần rà soát."))


def _check_issuable(parsed: ParsedDocument, issuer: Issuer, cls: type[DocumentPage], type_code: str) -> None:
    if parsed.draft_mark:
        raise ImportFailure(_("Văn bản mang dấu “DỰ THẢO”: không thể đăng ký như văn bản đã ban hành."))
    if parsed.date is None:
        raise _not_issuable(_("Không đọc được ngày ban hành: không thể đăng ký văn bản đã ban hành."))
    if parsed.date > timezone.localdate():  # a misread year (OCR: 2026 read as 2926) is never published
        raise _not_issuable(_("Ngày ban hành đọc được (%(date)s) ở sau hôm nay: có thể đọc sai; không đăng ký văn bản "
                                "này.") % {"date": parsed.date.strftime("%d/%m/%Y")})
    if parsed.number is None:
        if cls.numbered:
            raise _not_issuable(_("Không đọc được số văn bản: không thể đăng ký văn bản đã ban hành."))
        return
    printed = parsed.notation.issuer_code if parsed.notation else ""
    if unit_of(printed, issuer.code) is None:
        raise ImportFailure(
            _("Ký hiệu cơ quan trên văn bản (%(printed)s) khác ký hiệu của %(name)s (%(code)s).")
            % {"printed": printed, "name": issuer.name, "code": issuer.code}
        )
    try:
        duplicate = would_duplicate(issuer, type_code, parsed.number, parsed.date)
    except NumberingError as exc:
        raise ImportFailure(" ".join(exc.messages)) from None
    if duplicate:
        raise ImportFailure(
            _("Số %(notation)s của %(issuer)s đã có trong sổ văn bản; không đăng ký trùng số.")
            % {"notation": format_notation(issuer.system, parsed.number, type_code, issuer.code,
                                           unit_code=printed_unit(parsed, issuer)), "issuer": issuer.name}
        )


def printed_unit(parsed: ParsedDocument, issuer: Issuer) -> str:
    """The unit after the issuer's code in the printed notation ("15/UBND-VP" → "VP"), kept so the document is
    registered, printed and cited as the paper says; "" when there is none or the code is another issuer's."""
    printed = parsed.notation.issuer_code if parsed.notation else ""
    return unit_of(printed, issuer.code) or ""


def _unique_slug(parent: Page, parsed: ParsedDocument, title: str) -> str:
    base = import_slug_base(parsed.notation.key if parsed.notation else "", title, parsed.kind)
    taken = set(Page.objects.child_of(parent).filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _recipients(parsed: ParsedDocument, match: Callable[[str], Recipient | None] | None) -> list[DocumentRecipient]:
    """Map each Nơi nhận line to the directory (by folded name or alias); unmatched lines await the clerk's review.

    The archive copy ("Lưu …") is kept by the issuer's office and never sent, so it is not flagged.
    """
    rows = []
    match = match or recipient_matcher()  # the directory is read once for all the lines
    for i, item in enumerate(parsed.recipients):
        entry = match(item.name)
        rows.append(DocumentRecipient(
            name=item.name, purpose=item.purpose, archive=item.archive, recipient=entry, printed=item.printed,
            needs_review=entry is None and not item.archive, sort_order=i,
        ))
    return rows


def _code_for_type(parsed: ParsedDocument) -> str:
    """The type code of a type name (NGHỊ QUYẾT → NQ) when the notation has none; a State công văn has none."""
    if fold(parsed.type_name) == "cong van" and parsed.system != "party":
        return ""
    wanted = fold(parsed.type_name).lower()
    return next((code for code, name in {**STATE_TYPE_CODES, **TYPE_CODES}.items() if fold(name) == wanted), "")


def _set_kind_fields(page: DocumentPage, parsed: ParsedDocument) -> None:
    if parsed.kind == GENERAL_KIND:
        page.printed_type_name = parsed.type_name
    elif parsed.kind == "quyet_dinh":
        page.decider = parsed.decider
        page.proposal = parsed.proposal
    elif parsed.kind == "bao_cao" and parsed.period is not None:
        page.period_type = parsed.period.period_type
        page.period_index = parsed.period.index
        page.period_year = parsed.period.year
        page.review_kind = parsed.period.review_kind
    elif parsed.kind == "bien_ban" and parsed.meeting is not None:
        meeting = parsed.meeting
        page.meeting_start = _aware(meeting.start)
        page.meeting_end = _aware(meeting.end)
        page.meeting_place = meeting.place
        page.chair = meeting.chair
        page.chair_position = meeting.chair_position
        page.secretary = meeting.secretary
        page.present_count = meeting.present
        page.expected_count = meeting.expected
        page.absentees = meeting.absentees
        page.conclusions = meeting.conclusions


def _aware(value: datetime.datetime | None) -> datetime.datetime | None:
    if value is None:
        return None
    return timezone.make_aware(value) if timezone.is_naive(value) else value


def _attached_to(parsed: ParsedDocument, issuer: Issuer) -> DocumentPage | None:
    """"Ban hành kèm theo Quyết định số …": link the decision when it is in the system, same issuer line."""
    if not parsed.attached_note:
        return None
    lineage = [i.pk for i in issuer.lineage()]
    for found in find_notations(parsed.attached_note):
        matches = list(DocumentPage.objects.filter(notation_key=found.key, issuer_id__in=lineage)[:2])
        if len(matches) == 1:
            return matches[0]
    parsed.warnings.append(_("Chưa tìm thấy văn bản ban hành kèm theo: %(note)s.") % {"note": parsed.attached_note})
    return None
