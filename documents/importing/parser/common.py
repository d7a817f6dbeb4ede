"""What the parts of the parser share: the kinds it knows, its error, a checked date."""
from __future__ import annotations

import datetime
from dataclasses import dataclass

REGULATION = "regulation"  # Chương → Điều → khoản → điểm
SECTIONED = "sectioned"  # I. sections, 1. sub-sections, task tables
GENERAL_KIND = "van_ban"  # the page kind of every type without one of its own (documents/kinds/van_ban_khac.py)


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


def _safe_date(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None
