"""The player draws only when its picture changes: once a second for a countdown, while
the figure moves in reps and breaths, and nothing at all while paused or minimized.

Time is a fake clock; the test moves it on to whichever comes first, the session's next
deadline or the player's next picture, and fires that (as the event loop would), then
counts the paint events of the ring and the figure.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from pytestqt.qtbot import QtBot

from stretchtimer.core.routine.model import Breaths, Hold, Pace, Reps, Routine, Step
from stretchtimer.core.session.clock import FakeClock
from stretchtimer.core.session.events import State
from stretchtimer.core.session.plan import SegmentKind
from stretchtimer.gui.main_window import MainWindow
from stretchtimer.gui.services import AppServices
from stretchtimer.gui.session.compact.view import MiniPlayer
from stretchtimer.gui.session.controller import SessionController
from stretchtimer.gui.session.pacing import BREATH_MS, next_frame_ms, seconds_to_change
from stretchtimer.gui.session.player.text import player_text
from stretchtimer.gui.session.player.view import PlayerView
from stretchtimer.gui.widgets.pose_motion import HOLD_STEPS
from tests.unit.gui.conftest import wait_started

SPEED = 10.0  # a preview: chimes only, and every session second is 0.1 s of the clock


@dataclass(frozen=True)
class PosedStep(Step):
    pose: str = ""  # as routine format 2 gives it


ROUTINE = Routine(
    "Pacing",
    (
        PosedStep("Pigeon", Hold(40), say="Hold.", pose="pigeon"),
        PosedStep("Glute bridge", Reps(10, tempo=3.0), say="Lift.", pose="glute-bridge"),
        PosedStep("Straddle fold", Breaths(6), say="Fold.", pose="straddle-fold"),
    ),
    pace=Pace(prepare=3, rest=3, switch=3, inhale=2.5, exhale=2.5),
)


class Paints(QObject):
    """Counts the paint events of the widgets it watches."""

    def __init__(self, *widgets: QObject) -> None:
        super().__init__()
        self.counts = dict.fromkeys(widgets, 0)
        for widget in widgets:
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and watched in self.counts:
            self.counts[watched] += 1
        return False

    def __getitem__(self, widget: QObject) -> int:
        return self.counts[widget]


@pytest.fixture
def session(qtbot: QtBot, window: MainWindow, services: AppServices) -> Iterator[SessionController]:
    services.speed = SPEED
    window.sessions.start_session("pacing", ROUTINE, record=False)
    wait_started(qtbot, window)
    controller = window.sessions.controller
    assert controller is not None and controller.driver is not None
    yield controller
    controller.stop()


def live(controller: SessionController) -> float:
    assert controller.driver is not None
    return controller.driver.now().mono


def run_for(
    player: PlayerView | MiniPlayer, controller: SessionController, clock: FakeClock, span: float
) -> int:
    """Let ``span`` session seconds pass; each session deadline and each picture the
    player planned happens at its time. Returns how often the player woke."""
    driver = controller.driver
    assert driver is not None
    end = live(controller) + span
    woke = 0
    while live(controller) < end - 1e-9:
        planned = player.pacer.scheduled_ms()
        deadline = driver.seconds_to_deadline()
        left = (end - live(controller)) / SPEED
        waits = [left]
        if planned is not None:
            waits.append(planned / 1000.0)
        if deadline is not None:
            waits.append(deadline)
        step = min(waits)
        clock.advance(step + 1e-6)
        if deadline is not None and deadline <= step:
            driver.tick()
        QCoreApplication.processEvents()  # the events of that moment, and a kick
        if planned is not None and planned / 1000.0 <= step:
            player.pacer.fire()
            woke += 1
        QCoreApplication.processEvents()  # the paints
    return woke


def go_to(controller: SessionController, kind: SegmentKind) -> None:
    while True:
        driver = controller.driver
        assert driver is not None
        if driver.engine.segment.kind is kind:
            return
        controller.skip()


def test_a_timed_hold_draws_the_count_once_a_second_and_the_breathing_figure_alone(
    window: MainWindow, session: SessionController, clock: FakeClock
) -> None:
    player = window.session.player
    go_to(session, SegmentKind.HOLD)
    run_for(player, session, clock, 3.0)  # the step's pose has settled in
    paints = Paints(player.ring, player.figure)
    painted = player.figure.kept.painted
    woke = run_for(player, session, clock, 10.5)
    assert 10 <= paints[player.ring] <= 12  # the countdown: once a second, not 30 times
    # Nearly two slow breaths: the figure moves with the count's pictures, a second
    # apart, each painted once and then copied; no wake-up of its own.
    assert paints[player.figure] >= 5
    assert player.figure.kept.painted - painted <= HOLD_STEPS
    assert woke <= 12
    snapshot = session.snapshot()
    assert snapshot is not None and snapshot.segment.kind is SegmentKind.HOLD
    assert player.ring.state().big == str(math.ceil(snapshot.remaining))  # and up to date


def test_nothing_is_drawn_while_paused(
    qtbot: QtBot, window: MainWindow, session: SessionController, clock: FakeClock
) -> None:
    player = window.session.player
    go_to(session, SegmentKind.REPS)
    run_for(player, session, clock, 2.0)
    player.setFocus()
    qtbot.keyClick(player, Qt.Key.Key_Space)
    assert session.driver is not None and session.driver.engine.state is State.PAUSED
    QCoreApplication.processEvents()
    if player.pacer.scheduled_ms() is not None:
        player.pacer.fire()  # the picture of the pause itself
    QCoreApplication.processEvents()
    paints = Paints(player.ring, player.figure)
    clock.advance(20.0)
    QCoreApplication.processEvents()
    assert player.pacer.scheduled_ms() is None  # no timer at all
    assert (paints[player.ring], paints[player.figure]) == (0, 0)
    qtbot.keyClick(player, Qt.Key.Key_Space)  # resumed: moving again
    frames = player.figure.frames_drawn
    run_for(player, session, clock, 2.0)
    assert player.figure.frames_drawn > frames


def test_nothing_is_drawn_while_the_window_is_minimized(
    window: MainWindow, session: SessionController, clock: FakeClock
) -> None:
    player = window.session.player
    go_to(session, SegmentKind.BREATHS)
    run_for(player, session, clock, 1.0)
    window.showMinimized()
    QCoreApplication.processEvents()
    assert window.isMinimized()
    paints = Paints(player.ring, player.figure)
    woke = run_for(player, session, clock, 10.0)
    assert (paints[player.ring], paints[player.figure], woke) == (0, 0, 0)
    assert player.pacer.scheduled_ms() is None
    window.showNormal()
    QCoreApplication.processEvents()
    run_for(player, session, clock, 1.0)
    assert paints[player.ring] > 0 and paints[player.figure] > 0  # back, and breathing


def test_the_figure_moves_in_reps_and_breaths(
    window: MainWindow, session: SessionController, clock: FakeClock
) -> None:
    player = window.session.player
    for kind in (SegmentKind.REPS, SegmentKind.BREATHS):
        go_to(session, kind)
        run_for(player, session, clock, 2.0)  # eased into the step's pose
        interval = player.figure.frame_interval_ms()
        assert interval is not None and interval <= BREATH_MS
        frames = player.figure.frames_drawn
        moments = set()
        for _ in range(10):
            run_for(player, session, clock, 1.0)
            moments.add(player.figure._moment())
        # At ten times the speed a real second holds ten session seconds: the figure
        # gets as many pictures in it as in any real second.
        assert player.figure.frames_drawn - frames >= 10
        assert len(moments) >= 5  # and each shows it further on in its movement


def test_the_next_picture_comes_when_the_countdown_changes(
    session: SessionController, clock: FakeClock
) -> None:
    go_to(session, SegmentKind.HOLD)
    clock.advance(0.025)  # 0.25 session seconds into the hold
    snapshot = session.snapshot()
    assert snapshot is not None
    assert seconds_to_change(snapshot) == pytest.approx(0.75, abs=1e-6)
    assert next_frame_ms(snapshot, speed=1.0, figure_ms=None) in (753, 754)  # just after it
    assert next_frame_ms(snapshot, speed=SPEED, figure_ms=None) in (78, 79)
    assert next_frame_ms(snapshot, speed=1.0, figure_ms=33) == 33  # a figure easing in
    session.toggle_pause()
    paused = session.snapshot()
    assert paused is not None
    assert next_frame_ms(paused, speed=1.0, figure_ms=33) is None


def test_the_compact_player_draws_once_a_second_and_not_at_all_once_closed(
    window: MainWindow, session: SessionController, clock: FakeClock
) -> None:
    from stretchtimer.gui.session.compact.mode import CompactMode
    from stretchtimer.gui.window_state import window_state

    services = session.services
    compact = CompactMode(
        window, window_state(services.paths.config), window_may_stay_hidden=lambda: False
    )
    go_to(session, SegmentKind.HOLD)
    compact.enter()
    mini = compact.mini
    QCoreApplication.processEvents()
    run_for(mini, session, clock, 2.0)
    paints = Paints(mini.ring, mini.figure)
    woke = run_for(mini, session, clock, 10.5)
    assert 10 <= paints[mini.ring] <= 12  # the count once a second
    assert paints[mini.figure] > 0 and woke <= 12  # the breath with the count's pictures
    compact.leave()  # the full window again: the compact player draws nothing more
    QCoreApplication.processEvents()
    before = dict(paints.counts)
    assert run_for(mini, session, clock, 5.0) == 0
    assert paints.counts == before
    mini.deleteLater()


def test_a_breath_hold_repaints_the_ring_and_the_figure_not_the_page_behind(
    window: MainWindow, session: SessionController, clock: FakeClock
) -> None:
    player = window.session.player
    go_to(session, SegmentKind.BREATHS)
    run_for(player, session, clock, 2.0)
    paints = Paints(player.ring, player.figure, player.stage, window)
    run_for(player, session, clock, 20.0)  # two real seconds: 30 pictures of the disc
    assert paints[player.ring] >= 28
    # The ring and the figure fill their own rectangles: the page behind them is
    # repainted only where the words change (the time left, once a session second).
    assert paints[window] <= 22 and paints[player.stage] <= 22


@pytest.mark.parametrize("which", ["full", "compact"])
def test_the_words_are_worked_out_only_when_what_they_show_changes(
    which: str,
    window: MainWindow,
    session: SessionController,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from stretchtimer.gui.session.compact import view as compact_view
    from stretchtimer.gui.session.compact.mode import CompactMode
    from stretchtimer.gui.session.player import view as player_view
    from stretchtimer.gui.window_state import window_state

    player: PlayerView | MiniPlayer = window.session.player
    module = player_view
    if which == "compact":
        compact = CompactMode(
            window,
            window_state(session.services.paths.config),
            window_may_stay_hidden=lambda: False,
        )
        go_to(session, SegmentKind.BREATHS)
        compact.enter()
        player = compact.mini
        module = compact_view
    go_to(session, SegmentKind.BREATHS)
    QCoreApplication.processEvents()
    run_for(player, session, clock, 2.0)
    computed = 0
    real = module.player_text

    def counted(snapshot: object) -> object:
        nonlocal computed
        computed += 1
        return real(snapshot)  # type: ignore[arg-type]

    monkeypatch.setattr(module, "player_text", counted)
    woke = run_for(player, session, clock, 20.0)
    # Two real seconds of a breath hold: the disc asks for 15 pictures a second, and
    # the words change with the time left, once a session second.
    assert woke >= 28
    assert 18 <= computed <= 22
    # A picture of the pacer's shows new words as soon as they change.
    clock.advance(1.0 / SPEED)  # a session second on: one second less left
    snapshot = player.show_moment(quick=True)
    assert snapshot is not None and snapshot.segment.kind is SegmentKind.BREATHS
    assert player.progress_text.text().endswith(player_text(snapshot).time_left)
    if which == "compact":
        compact.leave()
        player.deleteLater()
