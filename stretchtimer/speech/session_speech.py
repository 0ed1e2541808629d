"""Get a session's speech ready: plan, render every clip it may say, plan again.

The plan is built once with estimated speech lengths to learn every text it may
speak (``plan.spoken_texts``), the clips are rendered (or found in the cache),
and the plan is built again with the measured lengths, so the timer never
starts a hold while the voice is still reading the instructions.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from stretchtimer.core.routine.model import Routine
from stretchtimer.core.session.estimate import DEFAULT_RATE, PlanOptions, estimated_plan
from stretchtimer.core.session.plan import Plan, build_plan, estimate_speech_seconds
from stretchtimer.speech.clip_cache import Clip, ClipCache, VoiceChoice
from stretchtimer.speech.problems import SpeechNotice, SpeechProblem
from stretchtimer.speech.renderer import ClipRenderer, Progress

__all__ = [
    "PlanOptions",
    "SpokenSession",
    "clip_renderer",
    "estimated_plan",
    "needs_rendering",
    "prepare_spoken_session",
]


@dataclass(frozen=True)
class SpokenSession:
    """A plan and the clips to say its cues with (none when the voice is off)."""

    plan: Plan
    clips: Mapping[str, Clip] = field(default_factory=dict)
    notice: SpeechNotice | None = None

    def clip_paths(self) -> dict[str, Path]:
        return {text: clip.path for text, clip in self.clips.items()}


def clip_renderer(clips_folder: Path) -> ClipRenderer:
    """A renderer that keeps its clips in ``clips_folder`` (the app's cache)."""
    return ClipRenderer(ClipCache(clips_folder))


def needs_rendering(renderer: ClipRenderer, plan: Plan, voice: VoiceChoice) -> bool:
    """Whether some clip of ``plan`` is not in the cache yet (to show progress only then)."""
    return len(renderer.cached(plan.spoken_texts, voice)) < len(plan.spoken_texts)


def prepare_spoken_session(
    routine: Routine,
    options: PlanOptions,
    voice: VoiceChoice | None,
    renderer_factory: Callable[[], ClipRenderer],
    *,
    progress: Progress | None = None,
    first_plan: Plan | None = None,
) -> SpokenSession:
    """The plan with measured speech lengths and its clips; ``voice=None`` means no voice.

    Blocks while clips render. Never raises for speech problems: they come back
    as ``notice`` and the session plays without a voice (or with the default voice
    when the chosen one is not installed).
    """
    rate = voice.rate if voice else DEFAULT_RATE
    plan = first_plan or estimated_plan(routine, options, rate)
    if voice is None:
        return SpokenSession(plan)
    with renderer_factory() as renderer:
        result = renderer.render(plan.spoken_texts, voice, progress=progress)
        notice = result.notice
        if notice is not None and notice.problem is SpeechProblem.UNKNOWN_VOICE:
            notice = SpeechNotice(SpeechProblem.UNKNOWN_VOICE, notice.detail, voice=voice.voice)
            result = renderer.render(
                plan.spoken_texts, VoiceChoice("", voice.rate), progress=progress
            )
            notice = result.notice or notice
    if notice is not None and notice.problem.voice_off:
        return SpokenSession(plan, notice=notice)
    clips = dict(result.clips)
    measured = functools.partial(_measured, clips=clips, rate=rate)
    spoken_plan = build_plan(
        routine,
        pace_defaults=options.pace_defaults,
        speech_length=measured,
        breath_guidance=options.breath_guidance,
        wording=options.wording,
    )
    return SpokenSession(spoken_plan, clips, notice)


def _measured(text: str, *, clips: Mapping[str, Clip], rate: int) -> float:
    clip = clips.get(text)
    return clip.seconds if clip is not None else estimate_speech_seconds(text, rate)
