"""Numbers and notations (số và ký hiệu) of Party and State documents, docs/domain.md §3.

Party:  "01-QC/BCĐ"   = number-TYPE/ISSUER
State:  "68/KH-UBND"  = number/TYPE-ISSUER, "30/2020/NĐ-CP" with a year, "15/UBND-VP" (công văn, no type)

Real notations are written sloppily ("Số 367 - QĐ/TWĐTN-VP", "Số: 66-QĐ/TW") and users type them without
marks or separators ("qc 01 bcd"); ``parse_notation`` maps all of them to one key ("1-qc-bcd").
The type code only says which part of a notation is the type: it never decides the document kind
(the same code means different kinds to different bodies, e.g. TT, QĐ).

Pure Python, no Django.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from documents.text.vietnamese import fold, has_vietnamese_marks

# Codes of Party documents (HD 36-HD/VPTW) and the common State ones; canonical spelling → type name.
TYPE_CODES: dict[str, str] = {
    "NQ": "nghị quyết",
    "QĐ": "quyết định",
    "CT": "chỉ thị",
    "KL": "kết luận",
    "QC": "quy chế",
    "QĐi": "quy định",
    "QyĐ": "quy định",
    "TT": "thông tri",
    "HD": "hướng dẫn",
    "TB": "thông báo",
    "BC": "báo cáo",
    "KH": "kế hoạch",
    "CTr": "chương trình",
    "ĐA": "đề án",
    "PA": "phương án",
    "TTr": "tờ trình",
    "CV": "công văn",
    "BB": "biên bản",
}

# Codes only State bodies use (Nghị định 30/2020, Phụ lục III, and legal documents cited as bases).
STATE_TYPE_CODES: dict[str, str] = {
    "NĐ": "nghị định",
    "TC": "thông cáo",
    "DA": "dự án",
    "HĐ": "hợp đồng",
    "CĐ": "công điện",
    "GN": "bản ghi nhớ",
    "TTh": "bản thỏa thuận",
    "GUQ": "giấy ủy quyền",
    "GM": "giấy mời",
    "GGT": "giấy giới thiệu",
    "GNP": "giấy nghỉ phép",
    "PG": "phiếu gửi",
    "PC": "phiếu chuyển",
    "PB": "phiếu báo",
}

# Every type name a code may stand for: never pick one from the code alone.
TYPE_NAMES: dict[str, tuple[str, ...]] = {
    **{code: (name,) for code, name in {**STATE_TYPE_CODES, **TYPE_CODES}.items()},
    "QĐ": ("quyết định", "quy định"),
    "TT": ("thông tri", "thông tư"),
}

# Aliases to a canonical code. "QyĐ" (State spelling of quy định) and "QĐi" (Party spelling) are one.
_ALIASES: dict[str, str] = {"QyĐ": "QĐi"}


def _fold_code(code: str) -> str:
    return fold(code).replace(" ", "")


def _build_folded() -> dict[str, str]:
    table: dict[str, str] = {}
    # State-only codes first so that, on a folded collision ("da": ĐA/DA, "hd": HD/HĐ), the Party
    # table written later wins: users typing without marks mostly mean those.
    for code in (*STATE_TYPE_CODES, *TYPE_CODES):
        table[_fold_code(code)] = _ALIASES.get(code, code)
    return table


_FOLDED_CODES = _build_folded()
_EXACT_CODES = {code: _ALIASES.get(code, code) for code in (*STATE_TYPE_CODES, *TYPE_CODES)}


def canonical_type_code(code: str) -> str | None:
    """The canonical spelling of a type code, or None if unknown.

    Exact spelling first ("DA" is dự án, "ĐA" đề án), then case- and mark-insensitive
    ("qd" → "QĐ", "qdi"/"qyd" → "QĐi", "ctr" → "CTr", "da" → "ĐA", "ttr" → "TTr", "tt" → "TT").
    """
    code = unicodedata.normalize("NFC", (code or "").strip())
    if not code:
        return None
    if code in _EXACT_CODES:
        return _EXACT_CODES[code]
    return _FOLDED_CODES.get(_fold_code(code))


def type_names(code: str) -> tuple[str, ...]:
    """All type names a code may stand for ("TT" → thông tri, thông tư). Empty if unknown."""
    canonical = canonical_type_code(code)
    if canonical is None:
        return ()
    names = set(TYPE_NAMES.get(canonical, ()))
    for alias, target in _ALIASES.items():
        if target == canonical:
            names.update(TYPE_NAMES.get(alias, ()))
    return tuple(sorted(names))


def format_notation(
    system: str, number: int | None, type_code: str, issuer_code: str, *, year: int | None = None,
    unit_code: str = "",
) -> str:
    """Print a number and notation the way the system writes it.

    party: "01-QC/BCĐ"; state: "01/QĐ-UBND", "30/2020/NĐ-CP" (with ``year``), công văn "01/UBND". ``unit_code``:
    the drafting unit or field after the issuer's code (Nghị định 30/2020: công văn "15/UBND-VP"; "367-QĐ/TWĐTN-VP").
    Numbers below 10 keep a leading zero. No number (not issued yet) gives "".
    """
    if number is None:
        return ""
    if number < 1:
        raise ValueError(f"A document number starts at 1, got {number}")
    type_code = unicodedata.normalize("NFC", (type_code or "").strip())
    issuer_code = unicodedata.normalize("NFC", (issuer_code or "").strip())
    if not issuer_code:
        raise ValueError("A notation needs an issuer code")
    unit_code = unicodedata.normalize("NFC", (unit_code or "").strip())
    if unit_code:
        issuer_code = f"{issuer_code}-{unit_code}"
    number_text = f"{number:02d}"
    if system == "party":
        if not type_code:
            raise ValueError("A Party notation needs a type code (công văn: CV)")
        return f"{number_text}-{type_code}/{issuer_code}"
    if system == "state":
        prefix = f"{number_text}/{year}" if year else number_text
        if not type_code or type_code.upper() == "CV":
            return f"{prefix}/{issuer_code}"
        return f"{prefix}/{type_code}-{issuer_code}"
    raise ValueError(f"Unknown system {system!r}: expected 'party' or 'state'")


def unit_of(printed_issuer: str, issuer_code: str) -> str | None:
    """The unit part of a notation's issuer part when it is ``issuer_code``'s ("UBND-VP" of "UBND" → "VP",
    "UBND" → ""), None when it is another issuer's; compared without marks, case or spaces."""
    printed = [p.strip() for p in (printed_issuer or "").split("-")]
    own = [p.strip() for p in (issuer_code or "").split("-")]
    if not own[0] or len(printed) < len(own):
        return None
    if [fold(p).replace(" ", "") for p in printed[:len(own)]] != [fold(p).replace(" ", "") for p in own]:
        return None
    return "-".join(printed[len(own):])


@dataclass(frozen=True)
class ParsedNotation:
    number: int | None
    type_code: str | None
    issuer_code: str
    key: str
    year: int | None = None


# Separators people use for "-" in notations.
_DASHES = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"})
_SLASHES = str.maketrans({"\u2044": "/", "\u2215": "/", "\uff0f": "/"})
_NUMBER = r"(?P<number>\d{1,6})"
_CODE = r"[^\W\d_]+"
_PART = r"[^\W_]+"
_ISSUER = rf"(?P<issuer>{_PART}(?:[-/]{_PART})*)"
_PARTY_RE = re.compile(rf"{_NUMBER}-(?P<type>{_CODE})/{_ISSUER}")
_STATE_RE = re.compile(rf"{_NUMBER}/(?:(?P<year>\d{{4}})/)?(?P<rest>{_PART}(?:-{_PART})*)")
_PREFIX_RE = re.compile(r"(?P<word>[^\W\d_]+)\.?\s*[:.]?\s*(?=\d)")
_SPACED_SEP_RE = re.compile(r"[ \t\u00a0]*([-/])[ \t\u00a0]*")
_LOOSE_TOKEN_RE = re.compile(r"[^\W_]+")

# In running text: a number followed by a separator and a letter code, not inside another token.
_FIND_RE = re.compile(
    r"(?<![\w/-])\d{1,6}[ \t\u00a0]*(?:-[ \t\u00a0]*[^\W\d_]+[ \t\u00a0]*/|/(?:\d{4}/)?[^\W\d_])"
    r"[^\s,;:()\"'“”]*"
)

_MAX_LOOSE_ISSUER_PARTS = 3


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text or "").translate(_DASHES).translate(_SLASHES)
    text = text.replace("*", " ").strip().strip("\"'“”«»()[]").strip()
    text = text.rstrip(".,;:").strip()
    match = _PREFIX_RE.match(text)
    if match and fold(match.group("word")) == "so":
        text = text[match.end() :]
    return text


def _make(number: int, type_code: str | None, issuer_parts: list[str], year: int | None) -> ParsedNotation:
    canonical = canonical_type_code(type_code) if type_code else None
    shown_type = canonical or type_code
    key_parts = [str(number)]
    if year:
        key_parts.append(str(year))
    if shown_type:
        key_parts.append(_fold_code(shown_type))
    key_parts.extend(_fold_code(p) for p in issuer_parts)
    return ParsedNotation(
        number=number,
        type_code=shown_type,
        issuer_code="-".join(issuer_parts),
        key="-".join(key_parts),
        year=year,
    )


def _split_issuer(issuer: str) -> list[str]:
    return [p for p in re.split(r"[-/]", issuer) if p]


def _parse_structured(text: str) -> ParsedNotation | None:
    text = _SPACED_SEP_RE.sub(r"\1", text)
    match = _PARTY_RE.fullmatch(text)
    if match:
        number = int(match.group("number"))
        if number < 1:
            return None
        return _make(number, match.group("type"), _split_issuer(match.group("issuer")), None)
    match = _STATE_RE.fullmatch(text)
    if match:
        number = int(match.group("number"))
        year = int(match.group("year")) if match.group("year") else None
        parts = match.group("rest").split("-")
        if number < 1 or any(p.isdigit() for p in parts):
            return None
        if len(parts) >= 2 and canonical_type_code(parts[0]):
            return _make(number, parts[0], parts[1:], year)
        # Công văn of a State body: no type code ("15/UBND", "123/UBND-VP"). An unknown code in the
        # type slot ("01/XYZ-UBND") lands here too; its key is the same either way.
        return _make(number, None, parts, year)
    return None


def _is_code_token(token: str) -> bool:
    """A token a user may type for a code: letters only, no tone or vowel marks except đ."""
    if not token.isalpha() or len(token) > 12:
        return False
    return not has_vietnamese_marks(token.replace("đ", "d").replace("Đ", "D"))


def _parse_loose(text: str) -> ParsedNotation | None:
    """User-typed forms: "qc 01 bcd", "01 qc bcd", "30 2020 nd cp" (number and type first)."""
    toks = _LOOSE_TOKEN_RE.findall(text)
    if len(toks) < 3:
        return None
    number: int | None = None
    year: int | None = None
    type_code: str | None = None
    i = 0
    if toks[0].isdigit() and canonical_type_code(toks[1]) and _is_code_token(toks[1]):
        number, type_code, i = int(toks[0]), toks[1], 2
    elif canonical_type_code(toks[0]) and _is_code_token(toks[0]) and toks[1].isdigit():
        type_code, number, i = toks[0], int(toks[1]), 2
    elif (
        len(toks) >= 4
        and toks[0].isdigit()
        and len(toks[1]) == 4
        and toks[1].isdigit()
        and canonical_type_code(toks[2])
        and _is_code_token(toks[2])
    ):
        number, year, type_code, i = int(toks[0]), int(toks[1]), toks[2], 3
    else:
        return None
    issuer_parts = toks[i:]
    if not issuer_parts or len(issuer_parts) > _MAX_LOOSE_ISSUER_PARTS or number < 1 or len(str(number)) > 6:
        return None
    if not all(_is_code_token(p) for p in issuer_parts):
        return None
    return _make(number, type_code, issuer_parts, year)


def parse_notation(text: str) -> ParsedNotation | None:
    """Parse a number and notation written any usual way; None if the text is not one.

    "Số 01 -QC/BCĐ", "01/QC-BCĐ", "qc 01 bcd", "so 01 qc bcd" → key "1-qc-bcd";
    "Số 367 - QĐ/TWĐTN-VP" → "367-qd-twdtn-vp"; "30/2020/NĐ-CP" → "30-2020-nd-cp".
    """
    cleaned = _clean(text)
    if not cleaned or not any(ch.isdigit() for ch in cleaned):
        return None
    return _parse_structured(cleaned) or _parse_loose(cleaned)


def notation_key(text: str) -> str:
    """The normalised key of a notation, or "" if the text is not one."""
    parsed = parse_notation(text)
    return parsed.key if parsed else ""


def looks_like_notation(query: str) -> bool:
    """Whether a search query is a notation and worth a lookup by key before full-text search."""
    return parse_notation(query) is not None


def notation_spans(text: str) -> Iterator[tuple[int, int, ParsedNotation]]:
    """Every notation written in running text with its span (start, end) in the NFC text, in order; a State
    công văn's notation ("15/UBND-VP") is included with ``type_code`` None."""
    text = unicodedata.normalize("NFC", text or "")
    for match in _FIND_RE.finditer(text.translate(_DASHES)):  # one character for one: spans stay valid
        parsed = parse_notation(match.group(0))
        if parsed is not None:
            written = match.group(0).rstrip(".,;:")
            yield match.start(), match.start() + len(written), parsed


def find_notations(text: str) -> Iterator[ParsedNotation]:
    """Notations written in running text ("Căn cứ Quyết định số 105-QĐ/ĐU, ngày …"), in order."""
    for _start, _end, parsed in notation_spans(text):
        if parsed.type_code is not None:
            yield parsed
