"""Get a session's speech ready: plan, render the clips it says first, plan again.

The plan is built once with estimated speech lengths to learn every text it may
speak (``plan.spoken_texts``) and in which order. The clip of its first words is
rendered (or found in the cache) before the session starts; the rest are left
``pending``, in the order the plan speaks them, for the runtime to render while the
session runs (``runtime.speech_stream``). Each time clips arrive the plan is built
again with the measured lengths (:meth:`SpokenSession.plan_for`), so the timer never
starts a hold while the voice is still reading the instructions.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from stretchtimer.core import i18n
from stretchtimer.core.i18n import Language
from stretchtimer.core.routine.model import Routine
from stretchtimer.core.session import phrases
from stretchtimer.core.session.estimate import DEFAULT_RATE, PlanOptions, estimated_plan
from stretchtimer.core.session.plan import Plan, build_plan, estimate_speech_seconds
from stretchtimer.speech.clip_cache import Clip, ClipCache, VoiceChoice
from stretchtimer.speech.problems import SpeechNotice, SpeechProblem
from stretchtimer.speech.renderer import ClipRenderer, Progress, RenderResult
from stretchtimer.speech.voices import SYSTEM_DEFAULT

__all__ = [
    "PlanOptions",
    "SpokenSession",
    "clip_renderer",
    "estimated_plan",
    "needs_rendering",
    "prepare_spoken_session",
    "render_falling_back",
    "segments_ready",
    "speaking_order",
    "speech_readiness",
]


@dataclass(frozen=True)
class SpokenSession:
    """A plan and the clips to say its cues with (none when the voice is off)."""

    plan: Plan
    clips: Mapping[str, Clip] = field(default_factory=dict)
    notice: SpeechNotice | None = None
    pending: tuple[str, ...] = ()  # still to render, in the order they are spoken
    voice: VoiceChoice | None = None  # what ``pending`` is rendered in (after any fallback)
    routine: Routine | None = None
    options: PlanOptions | None = None

    def clip_paths(self) -> dict[str, Path]:
        return {text: clip.path for text, clip in self.clips.items()}

    def plan_for(self, clips: Mapping[str, Clip]) -> Plan:
        """The plan timed by the clips rendered so far (estimates for the others)."""
        if self.routine is None or self.options is None or self.voice is None:
            return self.plan
        return _measured_plan(
            self.routine, self.options, clips, self.voice.rate, self.plan.language
        )


def speaking_order(plan: Plan) -> list[str]:
    """Every text ``plan`` may speak: its first words, the sentence said while waiting
    for speech, the rest of its first two segments, the closing words, then segment by
    segment, then the others (easier variations, ...)."""
    order: dict[str, None] = {}
    segments = plan.segments
    # The session starts on its first words alone. Then the sentence said while waiting
    # (should rendering ever fall behind, even in the first segment), what the session
    # needs next, and the closing words: skip or stop may reach those at any moment.
    texts = [cue.text for cue in segments[0].cues if cue.spoken and cue.text]
    order.update(dict.fromkeys(texts[:1]))
    with i18n.speaking_in(plan.language):
        order.setdefault(phrases.waiting_for_voice())
    for segment in (*segments[:2], segments[-1], *segments[2:-1]):
        for cue in segment.cues:
            if cue.spoken and cue.text:
                order.setdefault(cue.text)
    for text in sorted(plan.spoken_texts, key=lambda text: (len(text), text)):
        order.setdefault(text)
    return [text for text in order if text in plan.spoken_texts]


def segments_ready(plan: Plan, clips: Mapping[str, Clip]) -> int:
    """How many segments, from the first, have a clip for every spoken cue."""
    for index, segment in enumerate(plan.segments):
        if any(cue.spoken and cue.text and cue.text not in clips for cue in segment.cues):
            return index
    return len(plan.segments)


def speech_readiness(plan: Plan, clips: Mapping[str, Clip]) -> tuple[int, int]:
    """How many segments, from the first, have a clip for every spoken cue, and how many
    leading cues of the segment after them have theirs (a chime needs none): what
    :meth:`SessionEngine.speech_ready` takes."""
    ready = segments_ready(plan, clips)
    if ready >= len(plan.segments):
        return ready, 0
    cues = plan.segments[ready].cues
    count = 0
    for cue in cues:
        if cue.spoken and cue.text and cue.text not in clips:
            break
        count += 1
    return ready, count


def clip_renderer(clips_folder: Path) -> ClipRenderer:
    """A renderer that keeps its clips in ``clips_folder`` (the app's cache)."""
    return ClipRenderer(ClipCache(clips_folder))


def needs_rendering(renderer: ClipRenderer, plan: Plan, voice: VoiceChoice) -> bool:
    """Whether the clip the session waits for (its first words) is not in the cache
    yet: to show progress only then."""
    first = speaking_order(plan)[: _first_count(plan)]
    return len(renderer.cached(first, voice)) < len(first)


def prepare_spoken_session(
    routine: Routine,
    options: PlanOptions,
    voice: VoiceChoice | None,
    renderer_factory: Callable[[], ClipRenderer],
    *,
    progress: Progress | None = None,
    first_plan: Plan | None = None,
    stream: bool = False,
    language: Language | None = None,
) -> SpokenSession:
    """The plan with measured speech lengths and its clips; ``voice=None`` means no voice.

    Every cue is said in ``language`` (the language in use when None); a ``first_plan``
    in another language is not used.

    Blocks while clips render: all of them, or with ``stream`` only the first words
    (the others come back as ``pending``, see :func:`speaking_order`). Never raises for speech
    problems: they come back as ``notice`` and the session plays without a voice (or
    with the default voice when the chosen one is not installed, or the system's
    when the natural voice cannot speak).
    """
    rate = voice.rate if voice else DEFAULT_RATE
    language = language or i18n.current()
    if first_plan is not None and first_plan.language != language:
        first_plan = None
    plan = first_plan or estimated_plan(routine, options, rate, language)
    if voice is None:
        return SpokenSession(plan)
    order = speaking_order(plan)
    with renderer_factory() as renderer:
        first = order
        if stream:
            cached = renderer.cached(order, voice)
            first = [text for text in order[: _first_count(plan)] if text not in cached]
            first = first or order[:1]
        result = render_falling_back(renderer, first, voice, progress=progress)
        used = result.voice or voice
        clips = dict(result.clips)
        if stream and (result.notice is None or not result.notice.problem.voice_off):
            clips |= renderer.cached(order, used)
    notice = result.notice
    if notice is not None and notice.problem.voice_off:
        return SpokenSession(plan, notice=notice)
    pending = tuple(text for text in order if text not in clips)
    spoken_plan = _measured_plan(routine, options, clips, rate, language)
    return SpokenSession(spoken_plan, clips, notice, pending, used, routine, options)


def _first_count(plan: Plan) -> int:
    """How many texts of the speaking order a streamed session waits for: its first
    words (none when its first segment says nothing)."""
    return 1 if any(cue.spoken and cue.text for cue in plan.segments[0].cues) else 0


def _measured_plan(
    routine: Routine,
    options: PlanOptions,
    clips: Mapping[str, Clip],
    rate: int,
    language: Language,
) -> Plan:
    measured = functools.partial(_measured, clips=clips, rate=rate)
    return build_plan(
        routine,
        pace_defaults=options.pace_defaults,
        speech_length=measured,
        breath_guidance=options.breath_guidance,
        wording=options.wording,
        language=language,
    )


def render_falling_back(
    renderer: ClipRenderer,
    texts: Iterable[str],
    voice: VoiceChoice,
    *,
    progress: Progress | None = None,
) -> RenderResult:
    """Clips in ``voice``, or in the default voice when it is not installed, or in the
    system's voice when the natural voice cannot speak; the notice says which and why."""
    texts = list(texts)
    result = renderer.render(texts, voice, progress=progress)
    notice = result.notice
    if notice is not None and notice.problem is SpeechProblem.UNKNOWN_VOICE:
        notice = SpeechNotice(SpeechProblem.UNKNOWN_VOICE, notice.detail, voice=voice.voice)
        result = renderer.render(texts, VoiceChoice("", voice.rate), progress=progress)
        result.notice = result.notice or notice
        result.voice = VoiceChoice("", voice.rate)
        notice = result.notice
    if notice is not None and notice.problem is SpeechProblem.NATURAL_VOICE_FAILED:
        # The system's voice says everything, so the clips of one session match.
        system = VoiceChoice(SYSTEM_DEFAULT, voice.rate)
        result = renderer.render(texts, system, progress=progress)
        result.notice = result.notice or notice
        result.voice = system
    return result


def _measured(text: str, *, clips: Mapping[str, Clip], rate: int) -> float:
    clip = clips.get(text)
    return clip.seconds if clip is not None else estimate_speech_seconds(text, rate)
