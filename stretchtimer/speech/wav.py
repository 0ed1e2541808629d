"""Small WAV helpers (standard library only): read a clip's length, trim its silence.

espeak-ng starts a clip with a few milliseconds of silence and ends it with a
long pause. Trimming both makes a cue's sound start exactly when it is played
and gives the plan the true length of what is said.
"""

from __future__ import annotations

import array
import math
import sys
import wave
from pathlib import Path
from typing import NamedTuple

SILENCE_LEVEL = 200  # of 32767: below this a 16-bit sample counts as silence (about -44 dBFS)
KEEP_BEFORE = 0.002  # seconds of silence kept before the first sound
KEEP_AFTER = 0.06  # and after the last, so the end of a word is not clipped


class WavInfo(NamedTuple):
    frames: int
    rate: int
    channels: int
    sample_width: int

    @property
    def seconds(self) -> float:
        return self.frames / self.rate if self.rate else 0.0


class BadWavError(ValueError):
    """The file is not a complete 16-bit PCM WAV file."""


def wav_info(path: Path) -> WavInfo:
    """The header of ``path``; raises BadWavError when it is not a usable WAV file."""
    try:
        with wave.open(str(path), "rb") as clip:
            info = WavInfo(
                clip.getnframes(), clip.getframerate(), clip.getnchannels(), clip.getsampwidth()
            )
    except FileNotFoundError:
        raise
    except (OSError, EOFError, wave.Error) as error:
        raise BadWavError(f"{path.name}: {error}") from error
    if info.sample_width != 2 or info.rate <= 0 or info.channels < 1:
        raise BadWavError(f"{path.name}: not 16-bit PCM")
    expected = 44 + info.frames * info.channels * 2
    if path.stat().st_size < expected:
        raise BadWavError(f"{path.name}: shorter than its header says (still being written?)")
    return info


def read_samples(path: Path) -> tuple[array.array[int], WavInfo]:
    """The 16-bit samples of ``path`` (channels interleaved) and its header."""
    info = wav_info(path)
    with wave.open(str(path), "rb") as clip:
        data = clip.readframes(info.frames)
    samples = array.array("h")
    samples.frombytes(data)
    if sys.byteorder == "big":
        samples.byteswap()
    return samples, info


def write_samples(path: Path, samples: array.array[int], rate: int, channels: int = 1) -> None:
    data = samples
    if sys.byteorder == "big":
        data = array.array("h", samples)
        data.byteswap()
    with wave.open(str(path), "wb") as clip:
        clip.setnchannels(channels)
        clip.setsampwidth(2)
        clip.setframerate(rate)
        clip.writeframes(data.tobytes())


def trim_silence(path: Path) -> WavInfo:
    """Cut the silence at both ends of a mono clip in place; returns the new header.

    A clip with no sound at all is left alone (the caller decides what that means).
    """
    samples, info = read_samples(path)
    loud = [index for index in (_first_loud(samples), _last_loud(samples)) if index is not None]
    if len(loud) < 2 or info.channels != 1:
        return info
    start = max(0, loud[0] - round(KEEP_BEFORE * info.rate))
    end = min(len(samples), loud[1] + 1 + round(KEEP_AFTER * info.rate))
    if start == 0 and end == len(samples):
        return info
    write_samples(path, samples[start:end], info.rate)
    return wav_info(path)


def _first_loud(samples: array.array[int]) -> int | None:
    for index, value in enumerate(samples):
        if value > SILENCE_LEVEL or value < -SILENCE_LEVEL:
            return index
    return None


def _last_loud(samples: array.array[int]) -> int | None:
    for index in range(len(samples) - 1, -1, -1):
        value = samples[index]
        if value > SILENCE_LEVEL or value < -SILENCE_LEVEL:
            return index
    return None


def rms(samples: array.array[int]) -> float:
    """Root mean square level, 0 to 1 of full scale."""
    if not samples:
        return 0.0
    total = math.fsum(value * value for value in samples)
    return math.sqrt(total / len(samples)) / 32768.0
