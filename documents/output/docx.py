"""The DOCX of a document in its official layout (python-docx), built from the same official HTML as the PDF.

The header and the signature/Nơi nhận block are borderless two-column tables, the task table a bordered one;
Chương/Điều/khoản are plain paragraphs as printed (no Word numbering), so the file imports back through
documents/importing to the same structure. Font Times New Roman (Word's own; LibreOffice shows its metric twin
Liberation Serif), sizes per part, A4 with the rule set's margins, page numbers as PAGE fields from page 2.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass, replace

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from lxml import html as lxml_html

from documents.models import DocumentPage

from .pdf import print_html

FONT = "Times New Roman"
CENTER, LEFT, RIGHT, JUSTIFY = (WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.RIGHT,
                                WD_ALIGN_PARAGRAPH.JUSTIFY)


@dataclass(frozen=True)
class Look:
    size: float = 14
    bold: bool = False
    italic: bool = False
    underline: bool = False
    align: int | None = None
    indent: bool = False
    space_after: float = 6


BODY = Look(align=JUSTIFY, indent=True)
# Sizes as documents/document.css gives them (domain.md §2); keyed by class, State overrides after.
LOOKS = {
    "doc-header__superior": Look(align=CENTER, space_after=0),
    "doc-header__issuer": Look(bold=True, align=CENTER, space_after=0),
    "doc-header__star": Look(align=CENTER, space_after=0),
    "doc-header__number": Look(align=CENTER, space_after=0),
    "doc-header__urgency": Look(size=13, bold=True, align=CENTER, space_after=0),
    "doc-header__national": Look(size=15, bold=True, align=CENTER, space_after=0),
    "doc-header__motto": Look(bold=True, underline=True, align=CENTER, space_after=0),
    "doc-header__date": Look(italic=True, align=CENTER, space_after=0),
    "doc-title__type": Look(size=16, bold=True, align=CENTER, space_after=0),
    "doc-title__summary": Look(bold=True, align=CENTER, space_after=0),
    "doc-title__attached": Look(italic=True, align=CENTER, space_after=0),
    "doc-title__dashes": Look(align=CENTER, space_after=12),
    "doc-basis": BODY, "doc-preamble": BODY, "doc-proposal": BODY,
    "doc-decider": Look(bold=True, align=CENTER), "doc-decision-word": Look(bold=True, align=CENTER),
    "doc-period": Look(italic=True, align=CENTER),
    "chapter__number": Look(bold=True, align=CENTER, space_after=0),
    "chapter__title": Look(bold=True, align=CENTER),
    "article__heading": Look(bold=True, indent=True, align=JUSTIFY),
    "section__heading": Look(bold=True, indent=True, align=JUSTIFY),
    "subsection__heading": Look(bold=True, indent=True, align=JUSTIFY),
    "task-table__title": Look(bold=True, align=CENTER),
    "recipients__label": Look(underline=True, space_after=0),
    "recipients__line": Look(size=12, space_after=0),
    "signer__authority": Look(bold=True, align=CENTER, space_after=0),
    "signer__position": Look(bold=True, align=CENTER, space_after=0),
    "signer__position--join": Look(align=CENTER, space_after=0),
    "signer__name": Look(bold=True, align=CENTER, space_after=0),
    "signer__space": Look(align=CENTER, space_after=72),
    "doc-participants__label": Look(bold=True, align=JUSTIFY, indent=True),
    "doc-content-label": Look(bold=True, align=JUSTIFY, indent=True),
    "doc-conclusions__label": Look(bold=True, align=JUSTIFY, indent=True),
    "output-notice": Look(size=12, bold=True, align=CENTER),
}
STATE_LOOKS = {
    "doc-header__superior": Look(size=13, align=CENTER, space_after=0),
    "doc-header__issuer": Look(size=13, bold=True, align=CENTER, space_after=0),
    "doc-header__national": Look(size=13, bold=True, align=CENTER, space_after=0),
    "doc-header__number": Look(size=13, align=CENTER, space_after=0),
    "doc-basis": replace(BODY, italic=True),
    "recipients__label": Look(size=12, bold=True, italic=True, space_after=0),
    "recipients__line": Look(size=11, space_after=0),
}
PARTY_LOOKS = {
    "doc-header__national": Look(size=15, bold=True, underline=True, align=RIGHT, space_after=0),
    "doc-header__date": Look(italic=True, align=RIGHT, space_after=0),
}
# Spans the CSS shows as blocks: each is its own paragraph.
BLOCK_SPANS = {"doc-title__type", "doc-title__summary", "chapter__number", "chapter__title", "doc-header__line"}
BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "section", "header", "table", "article", "thead", "tbody", "tr"}
SKIP = {"draft-mark", "doc-header__rule", "doc-title__rule"}


def _classes(element) -> list[str]:
    return (element.get("class") or "").split()


def _text(element) -> str:
    return re.sub(r"\s+", " ", element.text_content()).strip()


class _Builder:
    def __init__(self, page: DocumentPage) -> None:
        self.state = page.issuer.system == "state"
        self.looks = {**LOOKS, **(STATE_LOOKS if self.state else PARTY_LOOKS)}
        self.document = Document()
        self._setup(page)
        self._properties(page)

    def _properties(self, page: DocumentPage) -> None:
        """What Word's "Thuộc tính" and a file manager show: the type and trích yếu, the issuer, the notation."""
        props = self.document.core_properties
        props.title = " ".join(p for p in (page.type_name.strip().capitalize(), page.title) if p)[:255]
        props.author = page.issuer.name[:255]
        props.subject = (page.notation or "")[:255]
        props.language = "vi-VN"
        props.comments = props.keywords = ""  # python-docx's template says "generated by python-docx"

    # -- page, styles, numbers ---------------------------------------------------------------------
    def _setup(self, page: DocumentPage) -> None:
        from documents.templatetags.document_tags import is_draft

        section = self.document.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(20), Mm(20)
        section.left_margin, section.right_margin = Mm(30), Mm(15)
        section.header_distance = Mm(10)
        style = self.document.styles["Normal"]
        style.font.name, style.font.size = FONT, Pt(14)
        style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
        style.paragraph_format.space_after = Pt(6)
        section.different_first_page_header_footer = True
        number = section.header.paragraphs[0]
        number.alignment = CENTER
        self._field(number, "PAGE", size=13)
        first = section.first_page_header.paragraphs[0]
        if is_draft(page):
            first.alignment = RIGHT
            run = first.add_run("DỰ THẢO")
            run.bold, run.font.size = True, Pt(13)

    @staticmethod
    def _field(paragraph, code: str, size: float) -> None:
        run = paragraph.add_run()
        run.font.size = Pt(size)
        for kind, text in (("begin", None), (None, f" {code} "), ("separate", None), (None, "2"), ("end", None)):
            if kind:
                element = OxmlElement("w:fldChar")
                element.set(qn("w:fldCharType"), kind)
            else:
                element = OxmlElement("w:instrText" if (text or "").startswith(" ") else "w:t")
                element.set(qn("xml:space"), "preserve")
                element.text = text
            run._r.append(element)

    # -- content -----------------------------------------------------------------------------------
    def look_of(self, element, inherited: Look | None) -> Look | None:
        for name in reversed(_classes(element)):
            if name in self.looks:
                return self.looks[name]
        return inherited

    def paragraph(self, container, element, look: Look | None) -> None:
        look = look or BODY
        paragraph = container.add_paragraph()
        fmt = paragraph.paragraph_format
        fmt.space_after, fmt.space_before = Pt(look.space_after), Pt(0)
        if look.align is not None:
            paragraph.alignment = look.align
        if look.indent:
            fmt.first_line_indent = Mm(10)
        if container is not self.document and look is self.looks.get("recipients__line"):
            fmt.left_indent, fmt.first_line_indent = Mm(2.5), Mm(-2.5)
        self._runs(paragraph, element, look, bold=False)

    def _runs(self, paragraph, element, look: Look, bold: bool) -> None:
        bold = bold or "article__number" in _classes(element) or element.tag in ("strong", "b")
        underline = "rule-under" in _classes(element)

        def add(text: str | None) -> None:
            if not text:
                return
            text = re.sub(r"\s+", " ", text)
            if not paragraph.runs:
                text = text.lstrip()
            if not text:
                return
            run = paragraph.add_run(text)
            run.font.size = Pt(look.size)
            run.bold = look.bold or bold or None
            run.italic = look.italic or None
            run.underline = look.underline or underline or None

        add(element.text)
        for child in element:
            if child.tag == "br":
                paragraph.add_run().add_break()
            else:
                self._runs(paragraph, child, look, bold)
            add(child.tail)

    def table(self, container, element, bordered: bool, look: Look | None) -> None:
        rows = element.xpath("./tr|./thead/tr|./tbody/tr")
        width = max((len(row.xpath("./td|./th")) for row in rows), default=0)
        if not width:
            return
        table = container.add_table(rows=0, cols=width)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        if bordered:
            table.style = self.document.styles["Table Grid"]
        for row in rows:
            cells = table.add_row().cells
            for cell, source in zip(cells, row.xpath("./td|./th"), strict=False):
                cell._tc.remove(cell.paragraphs[0]._p)
                if bordered:
                    cell_look = Look(size=12, bold=source.tag == "th", space_after=0,
                                     align=CENTER if source.tag == "th" or "task-table__no" in _classes(source)
                                     else LEFT)
                    self.paragraph(cell, source, cell_look)
                else:
                    self.walk(cell, source, look)
                if not cell.paragraphs:
                    cell.add_paragraph()
        self._widths(table, element, width, bordered)
        if not bordered:
            for row in table.rows:  # the signature block and the header never split across pages
                row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        container.add_paragraph().paragraph_format.space_after = Pt(0)

    @staticmethod
    def _widths(table, element, count: int, bordered: bool) -> None:
        """Column widths in the grid (what Word and LibreOffice lay out by) and on every cell."""
        if bordered:
            widths = (12, 55, 36, 34, 28) if count == 5 else (165 / count,) * count
        else:
            widths = (63, 102) if "doc-header" in _classes(element) else (85, 80)
        table.autofit = False
        for column, size in zip(table.columns, widths, strict=False):
            column.width = Mm(size)
            for cell in column.cells:
                cell.width = Mm(size)

    def walk(self, container, element, look: Look | None = None) -> None:
        classes = _classes(element)
        if any(name in SKIP for name in classes):
            return
        look = self.look_of(element, look)
        if element.tag == "table":
            if "doc-footer" in classes and self.document.paragraphs:  # the last lines of the body go with it
                for paragraph in self.document.paragraphs[-2:]:
                    paragraph.paragraph_format.keep_with_next = True
            self.table(container, element, bordered="doc-header" not in classes and "doc-footer" not in classes,
                       look=look)
            return
        if "signer__space" in classes:
            self.paragraph(container, element, look)
            return
        blocks = [c for c in element if c.tag in BLOCK_TAGS or BLOCK_SPANS & set(_classes(c))]
        if not blocks:
            if _text(element):
                self.paragraph(container, element, look)
            return
        if _text_outside(element, blocks):
            self.paragraph(container, element, look)
            return
        for child in blocks:
            self.walk(container, child, look)

    def build(self, html: str) -> bytes:
        root = lxml_html.fromstring(html)
        article = root.xpath("//article")[0]
        for child in article:
            self.walk(self.document, child)
        out = io.BytesIO()
        self.document.save(out)
        return out.getvalue()


def _text_outside(element, blocks) -> bool:
    """Text directly in the element or in inline children beside its blocks (then it is one paragraph)."""
    if (element.text or "").strip():
        return True
    return any((c.tail or "").strip() or (c not in blocks and _text(c)) for c in element)


def render_docx(page: DocumentPage, notice: str = "") -> bytes:
    """The document as DOCX bytes."""
    page = page.specific
    return _Builder(page).build(print_html(page, notice))
