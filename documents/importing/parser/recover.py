"""Tolerant recovery of text copied from portals, before the parser reads it (docs/domain.md §12).

Copying a document out of a web page or a PDF viewer damages it in a few recurring ways:

* table cells (the two header columns are a table) come out as lone "|" lines, or as "| left | right |";
* page furniture is mixed into the text: "Trang 1", "Trang 2/5", "- 2 -", a bare page number;
* the header columns are flattened onto one line ("ĐẢNG ỦY PHƯỜNG LA GI ĐẢNG CỘNG SẢN VIỆT NAM",
  "Số 05-KH/ĐU La Gi, ngày 10 tháng 3 năm 2026");
* sentences are broken at the width of the page, the next piece starting with a capital (a proper name).

``recover_text`` repairs these in the text, so that the parser sees what a clean conversion gives.
"""
from __future__ import annotations

import re

from documents.text.vietnamese import fold, nfc

from .lines import _starts_body, clean_piece, is_caps
from .typeline import ALL_TYPE_NAMES

_LONE_CELL = re.compile(r"^[\s|│┃¦]+$")
_FURNITURE = re.compile(r"^(?:trang\s+\d{1,3}(?:\s*(?:/|tren|cua)\s*\d{1,3})?|-\s*\d{1,3}\s*-|\d{1,3}|\d{1,3}\s*/\s*\d{1,3})$")
# Markers that start a new header piece when they are glued to other text on one line.
_HEADER_MARKERS = re.compile(
    r"(ĐẢNG CỘNG SẢN VIỆT NAM|CỘNG H(?:OÀ|ÒA) XÃ HỘI CHỦ NGHĨA VIỆT NAM|Độc lập\s*[-–]\s*Tự do\s*[-–]\s*Hạnh phúc"
    r"|(?<!\w)Số\s*:?\s*\d{1,4}\s*[-/]\s*[^\s,]+(?:\s*[-/]\s*[^\s,]+)*|(?<!\w)V/v\b.*)"
)
_DATE_TAIL = re.compile(r",?\s*ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}", re.I)
# Names that open a body of their own in an issuer block (a superior line then the issuer line).
_BODY_START = re.compile(r"(?<=\s)(?:ĐẢNG ỦY|ĐẢNG BỘ|TỈNH ỦY|THÀNH ỦY|CHI BỘ|ỦY BAN NHÂN DÂN|HỘI ĐỒNG NHÂN DÂN|UBND|HĐND)\s")
_TYPE_NAMES = tuple(fold(name) for name in ALL_TYPE_NAMES)
_HEADER_LIMIT = 40  # the header is in the first lines; nothing further down is split
_MARKED = re.compile(r"^(\d{1,3}|[IVX]{1,5}|[a-zđ])\s*[.)]\s|^(Điều|Chương)\s")
# Words that open a sentence rather than continue one: never joined to the line above.
_SENTENCE_OPENERS = tuple(f"{word} " for word in (
    "ngay", "de", "thuc hien", "can cu", "theo", "tren co so", "nham", "sau khi", "hom nay", "vao", "tai", "trong",
    "qua", "tu", "den", "nay", "hien nay", "kinh gui", "de nghi", "xet", "chu tri", "thu ky", "thanh phan",
    "cuoc hop", "dong chi", "cac", "moi", "giao", "yeu cau",
))
_SENTENCE_END = (".", ":", ";", "!", "?", ",", "./.")


def recover_text(text: str) -> str:
    """The text with cell marks and page furniture dropped, flattened header pieces split onto their own lines
    and sentences broken by copying joined again. Text that has none of these defects comes back unchanged."""
    lines = nfc(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    out: list[str] = []
    in_header = True
    for raw in lines:
        piece = clean_piece(raw)
        if _LONE_CELL.match(raw) and "|" in raw:
            out.append("")  # a cell boundary separates paragraphs
            continue
        if piece and _FURNITURE.match(fold(piece).strip(" .")):
            continue
        if in_header and piece and _starts_body(piece) and not piece.startswith("|"):
            in_header = False
        if in_header and len(out) < _HEADER_LIMIT:
            out.extend(_split_header_line(raw))
            in_header = not _is_type_line(piece)  # after the type line, columns are the parser's (signatures)
        else:
            out.append(raw)
    return "\n".join(_split_tail(_rejoin(_join_number(out))))


def _is_type_line(piece: str) -> bool:
    if not piece or not is_caps(piece.split()[0]):
        return False
    folded = fold(piece).strip(" .:")
    return any(folded == name or folded.startswith(name + " ") for name in _TYPE_NAMES)


def _join_number(lines: list[str]) -> list[str]:
    """ "Số:" alone, its number on the next line (a narrow header cell wrapped): one line again."""
    out: list[str] = []
    for raw in lines:
        piece = clean_piece(raw)
        previous = next((i for i in range(len(out) - 1, -1, -1) if clean_piece(out[i])), None)
        if (piece[:1].isdigit() and previous is not None and len(out) < _HEADER_LIMIT
                and re.fullmatch(r"(?i:số)\s*[:.]?", clean_piece(out[previous]))):
            out[previous] = f"{clean_piece(out[previous])} {piece}"
            del out[previous + 1:]
            continue
        out.append(raw)
    return out


def _split_header_line(raw: str) -> list[str]:
    """A header line: table cells become columns (tabs), flattened markers go onto lines of their own."""
    if raw.count("|") >= 1 and not re.match(r"^\s*\|\s*:?-{2,}", raw):
        cells = [c.strip() for c in raw.strip().strip("|").split("|")]
        raw = "\t".join(c for c in cells if c)
    pieces: list[str] = []
    for column in re.split(r"\t+| {3,}", raw):
        pieces.extend(_split_markers(column))
    if len(pieces) <= 1:
        return [raw]
    return [p for p in pieces if p.strip()]


def _split_markers(column: str) -> list[str]:
    text = column.strip()
    if not text:
        return []
    cut = [0, len(text)]
    for match in _HEADER_MARKERS.finditer(text):
        cut += [match.start(), match.end()]
    cut = sorted(set(cut))
    parts: list[str] = []
    for a, b in zip(cut, cut[1:], strict=False):
        segment = text[a:b].strip(" ,")
        if _HEADER_MARKERS.fullmatch(segment):
            parts.append(segment)
        else:
            for piece in _split_date(segment):
                parts.extend(_split_bodies(piece))
    return [p for p in parts if p]


def _split_bodies(piece: str) -> list[str]:
    """ "ĐẢNG BỘ TỈNH LÂM ĐỒNG ĐẢNG ỦY PHƯỜNG LA GI *": a superior and its body flattened onto one capital line."""
    piece = piece.strip(" *")
    if not is_caps(piece):
        return [piece]
    starts = [m.start() for m in _BODY_START.finditer(piece) if m.start() > 0]
    cuts = [0, *starts, len(piece)]
    return [piece[a:b].strip(" *") for a, b in zip(cuts, cuts[1:], strict=False) if piece[a:b].strip(" *")]


def _split_date(segment: str) -> list[str]:
    """ "ĐẢNG ỦY PHƯỜNG LA GI La Gi, ngày 05 tháng 01 năm 2026" → the caps text, then the place and date.
    The place is the title-case words just before ", ngày" (a place name is never written in capitals there)."""
    match = _DATE_TAIL.search(segment)
    if match is None:
        return [segment]
    words = segment[: match.start()].split()
    place: list[str] = []
    while words and _title_word(words[-1]) and len(place) < 5:
        place.insert(0, words.pop())
    head = " ".join(words).strip(" ,")
    date_line = (" ".join(place) + match.group(0)).strip()
    tail = segment[match.end():].strip(" ,.")
    return [p for p in (head, date_line, tail) if p]


def _title_word(word: str) -> bool:
    letters = [ch for ch in word.rstrip(",.") if ch.isalpha()]
    return bool(letters) and letters[0].isupper() and (len(letters) == 1 or any(ch.islower() for ch in letters[1:]))


def _split_tail(lines: list[str]) -> list[str]:
    """ "Nơi nhận: T/M BAN THƯỜNG VỤ" / "- Các chi bộ trực thuộc, PHÓ BÍ THƯ" / "Trần Văn Bình": the recipients
    column and the signature column flattened with single spaces. Put them back in two columns (the tail parser reads
    3+ spaces as a column break and an indented line as the right column)."""
    out: list[str] = []
    start = next((i for i, raw in enumerate(lines) if fold(clean_piece(raw)).startswith("noi nhan")), None)
    if start is None:
        return lines
    split = False
    for raw in lines[start:]:
        piece = clean_piece(raw)
        left, right = _signature_suffix(piece)
        if right and raw == raw.lstrip() and not re.search(r"\s{3,}|\t", raw.strip()):
            out.append(f"{left}{_COLUMN_GAP}{right}")
            split = True
        elif split and piece and not piece.startswith(("-", "+")) and raw == raw.lstrip():
            out.append(f"{_COLUMN_GAP}{piece}")  # the rest of the signature column: position, name
        else:
            out.append(raw)
    return lines[:start] + out


_COLUMN_GAP = " " * 12


def _signature_suffix(piece: str) -> tuple[str, str]:
    """Split "<recipient text ending in , ; : or .> <CAPITAL SIGNATURE LINE>"; ("", "") when the line is not one."""
    words = piece.split()
    for cut in range(1, len(words) - 1):
        left, right = " ".join(words[:cut]), " ".join(words[cut:])
        if not left.endswith((",", ";", ":", ".")) or is_caps(left):
            continue
        if is_caps(right) and len(words) - cut >= 2 and "," not in right and not right.endswith((".", ";")):
            return left, right
    return "", ""


def _rejoin(lines: list[str]) -> list[str]:
    """Join a long sentence line to the next one when copying broke it before a capitalised word."""
    out: list[str] = []
    for raw in lines:
        piece = clean_piece(raw)
        if out and piece and _broken_before(clean_piece(out[-1]), piece) and raw == raw.lstrip():
            out[-1] = f"{out[-1].rstrip()} {raw.strip()}"
        else:
            out.append(raw)
    return out


def _broken_before(previous: str, piece: str) -> bool:
    # A numbered heading ("1. Nâng cao nhận thức …") has no final stop either: only a long one is a broken sentence.
    shortest = 80 if _MARKED.match(previous) else 60
    if len(previous) < shortest or previous.endswith(_SENTENCE_END) or is_caps(previous) or previous.startswith("|"):
        return False
    if piece.startswith(("-", "+", "•", "|", "(")) or is_caps(piece) or _starts_body(piece):
        return False
    if _MARKED.match(piece) or re.match(r"^(Điều|Chương|Nơi nhận|Kính gửi)\b", piece):
        return False
    if piece.endswith(":") or fold(piece).lower().startswith(_SENTENCE_OPENERS):
        return False  # a sentence of its own ("Ngày 06/02/2026, Chủ tịch … như sau:")
    return bool(re.match(r"^[A-ZĐÀ-Ỹ][a-zđà-ỹ]", piece))
