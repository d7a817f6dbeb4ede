"""Helpers of the output tests (issue 11): reading a PDF as its readers and printers see it, a test CA."""
from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

from PIL import Image

from cms.demo.documents import demo_files
from documents.output import keys, stamps
from documents.output.pdf import print_html
from documents.output.signing import key_name

MM = 72 / 25.4  # points per millimetre
DEMO = {path.name: path for path in demo_files()}  # the demonstration documents by file name
REPORTS = Path(__file__).resolve().parent.parent / "var" / "test-reports" / "output"


def tool(name: str) -> str:
    """The path of a poppler tool; fails loudly when it is missing (deploy/install-output-deps.sh installs it)."""
    found = shutil.which(name)
    assert found, f"{name} is missing: run deploy/install-output-deps.sh (poppler-utils)"
    return found


def pdftotext(data: bytes, *args: str) -> str:
    result = subprocess.run([tool("pdftotext"), "-enc", "UTF-8", *args, "-", "-"], input=data,
                            capture_output=True, check=True, timeout=60)
    return result.stdout.decode()


def pdf_pages_text(data: bytes) -> list[str]:
    """Each page's text in content order (-raw): the order a reader's copy or a screen reader gets."""
    return pdftotext(data, "-raw").split("\f")[:-1]


def pdf_words(data: bytes) -> list[str]:
    """The words of the PDF without the page numbers; a word broken after "-" or "/" at a line end is joined."""
    words: list[str] = []
    for number, text in enumerate(pdf_pages_text(data), start=1):
        lines = [line.strip() for line in text.split("\n") if line.strip()]
        if number > 1 and lines and lines[0] == str(number):
            lines = lines[1:]
        elif number > 1 and lines and lines[-1] == str(number):
            lines = lines[:-1]
        joined = ""
        for line in lines:
            if re.search(r"\w[-/]$", joined):
                joined += line
            else:
                joined += (" " if joined else "") + line
        words += joined.split()
    return words


def document_words(page) -> list[str]:
    """The words of the official frame of the document, as the templates write them."""
    source = print_html(page)
    source = source[source.index("<article"):source.index("</article>")]
    return html.unescape(re.sub(r"<[^>]+>", " ", source)).split()


def top_margin_text(data: bytes, page_number: int) -> str:
    """Text in the top margin (20 mm), across the page, of one page."""
    return pdftotext(data, "-f", str(page_number), "-l", str(page_number), "-x", "0", "-y", "0",
                     "-W", "595", "-H", str(int(20 * MM)), "-r", "72").strip()


def page_images(data: bytes, target: Path, dpi: int = 50) -> list[Path]:
    target.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([tool("pdftoppm"), "-r", str(dpi), "-png", "-", str(target)], input=data, check=True, timeout=120)
    return sorted(target.parent.glob(f"{target.name}-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))


def ink_outside(image_path: Path, left_mm: float, right_mm: float, bottom_mm: float) -> list[str]:
    """Where ink lies outside the text area: the left and right margins and the bottom margin (the top margin
    carries the page number and the DỰ THẢO mark). Returns the bands with ink.

    1.5 mm of each margin next to the text is allowed for anti-aliasing and italic overhang; anything clipped or
    pushed past the margin by a wide table reaches much further."""
    image = Image.open(image_path).convert("L")
    width, height = image.size
    px = width / 210
    slack = 1.5
    bands = {
        "left": (0, 0, int((left_mm - slack) * px), height),
        "right": (width - int((right_mm - slack) * px), 0, width, height),
        "bottom": (0, height - int((bottom_mm - slack) * px), width, height),
    }
    return [name for name, box in bands.items() if image.crop(box).getextrema()[0] < 200]


def make_keys(base: Path, page) -> Path:
    """A test CA (made in the run, never stored) with the signer's and the issuer's PKCS#12 keys under ``base``."""
    authority = keys.make_authority("CA kiểm thử")
    keys.write_root(authority, base / "trust" / "root.pem")
    name = key_name(page.signer_name)
    keys.make_pkcs12(authority, page.signer_name, page.issuer.name, base / "signers" / f"{name}.p12")
    stamps.draw_signature(page.signer_name, base / "signers" / f"{name}.png")
    keys.make_pkcs12(authority, page.issuer.name, page.issuer.name, base / "issuers" / f"{page.issuer.slug}.p12")
    stamps.draw_seal(page.issuer.name, base / "issuers" / f"{page.issuer.slug}.png")
    return base


def fonts(data: bytes) -> dict[str, bool]:
    """Every font the PDF uses (pages, their form XObjects and annotation appearances) → embedded or not."""
    import io

    from pypdf import PdfReader

    found: dict[str, bool] = {}
    seen: set[int] = set()

    def embedded(font) -> bool:
        if font.get("/Subtype") == "/Type0":
            font = font["/DescendantFonts"][0].get_object()
        descriptor = font.get("/FontDescriptor")
        if descriptor is None:
            return font.get("/Subtype") == "/Type3"
        descriptor = descriptor.get_object()
        return any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))

    def visit(resources) -> None:
        if resources is None:
            return
        resources = resources.get_object()
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            found[str(font.get("/BaseFont"))] = embedded(font)
        for xobject in (resources.get("/XObject") or {}).values():
            if xobject.idnum in seen if hasattr(xobject, "idnum") else False:
                continue
            if hasattr(xobject, "idnum"):
                seen.add(xobject.idnum)
            xobject = xobject.get_object()
            if xobject.get("/Subtype") == "/Form":
                visit(xobject.get("/Resources"))

    reader = PdfReader(io.BytesIO(data))
    for page in reader.pages:
        visit(page.get("/Resources"))
        for annotation in page.get("/Annots") or []:
            appearance = annotation.get_object().get("/AP")
            normal = appearance.get_object().get("/N") if appearance else None
            if normal is not None and hasattr(normal.get_object(), "get"):
                visit(normal.get_object().get("/Resources"))
    return found
