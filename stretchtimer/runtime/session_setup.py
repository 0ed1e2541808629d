"""One way to set up a session, for the app and the terminal player alike.

A session is built in two halves. :func:`prepare_session` does the slow, blocking part
off the event loop (the app runs it through its background helper, the terminal while
it shows a progress bar): the plan, every clip it may say, and a look at the history.
:class:`SessionParts` then builds the live half on the Qt thread: the cue player, the
history recorder and the driver that runs the engine, wired so that sound comes first
and the history hears each moment once its cues have played. The two front ends differ
only in how they show a session and ask their questions.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from stretchtimer.core import i18n
from stretchtimer.core.i18n import Language
from stretchtimer.core.routine.model import Routine
from stretchtimer.core.routine.summary import routine_digest
from stretchtimer.core.session import comfort
from stretchtimer.core.session.clock import Clock
from stretchtimer.core.session.engine import SessionEngine
from stretchtimer.core.session.estimate import plan_options
from stretchtimer.core.session.events import Event
from stretchtimer.runtime.audio.cue_player import CuePlayer
from stretchtimer.runtime.driver import AfterTheMoment, SessionDriver
from stretchtimer.runtime.speech_stream import SpeechStream
from stretchtimer.runtime.timing_log import TimingLog
from stretchtimer.speech.clip_cache import VoiceChoice
from stretchtimer.speech.problems import SpeechNotice
from stretchtimer.speech.renderer import ClipRenderer, Progress
from stretchtimer.speech.session_speech import SpokenSession, clip_renderer, prepare_spoken_session
from stretchtimer.speech.voice_language import session_voice_pick
from stretchtimer.storage.history import open_history
from stretchtimer.storage.history.problems import HistoryProblem
from stretchtimer.storage.history.recording.recorder import SessionRecorder
from stretchtimer.storage.languages import session_language
from stretchtimer.storage.paths import Paths

if TYPE_CHECKING:
    from stretchtimer.core.session.options import PlayOptions
    from stretchtimer.core.session.plan import Plan
    from stretchtimer.runtime.desk.media import MediaBreak
    from stretchtimer.storage.settings import Settings

log = logging.getLogger(__name__)


def is_preview(speed: float) -> bool:
    """A session at another speed is a preview: the body did not go through it."""
    return speed != 1.0


def with_options(settings: Settings, options: PlayOptions) -> Settings:
    """``settings`` with ``stretchtimer play``'s voice, rate and mute on top, for one session."""
    changes: dict[str, object] = {}
    if options.voice is not None:
        changes["voice"] = options.voice
        changes["voice_enabled"] = True
    if options.rate is not None:
        changes["rate"] = options.rate
    if options.mute:
        changes["muted"] = True
    return dataclasses.replace(settings, **changes) if changes else settings  # type: ignore[arg-type]


def session_voice(settings: Settings, speed: float) -> VoiceChoice | None:
    """The voice to speak with, or None. Sped-up timers would cut every sentence short,
    so a preview plays chimes only."""
    if not settings.voice_enabled or settings.muted or is_preview(speed):
        return None
    return VoiceChoice(settings.voice, settings.rate)


def asks_comfort(settings: Settings, routine: Routine, *, speed: float, record: bool) -> bool:
    """Whether to ask how the hips and back feel, before and after: never for a preview or
    a session kept out of the history."""
    return (
        record and not is_preview(speed) and comfort.asks_comfort(settings.comfort_rating, routine)
    )


@dataclass
class PreparedSession:
    """What the slow half hands to the live half."""

    spoken: SpokenSession
    history_ok: bool = False  # the history can be written
    check_later: bool = False  # the history file was too big to check before the session
    notices: list[str] = field(default_factory=list)  # one sentence each, for the person
    # renders the clips still pending while the session runs
    renderer_factory: Callable[[], ClipRenderer] | None = None
    routine_digest: str = ""  # of the routine as its file has it (every language)

    @property
    def plan(self) -> Plan:
        return self.spoken.plan


def prepare_session(
    routine: Routine,
    settings: Settings,
    paths: Paths,
    *,
    speed: float = 1.0,
    record: bool = True,
    progress: Progress | None = None,
    first_plan: Plan | None = None,
    language: Language | None = None,
) -> PreparedSession:
    """The plan with the clip of its first words (the rest render while it runs, see
    :class:`SpeechStream`), and whether the history can take the session. Blocks.

    Every cue is said in ``language`` (the app's language when None) when the routine is
    written or translated in it, else in the routine's own language, by a voice that
    speaks it (:mod:`stretchtimer.speech.voice_language`); the person is told when that
    is not the voice they chose. The history knows the routine by its file's content,
    whatever language it was read in.
    """
    source = routine
    routine, language = session_language(routine, language or i18n.app_language())
    if first_plan is not None and first_plan.routine != routine:
        first_plan = None  # planned before in another language
    factory = functools.partial(clip_renderer, paths.clips)
    voice = session_voice(settings, speed)
    voice_notice = ""
    if voice is not None:
        pick = session_voice_pick(voice.voice, language.tag, factory, paths.voices)
        voice = dataclasses.replace(voice, voice=pick.voice)
        voice_notice = pick.notice(language.tag)  # in the app's language, as notices are
    spoken = prepare_spoken_session(
        routine,
        plan_options(settings),
        voice,
        factory,
        progress=progress,
        first_plan=first_plan,
        stream=True,
        language=language,
    )
    prepared = PreparedSession(
        spoken, renderer_factory=factory, routine_digest=routine_digest(source)
    )
    if voice_notice:
        prepared.notices.append(voice_notice)
    if spoken.notice is not None:
        prepared.notices.append(spoken.notice.sentence)
    if record:
        opened = open_history(paths.history)
        prepared.notices += [problem.message for problem in opened.problems]
        prepared.check_later = opened.check_deferred
        if opened.database is not None:
            opened.database.close()  # the recorder writes through its own connection
        # Recorded also when what stops the history may pass (a full disk, a lock, a
        # read-only mount): the writer keeps the session and tries again.
        prepared.history_ok = opened.recordable
    return prepared


def cue_player(
    settings: Settings, parent: QObject | None = None, *, can_unmute: bool = True
) -> CuePlayer:
    """A session's cue player with its chimes, no clips yet. Made when Start is pressed,
    before the session is prepared: the audio process starts and loads the chimes while
    the first words render (they are added by :class:`SessionParts`)."""
    return CuePlayer(
        {},
        voice_volume=settings.voice_volume,
        chime_volume=settings.chime_volume,
        muted=settings.muted,
        # Muted for good (the terminal's --mute): no sound server is even asked.
        silent=settings.muted and not can_unmute,
        timing_log=TimingLog.from_environment(),
        parent=parent,
    )


class SessionParts:
    """The live half of a session: cue player, history recorder and driver.

    Made in two steps, because the player needs a moment to load its sounds and the
    person may be asked the comfort question meanwhile: the player at once (or the one
    made at the press of Start, :func:`cue_player`), the rest with :meth:`drive` once
    both are ready.
    """

    def __init__(
        self,
        prepared: PreparedSession,
        settings: Settings,
        parent: QObject | None = None,
        *,
        can_unmute: bool = True,
        player: CuePlayer | None = None,
    ) -> None:
        self.prepared = prepared
        self.parent = parent
        self.player = player or cue_player(settings, parent, can_unmute=can_unmute)
        for text, path in prepared.spoken.clip_paths().items():
            self.player.add_clip(text, path)
        self.stream: SpeechStream | None = None
        if prepared.spoken.pending and prepared.renderer_factory is not None:
            self.stream = SpeechStream(
                prepared.spoken, self.player, prepared.renderer_factory, parent=parent
            )
            self.stream.notice.connect(self._on_speech_notice)
            self.stream.start()  # at once: the person may still be answering a question
        self.recorder: SessionRecorder | None = None
        self.driver: SessionDriver | None = None
        self.history: AfterTheMoment | None = None
        self.pause_media = settings.pause_media
        self.media: MediaBreak | None = None
        if not settings.muted and (problem := self.player.problem()) is not None:
            prepared.notices.append(problem.sentence)

    def drive(
        self,
        *,
        routine_id: str,
        paths: Paths,
        speed: float,
        comfort_before: int | None,
        on_problem: Callable[[HistoryProblem], None],
        clock: Clock | None = None,
    ) -> SessionDriver:
        """The recorder (when the history can be written) and the driver, wired: sound first,
        then the history after each moment. Returns the driver, not started."""
        plan = self.prepared.plan
        if self.prepared.history_ok:
            self.recorder = SessionRecorder(
                plan,
                routine_id=routine_id,
                path=paths.history,
                speed=speed,
                comfort_before=comfort_before,
                on_problem=on_problem,
                digest=self.prepared.routine_digest or None,
            )
        ready_until, ready_cues = (
            self.stream.ready_until() if self.stream is not None else (None, 0)
        )
        self.driver = SessionDriver(
            SessionEngine(plan, ready_until=ready_until, ready_cues=ready_cues),
            clock=clock,
            speed=speed,
            parent=self.parent,
        )
        self.player.attach(self.driver.engine_event)  # sound first, then everything else
        if self.stream is not None:
            self.stream.attach(self.driver)
        self.driver.finished.connect(lambda _status: self.bring_media_back())
        if self.pause_media:
            # QtDBus loads only for those who use it.
            from stretchtimer.runtime.desk.media import MediaBreak, interrupts_held

            with interrupts_held():  # paused and remembered together, or neither
                self.media = MediaBreak.begin(True)
        if self.recorder is not None:
            self.history = AfterTheMoment(self.recorder, self.parent)
            self.driver.engine_event.connect(self.history)
        return self.driver

    def listen(self, listener: Callable[[Event], None]) -> None:
        """Hand ``listener`` every engine event, after the sound and before the history."""
        assert self.driver is not None
        self.driver.engine_event.connect(listener)

    def flush_history(self) -> None:
        """Hand the history every moment so far (before reading what it made of them)."""
        if self.history is not None:
            self.history.flush()

    def bring_media_back(self) -> None:
        """The session ended (finished or stopped): the players it paused play again."""
        if self.media is not None:
            self.media.end()

    def _on_speech_notice(self, notice: SpeechNotice) -> None:
        """The voice changed or stopped during the session: the person is told in one
        sentence, where both front ends show the player's live notices."""
        log.warning("speech during the session: %s (%s)", notice.problem.value, notice.detail)
        self.player.notice.emit(notice.sentence)

    def close_player(self) -> None:
        if self.stream is not None:
            self.stream.stop()
        self.flush_history()
        self.player.close()
        self.bring_media_back()  # in case the session ended without the driver's word

    def close_history(self) -> tuple[HistoryProblem, ...]:
        """The last writes; what could not be saved comes back. Blocks: the app calls it
        through its background helper."""
        recorder, self.recorder = self.recorder, None
        return tuple(recorder.close()) if recorder is not None else ()
