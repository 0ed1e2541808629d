"""How ``stretchtimer history`` and ``history stats`` read in a terminal.

Every word is in the person's language, and so are dates: the weekday's short name and
the order of day, month and year come from the catalogue (``{year}-{month}-{day}`` in
English). Exports (``--csv``, ``--json``) never come through here: they stay ISO.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from stretchtimer.core.formatting import clock_text
from stretchtimer.core.i18n import N_, _, n_, p_
from stretchtimer.storage.history.progress import Progress
from stretchtimer.storage.history.records import SessionRecord, SessionStatus
from stretchtimer.storage.history.statistics import HistoryStatistics, PeriodTotal, Streak

STATUS_WORDS = {
    SessionStatus.IN_PROGRESS: N_("in progress"),
    SessionStatus.COMPLETED: N_("completed"),
    SessionStatus.STOPPED: N_("stopped"),
    SessionStatus.INTERRUPTED: N_("interrupted"),
}
TITLE_WIDTH = 28
SHORT_ID = 8
RECENT_DAYS = 7
RECENT_WEEKS = 8
RECENT_MONTHS = 12
TOP_STRETCHES = 10


def status_word(status: SessionStatus) -> str:
    """``completed``, ``stopped``, ... in the person's language."""
    return _(STATUS_WORDS[status])


def weekday_name(day: date) -> str:
    """The weekday's short name (``Mon``), in the person's language."""
    names = (
        p_("weekday", "Mon"),
        p_("weekday", "Tue"),
        p_("weekday", "Wed"),
        p_("weekday", "Thu"),
        p_("weekday", "Fri"),
        p_("weekday", "Sat"),
        p_("weekday", "Sun"),
    )
    return names[day.weekday()]


def date_text(day: date) -> str:
    """A day as the person's language writes it with digits: ``2024-05-03``, ``03.05.2024``."""
    # TRANSLATORS: a date in digits; keep the three names, put them in your language's order
    # ({day:02d}.{month:02d}.{year} in German, {day:02d}/{month:02d}/{year} in French).
    pattern = _("{year}-{month:02d}-{day:02d}")
    return pattern.format(year=day.year, month=day.month, day=day.day)


def month_text(day: date) -> str:
    # TRANSLATORS: a month in digits (2024-05); keep both names, in your language's order.
    return _("{year}-{month:02d}").format(year=day.year, month=day.month)


def day_text(day: date) -> str:
    """``Fri 2024-05-03``."""
    # TRANSLATORS: a weekday's short name, then a date in digits.
    return _("{weekday} {date}").format(weekday=weekday_name(day), date=date_text(day))


def local_when(session: SessionRecord) -> str:
    start: datetime = session.local_start
    # TRANSLATORS: when a session started: a day (weekday and date) and a time of day.
    return _("{day} {hour:02d}:{minute:02d}").format(
        day=day_text(start.date()), hour=start.hour, minute=start.minute
    )


def short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _pad(text: str, width: int, *, right: bool = False) -> str:
    """``text`` padded to ``width`` characters (never cut: a long word widens its column)."""
    return text.rjust(width) if right else text.ljust(width)


def session_table(sessions: list[SessionRecord]) -> list[str]:
    """One line per session, newest first, with a total at the end."""
    rows: list[tuple[str, ...]] = []
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
            preview = _("(preview ×{speed})").format(speed=f"{session.speed:g}")
            comfort = f"{comfort}  {preview}".strip()
        else:
            counted += session.active_seconds
        rows.append(
            (
                session.id[:SHORT_ID],
                local_when(session),
                short(session.routine_title, TITLE_WIDTH),
                status_word(session.status),
                clock_text(session.active_seconds),
                clock_text(session.planned_seconds),
                comfort,
            )
        )
    header = (
        p_("history table", "ID"),
        p_("history table", "WHEN (local time)"),
        p_("history table", "ROUTINE"),
        p_("history table", "STATUS"),
        p_("history table", "TIME"),
        p_("history table", "PLANNED"),
        p_("history table", "COMFORT"),
    )
    table = [header, *rows]
    widths = [max(len(row[column]) for row in table) for column in range(6)]
    right = (False, False, False, False, True, True)
    lines = [
        "  ".join([*(_pad(row[c], widths[c], right=right[c]) for c in range(6)), row[6]]).rstrip()
        for row in table
    ]
    count = len(sessions)
    summary = n_(
        "{count} session, {time} of stretching",
        "{count} sessions, {time} of stretching",
        count,
    ).format(count=f"{count:,}", time=total_text(counted))
    if previews:
        summary += " " + _("(previews not counted)")
    lines += ["", summary]
    return lines


def total_text(seconds: float) -> str:
    """A total time: ``"40 s"``, ``"45 min"``, ``"3 h 05 min"``, ``"1,204 h 10 min"``."""
    if seconds < 0.5:
        return _("{minutes} min").format(minutes=0)
    if seconds < 59.5:
        return _("{seconds} s").format(seconds=round(seconds))
    minutes = round(seconds / 60)
    if minutes < 60:
        return _("{minutes} min").format(minutes=minutes)
    hours, minutes = divmod(minutes, 60)
    return _("{hours} h {minutes:02d} min").format(hours=f"{hours:,}", minutes=minutes)


def days_text(days: int) -> str:
    return n_("{count} day", "{count} days", days).format(count=f"{days:,}")


def streak_text(streak: Streak) -> str:
    if not streak.days:
        return _("none yet")
    days = days_text(streak.days)
    if streak.days == 1 or streak.first is None or streak.last is None:
        return days
    return _("{days}, {first} to {last}").format(
        days=days, first=date_text(streak.first), last=date_text(streak.last)
    )


def _minutes(seconds: float) -> str:
    return _("{minutes} min").format(minutes=f"{seconds / 60:.0f}")


def _filled(totals: tuple[PeriodTotal, ...], starts: list[date]) -> list[tuple[date, float]]:
    by_start = {total.start: total.active_seconds for total in totals}
    return [(start, by_start.get(start, 0.0)) for start in starts]


def _month_starts(today: date, count: int) -> list[date]:
    starts = []
    year, month = today.year, today.month
    for _index in range(count):
        starts.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return starts[::-1]


def _labelled(pairs: list[tuple[str, str]]) -> list[str]:
    """``label:  value`` lines with the values lined up, however long the labels."""
    width = max(len(label) for label, _value in pairs) + 2
    return [f"{label:<{width}}{value}" for label, value in pairs]


def week_text(progress: Progress, weekly_goal: int) -> str:
    """``2 of 3 sessions, 25 min``: this week against the person's goal."""
    sessions = n_(
        "{done} of {goal} session",
        "{done} of {goal} sessions",
        weekly_goal,
    ).format(done=progress.week_sessions, goal=weekly_goal)
    if progress.week_sessions >= weekly_goal:
        sessions = _("{sessions} (weekly goal reached)").format(sessions=sessions)
    return _("{sessions}, {time}").format(sessions=sessions, time=total_text(progress.week_seconds))


def statistics_text(
    stats: HistoryStatistics, progress: Progress | None = None, weekly_goal: int = 3
) -> list[str]:
    """What was done, leading with this week and the streak: never a rate of failures."""
    today = stats.today
    last = min(stats.until or today, today)
    monday = last - timedelta(days=last.weekday())
    pairs: list[tuple[str, str]] = []
    if progress is not None:
        pairs += [
            (_("This week:"), week_text(progress, weekly_goal)),
            (_("Today:"), total_text(progress.today_seconds)),
        ]
    pairs += [
        (_("Current streak:"), streak_text(stats.streaks.current)),
        (_("Longest streak:"), streak_text(stats.streaks.longest)),
        (_("Sessions:"), f"{stats.sessions:,}"),
        (_("Time stretching:"), total_text(stats.active_seconds)),
    ]
    lines = _labelled(pairs)
    if stats.since or stats.until:
        first = date_text(stats.since) if stats.since else _("the first session")
        until = date_text(stats.until) if stats.until else _("today")
        lines.append(
            _("Between {first} and {last} (streaks and this week count every day)").format(
                first=first, last=until
            )
        )
    lines += ["", _("Minutes per day (last {count} days):").format(count=RECENT_DAYS)]
    days = [last - timedelta(days=back) for back in range(RECENT_DAYS - 1, -1, -1)]
    lines += [f"  {day_text(day)}  {_minutes(s):>8}" for day, s in _filled(stats.days, days)]
    lines += [
        "",
        _("Minutes per week (last {count} weeks, from Monday):").format(count=RECENT_WEEKS),
    ]
    weeks = [monday - timedelta(weeks=back) for back in range(RECENT_WEEKS - 1, -1, -1)]
    lines += [
        f"  {date_text(week):<14}  {_minutes(s):>8}" for week, s in _filled(stats.weeks, weeks)
    ]
    lines += ["", _("Minutes per month (last {count} months):").format(count=RECENT_MONTHS)]
    months = _month_starts(last, RECENT_MONTHS)
    lines += [
        f"  {month_text(month):<14}  {_minutes(s):>8}" for month, s in _filled(stats.months, months)
    ]
    if stats.routines:
        lines += ["", _("Routines:")]
        for routine in stats.routines:
            count = n_("{count} session", "{count} sessions", routine.sessions).format(
                count=f"{routine.sessions:,}"
            )
            lines.append(
                f"  {short(routine.title, TITLE_WIDTH):<{TITLE_WIDTH}}  {count:>14}  "
                f"{total_text(routine.active_seconds):>14}"
            )
    if stats.stretches:
        lines += ["", _("Time per stretch:")]
        for stretch in stats.stretches[:TOP_STRETCHES]:
            lines.append(
                f"  {short(stretch.name, TITLE_WIDTH):<{TITLE_WIDTH}}  "
                f"{total_text(stretch.active_seconds):>14}"
            )
        if len(stats.stretches) > TOP_STRETCHES:
            more = len(stats.stretches) - TOP_STRETCHES
            lines.append("  " + _("… and {count} more (--json lists all)").format(count=more))
    if stats.comfort:
        lines += ["", _("Comfort before → after, by week (0 very sore, 10 fine):")]
        for week in stats.comfort[-RECENT_WEEKS:]:
            before = "–" if week.before_average is None else f"{week.before_average:.1f}"
            after = "–" if week.after_average is None else f"{week.after_average:.1f}"
            rated = max(week.rated_before, week.rated_after)
            rated_text = n_("({count} session rated)", "({count} sessions rated)", rated).format(
                count=rated
            )
            lines.append(f"  {date_text(week.week):<14}  {before:>4} → {after:<4}  {rated_text}")
    return lines
