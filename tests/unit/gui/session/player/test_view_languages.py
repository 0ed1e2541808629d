"""The player in every language: every word marked, German words in German, no word cut.

A session of a routine with every kind of part (a hold on both sides with an easier
variation, a breath hold, reps in two sets) is walked on a fake clock; at each kind of
part the full player, the compact player, the paused veil, Esc's grace and the finish
screen are read as a person (or a screen reader) would read them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtWidgets import QWidget

from stretchtimer.core.i18n import Language
from stretchtimer.core.session.clock import FakeClock
from stretchtimer.core.session.plan import SegmentKind
from stretchtimer.core.session.recap import comfort_change, stretches_done
from stretchtimer.gui.main_window import MainWindow
from stretchtimer.gui.services import AppServices
from stretchtimer.gui.session.compact.view import MiniPlayer
from stretchtimer.gui.session.controller import Phase
from stretchtimer.storage.history.progress import Progress
from stretchtimer.storage.history.text import total_text
from tests.unit.gui.clipping import clipped
from tests.unit.gui.conftest import close_and_delete, save_artifact, wait_for_session, wait_started
from tests.unit.gui.widgets.shown_words import (
    LANGUAGES,
    app_in,
    main_window,
    unmarked_words,
    untranslated,
)

SPEED = 10.0
ROUTINE = """\
format = 1
title = "Hips and back"
description = "Three stretches for the floor."

[[step]]
name = "Pigeon pose"
say = "Bring one shin forward and lower your hips."
hold = 30
sides = "both"
easier = "Lie on your back and cross one ankle over the other knee."

[[step]]
name = "Straddle fold"
say = "Sit tall with your legs wide."
breaths = 4

[[step]]
name = "Glute bridge"
say = "Lift your hips and lower them slowly."
reps = 3
tempo = 3
sets = 2
"""
# The kinds of part a person meets, each looked at the first time it comes.
KINDS = (
    SegmentKind.PREPARE,
    SegmentKind.HOLD,
    SegmentKind.SWITCH,
    SegmentKind.BREATHS,
    SegmentKind.REPS,
    SegmentKind.SET_REST,
    SegmentKind.REST,
)


@dataclass
class Stage:
    """What a walk through a session needs: the services, the fake clock, the home."""

    services: AppServices
    clock: FakeClock
    home: Path


@pytest.fixture
def stage(services: AppServices, themes, clock: FakeClock, home: Path) -> Stage:  # type: ignore[no-untyped-def]
    return Stage(services, clock, home)


def routine_file(home: Path) -> Path:
    folder = home / "data" / "routines"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "hips-and-back.toml"
    path.write_text(ROUTINE, encoding="utf-8")
    return path


def walk(qtbot, window: MainWindow, stage: Stage) -> Iterator[SegmentKind]:  # type: ignore[no-untyped-def]
    """Play the routine (a preview at 10×) and stop at the first part of each kind."""
    services, clock, home = stage.services, stage.clock, stage.home
    services.speed = SPEED
    window.sessions.start_routine(str(routine_file(home)))
    wait_started(qtbot, window)
    controller = window.sessions.controller
    assert controller is not None and controller.driver is not None
    seen: set[SegmentKind] = set()
    while controller.phase is Phase.RUNNING:
        kind = controller.driver.engine.segment.kind
        if kind not in seen and kind in KINDS:
            seen.add(kind)
            window.session.player.refresh()
            yield kind
        deadline = controller.driver.engine.next_deadline()
        assert deadline is not None
        clock.advance(max(0.0, deadline - controller.driver.now().mono) / SPEED + 1e-6)
        controller.driver.tick()
    assert seen == set(KINDS)


def routine_words(window: MainWindow) -> tuple[str, ...]:
    """The routine's own texts (its title, names, instructions): the routine's language."""
    controller = window.sessions.controller
    assert controller is not None
    routine = controller.routine
    words = [routine.title, routine.description]
    for step in routine.steps:
        words += [step.name, step.say, step.easier or ""]
    snapshot = controller.snapshot()
    if snapshot is not None:
        words.append(snapshot.instructions)
    return tuple(sorted((word for word in words if word), key=len, reverse=True))


def finish(window: MainWindow, comfort_before: int = 4) -> None:
    """The finish screen as after a real session: the recap, the week, the streak, and
    the comfort question after (a preview would not ask it)."""
    controller = window.sessions.controller
    assert controller is not None and controller.phase is Phase.FINISHED
    controller.comfort_before = comfort_before
    page = window.session
    page.show_complete(controller, streak_days=3, ask_comfort=True)
    progress = Progress(
        today=date.today(),
        today_seconds=720,
        week_seconds=2400,
        week_sessions=2,
        streak_days=3,
        total_seconds=9000,
        total_sessions=12,
    )
    page.complete.show_progress(progress, 3)


def core_words(window: MainWindow) -> tuple[str, ...]:
    """Texts the finish screen takes from core and storage as they are (their owners
    translate them): the recap, the comfort change, the totals."""
    controller = window.sessions.controller
    assert controller is not None
    done = stretches_done(controller.routine, controller.ended_segments)
    words = [item.words() for item in done]
    words.append(comfort_change(4, 7))
    words += [total_text(seconds) for seconds in (720, 2400)]
    return tuple(sorted(words, key=len, reverse=True))


def test_every_word_of_the_player_is_marked_for_translation(
    qtbot,
    stage: Stage,
    language: Callable[[str], Language],  # type: ignore[no-untyped-def]
) -> None:
    services = stage.services
    with app_in(language, "qps"), main_window(qtbot, services) as window:
        player = window.session.player
        looked_at = []
        for kind in walk(qtbot, window, stage):
            allowed = routine_words(window)
            assert untranslated(player, allowed) == [], kind
            ring = player.ring.state()
            assert untranslated_words(ring.big, ring.caption) == [], kind
            looked_at.append(kind)
            if kind is SegmentKind.HOLD:
                # Paused, and Esc's few seconds to take it back.
                player.setFocus()
                qtbot.keyClick(player, Qt.Key.Key_Space)
                assert player.paused_overlay.isVisible()
                assert untranslated(player, allowed) == []
                qtbot.keyClick(player, Qt.Key.Key_Escape)
                assert player.paused_overlay.label.text().startswith("⟦")
                assert untranslated(player, allowed) == []
                qtbot.keyClick(player, Qt.Key.Key_Space)  # taken back, and running
                qtbot.keyClick(player, Qt.Key.Key_Space)
                assert not player.paused_overlay.isVisible()
                qtbot.keyClick(player, Qt.Key.Key_E)  # the easier variation, on
                player.refresh()
                assert "⟦" in player.instructions.text()
                assert untranslated(player, routine_words(window)) == []
                compact = MiniPlayer(
                    QSettings(str(stage.home / "places.ini"), QSettings.Format.IniFormat)
                )
                controller = window.sessions.controller
                assert controller is not None
                compact.attach(controller, player)
                compact.show()
                compact.refresh()
                assert untranslated(compact, routine_words(window)) == []
                close_and_delete(compact)
        assert len(looked_at) == len(KINDS)
        finish(window)
        complete = window.session.complete
        complete.comfort.choose(7)
        assert untranslated(complete, routine_words(window) + core_words(window)) == []


def laid_out_and_clipped(widget: QWidget) -> str:
    """:func:`clipped`, once the layouts have taken in the last texts, one a line."""
    QCoreApplication.processEvents()
    return "\n".join(clipped(widget))


def untranslated_words(*texts: str) -> list[str]:
    return [text for text in texts if unmarked_words(text)]


def test_the_comfort_question_before_a_session_is_marked(
    qtbot,
    services: AppServices,
    themes,
    language: Callable[[str], Language],  # type: ignore[no-untyped-def]
) -> None:
    with app_in(language, "qps"), main_window(qtbot, services) as window:
        services.settings.update(comfort_rating="always")
        window.sessions.start_routine("desk-hips")
        controller = wait_for_session(qtbot, window)
        screen = window.session.player.comfort_screen
        assert screen.isVisibleTo(window.session.player)
        assert untranslated(screen) == []
        controller.stop()


def test_a_german_player_shows_german_words(
    qtbot,
    stage: Stage,
    language: Callable[[str], Language],  # type: ignore[no-untyped-def]
) -> None:
    services = stage.services
    with app_in(language, "de"), main_window(qtbot, services) as window:
        player = window.session.player
        for kind in walk(qtbot, window, stage):
            ring = player.ring.state()
            if kind is SegmentKind.HOLD:
                assert player.side.text() == "LINKS"
                assert player.activity.text() == "Halten"
                assert ring.caption == "Sekunden übrig"
                assert player.progress_text.text().startswith("Übung 1 von 3 · noch ")
                assert player.upcoming.text() == "Als Nächstes: Straddle fold"
                assert player.easier_button.text() == "Leichter"
                player.setFocus()
                qtbot.keyClick(player, Qt.Key.Key_Space)
                assert player.paused_overlay.label.text() == "Pausiert – Leertaste zum Fortsetzen"
                assert player.play_button.accessibleName() == "Fortsetzen (Leertaste)"
                qtbot.keyClick(player, Qt.Key.Key_Space)
            elif kind is SegmentKind.SWITCH:
                assert player.activity.text() == "Seite wechseln"
                assert player.side.text() == "RECHTS"
            elif kind is SegmentKind.BREATHS:
                assert player.activity.text() == "4 Atemzüge lang halten"
                assert ring.big in ("Einatmen", "Ausatmen")
                assert ring.caption in ("noch 4 Atemzüge", "noch 3 Atemzüge")
            elif kind is SegmentKind.REPS:
                assert player.activity.text() == "Wiederholungen · Satz 1 von 2"
                assert ring.caption == "Wiederholung von 3"
            elif kind is SegmentKind.SET_REST:
                assert player.activity.text() == "Pause vor Satz 2 von 2"
            elif kind is SegmentKind.REST:
                assert player.activity.text() == "Pause"
                assert player.upcoming.text().startswith("Als Nächstes: ")
        finish(window)
        complete = window.session.complete
        assert complete.heading.text() == "Einheit geschafft"
        assert complete.streak.text() == "Aktuelle Serie: 3 Tage in Folge"
        assert complete.done_button.text() == "Zurück zu den Routinen"
        assert "2 von 3 Einheiten" in complete.numbers.text()
        assert (
            complete.comfort.question.text()
            == "Wie fühlen sich deine Hüften und dein Rücken jetzt an?"
        )


@pytest.mark.parametrize("tag", LANGUAGES)
def test_no_word_of_the_player_is_cut_at_1366_by_768(
    qtbot,
    stage: Stage,
    language: Callable[[str], Language],
    tag: str,  # type: ignore[no-untyped-def]
) -> None:
    services, home = stage.services, stage.home
    shots = {SegmentKind.HOLD: "hold", SegmentKind.BREATHS: "breaths", SegmentKind.SET_REST: "reps"}
    with app_in(language, tag), main_window(qtbot, services) as window:
        page = window.session
        player = page.player
        for kind in walk(qtbot, window, stage):
            assert laid_out_and_clipped(page) == "", kind
            if kind in shots:
                save_artifact(window, f"languages-{tag}-player-{shots[kind]}")
            if kind is SegmentKind.HOLD:
                player.setFocus()
                qtbot.keyClick(player, Qt.Key.Key_F11)  # focus mode: every word larger
                assert player.focus_mode
                window.setWindowState(Qt.WindowState.WindowNoState)  # as on a 1366×768 screen
                window.resize(1366, 768)
                assert laid_out_and_clipped(page) == ""
                save_artifact(window, f"languages-{tag}-focus-mode")
                qtbot.keyClick(player, Qt.Key.Key_Escape)  # leaves focus mode
                assert not player.focus_mode
                window.resize(1366, 768)
                qtbot.keyClick(player, Qt.Key.Key_Escape)  # "Stopping in 5 s — Space to resume"
                assert laid_out_and_clipped(page) == ""
                save_artifact(window, f"languages-{tag}-player-stopping")
                qtbot.keyClick(player, Qt.Key.Key_Space)
                controller = window.sessions.controller
                assert controller is not None
                compact = MiniPlayer(
                    QSettings(str(home / "places.ini"), QSettings.Format.IniFormat)
                )
                compact.attach(controller, player)
                compact.show()
                compact.refresh()
                assert laid_out_and_clipped(compact) == ""
                save_artifact(compact, f"languages-{tag}-compact-player")
                close_and_delete(compact)
        finish(window)
        assert laid_out_and_clipped(page) == ""
        save_artifact(window, f"languages-{tag}-player-finish")


@pytest.mark.parametrize("tag", LANGUAGES)
def test_no_word_of_the_comfort_question_is_cut_at_1366_by_768(
    qtbot,
    stage: Stage,
    language: Callable[[str], Language],
    tag: str,  # type: ignore[no-untyped-def]
) -> None:
    services = stage.services
    with app_in(language, tag), main_window(qtbot, services) as window:
        services.settings.update(comfort_rating="always")
        window.sessions.start_routine("desk-hips")
        controller = wait_for_session(qtbot, window)
        screen = window.session.player.comfort_screen
        assert screen.isVisibleTo(window.session.player)
        assert laid_out_and_clipped(window.session) == ""
        save_artifact(window, f"languages-{tag}-comfort-question")
        controller.stop()
