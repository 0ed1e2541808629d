"""The pose figure widget: draws the pose in the theme's colours, moves with reps and
breaths, and draws nothing at all while nobody can see it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from stretchtimer.gui import theme
from stretchtimer.gui.theme import ThemeManager
from stretchtimer.gui.widgets.pose_figure import EASE_SECONDS, PoseFigure
from stretchtimer.gui.widgets.pose_motion import (
    BREATH_STEPS,
    HOLD_EXHALE,
    HOLD_INHALE,
    HOLD_STEPS,
    Motion,
)


class Clock:
    """Seconds that pass only when the test says so."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def window(qtbot: QtBot) -> QWidget:
    window = QWidget()
    window.setLayout(QVBoxLayout())
    window.resize(400, 400)
    qtbot.addWidget(window)
    return window


@pytest.fixture
def figure(window: QWidget, clock: Clock) -> PoseFigure:
    figure = PoseFigure(window, clock=clock)
    window.layout().addWidget(figure)
    return figure


@pytest.fixture
def dark(qapp: QApplication) -> Iterator[ThemeManager]:
    manager = ThemeManager(qapp, "dark")
    yield manager
    manager.apply("light")
    manager.deleteLater()


def pixels_of(image: QImage, colour: str) -> int:
    """How many pixels of ``image`` are (nearly) ``colour``."""
    wanted = QColor(colour)
    count = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            pixel = image.pixelColor(x, y)
            if (
                abs(pixel.red() - wanted.red())
                + abs(pixel.green() - wanted.green())
                + abs(pixel.blue() - wanted.blue())
                < 12
            ):
                count += 1
    return count


def ink(image: QImage) -> int:
    """How many pixels are far from the window's background: something is drawn."""
    paper = QColor(theme.current().window)
    return sum(
        1
        for y in range(image.height())
        for x in range(image.width())
        if abs(image.pixelColor(x, y).lightness() - paper.lightness()) > 60
    )


def picture(figure: PoseFigure) -> QImage:
    return figure.grab().toImage()


def test_the_worked_leg_is_drawn_in_the_accent(window: QWidget, figure: PoseFigure) -> None:
    figure.show_pose("pigeon", "left")
    window.show()
    image = picture(figure)
    assert pixels_of(image, theme.current().accent) > 200
    figure.show_pose("lying-rest")  # no worked side: no accent
    assert pixels_of(picture(figure), theme.current().accent) == 0


def test_the_figure_follows_the_dark_theme(
    window: QWidget, figure: PoseFigure, dark: ThemeManager
) -> None:
    figure.show_pose("pigeon", "right")
    window.show()
    image = picture(figure)
    assert pixels_of(image, theme.DARK.accent) > 200
    assert pixels_of(image, theme.LIGHT.accent) == 0


def test_the_figure_scales_to_its_size(window: QWidget, figure: PoseFigure) -> None:
    figure.show_pose("standing-reach-up")
    window.show()
    big = pixels_of(picture(figure), theme.current().accent)
    assert big == 0
    body = QColor(picture(figure).pixelColor(figure.width() // 2, figure.height() // 2))
    assert body != QColor(theme.current().window)  # the torso is in the middle
    window.resize(120, 120)
    QApplication.processEvents()
    assert figure.height() < 130
    assert QColor(picture(figure).pixelColor(figure.width() // 2, figure.height() // 2)) == body


def test_a_screen_reader_hears_the_pose_and_side(figure: PoseFigure) -> None:
    figure.show_pose("pigeon", "right")
    assert figure.accessibleName() == "Figure: pigeon pose, right leg forward"


def test_a_step_without_a_pose_shows_its_name_instead(window: QWidget, figure: PoseFigure) -> None:
    figure.show_pose(None, fallback="Neck rolls")
    window.show()
    assert figure.accessibleName() == "Neck rolls"
    assert ink(picture(figure)) > 30  # the words
    assert figure.frames_drawn == 0
    figure.show_pose("no-such-pose", fallback="My own stretch")
    assert figure.pose() is None
    assert figure.accessibleName() == "My own stretch"


def test_reps_move_the_figure_at_the_tempo(
    window: QWidget, figure: PoseFigure, clock: Clock, qtbot: QtBot
) -> None:
    figure.show_pose("glute-bridge")
    figure.set_motion(Motion("reps", elapsed=0.0, running=True, tempo=4.0))
    window.show()
    assert figure.animating()
    down = picture(figure)
    clock.now += 2.0  # half a rep: hips up
    up = picture(figure)
    clock.now += 2.0  # a whole rep: down again
    assert picture(figure) == down
    assert up != down
    before = figure.frames_drawn
    qtbot.waitUntil(lambda: figure.frames_drawn >= before + 3, timeout=2000)


def test_a_paused_session_holds_the_figure_still(
    window: QWidget, figure: PoseFigure, clock: Clock
) -> None:
    figure.show_pose("glute-bridge")
    figure.set_motion(Motion("reps", elapsed=1.0, running=False, tempo=4.0))
    window.show()
    assert not figure.animating()
    held = picture(figure)
    clock.now += 1.5
    assert picture(figure) == held


def test_breaths_lift_the_chest_and_deepen_the_fold(
    window: QWidget, figure: PoseFigure, clock: Clock
) -> None:
    figure.show_pose("forward-hang")
    figure.set_motion(
        Motion("breaths", elapsed=0.0, running=True, inhale=4.0, exhale=6.0, duration=20.0)
    )
    window.show()
    assert figure.animating()
    empty = picture(figure)
    clock.now += 4.0  # lungs full
    full = picture(figure)
    clock.now += 6.0  # empty again, a breath deeper into the fold
    deeper = picture(figure)
    assert len({empty.cacheKey(), full.cacheKey(), deeper.cacheKey()}) == 3
    assert empty != full
    assert deeper != empty


def test_no_frames_are_drawn_while_the_figure_is_hidden(
    window: QWidget, figure: PoseFigure, qtbot: QtBot
) -> None:
    figure.show_pose("glute-bridge")
    figure.set_motion(Motion("reps", running=True))
    window.show()
    qtbot.waitUntil(lambda: figure.frames_drawn >= 2, timeout=2000)
    window.hide()
    assert not figure.animating()
    hidden_at = figure.frames_drawn
    qtbot.wait(300)
    assert figure.frames_drawn == hidden_at
    window.show()
    assert figure.animating()
    qtbot.waitUntil(lambda: figure.frames_drawn > hidden_at, timeout=2000)


def test_no_frames_are_drawn_while_the_window_is_minimized(
    window: QWidget, figure: PoseFigure, qtbot: QtBot
) -> None:
    figure.show_pose("clamshell", "left")
    figure.set_motion(Motion("reps", running=True))
    window.show()
    qtbot.waitUntil(lambda: figure.frames_drawn >= 2, timeout=2000)
    window.showMinimized()
    qtbot.waitUntil(lambda: not figure.animating(), timeout=1000)
    QApplication.processEvents()
    minimized_at = figure.frames_drawn
    qtbot.wait(300)
    assert figure.frames_drawn == minimized_at
    window.showNormal()
    qtbot.waitUntil(figure.animating, timeout=1000)


def test_a_new_pose_eases_in_and_then_the_timer_stops(
    window: QWidget, figure: PoseFigure, clock: Clock, qtbot: QtBot
) -> None:
    figure.show_pose("seated-breathing")
    window.show()
    assert not figure.animating()  # a still pose needs no frames
    figure.show_pose("seated-figure-four", "left")
    assert figure.animating()
    halfway = picture(figure)
    clock.now += EASE_SECONDS / 2
    assert picture(figure) != halfway
    clock.now += EASE_SECONDS
    qtbot.waitUntil(lambda: not figure.animating(), timeout=1000)


def test_a_driven_figure_repaints_with_its_host_for_reps(qtbot: QtBot, clock: Clock) -> None:
    # In the player the figure has no timer: the player asks it 30 times a second.
    figure = PoseFigure(clock=clock, driven=True)
    qtbot.addWidget(figure)
    figure.resize(200, 200)
    figure.show_pose("glute-bridge")
    figure.show()
    QApplication.processEvents()
    assert not figure.animating()  # never a timer of its own
    before = figure.frames_drawn
    for frame in range(30):
        clock.now += 1 / 30
        figure.set_motion(Motion("reps", elapsed=frame / 30, running=True, duration=30.0))
        QApplication.processEvents()
    assert figure.frames_drawn - before == pytest.approx(30, abs=1)
    figure.hide()
    hidden = figure.frames_drawn
    for frame in range(30):
        clock.now += 1 / 30
        figure.set_motion(Motion("reps", elapsed=1 + frame / 30, running=True, duration=30.0))
        QApplication.processEvents()
    assert figure.frames_drawn == hidden


@pytest.mark.parametrize("kind", ["breaths", "hold"])
def test_a_breathing_figure_is_repainted_only_for_the_next_picture_of_its_breath(
    qtbot: QtBot, clock: Clock, kind: str
) -> None:
    # The host asks 30 times a second; a breath moves the chest by a pixel or two, so it
    # is a few pictures in (BREATH_STEPS; a timed hold's, a second apart: HOLD_STEPS) and
    # as many out, each painted once and then copied.
    figure = PoseFigure(clock=clock, driven=True)
    qtbot.addWidget(figure)
    figure.resize(240, 240)
    figure.show_pose("forward-hang")
    figure.show()
    QApplication.processEvents()
    motion = Motion(kind, running=True, inhale=2.0, exhale=3.0)  # a hold breathes so too
    breath = sum(motion.breath)
    figure.set_motion(motion)
    QApplication.processEvents()
    before, painted = figure.frames_drawn, figure.kept.painted
    for frame in range(1, round(breath * 30) + 1):
        clock.now += 1 / 30
        figure.set_motion(replace(motion, elapsed=frame / 30))
        QApplication.processEvents()
    # A picture at each step of the breath (its first comes back at its end), not 150.
    assert motion.steps == (BREATH_STEPS if kind == "breaths" else HOLD_STEPS)
    assert figure.frames_drawn - before == pytest.approx(2 * motion.steps - 1, abs=1)
    assert figure.kept.painted - painted <= motion.steps  # each picture painted once
    painted = figure.kept.painted
    for frame in range(1, round(breath * 30) + 1):  # the next breath: copies only
        clock.now += 1 / 30
        figure.set_motion(replace(motion, elapsed=breath + frame / 30))
        QApplication.processEvents()
    assert figure.kept.painted == painted
    interval = figure.frame_interval_ms()
    assert interval is not None and interval >= 1000 * motion.breath[0] / motion.steps - 40


def test_a_timed_hold_breathes_slowly_and_a_paused_one_holds_still(
    window: QWidget, figure: PoseFigure, clock: Clock
) -> None:
    figure.show_pose("seated-figure-four", "left")
    figure.set_motion(Motion("hold", elapsed=0.0, running=True))
    window.show()
    empty = picture(figure)
    clock.now += HOLD_INHALE  # lungs full: the chest has lifted
    full = picture(figure)
    assert full != empty
    clock.now += HOLD_EXHALE  # out again: back where it was
    assert picture(figure) == empty
    figure.set_motion(Motion("hold", elapsed=HOLD_INHALE, running=False))  # paused
    held = picture(figure)
    assert not figure.animating()
    clock.now += 1.0
    assert picture(figure) == held
