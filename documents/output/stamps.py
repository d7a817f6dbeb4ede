"""Images for the visible signature: a seal (red) and a handwritten signature (blue), transparent PNG.

Real ones are scanned and placed beside the keys; these drawn ones serve the tests and the demonstration.
"""
from __future__ import annotations

import math
import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Bold.ttf"
REGULAR_FONT = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"
RED, BLUE = (200, 16, 16, 255), (20, 40, 170, 255)


def draw_seal(text: str, path: Path, size: int = 400) -> Path:
    """A round seal: two rings, the body's name round the edge, a star in the middle."""
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((6, 6, size - 6, size - 6), outline=RED, width=10)
    draw.ellipse((size * .27, size * .27, size * .73, size * .73), outline=RED, width=6)
    c = size / 2
    star = [(c + (size * .16 if i % 2 == 0 else size * .065) * math.sin(i * math.pi / 5),
             c - (size * .16 if i % 2 == 0 else size * .065) * math.cos(i * math.pi / 5)) for i in range(10)]
    draw.polygon(star, fill=RED)
    font = ImageFont.truetype(FONT, int(size * .075))
    letters = list(text.upper())
    for i, letter in enumerate(letters):
        angle = -math.pi * .9 + (1.8 * math.pi) * (i + .5) / max(len(letters), 1)
        x, y = c + size * .37 * math.sin(angle), c - size * .37 * math.cos(angle)
        glyph = Image.new("RGBA", (size // 8, size // 8), (0, 0, 0, 0))
        ImageDraw.Draw(glyph).text((size // 16, size // 16), letter, font=font, fill=RED, anchor="mm")
        glyph = glyph.rotate(-math.degrees(angle), resample=Image.Resampling.BICUBIC)
        image.alpha_composite(glyph, (int(x - size / 16), int(y - size / 16)))
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path)
    return path


def draw_signature(name: str, path: Path, width: int = 600, height: int = 240) -> Path:
    """A scribble, the same for the same name."""
    rng = random.Random(name)
    image = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    points = [(40 + i * (width - 80) / 24, height / 2 + rng.uniform(-70, 70)) for i in range(25)]
    draw.line(points, fill=BLUE, width=7, joint="curve")
    draw.line([(60, height * .75), (width - 60, height * .62)], fill=BLUE, width=5)
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path)
    return path


FONT_PT = 10  # Nghị định 30 Phụ lục I: the body's name and the time in 10 pt
LINE_PT = 11
MAX_NAME_LINES = 3


def _font(scale: int = 1) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(REGULAR_FONT, FONT_PT * scale)


def body_lines(name: str, when: str, width_pt: float) -> list[str]:
    """The body's name wrapped to ``width_pt`` at 10 pt (at most three lines), then the signing time."""
    font = _font()
    lines: list[str] = []
    for word in name.split():
        if lines and font.getlength(f"{lines[-1]} {word}") <= width_pt:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return [*lines[:MAX_NAME_LINES], when]


def lines_width_pt(lines: list[str]) -> float:
    font = _font()
    return max((font.getlength(line) for line in lines), default=0.0)


def fitted_width_pt(image: Path | None, width_pt: float, height_pt: float) -> float:
    """How wide an image is drawn when fitted, ratio kept, in a box of ``width_pt`` × ``height_pt`` (the box's
    width when there is no image)."""
    if image is None:
        return width_pt
    with Image.open(image) as opened:
        ratio = opened.width / max(opened.height, 1)
    return min(width_pt, height_pt * ratio)


def text_band_pt(lines: list[str]) -> float:
    """The height the lines take at the foot of the blank, with a little air above them."""
    return len(lines) * LINE_PT + 4


def body_stamp(seal: Path | None, lines: list[str], width_pt: float, height_pt: float, seal_pt: float) -> Image.Image:
    """The body's signature appearance: its name and the signing time in 10 pt at the lower right (Nghị định 30
    Phụ lục I), its seal at the upper left, above the text, drawn at 4 px per point. An image, so the time is
    never cut by a stamp font."""
    scale = 4
    image = Image.new("RGBA", (int(width_pt * scale), int(height_pt * scale)), (0, 0, 0, 0))
    if seal is not None:
        side = int(seal_pt * scale)
        image.alpha_composite(Image.open(seal).convert("RGBA").resize((side, side)), (0, 0))
    font = _font(scale)
    draw = ImageDraw.Draw(image)
    y = image.height - len(lines) * LINE_PT * scale
    for line in lines:
        draw.text((image.width, y), line, font=font, fill=(0, 0, 0, 255), anchor="ra")
        y += LINE_PT * scale
    return image
