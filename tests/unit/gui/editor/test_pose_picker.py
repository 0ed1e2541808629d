"""The editor's pose picker: find a pose by words, see it, pick it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from stretchtimer.core.poses import pose_names
from stretchtimer.gui.editor.pose_picker import NONE_TEXT, PosePicker


def shown(picker: PosePicker) -> list[str]:
    return [
        str(picker.list.item(row).data(Qt.ItemDataRole.UserRole))
        for row in range(picker.list.count())
        if not picker.list.item(row).isHidden()
    ]


def test_every_pose_is_listed_after_no_picture(qtbot: QtBot) -> None:
    picker = PosePicker()
    qtbot.addWidget(picker)
    assert picker.list.item(0).text() == NONE_TEXT
    assert shown(picker) == ["", *pose_names()]
    assert not picker.list.item(1).icon().isNull()  # a small picture of each


def test_typing_finds_poses_by_name_and_description(qtbot: QtBot) -> None:
    picker = PosePicker()
    qtbot.addWidget(picker)
    qtbot.keyClicks(picker.search, "figure four")
    assert shown(picker) == ["reclined-figure-four", "seated-figure-four"]
    picker.search.clear()
    qtbot.keyClicks(picker.search, "chair back")
    assert shown(picker) == ["seated-hip-flexor"]  # "... leg back behind the chair"
    picker.search.clear()
    qtbot.keyClicks(picker.search, "handstand")
    assert shown(picker) == []
    picker.search.clear()
    qtbot.keyClicks(picker.search, "on the back")
    assert "glute-bridge" in shown(picker) and "pigeon" not in shown(picker)


def test_clicking_a_pose_previews_and_picks_it(qtbot: QtBot) -> None:
    picker = PosePicker()
    qtbot.addWidget(picker)
    picker.show()
    qtbot.keyClicks(picker.search, "bridge")
    item = next(
        picker.list.item(row)
        for row in range(picker.list.count())
        if picker.list.item(row).data(Qt.ItemDataRole.UserRole) == "glute-bridge"
    )
    rect = picker.list.visualItemRect(item)
    with qtbot.waitSignal(picker.picked) as picked:
        qtbot.mouseClick(picker.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert picked.args == ["glute-bridge"]
    assert picker.preview.accessibleName().startswith("Figure: glute bridge")
    assert picker.preview.animating()  # a movement moves in the preview


def test_showing_a_step_pose_does_not_count_as_picking(qtbot: QtBot) -> None:
    picker = PosePicker()
    qtbot.addWidget(picker)
    with qtbot.assertNotEmitted(picker.picked):
        picker.set_pose("pigeon")
    assert picker.pose() == "pigeon"
    assert picker.preview.accessibleName() == "Figure: pigeon pose, left leg forward"
    picker.set_pose("")
    assert picker.pose() == ""
    assert picker.preview.pose() is None
