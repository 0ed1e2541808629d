"""How ``stretchtimer history`` and ``history stats`` read in a terminal."""

from __future__ import annotations

from datetime import date, timedelta

from stretchtimer.core.formatting import clock_text
from stretchtimer.storage.history.records import SessionRecord, SessionStatus
from stretchtimer.storage.history.statistics import HistoryStatistics, PeriodTotal, Streak

STATUS_WORDS = {
    SessionStatus.IN_PROGRESS: "in progress",
    SessionStatus.COMPLETED: "completed",
    SessionStatus.STOPPED: "stopped",
    SessionStatus.INTERRUPTED: "interrupted",
}
TITLE_WIDTH = 28
SHORT_ID = 8
RECENT_DAYS = 7
RECENT_WEEKS = 8
RECENT_MONTHS = 12
TOP_STRETCHES = 10


def local_when(session: SessionRecord) -> str:
    return session.local_start.strftime("%a %Y-%m-%d %H:%M")


def short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def session_table(sessions: list[SessionRecord]) -> list[str]:
    """One line per session, newest first, with a total at the end."""
    lines = [
        f"{'ID':<{SHORT_ID}}  {'WHEN (local time)':<20}  {'ROUTINE':<{TITLE_WIDTH}}  "
        f"{'STATUS':<11}  {'TIME':>7}  {'PLANNED':>7}  COMFORT"
    ]
    counted = 0.0
    previews = 0
    for session in sessions:
        comfort = ""
        if session.comfort_before is not None or session.comfort_after is not None:
            before = "–" if session.comfort_before is None else str(session.comfort_before)
            after = "–" if session.comfort_after is None else str(session.comfort_after)
            comfort = f"{before} → {after}"
        if session.is_preview:
            previews += 1
            comfort = f"{comfort}  (preview ×{session.speed:g})".strip()
        else:
            counted += session.active_seconds
        lines.append(
            f"{session.id[:SHORT_ID]:<{SHORT_ID}}  {local_when(session):<20}  "
            f"{short(session.routine_title, TITLE_WIDTH):<{TITLE_WIDTH}}  "
            f"{STATUS_WORDS[session.status]:<11}  {clock_text(session.active_seconds):>7}  "
            f"{clock_text(session.planned_seconds):>7}  {comfort}".rstrip()
        )
    count = len(sessions)
    summary = f"{count:,} session{'s' if count != 1 else ''}, {total_text(counted)} of stretching"
    if previews:
        summary += " (previews not counted)"
    lines += ["", summary]
    return lines


def total_text(seconds: float) -> str:
    """A total time: ``"40 s"``, ``"45 min"``, ``"3 h 05 min"``, ``"1,204 h 10 min"``."""
    if seconds < 59.5:
        return f"{round(seconds)} s"
    minutes = round(seconds / 60)
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    return f"{hours:,} h {minutes:02d} min"


def streak_text(streak: Streak) -> str:
    if not streak.days:
        return "none yet"
    days = f"{streak.days:,} day{'s' if streak.days != 1 else ''}"
    if streak.days == 1 or streak.first is None or streak.last is None:
        return days
    return f"{days}, {streak.first.isoformat()} to {streak.last.isoformat()}"


def _minutes(seconds: float) -> str:
    return f"{seconds / 60:.0f} min"


def _filled(totals: tuple[PeriodTotal, ...], starts: list[date]) -> list[tuple[date, float]]:
    by_start = {total.start: total.active_seconds for total in totals}
    return [(start, by_start.get(start, 0.0)) for start in starts]


def _month_starts(today: date, count: int) -> list[date]:
    starts = []
    year, month = today.year, today.month
    for _ in range(count):
        starts.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return starts[::-1]


def statistics_text(stats: HistoryStatistics) -> list[str]:
    today = stats.today
    last = min(stats.until or today, today)
    monday = last - timedelta(days=last.weekday())
    rate = stats.completion_rate
    done = f", {rate:.0%} of those that ended" if rate is not None else ""
    lines = [
        f"Current streak:   {streak_text(stats.streaks.current)}",
        f"Longest streak:   {streak_text(stats.streaks.longest)}",
        f"Sessions:         {stats.sessions:,} ({stats.completed:,} completed{done})",
        f"Time stretching:  {total_text(stats.active_seconds)}",
    ]
    if stats.since or stats.until:
        lines.append(
            f"Between {stats.since or 'the first session'} and {stats.until or 'today'} "
            "(streaks count every day)"
        )
    lines += ["", f"Minutes per day (last {RECENT_DAYS} days):"]
    days = [last - timedelta(days=back) for back in range(RECENT_DAYS - 1, -1, -1)]
    lines += [f"  {day:%a %Y-%m-%d}  {_minutes(s):>8}" for day, s in _filled(stats.days, days)]
    lines += ["", f"Minutes per week (last {RECENT_WEEKS} weeks, from Monday):"]
    weeks = [monday - timedelta(weeks=back) for back in range(RECENT_WEEKS - 1, -1, -1)]
    lines += [f"  {week:%Y-%m-%d}      {_minutes(s):>8}" for week, s in _filled(stats.weeks, weeks)]
    lines += ["", f"Minutes per month (last {RECENT_MONTHS} months):"]
    months = _month_starts(last, RECENT_MONTHS)
    lines += [
        f"  {month:%Y-%m}         {_minutes(s):>8}" for month, s in _filled(stats.months, months)
    ]
    if stats.routines:
        lines += ["", "Routines:"]
        for routine in stats.routines:
            lines.append(
                f"  {short(routine.title, TITLE_WIDTH):<{TITLE_WIDTH}}  "
                f"{routine.sessions:>6,} session{'s' if routine.sessions != 1 else ' '}  "
                f"{routine.completed:>6,} completed  {total_text(routine.active_seconds):>14}"
            )
    if stats.stretches:
        lines += ["", "Time per stretch:"]
        for stretch in stats.stretches[:TOP_STRETCHES]:
            lines.append(
                f"  {short(stretch.name, TITLE_WIDTH):<{TITLE_WIDTH}}  "
                f"{total_text(stretch.active_seconds):>14}"
            )
        if len(stats.stretches) > TOP_STRETCHES:
            lines.append(f"  … and {len(stats.stretches) - TOP_STRETCHES} more (--json lists all)")
    if stats.comfort:
        lines += ["", "Comfort before → after, by week (0 very sore, 10 fine):"]
        for week in stats.comfort[-RECENT_WEEKS:]:
            before = "–" if week.before_average is None else f"{week.before_average:.1f}"
            after = "–" if week.after_average is None else f"{week.after_average:.1f}"
            rated = max(week.rated_before, week.rated_after)
            lines.append(
                f"  {week.week:%Y-%m-%d}  {before:>4} → {after:<4}  "
                f"({rated} session{'s' if rated != 1 else ''} rated)"
            )
    return lines
