"""The press of Start shared by the app and the terminal (the sounds-first order itself
is tested with the controller, tests/unit/gui/session/test_controller.py, and heard in
tests/integration/audio/test_play_start.py)."""

from __future__ import annotations

from stretchtimer.core.session.clock import FakeClock
from stretchtimer.runtime.audio.link import shared_link
from stretchtimer.runtime.session_start import StartSounds
from stretchtimer.storage.settings import Settings


def test_muted_for_good_no_chime_is_counted_as_rung(qtbot) -> None:  # type: ignore[no-untyped-def]
    """``play --no-gui --mute``: no sound output, so the session counts from its start,
    as it always did, not from a chime nobody heard. (An earlier test may have left the
    shared audio process running: this one starts none of its own.)"""
    running_before = shared_link().pid
    start = StartSounds(Settings(muted=True), chime_early=True, clock=FakeClock(), can_unmute=False)
    prepared: list[bool] = []
    start.prepare(lambda: prepared.append(True))
    player = start.player
    assert player is not None
    qtbot.waitUntil(player.is_ready, timeout=5000)
    qtbot.waitUntil(lambda: prepared == [True], timeout=5000)
    assert start.chimed_at is None and not player.has_output
    assert player.audio_process == running_before
    assert start.take_player() is player and start.player is None
    player.close()


def test_stopped_while_preparing_nothing_is_prepared_after(qtbot) -> None:  # type: ignore[no-untyped-def]
    start = StartSounds(Settings(muted=True), chime_early=True, clock=FakeClock(), can_unmute=False)
    start.close()
    prepared: list[bool] = []
    start.prepare(lambda: prepared.append(True))
    qtbot.wait(50)
    assert prepared == [] and start.player is None
