"""The script of a routine with the person's settings and the clips already rendered.

A cue's length is the cached clip's when the clip is there (it is what will be
played), an estimate from its words at the person's speaking rate otherwise.
Both the terminal (``routines script``) and the app's routine details use this.
"""

from __future__ import annotations

from pathlib import Path

from stretchtimer.core.routine.model import Routine
from stretchtimer.core.session.estimate import PlanOptions
from stretchtimer.core.session.plan import build_plan, estimate_speech_seconds
from stretchtimer.core.session.script import ScriptSegment, script_of
from stretchtimer.speech.clip_cache import ClipCache, VoiceChoice


def routine_script(
    routine: Routine, options: PlanOptions, voice: VoiceChoice, clips_folder: Path | None
) -> tuple[ScriptSegment, ...]:
    """Every segment and cue of ``routine`` as the session will play it with ``voice``
    (the person's plan ``options`` from ``plan_options(settings)``)."""
    cache = ClipCache(clips_folder) if clips_folder is not None else None
    known: dict[str, tuple[float, str]] = {}

    def length(text: str) -> tuple[float, str]:
        if text not in known:
            clip = cache.lookup(text, voice) if cache is not None else None
            known[text] = (
                (clip.seconds, "clip")
                if clip is not None
                else (estimate_speech_seconds(text, voice.rate), "estimate")
            )
        return known[text]

    plan = build_plan(
        routine,
        pace_defaults=options.pace_defaults,
        speech_length=lambda text: length(text)[0],
        breath_guidance=options.breath_guidance,
        wording=options.wording,
    )
    return script_of(plan, length)
