"""Pose pictures as SVG: valid XML, the same bytes every time, named for screen readers."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from stretchtimer.core.poses import pose_names, posed
from stretchtimer.core.poses.camera import View
from stretchtimer.core.poses.palette import DARK
from stretchtimer.core.poses.svg import svg_text

NS = "{http://www.w3.org/2000/svg}"


@pytest.mark.parametrize("name", pose_names())
def test_every_pose_is_valid_svg(name: str) -> None:
    pose = posed(name)
    root = ET.fromstring(svg_text(pose.drawing(), title=pose.description()))
    assert root.tag == f"{NS}svg"
    assert root.find(f"{NS}title").text == pose.description()  # type: ignore[union-attr]
    shapes = [child for child in root if child.tag != f"{NS}title"]
    assert len(shapes) >= len(pose.drawing().shapes)


def test_the_same_pose_gives_the_same_bytes() -> None:
    first = svg_text(posed("pigeon", "right").drawing(view=View.THREE_QUARTER), size=300)
    again = svg_text(posed("pigeon", "right").drawing(view=View.THREE_QUARTER), size=300)
    assert first == again
    assert first != svg_text(posed("pigeon", "left").drawing(view=View.THREE_QUARTER), size=300)


def test_the_size_is_the_longer_side_in_pixels() -> None:
    root = ET.fromstring(svg_text(posed("standing-reach-up").drawing(), size=200))
    assert root.get("height") == "200"
    assert int(root.get("width", "0")) < 200


def test_text_in_the_title_is_escaped() -> None:
    text = svg_text(posed("lying-rest").drawing(), title='a <b> & "c"')
    assert ET.fromstring(text).find(f"{NS}title").text == 'a <b> & "c"'  # type: ignore[union-attr]


def test_dark_pictures_use_the_dark_palette() -> None:
    text = svg_text(posed("lying-rest").drawing(), palette=DARK, background=True)
    assert f'fill="{DARK.edge}"' in text
