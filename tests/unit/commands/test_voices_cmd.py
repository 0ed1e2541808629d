"""``stretchtimer voices add`` and ``remove`` with real Piper voice files: a good voice is
checked by speaking and copied; a file that is not a voice, is cut short or lacks its
config is refused in one sentence and nothing is copied."""

from __future__ import annotations

import json
import stat
from pathlib import Path

from tests.conftest import run_cli
from tests.unit.speech.test_piper_speaker import bundled_copy


def installed(home: Path) -> list[str]:
    listing = json.loads(run_cli("voices", "--json", home=home).stdout)
    return [voice["id"] for voice in listing if voice["engine"] == "piper"]


def test_a_downloaded_voice_is_added_spoken_with_and_removed(home: Path, tmp_path: Path) -> None:
    model = bundled_copy(tmp_path / "downloads", "en_US-amy-medium")
    added = run_cli("voices", "add", str(model), home=home)
    assert added.returncode == 0, added.stderr
    assert "piper:en_US-amy-medium" in added.stdout
    kept = home / "data" / "voices" / "en_US-amy-medium.onnx"
    assert kept.read_bytes() == model.read_bytes()
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert sorted(item.name for item in kept.parent.iterdir()) == [
        "en_US-amy-medium.onnx",
        "en_US-amy-medium.onnx.json",
    ]  # no staging folder or trial clip left behind
    assert installed(home) == ["piper:en_US-joe-medium", "piper:en_US-amy-medium"]
    said = home / "said.wav"
    result = run_cli(
        "say", "Hello.", "--voice", "piper:en_US-amy-medium", "--to", str(said), home=home
    )
    assert result.returncode == 0, result.stderr
    assert said.stat().st_size > 10_000
    twice = run_cli("voices", "add", str(model), home=home)
    assert twice.returncode == 1
    assert "already installed" in twice.stderr and len(twice.stderr.splitlines()) == 1
    removed = run_cli("voices", "remove", "piper:en_US-amy-medium", home=home)
    assert removed.returncode == 0, removed.stderr
    assert list(kept.parent.iterdir()) == []
    assert installed(home) == ["piper:en_US-joe-medium"]


def test_broken_voice_files_are_refused_in_one_sentence_and_nothing_is_copied(
    home: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "downloads"
    truncated = bundled_copy(folder, "en_US-cut-medium")
    truncated.write_bytes(truncated.read_bytes()[:3_000_000])
    not_a_voice = bundled_copy(folder, "en_US-text-medium")
    not_a_voice.write_text("this is a shopping list, not a voice\n", encoding="utf-8")
    lonely = bundled_copy(folder, "en_US-lonely-medium")
    lonely.with_name(lonely.name + ".json").unlink()
    bad_config = bundled_copy(folder, "en_US-badconfig-medium")
    bad_config.with_name(bad_config.name + ".json").write_text("{}", encoding="utf-8")
    deep_config = bundled_copy(folder, "en_US-deepconfig-medium")
    deep_config.with_name(deep_config.name + ".json").write_text("[" * 5000, encoding="utf-8")
    cases = [
        (truncated, "does not speak (its voice file is damaged or incomplete)"),
        (not_a_voice, "does not speak (its voice file is damaged or incomplete)"),
        (lonely, "en_US-lonely-medium.onnx.json is missing"),
        (bad_config, "is not a Piper voice config"),
        (deep_config, "en_US-deepconfig-medium.onnx.json cannot be read"),
        (folder / "en_US-cut-medium.onnx.json", "is not a Piper voice"),
        (folder / "missing.onnx", "There is no file"),
    ]
    for path, message in cases:
        result = run_cli("voices", "add", str(path), home=home)
        assert result.returncode == 1, path
        assert len(result.stderr.splitlines()) == 1, result.stderr
        assert message in result.stderr, result.stderr
        assert "Traceback" not in result.stderr
    voices = home / "data" / "voices"
    assert not voices.exists() or list(voices.iterdir()) == []
    assert installed(home) == ["piper:en_US-joe-medium"]


def test_the_bundled_and_system_voices_cannot_be_removed(home: Path) -> None:
    cases = [
        ("piper:en_US-joe-medium", "comes with the app and cannot be removed"),
        ("pyttsx3:gmw/en-us", "is one of the system's voices"),
        ("piper:en_US-nobody-low", "There is no voice piper:en_US-nobody-low"),
    ]
    for voice, message in cases:
        result = run_cli("voices", "remove", voice, home=home)
        assert result.returncode == 1
        assert len(result.stderr.splitlines()) == 1 and message in result.stderr, result.stderr
