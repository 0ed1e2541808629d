"""The comfort question before a session: its own screen, answered by the number keys."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from stretchtimer.gui.main_window import MainWindow
from stretchtimer.gui.services import AppServices
from tests.unit.gui.conftest import save_artifact, wait_for_session, wait_started

pytestmark = pytest.mark.usefixtures("system_voice")  # about the question, not the voice

KEYS = {str(digit): getattr(Qt.Key, f"Key_{digit}") for digit in range(10)}


@pytest.mark.parametrize(("typed", "rating"), [("7", 7), ("0", 0), ("10", 10), ("1", 1)])
def test_number_keys_answer_the_question_and_the_session_starts(
    qtbot,
    window: MainWindow,
    services: AppServices,
    typed: str,
    rating: int,  # type: ignore[no-untyped-def]
) -> None:
    window.routines.select("sciatica-relief")  # asks by default: tagged "sciatica"
    qtbot.keyClick(window.routines.list, Qt.Key.Key_Return)
    controller = wait_for_session(qtbot, window)
    player = window.session.player
    screen = player.comfort_screen
    assert screen.isVisibleTo(player)
    # Its own screen: nothing of the player behind it, the question in the middle.
    assert not player.stage.isVisibleTo(player) and not player.controls_bar.isVisibleTo(player)
    middle = screen.picker.geometry().center().x()
    assert abs(middle - screen.width() / 2) < 20
    if typed == "7":
        save_artifact(window, "session-comfort-screen-light")
    focused = window.focusWidget()
    assert focused is not None and (focused is screen.picker or screen.picker.isAncestorOf(focused))
    for key in typed:
        qtbot.keyClick(window.focusWidget(), KEYS[key])
    wait_started(qtbot, window)  # "1" alone waits a moment for a possible "0"
    assert controller.comfort_before == rating
    assert player.stage.isVisibleTo(player) and not screen.isVisibleTo(player)


def test_enter_takes_the_focused_rating_and_tab_reaches_skip(
    qtbot,
    window: MainWindow,
    services: AppServices,  # type: ignore[no-untyped-def]
) -> None:
    window.sessions.start_routine("sciatica-relief")
    controller = wait_for_session(qtbot, window)
    picker = window.session.player.comfort_screen.picker
    picker.group.button(5).setFocus()
    qtbot.keyClick(picker.group.button(5), Qt.Key.Key_Return)
    wait_started(qtbot, window)
    assert controller.comfort_before == 5
