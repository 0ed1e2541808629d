"""A year of practice at a glance: one square a day, weeks as columns, coloured by minutes."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from stretchtimer.core.formatting import minutes_text
from stretchtimer.core.i18n import N_, _, n_
from stretchtimer.gui import theme
from stretchtimer.gui.history.charts.base import CursorChart, blend
from stretchtimer.gui.language import full_date, month_short, weekday_short

if TYPE_CHECKING:  # the history is read off the GUI thread; so are its modules
    from stretchtimer.storage.history.statistics import PeriodTotal

WEEKS = 53
# A day's colour: no session, then under 5, 5 to 10, 10 to 20, and 20 minutes or more.
LEVEL_MINUTES = (5, 10, 20)
LEGEND = (
    # TRANSLATORS: the heatmap's legend: a day without a session.
    N_("No session"),
    # TRANSLATORS: the heatmap's legend: under 5 minutes on a day.
    N_("Under 5"),
    N_("5–10"),
    N_("10–20"),
    # TRANSLATORS: the heatmap's legend: 20 minutes or more on a day.
    N_("20+ min"),
)
DAY_LABELS = (0, 2, 4)  # the weekdays named beside the grid: Monday, Wednesday, Friday
MIN_STEP, MAX_STEP = 10.0, 22.0


def level(total: PeriodTotal | None) -> int:
    """0 for a day without a session, else 1..4 by minutes."""
    if total is None or total.sessions == 0:
        return 0
    minutes = total.minutes
    return 1 + sum(minutes >= bound for bound in LEVEL_MINUTES)


def level_colour(value: int) -> QColor:
    colours = theme.current()
    if value == 0:
        return QColor(colours.track)
    return blend(colours.surface, colours.accent, (0.45, 0.65, 0.85, 1.0)[value - 1])


def paint_level(painter: QPainter, square: QRectF, value: int, radius: float) -> None:
    """One day's square: filled by its minutes; a day without a session only outlined, so
    it never looks like a short one (in the dark theme the two fills were alike)."""
    if value == 0:
        colours = theme.current()
        painter.setPen(QPen(QColor(colours.border), 1.0))
        painter.setBrush(QColor(colours.track))
        painter.drawRoundedRect(square.adjusted(0.5, 0.5, -0.5, -0.5), radius, radius)
        painter.setPen(Qt.PenStyle.NoPen)
        return
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(level_colour(value))
    painter.drawRoundedRect(square, radius, radius)


def day_text(day: date, total: PeriodTotal | None, today: date) -> str:
    """``"Tuesday, 14 May 2024: 12 min in 2 sessions"``, the same for mouse and keyboard."""
    name = full_date(day)
    if day == today:
        # TRANSLATORS: a date in the heatmap that is today: "Tuesday, 14 May 2024 (today)".
        name = _("{date} (today)").format(date=name)
    if total is None or total.sessions == 0:
        return _("{date}: no sessions").format(date=name)
    return n_(
        "{date}: {minutes} in {count} session",
        "{date}: {minutes} in {count} sessions",
        total.sessions,
    ).format(date=name, minutes=minutes_text(total.active_seconds), count=total.sessions)


def month_labels(first_day: date, weeks: int = WEEKS) -> list[tuple[int, date]]:
    """The columns where a month begins, and the month: a label for each over the grid.

    The first column gets its month's name only when that month still has three
    columns of its own, so two names never crowd each other.
    """
    labels = []
    for column in range(weeks):
        monday = first_day + timedelta(weeks=column)
        sunday = monday + timedelta(days=6)
        if sunday.day <= 7:  # the 1st falls in this week
            labels.append((column, sunday.replace(day=1)))
    if not labels or labels[0][0] >= 3:
        labels.insert(0, (0, first_day))
    return labels


class Heatmap(CursorChart):
    """Minutes per day over the last 53 weeks (Monday to Sunday, top to bottom)."""

    STEPS = (7, 1)  # left/right: a week; up/down: a day

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Minutes per day, last 12 months"), parent)
        self.today = date.today()
        self.days: dict[date, PeriodTotal] = {}
        self._font_cache: tuple[str, QFont, QFontMetricsF] | None = None
        self._grid_cache: tuple[tuple[int, str], tuple[float, float, float]] | None = None
        sizes = self.sizePolicy()
        sizes.setHeightForWidth(True)
        self.setSizePolicy(sizes)

    def set_days(self, days: dict[date, PeriodTotal], today: date) -> None:
        moved = today != self.today
        self.today = today
        self.days = days
        if moved:
            self.cursor_index = None
        self.data_changed()

    @property
    def first_day(self) -> date:
        monday = self.today - timedelta(days=self.today.weekday())
        return monday - timedelta(weeks=WEEKS - 1)

    def day_of(self, index: int) -> date:
        return self.first_day + timedelta(days=index)

    def index_of(self, day: date) -> int:
        return (day - self.first_day).days

    # -- CursorChart ----------------------------------------------------------------------

    def item_count(self) -> int:
        return self.index_of(self.today) + 1

    def item_text(self, index: int) -> str:
        day = self.day_of(index)
        return day_text(day, self.days.get(day), self.today)

    def logical_rect(self, index: int) -> QRectF:
        left, top, step = self._grid()
        column, row = divmod(index, 7)
        gap = max(2.0, step * 0.18)
        return QRectF(left + column * step, top + row * step, step - gap, step - gap)

    # -- geometry -------------------------------------------------------------------------

    def _metrics(self) -> QFontMetricsF:
        return self._fonts()[1]

    def _small_font(self) -> QFont:
        return self._fonts()[0]

    def _fonts(self) -> tuple[QFont, QFontMetricsF]:
        """The labels' font and its metrics, worked out again only when the font changes
        (a paint asks for the geometry of 371 squares)."""
        key = self.font().key()
        if self._font_cache is None or self._font_cache[0] != key:
            font = QFont(self.font())
            font.setPointSizeF(max(7.5, font.pointSizeF() * 0.85))
            self._font_cache = (key, font, QFontMetricsF(font))
        return self._font_cache[1], self._font_cache[2]

    def _label_width(self) -> float:
        metrics = self._metrics()
        return max(metrics.horizontalAdvance(weekday_short(day)) for day in DAY_LABELS) + 10

    def _step_for(self, width: float) -> float:
        return max(MIN_STEP, min(MAX_STEP, (width - self._label_width() - 4) / WEEKS))

    def _grid(self) -> tuple[float, float, float]:
        """Left edge, top edge and the distance between squares."""
        key = (self.width(), self.font().key())
        if self._grid_cache is None or self._grid_cache[0] != key:
            grid = (self._label_width(), self._metrics().height() + 6, self._step_for(self.width()))
            self._grid_cache = (key, grid)
        return self._grid_cache[1]

    def month_places(self) -> list[tuple[QRectF, str]]:
        """Where each month's name is written over the grid, and the name.

        Each box holds its whole name, and never reaches past the widget's edge: the last
        month's name moves left to fit (it was cut at a 2× pixel ratio, where the grid
        ends nearer the edge).
        """
        left, top, step = self._grid()
        metrics = self._metrics()
        places = []
        for column, month in month_labels(self.first_day):
            name = month_short(month)
            width = metrics.horizontalAdvance(name) + 4
            x = max(0.0, min(left + column * step, self.width() - width))
            places.append((QRectF(x, 0, width, top), name))
        return places

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        metrics = self._metrics()
        step = self._step_for(width)
        return round(metrics.height() + 6 + 7 * step + 10 + metrics.height() + 8)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def sizeHint(self) -> QSize:  # noqa: N802
        width = round(self._label_width() + WEEKS * 15 + 4)
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        width = round(self._label_width() + WEEKS * MIN_STEP + 4)
        return QSize(width, self.heightForWidth(width))

    # -- painting -------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        colours = theme.current()
        painter = self.begin_painting()
        painter.setFont(self._small_font())
        left, top, step = self._grid()
        radius = max(2.0, step * 0.2)

        painter.setPen(QColor(colours.muted))
        for row in DAY_LABELS:
            cell = self.logical_rect(row)
            self.draw_text(
                painter,
                QRectF(0, cell.top() - 2, left - 8, cell.height() + 4),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                weekday_short(row),
            )
        for place, name in self.month_places():
            self.draw_text(
                painter, place, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, name
            )

        painter.setPen(Qt.PenStyle.NoPen)
        by_level: list[list[QRectF]] = [[] for _ in range(len(LEGEND))]
        first, size = self.first_day, step - max(2.0, step * 0.18)
        for index in range(self.item_count()):  # 371 squares: worked out in one go
            column, row = divmod(index, 7)
            total = self.days.get(first + timedelta(days=index))
            by_level[level(total)].append(
                QRectF(left + column * step, top + row * step, size, size)
            )
        for value, squares in enumerate(by_level):
            for square in squares:
                paint_level(painter, square, value, radius)

        today = self.logical_rect(self.index_of(self.today))
        painter.setPen(QPen(QColor(colours.text), 1.5))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(today.adjusted(0.75, 0.75, -0.75, -0.75), radius, radius)

        self._paint_legend(painter, top + 7 * step + 10, radius)
        self.paint_cursor(painter, radius + 2)
        painter.end()

    def _paint_legend(self, painter: QPainter, top: float, radius: float) -> None:
        colours = theme.current()
        metrics = self._metrics()
        size = metrics.height() * 0.8
        legend = [_(text) for text in LEGEND]
        widths = [size + 5 + metrics.horizontalAdvance(text) + 2 for text in legend]
        today_label = _("Today")
        x = self.width() - (sum(widths) + 14 * (len(LEGEND) - 1)) - 4
        today_x = x - (size + 5 + metrics.horizontalAdvance(today_label) + 28)
        y = top + (metrics.height() - size) / 2
        painter.setPen(QPen(QColor(colours.text), 1.5))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(
            QRectF(today_x, y, size, size).adjusted(0.75, 0.75, -0.75, -0.75), radius, radius
        )
        painter.setPen(QColor(colours.muted))
        self.draw_text(
            painter,
            QRectF(
                today_x + size + 5,
                top,
                metrics.horizontalAdvance(today_label) + 4,
                metrics.height(),
            ),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            today_label,
        )
        for value, (text, width) in enumerate(zip(legend, widths, strict=True)):
            paint_level(painter, QRectF(x, y, size, size), value, radius)
            painter.setPen(QColor(colours.muted))
            self.draw_text(
                painter,
                QRectF(x + size + 5, top, width, metrics.height()),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                text,
            )
            x += width + 14
