"""Screenshots of the routine editor, light and dark, for people to look at."""

from __future__ import annotations

from pathlib import Path

import pytest

from stretchtimer.gui.main_window import MainWindow
from stretchtimer.gui.theme import ThemeManager
from tests.unit.gui.conftest import save_artifact
from tests.unit.gui.editor.helpers import (
    actions,
    close_without_saving,
    no_stray_dialogs,
    quiet_editors,
    type_into,
)
from tests.unit.gui.own_routines import own_file

__all__ = ["no_stray_dialogs", "quiet_editors"]
pytestmark = pytest.mark.usefixtures("quiet_editors")


def test_editor_screenshots_light_and_dark(
    qtbot, window: MainWindow, themes: ThemeManager, home: Path, no_stray_dialogs
) -> None:  # type: ignore[no-untyped-def]
    path = own_file(home)
    window.reload_routines()
    editor = actions(window).editors.open_file(path)
    assert editor is not None
    qtbot.waitExposed(editor)
    for name in ("light", "dark"):
        themes.apply(name)
        editor.select_step(editor.document.draft.steps[0].key)
        save_artifact(editor, f"editor-hold-{name}")
        editor.select_step(editor.document.draft.steps[1].key)
        save_artifact(editor, f"editor-breaths-{name}")
        editor.select_step(editor.document.draft.steps[2].key)
        save_artifact(editor, f"editor-reps-{name}")
        type_into(qtbot, editor.step_form.reps, "0")
        save_artifact(editor, f"editor-problem-{name}")
        editor.document.undo_stack.undo()
    save_artifact(window, "routines-with-actions")
    close_without_saving(editor)

    themes.apply("light")
    new = actions(window).editors.open_new()
    qtbot.waitExposed(new)
    save_artifact(new, "editor-new-light")
    type_into(qtbot, new.routine_form.title, "Physio, week two")
    new.add_step()
    new.save()  # refused: the step has no name yet
    save_artifact(new, "editor-save-refused-light")
    close_without_saving(new)
