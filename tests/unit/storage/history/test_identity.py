"""Telling a crashed recording program from a running one, even when its id was reused."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

from stretchtimer.storage.history.identity import (
    ProcessIdentity,
    host_name,
    is_running,
    this_process,
)


def test_this_process_is_running() -> None:
    assert is_running(this_process()) is True


def test_a_process_that_ended_is_not_running() -> None:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    assert is_running(ProcessIdentity(child.pid, None, host_name())) is False


def test_a_killed_process_not_yet_reaped_is_not_running() -> None:
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        identity = ProcessIdentity(child.pid, None, host_name())
        assert is_running(identity) is True
        os.kill(child.pid, signal.SIGKILL)
        os.waitid(os.P_PID, child.pid, os.WEXITED | os.WNOWAIT)  # a zombie, still listed
        assert is_running(identity) is False
    finally:
        child.wait()


def test_an_id_reused_by_another_program_does_not_count() -> None:
    me = this_process()
    assert me.started  # Linux knows when each process started
    other_start = me._replace(started=me.started + "0")  # same id, started at another time
    assert is_running(other_start) is False


def test_a_session_from_another_machine_is_not_judged_here() -> None:
    assert is_running(this_process()._replace(host=host_name() + "-elsewhere")) is None
