"""Closed to the tray, the window gives back its native window and picture (some 3 MiB
for hours in the tray) and comes back whole when it is shown again."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from stretchtimer.gui.desk import companion
from stretchtimer.gui.desk.alert import ReminderSoundHook
from stretchtimer.gui.desk.companion import Desk
from stretchtimer.gui.desk.rest import has_native_window, release_window
from stretchtimer.gui.main_window import MainWindow
from stretchtimer.gui.services import AppServices
from tests.unit.gui.desk.conftest import Quits, dispose, make_desk


@pytest.fixture
def desk(
    window: MainWindow,
    reminders_on: AppServices,
    quits: Quits,
    sound: ReminderSoundHook,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Desk]:
    """The desk with a tray, reminders on, letting go of the window 50 ms after it closed."""
    monkeypatch.setattr(companion, "RELEASE_AFTER_MS", 50)
    made = make_desk(window, reminders_on, quits, sound)
    made.open()
    yield made
    dispose(made)


def test_a_window_closed_to_the_tray_lets_go_of_its_picture_and_comes_back_whole(
    qtbot: QtBot, window: MainWindow, desk: Desk, quits: Quits
) -> None:
    qtbot.waitExposed(window)
    place = window.geometry()
    assert has_native_window(window) and window.backingStore() is not None

    window.close()
    assert quits.count == 0
    qtbot.waitUntil(lambda: not has_native_window(window), timeout=2000)
    assert window.backingStore() is None  # the picture is gone with it

    desk.open_window()  # the tray's "Open Stretch Timer"
    qtbot.waitExposed(window)
    assert has_native_window(window) and window.backingStore() is not None
    assert window.geometry() == place
    assert window.current_place() == "routines"
    picture = window.grab().toImage()
    assert not picture.isNull()
    assert len({picture.pixel(x, 300) for x in range(0, picture.width(), 7)}) > 3


def test_a_window_shown_again_before_the_while_is_up_keeps_its_picture(
    qtbot: QtBot, window: MainWindow, desk: Desk
) -> None:
    qtbot.waitExposed(window)
    window.close()
    desk.open_window()
    qtbot.wait(300)
    assert window.isVisible() and has_native_window(window)


def test_a_dialog_of_the_hidden_window_keeps_both(qtbot: QtBot, window: MainWindow) -> None:
    dialog = QDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    window.hide()
    assert not release_window(window)
    assert has_native_window(window) and dialog.isVisible()
    dialog.close()
    assert release_window(window)
    assert not has_native_window(window)
    assert not release_window(window)  # nothing left to let go of
