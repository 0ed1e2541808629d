"""Render the rest of a session's speech while it runs, ahead of the playhead.

The session starts once the clip of its first words is ready (``speech.session_speech``
with ``stream=True``). :class:`SpeechStream` renders the others on a thread of its own,
in the order the plan speaks them, so rendering stays ahead of the playhead by as
much as the voice is faster than real time (espeak-ng about 100 times, Piper about
10 to 20 times on two cores). Each clip is handed to the cue player on the Qt thread;
the plan is re-timed with the measured lengths for the words still ahead (the rest of
the running segment too), and the engine is told how many segments, and cues of the
next, are ready. Should rendering ever fall behind, the engine waits before the first
words that have no clip, at a sentence or segment boundary, never in the middle of a
sentence, and says so (``SessionEngine.speech_ready``).
"""

from __future__ import annotations

import dataclasses
import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal, SignalInstance

from stretchtimer.runtime.audio.cue_player import CuePlayer
from stretchtimer.runtime.driver import SessionDriver
from stretchtimer.speech.clip_cache import Clip
from stretchtimer.speech.problems import SpeechProblem
from stretchtimer.speech.renderer import ClipRenderer
from stretchtimer.speech.session_speech import (
    SpokenSession,
    render_falling_back,
    speech_readiness,
)

log = logging.getLogger(__name__)

# Texts rendered together: the natural voice renders them side by side (one per core),
# and the first of them is still the next one spoken.
STREAM_BATCH = 2


class SpeechStream(QObject):
    """Renders ``spoken.pending`` on a thread and feeds the clips to the session.

    Signals:
        clip_ready(object): a :class:`Clip`, on the Qt thread.
        notice(object): a :class:`SpeechNotice` (``midway``) when rendering had to change
            voice or stop: the natural voice failed and the system voice says the rest,
            or no voice can speak and the session goes on with chimes.
        done(): nothing more will come.
    """

    clip_ready = Signal(object)
    notice = Signal(object)
    done = Signal()

    def __init__(
        self,
        spoken: SpokenSession,
        player: CuePlayer,
        renderer_factory: Callable[[], ClipRenderer],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.spoken = spoken
        self.player = player
        self.clips: dict[str, Clip] = dict(spoken.clips)
        self.driver: SessionDriver | None = None
        self.finished = not spoken.pending
        self._factory = renderer_factory
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.clip_ready.connect(self._take)
        self.done.connect(self._on_done)

    def start(self) -> None:
        if self.spoken.pending and self._thread is None:
            self._thread = threading.Thread(target=self._render, name="speech-stream", daemon=True)
            self._thread.start()

    def attach(self, driver: SessionDriver) -> None:
        """Tell ``driver`` (not started yet, or running) what is ready so far."""
        self.driver = driver
        self._tell_driver()

    def ready_until(self) -> tuple[int, int]:
        """Segments whose clips are all here, and leading cues of the next with theirs."""
        return speech_readiness(self.spoken.plan, self.clips)

    def stop(self) -> None:
        """Render nothing more (the clip under way finishes in its worker, then it exits)."""
        self._stop.set()

    def join(self, timeout: float) -> bool:
        """Wait up to ``timeout`` seconds for the rendering thread to end; True if it has."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout)
            return not thread.is_alive()
        return True

    # -- the rendering thread ------------------------------------------------------------

    def _render(self) -> None:
        voice = self.spoken.voice
        assert voice is not None
        try:
            pending = self.spoken.pending
            with self._factory() as renderer:
                for start in range(0, len(pending), STREAM_BATCH):
                    if self._stop.is_set():
                        break
                    texts = pending[start : start + STREAM_BATCH]
                    result = render_falling_back(renderer, texts, voice)
                    if result.notice is not None:
                        midway = dataclasses.replace(result.notice, midway=True)
                        if not self._send(self.notice, midway):
                            break
                        if result.notice.problem.voice_off:
                            break
                        if result.notice.problem is SpeechProblem.NATURAL_VOICE_FAILED:
                            voice = result.voice or voice  # the system's voice from here on
                    clips = [result.clips[text] for text in texts if text in result.clips]
                    if not all(self._send(self.clip_ready, clip) for clip in clips):
                        break
        except Exception:  # a bug here must not take the session down: it goes on silent
            log.exception("rendering speech during the session failed")
        finally:
            self._send(self.done, None)

    def _send(self, signal: SignalInstance, value: object) -> bool:
        """Hand ``value`` to the Qt thread; False once the session is over (the stream
        stopped, or gone with its window)."""
        if self._stop.is_set():
            return False
        try:
            if value is None:
                signal.emit()
            else:
                signal.emit(value)
        except RuntimeError:  # the QObject was deleted: the session has ended
            self._stop.set()
            return False
        return True

    # -- on the Qt thread ------------------------------------------------------------------

    def _take(self, clip: Clip) -> None:
        if self._stop.is_set():
            return
        self.clips[clip.text] = clip
        self.player.add_clip(clip.text, clip.path)
        self._tell_driver()

    def _on_done(self) -> None:
        self.finished = True
        if not self._stop.is_set():
            # Whatever could not be rendered stays silent; the session never waits for it.
            self._tell_driver()

    def _tell_driver(self) -> None:
        driver = self.driver
        if driver is None:
            return
        # Measured lengths may change the words a segment ahead uses (a shorter way to
        # say it fits): the engine runs only into segments whose words are all here.
        plan = self.spoken.plan_for(self.clips)
        ready = (len(plan.segments), 0) if self.finished else speech_readiness(plan, self.clips)
        driver.update_plan(plan)
        driver.speech_ready(*ready)
