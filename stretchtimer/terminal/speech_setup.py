"""Get a session ready in the terminal: the shared set-up, with a progress bar.

The bar appears only when something must be rendered; a routine played before
starts at once from the cache.
"""

from __future__ import annotations

import functools
import sys
from typing import TextIO

from stretchtimer.core import i18n
from stretchtimer.core.i18n import Language, _
from stretchtimer.core.routine.model import Routine
from stretchtimer.core.session.estimate import estimated_plan, plan_options
from stretchtimer.runtime.session_setup import (
    PreparedSession,
    prepare_session,
    session_voice,
)
from stretchtimer.speech.session_speech import clip_renderer, needs_rendering
from stretchtimer.storage.languages import session_language
from stretchtimer.storage.paths import Paths
from stretchtimer.storage.settings import Settings
from stretchtimer.terminal.keys import stdout_is_unicode
from stretchtimer.terminal.render import progress_bar

CLEAR_LINE = "\r\x1b[K"


def prepare_in_terminal(
    routine: Routine,
    settings: Settings,
    paths: Paths,
    *,
    speed: float,
    out: TextIO | None = None,
    language: Language | None = None,
) -> PreparedSession:
    """The session's plan, clips and history, showing progress on ``out`` while clips render;
    every cue said in ``language`` (the app's when None)."""
    out = out or sys.stdout
    voice = session_voice(settings, speed)
    if voice is None:
        return prepare_session(routine, settings, paths, speed=speed, language=language)
    # Estimated as the set-up will play it: in the language the routine is read in.
    shown, spoken_in = session_language(routine, language or i18n.app_language())
    first = estimated_plan(shown, plan_options(settings), voice.rate, spoken_in)
    with clip_renderer(paths.clips) as probe:
        show = out.isatty() and needs_rendering(probe, first, voice)
    progress = functools.partial(_show_progress, out=out) if show else None
    try:
        return prepare_session(
            routine,
            settings,
            paths,
            speed=speed,
            progress=progress,
            first_plan=first,
            language=language,
        )
    finally:
        if show:
            out.write(CLEAR_LINE)
            out.flush()


def _show_progress(done: int, total: int, *, out: TextIO) -> None:
    bar = progress_bar(done / total if total else 1.0, unicode=stdout_is_unicode())
    preparing = _("Preparing the voice")
    out.write(f"{CLEAR_LINE}{preparing}  {bar} {done}/{total}")
    out.flush()
