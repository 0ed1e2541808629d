"""The Qt application for playing sound without a display (terminal, `say`)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QLoggingCategory

# Qt Multimedia announces its FFmpeg build once at start-up, as an informational
# message on stderr: noise in the person's terminal, and nothing to act on.
QUIET_RULES = "qt.multimedia.ffmpeg.info=false"


def quiet_multimedia_banner() -> None:
    QLoggingCategory.setFilterRules(QUIET_RULES)


def audio_application() -> QCoreApplication:
    """The running Qt application, or a new display-less one."""
    quiet_multimedia_banner()
    app = QCoreApplication.instance()
    if app is None:
        app = QCoreApplication(sys.argv[:1])
    return app
