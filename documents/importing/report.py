"""The batch report: one CSV row per file (UTF-8 with BOM, so Excel shows Vietnamese), and the progress line."""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .batch import EXISTING, FAILED, RESULT_LABELS, REVIEW, Outcome

HEADER = ("file", "result", "kind", "notation", "date", "issuer", "reason")  # a contract (issue 12): keep it
# The same columns as the clerk reads them, for the report downloaded from the admin (the command's stays the
# contract above: scripts read it).
PEOPLE_HEADER = ("Tệp", "Kết quả", "Loại văn bản", "Số, ký hiệu", "Ngày ban hành", "Cơ quan ban hành",
                 "Cần rà soát / lý do")


def _day(iso: str) -> str:
    """ "2026-01-05" → "05/01/2026", as the screen shows it."""
    return "/".join(reversed(iso.split("-"))) if iso else ""


def report_rows(outcomes: Iterable[Outcome], *, for_people: bool = False) -> list[list[str]]:
    return [[o.file, str(RESULT_LABELS[o.result]), o.kind, o.notation, _day(o.date) if for_people else o.date,
             o.issuer, o.reason] for o in outcomes]


def write_report(stream, outcomes: Iterable[Outcome], *, for_people: bool = False) -> None:
    """Write the CSV to a text stream opened with newline="" (the BOM is the caller's encoding, utf-8-sig)."""
    writer = csv.writer(stream)
    writer.writerow(PEOPLE_HEADER if for_people else HEADER)
    writer.writerows(report_rows(outcomes, for_people=for_people))


def report_bytes(outcomes: Iterable[Outcome], *, for_people: bool = False) -> bytes:
    buffer = io.StringIO(newline="")
    write_report(buffer, outcomes, for_people=for_people)
    return buffer.getvalue().encode("utf-8-sig")


@dataclass
class Tally:
    total: int
    done: int = 0
    imported: int = 0  # including those that need review
    existing: int = 0
    failed: int = 0
    review: int = 0  # imported, with fields the clerk must check

    def add(self, outcome: Outcome) -> None:
        self.done += 1
        self.review += outcome.result == REVIEW
        if outcome.result == EXISTING:
            self.existing += 1
        elif outcome.result == FAILED:
            self.failed += 1
        else:
            self.imported += 1

    def line(self, seconds: float) -> str:
        """ "Đã xử lý 120/2000 tệp (6 %) — 110 đã nhập, 5 đã có, 5 lỗi — 95 tệp/giây" (files read, imported or not)"""
        percent = int(100 * self.done / self.total) if self.total else 100
        rate = self.done / seconds if seconds > 0 else 0.0
        imported = (_("%(imported)d đã nhập (%(review)d cần rà soát)") if self.review else _("%(imported)d đã nhập")) \
            % {"imported": self.imported, "review": self.review}
        return _("Đã xử lý %(done)d/%(total)d tệp (%(percent)d %%) — %(imported)s, %(existing)d đã có, "
                 "%(failed)d lỗi — %(rate)s tệp/giây") % {
            "done": self.done, "total": self.total, "percent": percent, "imported": imported,
            "existing": self.existing, "failed": self.failed, "rate": f"{rate:.0f}" if rate >= 10 else f"{rate:.1f}".replace(".", ",")}  # 2,5
