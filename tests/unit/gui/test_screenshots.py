"""Screenshots of every view, light and dark, saved under test-artifacts/ to be looked at."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QImage

from stretchtimer.core.session.clock import FakeClock
from stretchtimer.core.session.plan import SegmentKind
from stretchtimer.gui.main_window import MainWindow
from stretchtimer.gui.theme import ThemeManager
from tests.conftest import REPO
from tests.unit.gui.clipping import clipped
from tests.unit.gui.conftest import go_to, save_artifact, wait_started


def distinct_colours(image: QImage, enough: int, step: int = 7) -> int:
    """How many colours a grid of its pixels has, counted up to ``enough`` (a view has
    that many in its first rows; counting all of a 2x screenshot took seconds)."""
    colours = set()
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            colours.add(image.pixel(x, y))
            if len(colours) >= enough:
                return enough
    return len(colours)


@pytest.mark.usefixtures("system_voice")
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_view_in_light_and_dark(
    qtbot,
    window: MainWindow,
    themes: ThemeManager,  # type: ignore[no-untyped-def]
    clock: FakeClock,
    scheme: str,
) -> None:
    """The views, not the voice: the system's voice renders each session's few texts in
    a moment (the natural voice took most of this test's time rendering them)."""
    themes.apply(scheme)
    window.restyle()
    window.resize(1366, 768)
    shots = {}
    problems: list[str] = []
    scale = os.environ.get("QT_SCALE_FACTOR", "1")
    suffix = "" if scale == "1" else f"-{scale}x"

    def shoot(name: str) -> None:
        QCoreApplication.processEvents()
        path = save_artifact(window, f"{scheme}-{name}{suffix}")
        shots[name] = QImage(str(path))
        problems.extend(f"{name}: {problem}" for problem in clipped(window))

    window.routines.select("hip-openers")
    shoot("routines")
    window.show_place("session")
    shoot("session-idle")
    window.sessions.start_routine("hip-strength")
    wait_started(qtbot, window)
    go_to(qtbot, window, clock, SegmentKind.PREPARE, 2)
    shoot("player-prepare")
    go_to(qtbot, window, clock, SegmentKind.REPS, 7.5)
    shoot("player-reps")
    window.sessions.controller.stop()  # type: ignore[union-attr]
    shoot("session-stopped")
    window.sessions.start_routine("hip-openers")
    wait_started(qtbot, window)
    go_to(qtbot, window, clock, SegmentKind.HOLD, 12)
    shoot("player-hold")
    window.sessions.controller.use_easier()  # type: ignore[union-attr]
    window.sessions.controller.toggle_pause()  # type: ignore[union-attr]
    window.session.player.refresh()
    assert window.session.player.paused_overlay.isVisible()  # paused by the person, not before
    shoot("player-paused-easier")
    window.sessions.controller.toggle_pause()  # type: ignore[union-attr]
    go_to(qtbot, window, clock, SegmentKind.BREATHS, 2.5)
    shoot("player-breaths")
    window.session.player.set_focus_mode(True)
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.resize(1366, 768)
    shoot("focus-mode-breaths")
    window.sessions.controller.toggle_pause()  # type: ignore[union-attr]
    window.session.player.refresh()
    shoot("focus-mode-paused")
    window.sessions.controller.toggle_pause()  # type: ignore[union-attr]
    window.session.player.set_focus_mode(False)
    window.resize(1366, 768)
    go_to(qtbot, window, clock, SegmentKind.DONE, 0)
    window.session.show_complete(window.sessions.controller, streak_days=3, ask_comfort=True)  # type: ignore[arg-type]
    shoot("session-complete")
    window.show_place("history")
    shoot("history")
    window.show_place("settings")
    shoot("settings")

    assert not problems, "clipped words:\n" + "\n".join(problems)
    for name, image in shots.items():
        assert image.width() >= 1000, name
        assert distinct_colours(image, enough=9) > 8, f"{name} looks blank"
        corner = image.pixelColor(image.width() - 5, image.height() - 5)
        assert (corner.lightness() < 80) == (scheme == "dark"), name


def test_every_view_at_twice_the_scale_has_no_clipped_words() -> None:
    """The same views at 2× (a HiDPI screen), in a process of their own: Qt reads the scale
    once, when the application starts."""
    if os.environ.get("QT_SCALE_FACTOR"):
        return  # this is that process
    result = subprocess.run(
        [
            *(sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"),
            f"{__file__}::test_every_view_in_light_and_dark",
        ],
        cwd=REPO,
        env=dict(os.environ, QT_SCALE_FACTOR="2"),
        capture_output=True,
        text=True,
        timeout=400,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
