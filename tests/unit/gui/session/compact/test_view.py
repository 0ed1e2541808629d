"""The compact player on a fake clock: the same session as the full player, the same keys."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from stretchtimer.core.session.clock import FakeClock
from stretchtimer.core.session.events import State
from stretchtimer.core.session.plan import SegmentKind
from stretchtimer.gui.desk.companion import Desk
from stretchtimer.gui.main_window import MainWindow
from stretchtimer.gui.services import AppServices
from stretchtimer.gui.session.compact.view import MiniPlayer
from stretchtimer.gui.session.controller import Phase, SessionController
from stretchtimer.gui.session.player.text import player_text, ring_state
from tests.unit.gui.conftest import save_artifact, wait_started
from tests.unit.gui.session.compact.conftest import start_compact

SPEED = 10.0
pytestmark = pytest.mark.usefixtures("system_voice")  # about the window, not the voice


def next_deadline(window: MainWindow, clock: FakeClock) -> None:
    controller = window.sessions.controller
    assert controller is not None and controller.driver is not None
    deadline = controller.driver.engine.next_deadline()
    assert deadline is not None
    clock.advance(max(0.0, deadline - controller.driver.now().mono) / SPEED + 1e-6)
    controller.driver.tick()


def start_fast(
    qtbot: QtBot, desk: Desk, services: AppServices, routine_id: str
) -> tuple[MiniPlayer, SessionController]:
    """``routine_id`` in the compact player, played ten times as fast, and its session."""
    services.speed = SPEED
    mini = start_compact(qtbot, desk, desk.window, routine_id)
    controller = desk.window.sessions.controller
    assert controller is not None
    return mini, controller


def stop_and_close(qtbot: QtBot, desk: Desk, window: MainWindow) -> MiniPlayer:
    """Desk hips in the compact player, stopped with Esc twice, then its Close clicked."""
    mini = start_compact(qtbot, desk, window, "desk-hips")
    qtbot.keyClick(mini, Qt.Key.Key_Escape)
    qtbot.keyClick(mini, Qt.Key.Key_Escape)
    controller = window.sessions.controller
    assert controller is not None
    qtbot.waitUntil(lambda: controller.phase is Phase.FINISHED)
    qtbot.mouseClick(mini.close_button, Qt.MouseButton.LeftButton)
    return mini


def test_the_compact_player_shows_the_session_as_the_full_player_would(
    qtbot: QtBot, desk: Desk, window: MainWindow, services: AppServices, clock: FakeClock
) -> None:
    mini, controller = start_fast(qtbot, desk, services, "hip-openers")
    assert mini.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    assert mini.width() <= 460 and mini.height() <= 280  # small
    kinds = set()
    while controller.phase is Phase.RUNNING:
        clock.advance(0.4)  # a moment inside each part
        snapshot = controller.snapshot()
        assert snapshot is not None
        mini.refresh()
        expected = player_text(snapshot)
        assert mini.ring.state() == ring_state(snapshot)
        assert mini.step_name.text() == expected.step
        assert mini.side.text() == expected.side.upper()
        assert mini.side.isVisibleTo(mini) == bool(expected.side)
        assert mini.upcoming.text() == expected.next
        assert mini.progress_text.text().startswith(expected.progress)
        kinds.add(snapshot.segment.kind)
        next_deadline(window, clock)
    assert {SegmentKind.HOLD, SegmentKind.BREATHS, SegmentKind.SWITCH} <= kinds
    assert mini.step_name.text() == "Session complete"
    assert not mini.controls.isVisible() and mini.close_button.isVisible()


def test_keys_in_the_compact_player(
    qtbot: QtBot, desk: Desk, window: MainWindow, services: AppServices, clock: FakeClock
) -> None:
    mini, controller = start_fast(qtbot, desk, services, "hip-openers")
    assert controller.driver is not None
    engine = controller.driver.engine

    qtbot.keyClick(mini, Qt.Key.Key_Right)  # skip the preparation
    assert engine.segment.kind is SegmentKind.HOLD
    clock.advance(1.0)
    qtbot.keyClick(mini, Qt.Key.Key_Space)
    assert engine.state is State.PAUSED
    assert mini.activity.text().startswith("Paused")
    assert mini.play_button.accessibleName() == "Resume (Space)"
    qtbot.keyClick(mini, Qt.Key.Key_Space)
    assert engine.state is State.RUNNING

    qtbot.keyClick(mini, Qt.Key.Key_E)
    assert engine.snapshot(controller.driver.now()).easier
    assert mini.activity.text().startswith("Easier")
    assert mini.easier_button.isChecked()  # on, and E turns it back
    qtbot.keyClick(mini, Qt.Key.Key_E)
    assert not engine.snapshot(controller.driver.now()).easier
    assert not mini.easier_button.isChecked()

    full = window.session.player
    qtbot.keyClick(mini, Qt.Key.Key_M)
    assert full.mute_button.isChecked()  # one mute for both players
    assert mini.mute_button.accessibleName() == "Unmute (M)"
    qtbot.keyClick(mini, Qt.Key.Key_M)
    assert not full.mute_button.isChecked()

    clock.advance(1.0)
    qtbot.keyClick(mini, Qt.Key.Key_Left)  # back to the start of this hold
    assert engine.segment.kind is SegmentKind.HOLD

    qtbot.keyClick(mini, Qt.Key.Key_Escape)  # a few seconds to change one's mind
    assert mini.activity.text().startswith("Stopping in 5 s — Space to resume")
    qtbot.keyClick(mini, Qt.Key.Key_Space)
    assert engine.state is State.RUNNING and controller.phase is Phase.RUNNING
    qtbot.keyClick(mini, Qt.Key.Key_Escape)
    qtbot.keyClick(mini, Qt.Key.Key_Escape)  # twice: over at once
    qtbot.waitUntil(lambda: controller.phase is Phase.FINISHED)
    assert mini.step_name.text() == "Session stopped"


def test_switching_back_shows_the_full_player_at_the_same_moment(
    qtbot: QtBot, desk: Desk, window: MainWindow, services: AppServices, clock: FakeClock
) -> None:
    mini, controller = start_fast(qtbot, desk, services, "desk-hips")
    for _ in range(3):
        next_deadline(window, clock)
    clock.advance(0.7)
    mini.refresh()
    seen = mini.ring.state()
    step = mini.step_name.text()
    qtbot.keyClick(mini, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert not mini.isVisible() and window.isVisible()
    assert window.current_place() == "session"
    player = window.session.player
    assert player.ring.state() == seen  # the same moment, not a fresh start
    assert player.step_name.text() == step
    assert controller.phase is Phase.RUNNING


def test_closing_the_finished_compact_player_leaves_the_app_in_the_tray(
    qtbot: QtBot, desk: Desk, window: MainWindow
) -> None:
    mini = stop_and_close(qtbot, desk, window)
    assert not mini.isVisible() and not window.isVisible()  # in the tray


def test_without_a_tray_closing_the_finished_compact_player_brings_the_window_back(
    qtbot: QtBot, desk_without_tray: Desk, window: MainWindow
) -> None:
    stop_and_close(qtbot, desk_without_tray, window)
    assert window.isVisible()
    assert window.session.currentWidget() is window.session.complete


def test_the_switch_button_and_its_key_are_shown_in_the_tooltip(
    qtbot: QtBot, desk: Desk, window: MainWindow
) -> None:
    window.sessions.start_routine("desk-hips")
    wait_started(qtbot, window)
    player = window.session.player
    assert "Ctrl+M" in player.compact_button.toolTip()
    assert player.compact_button.accessibleName() == "Compact player (Ctrl+M)"
    player.compact_button.click()
    assert desk.compact.active
    assert "Ctrl+M" in desk.compact.mini.expand_button.toolTip()


def test_screenshots_of_the_compact_player(
    qtbot: QtBot,
    desk: Desk,
    services: AppServices,
    clock: FakeClock,
    themes,  # type: ignore[no-untyped-def]
) -> None:
    mini, controller = start_fast(qtbot, desk, services, "hip-openers")
    assert controller.driver is not None
    engine = controller.driver.engine
    for kind, seconds in ((SegmentKind.HOLD, 1.3), (SegmentKind.BREATHS, 0.8)):
        while engine.segment.kind is not kind:
            controller.skip()
        clock.advance(seconds)
        for scheme in ("light", "dark"):
            themes.apply(scheme)
            mini.refresh()
            path = save_artifact(mini, f"compact-player-{kind.value}-{scheme}")
            assert QImage(str(path)).size() == mini.size()
    controller.stop()
    qtbot.waitUntil(lambda: controller.phase is Phase.FINISHED)
    save_artifact(mini, "compact-player-stopped-dark")


def test_the_window_brought_back_by_a_second_launch_ends_compact_mode(
    qtbot: QtBot, desk: Desk, window: MainWindow
) -> None:
    mini = start_compact(qtbot, desk, window, "desk-hips")
    window.bring_forward()  # what a second launch of the app does
    assert window.isVisible() and not mini.isVisible()  # one player at a time
    assert (
        window.sessions.controller is not None and window.sessions.controller.phase is Phase.RUNNING
    )


def test_a_session_started_in_the_hidden_window_while_compact_plays_in_the_compact_player(
    qtbot: QtBot, desk: Desk, window: MainWindow
) -> None:
    mini = start_compact(qtbot, desk, window, "desk-hips")
    first = window.sessions.controller
    assert first is not None
    first.stop()
    qtbot.waitUntil(lambda: first.phase is Phase.FINISHED)
    window.sessions.start_routine("hip-openers")  # not asked to be compact
    wait_started(qtbot, window)
    now = window.sessions.controller
    assert now is not None and now is not first
    assert mini.isVisible() and not window.isVisible()
    assert mini.controller is now
