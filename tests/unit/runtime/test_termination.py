"""SIGTERM and Ctrl-C reach the app on its Qt thread, and the watcher leaves nothing behind."""

from __future__ import annotations

import os
import signal

from pytestqt.qtbot import QtBot

from stretchtimer.runtime.termination import TerminationWatcher


def test_sigterm_is_handed_to_the_qt_thread_once(qtbot: QtBot) -> None:
    before = signal.getsignal(signal.SIGTERM)
    watcher = TerminationWatcher()
    try:
        with qtbot.waitSignal(watcher.requested, timeout=2000) as caught:
            os.kill(os.getpid(), signal.SIGTERM)
        assert caught.args == [signal.SIGTERM]
    finally:
        watcher.close()
    assert signal.getsignal(signal.SIGTERM) is before  # given back as it was
    watcher.close()  # twice is harmless
