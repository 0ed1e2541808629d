"""Check one imported session against the rules the app writes by.

Every value of an imported session is held to what the app itself could have
written: times from 1970 to 9999 with an offset of at most 14 hours, numbers in
their ranges, texts of bounded length without control characters. What passes
here can be listed, counted and exported again; what does not is one sentence
naming the field.
"""

from __future__ import annotations

import contextlib
import json
import math
import uuid
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from stretchtimer.core.control_text import LINE_BREAKS, control_problem
from stretchtimer.core.i18n import _
from stretchtimer.core.session.plan import SegmentKind
from stretchtimer.storage.history.records import SegmentRecord, SessionRecord, SessionStatus
from stretchtimer.storage.history.schema import OUTCOMES
from stretchtimer.storage.history.timestamps import to_utc_text, utc_offset_minutes

MAX_NAME = 200
MAX_NOTE = 4000
MAX_SEGMENTS = 20_000
MAX_SECONDS = 7 * 24 * 3600.0
MAX_OFFSET = 14 * 60  # minutes: the widest time-zone offsets there are (UTC+14, Kiribati)
EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
LATEST = datetime(9999, 12, 31, tzinfo=UTC) - timedelta(days=1)  # room for any offset
KINDS = tuple(kind.value for kind in SegmentKind if kind is not SegmentKind.DONE)


class FieldError(Exception):
    """One value of a session is wrong; ``segment`` is the index of its segment, if in one."""

    def __init__(self, message: str, segment: int | None = None) -> None:
        super().__init__(message)
        self.segment = segment


# -- checking one session -------------------------------------------------------------------


class Fields:
    """Typed access to one session's fields, from JSON values or CSV text."""

    def __init__(self, data: Mapping[str, Any], *, csv: bool) -> None:
        self.data = data
        self.csv = csv

    def raw(self, key: str) -> Any:
        value = self.data.get(key)
        if self.csv and value == "":
            return None
        return value

    def text(
        self, key: str, limit: int, *, required: bool = True, multiline: bool = False
    ) -> str | None:
        value = self.raw(key)
        if value is None:
            if required:
                raise FieldError(_('"{key}" is missing').format(key=key))
            return None
        if not isinstance(value, str):
            raise FieldError(
                _('"{key}": expected text, found {value}').format(key=key, value=_shown(value))
            )
        if required and not value.strip():
            raise FieldError(_('"{key}" is empty').format(key=key))
        if len(value) > limit:
            raise FieldError(
                _('"{key}": longer than {count} characters').format(key=key, count=limit)
            )
        problem = control_problem(value, LINE_BREAKS if multiline else "")
        if problem is not None:
            raise FieldError(f'"{key}" {problem}')
        return value

    def number(self, key: str, low: float, high: float, *, default: float | None = None) -> float:
        value = self.raw(key)
        if value is None and default is not None:
            return default
        if self.csv and isinstance(value, str):
            try:
                value = float(value)
            except ValueError:
                raise FieldError(
                    _('"{key}": expected a number, found {value}').format(
                        key=key, value=_shown(value)
                    )
                ) from None
        if (
            not isinstance(value, int | float)
            or isinstance(value, bool)
            or not math.isfinite(value)
            or not low <= value <= high
        ):
            raise FieldError(
                _('"{key}": expected a number from {lowest} to {highest}, found {value}').format(
                    key=key, lowest=f"{low:g}", highest=f"{high:g}", value=_shown(value)
                )
            )
        return float(value)

    def whole(self, key: str, low: int, high: int) -> int | None:
        value = self.raw(key)
        if value is None:
            return None
        if self.csv and isinstance(value, str):
            with contextlib.suppress(ValueError):
                value = int(value)
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise FieldError(
                _(
                    '"{key}": expected a whole number from {lowest} to {highest}, found {value}'
                ).format(key=key, lowest=low, highest=high, value=_shown(value))
            )
        return value

    def choice(self, key: str, choices: Sequence[str]) -> str:
        value = self.raw(key)
        if value not in choices:
            raise FieldError(
                _('"{key}": expected one of {choices}, found {value}').format(
                    key=key, choices=", ".join(choices), value=_shown(value)
                )
            )
        return str(value)

    def moment(self, key: str, *, required: bool = True) -> datetime | None:
        value = self.raw(key)
        if value is None and not required:
            return None
        if not isinstance(value, str) or len(value) > 40:
            raise FieldError(
                _('"{key}": expected a date and time, found {value}').format(
                    key=key, value=_shown(value)
                )
            )
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            raise FieldError(
                _(
                    '"{key}": expected a date and time such as 2024-03-30T22:30:00Z, found {value}'
                ).format(key=key, value=_shown(value))
            ) from None
        zone = moment.utcoffset()
        if zone is None:
            raise FieldError(
                _('"{key}": {value} has no time zone (add Z for UTC)').format(
                    key=key, value=_shown(value)
                )
            )
        if abs(zone) > timedelta(minutes=MAX_OFFSET):
            raise FieldError(
                _('"{key}": {value} is more than 14 hours off UTC').format(
                    key=key, value=_shown(value)
                )
            )
        try:
            utc = moment.astimezone(UTC)
        except (OverflowError, ValueError):
            utc = EARLIEST - timedelta(days=1)  # before year 1 or after 9999 in UTC
        if not EARLIEST <= utc <= LATEST:
            raise FieldError(
                _('"{key}": {value} is not between the years 1970 and 9999').format(
                    key=key, value=_shown(value)
                )
            )
        return moment


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else repr(value)
    return text if len(text) <= 40 else text[:37] + "…"


def session_from_fields(fields: Fields, segments: Any) -> SessionRecord:
    raw_id = fields.text("id", 64)
    try:
        session_id = str(uuid.UUID(str(raw_id)))
    except ValueError:
        raise FieldError(
            _('"id": expected a session id (a UUID), found {value}').format(value=_shown(raw_id))
        ) from None
    started = fields.moment("started_at")
    assert started is not None
    ended = fields.moment("ended_at", required=False)
    if ended is not None and ended < started:
        raise FieldError(_('"ended_at" is before "started_at"'))
    offset = fields.whole("utc_offset_minutes", -MAX_OFFSET, MAX_OFFSET)
    if offset is None:
        zone = started.utcoffset()
        offset = (
            round(zone.total_seconds() / 60)
            if zone and zone.total_seconds()
            else utc_offset_minutes(started.timestamp())
        )
    status = SessionStatus(fields.choice("status", tuple(SessionStatus)))
    if status is SessionStatus.IN_PROGRESS:
        status = SessionStatus.INTERRUPTED
    return SessionRecord(
        id=session_id,
        routine_id=fields.text("routine_id", MAX_NAME) or "",
        routine_title=fields.text("routine_title", MAX_NAME) or "",
        routine_digest=fields.text("routine_digest", 128, required=False) or "",
        started_at=to_utc_text(started),
        utc_offset=offset,
        status=status,
        planned_seconds=fields.number("planned_seconds", 0, MAX_SECONDS, default=0.0),
        active_seconds=fields.number("active_seconds", 0, MAX_SECONDS, default=0.0),
        ended_at=to_utc_text(ended) if ended is not None else None,
        speed=fields.number("speed", 0.1, 100, default=1.0),
        comfort_before=fields.whole("comfort_before", 0, 10),
        comfort_after=fields.whole("comfort_after", 0, 10),
        note=fields.text("note", MAX_NOTE, required=False, multiline=True),
        segments=_segments(segments),
    )


def _segments(items: Any) -> tuple[SegmentRecord, ...]:
    if items is None:
        return ()
    if not isinstance(items, list):
        raise FieldError(_('"segments": expected a list'))
    if len(items) > MAX_SEGMENTS:
        raise FieldError(_('"segments": more than {count}').format(count=MAX_SEGMENTS))
    found: list[SegmentRecord] = []
    orders: set[int] = set()
    for index, item in enumerate(items):
        try:
            if not isinstance(item, dict):
                raise FieldError(_("is not an object"))
            segment = _segment(Fields(item, csv=False))
            if segment.order in orders:
                raise FieldError(_('"order" {number} appears twice').format(number=segment.order))
            orders.add(segment.order)
            found.append(segment)
        except FieldError as invalid:
            raise FieldError(
                _("segment {number}: {problem}").format(number=index + 1, problem=invalid),
                segment=index,
            ) from None
    return tuple(found)


def _segment(fields: Fields) -> SegmentRecord:
    order = fields.whole("order", 0, MAX_SEGMENTS)
    if order is None:
        raise FieldError(_('"{key}" is missing').format(key="order"))
    easier = fields.raw("easier")
    if easier is not None and not isinstance(easier, bool):
        raise FieldError(
            _('"easier": expected true or false, found {value}').format(value=_shown(easier))
        )
    ended = fields.moment("ended_at")
    assert ended is not None
    side = fields.raw("side")
    if side not in (None, "left", "right"):
        raise FieldError(
            _('"side": expected left, right or null, found {value}').format(value=_shown(side))
        )
    return SegmentRecord(
        order=order,
        step_index=fields.whole("step_index", 0, 10_000),
        step_name=fields.text("step_name", MAX_NAME, required=False) or "",
        side=side,
        kind=fields.choice("kind", KINDS),
        planned_seconds=fields.number("planned_seconds", 0, MAX_SECONDS, default=0.0),
        actual_seconds=fields.number("actual_seconds", 0, MAX_SECONDS, default=0.0),
        outcome=fields.choice("outcome", OUTCOMES),
        easier=bool(easier),
        ended_at=to_utc_text(ended),
    )
