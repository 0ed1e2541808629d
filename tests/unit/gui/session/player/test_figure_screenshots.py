"""Screenshots of the player with the pose figure, 1× and 2×, light and dark, under
test-artifacts/ to be looked at (a 1366×768 window, the size the benchmark uses)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QColor, QImage, QPixmap
from pytestqt.qtbot import QtBot

from stretchtimer.core.session.clock import FakeClock
from stretchtimer.core.session.plan import SegmentKind
from stretchtimer.gui import theme
from stretchtimer.gui.main_window import MainWindow
from stretchtimer.gui.theme import ThemeManager
from tests.unit.gui.conftest import go_to, save_artifact, wait_started

pytestmark = pytest.mark.usefixtures("system_voice")  # about the figure, not the voice


class Shot:
    """A pixmap to save like a widget's screenshot."""

    def __init__(self, pixmap: QPixmap) -> None:
        self.pixmap = pixmap

    def grab(self) -> QPixmap:
        return self.pixmap


def accent_pixels(image: QImage) -> int:
    accent = QColor(theme.current().accent)
    return sum(
        1
        for y in range(0, image.height(), 3)
        for x in range(0, image.width(), 3)
        if image.pixelColor(x, y) == accent
    )


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_player_with_the_figure_at_1x_and_2x(
    qtbot: QtBot,
    window: MainWindow,
    themes: ThemeManager,
    clock: FakeClock,
    scheme: str,
) -> None:
    themes.apply(scheme)
    window.restyle()
    window.resize(1366, 768)
    window.sessions.start_routine("hip-openers")
    wait_started(qtbot, window)
    go_to(qtbot, window, clock, SegmentKind.HOLD, 12)
    player = window.session.player
    figure = player.figure
    assert figure.accessibleName() == "Figure: pigeon pose, left leg forward"
    # large beside the ring; benchmarks/bench_pose.py times a frame at this size
    assert (figure.width(), figure.height()) == pytest.approx((332, 560), abs=12)
    one = QImage(str(save_artifact(window, f"{scheme}-player-figure")))
    where = QRect(figure.mapTo(window, QPoint(0, 0)), figure.size())
    assert accent_pixels(one.copy(where)) > 100  # the worked leg, in the accent

    pixmap = QPixmap(window.size() * 2)
    pixmap.setDevicePixelRatio(2)
    pixmap.fill(QColor(theme.current().window))
    window.render(pixmap)
    two = QImage(str(save_artifact(Shot(pixmap), f"{scheme}-player-figure-2x")))
    assert two.width() == window.width() * 2
    assert accent_pixels(two) > 3 * accent_pixels(one)  # four times the pixels, drawn sharp

    go_to(qtbot, window, clock, SegmentKind.BREATHS, 3)
    assert (
        figure.accessibleName()
        == "Figure: straddle fold, sitting with the legs wide, folding forward"
    )
    save_artifact(window, f"{scheme}-player-figure-breaths")
    window.sessions.controller.stop()  # type: ignore[union-attr]
    window.sessions.start_routine("hip-strength")
    wait_started(qtbot, window)
    go_to(qtbot, window, clock, SegmentKind.REPS, 2)  # time enough to ease from the last pose
    assert figure.pose() is not None and figure.pose().pose.name == "glute-bridge"  # type: ignore[union-attr]
    save_artifact(window, f"{scheme}-player-figure-reps")
