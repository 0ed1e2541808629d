"""A format-2 routine, rendered by espeak-ng and played on the null sink, is heard as scripted.

``stretchtimer routines script --json`` says what a session will say and when. After
the session has played (so its clips are in the cache and the script uses their real
lengths), every spoken cue of the script is found in the recording of the sink at its
scripted time, in order, the left and right sides are said inside the words, and the
quiet before each timed part is as long as the routine's settle time.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

from tests.conftest import run_cli
from tests.integration.audio.onsets import Recording, match
from tests.integration.audio.pulse import PulseServer
from tests.integration.audio.test_play_heard import cue_time, read_log

GUIDED_ROUTINE = """\
format = 2
title = "Guided check"
setup = "You need a mat."
finish = "Come up slowly."

[pace]
prepare = 0
rest = 1
switch = 0
settle = 1.5

[[step]]
name = "Figure four"
setup = "Lie on your back."
say = "Cross your {side} ankle over your {other} knee."
feel = "Feel your {side} hip."
release = "Put your {other} foot down."
hold = 2
sides = "both"
"""

TOLERANCE = 0.15  # seconds, as in test_play_heard


def spoken_script(home: Path, routine: Path) -> list[dict[str, Any]]:
    result = run_cli("routines", "script", str(routine), "--json", home=home)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_a_guided_routine_is_heard_as_its_script_says(pulse: PulseServer, home: Path) -> None:
    routine = home / "guided.toml"
    routine.write_text(GUIDED_ROUTINE, encoding="utf-8")
    log = home / "cues.jsonl"
    with pulse.recording(home / "heard.wav") as wav:
        result = run_cli(
            "play",
            str(routine),
            "--no-gui",
            home=home,
            env={**pulse.env(), "STRETCHTIMER_CUE_LOG": str(log)},
        )
    assert result.returncode == 0, result.stderr
    records = read_log(log)
    played = [record for record in records if record["what"] in ("chime", "voice")]
    segments = spoken_script(home, routine)
    cues = [cue for segment in segments for cue in segment["cues"] if cue["spoken"] or cue["sound"]]
    said = [cue["text"] for cue in cues if cue["spoken"]]

    # What is said, in order, is the script: sides inside the words, a way in and out.
    assert [record["text"] for record in played if record["what"] == "voice"] == said
    assert said[:4] == [
        "You need a mat.",
        "Figure four.",
        "Lie on your back.",
        "Cross your left ankle over your right knee.",
    ]
    assert "Cross your right ankle over your left knee." in said
    assert "Put your right foot down." in said  # out of the left side
    assert said[-2:] == ["Come up slowly.", "Session complete. Well done."]
    assert all(cue["length_from"] == "clip" for cue in cues if cue["spoken"])

    # When it is heard is the script's time, measured from the session's start: the first
    # chime, or, when it rang while the first words rendered, that much before it.
    recording = Recording.load(wav)
    anchor = recording.first_sound()
    assert anchor is not None, "nothing was heard"
    assert cues[0]["sound"] == "session_start" and cues[0]["start"] == 0
    began = next(record for record in records if record["what"] == "segment")["due"]
    origin = anchor + began - cue_time(played[0])
    expected = [anchor] + [origin + cue["start"] for cue in cues[1:]]
    heard = match(recording.onsets(), expected, TOLERANCE)
    missing = [
        (cue["text"] or cue["sound"], round(cue["start"], 2))
        for cue, onset in zip(cues, heard, strict=True)
        if onset is None
    ]
    assert missing == []

    # Before each hold: at least the settle time of silence after the last word.
    for before, segment in itertools.pairwise(segments):
        if segment["kind"] != "hold":
            continue
        last_word = max(cue["start"] + cue["length"] for cue in before["cues"] if cue["spoken"])
        # start and length come rounded to the millisecond each: 2 ms of rounding at most
        assert segment["start"] - last_word >= 1.5 - 2e-3
        quiet_from, quiet_to = origin + last_word + 0.1, origin + segment["start"] - 0.05
        assert recording.loudest(quiet_from, quiet_to) < 0.01, segment
