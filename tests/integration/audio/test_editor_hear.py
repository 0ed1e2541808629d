"""The editor's "Hear it" button: real espeak-ng speech, heard on the test's PulseAudio sink."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt

from stretchtimer.core.routine.draft import RoutineDraft, StepDraft
from stretchtimer.core.session import phrases
from stretchtimer.gui.editor.window import RoutineEditor
from stretchtimer.gui.services import AppServices
from stretchtimer.gui.settings_model import SettingsModel
from stretchtimer.gui.tasks import ImmediateTaskRunner
from stretchtimer.speech.clip_cache import ClipCache, VoiceChoice
from stretchtimer.storage.paths import app_paths
from stretchtimer.storage.routines.drafts import DraftFolder
from stretchtimer.storage.routines.store import RoutineStore
from stretchtimer.storage.settings import SettingsStore
from tests.integration.audio.onsets import Recording
from tests.integration.audio.pulse import PulseServer
from tests.integration.audio.test_without_speech import NO_ENGINE, without_espeak

NAME = "Pigeon pose"
SAY = "Lower your hips toward the floor and breathe slowly."


@pytest.fixture
def editor(qtbot, home: Path) -> Iterator[RoutineEditor]:  # type: ignore[no-untyped-def]
    paths = app_paths()
    tasks = ImmediateTaskRunner()
    store = SettingsStore(paths.settings)
    services = AppServices(
        paths=paths, settings=SettingsModel(store, store.load().settings, tasks), tasks=tasks
    )
    draft = RoutineDraft(title="Hips", steps=(StepDraft(name=NAME, say=SAY),))
    window = RoutineEditor(
        services,
        RoutineStore(paths.routines, reserved=set()),
        DraftFolder(paths.data / "editor-drafts"),
        path=None,
        base=None,
        draft=draft,
    )
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.document.undo_stack.setClean()
    window.close()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


def test_editor_hear_it_speaks_the_steps_words_in_the_chosen_voice(
    qtbot, pulse: PulseServer, editor: RoutineEditor, home: Path
) -> None:  # type: ignore[no-untyped-def]
    busy: list[bool] = []
    editor.speech.busy.connect(busy.append)
    with pulse.recording(home / "heard.wav") as wav:
        qtbot.mouseClick(editor.step_form.hear_say, Qt.MouseButton.LeftButton)
        assert editor.step_form.hear_say.text() == "Speaking…"
        qtbot.waitUntil(lambda: busy == [True, False], timeout=15_000)
    assert editor.step_form.hear_say.text() == "Hear it"
    assert editor.banner.message == ""
    spoken = phrases.intro(NAME, SAY)
    clip = ClipCache(app_paths().clips).lookup(spoken, VoiceChoice("", 165))
    assert clip is not None  # in the cache: a session of this routine starts sooner
    recording = Recording.load(wav)
    start = recording.first_sound()
    assert start is not None, "nothing was heard"
    heard = [level for level in recording.levels if level > 0.01]
    assert len(heard) * recording.frame > clip.seconds * 0.5
    assert recording.loudest(start, start + clip.seconds) > 0.05


def test_editor_hear_it_says_in_one_sentence_why_there_is_no_voice(
    qtbot, editor: RoutineEditor, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    for name, value in without_espeak(home).items():
        monkeypatch.setenv(name, value)  # the speech worker cannot load espeak-ng
    editor.services.settings.update(voice="pyttsx3:")  # the system's voice, not Piper's
    qtbot.mouseClick(editor.step_form.hear_say, Qt.MouseButton.LeftButton)
    assert editor.banner.message == NO_ENGINE.removeprefix("stretchtimer: ")
    assert editor.step_form.hear_say.text() == "Hear it"


def test_editor_hear_it_respects_a_voice_turned_off(qtbot, editor: RoutineEditor) -> None:  # type: ignore[no-untyped-def]
    editor.services.settings.update(voice_enabled=False)
    qtbot.mouseClick(editor.step_form.hear_say, Qt.MouseButton.LeftButton)
    assert editor.banner.message == (
        "The voice is turned off in Settings; turn it on there to hear it."
    )
    editor.services.settings.update(voice_enabled=True, muted=True)
    qtbot.mouseClick(editor.step_form.hear_say, Qt.MouseButton.LeftButton)
    assert editor.banner.message == (
        "Sound is muted; untick “Mute voice and chimes” in Settings to hear the voice."
    )


def test_hear_it_with_a_damaged_natural_voice_speaks_in_the_system_voice_and_says_why(
    qtbot, editor: RoutineEditor, home: Path
) -> None:  # type: ignore[no-untyped-def]
    from tests.unit.speech.test_piper_speaker import bundled_copy

    (home / "data").mkdir(exist_ok=True)
    model = bundled_copy(home / "data" / "voices", "en_US-broken-medium")
    model.write_bytes(model.read_bytes()[:2_000_000])  # a download cut short
    editor.services.settings.update(voice="piper:en_US-broken-medium")
    qtbot.mouseClick(editor.step_form.hear_say, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.step_form.hear_say.text() == "Hear it", timeout=20_000)
    assert editor.banner.message.startswith(
        "The natural voice cannot speak here (its voice file is damaged or incomplete)"
    )
    spoken = phrases.intro(NAME, SAY)
    clip = ClipCache(app_paths().clips).lookup(spoken, VoiceChoice("pyttsx3:", 165))
    assert clip is not None  # said, by the system's voice
