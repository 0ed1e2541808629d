"""The natural voice's model as onnxruntime optimises it for this computer is kept, owner-
only, and read by later workers instead of optimising again; a damaged or outdated copy
is never used in place of the voice itself."""

from __future__ import annotations

import os
import shutil
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from piper import SynthesisConfig

from stretchtimer.speech import warm
from stretchtimer.speech.clip_cache import ClipCache, VoiceChoice
from stretchtimer.speech.piper_speaker import load_voice, prepared_name
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
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert stat.S_IMODE(prepared.stat().st_mode) == 0o700
    assert [path.name for path in prepared.iterdir()] == [copy.name]  # no scratch left
    kept = copy.stat().st_mtime_ns
    assert 2.0 < seconds_spoken(model, config, prepared) < 5.0  # from the copy
    assert copy.stat().st_mtime_ns == kept  # read, not made again
    assert "cannot" not in capfd.readouterr().err


def test_a_damaged_copy_is_remade_and_the_voice_still_speaks(
    home: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    model, config = own_voice(home / "voices")
    prepared = home / "voice-models"
    seconds_spoken(model, config, prepared)
    copy = prepared / prepared_name(model)
    copy.write_bytes(copy.read_bytes()[:100_000])  # cut short, as by a full disk
    assert 2.0 < seconds_spoken(model, config, prepared) < 5.0
    assert "cannot be read" in capfd.readouterr().err
    assert copy.stat().st_size > 10_000_000  # made again, whole


def test_a_replaced_voice_file_is_optimised_anew_and_its_old_copy_removed(home: Path) -> None:
    model, config = own_voice(home / "voices")
    prepared = home / "voice-models"
    seconds_spoken(model, config, prepared)
    old = prepared_name(model)
    later = model.stat().st_mtime_ns + 5_000_000_000
    os.utime(model, ns=(later, later))  # the person put a new file in its place
    assert prepared_name(model) != old
    seconds_spoken(model, config, prepared)
    assert [path.name for path in prepared.iterdir()] == [prepared_name(model)]


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
