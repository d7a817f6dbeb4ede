"""Helpers for the official rendering of a document (Hướng dẫn 36-HD/VPTW, Nghị định 30/2020/NĐ-CP)."""
from __future__ import annotations

import datetime
import re

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

from documents.text.vietnamese import after_type_name

register = template.Library()

PLACEHOLDER = "…"

OUTGOING_RELATION_LABELS = {
    "amends": "Văn bản này sửa đổi, bổ sung",
    "replaces": "Văn bản này thay thế",
    "repeals": "Văn bản này bãi bỏ",
    "guides": "Văn bản này hướng dẫn",
    "corrects": "Văn bản này đính chính",
}


# -- dates ---------------------------------------------------------------------------------------
def format_vn_date(day: datetime.date | None) -> str:
    """ "ngày 05 tháng 01 năm 2026": day and month below 10 keep a leading zero (docs/domain.md §2)."""
    if day is None:
        return f"ngày {PLACEHOLDER} tháng {PLACEHOLDER} năm {PLACEHOLDER}"
    return f"ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"


def format_place_date(place: str, day: datetime.date | None) -> str:
    """The place-and-date line: "La Gi, ngày 05 tháng 01 năm 2026"."""
    place = (place or "").strip()
    date_text = format_vn_date(day)
    return f"{place}, {date_text}" if place else date_text[0].upper() + date_text[1:]


def format_citation_date(day: datetime.date | None) -> str:
    """Short date used when citing a document: "23/12/2025", "05/3/2020" (as the seed and ND 30 write it)."""
    if day is None:
        return ""
    return f"{day.day:02d}/{day.month}/{day.year}"


@register.filter
def citation_date(day: datetime.date | None) -> str:
    return format_citation_date(day)


@register.simple_tag
def place_date(page) -> str:
    return format_place_date(page.place or page.issuer.place_name, page.issued_on)


def format_meeting_opening(start: datetime.datetime | None) -> str:
    """ "Vào hồi 08 giờ 00 phút, ngày 15 tháng 01 năm 2026" (biên bản)."""
    if start is None:
        return f"Vào hồi {PLACEHOLDER} giờ {PLACEHOLDER} phút, {format_vn_date(None)}"
    if timezone.is_aware(start):
        start = timezone.localtime(start)
    return f"Vào hồi {start.hour:02d} giờ {start.minute:02d} phút, {format_vn_date(start.date())}"


def format_meeting_closing(start: datetime.datetime | None, end: datetime.datetime | None) -> str:
    """ "Cuộc họp kết thúc vào hồi 10 giờ 30 phút cùng ngày." """
    if end is None:
        return ""
    if timezone.is_aware(end):
        end = timezone.localtime(end)
    if start is not None and timezone.is_aware(start):
        start = timezone.localtime(start)
    same_day = start is not None and start.date() == end.date()
    day_text = "cùng ngày" if same_day else format_vn_date(end.date())
    return f"Cuộc họp kết thúc vào hồi {end.hour:02d} giờ {end.minute:02d} phút {day_text}."


def own_text(page) -> str:
    """The document's own wording (preamble, body, conclusions), folded, to avoid printing a part twice."""
    from documents.blocks import stream_text
    from documents.text.vietnamese import fold

    parts = [page.preamble, stream_text(getattr(page, "body", None)), getattr(page, "conclusions", "")]
    return fold("\n".join(part for part in parts if part))


@register.filter
def already_says(page, phrase: str) -> bool:
    """True when an imported biên bản already has e.g. "Vào hồi …" or "Chủ trì:" in its own text."""
    from documents.text.vietnamese import fold

    return fold(phrase) in own_text(page)


ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


@register.simple_tag
def conclusions_heading(page) -> str:
    """ "III. KẾT LUẬN" continuing the numbered parts of the minutes, else "Kết luận:"."""
    numbers = [
        block.value.get("number", "").strip(". ") for block in getattr(page, "body", []) or []
        if block.block_type == "section"
    ]
    if numbers and numbers[-1] in ROMAN and ROMAN.index(numbers[-1]) + 1 < len(ROMAN):
        return f"{ROMAN[ROMAN.index(numbers[-1]) + 1]}. KẾT LUẬN"
    return _("Kết luận:")


@register.simple_tag
def meeting_opening(page) -> str:
    return format_meeting_opening(page.meeting_start)


@register.simple_tag
def meeting_closing(page) -> str:
    return format_meeting_closing(page.meeting_start, page.meeting_end)


# -- header --------------------------------------------------------------------------------------
def is_party_document(page) -> bool:
    return page.issuer.system == "party"


@register.filter
def type_name(page) -> str:
    """The printed type name of a document, generic or specific (a general document's own name)."""
    from documents.models import document_type_name

    return document_type_name(page)


@register.filter
def is_party(page) -> bool:
    return is_party_document(page)


def number_line(page) -> str:
    """ "Số 01-QC/BCĐ" (Party) or "Số: 68/KH-UBND" (State); a placeholder number until the document is issued."""
    party = is_party_document(page)
    prefix = "Số " if party else "Số: "
    if page.notation:
        return prefix + page.notation
    if not getattr(page, "numbered", True):
        return ""  # biên bản and other unnumbered kinds print no number line until one is registered
    code, issuer = page.type_code or "", page.issuer.code
    unit = getattr(page, "unit_code", "")
    issuer = f"{issuer}-{unit}" if unit else issuer  # công văn "Số: …/UBND-VP"
    if party:
        return f"{prefix}{PLACEHOLDER}-{code}/{issuer}" if code else f"{prefix}{PLACEHOLDER}/{issuer}"
    return f"{prefix}{PLACEHOLDER}/{code}-{issuer}" if code else f"{prefix}{PLACEHOLDER}/{issuer}"


# Names a State body prints over two lines: the kind of body, then the place ("ỦY BAN NHÂN DÂN" / "PHƯỜNG LA GI").
STATE_BODY_PREFIXES = ("ỦY BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN")


@register.filter
def issuer_name_lines(name: str) -> list[str]:
    name = (name or "").upper().strip()
    for prefix in STATE_BODY_PREFIXES:
        if name.startswith(prefix + " "):
            return [prefix, name[len(prefix):].strip()]
    return [name]


@register.simple_tag(name="number_line")
def number_line_tag(page) -> str:
    return number_line(page)


@register.filter
def is_draft(page) -> bool:
    """A document not yet issued carries the "DỰ THẢO" marker."""
    return not page.is_registered


@register.simple_tag
def urgency_label(page) -> str:
    return str(page.get_urgency_display()).upper() if page.urgency else ""


# -- signature -----------------------------------------------------------------------------------
@register.filter
def position_lines(position: str) -> list[str]:
    """Split a combined position over lines as it is printed: "BÍ THƯ", "kiêm", "TRƯỞNG BAN CHỈ ĐẠO"."""
    position = (position or "").strip()
    if not position:
        return []
    parts = re.split(r"\s+(kiêm)\s+", position)
    return [part for part in parts if part]


@register.filter
def authority_line(page) -> str:
    """ "T/M BAN THƯỜNG VỤ", "KT. CHỦ TỊCH"; empty when the head signs directly."""
    return page.signer_authority_line.upper() if page.signer_authority else ""


# -- body ----------------------------------------------------------------------------------------
@register.simple_tag
def body_template_names(page) -> list[str]:
    """The kind's body template, falling back to the shared frame so a new kind renders before it has one."""
    return [page.body_template(), "documents/body/base.html"]


@register.simple_tag(takes_context=True)
def basis_url(context, basis) -> str:
    """Link a basis to the cited document only when the reader may open it."""
    from documents.permissions import can_view

    if not basis.target_id:
        return ""
    request = context.get("request")
    target = basis.target
    known = context.get("visible_basis_targets")  # computed once per page by the caller (cms/document_cache.py)
    if known is not None:
        if basis.target_id not in known:
            return ""
    elif not can_view(getattr(request, "user", None), target):
        return ""
    return target.get_url(request=request) or ""


# -- reader box ----------------------------------------------------------------------------------
@register.simple_tag(takes_context=True)
def visible_relations(context, page) -> dict[str, list[dict]]:
    """Relations of the document, limited to documents the reader may see (no metadata leak)."""
    from documents.models.base import REVERSE_RELATION_LABELS
    from documents.serializers import readable_relations

    outgoing, incoming = readable_relations(page, getattr(context.get("request"), "user", None))
    return {
        "outgoing": [
            {"label": OUTGOING_RELATION_LABELS.get(rel.relation, rel.get_relation_display()), "target": rel.target}
            for rel in outgoing
        ],
        "incoming": [
            {"label": str(REVERSE_RELATION_LABELS.get(rel.relation, rel.get_relation_display())), "target": rel.page}
            for rel in incoming
        ],
    }


@register.simple_tag(takes_context=True)
def document_citations(context, page) -> dict[str, list]:
    """ "Căn cứ", the documents the text names ("Thực hiện Quy chế số …") and "Được căn cứ bởi", for this reader
    (documents/citations.py: nothing they may not open)."""
    from documents.citations import readable_cited_by, readable_cites
    from documents.models import CitationPlace

    user = getattr(context.get("request"), "user", None)
    cites = readable_cites(page, user)
    return {"cites": [item for item in cites if item.where != CitationPlace.BODY],
            "mentions": [item for item in cites if item.where == CitationPlace.BODY],
            "cited_by": readable_cited_by(page, user)}


@register.simple_tag
def attached_to_line(page) -> str:
    """ "(Ban hành kèm theo Quyết định số 105-QĐ/ĐU, ngày 23/12/2025)" for a quy chế issued with a decision."""
    target = page.attached_to
    if target is None:
        return ""
    target = target.specific
    type_name = str(target._meta.verbose_name)
    type_name = type_name[:1].upper() + type_name[1:]
    notation = target.notation or PLACEHOLDER
    day = format_citation_date(target.issued_on) or PLACEHOLDER
    separator = ", ngày" if is_party_document(target) else " ngày"
    return _("(Ban hành kèm theo %(type)s số %(notation)s%(sep)s %(day)s)") % {
        "type": type_name, "notation": notation, "sep": separator, "day": day,
    }


@register.filter
def basis_line(text: str, page) -> str:
    """A Party basis is printed as a dash line "- Căn cứ …;"; a State basis as is (italic)."""
    text = (text or "").strip()
    if is_party_document(page) and not text.startswith(("-", "–")):
        return f"- {text}"
    return text


@register.filter
def paragraphs(text: str) -> list[str]:
    """Split a text block into its paragraphs (blank lines or single newlines)."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


@register.filter
def scope_badge(visibility: str) -> str:
    """The badge of a document that is not public ("Nội bộ", "Hạn chế"), nothing for a public one: lists mark what
    a member must not pass on."""
    from documents.models import Visibility

    label = "" if visibility == Visibility.PUBLIC else dict(Visibility.choices).get(visibility, "")
    return format_html('<span class="badge badge--scope">{}</span>', label) if label else ""


@register.filter
def legal_status_class(status: str) -> str:
    return {
        "con_hieu_luc": "badge--ok",
        "het_hieu_luc_mot_phan": "badge--warn",
        "het_hieu_luc": "badge--off",
    }.get(status, "badge--neutral")


@register.simple_tag
def report_period(page) -> str:
    """The reporting period of a báo cáo, e.g. "Sơ kết quý I năm 2026"."""
    label = getattr(page, "period_label", "") or ""
    review = page.get_review_kind_display() if getattr(page, "review_kind", "") else ""
    text = f"{review} {label}".strip() if review else label
    return text[:1].upper() + text[1:] if text else ""


@register.filter
def summary_after_type(title: str) -> str:
    """ "Kết quả …" → "kết quả …" so that "Báo cáo kết quả …" reads as one phrase; acronyms stay ("UBND …")."""
    return after_type_name(title)


@register.filter
def issuer_label(issuer) -> str:
    """How readers name an issuer: its section's title, else its printed name as written in running text."""
    return issuer.display_name


@register.filter(name="written_name")
def written_name_filter(name: str) -> str:
    """ "ĐẢNG ỦY PHƯỜNG LA GI" → "Đảng ủy phường La Gi" (documents/text/names.py)."""
    from documents.text.names import written_name

    return written_name(name)


@register.filter
def mentions(haystack: str, needle: str) -> bool:
    return bool(needle) and needle.lower() in (haystack or "").lower()


# A number followed by "-" or "/" and codes: 105-QĐ/ĐU, 68/KH-UBND, 30/2020/NĐ-CP (and dates such as 05/3/2020).
_NOTATION_IN_TEXT = re.compile(r"(?<![\w/-])\d{1,6}(?:[-/]\w+)+")


@register.filter(is_safe=True)
def keep_notations(text: str) -> str:
    """Text with each notation kept on one line ("105-QĐ/ĐU" never broken after the slash); the words unchanged."""
    from django.utils.html import conditional_escape
    from django.utils.safestring import mark_safe

    def keep(match: re.Match) -> str:  # the whole word around it ("105-QĐ/ĐU),"): spans end where spaces are
        word = match.group(0)
        return f'<span class="nowrap">{word}</span>' if _NOTATION_IN_TEXT.search(word) else word

    return mark_safe(re.sub(r"\S+", keep, str(conditional_escape(text or ""))))
