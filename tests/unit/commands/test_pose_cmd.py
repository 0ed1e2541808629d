"""``stretchtimer pose list`` and ``pose render``, run as a person runs them."""

from __future__ import annotations

import json
import stat
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtGui import QColor, QImage

from stretchtimer.core.poses.palette import DARK
from tests.conftest import run_cli
from tests.unit.core.poses.test_library import FIXED, MOVEMENTS, SIDED

NS = "{http://www.w3.org/2000/svg}"


def test_list_names_every_pose_with_its_sides_and_frames(home: Path) -> None:
    shown = run_cli("pose", "list", home=home)
    assert shown.returncode == 0, shown.stderr
    names = {line.split()[0] for line in shown.stdout.splitlines()[: len(FIXED)]}
    assert names == FIXED
    assert "glute-bridge:up" in shown.stdout
    rows = json.loads(run_cli("pose", "list", "--json", home=home).stdout)
    by_name = {row["name"]: row for row in rows}
    assert {name for name, row in by_name.items() if row["sided"]} == SIDED
    assert {name for name, row in by_name.items() if row["frames"]} == MOVEMENTS
    assert by_name["hip-hinge"]["frames"] == ["top", "bottom"]


def test_render_writes_an_owner_only_svg_named_for_screen_readers(home: Path) -> None:
    target = home / "pigeon.svg"
    done = run_cli("pose", "render", "pigeon", "--side", "right", "--to", str(target), home=home)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(target)
    root = ET.parse(target).getroot()
    assert root.find(f"{NS}title").text == "Figure: pigeon pose, right leg forward"  # type: ignore[union-attr]
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_render_writes_a_png_at_twice_the_size_in_the_dark_theme(home: Path) -> None:
    target = home / "bridge.png"
    done = run_cli(
        "pose", "render", "glute-bridge", "--frame", "up", "--theme", "dark",
        "--size", "300", "--scale", "2", "--to", str(target), home=home,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    image = QImage(str(target))
    assert max(image.width(), image.height()) == 600
    assert image.pixelColor(1, 1) == QColor(DARK.edge)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_a_keyframe_and_a_view_change_the_picture(home: Path) -> None:
    def svg(*options: str) -> str:
        target = home / "picture.svg"
        done = run_cli("pose", "render", "glute-bridge", *options, "--to", str(target), home=home)
        assert done.returncode == 0, done.stderr
        return target.read_text(encoding="utf-8")

    down, up = svg("--frame", "down"), svg("--frame", "up")
    assert down != up
    assert "<title>Figure: glute bridge, on the back, lifting and lowering the hips, up" in up
    moving = svg()
    assert svg("--frame", "0") == moving  # a movement is drawn at its first keyframe
    assert svg("--frame", "0.5") != moving
    assert svg("--view", "above") != moving


def test_an_unknown_pose_is_one_sentence_with_a_suggestion(home: Path) -> None:
    target = home / "x.svg"
    done = run_cli("pose", "render", "pidgeon", "--to", str(target), home=home)
    assert done.returncode == 1
    assert done.stderr == (
        "stretchtimer: there is no pose called 'pidgeon'. Did you mean 'pigeon'? "
        "`stretchtimer pose list` shows them all.\n"
    )
    assert not target.exists()
    frame = run_cli("pose", "render", "hip-hinge", "--frame", "up", "--to", str(target), home=home)
    assert frame.returncode == 1
    assert "has no frame 'up'; it has top, bottom" in frame.stderr


def test_a_file_it_cannot_write_is_one_sentence(home: Path) -> None:
    wrong = run_cli("pose", "render", "lying-rest", "--to", str(home / "x.jpg"), home=home)
    assert wrong.returncode == 1
    assert wrong.stderr == (
        f"stretchtimer: {home / 'x.jpg'} should end in .svg or .png "
        "(the kind of picture to write).\n"
    )
    nowhere = home / "missing" / "x.svg"
    missing = run_cli("pose", "render", "lying-rest", "--to", str(nowhere), home=home)
    assert missing.returncode == 1
    assert missing.stderr == f"stretchtimer: the folder {nowhere.parent} does not exist.\n"
    assert "Traceback" not in wrong.stderr + missing.stderr
