"""Start the desktop app: names, theme, crash handling, services, the main window."""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import sys
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from stretchtimer import APP_DISPLAY_NAME, APP_ID, APP_NAME, __version__
from stretchtimer.core.i18n import N_, _, app_language
from stretchtimer.core.routine.problems import RoutineFileError
from stretchtimer.core.session.options import PlayOptions
from stretchtimer.gui.crash.reporter import CrashReporter
from stretchtimer.gui.language import install_language
from stretchtimer.gui.main_window import MainWindow
from stretchtimer.gui.ready_probe import after_first_paint, install_ready_probe, probe_filled
from stretchtimer.gui.services import AppServices
from stretchtimer.gui.settings_model import SettingsModel
from stretchtimer.gui.tasks import TaskRunner
from stretchtimer.gui.theme import STYLE_ARGUMENTS, Theme, ThemeManager
from stretchtimer.gui.window_state import last_system_scheme, remember_system_scheme
from stretchtimer.storage.paths import Paths, app_paths
from stretchtimer.storage.settings import SettingsStore
from stretchtimer.system.instance.handoff import (
    Forwarded,
    Primary,
    claim_or_forward,
    exit_code,
    launch_request,
)
from stretchtimer.system.media_log import quiet_media_probing

log = logging.getLogger(__name__)

NO_TRAY = N_(
    "This desktop has no system tray, so Stretch Timer opened its window instead; "
    "reminders come while the window is open (minimise it to keep it out of the way)."
)
KNOWN_PROBLEMS: tuple[type[BaseException], ...] = (OSError, RoutineFileError)
FIRST_PAINT_WAIT_MS = 500  # fill the window in by then even if it never paints
GIL_TURN_S = 0.001  # how long a Python thread may keep the interpreter lock while another waits


def favour_the_gui_thread() -> None:
    """Give the interpreter lock back to the GUI thread sooner.

    Python threads take turns holding the lock, by default for up to 5 ms each while
    another waits. The app's other threads (the background helper, the history writer,
    the speech client) run short jobs, so shorter turns cost them little, and the window
    stops stalling for tens of milliseconds while a session is being prepared.
    """
    sys.setswitchinterval(GIL_TURN_S)


def settle_the_heap() -> None:
    """Collect start-up's garbage once, then leave what start-up built out of later
    collections.

    Python's full garbage collection walks every object the process holds: some 40,000
    once the window is up (modules, classes, Qt wrappers), which takes 10-45 ms on this
    kind of machine, on the GUI thread, whenever enough new objects have piled up. One
    that falls on a step's boundary starts it that much late (issue 21: timer error
    varying tenfold between runs). Objects that live as long as the app need no
    collecting: frozen here, later collections walk only what was made since.
    """
    gc.collect()
    gc.freeze()
    gc.enable()  # off while starting (see gui/launch.py)


def set_identity() -> None:
    """Names Qt uses for settings, the window title and the desktop's launcher."""
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setOrganizationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    QApplication.setApplicationDisplayName(APP_DISPLAY_NAME)
    QApplication.setDesktopFileName(APP_ID)


def make_services(paths: Paths, crash: CrashReporter, *, speed: float = 1.0) -> AppServices:
    loaded = SettingsStore(paths.settings).load()
    tasks = TaskRunner(on_bug=crash.report, known=KNOWN_PROBLEMS)
    settings = SettingsModel(SettingsStore(paths.settings), loaded.settings, tasks)
    services = AppServices(
        paths=paths,
        settings=settings,
        tasks=tasks,
        speed=speed,
    )
    if loaded.notice:
        services.notices.append(loaded.notice)
    return services


def application(argv: list[str]) -> tuple[QApplication, bool]:
    """The QApplication, and whether it was made here, in the Fusion style (see
    ThemeManager); an existing one (tests) is used as it is."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing, False
    return QApplication([*argv, *STYLE_ARGUMENTS]), True


def dress(
    app: QApplication, window: MainWindow, services: AppServices, *, style_given: bool
) -> ThemeManager:
    """The window in the theme chosen, following the settings and the system's scheme."""
    config = services.paths.config
    # The colours the system had last time: asking it now would cost the first frame
    # some 30 ms (see ThemeManager); it is asked once the window is on screen.
    remembered = last_system_scheme(config)
    themes = ThemeManager(
        app,
        services.settings.current.theme,
        assumed_system=remembered,
        style_given=style_given,
    )

    def remember(scheme: Theme) -> None:
        # Written only when it changed: Qt rewrites the whole file (a lock file, a copy,
        # a rename; ~1 ms before the Routines page paints) even for the same value.
        nonlocal remembered
        if scheme.name != remembered:
            remembered = scheme.name
            remember_system_scheme(config, scheme)

    themes.changed.connect(lambda _theme: window.restyle())
    themes.system_read.connect(remember)
    services.settings.changed.connect(lambda settings: themes.apply(settings.theme))
    return themes


def tray_available() -> bool:
    """Whether the desktop shows tray icons; asked only for a start in the tray (PySide
    makes QSystemTrayIcon's class and enums when it is first named)."""
    from PySide6.QtWidgets import QSystemTrayIcon

    return QSystemTrayIcon.isSystemTrayAvailable()


def open_desk(
    app: QApplication,
    window: MainWindow,
    services: AppServices,
    *,
    in_tray: bool,
    renew: Callable[[], None],
) -> None:
    """Reminders, the tray icon and the compact player, for the running app; ``renew``
    starts it afresh in the tray (see ``gui/desk/rest.py``)."""
    from stretchtimer.gui.desk.companion import install_desk

    install_desk(app, window, services, renew_app=renew).open(in_tray=in_tray)


def serve(app: QApplication, outcome: Primary, window: MainWindow) -> None:
    """Listen for later launches: each brings the window forward or plays its routine."""
    server = outcome.serve(app)
    if server is not None:
        server.activate_requested.connect(window.bring_forward)
        server.play_requested.connect(window.play_routine)


def watch(app: QApplication, window: MainWindow) -> None:
    """Signals that end the app, and the watchdog on the GUI thread."""
    from stretchtimer.runtime.termination import TerminationWatcher
    from stretchtimer.runtime.watchdog import GuiWatchdog

    # SIGTERM (logout, kill) and Ctrl-C: the session is stopped and saved, not cut off.
    termination = TerminationWatcher(app)
    termination.requested.connect(lambda _number: window.quit_app())
    app.aboutToQuit.connect(termination.close)
    watchdog = GuiWatchdog(parent=app)  # a window stuck for 2 s is logged with its stack
    watchdog.start()
    app.aboutToQuit.connect(watchdog.stop)


def run_app(
    argv: list[str],
    *,
    start: str | None = None,
    speed: float = 1.0,
    tray: bool = False,
    options: PlayOptions | None = None,
) -> int:
    """Open the window (and start routine ``start``, played as ``options`` say); returns
    the exit code.

    With ``tray`` (``stretchtimer --tray``, as at login) only the tray icon appears,
    where the system has a tray; elsewhere the window opens.

    When the app already runs, this launch is handed to it (it comes forward and
    plays ``start`` with the same options) and this process ends at once.
    """
    outcome = claim_or_forward(launch_request(start, options=options))
    if isinstance(outcome, Forwarded):
        return exit_code(outcome.reply)
    favour_the_gui_thread()
    quiet_media_probing()
    set_identity()
    app, app_made_here = application(argv)
    app.aboutToQuit.connect(outcome.release)
    # The language cli.py chose: Qt's own words, dates and the direction to match. Only
    # here, once this launch is the app: a launch handed to a running one needs none.
    install_language(app, app_language())
    paths = app_paths()
    crash = CrashReporter(paths)
    crash.install()
    services = make_services(paths, crash, speed=speed)
    window = MainWindow(services, furnish=False)
    themes = dress(app, window, services, style_given=app_made_here)
    restart = Restart()
    window.restart_requested.connect(lambda: restart.ask(window.quit_app))

    def renew() -> None:
        restart.renew_in_tray(tray_command(app_language().tag, speed), app.quit)

    crash.parent = window
    install_ready_probe(window)
    in_tray = tray and not start and tray_available()
    if tray and not start and not in_tray:
        services.notices.append(_(NO_TRAY))  # said once, in the window that opened instead
    if not in_tray:
        window.show()

    # Reminders, the tray and the compact player once the routines are on screen (or at
    # once, in the tray), then the routine asked for.
    def open_the_rest() -> None:
        # Not needed to see the routines: the icon (decoding its pictures and QIcon's
        # class), the signal and stall watchers (their modules, a socket pair, a thread).
        from stretchtimer.gui.app_icon import apply_app_identity

        # The window shows in the scheme the system had at the last start until then:
        # reading it builds PySide's whole Qt namespace (see qt_values).
        themes.follow_system()
        apply_app_identity(app)
        watch(app, window)
        # Later launches are heard from now on; one that comes sooner waits for it (it
        # finds the lock taken and asks again, see claim_or_forward).
        serve(app, outcome, window)
        open_desk(app, window, services, in_tray=in_tray, renew=renew)
        settle_the_heap()
        if start:
            window.sessions.start_routine(start, options=options)

    def fill_in() -> None:
        for notice in services.notices:
            window.show_notice(notice)
        if in_tray:
            # Nobody sees the window yet: its Routines page (and the pictures on its
            # cards) is built when it is first shown, not for an hour in the tray.
            window.finish_startup(when_shown=True)
            open_the_rest()
            return
        window.finish_startup()
        probe_filled(window.routines)
        after_first_paint(window.routines, open_the_rest, FIRST_PAINT_WAIT_MS)

    # The window shows first, empty; its inside is built once it is on screen, so a person
    # sees the app as soon as Qt can show a window and the routines a moment later.
    after_first_paint(window, fill_in, FIRST_PAINT_WAIT_MS)
    log.info("stretchtimer %s started", __version__)
    code = app.exec()
    services.tasks.wait()
    restart.carry_out()  # after the event loop: this launch has let go of the app by now
    return int(code)


def app_command(*arguments: str) -> list[str]:
    """The command that starts this app with ``arguments``: ``python -m stretchtimer``, or
    the bundled app itself (in a PyInstaller bundle ``sys.executable`` is the app, which
    has no ``-m``)."""
    if getattr(sys, "frozen", False):
        return [sys.executable, *arguments]
    return [sys.executable, "-m", "stretchtimer", *arguments]


def restart_command() -> list[str]:
    """The command that opens the app again, as a launcher would: without ``--lang``, so
    the Language setting decides."""
    return app_command()


def tray_command(language: str, speed: float = 1.0) -> list[str]:
    """The command that starts the app again in the tray as it runs now: in its language,
    at its speed."""
    arguments = ["--tray", "--lang", language]
    if speed != 1.0:
        arguments += ["--speed", repr(speed)]
    return app_command(*arguments)


READINGS_WAIT_MS = 3000  # for the desk's readings to end before the program is replaced
# A launcher's token lets one window take the focus once; a start in the tray shows none.
LAUNCH_TOKENS = ("XDG_ACTIVATION_TOKEN", "DESKTOP_STARTUP_ID")


class Restart:
    """Start the app again once this one has quit: as a new process (a new Language
    setting applies then, :meth:`ask`), or in this one's place in the tray
    (:meth:`renew_in_tray`)."""

    def __init__(self) -> None:
        self.wanted = False
        self.in_place: list[str] | None = None

    def ask(self, quit_app: Callable[[], None]) -> None:
        self.wanted = True
        quit_app()

    def renew_in_tray(self, command: list[str], quit_app: Callable[[], None]) -> None:
        """Quit, then become ``command`` (a start in the tray) in this same process: what
        the app holds after an hour in the tray is then what a start at login holds (see
        ``gui/desk/rest.py``)."""
        self.in_place = command
        quit_app()

    def carry_out(self) -> None:
        if self.in_place is not None:
            from PySide6.QtCore import QThreadPool

            # A desk reading in flight may be running a command (pactl, xprop): one left
            # running would end as a child the new program never waits for.
            QThreadPool.globalInstance().waitForDone(READINGS_WAIT_MS)
            error = become(self.in_place)
            log.warning("could not start again in this process (%s): starting anew", error)
            start_anew(self.in_place)
        elif self.wanted:
            start_anew(restart_command())


def start_anew(command: list[str]) -> None:
    """Start ``command`` as a process of its own, left running after this one ends."""
    log.info("restarting: %s", command)
    import subprocess  # here: some 3 ms of start-up, for a restart that seldom comes

    try:
        subprocess.Popen(
            command,
            start_new_session=True,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    except OSError as error:
        log.warning("could not start the app again: %s", error)


def become(command: list[str]) -> OSError:
    """Replace this process's program by ``command``, keeping its process id (a desktop
    session or service manager that started the app still sees it running). What
    Python runs at exit runs first (the audio and voice processes are ended and
    waited for, files flushed); returns only when the replacement failed."""
    import atexit

    log.info("starting again in this process: %s", command)
    atexit._run_exitfuncs()  # exactly what the exit would run (the log's end too)
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            with contextlib.suppress(OSError, ValueError):
                stream.flush()
    environment = {name: value for name, value in os.environ.items() if name not in LAUNCH_TOKENS}
    try:
        os.execve(command[0], command, environment)
    except OSError as error:
        return error


if __name__ == "__main__":
    sys.exit(run_app(sys.argv))
