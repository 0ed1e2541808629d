"""Sessions and segments as the history holds them: frozen values, no SQL."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import NamedTuple

from stretchtimer.storage.history.timestamps import local_datetime


class SessionStatus(enum.StrEnum):
    IN_PROGRESS = "in_progress"  # being recorded by a running program
    COMPLETED = "completed"  # played to the end
    STOPPED = "stopped"  # stopped by the person
    INTERRUPTED = "interrupted"  # the program ended (crash, power cut) before the session did


class SegmentRecord(NamedTuple):
    """One finished part of a session: a preparation, a hold on one side, a rest, ...

    (A tuple rather than a dataclass, as for the plan's segments: a page of the
    history holds thousands, an export hundreds of thousands.)
    """

    order: int  # 0, 1, 2 ... in the order the segments ended
    step_index: int | None
    step_name: str
    side: str | None  # "left", "right" or None
    kind: str  # a SegmentKind value: prepare, hold, switch, breaths, reps, set_rest, rest
    planned_seconds: float
    actual_seconds: float
    outcome: str  # done, skipped or partial
    easier: bool  # the easier variation was in use
    ended_at: str  # UTC


@dataclass(frozen=True)
class SessionRecord:
    """One session, as recorded."""

    id: str  # a UUID, the same on every machine the session is exported to
    routine_id: str
    routine_title: str
    routine_digest: str  # of the routine's content, to tell edited routines apart
    started_at: str  # UTC, ISO 8601
    utc_offset: int  # minutes east of UTC where and when it started
    status: SessionStatus
    planned_seconds: float
    active_seconds: float  # time spent in segments, pauses not counted
    ended_at: str | None = None
    speed: float = 1.0  # above 1 for a preview (``play --speed``): not counted in statistics
    comfort_before: int | None = None  # 0 (very sore) to 10 (completely comfortable)
    comfort_after: int | None = None
    note: str | None = None
    segments: tuple[SegmentRecord, ...] = field(default=())

    @property
    def local_start(self) -> datetime:
        """The wall-clock time where the session was done (naive)."""
        return local_datetime(self.started_at, self.utc_offset)

    @property
    def local_day(self) -> date:
        """The calendar day the session counts for."""
        return self.local_start.date()

    @property
    def is_preview(self) -> bool:
        return self.speed != 1.0
