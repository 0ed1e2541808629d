"""The sound of a reminder: the session-start chime, and the spoken line when chosen."""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QTimer, QUrl
from PySide6.QtMultimedia import QSoundEffect

from stretchtimer.gui.services import AppServices
from stretchtimer.gui.widgets.voice_preview import VoicePreview, play_when_loaded
from stretchtimer.storage.resources import sound_path

CHIME_SECONDS = 0.7  # the session-start chime (0.55 s) and a breath of silence


class ReminderChimeAndVoice(QObject):
    """Plays the chime with Qt Multimedia and says the line with the person's voice.

    The desk imports this module with the first reminder, not at start-up.
    """

    def __init__(self, services: AppServices, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.voice = VoicePreview(services, self)
        self._chime: QSoundEffect | None = None
        self._chime_ends = 0.0  # the voice waits for the chime (monotonic seconds)

    def chime(self, volume: float) -> None:
        if self._chime is None:
            effect = QSoundEffect(self)
            effect.statusChanged.connect(lambda: play_when_loaded(effect))
            effect.setSource(QUrl.fromLocalFile(str(sound_path("session_start"))))
            self._chime = effect
        self._chime.setVolume(volume)
        self._chime_ends = time.monotonic() + CHIME_SECONDS
        play_when_loaded(self._chime)  # at once when it has loaded before

    def say(self, text: str, volume: float) -> None:
        """Say ``text`` after the chime (rendered off the GUI thread, played at the voice
        volume)."""
        wait = self._chime_ends - time.monotonic()
        if wait <= 0:
            self.voice.speak(text)
        else:
            QTimer.singleShot(round(wait * 1000), self, lambda: self.voice.speak(text))
