"""Make the chimes and breath tones in this folder: ``python assets/sounds/make_sounds.py``.

Standard library only and fully deterministic (no randomness), so running it again
writes the same bytes and the committed WAV files can be checked against it.

The sounds are meant to be calm: soft bell-like notes with a short raised-cosine
attack (no click), upper partials that fade faster than the fundamental, and a
release to exact silence. A chime before speech has died away within
``plan.SOUND_LEAD`` (0.6 s), so the voice that follows is heard clearly.
"""

from __future__ import annotations

import math
import struct
import sys
import wave
from collections.abc import Callable, Sequence
from pathlib import Path

RATE = 22050  # the rate espeak-ng speaks at: every sound then plays with the same latency
FOLDER = Path(__file__).resolve().parent

Samples = list[float]


def silence(seconds: float) -> Samples:
    return [0.0] * round(seconds * RATE)


def bell(frequency: float, seconds: float, *, decay: float, attack: float = 0.008) -> Samples:
    """A soft struck note: a fundamental and two quiet harmonics, each decaying."""
    partials = ((1.0, 1.0, 1.0), (2.0, 0.28, 1.8), (3.0, 0.08, 2.6))  # ratio, level, decay x
    total = round(seconds * RATE)
    out = []
    for index in range(total):
        t = index / RATE
        value = 0.0
        for ratio, level, faster in partials:
            value += (
                level
                * math.exp(-t * faster / decay)
                * math.sin(2 * math.pi * frequency * ratio * t)
            )
        out.append(value * _rise(t, attack) * _fall(t, seconds, 0.04))
    return _normalised(out)


def glide(start: float, end: float, seconds: float, *, attack: float, release: float) -> Samples:
    """A soft tone whose pitch glides from ``start`` to ``end`` Hz (a breath going in or out)."""
    total = round(seconds * RATE)
    out = []
    phase = 0.0
    for index in range(total):
        t = index / RATE
        progress = t / seconds
        # Ease in and out, so the pitch moves like a breath rather than a siren.
        eased = 0.5 - 0.5 * math.cos(math.pi * progress)
        frequency = start * (end / start) ** eased
        phase += 2 * math.pi * frequency / RATE
        value = math.sin(phase) + 0.18 * math.sin(2 * phase) + 0.05 * math.sin(3 * phase)
        out.append(value * _rise(t, attack) * _fall(t, seconds, release))
    return _normalised(out)


def _rise(t: float, attack: float) -> float:
    return 1.0 if t >= attack else 0.5 - 0.5 * math.cos(math.pi * t / attack)


def _fall(t: float, length: float, release: float) -> float:
    left = length - t
    return 1.0 if left >= release else max(0.0, 0.5 - 0.5 * math.cos(math.pi * left / release))


def _normalised(samples: Samples) -> Samples:
    peak = max(abs(value) for value in samples) or 1.0
    return [value / peak for value in samples]


def mix(parts: Sequence[tuple[float, Samples]], seconds: float) -> Samples:
    """Lay ``(start_seconds, samples)`` parts over each other in a track ``seconds`` long."""
    out = silence(seconds)
    for start, samples in parts:
        offset = round(start * RATE)
        for index, value in enumerate(samples[: len(out) - offset]):
            out[offset + index] += value
    return _normalised(out)


def session_start() -> Samples:
    """Two notes a fifth apart, rising: "here we go"."""
    return mix([(0.0, bell(392.0, 0.5, decay=0.14)), (0.12, bell(587.33, 0.42, decay=0.13))], 0.55)


def switch() -> Samples:
    """One clear note, twice: "the other side"."""
    return mix([(0.0, bell(523.25, 0.3, decay=0.09)), (0.2, bell(523.25, 0.34, decay=0.1))], 0.55)


def end() -> Samples:
    """Two notes falling a fourth: "and release"."""
    return mix([(0.0, bell(659.26, 0.32, decay=0.1)), (0.14, bell(493.88, 0.4, decay=0.12))], 0.55)


def complete() -> Samples:
    """A quick arpeggio rising to the octave: "well done". Like every chime that comes
    before words, it is over before they start, 0.6 s later."""
    notes = [(0.0, 523.25), (0.09, 659.26), (0.18, 783.99), (0.27, 1046.5)]
    return mix([(start, bell(f, 0.55 - start, decay=0.13)) for start, f in notes], 0.55)


def inhale() -> Samples:
    """A soft tone rising a fifth, swelling in."""
    return glide(220.0, 330.0, 1.8, attack=0.25, release=0.5)


def exhale() -> Samples:
    """A soft tone falling a fifth, fading out."""
    return glide(330.0, 220.0, 2.2, attack=0.12, release=0.9)


# Peak level of each sound (of full scale): chimes sit well under the voice.
SOUNDS: dict[str, tuple[Callable[[], Samples], float]] = {
    "session_start": (session_start, 0.5),
    "switch": (switch, 0.5),
    "end": (end, 0.45),
    "complete": (complete, 0.5),
    "inhale": (inhale, 0.35),
    "exhale": (exhale, 0.35),
}


def write_wav(path: Path, samples: Samples, peak: float) -> None:
    frames = b"".join(struct.pack("<h", round(value * peak * 32767)) for value in samples)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(frames)


def main(argv: Sequence[str]) -> int:
    folder = Path(argv[0]) if argv else FOLDER
    for name, (make, peak) in SOUNDS.items():
        path = folder / f"{name}.wav"
        write_wav(path, make(), peak)
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
