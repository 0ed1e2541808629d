"""Words as they are spoken: the side filled in from the person's body, sentence by sentence."""

from __future__ import annotations

from stretchtimer.core.routine.model import Side
from stretchtimer.core.routine.wording import fill_sides, names_a_side_first, sentences


def test_side_and_other_are_left_and_right_and_capitalised_at_a_sentence_start() -> None:
    text = "{side} leg first. Cross your {side} ankle over your {other} knee."
    assert (
        fill_sides(text, Side.LEFT) == "Left leg first. Cross your left ankle over your right knee."
    )
    assert fill_sides(text, Side.RIGHT) == (
        "Right leg first. Cross your right ankle over your left knee."
    )
    assert fill_sides(text, None) == text


def test_sentences_split_at_full_stops_before_a_capital_and_keep_quotes() -> None:
    assert sentences('Sit tall.  Then say "go." Now! Rest, e.g. lie down.') == [
        "Sit tall.",
        'Then say "go."',
        "Now!",
        "Rest, e.g. lie down.",
    ]
    assert sentences("") == [] and sentences("no stop") == ["no stop"]


def test_a_side_named_in_the_first_sentence_counts_as_said_first() -> None:
    assert names_a_side_first("Lift your left leg. Then lower it.")
    assert not names_a_side_first("Lift one leg. Then the left one.")
