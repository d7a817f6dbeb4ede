"""The parsed document: a plain dataclass tree, independent of Django models and Wagtail blocks.

parser/ builds it from text; builder.py turns it into a DocumentPage. Numbers of chapters, articles,
clauses and points are kept bare ("I", "1", "a"): the renderer adds the punctuation of the layout.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from documents.text.notation import ParsedNotation
from documents.text.vietnamese import fold


@dataclass
class Point:
    """Điểm "a)"."""

    letter: str
    text: str = ""


@dataclass
class Clause:
    """Khoản "1."; continuation paragraphs stay in its text, one per line."""

    number: str
    text: str = ""
    points: list[Point] = field(default_factory=list)


@dataclass
class Article:
    """Điều: "Điều 1. Chức năng" → number "1", title "Chức năng"; an untitled article keeps its sentence in text."""

    number: str
    title: str = ""
    text: str = ""
    clauses: list[Clause] = field(default_factory=list)


@dataclass
class Chapter:
    number: str
    title: str = ""
    articles: list[Article] = field(default_factory=list)


@dataclass
class Subsection:
    number: str = ""
    title: str = ""
    text: str = ""


@dataclass
class Section:
    """Phần La Mã of a plan, report or minutes: "I. MỤC ĐÍCH, YÊU CẦU"."""

    number: str = ""
    title: str = ""
    text: str = ""
    subsections: list[Subsection] = field(default_factory=list)


@dataclass
class TaskRow:
    task: str
    lead_unit: str = ""
    cooperating_units: str = ""
    deadline: str = ""


@dataclass
class TaskTable:
    title: str = ""
    rows: list[TaskRow] = field(default_factory=list)


@dataclass
class Paragraph:
    text: str


BodyItem = Chapter | Article | Section | TaskTable | Paragraph


@dataclass
class RecipientLine:
    """A Nơi nhận line: name without "- " and trailing punctuation, purpose "(để báo cáo)" apart."""

    name: str
    purpose: str = ""
    archive: bool = False
    printed: str = ""  # the line as written ("- Thường trực Đảng ủy;"): an issued original prints it so


@dataclass
class Signature:
    """Authority ("T/M", "TM." … or "" when the head signs directly) + body, position, name."""

    authority: str = ""
    authority_body: str = ""
    position: str = ""
    name: str = ""


@dataclass
class Meeting:
    """Biên bản details. Times are naive local times (the builder makes them aware)."""

    start: datetime.datetime | None = None
    end: datetime.datetime | None = None
    place: str = ""
    chair: str = ""
    chair_position: str = ""
    secretary: str = ""
    present: int | None = None
    expected: int | None = None
    absentees: str = ""
    conclusions: str = ""


@dataclass
class ReportPeriod:
    """Kỳ báo cáo: period_type is one of month, quarter, half, year, ad_hoc (documents.kinds.bao_cao)."""

    period_type: str = "ad_hoc"
    index: int | None = None
    year: int | None = None
    review_kind: str = ""  # "", "so_ket", "tong_ket"


@dataclass
class ParsedDocument:
    kind: str
    type_name: str
    title: str
    system: str = ""  # "party", "state" or "" when neither heading nor notation tells
    heading: str = ""
    issuer_lines: list[str] = field(default_factory=list)
    superior: str = ""
    issuer_name: str = ""
    notation_text: str = ""
    notation: ParsedNotation | None = None
    place: str = ""
    date: datetime.date | None = None
    urgency: str = ""
    draft_mark: bool = False
    attached_note: str = ""
    decider: str = ""
    bases: list[str] = field(default_factory=list)
    proposal: str = ""
    preamble: str = ""
    body: list[BodyItem] = field(default_factory=list)
    signatures: list[Signature] = field(default_factory=list)
    recipients: list[RecipientLine] = field(default_factory=list)
    meeting: Meeting | None = None
    period: ReportPeriod | None = None
    warnings: list[str] = field(default_factory=list)
    source: str = field(default="", compare=False, repr=False)  # the text as read, kept on the page (docs/domain.md §12)
    review: list[str] = field(default_factory=list)  # parts a tolerant import could not recover ("cần rà soát")

    @property
    def number(self) -> int | None:
        return self.notation.number if self.notation else None

    @property
    def signer(self) -> Signature:
        """The signature that goes on the document's signer block (the chair's, for minutes)."""
        if not self.signatures:
            return Signature()
        if self.meeting is not None:
            for signature in self.signatures:
                if _is_chair(signature.position):
                    return signature
        return self.signatures[-1]

    @property
    def secretary_signature(self) -> Signature | None:
        for signature in self.signatures:
            if _is_secretary(signature.position):
                return signature
        return None


def _is_chair(position: str) -> bool:
    folded = fold(position)
    return "chu tri" in folded or "chu toa" in folded


def _is_secretary(position: str) -> bool:
    folded = fold(position)
    return "thu ky" in folded or "ghi bien ban" in folded
