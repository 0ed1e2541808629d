"""Say one text aloud with the person's voice: the editor's "Hear it" buttons.

The text is rendered to a clip by the speech renderer through the background
helper (it lands in the clip cache, so a session that says it later starts
sooner) and played with the cue player. When the voice cannot be heard, the
reason comes back as one sentence, as sessions give it.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from shiboken6 import isValid

from stretchtimer.gui.services import AppServices

log = logging.getLogger(__name__)

VOICE_OFF = "The voice is turned off in Settings; turn it on there to hear the steps."


def render_one(clips_folder: Path, text: str, voice: str, rate: int) -> tuple[Path | None, str]:
    """A clip for ``text`` (or None) and the sentence saying why not; blocks while rendering."""
    from stretchtimer.speech.clip_cache import ClipCache, VoiceChoice
    from stretchtimer.speech.problems import SpeechProblem
    from stretchtimer.speech.renderer import ClipRenderer

    choice = VoiceChoice(voice, rate)
    with ClipRenderer(ClipCache(clips_folder)) as renderer:
        result = renderer.render([text], choice)
        notice = result.notice
        if notice is not None and notice.problem is SpeechProblem.UNKNOWN_VOICE:
            result = renderer.render([text], VoiceChoice("", rate))  # as sessions do
            notice = result.notice
    clip = result.clips.get(text)
    if clip is None:
        return None, notice.sentence if notice else "The voice could not say this text."
    return clip.path, ""


class SpeechPreview(QObject):
    """Renders and plays one text at a time.

    Signals:
        busy(bool): a text is being prepared or spoken.
        problem(str): why nothing can be heard, in one sentence.
    """

    busy = Signal(bool)
    problem = Signal(str)

    def __init__(self, services: AppServices, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.player: QObject | None = None
        self.last_text = ""
        self._request = 0

    def speak(self, text: str) -> None:
        text = " ".join(text.split())
        if not text:
            return
        settings = self.services.settings.current
        if settings.muted or not settings.voice_enabled:
            self.problem.emit(VOICE_OFF)
            return
        self._request += 1
        request = self._request
        self.last_text = text
        self.busy.emit(True)
        folder = self.services.paths.clips
        self.services.tasks.run(
            lambda: render_one(folder, text, settings.voice, settings.rate),
            lambda result: self._rendered(request, text, result),
            self._failed,
        )

    def _rendered(self, request: int, text: str, result: tuple[Path | None, str]) -> None:
        if request != self._request:
            return  # a newer text was asked for meanwhile
        path, why = result
        if path is None:
            self.busy.emit(False)
            self.problem.emit(why)
            return
        from stretchtimer.player.cue_player import CuePlayer

        self.stop()
        volume = self.services.settings.current.voice_volume
        player = CuePlayer({text: path}, voice_volume=volume, chime_volume=0.0, parent=self)
        self.player = player
        trouble = player.problem()
        if trouble is not None:
            self.busy.emit(False)
            self.problem.emit(trouble.sentence)
            return

        def play() -> None:
            if self.player is player:
                player.say(text)
                player.when_quiet(lambda: self._done(player))

        if player.is_ready():
            play()
        else:
            player.ready.connect(play)

    def _done(self, player: QObject) -> None:
        if self.player is player:
            self.player = None
            player.deleteLater()
            self.busy.emit(False)

    def _failed(self, error: BaseException) -> None:
        if not isValid(self):
            return  # the editor closed meanwhile
        self.busy.emit(False)
        self.problem.emit(f"The voice could not be prepared ({error}).")

    def cancel(self) -> None:
        """Stop speaking, and forget a text still being prepared (the editor is closing)."""
        self._request += 1
        self.stop()

    def stop(self) -> None:
        player = self.player
        self.player = None
        if player is not None:
            from stretchtimer.player.cue_player import CuePlayer

            assert isinstance(player, CuePlayer)
            player.silence("stopped")
            player.deleteLater()
