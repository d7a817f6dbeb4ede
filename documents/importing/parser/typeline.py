"""Where the header ends and what type the document is, wherever the type line is in the first part of the text.

The type line ("KẾ HOẠCH", "QUYẾT ĐỊNH", "BIÊN BẢN HỌP BÌNH XÉT THI ĐUA" …) is looked for among the capital lines
before the body starts, not only at the top. Every Party and State type of docs/domain.md §3 is recognised; a type
without a page kind of its own goes to the general kind (``GENERAL_KIND``) with its printed name. When there is no
type line, a tolerant import still places the document (docs/domain.md §12): a "V/v …" trích yếu is a công văn; a
type code in the notation names the type; otherwise it is a document of unknown type, flagged for review.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from django.utils.translation import gettext_noop as _

from documents.text.notation import TYPE_NAMES, parse_notation
from documents.text.vietnamese import fold

from .common import GENERAL_KIND, KindSpec, ParseError
from .lines import _Line, _starts_body, _starts_lower, is_caps
from .patterns import _ARTICLE, _CHAPTER

# Type names printed on documents that have no page kind (docs/domain.md §3), besides those of TYPE_NAMES.
EXTRA_TYPE_NAMES = ("CÔNG VĂN", "THÔNG TƯ", "NGHỊ ĐỊNH", "THÔNG CÁO", "GIẤY MỜI", "LUẬT", "PHÁP LỆNH", "NGHỊ QUYẾT LIÊN TỊCH")
ALL_TYPE_NAMES: tuple[str, ...] = tuple(sorted(
    {name.upper() for names in TYPE_NAMES.values() for name in names} | set(EXTRA_TYPE_NAMES),
    key=lambda name: -len(name),
))
GENERAL_TYPE_NAME = "VĂN BẢN"
_SUBJECT = re.compile(r"^(?:v/v|v\.v|ve viec)\b[\s:.]*", re.I)
_HEADER_PIECE = re.compile(r"^(so\s*[:.]?\s*\d|.{0,40}\bngay\s+\d{1,2}\s+thang\s+\d{1,2}\s+nam\s+\d{4}|doc lap\b|\*+$)")


@dataclass
class Located:
    """The type of the document and where its parts are: header lines, the summary's start, the body's start."""

    spec: KindSpec
    header: list[_Line]
    summary_start: int  # first line after the type line (or after the header when there is none)
    rest: str = ""  # trích yếu text found on the type line itself or on the "V/v" line
    type_line: bool = True
    from_code: str = ""  # the type code the type was read from, when there was no type line


def body_limit(lines: Sequence[_Line]) -> int:
    """The first line that can only belong to the body (a basis, a heading, the opening of minutes …)."""
    for index, line in enumerate(lines):
        if line.text and _starts_body(line.text) and not is_caps(line.text) and not line.text.startswith("|"):
            return index
    return len(lines)


def find_type_line(lines: Sequence[_Line], specs: dict[str, KindSpec], general: KindSpec | None) -> Located:
    """The first capital line before the body that is a type name, alone or followed by the trích yếu."""
    limit = body_limit(lines)
    for index in range(limit):
        text = lines[index].text
        if not text or not is_caps(text.split()[0]):
            continue
        found = _type_on_line(text, specs, general)
        if found is not None:
            spec, rest = found
            return Located(spec=spec, header=list(lines[:index]), summary_start=index + 1, rest=rest)
    raise ParseError(
        _("Không nhận ra loại văn bản: không thấy dòng tên loại (%(supported)s) ở đầu văn bản.")
        % {"supported": ", ".join(s.type_name for s in specs.values() if s.kind != GENERAL_KIND)}
    )


def _type_on_line(text: str, specs: dict[str, KindSpec], general: KindSpec | None) -> tuple[KindSpec, str] | None:
    folded = fold(text).strip(" .:")
    for name in [*sorted(specs, key=len, reverse=True), *(fold(n) for n in ALL_TYPE_NAMES)]:
        if folded == name:
            rest = ""
        elif folded.startswith(name + " ") and is_caps(text[: len(name)]):
            rest = text[len(name):].strip(" :")
        else:
            continue
        if rest and is_caps(rest) and len(rest.split()) < 2:
            continue  # one capital word after a type name makes another name ("BÁO CÁO VIÊN"), not a summary
        return _spec_for(name, specs, general), rest
    return None


def _spec_for(folded_name: str, specs: dict[str, KindSpec], general: KindSpec | None) -> KindSpec:
    if folded_name in specs and specs[folded_name].kind != GENERAL_KIND:
        return specs[folded_name]
    printed = next((n for n in ALL_TYPE_NAMES if fold(n) == folded_name), None)
    if printed is None:
        printed = specs[folded_name].type_name if folded_name in specs else folded_name.upper()
    if general is None:
        raise ParseError(
            _("Loại văn bản “%(name)s” chưa được hỗ trợ (hỗ trợ: %(supported)s).")
            % {"name": printed, "supported": ", ".join(s.type_name for s in specs.values())}
        )
    return replace(general, type_name=printed)


def locate_without_type_line(lines: Sequence[_Line], specs: dict[str, KindSpec], general: KindSpec) -> Located | None:
    """No type line: a công văn by its "V/v" line, else the type named by the notation's code, else a document of
    unknown type — as long as the text has a header at all (a number, a date, a national heading). None otherwise."""
    end = _header_end(lines)
    header = [line for line in lines[:end] if not _SUBJECT.match(fold(line.text))]
    subject = next((i for i in range(end) if _SUBJECT.match(fold(lines[i].text))), None)
    if subject is not None:
        rest = _SUBJECT.sub("", lines[subject].text).strip()
        extra = [ln.text for ln in lines[subject + 1:end] if _starts_lower(ln.text) and not _is_header_piece(ln.text)]
        header = [ln for ln in header if ln.text not in extra]
        return Located(replace(general, type_name="CÔNG VĂN"), header, end, " ".join([rest, *extra]), type_line=False)
    if not any(_is_header_piece(line.text) for line in header):
        return None
    code = next((n.type_code for ln in header if (n := _notation(ln.text)) is not None and n.type_code), "")
    names = TYPE_NAMES.get(code or "", ())
    if len(names) == 1:
        spec = specs.get(fold(names[0]))
        if spec is None or spec.kind == GENERAL_KIND:
            spec = replace(general, type_name=names[0].upper())
        return Located(spec, header, end, type_line=False, from_code=code)
    return Located(replace(general, type_name=GENERAL_TYPE_NAME), header, end, type_line=False, from_code=code)


def body_style_for(spec: KindSpec, lines: Sequence[_Line], regulation: str, sectioned: str) -> KindSpec:
    """The general kind takes the structure the text has: Chương/Điều, or sections."""
    if spec.kind != GENERAL_KIND:
        return spec
    has_articles = any(line.text and (_ARTICLE.match(line.text) or _CHAPTER.match(line.text)) for line in lines)
    return replace(spec, body_style=regulation if has_articles else sectioned)


def _header_end(lines: Sequence[_Line]) -> int:
    """The header: capital lines, number, date, headings, "V/v" and its continuation, up to the first other line."""
    in_subject = False
    for index, line in enumerate(lines):
        text = line.text
        if not text:
            continue
        if _starts_body(text) or fold(text).startswith("kinh gui"):
            return index
        if _SUBJECT.match(fold(text)):
            in_subject = True
        elif is_caps(text) or _is_header_piece(text):
            in_subject = False if _is_header_piece(text) else in_subject
        elif not (in_subject and _starts_lower(text) and len(text.split()) <= 15):
            return index
    return len(lines)


def _is_header_piece(text: str) -> bool:
    return bool(text) and bool(_HEADER_PIECE.match(fold(text)))


def _notation(text: str):
    folded = fold(text)
    return parse_notation(text) if re.match(r"^so\s*[:.]?\s*\d", folded) else None
