"""Could a person follow this routine with eyes closed? Advice, not errors.

A routine can be valid and still hard to follow by ear: a sided step that never
says which leg is which, a cue that runs on for half a minute, a hold that starts
before anyone could get into position, a floor pose with no way out, a warning
that lives only in the description nobody hears. ``routines validate`` prints
this advice (and still succeeds); the editor shows it beside the step.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from stretchtimer.core.i18n import _
from stretchtimer.core.routine.languages import translation_gaps
from stretchtimer.core.routine.model import DEFAULT_PACE, ResolvedPace, Routine, Step
from stretchtimer.core.routine.problems import step_label
from stretchtimer.core.routine.wording import names_a_side_first, uses_sides
from stretchtimer.core.session.cues import CueRole, SpeechLength, estimate_speech_seconds
from stretchtimer.core.session.plan import Plan, build_plan

LONGEST_CUE = 12.0  # seconds one spoken cue may last
# Poses done lying or sitting on the floor: each needs a way out.
FLOOR_POSES = frozenset(
    {
        "pigeon",
        "pigeon-folded",
        "thread-the-needle",
        "straddle-fold",
        "reclined-figure-four",
        "knee-to-chest",
        "knees-to-chest",
        "lying-rest",
        "lying-pelvic-tilt",
        "glute-bridge",
        "clamshell",
    }
)
_CAUTION_WORDS = re.compile(
    r"\b(stop|pain|pinch\w*|hurt\w*|numb\w*|tingl\w*|ease off|careful|doctor|"
    r"physiotherapist|clinician|dizzy|sharp)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Advice:
    """One thing that makes a routine hard to follow by ear, and what to do about it."""

    message: str
    step: int | None = None  # 1-based
    step_name: str | None = None
    key: str | None = None

    def __str__(self) -> str:
        parts = []
        if self.step is not None:
            parts.append(step_label(self.step, self.step_name))
        if self.key is not None:
            parts.append(self.key)
        parts.append(self.message)
        return ": ".join(parts)


def check_guidance(
    routine: Routine,
    *,
    pace_defaults: ResolvedPace = DEFAULT_PACE,
    speech_length: SpeechLength | None = None,
) -> list[Advice]:
    """Everything in ``routine`` a person could not follow with eyes closed."""
    length = speech_length or estimate_speech_seconds
    plan = build_plan(routine, pace_defaults=pace_defaults, speech_length=length)
    advice: list[Advice] = []
    for number, step in enumerate(routine.steps, start=1):
        advice.extend(_step_advice(routine, number, step))
    advice.extend(_long_cues(plan, length))
    advice.extend(_too_little_quiet(plan, length))
    advice.extend(_unheard_feel(plan))
    if _CAUTION_WORDS.search(routine.description) and not any(s.caution for s in routine.steps):
        advice.append(
            Advice(
                _(
                    "has a caution only in the description, which is never spoken; say it with "
                    "the steps it belongs to (caution = ...)"
                ),
                key="description",
            )
        )
    advice.extend(_translation_gaps(routine))
    return sorted(advice, key=lambda item: (item.step or 0, item.key or ""))


def _translation_gaps(routine: Routine) -> list[Advice]:
    """A translation that leaves texts out: a person listening in it hears those in the
    routine's own language."""
    advice = []
    for gap in translation_gaps(routine):
        parts = [", ".join(gap.routine_keys)] if gap.routine_keys else []
        for number, name, keys in gap.steps:
            parts.append(f"{step_label(number, name)}: {', '.join(keys)}")
        advice.append(
            Advice(
                _(
                    "has no translation of {texts}; these are read in the routine's own "
                    "language ({language})"
                ).format(texts="; ".join(parts), language=routine.language),
                key=f"translations.{gap.language}",
            )
        )
    return advice


def _at(number: int, step: Step, message: str, key: str | None = None) -> Advice:
    return Advice(message, number, step.name, key)


def _step_advice(routine: Routine, number: int, step: Step) -> list[Advice]:
    advice: list[Advice] = []
    first_words = step.setup or step.say
    sided = step.sides.order()[0] is not None
    if sided and not uses_sides(step) and not names_a_side_first(first_words):
        advice.append(
            _at(
                number,
                step,
                _(
                    "is done on a side, but its words never say which leg or arm that is; "
                    'write {side} and {other} ("Cross your {side} ankle over your '
                    '{other} knee") in format 2'
                ),
                "say",
            )
        )
    on_floor = step.pose in FLOOR_POSES or (not step.pose and "floor" in routine.tags)
    if on_floor and not step.release:
        advice.append(
            _at(number, step, _("is on the floor but never says how to come out of it"), "release")
        )
    return advice


def _step_of(plan: Plan, index: int | None) -> tuple[int | None, str | None]:
    if index is None:
        return None, None
    return index + 1, plan.routine.steps[index].name


def _long_cues(plan: Plan, length: SpeechLength) -> list[Advice]:
    advice: list[Advice] = []
    seen: set[str] = set()
    for segment in plan.segments:
        for cue in segment.cues:
            if not cue.spoken or not cue.text or cue.text in seen:
                continue
            seconds = length(cue.text)
            if seconds > LONGEST_CUE:
                seen.add(cue.text)
                number, name = _step_of(plan, segment.step_index)
                shown = cue.text if len(cue.text) <= 40 else cue.text[:37] + "..."
                advice.append(
                    Advice(
                        _(
                            'says "{text}" in one go for {seconds} s; split it into sentences '
                            "of at most {limit} s"
                        ).format(text=shown, seconds=f"{seconds:.0f}", limit=f"{LONGEST_CUE:.0f}"),
                        number,
                        name,
                        cue.role.value,
                    )
                )
    return advice


def _too_little_quiet(plan: Plan, length: SpeechLength) -> list[Advice]:
    """Every timed part should start ``settle`` seconds after the last word before it."""
    advice: list[Advice] = []
    warned: set[int] = set()
    for before, segment in zip(plan.segments, plan.segments[1:], strict=False):
        if not segment.kind.is_work or segment.step_index is None:
            continue
        step = plan.routine.steps[segment.step_index]
        settle = plan.pace.settle if step.settle is None else step.settle
        last_word = max(
            (cue.offset + length(cue.text) for cue in before.cues if cue.spoken and cue.text),
            default=0.0,
        )
        quiet = before.duration - last_word
        if quiet + 1e-6 < settle and segment.step_index not in warned:
            warned.add(segment.step_index)
            advice.append(
                _at(
                    segment.step_index + 1,
                    step,
                    _(
                        "starts {quiet} s after the last word before it; a person needs "
                        "{settle} s to get into position (format 2 gives settle time)"
                    ).format(quiet=f"{max(quiet, 0):.1f}", settle=f"{settle:g}"),
                    "settle",
                )
            )
    return advice


def _unheard_feel(plan: Plan) -> list[Advice]:
    """A ``feel`` too long for its hold is never said."""
    advice: list[Advice] = []
    for index, step in enumerate(plan.routine.steps):
        holds = [s for s in plan.segments if s.step_index == index and s.kind.value == "hold"]
        if not step.feel or not holds:
            continue
        if any(not any(cue.role is CueRole.FEEL for cue in s.cues) for s in holds):
            advice.append(
                _at(
                    index + 1, step, _("is too long to be said during the hold; shorten it"), "feel"
                )
            )
    return advice
