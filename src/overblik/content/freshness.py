"""When content is overdue for a check, and how its age is said in Danish.

One place for the rule and the wording, so `overblik check`, the overdue page,
the content pages (and the browser script that writes relative dates) agree:

* content is overdue when it was last confirmed more than 12 months ago, and,
  for an initiative, only while it is still running: a finished initiative's
  facts do not go stale;
* a confirmation date in the future is an error (a typo such as 2062 for 2026
  would otherwise never become overdue);
* the age scales: "for 3 uger siden", "for 13 måneder siden", "for 7 år siden".
"""

from __future__ import annotations

import datetime as dt
from typing import Any

STALE_AFTER_DAYS = 365
FINISHED_STATUSES = frozenset({"afsluttet"})  # ids in vokabular.yml's statusser


def _end(date: Any) -> dt.date:
    year, month, day = date.last_day()
    return dt.date(year, month, day)


def _start(date: Any) -> dt.date:
    return dt.date(date.year, date.month or 1, date.day or 1)


def is_stale(date: Any, today: dt.date) -> bool:
    """Confirmed more than 12 months before `today` (a partial date counts from its end)."""
    return (today - _end(date)).days > STALE_AFTER_DAYS


def is_future(date: Any, today: dt.date) -> bool:
    """A date that begins after `today`."""
    return _start(date) > today


def is_running(model: Any) -> bool:
    """Whether an entry can still change: everything but a finished initiative."""
    status = getattr(model, "status", None)
    return status not in FINISHED_STATUSES


def is_overdue(model: Any, today: dt.date) -> bool:
    confirmed = getattr(model, "senest_bekraeftet", None)
    return confirmed is not None and is_running(model) and is_stale(confirmed, today)


def months_since(date: Any, today: dt.date) -> int:
    """Whole months from the end of the confirmed period to `today`."""
    year, month, day = date.last_day()
    months = (today.year - year) * 12 + (today.month - month)
    return months - (1 if today.day < day else 0)


def age(date: Any, today: dt.date) -> str:
    """How long ago, in words that scale: "3 uger", "13 måneder", "7 år"."""
    days = max(0, (today - _end(date)).days)
    months = months_since(date, today)
    if months < 1:
        weeks = days // 7
        if weeks < 1:
            return "1 dag" if days == 1 else f"{days} dage"
        return "1 uge" if weeks == 1 else f"{weeks} uger"
    if months < 24:
        return "1 måned" if months == 1 else f"{months} måneder"
    return f"{months // 12} år"


def ago(date: Any, today: dt.date) -> str:
    """ "for 7 år siden"; "i dag" for today."""
    if _end(date) >= today and _start(date) <= today:
        return "i dag" if date.day else "i denne periode"
    return f"for {age(date, today)} siden"
