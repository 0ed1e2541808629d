"""Screenshots of every view, light and dark, saved under test-artifacts/ to be looked at."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage

from stretchtimer.core.session.clock import FakeClock
from stretchtimer.core.session.plan import SegmentKind
from stretchtimer.gui.main_window import MainWindow
from stretchtimer.gui.theme import ThemeManager
from tests.unit.gui.conftest import save_artifact, wait_started


def distinct_colours(image: QImage, step: int = 7) -> int:
    colours = set()
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            colours.add(image.pixel(x, y))
    return len(colours)


def go_to(window: MainWindow, clock: FakeClock, kind: SegmentKind, seconds: float) -> None:
    controller = window.sessions.controller
    assert controller is not None and controller.driver is not None
    while controller.driver.engine.segment.kind is not kind:
        controller.skip()
    clock.advance(seconds)
    controller.driver.tick()
    window.session.player.refresh()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_view_in_light_and_dark(
    qtbot,
    window: MainWindow,
    themes: ThemeManager,  # type: ignore[no-untyped-def]
    clock: FakeClock,
    scheme: str,
) -> None:
    themes.apply(scheme)
    window.restyle()
    shots = {}

    def shoot(name: str) -> None:
        path = save_artifact(window, f"{scheme}-{name}")
        shots[name] = QImage(str(path))

    window.routines.select("hip-openers")
    shoot("routines")
    window.show_place("session")
    shoot("session-idle")
    window.sessions.start_routine("hip-strength")
    wait_started(qtbot, window)
    go_to(window, clock, SegmentKind.PREPARE, 2)
    shoot("player-prepare")
    go_to(window, clock, SegmentKind.REPS, 7.5)
    shoot("player-reps")
    window.sessions.controller.stop()  # type: ignore[union-attr]
    shoot("session-stopped")
    window.sessions.start_routine("hip-openers")
    wait_started(qtbot, window)
    go_to(window, clock, SegmentKind.HOLD, 12)
    shoot("player-hold")
    window.sessions.controller.use_easier()  # type: ignore[union-attr]
    window.sessions.controller.toggle_pause()  # type: ignore[union-attr]
    window.session.player.refresh()
    shoot("player-paused-easier")
    window.sessions.controller.toggle_pause()  # type: ignore[union-attr]
    go_to(window, clock, SegmentKind.BREATHS, 2.5)
    shoot("player-breaths")
    go_to(window, clock, SegmentKind.DONE, 0)
    window.session.show_complete(window.sessions.controller, streak_days=3, ask_comfort=True)  # type: ignore[arg-type]
    shoot("session-complete")
    window.show_place("history")
    shoot("history")
    window.show_place("settings")
    shoot("settings")

    for name, image in shots.items():
        assert image.width() >= 1000, name
        assert distinct_colours(image) > 8, f"{name} looks blank"
        corner = image.pixelColor(image.width() - 5, image.height() - 5)
        assert (corner.lightness() < 80) == (scheme == "dark"), name
