"""``stretchtimer play --no-gui`` is heard: recorded from a private PulseAudio null sink.

The app writes what it played and when to a timing log (``STRETCHTIMER_CUE_LOG``);
the recording of the sink's monitor is matched against it. The first sound (the
session-start chime) anchors the recording to the app's clock, so every later cue
must be found in the recording near its scheduled time, in order.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import run_cli
from tests.integration.audio.onsets import Recording, match
from tests.integration.audio.pulse import PulseServer

SHORT_ROUTINE = """\
format = 1
title = "Audio check"

[pace]
prepare = 1
rest = 1
switch = 1
inhale = 2.5
exhale = 2.5

[[step]]
name = "Reach"
hold = 3
sides = "both"

[[step]]
name = "Breathe"
breaths = 1
"""

TOLERANCE = 0.15  # seconds; the benchmark measures the real error (p95 within 20 ms)


def read_log(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def cue_time(record: dict[str, Any]) -> float:
    """When a sound was meant to start: a cue when the plan wanted it; the start chime
    rung while the first words rendered (no time in the plan) when it rang."""
    due = record.get("due")
    return float(record["at"] if due is None else due)


def play_recorded(
    pulse: PulseServer, home: Path, *args: str, settings: str = ""
) -> tuple[list[dict[str, Any]], Recording, str]:
    routine = home / "audio-check.toml"
    routine.write_text(SHORT_ROUTINE, encoding="utf-8")
    if settings:
        (home / "config").mkdir(exist_ok=True)
        (home / "config" / "settings.toml").write_text(settings, encoding="utf-8")
    log = home / "cues.jsonl"
    with pulse.recording(home / "heard.wav") as wav:
        result = run_cli(
            "play",
            str(routine),
            "--no-gui",
            *args,
            home=home,
            # Set for each test by the autouse ``home`` fixture, which a module's fixture
            # comes before: English, whatever the machine's locale.
            env={**pulse.env(), "STRETCHTIMER_CUE_LOG": str(log), "LANGUAGE": "en"},
        )
    assert result.returncode == 0, result.stderr
    return read_log(log), Recording.load(wav), result.stderr


@pytest.fixture(scope="module")
def natural_session(
    pulse: PulseServer, tmp_path_factory: pytest.TempPathFactory
) -> tuple[list[dict[str, Any]], Recording, str]:
    """One session in the natural voice (the default wherever Piper is installed, as on CI),
    recorded once for the tests below: each reads it, none changes it. Piper renders
    while the session runs."""
    home = tmp_path_factory.mktemp("heard-home")
    return play_recorded(pulse, home, "--voice", "piper:en_US-joe-medium")


def test_every_cue_is_heard_in_order_near_its_time(
    natural_session: tuple[list[dict[str, Any]], Recording, str],
) -> None:
    records, recording, stderr = natural_session
    assert stderr == ""  # nothing to complain about: no notice, no Qt chatter
    played = [record for record in records if record["what"] in ("chime", "voice")]
    assert played[0] == {**played[0], "what": "chime", "name": "session_start"}
    assert played[-1]["text"] == "Session complete. Well done."
    assert any(record.get("text") == "Left side first." for record in played)
    assert any(record.get("name") == "switch" for record in played)

    anchor = recording.first_sound()
    assert anchor is not None, "nothing was heard"
    origin = cue_time(played[0])
    expected = [anchor + (cue_time(record) - origin) for record in played]
    heard = match(recording.onsets(), expected, TOLERANCE)
    missing = [
        (record.get("text") or record.get("name"), round(when, 3))
        for record, when, onset in zip(played, expected, heard, strict=True)
        if onset is None
    ]
    assert missing == []
    assert heard == sorted(heard, key=lambda onset: onset or 0.0)  # in order
    # Loud enough to follow: speech peaks well above the detector's threshold.
    assert recording.loudest(expected[1], expected[1] + 1.0) > 0.05


def test_a_session_in_the_natural_voice_is_heard_in_order(
    natural_session: tuple[list[dict[str, Any]], Recording, str],
) -> None:
    """Piper renders while the session runs; every cue is still heard near its time."""
    records, recording, stderr = natural_session
    assert stderr == ""
    voices = [record for record in records if record["what"] == "voice"]
    assert voices and voices[-1]["text"] == "Session complete. Well done."
    assert {record["text"] for record in voices} >= {"Left side first.", "Switch sides."}
    played = [record for record in records if record["what"] in ("chime", "voice")]
    anchor = recording.first_sound()
    assert anchor is not None, "nothing was heard"
    expected = [anchor + (cue_time(record) - cue_time(played[0])) for record in played]
    heard = match(recording.onsets(), expected, TOLERANCE)
    assert [
        record.get("text") for record, onset in zip(played, heard, strict=True) if onset is None
    ] == []
    assert recording.loudest(expected[1], expected[1] + 1.0) > 0.05


def test_the_start_chime_rings_while_the_natural_voice_renders_the_first_words(
    natural_session: tuple[list[dict[str, Any]], Recording, str],
) -> None:
    """As in the app: a cold natural voice takes about a second to render its first
    words, and the start chime does not wait for them. It rings as soon as the sounds
    are loaded; the session begins once the words are ready, and they come the chime's
    quiet after it, or at once when rendering took longer than that quiet."""
    records, recording, _stderr = natural_session
    chime = next(record for record in records if record["what"] == "chime")
    began = next(record for record in records if record["what"] == "segment")
    words = next(record for record in records if record["what"] == "voice")
    assert chime["name"] == "session_start"
    # Rung before the words were ready (the session began once they were).
    assert chime["at"] < began["at"] - 0.1, (chime, began)
    quiet = words["due"] - began["due"]  # the chime's quiet, as the plan has it
    assert quiet == pytest.approx(0.6, abs=0.05)
    assert began["due"] >= chime["at"]  # never sooner after the chime than that quiet
    assert words["due"] <= max(chime["at"] + quiet, began["at"]) + 0.01  # nor later
    # Heard so: the words that long after the chime on the sink.
    anchor = recording.first_sound()
    assert anchor is not None, "nothing was heard"
    heard = match(recording.onsets(), [anchor + words["due"] - chime["at"]], TOLERANCE)
    assert heard[0] is not None
