"""Ký số: PAdES signatures of the issued PDF by the signer and by the issuing body (pyHanko).

Keys are PKCS#12 files under settings.SIGNING_KEYS_DIR, configured per signer and per issuer; an issuer whose
key is absent does not sign (the Party's paper signature at grassroots level, domain.md §9):

    issuers/<issuer slug>.p12  (+ .png: the seal, red, transparent)
    signers/<username or folded name>.p12  (+ .png: the handwritten signature, blue, transparent)
    trust/*.pem  trusted roots for verification

The visible stamp follows Nghị định 30 Phụ lục I: the signer's image between position and name, the body's
seal over its left third with the body's name and the signing time (ISO 8601, Vietnam time) in 10 pt.
"""
from __future__ import annotations

import datetime
import io
import re
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings

from documents.models import DocumentPage
from documents.text.vietnamese import fold

from . import stamps
from .pdf import SignaturePlace

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
BOLD_FONT_FILE = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Bold.ttf"
SIGNER_FIELD, BODY_FIELD = "KySo-NguoiKy", "KySo-CoQuan"


@dataclass(frozen=True)
class SigningKey:
    path: Path
    image: Path | None


def keys_dir() -> Path | None:
    value = getattr(settings, "SIGNING_KEYS_DIR", None)
    return Path(value) if value else None


def key_name(text: str) -> str:
    """ "Nguyễn Quốc Nam" → "nguyen-quoc-nam": the file name of a key."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text).lower()).strip("-")


def _key(folder: str, name: str) -> SigningKey | None:
    base = keys_dir()
    if base is None or not name:
        return None
    path = base / folder / f"{name}.p12"
    if not path.is_file():
        return None
    image = path.with_suffix(".png")
    return SigningKey(path, image if image.is_file() else None)


def signer_key(page: DocumentPage) -> SigningKey | None:
    if page.signer_user is not None:
        found = _key("signers", page.signer_user.get_username())
        if found is not None:
            return found
    return _key("signers", key_name(page.signer_name))


def issuer_key(page: DocumentPage) -> SigningKey | None:
    return _key("issuers", page.issuer.slug)


def trusted_roots() -> list:
    """The configured trusted root certificates (asn1crypto), for verification."""
    from asn1crypto import pem, x509

    base = keys_dir()
    roots = []
    for path in sorted((base / "trust").glob("*.pem")) if base is not None else []:
        for _kind, _headers, der in pem.unarmor(path.read_bytes(), multiple=True):
            roots.append(x509.Certificate.load(der))
    return roots


def _signer(key: SigningKey):
    from pyhanko.sign import signers

    passphrase = getattr(settings, "SIGNING_KEYS_PASSWORD", "") or None
    loaded = signers.SimpleSigner.load_pkcs12(str(key.path), passphrase=passphrase.encode() if passphrase else None)
    if loaded is None:
        raise ValueError(f"Không đọc được khóa ký số {key.path.name}.")
    return loaded


def _style(image):
    """A stamp that is the image alone, fitted in its box (the signer's: upper part of the blank)."""
    from pyhanko.pdf_utils.images import PdfImage
    from pyhanko.pdf_utils.layout import AxisAlignment, Margins, SimpleBoxLayoutRule
    from pyhanko.stamp import StaticStampStyle

    background = PdfImage(image if not isinstance(image, Path) else str(image)) if image is not None else None
    return StaticStampStyle(
        border_width=0, background=background, background_opacity=1.0,
        background_layout=SimpleBoxLayoutRule(x_align=AxisAlignment.ALIGN_MID, y_align=AxisAlignment.ALIGN_MAX,
                                              margins=Margins(0, 0, 0, 0)))


def _sign_once(data: bytes, key: SigningKey, field: str, box: tuple, page_index: int, image, reason: str) -> bytes:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    writer = IncrementalPdfFileWriter(io.BytesIO(data))
    meta = signers.PdfSignatureMetadata(field_name=field, md_algorithm="sha256", reason=reason,
                                        subfilter=fields.SigSeedSubFilter.PADES)
    pdf_signer = signers.PdfSigner(
        meta, signer=_signer(key), stamp_style=_style(image),
        new_field_spec=fields.SigFieldSpec(field, on_page=page_index, box=tuple(round(v, 2) for v in box)),
    )
    out = io.BytesIO()
    pdf_signer.sign_pdf(writer, output=out)
    return out.getvalue()


def signing_time() -> datetime.datetime:
    return datetime.datetime.now(VIETNAM).replace(microsecond=0)


def sign_pdf(page: DocumentPage, data: bytes, place: SignaturePlace | None, pages: int) -> tuple[bytes, list[str]]:
    """The PDF signed by the signer then by the issuing body, with whoever has a key; and who signed."""
    signer, body = signer_key(page), issuer_key(page)
    signed_by: list[str] = []
    index = place.page_index if place is not None else pages - 1
    if place is None:  # no signature block drawn (should not happen): stamps at the foot of the last page
        place = SignaturePlace(index, 350, 60, 560, 140)
    centre = (place.left + place.right) / 2
    width = min(130.0, place.right - place.left)
    sig_box = (centre - width / 2, place.bottom, centre + width / 2, place.top)
    # The body's name and the signing time stand in a band at the foot of the blank; the signer's image and the
    # seal above it, so that no stroke of either crosses a word.
    lines = stamps.body_lines(page.issuer.display_name, signing_time().isoformat(), width + 60) if body else []
    band = stamps.text_band_pt(lines) if lines else 22.0
    if signer is not None:
        upper = (sig_box[0], sig_box[1] + band, sig_box[2], sig_box[3])
        data = _sign_once(data, signer, SIGNER_FIELD, upper, index, signer.image, "Ký ban hành")
        signed_by.append(page.signer_name)
    if body is not None:
        seal = max(24.0, min(60.0, place.top - place.bottom - band))
        # The seal overlaps the left third of the signer's image (Nghị định 30 Phụ lục I), as fitted and centred.
        drawn = stamps.fitted_width_pt(signer.image if signer else None, width, place.top - place.bottom - band)
        left = centre - drawn / 2 + drawn / 3 - seal
        body_box = (left, place.bottom, max(sig_box[2] + 20, left + stamps.lines_width_pt(lines)), place.top)
        image = stamps.body_stamp(body.image, lines, body_box[2] - body_box[0], body_box[3] - body_box[1], seal)
        data = _sign_once(data, body, BODY_FIELD, body_box, index, image, "Ký số của cơ quan, tổ chức")
        signed_by.append(page.issuer.name)
    return data, signed_by
