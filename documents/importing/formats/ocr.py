"""Scans: images (.jpg, .png, .tif) and image-only PDF pages read by Tesseract OCR with its Vietnamese data
(Debian tesseract-ocr, tesseract-ocr-vie; PDF pages rasterised by poppler's pdftoppm).

Each page is cleaned with Pillow first: grayscale, small images upscaled, uneven light (a phone photo) flattened,
the skew of the sheet measured on a projection profile and undone, contrast stretched. Tesseract's words, with
their positions, are laid out again as rows of text so that columns.py can put the two-column header in reading
order. Limits: pages (DOCUMENT_MAX_PDF_PAGES) and pixels (DOCUMENT_MAX_IMAGE_PIXELS, a decompression bomb is
refused before it is decoded), every program with a timeout.
"""
from __future__ import annotations

import io
import math
import re
import statistics
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from PIL import Image, ImageChops, ImageFilter, ImageOps, ImageSequence, UnidentifiedImageError

from .base import ReadError, run_tool, setting
from .layout import reading_order

SOURCE_FORMAT = "ocr"
OCR_NOTE = gettext_noop("văn bản nhận dạng từ ảnh quét (OCR), cần đối chiếu bản gốc")
RASTER_DPI = 300
TARGET_WIDTH = 2480  # an A4 page at 300 dpi: Tesseract reads 10–14 pt letters best there
MIN_WIDTH = 1800  # narrower pages (phone photos, 150 dpi scans) are upscaled
MAX_UPSCALE = 3.0
PAGE_TIMEOUT = 180
MIN_CONFIDENCE = 60
MIN_WORDS = 12  # fewer confident words on all pages: nothing readable (blank sheet, noise)
MAX_SKEW = 5.0  # degrees searched either way (a page on its side or upside down: Tesseract's OSD)
MIN_ORIENTATION_CONFIDENCE = 2.0
PACKAGES = "tesseract-ocr, tesseract-ocr-vie"


def max_pixels() -> int:
    return setting("DOCUMENT_MAX_IMAGE_PIXELS", 60_000_000)


def max_pages() -> int:
    return setting("DOCUMENT_MAX_PDF_PAGES", 50)


# ------------------------------------------------------------------------------------------ entry points
def read_image(data: bytes) -> str:
    """The text of an image file (every frame of a multi-page TIFF)."""
    return recognise(open_frames(data))


def read_pdf_scan(data: bytes, sizes: list[tuple[float, float]]) -> str:
    """The text of an image-only PDF: each page rasterised at 300 dpi (less when a page is huge) and read."""
    return recognise(rasterise(data, sizes, 1, len(sizes)))


def read_pdf_pages(data: bytes, sizes: list[tuple[float, float]], numbers: list[int]) -> dict[int, str]:
    """Laid-out text of some pages (numbered from 1) of a PDF whose other pages have a text layer: a scanned page
    inside a typed document (the signed last page, an annex). A page with no readable text is left out."""
    out = {}
    for number in numbers:
        words = page_words(rasterise(data, sizes, number, number)[0])
        if _confident(words) >= MIN_WORDS:
            out[number] = layout_text(words)
    return out


def rasterise(data: bytes, sizes: list[tuple[float, float]], first: int, last: int) -> list[Image.Image]:
    """Pages first..last as grayscale images, at 300 dpi or less so that the largest stays under the pixel cap."""
    largest = max(width * height for width, height in sizes) / (72 * 72)  # square inches
    dpi = min(RASTER_DPI, int(math.sqrt(max_pixels() / max(largest, 1e-6))))
    if dpi < 72:
        raise ReadError(_("Trang PDF quá lớn để nhận dạng chữ."))
    with tempfile.TemporaryDirectory(prefix="vanban-ocr-") as folder:
        source = Path(folder) / "in.pdf"
        source.write_bytes(data)
        run_tool(["pdftoppm", "-r", str(dpi), "-gray", "-png", "-f", str(first), "-l", str(last), str(source),
                  str(Path(folder) / "page")], timeout=PAGE_TIMEOUT * (last - first + 1), program="poppler-utils")
        return [_open_checked(path.read_bytes())[0] for path in sorted(Path(folder).glob("page*.png"))]


def open_frames(data: bytes) -> list[Image.Image]:
    image, frames = _open_checked(data)
    if frames > max_pages():
        raise ReadError(_("Tệp ảnh có %(pages)s trang, nhiều hơn giới hạn %(limit)s trang.")
                        % {"pages": frames, "limit": max_pages()})
    out = []
    try:
        for frame in ImageSequence.Iterator(image):
            _check_pixels(frame.size)
            out.append(ImageOps.exif_transpose(frame.copy()))
    except (OSError, ValueError, SyntaxError):  # truncated or corrupt data, seen only when decoded
        raise ReadError(_("Tệp ảnh hỏng hoặc không đọc được.")) from None
    return out


def _open_checked(data: bytes) -> tuple[Image.Image, int]:
    """The image, opened lazily (only its header is read) and refused when its size is over the limit."""
    limit = max_pixels()
    Image.MAX_IMAGE_PIXELS = limit  # Pillow's own guard, also for decoders that read further headers
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data))
            _check_pixels(image.size)
            frames = getattr(image, "n_frames", 1)
            if image.size[0] < 1 or image.size[1] < 1:
                raise ReadError(_("Tệp ảnh hỏng hoặc không đọc được."))
            image.load()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise ReadError(_too_many_pixels(limit)) from None
        except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
            raise ReadError(_("Tệp ảnh hỏng hoặc không đọc được.")) from None
    return image, frames


def _check_pixels(size: tuple[int, int]) -> None:
    if size[0] * size[1] > max_pixels():
        raise ReadError(_too_many_pixels(max_pixels()))


def _too_many_pixels(limit: int) -> str:
    return _("Ảnh quá lớn (hơn %(limit)s điểm ảnh): hãy quét lại ở độ phân giải 300 dpi.") % {"limit": f"{limit:,}"}


# ------------------------------------------------------------------------------------------ recognition
def recognise(frames: list[Image.Image]) -> str:
    pages: list[str] = []
    confident = 0
    for frame in frames:
        words = page_words(frame)
        confident += _confident(words)
        pages.append(layout_text(words))
    if confident < MIN_WORDS:
        raise ReadError(_("Không nhận dạng được chữ trong ảnh (ảnh trống, nhiễu hoặc quá mờ): hãy quét lại rõ hơn."))
    return reading_order("\f".join(pages))


def page_words(frame: Image.Image) -> list[Word]:
    """The words of one page, cleaned first; turned upright when it was scanned sideways or upside down."""
    page = prepare(frame)
    words = tesseract_words(page)
    # A page on its side reads as nothing, or as garbage Tesseract is unsure of.
    if _confident(words) < max(MIN_WORDS, len(words) // 2):
        turn = orientation(page)
        if turn:
            turned = tesseract_words(prepare(page.rotate(-turn, expand=True, fillcolor=255)))
            words = turned if _confident(turned) > _confident(words) else words
    return words


def _confident(words: list[Word]) -> int:
    return sum(1 for word in words if word.confident)


def orientation(page: Image.Image) -> int:
    """Degrees (90, 180, 270) the page must turn clockwise to stand upright, by Tesseract's orientation detection
    (OSD); 0 when upright or unsure."""
    buffer = io.BytesIO()
    page.save(buffer, "PNG")
    try:
        report = run_tool(["tesseract", "stdin", "stdout", "--psm", "0", "--dpi", str(RASTER_DPI)],
                          input=buffer.getvalue(), timeout=PAGE_TIMEOUT, program=PACKAGES).decode(errors="replace")
    except ReadError:  # too few characters to tell: leave the page as it is
        return 0
    turn = re.search(r"^Rotate:\s*(\d+)", report, re.MULTILINE)
    sure = re.search(r"^Orientation confidence:\s*([\d.]+)", report, re.MULTILINE)
    if not turn or not sure or float(sure.group(1)) < MIN_ORIENTATION_CONFIDENCE:
        return 0
    return int(turn.group(1)) % 360


def prepare(image: Image.Image) -> Image.Image:
    """Grayscale, upscaled when small, light flattened, deskewed, contrast stretched."""
    if image.mode in ("RGBA", "LA", "P", "PA"):
        image = image.convert("RGBA")
        sheet = Image.new("RGBA", image.size, "white")
        image = Image.alpha_composite(sheet, image)
    gray = image.convert("L")
    if gray.width < MIN_WIDTH:
        factor = min(MAX_UPSCALE, TARGET_WIDTH / gray.width)
        gray = gray.resize((round(gray.width * factor), round(gray.height * factor)), Image.Resampling.LANCZOS)
    gray = flatten_light(gray)
    angle = skew_angle(gray)
    if abs(angle) >= 0.2:
        gray = gray.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    return ImageOps.autocontrast(gray, cutoff=1)


def flatten_light(gray: Image.Image) -> Image.Image:
    """Subtract the paper's brightness, estimated by a max filter over a reduced copy (letters vanish in it)."""
    if min(gray.size) < 200:
        return gray
    small = gray.reduce(8)
    paper = small.filter(ImageFilter.MaxFilter(5)).filter(ImageFilter.GaussianBlur(3))
    paper = paper.resize(gray.size, Image.Resampling.BILINEAR)
    return ImageOps.invert(ImageChops.subtract(paper, gray))


def skew_angle(gray: Image.Image) -> float:
    """The rotation (degrees, counter-clockwise) that makes the text lines horizontal: the one whose row
    profile of ink is sharpest (lines of text and the gaps between them alternate most strongly)."""
    small = gray.copy()
    small.thumbnail((1000, 1000))
    ink = small.point(lambda value: 255 if value < 150 else 0)

    def sharpness(angle: float) -> float:
        turned = ink.rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=0)
        rows = [float(v) for v in turned.resize((1, turned.height), Image.Resampling.BOX).get_flattened_data()]  # type: ignore[arg-type]
        return float(sum((a - b) ** 2 for a, b in zip(rows, rows[1:], strict=False)))

    steps: list[float] = [i * 0.5 for i in range(int(-MAX_SKEW * 2), int(MAX_SKEW * 2) + 1)]
    best: float = max(steps, key=sharpness)
    fine: list[float] = [best + i * 0.1 for i in range(-4, 5)]
    found: float = max(fine, key=sharpness)
    return round(found, 1)


@dataclass
class Word:
    text: str
    left: int
    top: int
    width: int
    height: int
    line: tuple[int, int, int]  # Tesseract's (block, paragraph, line)
    confidence: float

    @property
    def confident(self) -> bool:
        return self.confidence >= MIN_CONFIDENCE and sum(1 for c in self.text if c.isalpha()) >= 2


def tesseract_words(image: Image.Image) -> list[Word]:
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    tsv = run_tool(["tesseract", "stdin", "stdout", "-l", "vie", "--psm", "3", "--dpi", str(RASTER_DPI), "tsv"],
                   input=buffer.getvalue(), timeout=PAGE_TIMEOUT, program=PACKAGES).decode("utf-8", errors="replace")
    words = []
    for row in tsv.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) < 12 or cells[0] != "5" or not cells[11].strip():
            continue
        left, top, width, height = (int(v) for v in cells[6:10])
        words.append(Word(cells[11].strip(), left, top, width, height, (int(cells[2]), int(cells[3]), int(cells[4])),
                          float(cells[10])))
    return words


def layout_text(words: list[Word]) -> str:
    """Words placed as pdftotext -layout places them: rows by height, each line of Tesseract's at its column."""
    if not words:
        return ""
    char_width = max(1.0, statistics.median(w.width / len(w.text) for w in words))
    lines: dict[tuple[int, int, int], list[Word]] = {}
    for word in words:
        lines.setdefault(word.line, []).append(word)
    boxes = sorted(box for ws in lines.values() for box in _segments(sorted(ws, key=lambda w: w.left), char_width))
    rows: list[list[tuple[int, int, int, str]]] = []
    for box in sorted(boxes, key=lambda b: (b[0] + b[1]) / 2):
        centre = (box[0] + box[1]) / 2
        if rows and rows[-1][0][0] <= centre <= rows[-1][0][1]:
            rows[-1].append(box)
        else:
            rows.append([box])
    height = statistics.median(b[1] - b[0] for b in boxes)
    out: list[str] = []
    previous_bottom = None
    for row in rows:
        top = min(b[0] for b in row)
        if previous_bottom is not None and top - previous_bottom > 1.2 * height:
            out.append("")
        text = ""
        for _top, _bottom, left, content in sorted(row, key=lambda b: b[2]):
            column = round(left / char_width)
            column = max(column, len(text) + 3) if text else column
            text = text.ljust(column) + content
        out.append(text)
        previous_bottom = max(b[1] for b in row)
    return "\n".join(out)


def _segments(line: list[Word], char_width: float) -> list[tuple[int, int, int, str]]:
    """(top, bottom, left, text) of each run of a line's words; a wide gap (two columns Tesseract read as one
    line) starts a new run."""
    runs: list[list[Word]] = [[line[0]]]
    for word in line[1:]:
        previous = runs[-1][-1]
        if word.left - (previous.left + previous.width) > 3 * char_width:
            runs.append([word])
        else:
            runs[-1].append(word)
    return [(min(w.top for w in run), max(w.top + w.height for w in run), run[0].left, " ".join(w.text for w in run))
            for run in runs]
