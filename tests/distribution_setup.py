"""Builders for the distribution tests: phường La Gi's issuers, the seed quy chế's Nơi nhận, issuing."""
from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction

from cms.models import HomePage
from documents.kinds.quy_che import QuyChePage
from documents.models import DocumentRecipient, Issuer, IssuerIndexPage
from documents.numbering import assign_number
from documents.signals import document_issued
from tests import factories
from tests.factories import (  # noqa: F401  (SEED_RECIPIENTS re-exported)
    SEED_ARCHIVE,
    SEED_RECIPIENTS,
    SEED_TITLE,
)


@dataclass
class LaGi:
    home: HomePage
    committee: Issuer
    bcd: Issuer
    office: Issuer
    ubnd: Issuer


def create_user(username: str, *, first_name: str = "", **fields):
    return factories.create_user(username, first_name=first_name or username.capitalize(), **fields)


def create_la_gi() -> LaGi:
    """tests/factories.py's phường La Gi: the default site's home and four issuers with their index pages."""
    made = factories.create_la_gi_issuers()
    return LaGi(made["home"], made["dang_uy"], made["ban_chi_dao"], made["van_phong"], made["ubnd"])


def create_document(issuer: Issuer, *, title: str = SEED_TITLE, lines: list[str] | None = None,
                    archive: str | None = SEED_ARCHIVE, urgency: str = "", visibility: str = "internal",
                    purposes: dict[str, str] | None = None, cls=QuyChePage):
    index = IssuerIndexPage.objects.get(issuer=issuer)
    page = cls(title=title, issuer=issuer, signer_position="BÍ THƯ kiêm TRƯỞNG BAN CHỈ ĐẠO",
               signer_name="Nguyễn Quốc Nam", urgency=urgency, visibility=visibility, live=False)
    index.add_child(instance=page)
    lines = SEED_RECIPIENTS if lines is None else lines
    purposes = purposes or {}
    for order, line in enumerate(lines):
        DocumentRecipient.objects.create(page=page, name=line, purpose=purposes.get(line, ""), sort_order=order)
    if archive:
        DocumentRecipient.objects.create(page=page, name=archive, archive=True, sort_order=len(lines))
    return cls.objects.get(pk=page.pk)


def issue(page, user=None, day: datetime.date | None = None):
    """Ban hành as the workflow will: number, state, publish, then the document_issued signal, in one transaction."""
    with transaction.atomic():
        assign_number(page, day or datetime.date(2026, 1, 5), user=user)
        page.refresh_from_db()
        page.state = "issued"
        page.legal_status = "con_hieu_luc"
        page.save_revision(user=user).publish(user=user)
        page = type(page).objects.get(pk=page.pk)
        document_issued.send(sender=type(page), page=page, user=user)
    return page


def make_clerk(user, issuer: Issuer) -> None:
    """Give the user the văn thư role of the issuer through the roles module."""
    from documents.roles import grant_role

    grant_role(user, issuer, "van_thu")
