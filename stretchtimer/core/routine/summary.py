"""Facts about a routine as lists and cards show them, and as ``--json`` prints them."""

from __future__ import annotations

from typing import Any

from stretchtimer.core.routine.model import DEFAULT_PACE, Breaths, Hold, ResolvedPace, Routine, Step
from stretchtimer.core.session.plan import build_plan


def planned_seconds(routine: Routine, pace_defaults: ResolvedPace = DEFAULT_PACE) -> float:
    """How long a session of ``routine`` takes, with speech lengths estimated."""
    return build_plan(routine, pace_defaults=pace_defaults).duration


def routine_digest(routine: Routine) -> str:
    """A digest of the routine's content: equal routines have equal digests."""
    # Imported here: hashlib loads OpenSSL (megabytes), which listing routines never needs.
    import hashlib

    from stretchtimer.core.routine.writer import routine_to_toml

    return hashlib.sha256(routine_to_toml(routine).encode("utf-8")).hexdigest()


def step_dict(step: Step) -> dict[str, Any]:
    work = step.work
    facts: dict[str, Any] = {"name": step.name}
    if isinstance(work, Hold):
        facts.update(kind="hold", hold_seconds=work.seconds)
    elif isinstance(work, Breaths):
        facts.update(kind="breaths", breaths=work.count)
    else:
        facts.update(
            kind="reps",
            reps=work.count,
            tempo_seconds=work.tempo,
            sets=work.sets,
            set_rest_seconds=work.set_rest,
        )
    facts.update(sides=step.sides.value, say=step.say, easier=step.easier, rest_seconds=step.rest)
    for key in ("setup", "caution", "feel", "release", "pose"):
        if getattr(step, key):
            facts[key] = getattr(step, key)
    if step.settle is not None:
        facts["settle_seconds"] = step.settle
    if step.rep_cues:
        facts["rep_cues"] = list(step.rep_cues)
    return facts


def routine_dict(routine: Routine, pace_defaults: ResolvedPace = DEFAULT_PACE) -> dict[str, Any]:
    pace = routine.pace.over(pace_defaults)
    facts: dict[str, Any] = {
        "format": routine.format,
        "title": routine.title,
        "description": routine.description,
        "tags": list(routine.tags),
        "duration_seconds": round(planned_seconds(routine, pace_defaults)),
        "pace": {
            "prepare": pace.prepare,
            "rest": pace.rest,
            "switch": pace.switch,
            "inhale": pace.inhale,
            "exhale": pace.exhale,
            "settle": pace.settle,
        },
        "steps": [step_dict(step) for step in routine.steps],
    }
    if routine.guided:
        facts.update(setup=routine.setup, finish=routine.finish)
    return facts
