"""Where the reminder window and the compact player open, on a real X server with two
monitors side by side (RandR monitors on one Xvfb screen, as a desktop with two displays
has them), with the mouse on the second one; and where they go when it is unplugged."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.conftest import REPO
from tests.integration.desk.desktop_session import Lines

LEFT = [0, 0, 1366, 768]
RIGHT = [1366, 0, 1280, 1024]
MARGIN = 24
MONITORS = ("left=1366x768+0+0", "right=1280x1024+1366+0")


@contextmanager
def child(arguments: list[str], what: str, **environment: str) -> Iterator[Lines]:
    process = subprocess.Popen(
        arguments,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=dict(os.environ, **environment),
        cwd=REPO,
    )
    lines = Lines(process, what)
    try:
        yield lines
    finally:
        lines.stop()


@contextmanager
def two_monitors() -> Iterator[str]:
    """A private X server 2646 pixels wide, split into a 1366x768 and a 1280x1024 monitor."""
    with child(
        ["Xvfb", "-displayfd", "1", "-screen", "0", "2646x1024x24", "-nolisten", "tcp"], "Xvfb"
    ) as server:
        display = f":{server.raw_line().strip()}"
        yield display


def inside(frame: object, area: list[int]) -> bool:
    assert isinstance(frame, list)
    x, y, width, height = frame
    return (
        area[0] <= x
        and x + width <= area[0] + area[2]
        and area[1] <= y
        and y + height <= area[1] + area[3]
    )


def mouse(display: str, x: int, y: int) -> None:
    subprocess.run(
        ["xdotool", "mousemove", str(x), str(y)],
        env=dict(os.environ, DISPLAY=display),
        check=True,
        timeout=10,
    )


def test_windows_open_by_the_mouse_and_leave_an_unplugged_monitor(tmp_path: Path) -> None:
    with (
        two_monitors() as display,
        child(
            [sys.executable, "-m", "tests.integration.desk.x_monitors", display, *MONITORS],
            "monitors",
        ) as monitors,
    ):
        monitors.wait_for("ready")
        mouse(display, 2000, 500)  # on the second monitor
        with child(
            [sys.executable, "-m", "tests.integration.desk.screens_app", str(tmp_path / "places")],
            "app",
            DISPLAY=display,
            QT_QPA_PLATFORM="xcb",
            WAYLAND_DISPLAY="",
        ) as app:
            ready = app.wait_for("ready")
            assert ready["screens"] == {"left": LEFT, "right": RIGHT}

            app.send("reminder")
            reminder = app.wait_for("done")["reminder"]
            assert inside(reminder, RIGHT)
            assert isinstance(reminder, list)
            assert reminder[0] + reminder[2] == 1366 + 1280 - MARGIN  # its bottom-right corner
            assert reminder[1] + reminder[3] == 1024 - MARGIN

            app.send("player")
            assert inside(app.wait_for("done")["player"], RIGHT)

            monitors.send("unplug right")
            monitors.wait_for("done")
            assert app.wait_for("removed")["removed"] == "right"
            app.send("where")
            seen = app.wait_for("done")
            assert seen["screens"] == {"left": LEFT}
            assert inside(seen["reminder"], LEFT)  # both came over to the remaining one
            assert inside(seen["player"], LEFT)

            app.send("hide")
            app.wait_for("done")
            mouse(display, 300, 300)
            app.send("reminder")
            assert inside(app.wait_for("done")["reminder"], LEFT)
