"""``cli_language``: what the command line's languages cost before anything is printed.

- ``load_language_ms``: reading the German catalogues (core, cli, app), which every
  command does once at start, before its help or its first line.
- ``help_de_over_en``: building the parser and writing every command's ``--help`` in
  German, as a share of the same in English (every help text is a catalogue look-up).
- ``history_text_de_over_en``: writing a year of ``history stats`` lines in German, as a
  share of English (dates and counts come from the catalogue too).
"""

from __future__ import annotations

import argparse
import gettext
import io
import statistics
from collections.abc import Callable, Iterator
from contextlib import redirect_stdout
from datetime import date, timedelta

from benchmarks.harness import Result, at_most, median_ms
from stretchtimer.core import i18n
from stretchtimer.core.i18n import Language
from stretchtimer.storage.history.statistics import (
    HistoryStatistics,
    PeriodTotal,
    Streak,
    Streaks,
)
from stretchtimer.storage.history.text import statistics_text
from stretchtimer.storage.languages import load_language

LOAD_TARGET_MS = 30.0  # a small part of a command's start (Python itself takes ~100 ms)
HELP_RATIO_TARGET = 1.5
TEXT_RATIO_TARGET = 2.0


def every_help() -> None:
    from stretchtimer.cli import build_parser

    parser = build_parser()
    pending = [parser]
    while pending:
        current = pending.pop()
        current.format_help()
        for action in current._actions:
            if isinstance(action, argparse._SubParsersAction):
                pending.extend(action.choices.values())


def a_year_of_statistics() -> HistoryStatistics:
    today = date(2026, 12, 6)
    days = tuple(
        PeriodTotal(today - timedelta(days=back), 1, 1, 300.0) for back in range(365, -1, -1)
    )
    return HistoryStatistics(
        today=today,
        since=None,
        until=None,
        sessions=366,
        finished=366,
        completed=366,
        active_seconds=366 * 300.0,
        streaks=Streaks(
            current=Streak(366, days[0].start, today), longest=Streak(366, days[0].start, today)
        ),
        days=days,
        weeks=(),
        months=(),
        routines=(),
        stretches=(),
        comfort=(),
    )


def cold_load() -> None:
    gettext._translations.clear()  # type: ignore[attr-defined]  # as a fresh process reads
    load_language("de")


def interleaved(task: Callable[[], object], languages: list[Language], rounds: int) -> list[float]:
    """The median time of ``task`` in each language, measured in turns (a busy machine
    slows both alike)."""
    times: list[list[float]] = [[] for _ in languages]
    for _ in range(rounds):
        for index, language in enumerate(languages):
            i18n.use(language)
            times[index].append(median_ms(task, runs=1, warmup=0))
    return [statistics.median(found) for found in times]


def run() -> Iterator[Result]:
    load_ms = median_ms(cold_load, runs=9)
    yield at_most("load_language_ms", load_ms, "ms", LOAD_TARGET_MS)
    german = load_language("de")
    stats = a_year_of_statistics()
    languages = [i18n.SOURCE, german]
    try:
        with redirect_stdout(io.StringIO()):
            every_help()  # the parser's modules, imported once
            english_help, german_help = interleaved(every_help, languages, rounds=9)
            english_text, german_text = interleaved(
                lambda: statistics_text(stats), languages, rounds=15
            )
    finally:
        i18n.use(i18n.SOURCE)
    yield at_most(
        "help_de_over_en",
        german_help / english_help,
        "ratio",
        HELP_RATIO_TARGET,
        english_ms=round(english_help, 2),
        german_ms=round(german_help, 2),
    )
    yield at_most(
        "history_text_de_over_en",
        german_text / english_text,
        "ratio",
        TEXT_RATIO_TARGET,
        english_ms=round(english_text, 3),
        german_ms=round(german_text, 3),
    )
