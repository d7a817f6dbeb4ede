"""Helpers shared by the search tests (no tests here): Elasticsearch URL, a site, issued documents."""
from __future__ import annotations

import datetime

from tests.factories import create_la_gi_issuers, create_site  # noqa: F401  (re-exported for search tests)
from tests.services import elasticsearch_url  # noqa: F401  (starts Elasticsearch if needed, never skips)

D = datetime.date


def create_issuers():
    """Đảng ủy phường La Gi and its Ban Chỉ đạo (tests/factories.py), with their index pages."""
    issuers = create_la_gi_issuers()
    return issuers["dang_uy"], issuers["ban_chi_dao"]


REGULATION_BODY = [
    ("chapter", {"number": "I", "title": "QUY ĐỊNH CHUNG", "articles": [
        {"number": "1", "title": "Chức năng", "clauses": [], "text": (
            "Ban Chỉ đạo phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số phường La Gi có chức "
            "năng tham mưu cho Ban Chấp hành, Ban Thường vụ Đảng ủy.")},
        {"number": "2", "title": "Nhiệm vụ", "text": "", "clauses": [
            {"number": "1", "text": "Theo dõi, tổng hợp, kiểm tra, đôn đốc việc thực hiện Nghị quyết 57-NQ/TW.",
             "points": []}]},
    ]}),
]


FIRST_DAY = D(2026, 1, 5)


def make_document(issuer, cls=None, *, title: str, body=None, day: D = FIRST_DAY, issue: bool = True,
                  visibility: str = "public", signer: str = "Nguyễn Quốc Nam", **fields):
    """A document under its issuer's index page; ``issue`` gives it a number, the issued state, and publishes."""
    from documents.kinds.quy_che import QuyChePage
    from documents.models import IssuerIndexPage
    from documents.numbering import assign_number

    cls = cls or QuyChePage
    index = IssuerIndexPage.objects.get(issuer=issuer)
    page = cls(title=title, issuer=issuer, issued_on=day, visibility=visibility, signer_name=signer,
               signer_position="TRƯỞNG BAN", live=False, **fields)
    if body is not None:
        page.body = body
    index.add_child(instance=page)
    if issue:
        assign_number(page, day)
        page.refresh_from_db()
        page.state = "issued"
        page.legal_status = fields.get("legal_status", "con_hieu_luc")
        page.save_revision().publish()
    return cls.objects.get(pk=page.pk)
