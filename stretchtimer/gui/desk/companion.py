"""The app at the desk: reminders, the tray, the compact player, and when to quit.

Made once at start-up, after the main window (see ``gui/app.py``). It

* runs the reminder schedule (:class:`ReminderService`) and tells it about every
  session, whoever started it (the Routines page, the tray, a reminder, a second
  launch);
* shows reminders (:class:`ReminderAlert`) and plays the routine when the person
  answers "start now", in the compact player when the window is out of sight;
* puts the icon in the tray where there is one (:class:`Tray`, :class:`TrayMenu`);
* decides what closing the window means: with reminders on and a tray, the app
  stays in the tray (and says so the first time), and starts afresh there after a
  minute with nothing open (see ``rest.py``); otherwise it quits.

Where the system has no tray the window is the app: closing it quits, and
reminders show in their own small window while it runs.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QMenu

from stretchtimer.core.i18n import N_, _
from stretchtimer.core.reminders.default_routine import DEFAULT_ROUTINE
from stretchtimer.gui.desk.alert import NotificationsSource, ReminderAlert, ReminderSound
from stretchtimer.gui.desk.reminders import ReminderService
from stretchtimer.gui.desk.rest import (
    RELEASE_AFTER_MS,
    RENEW_AFTER_MS,
    anything_shown,
    release_window,
    renew_after_ms,
)
from stretchtimer.gui.desk.tray import Tray, tray_available
from stretchtimer.gui.desk.tray_menu import TrayMenu
from stretchtimer.gui.main_window import MainWindow
from stretchtimer.gui.services import AppServices
from stretchtimer.gui.session.compact.mode import CompactMode
from stretchtimer.gui.window_state import window_state
from stretchtimer.storage.routines.library import UnknownRoutineError

if TYPE_CHECKING:
    # The schedule's machinery loads when reminders are first on (see ``_follow_desk``).
    from stretchtimer.core.reminders.events import ReminderAnswered
    from stretchtimer.core.reminders.presence import PresenceRules
    from stretchtimer.gui.desk.presence import DeskPresence
    from stretchtimer.gui.desk.quiet_dialog import QuietDialog
    from stretchtimer.gui.desk.reminders import ZoneSource
    from stretchtimer.gui.session.controller import SessionController
    from stretchtimer.runtime.desk.watch import Reader
    from stretchtimer.system.autostart import Autostart
    from stretchtimer.system.notifications import DesktopNotifications

log = logging.getLogger(__name__)

TOLD_KEY = "tray/told_still_running"
STILL_RUNNING_TITLE = N_("Stretch Timer is still running")
STILL_RUNNING_BODY = N_(
    "It stays in the tray to remind you to stretch. To quit, use Quit in the tray icon's menu."
)


class Desk(QObject):
    """Reminders, tray and compact player around one main window."""

    def __init__(
        self,
        window: MainWindow,
        services: AppServices,
        *,
        make_tray: Callable[[QMenu], Tray] | None,
        notifications: NotificationsSource | None = None,
        sound: ReminderSound | None = None,
        autostart: Autostart | None = None,
        quit_app: Callable[[], None],
        renew_app: Callable[[], None] | None = None,
        renew_after_ms: int | None = None,
        zone_source: ZoneSource | None = None,
        read_desk: Callable[[PresenceRules], Reader] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.window = window
        self.services = services
        self.places = window_state(services.paths.config)
        self._quit_app = quit_app
        self._renew_app = renew_app
        self._quitting = False
        self._current: SessionController | None = None
        self.quiet_dialog: QuietDialog | None = None

        self.reminders = ReminderService(
            services.settings,
            services.paths,
            clock=services.clock(),
            zone_source=zone_source,
            parent=self,
        )
        services.reminders = self.reminders
        # Idle, calls, full screen, DND: read while reminders are on; made (its modules
        # loaded) when the schedule first runs. None: not yet, or not watched.
        self.presence: DeskPresence | None = None
        self._read_desk = read_desk
        self.alert = ReminderAlert(
            self.reminders, services.library, notifications=notifications, sound=sound, parent=self
        )
        self.menu = TrayMenu(
            self.reminders,
            services.library,
            start_routine=self.play_from_desk,
            open_window=self.open_window,
            ask_quiet_until=self.ask_quiet_until,
            quit_app=self.quit,
        )
        self.tray = make_tray(self.menu) if make_tray is not None else None
        if self.tray is not None:
            self.tray.clicked.connect(self._tray_clicked)
            self.menu.rebuild()  # a tray host may read it before it is ever opened
        # Hidden, a reminder waits in the tray menu; without a tray it could not be found again.
        self.alert.hideable = self.tray is not None
        self.compact = CompactMode(
            window, self.places, window_may_stay_hidden=lambda: self.tray is not None, parent=self
        )

        # Closed to the tray, the window's picture is let go of after a while (see rest.py).
        self._rest = QTimer(self)
        self._rest.setSingleShot(True)
        self._rest.setInterval(RELEASE_AFTER_MS)
        self._rest.timeout.connect(lambda: release_window(self.window))
        # ... and after a longer while with nothing open, the app starts afresh there.
        self._renew = QTimer(self)
        self._renew.setSingleShot(True)
        self._renew.setInterval(renew_after_ms or RENEW_AFTER_MS)
        self._renew.timeout.connect(self._renew_if_idle)

        window.session_started.connect(self._session_started)  # the coordinator comes later
        window.closed.connect(self._window_closed)
        self.reminders.answered.connect(self._answered)
        self.reminders.status_changed.connect(self._follow_desk)
        self.reminders.status_changed.connect(self._status_changed)
        self.reminders.due.connect(lambda _event: self._status_changed())
        self.reminders.withdrawn.connect(lambda _event: self._status_changed())
        self.reminders.withdrawn.connect(lambda _event: self._reminder_gone())
        if autostart is not None:
            _refresh_login_entry(autostart)

    # -- start and end ----------------------------------------------------------------------

    def open(self, *, in_tray: bool = False) -> None:
        """Start the reminders and show the app: only its tray icon, if asked and possible."""
        self.reminders.start()
        if self.tray is not None:
            self.tray.show()
        if in_tray and self.tray is None:
            log.info("no system tray here: opening the window instead")
        if not (in_tray and self.tray is not None):
            self.window.show()
        self._status_changed()

    def quit(self) -> None:
        self._quitting = True
        self.alert.hide()
        self._quit_app()

    def shutdown(self) -> None:
        """The app quits: save the schedule, take the icon away."""
        if self.presence is not None:
            self.presence.stop()
        self.reminders.shutdown()
        self.alert.hide()
        if self.tray is not None:
            self.tray.hide()

    def stays_in_tray(self) -> bool:
        """Closing the window leaves the app running (in the tray) instead of quitting."""
        return self.tray is not None and self.reminders.enabled

    def _window_closed(self) -> None:
        if self._quitting:
            return
        if not self.stays_in_tray():
            self.quit()
            return
        log.info("window closed: staying in the tray")
        self._rest.start()
        if self._renew_app is not None:  # (the window is still visible while it closes)
            self._renew.start()
        if self.places.value(TOLD_KEY) not in (True, "true"):
            assert self.tray is not None
            self.tray.show_message(_(STILL_RUNNING_TITLE), _(STILL_RUNNING_BODY))
            self.places.setValue(TOLD_KEY, True)
            self.places.sync()

    def idle_in_tray(self) -> bool:
        """Whether the app only waits in the tray: no window, menu or dialog shown, no
        session, no reminder out, no background task (see ``rest.py``)."""
        return (
            self.stays_in_tray()
            and not anything_shown()
            and self.reminders.showing is None
            and self._current is None
            and not self.window.session_running()
            and not self.compact.active
            and not self.services.tasks.busy
        )

    def _back_in_tray(self) -> None:
        """What the app showed is gone (its window, a session, the reminder window): with
        only the tray left, it starts afresh there a while later (see ``rest.py``)."""
        if self._renew_app is not None and not self.window.isVisible():
            self._renew.start()

    def _reminder_gone(self) -> None:
        # Only after the app's own reminder window: a reminder the desktop showed as a
        # notification drew nothing here (and comes every 50 minutes or so).
        if self.alert.window_made:
            self._back_in_tray()

    def _renew_if_idle(self) -> None:
        if self._quitting or self._renew_app is None or self.window.isVisible():
            return  # shown again: the next close starts the wait anew
        if not self.stays_in_tray():
            return  # reminders turned off meanwhile: no waking every minute to ask again
        if not self.idle_in_tray():
            log.debug("in the tray but busy: starting afresh later")
            self._renew.start()
            return
        log.info("idle in the tray for %.0f s: starting afresh", self._renew.interval() / 1000)
        self._quitting = True
        self._renew_app()

    # -- sessions -----------------------------------------------------------------------------

    def play_from_desk(self, routine_id: str) -> None:
        """Play a routine chosen in the tray or a reminder; compact if the window is away."""
        try:
            self.services.library.get(routine_id)
        except UnknownRoutineError:
            log.info("routine %r is gone: playing %s instead", routine_id, DEFAULT_ROUTINE)
            routine_id = DEFAULT_ROUTINE
        away = not self.window.isVisible() or self.window.isMinimized()
        self.window.sessions.start_routine(routine_id, compact=away or self.compact.active)
        if not away:
            self.window.bring_forward()

    def _session_started(self, controller: SessionController) -> None:
        self._current = controller
        self.reminders.session_started(controller.routine_id)
        controller.finished.connect(self._session_ended)

    def _session_ended(self, _status: object) -> None:
        if self.sender() is self._current:  # not one replaced by a newer session
            self._current = None
            self.reminders.session_ended()
            self._back_in_tray()  # a session played from the tray: its modules stay

    def _answered(self, event: ReminderAnswered) -> None:
        from stretchtimer.core.reminders.events import Answer  # (loaded with the schedule)

        if event.answer is Answer.START:
            self.play_from_desk(event.routine_id)
        else:
            self._reminder_gone()

    def _follow_desk(self) -> None:
        """Once a schedule runs, watch the desk for it (the watch then follows by itself)."""
        if self.presence is not None or self._read_desk is None or self.reminders.driver is None:
            return
        from stretchtimer.gui.desk.presence import DeskPresence

        self.presence = DeskPresence(self.reminders, make_reader=self._read_desk, parent=self)
        self.presence.follow()  # (it hears the schedule's next changes itself)

    # -- the tray -----------------------------------------------------------------------------

    def open_window(self) -> None:
        if self.compact.active:
            self.compact.leave()
        else:
            self.window.bring_forward()

    def ask_quiet_until(self) -> None:
        """Ask until when not to disturb (without blocking: the tray stays usable)."""
        if self.quiet_dialog is not None:
            self.quiet_dialog.raise_()
            self.quiet_dialog.activateWindow()
            return
        # Here: its module (the date-time editor's classes) is not needed for the hours in
        # the tray until the person asks.
        from stretchtimer.gui.desk.quiet_dialog import QuietDialog

        dialog = QuietDialog(
            self.reminders.clock.now().wall, self.reminders.zone(), self.reminders.quiet_until()
        )
        dialog.accepted.connect(lambda: self.reminders.set_quiet_until(dialog.chosen()))
        dialog.finished.connect(self._quiet_dialog_closed)
        self.quiet_dialog = dialog
        dialog.open()

    def _quiet_dialog_closed(self) -> None:
        if self.quiet_dialog is not None:
            self.quiet_dialog.deleteLater()
            self.quiet_dialog = None

    def _tray_clicked(self) -> None:
        if self.reminders.showing is not None:
            self.alert.present_window()
        else:
            self.open_window()

    def _status_changed(self) -> None:
        if self.tray is None:
            return  # no tray: the menu is built when something opens it
        if not self.menu.isVisible():
            self.menu.rebuild()
        status = self.reminders.status()
        resting = status is None or _resting(status.phase)
        self.tray.set_state(
            self.reminders.sentence(),
            attention=self.reminders.showing is not None,
            resting=resting,
        )


def _resting(phase: object) -> bool:
    """Whether the tray icon looks at rest: reminders paused, quiet or off."""
    from stretchtimer.core.reminders.events import Phase  # (there is a status: it is loaded)

    return phase in (Phase.PAUSED, Phase.QUIET, Phase.OFF)


def _refresh_login_entry(autostart: Autostart) -> None:
    """Rewrite the start-at-login entry if there is one: the app may have moved."""
    from stretchtimer.system.autostart import AutostartError

    try:
        autostart.refresh()
    except AutostartError as error:
        log.warning("could not refresh the start-at-login entry: %s", error)


def login_entry() -> Autostart:
    """The system's start-at-login entry (its module loads only when it is used)."""
    from stretchtimer.system.autostart import autostart_for

    return autostart_for()


def desktop_notifications() -> DesktopNotifications | None:
    """The desktop's notification server (QtDBus loads only when a reminder first shows)."""
    from stretchtimer.system.notifications import (
        DesktopNotifications,
    )

    return DesktopNotifications.for_this_desktop()


def install_desk(
    app: QApplication,
    window: MainWindow,
    services: AppServices,
    *,
    renew_app: Callable[[], None] | None = None,
) -> Desk:
    """The desk for the running app: the real tray, notification server and login entry;
    ``renew_app`` starts the app afresh in the tray (see ``rest.py``)."""
    app.setQuitOnLastWindowClosed(False)  # the desk decides (the tray may keep the app)
    desk = Desk(
        window,
        services,
        make_tray=Tray if tray_available() else None,
        notifications=desktop_notifications,
        # Refreshed at every start (the app may have moved), when the person chose it.
        autostart=login_entry() if services.settings.current.start_at_login else None,
        quit_app=app.quit,
        renew_app=renew_app,
        renew_after_ms=renew_after_ms(RENEW_AFTER_MS),
        sound=reminder_sound(services),
        read_desk=_read_desk,
        parent=app,
    )
    app.aboutToQuit.connect(desk.shutdown)
    return desk


def _read_desk(rules: PresenceRules) -> Reader:
    """The desk's probes (this and their modules load when the schedule first runs)."""
    from stretchtimer.gui.desk.presence import probes_reader

    return probes_reader(rules)


def reminder_sound(services: AppServices) -> ReminderSound:
    """The chime and the spoken line; Qt Multimedia and speech load with the first reminder."""
    return _SoundOnFirstUse(services)


class _SoundOnFirstUse:
    def __init__(self, services: AppServices) -> None:
        self._services = services
        self._sound: ReminderSound | None = None

    def _real(self) -> ReminderSound:
        if self._sound is None:
            from stretchtimer.gui.desk.sound import ReminderChimeAndVoice

            self._sound = ReminderChimeAndVoice(self._services)
        return self._sound

    def chime(self, volume: float) -> None:
        self._real().chime(volume)

    def say(self, text: str, volume: float) -> None:
        self._real().say(text, volume)
