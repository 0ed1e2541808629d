"""The Qt application for playing sound without a display (terminal, ``say``).

Qt Multimedia writes its own diagnostics to stderr (its FFmpeg version at
start-up, "pa_context_connect() failed" when there is no sound server). In the
terminal those lines would sit between the session's text, so they go to the
log file instead; the person gets one sentence of ours when it matters.
"""

from __future__ import annotations

import logging
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


def _to_log(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    category = context.category or "qt"
    log.log(_LEVELS.get(kind, logging.WARNING), "%s: %s", category, message)


def audio_application() -> QCoreApplication:
    """The running Qt application, or a new display-less one whose messages are logged."""
    app = QCoreApplication.instance()
    if app is None:
        qInstallMessageHandler(_to_log)
        app = QCoreApplication(sys.argv[:1])
    return app
