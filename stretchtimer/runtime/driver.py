"""Run a session engine in real time on the Qt event loop.

One single-shot ``Qt.PreciseTimer`` is armed a little before the engine's
``next_deadline()`` (``EARLY``) and the last few milliseconds are slept out exactly:
no polling loop decides when a cue plays. A Qt timer fires up to a millisecond or
two late by itself (it counts whole milliseconds), and later still when the event
loop is busy with a picture as it falls due; armed early, the loop's own lateness
is taken out of every cue. Repainting a display is separate (the display asks the
engine for a snapshot when its picture changes). The thread that runs it asks Linux
for short scheduler slices, so it wakes on time on a busy machine.

Before that, the same timer wakes the thread ``WARM_UP`` ahead of the deadline to go
over what the moment will touch (the engine and the step it will show), and goes back
to sleep: memory left alone for a second can come back slowly (a virtual machine's host
takes it back while the app sleeps), and a moment that starts cold takes milliseconds
of work instead of a fraction of one, long enough for a busy machine to take the core
away in the middle of it (issue 21).
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from stretchtimer.core.session.clock import Clock, Moment, ScaledClock, SystemClock
from stretchtimer.core.session.engine import STALL_GAP, SessionEngine
from stretchtimer.core.session.events import Event, SessionFinished, State, Status
from stretchtimer.core.session.plan import Plan
from stretchtimer.core.session.snapshot import Snapshot
from stretchtimer.runtime.short_slices import release_short_slices, request_short_slices

log = logging.getLogger(__name__)

HEARTBEAT = 2.0
"""Real seconds: the longest the timer sleeps while a session runs, so that a process held
still (stopped, suspended) shows at the next tick, more than ``STALL_GAP`` past it. Every
picture keeps its own timer; this one wakes a minimized window's process alone, so it
wakes no more often than that needs (it was 1 s: issue 21, wake-ups in a hold)."""
EARLY = 0.004
"""Real seconds the timer is armed before a deadline; the rest is slept out on the spot.
On a loaded two-core machine the event loop answered a timer 3 ms late as a rule (issue
21). Sleeping blocks the GUI thread for at most this long (plus ``EXACT_SLACK``), once
per deadline; a paint due meanwhile waits that much."""
EXACT_SLACK = 0.001  # the exact wait gives up this much past EARLY: a clock that jumped
WARM_UP = 0.030
"""Real seconds before a deadline the driver wakes to go over the moment's work first.
Memory touched this recently is as quick as memory in use (some 0.1 us a page against
2-15 us after a second's sleep on a busy host, issue 21), and it leaves room for that
wake to be late by a few scheduler ticks. One more wake-up per deadline; none in a
long hold (only the heartbeat wakes there)."""


class SessionDriver(QObject):
    """Feeds the engine the time and hands its events to listeners.

    Signals:
        engine_event(object): each engine event, in order.
        finished(object): the session's :class:`Status`, once its closing words are due.
    """

    engine_event = Signal(object)
    finished = Signal(object)

    def __init__(
        self,
        engine: SessionEngine,
        *,
        clock: Clock | None = None,
        speed: float = 1.0,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.engine = engine
        self.speed = speed
        base = clock or SystemClock()
        self.clock: Clock = base if speed == 1.0 else ScaledClock(base, speed)
        # Stillness is measured in real seconds, the engine counts in session seconds.
        engine.stall_gap = STALL_GAP * speed
        engine.tick_interval = HEARTBEAT * speed
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._on_deadline)
        self._status: Status | None = None
        self._finished_sent = False
        # Sleeping out the last milliseconds means something only on the real clock: a
        # test's fake clock moves when told, so its driver fires on the deadline as before.
        self._exact = isinstance(base, SystemClock)
        self._due: float | None = None  # the deadline the timer was armed early for
        self._warming = False  # the timer is armed for the warm-up before ``_due``

    # -- commands (all take effect at once) -------------------------------------------

    def now(self) -> Moment:
        return self.clock.now()

    def seconds_to_deadline(self) -> float | None:
        """Real seconds until the next cue or segment end; None when nothing is coming."""
        deadline = self.engine.next_deadline()
        if deadline is None:
            return None
        return max(0.0, deadline - self.now().mono) / self.speed

    def snapshot(self) -> Snapshot:
        return self.engine.snapshot(self.now())

    def start(self, chimed_at: float | None = None) -> None:
        """Start the session; ``chimed_at``: the start chime rang already then (this
        driver's clock), see :meth:`SessionEngine.start`.

        A preview's clock is sped up from here: the session starts at the real time
        (the history keeps it), however long the driver waited for its sound."""
        if isinstance(self.clock, ScaledClock):
            self.clock = ScaledClock(self.clock.base, self.speed)
        request_short_slices()  # cues on time while other programs load every core
        self._run(lambda now: self.engine.start(now, chimed_at=chimed_at))

    def toggle_pause(self) -> None:
        self._run(self.engine.toggle_pause)

    def pause(self) -> None:
        self._run(self.engine.pause)

    def resume(self) -> None:
        self._run(self.engine.resume)

    def skip(self) -> None:
        self._run(self.engine.skip)

    def back(self) -> None:
        self._run(self.engine.back)

    def stop(self) -> None:
        self._run(self.engine.stop)

    def use_easier(self) -> None:
        self._run(self.engine.use_easier)

    def use_full(self) -> None:
        self._run(self.engine.use_full)

    def speech_ready(self, ready_until: int, ready_cues: int = 0) -> None:
        """The first ``ready_until`` segments have all their clips, and the first
        ``ready_cues`` cues of the next (a waiting session goes on)."""
        self._run(lambda now: self.engine.speech_ready(ready_until, now, ready_cues))

    def update_plan(self, plan: Plan) -> None:
        """Measured timings for the segments still ahead."""
        if self.engine.update_plan(plan):
            self._arm()

    def tick(self) -> None:
        """Deliver what is due now (also called by the timer)."""
        self._run(self.engine.tick)

    # -- machinery --------------------------------------------------------------------

    def _on_deadline(self) -> None:
        if self._warming:
            self._warm_up()
            return
        if self._due is not None:
            self._wait_until(self._due)
        self.tick()

    def _warm_up(self) -> None:
        """Go over what the coming moment touches, then sleep until ``EARLY`` before it.

        The engine's picture of the deadline: its plan, the part ending and the step
        whose words a display will show; the wake itself brings back the event loop's and
        the interpreter's own memory. What the moment does is left to the moment.
        """
        self._warming = False
        due = self._due
        assert due is not None
        now = self.now()
        self.engine.snapshot(Moment(due, now.wall + (due - now.mono)))
        real = (due - self.now().mono) / self.speed
        self._timer.start(_whole_ms(real - EARLY))

    def _wait_until(self, deadline: float) -> None:
        """Sleep until ``deadline`` (session seconds, this driver's clock), at most
        ``EARLY + EXACT_SLACK`` real seconds."""
        give_up = time.monotonic() + EARLY + EXACT_SLACK
        while True:
            left = (deadline - self.now().mono) / self.speed
            if left <= 0.0:
                return
            spare = give_up - time.monotonic()
            if spare <= 0.0:
                log.debug("deadline still %.1f ms away after the exact wait", left * 1000.0)
                return
            time.sleep(min(left, spare))

    def _run(self, command: object) -> None:
        assert callable(command)
        events: list[Event] = command(self.now())
        for event in events:
            if isinstance(event, SessionFinished):
                self._status = event.status
            self.engine_event.emit(event)
        self._arm()

    def _arm(self) -> None:
        deadline = self.engine.next_deadline()
        self._warming = False  # set again below when this deadline is worth a warm-up
        if deadline is None:
            self._timer.stop()
            self._due = None
            if self.engine.state is State.FINISHED and not self._finished_sent:
                self._finished_sent = True
                release_short_slices()
                self.finished.emit(self._status)
            return
        real = max(0.0, deadline - self.now().mono) / self.speed
        if real > HEARTBEAT:
            # A heartbeat, so that a process held still shows even in a long quiet hold.
            self._due = None
            self._timer.start(math.ceil(HEARTBEAT * 1000.0))
        elif self._exact:
            self._due = deadline
            # Warming up is worth a wake-up only with time left between it and the exact
            # wait (cues a few milliseconds apart come out of one warm moment).
            self._warming = real > WARM_UP + EARLY
            ahead = WARM_UP if self._warming else EARLY
            self._timer.start(_whole_ms(real - ahead))
        else:
            self._due = None
            self._timer.start(math.ceil(real * 1000.0))


def _whole_ms(seconds: float) -> int:
    """A timer's interval for ``seconds`` (real time): whole milliseconds, rounded down,
    so that it never fires after them; none when they are already past."""
    return math.floor(max(0.0, seconds) * 1000.0)


class AfterTheMoment(QObject):
    """Hands ``listener`` each moment's events once all of them have been handled.

    For a listener that wakes a thread (the history's writer): woken in the middle of
    a moment, that thread can take the interpreter from the cues still to come, and on
    a busy machine keep it for milliseconds. The events keep their order; call
    :meth:`flush` before reading what the listener has made of them.
    """

    def __init__(self, listener: Callable[[Event], None], parent: QObject | None = None):
        super().__init__(parent)
        self.listener = listener
        self._waiting: list[Event] = []

    def __call__(self, event: Event) -> None:
        self._waiting.append(event)
        if len(self._waiting) == 1:
            QTimer.singleShot(0, self, self.flush)

    def flush(self) -> None:
        events, self._waiting = self._waiting, []
        for event in events:
            self.listener(event)
