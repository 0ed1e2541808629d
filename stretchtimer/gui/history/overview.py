"""The top of the History page: headline numbers, the year of days, weeks and comfort.

Each chart has a caption under it: a summary, or the sentence of the day or week
the keyboard cursor is on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from stretchtimer.core.i18n import N_, _, n_
from stretchtimer.gui.history.charts.comfort import ComfortChart
from stretchtimer.gui.history.charts.heatmap import Heatmap
from stretchtimer.gui.history.charts.weeks import WeekChart
from stretchtimer.gui.history.tiles import StatTiles
from stretchtimer.gui.language import number

if TYPE_CHECKING:  # the history is read off the GUI thread; so are its modules
    from stretchtimer.gui.history.reading import Overview

COMFORT_SCALE = N_("Average rating each week: 0 very sore, 10 completely comfortable.")


def card(title: str, subtitle: str = "") -> tuple[QFrame, QVBoxLayout, QLabel]:
    card = QFrame()
    card.setProperty("card", True)
    layout = QVBoxLayout(card)
    layout.setContentsMargins(20, 14, 20, 16)
    layout.setSpacing(6)
    heading = QLabel(title)
    heading.setObjectName("CardTitle")
    caption = QLabel(subtitle)
    caption.setObjectName("Subtle")
    caption.setWordWrap(True)
    top = QHBoxLayout()
    top.addWidget(heading)
    top.addStretch(1)
    layout.addLayout(top)
    layout.addWidget(caption)
    return card, layout, caption


class OverviewPanel(QWidget):
    """Streaks and totals, minutes per day over a year, per week, and comfort by week."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.overview: Overview | None = None
        self.tiles = StatTiles()
        heatmap_card, heatmap_layout, self.heatmap_caption = card(_("Last 12 months"))
        self.heatmap = Heatmap()
        self.heatmap.cursor_moved.connect(self._heatmap_cursor)
        heatmap_layout.insertWidget(1, self.heatmap)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(self.tiles)
        layout.addWidget(heatmap_card)
        layout.addLayout(self._build_charts())

    def _build_charts(self) -> QHBoxLayout:
        weeks_card, weeks_layout, self.week_caption = card(_("Minutes per week"))
        self.week_chart = WeekChart()
        self.week_chart.cursor_moved.connect(
            lambda text: self.week_caption.setText(text or self._week_summary())
        )
        weeks_layout.insertWidget(1, self.week_chart, 1)

        comfort_card, comfort_layout, self.comfort_caption = card(
            _("Comfort before and after"),
            _(COMFORT_SCALE),
        )
        self.comfort_chart = ComfortChart()
        self.comfort_chart.cursor_moved.connect(
            lambda text: self.comfort_caption.setText(text or self._comfort_summary())
        )
        self.no_comfort = QLabel(
            _(
                "No comfort ratings yet. Turn on “Comfort rating” in Settings and say how "
                "your hips and back feel before and after a routine: here you will see, "
                "week by week, whether stretching helps."
            )
        )
        self.no_comfort.setObjectName("Subtle")
        self.no_comfort.setWordWrap(True)
        self.no_comfort.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_comfort.setAccessibleName(_("No comfort ratings yet"))
        comfort_layout.insertWidget(1, self.comfort_chart, 1)
        comfort_layout.insertWidget(2, self.no_comfort, 1)

        charts = QHBoxLayout()
        charts.setSpacing(12)
        charts.addWidget(weeks_card, 1)
        charts.addWidget(comfort_card, 1)
        return charts

    def show_overview(self, overview: Overview) -> None:
        self.overview = overview
        self.tiles.show_overview(overview)
        self.heatmap.set_days(overview.days, overview.today)
        self.heatmap_caption.setText(
            self.heatmap.cursor_text() if self.heatmap.hasFocus() else self._heatmap_summary()
        )
        monday = overview.weeks[-1].start if overview.weeks else overview.today
        self.week_chart.set_weeks(overview.weeks, monday)
        self.week_caption.setText(self._week_summary())
        self.comfort_chart.set_weeks(overview.comfort, monday)
        rated = bool(overview.comfort)
        self.comfort_chart.setVisible(rated)
        self.no_comfort.setVisible(not rated)
        self.comfort_caption.setVisible(rated)
        self.comfort_caption.setText(self._comfort_summary())

    def _heatmap_summary(self) -> str:
        overview = self.overview
        if overview is None:
            return ""
        from stretchtimer.storage.history.text import total_text  # loaded with the overview

        days = sum(1 for total in overview.days.values() if total.sessions)
        seconds = sum(total.active_seconds for total in overview.days.values())
        if not days:
            return _("No sessions in the last 12 months.")
        return n_(
            "{count} day with a session, {total} in all. Use the arrow keys to read each day.",
            "{count} days with a session, {total} in all. Use the arrow keys to read each day.",
            days,
        ).format(count=number(days), total=total_text(seconds))

    def _heatmap_cursor(self, text: str) -> None:
        self.heatmap_caption.setText(text or self._heatmap_summary())

    def _week_summary(self) -> str:
        overview = self.overview
        if overview is None or not overview.weeks:
            return ""
        from stretchtimer.storage.history.text import total_text  # loaded with the overview

        this_week = overview.weeks[-1]
        return _("This week so far: {total}.").format(total=total_text(this_week.active_seconds))

    def _comfort_summary(self) -> str:
        return _(COMFORT_SCALE)
