"""Settings: changes apply at once and are saved for the next start."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt

from stretchtimer.gui.main_window import MainWindow
from stretchtimer.gui.services import AppServices
from stretchtimer.gui.theme import current
from stretchtimer.storage.settings import SettingsStore


def test_changes_apply_at_once_and_persist(
    qtbot, window: MainWindow, services: AppServices
) -> None:  # type: ignore[no-untyped-def]
    view = window.settings_view
    view.rate.slider.setValue(210)
    view.voice_volume.slider.setValue(40)
    view.breath.setCurrentIndex(view.breath.findData("tones"))
    view.prepare.setValue(12)
    view.muted.setChecked(True)
    current_settings = services.settings.current
    assert (current_settings.rate, current_settings.voice_volume) == (210, 0.4)
    assert current_settings.breath_guidance == "tones" and current_settings.prepare == 12
    assert current_settings.muted
    saved = SettingsStore(services.paths.settings).load().settings
    assert saved == current_settings


def test_theme_changes_the_look_at_once(
    qtbot, window: MainWindow, services: AppServices, themes
) -> None:  # type: ignore[no-untyped-def]
    services.settings.changed.connect(lambda settings: themes.apply(settings.theme))
    view = window.settings_view
    view.theme.setCurrentIndex(view.theme.findData("dark"))
    assert current().dark
    assert window.palette().color(window.backgroundRole()).lightness() < 60
    view.theme.setCurrentIndex(view.theme.findData("light"))
    assert not current().dark


def test_the_settings_page_shows_the_data_folder(window: MainWindow, services: AppServices) -> None:
    assert window.settings_view.data_folder.text() == str(services.paths.data)
    assert window.settings_view.open_folder.accessibleName() == "Open the data folder"


def test_keyboard_changes_a_slider(qtbot, window: MainWindow, services: AppServices) -> None:  # type: ignore[no-untyped-def]
    window.show_place("settings")
    slider = window.settings_view.rate.slider
    slider.setFocus()
    before = services.settings.current.rate
    qtbot.keyClick(slider, Qt.Key.Key_Right)
    assert services.settings.current.rate == before + 1


def test_the_voice_list_comes_from_the_speech_engine_and_a_choice_is_kept(
    qtbot,
    window: MainWindow,
    services: AppServices,  # type: ignore[no-untyped-def]
) -> None:
    view = window.settings_view
    qtbot.waitUntil(lambda: view.voice.count() > 20, timeout=20_000)  # espeak-ng has many
    texts = [view.voice.itemText(index) for index in range(view.voice.count())]
    # Grouped by engine and language: the natural voice first, under its heading.
    assert texts[:3] == ["Default voice (Joe (natural))", "Natural · en_US", "    Joe (natural)"]
    heading = texts.index("System · en-gb")
    assert not view.voice.model().item(heading).isEnabled()  # a heading cannot be chosen
    english = view.voice.findData("pyttsx3:gmw/en")
    assert english == heading + 1 and "English" in view.voice.itemText(english)
    view.voice.setCurrentIndex(english)
    assert services.settings.current.voice == "pyttsx3:gmw/en"
    assert SettingsStore(services.paths.settings).load().settings.voice == "pyttsx3:gmw/en"
    natural = view.voice.findData("piper:en_US-joe-medium")
    view.voice.setCurrentIndex(natural)
    assert services.settings.current.voice == "piper:en_US-joe-medium"


def test_a_voice_saved_before_engines_had_names_is_still_selected(
    qtbot,
    services: AppServices,
    themes,  # type: ignore[no-untyped-def]
) -> None:
    from stretchtimer.gui.settings.page import SettingsView

    services.settings.update(voice="gmw/en-us")  # a bare pyttsx3 id, as older settings hold
    view = SettingsView(services)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.voice.count() > 20, timeout=20_000)
    assert view.voice.currentData() == "pyttsx3:gmw/en-us"


def test_test_voice_renders_the_sample_with_the_chosen_voice(
    qtbot,
    window: MainWindow,
    services: AppServices,  # type: ignore[no-untyped-def]
) -> None:
    view = window.settings_view
    services.settings.update(voice_enabled=False)  # choosing a voice before turning it on
    qtbot.mouseClick(view.test_button, Qt.MouseButton.LeftButton)
    services.tasks.wait()
    clips = list(services.paths.clips.rglob("*.wav"))
    assert clips and clips[0].stat().st_size > 10_000  # a real sentence, not silence


def test_test_voice_while_muted_says_how_to_unmute(
    qtbot,
    window: MainWindow,
    services: AppServices,  # type: ignore[no-untyped-def]
) -> None:
    view = window.settings_view
    view.muted.setChecked(True)
    qtbot.mouseClick(view.test_button, Qt.MouseButton.LeftButton)
    assert view.voice_problem.isVisibleTo(view)
    assert view.voice_problem.text() == (
        "Sound is muted; untick “Mute voice and chimes” in Settings to hear the voice."
    )
    services.tasks.wait()
    assert not list(services.paths.clips.rglob("*.wav"))


def test_without_the_speech_engine_settings_say_why(
    qtbot,
    services: AppServices,
    themes,
    tmp_path,
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    from stretchtimer.gui.settings.page import SettingsView

    broken = tmp_path / "lib"
    broken.mkdir()
    (broken / "libespeak-ng.so.1").write_bytes(b"")
    monkeypatch.setenv("LD_LIBRARY_PATH", str(broken))
    view = SettingsView(services)
    qtbot.addWidget(view)
    assert "speech engine is not installed" in view.voice_problem.text()
    # The natural voice needs no system library: it is still offered, and the default.
    assert [view.voice.itemText(index) for index in range(view.voice.count())] == [
        "Default voice (Joe (natural))",
        "Natural · en_US",
        "    Joe (natural)",
    ]


def test_settings_closed_while_the_voice_is_tested_leaves_nothing_behind(
    qtbot,
    services: AppServices,
    themes,  # type: ignore[no-untyped-def]
) -> None:
    from stretchtimer.gui.settings.page import SettingsView

    view = SettingsView(services)
    view.show()
    qtbot.mouseClick(view.test_button, Qt.MouseButton.LeftButton)
    preview = view.preview
    qtbot.waitUntil(lambda: preview.player is not None and preview.player.is_speaking())
    view.close()
    view.deleteLater()  # the preview and its player go with the page
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    qtbot.wait(6000)  # past the sample's end, when the preview would have tidied up


def test_quiet_before_the_timer_and_the_spoken_easier_way_are_settings(
    qtbot, window: MainWindow, services: AppServices
) -> None:  # type: ignore[no-untyped-def]
    view = window.settings_view
    assert view.settle.value() == 3 and view.speak_easier.isChecked()  # the defaults
    view.settle.setValue(6)
    view.speak_easier.setChecked(False)
    saved = SettingsStore(services.paths.settings).load().settings
    assert saved.settle == 6 and saved.speak_easier is False
    from stretchtimer.core.session.estimate import plan_options

    options = plan_options(saved)
    assert options.pace_defaults.settle == 6 and not options.wording.speak_easier
