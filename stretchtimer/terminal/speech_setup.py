"""Get a session's voice ready in the terminal: render clips with a progress bar.

The bar appears only when something must be rendered; a routine played before
starts at once from the cache.
"""

from __future__ import annotations

import functools
import sys
from typing import TextIO

from stretchtimer.core.routine.model import Routine
from stretchtimer.speech.clip_cache import VoiceChoice
from stretchtimer.speech.renderer import ClipRenderer
from stretchtimer.speech.session_speech import (
    PlanOptions,
    SpokenSession,
    clip_renderer,
    estimated_plan,
    needs_rendering,
    prepare_spoken_session,
)
from stretchtimer.storage.paths import app_paths
from stretchtimer.terminal.keys import stdout_is_unicode
from stretchtimer.terminal.render import progress_bar

CLEAR_LINE = "\r\x1b[K"


def terminal_renderer() -> ClipRenderer:
    return clip_renderer(app_paths().clips)


def prepare_in_terminal(
    routine: Routine, options: PlanOptions, voice: VoiceChoice | None, out: TextIO | None = None
) -> SpokenSession:
    """The session's plan and clips, showing progress on ``out`` while clips render."""
    out = out or sys.stdout
    if voice is None:
        return prepare_spoken_session(routine, options, None, terminal_renderer)
    first = estimated_plan(routine, options, voice.rate)
    with terminal_renderer() as probe:
        show = out.isatty() and needs_rendering(probe, first, voice)
    progress = functools.partial(_show_progress, out=out) if show else None
    try:
        return prepare_spoken_session(
            routine, options, voice, terminal_renderer, progress=progress, first_plan=first
        )
    finally:
        if show:
            out.write(CLEAR_LINE)
            out.flush()


def _show_progress(done: int, total: int, *, out: TextIO) -> None:
    bar = progress_bar(done / total if total else 1.0, unicode=stdout_is_unicode())
    out.write(f"{CLEAR_LINE}Preparing the voice  {bar} {done}/{total}")
    out.flush()
