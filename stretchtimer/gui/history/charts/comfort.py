"""How the hips and back felt before and after, week by week: a pair of dots per week.

Each rated week has a dot for the average rating before the sessions and one
for after, joined by a line: a line going up means the sessions helped. The
scale is the rating's own, 0 (very sore) to 10 (completely comfortable).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from stretchtimer.core.i18n import _, n_
from stretchtimer.gui import theme
from stretchtimer.gui.history.charts.base import CursorChart
from stretchtimer.gui.language import day_month, decimal, full_date

if TYPE_CHECKING:  # the history is read off the GUI thread; so are its modules
    from stretchtimer.storage.history.statistics import ComfortWeek

LOWEST, HIGHEST = 0, 10
DOT = 5.0  # radius


def _rating(value: float | None) -> str:
    return "–" if value is None else decimal(value)


def week_label(monday: date, this_week: date) -> str:
    """The week under a column: "This week", as the minutes chart says, or its Monday."""
    return _("This week") if monday == this_week else day_month(monday)


def comfort_text(week: ComfortWeek) -> str:
    """``"Week of Monday, 6 May 2024: 4.5 before, 6.8 after (+2.3), 5 sessions rated"``."""
    name = full_date(week.week)
    before, after = week.before_average, week.after_average
    rated = max(week.rated_before, week.rated_after)
    if before is not None and after is not None:
        change = decimal(after - before, sign=True, trim=False)
        text = n_(
            "Week of {date}: {before} before, {after} after ({change}), {count} session rated",
            "Week of {date}: {before} before, {after} after ({change}), {count} sessions rated",
            rated,
        )
    elif before is not None:
        change = ""
        text = n_(
            "Week of {date}: {before} before, {count} session rated",
            "Week of {date}: {before} before, {count} sessions rated",
            rated,
        )
    else:
        change = ""
        text = n_(
            "Week of {date}: {after} after, {count} session rated",
            "Week of {date}: {after} after, {count} sessions rated",
            rated,
        )
    return text.format(
        date=name, before=_rating(before), after=_rating(after), change=change, count=rated
    )


class ComfortChart(CursorChart):
    """Average comfort before and after, for the most recent rated weeks."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Comfort before and after, by week"), parent)
        self.weeks: tuple[ComfortWeek, ...] = ()
        self.this_week = date.today()
        self.setMinimumHeight(190)

    def set_weeks(self, weeks: tuple[ComfortWeek, ...], this_week: date | None = None) -> None:
        """The rated weeks, and the Monday of this week (labelled "This week")."""
        self.weeks = weeks
        if this_week is not None:
            self.this_week = this_week
        self.data_changed()

    # -- CursorChart ----------------------------------------------------------------------

    def item_count(self) -> int:
        return len(self.weeks)

    def item_text(self, index: int) -> str:
        return comfort_text(self.weeks[index])

    def logical_rect(self, index: int) -> QRectF:
        """The column of the week's pair of dots."""
        plot = self._plot()
        slot = plot.width() / max(1, len(self.weeks))
        week = self.weeks[index]
        values = [v for v in (week.before_average, week.after_average) if v is not None]
        centre = plot.left() + index * slot + slot / 2
        high = self.y_of(max(values, default=HIGHEST))
        low = self.y_of(min(values, default=LOWEST))
        return QRectF(centre - DOT - 3, high - DOT - 3, 2 * DOT + 6, low - high + 2 * DOT + 6)

    def y_of(self, value: float) -> float:
        plot = self._plot()
        return plot.bottom() - plot.height() * (value - LOWEST) / (HIGHEST - LOWEST)

    # -- geometry -------------------------------------------------------------------------

    def _small_font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(max(7.5, font.pointSizeF() * 0.85))
        return font

    def _plot(self) -> QRectF:
        metrics = QFontMetricsF(self._small_font())
        left = metrics.horizontalAdvance("10") + 14
        top = metrics.height() + 14  # room for the legend
        return QRectF(
            left, top, self.width() - left - 8, self.height() - top - metrics.height() - 14
        )

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(420, 210)

    # -- painting -------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        colours = theme.current()
        painter = self.begin_painting()
        font = self._small_font()
        painter.setFont(font)
        metrics = QFontMetricsF(font)
        plot = self._plot()
        before_colour = QColor(colours.rest)
        after_colour = QColor(colours.accent)

        for value in (LOWEST, 5, HIGHEST):
            y = round(self.y_of(value)) + 0.5
            painter.setPen(QPen(QColor(colours.border), 1.0))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(QColor(colours.muted))
            self.draw_text(
                painter,
                QRectF(0, y - metrics.height() / 2, plot.left() - 8, metrics.height()),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                str(value),
            )

        self._paint_legend(painter, metrics, before_colour, after_colour)
        slot = plot.width() / max(1, len(self.weeks))
        labels = [week_label(week.week, self.this_week) for week in self.weeks]
        widest = max((metrics.horizontalAdvance(label) for label in labels), default=0.0)
        every = max(1, int((widest + 12) // slot) + 1)
        for index, week in enumerate(self.weeks):
            centre = plot.left() + index * slot + slot / 2
            before, after = week.before_average, week.after_average
            if before is not None and after is not None:
                better = after >= before
                painter.setPen(QPen(after_colour if better else QColor(colours.warm), 3.0))
                painter.drawLine(
                    QPointF(centre, self.y_of(before)), QPointF(centre, self.y_of(after))
                )
            painter.setPen(Qt.PenStyle.NoPen)
            if before is not None:
                painter.setBrush(before_colour)
                painter.drawEllipse(QPointF(centre, self.y_of(before)), DOT, DOT)
            if after is not None:
                painter.setBrush(after_colour)
                painter.drawEllipse(QPointF(centre, self.y_of(after)), DOT, DOT)
            if (len(self.weeks) - 1 - index) % every == 0:
                current = week.week == self.this_week
                painter.setPen(QColor(colours.text if current else colours.muted))
                width = metrics.horizontalAdvance(labels[index]) + 4
                left = min(max(0.0, centre - width / 2), self.width() - width)
                self.draw_text(
                    painter,
                    QRectF(left, plot.bottom() + 8, width, metrics.height() + 2),
                    Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                    labels[index],
                )
        self.paint_cursor(painter, DOT + 2)
        painter.end()

    def _paint_legend(
        self, painter: QPainter, metrics: QFontMetricsF, before: QColor, after: QColor
    ) -> None:
        colours = theme.current()
        x = self.width() - 8.0
        # TRANSLATORS: the chart's legend: comfort after the sessions, and before.
        for text, colour in ((_("After"), after), (_("Before"), before)):
            width = metrics.horizontalAdvance(text)
            x -= width
            painter.setPen(QColor(colours.muted))
            self.draw_text(
                painter,
                QRectF(x, 0, width + 2, metrics.height()),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                text,
            )
            x -= DOT * 2 + 6
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawEllipse(QPointF(x + DOT, metrics.height() / 2), DOT, DOT)
            x -= 18
