"""The press of Start, before the session is prepared: sounds first, for both front ends.

What a person hears after pressing Start (the button in the app, Enter on ``stretchtimer
play --no-gui``) is the start chime, then the first words 0.6 s later. The chime needs
only the audio process and its sounds; the words need the voice to render them. So the
audio process starts at once and the start chime rings as soon as the chimes are
loaded, while the first words still render; the quiet after the chime is counted from
it, and the session begins on its first words (:meth:`SessionEngine.start`'s
``chimed_at``). The app (``gui/session/controller.py``) and the terminal player
(``terminal/session.py``) both start through :class:`StartSounds`; they differ only in
how they prepare the session (the app's background helper, the terminal's thread).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from stretchtimer.core.session.plan import Sound
from stretchtimer.runtime.audio.link import shared_link
from stretchtimer.runtime.session_setup import cue_player
from stretchtimer.speech.voices import PIPER, parse_voice

if TYPE_CHECKING:
    from stretchtimer.core.session.clock import Clock
    from stretchtimer.runtime.audio.cue_player import CuePlayer
    from stretchtimer.storage.settings import Settings

# At most this long after the press, the speech is prepared even when the audio process
# has not loaded the chimes yet (see :func:`sounds_first`). It starts in 0.1-0.35 s.
SOUNDS_FIRST_MS = 400


def sounds_first(settings: Settings, *, audio_running: bool, chime_early: bool) -> bool:
    """Whether the press of Start lets the audio process start before the speech is
    prepared (then prepared once the chimes are loaded, or ``SOUNDS_FIRST_MS`` after
    the press at the latest).

    With the system's voice, and no audio process running yet, what the person waits for
    is the start chime: the first words follow it 0.6 s later, and the system voice
    renders them in about 0.1 s. Started side by side, the speech worker (its own
    Python, its engine) and the audio process (Python, Qt Multimedia) share the CPU and
    the chime comes up to twice as late. The natural voice takes longer to render its
    first words than the chime and its quiet, so it starts at once; so does everything
    when the audio process already runs (the pointer on Start started it) or when no
    chime rings before the words (a question first, a preview)."""
    return chime_early and not audio_running and parse_voice(settings.voice).engine != PIPER


class StartSounds(QObject):
    """The cue player made at the press of Start, and the start chime rung early.

    ``chime_early``: the chime may ring before the session is prepared (not when a
    question comes first, nor for a preview, whose clock runs at another speed). The
    player is handed to the session's parts with :meth:`take_player`; from then on
    nothing rings early. ``chimed_at`` is when the chime rang, on ``clock`` (the
    session's), or None.
    """

    def __init__(
        self,
        settings: Settings,
        *,
        chime_early: bool,
        clock: Clock,
        parent: QObject | None = None,
        can_unmute: bool = True,
    ) -> None:
        super().__init__(parent)
        self.chime_early = chime_early
        self.chimed_at: float | None = None
        self._clock = clock
        # Decided before the player starts the audio process.
        self._sounds_first = sounds_first(
            settings, audio_running=shared_link().running, chime_early=chime_early
        )
        self._prepare: Callable[[], None] | None = None
        # The audio process starts and loads the chimes while the first words render.
        self._player: CuePlayer | None = cue_player(settings, parent, can_unmute=can_unmute)
        self._player.ready.connect(self._ring_start)

    @property
    def player(self) -> CuePlayer | None:
        """The player, until the session's parts take it (or it is closed)."""
        return self._player

    def prepare(self, prepare: Callable[[], None]) -> None:
        """Call ``prepare`` once: at once, or, when the chime is what the person waits for
        (:func:`sounds_first`), once the chimes are loaded and rung (``SOUNDS_FIRST_MS``
        after now at the latest). Outside the link's own call, and never once closed."""
        self._prepare = prepare
        player = self._player
        if not self._sounds_first or player is None:
            self._prepare_now()
            return
        # Connected after the chime: it rings first.
        player.ready.connect(lambda: QTimer.singleShot(0, self, self._prepare_now))
        QTimer.singleShot(SOUNDS_FIRST_MS, self, self._prepare_now)

    def _prepare_now(self) -> None:
        prepare, self._prepare = self._prepare, None
        if prepare is not None and self._player is not None:
            prepare()

    def _ring_start(self) -> None:
        """The chimes are loaded and the first words still render: the start chime rings
        now, and the quiet after it before the first words is counted from here (the
        rendering is absorbed into it). Not without a sound output (``--mute`` in the
        terminal, no sound server): no chime rang, the session counts from its start."""
        player = self._player
        if player is None or not self.chime_early or not player.has_output:
            return
        player.ring(Sound.SESSION_START)
        self.chimed_at = self._clock.now().mono

    def take_player(self) -> CuePlayer:
        """The player, for the session's parts: nothing rings early any more."""
        player, self._player = self._player, None
        assert player is not None, "the player was taken or closed already"
        return player

    def close(self) -> None:
        """Stopped (or failed) while preparing: the sounds loaded for it are let go, and
        the session is not prepared any more."""
        player, self._player = self._player, None
        self._prepare = None
        if player is not None:
            player.close()
