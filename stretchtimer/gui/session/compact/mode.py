"""Switch a session between the full window and the compact player, both ways.

The session goes on while the views change: both read the same controller, so
the full player shows the very moment the compact one showed when the person
switches back. A session started while the window is out of sight (from the tray
or a reminder) plays in the compact player straight away.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSettings

from stretchtimer.gui.main_window import MainWindow

if TYPE_CHECKING:
    from stretchtimer.gui.session.compact.view import MiniPlayer
    from stretchtimer.gui.session.controller import SessionController

log = logging.getLogger(__name__)


class CompactMode(QObject):
    """Owns the compact player and moves the session between it and the window."""

    def __init__(
        self,
        window: MainWindow,
        places: QSettings,
        *,
        window_may_stay_hidden: Callable[[], bool],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.window = window
        self.places = places
        self._mini: MiniPlayer | None = None
        self._may_stay_hidden = window_may_stay_hidden
        window.compact_requested.connect(self.enter)
        window.session_started.connect(self._session_started)  # not making the coordinator
        window.installEventFilter(self)  # the window shown by any way ends compact mode

    @property
    def mini(self) -> MiniPlayer:
        """The compact player, made when first needed (the player's modules load late)."""
        if self._mini is None:
            from stretchtimer.gui.session.compact.view import MiniPlayer

            self._mini = MiniPlayer(self.places)
            self._mini.expand_requested.connect(self.leave)
            self._mini.close_requested.connect(self.close)
        return self._mini

    @property
    def active(self) -> bool:
        return self._mini is not None and self._mini.isVisible()

    def enter(self) -> None:
        """From the full player to the compact one."""
        controller = self.window.sessions.controller
        if controller is None:
            return
        self.mini.attach(controller, self.window.session.player)
        self.window.hide()
        self.mini.present()
        log.info("compact player on")

    def leave(self) -> None:
        """Back to the full window, at the same moment of the session."""
        if self._mini is not None:
            self._mini.hide()
        self.window.show_place("session")
        self.window.bring_forward()
        log.info("compact player off")

    def close(self) -> None:
        """The session is over and the person closed the compact player."""
        self.mini.hide()
        if not self._may_stay_hidden():
            self.leave()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.window and event.type() == QEvent.Type.Show and self.active:
            # A second launch or the tray brought the window back: one player at a time.
            self.mini.hide()
        return False

    def _session_started(self, controller: SessionController) -> None:
        if self.active:  # a new session while compact: it plays here too
            self.mini.attach(controller, self.window.session.player)
