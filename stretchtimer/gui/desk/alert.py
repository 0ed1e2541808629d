"""How a reminder reaches the person: a notification or the reminder window, a chime, words.

* Where the desktop's notification server shows buttons, the reminder is a
  notification with Start now, Snooze and Skip; nothing else pops up.
* Otherwise (no server, a server without buttons, Windows, macOS, no tray at all)
  the small always-on-top reminder window shows it, with the same three buttons.
* A chime plays, and the spoken line if the person chose it, unless the app is
  muted or the desktop's do-not-disturb is on (KDE tells us; the server then also
  holds the notification back until it ends).

The chime and the voice go through :class:`ReminderSound`: in the app that is
``reminder_sound.ReminderChimeAndVoice``; tests pass a recorder.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject

from stretchtimer.core.i18n import _
from stretchtimer.core.reminders.default_routine import DEFAULT_ROUTINE
from stretchtimer.gui.desk.reminders import ReminderService
from stretchtimer.storage.routines.library import RoutineEntry, RoutineLibrary

if TYPE_CHECKING:
    # The schedule's events and words load with the first reminder (not with reminders off).
    from stretchtimer.core.reminders.events import (
        ReminderAnswered,
        ReminderDue,
        ReminderWithdrawn,
    )
    from stretchtimer.gui.desk.reminder_window import ReminderWindow
    from stretchtimer.system.notifications import DesktopNotifications

log = logging.getLogger(__name__)

NotificationsSource = Callable[[], "DesktopNotifications | None"]


class ReminderSound(Protocol):
    """The sound of a reminder: the chime, and the spoken "Time to stretch: Desk hips."."""

    def chime(self, volume: float) -> None: ...

    def say(self, text: str, volume: float) -> None: ...


class ReminderSoundHook:
    """Plays nothing and remembers what it was asked: for tests and for a silent desk."""

    def __init__(self) -> None:
        self.chimes = 0
        self.said: list[str] = []

    def chime(self, volume: float) -> None:
        self.chimes += 1
        log.info("reminder chime at volume %.2f (silent)", volume)

    def say(self, text: str, volume: float) -> None:
        self.said.append(text)
        log.info("reminder words %r (silent)", text)


def routine_title(entries: list[RoutineEntry], routine_id: str) -> str:
    """The title to show for a reminder's routine; the desk routine's if it was deleted."""
    titles = {entry.id: entry.title for entry in entries if entry.routine is not None}
    return titles.get(routine_id) or titles.get(DEFAULT_ROUTINE) or routine_id


class ReminderAlert(QObject):
    """Shows and takes back reminders, and sends the person's answer to the schedule.

    ``notifications`` finds the desktop's notification server; it is asked when the
    first reminder falls due, not at start-up (a quicker start, and no D-Bus traffic
    for a person whose reminders are off). The reminder window (:attr:`window`) is
    made when a reminder first shows in it, not at start-up either.
    """

    def __init__(
        self,
        reminders: ReminderService,
        library: RoutineLibrary,
        *,
        notifications: NotificationsSource | None = None,
        sound: ReminderSound | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.reminders = reminders
        self.library = library
        self._find_notifications = notifications
        self._notifications: DesktopNotifications | None = None
        self.sound: ReminderSound = sound or ReminderSoundHook()
        self._window: ReminderWindow | None = None
        self._hideable = True
        self._reminder: tuple[str, int] | None = None  # the last shown: title, snooze minutes
        reminders.due.connect(self.show)
        reminders.withdrawn.connect(self._taken_back)
        reminders.answered.connect(self._taken_back)

    @property
    def window(self) -> ReminderWindow:
        """The small reminder window, made when first needed (its module loads then)."""
        if self._window is None:
            from stretchtimer.gui.desk.reminder_window import ReminderWindow

            window = ReminderWindow()
            window.start_now.connect(self.reminders.start_now)
            window.snooze.connect(self.reminders.snooze)
            window.skip.connect(self.reminders.skip)
            window.close_button.setVisible(self._hideable)
            if self._reminder is not None:
                title, snooze_minutes = self._reminder
                window.set_reminder(title, snooze_minutes=snooze_minutes)
            self._window = window
        return self._window

    @property
    def window_made(self) -> bool:
        """Whether the reminder window has been made (and drew its words) since start."""
        return self._window is not None

    @property
    def hideable(self) -> bool:
        """Whether the reminder window has a close button: only where the tray menu
        still holds a hidden reminder (without a tray it could not be found again)."""
        return self._hideable

    @hideable.setter
    def hideable(self, hideable: bool) -> None:
        self._hideable = hideable
        if self._window is not None:
            self._window.close_button.setVisible(hideable)

    @property
    def notifications(self) -> DesktopNotifications | None:
        """The desktop's notification server; looked for once, when first needed."""
        if self._find_notifications is not None:
            found, self._find_notifications = self._find_notifications(), None
            if found is not None:
                found.setParent(self)
                found.action.connect(self._notification_action)
                found.clicked.connect(self.present_window)
            self._notifications = found
        return self._notifications

    def show(self, event: ReminderDue) -> None:
        from stretchtimer.core.reminders.text import spoken_reminder

        settings = self.reminders.settings.current
        title = routine_title(self.library.entries(), event.routine_id)
        notifications = self.notifications
        quiet = notifications is not None and notifications.inhibited()
        self._reminder = (title, settings.reminder_snooze)
        if self._window is not None:  # else the window gets it when it is made
            self._window.set_reminder(title, snooze_minutes=settings.reminder_snooze)
        if not self._notify(title, settings.reminder_snooze) and not quiet:
            self.window.present()
        if quiet:
            log.info("the desktop's do-not-disturb is on: the reminder makes no sound")
        elif not settings.muted:
            self.sound.chime(settings.chime_volume)
            if settings.reminder_speak:
                self.sound.say(spoken_reminder(title), settings.voice_volume)

    def _notify(self, title: str, snooze_minutes: int) -> bool:
        """Send the notification with buttons; False when there is none that can have them."""
        notifications = self.notifications
        if notifications is None or not notifications.supports_actions():
            return False
        from stretchtimer.core.reminders.text import NOTIFICATION_TITLE, notification_body
        from stretchtimer.gui.desk.reminder_window import snooze_words

        actions = [
            ("start", _("Start now")),
            ("snooze", snooze_words(snooze_minutes)),
            # TRANSLATORS: a reminder's button: not this time.
            ("skip", _("Skip")),
        ]
        return notifications.show(_(NOTIFICATION_TITLE), notification_body(title), actions)

    def present_window(self) -> None:
        """The person asked to see the showing reminder (a click on the tray or notification)."""
        if self.reminders.showing is not None:
            self.window.present(activate=True)

    def hide(self) -> None:
        if self._notifications is not None:
            self._notifications.close()
        if self._window is not None:  # never shown: nothing to hide
            self._window.hide()

    def _taken_back(self, event: ReminderWithdrawn | ReminderAnswered) -> None:
        self.hide()

    def _notification_action(self, key: str) -> None:
        commands = {
            "start": self.reminders.start_now,
            "snooze": self.reminders.snooze,
            "skip": self.reminders.skip,
        }
        command = commands.get(key)
        if command is not None:
            command()
