"""The terminal prepares a session on a thread while its event loop runs (so that the
start chime can ring meanwhile); what the preparation returns or raises comes back."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QTimer

from stretchtimer.core.session.clock import SystemClock
from stretchtimer.runtime.session_start import StartSounds
from stretchtimer.storage.settings import Settings
from stretchtimer.terminal.preparing import prepare_meanwhile


def silent_start() -> StartSounds:
    """Muted for good: no audio process; nothing rings early."""
    return StartSounds(
        Settings(muted=True), chime_early=False, clock=SystemClock(), can_unmute=False
    )


def test_the_session_is_prepared_off_the_loop_while_the_loop_runs(qapp) -> None:  # type: ignore[no-untyped-def]
    start = silent_start()
    ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    here = threading.get_ident()
    released = threading.Event()

    def prepare() -> int:
        # Held until the event loop has run meanwhile: the chime could ring.
        assert threading.get_ident() != here
        threading.Timer(0.1, released.set).start()
        assert released.wait(5)
        return 42

    try:
        assert prepare_meanwhile(start, prepare) == 42
    finally:
        timer.stop()
        start.close()
    assert len(ticks) >= 3  # the loop ran while the words rendered


def test_a_failed_preparation_is_raised_to_the_caller_and_nothing_is_printed(
    qapp,  # type: ignore[no-untyped-def]
    capsys: pytest.CaptureFixture[str],
) -> None:
    start = silent_start()

    def prepare() -> int:
        raise OSError("disk gone")

    try:
        with pytest.raises(OSError, match="disk gone"):
            prepare_meanwhile(start, prepare)
    finally:
        start.close()
    assert capsys.readouterr().err == ""
