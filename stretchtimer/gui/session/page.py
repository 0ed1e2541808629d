"""The Session page: nothing playing, the player, or the session's end."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from stretchtimer.core.formatting import clock_text
from stretchtimer.core.session import comfort
from stretchtimer.core.session.events import Status
from stretchtimer.gui import icons, theme
from stretchtimer.gui.session.controller import SessionController
from stretchtimer.gui.session.player import PlayerView
from stretchtimer.gui.widgets.comfort_picker import ComfortPicker


class IdleView(QWidget):
    """Shown when no session has been started yet.

    Signals:
        browse(): the person wants to pick a routine.
    """

    browse = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        heading = QLabel("No session yet")
        heading.setObjectName("PageTitle")
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text = QLabel(
            "Pick a routine and press Enter to start. Every step is spoken, "
            "so you can follow along with your eyes closed."
        )
        text.setObjectName("Subtle")
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        button = QPushButton("Choose a routine")
        button.setProperty("primary", True)
        button.setAccessibleName("Choose a routine")
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


class CompleteView(QWidget):
    """The end of a session: what was done, and what next.

    Signals:
        again(): play the same routine again.
        browse(): back to the routines.
        comfort_after(int): the rating given after the session.
    """

    again = Signal()
    browse = Signal()
    comfort_after = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.medal = QLabel()
        self.medal.setObjectName("Medal")
        self.medal.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.medal.setAccessibleName("Done")
        self.heading = QLabel()
        self.heading.setObjectName("PageTitle")
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.summary = QLabel()
        self.summary.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.summary.setStyleSheet("font-size: 14pt;")
        self.summary.setWordWrap(True)
        self.streak = QLabel()
        self.streak.setObjectName("Subtle")
        self.streak.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.comfort = ComfortPicker(comfort.QUESTION_AFTER_SHORT)
        self.comfort.picked.connect(self.comfort_after)
        self.comfort.hide()
        self.again_button = QPushButton("Play again")
        self.again_button.setAccessibleName("Play again")
        self.done_button = QPushButton("Back to routines")
        self.done_button.setProperty("primary", True)
        self.done_button.setAccessibleName("Back to routines")
        self.again_button.clicked.connect(self.again)
        self.done_button.clicked.connect(self.browse)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.again_button)
        buttons.addWidget(self.done_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(80, 40, 80, 40)
        layout.addStretch(2)
        medal_row = QHBoxLayout()
        medal_row.addStretch(1)
        medal_row.addWidget(self.medal)
        medal_row.addStretch(1)
        layout.addLayout(medal_row)
        layout.addSpacing(12)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.streak)
        layout.addSpacing(24)
        layout.addWidget(self.comfort)
        layout.addSpacing(24)
        layout.addLayout(buttons)
        layout.addStretch(3)

    def show_streak(self, days: int) -> None:
        """The current streak, once the history has been read (0 hides it)."""
        if days:
            self.streak.setText(f"Current streak: {days} day{'s' if days != 1 else ''} in a row")
        self.streak.setVisible(bool(days))

    def show_result(
        self,
        title: str,
        status: Status,
        active_seconds: float,
        *,
        streak_days: int | None = None,
        ask_comfort: bool = False,
    ) -> None:
        done = status is Status.COMPLETED
        colours = theme.current()
        draw = icons.check if done else icons.stop
        self.medal.setPixmap(icons.make_icon(draw, colours.accent_text).pixmap(QSize(44, 44)))
        self.heading.setText("Session complete" if done else "Session stopped")
        minutes = clock_text(active_seconds)
        self.summary.setText(
            f"{title}: {minutes} of stretching. Well done."
            if done
            else f"{title}: you stretched for {minutes}."
        )
        self.show_streak(streak_days or 0)
        self.comfort.group.setExclusive(False)
        for button in self.comfort.group.buttons():
            button.setChecked(False)
        self.comfort.group.setExclusive(True)
        self.comfort.setVisible(ask_comfort)
        self.done_button.setFocus()


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
        self.player.setFocus()

    def show_complete(
        self,
        controller: SessionController,
        *,
        streak_days: int | None = None,
        ask_comfort: bool = False,
    ) -> None:
        status = controller.status or Status.STOPPED
        self.complete.show_result(
            controller.routine.title,
            status,
            controller.active_seconds,
            streak_days=streak_days,
            ask_comfort=ask_comfort,
        )
        self.setCurrentWidget(self.complete)
