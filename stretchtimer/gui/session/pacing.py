"""When a player needs its next picture: no timer fires more often than the screen changes.

A countdown changes once a second, so the player draws once a second; the breath disc
and a moving figure animate only while they move, at the rate they need; a paused
session, a finished one, and a player nobody can see (hidden, or its window minimized)
draw nothing at all until something happens. The session's own timing is the driver's
(``runtime/driver``); this only decides when to look at it.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QWidget

from stretchtimer.core.session.events import State
from stretchtimer.core.session.plan import SegmentKind
from stretchtimer.core.session.snapshot import Snapshot

if TYPE_CHECKING:
    from stretchtimer.gui.session.controller import SessionController
    from stretchtimer.gui.widgets.pose_figure import PoseFigure

BREATH_MS = 66  # the breath disc grows and shrinks slowly: 15 pictures a second
SLACK_MS = 3  # a new second is drawn just after it comes, never just before
QUIET_S = 0.033  # no drawing this close before a cue or a segment's end (see FramePacer)
TOGETHER_MS = 8  # a figure's picture due this close before the count's waits for it


def seconds_to_change(snapshot: Snapshot) -> float | None:
    """Session seconds until the ring's count or words next change; None when nothing
    changes until the session does something (paused, done, waiting for the voice)."""
    segment = snapshot.segment
    if snapshot.state is not State.RUNNING or segment.kind is SegmentKind.DONE:
        return None
    remaining = snapshot.remaining
    if remaining <= 0:
        return None  # the segment's end comes as an event
    # The big number shows whole seconds rounded up: it drops when ``remaining`` reaches
    # the next whole number below.
    found = remaining - (math.ceil(remaining - 1e-9) - 1)
    if segment.kind is SegmentKind.REPS and segment.tempo > 0:
        found = min(found, segment.tempo - snapshot.elapsed % segment.tempo)
    if snapshot.breath is not None:
        cycle = segment.inhale + segment.exhale
        within = snapshot.elapsed % cycle if cycle > 0 else 0.0
        turn = segment.inhale - within if within < segment.inhale else cycle - within
        found = min(found, turn)
    return max(found, 0.0)


def next_frame_ms(snapshot: Snapshot | None, *, speed: float, figure_ms: int | None) -> int | None:
    """Real milliseconds until the player should draw again; None: not until told.

    ``figure_ms`` is what the pose figure asks for (:meth:`PoseFigure.frame_interval_ms`);
    ``speed`` is the session's (a preview runs faster than real time).
    """
    if snapshot is None:
        return None
    change = seconds_to_change(snapshot)
    if change is None:
        return None  # a paused or finished session: the figure holds still too
    count = change / max(speed, 1e-6) * 1000.0 + SLACK_MS
    waits = [count]
    if snapshot.breath is not None:
        waits.append(BREATH_MS)
    if figure_ms is not None and figure_ms < count - TOGETHER_MS:
        # A timed hold's figure breathes in pictures a second apart, with the count's
        # own: one wake-up for both, not two a few milliseconds apart.
        waits.append(figure_ms)
    return max(1, math.ceil(min(waits)))


def seconds_to_deadline(controller: SessionController | None) -> float | None:
    """Real seconds to the running session's next deadline (None when none runs)."""
    driver = controller.driver if controller else None
    return driver.seconds_to_deadline() if driver is not None else None


def frame_after(
    snapshot: Snapshot | None, controller: SessionController | None, figure: PoseFigure
) -> int | None:
    """Milliseconds to a player's next picture after showing ``snapshot``."""
    speed = controller.speed if controller else 1.0
    return next_frame_ms(snapshot, speed=speed, figure_ms=figure.frame_interval_ms(speed))


class FramePacer(QObject):
    """Calls ``draw`` when the picture next changes, and only while ``widget`` is on screen.

    ``draw`` shows the moment and returns the milliseconds until the next picture (None:
    none until :meth:`kick`). ``to_deadline`` gives the real seconds until the session's
    next cue or segment end: a picture due just before one waits until just after it, so
    that the GUI thread is idle when the timer that plays the cue fires.
    """

    def __init__(
        self,
        widget: QWidget,
        draw: Callable[[], int | None],
        to_deadline: Callable[[], float | None],
    ) -> None:
        super().__init__(widget)
        self._widget = widget
        self._draw = draw
        self._to_deadline = to_deadline
        self._watched: QWidget | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._tick)
        self.wakeups = 0  # times the timer fired, for tests and benchmarks

    def on_screen(self) -> bool:
        """Shown, and its window neither hidden nor minimized."""
        window = self._widget.window()
        return self._widget.isVisible() and not window.isMinimized()

    def scheduled_ms(self) -> int | None:
        """The wait before the next picture, as last set; None when none is coming."""
        return self._timer.interval() if self._timer.isActive() else None

    def kick(self) -> None:
        """Something happened (a command, a segment started): draw on the next turn of the
        event loop, after every event of this moment has been handled."""
        self._watch()
        if self.on_screen():
            self._timer.start(0)
        else:
            self._timer.stop()

    def stop(self) -> None:
        self._timer.stop()

    def fire(self) -> None:
        """Draw now and plan the next picture (what the timer does when it fires)."""
        self._tick()

    def _tick(self) -> None:
        self.wakeups += 1
        if not self.on_screen():
            self._timer.stop()
            return
        ahead = self._to_deadline()
        if ahead is not None and ahead < QUIET_S:
            self._timer.start(math.ceil(ahead * 1000.0) + SLACK_MS)
            return
        wait = self._draw()
        if wait is None:
            self._timer.stop()
        else:
            self._timer.start(wait)

    def _watch(self) -> None:
        window = self._widget.window()
        if window is not self._watched:
            if self._watched is not None:
                self._watched.removeEventFilter(self)
            window.installEventFilter(self)
            self._watched = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self._watched and event.type() == QEvent.Type.WindowStateChange:
            # Minimized: no pictures; back on screen: the moment as it is now.
            if self.on_screen():
                self._timer.start(0)
            else:
                self._timer.stop()
        return False
