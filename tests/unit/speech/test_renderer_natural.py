"""Real Piper through the renderer: each clip is kept the moment it is ready, so what is
said first can play while the rest is still being rendered."""

from __future__ import annotations

from pathlib import Path

from stretchtimer.speech.clip_cache import ClipCache, VoiceChoice
from stretchtimer.speech.renderer import PIPER_AHEAD, ClipRenderer
from stretchtimer.speech.voices import NATURAL_DEFAULT

NATURAL = VoiceChoice(NATURAL_DEFAULT, 165)
TEXTS = [f"Step {number}. Breathe out." for number in range(1, PIPER_AHEAD + 3)]


def test_each_natural_clip_is_kept_as_soon_as_it_is_ready(home: Path) -> None:
    cache = ClipCache(home / "clips", voices=home / "voices")
    seen: list[tuple[int, int]] = []
    found_early: list[str] = []

    def progress(done: int, total: int) -> None:
        seen.append((done, total))
        if done == 1:  # the first clip is there while the others are still being made
            found_early.extend(text for text in TEXTS if cache.lookup(text, NATURAL))

    with ClipRenderer(cache) as renderer:
        result = renderer.render(TEXTS, NATURAL, progress=progress)
    assert result.notice is None and result.rendered == len(TEXTS)
    assert seen == [(done, len(TEXTS)) for done in range(len(TEXTS) + 1)]
    assert len(found_early) == 1


def test_cancelling_stops_asking_and_keeps_what_was_made(home: Path) -> None:
    cache = ClipCache(home / "clips", voices=home / "voices")
    done_so_far: list[int] = []
    with ClipRenderer(cache) as renderer:
        result = renderer.render(
            TEXTS,
            NATURAL,
            progress=lambda done, _total: done_so_far.append(done),
            cancelled=lambda: bool(done_so_far) and done_so_far[-1] >= 1,
        )
    assert result.notice is None
    # What was already asked of the worker is finished and kept; nothing more is asked.
    assert 1 <= result.rendered <= PIPER_AHEAD < len(TEXTS)
    assert all(cache.lookup(text, NATURAL) for text in result.clips)
