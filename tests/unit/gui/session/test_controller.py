"""A session in the app, end to end in one process: voice prepared, session recorded,
comfort asked before and after, mute applied at once, and the reasons when the voice is off."""

from __future__ import annotations

import dataclasses
import os
import signal
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel

from stretchtimer.core.session.clock import FakeClock
from stretchtimer.core.session.events import CueDue
from stretchtimer.gui.main_window import MainWindow
from stretchtimer.gui.services import AppServices
from stretchtimer.gui.session.controller import Phase, SessionController
from stretchtimer.gui.tasks import ImmediateTaskRunner
from stretchtimer.runtime.audio.cue_player import CuePlayer
from stretchtimer.runtime.audio.link import shared_link
from stretchtimer.runtime.session_start import SOUNDS_FIRST_MS, sounds_first
from stretchtimer.storage.history import open_history
from stretchtimer.storage.settings import Settings
from tests.unit.gui.conftest import save_artifact, wait_for_session, wait_started


def finish_by_skipping(window: MainWindow, clock: FakeClock) -> None:
    controller = window.sessions.controller
    assert controller is not None and controller.driver is not None
    while controller.phase is Phase.RUNNING:
        clock.advance(2.0)
        controller.driver.tick()
        controller.skip()


def finish_by_waiting(window: MainWindow, clock: FakeClock) -> None:
    """Let every part run to its end, on the fake clock."""
    controller = window.sessions.controller
    assert controller is not None and controller.driver is not None
    driver = controller.driver
    patience = time.monotonic() + 60
    while controller.phase is Phase.RUNNING:
        if driver.engine.waiting_for_speech:  # the voice of what comes next is on its way
            assert time.monotonic() < patience, "the speech never became ready"
            QCoreApplication.processEvents()
            time.sleep(0.005)
            continue
        deadline = driver.engine.next_deadline()
        assert deadline is not None, (driver.engine.state, driver.engine.segment.kind)
        # A second at a time, as the driver's heartbeat ticks: a longer silence is a stall.
        clock.advance(min(1.0, max(0.0, deadline - driver.now().mono) / driver.speed + 1e-6))
        driver.tick()


def recorded_sessions(services: AppServices) -> list:  # type: ignore[type-arg]
    opened = open_history(services.paths.history, create=False)
    assert opened.database is not None
    with opened.database as database:
        return database.recent()


def test_a_session_in_the_app_is_recorded_with_comfort_before_and_after(
    qtbot,
    window: MainWindow,
    services: AppServices,
    clock: FakeClock,  # type: ignore[no-untyped-def]
) -> None:
    window.routines.select("sciatica-relief")  # asks by default: it is tagged "sciatica"
    qtbot.keyClick(window.routines.list, Qt.Key.Key_Return)
    controller = wait_for_session(qtbot, window)
    player = window.session.player
    assert controller.asks_comfort
    assert player.comfort_before.isVisibleTo(player)
    save_artifact(window, "light-session-comfort-before")
    assert controller.driver is None  # waits for the answer
    qtbot.mouseClick(player.comfort_before.group.button(4), Qt.MouseButton.LeftButton)
    wait_started(qtbot, window)
    assert not player.comfort_before.isVisibleTo(player)
    finish_by_waiting(window, clock)
    complete = window.session.complete
    assert complete.comfort.isVisibleTo(complete)
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_7)  # the number keys answer
    qtbot.waitUntil(lambda: complete.streak.isVisibleTo(complete), timeout=10_000)
    assert complete.streak.text() == "Current streak: 1 day in a row"
    # The finish: every stretch once (with its sides), the week, the comfort change.
    names = [step.name for step in controller.routine.steps]
    recap = complete.recap.text().splitlines()
    assert [line.split(" · ")[0] for line in recap] == names
    assert complete.numbers.isVisibleTo(complete)
    assert "1 of 3 sessions" in complete.numbers.text()
    assert complete.comfort_change.text() == "Comfort 4 → 7 (+3)"
    assert window.focusWidget() is complete.done_button  # Enter now goes back
    save_artifact(window, "session-complete-recap-light")
    qtbot.keyClick(complete.done_button, Qt.Key.Key_Return)  # writes are finished
    services.tasks.wait()
    [session] = recorded_sessions(services)
    assert session.routine_id == "sciatica-relief"
    assert session.status.value == "completed"
    assert (session.comfort_before, session.comfort_after) == (4, 7)
    assert len(session.segments) == len(controller.plan.segments) - 1  # all but the closing


def test_a_session_shows_in_the_history_page_opened_before_it_with_its_rating(
    qtbot,
    window: MainWindow,
    services: AppServices,
    clock: FakeClock,  # type: ignore[no-untyped-def]
) -> None:
    window.show_place("history")  # looked at the history first: the page exists
    qtbot.waitUntil(lambda: window.history.model.rowCount() == 0 and window.history.isVisible())
    window.routines.select("sciatica-relief")
    window.show_place("routines")
    qtbot.keyClick(window.routines.list, Qt.Key.Key_Return)
    controller = wait_for_session(qtbot, window)
    player = window.session.player
    qtbot.mouseClick(player.comfort_before.group.button(3), Qt.MouseButton.LeftButton)
    wait_started(qtbot, window)
    finish_by_skipping(window, clock)
    complete = window.session.complete
    qtbot.mouseClick(complete.comfort.group.button(6), Qt.MouseButton.LeftButton)
    # Straight to History (Ctrl+3), without going back to the routines first.
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    page = window.history
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10_000)

    def rated() -> bool:
        record = page.model.record(0)
        return record is not None and record.comfort_after == 6

    qtbot.waitUntil(rated, timeout=10_000)  # the rating after came in a moment later
    record = page.model.record(0)
    assert record is not None
    assert record.routine_id == "sciatica-relief" and record.comfort_before == 3
    assert controller.phase is Phase.FINISHED


def test_no_comfort_question_for_routines_that_do_not_ask(
    qtbot,
    window: MainWindow,
    services: AppServices,
    clock: FakeClock,  # type: ignore[no-untyped-def]
) -> None:
    window.sessions.start_routine("two-minute-reset")
    wait_started(qtbot, window)
    assert not window.session.player.comfort_before.isVisibleTo(window.session.player)
    finish_by_skipping(window, clock)
    assert not window.session.complete.comfort.isVisibleTo(window.session.complete)


def test_the_voice_is_rendered_ahead_and_times_the_plan(
    qtbot,
    window: MainWindow,  # type: ignore[no-untyped-def]
) -> None:
    window.sessions.start_routine("two-minute-reset")
    wait_started(qtbot, window)
    controller = window.sessions.controller
    assert controller is not None and controller.plan is not None
    parts = controller.parts
    assert parts is not None
    words = [cue.text for cue in controller.plan.segments[0].cues if cue.spoken and cue.text]
    clips = parts.prepared.spoken.clips
    # It began as soon as its first words could be said; the rest renders meanwhile.
    assert words[0] in clips
    stream = parts.stream
    if stream is not None:
        qtbot.waitUntil(lambda: stream.finished, timeout=60_000)
        clips = stream.clips
    assert parts.driver is not None
    first = parts.driver.engine.plan.segments[0]  # re-timed by the clips as they came
    intro = next(cue for cue in first.cues if cue.role.value == "intro")
    assert first.duration >= intro.offset + clips[intro.text].seconds  # never talks over
    spoken = {
        cue.text
        for segment in parts.driver.engine.plan.segments
        for cue in segment.cues
        if cue.spoken and cue.text
    }
    assert spoken <= set(clips)  # every sentence of the session exists as a real clip


def test_the_sounds_load_while_the_first_words_render(
    qtbot,
    window: MainWindow,  # type: ignore[no-untyped-def]
) -> None:
    at_start: list[tuple[object, int | None]] = []

    def starting(controller: SessionController) -> None:
        def preparing(_done: int, _total: int) -> None:
            if not at_start:  # the first word of preparing, from Start itself
                player = controller.player
                at_start.append((controller.parts, player and player.audio_process))

        controller.preparing.connect(preparing)

    window.sessions.started.connect(starting)
    window.sessions.start_routine("two-minute-reset")
    wait_started(qtbot, window)
    controller = window.sessions.controller
    assert controller is not None
    player = controller.player
    # The audio process was started at the press of Start, before anything was prepared.
    assert player is not None
    assert at_start == [(None, player.audio_process)] and player.audio_process is not None
    parts = controller.parts
    assert parts is not None and parts.player is player  # the same player plays the session
    assert set(parts.prepared.spoken.clips) <= set(player._voices)


def test_mute_applies_at_once_to_the_playing_session(
    qtbot,
    window: MainWindow,
    services: AppServices,  # type: ignore[no-untyped-def]
) -> None:
    window.sessions.start_routine("desk-hips")
    wait_started(qtbot, window)
    player = window.session.player
    cue_player = window.sessions.controller.player  # type: ignore[union-attr]
    assert cue_player is not None
    player.setFocus()
    qtbot.keyClick(player, Qt.Key.Key_M)
    assert services.settings.current.muted
    assert (cue_player.voice_volume, cue_player.chime_volume) == (0.0, 0.0)
    qtbot.keyClick(player, Qt.Key.Key_M)
    assert not services.settings.current.muted
    assert cue_player.voice_volume == services.settings.current.voice_volume


def test_without_the_speech_engine_the_session_runs_and_says_why(
    qtbot,
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    # The worker process finds an empty libespeak-ng.so.1 first, as on a machine
    # without the package: loading the speech engine fails for real.
    broken = tmp_path / "lib"
    broken.mkdir()
    (broken / "libespeak-ng.so.1").write_bytes(b"")
    monkeypatch.setenv("LD_LIBRARY_PATH", str(broken))
    window.services.settings.update(voice="pyttsx3:")  # the system's voice, not Piper's
    window.sessions.start_routine("two-minute-reset")
    wait_started(qtbot, window)
    assert window.sessions.controller is not None and window.sessions.controller.running
    message = window.notices.text.text()
    assert "The voice is off because the speech engine is not installed" in message
    assert "libespeak-ng1" in message


def visible_texts_with(window: MainWindow, words: str) -> list[str]:
    return [
        label.text()
        for label in window.findChildren(QLabel)
        if label.isVisibleTo(window) and words in label.text()
    ]


def test_without_sound_output_or_speech_engine_each_reason_shows_once(
    qtbot,
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    # A machine without a sound server (its socket is missing).
    monkeypatch.setenv("PULSE_SERVER", f"unix:{tmp_path}/no-such-server")
    broken = tmp_path / "lib"  # no speech engine either, as in the test above
    broken.mkdir()
    (broken / "libespeak-ng.so.1").write_bytes(b"")
    monkeypatch.setenv("LD_LIBRARY_PATH", str(broken))
    window.services.settings.update(voice="pyttsx3:")  # the system's voice, not Piper's
    window.sessions.start_routine("two-minute-reset")
    wait_started(qtbot, window)
    assert window.current_place() == "session"
    for reason in ("No sound output was found", "the speech engine is not installed"):
        [shown] = visible_texts_with(window, reason)
        assert shown.count(reason) == 1, reason


class HeldTasks(ImmediateTaskRunner):
    """The background helper, its result handed back only when released: the first
    words "still render" for as long as the test says."""

    def __init__(self) -> None:
        super().__init__()
        self.held: list[Callable[[], None]] = []

    def run(self, function, on_done=None, on_error=None) -> None:  # type: ignore[no-untyped-def, override]
        self.held.append(lambda: super(HeldTasks, self).run(function, on_done, on_error))

    def release(self) -> None:
        held, self.held = self.held, []
        for task in held:
            task()


def test_the_start_chime_rings_while_the_first_words_render_and_the_quiet_counts_from_it(
    qtbot,
    system_voice: AppServices,
    clock: FakeClock,  # type: ignore[no-untyped-def]
) -> None:
    tasks = HeldTasks()
    services = dataclasses.replace(system_voice, tasks=tasks)
    routine = services.library.get("two-minute-reset").routine
    assert routine is not None
    controller = SessionController(services, "two-minute-reset", routine)
    events: list[object] = []
    controller.engine_event.connect(events.append)
    controller.begin()
    player = controller.player
    assert player is not None
    qtbot.waitUntil(player.is_ready, timeout=10_000)  # the chimes are loaded, words not yet
    assert controller.phase is Phase.PREPARING and controller.chimed_at == clock.now().mono
    assert player._chimes_end > 0  # the start chime was played in the audio process
    rang_at = clock.now().mono
    clock.advance(0.25)  # the first words took this much longer to render
    tasks.release()
    qtbot.waitUntil(lambda: controller.phase is Phase.RUNNING, timeout=10_000)
    driver = controller.driver
    assert driver is not None
    assert not any(isinstance(event, CueDue) and event.cue.sound for event in events)
    words = next(cue for cue in driver.engine.plan.segments[0].cues if cue.spoken and cue.text)
    # The quiet after the chime was counted from the chime, not from the start.
    assert driver.engine.next_deadline() == pytest.approx(rang_at + words.offset)
    clock.advance(words.offset - 0.25)
    driver.tick()
    said = [event for event in events if isinstance(event, CueDue)]
    assert [event.cue.text for event in said] == [words.text]
    assert said[0].late_by == pytest.approx(0.0)
    controller.stop()
    controller.close()


@pytest.mark.parametrize(
    ("voice", "running", "chime_early", "first"),
    [
        ("pyttsx3:", False, True, True),  # the chime is what the person waits for
        ("piper:en_US-joe-medium", False, True, False),  # the words take longer: at once
        ("pyttsx3:", True, True, False),  # the audio process runs already
        ("pyttsx3:", False, False, False),  # a question or a preview: no early chime
    ],
)
def test_the_audio_process_starts_first_only_when_the_chime_is_what_is_waited_for(
    voice: str, running: bool, chime_early: bool, first: bool
) -> None:
    settings = Settings(voice=voice)
    assert sounds_first(settings, audio_running=running, chime_early=chime_early) is first


def begun_cold(services: AppServices, tasks: HeldTasks) -> tuple[SessionController, CuePlayer]:
    """Start pressed on a short routine, the speech's preparation held in ``tasks``;
    the controller and its cue player, whose audio process has started."""
    services = dataclasses.replace(services, tasks=tasks)
    routine = services.library.get("two-minute-reset").routine
    assert routine is not None
    controller = SessionController(services, "two-minute-reset", routine)
    controller.begin()
    player = controller.player
    assert player is not None and player.audio_process is not None
    return controller, player


def test_with_the_system_voice_the_chimes_load_before_the_words_render(
    qtbot,
    system_voice: AppServices,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    shared_link().stop_child()  # a cold start: no audio process left by a test before
    # The order, not the bound (the next test): a loaded machine may pass 0.4 s.
    monkeypatch.setattr("stretchtimer.runtime.session_start.SOUNDS_FIRST_MS", 20_000)
    tasks = HeldTasks()
    controller, player = begun_cold(system_voice, tasks)
    assert tasks.held == []  # the speech waits: its worker would share the CPU
    qtbot.waitUntil(lambda: tasks.held != [], timeout=10_000)
    assert player.is_ready() and controller.chimed_at is not None  # the chime came first
    tasks.release()
    qtbot.waitUntil(lambda: controller.phase is Phase.RUNNING, timeout=10_000)
    controller.stop()
    controller.close()


def test_the_words_render_within_the_bound_when_the_audio_process_does_not_answer(
    qtbot,
    system_voice: AppServices,  # type: ignore[no-untyped-def]
) -> None:
    shared_link().stop_child()
    tasks = HeldTasks()
    controller, player = begun_cold(system_voice, tasks)
    os.kill(player.audio_process, signal.SIGSTOP)  # hung before it loaded anything
    began = time.monotonic()
    qtbot.waitUntil(lambda: tasks.held != [], timeout=SOUNDS_FIRST_MS + 2000)
    assert time.monotonic() - began < SOUNDS_FIRST_MS / 1000 + 0.5
    assert not player.is_ready()  # the bound asked for the words, not the chimes
    controller.stop()
    controller.close()
    tasks.release()  # stopped meanwhile: the prepared session is let go
    assert controller.phase is Phase.FINISHED and controller.parts is None
