"""The PDF of a document in its official layout, rendered on the server by WeasyPrint.

The HTML is the reader's own official templates (documents/templates/documents/parts, body) in a print frame;
documents/document.css gives the official sizes and documents/output.css the page (A4, margins, numbers).
"""
from __future__ import annotations

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

    fonts = FontConfiguration()
    sheets = [CSS(filename=str(Path(finders.find(name))), font_config=fonts)
              for name in ("documents/document.css", "documents/output.css")]
    return sheets, fonts


def print_html(page: DocumentPage, notice: str = "") -> str:
    """The official HTML of the document for printing (no site chrome, no reader box)."""
    return render_to_string("documents/output/print.html", {"page": page.specific, "notice": notice})


def render_pdf(page: DocumentPage, *, notice: str = "", archival: bool = False) -> bytes:
    """The document as PDF bytes. ``archival`` makes a PDF/A-2b file (issued originals)."""
    from weasyprint import HTML

    sheets, fonts = _stylesheets()
    options = {"pdf_variant": PDF_VARIANT} if archival else {}
    document = HTML(string=print_html(page, notice), base_url=str(Path(__file__).parent))
    return document.write_pdf(stylesheets=sheets, font_config=fonts, **options)


def filename(page: DocumentPage, extension: str) -> str:
    """ "01-QC-BCD.pdf", an ASCII name from the notation (or the page id of an unnumbered draft)."""
    from documents.text.vietnamese import fold

    stem = fold(page.notation).replace("/", "-").replace(" ", "") if page.notation else f"van-ban-{page.pk}"
    return f"{stem.upper() if page.notation else stem}.{extension}"
