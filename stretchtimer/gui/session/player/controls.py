"""What the full and the compact player share: their buttons' commands and their keys.

Space pauses and resumes, ← goes back, → skips, Esc stops, E switches to the easier
variation and M mutes, in either player, by key or by button.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QHBoxLayout, QPushButton, QToolButton, QWidget

from stretchtimer.core.i18n import _
from stretchtimer.gui import icons
from stretchtimer.gui.session.controller import Phase, SessionController

if TYPE_CHECKING:
    from stretchtimer.gui.session.stop_grace import StopGrace

Command = Callable[[SessionController], None]
SWITCH_KEY = "Ctrl+M"  # between the full player and the compact one, both ways

# (key, command, the button that does the same)
COMMANDS: tuple[tuple[str, Command, str], ...] = (
    ("Space", SessionController.toggle_pause, "play_button"),
    ("Left", SessionController.back, "back_button"),
    ("Right", SessionController.skip, "skip_button"),
    ("Escape", SessionController.stop, "stop_button"),
    ("E", SessionController.toggle_easier, "easier_button"),
)


class Player(Protocol):
    """A player's buttons (read by name from ``COMMANDS``) and its mute."""

    @property
    def mute_button(self) -> QAbstractButton: ...

    def toggle_mute(self) -> None: ...


def wire_controls(
    player: Player,
    widget: QWidget,
    command: Callable[[Command], None],
    *,
    extra_keys: Sequence[tuple[str, Callable[[], None]]] = (),
    context: Qt.ShortcutContext = Qt.ShortcutContext.WindowShortcut,
) -> list[QShortcut]:
    """Connect the player's buttons and keys (on ``widget``) to ``command`` and mute;
    returns the shortcuts, which live as long as ``widget``."""
    bindings: list[tuple[str, Callable[[], None]]] = []
    for key, action, button in COMMANDS:

        def run(_checked: bool = False, action: Command = action) -> None:
            command(action)

        getattr(player, button).clicked.connect(run)
        bindings.append((key, run))
    player.mute_button.clicked.connect(player.toggle_mute)
    bindings.append(("M", player.toggle_mute))
    shortcuts = []
    for key, action_ in (*bindings, *extra_keys):
        shortcut = QShortcut(QKeySequence(key), widget)
        shortcut.setContext(context)
        shortcut.activated.connect(action_)
        shortcuts.append(shortcut)
    return shortcuts


def carry_out(
    command: Callable[[SessionController], None],
    controller: SessionController | None,
    grace: StopGrace,
) -> None:
    """A player's command, as both players carry it out: Esc offers a few seconds to take
    the stop back (Esc again stops at once), and Space in those seconds takes it back."""
    if controller is None or controller.phase is Phase.FINISHED:
        return
    if command is SessionController.stop and controller.driver is not None:
        if grace.active:
            grace.stop_now()  # Esc twice: over at once
        else:
            grace.offer(controller)
    elif command is SessionController.toggle_pause and grace.active:
        grace.resume()
    else:
        command(controller)


def control_button(name: str, tip: str, draw: icons.Draw, *, primary: bool = False) -> QToolButton:
    """A round control under the ring, drawn with ``draw`` (see :meth:`restyle`)."""
    button = QToolButton()
    button.setAccessibleName(name)
    button.setToolTip(tip)
    button.setProperty("control", not primary)
    button.setProperty("primaryControl", primary)
    button.setProperty("draw", draw)
    button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    button.setIconSize(QSize(30, 30) if primary else QSize(24, 24))
    return button


def header_button(text: str, name: str, tip: str) -> QToolButton:
    """A quiet text button in the player's top row (focus mode, compact player)."""
    button = QToolButton()
    button.setText(text)
    button.setAccessibleName(name)
    button.setToolTip(tip)
    button.setObjectName("Subtle")
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    button.setAutoRaise(True)
    button.setIconSize(QSize(18, 18))
    button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    return button


class ControlBar(QWidget):
    """The full player's row of controls: back, pause, skip; stop, mute; Easier."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.back = control_button(
            _("Back (←)"), _("Back: restart this part, or go to the one before (←)"), icons.back
        )
        self.play = control_button(
            _("Pause (Space)"), _("Pause or resume (Space)"), icons.pause, primary=True
        )
        self.skip = control_button(_("Skip (→)"), _("Skip to the next part (→)"), icons.skip)
        self.stop = control_button(_("Stop (Esc)"), _("Stop the session (Esc)"), icons.stop)
        self.mute = control_button(
            _("Mute (M)"), _("Mute or unmute voice and chimes (M)"), icons.sound_on
        )
        self.mute.setCheckable(True)
        self.easier = QPushButton(_("Easier"))
        self.easier.setCheckable(True)  # on shows in the accent colour; E turns it back
        self.easier.setAccessibleName(_("Easier variation (E)"))
        self.easier.setToolTip(_("The easier variation of this step, on or off again (E)"))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(14)
        row.addStretch(1)
        for widget in (self.back, self.play, self.skip):
            row.addWidget(widget)
        row.addSpacing(24)
        row.addWidget(self.stop)
        row.addWidget(self.mute)
        row.addSpacing(24)
        row.addWidget(self.easier)
        row.addStretch(1)
