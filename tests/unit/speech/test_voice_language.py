"""The voice follows the language, on the voices really installed here: espeak-ng's list
(through the speech worker) and Piper voices on disk."""

from __future__ import annotations

import functools
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from stretchtimer.core import i18n
from stretchtimer.speech.clip_cache import VoiceChoice
from stretchtimer.speech.renderer import ClipRenderer
from stretchtimer.speech.session_speech import clip_renderer
from stretchtimer.speech.voice_language import (
    VoicePick,
    forget_system_voices,
    session_voice_pick,
    voice_for_language,
    voice_in_language,
)
from stretchtimer.speech.voice_list import VoiceEntry, list_voices
from stretchtimer.speech.voices import BUNDLED_VOICE, NATURAL_DEFAULT, piper_models

GERMAN = "pyttsx3:gmw/de"
SPANISH = "pyttsx3:roa/es"
ENGLISH_US = "pyttsx3:gmw/en-us"


@pytest.fixture(scope="module")
def voices(tmp_path_factory: pytest.TempPathFactory) -> list[VoiceEntry]:
    """Every voice installed here: the bundled natural voice and espeak-ng's."""
    folder = tmp_path_factory.mktemp("voices")
    with clip_renderer(folder / "clips") as renderer:
        entries, notice = list_voices(renderer, folder / "added")
    assert notice is None
    return entries


def by_id(voices: list[VoiceEntry], voice_id: str) -> VoiceEntry:
    return next(entry for entry in voices if entry.id == voice_id)


def test_a_session_in_german_or_spanish_is_read_by_that_languages_system_voice(
    voices: list[VoiceEntry],
) -> None:
    # The bundled natural voice speaks English only: for German, espeak-ng's German.
    assert voice_for_language("", "de", voices) == VoicePick(GERMAN, chosen_name="Joe (natural)")
    assert voice_for_language("", "es", voices).voice == SPANISH  # Spain's, not Latin America's
    assert voice_for_language("", "es_MX", voices).voice == SPANISH
    assert voice_for_language("", "es-419", voices).voice == "pyttsx3:roa/es-419"
    assert "fr-fr" in by_id(voices, voice_for_language("", "fr", voices).voice).language
    assert "fr-be" in by_id(voices, voice_for_language("", "fr_BE", voices).voice).language
    assert voice_for_language("", "ar", voices).voice == "pyttsx3:sem/ar"


def test_the_persons_voice_reads_when_it_speaks_the_language(voices: list[VoiceEntry]) -> None:
    assert voice_for_language(GERMAN, "de_AT", voices) == VoicePick(GERMAN, chosen_name="German")
    assert voice_for_language(ENGLISH_US, "en", voices).voice == ENGLISH_US
    assert voice_for_language(NATURAL_DEFAULT, "en_GB", voices).voice == NATURAL_DEFAULT
    assert voice_for_language("", "en", voices).voice == ""  # the default stays the default


def test_a_chosen_voice_of_another_language_is_swapped_and_the_person_told(
    voices: list[VoiceEntry],
) -> None:
    pick = voice_for_language(ENGLISH_US, "de", voices)
    assert pick.voice == GERMAN and pick.swapped
    assert pick.notice("de") == (
        "Your voice (English (America)) does not speak Deutsch, so a voice that does reads "
        "this session; choose another voice in Settings to change that."
    )
    natural = voice_for_language(NATURAL_DEFAULT, "es", voices)
    assert natural.voice == SPANISH and natural.swapped
    # Keeping the default voice is no choice to report.
    assert voice_for_language("", "de", voices).notice("de") == ""


def test_the_systems_own_default_voice_is_named_in_the_notice(voices: list[VoiceEntry]) -> None:
    system = next(entry for entry in voices if entry.system_default)
    assert system.engine == "pyttsx3" and not system.default  # the natural voice is the app's
    pick = voice_for_language("pyttsx3:", "de", voices)
    assert pick.voice == GERMAN and pick.chosen_name == system.name
    assert f"Your voice ({system.name}) does not speak Deutsch" in pick.notice("de")


def test_the_notice_is_in_the_apps_language(voices: list[VoiceEntry], language) -> None:  # type: ignore[no-untyped-def]
    language("fr")
    pick = voice_for_language(ENGLISH_US, "de", voices)
    assert pick.notice("de").startswith("Votre voix (English (America)) ne parle pas cette langue")


def test_with_no_voice_for_the_language_the_chosen_one_reads_and_says_so(
    voices: list[VoiceEntry],
) -> None:
    pick = voice_for_language(ENGLISH_US, "xx", voices)  # a language no voice speaks
    assert pick == VoicePick(ENGLISH_US, found=False, chosen_name="English (America)")
    assert "No installed voice speaks xx" in pick.notice("xx")


@pytest.fixture
def german_natural_voice(home: Path) -> Iterator[Path]:
    """A Piper voice whose config says German, in the added voices' folder (the bundled
    model, linked, under a German name)."""
    bundled = next(model for model in piper_models(None) if model.name == BUNDLED_VOICE)
    added = home / "voices"
    added.mkdir()
    name = "de_DE-test-medium"
    (added / f"{name}.onnx").symlink_to(bundled.model)
    config = json.loads(bundled.config.read_text(encoding="utf-8"))
    config["language"] = {"code": "de_DE"}
    config["dataset"] = "test"
    (added / f"{name}.onnx.json").write_text(json.dumps(config), encoding="utf-8")
    yield added
    shutil.rmtree(added)


def test_a_natural_voice_of_the_language_comes_before_the_system_one(
    german_natural_voice: Path, home: Path
) -> None:
    with clip_renderer(home / "clips") as renderer:
        entries, _notice = list_voices(renderer, german_natural_voice)
    assert voice_for_language("", "de", entries).voice == "piper:de_DE-test-medium"
    assert voice_for_language(GERMAN, "de", entries).voice == GERMAN  # a choice is kept
    assert voice_for_language(ENGLISH_US, "de", entries).voice == "piper:de_DE-test-medium"


def never_started() -> ClipRenderer:
    raise AssertionError("the voices were listed, though nothing needed them")


def test_the_voices_are_listed_only_when_the_answer_needs_them(
    german_natural_voice: Path, home: Path
) -> None:
    # An English session with the default voice, a chosen natural voice of the language:
    # nothing to look up, no worker started.
    assert session_voice_pick("", "en", never_started, german_natural_voice).voice == ""
    chosen = "piper:de_DE-test-medium"
    assert session_voice_pick(chosen, "de", never_started, german_natural_voice).voice == chosen
    forget_system_voices()
    factory = functools.partial(clip_renderer, home / "clips")
    pick = session_voice_pick("", "es", factory, german_natural_voice)
    assert pick.voice == SPANISH and not pick.swapped
    # Listed once a process: the next session starts no worker to ask again.
    again = session_voice_pick("pyttsx3:gmw/en-us", "fr", never_started, german_natural_voice)
    assert again.voice == "pyttsx3:roa/fr" and again.swapped


def test_the_language_names_in_notices_are_each_languages_own() -> None:
    i18n.use(i18n.SOURCE)
    assert "Español" in VoicePick(SPANISH, swapped=True, chosen_name="Joe").notice("es")


def test_a_preview_or_script_gets_the_voice_of_its_words_language(home: Path) -> None:
    voice, notice = voice_in_language(VoiceChoice(ENGLISH_US, 150), "es", home / "clips", None)
    assert voice == VoiceChoice(SPANISH, 150)  # the rate is the person's
    assert notice.startswith("Your voice (English (America)) does not speak Español")
    assert voice_in_language(VoiceChoice("", 150), "en", home / "clips", None) == (
        VoiceChoice("", 150),
        "",
    )
