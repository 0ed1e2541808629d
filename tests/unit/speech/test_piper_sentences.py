"""Real Piper in this process: a sentence that many cues share ("Breathe in.") is rendered
once per voice and rate, and the audio kept for reuse stays within its budget."""

from __future__ import annotations

import wave
from pathlib import Path
from typing import Any

import numpy as np
import onnxruntime  # type: ignore[import-untyped]
from piper import SynthesisConfig

from stretchtimer.speech.piper_speaker import (
    PiperSpeaker,
    SentenceAudio,
    _level,
    length_scale,
    load_voice,
)
from stretchtimer.speech.voices import piper_models
from stretchtimer.speech.wav import read_samples, trim_silence


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


def test_a_clip_says_exactly_what_piper_itself_says(home: Path) -> None:
    """With onnxruntime's random draws seeded alike (the voice draws noise for every
    sentence), a clip is byte for byte Piper's own ``synthesize``, levelled, written whole
    and trimmed in place as the worker once did (its silence is now cut before the file
    is written, which is written once and not read back)."""
    bundled = piper_models(None)[0]
    text = "Begin. Lie on your back, knees bent. Breathe in."
    settings = SynthesisConfig(length_scale=length_scale(165))

    def ours(seed: int, path: Path) -> bytes:
        onnxruntime.set_seed(seed)
        speaker = PiperSpeaker()
        reply = speaker.render(text, path, bundled.model, bundled.config, 165)
        assert reply["ok"] and reply["seconds"] == read_samples(path)[1].seconds
        return path.read_bytes()

    onnxruntime.set_seed(11)
    voice = load_voice(bundled.model, bundled.config)
    chunks = [chunk.audio_float_array for chunk in voice.synthesize(text, settings)]
    assert len(chunks) == 3
    theirs = home / "theirs.wav"  # written whole, then trimmed in place (as before)
    samples = np.clip(_level(np.concatenate(chunks)) * 32767.0, -32767, 32767).astype("<i2")
    with wave.open(str(theirs), "wb") as whole:
        whole.setnchannels(1)
        whole.setsampwidth(2)
        whole.setframerate(voice.config.sample_rate)
        whole.writeframes(samples.tobytes())
    trimmed = trim_silence(theirs)
    assert trimmed.frames < samples.size  # there was silence to cut
    assert ours(11, home / "ours.wav") == theirs.read_bytes()
    # The comparison can fail: other draws are another take of the same words.
    assert ours(12, home / "other.wav") != theirs.read_bytes()
