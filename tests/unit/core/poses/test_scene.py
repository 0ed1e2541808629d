"""A pose on a side, seen by a camera: mirroring, worked limbs, steady framing."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from stretchtimer.core.i18n import Language
from stretchtimer.core.poses import Moment, pose_names, posed
from stretchtimer.core.poses.camera import View, camera
from stretchtimer.core.poses.shapes import Capsule, Role
from stretchtimer.core.poses.skeleton import mirrored_name
from tests.languages import unmarked

SIDED = [name for name in pose_names() if posed(name).pose.sided]


@pytest.mark.parametrize("name", SIDED)
def test_the_right_side_is_the_mirror_image_of_the_left(name: str) -> None:
    left = posed(name, "left").body(Moment(blend=0.3, breath=0.5))
    right = posed(name, "right").body(Moment(blend=0.3, breath=0.5))
    for joint, (x, y, z) in left.joints.items():
        mx, my, mz = right.joints[mirrored_name(joint)]
        assert (mx, my, mz) == pytest.approx((x, y, -z), abs=1e-9), joint


def test_the_mirrored_picture_is_the_picture_flipped() -> None:
    left, right = posed("pigeon", "left"), posed("pigeon", "right")
    for view in View:
        a, b = left.drawing(view=view), right.drawing(view=view)
        assert len(a.shapes) == len(b.shapes)
        assert b.bounds.left == pytest.approx(-a.bounds.right, abs=1e-9)
        assert b.bounds.top == pytest.approx(a.bounds.top, abs=1e-9)


def test_the_worked_limbs_follow_the_side() -> None:
    assert posed("pigeon", "left").worked == ("left_leg",)
    assert posed("pigeon", "right").worked == ("right_leg",)
    shapes = posed("pigeon", "right").drawing().shapes
    worked = [shape for shape in shapes if shape.role is Role.WORKED]
    assert len(worked) == 3  # thigh, shank and foot
    assert all(isinstance(shape, Capsule) for shape in worked)


def test_left_and_right_limbs_have_their_own_roles() -> None:
    roles = {shape.role for shape in posed("lying-rest").drawing().shapes}
    assert {Role.LEFT, Role.RIGHT, Role.BODY, Role.MAT, Role.SHADOW, Role.FLOOR} <= roles
    assert Role.WORKED not in roles


def test_props_come_with_their_poses() -> None:
    def roles(name: str) -> set[Role]:
        return {shape.role for shape in posed(name).drawing().shapes}

    assert Role.PROP in roles("seated-figure-four")  # the chair
    assert Role.BAND in roles("band-walk")
    assert Role.MAT in roles("pigeon")
    assert Role.PROP not in roles("forward-hang")


def test_shapes_are_drawn_back_to_front_after_floor_shadow_and_mat() -> None:
    shapes = posed("pigeon").drawing().shapes
    assert [shape.role for shape in shapes[:3]] == [Role.FLOOR, Role.SHADOW, Role.MAT]
    depths = [shape.depth for shape in shapes[3:]]
    assert depths == sorted(depths, reverse=True)


def test_a_side_view_puts_the_near_side_in_front() -> None:
    # The side camera stands at the figure's left: left limbs are nearer than right ones.
    cam = camera(View.SIDE)
    body = posed("lying-rest").body()
    assert cam.project(body.joints["left_knee"])[2] < cam.project(body.joints["right_knee"])[2]
    # ... and the front camera sees the figure's right hand on the picture's left.
    front = camera(View.FRONT)
    assert front.project(body.joints["right_hand"])[0] < front.project(body.joints["left_hand"])[0]


@pytest.mark.parametrize("name", ["glute-bridge", "hip-hinge", "forward-hang", "band-walk"])
def test_the_steady_frame_holds_every_moment_of_the_movement(name: str) -> None:
    pose = posed(name)
    steady = pose.steady_bounds()
    for blend in (0.0, 0.25, 0.5, 0.75, 1.0):
        bounds = pose.drawing(Moment(blend=blend, breath=blend, deepen=blend)).bounds
        assert steady.left <= bounds.left + 1e-9
        assert bounds.right <= steady.right + 1e-9
        assert steady.bottom <= bounds.bottom + 1e-9
        assert bounds.top <= steady.top + 1e-9


def test_a_planted_foot_stays_put_while_a_movement_moves() -> None:
    bridge = posed("glute-bridge")
    down = bridge.body(Moment(blend=0.0)).joints["left_heel"]
    up = bridge.body(Moment(blend=1.0)).joints["left_heel"]
    assert (up[0], up[2]) == pytest.approx((down[0], down[2]), abs=1e-9)
    assert up[1] == pytest.approx(down[1], abs=0.005)
    assert bridge.body(Moment(blend=1.0)).joints["pelvis"][1] > (
        bridge.body(Moment(blend=0.0)).joints["pelvis"][1] + 0.1
    )


def test_the_figure_is_described_in_the_language_in_use_with_its_side_words(
    language: Callable[[str], Language],
) -> None:
    """A screen reader names the pose, what it shows and the side, in the person's
    language; the side words take the grammar the catalogue gives them."""
    assert posed("pigeon", "right").description() == "Figure: pigeon pose, right leg forward"
    language("de")
    assert posed("pigeon", "right").description() == "Figur: Taube, rechtes Bein vorn"
    assert posed("clamshell:open", "left").description() == (
        "Figur: Muschel, auf der rechten Seite liegend, das linke Knie öffnend, offen"
    )
    language("fr")
    assert posed("seated-twist", "left").what() == (
        "torsion assise, tourné vers la gauche, main gauche derrière"
    )


def test_every_pose_text_is_marked_for_translation(language: Callable[[str], Language]) -> None:
    language("qps")
    for name in pose_names():
        for side in ("left", "right"):
            text = posed(name, side).description()
            assert unmarked(text) == "", text
