"""The tray icon's menu: start a routine, answer a reminder, pause reminders, quit.

Rebuilt each time it opens and whenever the schedule changes, so it always offers
what makes sense now: Start / Snooze / Skip while a reminder shows, Resume while
reminders are paused, and the reminders' state in one line. Every entry has an
object name (``start-now``, ``pause-hour`` ...) that tests and tray hosts can use.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import QMenu, QWidget

from stretchtimer import APP_DISPLAY_NAME
from stretchtimer.core.i18n import _, n_
from stretchtimer.gui.desk.alert import routine_title
from stretchtimer.gui.desk.reminders import ReminderService
from stretchtimer.storage.routines.library import RoutineEntry, RoutineLibrary

log = logging.getLogger(__name__)


class TrayMenu(QMenu):
    """What the tray icon offers. The commands are the app's own (the desk passes them in)."""

    def __init__(
        self,
        reminders: ReminderService,
        library: RoutineLibrary,
        *,
        start_routine: Callable[[str], None],
        open_window: Callable[[], None],
        ask_quiet_until: Callable[[], None],
        quit_app: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setTitle(APP_DISPLAY_NAME)
        self.reminders = reminders
        self.library = library
        self._start_routine = start_routine
        self._open_window = open_window
        self._ask_quiet_until = ask_quiet_until
        self._quit_app = quit_app
        self.routines_menu = QMenu(_("Start a &routine"), self)
        self.aboutToShow.connect(self.rebuild)

    def entry(self, name: str) -> QAction | None:
        """The entry with object name ``name``, if the menu has it now."""
        for action in (*self.actions(), *self.routines_menu.actions()):
            if action.objectName() == name:
                return action
        return None

    def names(self) -> list[str]:
        return [action.objectName() for action in self.actions() if action.objectName()]

    # -- building ---------------------------------------------------------------------------

    def rebuild(self) -> None:
        self.clear()
        self._start_entries([entry for entry in self.library.entries() if entry.routine])
        self.addSeparator()
        self._reminder_entries()
        self.addSeparator()
        self._add("open", _("&Open Stretch Timer"), self._open_window)
        self._add("quit", _("&Quit Stretch Timer"), self._quit_app)

    def _add(self, name: str, text: str, command: Callable[[], None] | None) -> QAction:
        action = self.addAction(text)
        action.setObjectName(name)
        if command is None:
            action.setEnabled(False)
        else:
            action.triggered.connect(lambda _checked=False: command())
        return action

    def _start_entries(self, entries: list[RoutineEntry]) -> None:
        reminders = self.reminders
        routine_id = reminders.routine_id()
        title = routine_title(entries, routine_id)
        showing = reminders.showing
        if showing is not None:
            from stretchtimer.core.reminders.text import NOTIFICATION_TITLE

            snooze = reminders.settings.current.reminder_snooze
            # TRANSLATORS: the tray menu's heading while a reminder shows:
            # "Time to stretch: Desk hips".
            heading = self._add(
                "reminder",
                _("{reminder}: {routine}").format(reminder=_(NOTIFICATION_TITLE), routine=title),
                None,
            )
            bold = QFont(heading.font())
            bold.setBold(True)
            heading.setFont(bold)
            self._add(
                "start-now", _("&Start {routine} now").format(routine=title), reminders.start_now
            )
            self._add(
                "snooze",
                n_("S&nooze for {count} minute", "S&nooze for {count} minutes", snooze).format(
                    count=snooze
                ),
                reminders.snooze,
            )
            self._add("skip", _("S&kip this reminder"), reminders.skip)
        else:
            self._add(
                "start-suggested",
                _("&Start {routine}").format(routine=title),
                lambda: self._start_routine(routine_id),
            )
        self._fill_routines(entries)
        routines = self.addMenu(self.routines_menu)
        routines.setObjectName("start-any")

    def _fill_routines(self, entries: list[RoutineEntry]) -> None:
        """Every routine that can be played (a file with problems is explained elsewhere)."""
        self.routines_menu.clear()
        for entry in entries:
            action = self.routines_menu.addAction(entry.title)
            action.setObjectName(f"routine:{entry.id}")
            action.triggered.connect(
                lambda _checked=False, routine_id=entry.id: self._start_routine(routine_id)
            )

    def _reminder_entries(self) -> None:
        reminders = self.reminders
        self._add("status", reminders.sentence(), None)
        if not reminders.enabled:
            self._add("reminders-on", _("&Turn reminders on"), reminders.switch_on)
            return
        if reminders.paused():
            self._add("resume", _("&Resume reminders"), reminders.resume)
        else:
            self._add("pause-hour", _("&Pause reminders for an hour"), reminders.pause_for_an_hour)
            self._add(
                "pause-tomorrow",
                _("Pause reminders until &tomorrow"),
                reminders.pause_until_tomorrow,
            )
        if reminders.quiet_until() is not None:
            self._add(
                "quiet-end", _("&End do not disturb"), lambda: reminders.set_quiet_until(None)
            )
        else:
            self._add("quiet-until", _("&Do not disturb until…"), self._ask_quiet_until)
