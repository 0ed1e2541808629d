"""The Routines page in every language: every word marked, and no word cut at 1366×768.

The routines' own texts (titles, descriptions, tags, step names) are the routines'
language, not the app's; everything else the page says must be the app's, translated.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt

from stretchtimer.core.i18n import Language
from stretchtimer.core.session.estimate import plan_options
from stretchtimer.gui.main_window import MainWindow
from stretchtimer.gui.routines.list_model import ENTRY_ROLE, RoutineRow, group_heading
from stretchtimer.gui.services import AppServices
from stretchtimer.speech.clip_cache import VoiceChoice
from stretchtimer.speech.script_timing import routine_script
from tests.unit.gui.clipping import clipped
from tests.unit.gui.conftest import save_artifact
from tests.unit.gui.own_routines import ROUTINE, own_file
from tests.unit.gui.widgets.shown_words import (
    LANGUAGES,
    app_in,
    main_window,
    unmarked_words,
    untranslated,
)

OWN = ROUTINE.replace("Morning hips", "Evening hips").replace("breakfast", "bed")
BROKEN = 'format = 1\ntitle = "Half done"\n\n[[step]]\nname = "Cat-cow"\n'


def routine_files(home: Path) -> None:
    own_file(home, "evening-hips.toml", OWN)
    own_file(home, "half-done.toml", BROKEN)


@pytest.fixture
def own_routines(home: Path, themes) -> None:  # type: ignore[no-untyped-def]
    """One routine of the person's own and one file that cannot be used, in light theme."""
    routine_files(home)


def rows(window: MainWindow) -> list[RoutineRow]:
    model = window.routines.filter
    return [model.index(row, 0).data(ENTRY_ROLE) for row in range(model.rowCount())]


def routines_own_words(window: MainWindow) -> tuple[str, ...]:
    """Titles, descriptions, tags, step names, a broken file's name and problems."""
    words: list[str] = []
    for row in rows(window):
        entry = row.entry
        words += [entry.title, entry.source, *row.tags()]
        if entry.routine is not None:
            words.append(entry.routine.description)
            words += [step.name for step in entry.routine.steps]
        if entry.error is not None:
            words += [str(problem) for problem in entry.error.problems]
    return tuple(word for word in words if word)


def select(window: MainWindow, row: RoutineRow) -> None:
    window.routines.select(row.entry.id)
    QCoreApplication.processEvents()


def test_every_word_of_the_routines_page_is_marked_for_translation(
    qtbot,
    services: AppServices,
    own_routines: None,
    language: Callable[[str], Language],  # type: ignore[no-untyped-def]
) -> None:
    with app_in(language, "qps"), main_window(qtbot, services) as window:
        view = window.routines
        allowed = routines_own_words(window)
        assert any(not row.usable for row in rows(window))  # the broken file is listed
        headings = set()
        for number, row in enumerate(rows(window)):
            select(window, row)
            assert untranslated(view, allowed) == [], row.entry.id
            index = view.filter.index(number, 0)
            read = index.data(Qt.ItemDataRole.AccessibleTextRole)
            assert not unmarked_words(read, allowed), read  # what a screen reader says
            assert not unmarked_words(row.meta(), allowed), row.meta()  # painted on the card
            headings.add(group_heading(index))
        assert not unmarked_words(" ".join(headings))
        actions = window.routine_actions
        assert actions is not None
        for action in actions.controls.more_menu.actions():
            assert not unmarked_words(action.text()), action.text()

        own = next(row for row in rows(window) if row.entry.title == "Evening hips")
        select(window, own)
        view.script_button.click()  # the script: each part, what is heard and when
        assert view.script_text.isVisibleTo(view)
        assert own.entry.routine is not None
        settings = services.settings.current
        script = routine_script(
            own.entry.routine,
            plan_options(settings),
            VoiceChoice(settings.voice, settings.rate),
            view.clips_folder,
        )
        spoken = tuple(cue.text for segment in script for cue in segment.cues if cue.spoken)
        assert untranslated(view, allowed + spoken) == []


@pytest.mark.parametrize("tag", LANGUAGES)
def test_no_word_of_the_routines_page_is_cut_at_1366_by_768(
    qtbot,
    services: AppServices,
    own_routines: None,
    language: Callable[[str], Language],
    tag: str,  # type: ignore[no-untyped-def]
) -> None:
    with app_in(language, tag), main_window(qtbot, services) as window:
        view = window.routines
        for row in rows(window):
            select(window, row)
            assert "\n".join(clipped(view)) == "", row.entry.id
        own = next(row for row in rows(window) if row.entry.title == "Evening hips")
        select(window, own)
        save_artifact(window, f"languages-{tag}-routines")
        view.script_button.click()
        QCoreApplication.processEvents()
        assert "\n".join(clipped(view)) == ""
        save_artifact(window, f"languages-{tag}-routines-script")
