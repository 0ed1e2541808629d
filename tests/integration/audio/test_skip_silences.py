"""Skip mid-sentence: the voice stops at once, heard through the recorded sink."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.integration.audio.onsets import AUDIBLE, Recording
from tests.integration.audio.pulse import PulseServer
from tests.integration.audio.test_play_heard import read_log
from tests.unit.commands.test_play_cmd import Terminal

ONE_HOLD = """\
format = 1
title = "One hold"

[pace]
prepare = 1

[[step]]
name = "Reach"
hold = 30
"""

# The chimes are off in this test, so that after the skip nothing may be heard until
# the closing words (0.6 s later): any sound there would be the old voice going on.
# espeak-ng: rendered long before the hold, so the skip lands in "Hold for thirty seconds."
# (the natural voice, on a loaded machine, may make the session wait for it first).
NO_CHIMES = 'version = 1\n[sound]\nchime_volume = 0.0\n[voice]\nvoice = "pyttsx3:"\n'


def test_skip_mid_sentence_stops_the_voice_within_100_ms(
    pulse: PulseServer, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    routine = home / "one-hold.toml"
    routine.write_text(ONE_HOLD, encoding="utf-8")
    (home / "config").mkdir()
    (home / "config" / "settings.toml").write_text(NO_CHIMES, encoding="utf-8")
    log = home / "cues.jsonl"
    monkeypatch.setenv("STRETCHTIMER_CUE_LOG", str(log))
    with pulse.recording(home / "heard.wav") as wav:
        term = Terminal(home, str(routine), "--no-gui")
        try:
            term.read_until(r"hold 30 s")
            time.sleep(0.5)  # "Hold for thirty seconds." takes about 1.6 s to say
            term.press("n")
            assert term.wait() == 0
        finally:
            term.close()
    records = read_log(log)
    voices = [record for record in records if record["what"] == "voice"]
    hold = next(record for record in voices if record["text"] == "Hold for thirty seconds.")
    silenced = next(record for record in records if record["what"] == "silence")
    assert hold["at"] + 0.2 < silenced["at"] < hold["at"] + hold["seconds"] - 0.3, (
        "the skip did not land mid-sentence"
    )
    assert voices[-1]["text"] == "Session complete. Well done."
    assert not any(record["what"] == "chime" for record in records)

    recording = Recording.load(wav)
    anchor = recording.first_sound()
    assert anchor is not None
    stop = anchor + (silenced["at"] - voices[0]["at"])
    assert recording.loudest(stop - 0.3, stop) > 0.02  # it was speaking
    assert recording.loudest(stop + 0.1, stop + 0.5) < AUDIBLE  # and then it was not
    closing = anchor + (voices[-1]["at"] - voices[0]["at"])
    assert recording.loudest(closing, closing + 1.0) > 0.02  # the closing words follow
