"""The desk rows of the Reminders card: each rule can be switched off and is saved at once."""

from __future__ import annotations

from stretchtimer.core.reminders.events import MINUTE
from stretchtimer.core.reminders.local_zone import system_zone
from stretchtimer.gui.main_window import MainWindow
from stretchtimer.gui.services import AppServices
from stretchtimer.storage.reminders import reminder_rules
from stretchtimer.storage.settings import SettingsStore
from tests.unit.gui.conftest import save_artifact


def test_desk_rules_are_on_by_default_and_each_can_be_switched_off(
    window: MainWindow, services: AppServices
) -> None:
    services.settings.update(reminders_enabled=True)
    rows = window.settings_view.reminders.desk
    window.show_place("settings")
    card = window.settings_view.reminders.form.parentWidget()
    assert card is not None
    save_artifact(card, "settings-reminders-desk-rules")
    assert rows.idle.isChecked() and rows.idle_minutes.value() == 5
    assert rows.meeting.isChecked() and rows.full_screen.isChecked()
    assert rows.do_not_disturb.isChecked() and rows.media.isChecked()

    rows.idle_minutes.setValue(12)
    rows.meeting.click()
    rows.full_screen.click()
    rows.do_not_disturb.click()
    rows.media.click()
    rows.idle.click()
    assert not rows.idle_minutes.isEnabled()  # no break length without the idle rule

    saved = SettingsStore(services.paths.settings).load().settings
    assert saved == services.settings.current
    assert (saved.idle_break, saved.idle_break_minutes, saved.pause_media) == (False, 12, False)
    presence = reminder_rules(saved, system_zone()).presence
    assert presence.break_after == 12 * MINUTE and not presence.use_idle
    assert not (
        presence.wait_for_meeting
        or presence.wait_for_full_screen
        or presence.wait_for_do_not_disturb
    )


def test_the_reminder_rows_rest_while_reminders_are_off(
    window: MainWindow, services: AppServices
) -> None:
    rows = window.settings_view.reminders.desk
    assert not services.settings.current.reminders_enabled
    assert not rows.meeting.isEnabled() and not rows.idle.isEnabled()
    assert rows.media.isEnabled()  # pausing media is about routines, not reminders
    services.settings.update(reminders_enabled=True)
    assert rows.meeting.isEnabled() and rows.idle_minutes.isEnabled()
