"""The routine editor in every language: every word marked, no word cut at 1366×768.

The routine's own texts (title, description, tags, step names and words) and the
loader's problem messages (core's words) are not the editor's; everything else is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt

from stretchtimer.core.i18n import Language
from stretchtimer.core.routine.draft import Kind
from stretchtimer.gui.editor.step_list import PROBLEM_ROLE
from stretchtimer.gui.editor.window import RoutineEditor
from stretchtimer.gui.main_window import MainWindow
from stretchtimer.gui.services import AppServices
from tests.unit.gui.clipping import clipped
from tests.unit.gui.conftest import save_artifact
from tests.unit.gui.editor.helpers import actions, close_without_saving, type_into
from tests.unit.gui.own_routines import own_file
from tests.unit.gui.widgets.shown_words import LANGUAGES, app_in, main_window, untranslated


@pytest.fixture
def editors(
    qtbot,
    services: AppServices,
    themes,
    home: Path,
    language: Callable[[str], Language],  # type: ignore[no-untyped-def]
) -> Iterator[Callable[[str], tuple[MainWindow, RoutineEditor, RoutineEditor]]]:
    """``editors("de")``: the app in German, an editor of a routine of one's own (a hold
    on both sides, a breath hold, reps in sets) and one of a new routine."""
    opened: list[RoutineEditor] = []
    stack = []

    def open_in(tag: str) -> tuple[MainWindow, RoutineEditor, RoutineEditor]:
        languages = app_in(language, tag)
        languages.__enter__()
        stack.append(languages)
        window_in = main_window(qtbot, services)
        window = window_in.__enter__()
        stack.append(window_in)
        path = own_file(home)
        window.reload_routines()
        own = actions(window).editors.open_file(path)
        new = actions(window).editors.open_new()
        assert own is not None and new is not None
        opened.extend((own, new))
        for editor in opened:
            editor.resize(1366, 768)
            qtbot.waitExposed(editor)
        return window, own, new

    yield open_in
    for editor in opened:
        close_without_saving(editor)
    for context in reversed(stack):
        context.__exit__(None, None, None)


def own_words(editor: RoutineEditor) -> tuple[str, ...]:
    """What the person typed, and the loader's problems (core's words)."""
    draft = editor.document.draft
    words = [draft.title, draft.description, draft.setup, draft.finish, *draft.tags]
    for step in draft.steps:
        words += [step.name, step.say, step.easier, step.setup, step.caution, step.feel]
        words += [step.release]
    words += [problem.message for problem in editor.document.check.problems]
    words += [f"{problem.key}: {problem.message}" for problem in editor.document.check.problems]
    return tuple(word for word in words if word)


def each_step(editor: RoutineEditor) -> Iterator[int]:
    for step in editor.document.draft.steps:
        editor.select_step(step.key)
        QCoreApplication.processEvents()
        yield step.key


def test_every_word_of_the_editor_is_marked_for_translation(editors) -> None:  # type: ignore[no-untyped-def]
    _window, own, new = editors("qps")
    assert untranslated(new, own_words(new)) == []  # "No steps yet", the first-step buttons
    own.routine_form.timing_button.setChecked(True)  # the timing between steps, open
    for _key in each_step(own):
        assert untranslated(own, own_words(own)) == []
    own.step_form.texts["setup"].setFocus()
    own.save()  # refused: a step has no words yet; every problem shows, with the count
    QCoreApplication.processEvents()
    assert untranslated(own, own_words(own)) == []
    new.add_step(Kind.REPS)
    assert untranslated(new, own_words(new)) == []


@pytest.mark.parametrize("tag", LANGUAGES)
def test_no_word_of_the_editor_is_cut_at_1366_by_768(editors, tag: str) -> None:  # type: ignore[no-untyped-def]
    _window, own, new = editors(tag)
    QCoreApplication.processEvents()
    assert "\n".join(clipped(new)) == ""
    save_artifact(new, f"languages-{tag}-editor-new")
    own.routine_form.timing_button.setChecked(True)
    kinds = {}
    for key in each_step(own):
        assert "\n".join(clipped(own)) == "", key
        kinds[own.document.draft.step(key).kind] = key
    own.select_step(kinds[Kind.REPS])
    QCoreApplication.processEvents()
    save_artifact(own, f"languages-{tag}-editor-reps")


def test_a_new_step_shows_no_problem_until_it_is_edited_or_saved(editors, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Issue 16: the list said "needs a fix" of a brand-new step before anything was typed."""
    _window, own, _new = editors("en")

    def needs_a_fix(key: int) -> bool:
        index = own.model.index(own.model.row_of(key))
        read = index.data(Qt.ItemDataRole.AccessibleTextRole)
        shown = bool(index.data(PROBLEM_ROLE))  # painted as "… · needs a fix" and a red "!"
        assert shown == read.endswith(", has a problem")
        return shown

    key = own.add_step(Kind.HOLD)
    assert any(problem.step is not None for problem in own.document.check.problems)
    assert not needs_a_fix(key)  # it has no name yet, and that is no error yet
    assert own.problem_button.text() == "1 thing to fill in"
    type_into(qtbot, own.step_form.name, "x")
    type_into(qtbot, own.step_form.name, "")
    assert needs_a_fix(key)  # edited, and emptied again: now it is one
    second = own.add_step(Kind.BREATHS)
    assert not needs_a_fix(second)
    assert not own.save()  # a save tried shows every problem, in the list too
    assert needs_a_fix(second)
    save_artifact(own, "editor-new-step-after-save-light")
