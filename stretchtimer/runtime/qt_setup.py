"""The Qt application for playing sound without a display (terminal, ``say``).

Qt Multimedia writes its own diagnostics to stderr (its FFmpeg version at
start-up, "pa_context_connect() failed" when there is no sound server). In the
terminal those lines would sit between the session's text, so they go to the
log file instead; the person gets one sentence of ours when it matters.
"""

from __future__ import annotations

import logging
import os
import sys

from PySide6.QtCore import QCoreApplication, QMessageLogContext, QtMsgType, qInstallMessageHandler

log = logging.getLogger("stretchtimer.qt")

_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


REPEATS_LOGGED = 5  # of one message; then one line for every thousand more


class _Repeats:
    """Counts each message: a notifier on a closed descriptor repeats its warning on
    every turn of the event loop, thousands a second, and must not fill the log."""

    def __init__(self) -> None:
        self.seen: dict[str, int] = {}

    def worth_logging(self, message: str) -> tuple[bool, int]:
        count = self.seen.get(message, 0) + 1
        if len(self.seen) < 1000 or message in self.seen:
            self.seen[message] = count
        return count <= REPEATS_LOGGED or count % 1000 == 0, count


_repeats = _Repeats()


def _to_log(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    logged, count = _repeats.worth_logging(message)
    if not logged:
        return
    category = context.category or "qt"
    again = f" (seen {count} times)" if count > REPEATS_LOGGED else ""
    log.log(_LEVELS.get(kind, logging.WARNING), "%s: %s%s", category, message, again)


def audio_application() -> QCoreApplication:
    """The running Qt application, or a new display-less one whose messages are logged.

    A new one runs Qt's own event loop, not GLib's: when the sound server dies, Qt's
    PulseAudio back end leaves a socket notifier on a descriptor it has closed, and
    GLib's loop then spins on it at full speed, stopping every timer of the session
    (Qt's own loop warns and goes on). Nothing without a display needs GLib.
    """
    app = QCoreApplication.instance()
    if app is None:
        qInstallMessageHandler(_to_log)
        before = os.environ.get("QT_NO_GLIB")
        os.environ["QT_NO_GLIB"] = "1"  # read once, as the application is made
        try:
            app = QCoreApplication(sys.argv[:1])
        finally:
            if before is None:
                del os.environ["QT_NO_GLIB"]
            else:
                os.environ["QT_NO_GLIB"] = before
    return app
