"""Acknowledgement deadlines and sending priority by urgency (Nghị định 30, Điều 18 và 21)."""
from __future__ import annotations

import datetime

from django.utils import timezone

from . import conf


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in conf.holidays()


def _end_of(day: datetime.date, tz) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(23, 59, 59), tzinfo=tz)


def ack_deadline(urgency: str, start: datetime.datetime | None = None) -> datetime.datetime:
    """When the receiver must have confirmed receipt of a document of this urgency sent at ``start``."""
    start = start or timezone.now()
    rules = conf.ack_deadlines()
    rule = rules.get(urgency or "", rules[""])
    tz = timezone.get_current_timezone()
    local = timezone.localtime(start, tz)
    if "hours" in rule:
        return start + datetime.timedelta(hours=float(rule["hours"]))
    day = local.date()
    if rule.get("day") == "working":
        if local.time() >= conf.office_closes():  # sent after hours: the next working day, not the night
            day += datetime.timedelta(days=1)
        while not is_working_day(day):
            day += datetime.timedelta(days=1)
    return _end_of(day, tz)


def priority(urgency: str) -> int:
    table = conf.priorities()
    return table.get(urgency or "", table[""])


def backoff(attempts: int) -> datetime.timedelta:
    """Wait before the next attempt: base × 2^(attempts−1), capped."""
    cfg = conf.retry()
    seconds = cfg["base_seconds"] * (2 ** max(0, attempts - 1))
    return datetime.timedelta(seconds=min(seconds, cfg["max_seconds"]))
