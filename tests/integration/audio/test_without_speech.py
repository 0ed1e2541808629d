"""Without a speech engine or a sound device the session still runs and says why, once.

A machine without espeak-ng cannot be made by uninstalling it in a test, so the
child gets an environment whose dynamic loader cannot load the library: a
directory on ``LD_LIBRARY_PATH`` (searched before the system's library folders)
holds an empty file named ``libespeak-ng.so.1``. ``dlopen("libespeak-ng.so.1")``
finds it first and fails ("file too short"), exactly where it fails on a machine
without the package: pyttsx3 reports that eSpeak is not installed. Nothing of
stretchtimer is faked; only the library is out of reach.
"""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_cli
from tests.integration.audio.onsets import Recording, match
from tests.integration.audio.pulse import PulseServer
from tests.integration.audio.test_play_heard import TOLERANCE, cue_time, read_log

BOTH_SIDES = """\
format = 1
title = "Both sides"

[pace]
prepare = 1
switch = 1

[[step]]
name = "Reach"
hold = 1
sides = "both"
"""

NO_ENGINE = (
    "stretchtimer: The voice is off because the speech engine is not installed; to hear "
    "the steps, install the Debian package libespeak-ng1 (sudo apt install libespeak-ng1)."
)


def without_espeak(home: Path) -> dict[str, str]:
    folder = home / "no-espeak"
    folder.mkdir()
    (folder / "libespeak-ng.so.1").write_bytes(b"")
    return {"LD_LIBRARY_PATH": str(folder)}


def test_without_espeak_the_session_runs_with_chimes_and_one_clear_sentence(
    pulse: PulseServer, home: Path
) -> None:
    routine = home / "both-sides.toml"
    routine.write_text(BOTH_SIDES, encoding="utf-8")
    log = home / "cues.jsonl"
    environment = {**pulse.env(), **without_espeak(home), "STRETCHTIMER_CUE_LOG": str(log)}
    with pulse.recording(home / "heard.wav") as wav:
        result = run_cli(
            "play", str(routine), "--no-gui", "--voice", "pyttsx3:", home=home, env=environment
        )
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [NO_ENGINE]
    assert "Session complete" in result.stdout
    records = read_log(log)
    assert not any(record["what"] == "voice" for record in records)
    chimes = [record for record in records if record["what"] == "chime"]
    assert [chime["name"] for chime in chimes] == ["session_start", "switch", "complete"]
    recording = Recording.load(wav)
    anchor = recording.first_sound()
    assert anchor is not None
    expected = [anchor + (cue_time(chime) - cue_time(chimes[0])) for chime in chimes]
    assert None not in match(recording.onsets(), expected, TOLERANCE)


def test_voices_and_say_explain_a_missing_engine(home: Path) -> None:
    environment = without_espeak(home)
    result = run_cli("say", "Hello", "--voice", "pyttsx3:", home=home, env=environment)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [NO_ENGINE]
    listing = run_cli("voices", home=home, env=environment)
    assert listing.stderr.splitlines()[0] == NO_ENGINE
    assert listing.stdout.splitlines()[1].split()[0] == "piper:en_US-joe-medium"
    # The natural voice needs no system speech library: it still speaks.
    said = home / "hello.wav"
    result = run_cli("say", "Hello", "--to", str(said), home=home, env=environment)
    assert result.returncode == 0, result.stderr
    assert said.stat().st_size > 10_000


def test_without_a_sound_server_the_session_is_silent_and_says_so(home: Path) -> None:
    result = run_cli(
        "play",
        "two-minute-reset",
        "--no-gui",
        "--speed",
        "100",
        home=home,
        env={"PULSE_SERVER": f"unix:{home}/no-such-server"},
    )
    assert result.returncode == 0
    assert result.stderr.splitlines() == [
        "stretchtimer: No sound output was found, so the session is silent; connect "
        "speakers or headphones and check that PulseAudio or PipeWire is running."
    ]
    assert "Session complete" in result.stdout
