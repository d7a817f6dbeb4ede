"""Distribution settings with their defaults; each can be overridden in Django settings."""
from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings

# Acknowledgement deadline per urgency (Nghị định 30, Điều 18 và 21: urgent documents at once, the others the
# same day, at the latest the next working day). {"hours": n} counts from sending; {"day": "same"} is the end of
# that day; {"day": "working"} is the end of that day if it is a working day sent before the office closes, else
# of the next working day.
DEFAULT_ACK_DEADLINES: dict[str, dict[str, Any]] = {
    "hoa_toc": {"hours": 2},
    "thuong_khan": {"hours": 4},
    "khan": {"day": "same"},
    "": {"day": "working"},
}
# An ordinary document sent at or after this local time is due the next working day (DISTRIBUTION_OFFICE_CLOSES,
# "HH:MM"): one sent at 22:00 would otherwise be overdue two hours later, at night.
DEFAULT_OFFICE_CLOSES = "17:00"
# Lower sends first: Hỏa tốc, Thượng khẩn, Khẩn, then ordinary documents.
DEFAULT_PRIORITIES: dict[str, int] = {"hoa_toc": 0, "thuong_khan": 1, "khan": 2, "": 5}
DEFAULT_RETRY: dict[str, int] = {
    "base_seconds": 60,  # first retry after a minute, doubling each attempt
    "max_seconds": 3600,  # never wait more than an hour between two attempts
    "max_permanent_attempts": 5,  # a mailbox that refuses (5xx) is retried this many times, then left to the clerk
    "claim_seconds": 300,  # how long a worker owns a delivery it is sending
}


def ack_deadlines() -> dict[str, dict[str, Any]]:
    return {**DEFAULT_ACK_DEADLINES, **getattr(settings, "DISTRIBUTION_ACK_DEADLINES", {})}


def office_closes() -> datetime.time:
    return datetime.time.fromisoformat(getattr(settings, "DISTRIBUTION_OFFICE_CLOSES", DEFAULT_OFFICE_CLOSES))


def priorities() -> dict[str, int]:
    return {**DEFAULT_PRIORITIES, **getattr(settings, "DISTRIBUTION_PRIORITIES", {})}


def retry() -> dict[str, int]:
    return {**DEFAULT_RETRY, **getattr(settings, "DISTRIBUTION_RETRY", {})}


def holidays() -> set[datetime.date]:
    """Non-working days besides Saturday and Sunday (DISTRIBUTION_HOLIDAYS: dates or ISO strings)."""
    days = set()
    for day in getattr(settings, "DISTRIBUTION_HOLIDAYS", []):
        days.add(day if isinstance(day, datetime.date) else datetime.date.fromisoformat(day))
    return days


def send_on_commit() -> bool:
    """Try the mail of a just-issued document right after the issuing transaction commits (the queue retries)."""
    return bool(getattr(settings, "DISTRIBUTION_SEND_ON_COMMIT", True))


def base_url() -> str:
    return (getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "http://127.0.0.1:8000").rstrip("/")
