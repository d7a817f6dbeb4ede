"""Text of an official document → ParsedDocument (docs/domain.md §2, §4, §5, §6). No database.

The text format is what conversions of real documents look like (the seed is the reference); copies from portals
are repaired first (recover.py: cell marks, page furniture, flattened header pieces, broken lines; docs/domain.md §12):

* one paragraph per line; blank lines between paragraphs are optional; "**"/"__" emphasis marks and
  lines made only of "*", "-", "_" are ignored; a line starting in lower case continues the line above;
* the header, before the type-name line (any type of docs/domain.md §3, anywhere before the body; typeline.py), in any
  order: the issuer block in capitals (superior first), "ĐẢNG CỘNG SẢN VIỆT NAM" or "CỘNG HÒA XÃ HỘI CHỦ
  NGHĨA VIỆT NAM / Độc lập - Tự do - Hạnh phúc", "Số …", "<place>, ngày dd tháng mm năm yyyy", and the
  marks MẬT / KHẨN / DỰ THẢO. Two columns flattened onto one line are split at a tab or 3+ spaces;
* the summary (trích yếu) under the type name, wrapped lines joined with a space;
* "Căn cứ …" lines are the bases; "Xét …" the proposal of a quyết định; the capitals line before the bases
  of a quyết định is its decider; other text before the body is the preamble ("… như sau:");
* body of quy chế / quyết định: "Chương I" + title (same or next line), "Điều 1. Title", "1." khoản,
  "a)" điểm; other paragraphs continue the element above. Body of kế hoạch / báo cáo / biên bản:
  "I. TITLE" sections, "1." sub-sections, and task tables written one row per line between pipes:

      | Nhiệm vụ | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian hoàn thành |
      |---|---|---|---|
      | Xây dựng kế hoạch … | Văn phòng Đảng ủy | Các chi bộ | Tháng 02/2026 |

  (header and "|---|" rows optional, a leading "TT" column is dropped; a line "Bảng …" just above a
  table is its title; text after a table, until the next "I." section, becomes plain paragraphs);
* "Nơi nhận:" then one "- " line per recipient; the signature block (authority line T/M, K/T, TM., KT.
  …, position lines, name) after the recipients, before them, or at the end; biên bản: two signatures
  (THƯ KÝ, CHỦ TRÌ) one after the other or side by side.
"""
from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext_noop as _

from documents.text.vietnamese import fold

from ..tree import ParsedDocument
from .body import _parse_front_and_body
from .common import DEFAULT_KINDS, GENERAL_KIND, REGULATION, SECTIONED, KindSpec, ParseError
from .header import _parse_header, _parse_summary, _refuse_secret
from .kinds import _parse_meeting, detect_period
from .lines import _lines
from .recover import recover_text
from .review import UNKNOWN_SUMMARY, review_notes
from .tail import _parse_tail
from .typeline import Located, body_style_for, find_type_line, locate_without_type_line

__all__ = [
    "DEFAULT_KINDS", "GENERAL_KIND", "REGULATION", "SECTIONED", "KindSpec", "ParseError", "detect_period", "parse_document",
]


def parse_document(text: str, kinds: Sequence[KindSpec] | None = None, *, tolerant: bool = False) -> ParsedDocument:
    """Parse the NFC (or any) text of one document. Raises ParseError with a Vietnamese reason.

    ``tolerant`` (the importer): a document whose structure is only partly recovered is still returned, with what
    was found and ``review`` listing what is missing (docs/domain.md §12); only what cannot be read is refused.
    """
    lines = _lines(recover_text(text))
    if not any(line.text for line in lines):
        raise ParseError(_("Tệp không có nội dung."))
    _refuse_secret(lines)
    specs = {fold(spec.type_name): spec for spec in (kinds or DEFAULT_KINDS)}
    general = next((spec for spec in specs.values() if spec.kind == GENERAL_KIND), None)

    located = _locate(lines, specs, general if tolerant else None, tolerant)
    spec = body_style_for(located.spec, lines[located.summary_start:], REGULATION, SECTIONED)
    doc = ParsedDocument(kind=spec.kind, type_name=spec.type_name, title="", source=text)
    _parse_header(doc, located.header)

    tail_start = _parse_tail(doc, lines, located.summary_start)
    if located.type_line:
        try:
            summary_end = _parse_summary(doc, lines, located.summary_start, located.rest, tail_start)
        except ParseError:
            if not tolerant:
                raise
            summary_end, doc.title = located.summary_start, ""
    else:
        summary_end, doc.title = located.summary_start, located.rest
    _parse_front_and_body(doc, spec, lines[summary_end:tail_start])

    if doc.kind == "bien_ban":
        _parse_meeting(doc)
    if doc.kind == "bao_cao":
        doc.period = detect_period(doc.title, doc.date)
    if not doc.signatures:
        doc.warnings.append(_("Không thấy khối chữ ký (chức vụ, họ tên người ký)."))
    doc.review = review_notes(doc, located)
    if not doc.title:
        doc.title = str(UNKNOWN_SUMMARY)
    return doc


def _locate(lines, specs: dict[str, KindSpec], general: KindSpec | None, tolerant: bool) -> Located:
    try:
        return find_type_line(lines, specs, general)
    except ParseError:
        if not tolerant or general is None:
            raise
        located = locate_without_type_line(lines, specs, general)
        if located is None:
            raise ParseError(
                _("Không nhận ra loại văn bản: không thấy dòng tên loại, số và ký hiệu, ngày tháng hay quốc hiệu, "
                  "tiêu đề của văn bản ở đầu văn bản.")
            ) from None
        return located
