"""The cue player in this process, on the test PulseAudio server: what it plays for
each engine event (session driven by a fake clock, clips rendered by espeak-ng)."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent

from stretchtimer.core.routine.model import Routine
from stretchtimer.core.session.clock import FakeClock
from stretchtimer.core.session.engine import SessionEngine
from stretchtimer.core.session.events import CueDue, Event, SegmentStarted
from stretchtimer.core.session.plan import BreathGuidance, Cue, CueRole, Plan, Sound
from stretchtimer.runtime.audio.cue_player import CuePlayer, wait_until_ready
from stretchtimer.runtime.timing_log import TimingLog
from stretchtimer.speech.clip_cache import ClipCache, VoiceChoice
from stretchtimer.speech.renderer import ClipRenderer
from stretchtimer.speech.session_speech import PlanOptions, SpokenSession, prepare_spoken_session
from stretchtimer.storage.routines.library import builtin_entries
from tests.integration.audio.pulse import PulseServer

BUILTINS = {entry.id: entry.routine for entry in builtin_entries() if entry.routine is not None}
# espeak-ng, as the docstring says: what the cue player plays does not depend on the voice,
# and the default voice (Piper, when installed) takes minutes to render every builtin's
# texts on a loaded machine. Piper speaking a whole session is test_play_heard's.
ESPEAK = VoiceChoice("pyttsx3:", 165)


@pytest.fixture(scope="module")
def clip_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("clips")  # shared: each text is rendered once


def spoken_session(
    routine: Routine, clips: Path, guidance: BreathGuidance = BreathGuidance.SPOKEN
) -> SpokenSession:
    spoken = prepare_spoken_session(
        routine,
        PlanOptions(breath_guidance=guidance),
        ESPEAK,
        lambda: ClipRenderer(ClipCache(clips)),
    )
    assert spoken.notice is None
    return spoken


PLAYERS: list[CuePlayer] = []


@pytest.fixture(autouse=True)
def delete_players(qapp: Any) -> Iterator[None]:
    """Delete each test's players (and their sounds) before the next test, not at exit."""
    yield
    while PLAYERS:
        player = PLAYERS.pop()
        player.close()
        player.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


class Played:
    """A cue player with its timing log kept in memory."""

    def __init__(self, spoken: SpokenSession, **volumes: Any) -> None:
        self.stream = io.StringIO()
        self.player = CuePlayer(spoken.clip_paths(), timing_log=TimingLog(self.stream), **volumes)
        PLAYERS.append(self.player)
        wait_until_ready(self.player)
        self.engine = SessionEngine(spoken.plan)
        self.clock = FakeClock()

    def records(self, *what: str) -> list[dict[str, Any]]:
        lines = self.stream.getvalue().splitlines()
        found = [json.loads(line) for line in lines]
        return [record for record in found if not what or record["what"] in what]

    def feed(self, events: list[Event]) -> list[Event]:
        for event in events:
            self.player.on_event(event)
        return events

    def run_to(self, seconds: float) -> None:
        self.feed(self.engine.tick(self.clock.advance(seconds)))

    def run_to_end(self) -> Iterator[Event]:
        now = self.clock.now()
        yield from self.feed(self.engine.start(now))
        while (deadline := self.engine.next_deadline()) is not None:
            now = self.clock.advance(max(0.0, deadline - now.mono))
            yield from self.feed(self.engine.tick(now))


@pytest.mark.parametrize("guidance", list(BreathGuidance))
@pytest.mark.parametrize("routine_id", sorted(BUILTINS))
def test_eyes_closed_every_start_side_count_and_the_end_is_heard(
    routine_id: str, guidance: BreathGuidance, pulse: PulseServer, qapp: Any, clip_folder: Path
) -> None:
    played = Played(spoken_session(BUILTINS[routine_id], clip_folder, guidance))
    events = list(played.run_to_end())
    sounds = played.records("chime", "voice")
    heard_at = {round(record["due"], 6) for record in sounds}
    starts = [event for event in events if isinstance(event, SegmentStarted)]
    assert starts
    silent_starts = [
        event.segment.kind.value for event in starts if round(event.mono, 6) not in heard_at
    ]
    assert silent_starts == []
    must_hear = {
        CueRole.INTRO,
        CueRole.SIDE,
        CueRole.SWITCH,
        CueRole.BEGIN,
        CueRole.COUNTDOWN,
        CueRole.REP,
        CueRole.INHALE,
        CueRole.EXHALE,
        CueRole.DONE,
    }
    unheard = [
        event.cue.text
        for event in events
        if isinstance(event, CueDue)
        and event.cue.role in must_hear
        and round(event.due, 6) not in heard_at
    ]
    assert unheard == []
    assert sounds[-1]["text"] == "Session complete. Well done."
    if guidance is BreathGuidance.TONES and any(s.breaths > 1 for s in played.engine.plan.segments):
        assert {"inhale", "exhale"} <= {record.get("name") for record in sounds}


def first_voice(plan: Plan) -> float:
    return next(cue.offset for cue in plan.segments[0].cues if cue.spoken and cue.text)


@pytest.mark.parametrize("command", ["skip", "back", "pause", "stop"])
def test_skip_back_pause_and_stop_silence_the_voice_at_once(
    command: str, pulse: PulseServer, qapp: Any, clip_folder: Path
) -> None:
    played = Played(spoken_session(BUILTINS["hip-openers"], clip_folder))
    played.feed(played.engine.start(played.clock.now()))
    played.run_to(first_voice(played.engine.plan) + 0.5)
    intro = played.records("voice")[0]["text"]
    assert played.player.speaking_text() == intro
    played.feed(getattr(played.engine, command)(played.clock.now()))
    assert played.player.speaking_text() != intro
    assert [record["why"] for record in played.records("silence")] == [
        "pause" if command == "pause" else "left"
    ]


def test_a_new_spoken_cue_cuts_the_one_still_speaking(
    pulse: PulseServer, qapp: Any, clip_folder: Path
) -> None:
    played = Played(spoken_session(BUILTINS["hip-openers"], clip_folder))
    played.feed(played.engine.start(played.clock.now()))
    played.run_to(first_voice(played.engine.plan) + 0.2)
    intro = played.records("voice")[0]["text"]
    segment = played.engine.segment
    assert played.player.speaking_text() == intro
    played.feed([CueDue(segment, Cue(0.0, CueRole.COUNTDOWN, "Three."), 0.0, 0.0)])
    assert played.player.speaking_text() == "Three."


RIGHT_SIDE = "Cross your right ankle over your left knee."  # desk-hips, on the right side


def test_late_cues_are_dropped_except_what_to_do_next(
    pulse: PulseServer, qapp: Any, clip_folder: Path
) -> None:
    played = Played(spoken_session(BUILTINS["desk-hips"], clip_folder))
    segment = played.engine.segment
    late = [
        CueDue(segment, Cue(0.0, CueRole.HALFWAY, "Halfway."), 0.0, late_by=4.0),
        CueDue(segment, Cue(0.0, CueRole.CHIME, sound=Sound.END), 0.0, late_by=4.0),
        CueDue(segment, Cue(0.0, CueRole.ACTION, RIGHT_SIDE), 0.0, late_by=4.0),
    ]
    played.feed(late)  # as after the machine stalled for four seconds
    assert [record["text"] for record in played.records("voice")] == [RIGHT_SIDE]
    assert [record["text"] for record in played.records("drop")] == ["Halfway."]
    assert played.records("chime") == []


def test_volumes_are_separate_and_mute_silences_both(
    pulse: PulseServer, qapp: Any, clip_folder: Path
) -> None:
    spoken = spoken_session(BUILTINS["two-minute-reset"], clip_folder)
    quiet_chimes = Played(spoken, voice_volume=0.8, chime_volume=0.0)
    assert [effect.volume() for effect in quiet_chimes.player._voices.values()] == [
        pytest.approx(0.8)
    ] * len(spoken.clips)
    list(quiet_chimes.run_to_end())
    assert quiet_chimes.records("chime") == [] and quiet_chimes.records("voice")
    only_chimes = Played(spoken, voice_volume=0.0, chime_volume=0.3)
    assert [effect.volume() for effect in only_chimes.player._chimes.values()] == [
        pytest.approx(0.3)
    ] * len(Sound)
    list(only_chimes.run_to_end())
    assert only_chimes.records("voice") == [] and only_chimes.records("chime")
    muted = Played(spoken, muted=True)
    list(muted.run_to_end())
    assert muted.records("chime", "voice") == []
