"""The comfort rating: asked when the setting says so, Enter skips, nonsense is asked again,
and the answers before and after end up in the history."""

from __future__ import annotations

import dataclasses
import io
import json
from pathlib import Path

import pytest

from stretchtimer.core.session.comfort import TRY_AGAIN, asks_comfort, parse_comfort
from stretchtimer.storage.routines.library import RoutineLibrary
from stretchtimer.storage.settings import Settings, SettingsStore
from stretchtimer.terminal.comfort_prompt import ask_comfort
from tests.conftest import run_cli
from tests.unit.commands.test_play_cmd import Terminal

SCIATICA = RoutineLibrary(None).get("sciatica-relief").routine
DESK = RoutineLibrary(None).get("desk-hips").routine


@pytest.mark.parametrize(
    ("choice", "sciatica", "desk"),
    [("routine", True, False), ("always", True, True), ("never", False, False)],
)
def test_who_is_asked(choice: str, sciatica: bool, desk: bool) -> None:
    assert SCIATICA is not None and DESK is not None
    assert asks_comfort(choice, SCIATICA) is sciatica
    assert asks_comfort(choice, DESK) is desk


def test_by_default_only_routines_that_call_for_it_ask() -> None:
    assert Settings().comfort_rating == "routine"


@pytest.mark.parametrize(("typed", "rating"), [("7", 7), (" 0 ", 0), ("10", 10), ("", None)])
def test_ratings_from_0_to_10_or_nothing(typed: str, rating: int | None) -> None:
    assert parse_comfort(typed) == rating


@pytest.mark.parametrize("typed", ["11", "-1", "5.5", "seven", "7/10"])
def test_anything_else_is_not_a_rating(typed: str) -> None:
    with pytest.raises(ValueError, match="from 0 to 10"):
        parse_comfort(typed)


def test_the_prompt_asks_again_in_one_short_line_after_nonsense() -> None:
    out = io.StringIO()
    assert ask_comfort("How are you?", io.StringIO("great\n12\n6\n"), out) == 6
    assert out.getvalue() == (f"How are you? [Enter to skip] {TRY_AGAIN} {TRY_AGAIN} ")


@pytest.mark.parametrize("typed", ["\n", ""])  # Enter, or the end of input
def test_the_prompt_can_be_skipped(typed: str) -> None:
    assert ask_comfort("How are you?", io.StringIO(typed), io.StringIO()) is None


def test_the_prompt_gives_up_quietly_after_five_wrong_answers() -> None:
    assert ask_comfort("How are you?", io.StringIO("x\n" * 9), io.StringIO()) is None


TINY_SCIATICA = """format = 1
title = "Tiny sciatica check"
tags = ["back", "sciatica"]

[pace]
prepare = 1
rest = 0

[[step]]
name = "Knee hug"
hold = 2
"""


def tiny_routine(home: Path) -> str:
    path = home / "tiny-sciatica.toml"
    path.write_text(TINY_SCIATICA)
    return str(path)


def skip_the_session(term: Terminal) -> None:
    """Skip (N) the tiny routine's two segments as each shows, as a person may: the session
    still ends completed, without its timers (and the words they wait for) running out."""
    term.read_until(r"1/1 Knee hug · get ready")
    term.press("n")
    term.read_until(r"1/1 Knee hug · hold")
    term.press("n")


def test_a_sciatica_session_in_a_terminal_asks_before_and_after(home: Path) -> None:
    term = Terminal(home, tiny_routine(home), "--no-gui", "--mute")
    try:
        term.read_until(r"Before you start: how do your hips and back feel, 0 \(very sore\)")
        term.press("4\r")
        skip_the_session(term)
        term.read_until(r"And now: how do your hips and back feel", timeout=60)
        term.press("nine\r")
        term.read_until("Please type a whole number from 0 to 10")
        term.press("7\r")
        assert term.wait() == 0
    finally:
        term.close()
    [item] = json.loads(run_cli("history", "--json", home=home).stdout)
    assert (item["comfort_before"], item["comfort_after"]) == (4, 7)
    assert item["routine_title"] == "Tiny sciatica check"


@pytest.mark.parametrize("why", ["the setting says never", "a preview is no session"])
def test_no_question_when_the_setting_says_never_or_for_a_preview(home: Path, why: str) -> None:
    extra = ["--speed", "10"]
    if why == "the setting says never":
        store = SettingsStore(home / "config" / "settings.toml")
        store.save(dataclasses.replace(Settings(), comfort_rating="never"))
        extra = []
    term = Terminal(home, tiny_routine(home), "--no-gui", "--mute", *extra)
    try:
        if not extra:  # the real-time session: skipped, as the preview runs fast anyway
            skip_the_session(term)
        term.read_until("Session complete", timeout=60)
        assert term.wait() == 0
        assert "how do your hips" not in term.output
    finally:
        term.close()
    [item] = json.loads(run_cli("history", "--json", home=home).stdout)
    assert (item["comfort_before"], item["comfort_after"]) == (None, None)
