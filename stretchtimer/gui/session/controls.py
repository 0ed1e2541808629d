"""What the full and the compact player share: their buttons' commands and their keys.

Space pauses and resumes, ← goes back, → skips, Esc stops, E switches to the easier
variation and M mutes, in either player, by key or by button.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QWidget

from stretchtimer.gui.session.controller import SessionController

Command = Callable[[SessionController], None]
SWITCH_KEY = "Ctrl+M"  # between the full player and the compact one, both ways

# (key, command, the button that does the same)
COMMANDS: tuple[tuple[str, Command, str], ...] = (
    ("Space", SessionController.toggle_pause, "play_button"),
    ("Left", SessionController.back, "back_button"),
    ("Right", SessionController.skip, "skip_button"),
    ("Escape", SessionController.stop, "stop_button"),
    ("E", SessionController.use_easier, "easier_button"),
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
