"""How ``stretchtimer play --no-gui`` begins, heard on the null sink: the start chime
first, as in the app, then the first words the chime's quiet later. With the system
voice (its words render inside that quiet) what is heard is what it always was; with a
question first the chime waits for the answer, as before. The natural voice, whose
first words take longer, is heard in ``test_play_heard.py``. Each session here is
stopped once its first words are heard."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from tests.integration.audio.onsets import Recording, match
from tests.integration.audio.pulse import PulseServer
from tests.integration.audio.test_play_heard import SHORT_ROUTINE, TOLERANCE, read_log
from tests.unit.commands.test_play_cmd import Terminal

SYSTEM_VOICE = 'version = 1\n[voice]\nvoice = "pyttsx3:"\n'
ASKING = SYSTEM_VOICE + '[session]\ncomfort_rating = "always"\n'
QUIET = 0.6  # seconds from the start chime to the first words, as the plan has it


def first_words_heard(
    pulse: PulseServer, home: Path, settings: str, answer: str | None = None
) -> tuple[list[dict[str, Any]], Recording, float]:
    """Play the short routine on a pseudo-terminal until its first words are said, then
    stop it; what was played (the timing log), the recording, and when the question was
    answered (monotonic; 0 when none was asked)."""
    routine = home / "audio-check.toml"
    routine.write_text(SHORT_ROUTINE, encoding="utf-8")
    (home / "config").mkdir(exist_ok=True)
    (home / "config" / "settings.toml").write_text(settings, encoding="utf-8")
    log = home / "cues.jsonl"
    answered = 0.0
    with pulse.recording(home / "heard.wav") as wav:
        term = Terminal(home, str(routine), "--no-gui")
        try:
            if answer is not None:
                term.read_until(r"0 \(very sore\) to 10")
                time.sleep(0.5)  # the sounds are loaded by now: the chime would have rung
                assert not any(record["what"] == "chime" for record in logged(log))
                answered = time.monotonic()
                term.press(answer + "\n")
            deadline = time.monotonic() + 30
            while not any(record["what"] == "voice" for record in logged(log)):
                assert time.monotonic() < deadline, "the first words were never said"
                time.sleep(0.05)
            time.sleep(0.8)  # the first word heard
            term.press("q")
            if answer is not None:
                term.read_until(r"And now")
                term.press("\n")
            assert term.wait() == 130
        finally:
            term.close()
    return read_log(log), Recording.load(wav), answered


def logged(path: Path) -> list[dict[str, Any]]:
    return read_log(path) if path.exists() else []


def test_with_the_system_voice_the_chime_rings_first_and_the_words_follow_it_as_before(
    pulse: PulseServer, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STRETCHTIMER_CUE_LOG", str(home / "cues.jsonl"))
    records, recording, _answered = first_words_heard(pulse, home, SYSTEM_VOICE)
    chime = records[0]
    began = next(record for record in records if record["what"] == "segment")
    words = next(record for record in records if record["what"] == "voice")
    assert (chime["what"], chime["name"]) == ("chime", "session_start")
    assert chime["at"] < began["at"]  # rung as the sounds were loaded, words not yet ready
    # espeak-ng renders inside the quiet: the words the quiet after the chime, as always.
    assert words["due"] - chime["at"] == pytest.approx(QUIET, abs=0.01)
    anchor = recording.first_sound()
    assert anchor is not None, "nothing was heard"
    assert match(recording.onsets(), [anchor + QUIET], TOLERANCE)[0] is not None


def test_with_a_question_first_the_chime_rings_after_the_answer(
    pulse: PulseServer, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STRETCHTIMER_CUE_LOG", str(home / "cues.jsonl"))
    records, recording, answered = first_words_heard(pulse, home, ASKING, answer="7")
    chime = next(record for record in records if record["what"] == "chime")
    words = next(record for record in records if record["what"] == "voice")
    assert chime["name"] == "session_start"
    assert chime["due"] is not None and chime["at"] > answered  # the session's own cue
    assert words["due"] - chime["due"] == pytest.approx(QUIET, abs=0.01)
    anchor = recording.first_sound()
    assert anchor is not None, "nothing was heard"
    assert match(recording.onsets(), [anchor + QUIET], TOLERANCE)[0] is not None
