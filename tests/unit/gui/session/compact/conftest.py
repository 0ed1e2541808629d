"""The compact player is opened from the desk companion: its tests use the desk's fixtures."""

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from stretchtimer.gui.desk.companion import Desk
from stretchtimer.gui.main_window import MainWindow
from stretchtimer.gui.session.compact.view import MiniPlayer
from tests.unit.gui.conftest import wait_started
from tests.unit.gui.desk.conftest import (
    clock,
    desk,
    desk_without_tray,
    quits,
    reminders_on,
    sound,
)

__all__ = ["clock", "desk", "desk_without_tray", "quits", "reminders_on", "sound"]


def start_compact(qtbot: QtBot, desk: Desk, window: MainWindow, routine_id: str) -> MiniPlayer:
    """Start ``routine_id`` in the window, then switch with Ctrl+M as a person would."""
    window.sessions.start_routine(routine_id)
    wait_started(qtbot, window)
    player = window.session.player
    player.setFocus()
    qtbot.keyClick(player, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    mini = desk.compact.mini
    assert mini.isVisible() and not window.isVisible()
    qtbot.waitUntil(mini.isActiveWindow)
    return mini
