"""Header: secret marks refused; issuer block, number and notation, place and date, type line and trích yếu."""
from __future__ import annotations

import re
from collections.abc import Sequence

from django.utils.translation import gettext_noop as _

from documents.text.notation import parse_notation
from documents.text.vietnamese import fold

from ..tree import ParsedDocument
from .common import ParseError, _safe_date
from .lines import _columns, _join, _Line, _starts_body, _starts_lower, is_caps

SECRET_MARKS = {"MẬT": "mat", "TỐI MẬT": "toi_mat", "TUYỆT MẬT": "tuyet_mat"}
URGENCY_MARKS = {"KHẨN": "khan", "THƯỢNG KHẨN": "thuong_khan", "HỎA TỐC": "hoa_toc", "HỎA TỐC HẸN GIỜ": "hoa_toc"}
_DATE = re.compile(
    r"^(?P<place>.*?)[\s,]*(?i:ngày)\s+(?P<d>\d{1,2})\s+(?i:tháng)\s+(?P<m>\d{1,2})\s+(?i:năm)\s+(?P<y>\d{4})\b"
)
_NUMBER_LINE = re.compile(r"^so\s*(?:[:.]|\d|$)")
_NUMBER_WORD = re.compile(r"^[^\W\d_]+\s*[:.]?\s*")  # "Số ", "Số: ", "Số:" (glued to the number too)
# Words that open the name of a new body in the issuer block ("BAN CHỈ ĐẠO …" under "ĐẢNG ỦY …").
_BODY_OPENERS = (
    "dang uy", "dang bo", "tinh uy", "thanh uy", "huyen uy", "quan uy", "thi uy", "ban ", "van phong", "uy ban",
    "ubnd", "ubkt", "hdnd", "hoi dong", "chi bo", "dai hoi", "tieu ban", "to ", "doan ", "mat tran", "cong doan",
)


def _refuse_secret(lines: Sequence[_Line]) -> None:
    """Party rules: no secret document on a networked system (docs/domain.md §7)."""
    for line in lines:
        for piece in _columns(line.raw) or [line.text]:
            mark = piece.upper().strip(" .:[]()")
            mark = re.sub(r"^ĐỘ MẬT\s*:\s*", "", mark)
            if mark in SECRET_MARKS:
                raise ParseError(
                    _("Văn bản mang dấu độ mật “%(mark)s”: hệ thống nối mạng không được lưu văn bản mật; "
                      "hãy quản lý văn bản này theo chế độ văn bản mật.") % {"mark": mark}
                )


def _parse_header(doc: ParsedDocument, lines: Sequence[_Line]) -> None:
    issuer_lines: list[str] = []
    for line in lines:
        for piece in _columns(line.raw):
            folded = fold(piece)
            upper = piece.upper().strip(" .:")
            if folded == "dang cong san viet nam":
                doc.system, doc.heading = "party", "ĐẢNG CỘNG SẢN VIỆT NAM"
            elif folded.startswith("cong hoa xa hoi chu nghia viet nam") or folded.startswith("doc lap"):
                doc.system, doc.heading = "state", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
            elif upper in URGENCY_MARKS:
                doc.urgency = URGENCY_MARKS[upper]
            elif folded.strip(" .") == "du thao" or folded.startswith("du thao "):
                doc.draft_mark = True
            elif _NUMBER_LINE.match(folded):
                doc.notation_text = _NUMBER_WORD.sub("", piece).strip()
                doc.notation = parse_notation(piece)
                if doc.notation is None and any(ch.isdigit() for ch in piece):
                    doc.warnings.append(_("Không đọc được số và ký hiệu “%(text)s”.") % {"text": piece})
            elif match := _DATE.match(piece):
                doc.place = match.group("place").strip(" ,")
                doc.date = _safe_date(int(match.group("y")), int(match.group("m")), int(match.group("d")))
                if doc.date is None:
                    raise ParseError(_("Ngày tháng không hợp lệ: “%(text)s”.") % {"text": piece})
            elif is_caps(piece):
                issuer_lines.append(piece)
            else:
                doc.warnings.append(_("Bỏ qua dòng không rõ ở phần đầu: “%(text)s”.") % {"text": piece})
    doc.issuer_lines = issuer_lines
    bodies: list[list[str]] = []
    for piece in issuer_lines:
        if not bodies or fold(piece).startswith(_BODY_OPENERS):
            bodies.append([piece])
        else:
            bodies[-1].append(piece)
    if bodies:
        doc.issuer_name = _join(bodies[-1])
        doc.superior = _join(part for body in bodies[:-1] for part in body)
    if not doc.system and doc.notation is not None:
        written = doc.notation_text
        doc.system = "state" if re.match(r"^\s*\d+\s*/", written) else "party"


def _parse_summary(doc: ParsedDocument, lines: Sequence[_Line], start: int, rest: str, stop: int) -> int:
    """Trích yếu: the line(s) under the type name. Returns the index after it."""
    parts: list[str] = [rest] if rest else []
    index = start
    if not parts:
        while index < stop and not lines[index].text:
            index += 1
        if index < stop and not _starts_body(lines[index].text):
            parts.append(lines[index].text)
            index += 1
    while index < stop:
        line = lines[index]
        if not line.text or _starts_body(line.text):
            break
        if not (line.bold_continues or _starts_lower(line.text)):
            break
        parts.append(line.text)
        index += 1
    doc.title = _join(parts)
    if not doc.title:
        raise ParseError(_("Không thấy trích yếu (tên văn bản) dưới dòng “%(type)s”.") % {"type": doc.type_name})
    return index
