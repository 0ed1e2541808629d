"""Times as the history stores them: UTC text, plus the local offset of the moment.

Times are stored as fixed-width ISO 8601 UTC text (``2024-03-30T22:30:00.000Z``):
readable in any SQLite browser, sortable as text, understood by SQLite's date
functions. Next to the start, each session stores the local UTC offset *of that
moment* (from the C library's ``localtime``, which knows the time zone's
daylight-saving rules for every instant). The day a session counts for is the
calendar day where and when it was done: it does not move when daylight saving
changes later, nor when the person travels to another time zone.
"""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta

UTC_FORMAT = "%Y-%m-%dT%H:%M:%S"


def utc_text(wall: float) -> str:
    """``1711837800.0`` → ``"2024-03-30T22:30:00.000Z"`` (milliseconds, always the same width)."""
    moment = datetime.fromtimestamp(wall, UTC)
    return f"{moment.strftime(UTC_FORMAT)}.{moment.microsecond // 1000:03d}Z"


def to_utc_text(moment: datetime) -> str:
    return utc_text(moment.timestamp())


def utc_offset_minutes(wall: float) -> int:
    """Minutes east of UTC in this machine's local time zone at the moment ``wall``."""
    return round(time.localtime(wall).tm_gmtoff / 60)


def local_datetime(utc: str, offset_minutes: int) -> datetime:
    """The local wall-clock time (naive) of a stored UTC time and its offset."""
    moment = datetime.fromisoformat(utc).astimezone(UTC).replace(tzinfo=None)
    return moment + timedelta(minutes=offset_minutes)


def today(now: float | None = None) -> date:
    """The local calendar day at ``now`` (the present by default)."""
    moment = time.localtime(time.time() if now is None else now)
    return date(moment.tm_year, moment.tm_mon, moment.tm_mday)
