"""``guidance``: plan and check format-2 routines, as the editor does on every change.

A 200-step format-2 routine with every guidance text (planned, and checked by the
guidance check as the editor does once typing pauses), and the script of every
built-in routine as the Routines page and ``routines script`` show it.
"""

from __future__ import annotations

from collections.abc import Iterator

from benchmarks.harness import Result, at_most, median_ms
from stretchtimer.core.routine.guidance import check_guidance
from stretchtimer.core.routine.model import Breaths, Hold, Pace, Reps, Routine, Sides, Step
from stretchtimer.core.session.estimate import PlanOptions
from stretchtimer.core.session.plan import build_plan
from stretchtimer.speech.clip_cache import VoiceChoice
from stretchtimer.speech.script_timing import routine_script
from stretchtimer.storage.routines.library import builtin_entries

PLAN_TARGET_MS = 100.0  # a 200-step routine: the editor's check stays unnoticed
CHECK_TARGET_MS = 250.0  # checked once typing pauses (150 ms), so this is felt as lag
SCRIPT_TARGET_MS = 50.0  # one built-in's script, when its details are opened


def guided_routine(count: int = 200) -> Routine:
    sides = (Sides.NONE, Sides.BOTH, Sides.LEFT, Sides.RIGHT)
    steps = []
    for number in range(count):
        kind = number % 3
        work: Hold | Breaths | Reps
        if kind == 0:
            work = Hold(20 + number % 40)
        elif kind == 1:
            work = Breaths(3 + number % 5)
        else:
            work = Reps(count=8 + number % 5, tempo=3, sets=1 + number % 3, set_rest=15)
        side = sides[number % 4]
        sided = side is not Sides.NONE
        steps.append(
            Step(
                f"Step {number + 1}",
                work,
                side,
                setup="Lie on your back. Bend your knees and put your feet flat.",
                say=(
                    "Cross your {side} ankle over your {other} knee. Draw the {other} thigh in."
                    if sided
                    else "Hug both knees in toward your chest. Let your back sink down."
                ),
                feel="A stretch in the {side} hip." if sided else "A gentle stretch.",
                release="Let go slowly.",
                caution="Stop if you feel numbness." if number % 2 else "",
                easier="Do a smaller version.",
                rep_cues=("up", "and down") if isinstance(work, Reps) else (),
            )
        )
    return Routine("Benchmark", tuple(steps), pace=Pace(), format=2)


def run() -> Iterator[Result]:
    routine = guided_routine()
    plan_ms = median_ms(lambda: build_plan(routine), runs=15)
    yield at_most("guidance_plan_200_steps", plan_ms, "ms", PLAN_TARGET_MS)
    check_ms = median_ms(lambda: check_guidance(routine), runs=7)
    yield at_most("guidance_check_200_steps", check_ms, "ms", CHECK_TARGET_MS)
    builtins = [entry.routine for entry in builtin_entries() if entry.routine is not None]
    options = PlanOptions()

    def scripts() -> None:
        for one in builtins:
            routine_script(one, options, VoiceChoice(), None)

    script_ms = median_ms(scripts, runs=15) / len(builtins)
    yield at_most("guidance_script_builtin", script_ms, "ms", SCRIPT_TARGET_MS)
