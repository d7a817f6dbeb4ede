"""Laid-out page text → parser input: two-column regions in reading order, indentation dropped."""
from __future__ import annotations

import re

from ..parser.typeline import ALL_TYPE_NAMES
from .columns import BROKEN_WORD, untangle

# The type-name line ("QUYẾT ĐỊNH", "KẾ HOẠCH") ends the header: it is centred across both columns.
_NAMES = "|".join(re.escape(name) for name in ALL_TYPE_NAMES)
TYPE_LINE = re.compile(rf"^(?:{_NAMES})\s*:?$")
FULL_LINE = 0.75  # of the page's text width: a line this long was broken by the margin, not by the writer
_OPENS_PARAGRAPH = re.compile(
    r"^(?:Điều\s+\d|Chương\s+[IVXLC\d]|[IVXLC]+\.\s|\d+(?:\.\d+)*\.\s|[a-zđ]\)\s|N[ơo]i nh[ậâa]n|Căn cứ|Xét\s)")


def reading_order(text: str, *, join_wrapped: bool = False) -> str:
    """The columns of the header and of Nơi nhận / signature untangled; each line stripped (the parser reads
    paragraphs, not centring); pages joined with a blank line. ``join_wrapped`` (a PDF's text layer, whose margins
    are exact): lines broken at the page width are joined again."""
    pages = untangle(text, stop=TYPE_LINE).split("\f")
    lines: list[str] = []
    for page in pages:
        rows = page.split("\n")
        lines.extend(line.strip() for line in (_join_wrapped(rows) if join_wrapped else rows))
        lines.append("")
    return "\n".join(lines).strip("\n") + "\n"


def _join_wrapped(rows: list[str]) -> list[str]:
    """A line that reaches the right margin, followed by one at the left margin (a new paragraph is indented or
    opens with a marker): one paragraph broken by the page width, written as one line again."""
    width = max((len(row.rstrip()) for row in rows), default=0)
    margin = min((_indent(row) for row in rows if row.strip()), default=0)
    out: list[str] = []
    for row in rows:
        text = row.strip()
        previous = out[-1].rstrip() if out else ""
        if (text and previous and len(previous) >= FULL_LINE * width and _indent(row) <= margin
                and not _OPENS_PARAGRAPH.match(text) and not (text[:1] in "-+•" and text[1:].strip()[:1].isupper())):
            out[-1] = previous + ("" if BROKEN_WORD.search(previous) else " ") + text
        else:
            out.append(row)
    return out


def _indent(row: str) -> int:
    return len(row) - len(row.lstrip())
