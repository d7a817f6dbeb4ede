"""One login policy for every password form (reader site, Wagtail admin, Django admin) and the token endpoint.

Enforced in the authentication backend (settings.AUTHENTICATION_BACKENDS), which every one of them calls.

Store: the LoginAttempt table rather than the cache. An attempt row is inserted (and committed) before the
password is checked and counted afterwards, so gunicorn workers racing on the same account see each other's
in-flight attempts; the cache framework's increment is a read-modify-write even on the database cache, and the
table is the audit trail as well.

Rules, over settings.LOGIN_FAILURE_WINDOW seconds (defaults in settings.base):
- one username from one address: after LOGIN_FAILURE_LIMIT failures, a cool-off of LOGIN_COOLOFF seconds,
  doubled after every further failure (capped at the window): a slower rate, never a permanent lock;
- one username from every address: past LOGIN_USERNAME_SLOW_AFTER failures, one attempt every
  LOGIN_SLOW_INTERVAL seconds for that username — slowed, not locked, so nobody can lock a named user out;
- one address for every username: past LOGIN_ADDRESS_SLOW_AFTER failures, one attempt every LOGIN_SLOW_INTERVAL
  seconds from it — an office behind one proxy address is slowed only after far more failures than one user makes.
A success clears the failures of that username from that address.
"""
from __future__ import annotations

import datetime
import logging
import math
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.db.models import Max, Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from documents.text.vietnamese import nfc

from .client_address import client_address
from .models import AttemptOutcome, LoginAttempt

logger = logging.getLogger("vanban.security")
COUNTED = (AttemptOutcome.FAILURE, AttemptOutcome.PENDING)


def now() -> datetime.datetime:
    return timezone.now()


def bad_credentials_message() -> str:
    return _("Tên đăng nhập hoặc mật khẩu không đúng.")


def too_many_attempts_message(wait: int) -> str:
    return _("Đăng nhập sai quá nhiều lần. Hãy thử lại sau %(seconds)d giây.") % {"seconds": wait}


def _setting(name: str) -> int:
    return int(getattr(settings, name))


def normalized_username(username: str) -> str:
    return nfc(username or "").strip().casefold()[:150]


def channel_of(request: HttpRequest) -> str:
    path = request.path
    for prefix, name in (("/django-admin/", "django-admin"), ("/admin/", "admin"), ("/api/", "api")):
        if path.startswith(prefix):
            return name
    return "site"


@dataclass
class Attempt:
    row: LoginAttempt
    wait: int  # seconds before this username may be tried again from this address (0: go ahead)

    def finish(self, outcome: str) -> None:
        self.row.outcome = outcome
        self.row.save(update_fields=["outcome"])
        if outcome == AttemptOutcome.SUCCESS:  # the pair starts again from zero
            LoginAttempt.objects.filter(
                username=self.row.username, address=self.row.address, outcome__in=COUNTED, at__lte=self.row.at,
            ).exclude(pk=self.row.pk).update(outcome=AttemptOutcome.CLEARED)


def _wait(row: LoginAttempt) -> int:
    window = datetime.timedelta(seconds=_setting("LOGIN_FAILURE_WINDOW"))
    recent = LoginAttempt.objects.filter(at__gt=row.at - window, outcome__in=COUNTED).exclude(pk=row.pk)
    waits = [0.0]
    pair = recent.filter(username=row.username, address=row.address)
    failures = pair.count()
    if failures >= _setting("LOGIN_FAILURE_LIMIT"):
        extra = failures - _setting("LOGIN_FAILURE_LIMIT")
        cooloff = min(_setting("LOGIN_COOLOFF") * 2 ** min(extra, 20), window.total_seconds())
        last = pair.aggregate(last=Max("at"))["last"]
        waits.append((last - row.at).total_seconds() + cooloff)
    interval = _setting("LOGIN_SLOW_INTERVAL")
    for field, limit in (("username", "LOGIN_USERNAME_SLOW_AFTER"), ("address", "LOGIN_ADDRESS_SLOW_AFTER")):
        same = recent.filter(**{field: getattr(row, field)})
        if same.count() >= _setting(limit):
            last = LoginAttempt.objects.filter(Q(**{field: getattr(row, field)}), at__lte=row.at) \
                .exclude(pk=row.pk).exclude(outcome=AttemptOutcome.THROTTLED).aggregate(last=Max("at"))["last"]
            if last is not None:
                waits.append((last - row.at).total_seconds() + interval)
    return max(0, math.ceil(max(waits)))


def begin(request: HttpRequest, username: str) -> Attempt:
    """Record the attempt (committed at once under autocommit) and say how long it must wait."""
    row = LoginAttempt.objects.create(at=now(), username=normalized_username(username),
                                      address=client_address(request)[:64], channel=channel_of(request),
                                      outcome=AttemptOutcome.PENDING)
    return Attempt(row, _wait(row))


class ThrottledModelBackend(ModelBackend):
    """Django's ModelBackend behind the login policy. A refused attempt raises PermissionDenied (authenticate()
    then stops and returns None) and leaves the wait on the request for the form or the API to report."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None or username is None or password is None:
            return super().authenticate(request, username=username, password=password, **kwargs)
        attempt = begin(request, str(username))
        if attempt.wait:
            attempt.finish(AttemptOutcome.THROTTLED)
            request.login_wait = attempt.wait
            logger.warning("Login throttled: %s from %s (%s), wait %ss", attempt.row.username, attempt.row.address,
                           attempt.row.channel, attempt.wait)
            raise PermissionDenied
        user = super().authenticate(request, username=username, password=password, **kwargs)
        attempt.finish(AttemptOutcome.SUCCESS if user is not None else AttemptOutcome.FAILURE)
        return user


def login_wait(request: HttpRequest | None) -> int:
    """Seconds the last refused attempt on this request must wait (0 when it was not refused by the policy)."""
    return int(getattr(request, "login_wait", 0) or 0)
