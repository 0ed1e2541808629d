"""The editor understands format 2: the way in and out of a step, sides in the words, advice."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from stretchtimer.core.routine.file import load_routine
from stretchtimer.gui.main_window import MainWindow
from tests.unit.gui.editor.helpers import (
    close_without_saving,
    no_stray_dialogs,
    quiet_editors,
    type_into,
)
from tests.unit.gui.editor.test_window import open_own
from tests.unit.gui.own_routines import own_file

__all__ = ["no_stray_dialogs", "quiet_editors"]
pytestmark = pytest.mark.usefixtures("quiet_editors")


def test_the_step_form_writes_format_2_guidance_and_the_advice_goes_away(
    qtbot, window: MainWindow, home: Path, no_stray_dialogs
) -> None:  # type: ignore[no-untyped-def]
    path = own_file(home)  # a format-1 routine
    editor = open_own(window, path, qtbot)
    form = editor.step_form
    editor.select_step(editor.document.draft.steps[0].key)  # pigeon, on both sides
    assert form.advice.isVisible()
    assert "never say which leg or arm that is" in form.advice.text()
    assert form.side_hint.isVisible()

    type_into(qtbot, form.texts["setup"], "Kneel on the mat.")
    type_into(qtbot, form.say, "Bring your {side} shin forward and lower your hips.")
    type_into(qtbot, form.texts["feel"], "A stretch in your {side} hip.")
    type_into(qtbot, form.texts["release"], "Slide your {side} leg back.")
    type_into(qtbot, form.texts["caution"], "Ease off if your knee hurts.")
    assert "never say which leg" not in form.advice.text()
    assert not form.problems["say"].isVisible()

    qtbot.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    saved = load_routine(path)
    assert saved.format == 2 and path.read_text(encoding="utf-8").startswith("format = 2")
    pigeon = saved.steps[0]
    assert pigeon.setup == "Kneel on the mat."
    assert pigeon.say == "Bring your {side} shin forward and lower your hips."
    assert (pigeon.feel, pigeon.release) == (
        "A stretch in your {side} hip.",
        "Slide your {side} leg back.",
    )
    assert pigeon.caution == "Ease off if your knee hurts."
    close_without_saving(editor)


def test_side_words_in_a_step_without_sides_are_a_problem_under_the_field(
    qtbot, window: MainWindow, home: Path, no_stray_dialogs
) -> None:  # type: ignore[no-untyped-def]
    editor = open_own(window, own_file(home), qtbot)
    form = editor.step_form
    editor.select_step(editor.document.draft.steps[1].key)  # straddle fold, no sides
    assert not form.side_hint.isVisible()
    type_into(qtbot, form.texts["feel"], "A stretch in your {side} leg.")
    assert form.problems["feel"].isVisible()
    assert "has {side} but the step has no sides" in form.problems["feel"].text()
    type_into(qtbot, editor.routine_form.finish, "Roll onto your side and come up slowly.")
    assert editor.document.draft.finish == "Roll onto your side and come up slowly."
    close_without_saving(editor)


def test_a_pose_picked_for_a_step_is_saved_with_it(
    qtbot, window: MainWindow, home: Path, no_stray_dialogs
) -> None:  # type: ignore[no-untyped-def]
    path = own_file(home)
    editor = open_own(window, path, qtbot)
    form = editor.step_form
    editor.select_step(editor.document.draft.steps[0].key)
    picker = form.pose
    type_into(qtbot, picker.search, "pigeon")
    shown = [
        picker.list.item(row)
        for row in range(picker.list.count())
        if not picker.list.item(row).isHidden()
    ]
    assert [item.data(Qt.ItemDataRole.UserRole) for item in shown] == ["pigeon", "pigeon-folded"]
    picker.list.setCurrentItem(shown[1])
    qtbot.keyClick(picker.list, Qt.Key.Key_Return)  # Enter on a pose picks it
    assert editor.document.draft.steps[0].pose == "pigeon-folded"
    assert picker.preview.accessibleName().startswith("Figure: folded pigeon pose")
    qtbot.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert load_routine(path).steps[0].pose == "pigeon-folded"
    close_without_saving(editor)
