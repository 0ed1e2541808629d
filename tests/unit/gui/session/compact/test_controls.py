"""The compact player's buttons tell a screen reader and the eye what pressing them does."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from stretchtimer.gui.session.compact.controls import MiniControls


@pytest.fixture
def controls(qtbot: QtBot) -> MiniControls:
    made = MiniControls()
    qtbot.addWidget(made)
    return made


def picture(controls: MiniControls, name: str) -> QImage:
    button = getattr(controls, name)
    return button.icon().pixmap(18, 18).toImage()


def test_the_play_button_offers_to_resume_a_paused_session(controls: MiniControls) -> None:
    controls.restyle(muted=False)
    running = picture(controls, "play")
    assert controls.play.accessibleName() == "Pause (Space)"
    controls.show_paused(True)
    assert controls.play.accessibleName() == "Resume (Space)"
    assert picture(controls, "play") != running  # the play triangle, not the pause bars
    controls.show_paused(False)
    assert controls.play.accessibleName() == "Pause (Space)"
    assert picture(controls, "play") == running


def test_the_mute_button_offers_to_unmute_when_muted(controls: MiniControls) -> None:
    controls.restyle(muted=False)
    sounding = picture(controls, "mute")
    assert controls.mute.accessibleName() == "Mute (M)"
    controls.restyle(muted=True)  # a new theme keeps what mute shows
    assert controls.mute.accessibleName() == "Unmute (M)"
    assert picture(controls, "mute") != sounding


def test_a_new_theme_keeps_the_paused_play_button(controls: MiniControls) -> None:
    controls.show_paused(True)
    controls.restyle(muted=False)
    assert controls.play.accessibleName() == "Resume (Space)"
