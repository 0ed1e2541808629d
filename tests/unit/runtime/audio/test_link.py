"""The app's end of the audio process, with a real audio process (on the test run's
private PulseAudio server): sounds load, commands are answered, and a child that dies,
hangs or is asked to go is reaped, never left behind, and replaced with the same sounds."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from stretchtimer.runtime.audio.link import ANSWER_MS, AudioLink
from stretchtimer.storage.resources import sound_path
from tests.integration.audio.pulse import PulseServer

CHIMES = ("session_start", "inhale", "exhale")
# How the pipes are read: a notifier on the event loop (Linux, macOS), or a reader thread
# (Windows, where a notifier cannot watch a pipe; run here too, on the real child).
READERS = pytest.mark.parametrize("thread", [False, True], ids=["notifier", "thread"])


def gone(pid: int) -> bool:
    """Reaped: not even a zombie is left."""
    return not Path(f"/proc/{pid}").exists()


def load_and_wait(qtbot: QtBot, link: AudioLink, sounds: dict[int, str]) -> int:
    """Load ``sounds`` (a name by key) and wait until the link says all are in; how many
    failed. With no sounds, only the wait: for the sounds a new child loads again."""
    with qtbot.waitSignal(link.all_loaded, timeout=20_000) as loaded:
        for key, name in sounds.items():
            link.load(key, str(sound_path(name)), 0.5)
    (failed,) = loaded.args
    return int(failed)


def loaded_link(qtbot: QtBot, *, thread: bool = False) -> tuple[AudioLink, int]:
    """A link with the chimes loaded, and the pid of its audio process."""
    link = AudioLink(thread=thread)
    assert link.pid is None  # nothing runs before a sound is needed
    # The first sound starts the audio process.
    assert load_and_wait(qtbot, link, dict(enumerate(CHIMES))) == 0  # none failed
    pid = link.pid
    assert pid is not None
    return link, pid


@READERS
def test_sounds_load_play_and_every_command_is_answered(
    qtbot: QtBot, pulse: PulseServer, thread: bool
) -> None:
    link, pid = loaded_link(qtbot, thread=thread)
    link.play(0)
    link.set_volume(1, 0.2)
    link.stop(0)
    qtbot.waitUntil(lambda: link._answered == link._sent, timeout=ANSWER_MS)
    link.close()
    assert link.pid is None and gone(pid)
    link.play(0)  # after closing: nothing happens, nothing starts
    assert link.pid is None


@READERS
def test_a_killed_child_is_replaced_and_given_the_same_sounds(
    qtbot: QtBot, pulse: PulseServer, thread: bool
) -> None:
    link, first = loaded_link(qtbot, thread=thread)
    with qtbot.waitSignal(link.restarted, timeout=5000):
        os.kill(first, signal.SIGKILL)
    assert load_and_wait(qtbot, link, {}) == 0  # the new child loaded the same sounds
    assert link.pid not in (None, first)
    assert gone(first)
    link.close()


@READERS
def test_a_hung_child_is_killed_within_the_bound_and_replaced(
    qtbot: QtBot, pulse: PulseServer, thread: bool
) -> None:
    link, hung = loaded_link(qtbot, thread=thread)
    os.kill(hung, signal.SIGSTOP)
    began = time.monotonic()
    with qtbot.waitSignal(link.restarted, timeout=ANSWER_MS + 3000):
        link.play(0)  # never answered
    assert time.monotonic() - began < ANSWER_MS / 1000 + 1.5
    assert gone(hung)
    assert link.pid not in (None, hung)
    link.close()


def test_a_child_that_keeps_dying_is_given_up_after_a_few_tries(
    qtbot: QtBot, pulse: PulseServer
) -> None:
    link, _pid = loaded_link(qtbot)
    for _ in range(10):
        pid = link.pid
        if pid is None:
            break
        os.kill(pid, signal.SIGKILL)
        qtbot.waitUntil(lambda pid=pid: link.pid != pid, timeout=5000)  # type: ignore[misc]
    assert link.pid is None  # no endless restarts: the sound stays off
    link.close()


def test_the_child_ends_a_while_after_the_last_sound_is_let_go(
    qtbot: QtBot, pulse: PulseServer
) -> None:
    link, pid = loaded_link(qtbot)
    link._idle.setInterval(200)  # a minute in the app
    link.unload([0, 1])
    qtbot.wait(400)
    assert link.pid == pid  # one sound is still held
    link.unload([2])
    qtbot.waitUntil(lambda: link.pid is None, timeout=3000)
    assert gone(pid)
    load_and_wait(qtbot, link, {3: "inhale"})  # needed again: started again
    assert link.pid not in (None, pid)
    link.close()


def test_a_warmed_link_runs_its_child_ahead_and_ends_it_when_no_sound_comes(
    qtbot: QtBot, pulse: PulseServer
) -> None:
    link = AudioLink()
    link._idle.setInterval(300)  # a minute in the app
    link.warm()  # the pointer reached Start
    pid = link.pid
    assert pid is not None  # running before any sound is asked for
    qtbot.waitUntil(lambda: link.pid is None, timeout=3000)  # no session came
    assert gone(pid)
    link.warm()
    warmed = link.pid
    load_and_wait(qtbot, link, {0: "session_start"})  # the session came
    assert link.pid == warmed  # the warm child loads it: none started twice
    qtbot.wait(600)
    assert link.pid == warmed  # a sound is held: it stays
    link.close()


def test_the_audio_process_plays_without_a_media_back_end_and_says_nothing_of_it(
    qtbot: QtBot, pulse: PulseServer, caplog: pytest.LogCaptureFixture
) -> None:
    # Qt Multimedia's FFmpeg back end (libavcodec and friends) is not loaded: QSoundEffect
    # plays WAV files without it, and the process starts sooner and smaller.
    outputs: list[int] = []
    link = AudioLink()
    link.connected.connect(outputs.append)
    with qtbot.waitSignal(link.all_loaded, timeout=20_000) as loaded:
        link.load(0, str(sound_path("session_start")), 0.5)
    assert loaded.args == [0] and outputs == [1]  # loaded, and the null sink is seen
    pid = link.pid
    assert pid is not None
    maps = Path(f"/proc/{pid}/maps").read_text()
    assert "libQt6Multimedia" in maps and "libpulse" in maps
    assert "libffmpegmediaplugin" not in maps and "libavcodec" not in maps
    link.play(0)
    qtbot.waitUntil(lambda: link._answered == link._sent, timeout=ANSWER_MS)
    link.close()
    said = [record.getMessage() for record in caplog.records if "audio:" in record.getMessage()]
    assert not [text for text in said if "backend" in text.lower()], said
