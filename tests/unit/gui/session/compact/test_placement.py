"""Where the compact player opens: where the person left it, even after a restart, and
inside the screen when that place is gone."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from pytestqt.qtbot import QtBot

from stretchtimer.gui.desk.companion import Desk
from stretchtimer.gui.main_window import MainWindow
from stretchtimer.gui.services import AppServices
from stretchtimer.gui.session.compact.placement import PLACE_KEY
from stretchtimer.gui.session.controller import Phase
from tests.unit.gui.desk.conftest import dispose, make_desk
from tests.unit.gui.session.compact.conftest import start_compact

pytestmark = pytest.mark.usefixtures("system_voice")  # about the window, not the voice


def test_the_compact_player_remembers_its_place(
    qtbot: QtBot,
    desk: Desk,
    services: AppServices,
    quits,
    sound,  # type: ignore[no-untyped-def]
) -> None:
    window = desk.window
    mini = start_compact(qtbot, desk, window, "desk-hips")
    mini.move(QPoint(300, 240))
    desk.compact.leave()
    assert window.sessions.controller is not None
    window.sessions.controller.stop()
    qtbot.waitUntil(lambda: window.sessions.controller.phase is Phase.FINISHED)  # type: ignore[union-attr]
    dispose(desk)  # the app quits

    again = make_desk(window, services, quits, sound)
    try:
        again.open()
        start_compact(qtbot, again, window, "desk-hips")
        assert again.compact.mini.pos() == QPoint(300, 240)
    finally:
        dispose(again)


def test_a_place_off_every_screen_falls_back_to_the_corner(
    qtbot: QtBot, desk: Desk, window: MainWindow
) -> None:
    desk.places.setValue(PLACE_KEY, QPoint(5000, 4000))  # a screen since unplugged
    mini = start_compact(qtbot, desk, window, "desk-hips")
    screen = mini.screen().availableGeometry()
    assert screen.contains(mini.frameGeometry())
    assert mini.frameGeometry().right() > screen.width() - 100  # the right-hand corner
