"""``languages``: what speaking a session in another language costs.

- ``plan_de_over_en``: building the 200-step benchmark plan in German, as a share of
  building it in English (every phrase is a catalogue look-up now).
- ``voice_pick_cold_ms``: choosing the voice for a German session the first time in a
  process (lists the system's voices: starts the speech worker).
- ``voice_pick_warm_ms``: the same for every later session (the list is kept).
"""

from __future__ import annotations

import functools
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from benchmarks.bench_engine import big_routine
from benchmarks.harness import Result, at_most, median_ms
from stretchtimer.core.i18n import SOURCE
from stretchtimer.core.session.plan import build_plan
from stretchtimer.speech.session_speech import clip_renderer
from stretchtimer.speech.voice_language import forget_system_voices, session_voice_pick
from stretchtimer.storage.languages import load_language

PLAN_RATIO_TARGET = 1.5  # German may cost at most half again the time of English
COLD_TARGET_MS = 1500.0  # within the time a session takes to get ready anyway
WARM_TARGET_MS = 20.0


def run() -> Iterator[Result]:
    routine = big_routine()
    german = load_language("de")
    english_ms = median_ms(lambda: build_plan(routine, language=SOURCE), runs=9)
    german_ms = median_ms(lambda: build_plan(routine, language=german), runs=9)
    yield at_most(
        "plan_de_over_en",
        german_ms / english_ms,
        "ratio",
        PLAN_RATIO_TARGET,
        english_ms=round(english_ms, 2),
        german_ms=round(german_ms, 2),
    )
    with tempfile.TemporaryDirectory() as folder:
        factory = functools.partial(clip_renderer, Path(folder) / "clips")
        added = Path(folder) / "voices"
        forget_system_voices()
        start = time.perf_counter()
        pick = session_voice_pick("pyttsx3:gmw/en-us", "de", factory, added)
        cold_ms = (time.perf_counter() - start) * 1000.0
        yield at_most("voice_pick_cold_ms", cold_ms, "ms", COLD_TARGET_MS, voice=pick.voice)
        warm_ms = median_ms(
            lambda: session_voice_pick("pyttsx3:gmw/en-us", "de", factory, added), runs=9
        )
        yield at_most("voice_pick_warm_ms", warm_ms, "ms", WARM_TARGET_MS)
