"""Small windows open where the person is: the screen with the mouse, inside its work area,
and come back when their screen goes away. On two screens side by side (Qt's offscreen
platform with two virtual screens; the second one at 150 % scale)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO

SCREENS = {
    "synchronousWindowSystemEvents": True,
    "windowFrameMargins": False,
    "screens": [
        {"name": "left", "x": 0, "y": 0, "width": 1366, "height": 768,
         "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1},
        {"name": "right", "x": 1366, "y": 0, "width": 1920, "height": 1080,
         "logicalDpi": 144, "logicalBaseDpi": 96, "dpr": 1.5},
    ],
}  # fmt: skip


def test_the_reminder_and_the_compact_player_open_where_the_mouse_is(
    tmp_path: Path,
) -> None:
    config = tmp_path / "two-screens.json"
    config.write_text(json.dumps(SCREENS), encoding="utf-8")
    environment = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}")
    result = subprocess.run(
        [sys.executable, "-m", "tests.unit.gui.widgets.two_screens", str(tmp_path / "places")],
        env=environment,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    report = json.loads(result.stdout.splitlines()[-1])
    left, right = report["screens"]
    assert left == [0, 0, 1366, 768] and right == [1366, 0, 1280, 720]  # 1920x1080 at 150 %

    def inside(window: list[int], area: list[int]) -> bool:
        x, y, width, height = window
        return (
            area[0] <= x
            and x + width <= area[0] + area[2]
            and area[1] <= y
            and y + height <= area[1] + area[3]
        )

    x, y, width, height = report["on_second"]
    assert inside(report["on_second"], right)
    assert x + width == 1366 + 1280 - 24 and y + height == 720 - 24  # its bottom-right corner
    assert inside(report["on_first"], left)
    assert report["on_first"][0] + report["on_first"][2] == 1366 - 24

    assert report["rescued_straddling"] is True  # half on each screen: pulled onto one
    assert inside(report["after_straddling"], left) or inside(report["after_straddling"], right)
    assert report["rescued_lost"] is True
    assert inside(report["after_lost"], right)  # to the screen where the mouse is now
    assert report["stays"] is False  # once home, it stays

    x, y, width, height = report["player_on_second"]
    assert inside(report["player_on_second"], right)  # not where it was left: where the mouse is
    assert x + width == 1366 + 1280 - 24 and y + height == 720 - 24
    assert report["player_on_first"][:2] == [300, 240]  # where the person left it on this one
