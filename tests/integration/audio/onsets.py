"""Find when sounds start in a recording: a small onset detector on 16-bit PCM.

The recording is cut into 2 ms frames and each frame's RMS level computed. A
frame is an onset when it is audible after ``QUIET`` seconds of silence, or at
least ``RISE`` times louder than the loudest frame of the ``LOOKBACK`` before it
(a voice starting over the fading tail of a chime). Speech makes many
onsets (one per word or syllable); callers match the ones they expect.
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass
from pathlib import Path

from stretchtimer.speech.wav import read_samples

FRAME = 0.002  # seconds
AUDIBLE = 0.004  # RMS of full scale (about -48 dBFS): the null sink is exactly 0 in silence
RISE = 4.0
LOOKBACK = 0.006  # seconds
QUIET = 0.04  # seconds below AUDIBLE before a sound counts as starting afresh
MERGE = 0.02  # onsets closer than this are one


@dataclass
class Recording:
    levels: list[float]  # RMS per frame
    frame: float

    @classmethod
    def load(cls, path: Path) -> Recording:
        samples, info = read_samples(path)
        if info.channels > 1:
            samples = samples[:: info.channels]
        size = max(1, round(FRAME * info.rate))
        levels = []
        for start in range(0, len(samples) - size + 1, size):
            chunk = samples[start : start + size]
            levels.append(math.sqrt(sum(value * value for value in chunk) / size) / 32768.0)
        return cls(levels, size / info.rate)

    @property
    def seconds(self) -> float:
        return len(self.levels) * self.frame

    def onsets(self) -> list[float]:
        """Times (seconds from the start of the recording) where a sound begins.

        Either a sound after a moment of silence (the null sink is exactly silent,
        so this is precise even for a soft first consonant), or a sharp rise over a
        sound that is still fading.
        """
        found: list[float] = []
        back = max(1, round(LOOKBACK / self.frame))
        quiet_frames = max(1, round(QUIET / self.frame))
        levels = self.levels
        quiet_run = quiet_frames  # the recording starts in silence
        for index, level in enumerate(levels):
            if level < AUDIBLE:
                quiet_run += 1
                continue
            after_silence = quiet_run >= quiet_frames
            quiet_run = 0
            before = max(levels[max(0, index - back) : index], default=0.0)
            starts = after_silence or level >= RISE * before
            if starts and (not found or index * self.frame - found[-1] > MERGE):
                found.append(index * self.frame)
        return found

    def loudest(self, start: float, end: float) -> float:
        """The loudest frame's RMS between two times."""
        first = max(0, int(start / self.frame))
        last = min(len(self.levels), math.ceil(end / self.frame))
        return max(self.levels[first:last], default=0.0)

    def first_sound(self) -> float | None:
        for index, level in enumerate(self.levels):
            if level >= AUDIBLE:
                return index * self.frame
        return None


def nearest(onsets: list[float], when: float) -> float | None:
    """The onset closest to ``when`` (``onsets`` sorted)."""
    if not onsets:
        return None
    index = bisect.bisect_left(onsets, when)
    candidates = onsets[max(0, index - 1) : index + 1]
    return min(candidates, key=lambda onset: abs(onset - when))


def match(onsets: list[float], expected: list[float], tolerance: float) -> list[float | None]:
    """For each expected time, the nearest onset within ``tolerance`` (or None)."""
    matched: list[float | None] = []
    for when in expected:
        onset = nearest(onsets, when)
        matched.append(onset if onset is not None and abs(onset - when) <= tolerance else None)
    return matched
