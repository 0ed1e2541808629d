"""The desk's presence fed to the reminders: while reminders are on, the probes are read.

Loaded and started only for people who use reminders. Each change of the desk
(idle, back, a call, full screen, DND) goes to the reminder schedule, which decides
(``core/reminders/presence.py``); nothing here decides anything.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject

from stretchtimer.core.reminders.presence import DeskState, PresenceRules
from stretchtimer.gui.desk.reminders import ReminderService
from stretchtimer.runtime.desk.watch import DeskWatch, Reader
from stretchtimer.storage.reminders import presence_rules

log = logging.getLogger(__name__)


def probes_reader(rules: PresenceRules) -> Reader:
    """The reading of the probes ``rules`` use (QtDBus and the probes load only now)."""
    from stretchtimer.system.presence.desk_probes import DeskProbes

    return DeskProbes.for_this_desktop(rules=rules).read


def any_rule(rules: PresenceRules) -> bool:
    return (
        rules.use_idle
        or rules.wait_for_meeting
        or rules.wait_for_full_screen
        or rules.wait_for_do_not_disturb
    )


class DeskPresence(QObject):
    """Runs a :class:`DeskWatch` while reminders are on and forwards what it sees."""

    def __init__(
        self,
        reminders: ReminderService,
        *,
        make_reader: Callable[[PresenceRules], Reader] = probes_reader,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.reminders = reminders
        self._make_reader = make_reader
        self.watch: DeskWatch | None = None
        self._rules: PresenceRules | None = None
        self._told: object = None  # the driver that last heard the desk
        reminders.status_changed.connect(self.follow)

    def follow(self) -> None:
        """Watch the desk exactly while a reminder schedule runs."""
        driver = self.reminders.driver
        settings = self.reminders.settings.current
        rules = presence_rules(settings)
        wanted = driver is not None and settings.reminders_enabled and any_rule(rules)
        if wanted and self.watch is None:
            self.watch = DeskWatch(self._make_reader(rules), self.reminders.clock, parent=self)
            self.watch.changed.connect(self._changed)
            self._rules = rules
        if self.watch is None:
            return
        if rules != self._rules:  # a rule was switched on or off: read only what is used
            self._rules = rules
            self.watch.reader = self._make_reader(rules)
        if wanted and not self.watch.running:
            self.watch.start()
        if wanted and driver is not None and driver is not self._told:
            self._told = driver  # a new schedule learns what the desk looks like now
            driver.desk_changed(self.watch.state)
        elif not wanted and self.watch.running:
            self.watch.stop()

    def stop(self) -> None:
        if self.watch is not None:
            self.watch.stop()

    def _changed(self, state: DeskState) -> None:
        driver = self.reminders.driver
        if driver is not None:
            log.debug("desk: %s", state)
            self._told = driver
            driver.desk_changed(state)
