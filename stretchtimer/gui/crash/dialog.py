"""What a person sees when stretchtimer has a bug: an apology, the details to copy,
and an app that keeps running."""

from __future__ import annotations

import logging
import platform

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from stretchtimer import __version__
from stretchtimer.core.i18n import _
from stretchtimer.storage.paths import Paths
from stretchtimer.system.log import log_tail

log = logging.getLogger(__name__)


def debug_info(paths: Paths, trace: str = "") -> str:
    """Version, platform and the log tail: what a bug report needs."""
    lines = [
        f"stretchtimer {__version__}",
        f"Python {platform.python_version()} on {platform.platform()}",
        f"Qt {qVersion()}, PySide6 {pyside_version}",
        f"data folder: {paths.data}",
    ]
    if trace:
        lines += ["", "What went wrong:", trace.rstrip()]
    lines += ["", "Recent log:", log_tail(paths)]
    return "\n".join(lines)


class CrashDialog(QDialog):
    """Shows an unexpected error with a "Copy details" button."""

    def __init__(self, details: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Something went wrong"))
        self.setMinimumWidth(560)
        message = QLabel(
            "<b>{sorry}</b><br>{safe}".format(
                sorry=_("Sorry, Stretch Timer ran into a problem it did not expect."),
                safe=_(
                    "Your history and settings are safe, and you can keep using the app. "
                    "If it happens again, please send us the details below."
                ),
            )
        )
        message.setWordWrap(True)
        self.details = QPlainTextEdit(details)
        self.details.setReadOnly(True)
        self.details.setAccessibleName(_("Error details"))
        self.details.setMinimumHeight(220)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(_("Copy details"))
        self.copy_button.setAccessibleName(_("Copy details"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(message)
        layout.addWidget(self.details)
        layout.addWidget(buttons)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details.toPlainText())
        self.copy_button.setText(_("Copied"))
