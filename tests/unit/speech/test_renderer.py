"""Real pyttsx3 + espeak-ng: clips of a plausible length and loudness, cached by
engine, voice, rate and text, and a plan timed by what was measured."""

from __future__ import annotations

import stat
import subprocess
import sys
from pathlib import Path

import pytest

from stretchtimer.core.routine.file import parse_routine
from stretchtimer.core.session.plan import SegmentKind
from stretchtimer.speech.clip_cache import ClipCache, VoiceChoice
from stretchtimer.speech.renderer import ClipRenderer
from stretchtimer.speech.session_speech import (
    PlanOptions,
    estimated_plan,
    prepare_spoken_session,
)
from stretchtimer.speech.wav import read_samples, rms
from stretchtimer.storage.routines.library import builtin_entries

DEFAULT = VoiceChoice("pyttsx3:", 165)  # espeak-ng: the system voice on Linux


def renderer(home: Path) -> ClipRenderer:
    return ClipRenderer(ClipCache(home / "clips"))


def test_a_rendered_clip_sounds_like_a_sentence(home: Path) -> None:
    text = "Hold for thirty seconds."
    with renderer(home) as subject:
        result = subject.render([text], DEFAULT)
    assert result.notice is None
    clip = result.clips[text]
    samples, info = read_samples(clip.path)
    assert (info.channels, info.sample_width, info.rate) == (1, 2, 22050)
    assert 1.0 < clip.seconds < 2.6  # four words at 165 words a minute
    assert 0.03 < rms(samples) < 0.5  # clearly audible, not clipped
    assert max(abs(value) for value in samples) < 32767
    lead = next(index for index, value in enumerate(samples) if abs(value) > 200)
    assert lead / info.rate < 0.005  # the sound starts when the clip starts
    assert stat.S_IMODE(clip.path.stat().st_mode) == 0o600
    assert stat.S_IMODE((home / "clips").stat().st_mode) == 0o700


def test_rate_and_voice_change_the_clip_and_its_key(home: Path) -> None:
    text = "Breathe in slowly through your nose."
    with renderer(home) as subject:
        slow = subject.render([text], VoiceChoice("pyttsx3:", 120)).clips[text]
        fast = subject.render([text], VoiceChoice("pyttsx3:", 260)).clips[text]
        american = subject.render([text], VoiceChoice("pyttsx3:gmw/en-us", 165)).clips[text]
    assert slow.seconds > fast.seconds * 1.6
    assert len({slow.path, fast.path, american.path}) == 3


def test_the_cache_makes_the_second_time_instant_and_heals_damage(home: Path) -> None:
    texts = ["Rest.", "Switch sides.", "Left side first."]
    with renderer(home) as subject:
        first = subject.render(texts, DEFAULT)
    assert first.rendered == 3
    with renderer(home) as subject:
        again = subject.render(texts, DEFAULT)
        assert not subject._workers  # no speech engine was even started
    assert again.rendered == 0
    assert again.clips == first.clips
    damaged = first.clips["Rest."].path
    damaged.write_bytes(damaged.read_bytes()[:100])  # cut short, as by a full disk
    with renderer(home) as subject:
        healed = subject.render(texts, DEFAULT)
    assert healed.rendered == 1
    assert healed.clips["Rest."].seconds == pytest.approx(first.clips["Rest."].seconds)


def test_cache_keys_differ_by_engine_voice_rate_and_text(home: Path) -> None:
    cache = ClipCache(home / "clips", engine="espeak")
    keys = {
        cache.key("Rest.", DEFAULT),
        cache.key("Rest!", DEFAULT),
        cache.key("Rest.", VoiceChoice("pyttsx3:", 166)),
        cache.key("Rest.", VoiceChoice("gmw/en-us", 165)),
        ClipCache(home / "clips", engine="sapi5").key("Rest.", DEFAULT),
    }
    assert len(keys) == 5
    assert cache.key("Rest.", DEFAULT) == ClipCache(home / "other", "espeak").key("Rest.", DEFAULT)


def test_the_plan_is_timed_by_the_measured_clips(home: Path) -> None:
    routine = next(entry.routine for entry in builtin_entries() if entry.id == "hip-openers")
    assert routine is not None
    options = PlanOptions()
    spoken = prepare_spoken_session(routine, options, DEFAULT, lambda: renderer(home))
    assert spoken.notice is None
    assert set(spoken.clips) == set(spoken.plan.spoken_texts)
    for segment in spoken.plan.segments:
        if segment.kind is SegmentKind.PREPARE:
            # The hold never starts while the instructions are still being read.
            last = segment.cues[-1]
            assert last.offset + spoken.clips[last.text].seconds < segment.duration
    assert spoken.plan != estimated_plan(routine, options, DEFAULT.rate)


def test_an_unknown_voice_falls_back_to_the_default_and_says_so(home: Path) -> None:
    # A short routine: every one of its texts is rendered (the two-minute reset's 43 took
    # seconds).
    routine = parse_routine(
        b'format = 1\ntitle = "Short"\n[pace]\nprepare = 1\n[[step]]\nname = "Reach"\nhold = 2\n'
    )
    spoken = prepare_spoken_session(
        routine, PlanOptions(), VoiceChoice("no/such-voice", 165), lambda: renderer(home)
    )
    assert spoken.notice is not None
    assert spoken.notice.sentence == (
        "The voice 'no/such-voice' is not installed, so the default voice speaks instead; "
        "`stretchtimer voices` lists the voices you can choose."
    )
    assert set(spoken.clips) == set(spoken.plan.spoken_texts)


def test_scratch_files_of_a_process_that_ended_mid_clip_are_swept(home: Path) -> None:
    cache = ClipCache(home / "clips")
    cache.folder.mkdir(parents=True)
    ended = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    left = cache.folder / f".{'0' * 40}.{ended.stdout.strip()}.part.wav"
    left.write_bytes(b"RIFF")
    with ClipRenderer(cache) as subject:
        subject.render(["Rest."], DEFAULT)
    assert not left.exists()
    assert [path.name for path in cache.folder.glob(".*")] == []
