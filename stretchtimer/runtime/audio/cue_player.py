"""Play a session's cues aloud: chimes, tones and the pre-rendered speech clips.

The player only listens to the session driver's ``engine_event`` signal; the
driver's one ``Qt.PreciseTimer`` decides when a cue is due, so a clip starts the
moment its cue arrives. The sounds themselves play in the app's one audio process
(``runtime/audio/child.py``, reached through ``runtime/audio_link.shared_link``),
started by the first sound needed: every clip and chime is loaded there before the
session starts (``QSoundEffect`` keeps it in memory), and playing one is one short
line down a pipe, which never touches the disk or blocks the event loop. The app's
process never connects to the sound server itself, so a server that dies cannot
leave a socket notifier on a closed descriptor in the app's event loop. The terminal
player uses the same process: one way to play, and its timing was measured the same.

What a person with eyes closed relies on:

- a new spoken cue cuts the one still speaking (the plan only lets required
  cues overlap, and those must win);
- skip, back, stop and pause silence the voice at once;
- after a stall, old spoken cues are dropped rather than read out late, except
  the ones that say what to do next (the step, the side, the end);
- when the sound server goes away the person is told once, and when it comes
  back a new audio process connects to it, the sounds play again and the person
  is told once that they are back;
- an audio process that dies or hangs is replaced, with the same sounds.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from pathlib import Path

import shiboken6
from PySide6.QtCore import QEventLoop, QObject, QTimer, Signal, SignalInstance

from stretchtimer.core.i18n import N_, _
from stretchtimer.core.session.events import (
    CueDue,
    EasierChosen,
    Outcome,
    Paused,
    Resumed,
    SegmentEnded,
    SegmentStarted,
    SessionFinished,
    Status,
)
from stretchtimer.core.session.plan import CueRole, Sound
from stretchtimer.runtime.audio.link import AudioLink, shared_link
from stretchtimer.runtime.audio.sound_server import server_present
from stretchtimer.runtime.timing_log import TimingLog
from stretchtimer.speech.problems import SpeechNotice, SpeechProblem
from stretchtimer.speech.wav import wav_info
from stretchtimer.storage.resources import sound_path

log = logging.getLogger(__name__)

STALE_AFTER = 1.0  # seconds late: a spoken cue is old news (unless it is one of KEEP_LATE)
# Instructions are worth hearing late; a count or "halfway" is not.
KEEP_LATE = frozenset(
    {
        CueRole.INTRO,
        CueRole.SIDE,
        CueRole.DONE,
        CueRole.SETUP,
        CueRole.CAUTION,
        CueRole.ACTION,
        CueRole.EASIER,
        CueRole.RELEASE,
        CueRole.FINISH,
    }
)
QUIET_MARGIN = 0.15  # seconds added after the last sound before saying "all quiet"
LOAD_TIMEOUT_MS = 5000  # the audio process starts (about 0.5 s) and loads every sound


# Shown to the person; marked here, translated when shown (``_(SOUND_LOST)``).
SOUND_LOST = N_(
    "The sound stopped: the computer's sound server went away. The session goes on, "
    "and sound comes back when the server does."
)
SOUND_BACK = N_("Sound is back.")


class ChildSound:
    """One sound loaded in the audio process: what ``QSoundEffect`` offered the player."""

    def __init__(self, link: AudioLink, key: int, path: Path, volume: float) -> None:
        self.link = link
        self.key = key
        self.path = path
        self._volume = volume
        link.load(key, str(path), volume)

    def play(self) -> None:
        self.link.play(self.key)

    def stop(self) -> None:
        self.link.stop(self.key)

    def volume(self) -> float:
        return self._volume

    def setVolume(self, volume: float) -> None:  # noqa: N802 - QSoundEffect's name
        if volume != self._volume:
            self._volume = volume
            self.link.set_volume(self.key, volume)


class CuePlayer(QObject):
    """Plays cues as the driver's events arrive.

    ``problem()`` says why nothing will be heard (no sound output), as a
    :class:`SpeechNotice` a display can show.

    Signals:
        ready(): every clip and chime is loaded (or failed to load); start the session.
        notice(str): one sentence for the person (the sound was lost, or is back).
    """

    ready = Signal()
    notice = Signal(str)

    def __init__(
        self,
        clips: Mapping[str, Path],
        *,
        voice_volume: float = 0.9,
        chime_volume: float = 0.6,
        muted: bool = False,
        silent: bool = False,
        timing_log: TimingLog | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.voice_volume = 0.0 if muted else voice_volume
        self.chime_volume = 0.0 if muted else chime_volume
        self.timing_log = timing_log
        self._voices: dict[str, ChildSound] = {}
        self._chimes: dict[Sound, ChildSound] = {}
        self._lengths: dict[int, float] = {}  # key -> seconds
        self._speaking: ChildSound | None = None
        self._speaking_text: str | None = None
        self._speaking_until = 0.0
        self._cut_by_pause: str | None = None
        self._quiet_at = 0.0  # monotonic time when everything played so far has ended
        self._chimes_end = 0.0  # and when the chimes played so far have ended
        self._ready_sent = False
        self._told_lost = False
        self._closed = False
        # ``silent``: muted with no way to unmute, so no audio process is started (it
        # would connect to PulseAudio or PipeWire) and nothing is loaded.
        self.silent = silent
        self.has_output = not silent and server_present()
        if not self.has_output and not silent:
            log.warning("no sound server; the session will be silent")
        self._link = shared_link()
        self._keys: list[int] = []  # the sounds this player holds in the audio process
        self._loading: set[int] = set()
        if self.has_output:
            self._link.loaded.connect(self._on_loaded)
            self._link.lost.connect(self._on_sound_lost)
            self._link.back.connect(self._on_sound_back)
            # Let go of the sounds even when the player is deleted without ``close``.
            link, keys = self._link, self._keys
            self.destroyed.connect(lambda: _let_go(link, keys))
            # Loaded even when muted: unmuting in the middle of a session must be heard.
            for sound in Sound:
                self._chimes[sound] = self._load(sound_path(sound.value), self.chime_volume)
            for text, path in clips.items():
                self._voices[text] = self._load(path, self.voice_volume)
        else:
            QTimer.singleShot(0, self, self._send_ready)
        QTimer.singleShot(LOAD_TIMEOUT_MS, self, self._send_ready)

    @property
    def audio_process(self) -> int | None:
        """The audio process's id while one runs (for tests and diagnostics)."""
        return self._link.pid

    # -- set-up -----------------------------------------------------------------------

    def problem(self) -> SpeechNotice | None:
        """Why nothing will be heard, if so (nothing to say when silence was asked for)."""
        if not self.has_output and not self.silent:
            return SpeechNotice(SpeechProblem.NO_AUDIO_DEVICE)
        return None

    def set_volumes(self, voice_volume: float, chime_volume: float, *, muted: bool) -> None:
        """Change the volumes (or mute) at once, also in the middle of a sentence."""
        self.voice_volume = 0.0 if muted else voice_volume
        self.chime_volume = 0.0 if muted else chime_volume
        for effect in self._voices.values():
            effect.setVolume(self.voice_volume)
        for effect in self._chimes.values():
            effect.setVolume(self.chime_volume)

    def add_clip(self, text: str, path: Path) -> None:
        """A clip rendered while the session runs (see ``runtime.speech_stream``)."""
        if self.has_output and text not in self._voices:
            self._voices[text] = self._load(path, self.voice_volume)

    def attach(self, engine_event: SignalInstance) -> None:
        """Listen to a driver's ``engine_event`` signal (connect before any display)."""
        engine_event.connect(self.on_event)

    def _load(self, path: Path, volume: float) -> ChildSound:
        key = self._link.new_key()
        try:
            self._lengths[key] = wav_info(path).seconds
        except (OSError, ValueError):
            log.warning("cannot read sound %s", path, exc_info=True)
            self._lengths[key] = 0.0
        self._keys.append(key)
        self._loading.add(key)
        return ChildSound(self._link, key, path, volume)

    def _on_loaded(self, key: int, ok: bool) -> None:
        if key in self._loading and not self._closed:
            self._loading.discard(key)
            if not ok:
                log.warning("could not load sound %d", key)
            if not self._loading:
                self._send_ready()

    def is_ready(self) -> bool:
        return self._ready_sent

    def _send_ready(self) -> None:
        if not self._ready_sent:
            self._ready_sent = True
            self.ready.emit()

    # -- during the session -----------------------------------------------------------

    def on_event(self, event: object) -> None:
        if isinstance(event, CueDue):
            self._on_cue(event)
        elif isinstance(event, SegmentStarted):
            if self.timing_log:
                segment = event.segment
                self.timing_log.write(
                    "segment", kind=segment.kind.value, position=segment.position, due=event.mono
                )
        elif isinstance(event, SegmentEnded) and event.outcome is not Outcome.DONE:
            self.silence("left")  # skip, back or stop: the old words no longer apply
        elif isinstance(event, Paused):
            # What the pause cut short is said again on resuming: with eyes closed, half
            # an instruction is no instruction.
            self._cut_by_pause = self.speaking_text()
            self.silence("pause")
            if event.text:
                self.say(event.text)
        elif isinstance(event, Resumed):
            cut, self._cut_by_pause = self._cut_by_pause, None
            if cut is not None:
                self.say(cut)
        elif isinstance(event, EasierChosen):
            self.say(event.text)
        elif isinstance(event, SessionFinished) and event.status is Status.STOPPED:
            self.silence("stop")

    def _on_cue(self, event: CueDue) -> None:
        cue = event.cue
        stale = event.late_by > STALE_AFTER
        if cue.sound is not None and not stale:
            self._chime(cue.sound, event.due)
        if cue.spoken and cue.text:
            if stale and cue.role not in KEEP_LATE:
                log.info("dropping a cue %.1f s late: %r", event.late_by, cue.text)
                if self.timing_log:
                    self.timing_log.write("drop", text=cue.text, due=event.due)
                return
            self._say(cue.text, due=event.due)

    def _chime(self, sound: Sound, due: float | None) -> None:
        effect = self._chimes.get(sound)
        if effect is None or self.chime_volume <= 0:
            return
        effect.play()
        self._sounding(effect)
        self._chimes_end = max(self._chimes_end, time.monotonic() + self._lengths[effect.key])
        if self.timing_log:
            self.timing_log.write("chime", name=sound.value, due=due)

    def ring(self, sound: Sound) -> None:
        """Ring ``sound`` now (a reminder's chime, outside any session)."""
        self._chime(sound, None)

    def say(self, text: str) -> None:
        """Say ``text`` now, if it has a clip (cutting what is being said)."""
        self._say(text, due=None)

    def _say(self, text: str, due: float | None) -> None:
        effect = self._voices.get(text)
        if effect is None or self.voice_volume <= 0:
            return
        if self._speaking is not None:
            self._speaking.stop()  # a new cue cuts the old one (or restarts itself)
        effect.play()
        self._speaking = effect
        seconds = self._lengths[effect.key]
        self._speaking_text = text
        self._speaking_until = time.monotonic() + seconds
        self._sounding(effect)
        if self.timing_log:
            self.timing_log.write("voice", text=text, due=due, seconds=seconds)

    def _on_sound_lost(self) -> None:
        """The server went (and the audio process with it): say so once."""
        if self._closed:
            return
        self.silence("sound server gone")
        if not self._told_lost:
            self._told_lost = True
            self.notice.emit(_(SOUND_LOST))

    def _on_sound_back(self) -> None:
        """A new audio process on a new server has loaded every sound."""
        if self._told_lost and not self._closed:
            self._told_lost = False
            self.notice.emit(_(SOUND_BACK))

    def _sounding(self, effect: ChildSound) -> None:
        self._quiet_at = max(self._quiet_at, time.monotonic() + self._lengths[effect.key])

    def silence(self, why: str = "") -> None:
        """Stop the voice now (chimes ring on: they are short and mark the moment).

        Stopped whether or not Qt reports it playing yet: a clip started a moment
        ago may still be opening its audio stream, and must not start after this.
        """
        speaking = self._speaking
        was_speaking = self.speaking_text() is not None
        self._speaking = None
        self._speaking_text = None
        if speaking is not None:
            speaking.stop()
            if was_speaking and self.timing_log:
                self.timing_log.write("silence", why=why)
        self._quiet_at = self._chimes_end

    def speaking_text(self) -> str | None:
        """What the voice is saying now (by the clock and the clip's length), if anything."""
        if self._speaking_text is None or time.monotonic() >= self._speaking_until:
            return None
        return self._speaking_text

    def is_speaking(self) -> bool:
        return self.speaking_text() is not None

    def when_quiet(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` once what is playing now has been heard to its end."""
        wait = max(0.0, self._quiet_at - time.monotonic())
        delay = round((wait + QUIET_MARGIN) * 1000) if wait > 0 else 0
        QTimer.singleShot(delay, self, callback)  # never once the player is gone

    def close(self) -> None:
        self._closed = True  # the link's signals reach a closed player no more
        if self.has_output:
            _let_go(self._link, self._keys)
        if self.timing_log is not None:
            self.timing_log.close()
            self.timing_log = None


def _let_go(link: AudioLink, keys: list[int]) -> None:
    if shiboken6.isValid(link):
        link.unload(keys)


def wait_until_ready(player: CuePlayer) -> None:
    """Run the event loop until ``player`` has loaded its sounds (a few milliseconds).

    For the terminal, before the session starts; the desktop app listens to
    ``ready`` instead.
    """
    if player.is_ready():
        return
    loop = QEventLoop()
    player.ready.connect(loop.quit)
    loop.exec()
