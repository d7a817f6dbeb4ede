"""Body: căn cứ, xét, decider and preamble; chương/điều/khoản/điểm, or sections, sub-sections and task tables."""
from __future__ import annotations

import re
from collections.abc import Sequence

from django.utils.translation import gettext_noop as _

from documents.text.vietnamese import fold

from ..tree import (
    Article,
    BodyItem,
    Chapter,
    Clause,
    Paragraph,
    ParsedDocument,
    Point,
    Section,
    Subsection,
    TaskRow,
    TaskTable,
)
from .common import REGULATION, KindSpec
from .lines import _append, _is_basis, _join, _Line, _paragraphs, _section_match, is_caps
from .patterns import _ARTICLE, _BULLET, _CHAPTER, _NUMBERED, _POINT, _SPACES


def _parse_front_and_body(doc: ParsedDocument, spec: KindSpec, lines: Sequence[_Line]) -> None:
    paragraphs = _paragraphs(lines)
    if spec.body_style == REGULATION:
        start = next(
            (i for i, p in enumerate(paragraphs) if _CHAPTER.match(p) or _ARTICLE.match(p) or _is_decide_marker(p)),
            None,
        )
    else:
        start = next((i for i, p in enumerate(paragraphs) if _section_match(p) or p.startswith("|")), None)
    front = paragraphs if start is None else paragraphs[:start]
    rest = [] if start is None else paragraphs[start:]
    named = ""  # the decider a Party decision names in its "BAN THƯỜNG VỤ ĐẢNG ỦY QUYẾT ĐỊNH:" line
    if rest and _is_decide_marker(rest[0]):
        named = _decider_named(rest[0])
        rest = rest[1:]

    decider: list[str] = []
    preamble: list[str] = []
    proposal: list[str] = []
    loose: list[str] = []
    for paragraph in front:
        folded = fold(paragraph)
        if _is_basis(paragraph):
            doc.bases.append(_BULLET.sub("", paragraph).strip())
        elif folded.startswith("(ban hanh kem theo"):
            doc.attached_note = paragraph.strip("() ")
        elif doc.kind == "quyet_dinh" and re.match(r"^[-+•–]?\s*xet\b", folded):
            proposal.append(_BULLET.sub("", paragraph))
        elif doc.kind == "quyet_dinh" and is_caps(paragraph) and not doc.bases and not preamble:
            decider.append(paragraph)
        elif start is None:
            loose.append(paragraph)
        else:
            preamble.append(paragraph)
    doc.decider = _join(decider) or named
    doc.proposal = "\n".join(proposal)
    doc.preamble = "\n".join(preamble)
    if spec.body_style == REGULATION:
        doc.body = [Paragraph(p) for p in loose] + _regulation_body(doc, rest)
    else:
        doc.body = [Paragraph(p) for p in loose] + _sectioned_body(doc, rest)


def _is_decide_marker(paragraph: str) -> bool:
    """"QUYẾT ĐỊNH:" on its line, or a Party decision's "BAN THƯỜNG VỤ ĐẢNG ỦY QUYẾT ĐỊNH[:]" after the căn cứ
    (the decider in capitals, then the word; the colon often left out)."""
    folded = fold(paragraph).strip()
    if re.match(r"^quyet dinh\s*:$", folded):
        return True
    return bool(is_caps(paragraph) and re.match(r"^\S+(?:\s+\S+)+\s+quyet dinh\s*:?$", folded))


def _decider_named(marker: str) -> str:
    """The decider of a "BAN THƯỜNG VỤ ĐẢNG ỦY QUYẾT ĐỊNH:" line ("" for the bare "QUYẾT ĐỊNH:"). Folding keeps
    one character for each of an NFC text's, so the word's place in the folded line is its place in the line."""
    line = marker.strip()
    folded = fold(line)
    at = folded.rfind("quyet dinh")
    return line[:at].strip() if len(folded) == len(line) and at > 0 else ""


def _regulation_body(doc: ParsedDocument, paragraphs: Sequence[str]) -> list[BodyItem]:
    items: list[BodyItem] = []
    chapter: Chapter | None = None
    article: Article | None = None
    clause: Clause | None = None
    point: Point | None = None
    for paragraph in paragraphs:
        if match := _CHAPTER.match(paragraph):
            chapter = Chapter(number=match.group("num").upper(), title=match.group("rest").strip(" .:-–"))
            items.append(chapter)
            article = clause = point = None
        elif match := _ARTICLE.match(paragraph):
            title, text = _heading_or_text(match.group("rest"))
            article = Article(number=match.group("num"), title=title, text=text)
            (chapter.articles if chapter else items).append(article)
            clause = point = None
        elif chapter is not None and article is None and is_caps(paragraph):
            chapter.title = _join([chapter.title, paragraph])  # "Chương III" then its title on its own line
        elif article is not None and (match := _NUMBERED.match(paragraph)):
            clause = Clause(number=match.group("num"), text=match.group("rest"))
            article.clauses.append(clause)
            point = None
        elif article is not None and (match := _POINT.match(paragraph)):
            if clause is None:
                clause = Clause(number="")
                article.clauses.append(clause)
            point = Point(letter=match.group("letter"), text=match.group("rest"))
            clause.points.append(point)
        elif point is not None:
            point.text = _append(point.text, paragraph)
        elif clause is not None:
            clause.text = _append(clause.text, paragraph)
        elif article is not None:
            article.text = _append(article.text, paragraph)
        elif chapter is not None:
            # A chapter holds only articles: keep the text, just before the chapter heading.
            doc.warnings.append(_("Đoạn văn trong Chương %(num)s nằm ngoài các Điều.") % {"num": chapter.number})
            items.insert(items.index(chapter), Paragraph(paragraph))
        else:
            items.append(Paragraph(paragraph))
    for item in items:
        if isinstance(item, Chapter) and not item.title:
            doc.warnings.append(_("Chương %(num)s không có tên.") % {"num": item.number})
    return items


def _sectioned_body(doc: ParsedDocument, paragraphs: Sequence[str]) -> list[BodyItem]:
    items: list[BodyItem] = []
    section: Section | None = None
    subsection: Subsection | None = None
    after_table = False
    index = 0
    while index < len(paragraphs):
        paragraph = paragraphs[index]
        if paragraph.startswith("|"):
            rows: list[str] = []
            while index < len(paragraphs) and paragraphs[index].startswith("|"):
                rows.append(paragraphs[index])
                index += 1
            title = ""
            owner = subsection or section
            if owner is not None:
                last = owner.text.rsplit("\n", 1)[-1] if owner.text else ""
                if last and re.match(r"^bang\b", fold(last)):
                    owner.text = owner.text[: -len(last)].rstrip("\n")
                    title = last.rstrip(" :")
            items.append(_task_table(doc, rows, title))
            after_table = True
            continue
        if match := _section_match(paragraph):
            section = Section(number=match.group("num"), title=match.group("rest").strip())
            items.append(section)
            subsection = None
            after_table = False
        elif section is not None and not section.title and not section.subsections and not section.text and is_caps(paragraph):
            section.title = paragraph
        elif section is not None and not after_table and (match := _NUMBERED.match(paragraph)):
            title, text = _heading_or_text(match.group("rest"))
            subsection = Subsection(number=match.group("num"), title=title, text=text)
            section.subsections.append(subsection)
        elif section is None or after_table:
            items.append(Paragraph(paragraph))
        elif subsection is not None:
            subsection.text = _append(subsection.text, paragraph)
        else:
            section.text = _append(section.text, paragraph)
        index += 1
    return items


def _task_table(doc: ParsedDocument, rows: Sequence[str], title: str) -> TaskTable:
    table = TaskTable(title=title)
    for row in rows:
        cells = [_SPACES.sub(" ", cell).strip() for cell in row.strip().strip("|").split("|")]
        if all(re.fullmatch(r":?-{2,}:?", cell) or not cell for cell in cells):
            continue
        folded = [fold(cell) for cell in cells]
        if any("nhiem vu" in f or "noi dung" in f for f in folded) and any("chu tri" in f for f in folded):
            continue  # header row
        if len(cells) >= 5 and (re.fullmatch(r"\d+\.?", cells[0]) or folded[0] in ("tt", "stt", "")):
            cells = cells[1:]
        cells += [""] * (4 - len(cells))
        if len(cells) > 4:
            doc.warnings.append(_("Hàng bảng có hơn 4 cột: “%(row)s”.") % {"row": row})
        table.rows.append(TaskRow(task=cells[0], lead_unit=cells[1], cooperating_units=cells[2], deadline=cells[3]))
    return table


# A sentence that opens a list ("… gồm các đồng chí sau:", "… như sau:"): the article's text, not its title.
_LEAD_IN = re.compile(r"\b(?:sau|sau day|gom|bao gom)\s*:$")


def _heading_or_text(rest: str) -> tuple[str, str]:
    """Split what follows "Điều 1." or "1.": a short heading is a title, a sentence is text."""
    rest = rest.strip()
    words = rest.split()
    if not rest:
        return "", ""
    if rest[-1] not in ".;:,!?" and len(words) <= 15:
        return rest, ""
    if rest.endswith(":") and len(words) <= 10 and "," not in rest and not _LEAD_IN.search(fold(rest)):
        return rest[:-1].strip(), ""
    if rest.endswith(".") and not rest.endswith("./.") and len(words) <= 5 and "," not in rest:
        return rest[:-1].strip(), ""
    return "", rest
