"""Esc gives a few seconds to change one's mind before a session is over.

Stop (Esc or its button) pauses the session and says, over the player, that it will
end in a few seconds unless Space resumes it. Esc again, or the seconds running
out, ends it; the history keeps the session either way, as resumed or as stopped.
"""

from __future__ import annotations

import math
import time

from PySide6.QtCore import QObject, QTimer, Signal

from stretchtimer.core.i18n import n_
from stretchtimer.core.session.events import State
from stretchtimer.gui.session.controller import SessionController

GRACE_SECONDS = 5.0


def stopping_words(seconds_left: float) -> str:
    seconds = max(1, math.ceil(seconds_left))
    # TRANSLATORS: over the paused player after Stop; Space is the key that takes it back.
    return n_(
        "Stopping in {count} s — Space to resume",
        "Stopping in {count} s — Space to resume",
        seconds,
    ).format(count=seconds)


class StopGrace(QObject):
    """The seconds between Stop and the session's end.

    Signals:
        words_changed(str): what to show over the player ("" when the offer is over).
    """

    words_changed = Signal(str)

    def __init__(self, parent: QObject | None = None, *, seconds: float = GRACE_SECONDS) -> None:
        super().__init__(parent)
        self.seconds = seconds
        self._controller: SessionController | None = None
        self._was_paused = False
        self._ends_at = 0.0
        self._tick = QTimer(self)
        self._tick.setInterval(200)
        self._tick.timeout.connect(self._on_tick)

    @property
    def active(self) -> bool:
        return self._controller is not None

    def offer(self, controller: SessionController) -> None:
        """Pause ``controller``'s session and end it in a few seconds unless resumed."""
        if self.active:
            return
        engine = controller.driver.engine if controller.driver else None
        self._was_paused = engine is not None and engine.state is State.PAUSED
        if not self._was_paused:
            controller.toggle_pause()
        self._controller = controller
        self._ends_at = time.monotonic() + self.seconds
        self._tick.start()
        self.words_changed.emit(stopping_words(self.seconds))

    def resume(self) -> None:
        """The person changed their mind: the session goes on (paused if it was)."""
        controller = self._finish()
        if controller is not None and not self._was_paused:
            controller.toggle_pause()

    def stop_now(self) -> None:
        controller = self._finish()
        if controller is not None:
            controller.stop()

    def cancel(self) -> None:
        """Forget the offer (the session ended some other way)."""
        self._finish()

    def _finish(self) -> SessionController | None:
        controller, self._controller = self._controller, None
        self._tick.stop()
        if controller is not None:
            self.words_changed.emit("")
        return controller

    def _on_tick(self) -> None:
        left = self._ends_at - time.monotonic()
        if left <= 0:
            self.stop_now()
        else:
            self.words_changed.emit(stopping_words(left))
