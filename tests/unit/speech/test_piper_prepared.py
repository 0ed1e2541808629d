"""The natural voice's model as onnxruntime optimises it for this computer is kept, owner-
only, and read by later workers instead of optimising again; a damaged or outdated copy
is never used in place of the voice itself."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import onnxruntime  # type: ignore[import-untyped]
import pytest
from piper import PiperVoice, SynthesisConfig

from stretchtimer.speech import warm
from stretchtimer.speech.clip_cache import ClipCache, VoiceChoice
from stretchtimer.speech.piper_speaker import _options, load_voice, prepared_name, weights_of
from stretchtimer.speech.renderer import ClipRenderer
from stretchtimer.speech.voice_library import remove_voice
from stretchtimer.speech.voices import NATURAL_DEFAULT, piper_models

SENTENCE = "Let your shoulders drop and breathe out slowly."


@pytest.fixture(autouse=True)
def no_warm_worker() -> Iterator[None]:
    """Each test loads the voice itself: a worker kept warm by an earlier test loaded it
    with another test's folders."""
    warm.close_all()
    yield
    warm.close_all()


def seconds_spoken(model: Path, config: Path, prepared: Path) -> float:
    voice = load_voice(model, config, prepared=prepared)
    ids = voice.phonemes_to_ids(voice.phonemize(SENTENCE)[0])
    audio = voice.phoneme_ids_to_audio(ids, SynthesisConfig())
    return float(audio.size / voice.config.sample_rate)


def own_voice(folder: Path) -> tuple[Path, Path]:
    bundled = piper_models(None)[0]
    folder.mkdir()
    model, config = folder / "voice.onnx", folder / "voice.onnx.json"
    shutil.copyfile(bundled.model, model)
    shutil.copyfile(bundled.config, config)
    return model, config


def test_the_optimised_model_is_kept_owner_only_and_read_next_time(
    home: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    model, config = own_voice(home / "voices")
    prepared = home / "voice-models"
    assert 2.0 < seconds_spoken(model, config, prepared) < 5.0
    copy = prepared / prepared_name(model)
    weights = weights_of(copy)
    assert weights.stat().st_size > 10_000_000 > copy.stat().st_size  # the weights apart
    for kept_file in (copy, weights):
        assert stat.S_IMODE(kept_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(prepared.stat().st_mode) == 0o700
    # No scratch left.
    assert sorted(path.name for path in prepared.iterdir()) == [copy.name, weights.name]
    kept = copy.stat().st_mtime_ns, weights.stat().st_mtime_ns
    assert 2.0 < seconds_spoken(model, config, prepared) < 5.0  # from the copy
    assert (copy.stat().st_mtime_ns, weights.stat().st_mtime_ns) == kept  # read, not made again
    assert "cannot" not in capfd.readouterr().err


def said(voice: PiperVoice) -> np.ndarray[Any, Any]:
    ids = voice.phonemes_to_ids(voice.phonemize(SENTENCE)[0])
    audio = voice.phoneme_ids_to_audio(ids, SynthesisConfig())
    assert isinstance(audio, np.ndarray)
    return audio


def test_the_weights_are_mapped_from_their_file_and_say_what_the_whole_copy_said(
    home: Path,
) -> None:
    """The copy with its weights in a file of their own speaks byte for byte as the copy
    with its weights inside it did (same optimised graph, same random draws), and its
    weights are mapped from that file, not parsed and copied."""
    model, config = own_voice(home / "voices")
    prepared = home / "voice-models"
    load_voice(model, config, prepared=prepared)  # makes the copy
    weights = weights_of(prepared / prepared_name(model))
    whole = home / "whole" / "voice.onnx"  # the weights inside, as copies were made before
    whole.parent.mkdir()
    options = _options()
    options.optimized_model_filepath = str(whole)
    options.log_severity_level = 3
    onnxruntime.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])
    assert whole.stat().st_size > 10_000_000
    assert not list(whole.parent.glob("*.data"))
    onnxruntime.set_seed(11)
    voice = load_voice(model, config, prepared=prepared)
    apart = said(voice)
    mapped = Path("/proc/self/maps").read_text(encoding="utf-8")
    assert str(weights) in mapped
    onnxruntime.set_seed(11)
    before = onnxruntime.InferenceSession(
        str(whole), _options(optimise=False), providers=["CPUExecutionProvider"]
    )
    voice.session = before
    assert np.array_equal(said(voice), apart)
    # The comparison can fail: other draws are another take of the same words.
    onnxruntime.set_seed(12)
    voice.session = onnxruntime.InferenceSession(
        str(whole), _options(optimise=False), providers=["CPUExecutionProvider"]
    )
    other = said(voice)
    assert other.size != apart.size or not np.array_equal(other, apart)


@pytest.mark.parametrize("damage", ["short", "missing"])
def test_a_copy_whose_weights_are_damaged_is_remade_and_the_voice_still_speaks(
    home: Path, capfd: pytest.CaptureFixture[str], damage: str
) -> None:
    model, config = own_voice(home / "voices")
    prepared = home / "voice-models"
    seconds_spoken(model, config, prepared)
    weights = weights_of(prepared / prepared_name(model))
    whole_size = weights.stat().st_size
    if damage == "short":  # a new file in its place: the old one may still be mapped
        short = weights.with_name("short")
        short.write_bytes(weights.read_bytes()[: whole_size // 2])
        short.replace(weights)
    else:
        weights.unlink()
    assert 2.0 < seconds_spoken(model, config, prepared) < 5.0
    assert "cannot be read" in capfd.readouterr().err
    assert weights.stat().st_size == whole_size  # made again, whole


def test_a_damaged_copy_is_remade_and_the_voice_still_speaks(
    home: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    model, config = own_voice(home / "voices")
    prepared = home / "voice-models"
    seconds_spoken(model, config, prepared)
    copy = prepared / prepared_name(model)
    whole_size = copy.stat().st_size
    copy.write_bytes(copy.read_bytes()[:100_000])  # cut short, as by a full disk
    assert 2.0 < seconds_spoken(model, config, prepared) < 5.0
    assert "cannot be read" in capfd.readouterr().err
    assert copy.stat().st_size == whole_size  # made again, whole


def test_a_replaced_voice_file_is_optimised_anew_and_its_old_copy_removed(home: Path) -> None:
    model, config = own_voice(home / "voices")
    prepared = home / "voice-models"
    seconds_spoken(model, config, prepared)
    old = prepared_name(model)
    later = model.stat().st_mtime_ns + 5_000_000_000
    os.utime(model, ns=(later, later))  # the person put a new file in its place
    assert prepared_name(model) != old
    seconds_spoken(model, config, prepared)
    copy = prepared / prepared_name(model)
    assert sorted(path.name for path in prepared.iterdir()) == [copy.name, weights_of(copy).name]


def test_the_worker_keeps_the_copy_beside_the_clips(home: Path) -> None:
    cache = ClipCache(home / "clips", voices=home / "voices")
    with ClipRenderer(cache) as renderer:
        result = renderer.render(["Rest."], VoiceChoice(NATURAL_DEFAULT, 165))
    assert result.notice is None
    bundled = piper_models(None)[0]
    assert (home / "voice-models" / prepared_name(bundled.model)).is_file()
    assert not list((home / "clips").glob("*.onnx"))


def test_removing_a_voice_removes_its_copy_and_only_its(home: Path) -> None:
    model, config = own_voice(home / "voices")
    prepared = home / "voice-models"
    seconds_spoken(model, config, prepared)
    others = [prepared / f"{name}-{'0' * 20}.onnx" for name in ("other", "voice-two")]
    for other in others:
        other.write_bytes(b"another voice's copy")
    remove_voice("piper:voice", home / "voices", prepared=prepared)
    assert not model.exists()
    assert sorted(prepared.iterdir()) == sorted(others)


def test_what_a_stopped_worker_left_while_optimising_is_removed_and_only_that(
    home: Path,
) -> None:
    model, config = own_voice(home / "voices")
    prepared = home / "voice-models"
    prepared.mkdir(mode=0o700)
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    name = prepared_name(model)
    stopped = prepared / f".{name}.{gone.pid}.part"  # a folder, as made now
    stopped.mkdir()
    (stopped / name).write_bytes(b"half a graph")
    older = prepared / f".voice-{'0' * 20}.onnx.{gone.pid}.part"  # a file, as made before
    older.write_bytes(b"half a model")
    running = prepared / f".{name}.{os.getppid()}.part"  # still at work
    running.mkdir()
    others = prepared / f".other-{'0' * 20}.onnx.{gone.pid}.part"  # another voice's
    others.write_bytes(b"not this voice's")
    assert 2.0 < seconds_spoken(model, config, prepared) < 5.0
    copy = prepared / name
    assert sorted(path.name for path in prepared.iterdir()) == sorted(
        [copy.name, weights_of(copy).name, running.name, others.name]
    )
