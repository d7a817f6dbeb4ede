"""Two-column layout text (pdftotext -layout, or OCR words placed by position) → the reading order of an official
document: the header's issuer column, then its national-heading column; the Nơi nhận column, then the signature.

An official document prints its header as two columns side by side (docs/domain.md §2): the issuer on the left,
"ĐẢNG CỘNG SẢN VIỆT NAM" / "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" and the place and date on the right; the Nơi nhận
list and the signature share the bottom the same way. Read row by row, the columns interleave and the parser can
no longer see the issuer block. Here a region is split at its gutter, a band of columns blank on every one of its
lines, and the left block is written before the right block. Pure Python: no Django.
"""
from __future__ import annotations

import re

MIN_GUTTER = 2  # blank characters between the columns
_TAIL_START = re.compile(r"^\s*N[ơo]i\s+nh[ậâa]n\b", re.IGNORECASE)
_ITEM = re.compile(r"^[-+•]\s")
BROKEN_WORD = re.compile(r"\S[-/]$")  # a notation broken after its "-" or "/": joined without a space


def untangle(text: str, stop: re.Pattern[str] | None = None) -> str:
    """The text of one document (pages separated by form feeds) with its two-column regions in reading order.

    The header region is the top of the first page, down to the first line that crosses the gutter or matches
    ``stop`` (the type-name line); a tail region starts at a "Nơi nhận" line with text to its right.
    """
    pages = text.split("\f")
    out: list[str] = []
    for number, page in enumerate(pages):
        lines = page.split("\n")
        if number == 0:
            lines = _split_region_at(lines, _first_text_line(lines), stop)
        index = 0
        while index < len(lines):
            if _TAIL_START.match(lines[index]):
                lines = _split_region_at(lines, index, stop)
            index += 1
        out.append("\n".join(lines))
    return "\f".join(out)


def _first_text_line(lines: list[str]) -> int:
    return next((i for i, line in enumerate(lines) if line.strip()), len(lines))


def _split_region_at(lines: list[str], start: int, stop: re.Pattern[str] | None) -> list[str]:
    end, cut = _region(lines, start, stop)
    if cut is None:
        return lines
    left = [line[:cut].strip() for line in lines[start:end]]
    right = [line[cut:].strip() for line in lines[start:end]]
    if not any(right) or not any(left):
        return lines
    block = _block([line[:cut] for line in lines[start:end]]) + [""] + _block([line[cut:] for line in lines[start:end]])
    return lines[:start] + block + [""] + lines[end:]


def _block(pieces: list[str]) -> list[str]:
    """A column's lines, stripped; a Nơi nhận item wrapped onto an indented line ("- Thành viên … 105-QĐ/" then
    "  ĐU),") is one line again."""
    out: list[str] = []
    item_indent: int | None = None
    for piece in pieces:
        text = piece.strip()
        if not text:
            continue
        indent = len(piece) - len(piece.lstrip())
        if out and item_indent is not None and indent > item_indent and not _ITEM.match(text):
            out[-1] += ("" if BROKEN_WORD.search(out[-1]) else " ") + text
            continue
        item_indent = indent if _ITEM.match(text) else None
        out.append(text)
    return out


def _region(lines: list[str], start: int, stop: re.Pattern[str] | None) -> tuple[int, int | None]:
    """(end, cut): the lines start..end-1 share a gutter; cut is its middle column (None: no two columns)."""
    width = max((len(line.rstrip()) for line in lines[start:]), default=0)
    if width < 20:
        return start, None
    # The gutter lies in the middle of the page: never at a line's indent nor at its ragged end.
    low, high = width // 5, width * 4 // 5
    free = [low <= column < high for column in range(width)]
    end, cut, two_columns = start, None, False
    for index in range(start, len(lines)):
        line = lines[index].rstrip()
        if stop is not None and stop.match(line.strip()):
            break
        trial = list(free)
        for column, char in enumerate(line):
            if not char.isspace():
                trial[column] = False
        run = _widest_run(trial)
        if run is None:
            break
        free, end = trial, index + 1
        first, last = run
        two_columns = two_columns or _has_both_sides(line, first, last)
        cut = (first + last + 1) // 2
    return end, cut if two_columns else None


def _widest_run(free: list[bool]) -> tuple[int, int] | None:
    best: tuple[int, int] | None = None
    column = 0
    while column < len(free):
        if free[column]:
            first = column
            while column < len(free) and free[column]:
                column += 1
            if column - first >= MIN_GUTTER and (best is None or column - first > best[1] - best[0] + 1):
                best = (first, column - 1)
        column += 1
    return best


def _has_both_sides(line: str, first: int, last: int) -> bool:
    return bool(line[:first].strip()) and bool(line[last + 1:].strip())
