"""The reminder window and the tray menu in every language: every text marked, and the
reminder window's words whole in German, Spanish and French."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from stretchtimer.core.i18n import Language
from stretchtimer.core.session.clock import FakeClock
from stretchtimer.gui.desk.companion import Desk
from stretchtimer.gui.desk.reminder_window import ReminderWindow
from stretchtimer.gui.desk.tray_menu import TrayMenu
from stretchtimer.storage.routines.library import builtin_entries
from tests.unit.gui.clipping import clipped
from tests.unit.gui.conftest import close_and_delete, save_artifact
from tests.unit.gui.desk.conftest import first_reminder, wait_minutes
from tests.unit.gui.texts import allowed_words, outside_marks, shown_texts

SwitchLanguage = Callable[[str], Language]


def titles() -> tuple[str, ...]:
    return tuple(sorted((entry.title for entry in builtin_entries()), key=len, reverse=True))


def menu_for(desk: Desk) -> TrayMenu:
    """A tray menu made in the language now in use, as the desk makes one at start."""
    menu = TrayMenu(
        desk.reminders,
        desk.services.library,
        start_routine=lambda _routine: None,
        open_window=lambda: None,
        ask_quiet_until=lambda: None,
        quit_app=lambda: None,
    )
    menu.rebuild()  # as when it opens
    return menu


def menu_texts(menu: TrayMenu) -> list[str]:
    found = []
    for action in (*menu.actions(), *menu.routines_menu.actions()):
        if not action.isSeparator():
            found.append(action.text().replace("&", ""))
    return [*found, menu.routines_menu.title().replace("&", "")]


def test_every_text_of_the_tray_menu_and_the_reminder_window_is_marked(
    qtbot: QtBot, desk: Desk, clock: FakeClock, app_language: SwitchLanguage
) -> None:
    app_language("qps")
    allowed = allowed_words(*titles())
    # The menu is judged in each state it can be in (its status line is the core's).
    problems: list[str] = []

    def judge(menu: TrayMenu, state: str) -> None:
        for text in menu_texts(menu):
            if rest := outside_marks(text, allowed):
                problems.append(f"tray menu, {state}: {text!r} ({rest})")

    wait_minutes(desk, clock, 1)
    judge(menu_for(desk), "waiting")
    first_reminder(desk, clock)
    judge(menu_for(desk), "a reminder showing")
    desk.reminders.pause_for_an_hour()
    judge(menu_for(desk), "paused")
    desk.reminders.settings.update(reminders_enabled=False)
    judge(menu_for(desk), "reminders off")
    window = ReminderWindow()
    qtbot.addWidget(window)
    window.set_reminder("Desk hips", snooze_minutes=10)
    for where, text in shown_texts(window):
        if rest := outside_marks(text, allowed):
            problems.append(f"reminder window {where}: {text!r} ({rest})")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("tag", ["de", "es", "fr"])
def test_the_reminder_window_holds_its_words(
    qtbot: QtBot, app_language: SwitchLanguage, tag: str
) -> None:
    app_language(tag)
    window = ReminderWindow()
    window.set_reminder("Two-minute reset", snooze_minutes=15)
    window.present()
    qtbot.waitExposed(window)
    QCoreApplication.processEvents()
    save_artifact(window, f"lang-{tag}-reminder")
    assert (
        window.start_button.text()
        == {
            "de": "Jetzt starten",
            "es": "Empezar ahora",
            "fr": "Commencer",
        }[tag]
    )
    assert "15" in window.snooze_button.text()
    assert clipped(window) == []
    close_and_delete(window)
