"""The sound of a reminder: the session-start chime, and the spoken line when chosen."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from stretchtimer.core.session.cues import Sound
from stretchtimer.gui.services import AppServices
from stretchtimer.gui.widgets.voice_preview import VoicePreview
from stretchtimer.runtime.audio.cue_player import CuePlayer

CHIME_SECONDS = 0.7  # the session-start chime (0.55 s) and a breath of silence


class ReminderChimeAndVoice(QObject):
    """Rings the chime and says the line with the person's voice, both through the audio
    process (``runtime/audio/link.py``) as a session does: the app's own process never
    connects to the sound server, and a reminder after a server restart is heard.

    The desk imports this module with the first reminder, not at start-up.
    """

    def __init__(self, services: AppServices, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.voice = VoicePreview(services, self)
        self._chime: CuePlayer | None = None
        self._chime_ends = 0.0  # the voice waits for the chime (monotonic seconds)
        self._after_chime: list[Callable[[], None]] = []  # waiting for a chime not yet rung

    def chime(self, volume: float) -> None:
        """Ring the chime as soon as the audio process has it (a moment, if it was not
        running); the chime's sounds are let go once it has rung."""
        self._let_go()
        player = CuePlayer({}, voice_volume=0.0, chime_volume=volume, parent=self)
        self._chime = player

        def ring() -> None:
            if self._chime is not player:
                return
            player.ring(Sound.SESSION_START)
            self._chime_ends = time.monotonic() + CHIME_SECONDS
            waiting, self._after_chime = self._after_chime, []
            for then in waiting:
                QTimer.singleShot(round(CHIME_SECONDS * 1000), self, then)
            player.when_quiet(lambda: self._let_go(player))

        if player.is_ready():
            ring()
        else:
            player.ready.connect(ring)

    def say(self, text: str, volume: float) -> None:
        """Say ``text`` after the chime (rendered off the GUI thread, played at the voice
        volume)."""
        if self._chime is not None and not self._chime.is_ready():
            self._after_chime.append(lambda: self.voice.speak(text))
            return
        wait = self._chime_ends - time.monotonic()
        if wait <= 0:
            self.voice.speak(text)
        else:
            QTimer.singleShot(round(wait * 1000), self, lambda: self.voice.speak(text))

    def _let_go(self, only: CuePlayer | None = None) -> None:
        """Let the chime's sounds go (only ``only``'s, if that is still the chime)."""
        player = self._chime
        if player is None or (only is not None and player is not only):
            return
        self._chime = None
        player.close()
        player.deleteLater()
