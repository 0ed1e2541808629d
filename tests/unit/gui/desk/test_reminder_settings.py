"""The Reminders card in Settings: every change reaches the schedule at once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QDateTime, Qt, QTime
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from stretchtimer.core.reminders.events import MINUTE, Phase
from stretchtimer.core.session.clock import FakeClock
from stretchtimer.gui.desk.companion import Desk
from stretchtimer.gui.main_window import MainWindow
from stretchtimer.gui.services import AppServices
from stretchtimer.gui.settings.reminders import ReminderSettings
from stretchtimer.storage.settings import SettingsStore
from tests.conftest import REPO
from tests.unit.gui.conftest import save_artifact
from tests.unit.gui.desk.conftest import wait_minutes


@pytest.fixture
def config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A private XDG config folder: start at login writes its entry here, not in ~/.config."""
    folder = tmp_path / "xdg-config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder))
    yield folder


@pytest.fixture
def card(config_home: Path, desk: Desk, window: MainWindow) -> ReminderSettings:
    window.show_place("settings")
    return window.settings_view.reminders


def test_every_reminder_setting_applies_at_once_and_is_saved(
    qtbot: QtBot, card: ReminderSettings, desk: Desk, services: AppServices
) -> None:
    card.interval.setValue(30)
    card.start_time.setTime(QTime(8, 0))
    card.end_time.setTime(QTime(16, 0))
    card.days["fri"].click()
    card.days["sat"].click()
    card.routine.setCurrentIndex(card.routine.findData("two-minute-reset"))
    card.snooze.setValue(5)
    card.speak.click()
    settings = services.settings.current
    assert settings.reminder_interval == 30
    assert (settings.reminder_start, settings.reminder_end) == ("08:00", "16:00")
    assert settings.reminder_days == ("mon", "tue", "wed", "thu", "sat")
    assert settings.reminder_routine == "two-minute-reset"
    assert settings.reminder_snooze == 5
    assert settings.reminder_speak
    assert SettingsStore(services.paths.settings).load().settings == settings
    rules = desk.reminders.driver.machine.rules  # type: ignore[union-attr]
    assert rules.interval == 30 * MINUTE and rules.snooze == 5 * MINUTE
    assert rules.routine == "two-minute-reset"


def test_the_new_interval_decides_the_next_reminder(
    card: ReminderSettings, desk: Desk, clock: FakeClock
) -> None:
    card.interval.setValue(20)  # 08:59: the first reminder now comes at 09:20
    wait_minutes(desk, clock, 20)
    assert desk.reminders.showing is None
    wait_minutes(desk, clock, 1)
    assert desk.reminders.showing is not None
    assert desk.alert.window.body.text() == "Desk hips is ready when you are."


def test_switching_reminders_off_greys_out_the_details_and_stops_the_schedule(
    card: ReminderSettings, desk: Desk
) -> None:
    assert card.status.text().startswith("Outside your working hours")
    card.enabled.click()
    assert not card.interval.isEnabled() and not card.days["mon"].isEnabled()
    assert card.login.isEnabled()  # start at login is its own choice
    assert desk.reminders.sentence() == "Reminders are off."
    assert card.status.isHidden()
    card.enabled.click()
    assert card.interval.isEnabled()
    assert desk.reminders.status().phase is not Phase.OFF  # type: ignore[union-attr]


def test_hours_past_midnight_are_marked(card: ReminderSettings) -> None:
    assert card.overnight.isHidden()
    card.start_time.setTime(QTime(22, 0))
    card.end_time.setTime(QTime(6, 0))
    assert not card.overnight.isHidden()


def test_do_not_disturb_until_from_settings(
    card: ReminderSettings, desk: Desk, services: AppServices, clock: FakeClock
) -> None:
    assert not card.quiet.isChecked() and not card.quiet_until.isEnabled()
    card.quiet.click()
    assert services.settings.current.quiet_until == "2024-06-03T10:00"  # an hour on, rounded
    assert card.quiet_until.isEnabled()
    card.quiet_until.setDateTime(QDateTime.fromString("2024-06-03T12:15", "yyyy-MM-ddTHH:mm"))
    assert services.settings.current.quiet_until == "2024-06-03T12:15"
    wait_minutes(desk, clock, 60)
    assert desk.reminders.status().phase is Phase.QUIET  # type: ignore[union-attr]
    assert card.status.text().startswith("Do not disturb until 12:15")
    card.quiet.click()
    assert services.settings.current.quiet_until == ""
    assert desk.reminders.showing is not None  # the reminder held since 09:50


def test_start_at_login_writes_the_login_entry_and_removes_it(
    card: ReminderSettings, config_home: Path, services: AppServices
) -> None:
    entry = config_home / "autostart" / "io.github.stretchtimer.StretchTimer.desktop"
    assert not card.login.isChecked()
    card.login.click()
    assert entry.is_file()
    assert "--tray" in entry.read_text(encoding="utf-8")
    assert services.settings.current.start_at_login
    assert card.login_problem.isHidden()
    card.login.click()
    assert not entry.exists()
    assert not services.settings.current.start_at_login


def test_start_at_login_that_cannot_be_written_says_why_and_stays_off(
    card: ReminderSettings, config_home: Path, services: AppServices
) -> None:
    config_home.mkdir(parents=True, exist_ok=True)  # a sound client may have made it
    (config_home / "autostart").write_text("a file where the folder should be\n")
    card.login.click()
    assert not card.login.isChecked()
    assert not services.settings.current.start_at_login
    problem = card.login_problem.text()
    assert not card.login_problem.isHidden()
    assert problem.startswith("Could not turn on start at login")
    assert problem.endswith("check that you can write there, then try again.")


def test_the_card_shows_an_entry_made_outside_the_app(
    config_home: Path, window: MainWindow, desk: Desk
) -> None:
    entry = config_home / "autostart" / "io.github.stretchtimer.StretchTimer.desktop"
    entry.parent.mkdir(parents=True)
    entry.write_text("[Desktop Entry]\nType=Application\nExec=stretchtimer --tray\n")
    assert window.settings_view.reminders.login.isChecked()


def test_a_chosen_routine_that_is_gone_is_kept_and_marked(
    config_home: Path, window: MainWindow, desk: Desk, services: AppServices
) -> None:
    services.settings.update(reminder_routine="my-old-routine")
    card = window.settings_view.reminders
    assert card.routine.currentData() == "my-old-routine"
    assert card.routine.currentText() == "my-old-routine (not found)"


def test_screenshot_of_the_reminders_card(
    card: ReminderSettings,
    desk: Desk,
    themes,
    clock: FakeClock,  # type: ignore[no-untyped-def]
) -> None:
    wait_minutes(desk, clock, 2)  # 09:01, working hours: "the next reminder is at 09:51"
    frame = card.parent()
    assert isinstance(frame, QWidget)
    for scheme in ("light", "dark"):
        themes.apply(scheme)
        card.enabled.setFocus(Qt.FocusReason.TabFocusReason)
        save_artifact(frame, f"settings-reminders-{scheme}")
    card.enabled.click()
    for _ in range(3):  # the page's layouts settle over a few passes
        QCoreApplication.processEvents()
    save_artifact(frame, "settings-reminders-off-dark")


def test_other_settings_leave_the_schedule_alone(
    card: ReminderSettings, desk: Desk, services: AppServices
) -> None:
    changes: list[None] = []
    desk.reminders.status_changed.connect(lambda: changes.append(None))
    for volume in (0.1, 0.2, 0.3):
        services.settings.update(voice_volume=volume)  # a slider being dragged
    assert changes == []
    services.settings.update(reminder_snooze=7)
    assert changes != []


def test_routines_added_since_are_offered_when_the_page_shows_again(
    config_home: Path, window: MainWindow, desk: Desk, services: AppServices
) -> None:
    window.show_place("settings")
    card = window.settings_view.reminders
    assert card.routine.findData("my-chair") < 0
    window.show_place("routines")
    own = services.paths.routines
    own.mkdir(parents=True, exist_ok=True)
    builtin = REPO / "stretchtimer/storage/routines/builtin"
    (own / "my-chair.toml").write_bytes((builtin / "two-minute-reset.toml").read_bytes())
    window.show_place("settings")
    assert card.routine.findData("my-chair") >= 0


def test_the_desk_rules_reach_the_schedule_at_once(card: ReminderSettings, desk: Desk) -> None:
    card.desk.meeting.click()
    card.desk.idle_minutes.setValue(15)
    presence = desk.reminders.driver.machine.rules.presence  # type: ignore[union-attr]
    assert not presence.wait_for_meeting and presence.wait_for_full_screen
    assert presence.break_after == 15 * MINUTE
