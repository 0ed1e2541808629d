"""Play a session's cues aloud: chimes, tones and the pre-rendered speech clips.

The player only listens to the session driver's ``engine_event`` signal; the
driver's one ``Qt.PreciseTimer`` decides when a cue is due, so a clip starts the
moment its cue arrives. Every clip and chime is loaded before the session
starts (``QSoundEffect`` keeps it in memory), so playing one never touches the
disk or blocks the event loop.

What a person with eyes closed relies on:

- a new spoken cue cuts the one still speaking (the plan only lets required
  cues overlap, and those must win);
- skip, back, stop and pause silence the voice at once;
- after a stall, old spoken cues are dropped rather than read out late, except
  the ones that say what to do next (the step, the side, the end);
- when the sound server goes away the person is told once, and when it comes
  back the sounds play again (through ``paplay``: Qt cannot reach a new server).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QEventLoop, QObject, QTimer, QUrl, Signal, SignalInstance
from PySide6.QtMultimedia import QMediaDevices, QSoundEffect

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
from stretchtimer.runtime.sound_server import ExternalSound, SoundServerWatch, external_player
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
LOAD_TIMEOUT_MS = 3000
LOAD_BATCH = 8  # sounds set up per turn of the event loop


# Shown to the person; marked here, translated when shown (``_(SOUND_LOST)``).
SOUND_LOST = N_(
    "The sound stopped: the computer's sound server went away. The session goes on, "
    "and sound comes back when the server does."
)
SOUND_BACK = N_("Sound is back.")
SOUND_BACK_WITHOUT_PLAYER = N_(
    "The sound server is back, but stretchtimer cannot reach it until it is started "
    "again; install pulseaudio-utils (paplay) to keep the sound going next time."
)


class Playable(Protocol):
    def play(self) -> None: ...
    def stop(self) -> None: ...
    def setVolume(self, volume: float) -> None: ...  # noqa: N802 - Qt's name


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
        self._voices: dict[str, Playable] = {}
        self._chimes: dict[Sound, Playable] = {}
        self._lengths: dict[int, float] = {}  # id(effect) -> seconds
        self._paths: dict[int, Path] = {}  # id(effect) -> its file, to play it another way
        self._speaking: Playable | None = None
        self._speaking_text: str | None = None
        self._speaking_until = 0.0
        self._cut_by_pause: str | None = None
        self._quiet_at = 0.0  # monotonic time when everything played so far has ended
        self._chimes_end = 0.0  # and when the chimes played so far have ended
        self._loading: set[int] = set()
        self._ready_sent = False
        # ``silent``: muted with no way to unmute, so no device is asked for (asking
        # connects to PulseAudio or PipeWire) and nothing is loaded.
        self.silent = silent
        self.has_output = not silent and bool(QMediaDevices.audioOutputs())
        if not self.has_output and not silent:
            log.warning("no audio output device; the session will be silent")
        # Loaded even when muted: unmuting in the middle of a session must be heard. A few
        # at a time, each batch on its own turn of the event loop: a window stays smooth.
        self._to_load: list[tuple[Sound | str, Path]] = []
        if self.has_output:
            self._to_load += [(sound, sound_path(sound.value)) for sound in Sound]
            self._to_load += list(clips.items())
        self._load_batch()
        QTimer.singleShot(LOAD_TIMEOUT_MS, self, self._send_ready)
        self._server: SoundServerWatch | None = None
        self._external = False
        if self.has_output:
            self._server = SoundServerWatch(parent=self)
            self._server.lost.connect(self._on_sound_lost)
            self._server.returned.connect(self._on_sound_back)

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

    def _load_batch(self) -> None:
        batch, self._to_load = self._to_load[:LOAD_BATCH], self._to_load[LOAD_BATCH:]
        for key, path in batch:
            if isinstance(key, Sound):
                self._chimes[key] = self._load(path, self.chime_volume)
            else:
                self._voices[key] = self._load(path, self.voice_volume)
        if self._to_load:
            QTimer.singleShot(0, self, self._load_batch)  # dropped if the player goes
        elif not self._loading:
            QTimer.singleShot(0, self, self._send_ready)

    def _load(self, path: Path, volume: float) -> QSoundEffect:
        effect = QSoundEffect(self)
        effect.setVolume(volume)
        self._paths[id(effect)] = path
        try:
            self._lengths[id(effect)] = wav_info(path).seconds
        except (OSError, ValueError):
            log.warning("cannot read sound %s", path, exc_info=True)
            self._lengths[id(effect)] = 0.0
        self._loading.add(id(effect))
        effect.statusChanged.connect(self._on_status)
        effect.setSource(QUrl.fromLocalFile(str(path)))
        return effect

    def _on_status(self) -> None:
        effect = self.sender()
        if not isinstance(effect, QSoundEffect):
            return
        status = effect.status()
        if status in (QSoundEffect.Status.Ready, QSoundEffect.Status.Error):
            if status is QSoundEffect.Status.Error:
                log.warning("could not load sound %s", effect.source().toLocalFile())
            self._loading.discard(id(effect))
            if not self._loading and not self._to_load:
                self._send_ready()

    def is_ready(self) -> bool:
        return self._ready_sent

    def _send_ready(self) -> None:
        if not self._ready_sent:
            self._ready_sent = True
            if self._loading:
                log.warning(
                    "%d sounds were still loading when the session started", len(self._loading)
                )
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
        self._chimes_end = max(self._chimes_end, time.monotonic() + self._lengths[id(effect)])
        if self.timing_log:
            self.timing_log.write("chime", name=sound.value, due=due)

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
        seconds = self._lengths[id(effect)]
        self._speaking_text = text
        self._speaking_until = time.monotonic() + seconds
        self._sounding(effect)
        if self.timing_log:
            self.timing_log.write("voice", text=text, due=due, seconds=seconds)

    def _on_sound_lost(self) -> None:
        """Qt's connection dies with the server and never comes back: leave it at once.

        From now on each sound is played by ``paplay``, which finds the server that
        comes back (until then it fails quietly).
        """
        self.notice.emit(_(SOUND_LOST))
        if self._external:
            return
        program = external_player()
        if program is None:
            return
        self.silence("sound server gone")
        self._external = True
        voice, chime = self.voice_volume, self.chime_volume
        old = [*self._voices.values(), *self._chimes.values()]
        self._voices = {
            key: self._outside(one, program, voice) for key, one in self._voices.items()
        }
        self._chimes = {
            key: self._outside(one, program, chime) for key, one in self._chimes.items()
        }
        for effect in old:  # stopped, not deleted: deleting them now corrupts Qt's heap
            if isinstance(effect, QSoundEffect):
                effect.stop()
        log.info("the sound server went away; playing through %s from now on", program)

    def _on_sound_back(self) -> None:
        self.notice.emit(_(SOUND_BACK) if self._external else _(SOUND_BACK_WITHOUT_PLAYER))

    def _outside(self, effect: Playable, program: str, volume: float) -> Playable:
        path = self._paths.get(id(effect))
        if path is None:
            return effect
        sound = ExternalSound(path, volume, program)
        self._lengths[id(sound)] = self._lengths.get(id(effect), 0.0)
        self._paths[id(sound)] = path
        return sound

    def _sounding(self, effect: Playable) -> None:
        self._quiet_at = max(self._quiet_at, time.monotonic() + self._lengths[id(effect)])

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
        if self._server is not None:
            self._server.stop()
        for effect in (*self._voices.values(), *self._chimes.values()):
            effect.stop()
        if self.timing_log is not None:
            self.timing_log.close()
            self.timing_log = None


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
