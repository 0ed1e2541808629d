"""A natural-voice worker kept warm (real Piper workers): started and loaded before the
session needs it, handed from one renderer to the next, ended when nobody needs it."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from stretchtimer.speech import warm
from stretchtimer.speech.clip_cache import ClipCache, VoiceChoice
from stretchtimer.speech.renderer import ClipRenderer
from stretchtimer.speech.voices import NATURAL_DEFAULT, PIPER, SYSTEM_DEFAULT
from tests.unit.speech.piper_children import piper_workers

NATURAL = VoiceChoice(NATURAL_DEFAULT, 165)


@pytest.fixture(autouse=True)
def nothing_kept() -> Iterator[None]:
    warm.close_all()
    yield
    warm.close_all()


def renderer(home: Path) -> ClipRenderer:
    return ClipRenderer(ClipCache(home / "clips"))


def test_the_next_renderer_takes_the_natural_voice_the_last_one_loaded(home: Path) -> None:
    with renderer(home) as first:
        assert first.render(["Rest."], NATURAL).notice is None
        used = first._workers[PIPER].process.pid
    assert piper_workers() == [used]  # kept, not ended
    with renderer(home) as second:
        assert second.render(["Switch sides."], NATURAL).notice is None
        assert second._workers[PIPER].process.pid == used  # no second start, no second load
    assert piper_workers() == [used]


def test_warming_up_starts_the_worker_and_loads_the_model_before_the_first_clip(
    home: Path,
) -> None:
    thread = warm.warm_up(NATURAL, ClipCache(home / "clips"))
    assert thread is not None
    assert warm.warm_up(NATURAL, ClipCache(home / "clips")) is None  # once at a time
    with renderer(home) as subject:  # waits for the warming worker rather than start its own
        result = subject.render(["Rest."], NATURAL)
        worker = subject._workers[PIPER]
    assert result.notice is None and result.rendered == 1
    assert not worker.fresh  # its model was loaded by the warm-up
    assert len(piper_workers()) == 1


def test_only_the_natural_voice_is_warmed(home: Path) -> None:
    assert warm.warm_up(VoiceChoice(SYSTEM_DEFAULT, 165), ClipCache(home / "clips")) is None
    missing = VoiceChoice("piper:en_US-nobody-medium", 165)
    assert warm.warm_up(missing, ClipCache(home / "clips")) is None
    assert piper_workers() == []


def test_a_warm_worker_nobody_takes_exits_and_gives_its_memory_back(home: Path) -> None:
    thread = warm.warm_up(NATURAL, ClipCache(home / "clips"), idle=1.0)
    assert thread is not None
    thread.join(30.0)
    assert len(piper_workers()) == 1
    deadline = time.monotonic() + 15.0
    while piper_workers() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert piper_workers() == []
    with renderer(home) as subject:  # and a session after that starts its own
        assert subject.render(["Rest."], NATURAL).notice is None
