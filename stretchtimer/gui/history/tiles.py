"""The History page's headline numbers, as large tiles: this week's minutes, the weekly goal,
the streak, the time stretching and the sessions. Progress, not a pass rate: a stopped
session still counts as time stretched."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from stretchtimer.core.i18n import _, n_
from stretchtimer.gui.language import day_month, number, short_date

if TYPE_CHECKING:  # the history is read off the GUI thread; so are its modules
    from stretchtimer.gui.history.reading import Overview
    from stretchtimer.storage.history.statistics import Streak


class StatTile(QFrame):
    """One number, large, with what it counts under it and a quieter detail line."""

    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("card", True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.value = QLabel("–")
        self.value.setObjectName("StatValue")  # sizes: the page's style sheet (history_view)
        self.label = QLabel(label)
        self.label.setObjectName("StatLabel")
        self.detail = QLabel(" ")
        self.detail.setObjectName("Subtle")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 12, 18, 14)
        layout.setSpacing(0)
        layout.addWidget(self.value)
        layout.addWidget(self.label)
        layout.addWidget(self.detail)
        self._name = label

    def show_value(self, value: str, detail: str = "") -> None:
        self.value.setText(value)
        self.detail.setText(detail or " ")
        if detail:
            # TRANSLATORS: a tile read by a screen reader: "Current streak: 3 days, Today".
            name = _("{label}: {value}, {detail}").format(
                label=self._name, value=value, detail=detail
            )
        else:
            name = _("{label}: {value}").format(label=self._name, value=value)
        self.setAccessibleName(name)


def _days(count: int) -> str:
    return n_("{count} day", "{count} days", count).format(count=number(count))


def _span(streak: Streak, today: date) -> str:
    if not streak.days or streak.first is None or streak.last is None:
        return _("Complete a routine to start one")
    if streak.days == 1:
        return _("Today") if streak.last == today else _short(streak.last, today)
    # TRANSLATORS: a span of days: "12 May – today".
    return _("{first} – {last}").format(
        first=_short(streak.first, today), last=_short(streak.last, today)
    )


def _first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def _short(day: date, today: date) -> str:
    if day == today:
        # TRANSLATORS: the end of a streak: "12 May – today".
        return _("today")
    if day.year == today.year:
        return day_month(day)
    return short_date(day)


def goal_words(done: int, goal: int) -> tuple[str, str]:
    """The weekly goal tile: "2 of 3", and a word on how it goes."""
    # TRANSLATORS: sessions this week against the weekly goal: "2 of 3".
    value = _("{done} of {goal}").format(done=done, goal=goal)
    if done >= goal:
        return value, _("Goal met this week")
    left = goal - done
    return value, n_(
        "{count} more session this week", "{count} more sessions this week", left
    ).format(count=left)


class StatTiles(QWidget):
    """This week's minutes, the weekly goal, the streak, time stretching and sessions."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.goal = 3  # sessions a week, from the settings (set_goal)
        self.overview: Overview | None = None
        self.week = StatTile(_("This week"))
        self.weekly_goal = StatTile(_("Weekly goal"))
        self.current = StatTile(_("Current streak"))
        self.time = StatTile(_("Time stretching"))
        self.sessions = StatTile(_("Sessions"))
        self.week.value.setProperty("accentValue", True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        for tile in self.tiles():
            layout.addWidget(tile, 1)

    def tiles(self) -> tuple[StatTile, ...]:
        return (self.week, self.weekly_goal, self.current, self.time, self.sessions)

    def set_goal(self, sessions_a_week: int) -> None:
        """The person's weekly goal (Settings), shown against this week's sessions."""
        self.goal = sessions_a_week
        if self.overview is not None:
            self.show_overview(self.overview)

    def show_overview(self, overview: Overview) -> None:
        from stretchtimer.storage.history.text import total_text  # loaded with the overview

        self.overview = overview
        today = overview.today
        progress = overview.progress
        current, longest = overview.streaks.current, overview.streaks.longest
        week_sessions = progress.week_sessions
        self.week.show_value(
            total_text(progress.week_seconds),
            n_(
                "{count} session since Monday", "{count} sessions since Monday", week_sessions
            ).format(count=number(week_sessions)),
        )
        self.weekly_goal.show_value(*goal_words(week_sessions, self.goal))
        longest_words = (
            _("Longest: {days}").format(days=_days(longest.days))
            if longest.days > current.days
            else ""
        )
        self.current.show_value(
            _days(current.days),
            longest_words or _first_upper(_span(current, today)),
        )
        self.time.show_value(total_text(overview.active_seconds), _("all sessions together"))
        completed = overview.completed
        self.sessions.show_value(
            number(overview.sessions),
            # TRANSLATORS: under the number of sessions: how many of them were completed.
            n_("{count} completed", "{count} completed", completed).format(count=number(completed)),
        )
        for tile in self.tiles():
            tile.value.setAlignment(Qt.AlignmentFlag.AlignLeft)
