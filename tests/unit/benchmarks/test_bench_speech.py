"""bench_speech finds a spoken cue where its clip's waveform is, also when the words start
softly over the tail of a chime (the natural voice does), where loudness alone is late."""

from __future__ import annotations

import array
import math
import random
from pathlib import Path

from benchmarks.bench_speech import aligned_onsets
from stretchtimer.speech.wav import write_samples
from tests.integration.audio.onsets import Recording, match

CLIP_RATE = 22050  # as the voices render
SINK_RATE = 48000  # as the test server's null sink records
SOFT = 0.04  # seconds of breath before the vowel


def soft_clip(seconds: float = 0.3) -> list[float]:
    """A word as the natural voice starts one: a faint breath, then the loud vowel."""
    noise = random.Random(18)
    samples = []
    for index in range(round(seconds * CLIP_RATE)):
        t = index / CLIP_RATE
        if t < SOFT:
            samples.append(0.006 * (t / SOFT + 0.3) * noise.uniform(-1.0, 1.0))
        else:
            vowel = math.sin(2 * math.pi * 140 * t) + 0.5 * math.sin(2 * math.pi * 420 * t)
            samples.append(0.3 * vowel * min(1.0, (t - SOFT) / 0.003))
    return samples


def as_wav(path: Path, samples: list[float], rate: int) -> Path:
    write_samples(path, array.array("h", (round(32767 * value) for value in samples)), rate)
    return path


def test_a_soft_start_over_a_chime_tail_is_found_where_the_clip_begins(tmp_path: Path) -> None:
    clip = soft_clip()
    starts_at = 0.5
    recorded = []
    for index in range(SINK_RATE):
        t = index / SINK_RATE
        chime = 0.08 * math.exp(-t / 0.3) * math.sin(2 * math.pi * 880 * t)  # still fading
        voice = 0.0
        if t >= starts_at:  # the clip as the server plays it, resampled to the sink's rate
            position = (t - starts_at) * CLIP_RATE
            low = int(position)
            if low + 1 < len(clip):
                voice = clip[low] + (clip[low + 1] - clip[low]) * (position - low)
        recorded.append(chime + voice)
    recording = as_wav(tmp_path / "heard.wav", recorded, SINK_RATE)
    source = as_wav(tmp_path / "clip.wav", clip, CLIP_RATE)

    expected = starts_at + 0.03  # where the schedule says it is (30 ms off, say)
    found = aligned_onsets(recording, [expected], [source])[0]
    assert found is not None
    assert abs(found - starts_at) < 0.001

    # Loudness alone takes the vowel for the start: what the benchmark counted before.
    by_loudness = match(Recording.load(recording).onsets(), [starts_at], 0.25)[0]
    assert by_loudness is not None
    assert by_loudness - starts_at > 0.03


def test_a_clip_that_was_not_played_is_not_found(tmp_path: Path) -> None:
    silence = as_wav(tmp_path / "heard.wav", [0.0] * SINK_RATE, SINK_RATE)
    source = as_wav(tmp_path / "clip.wav", soft_clip(), CLIP_RATE)
    assert aligned_onsets(silence, [0.5], [source]) == [None]
