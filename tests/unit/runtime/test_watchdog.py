"""A GUI thread stuck for longer than the limit is logged once, with the line it is stuck on."""

from __future__ import annotations

import logging
import time

import pytest
from pytestqt.qtbot import QtBot

from stretchtimer.runtime.watchdog import GuiWatchdog


def stuck_in_a_long_computation(seconds: float) -> None:
    time.sleep(seconds)  # stands for work that should have gone to a background task


def test_a_stuck_gui_thread_is_logged_with_its_stack_once(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="stretchtimer.runtime.watchdog")
    watchdog = GuiWatchdog(limit=0.3, beat=0.05)
    watchdog.start()
    try:
        qtbot.wait(200)  # beats while the loop runs: nothing to say
        assert watchdog.reports == 0
        stuck_in_a_long_computation(1.0)
        qtbot.wait(300)  # the loop runs again
    finally:
        watchdog.stop()
    assert watchdog.reports == 1
    warnings = [record for record in caplog.records if record.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "stuck_in_a_long_computation" in warnings[0].getMessage()
    assert any("answers again" in record.getMessage() for record in caplog.records)
