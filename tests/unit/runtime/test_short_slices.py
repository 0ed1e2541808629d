"""The thread that plays a session asks Linux for short scheduler slices, so it wakes
on time while other programs load every core (see benchmarks/bench_gui_timer.py)."""

from __future__ import annotations

import os
import platform
import threading
from collections.abc import Callable

from PySide6.QtCore import QThread

from stretchtimer.core.routine.file import parse_routine
from stretchtimer.core.session.engine import SessionEngine
from stretchtimer.core.session.plan import build_plan
from stretchtimer.runtime.driver import SessionDriver
from stretchtimer.runtime.short_slices import (
    SLICE_NS,
    current_slice_ns,
    release_short_slices,
    request_short_slices,
)


def kernel_has_custom_slices() -> bool:
    """Linux 6.12 and later keep a normal thread's requested slice."""
    release = platform.release().split(".")
    return platform.system() == "Linux" and (int(release[0]), int(release[1])) >= (6, 12)


def in_new_thread(work: Callable[[], object]) -> object:
    """``work()``'s result, run on a fresh thread so the test process keeps its own slice."""
    results: list[object] = []
    thread = threading.Thread(target=lambda: results.append(work()))
    thread.start()
    thread.join()
    return results[0]


def test_a_thread_that_asks_gets_short_slices_and_others_keep_theirs() -> None:
    def ask() -> tuple[bool, int | None, int]:
        agreed = request_short_slices()
        return agreed, current_slice_ns(), os.getpriority(os.PRIO_PROCESS, 0)

    before = current_slice_ns()
    agreed, slice_ns, nice = in_new_thread(ask)  # type: ignore[misc]
    assert agreed is kernel_has_custom_slices()
    if agreed:
        assert slice_ns == SLICE_NS
    assert nice == os.getpriority(os.PRIO_PROCESS, 0)  # its share of the processor is kept
    assert current_slice_ns() == before  # only the thread that asked


def test_a_thread_given_another_policy_on_purpose_keeps_it() -> None:
    def batch_then_ask() -> tuple[bool, int]:
        os.sched_setscheduler(0, os.SCHED_BATCH, os.sched_param(0))
        return request_short_slices(), os.sched_getscheduler(0)

    agreed, policy = in_new_thread(batch_then_ask)  # type: ignore[misc]
    assert agreed is False
    assert policy == os.SCHED_BATCH


def test_a_session_has_short_slices_from_its_start_to_its_end(qapp) -> None:  # type: ignore[no-untyped-def]
    routine = parse_routine(b'format = 1\ntitle = "T"\n[[step]]\nname = "S"\nhold = 5\n')
    seen: list[int | None] = []

    class Player(QThread):  # a thread with its own event loop, as drivers need
        def run(self) -> None:
            release_short_slices()  # a new thread inherits its creator's slices
            seen.append(current_slice_ns())
            driver = SessionDriver(SessionEngine(build_plan(routine)))
            driver.start()
            seen.append(current_slice_ns())
            driver.stop()
            seen.append(current_slice_ns())

    thread = Player()
    thread.start()
    assert thread.wait(10_000)
    before, during, after = seen
    assert before != SLICE_NS
    assert during == (SLICE_NS if kernel_has_custom_slices() else before)
    assert after == before
