"""Login attempts are kept LOGIN_ATTEMPT_RETENTION_DAYS days (the audit trail), then purged.

The login policy only counts attempts within LOGIN_FAILURE_WINDOW (minutes), so a retention of days never changes
a decision; it only bounds the table, which every login writes to.
"""
from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone

from .models import LoginAttempt

BATCH = 5000  # rows per delete: short transactions while logins keep writing


def retention_cutoff(now: datetime.datetime | None = None, days: int | None = None) -> datetime.datetime:
    days = settings.LOGIN_ATTEMPT_RETENTION_DAYS if days is None else days
    window = datetime.timedelta(seconds=settings.LOGIN_FAILURE_WINDOW)
    # Never inside the policy's window, whatever the configuration says.
    return (now or timezone.now()) - max(datetime.timedelta(days=max(days, 0)), window)


def purge_login_attempts(now: datetime.datetime | None = None, days: int | None = None) -> int:
    """Delete attempts older than the retention; the number deleted."""
    cutoff = retention_cutoff(now, days)
    deleted = 0
    while True:
        ids = list(LoginAttempt.objects.filter(at__lt=cutoff).order_by("at").values_list("pk", flat=True)[:BATCH])
        if not ids:
            return deleted
        deleted += LoginAttempt.objects.filter(pk__in=ids).delete()[0]
