"""The desktop app's session when its sound goes wrong, on the app's own event loop (GLib,
as the desktop app runs it under the offscreen platform), with real PulseAudio servers.

- The sound server dies in the middle of a voiced session and a new one starts: the
  app's thread does not spin, the session goes on to its end, speech is heard from the
  new server, and the person is told once that the sound was lost and once that it is
  back.
- The audio process is killed (SIGKILL): a new one is started and the next cue is heard.
- The audio process hangs (SIGSTOP): the app's loop goes on, and a new one takes over.
"""

from __future__ import annotations

import array
import os
import signal
import time
import wave
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractEventDispatcher, QThread, QTimer
from pytestqt.qtbot import QtBot

from stretchtimer.core.i18n import _
from stretchtimer.core.routine.file import load_routine
from stretchtimer.core.session.events import State, Status
from stretchtimer.gui.services import AppServices
from stretchtimer.gui.session.controller import Phase, SessionController
from stretchtimer.gui.settings_model import SettingsModel
from stretchtimer.gui.tasks import ImmediateTaskRunner
from stretchtimer.runtime.audio.cue_player import SOUND_BACK, SOUND_LOST
from stretchtimer.runtime.audio.link import ANSWER_MS
from stretchtimer.storage.paths import app_paths
from stretchtimer.storage.routines.library import RoutineLibrary
from stretchtimer.storage.settings import SettingsStore
from tests.integration.audio.pulse import HEARD, PulseServer, private_servers, wait_to_hear

ROUTINE = """\
format = 1
title = "Restart check"

[pace]
prepare = 1
rest = 1
inhale = 2
exhale = 2

[[step]]
name = "Breathe"
breaths = {breaths}
"""
SPIN_SHARE = 0.2  # of one core, over seconds: a spinning loop takes all it can get


def peak(path: Path) -> int:
    with wave.open(str(path)) as recording:
        samples = array.array("h", recording.readframes(recording.getnframes()))
    return max((abs(sample) for sample in samples), default=0)


@pytest.fixture
def server(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, home: Path
) -> Iterator[list[PulseServer]]:
    """A private sound server for this test alone (a list: the test may replace it)."""
    with private_servers(tmp_path / "pulse", monkeypatch) as servers:
        yield servers


@pytest.fixture
def services(home: Path) -> AppServices:
    """The app's services on the real clock, speaking with the system's voice."""
    paths = app_paths()
    tasks = ImmediateTaskRunner()
    store = SettingsStore(paths.settings)
    settings = SettingsModel(store, store.load().settings, tasks)
    settings.update(voice="pyttsx3:")
    return AppServices(
        paths=paths, settings=settings, routine_library=RoutineLibrary(paths.routines), tasks=tasks
    )


def start_session(
    qtbot: QtBot, services: AppServices, home: Path, breaths: int
) -> tuple[SessionController, list[str]]:
    assert "Glib" in dispatcher_name(), "the app runs GLib's loop; so must this test"
    routine_file = home / "restart.toml"
    routine_file.write_text(ROUTINE.format(breaths=breaths))
    controller = SessionController(services, "restart", load_routine(routine_file), record=False)
    told: list[str] = []
    controller.notice.connect(told.append)
    controller.begin()
    qtbot.waitUntil(lambda: controller.phase is Phase.RUNNING, timeout=60_000)
    return controller, told


def dispatcher_name() -> str:
    dispatcher = QAbstractEventDispatcher.instance(QThread.currentThread())
    assert dispatcher is not None
    return dispatcher.metaObject().className()


def cpu_share_while_waiting(qtbot: QtBot, milliseconds: int) -> float:
    """This process's CPU time over ``milliseconds`` of its event loop, as a share of one core."""
    cpu, wall = time.process_time(), time.monotonic()
    qtbot.wait(milliseconds)
    return (time.process_time() - cpu) / (time.monotonic() - wall)


def audio_process(controller: SessionController) -> int:
    assert controller.player is not None
    pid = controller.player.audio_process
    assert pid is not None
    return pid


def skip_to_the_end(qtbot: QtBot, controller: SessionController, finished: list[object]) -> None:
    """The rest of a session that is still going on its own, skipped (the person presses
    Skip) so the test need not wait for its natural end: a stopped session stays stopped."""
    assert controller.driver is not None
    assert controller.driver.engine.state is State.RUNNING, controller.driver.engine.state

    def ended() -> bool:
        if controller.running:
            controller.skip()
        return bool(finished)

    qtbot.waitUntil(ended, timeout=60_000)


def end_session(qtbot: QtBot, controller: SessionController) -> None:
    if controller.phase is not Phase.FINISHED:
        controller.stop()
    qtbot.waitUntil(lambda: controller.parts is None or controller.phase is Phase.FINISHED)
    if controller.parts is not None:
        controller.parts.close_player()
    controller.deleteLater()


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGKILL], ids=["stopped", "killed"])
def test_the_server_restarts_mid_session_no_spin_the_session_ends_and_sound_is_back(
    how: signal.Signals, qtbot: QtBot, server: list[PulseServer], services: AppServices, home: Path
) -> None:
    # 8 breaths of 4 s: a session that outlasts the server going, its successor and the
    # recording on it until a cue is heard (a breath cue every 2 s; 8 s at most), with room
    # for a loaded machine (the killed case hears it after ~14 s); then the rest is skipped.
    controller, told = start_session(qtbot, services, home, breaths=8)
    finished: list[object] = []
    controller.finished.connect(finished.append)
    try:
        first_child = audio_process(controller)
        qtbot.wait(2000)
        # PulseAudio goes away under the session (killed, it leaves its socket file) ...
        assert server[0].process is not None
        server[0].process.send_signal(how)
        server[0].process.wait(timeout=10)
        # Told within seconds: at once when the socket goes (stopped), when Qt in the audio
        # process gives up on it (killed: the socket file stays, about 3 s).
        began = time.monotonic()
        qtbot.waitUntil(lambda: _(SOUND_LOST) in told, timeout=10_000)
        told_after = time.monotonic() - began
        gone_share = cpu_share_while_waiting(qtbot, 2500)
        server.append(PulseServer(server[0].folder).start())  # ... and a new one comes
        back_share = cpu_share_while_waiting(qtbot, 2500)
        assert gone_share < SPIN_SHARE and back_share < SPIN_SHARE, (gone_share, back_share)
        assert audio_process(controller) != first_child  # a new one, on the new server
        peaks: list[int] = []
        with server[-1].recording(home / "after.wav", peaks) as after:
            wait_to_hear(peaks, 8, qtbot.wait)  # breaths, a cue every 2 s
        assert not finished, "the session ended before its rest was skipped"
        skip_to_the_end(qtbot, controller, finished)
    finally:
        end_session(qtbot, controller)
    assert finished == [Status.COMPLETED]
    assert peak(after) > HEARD, "nothing was heard after the restart"
    assert told.count(_(SOUND_LOST)) == 1, told
    assert told.count(_(SOUND_BACK)) == 1, told
    assert told.index(_(SOUND_LOST)) < told.index(_(SOUND_BACK))
    assert told_after < (1.0 if how is signal.SIGTERM else 6.0), told_after


def test_a_killed_audio_process_is_started_again_and_the_next_cue_is_heard(
    qtbot: QtBot,
    server: list[PulseServer],
    services: AppServices,
    home: Path,
    tmp_path: Path,
) -> None:
    controller, told = start_session(qtbot, services, home, breaths=8)
    try:
        killed = audio_process(controller)
        os.kill(killed, signal.SIGKILL)
        qtbot.waitUntil(lambda: audio_process(controller) != killed, timeout=3000)
        peaks: list[int] = []
        with server[0].recording(tmp_path / "after.wav", peaks) as after:
            wait_to_hear(peaks, 8, qtbot.wait)  # a breath cue every 2 s
        assert controller.phase is Phase.RUNNING
    finally:
        end_session(qtbot, controller)
    assert peak(after) > HEARD, "nothing was heard after the audio process was killed"
    assert told == []  # nothing the person needs to know: the sound went on


def test_a_hung_audio_process_does_not_stall_the_app_and_is_replaced(
    qtbot: QtBot,
    server: list[PulseServer],
    services: AppServices,
    home: Path,
    tmp_path: Path,
) -> None:
    controller, _told = start_session(qtbot, services, home, breaths=8)
    gaps: list[float] = []
    last = [time.monotonic()]

    def beat() -> None:
        now = time.monotonic()
        gaps.append(now - last[0])
        last[0] = now

    heartbeat = QTimer()
    heartbeat.timeout.connect(beat)
    heartbeat.start(50)
    hung = audio_process(controller)
    try:
        os.kill(hung, signal.SIGSTOP)
        # Cues go on being sent to the stopped process; it answers none of them.
        qtbot.waitUntil(lambda: audio_process(controller) != hung, timeout=ANSWER_MS + 6000)
        qtbot.wait(1000)
        heartbeat.stop()  # the recording below blocks this thread itself as it starts
        peaks: list[int] = []
        with server[0].recording(tmp_path / "after.wav", peaks) as after:
            wait_to_hear(peaks, 8, qtbot.wait)  # a breath cue every 2 s
    finally:
        heartbeat.stop()
        end_session(qtbot, controller)
        if Path(f"/proc/{hung}").exists():  # reaped: the app killed it
            os.kill(hung, signal.SIGKILL)
    assert not Path(f"/proc/{hung}").exists(), "the hung process was left behind"
    assert max(gaps) < 0.5, f"the app's loop stalled for {max(gaps):.2f} s"
    assert peak(after) > HEARD, "nothing was heard after the audio process hung"
