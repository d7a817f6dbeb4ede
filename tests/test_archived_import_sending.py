"""A past document imported as issued was sent long ago, outside the system: nothing sends it again (the tracking
page says why and offers no "Gửi lại"; the service refuses), and the register's Ngày chuyển stays empty."""
from __future__ import annotations

import pytest

from documents.distribution.sending import DistributionError, resend_document, send_document
from documents.models import Delivery, IssuedOriginal, RegisterEntry
from documents.roles import Role, apply_roles, grant_role
from tests import factories
from tests.factories import SEED

pytestmark = pytest.mark.django_db


@pytest.fixture
def archived(la_gi):
    from documents.importing.service import import_path

    return import_path(SEED, issue=True).page


def test_an_archived_import_is_never_sent_from_here(archived):
    with pytest.raises(DistributionError, match="nhập từ hồ sơ lưu trữ"):
        send_document(archived)
    with pytest.raises(DistributionError):
        resend_document(archived)
    assert not Delivery.objects.filter(document_id=archived.pk).exists()
    assert RegisterEntry.objects.get(document=archived).sent_on is None
    assert not IssuedOriginal.objects.filter(document=archived).exists()  # no signed rendering made by a click


def test_the_tracking_page_says_why_and_offers_no_sending(client, la_gi, archived):
    apply_roles()
    clerk = factories.create_user("vanthu")
    grant_role(clerk, la_gi["ban_chi_dao"], Role.VAN_THU)
    client.force_login(clerk)
    html = client.get(f"/admin/phat-hanh/{archived.pk}/").content.decode()
    assert "data-archived" in html and 'value="resend_all"' not in html
    response = client.post(f"/admin/phat-hanh/{archived.pk}/", {"action": "resend_all"}, follow=True)
    assert "nhập từ hồ sơ lưu trữ" in response.content.decode()
    assert not Delivery.objects.filter(document_id=archived.pk).exists()
