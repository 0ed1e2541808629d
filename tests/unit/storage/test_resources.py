"""The chimes and tones: one per ``Sound``, made by the committed script, calm and clean."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from stretchtimer.core.session.plan import SOUND_LEAD, Sound
from stretchtimer.speech.wav import read_samples, rms
from stretchtimer.storage.resources import sound_path
from tests.conftest import REPO

CHIMES_BEFORE_WORDS = (Sound.SESSION_START, Sound.SWITCH, Sound.END, Sound.COMPLETE)


def test_the_committed_sounds_are_what_the_script_makes(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location(
        "make_sounds", REPO / "assets" / "sounds" / "make_sounds.py"
    )
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    assert script.main([str(tmp_path)]) == 0
    for sound in Sound:
        made = tmp_path / f"{sound.value}.wav"
        assert made.read_bytes() == sound_path(sound.value).read_bytes(), sound


@pytest.mark.parametrize("sound", list(Sound))
def test_every_sound_starts_and_ends_in_silence_at_a_calm_level(sound: Sound) -> None:
    samples, info = read_samples(sound_path(sound.value))
    assert info.channels == 1 and info.rate == 22050  # the rate of the voice clips
    assert samples[0] == 0 and samples[-1] == 0  # no click at either end
    peak = max(abs(value) for value in samples)
    assert peak <= 0.5 * 32768
    first_2_ms = samples[: round(0.002 * info.rate)]
    assert max(abs(value) for value in first_2_ms) < 0.3 * peak  # a soft attack
    assert 0.05 < rms(samples) < 0.25
    if sound in CHIMES_BEFORE_WORDS:
        assert info.seconds < SOUND_LEAD  # over before the words that follow it
