"""documents_principals: the readers of many documents at once (search index rebuilds) are exactly what
document_principals finds one document at a time, in a number of queries that does not grow with the documents."""
from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from documents.models import DocumentPage, DocumentRecipient, Recipient, RecipientKind
from documents.permissions import document_principals, documents_principals, grant_view
from tests import factories
from tests.permission_setup import STATES, VISIBILITIES, build_world, make_document

pytestmark = pytest.mark.django_db


def _reload(pages) -> list[DocumentPage]:
    """The pages as a rebuild loads them (fresh instances, issuer prefetched)."""
    found = DocumentPage.objects.filter(pk__in=[p.pk for p in pages]).select_related("issuer__superior").specific()
    return sorted(found, key=lambda p: p.pk)


def test_the_same_readers_as_one_by_one_for_every_visibility_and_state():
    world = build_world()
    pages = [make_document(world, visibility, state) for visibility in VISIBILITIES for state in STATES]
    # A recipient reached through two levels of directory groups, a group grant and a second user grant.
    member = factories.create_user("thanhvien_to")
    person = Recipient.objects.create(name="Đồng chí B", kind=RecipientKind.PERSON, user=member)
    team = Recipient.objects.create(name="Tổ công tác", kind=RecipientKind.GROUP)
    board = Recipient.objects.create(name="Ban giúp việc", kind=RecipientKind.GROUP, issuer=world.issuers["ubnd"])
    team.members.add(person)
    board.members.add(team)
    issued = [p for p in pages if p.state == "issued"]
    for page in issued[1:]:
        DocumentRecipient.objects.create(page=page, name=board.name, recipient=board, sort_order=9)
        grant_view(page, [Group.objects.create(name=f"nhóm {page.pk}"), factories.create_user(f"docgia{page.pk}")])
    loaded = _reload(pages)
    many = documents_principals(loaded)
    assert many == {page.pk: document_principals(page) for page in loaded}
    internal = next(p for p in loaded if p.state == "issued" and p.visibility == "internal")
    assert f"user:{member.pk}" in many[internal.pk] and f"issuer:{world.issuers['ubnd'].pk}" in many[internal.pk]
    assert any(r.startswith("group:") for r in many[internal.pk])


def test_queries_do_not_grow_with_the_documents():
    world = build_world()
    few = _reload([make_document(world, "restricted", "issued") for _ in range(2)])
    many = few + _reload([make_document(world, v, "issued") for v in ("restricted", "internal") for _ in range(4)])
    counts = []
    for pages in (few, many):
        for page in pages:  # the issuers' lineage is cached on the instances: not what is counted here
            page.issuer.lineage()
        with CaptureQueriesContext(connection) as queries:
            documents_principals(pages)
        counts.append(len(queries))
    assert counts[0] == counts[1] and counts[1] <= 6
