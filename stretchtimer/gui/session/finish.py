"""The end of a session: what was done, how the week is going, and what next.

The recap lists each stretch once, with its sides and the easier variation; the
numbers (minutes today and this week against the weekly goal, the streak) come from
the history once the session is written to it (:class:`Progress`), so they agree with
History's; the comfort change shows once the rating after is given.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from stretchtimer.core.formatting import clock_text
from stretchtimer.core.i18n import _, n_
from stretchtimer.core.session import comfort
from stretchtimer.core.session.events import Status
from stretchtimer.core.session.recap import StretchDone, comfort_change
from stretchtimer.gui import icons, theme
from stretchtimer.gui.widgets.comfort_picker import ComfortPicker
from stretchtimer.gui.widgets.numbers import number

if TYPE_CHECKING:
    from stretchtimer.storage.history.progress import Progress


def _centred(text: str = "", *, subtle: bool = False, wrap: bool = True) -> QLabel:
    label = QLabel(text)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(wrap)
    if subtle:
        label.setObjectName("Subtle")
    return label


def progress_words(progress: Progress, goal: int) -> str:
    """ "Today 12 min · this week 40 min, 2 of 3 sessions"."""
    from stretchtimer.storage.history.text import total_text

    sessions = progress.week_sessions
    today, week = total_text(progress.today_seconds), total_text(progress.week_seconds)
    if sessions >= goal:
        # TRANSLATORS: {today} and {week} are lengths of time ("12 min"); {goal} a number.
        words = n_(
            "Today {today} · this week {week}, {sessions} of {goal} session — weekly goal met",
            "Today {today} · this week {week}, {sessions} of {goal} sessions — weekly goal met",
            goal,
        )
    else:
        # TRANSLATORS: {today} and {week} are lengths of time ("12 min"); {goal} a number.
        words = n_(
            "Today {today} · this week {week}, {sessions} of {goal} session",
            "Today {today} · this week {week}, {sessions} of {goal} sessions",
            goal,
        )
    return words.format(today=today, week=week, sessions=number(sessions), goal=number(goal))


class CompleteView(QWidget):
    """The end of a session.

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
        self._comfort_before: int | None = None
        self.medal = QLabel()
        self.medal.setObjectName("Medal")
        self.medal.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.medal.setAccessibleName(_("Done"))
        self.heading = _centred(wrap=False)
        self.heading.setObjectName("PageTitle")
        self.summary = _centred()
        self.summary.setStyleSheet("font-size: 14pt;")
        self.recap = _centred()
        self.recap.setAccessibleName(_("Stretches done"))
        self.numbers = _centred(subtle=True)
        self.numbers.setAccessibleName(_("Minutes today and this week"))
        self.numbers.hide()
        self.streak = _centred(subtle=True)
        self.comfort_change = _centred()
        self.comfort_change.setAccessibleName(_("Comfort before and after"))
        self.comfort = ComfortPicker(_(comfort.QUESTION_AFTER_SHORT))
        self.comfort.picked.connect(self._rated)
        self.comfort.hide()
        self.again_button = QPushButton(_("Play again"))
        self.again_button.setAccessibleName(_("Play again"))
        self.done_button = QPushButton(_("Back to routines"))
        self.done_button.setProperty("primary", True)
        self.done_button.setAccessibleName(_("Back to routines"))
        self.again_button.clicked.connect(self.again)
        self.done_button.clicked.connect(self.browse)
        self.setLayout(self._layout())

    def _layout(self) -> QVBoxLayout:
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.again_button)
        buttons.addWidget(self.done_button)
        buttons.addStretch(1)
        medal_row = QHBoxLayout()
        medal_row.addStretch(1)
        medal_row.addWidget(self.medal)
        medal_row.addStretch(1)
        layout = QVBoxLayout()
        layout.setContentsMargins(80, 32, 80, 32)
        layout.addStretch(2)
        layout.addLayout(medal_row)
        layout.addSpacing(8)
        for widget in (self.heading, self.summary, self.recap):
            layout.addWidget(widget)
        layout.addSpacing(6)
        for widget in (self.numbers, self.streak, self.comfort_change):
            layout.addWidget(widget)
        layout.addSpacing(16)
        layout.addWidget(self.comfort)
        layout.addSpacing(16)
        layout.addLayout(buttons)
        layout.addStretch(3)
        return layout

    def show_streak(self, days: int) -> None:
        """The current streak, once the history has been read (0 hides it)."""
        if days:
            self.streak.setText(
                n_(
                    "Current streak: {count} day in a row",
                    "Current streak: {count} days in a row",
                    days,
                ).format(count=number(days))
            )
        self.streak.setVisible(bool(days))

    def show_progress(self, progress: Progress, goal: int) -> None:
        """Minutes today and this week and the streak, read from the history."""
        self.numbers.setText(progress_words(progress, goal))
        self.numbers.show()
        self.show_streak(progress.streak_days)

    def show_result(
        self,
        title: str,
        status: Status,
        active_seconds: float,
        *,
        streak_days: int | None = None,
        ask_comfort: bool = False,
        done: tuple[StretchDone, ...] = (),
        comfort_before: int | None = None,
        preview: bool = False,
    ) -> None:
        completed = status is Status.COMPLETED
        colours = theme.current()
        draw = icons.check if completed else icons.stop
        self.medal.setPixmap(icons.make_icon(draw, colours.accent_text).pixmap(QSize(44, 44)))
        self.heading.setText(_("Session complete") if completed else _("Session stopped"))
        minutes = clock_text(active_seconds)
        if completed:
            # TRANSLATORS: {title} is the routine's name, {time} how long ("5:30").
            summary = _("{title}: {time} of stretching. Well done.")
        else:
            summary = _("{title}: you stretched for {time}.")
        self.summary.setText(summary.format(title=title, time=minutes))
        self.recap.setText("\n".join(item.words() for item in done))
        self.recap.setVisible(bool(done))
        self.numbers.hide()
        if preview:
            self.numbers.setText(_("A preview: not counted in your minutes and streak."))
            self.numbers.show()
        self.show_streak(streak_days or 0)
        self._comfort_before = comfort_before
        self.comfort_change.hide()
        self.comfort.clear()
        self.comfort.setVisible(ask_comfort)
        # The number keys answer the question when it is asked; then Enter goes back.
        (self.comfort if ask_comfort else self.done_button).setFocus()

    def _rated(self, value: int) -> None:
        change = comfort_change(self._comfort_before, value)
        self.comfort_change.setText(change)
        self.comfort_change.setVisible(bool(change))
        self.comfort_after.emit(value)
        self.done_button.setFocus()
