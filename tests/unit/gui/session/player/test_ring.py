"""The countdown ring repaints no more than what moved: a breath's picture repaints the
square around the disc; a new count, new words or the arc moving on a step repaint the
ring; and the arc waits for the count when asked to."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QEvent, QObject, QRect
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from stretchtimer.gui.session.player.ring import ARC_STEPS, CountdownRing, RingState


class PaintedRects(QObject):
    def __init__(self, widget: CountdownRing) -> None:
        super().__init__()
        self.rects: list[QRect] = []
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.rects.append(event.rect())  # type: ignore[attr-defined]
        return False


@pytest.fixture
def ring(qtbot: QtBot) -> CountdownRing:
    ring = CountdownRing()
    qtbot.addWidget(ring)
    ring.resize(390, 520)
    ring.show()
    qtbot.waitExposed(ring)
    return ring


BREATH = RingState(
    fraction=0.5, big="Breathe in", caption="3 breaths left", tone="calm", breath=0.3
)


def shown(ring: CountdownRing, state: RingState, **options: bool) -> list[QRect]:
    painted = PaintedRects(ring)
    ring.set_state(state, **options)
    QApplication.processEvents()
    ring.removeEventFilter(painted)
    return painted.rects


def test_a_breath_repaints_the_square_around_the_disc_only(ring: CountdownRing) -> None:
    shown(ring, BREATH)
    (rect,) = shown(ring, replace(BREATH, breath=0.4))
    whole = ring.rect()
    assert (
        whole.contains(rect) and rect.width() * rect.height() < 0.6 * whole.width() * whole.height()
    )
    # Less than a step of the arc is not a new arc either.
    (rect,) = shown(ring, replace(BREATH, breath=0.5, fraction=0.5 - 0.4 / ARC_STEPS))
    assert rect != whole


@pytest.mark.parametrize(
    "change",
    [
        {"big": "Breathe out"},
        {"caption": "2 breaths left"},
        {"fraction": 0.5 - 1.0 / ARC_STEPS},  # the arc moves on a step
        {"paused": True, "breath": None},
    ],
)
def test_new_words_or_a_step_of_the_arc_repaint_the_ring(
    ring: CountdownRing, change: dict[str, object]
) -> None:
    shown(ring, BREATH)
    (rect,) = shown(ring, replace(BREATH, **change))  # type: ignore[arg-type]
    assert rect == ring.rect()


def test_the_arc_can_wait_for_the_count(ring: CountdownRing) -> None:
    hold = RingState(fraction=0.5, big="20", caption="seconds left")
    shown(ring, hold)
    assert shown(ring, replace(hold, fraction=0.45), arc_with_count=True) == []
    assert ring.state() == hold
    assert shown(ring, replace(hold, fraction=0.45, big="19"), arc_with_count=True) != []
