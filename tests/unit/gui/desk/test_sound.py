"""A reminder is heard: the chime, then the spoken line, on a PulseAudio null sink."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from stretchtimer.gui.desk.companion import reminder_sound
from stretchtimer.gui.services import AppServices
from tests.integration.audio.onsets import Recording
from tests.integration.audio.pulse import PulseServer, private_servers


def test_the_reminder_chimes_and_then_speaks(
    qtbot: QtBot, pulse: PulseServer, services: AppServices, home: Path
) -> None:
    sound = reminder_sound(services)
    with pulse.recording(home / "reminder.wav") as wav:
        sound.chime(0.8)
        sound.say("Time for a stretch: Desk hips.", 0.8)
        qtbot.wait(4000)
    recording = Recording.load(wav)
    chime = recording.first_sound()
    assert chime is not None, "the reminder was silent"
    # The voice starts after the chime has rung (0.55 s), not over it.
    voice = [onset for onset in recording.onsets() if onset > chime + 0.6]
    assert voice, "the spoken line was not heard"
    assert recording.loudest(voice[0], voice[0] + 1.0) > 0.05
    assert recording.loudest(chime, chime + 0.5) > 0.02


def test_a_reminder_after_the_sound_server_restarted_is_heard(
    qtbot: QtBot, services: AppServices, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Qt's sound back end reaches the server its process first connected to, and no
    # other: a chime played by the app's own process is silent after a restart. The
    # audio process is started again for the new server.
    with private_servers(home / "pulse", monkeypatch) as servers:
        sound = reminder_sound(services)
        with servers[-1].recording(home / "before.wav") as before:
            sound.chime(0.8)
            qtbot.wait(1500)
        servers[-1].stop()
        qtbot.wait(500)
        servers.append(PulseServer(servers[0].folder).start())
        qtbot.wait(1500)  # the app notices the new server
        with servers[-1].recording(home / "after.wav") as after:
            sound.chime(0.8)
            qtbot.wait(2000)
    assert Recording.load(before).first_sound() is not None, "the first reminder was silent"
    assert Recording.load(after).first_sound() is not None, "silent after the restart"
