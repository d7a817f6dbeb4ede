"""Reusable test data: the seed quy chế and the demonstration documents, the site, the issuers of phường
La Gi with their index pages, users.

Plain functions (no pytest dependency) so that any test module or script can call them; calling them
twice gives the same objects (get_or_create), never duplicates.
"""
from __future__ import annotations

import datetime
from pathlib import Path

from django.contrib.auth import get_user_model
from wagtail.models import Page, Site

from cms.demo.documents import DEMO_DATA
from cms.models import HomePage
from documents.models import Issuer, IssuerIndexPage, IssuerKind, Recipient, RecipientKind, System, Term

# The real quy chế 01-QC/BCĐ of the Ban Chỉ đạo of phường La Gi, as converted from the original.
SEED = Path(__file__).resolve().parent / "fixtures" / "quy-che-01-QC-BCD-la-gi-2026.txt"
SEED_TEXT = SEED.read_text(encoding="utf-8")
SEED_TITLE = ("hoạt động của Ban Chỉ đạo phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số "
              "phường La Gi")
# Its Nơi nhận: the ten lines sent to, then the archive copy ("Lưu …").
SEED_RECIPIENTS = [
    "Văn phòng Tỉnh ủy",
    "Thường trực Đảng ủy",
    "Thường trực HĐND, UBND phường",
    "Mặt trận và các tổ chức chính trị - xã hội phường",
    "Các cơ quan tham mưu, giúp việc Đảng ủy",
    "Các Phòng chuyên môn UBND phường",
    "Các chi, đảng bộ cơ sở",
    "Các chi bộ trực thuộc Đảng ủy phường",
    "Các đồng chí Đảng ủy viên",
    "Thành viên Ban chỉ đạo (theo QĐ số 105-QĐ/ĐU)",
]
SEED_ARCHIVE = "Văn phòng Đảng ủy"


def demo_file(prefix: str) -> Path:
    """The demonstration document (cms/demo/data/) whose file name starts with ``prefix``."""
    (path,) = [p for p in DEMO_DATA.glob("*.txt") if p.name.startswith(prefix)]
    return path


BCD_NAME = "BAN CHỈ ĐẠO PHÁT TRIỂN KHOA HỌC, CÔNG NGHỆ, ĐỔI MỚI SÁNG TẠO VÀ CHUYỂN ĐỔI SỐ"
TERM_START = datetime.date(2025, 7, 22)


def create_site() -> HomePage:
    """The HomePage under the Wagtail root, served by the default Site."""
    home = HomePage.objects.first()
    if home is None:
        home = Page.get_first_root_node().add_child(instance=HomePage(title="Văn bản phường La Gi", slug="van-ban-la-gi"))
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Văn bản La Gi")
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save()
    return home


def _issuer(slug: str, **fields) -> Issuer:
    issuer, _created = Issuer.objects.get_or_create(slug=slug, defaults=fields)
    return issuer


def index_page(issuer: Issuer, home: HomePage | None = None) -> IssuerIndexPage:
    page = IssuerIndexPage.objects.filter(issuer=issuer).first()
    if page is None:
        home = home or create_site()
        page = home.add_child(instance=IssuerIndexPage(title=issuer.name, slug=issuer.slug, issuer=issuer))
    return page


def create_la_gi_issuers() -> dict:
    """Đảng ủy phường La Gi (ĐU, term 2025–2030 from 22/7/2025), its Văn phòng (VPĐU), its Ban chỉ đạo
    (BCĐ) and the Ủy ban nhân dân phường (UBND, State), each with its IssuerIndexPage.

    Keys: home, dang_uy, van_phong, ban_chi_dao, ubnd, term, index_pages {slug: page}.
    """
    home = create_site()
    dang_uy = _issuer(
        "dang-uy-phuong-la-gi", name="Đảng ủy phường La Gi", code="ĐU", kind=IssuerKind.CAP_UY,
        system=System.PARTY, place_name="La Gi", superior_name="ĐẢNG BỘ TỈNH LÂM ĐỒNG",
    )
    term, _created = Term.objects.get_or_create(issuer=dang_uy, name="2025–2030", defaults={"starts_on": TERM_START})
    van_phong = _issuer(
        "van-phong-dang-uy-phuong-la-gi", name="Văn phòng Đảng ủy phường La Gi", code="VPĐU",
        kind=IssuerKind.VAN_PHONG, system=System.PARTY, place_name="La Gi", superior=dang_uy,
    )
    ban_chi_dao = _issuer(
        "ban-chi-dao-khcn-dmst-cds-la-gi", name=BCD_NAME, code="BCĐ", kind=IssuerKind.BAN_CHI_DAO,
        system=System.PARTY, place_name="La Gi", superior=dang_uy, office=van_phong,
    )
    if dang_uy.office_id is None:
        dang_uy.office = van_phong
        dang_uy.save(update_fields=["office"])
    ubnd = _issuer(
        "uy-ban-nhan-dan-phuong-la-gi", name="Ủy ban nhân dân phường La Gi", code="UBND",
        kind=IssuerKind.UY_BAN_NHAN_DAN, system=System.STATE, place_name="La Gi",
    )
    issuers = {"dang_uy": dang_uy, "van_phong": van_phong, "ban_chi_dao": ban_chi_dao, "ubnd": ubnd}
    pages = {issuer.slug: index_page(issuer, home) for issuer in issuers.values()}
    return {"home": home, **issuers, "term": term, "index_pages": pages}


def create_la_gi_recipients() -> dict[str, Recipient]:
    """A few directory entries named as in the seed's Nơi nhận (by name)."""
    entries = {
        "Văn phòng Tỉnh ủy": RecipientKind.BODY,
        "Thường trực Đảng ủy": RecipientKind.GROUP,
        "Các đồng chí Đảng ủy viên": RecipientKind.CLASS,
        "Các chi bộ trực thuộc Đảng ủy phường": RecipientKind.CLASS,
    }
    out = {}
    for name, kind in entries.items():
        recipient = Recipient.objects.filter(name=name).first() or Recipient.objects.create(name=name, kind=kind)
        out[name] = recipient
    return out


def create_user(username: str, password: str = "matkhau-thu", *, superuser: bool = False, **fields):
    """A user (superuser if asked) with a usable password; existing users are returned as they are."""
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user is not None:
        return user
    fields.setdefault("email", f"{username}@lagi.example")
    if superuser:
        return User.objects.create_superuser(username=username, password=password, **fields)
    return User.objects.create_user(username=username, password=password, **fields)
