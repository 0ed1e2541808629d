"""The player's stage shows the words of the moment, and nothing of a session before."""

from __future__ import annotations

from dataclasses import replace

import pytest
from pytestqt.qtbot import QtBot

from stretchtimer.gui.session.player.stage import PlayerStage
from stretchtimer.gui.session.player.text import PlayerText

PIGEON = PlayerText(
    step="Pigeon pose",
    side="Left side",
    badge="LEFT",
    activity="Hold",
    instructions="Sink your hips towards the floor.",
    easier=False,
    progress="Step 1 of 4",
    time_left="6:31 left",
    next="Next: Straddle fold",
    paused=False,
)


@pytest.fixture
def stage(qtbot: QtBot) -> PlayerStage:
    made = PlayerStage()
    qtbot.addWidget(made)
    return made


def test_the_words_of_the_moment_with_the_side_in_one_word(stage: PlayerStage) -> None:
    stage.show()
    stage.show_words(PIGEON)
    assert stage.step_name.text() == "Pigeon pose"
    assert stage.side.text() == "LEFT" and stage.side.isVisible()
    assert stage.side.accessibleName() == "Left side"  # a screen reader says it whole
    assert stage.activity.text() == "Hold"
    assert stage.instructions.text() == "Sink your hips towards the floor."
    assert stage.upcoming.text() == "Next: Straddle fold"


def test_the_easier_variation_is_named_before_its_instructions(stage: PlayerStage) -> None:
    stage.show_words(replace(PIGEON, easier=True))
    assert stage.instructions.text() == "Easier: Sink your hips towards the floor."


def test_a_step_without_sides_shows_no_side(stage: PlayerStage) -> None:
    stage.show()
    stage.show_words(PIGEON)
    stage.show_words(replace(PIGEON, side="", badge=""))
    assert not stage.side.isVisible()
    assert stage.side.accessibleName() == "Side"


def test_clearing_leaves_nothing_of_the_session_before(stage: PlayerStage) -> None:
    stage.show()
    stage.show_words(PIGEON)
    stage.clear()
    words = (stage.step_name, stage.activity, stage.instructions, stage.upcoming)
    assert all(label.text() == "" for label in words)
    assert not stage.side.isVisible()
    assert stage.ring.state().caption == "getting ready"
