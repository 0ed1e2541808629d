"""Routine cards and details show the steps' pose figures (steps that name one)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from PySide6.QtGui import QColor, QImage

from stretchtimer.core.routine.model import Breaths, Hold, Routine, Sides, Step
from stretchtimer.gui import theme
from stretchtimer.gui.main_window import MainWindow
from stretchtimer.gui.theme import ThemeManager
from stretchtimer.storage.routines.library import RoutineEntry
from tests.unit.gui.conftest import save_artifact


@dataclass(frozen=True)
class PosedStep(Step):
    """A step as routine format 2 will give it: with a pose name."""

    pose: str = ""


ROUTINE = Routine(
    "Floor hips",
    (
        PosedStep("Pigeon pose", Hold(45), Sides.BOTH, pose="pigeon"),
        PosedStep("Straddle fold", Breaths(5), pose="straddle-fold"),
        Step("Neck rolls", Hold(20)),
        PosedStep("Lying figure-four", Hold(30), Sides.BOTH, pose="reclined-figure-four"),
    ),
)


def accent_pixels(image: QImage) -> int:
    accent = QColor(theme.current().accent)
    return sum(
        1
        for y in range(image.height())
        for x in range(image.width())
        if image.pixelColor(x, y) == accent
    )


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_cards_and_details_show_the_poses(
    window: MainWindow, themes: ThemeManager, scheme: str
) -> None:
    themes.apply(scheme)
    window.restyle()
    entry = RoutineEntry("floor-hips", "floor-hips.toml", builtin=False, routine=ROUTINE)
    page = window.routines
    page.set_entries([entry, *(row.entry for row in page.model.rows)])
    page.select("floor-hips")
    strip = page.pose_strip
    assert strip.isVisibleTo(page)
    assert strip.poses == ["pigeon", "straddle-fold", "reclined-figure-four"]
    assert strip.accessibleName() == (
        "Figures of the steps: pigeon pose, left leg forward, straddle fold, sitting with "
        "the legs wide, folding forward, lying figure-four, on the back, left ankle crossed "
        "over the right knee"
    )
    shot = QImage(str(save_artifact(window, f"{scheme}-routines-poses")))
    assert accent_pixels(strip.grab().toImage()) > 50  # the worked legs
    card = page.list.visualRect(page.filter.index(0, 0))
    card.moveTopLeft(page.list.viewport().mapTo(window, card.topLeft()))
    assert accent_pixels(shot.copy(card)) > 10  # the first step's figure on the card


def test_a_routine_without_poses_shows_no_strip(window: MainWindow) -> None:
    plain = Routine("Plain", (Step("Neck rolls", Hold(20)),))
    page = window.routines
    page.set_entries([RoutineEntry("plain", "plain.toml", builtin=False, routine=plain)])
    page.select("plain")
    assert not page.pose_strip.isVisibleTo(page)


def test_the_built_in_routines_show_their_poses(window: MainWindow) -> None:
    window.routines.select("hip-openers")
    assert window.routines.pose_strip.poses == [
        "pigeon",
        "straddle-fold",
        "reclined-figure-four",
        "knees-to-chest",
    ]
