"""A session in German or Spanish, set up as the app does it: every cue in that language,
rendered to WAV by real espeak-ng in that language's voice, loud and long enough to hear
(measured with sox), and the person told that their English voice was swapped."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from stretchtimer.core import i18n
from stretchtimer.core.routine.file import parse_routine
from stretchtimer.runtime.session_setup import prepare_session
from stretchtimer.speech.clip_cache import VoiceChoice
from stretchtimer.speech.session_speech import clip_renderer
from stretchtimer.storage.languages import load_language
from stretchtimer.storage.paths import app_paths
from stretchtimer.storage.settings import Settings

ROUTINE = b"""format = 1
title = "Twist"
[pace]
prepare = 1
[[step]]
name = "Seated twist"
hold = 20
sides = "both"
"""
ENGLISH_US = "pyttsx3:gmw/en-us"


def sox_stat(wav: Path) -> dict[str, float]:
    """``sox FILE -n stat``: its figures by name ("Length (seconds)", "RMS amplitude")."""
    result = subprocess.run(
        ["sox", str(wav), "-n", "stat"], capture_output=True, text=True, check=True, timeout=30
    )
    figures = {}
    for line in result.stderr.splitlines():
        name, colon, value = line.partition(":")
        if colon and re.fullmatch(r"\s*-?[\d.]+(e-?\d+)?\s*", value):
            figures[" ".join(name.split())] = float(value)
    return figures


@pytest.mark.parametrize(
    ("tag", "voice", "said"),
    [
        ("de", "pyttsx3:gmw/de", "Zuerst die linke Seite."),
        ("es", "pyttsx3:roa/es", "Primero el lado izquierdo."),
    ],
)
def test_a_session_in_german_or_spanish_is_rendered_by_that_languages_espeak_voice(
    tag: str, voice: str, said: str, home: Path
) -> None:
    spoken_in = load_language(tag)
    i18n.use(i18n.SOURCE)  # the app in English: the routine's language decides the voice
    settings = Settings(voice=ENGLISH_US, rate=165)
    prepared = prepare_session(
        parse_routine(ROUTINE), settings, app_paths(), record=False, language=spoken_in
    )
    spoken = prepared.spoken
    assert spoken.notice is None
    assert spoken.voice == VoiceChoice(voice, 165)
    assert spoken.plan.language == spoken_in
    assert prepared.notices == [
        "Your voice (English (America)) does not speak "
        f"{'Deutsch' if tag == 'de' else 'Español'}, so a voice that does reads this "
        "session; choose another voice in Settings to change that."
    ]
    first = [cue.text for cue in spoken.plan.segments[0].cues if cue.spoken and cue.text]
    assert first == ["Seated twist.", said]
    clip = spoken.clips[said]
    # The clip is the one the language's voice made, not the person's English voice's.
    with clip_renderer(app_paths().clips) as renderer:
        assert renderer.cached([said], VoiceChoice(voice, 165))[said].path == clip.path
        english = renderer.render([said], VoiceChoice(ENGLISH_US, 165)).clips[said]
    assert english.path != clip.path
    assert english.path.read_bytes() != clip.path.read_bytes()
    figures = sox_stat(clip.path)
    assert 0.8 < figures["Length (seconds)"] < 4.0  # four or five words, said once
    assert abs(figures["Length (seconds)"] - clip.seconds) < 0.05
    assert figures["RMS amplitude"] > 0.02  # speech, not silence
    assert figures["Maximum amplitude"] < 1.0  # and not clipped
