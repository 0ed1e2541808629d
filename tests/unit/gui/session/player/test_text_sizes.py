"""Focus mode, read from the mat: the step and the side are large enough at 3 m.

The rule (issue 16): on a 1366×768 screen the step name's capitals are at least 4 % of
the window's height and the side's at least 3 %, measured from the fonts the widgets
really draw with.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel

from stretchtimer.core.session.clock import FakeClock
from stretchtimer.core.session.plan import SegmentKind
from stretchtimer.gui.main_window import MainWindow
from stretchtimer.gui.services import AppServices
from stretchtimer.gui.session.player.text_sizes import cap_height
from tests.unit.gui.conftest import save_artifact
from tests.unit.gui.session.player.test_view import SPEED, start_with_keyboard


def drawn_cap_height(label: QLabel) -> float:
    label.ensurePolished()
    return cap_height(label.font())


def skip_to(player, controller, kind: SegmentKind) -> None:  # type: ignore[no-untyped-def]
    engine = controller.driver.engine
    for _ in range(40):
        if engine.segment.kind is kind and engine.segment.side is not None:
            return
        controller.skip()
    raise AssertionError(f"no {kind} with a side in the routine")


def fits(label: QLabel) -> bool:
    """The label's text is no wider than the label (or it wraps)."""
    if label.wordWrap():
        return label.heightForWidth(label.width()) <= label.height() + 1
    return label.fontMetrics().horizontalAdvance(label.text()) <= label.contentsRect().width()


@pytest.mark.parametrize("size", [(1366, 768), (2732, 1536)])
def test_focus_mode_step_and_side_are_readable_across_the_room(
    qtbot,
    window: MainWindow,
    services: AppServices,
    clock: FakeClock,
    size: tuple[int, int],  # type: ignore[no-untyped-def]
) -> None:
    services.speed = SPEED
    start_with_keyboard(qtbot, window, "hip-openers")
    controller = window.sessions.controller
    player = window.session.player
    skip_to(player, controller, SegmentKind.HOLD)
    player.refresh()

    qtbot.keyClick(player, Qt.Key.Key_F11)
    assert player.focus_mode and window.isFullScreen()
    assert not window.nav.isVisible()
    # The offscreen screen is larger: size the window as a 1366×768 screen would.
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.resize(*size)
    QCoreApplication.processEvents()
    height = window.height()
    assert height == size[1]

    assert player.side.text() == "LEFT" or player.side.text() == "RIGHT"
    assert drawn_cap_height(player.step_name) >= 0.04 * height
    assert drawn_cap_height(player.side) >= 0.03 * height
    # The next step is there, and smaller than the step.
    assert player.upcoming.text().startswith("Up next: ")
    assert drawn_cap_height(player.upcoming) < drawn_cap_height(player.step_name) / 2
    for label in (player.step_name, player.side, player.activity, player.upcoming):
        assert fits(label), label.text()
    save_artifact(window, f"focus-mode-hold-{size[0]}x{size[1]}-light")

    qtbot.keyClick(player, Qt.Key.Key_Space)
    player.refresh()
    assert player.paused_overlay.isVisible()
    overlay = player.paused_overlay
    assert overlay.geometry().contains(player.ring.geometry().center())
    assert drawn_cap_height(overlay.label) >= 0.04 * height
    save_artifact(window, f"focus-mode-paused-{size[0]}x{size[1]}-light")

    qtbot.keyClick(player, Qt.Key.Key_Escape)  # leaves focus mode, does not stop
    assert not player.focus_mode and not window.isFullScreen()
    assert window.nav.isVisible()
    assert controller.active


def test_focus_mode_words_shrink_back_when_it_is_left(
    qtbot,
    window: MainWindow,
    services: AppServices,  # type: ignore[no-untyped-def]
) -> None:
    start_with_keyboard(qtbot, window, "desk-hips")
    player = window.session.player
    player.refresh()
    before = drawn_cap_height(player.step_name)
    player.focus_button.click()
    assert player.focus_mode
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.resize(1180, 760)
    QCoreApplication.processEvents()
    assert drawn_cap_height(player.step_name) > before * 1.4
    qtbot.keyClick(player, Qt.Key.Key_F11)
    QCoreApplication.processEvents()
    assert not player.focus_mode
    assert drawn_cap_height(player.step_name) == pytest.approx(before, abs=1)


def test_the_pose_figure_stands_between_the_ring_and_the_words(
    qtbot,
    window: MainWindow,  # type: ignore[no-untyped-def]
) -> None:
    window.show_place("session")
    player = window.session.player
    window.session.setCurrentWidget(player)
    QCoreApplication.processEvents()
    figure = player.figure
    assert player.ring.geometry().right() <= figure.geometry().left()
    assert figure.geometry().right() <= player.step_name.geometry().left()
