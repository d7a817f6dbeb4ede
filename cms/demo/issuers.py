"""Issuers of phường La Gi (tỉnh Lâm Đồng) and the 2025–2030 term of the ward Party committee."""
from __future__ import annotations

import datetime
from typing import TextIO

from documents.models import Issuer, IssuerKind, System, Term

TERM_NAME = "2025–2030"
TERM_START = datetime.date(2025, 7, 22)  # Đại hội Đảng bộ phường La Gi, nhiệm kỳ 2025–2030

# slug → fields; superior/office refer to other slugs. Names are the full names printed on documents.
ISSUERS: dict[str, dict] = {
    "tinh-uy-lam-dong": {
        "name": "TỈNH ỦY LÂM ĐỒNG", "code": "TU", "system": System.PARTY, "kind": IssuerKind.CAP_UY,
        "place_name": "Lâm Đồng", "superior_name": "",
    },
    "dang-uy-phuong-la-gi": {
        "name": "ĐẢNG ỦY PHƯỜNG LA GI", "code": "ĐU", "system": System.PARTY, "kind": IssuerKind.CAP_UY,
        "place_name": "La Gi", "superior": "tinh-uy-lam-dong", "superior_name": "ĐẢNG BỘ TỈNH LÂM ĐỒNG",
        "office": "van-phong-dang-uy",
    },
    "ban-chi-dao-khcn-dmst-cds": {
        "name": "BAN CHỈ ĐẠO PHÁT TRIỂN KHOA HỌC, CÔNG NGHỆ, ĐỔI MỚI SÁNG TẠO VÀ CHUYỂN ĐỔI SỐ",
        "code": "BCĐ", "system": System.PARTY, "kind": IssuerKind.BAN_CHI_DAO, "place_name": "La Gi",
        "superior": "dang-uy-phuong-la-gi", "superior_name": "ĐẢNG ỦY PHƯỜNG LA GI", "office": "van-phong-dang-uy",
    },
    "van-phong-dang-uy": {
        "name": "VĂN PHÒNG ĐẢNG ỦY", "code": "VPĐU", "system": System.PARTY, "kind": IssuerKind.VAN_PHONG,
        "place_name": "La Gi", "superior": "dang-uy-phuong-la-gi", "superior_name": "ĐẢNG ỦY PHƯỜNG LA GI",
    },
    "ubnd-phuong-la-gi": {
        "name": "ỦY BAN NHÂN DÂN PHƯỜNG LA GI", "code": "UBND", "system": System.STATE,
        "kind": IssuerKind.UY_BAN_NHAN_DAN, "place_name": "La Gi", "superior_name": "TỈNH LÂM ĐỒNG",
    },
}

# Titles of the issuers' sections on the site (sentence case, as readers say them).
SECTION_TITLES: dict[str, str] = {
    "tinh-uy-lam-dong": "Tỉnh ủy Lâm Đồng",
    "dang-uy-phuong-la-gi": "Đảng ủy phường La Gi",
    "ban-chi-dao-khcn-dmst-cds": "Ban Chỉ đạo phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số",
    "van-phong-dang-uy": "Văn phòng Đảng ủy",
    "ubnd-phuong-la-gi": "Ủy ban nhân dân phường La Gi",
}


def issuer(slug: str) -> Issuer:
    return Issuer.objects.get(slug=slug)


def load_issuers(stdout: TextIO) -> None:
    created_count = 0
    for slug, spec in ISSUERS.items():  # superiors come before their subordinates in ISSUERS
        fields = {k: v for k, v in spec.items() if k not in ("superior", "office")}
        fields["superior"] = Issuer.objects.get(slug=spec["superior"]) if spec.get("superior") else None
        _obj, created = Issuer.objects.update_or_create(slug=slug, defaults=fields)
        created_count += created
    # Offices are linked afterwards: the office may be listed after the body it serves.
    for slug, spec in ISSUERS.items():
        if spec.get("office"):
            Issuer.objects.filter(slug=slug).update(office=Issuer.objects.get(slug=spec["office"]))
    _term, term_created = Term.objects.get_or_create(
        issuer=issuer("dang-uy-phuong-la-gi"), name=TERM_NAME, defaults={"starts_on": TERM_START},
    )
    stdout.write(f"  {len(ISSUERS)} cơ quan ({created_count} mới), nhiệm kỳ {TERM_NAME}"
                 f"{' (mới)' if term_created else ''}.\n")
