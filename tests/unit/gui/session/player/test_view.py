"""The player, driven by the keyboard on a fake clock: what a person sees at every moment."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from stretchtimer.core.session.clock import FakeClock
from stretchtimer.core.session.events import State
from stretchtimer.core.session.plan import SegmentKind
from stretchtimer.gui.main_window import MainWindow
from stretchtimer.gui.services import AppServices
from stretchtimer.gui.session.controller import Phase, SessionController
from tests.unit.gui.conftest import save_artifact, wait_started

pytestmark = pytest.mark.usefixtures("system_voice")  # about the player, not the voice

SPEED = 10.0


def start_with_keyboard(qtbot, window: MainWindow, routine_id: str) -> SessionController:  # type: ignore[no-untyped-def]
    window.routines.select(routine_id)
    window.routines.list.setFocus()
    qtbot.keyClick(window.routines.list, Qt.Key.Key_Return)
    wait_started(qtbot, window)
    controller = window.sessions.controller
    assert controller is not None and controller.routine_id == routine_id
    assert window.current_place() == "session"
    return controller


@pytest.fixture
def hip_openers(qtbot, window: MainWindow, services: AppServices) -> SessionController:  # type: ignore[no-untyped-def]
    """Hip openers, started with the keyboard and played ten times as fast."""
    services.speed = SPEED
    return start_with_keyboard(qtbot, window, "hip-openers")


def advance_to_next_deadline(window: MainWindow, clock: FakeClock) -> None:
    controller = window.sessions.controller
    assert controller is not None and controller.driver is not None
    engine = controller.driver.engine
    deadline = engine.next_deadline()
    assert deadline is not None
    now = controller.driver.now().mono
    clock.advance(max(0.0, deadline - now) / SPEED + 1e-6)
    controller.driver.tick()


def test_a_whole_session_shows_each_part_and_ends_on_the_complete_view(
    window: MainWindow, hip_openers: SessionController, clock: FakeClock
) -> None:
    controller = hip_openers
    assert controller.driver is not None
    player = window.session.player
    seen: list[tuple[str, str, str]] = []
    while controller.phase is Phase.RUNNING:
        snapshot = controller.snapshot()
        assert snapshot is not None
        player.refresh()
        segment = snapshot.segment
        step = snapshot.step
        if segment.kind is not SegmentKind.DONE:
            assert step is not None
            assert player.step_name.text() == step.name
            expected_side = segment.side.value.upper() if segment.side else ""
            assert player.side.text() == expected_side
            assert player.side.isVisibleTo(player) == bool(segment.side)
            assert player.progress_text.text().startswith(f"Step {segment.step_index + 1} of 4")
            ring = player.ring.state()
            if segment.kind is SegmentKind.BREATHS:
                assert ring.big in ("Breathe in", "Breathe out") and ring.breath is not None
                left = snapshot.breath.breaths_left if snapshot.breath else 0
                assert ring.caption in (f"{left} breaths left", "1 breath left")
                assert player.activity.text() == f"Hold for {segment.breaths} breaths"
            else:
                assert ring.big.isdigit() or ":" in ring.big
            if segment.kind is SegmentKind.REST:
                assert player.upcoming.text().startswith("Up next: ")
            shown = [player.step_name.text(), player.activity.text(), player.upcoming.text()]
            shown += [player.side.text(), player.progress_text.text()]
            # Every label once: the ring's count is never repeated beside it.
            assert all(ring.caption not in words for words in shown if words)
            seen.append((segment.kind.value, step.name, player.activity.text()))
        advance_to_next_deadline(window, clock)
    kinds = [kind for kind, _, _ in seen]
    assert "hold" in kinds and "breaths" in kinds and "switch" in kinds and "rest" in kinds
    assert window.session.currentWidget() is window.session.complete
    assert window.session.complete.heading.text() == "Session complete"
    assert "Hip openers" in window.session.complete.summary.text()
    save_artifact(window, "player-complete-light")


def test_keys_pause_skip_back_easier_mute_and_stop(
    qtbot,
    window: MainWindow,
    hip_openers: SessionController,
    clock: FakeClock,  # type: ignore[no-untyped-def]
) -> None:
    controller = hip_openers
    assert controller.driver is not None
    engine = controller.driver.engine
    player = window.session.player
    player.setFocus()

    qtbot.keyClick(player, Qt.Key.Key_Right)  # skip the preparation
    assert engine.segment.kind is SegmentKind.HOLD
    clock.advance(1.0)
    qtbot.keyClick(player, Qt.Key.Key_Space)
    assert engine.state is State.PAUSED
    assert player.paused_overlay.isVisible()
    assert player.paused_overlay.label.text() == "Paused — Space to resume"
    assert player.ring.state().paused
    assert player.play_button.accessibleName() == "Resume (Space)"
    held = engine.remaining(controller.driver.now())
    clock.advance(30)
    assert engine.remaining(controller.driver.now()) == held  # paused time does not count
    qtbot.keyClick(player, Qt.Key.Key_Space)
    assert engine.state is State.RUNNING
    assert not player.paused_overlay.isVisible()

    qtbot.keyClick(player, Qt.Key.Key_E)
    assert player.instructions.text().startswith("Easier: Thread the needle")
    assert player.easier_button.isChecked() and player.easier_button.text() == "Easier: on"
    qtbot.keyClick(player, Qt.Key.Key_E)  # and back: a toggle
    assert not player.instructions.text().startswith("Easier")
    assert not player.easier_button.isChecked() and player.easier_button.text() == "Easier"
    player.easier_button.click()
    assert player.easier_button.isChecked()
    assert player.instructions.text().startswith("Easier: Thread the needle")

    qtbot.keyClick(player, Qt.Key.Key_M)
    assert player.mute_button.isChecked()
    assert player.mute_button.accessibleName() == "Unmute (M)"
    qtbot.keyClick(player, Qt.Key.Key_M)
    assert not player.mute_button.isChecked()

    qtbot.keyClick(player, Qt.Key.Key_Left)  # ten seconds in: the hold starts over
    assert engine.segment.kind is SegmentKind.HOLD
    assert engine.remaining(controller.driver.now()) == engine.segment.duration
    qtbot.keyClick(player, Qt.Key.Key_Left)  # at its very start: back to the one before
    assert engine.segment.kind is SegmentKind.PREPARE
    save_artifact(window, "player-prepare-light")

    qtbot.keyClick(player, Qt.Key.Key_Escape)  # first a few seconds to change one's mind
    assert controller.phase is Phase.RUNNING and engine.state is State.PAUSED
    assert player.paused_overlay.label.text().startswith("Stopping in 5 s")
    qtbot.keyClick(player, Qt.Key.Key_Escape)  # twice: over at once
    assert controller.phase is Phase.FINISHED
    assert window.session.complete.heading.text() == "Session stopped"


def test_space_pauses_even_when_a_control_button_has_focus(
    qtbot,
    window: MainWindow,
    services: AppServices,  # type: ignore[no-untyped-def]
) -> None:
    controller = start_with_keyboard(qtbot, window, "desk-hips")
    assert controller.driver is not None
    window.session.player.stop_button.setFocus()
    qtbot.keyClick(window.session.player.stop_button, Qt.Key.Key_Space)
    assert controller.driver.engine.state is State.PAUSED  # paused, not stopped
    assert controller.phase is Phase.RUNNING


def test_every_control_has_a_name_and_the_key_in_its_tooltip(
    qtbot,
    window: MainWindow,  # type: ignore[no-untyped-def]
) -> None:
    player = window.session.player
    keys = {
        player.back_button: "←",
        player.play_button: "Space",
        player.skip_button: "→",
        player.stop_button: "Esc",
        player.easier_button: "(E)",
        player.mute_button: "(M)",
    }
    for button, key in keys.items():
        assert button.accessibleName()
        assert key in button.toolTip()


def test_a_preview_handed_in_with_options_shows_its_badge_and_plays_as_asked(
    qtbot,
    window: MainWindow,
    services: AppServices,  # type: ignore[no-untyped-def]
) -> None:
    from stretchtimer.core.session.options import PlayOptions

    services.settings.update(comfort_rating="always")
    window.play_routine("desk-hips", "", PlayOptions(speed=20, rate=150, mute=True))
    wait_started(qtbot, window)
    controller = window.sessions.controller
    assert controller is not None
    player = window.session.player
    assert controller.speed == 20 and controller.preview
    assert not controller.asks_comfort  # a preview never asks
    assert player.preview_badge.isVisibleTo(player)
    assert player.preview_badge.text() == "Preview ×20"
    settings = controller.settings()
    assert settings.muted and settings.rate == 150
    assert controller.player is not None and controller.player.chime_volume == 0
    assert not services.settings.current.muted  # for this session only

    controller.stop()
    window.sessions.start_routine("desk-hips")
    qtbot.waitUntil(lambda: window.sessions.controller is not controller, timeout=20_000)
    assert not window.sessions.controller.preview
    assert window.sessions.controller.asks_comfort
    assert not player.preview_badge.isVisibleTo(player)


def test_a_new_routine_never_shows_the_step_of_the_session_before(
    qtbot,
    window: MainWindow,
    services: AppServices,  # type: ignore[no-untyped-def]
) -> None:
    start_with_keyboard(qtbot, window, "hip-openers")
    player = window.session.player
    window.sessions.controller.skip()
    player.refresh()
    assert player.step_name.text() == "Pigeon pose"
    window.sessions.controller.stop()
    seen: list[tuple[str, str, str]] = []
    window.sessions.started.connect(
        lambda _controller: seen.append(
            (player.routine_title.text(), player.step_name.text(), player.upcoming.text())
        )
    )
    window.sessions.start_routine("desk-hips")
    qtbot.waitUntil(lambda: bool(seen), timeout=20_000)
    assert seen[0] == ("Desk hips", "", "")  # the new title over an empty player
