"""Laid-out page text → parser input: two-column regions in reading order, indentation dropped."""
from __future__ import annotations

import re

from ..parser.typeline import ALL_TYPE_NAMES
from .columns import untangle

# The type-name line ("QUYẾT ĐỊNH", "KẾ HOẠCH") ends the header: it is centred across both columns.
_NAMES = "|".join(re.escape(name) for name in ALL_TYPE_NAMES)
TYPE_LINE = re.compile(rf"^(?:{_NAMES})\s*:?$")


def reading_order(text: str) -> str:
    """The columns of the header and of Nơi nhận / signature untangled; each line stripped (the parser reads
    paragraphs, not centring); pages joined with a blank line."""
    pages = untangle(text, stop=TYPE_LINE).split("\f")
    lines: list[str] = []
    for page in pages:
        lines.extend(line.strip() for line in page.split("\n"))
        lines.append("")
    return "\n".join(lines).strip("\n") + "\n"
