"""Issue 14: login attempts are purged after LOGIN_ATTEMPT_RETENTION_DAYS, by process_queues and its own command."""
from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from cms.security.models import AttemptOutcome, LoginAttempt
from cms.security.retention import purge_login_attempts

pytestmark = pytest.mark.django_db


def _attempt(days_ago: float) -> LoginAttempt:
    return LoginAttempt.objects.create(at=timezone.now() - datetime.timedelta(days=days_ago), username="vanthu",
                                       address="127.0.0.1", channel="site", outcome=AttemptOutcome.FAILURE)


def test_purge_keeps_the_retention(settings):
    settings.LOGIN_ATTEMPT_RETENTION_DAYS = 30
    old, recent = _attempt(31), _attempt(29)
    assert purge_login_attempts() == 1
    assert list(LoginAttempt.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not LoginAttempt.objects.filter(pk=old.pk).exists()


def test_never_purges_inside_the_policy_window(settings):
    settings.LOGIN_ATTEMPT_RETENTION_DAYS = 0
    settings.LOGIN_FAILURE_WINDOW = 900
    inside, outside = _attempt(5 / (24 * 60)), _attempt(1)
    assert purge_login_attempts() == 1
    assert LoginAttempt.objects.filter(pk=inside.pk).exists() and not LoginAttempt.objects.filter(pk=outside.pk).exists()


def test_command_and_process_queues_purge(settings):
    settings.LOGIN_ATTEMPT_RETENTION_DAYS = 30
    _attempt(40), _attempt(1)
    out = io.StringIO()
    call_command("purge_login_attempts", stdout=out)
    assert "Đã xóa 1 lần đăng nhập cũ." in out.getvalue()
    _attempt(45)
    out = io.StringIO()
    call_command("process_queues", stdout=out)
    assert "Đã xóa 1 lần đăng nhập cũ." in out.getvalue()
    assert LoginAttempt.objects.count() == 1
    call_command("purge_login_attempts", "--days", "0", stdout=io.StringIO())
    assert LoginAttempt.objects.count() == 0
