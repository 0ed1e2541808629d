"""Minutes per week as bars: the recent weeks, this one highlighted, a few round gridlines."""

from __future__ import annotations

import math
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from stretchtimer.core.formatting import minutes_text
from stretchtimer.core.i18n import _, n_
from stretchtimer.gui import theme
from stretchtimer.gui.history.charts.base import CursorChart, blend
from stretchtimer.gui.history.charts.comfort import week_label
from stretchtimer.gui.language import full_date

if TYPE_CHECKING:  # the history is read off the GUI thread; so are its modules
    from stretchtimer.storage.history.statistics import PeriodTotal

NICE_STEPS = (5, 10, 15, 20, 30, 60, 90, 120, 180, 240, 300, 600)


def axis_top(minutes: float) -> tuple[int, int]:
    """The top of the minutes axis and its gridline step, for the biggest bar ``minutes``."""
    for step in NICE_STEPS:
        if minutes <= step * 3:
            return max(step, math.ceil(minutes / step) * step), step
    step = math.ceil(minutes / 3 / 600) * 600
    return math.ceil(minutes / step) * step, step


def week_text(week: PeriodTotal, this_week: date) -> str:
    """``"Week of Monday, 6 May 2024: 42 min in 9 sessions"``."""
    start = full_date(week.start)
    if week.start == this_week:
        name = _("This week (from {date})").format(date=start)
    else:
        name = _("Week of {date}").format(date=start)
    if not week.sessions:
        # TRANSLATORS: {week} is "Week of Monday, 6 May 2024" or "This week (from ...)".
        return _("{week}: no sessions").format(week=name)
    return n_(
        "{week}: {minutes} in {count} session",
        "{week}: {minutes} in {count} sessions",
        week.sessions,
    ).format(week=name, minutes=minutes_text(week.active_seconds), count=week.sessions)


def axis_label(minutes: int) -> str:
    # TRANSLATORS: the top of the minutes axis: "60 min".
    return _("{value} min").format(value=minutes)


class WeekChart(CursorChart):
    """Bars of minutes for each of the recent weeks, oldest on the left."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Minutes per week"), parent)
        self.weeks: tuple[PeriodTotal, ...] = ()
        self.this_week = date.today()
        self.setMinimumHeight(190)

    def set_weeks(self, weeks: tuple[PeriodTotal, ...], this_week: date) -> None:
        self.weeks = weeks
        self.this_week = this_week
        self.data_changed()

    def values(self) -> list[float]:
        """Minutes per bar, oldest first (what the bars show)."""
        return [week.minutes for week in self.weeks]

    # -- CursorChart ----------------------------------------------------------------------

    def item_count(self) -> int:
        return len(self.weeks)

    def item_text(self, index: int) -> str:
        return week_text(self.weeks[index], self.this_week)

    def logical_rect(self, index: int) -> QRectF:
        plot = self._plot()
        slot = plot.width() / max(1, len(self.weeks))
        width = max(4.0, slot * 0.62)
        top, _step = axis_top(max(self.values(), default=0.0))
        height = plot.height() * min(1.0, self.weeks[index].minutes / top) if top else 0.0
        height = max(height, 3.0 if self.weeks[index].sessions else 0.0)
        x = plot.left() + index * slot + (slot - width) / 2
        return QRectF(x, plot.bottom() - max(height, 3.0), width, max(height, 3.0))

    def item_at(self, point: QPoint) -> int | None:
        """The week under ``point``: its whole column, so an empty week can be pointed at."""
        plot = self._plot()
        x = self.logical_x(point.x())
        if not self.weeks or not plot.left() <= x < plot.right():
            return None
        slot = plot.width() / len(self.weeks)
        return min(len(self.weeks) - 1, int((x - plot.left()) / slot))

    # -- geometry -------------------------------------------------------------------------

    def _small_font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(max(7.5, font.pointSizeF() * 0.85))
        return font

    def _plot(self) -> QRectF:
        metrics = QFontMetricsF(self._small_font())
        left = metrics.horizontalAdvance(axis_label(999)) + 12
        return QRectF(
            left,
            metrics.height() / 2 + 4,
            self.width() - left - 4,
            self.height() - metrics.height() * 2 - 14,
        )

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(420, 210)

    # -- painting -------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        colours = theme.current()
        painter = self.begin_painting()
        painter.setFont(self._small_font())
        metrics = QFontMetricsF(self._small_font())
        plot = self._plot()
        top, step = axis_top(max(self.values(), default=0.0))

        grid = QPen(QColor(colours.border), 1.0)
        for value in range(0, top + 1, step):
            y = plot.bottom() - plot.height() * value / top
            painter.setPen(grid)
            painter.drawLine(
                QPointF(plot.left(), round(y) + 0.5), QPointF(plot.right(), round(y) + 0.5)
            )
            painter.setPen(QColor(colours.muted))
            label = axis_label(value) if value == top else str(value)
            self.draw_text(
                painter,
                QRectF(0, y - metrics.height() / 2, plot.left() - 8, metrics.height()),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                label,
            )

        slot = plot.width() / max(1, len(self.weeks))
        labels = [week_label(week.start, self.this_week) for week in self.weeks]
        widest = max((metrics.horizontalAdvance(label) for label in labels), default=0.0)
        for index, week in enumerate(self.weeks):
            rect = self.logical_rect(index)
            current = week.start == self.this_week
            if week.sessions:
                fill = (
                    QColor(colours.accent)
                    if current
                    else blend(colours.surface, colours.accent, 0.62)
                )
                path = QPainterPath()
                radius = min(4.0, rect.width() / 3, rect.height() / 2)
                path.addRoundedRect(rect, radius, radius)
                painter.fillPath(path, fill)
            every = max(1, math.ceil((widest + 12) / slot))
            if (len(self.weeks) - 1 - index) % every == 0:
                painter.setPen(QColor(colours.text if current else colours.muted))
                label = labels[index]
                centre = plot.left() + index * slot + slot / 2
                width = metrics.horizontalAdvance(label) + 2
                left = min(max(0.0, centre - width / 2), self.width() - width)
                self.draw_text(
                    painter,
                    QRectF(left, plot.bottom() + 6, width, metrics.height()),
                    Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                    label,
                )
        self.paint_cursor(painter)
        painter.end()
