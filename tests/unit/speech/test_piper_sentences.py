"""Real Piper in this process: a sentence that many cues share ("Breathe in.") is rendered
once per voice and rate, and the audio kept for reuse stays within its budget."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from stretchtimer.speech.piper_speaker import PiperSpeaker, SentenceAudio
from stretchtimer.speech.voices import piper_models
from stretchtimer.speech.wav import read_samples


def counting_speaker() -> tuple[PiperSpeaker, Path, Path, list[int]]:
    """The bundled voice loaded in a speaker whose model runs are counted (by sentence
    length in phoneme ids); every run is real."""
    bundled = piper_models(None)[0]
    speaker = PiperSpeaker()
    voice = speaker.voice(bundled.model, bundled.config)
    runs: list[int] = []
    real = voice.phoneme_ids_to_audio

    def counted(ids: list[int], *args: Any, **kwargs: Any) -> Any:
        runs.append(len(ids))
        return real(ids, *args, **kwargs)

    voice.phoneme_ids_to_audio = counted  # type: ignore[method-assign]
    return speaker, bundled.model, bundled.config, runs


def test_a_sentence_many_cues_end_with_is_rendered_once(home: Path) -> None:
    speaker, model, config, runs = counting_speaker()
    alone, with_more = home / "alone.wav", home / "more.wav"
    assert speaker.render("Breathe in.", alone, model, config, 165)["ok"]
    assert len(runs) == 1
    reply = speaker.render("Last breath. Breathe in.", with_more, model, config, 165)
    assert reply["ok"]
    assert len(runs) == 2  # only "Last breath." was new
    # The clip still says both sentences: longer than the shared one alone.
    assert reply["seconds"] > read_samples(alone)[1].seconds + 0.3
    # Another rate is another pace: rendered anew.
    assert speaker.render("Breathe in.", home / "slow.wav", model, config, 120)["ok"]
    assert len(runs) == 3


def test_kept_sentences_stay_within_their_budget_most_recent_first() -> None:
    kept = SentenceAudio(budget=3 * 4000)
    for number in range(4):
        kept.put(number, np.zeros(1000, dtype=np.float32))  # 4000 bytes each
    assert kept.get(0) is None  # the oldest made room
    assert kept.get(1) is not None
    kept.put(4, np.zeros(1000, dtype=np.float32))  # 1 was just used: 2 goes
    assert kept.get(2) is None and kept.get(1) is not None and kept.get(4) is not None
    kept.put("huge", np.zeros(10_000, dtype=np.float32))  # bigger than the budget: not kept
    assert kept.get("huge") is None and kept.get(4) is not None
