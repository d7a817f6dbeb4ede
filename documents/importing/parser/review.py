"""What a tolerant import could not recover, for the clerk's review ("cần rà soát", docs/domain.md §12)."""
from __future__ import annotations

import re

from django.utils.translation import gettext_noop as _

from documents.text.vietnamese import is_vietnamese_syllable

from ..tree import ParsedDocument
from .typeline import Located

UNKNOWN_SUMMARY = _("(chưa rõ trích yếu)")
UNNUMBERED_KINDS = ("bien_ban",)  # often unnumbered (docs/domain.md §4): no note when there is no number


def review_notes(doc: ParsedDocument, located: Located) -> list[str]:
    """One Vietnamese line per missing or guessed part; empty when the structure was fully recovered."""
    notes: list[str] = []
    if not located.type_line:
        if located.from_code and doc.type_name != "VĂN BẢN":
            notes.append(_("Không thấy dòng tên loại; loại văn bản suy từ ký hiệu “%(code)s”.") % {"code": located.from_code})
        elif doc.type_name == "CÔNG VĂN":
            notes.append(_("Không có dòng tên loại; nhận là công văn theo dòng trích yếu “V/v”."))
        else:
            notes.append(_("Không nhận ra loại văn bản (không thấy dòng tên loại)."))
    if not doc.title:
        notes.append(_("Không thấy trích yếu."))
    if not doc.issuer_lines:
        notes.append(_("Không thấy tên cơ quan ban hành ở phần đầu."))
    if doc.notation is None and doc.kind not in UNNUMBERED_KINDS:
        notes.append(_("Không đọc được số và ký hiệu."))
    if doc.date is None:
        notes.append(_("Không đọc được địa danh và ngày tháng."))
    if not doc.signatures:
        notes.append(_("Không thấy khối chữ ký."))
    if not doc.recipients and doc.kind not in UNNUMBERED_KINDS:  # OCR often loses it; Rà soát can restore it
        notes.append(_("Không thấy mục “Nơi nhận”."))
    noise = [line.strip() for line in doc.source.splitlines() if _is_noise(line)]
    if noise:
        notes.append(_("Dòng có ký tự lạ, có thể do máy quét (“%(line)s”): đối chiếu bản gốc.")
                     % {"line": "”, “".join(line[:60] for line in noise[:3])})
    for signature in doc.signatures:
        if _unreadable(signature.position):
            notes.append(_("Dòng chức vụ người ký đọc không rõ (“%(line)s”): đối chiếu bản gốc.")
                         % {"line": signature.position})
        if _NOT_A_NAME.search(signature.name):
            notes.append(_("Tên người ký đọc không rõ (“%(line)s”): đối chiếu bản gốc.") % {"line": signature.name})
    return notes


# OCR noise in a name: a digit or a sign no printed line holds. Names are not held to Vietnamese syllables (those
# of ethnic minorities are not), nor is punctuation noise: a Nơi nhận line read into the signature column of a
# two-column PDF ("- UBND tỉnh (để báo cáo);") is the layout's, not the scan's.
_NOT_A_NAME = re.compile(r"[^\w\s'.,;:()/\-–]|[\d_]")
# Signs of a scanner's or a copy's garbage ("@@@ ### … ~~"): a printed line holds one at most (an e-mail's "@",
# "100%"); table borders ("|", "+", "=") and header stars are the layout's.
_NOISE_SIGNS = frozenset("@#$%^~<>{}[]\\`")


def _is_noise(line: str) -> bool:
    return sum(char in _NOISE_SIGNS for char in line) >= 4


_ABBREVIATION = re.compile(r"^[A-ZĐ]{1,6}$")  # UBND, HĐND, BCĐ, MTTQ in a position line


def _unreadable(line: str) -> bool:
    """A signer's line with a word that is no Vietnamese syllable and no abbreviation: OCR noise ("8AN",
    "TH(f") that a found block would otherwise carry into the document unnoticed."""
    for word in line.split():
        word = word.strip(".,;:()-–")
        if word and not is_vietnamese_syllable(word) and not _ABBREVIATION.match(word):
            return True
    return False
