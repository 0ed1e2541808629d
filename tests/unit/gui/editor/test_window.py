"""The routine editor as a person uses it: real widgets, real files, real key presses."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QInputDialog

from stretchtimer.core.routine.draft import Kind, draft_from_routine
from stretchtimer.core.routine.file import load_routine
from stretchtimer.core.routine.model import Breaths, Hold, Reps, Routine, Sides, Step
from stretchtimer.gui.editor.window import RoutineEditor
from stretchtimer.gui.main_window import MainWindow
from stretchtimer.gui.services import AppServices
from tests.conftest import run_cli
from tests.unit.gui.conftest import wait_for_session
from tests.unit.gui.dialogs import answering
from tests.unit.gui.editor.helpers import (
    actions,
    close_without_saving,
    no_stray_dialogs,
    open_editors,
    quiet_editors,
    type_into,
)
from tests.unit.gui.own_routines import own_file

__all__ = ["no_stray_dialogs", "quiet_editors"]
pytestmark = pytest.mark.usefixtures("quiet_editors")


def names(editor: RoutineEditor) -> list[str]:
    return [step.name for step in editor.document.draft.steps]


def open_own(window: MainWindow, path: Path, qtbot=None) -> RoutineEditor:  # type: ignore[no-untyped-def]
    window.reload_routines()
    editor = actions(window).editors.open_file(path)
    assert editor is not None
    if qtbot is not None:
        activate(qtbot, editor)
    return editor


def focus_list(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.routines.list.setFocus()


def activate(qtbot, editor: RoutineEditor) -> None:  # type: ignore[no-untyped-def]
    """Make the editor the active window, as the window manager does when it opens."""
    qtbot.waitExposed(editor)
    editor.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is editor)


def test_editor_builds_a_routine_with_every_kind_of_step_from_an_empty_one(
    qtbot, window: MainWindow, home: Path, no_stray_dialogs
) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(actions(window).controls.new_button, Qt.MouseButton.LeftButton)
    [editor] = open_editors(window)
    activate(qtbot, editor)
    assert editor.detail.currentIndex() == 0  # "No steps yet"
    assert not any(label.isVisible() for label in editor.routine_form.problems.values())

    type_into(qtbot, editor.routine_form.title, "Physio, week two")
    type_into(qtbot, editor.routine_form.tags, "floor, physio")
    qtbot.mouseClick(editor.first_step_buttons[Kind.HOLD], Qt.MouseButton.LeftButton)
    form = editor.step_form
    assert editor.focusWidget() is form.name
    type_into(qtbot, form.name, "Seated figure-four")
    type_into(qtbot, form.hold, "40")
    form.sides.setCurrentIndex(form.sides.findData(Sides.BOTH))
    form.sides.activated.emit(form.sides.currentIndex())
    type_into(qtbot, form.say, "Cross one ankle over the other knee.")

    qtbot.keyClick(editor, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    type_into(qtbot, form.name, "Knees to chest")
    qtbot.mouseClick(form.kind.buttons[Kind.BREATHS], Qt.MouseButton.LeftButton)
    assert form.breaths.isVisible() and not form.hold.isVisible() and not form.reps.isVisible()
    type_into(qtbot, form.breaths, "6")

    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    type_into(qtbot, form.name, "Glute bridge")
    qtbot.mouseClick(form.kind.buttons[Kind.REPS], Qt.MouseButton.LeftButton)
    assert form.reps.isVisible() and form.tempo.isVisible() and form.set_rest.isVisible()
    type_into(qtbot, form.reps, "12")
    type_into(qtbot, form.tempo, "2,5")
    type_into(qtbot, form.sets, "2")
    type_into(qtbot, form.set_rest, "15")
    type_into(qtbot, form.easier, "Keep your hips low.")

    assert editor.total_label.text().endswith("in all · 3 steps")
    assert editor.problem_button.text() == "Ready to save"
    assert editor.isWindowModified()
    qtbot.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    path = home / "data" / "routines" / "physio-week-two.toml"
    assert editor.path == path
    assert not editor.isWindowModified()
    assert load_routine(path) == Routine(
        "Physio, week two",
        (
            Step(
                "Seated figure-four",
                Hold(40),
                Sides.BOTH,
                say="Cross one ankle over the other knee.",
            ),
            Step("Knees to chest", Breaths(6)),
            Step("Glute bridge", Reps(12, 2.5, 2, 15), easier="Keep your hips low."),
        ),
        tags=("floor", "physio"),
        format=2,  # a new routine is written in format 2
    )
    row = window.routines.current_row()
    assert row is not None and row.entry.path == path  # listed and chosen
    editor.close()
    assert open_editors(window) == []  # nothing unsaved: no question


def test_editor_reorders_by_keys_and_drag_and_undo_brings_the_order_back(
    qtbot, window: MainWindow, home: Path, no_stray_dialogs
) -> None:  # type: ignore[no-untyped-def]
    path = own_file(home)
    editor = open_own(window, path, qtbot)
    original = names(editor)
    assert original == ["Pigeon pose", "Straddle fold", "Glute bridge"]
    editor.list.setFocus()
    qtbot.keyClick(editor.list, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert names(editor) == ["Straddle fold", "Pigeon pose", "Glute bridge"]
    assert editor.step_form.name.text() == "Pigeon pose"  # the moved step stays chosen
    qtbot.keyClick(editor.list, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert names(editor) == ["Straddle fold", "Glute bridge", "Pigeon pose"]
    qtbot.keyClick(editor.list, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert names(editor) == ["Straddle fold", "Pigeon pose", "Glute bridge"]

    drag_step(editor, source=2, onto=0)  # drag "Glute bridge" above the first step
    assert names(editor) == ["Glute bridge", "Straddle fold", "Pigeon pose"]
    assert editor.step_form.name.text() == "Glute bridge"

    for _ in range(4):
        qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert names(editor) == original
    assert not editor.isWindowModified()
    qtbot.keyClick(
        editor,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert names(editor) == ["Straddle fold", "Pigeon pose", "Glute bridge"]
    editor.save()
    assert [step.name for step in load_routine(path).steps] == names(editor)
    editor.close()


def drag_step(editor: RoutineEditor, *, source: int, onto: int) -> None:
    """Drop step ``source`` on the upper half of step ``onto``, as a mouse drag ends."""
    view = editor.list
    data = view.model().mimeData([view.model().index(source, 0)])
    target = view.visualRect(view.model().index(onto, 0))
    point = QPoint(target.center().x(), target.top() + 4)
    actions_ = Qt.DropAction.MoveAction
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    viewport = view.viewport()
    enter = QDragEnterEvent(point, actions_, data, buttons, keys)
    QApplication.sendEvent(viewport, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(viewport, QDragMoveEvent(point, actions_, data, buttons, keys))
    QApplication.sendEvent(viewport, QDropEvent(point.toPointF(), actions_, data, buttons, keys))


def test_editor_undo_and_redo_every_kind_of_change(
    qtbot, window: MainWindow, home: Path, no_stray_dialogs
) -> None:  # type: ignore[no-untyped-def]
    editor = open_own(window, own_file(home), qtbot)
    start = editor.document.draft
    form = editor.step_form
    type_into(qtbot, editor.routine_form.title, "Evening hips")
    type_into(qtbot, form.name, "Pigeon")
    qtbot.mouseClick(form.kind.buttons[Kind.BREATHS], Qt.MouseButton.LeftButton)
    qtbot.keyClick(editor, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    editor.list.setFocus()
    qtbot.keyClick(editor.list, Qt.Key.Key_Delete)
    qtbot.keyClick(editor.list, Qt.Key.Key_Delete)
    editor.routine_form.timing_button.setChecked(True)
    type_into(qtbot, editor.routine_form.pace["rest"], "20")
    end = editor.document.draft
    assert end.title == "Evening hips" and len(end.steps) == 2 and end.rest == "20"

    steps = editor.document.undo_stack.count()
    assert steps == 7  # typing a word is one step, not one per letter
    for _ in range(steps):
        editor.undo_button.click()
    assert editor.document.draft == start
    assert not editor.undo_button.isEnabled()
    for _ in range(steps):
        editor.redo_button.click()
    assert editor.document.draft == end
    close_without_saving(editor)


def test_editor_chooses_how_a_step_is_timed_with_tab_and_arrow_keys(
    qtbot, window: MainWindow, home: Path, no_stray_dialogs
) -> None:  # type: ignore[no-untyped-def]
    editor = open_own(window, own_file(home), qtbot)
    form = editor.step_form

    def kind() -> Kind:
        return editor.document.draft.step(form.key).kind  # type: ignore[arg-type]

    editor.list.setFocus()
    qtbot.keyClick(editor.list, Qt.Key.Key_End)  # Glute bridge: repetitions
    form.name.setFocus()
    qtbot.keyClick(form.name, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is form.kind.buttons[Kind.REPS]  # the chosen one
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Left)
    assert kind() is Kind.BREATHS
    assert QApplication.focusWidget() is form.kind.buttons[Kind.BREATHS]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Left)
    assert kind() is Kind.HOLD
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Right)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Right)
    assert kind() is Kind.REPS
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is form.reps  # one stop for the three choices
    qtbot.keyClick(form.reps, Qt.Key.Key_Backtab)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is form.name
    close_without_saving(editor)


def test_editor_shows_problems_inline_in_the_words_of_validate_and_refuses_to_save(
    qtbot, window: MainWindow, home: Path, tmp_path: Path, no_stray_dialogs
) -> None:  # type: ignore[no-untyped-def]
    path = own_file(home)
    before = path.read_bytes()
    editor = open_own(window, path, qtbot)
    form = editor.step_form
    editor.select_step(editor.document.draft.steps[2].key)
    type_into(qtbot, form.reps, "0")
    type_into(qtbot, form.tempo, "fast")
    problems = form.problems
    assert problems["reps"].isVisible() and problems["tempo"].isVisible()
    assert form.reps.property("problem") is True

    broken = tmp_path / "same.toml"
    broken.write_text(
        before.decode().replace("reps = 10\ntempo = 3", 'reps = 0\ntempo = "fast"'),
        encoding="utf-8",
    )
    validate = run_cli("routines", "validate", str(broken), home=home).stderr.splitlines()
    assert validate[0].endswith(f": reps: {problems['reps'].text()}")
    assert validate[1].endswith(f": tempo: {problems['tempo'].text()}")
    assert problems["reps"].text() == "expected a whole number of reps from 1 to 500, found 0"
    assert editor.problem_button.text() == "2 things to fix before saving"
    assert editor.step_form.try_here.isEnabled() is False

    type_into(qtbot, editor.routine_form.title, "")
    assert editor.routine_form.problems["title"].text() == (
        "expected text of 1 to 80 characters, found an empty text"
    )
    qtbot.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert path.read_bytes() == before
    assert "Not saved" in editor.banner.message
    assert editor.isWindowModified()
    assert QApplication.focusWidget() is editor.routine_form.title  # the first problem
    close_without_saving(editor)


def test_editor_new_step_waits_for_typing_before_showing_its_problems(
    qtbot, window: MainWindow, home: Path, no_stray_dialogs
) -> None:  # type: ignore[no-untyped-def]
    editor = open_own(window, own_file(home), qtbot)
    editor.add_step()
    form = editor.step_form
    assert not form.problems["name"].isVisible()  # an empty name is not an error yet
    assert editor.problem_button.text() == "1 thing to fill in"
    type_into(qtbot, form.name, "x")
    type_into(qtbot, form.name, "")
    assert form.problems["name"].isVisible()
    close_without_saving(editor)


def test_editor_of_a_builtin_offers_to_save_a_copy(
    qtbot, window: MainWindow, home: Path, no_stray_dialogs
) -> None:  # type: ignore[no-untyped-def]
    window.routines.select("hip-openers")
    routine_actions = actions(window)
    assert routine_actions.controls.edit_button.text() == "Edit a copy"
    with answering("Cancel") as seen:
        qtbot.mouseClick(routine_actions.controls.edit_button, Qt.MouseButton.LeftButton)
    assert "comes with Stretch Timer" in seen[0]
    assert open_editors(window) == []
    with answering("Save"):
        qtbot.mouseClick(routine_actions.controls.edit_button, Qt.MouseButton.LeftButton)
    [editor] = open_editors(window)
    copy = home / "data" / "routines" / "hip-openers-copy.toml"
    assert editor.path == copy
    builtin = window.services.library.get("hip-openers").routine
    assert builtin is not None
    assert load_routine(copy).steps == builtin.steps
    assert load_routine(copy).title == "Hip openers (copy)"
    assert editor.document.draft == draft_from_routine(load_routine(copy))
    row = window.routines.current_row()
    assert row is not None and row.entry.path == copy
    editor.close()


def test_editor_asks_before_closing_with_unsaved_changes(
    qtbot, window: MainWindow, home: Path, no_stray_dialogs
) -> None:  # type: ignore[no-untyped-def]
    path = own_file(home)
    before = path.read_bytes()
    editor = open_own(window, path, qtbot)
    type_into(qtbot, editor.step_form.name, "Pigeon, gently")
    with answering("Keep editing") as seen:
        editor.close()
    assert seen == ["Save your changes to “Morning hips” before closing?"]
    assert editor.isVisible()
    with answering("Don't save"):
        editor.close()
    assert open_editors(window) == []
    assert path.read_bytes() == before

    editor = open_own(window, path, qtbot)
    type_into(qtbot, editor.step_form.name, "Pigeon, gently")
    with answering("Save"):
        assert not window.close()  # quitting the app asks each editor first
        qtbot.waitUntil(lambda: not window.isVisible())  # and quits once it is saved
    assert load_routine(path).steps[0].name == "Pigeon, gently"
    assert open_editors(window) == []


def test_editor_keeps_unsaved_changes_through_a_crash(
    qtbot, services, themes, home: Path, no_stray_dialogs
) -> None:  # type: ignore[no-untyped-def]
    path = own_file(home)
    first = MainWindow(services)
    first.show()
    first.finish_startup()
    editor = open_own(first, path, qtbot)
    type_into(qtbot, editor.step_form.name, "Pigeon, week two")
    type_into(qtbot, editor.routine_form.title, "Hips, week two")
    editor.file.write_draft()  # what the draft timer does a moment after typing stops
    edited = editor.document.draft
    # A crash: the process is gone; nothing is closed or asked.
    editor.document.undo_stack.setClean()
    editor.hide()
    first.hide()

    second = MainWindow(services)
    qtbot.addWidget(second)
    second.show()
    second.finish_startup()
    bar = actions(second).bar
    assert "were not saved before Stretch Timer closed" in bar.message
    assert "Hips, week two" in bar.message
    qtbot.mouseClick(bar.first, Qt.MouseButton.LeftButton)  # "Open them"
    [restored] = open_editors(second)
    assert restored.path == path
    assert restored.document.draft == edited
    assert restored.isWindowModified()
    restored.save()
    assert load_routine(path).title == "Hips, week two"
    assert actions(second).editors.drafts.kept() == []
    restored.close()
    close_without_saving(editor)
    first.close()


def test_editor_keeps_a_single_change_and_forgets_it_once_undone(
    qtbot, window: MainWindow, home: Path, no_stray_dialogs
) -> None:  # type: ignore[no-untyped-def]
    drafts = actions(window).editors.drafts
    editor = open_own(window, own_file(home), qtbot)
    qtbot.keyClick(editor.list, Qt.Key.Key_Delete)  # one change, right after opening
    editor.file.write_draft()  # what the draft timer does a moment later
    [kept] = drafts.kept()
    assert kept.draft == editor.document.draft and len(kept.draft.steps) == 2

    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not editor.isWindowModified()
    editor.file.write_draft()
    assert drafts.kept() == []  # undone to the file: nothing to offer at the next start

    type_into(qtbot, editor.step_form.name, "Pigeon, gently")
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    redo = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(editor, Qt.Key.Key_Z, redo)
    editor.file.write_draft()
    [kept] = drafts.kept()
    assert kept.draft == editor.document.draft
    assert "Pigeon, gently" in [step.name for step in kept.draft.steps]
    close_without_saving(editor)


def test_editor_tries_the_routine_without_keeping_it_in_the_history(
    qtbot, window: MainWindow, home: Path, no_stray_dialogs
) -> None:  # type: ignore[no-untyped-def]
    editor = open_own(window, own_file(home), qtbot)
    type_into(qtbot, editor.step_form.name, "Pigeon, unsaved")
    editor.speed.setCurrentIndex(editor.speed.findData(10.0))
    qtbot.keyClick(editor, Qt.Key.Key_F5)
    controller = wait_for_session(qtbot, window)
    assert controller.record is False and controller.speed == 10.0
    assert controller.routine.steps[0].name == "Pigeon, unsaved"
    assert window.current_place() == "session"
    controller.stop()

    editor.select_step(editor.document.draft.steps[1].key)
    first_try = controller
    qtbot.mouseClick(editor.step_form.try_here, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.sessions.controller is not first_try, timeout=20_000)
    controller = window.sessions.controller
    assert controller is not None and not controller.record
    assert [step.name for step in controller.routine.steps] == ["Straddle fold", "Glute bridge"]
    controller.stop()
    close_without_saving(editor)


def test_editor_routine_actions_duplicate_rename_delete_and_undo(
    qtbot, window: MainWindow, home: Path, no_stray_dialogs
) -> None:  # type: ignore[no-untyped-def]
    path = own_file(home)
    window.reload_routines()
    window.routines.select("morning-hips")
    routine_actions = actions(window)
    focus_list(qtbot, window)

    def retitle(title: str):  # type: ignore[no-untyped-def]
        def fill(dialog: QInputDialog) -> None:
            dialog.setTextValue(title)
            dialog.accept()

        return fill

    with answering(retitle("Morning hips, gentler")) as seen:
        qtbot.keyClick(window.routines.list, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert seen == ["Duplicate"]
    copy = home / "data" / "routines" / "morning-hips-gentler.toml"
    assert load_routine(copy).title == "Morning hips, gentler"
    assert window.routines.current_row().entry.path == copy  # type: ignore[union-attr]

    focus_list(qtbot, window)  # back in the window once the dialog has gone
    with answering(retitle(""), "OK", retitle("Gentle hips")) as seen:
        qtbot.keyClick(window.routines.list, Qt.Key.Key_F2)
    assert seen[1] == (
        "That title cannot be used: title: expected text of 1 to 80 characters, found an "
        "empty text."
    )
    assert load_routine(copy).title == "Gentle hips"
    assert copy.exists()  # the file keeps its name: history and reminders refer to it

    focus_list(qtbot, window)
    qtbot.keyClick(window.routines.list, Qt.Key.Key_Delete)
    assert not copy.exists()
    assert "Deleted “Gentle hips”" in routine_actions.bar.message
    assert all(row.entry.path != copy for row in window.routines.model.rows)
    qtbot.keyClick(window.routines.list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert load_routine(copy).title == "Gentle hips"
    assert window.routines.current_row().entry.path == copy  # type: ignore[union-attr]
    assert path.exists()


def test_editor_every_control_has_a_name_a_tooltip_and_is_reachable_by_tab(
    qtbot, window: MainWindow, home: Path, no_stray_dialogs
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QPlainTextEdit, QWidget

    from stretchtimer.gui.editor.banner import EditorBanner

    editor = open_own(window, own_file(home), qtbot)
    controls = [
        widget
        for widget in editor.findChildren(QWidget)
        if isinstance(widget, QAbstractButton | QComboBox | QLineEdit | QPlainTextEdit)
        and not isinstance(widget.parent(), QLineEdit)
        and not widget.objectName().startswith("qt_")
    ]
    missing: list[str] = []  # what the field is for, when its placeholder has gone
    reachable, widget = set(), editor.nextInFocusChain()
    while widget is not editor:  # the whole chain: the editor has many widgets
        reachable.add(widget)
        widget = widget.nextInFocusChain()
    for control in controls:
        name = control.accessibleName()
        if isinstance(control, QAbstractButton):
            name = name or control.text()
        assert name, f"{type(control).__name__} in {type(control.parent()).__name__}"
        if not isinstance(control.parent(), EditorBanner):  # its buttons say what they do
            missing.extend([] if control.toolTip() else [name])
        if control.focusPolicy() & Qt.FocusPolicy.TabFocus:
            assert control in reachable, name
    assert missing == [], "; ".join(missing)
    close_without_saving(editor)


def test_editor_total_length_follows_every_change(
    qtbot, window: MainWindow, home: Path, no_stray_dialogs
) -> None:  # type: ignore[no-untyped-def]
    editor = open_own(window, own_file(home), qtbot)
    before = editor.total_label.text()
    type_into(qtbot, editor.step_form.hold, "90")  # both sides: two minutes more
    after = editor.total_label.text()
    assert before != after

    def seconds(text: str) -> int:
        minutes, secs = text.split(" ", maxsplit=1)[0].split(":")
        return int(minutes) * 60 + int(secs)

    assert seconds(after) - seconds(before) == 120
    type_into(qtbot, editor.step_form.hold, "")  # not a routine for a moment
    assert editor.total_label.text() == after and not editor.total_label.isEnabled()
    close_without_saving(editor)


def test_editor_and_routines_list_show_one_length_with_the_persons_settings(
    qtbot, window: MainWindow, services: AppServices, home: Path, no_stray_dialogs
) -> None:  # type: ignore[no-untyped-def]
    services.settings.update(prepare=12.0, rest=25.0, rate=120, breath_guidance="tones")
    path = own_file(home)
    editor = open_own(window, path, qtbot)
    window.routines.select(path.stem)
    row = window.routines.current_row()
    assert row is not None and row.entry.path == path
    length = editor.total_label.text().split(" ", maxsplit=1)[0]
    assert row.meta().startswith(f"{length} · ")
    assert window.routines.detail_meta.text() == row.meta()
    close_without_saving(editor)


def test_editor_checks_a_long_routine_once_typing_pauses(
    qtbot, window: MainWindow, home: Path, no_stray_dialogs
) -> None:  # type: ignore[no-untyped-def]
    steps = "".join(f'\n[[step]]\nname = "Stretch {n}"\nhold = 20\n' for n in range(30))
    editor = open_own(window, own_file(home, text=f'format = 1\ntitle = "Long"\n{steps}'), qtbot)
    type_into(qtbot, editor.step_form.hold, "0")
    assert not editor.step_form.problems["hold"].isVisible()  # not on every key press
    qtbot.waitUntil(editor.step_form.problems["hold"].isVisible, timeout=5_000)
    assert editor.step_form.problems["hold"].text() == (
        "expected a number of seconds from 1 to 3600, found 0"
    )
    assert not editor.save()  # a save checks at once, whatever the size
    close_without_saving(editor)


def test_editor_total_follows_the_persons_timing_while_open(
    qtbot, window: MainWindow, home: Path, no_stray_dialogs
) -> None:  # type: ignore[no-untyped-def]
    from stretchtimer.core.formatting import clock_text
    from stretchtimer.core.session.estimate import estimated_seconds

    path = own_file(home)
    editor = open_own(window, path, qtbot)
    before = editor.total_label.text()
    settings = editor.services.settings
    settings.update(prepare=settings.current.prepare + 20)
    expected = clock_text(estimated_seconds(load_routine(path), settings.current))
    assert editor.total_label.text() == f"{expected} in all · 3 steps" != before
    close_without_saving(editor)
