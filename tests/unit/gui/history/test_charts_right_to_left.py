"""History's charts in a right-to-left language (``--lang ar``): time runs right to left,
the axis labels stand on the right, the arrow keys follow the picture, words read as
written. Screenshots of all three charts are saved under test-artifacts/ to be looked at."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QVBoxLayout, QWidget

from stretchtimer.core.i18n import Language
from stretchtimer.gui import theme
from stretchtimer.gui.history.charts.base import CursorChart
from stretchtimer.gui.history.charts.comfort import ComfortChart
from stretchtimer.gui.history.charts.heatmap import LEGEND, Heatmap, level_colour
from stretchtimer.gui.history.charts.weeks import WeekChart
from stretchtimer.storage.history.statistics import ComfortWeek, PeriodTotal
from tests.unit.gui.conftest import save_artifact

TODAY = date(2024, 5, 15)  # a Wednesday
MONDAY = TODAY - timedelta(days=TODAY.weekday())
WEEKS = 12


def week_totals() -> tuple[PeriodTotal, ...]:
    """Twelve weeks, each with a little more practice than the one before."""
    return tuple(
        PeriodTotal(MONDAY - timedelta(weeks=WEEKS - 1 - n), 1 + n % 4, 1, 300.0 + 60 * n)
        for n in range(WEEKS)
    )


def comfort_weeks() -> tuple[ComfortWeek, ...]:
    return tuple(
        ComfortWeek(MONDAY - timedelta(weeks=WEEKS - 1 - n), 2, 3.0 + n % 3, 2, 5.0 + n % 4)
        for n in range(WEEKS)
    )


def days() -> dict[date, PeriodTotal]:
    return {
        TODAY - timedelta(days=n): PeriodTotal(TODAY - timedelta(days=n), 1, 1, 600.0)
        for n in range(0, 200, 3)
    }


@pytest.fixture
def charts(
    qtbot, themes, app_language: Callable[[str], Language]
) -> Iterator[Callable[[str], tuple[QWidget, Heatmap, WeekChart, ComfortChart]]]:  # type: ignore[no-untyped-def]
    """``charts("ar")``: the three charts with data, in a window of the app in that language."""

    def make(tag: str) -> tuple[QWidget, Heatmap, WeekChart, ComfortChart]:
        app_language(tag)
        holder = QWidget()
        qtbot.addWidget(holder)
        heatmap, weeks, comfort = Heatmap(), WeekChart(), ComfortChart()
        layout = QVBoxLayout(holder)
        for chart in (heatmap, weeks, comfort):
            layout.addWidget(chart)
        heatmap.set_days(days(), TODAY)
        weeks.set_weeks(week_totals(), MONDAY)
        comfort.set_weeks(comfort_weeks(), MONDAY)
        holder.resize(900, 760)
        holder.setStyleSheet(f"background: {theme.current().surface};")
        holder.show()
        qtbot.waitExposed(holder)
        return holder, heatmap, weeks, comfort

    yield make


def _near(pixel: QColor, colour: QColor) -> bool:
    return (
        abs(pixel.red() - colour.red())
        + abs(pixel.green() - colour.green())
        + abs(pixel.blue() - colour.blue())
    ) < 40


def muted_ink(image: QImage, xs: range, ys: range) -> int:
    """How many pixels in the box are (nearly) the colour the axis labels are written in,
    and not that of a day's square."""
    muted = QColor(theme.current().muted)
    squares = [level_colour(value) for value in range(len(LEGEND))]
    count = 0
    for y in ys:
        for x in xs:
            pixel = image.pixelColor(x, y)
            count += _near(pixel, muted) and not any(_near(pixel, s) for s in squares)
    return count


def label_sides(chart: CursorChart, strip: int, ys: range) -> tuple[int, int]:
    """The axis label ink in the chart's left and right strips ``strip`` pixels wide."""
    image = chart.grab().toImage()
    width = image.width()  # at the device pixel ratio
    ratio = image.width() / chart.width()
    scaled = range(round(ys.start * ratio), round(ys.stop * ratio))
    band = round(strip * ratio)
    return (
        muted_ink(image, range(band), scaled),
        muted_ink(image, range(width - band, width), scaled),
    )


def test_time_runs_right_to_left_in_every_chart(charts) -> None:  # type: ignore[no-untyped-def]
    _holder, heatmap, weeks, comfort = charts("ar")
    assert heatmap.isRightToLeft()
    today = heatmap.item_rect(heatmap.index_of(TODAY))
    a_week_ago = heatmap.item_rect(heatmap.index_of(TODAY - timedelta(weeks=1)))
    assert today.center().x() < a_week_ago.center().x()
    assert today.top() == a_week_ago.top()  # the same weekday: Monday to Sunday still run down
    for chart in (weeks, comfort):
        newest, oldest = chart.item_rect(WEEKS - 1), chart.item_rect(0)
        assert newest.center().x() < oldest.center().x(), type(chart).__name__
        assert newest.left() >= 0 and oldest.right() <= chart.width()


def test_the_pointer_and_the_arrow_keys_follow_the_mirrored_picture(qtbot, charts) -> None:  # type: ignore[no-untyped-def]
    _holder, heatmap, weeks, _comfort = charts("ar")
    newest = weeks.item_rect(WEEKS - 1).center().toPoint()
    assert weeks.item_at(newest) == WEEKS - 1
    assert weeks.item_at(QPoint(weeks.width() - 20, newest.y())) is None  # the axis
    today = heatmap.item_rect(heatmap.index_of(TODAY)).center().toPoint()
    assert heatmap.item_at(today) == heatmap.index_of(TODAY)

    weeks.setFocus()
    weeks.set_cursor(WEEKS - 1)
    qtbot.keyClick(weeks, Qt.Key.Key_Right)  # to the right: the week before
    assert weeks.cursor_index == WEEKS - 2
    qtbot.keyClick(weeks, Qt.Key.Key_Left)
    assert weeks.cursor_index == WEEKS - 1
    heatmap.setFocus()
    heatmap.set_cursor(heatmap.index_of(TODAY))
    qtbot.keyClick(heatmap, Qt.Key.Key_Right)
    assert heatmap.cursor_index == heatmap.index_of(TODAY - timedelta(weeks=1))


@pytest.mark.parametrize("tag", ["ar", "en"])
def test_the_axis_labels_stand_where_the_time_starts_reading(charts, tag: str) -> None:  # type: ignore[no-untyped-def]
    """Minutes, ratings and weekdays are written on the right in Arabic, on the left in
    English; the other side has none of their ink."""
    holder, heatmap, weeks, comfort = charts(tag)
    save_artifact(holder, f"history-charts-{tag}")
    monday = heatmap.item_rect(0)  # the row of Mondays: labelled, and today is no Monday
    weeks_plot, comfort_plot = weeks._plot(), comfort._plot()
    plotted = (  # each chart, the width of its labels, the heights they are written at
        (heatmap, int(heatmap._label_width()) - 8, range(int(monday.top()), int(monday.bottom()))),
        (weeks, int(weeks_plot.left()) - 8, range(int(weeks_plot.bottom()) + 4)),
        (
            comfort,
            int(comfort_plot.left()) - 8,
            range(int(comfort_plot.top()) - 8, int(comfort_plot.bottom()) + 4),
        ),
    )
    for chart, strip, ys in plotted:
        left, right = label_sides(chart, strip, ys)
        labels, other = (right, left) if tag == "ar" else (left, right)
        assert labels > 3, f"{type(chart).__name__}: no axis labels on their side"
        assert other == 0, f"{type(chart).__name__}: label ink on the wrong side"
