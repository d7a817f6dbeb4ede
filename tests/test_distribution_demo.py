"""Demo: load_demo sends the issued demo documents; thanhvien confirms receipt; the clerk sees who did."""
from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command

from documents.models import Delivery, DocumentPage, Recipient


@pytest.fixture
def demo(db, settings):
    from django.core.cache import cache

    cache.clear()
    settings.DEMO_PASSWORD = "demo-test-password"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("load_demo", stdout=io.StringIO())
    yield
    cache.clear()


def test_thanhvien_finds_the_seed_in_the_inbox_and_acknowledges_it(demo, client):
    users = get_user_model().objects
    seed = DocumentPage.objects.get(notation="01-QC/BCĐ")
    client.force_login(users.get(username="thanhvien"))
    inbox = client.get("/api/inbox/").json()
    item = next(i for i in inbox["results"] if i["notation"] == "01-QC/BCĐ")
    assert item["delivery"]["status"] == "sent"
    done = client.post(f"/api/inbox/{item['delivery']['id']}/acknowledge/").json()
    assert done["delivery"]["status"] == "acknowledged"

    client.force_login(users.get(username="quantri"))
    tracking = client.get(f"/api/documents/{seed.pk}/deliveries/").json()
    status = {(d["user"], d["channel"]): d["status"] for d in tracking["deliveries"] if d["user"]}
    assert status[("thanhvien", "inbox")] == "acknowledged"
    assert status[("lanhdao", "inbox")] == "acknowledged"  # the demo shows one confirmation already
    assert tracking["summary"]["awaiting_acknowledgement"] > 0  # and bodies that have not confirmed yet
    ours = [m for m in mail.outbox if "X-Vanban-Delivery" in m.extra_headers]
    assert len(ours) == Delivery.objects.filter(channel="email").exclude(status="queued").count() > 0


def test_demo_directory_and_sending_are_idempotent(demo):
    def state():
        ours = [m for m in mail.outbox if "X-Vanban-Delivery" in m.extra_headers]
        return Recipient.objects.count(), Delivery.objects.count(), len(ours)

    before = state()
    call_command("load_demo", stdout=io.StringIO())
    assert state() == before
    seed = DocumentPage.objects.get(notation="01-QC/BCĐ")
    assert seed.recipients.filter(recipient__isnull=False).count() == 11  # every line linked to the directory
