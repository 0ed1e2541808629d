"""The small reminder window: "Time to stretch", with Start now, Snooze and Skip.

It appears in a corner of the screen the person is using (the one with the mouse
pointer), inside its work area and above other windows, where the desktop's
notifications cannot carry buttons or there is no tray. It does not take the
keyboard from whatever the person is typing into; once they click it or switch
to it, Enter starts the routine, Esc snoozes it, and Tab reaches every button.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QPoint, QSize, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPaintEvent, QPen
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QToolButton, QVBoxLayout, QWidget

from stretchtimer import APP_DISPLAY_NAME
from stretchtimer.core.i18n import _, n_
from stretchtimer.core.reminders.text import NOTIFICATION_TITLE, notification_body
from stretchtimer.gui import icons, theme
from stretchtimer.gui.widgets.window_drag import (
    ScreenFollower,
    WindowDrag,
    corner_place,
    paint_face,
)

log = logging.getLogger(__name__)

WIDTH = 420  # the window's usual width; wider only when its buttons' words need it


def snooze_words(minutes: int) -> str:
    """The snooze button: "Snooze 10 min"."""
    # TRANSLATORS: a reminder's button: remind me again in {minutes} minutes.
    return _("Snooze {minutes} min").format(minutes=minutes)


class ReminderWindow(QWidget):
    """Shows one reminder and sends back the person's answer.

    Signals:
        start_now(): play the routine now.
        snooze(): remind me again in a few minutes.
        skip(): not this time.
    """

    start_now = Signal()
    snooze = Signal()
    skip = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowFlags(
            Qt.WindowType.Tool
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint
        )
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setAttribute(Qt.WidgetAttribute.WA_MacAlwaysShowToolWindow)
        title = _(NOTIFICATION_TITLE)
        self.setWindowTitle(f"{title} · {APP_DISPLAY_NAME}")
        self.setAccessibleName(title)
        self.setObjectName("ReminderWindow")
        self._build()
        self.drag = WindowDrag(self)
        self.follower = ScreenFollower(self)

    def _build(self) -> None:
        self.bell = QLabel()
        self.bell.setFixedSize(QSize(36, 36))
        self.heading = QLabel(_(NOTIFICATION_TITLE))
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-size: 14pt; font-weight: 700;")
        self.body = QLabel()
        self.body.setWordWrap(True)
        self.body.setObjectName("Subtle")
        self.close_button = QToolButton()
        self.close_button.setAccessibleName(_("Hide this reminder"))
        self.close_button.setToolTip(
            _("Hide this reminder; it waits in the tray menu until you answer it")
        )
        self.close_button.setAutoRaise(True)
        self.close_button.setIconSize(QSize(16, 16))
        self.close_button.clicked.connect(self.hide)

        self.start_button = QPushButton(_("Start now"))
        self.start_button.setProperty("primary", True)
        self.start_button.setDefault(True)
        self.snooze_button = QPushButton(snooze_words(10))
        # TRANSLATORS: a reminder's button: not this time.
        self.skip_button = QPushButton(_("Skip"))
        self.start_button.clicked.connect(self.start_now)
        self.snooze_button.clicked.connect(self.snooze)
        self.skip_button.clicked.connect(self.skip)
        for button in (self.start_button, self.snooze_button, self.skip_button):
            button.setAutoDefault(True)
        self.set_reminder("Desk hips", snooze_minutes=10)

        words = QVBoxLayout()
        words.setSpacing(2)
        words.addWidget(self.heading)
        words.addWidget(self.body)
        top = QHBoxLayout()
        top.setSpacing(12)
        top.addWidget(self.bell, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(words, 1)
        top.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        buttons = QHBoxLayout()
        buttons.setSpacing(8)
        buttons.addStretch(1)
        buttons.addWidget(self.skip_button)
        buttons.addWidget(self.snooze_button)
        buttons.addWidget(self.start_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 14, 16)
        layout.setSpacing(14)
        layout.addLayout(top)
        layout.addLayout(buttons)
        self.setTabOrder(self.start_button, self.snooze_button)
        self.setTabOrder(self.snooze_button, self.skip_button)
        self.setTabOrder(self.skip_button, self.close_button)
        self.setFixedWidth(WIDTH)

        self.restyle()

    def set_reminder(self, routine_title: str, *, snooze_minutes: int) -> None:
        self.body.setText(notification_body(routine_title))
        self.start_button.setAccessibleName(_("Start {routine} now").format(routine=routine_title))
        self.start_button.setToolTip(_("Start {routine} now (Enter)").format(routine=routine_title))
        self.snooze_button.setText(snooze_words(snooze_minutes))
        self.snooze_button.setAccessibleName(
            n_("Snooze for {count} minute", "Snooze for {count} minutes", snooze_minutes).format(
                count=snooze_minutes
            )
        )
        self.snooze_button.setToolTip(
            n_(
                "Remind me again in {count} minute (Esc)",
                "Remind me again in {count} minutes (Esc)",
                snooze_minutes,
            ).format(count=snooze_minutes)
        )
        self._fit_buttons()
        self.skip_button.setAccessibleName(_("Skip this reminder"))
        self.skip_button.setToolTip(
            _("Not this time; the next reminder comes after a full interval")
        )

    def _fit_buttons(self) -> None:
        """As wide as the buttons' words need (German, Spanish and French need more than
        English), and never narrower than the usual width."""
        layout = self.layout()
        margins = layout.contentsMargins() if layout is not None else None
        sides = margins.left() + margins.right() if margins is not None else 32
        buttons = (self.skip_button, self.snooze_button, self.start_button)
        needed = sum(button.sizeHint().width() for button in buttons) + 2 * 8 + sides
        self.setFixedWidth(max(WIDTH, needed))

    def restyle(self) -> None:
        colours = theme.current()
        self.bell.setPixmap(icons.make_icon(icons.bell, colours.warm).pixmap(QSize(36, 36)))
        self.close_button.setIcon(icons.make_icon(icons.close, colours.muted))
        self.update()

    def present(self, *, activate: bool = False) -> None:
        """Show it; ``activate`` gives it the keyboard (the person asked for it).

        From hidden, it opens in the corner of the screen with the mouse; already showing,
        it stays where it is (maybe where the person dragged it).
        """
        if not self.isVisible():
            self.adjustSize()
            self.move(corner_place(self))
        self.start_button.setFocus()
        self.show()
        self.raise_()
        if activate:
            self.activateWindow()

    def place(self) -> QPoint:
        return self.pos()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        # Enter and Space press the focused button (Start now at first); Esc snoozes.
        if event.key() == Qt.Key.Key_Escape:
            self.snooze.emit()
            return
        super().keyPressEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.PaletteChange:
            self.restyle()  # the theme changed
        super().changeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        # Frameless: draw our own edge, so the window stands apart from what is behind it.
        painter = paint_face(self)
        painter.setPen(QPen(QColor(theme.current().warm), 4))
        painter.drawLine(1, 2, 1, self.height() - 3)
        painter.end()
