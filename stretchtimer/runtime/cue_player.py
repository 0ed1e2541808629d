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
  the ones that say what to do next (the step, the side, the end).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from pathlib import Path

from PySide6.QtCore import QEventLoop, QObject, QTimer, QUrl, Signal, SignalInstance
from PySide6.QtMultimedia import QMediaDevices, QSoundEffect

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
from stretchtimer.runtime.timing_log import TimingLog
from stretchtimer.speech.problems import SpeechNotice, SpeechProblem
from stretchtimer.speech.wav import wav_info
from stretchtimer.storage.resources import sound_path

log = logging.getLogger(__name__)

STALE_AFTER = 1.0  # seconds late: a spoken cue is old news (unless it is one of KEEP_LATE)
KEEP_LATE = frozenset({CueRole.INTRO, CueRole.SIDE, CueRole.DONE})
QUIET_MARGIN = 0.15  # seconds added after the last sound before saying "all quiet"
LOAD_TIMEOUT_MS = 3000
LOAD_BATCH = 8  # sounds set up per turn of the event loop


class CuePlayer(QObject):
    """Plays cues as the driver's events arrive.

    ``problem()`` says why nothing will be heard (no sound output), as a
    :class:`SpeechNotice` a display can show.

    Signals:
        ready(): every clip and chime is loaded (or failed to load); start the session.
    """

    ready = Signal()

    def __init__(
        self,
        clips: Mapping[str, Path],
        *,
        voice_volume: float = 0.9,
        chime_volume: float = 0.6,
        muted: bool = False,
        timing_log: TimingLog | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.voice_volume = 0.0 if muted else voice_volume
        self.chime_volume = 0.0 if muted else chime_volume
        self.timing_log = timing_log
        self._voices: dict[str, QSoundEffect] = {}
        self._chimes: dict[Sound, QSoundEffect] = {}
        self._lengths: dict[int, float] = {}  # id(effect) -> seconds
        self._speaking: QSoundEffect | None = None
        self._speaking_text: str | None = None
        self._speaking_until = 0.0
        self._cut_by_pause: str | None = None
        self._quiet_at = 0.0  # monotonic time when everything played so far has ended
        self._chimes_end = 0.0  # and when the chimes played so far have ended
        self._loading: set[int] = set()
        self._ready_sent = False
        self.has_output = bool(QMediaDevices.audioOutputs())
        if not self.has_output:
            log.warning("no audio output device; the session will be silent")
        # Loaded even when muted: unmuting in the middle of a session must be heard. A few
        # at a time, each batch on its own turn of the event loop: a window stays smooth.
        self._to_load: list[tuple[Sound | str, Path]] = []
        if self.has_output:
            self._to_load += [(sound, sound_path(sound.value)) for sound in Sound]
            self._to_load += list(clips.items())
        self._load_batch()
        QTimer.singleShot(LOAD_TIMEOUT_MS, self, self._send_ready)

    # -- set-up -----------------------------------------------------------------------

    def problem(self) -> SpeechNotice | None:
        """Why nothing will be heard, if so."""
        if not self.has_output:
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

    def _sounding(self, effect: QSoundEffect) -> None:
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
