"""The History page's headline numbers: streaks, time, sessions, completion, as large tiles."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

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
        self.setAccessibleName(f"{self._name}: {value}{f', {detail}' if detail else ''}")


def _days(count: int) -> str:
    return f"{count:,} day{'s' if count != 1 else ''}"


def _span(streak: Streak, today: date) -> str:
    if not streak.days or streak.first is None or streak.last is None:
        return "Complete a routine to start one"
    if streak.days == 1:
        return "Today" if streak.last == today else f"{_short(streak.last, today)}"
    return f"{_short(streak.first, today)} – {_short(streak.last, today)}"


def _first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def _short(day: date, today: date) -> str:
    if day == today:
        return "today"
    if day.year == today.year:
        return f"{day.day} {day:%b}"
    return f"{day.day} {day:%b %Y}"


class StatTiles(QWidget):
    """Current and longest streak, time stretching, sessions and the completion rate."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.current = StatTile("Current streak")
        self.longest = StatTile("Longest streak")
        self.time = StatTile("Time stretching")
        self.sessions = StatTile("Sessions")
        self.completion = StatTile("Completed")
        self.current.value.setProperty("accentValue", True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        for tile in self.tiles():
            layout.addWidget(tile, 1)

    def tiles(self) -> tuple[StatTile, ...]:
        return (self.current, self.longest, self.time, self.sessions, self.completion)

    def show_overview(self, overview: Overview) -> None:
        from stretchtimer.storage.history.text import total_text  # loaded with the overview

        today = overview.today
        current, longest = overview.streaks.current, overview.streaks.longest
        self.current.show_value(_days(current.days), _first_upper(_span(current, today)))
        self.longest.show_value(_days(longest.days), _first_upper(_span(longest, today)))
        self.time.show_value(total_text(overview.active_seconds), "all sessions together")
        self.sessions.show_value(f"{overview.sessions:,}", f"{overview.completed:,} completed")
        rate = overview.completion_rate
        self.completion.show_value(
            "–" if rate is None else f"{rate:.0%}".replace("%", " %"),
            "played to the end",
        )
        for tile in self.tiles():
            tile.value.setAlignment(Qt.AlignmentFlag.AlignLeft)
