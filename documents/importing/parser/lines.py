"""Lines: cleanup (emphasis, separators, odd spaces), columns, classification and joining of wrapped lines."""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from documents.text.vietnamese import fold, nfc

from .patterns import _ARTICLE, _CHAPTER, _POINT, _ROMAN, _SECTION, _SPACES

_EMPHASIS = re.compile(r"\*\*|__")
_SEPARATOR = re.compile(r"^[\s*_\-–—=~·•]*$")
_COLUMNS = re.compile(r"\t+| {3,}")


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
