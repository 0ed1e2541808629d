"""A session in German or Spanish, set up as the app does it: every cue in that language,
rendered to WAV by real espeak-ng in that language's voice, loud and long enough to hear
(measured with sox), and the person told that their English voice was swapped."""

from __future__ import annotations

import functools
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from stretchtimer.core import i18n
from stretchtimer.core.i18n import Language
from stretchtimer.core.routine.file import parse_routine
from stretchtimer.core.routine.summary import routine_digest
from stretchtimer.runtime.session_setup import prepare_session
from stretchtimer.speech.clip_cache import VoiceChoice
from stretchtimer.speech.session_speech import clip_renderer
from stretchtimer.speech.voice_language import session_voice_pick
from stretchtimer.storage.languages import load_language
from stretchtimer.storage.paths import app_paths
from stretchtimer.storage.settings import Settings

ROUTINE = """format = 2
title = "Twist"
[pace]
prepare = 1
[[step]]
name = "Seated twist"
hold = 20
sides = "both"
[step.translations.de]
name = "Drehsitz"
[step.translations.es]
name = "Torsión sentada"
""".encode()
# A person's own routine, written in French only.
FRENCH = b"""format = 2
language = "fr"
title = "Torsion"
[pace]
prepare = 1
[[step]]
name = "Torsion assise"
say = "Tournez doucement le buste vers la {side}."
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
    ("tag", "voice", "name", "said"),
    [
        ("de", "pyttsx3:gmw/de", "Drehsitz.", "Zuerst die linke Seite."),
        ("es", "pyttsx3:roa/es", "Torsión sentada.", "Primero el lado izquierdo."),
    ],
)
def test_a_session_in_german_or_spanish_is_rendered_by_that_languages_espeak_voice(
    tag: str, voice: str, name: str, said: str, home: Path
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
    assert first == [name, said]
    assert list(spoken.clips) == [name]  # the session starts on its first words
    clip = spoken.clips[name]
    # The clip is the one the language's voice made, not the person's English voice's.
    with clip_renderer(app_paths().clips) as renderer:
        assert renderer.cached([name], VoiceChoice(voice, 165))[name].path == clip.path
        english = renderer.render([name], VoiceChoice(ENGLISH_US, 165)).clips[name]
    assert english.path != clip.path
    assert english.path.read_bytes() != clip.path.read_bytes()
    figures = sox_stat(clip.path)
    assert 0.4 < figures["Length (seconds)"] < 3.0  # a name of one or two words, said once
    assert abs(figures["Length (seconds)"] - clip.seconds) < 0.05
    assert figures["RMS amplitude"] > 0.02  # speech, not silence
    assert figures["Maximum amplitude"] < 1.0  # and not clipped


def test_a_routine_without_the_apps_language_plays_in_its_own_by_its_own_voice(
    language: Callable[[str], Language], home: Path
) -> None:
    """A German app plays a person's French routine in French, by a French voice: never
    French words in a German voice, nor German phrases around French instructions."""
    language("de")
    prepared = prepare_session(
        parse_routine(FRENCH), Settings(voice_enabled=False), app_paths(), record=False
    )
    plan = prepared.plan
    assert plan.language.base == "fr"
    texts = [cue.text for segment in plan.segments for cue in segment.cues if cue.text]
    assert "Tournez doucement le buste vers la gauche." in texts
    assert "Changez de côté." in texts
    assert not any("Seite" in text for text in texts)
    pick = session_voice_pick(
        ENGLISH_US, plan.language.tag, functools.partial(clip_renderer, app_paths().clips), None
    )
    assert pick.voice == "pyttsx3:roa/fr"


def test_the_history_knows_a_routine_by_its_file_whatever_language_it_played_in(
    language: Callable[[str], Language], home: Path
) -> None:
    routine = parse_routine(ROUTINE)
    language("de")
    german = prepare_session(routine, Settings(voice_enabled=False), app_paths())
    assert german.plan.routine.steps[0].name == "Drehsitz"
    language("en")
    english = prepare_session(routine, Settings(voice_enabled=False), app_paths())
    assert english.plan.routine.steps[0].name == "Seated twist"
    assert german.routine_digest == english.routine_digest == routine_digest(routine)
