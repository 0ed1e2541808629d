"""Switch a session between the full window and the compact player, both ways.

The session goes on while the views change: both read the same controller, so
the full player shows the very moment the compact one showed when the person
switches back. A session started while the window is out of sight (from the tray
or a reminder) plays in the compact player straight away.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QSettings

from stretchtimer.gui.main_window import MainWindow
from stretchtimer.gui.mini_player import MiniPlayer
from stretchtimer.gui.session_controller import SessionController

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
        self.mini = MiniPlayer(places)
        self._may_stay_hidden = window_may_stay_hidden
        self.start_compact = False  # the next session plays in the compact player
        window.compact_requested.connect(self.enter)
        window.session_started.connect(self._session_started)
        self.mini.expand_requested.connect(self.leave)
        self.mini.close_requested.connect(self.close)

    @property
    def active(self) -> bool:
        return self.mini.isVisible()

    def enter(self) -> None:
        """From the full player to the compact one."""
        controller = self.window.controller
        if controller is None:
            return
        self.mini.attach(controller, self.window.session.player)
        self.window.hide()
        self.mini.present()
        log.info("compact player on")

    def leave(self) -> None:
        """Back to the full window, at the same moment of the session."""
        self.mini.hide()
        self.window.show_place("session")
        self.window.bring_forward()
        log.info("compact player off")

    def close(self) -> None:
        """The session is over and the person closed the compact player."""
        self.mini.hide()
        if not self._may_stay_hidden():
            self.leave()

    def _session_started(self, controller: SessionController) -> None:
        if self.active:
            self.mini.attach(controller, self.window.session.player)
        elif self.start_compact:
            self.enter()
        self.start_compact = False
