"""The Session page: nothing playing, the player, or the session's end."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from stretchtimer.core.i18n import _
from stretchtimer.core.session.events import Status
from stretchtimer.core.session.recap import stretches_done
from stretchtimer.gui.session.controller import SessionController
from stretchtimer.gui.session.finish import CompleteView
from stretchtimer.gui.session.player.view import PlayerView


class IdleView(QWidget):
    """Shown when no session has been started yet.

    Signals:
        browse(): the person wants to pick a routine.
    """

    browse = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        heading = QLabel(_("No session yet"))
        heading.setObjectName("PageTitle")
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text = QLabel(
            _(
                "Pick a routine and press Enter to start. Every step is spoken, "
                "so you can follow along with your eyes closed."
            )
        )
        text.setObjectName("Subtle")
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        button = QPushButton(_("Choose a routine"))
        button.setProperty("primary", True)
        button.setAccessibleName(_("Choose a routine"))
        button.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(heading)
        layout.addWidget(text)
        layout.addSpacing(16)
        layout.addLayout(row)
        layout.addStretch(3)
        layout.setContentsMargins(120, 40, 120, 40)


class SessionPage(QStackedWidget):
    """Switches between the idle view, the player and the end of a session."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.idle = IdleView()
        self.player = PlayerView()
        self.complete = CompleteView()
        for view in (self.idle, self.player, self.complete):
            self.addWidget(view)

    def show_player(self, controller: SessionController) -> None:
        self.player.attach(controller)
        self.setCurrentWidget(self.player)
        self.player.take_focus()

    def show_complete(
        self,
        controller: SessionController,
        *,
        streak_days: int | None = None,
        ask_comfort: bool = False,
    ) -> None:
        status = controller.status or Status.STOPPED
        routine = controller.routine
        self.complete.show_result(
            routine.title,
            status,
            controller.active_seconds,
            streak_days=streak_days,
            ask_comfort=ask_comfort,
            done=stretches_done(routine, controller.ended_segments),
            comfort_before=controller.comfort_before,
            preview=controller.preview,
        )
        self.setCurrentWidget(self.complete)
