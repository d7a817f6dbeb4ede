"""The PDF of a document in its official layout, rendered on the server by WeasyPrint.

The HTML is the reader's own official templates (documents/templates/documents/parts, body) in a print frame;
documents/document.css gives the official sizes and documents/output.css the page (A4, margins, numbers).
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

from documents.models import DocumentPage

PDF_VARIANT = "pdf/a-2b"  # long-term keeping (domain.md §9); checked by veraPDF where it is available


@lru_cache(maxsize=1)
def _stylesheets():
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    # document.css has screen-only media queries WeasyPrint does not parse; they do not apply to print.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    fonts = FontConfiguration()
    sheets = [CSS(filename=str(Path(finders.find(name))), font_config=fonts)
              for name in ("documents/document.css", "documents/output.css")]
    return sheets, fonts


def print_html(page: DocumentPage, notice: str = "") -> str:
    """The official HTML of the document for printing (no site chrome, no reader box)."""
    return render_to_string("documents/output/print.html", {"page": page.specific, "notice": notice})


@dataclass(frozen=True)
class SignaturePlace:
    """The blank between the signer's position and name, in PDF points from the page's lower left corner."""

    page_index: int
    left: float
    bottom: float
    right: float
    top: float


@dataclass(frozen=True)
class RenderedPdf:
    content: bytes
    pages: int
    signature_place: SignaturePlace | None


PX_TO_PT = 0.75  # WeasyPrint lays out in CSS px (1/96 in); PDF user space is in points (1/72 in)


def _signature_place(document) -> SignaturePlace | None:
    """The last signature blank (a biên bản has the secretary's, then the chair's who signs it)."""
    found = None
    for index, page in enumerate(document.pages):
        for box in page._page_box.descendants():
            element = getattr(box, "element", None)
            if element is not None and "signer__space" in (element.get("class") or "").split():
                height = page.height * PX_TO_PT
                x, y = box.content_box_x() * PX_TO_PT, box.content_box_y() * PX_TO_PT
                w, h = box.width * PX_TO_PT, box.height * PX_TO_PT
                found = SignaturePlace(index, x, height - y - h, x + w, height - y)
    return found


def render(page: DocumentPage, *, notice: str = "", archival: bool = False) -> RenderedPdf:
    """The document as PDF, with where its signature goes. ``archival`` makes PDF/A-2b (issued originals)."""
    from weasyprint import HTML

    sheets, fonts = _stylesheets()
    html = HTML(string=print_html(page, notice), base_url=str(Path(__file__).parent))
    document = html.render(stylesheets=sheets, font_config=fonts, **({"pdf_variant": PDF_VARIANT} if archival else {}))
    content = document.write_pdf(**({"pdf_variant": PDF_VARIANT} if archival else {}))
    return RenderedPdf(content, len(document.pages), _signature_place(document))


def render_pdf(page: DocumentPage, *, notice: str = "", archival: bool = False) -> bytes:
    """The document as PDF bytes."""
    return render(page, notice=notice, archival=archival).content


def filename(page: DocumentPage, extension: str) -> str:
    """ "01-QC-BCD.pdf", an ASCII name from the notation; a document without one (a biên bản, a draft) by its type
    and date, "bien-ban-05-03-2026.pdf", or its type and page id when it has no date either."""
    from django.utils.text import slugify

    from documents.text.vietnamese import fold

    if page.notation:
        return f"{fold(page.notation).replace('/', '-').replace(' ', '').upper()}.{extension}"
    kind = slugify(fold(page.type_name or "")) or "van-ban"
    tail = page.issued_on.strftime("%d-%m-%Y") if page.issued_on else str(page.pk)
    return f"{kind}-{tail}.{extension}"
