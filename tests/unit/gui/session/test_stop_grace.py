"""Esc forgives: a few seconds to resume before a session is over, kept either way."""

from __future__ import annotations

from PySide6.QtCore import Qt

from stretchtimer.core.session.clock import FakeClock
from stretchtimer.core.session.events import State
from stretchtimer.gui.main_window import MainWindow
from stretchtimer.gui.services import AppServices
from stretchtimer.gui.session.controller import Phase
from tests.unit.gui.session.player.test_view import start_with_keyboard
from tests.unit.gui.session.test_controller import recorded_sessions


def test_esc_then_space_resumes_and_the_session_goes_on(
    qtbot,
    window: MainWindow,
    services: AppServices,
    clock: FakeClock,  # type: ignore[no-untyped-def]
) -> None:
    start_with_keyboard(qtbot, window, "desk-hips")
    controller = window.sessions.controller
    engine = controller.driver.engine
    player = window.session.player
    qtbot.keyClick(player, Qt.Key.Key_Escape)
    assert engine.state is State.PAUSED and player.paused_overlay.isVisible()
    assert "Space to resume" in player.paused_overlay.label.text()
    qtbot.keyClick(player, Qt.Key.Key_Space)
    assert engine.state is State.RUNNING and controller.phase is Phase.RUNNING
    assert not player.paused_overlay.isVisible()
    assert not player.stop_grace.active
    qtbot.wait(300)
    assert controller.phase is Phase.RUNNING  # the offer is over: nothing ends it later


def test_esc_and_waiting_ends_the_session_and_keeps_it(
    qtbot,
    window: MainWindow,
    services: AppServices,
    clock: FakeClock,  # type: ignore[no-untyped-def]
) -> None:
    start_with_keyboard(qtbot, window, "desk-hips")
    controller = window.sessions.controller
    player = window.session.player
    player.stop_grace.seconds = 0.3  # the person waits; a short wait here
    qtbot.keyClick(player, Qt.Key.Key_Escape)
    assert controller.phase is Phase.RUNNING
    qtbot.waitUntil(lambda: controller.phase is Phase.FINISHED, timeout=5_000)
    assert window.session.complete.heading.text() == "Session stopped"
    qtbot.keyClick(window.session.complete.done_button, Qt.Key.Key_Return)
    assert window.current_place() == "routines"
    services.tasks.wait()
    [session] = recorded_sessions(services)
    assert session.status.value == "stopped"


def test_esc_on_a_paused_session_then_space_leaves_it_paused(
    qtbot,
    window: MainWindow,
    services: AppServices,
    clock: FakeClock,  # type: ignore[no-untyped-def]
) -> None:
    start_with_keyboard(qtbot, window, "desk-hips")
    engine = window.sessions.controller.driver.engine
    player = window.session.player
    qtbot.keyClick(player, Qt.Key.Key_Space)
    qtbot.keyClick(player, Qt.Key.Key_Escape)
    qtbot.keyClick(player, Qt.Key.Key_Space)  # "resume" the offer: back to where it was
    assert engine.state is State.PAUSED
    assert player.paused_overlay.label.text() == "Paused — Space to resume"
