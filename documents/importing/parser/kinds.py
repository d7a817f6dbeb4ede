"""Per-kind parsing: the period of a báo cáo, the meeting of a biên bản."""
from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Sequence

from documents.text.vietnamese import fold

from ..tree import BodyItem, Meeting, Paragraph, ParsedDocument, ReportPeriod, Section
from .common import _safe_date
from .lines import _append
from .patterns import _BULLET


def detect_period(title: str, day: datetime.date | None = None) -> ReportPeriod:
    """Kỳ báo cáo from a report's title: "quý I năm 2026", "6 tháng đầu năm", "tháng 3", "năm 2025"."""
    folded = fold(title)
    period = ReportPeriod()
    if "so ket" in folded:
        period.review_kind = "so_ket"
    elif "tong ket" in folded:
        period.review_kind = "tong_ket"
    years = re.findall(r"\bnam\s+(\d{4})\b", folded)
    period.year = int(years[-1]) if years else (day.year if day else None)
    quarter = re.search(r"\bquy\s+(iv|iii|ii|i|[1-4])\b", folded)
    half = re.search(r"\b(?:6|06|sau)\s+thang\s+(dau|cuoi)\b", folded)
    month = re.search(r"(?<!\d\s)(?<!\d)\bthang\s+(\d{1,2})\b", folded)
    if quarter:
        roman = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
        period.period_type, period.index = "quarter", roman.get(quarter.group(1)) or int(quarter.group(1))
    elif half:
        period.period_type, period.index = "half", 1 if half.group(1) == "dau" else 2
    elif re.search(r"\b(?:9|09|chin)\s+thang\b|\bdot xuat\b", folded):
        period.period_type = "ad_hoc"
    elif month and 1 <= int(month.group(1)) <= 12:
        period.period_type, period.index = "month", int(month.group(1))
    elif years:
        period.period_type = "year"
    return period


_TIME = r"(?P<h>\d{1,2})\s*(?:gio|h)\s*(?P<mi>\d{1,2})?\s*(?:phut)?"
_START = re.compile(
    r"\bvao\s+(?:hoi|luc)\s+" + _TIME + r"\s*,?\s*(?:ngay\s+(?P<d>\d{1,2})\s*(?:thang\s*|/)\s*(?P<mo>\d{1,2})"
    r"\s*(?:nam\s*|/)\s*(?P<y>\d{4}))?"
)
_END = re.compile(r"\bket thuc\s+(?:vao\s+)?(?:hoi\s+|luc\s+)?" + _TIME)


def _parse_meeting(doc: ParsedDocument) -> None:
    """Biên bản: time, place, chair, secretary, attendance and conclusions, from the text."""
    meeting = Meeting()
    texts = [doc.preamble, *(_section_texts(doc.body))]
    lines = [line for text in texts for line in text.split("\n") if line.strip()]
    for line in lines:
        folded = fold(line)
        if meeting.start is None and (match := _START.search(folded)):
            day = doc.date
            if match.group("d"):
                day = _safe_date(int(match.group("y")), int(match.group("mo")), int(match.group("d"))) or day
            if day is not None:
                meeting.start = _at(day, match)
            place = re.search(r"(?i)\btại\s+(.+?)(?:[,;]|\.(?:\s|$)|$)", line)
            if place:
                meeting.place = place.group(1).strip()
        if match := _END.search(folded):
            base = meeting.start.date() if meeting.start else doc.date
            if base is not None:
                meeting.end = _at(base, match)
        value = _labelled(line, ("chu tri", "chu toa"))
        if value and not meeting.chair:
            meeting.chair, meeting.chair_position = _person(value)
        value = _labelled(line, ("thu ky", "nguoi ghi bien ban"))
        if value and not meeting.secretary:
            meeting.secretary = _person(value)[0]
        if "co mat" in folded and meeting.present is None and (count := re.search(r"(\d+)\s*/\s*(\d+)", folded)):
            meeting.present, meeting.expected = int(count.group(1)), int(count.group(2))
        value = _labelled(line, ("vang mat", "vang"))
        if value and not meeting.absentees:
            meeting.absentees = value.rstrip(" .")
    # Conclusions: the section called "KẾT LUẬN …" moves out of the body into its own field (with the
    # closing "Cuộc họp kết thúc …" that follows it, so that the text keeps its reading order).
    for item in doc.body:
        if isinstance(item, Section) and "ket luan" in fold(item.title):
            meeting.conclusions = _section_plain(item)
            doc.body.remove(item)
            break
    if not meeting.secretary and (secretary := doc.secretary_signature):
        meeting.secretary = secretary.name
    if not meeting.chair and doc.signatures:
        meeting.chair = doc.signer.name
    doc.meeting = meeting


def _section_plain(section: Section) -> str:
    """A section's text and sub-sections as plain lines ("1. Title" then its text)."""
    parts = [section.text]
    for sub in section.subsections:
        number = f"{sub.number}. " if sub.number else ""
        parts.append(_append(f"{number}{sub.title}", sub.text) if sub.title else f"{number}{sub.text}")
    return "\n".join(p for p in parts if p)


def _section_texts(items: Sequence[BodyItem]) -> Iterable[str]:
    for item in items:
        if isinstance(item, Section):
            yield _section_plain(item)
        elif isinstance(item, Paragraph):
            yield item.text


def _labelled(line: str, labels: Sequence[str]) -> str:
    """The value after "Label:" at the start of a line ("- Chủ trì: đồng chí …")."""
    stripped = _BULLET.sub("", line.strip())
    folded = fold(stripped)
    for label in labels:
        if re.match(rf"^{label}\s*:", folded):
            return stripped.split(":", 1)[1].strip()
    return ""


def _person(value: str) -> tuple[str, str]:
    """ "đồng chí Nguyễn Quốc Nam, Bí thư Đảng ủy" → ("Nguyễn Quốc Nam", "Bí thư Đảng ủy")."""
    value = re.sub(r"^(?i:đồng chí|đ/c|ông|bà)\s+", "", value.strip())
    parts = re.split(r"\s*(?:,|\s-\s|\s–\s)\s*", value, maxsplit=1)
    name = parts[0].strip(" .;")
    position = parts[1].strip(" .;") if len(parts) > 1 else ""
    return name, position


def _at(day: datetime.date, time: re.Match) -> datetime.datetime:
    """The day at the hour and minutes of a _TIME match ("14 giờ 30")."""
    return datetime.datetime.combine(day, datetime.time(int(time.group("h")) % 24, int(time.group("mi") or 0) % 60))
