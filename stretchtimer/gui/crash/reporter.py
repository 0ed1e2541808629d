"""Catch what nobody expected: log it, show the crash dialog, keep the app running.

The dialog's module is imported only when a bug happens: start-up stays light.
"""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from stretchtimer.storage.paths import Paths

if TYPE_CHECKING:
    from stretchtimer.gui.crash.dialog import CrashDialog

log = logging.getLogger(__name__)


class CrashReporter:
    """Turns uncaught exceptions into a :class:`CrashDialog`; the app keeps running."""

    def __init__(self, paths: Paths, parent: QWidget | None = None) -> None:
        self.paths = paths
        self.parent = parent
        self.dialogs: list[CrashDialog] = []
        self._showing = False

    def install(self) -> None:
        sys.excepthook = self.excepthook

    def excepthook(
        self, kind: type[BaseException], error: BaseException, trace: TracebackType | None
    ) -> None:
        text = "".join(traceback.format_exception(kind, error, trace))
        self.report(error, text)

    def report(self, error: BaseException, trace: str) -> None:
        log.error("unexpected error: %s\n%s", error, trace)
        if self._showing:  # an error while showing an error: the log has it
            return
        self._showing = True
        try:
            from stretchtimer.gui.crash.dialog import CrashDialog, debug_info

            dialog = CrashDialog(debug_info(self.paths, trace), self.parent)
            self.dialogs.append(dialog)
            dialog.finished.connect(lambda _result: self.dialogs.remove(dialog))
            dialog.open()
        finally:
            self._showing = False
