"""Citations of other documents in running text (căn cứ and body), docs/domain.md §2 and §13.

"Căn cứ Quyết định số 105-QĐ/ĐU, ngày 23/12/2025 của Ban Thường vụ Đảng ủy về …" gives the kind word
("Quyết định"), the number and notation ("105-QĐ/ĐU"), its key (``notation_key``: "105-qd-du"), the date when one
is written ("ngày 23/12/2025" or "ngày 23 tháng 12 năm 2025"; Party style puts a comma before "ngày", State style
none), the issuer when one follows ("của Ban Thường vụ Đảng ủy") and the span of the whole citation.

Laws and statutes cited by name, without a number ("Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015",
"Điều lệ Đảng") are returned too, with an empty key: they cannot be matched to a document in the system.

Pure Python, no Django. Spans index the NFC form of the text (texts are NFC at the door, §8).
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from documents.text.notation import TYPE_CODES, canonical_type_code, notation_spans
from documents.text.vietnamese import fold

# The type words written before a number, longest first so that "Nghị quyết liên tịch" wins over "Nghị quyết".
KIND_WORDS: tuple[str, ...] = tuple(sorted((
    "Quyết định", "Nghị quyết", "Nghị quyết liên tịch", "Kế hoạch", "Quy chế", "Quy định", "Thông báo", "Chỉ thị",
    "Công văn", "Hướng dẫn", "Kết luận", "Thông tri", "Thông tư", "Thông tư liên tịch", "Chương trình", "Báo cáo",
    "Tờ trình", "Đề án", "Phương án", "Biên bản", "Nghị định", "Luật", "Bộ luật", "Pháp lệnh", "Công điện",
    "Văn bản", "Thông cáo", "Sắc lệnh", "Lệnh", "Hiến pháp", "Điều lệ",
), key=len, reverse=True))
# Kinds cited by their name alone: a statute has no number in the system.
NAMED_KINDS: tuple[str, ...] = ("Bộ luật", "Luật", "Hiến pháp", "Điều lệ", "Pháp lệnh")

_KIND_BY_FOLD = {fold(word).lower(): word for word in KIND_WORDS}
_KINDS = "|".join(re.escape(word) for word in KIND_WORDS)
_LOWER = "a-zàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
_CODES = "|".join(re.escape(code) for code in sorted(TYPE_CODES, key=len, reverse=True))
_SO = r"\s+số\s*:?\s*$"
_WINDOW = 80  # characters looked at before a notation for its kind word

# What may stand right before a notation, tried in order (the first that reaches the notation wins).
_BEFORE: tuple[re.Pattern[str], ...] = (
    re.compile(rf"(?<!\w)(?P<kind>(?i:{_KINDS})){_SO}"),                                   # Quyết định số
    re.compile(rf"(?<!\w)(?P<kind>(?i:{_KINDS}))(?:\s+[{_LOWER}]+){{1,4}}{_SO}"),         # Quy chế làm việc số
    re.compile(rf"(?<!\w)(?P<code>{_CODES}){_SO}"),                                      # QĐ số
    re.compile(rf"(?<!\w)(?P<kind>(?i:{_KINDS}))\s+$"),                                  # Nghị quyết 57-NQ/TW
    re.compile(r"(?<!\w)(?P<so>số)\s*:?\s*$"),                                             # … số 15/UBND-VP
)
# "Số 01-QC/BCĐ", "Số: 68/KH-UBND": a document's own number line, not a citation.
_OWN_NUMBER = re.compile(r"(?<!\w)Số\s*:?\s*$")
_DATE = re.compile(
    r"\s*,?\s*(?:ban hành\s+)?ngày\s+(?:"
    r"(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>\d{4})"
    r"|(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})\s+năm\s+(?P<y2>\d{4}))(?!\d)"
)
_OF = re.compile(r"\s*,?\s*của\s+")
# Where an issuer's name ends: punctuation, or a word that begins what the cited document is about.
_ISSUER_END = re.compile(
    r"[,;.:()\[\]\n]|\s(?:về|quy định|ban hành|hướng dẫn|thành lập|phê duyệt|sửa đổi|thực hiện|triển khai|trên|"
    r"quý|năm|tháng|đối với|tại|như sau|và các|khóa|nhiệm kỳ)(?!\w)"
)
_ISSUER_WORDS = 12
_NAMED = re.compile(
    rf"(?<!\w)(?P<kind>{'|'.join(re.escape(k) for k in NAMED_KINDS)})\s+(?P<name>[^\W\d_][^;,.:()\n]*?)"
    r"(?=\s*,?\s*ngày\s|\s*[;,.:()\n]|\s*$)"
)


@dataclass(frozen=True)
class Citation:
    """One citation found in a text; ``key`` is "" for a statute cited by name (never resolvable)."""

    kind: str
    notation: str
    key: str
    date: datetime.date | None
    issuer: str
    start: int
    end: int
    text: str
    year: int | None = None  # the date's year, or the one a State legal notation carries (30/2020/NĐ-CP)

    @property
    def resolvable(self) -> bool:
        return bool(self.key)


def _kind_before(text: str, start: int) -> tuple[str, int] | None:
    """The kind word written before a notation and where the citation starts; ("", start) when there is none,
    None when the notation is the document's own number line."""
    window_start = max(0, start - _WINDOW)
    window = text[window_start:start]
    if _OWN_NUMBER.search(window):
        return None
    for pattern in _BEFORE:
        match = pattern.search(window)
        if match is None:
            continue
        groups = match.groupdict()
        if groups.get("kind"):
            return _KIND_BY_FOLD.get(fold(groups["kind"]).lower(), groups["kind"]), window_start + match.start()
        if groups.get("code"):
            name = TYPE_CODES.get(canonical_type_code(groups["code"]) or "", "")
            return name[:1].upper() + name[1:], window_start + match.start()
        return "", window_start + match.start()
    return "", start


def _date_after(text: str, end: int) -> tuple[datetime.date | None, int]:
    match = _DATE.match(text, end)
    if match is None:
        return None, end
    day, month, year = (match.group("d") or match.group("d2"), match.group("m") or match.group("m2"),
                        match.group("y") or match.group("y2"))
    try:
        return datetime.date(int(year), int(month), int(day)), match.end()
    except ValueError:  # "ngày 31/02/2026": not a date, so not part of the citation
        return None, end


def _issuer_after(text: str, end: int) -> tuple[str, int]:
    """ "của Ban Thường vụ Đảng ủy về …" → "Ban Thường vụ Đảng ủy"; a lower-case word is no body's name
    ("… số 57-NQ/TW của các cơ quan")."""
    match = _OF.match(text, end)
    if match is None or not text[match.end():match.end() + 1].isupper():
        return "", end
    rest = text[match.end():match.end() + 200]
    stop = _ISSUER_END.search(rest)
    words = list(re.finditer(r"\S+", rest[:stop.start()] if stop else rest))[:_ISSUER_WORDS]
    if not words:
        return "", end
    return rest[words[0].start():words[-1].end()], match.end() + words[-1].end()


def _numbered(text: str) -> Iterator[Citation]:
    for start, end, parsed in notation_spans(text):
        before = _kind_before(text, start)
        if before is None:
            continue
        kind, begin = before
        if not kind and begin == start and parsed.type_code is None:
            continue  # "15/UBND-VP" alone may be anything; with "số" or a kind word before it, it is a citation
        if not kind and parsed.type_code:
            name = TYPE_CODES.get(parsed.type_code, "")
            kind = name[:1].upper() + name[1:]
        date, stop = _date_after(text, end)
        issuer, stop = _issuer_after(text, stop)
        yield Citation(
            kind=kind or "Văn bản", notation=text[start:end], key=parsed.key, date=date, issuer=issuer,
            start=begin, end=stop, text=text[begin:stop], year=date.year if date else parsed.year,
        )


def _named(text: str, taken: list[tuple[int, int]]) -> Iterator[Citation]:
    for match in _NAMED.finditer(text):
        if any(a < match.end() and match.start() < b for a, b in taken):
            continue
        name = match.group("name").strip()
        if not name[:1].isupper():
            continue  # "theo quy định của Luật" and the like: no named statute
        date, stop = _date_after(text, match.end())
        yield Citation(
            kind=match.group("kind"), notation="", key="", date=date, issuer="", start=match.start(), end=stop,
            text=text[match.start():stop], year=date.year if date else None,
        )


def find_citations(text: str) -> list[Citation]:
    """Citations in a text, in reading order: numbered ones (resolvable by key) and statutes cited by name."""
    text = unicodedata.normalize("NFC", text or "")
    numbered = list(_numbered(text))
    named = list(_named(text, [(c.start, c.end) for c in numbered]))
    return sorted(numbered + named, key=lambda c: c.start)
