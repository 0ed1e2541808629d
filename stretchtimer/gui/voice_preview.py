"""Hear a sentence in the chosen voice: the Settings page's "Test voice" and the editor's
"Hear" buttons. The clip renders in the background helper, then plays with Qt."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtMultimedia import QSoundEffect

from stretchtimer.gui.services import AppServices
from stretchtimer.speech.clip_cache import VoiceChoice
from stretchtimer.speech.problems import SpeechNotice, SpeechUnavailableError
from stretchtimer.speech.session_speech import clip_renderer

log = logging.getLogger(__name__)

SAMPLE = "Breathe in slowly, and let your hips soften as you breathe out."


@dataclass(frozen=True)
class _Heard:
    clip: Path | None
    notice: SpeechNotice | None


class VoicePreview(QObject):
    """Says one sentence at a time with the person's voice, rate and volume.

    Signals:
        problem(str): one sentence when nothing can be said, and why.
        voices_found(object): ``[(id, label), ...]`` from :meth:`list_voices`.
    """

    problem = Signal(str)
    voices_found = Signal(object)

    def __init__(self, services: AppServices, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self._effect: QSoundEffect | None = None

    def speak(self, text: str = SAMPLE) -> None:
        settings = self.services.settings.current
        voice = VoiceChoice(settings.voice, settings.rate)
        clips = self.services.paths.clips

        def render() -> _Heard:
            with clip_renderer(clips) as renderer:
                result = renderer.render([text], voice)
            clip = result.clips.get(text)
            return _Heard(clip.path if clip else None, result.notice)

        self.services.tasks.run(render, self._play)

    def _play(self, heard: _Heard) -> None:
        if heard.notice is not None:
            self.problem.emit(heard.notice.sentence)
        if heard.clip is None:
            return
        if self._effect is not None:
            self._effect.stop()
            self._effect.deleteLater()
        effect = QSoundEffect(self)
        settings = self.services.settings.current
        effect.setVolume(0.0 if settings.muted else settings.voice_volume)
        effect.statusChanged.connect(lambda: play_when_loaded(effect))
        effect.setSource(QUrl.fromLocalFile(str(heard.clip)))
        self._effect = effect

    def list_voices(self) -> None:
        """Ask the engine for its voices; they arrive in ``voices_found``."""
        clips = self.services.paths.clips

        def voices() -> list[tuple[str, str]] | str:
            try:
                with clip_renderer(clips) as renderer:
                    found = renderer.voices()
            except SpeechUnavailableError as error:
                return error.notice.sentence
            return sorted(
                (str(voice.get("id", "")), _label(voice)) for voice in found if voice.get("id")
            )

        self.services.tasks.run(voices, self._voices_listed)

    def _voices_listed(self, found: list[tuple[str, str]] | str) -> None:
        if isinstance(found, str):
            self.problem.emit(found)
        else:
            self.voices_found.emit(sorted(found, key=lambda item: item[1].lower()))


def _label(voice: dict[str, Any]) -> str:
    languages = ", ".join(str(language) for language in voice.get("languages", []))
    name = str(voice.get("name", voice.get("id", "")))
    return f"{name} ({languages})" if languages else name


def play_when_loaded(effect: QSoundEffect) -> None:
    """Connected to ``statusChanged``: play once the sound has loaded."""
    if effect.status() is QSoundEffect.Status.Ready and not effect.isPlaying():
        effect.play()
    elif effect.status() is QSoundEffect.Status.Error:
        log.warning("could not play %s", effect.source().toLocalFile())
