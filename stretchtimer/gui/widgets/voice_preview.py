"""Hear a sentence in the chosen voice: the Settings page's "Test voice", the editor's
"Hear it" buttons and spoken reminders. The clip renders in the background helper, then
plays with the cue player."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from shiboken6 import isValid

from stretchtimer.core.i18n import N_, _
from stretchtimer.gui.services import AppServices
from stretchtimer.runtime.audio.cue_player import CuePlayer
from stretchtimer.speech.clip_cache import VoiceChoice
from stretchtimer.speech.problems import SpeechNotice, SpeechProblem
from stretchtimer.speech.session_speech import clip_renderer, render_falling_back
from stretchtimer.speech.voice_list import VoiceEntry, list_voices

log = logging.getLogger(__name__)

SAMPLE = N_("Breathe in slowly, and let your hips soften as you breathe out.")
VOICE_OFF = N_("The voice is turned off in Settings; turn it on there to hear it.")
MUTED = N_("Sound is muted; untick “Mute voice and chimes” in Settings to hear the voice.")


def render_one(clips_folder: Path, text: str, voice: str, rate: int) -> tuple[Path | None, str]:
    """A clip for ``text`` (or None) and the sentence saying why not; blocks while rendering.

    A voice that is no longer installed falls back to the default one, and a natural
    voice that cannot speak to the system's, as sessions do.
    """
    with clip_renderer(clips_folder) as renderer:
        result = render_falling_back(renderer, [text], VoiceChoice(voice, rate))
    notice = result.notice
    clip = result.clips.get(text)
    if clip is None:
        return None, notice.sentence if notice else _("The voice could not say this text.")
    if notice is not None and notice.problem is SpeechProblem.NATURAL_VOICE_FAILED:
        return clip.path, notice.sentence  # heard in the system's voice: say why
    return clip.path, ""


class VoicePreview(QObject):
    """Says one text at a time with the person's voice, rate and volume: the Settings
    page's "Test voice", the editor's "Hear it" and spoken reminders.

    The clip renders in the background helper (it lands in the clip cache, so a
    session that says it later starts sooner) and plays with the cue player. A newer
    text replaces one still being prepared or spoken.

    Signals:
        busy(bool): a text is being prepared or spoken.
        problem(str): one sentence when nothing can be said, and why.
        voices_found(object): a list of :class:`VoiceEntry` from :meth:`list_voices`.
    """

    busy = Signal(bool)
    problem = Signal(str)
    voices_found = Signal(object)

    def __init__(self, services: AppServices, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.player: CuePlayer | None = None
        self.last_text = ""
        self._request = 0

    def test(self) -> None:
        """Say the sample sentence, even while the voice is off for sessions: the person
        is choosing a voice. Mute still wins."""
        self.speak(_(SAMPLE), voice_off_too=True)

    def speak(self, text: str, *, voice_off_too: bool = False) -> None:
        text = " ".join(text.split())
        if not text:
            return
        settings = self.services.settings.current
        if settings.muted:
            self.problem.emit(_(MUTED))
            return
        if not settings.voice_enabled and not voice_off_too:
            self.problem.emit(_(VOICE_OFF))
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
        self.stop()
        if why:
            self.problem.emit(why)
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

    def _done(self, player: CuePlayer) -> None:
        if self.player is player:
            self.player = None
            player.deleteLater()
            self.busy.emit(False)

    def _failed(self, error: BaseException) -> None:
        if not isValid(self):
            return  # the window closed meanwhile
        self.busy.emit(False)
        self.problem.emit(_("The voice could not be prepared ({error}).").format(error=error))

    def cancel(self) -> None:
        """Stop speaking, and forget a text still being prepared (the window is closing)."""
        self._request += 1
        self.stop()

    def stop(self) -> None:
        player = self.player
        self.player = None
        if player is not None:
            player.silence("stopped")
            player.deleteLater()

    def list_voices(self) -> None:
        """Ask both engines for their voices; they arrive in ``voices_found``."""
        paths = self.services.paths

        def voices() -> tuple[list[VoiceEntry], SpeechNotice | None]:
            with clip_renderer(paths.clips) as renderer:
                return list_voices(renderer, paths.voices)

        self.services.tasks.run(voices, self._voices_listed)

    def _voices_listed(self, found: tuple[list[VoiceEntry], SpeechNotice | None]) -> None:
        entries, notice = found
        if notice is not None:
            self.problem.emit(notice.sentence)
        self.voices_found.emit(entries)
