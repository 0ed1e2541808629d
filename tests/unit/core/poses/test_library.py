"""The pose library: every name the routines use, keyframes, and "did you mean"."""

from __future__ import annotations

import pytest

from stretchtimer.core.poses import (
    UnknownPoseError,
    frame_names,
    pose_names,
    posed,
    resolve,
    suggest,
)

# The names the built-in routines use (issue 17); * = sided; movements have two frames.
SIDED = {
    "seated-figure-four",
    "seated-hip-flexor",
    "seated-twist",
    "pigeon",
    "pigeon-folded",
    "thread-the-needle",
    "reclined-figure-four",
    "knee-to-chest",
    "clamshell",
    "band-walk",
    "standing-side-bend",
    "standing-hip-opener",
}
MOVEMENTS = {
    "seated-pelvic-tilt",
    "lying-pelvic-tilt",
    "glute-bridge",
    "clamshell",
    "band-walk",
    "hip-hinge",
}
OTHERS = {
    "seated-breathing",
    "straddle-fold",
    "knees-to-chest",
    "lying-rest",
    "standing-reach-up",
    "forward-hang",
}
FIXED = SIDED | MOVEMENTS | OTHERS


def test_every_name_the_routines_use_is_in_the_library() -> None:
    assert set(pose_names()) >= FIXED


@pytest.mark.parametrize("name", sorted(FIXED))
def test_sides_and_movements_are_as_the_routines_expect(name: str) -> None:
    pose = resolve(name).pose
    assert pose.sided == (name in SIDED)
    assert len(pose.frames) == (2 if name in MOVEMENTS else 1)


def test_keyframes_are_addressable_by_name() -> None:
    ref = resolve("glute-bridge:up")
    assert (ref.pose.name, ref.frame) == ("glute-bridge", "up")
    assert "hip-hinge:bottom" in frame_names()
    assert posed("hip-hinge:top").description() == (
        "Figure: hip hinge, hinging forward from the hips, back straight, top"
    )


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("pidgeon", "pigeon"),
        ("glute bridge", "glute-bridge"),
        ("Straddle_Fold", "straddle-fold"),
        ("knee-to-chst", "knee-to-chest"),
        ("clamshel", "clamshell"),
    ],
)
def test_a_misspelt_name_gets_the_closest_suggestion(typed: str, meant: str) -> None:
    assert suggest(typed) == meant


def test_an_unknown_name_is_one_sentence_with_a_suggestion() -> None:
    with pytest.raises(UnknownPoseError) as caught:
        resolve("pidgeon")
    assert str(caught.value) == (
        "There is no pose called 'pidgeon'. Did you mean 'pigeon'? "
        "`stretchtimer pose list` shows them all."
    )
    assert suggest("completely different") is None


def test_an_unknown_keyframe_names_the_ones_there_are() -> None:
    with pytest.raises(UnknownPoseError, match="has no frame 'middle'; it has down, up"):
        resolve("glute-bridge:middle")


@pytest.mark.parametrize(
    ("name", "side", "said"),
    [
        ("pigeon", "left", "Figure: pigeon pose, left leg forward"),
        ("pigeon", "right", "Figure: pigeon pose, right leg forward"),
        ("pigeon", None, "Figure: pigeon pose, left leg forward"),
        (
            "seated-figure-four",
            "right",
            "Figure: seated figure-four, right ankle crossed over the left knee, leaning forward",
        ),
        ("lying-rest", "left", "Figure: lying rest, on the back, knees bent, feet flat"),
    ],
)
def test_a_screen_reader_hears_the_pose_and_its_side(
    name: str, side: str | None, said: str
) -> None:
    assert posed(name, side).description() == said
