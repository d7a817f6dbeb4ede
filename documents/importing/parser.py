"""Text of an official document → ParsedDocument (domain.md §2, §4, §5, §6). No database.

The text format is what conversions of real documents look like (the seed is the reference):

* one paragraph per line; blank lines between paragraphs are optional; "**"/"__" emphasis marks and
  lines made only of "*", "-", "_" are ignored; a line starting in lower case continues the line above;
* the header, before the type-name line (QUY CHẾ, QUYẾT ĐỊNH, KẾ HOẠCH, BÁO CÁO, BIÊN BẢN …), in any
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

import datetime
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext_noop as _

from documents.text.notation import parse_notation
from documents.text.vietnamese import fold, nfc

from .tree import (
    Article,
    BodyItem,
    Chapter,
    Clause,
    Meeting,
    Paragraph,
    ParsedDocument,
    Point,
    Recipient,
    ReportPeriod,
    Section,
    Signature,
    Subsection,
    TaskRow,
    TaskTable,
)

REGULATION = "regulation"  # Chương → Điều → khoản → điểm
SECTIONED = "sectioned"  # I. sections, 1. sub-sections, task tables


class ParseError(ValueError):
    """The text is not a document this importer understands; the message (Vietnamese) says why."""


@dataclass(frozen=True)
class KindSpec:
    kind: str
    type_name: str
    body_style: str


DEFAULT_KINDS: tuple[KindSpec, ...] = (
    KindSpec("quy_che", "QUY CHẾ", REGULATION),
    KindSpec("quyet_dinh", "QUYẾT ĐỊNH", REGULATION),
    KindSpec("ke_hoach", "KẾ HOẠCH", SECTIONED),
    KindSpec("bao_cao", "BÁO CÁO", SECTIONED),
    KindSpec("bien_ban", "BIÊN BẢN", SECTIONED),
)

# Type names of documents the system has no kind for yet: recognised to give a precise message.
OTHER_TYPE_NAMES = (
    "NGHỊ QUYẾT", "CHỈ THỊ", "KẾT LUẬN", "QUY ĐỊNH", "THÔNG TRI", "HƯỚNG DẪN", "THÔNG BÁO", "CHƯƠNG TRÌNH",
    "ĐỀ ÁN", "PHƯƠNG ÁN", "TỜ TRÌNH", "CÔNG VĂN", "THÔNG CÁO", "GIẤY MỜI", "NGHỊ ĐỊNH", "THÔNG TƯ",
)
_OTHER_TYPES = {fold(name): name for name in OTHER_TYPE_NAMES}

SECRET_MARKS = {"MẬT": "mat", "TỐI MẬT": "toi_mat", "TUYỆT MẬT": "tuyet_mat"}
URGENCY_MARKS = {"KHẨN": "khan", "THƯỢNG KHẨN": "thuong_khan", "HỎA TỐC": "hoa_toc", "HỎA TỐC HẸN GIỜ": "hoa_toc"}

# ------------------------------------------------------------------------------------------ patterns
_EMPHASIS = re.compile(r"\*\*|__")
_SEPARATOR = re.compile(r"^[\s*_\-–—=~·•]*$")
_COLUMNS = re.compile(r"\t+| {3,}")
_SPACES = re.compile(r"\s+")
_BULLET = re.compile(r"^[-+•–]\s*")  # "- ", "+ ", "• " opening a list line

_CHAPTER = re.compile(r"^(?i:chương)\s+(?P<num>[IVXLC]+|\d+)(?![^\W\d_])\s*[.:\-–]?\s*(?P<rest>.*)$")
_ARTICLE = re.compile(r"^(?i:điều)\s+(?P<num>\d+[a-zđ]?)(?![^\W_])\s*[.:\-–]?\s*(?P<rest>.*)$")
_NUMBERED = re.compile(r"^(?P<num>\d{1,3})\s*[.)]\s+(?P<rest>\S.*)$")
_POINT = re.compile(r"^(?P<letter>[a-zđ])\)\s*(?P<rest>\S.*)$")
_SECTION = re.compile(r"^(?P<num>[IVX]{1,5})\s*[.:\-–]\s*(?P<rest>.*)$")
_ROMAN = re.compile(r"X{0,3}(IX|IV|V?I{0,3})")
_DATE = re.compile(
    r"^(?P<place>.*?)[\s,]*(?i:ngày)\s+(?P<d>\d{1,2})\s+(?i:tháng)\s+(?P<m>\d{1,2})\s+(?i:năm)\s+(?P<y>\d{4})\b"
)
_NUMBER_LINE = re.compile(r"^so\s*(?:[:.]|\d|$)")
_NUMBER_WORD = re.compile(r"^[^\W\d_]+\s*[:.]?\s*")  # "Số ", "Số: ", "Số:" (glued to the number too)
_AUTHORITY = re.compile(
    r"^(?P<auth>T\s*/\s*M|T\.\s*M\.?|TM\.?|K\s*/\s*T|K\.\s*T\.?|KT\.?|T\s*/\s*L|T\.\s*L\.?|TL\.?|TUQ\.?|Q\.)\s+(?P<body>\S.*)$"
)
_PARTY_AUTHORITY = {"TM": "T/M", "KT": "K/T", "TL": "T/L"}
_STATE_AUTHORITY = {"TM": "TM.", "KT": "KT.", "TL": "TL.", "TUQ": "TUQ.", "Q": "Q."}
_PLACEHOLDER = re.compile(r"^[(\[]?\s*(da )?(ky|chu ky)\b[^)\]]*[)\]]?$|^[(\[].*\b(ky|chu ky|dau)\b.*[)\]]$")
_PURPOSE_WORDS = {
    "b/c", "t/h", "p/h", "c/d", "d/b", "bc", "th", "biet", "bao cao", "thuc hien", "phoi hop", "chi dao",
    "theo doi", "chi dao thuc hien", "de b/c", "de t/h",
}
_NAME_WORD = re.compile(r"^[^\W\d_]+$")
_CONNECTORS = {"kiem", "va"}
# Words that open the name of a new body in the issuer block ("BAN CHỈ ĐẠO …" under "ĐẢNG ỦY …").
_BODY_OPENERS = (
    "dang uy", "dang bo", "tinh uy", "thanh uy", "huyen uy", "quan uy", "thi uy", "ban ", "van phong", "uy ban",
    "ubnd", "ubkt", "hdnd", "hoi dong", "chi bo", "dai hoi", "tieu ban", "to ", "doan ", "mat tran", "cong doan",
)


# ------------------------------------------------------------------------------------------ lines
@dataclass
class _Line:
    raw: str
    text: str
    bold_continues: bool  # a "**" run opened on an earlier line is still open at the start of this one


def clean_piece(piece: str) -> str:
    """One line or column: emphasis marks removed, whitespace collapsed."""
    piece = _EMPHASIS.sub("", piece)
    piece = _SPACES.sub(" ", piece).strip()
    if _SEPARATOR.match(piece):
        return ""
    return piece.strip("*_ ").strip()


def _lines(text: str) -> list[_Line]:
    text = nfc(text).replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = text.replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", "")
    out: list[_Line] = []
    bold_open = False
    for raw in text.split("\n"):
        out.append(_Line(raw=raw.rstrip(), text=clean_piece(raw), bold_continues=bold_open))
        if raw.count("**") % 2:
            bold_open = not bold_open
        if not raw.strip():
            bold_open = False
    return out


def _columns(raw: str) -> list[str]:
    return [piece for piece in map(clean_piece, _COLUMNS.split(raw.strip())) if piece]


def is_caps(text: str) -> bool:
    """Written in capitals: at least one letter and no lower-case letter."""
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and not any(ch.islower() for ch in letters)


def _starts_lower(text: str) -> bool:
    for ch in text:
        if ch.isalpha():
            return ch.islower()
        if not ch.isspace():
            return False
    return False


def _is_name(text: str) -> bool:
    words = text.split()
    if not 2 <= len(words) <= 6 or is_caps(text):
        return False
    if not all(_NAME_WORD.match(word) for word in words) or not words[0][0].isupper():
        return False
    return sum(1 for word in words if word[0].isupper()) >= len(words) - 1


def _is_placeholder(text: str) -> bool:
    folded = fold(text).strip()
    return bool(_PLACEHOLDER.match(folded)) and len(folded.split()) <= 8


def _is_connector(text: str) -> bool:
    return fold(text).strip() in _CONNECTORS


def _is_roman(num: str) -> bool:
    return bool(num) and bool(_ROMAN.fullmatch(num))


def _section_match(text: str) -> re.Match | None:
    match = _SECTION.match(text)
    if match and _is_roman(match.group("num")) and not text[match.end("num"):].lstrip().startswith("/"):
        return match
    return None


def _is_basis(text: str) -> bool:
    return bool(re.match(r"^[-+•–]?\s*can cu\b", fold(text)))


def _starts_body(text: str) -> bool:
    """A line that cannot belong to the summary: a basis, a heading, the opening of minutes …"""
    folded = fold(text)
    return bool(
        _is_basis(text)
        or re.match(r"^(xet|thuc hien|vao (hoi|luc)|noi nhan|\(ban hanh kem theo)\b", folded)
        or _CHAPTER.match(text) or _ARTICLE.match(text) or _section_match(text) or text.startswith("|")
    )


def _heading_or_text(rest: str) -> tuple[str, str]:
    """Split what follows "Điều 1." or "1.": a short heading is a title, a sentence is text."""
    rest = rest.strip()
    words = rest.split()
    if not rest:
        return "", ""
    if rest[-1] not in ".;:,!?" and len(words) <= 15:
        return rest, ""
    if rest.endswith(":") and len(words) <= 10 and "," not in rest:
        return rest[:-1].strip(), ""
    if rest.endswith(".") and not rest.endswith("./.") and len(words) <= 5 and "," not in rest:
        return rest[:-1].strip(), ""
    return "", rest


def _append(existing: str, text: str) -> str:
    return f"{existing}\n{text}" if existing else text


def _join(parts: Iterable[str]) -> str:
    return _SPACES.sub(" ", " ".join(p for p in parts if p)).strip()


def _paragraphs(lines: Sequence[_Line]) -> list[str]:
    """Non-empty lines; a line starting in lower case continues the line just above it (hard wraps)."""
    out: list[str] = []
    previous_blank = True
    for line in lines:
        text = line.text
        if not text:
            previous_blank = True
            continue
        if text in ("./.", "/."):
            continue
        if out and not previous_blank and _starts_lower(text) and not _POINT.match(text):
            out[-1] = f"{out[-1]} {text}"
        else:
            out.append(text)
        previous_blank = False
    return out


# ------------------------------------------------------------------------------------------ parser
def parse_document(text: str, kinds: Sequence[KindSpec] | None = None) -> ParsedDocument:
    """Parse the NFC (or any) text of one document. Raises ParseError with a Vietnamese reason."""
    lines = _lines(text)
    if not any(line.text for line in lines):
        raise ParseError(_("Tệp không có nội dung."))
    _refuse_secret(lines)
    specs = {fold(spec.type_name): spec for spec in (kinds or DEFAULT_KINDS)}

    type_index, spec, rest = _find_type_line(lines, specs)
    doc = ParsedDocument(kind=spec.kind, type_name=spec.type_name, title="")
    _parse_header(doc, lines[:type_index])

    tail_start = _parse_tail(doc, lines, type_index + 1)
    summary_end = _parse_summary(doc, lines, type_index + 1, rest, tail_start)
    _parse_front_and_body(doc, spec, lines[summary_end:tail_start])

    if doc.kind == "bien_ban":
        _parse_meeting(doc)
    if doc.kind == "bao_cao":
        doc.period = detect_period(doc.title, doc.date)
    if not doc.signatures:
        doc.warnings.append(_("Không thấy khối chữ ký (chức vụ, họ tên người ký)."))
    if not doc.recipients and doc.kind != "bien_ban":
        doc.warnings.append(_("Không thấy mục “Nơi nhận”."))
    return doc


def _refuse_secret(lines: Sequence[_Line]) -> None:
    """Party rules: no secret document on a networked system (domain.md §7)."""
    for line in lines:
        for piece in _columns(line.raw) or [line.text]:
            mark = piece.upper().strip(" .:[]()")
            mark = re.sub(r"^ĐỘ MẬT\s*:\s*", "", mark)
            if mark in SECRET_MARKS:
                raise ParseError(
                    _("Văn bản mang dấu độ mật “%(mark)s”: hệ thống nối mạng không được lưu văn bản mật; "
                      "hãy quản lý văn bản này theo chế độ văn bản mật.") % {"mark": mark}
                )


def _find_type_line(lines: Sequence[_Line], specs: dict[str, KindSpec]) -> tuple[int, KindSpec, str]:
    limit = len(lines)
    for index, line in enumerate(lines):
        if line.text and (_starts_body(line.text) and not is_caps(line.text)):
            limit = index
            break
    candidates = [(i, lines[i].text) for i in range(limit) if lines[i].text]
    for index, text in candidates:
        if not is_caps(text):
            continue
        folded = fold(text)
        if folded in specs:
            return index, specs[folded], ""
        if folded in _OTHER_TYPES:
            raise ParseError(
                _("Loại văn bản “%(name)s” chưa được hỗ trợ (hỗ trợ: %(supported)s).")
                % {"name": _OTHER_TYPES[folded], "supported": ", ".join(s.type_name for s in specs.values())}
            )
    # "BÁO CÁO Kết quả …": the type name and the start of the summary on one line.
    for index, text in candidates:
        folded = fold(text)
        for name, spec in specs.items():
            if folded.startswith(name + " ") and is_caps(text[: len(name)]):
                rest = text[len(name):].strip()
                if any(ch.islower() for ch in rest):
                    return index, spec, rest
    raise ParseError(
        _("Không nhận ra loại văn bản: không thấy dòng tên loại (%(supported)s) ở đầu văn bản.")
        % {"supported": ", ".join(s.type_name for s in specs.values())}
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


def _parse_tail(doc: ParsedDocument, lines: Sequence[_Line], start: int) -> int:
    """Recipients and signatures. Returns the first line of the tail: the body ends before it."""
    recipients_at = next(
        (i for i in range(start, len(lines)) if re.match(r"^noi nhan\b", fold(lines[i].text))), None,
    )
    if recipients_at is None:
        sig_start = _signature_start(lines, start, len(lines))
        doc.signatures = _parse_signatures(lines[sig_start:], doc.system)
        return sig_start

    # "Nơi nhận:" on the left, the signature on the right, flattened onto the same lines.
    if len(_columns(lines[recipients_at].raw)) >= 2:
        left, right_texts = _split_columns(lines[recipients_at:])
        right = _plain_lines(right_texts)
    else:
        left, right = [lines[recipients_at].text], []
        in_list = True
        for index in range(recipients_at + 1, len(lines)):
            line = lines[index]
            if not in_list:
                right.append(line)
            elif not line.text:
                continue
            elif _BULLET.match(line.text) or (_starts_lower(line.text) and lines[index - 1].text):
                left.append(line.text)
            else:
                in_list = False
                right.append(line)
    left[0] = re.sub(r"^\S+\s+\S+\s*:?\s*", "", left[0]).strip()  # drop "Nơi nhận:"
    doc.recipients = _parse_recipients(left)
    signatures = _parse_signatures(right, doc.system)
    if signatures:
        doc.signatures = signatures
        return recipients_at
    sig_start = _signature_start(lines, start, recipients_at)
    doc.signatures = _parse_signatures(lines[sig_start:recipients_at], doc.system)
    return sig_start


def _parse_recipients(items: Sequence[str]) -> list[Recipient]:
    merged: list[str] = []
    for item in items:
        if merged and not _BULLET.match(item) and _starts_lower(item):
            merged[-1] = f"{merged[-1]} {item}"
        else:
            merged.append(item)
    out: list[Recipient] = []
    for item in merged:
        name = _BULLET.sub("", item).strip()
        name = name.rstrip(" ,;.").strip()
        purpose = ""
        match = re.search(r"\(([^()]*)\)\s*$", name)
        if match and _is_purpose(match.group(1)):
            purpose = _SPACES.sub(" ", match.group(1)).strip()
            name = name[: match.start()].rstrip(" ,;.-–").strip()
        if not name:
            continue
        archive = bool(re.match(r"^luu\b", fold(name)))
        out.append(Recipient(name=name, purpose=purpose, archive=archive, printed=_SPACES.sub(" ", item).strip()))
    return out


def _is_purpose(inner: str) -> bool:
    folded = _SPACES.sub(" ", fold(inner)).strip(" .")
    return folded.startswith("de ") or folded in _PURPOSE_WORDS


def _signature_like(text: str) -> bool:
    if not text:
        return True
    if _ARTICLE.match(text) or _CHAPTER.match(text) or _section_match(text) or _NUMBERED.match(text):
        return False
    if _AUTHORITY.match(text) or _is_placeholder(text) or _is_connector(text) or _is_name(text):
        return True
    return is_caps(text) and len(text.split()) <= 12 and not text.endswith((":", ";", ","))


def _signature_start(lines: Sequence[_Line], start: int, end: int) -> int:
    """First line of the signature block that ends the range (scanning back over signature-like lines)."""
    index = end
    found_name = False
    while index > start:
        line = lines[index - 1]
        pieces = _columns(line.raw) or [line.text]
        if not all(_signature_like(piece) for piece in pieces):
            break
        found_name = found_name or any(_is_name(piece) or is_caps(piece) for piece in pieces)
        index -= 1
    while index < end and not lines[index].text:
        index += 1
    return index if found_name else end


def _split_columns(lines: Sequence[_Line]) -> tuple[list[str], list[str]]:
    """Two columns flattened into text lines: a line with two parts gives one to each side; a lone part
    belongs to the right column when it is indented."""
    left: list[str] = []
    right: list[str] = []
    for line in lines:
        parts = _columns(line.raw)
        indent = len(line.raw) - len(line.raw.lstrip())
        if len(parts) >= 2:
            left.append(parts[0])
            right.append(parts[-1])
        elif parts:
            (right if indent >= 8 else left).append(parts[0])
    return left, right


def _plain_lines(texts: Sequence[str]) -> list[_Line]:
    return [_Line(raw=text, text=text, bold_continues=False) for text in texts]


def _parse_signatures(lines: Sequence[_Line], system: str) -> list[Signature]:
    if any(len(_columns(line.raw)) >= 2 for line in lines):  # THƯ KÝ … CHỦ TRÌ side by side
        blocks = list(_split_columns(lines))
    else:
        blocks = [[line.text for line in lines if line.text]]
    signatures: list[Signature] = []
    for block in blocks:
        group: list[str] = []
        for text in block:
            if _is_placeholder(text):
                continue
            group.append(text)
            if not is_caps(text) and not _is_connector(text) and not _AUTHORITY.match(text):
                signatures.append(_signature(group, system))
                group = []
        if group:
            signatures.append(_signature(group, system))
    return [s for s in signatures if s.position or s.name]


def _signature(group: list[str], system: str) -> Signature:
    signature = Signature()
    parts = list(group)
    if parts and (match := _AUTHORITY.match(parts[0])):
        letters = re.sub(r"[^A-Z]", "", match.group("auth").upper())
        slash = "/" in match.group("auth")
        use_party = system == "party" or (not system and slash)
        table = _PARTY_AUTHORITY if use_party and letters in _PARTY_AUTHORITY else _STATE_AUTHORITY
        signature.authority = table.get(letters, match.group("auth"))
        signature.authority_body = match.group("body").strip()
        parts = parts[1:]
    if parts and not is_caps(parts[-1]) and not _is_connector(parts[-1]):
        signature.name = parts.pop()
    signature.position = _join(parts)
    return signature


# ------------------------------------------------------------------------------------------ body
def _parse_front_and_body(doc: ParsedDocument, spec: KindSpec, lines: Sequence[_Line]) -> None:
    paragraphs = _paragraphs(lines)
    if spec.body_style == REGULATION:
        start = next(
            (i for i, p in enumerate(paragraphs) if _CHAPTER.match(p) or _ARTICLE.match(p) or _is_decide_marker(p)),
            None,
        )
    else:
        start = next((i for i, p in enumerate(paragraphs) if _section_match(p) or p.startswith("|")), None)
    front = paragraphs if start is None else paragraphs[:start]
    rest = [] if start is None else paragraphs[start:]
    if rest and _is_decide_marker(rest[0]):
        rest = rest[1:]

    decider: list[str] = []
    preamble: list[str] = []
    proposal: list[str] = []
    loose: list[str] = []
    for paragraph in front:
        folded = fold(paragraph)
        if _is_basis(paragraph):
            doc.bases.append(_BULLET.sub("", paragraph).strip())
        elif folded.startswith("(ban hanh kem theo"):
            doc.attached_note = paragraph.strip("() ")
        elif doc.kind == "quyet_dinh" and re.match(r"^[-+•–]?\s*xet\b", folded):
            proposal.append(_BULLET.sub("", paragraph))
        elif doc.kind == "quyet_dinh" and is_caps(paragraph) and not doc.bases and not preamble:
            decider.append(paragraph)
        elif start is None:
            loose.append(paragraph)
        else:
            preamble.append(paragraph)
    doc.decider = _join(decider)
    doc.proposal = "\n".join(proposal)
    doc.preamble = "\n".join(preamble)
    if spec.body_style == REGULATION:
        doc.body = [Paragraph(p) for p in loose] + _regulation_body(doc, rest)
    else:
        doc.body = [Paragraph(p) for p in loose] + _sectioned_body(doc, rest)


def _is_decide_marker(paragraph: str) -> bool:
    return bool(re.match(r"^quyet dinh\s*:$", fold(paragraph)))


def _regulation_body(doc: ParsedDocument, paragraphs: Sequence[str]) -> list[BodyItem]:
    items: list[BodyItem] = []
    chapter: Chapter | None = None
    article: Article | None = None
    clause: Clause | None = None
    point: Point | None = None
    for paragraph in paragraphs:
        if match := _CHAPTER.match(paragraph):
            chapter = Chapter(number=match.group("num").upper(), title=match.group("rest").strip(" .:-–"))
            items.append(chapter)
            article = clause = point = None
        elif match := _ARTICLE.match(paragraph):
            title, text = _heading_or_text(match.group("rest"))
            article = Article(number=match.group("num"), title=title, text=text)
            (chapter.articles if chapter else items).append(article)
            clause = point = None
        elif chapter is not None and article is None and is_caps(paragraph):
            chapter.title = _join([chapter.title, paragraph])  # "Chương III" then its title on its own line
        elif article is not None and (match := _NUMBERED.match(paragraph)):
            clause = Clause(number=match.group("num"), text=match.group("rest"))
            article.clauses.append(clause)
            point = None
        elif article is not None and (match := _POINT.match(paragraph)):
            if clause is None:
                clause = Clause(number="")
                article.clauses.append(clause)
            point = Point(letter=match.group("letter"), text=match.group("rest"))
            clause.points.append(point)
        elif point is not None:
            point.text = _append(point.text, paragraph)
        elif clause is not None:
            clause.text = _append(clause.text, paragraph)
        elif article is not None:
            article.text = _append(article.text, paragraph)
        elif chapter is not None:
            # A chapter holds only articles: keep the text, just before the chapter heading.
            doc.warnings.append(_("Đoạn văn trong Chương %(num)s nằm ngoài các Điều.") % {"num": chapter.number})
            items.insert(items.index(chapter), Paragraph(paragraph))
        else:
            items.append(Paragraph(paragraph))
    for item in items:
        if isinstance(item, Chapter) and not item.title:
            doc.warnings.append(_("Chương %(num)s không có tên.") % {"num": item.number})
    return items


def _sectioned_body(doc: ParsedDocument, paragraphs: Sequence[str]) -> list[BodyItem]:
    items: list[BodyItem] = []
    section: Section | None = None
    subsection: Subsection | None = None
    after_table = False
    index = 0
    while index < len(paragraphs):
        paragraph = paragraphs[index]
        if paragraph.startswith("|"):
            rows: list[str] = []
            while index < len(paragraphs) and paragraphs[index].startswith("|"):
                rows.append(paragraphs[index])
                index += 1
            title = ""
            owner = subsection or section
            if owner is not None:
                last = owner.text.rsplit("\n", 1)[-1] if owner.text else ""
                if last and re.match(r"^bang\b", fold(last)):
                    owner.text = owner.text[: -len(last)].rstrip("\n")
                    title = last.rstrip(" :")
            items.append(_task_table(doc, rows, title))
            after_table = True
            continue
        if match := _section_match(paragraph):
            section = Section(number=match.group("num"), title=match.group("rest").strip())
            items.append(section)
            subsection = None
            after_table = False
        elif section is not None and not section.title and not section.subsections and not section.text and is_caps(paragraph):
            section.title = paragraph
        elif section is not None and not after_table and (match := _NUMBERED.match(paragraph)):
            title, text = _heading_or_text(match.group("rest"))
            subsection = Subsection(number=match.group("num"), title=title, text=text)
            section.subsections.append(subsection)
        elif section is None or after_table:
            items.append(Paragraph(paragraph))
        elif subsection is not None:
            subsection.text = _append(subsection.text, paragraph)
        else:
            section.text = _append(section.text, paragraph)
        index += 1
    return items


def _task_table(doc: ParsedDocument, rows: Sequence[str], title: str) -> TaskTable:
    table = TaskTable(title=title)
    for row in rows:
        cells = [_SPACES.sub(" ", cell).strip() for cell in row.strip().strip("|").split("|")]
        if all(re.fullmatch(r":?-{2,}:?", cell) or not cell for cell in cells):
            continue
        folded = [fold(cell) for cell in cells]
        if any("nhiem vu" in f or "noi dung" in f for f in folded) and any("chu tri" in f for f in folded):
            continue  # header row
        if len(cells) >= 5 and (re.fullmatch(r"\d+\.?", cells[0]) or folded[0] in ("tt", "stt", "")):
            cells = cells[1:]
        cells += [""] * (4 - len(cells))
        if len(cells) > 4:
            doc.warnings.append(_("Hàng bảng có hơn 4 cột: “%(row)s”.") % {"row": row})
        table.rows.append(TaskRow(task=cells[0], lead_unit=cells[1], cooperating_units=cells[2], deadline=cells[3]))
    return table


# ------------------------------------------------------------------------------------------ kinds
def detect_period(title: str, day: datetime.date | None = None) -> ReportPeriod:
    """Kỳ báo cáo from a report's title: "quý I năm 2026", "6 tháng đầu năm", "tháng 3", "năm 2025"."""
    folded = fold(title)
    period = ReportPeriod()
    if "so ket" in folded:
        period.review_kind = "so_ket"
    elif "tong ket" in folded:
        period.review_kind = "tong_ket"
    years = re.findall(r"\bnam\s+(\d{4})\b", folded)
    period.year = int(years[-1]) if years else (day.year if day else None)
    quarter = re.search(r"\bquy\s+(iv|iii|ii|i|[1-4])\b", folded)
    half = re.search(r"\b(?:6|06|sau)\s+thang\s+(dau|cuoi)\b", folded)
    month = re.search(r"(?<!\d\s)(?<!\d)\bthang\s+(\d{1,2})\b", folded)
    if quarter:
        roman = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
        period.period_type, period.index = "quarter", roman.get(quarter.group(1)) or int(quarter.group(1))
    elif half:
        period.period_type, period.index = "half", 1 if half.group(1) == "dau" else 2
    elif re.search(r"\b(?:9|09|chin)\s+thang\b|\bdot xuat\b", folded):
        period.period_type = "ad_hoc"
    elif month and 1 <= int(month.group(1)) <= 12:
        period.period_type, period.index = "month", int(month.group(1))
    elif years:
        period.period_type = "year"
    return period


_TIME = r"(?P<h>\d{1,2})\s*(?:gio|h)\s*(?P<mi>\d{1,2})?\s*(?:phut)?"
_START = re.compile(
    r"\bvao\s+(?:hoi|luc)\s+" + _TIME + r"\s*,?\s*(?:ngay\s+(?P<d>\d{1,2})\s*(?:thang\s*|/)\s*(?P<mo>\d{1,2})"
    r"\s*(?:nam\s*|/)\s*(?P<y>\d{4}))?"
)
_END = re.compile(r"\bket thuc\s+(?:vao\s+)?(?:hoi\s+|luc\s+)?" + _TIME)


def _parse_meeting(doc: ParsedDocument) -> None:
    """Biên bản: time, place, chair, secretary, attendance and conclusions, from the text."""
    meeting = Meeting()
    texts = [doc.preamble, *(_section_texts(doc.body))]
    lines = [line for text in texts for line in text.split("\n") if line.strip()]
    for line in lines:
        folded = fold(line)
        if meeting.start is None and (match := _START.search(folded)):
            day = doc.date
            if match.group("d"):
                day = _safe_date(int(match.group("y")), int(match.group("mo")), int(match.group("d"))) or day
            if day is not None:
                meeting.start = _at(day, match)
            place = re.search(r"(?i)\btại\s+(.+?)(?:[,;]|\.(?:\s|$)|$)", line)
            if place:
                meeting.place = place.group(1).strip()
        if match := _END.search(folded):
            base = meeting.start.date() if meeting.start else doc.date
            if base is not None:
                meeting.end = _at(base, match)
        value = _labelled(line, ("chu tri", "chu toa"))
        if value and not meeting.chair:
            meeting.chair, meeting.chair_position = _person(value)
        value = _labelled(line, ("thu ky", "nguoi ghi bien ban"))
        if value and not meeting.secretary:
            meeting.secretary = _person(value)[0]
        if "co mat" in folded and meeting.present is None and (count := re.search(r"(\d+)\s*/\s*(\d+)", folded)):
            meeting.present, meeting.expected = int(count.group(1)), int(count.group(2))
        value = _labelled(line, ("vang mat", "vang"))
        if value and not meeting.absentees:
            meeting.absentees = value.rstrip(" .")
    # Conclusions: the section called "KẾT LUẬN …" moves out of the body into its own field (with the
    # closing "Cuộc họp kết thúc …" that follows it, so that the text keeps its reading order).
    for item in doc.body:
        if isinstance(item, Section) and "ket luan" in fold(item.title):
            meeting.conclusions = _section_plain(item)
            doc.body.remove(item)
            break
    if not meeting.secretary and (secretary := doc.secretary_signature):
        meeting.secretary = secretary.name
    if not meeting.chair and doc.signatures:
        meeting.chair = doc.signer.name
    doc.meeting = meeting


def _section_plain(section: Section) -> str:
    """A section's text and sub-sections as plain lines ("1. Title" then its text)."""
    parts = [section.text]
    for sub in section.subsections:
        number = f"{sub.number}. " if sub.number else ""
        parts.append(_append(f"{number}{sub.title}", sub.text) if sub.title else f"{number}{sub.text}")
    return "\n".join(p for p in parts if p)


def _section_texts(items: Sequence[BodyItem]) -> Iterable[str]:
    for item in items:
        if isinstance(item, Section):
            yield _section_plain(item)
        elif isinstance(item, Paragraph):
            yield item.text


def _labelled(line: str, labels: Sequence[str]) -> str:
    """The value after "Label:" at the start of a line ("- Chủ trì: đồng chí …")."""
    stripped = _BULLET.sub("", line.strip())
    folded = fold(stripped)
    for label in labels:
        if re.match(rf"^{label}\s*:", folded):
            return stripped.split(":", 1)[1].strip()
    return ""


def _person(value: str) -> tuple[str, str]:
    """ "đồng chí Nguyễn Quốc Nam, Bí thư Đảng ủy" → ("Nguyễn Quốc Nam", "Bí thư Đảng ủy")."""
    value = re.sub(r"^(?i:đồng chí|đ/c|ông|bà)\s+", "", value.strip())
    parts = re.split(r"\s*(?:,|\s-\s|\s–\s)\s*", value, maxsplit=1)
    name = parts[0].strip(" .;")
    position = parts[1].strip(" .;") if len(parts) > 1 else ""
    return name, position


def _at(day: datetime.date, time: re.Match) -> datetime.datetime:
    """The day at the hour and minutes of a _TIME match ("14 giờ 30")."""
    return datetime.datetime.combine(day, datetime.time(int(time.group("h")) % 24, int(time.group("mi") or 0) % 60))


def _safe_date(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None
