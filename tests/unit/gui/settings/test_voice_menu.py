"""The voice menu shows the voice that really speaks, whatever the settings file holds:
the system's own default voice (``pyttsx3:``), a voice since removed, an unknown id or
one typed by hand. The voices are the real ones (espeak-ng's and the bundled Joe)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from stretchtimer.gui.services import AppServices
from stretchtimer.gui.settings.page import SettingsView
from stretchtimer.gui.settings.voice_menu import select_voice
from stretchtimer.storage.settings import SettingsStore


@pytest.fixture
def view(qtbot: QtBot, services: AppServices, themes: object) -> SettingsView:
    page = SettingsView(services)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.voice.count() > 20, timeout=20_000)  # the voices are listed
    return page


def texts(combo: QComboBox) -> list[str]:
    return [combo.itemText(index) for index in range(combo.count())]


def hand_edit(services: AppServices, voice_line: str) -> None:
    """Write the settings file by hand, as a person with an editor would, and load it."""
    services.paths.settings.parent.mkdir(parents=True, exist_ok=True)
    services.paths.settings.write_text(f"version = 1\n[voice]\n{voice_line}\n", encoding="utf-8")
    services.settings.update(voice=SettingsStore(services.paths.settings).load().settings.voice)


@pytest.mark.parametrize(
    ("voice", "shown"),
    [
        ("", "Default voice (Joe (natural))"),
        # The system's own default voice, which the menu does not offer as such.
        ("pyttsx3:", "System default voice (English (Great Britain))"),
        # A natural voice the person added and then removed: the default voice speaks.
        (
            "piper:en_GB-alba-medium",
            "en_GB-alba-medium is not installed: Joe (natural) speaks instead",
        ),
        ("pyttsx3:no-such-voice", "no-such-voice is not installed: Joe (natural) speaks instead"),
        ("gmw/en-us", "    English (America)"),  # a bare id, as settings from before Piper hold
    ],
)
def test_the_menu_shows_the_voice_that_speaks_for_each_setting(
    view: SettingsView, services: AppServices, voice: str, shown: str
) -> None:
    services.settings.update(voice=voice)
    assert view.voice.currentText() == shown
    # Shown, never written back: the setting keeps what the person (or the file) chose.
    assert services.settings.current.voice == voice
    assert texts(view.voice).count(shown) == 1


def test_a_hand_edited_file_is_shown_as_the_app_reads_it(
    view: SettingsView, services: AppServices
) -> None:
    hand_edit(services, 'voice = "  piper:en_US-joe-medium "')  # stray spaces: still Joe
    assert view.voice.currentText() == "    Joe (natural)"
    # The engine's name is lower-case: "Piper:" is no engine, so no voice has this id.
    hand_edit(services, 'voice = "Piper:en_US-joe-medium"')
    assert view.voice.currentText() == (
        "Piper:en_US-joe-medium is not installed: Joe (natural) speaks instead"
    )


def test_the_entry_of_a_setting_the_menu_does_not_offer_goes_once_a_voice_is_chosen(
    view: SettingsView, services: AppServices
) -> None:
    offered = texts(view.voice)
    services.settings.update(voice="pyttsx3:")
    assert texts(view.voice)[1] == "System default voice (English (Great Britain))"
    view.voice.setCurrentIndex(view.voice.findData("pyttsx3:gmw/en-us"))
    assert services.settings.current.voice == "pyttsx3:gmw/en-us"
    assert texts(view.voice) == offered  # the menu as it was: only real choices
    assert view.voice.currentText() == "    English (America)"
    view.voice.setCurrentIndex(0)
    assert services.settings.current.voice == ""


def test_before_the_voices_are_listed_a_chosen_voice_is_shown_by_its_name(
    qtbot: QtBot,
) -> None:
    combo = QComboBox()
    qtbot.addWidget(combo)
    combo.addItem("Default voice", "")
    select_voice(combo, "pyttsx3:", None)
    assert combo.currentText() == "System default voice"
    select_voice(combo, "piper:en_GB-alba-medium", None)  # installed or not: not known yet
    assert texts(combo) == ["Default voice", "en_GB-alba-medium"]
    assert combo.currentData() == "piper:en_GB-alba-medium"
    select_voice(combo, "", None)
    assert texts(combo) == ["Default voice"] and combo.currentIndex() == 0


def test_an_unknown_voice_is_said_to_give_way_to_the_default_voice_the_app_uses(
    view: SettingsView, services: AppServices, tmp_path: Path
) -> None:
    """The menu's word matches the session's: an unknown voice is replaced by the
    default voice (``render_falling_back``), which the first entry names."""
    from stretchtimer.speech.clip_cache import VoiceChoice
    from stretchtimer.speech.session_speech import clip_renderer, render_falling_back

    services.settings.update(voice="pyttsx3:no-such-voice")
    with clip_renderer(tmp_path / "clips") as renderer:
        result = render_falling_back(
            renderer, ["Hello."], VoiceChoice("pyttsx3:no-such-voice", 165)
        )
    assert result.voice == VoiceChoice("", 165)
    default = next(entry for entry in view.voices or [] if entry.default)
    assert (
        view.voice.currentText() == f"no-such-voice is not installed: {default.name} speaks instead"
    )
