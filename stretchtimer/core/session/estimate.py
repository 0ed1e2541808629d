"""How long a routine takes with the person's settings, before any speech is rendered.

The Routines list, the editor and a session's first plan all estimate the same way
here, so one routine shows one length everywhere. Pure: no Qt, no speech engine, no files.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Protocol

from stretchtimer.core.i18n import Language
from stretchtimer.core.routine.model import DEFAULT_PACE, ResolvedPace, Routine
from stretchtimer.core.session.guided import DEFAULT_WORDING
from stretchtimer.core.session.plan import (
    BreathGuidance,
    Plan,
    Wording,
    build_plan,
    estimate_speech_seconds,
)

DEFAULT_RATE = 165  # words per minute, the speech engine's usual rate


class PlanSettings(Protocol):
    """What the plan takes from the person's settings (``storage.settings.Settings`` has it)."""

    @property
    def prepare(self) -> float: ...
    @property
    def rest(self) -> float: ...
    @property
    def breath_guidance(self) -> str: ...
    @property
    def rate(self) -> int: ...
    @property
    def settle(self) -> float: ...
    @property
    def speak_easier(self) -> bool: ...


@dataclass(frozen=True)
class PlanOptions:
    pace_defaults: ResolvedPace = DEFAULT_PACE
    breath_guidance: BreathGuidance = BreathGuidance.SPOKEN
    wording: Wording = DEFAULT_WORDING


def plan_options(settings: PlanSettings) -> PlanOptions:
    """The person's pace defaults and breath guidance, as the planner takes them."""
    return PlanOptions(
        ResolvedPace(prepare=settings.prepare, rest=settings.rest, settle=settings.settle),
        BreathGuidance(settings.breath_guidance),
        Wording(speak_easier=settings.speak_easier),
    )


def estimated_plan(
    routine: Routine, options: PlanOptions, rate: int, language: Language | None = None
) -> Plan:
    """The plan with speech lengths estimated from the words at ``rate`` words a minute,
    said in ``language`` (the language in use when None)."""
    return build_plan(
        routine,
        pace_defaults=options.pace_defaults,
        speech_length=functools.partial(_estimate, rate=rate),
        breath_guidance=options.breath_guidance,
        wording=options.wording,
        language=language,
    )


def estimated_seconds(routine: Routine, settings: PlanSettings) -> float:
    """How long a session of ``routine`` takes with the person's settings."""
    return estimated_plan(routine, plan_options(settings), settings.rate).duration


def _estimate(text: str, *, rate: int) -> float:
    return estimate_speech_seconds(text, rate)
