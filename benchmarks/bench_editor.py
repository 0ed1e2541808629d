"""``editor``: how long the routine editor takes to check a draft and update its total.

Up to ``CHECK_AT_ONCE`` steps the editor checks the draft on every key press, so that
check (the loader's validation of the draft, then the plan for the total) must fit
well inside one frame; a 200-step routine is checked once typing pauses, and must
still come back quickly.
"""

from __future__ import annotations

from collections.abc import Iterator

from benchmarks.bench_engine import big_routine
from benchmarks.harness import Result, at_most, median_ms
from stretchtimer.core.routine.draft import RoutineDraft, check_draft, draft_from_routine
from stretchtimer.core.routine.model import Routine
from stretchtimer.core.session.plan import build_plan
from stretchtimer.gui.editor.document import CHECK_AT_ONCE

PER_KEY_TARGET_MS = 12.0  # as typed: most of a 60 Hz frame left for painting
PAUSED_TARGET_MS = 150.0  # the largest routine, after typing pauses


def keystroke(draft: RoutineDraft) -> float:
    check = check_draft(draft)
    assert check.routine is not None
    return build_plan(check.routine).duration


def run() -> Iterator[Result]:
    whole = big_routine()
    typed = draft_from_routine(Routine(whole.title, whole.steps[:CHECK_AT_ONCE]))
    per_key = median_ms(lambda: keystroke(typed), runs=30, warmup=3)
    yield at_most("editor_check_as_typed_ms", per_key, "ms", PER_KEY_TARGET_MS, steps=CHECK_AT_ONCE)
    largest = draft_from_routine(whole)
    paused = median_ms(lambda: keystroke(largest), runs=10, warmup=1)
    yield at_most("editor_check_200_steps_ms", paused, "ms", PAUSED_TARGET_MS, steps=200)
