"""Screenshots of the History page with a few months of real-looking practice, light and dark:
the page, all of it, a session's details, the undo message, the empty page. Saved under
test-artifacts/ to be looked at."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPixmap
from PySide6.QtWidgets import QApplication

from stretchtimer.core.session.clock import FakeClock
from stretchtimer.gui import theme
from stretchtimer.gui.main_window import MainWindow
from stretchtimer.gui.theme import ThemeManager
from stretchtimer.storage.paths import app_paths
from tests.unit.gui.conftest import save_artifact
from tests.unit.gui.history.data import add, local_wall, realistic, record_played
from tests.unit.gui.test_screenshots import distinct_colours

TODAY = date(2024, 5, 15)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(wall=local_wall(TODAY, 18))


def looks_like(image: QImage, scheme: str, name: str) -> None:
    assert image.width() >= 700, name
    assert distinct_colours(image, enough=9) > 8, f"{name} looks blank"
    corner = image.pixelColor(image.width() - 5, image.height() - 5)
    assert (corner.lightness() < 80) == (scheme == "dark"), name


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_history_page_light_and_dark(
    qtbot, window: MainWindow, themes: ThemeManager, scheme: str
) -> None:  # type: ignore[no-untyped-def]
    path = app_paths().history
    add(path, realistic(TODAY))
    played = record_played(
        path,
        "hip-openers",
        local_wall(TODAY, 17, 15),
        actions={1: "easier", 6: "skip", 9: "cut"},
        before=3,
        after=6,
    )
    themes.apply(scheme)
    window.restyle()
    window.show_place("history")
    page = window.history
    shots: dict[str, Path] = {}
    shots["history"] = save_artifact(window, f"{scheme}-history-page")

    heatmap = page.heatmap
    empty_day = next(
        day for day in range(heatmap.item_count()) if not heatmap.days.get(heatmap.day_of(day))
    )
    centre = heatmap.item_rect(empty_day).center().toPoint()
    assert heatmap.grab().toImage().pixelColor(centre) == QColor(theme.current().track)

    heatmap.setFocus()
    qtbot.keyClick(heatmap, Qt.Key.Key_Up)
    window.resize(1180, 1560)  # tall enough for the whole page
    QApplication.processEvents()
    shots["whole"] = save_artifact(window, f"{scheme}-history-whole-page")
    window.resize(1180, 760)

    page.table.setFocus()
    page.table.select_row(0)
    assert page.model.record(0).id == played.session_id  # type: ignore[union-attr]
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert page.session_actions.details is not None
    shots["details"] = save_artifact(
        page.session_actions.details, f"{scheme}-history-session-details"
    )
    page.session_actions.details.close()

    page.table.select_row(2)
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert page.toast.isVisible()
    shots["undo"] = save_artifact(window, f"{scheme}-history-undo")
    page.session_actions.undo()

    for name, file in shots.items():
        looks_like(QImage(str(file)), scheme, name)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_empty_history_page_light_and_dark(
    qtbot, window: MainWindow, themes: ThemeManager, scheme: str
) -> None:  # type: ignore[no-untyped-def]
    themes.apply(scheme)
    window.restyle()
    window.show_place("history")
    assert window.history.stack.currentWidget() is window.history.empty
    file = save_artifact(window, f"{scheme}-history-empty")
    looks_like(QImage(str(file)), scheme, "empty")


def test_a_history_problem_on_the_page(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    path = app_paths().history
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"not a database at all\n" * 300)
    window.show_place("history")
    assert window.history.banner.isVisible()
    file = save_artifact(window, "light-history-damaged")
    looks_like(QImage(str(file)), "light", "damaged")


def test_the_history_page_drawn_for_a_high_dpi_screen(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """Drawn at twice the pixels, as on a 2× screen: shapes and text stay sharp."""
    add(app_paths().history, realistic(TODAY))
    window.show_place("history")
    page = window.history
    pixmap = QPixmap(page.size() * 2)
    pixmap.setDevicePixelRatio(2)
    pixmap.fill(QColor(theme.current().window))
    page.render(pixmap)
    file = save_artifact(QLabelShot(pixmap), "light-history-2x")
    image = QImage(str(file))
    assert image.width() == page.width() * 2
    # Sharp edges: a square of the heatmap is filled to its edge at twice the pixels.
    heatmap = page.heatmap
    square = heatmap.item_rect(heatmap.index_of(TODAY)).translated(
        heatmap.mapTo(page, heatmap.rect().topLeft()).toPointF()
    )
    inside = (square.center() * 2).toPoint()
    assert image.pixelColor(inside) != QColor(theme.current().surface)


class QLabelShot:
    """What save_artifact needs from a widget: a grab of it (here, a ready pixmap)."""

    def __init__(self, pixmap: QPixmap) -> None:
        self._pixmap = pixmap

    def grab(self) -> QPixmap:
        return self._pixmap
