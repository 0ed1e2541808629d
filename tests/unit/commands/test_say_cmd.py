"""``stretchtimer voices``, ``say`` and the voice options of ``play``, with real espeak-ng."""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from stretchtimer.speech.wav import read_samples, rms
from tests.conftest import REPO, run_cli
from tests.unit.commands.test_play_cmd import Terminal


def test_voices_lists_both_engines_with_the_default_marked(home: Path) -> None:
    table = run_cli("voices", home=home)
    assert table.returncode == 0, table.stderr
    lines = table.stdout.splitlines()
    assert lines[0].split() == ["ID", "NAME", "LANGUAGE"]
    assert any(
        line.split()[0] == "pyttsx3:gmw/en-us" and line.split()[-1] == "en-us" for line in lines
    )
    assert lines[1].split()[:2] == ["piper:en_US-joe-medium", "*"]  # the natural voice speaks
    listing = json.loads(run_cli("voices", "--json", home=home).stdout)
    assert len(listing) == len(lines) - 1 > 50
    english = next(voice for voice in listing if voice["id"] == "pyttsx3:gmw/en")
    assert english == {
        "id": "pyttsx3:gmw/en",
        "engine": "pyttsx3",
        "name": "English (Great Britain)",
        "language": "en-gb",
        "default": False,
    }
    assert [voice["id"] for voice in listing if voice["default"]] == ["piper:en_US-joe-medium"]
    natural = listing[0]
    assert (natural["engine"], natural["language"]) == ("piper", "en_US")


def test_say_writes_a_wav_file_with_the_voice_and_rate_asked_for(home: Path) -> None:
    slow, fast = home / "slow.wav", home / "fast.wav"
    for target, rate in ((slow, "110"), (fast, "300")):
        result = run_cli(
            "say", "Roll your shoulders back.", "--to", str(target), "--rate", rate, home=home
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == str(target)
    samples, info = read_samples(slow)
    assert info.rate == 22050 and rms(samples) > 0.03
    assert info.seconds > 1.7 * read_samples(fast)[1].seconds
    assert stat.S_IMODE(slow.stat().st_mode) == 0o600
    american = home / "us.wav"
    result = run_cli("say", "Tomato.", "--to", str(american), "--voice", "gmw/en-us", home=home)
    assert result.returncode == 0, result.stderr


def test_say_refuses_bad_requests_in_one_sentence(home: Path) -> None:
    cases = [
        (("say", "Hi", "--voice", "xx/none"), "there is no voice 'xx/none'"),
        (("say", "Hi", "--to", str(home / "missing" / "a.wav")), "does not exist"),
        (("say", "Hi", "--to", str(home / "a.mp3")), "should end in .wav"),
        (("say", "   "), "give a text of 1 to 2000 characters"),
    ]
    for args, message in cases:
        result = run_cli(*args, home=home)
        assert result.returncode == 1, args
        assert len(result.stderr.splitlines()) == 1 and message in result.stderr, result.stderr


def test_play_refuses_a_rate_out_of_range(home: Path) -> None:
    result = run_cli("play", "desk-hips", "--no-gui", "--rate", "1000", home=home)
    assert result.returncode == 2
    assert "expected a rate from 80 to 400 words per minute, found 1000" in result.stderr


TINY = 'format = 1\ntitle = "Tiny"\n[pace]\nprepare = 1\n[[step]]\nname = "Reach"\nhold = 2\n'


def test_a_routine_played_once_starts_without_rendering_again(home: Path) -> None:
    routine = home / "tiny.toml"
    routine.write_text(TINY, encoding="utf-8")
    silent = {"PULSE_SERVER": f"unix:{home}/no-server"}  # this test is about the clips
    log = home / "logs" / "stretchtimer.log"
    # espeak-ng renders every clip long before this session ends (the natural voice may
    # leave the last ones for the next time: they render while that session plays).
    (home / "config").mkdir()
    (home / "config" / "settings.toml").write_text('[voice]\nvoice = "pyttsx3:"\n')
    first = run_cli("play", str(routine), "--no-gui", home=home, env=silent)
    assert first.returncode == 0, first.stderr
    clips = home / "cache" / "clips"
    made = {path.name: path.stat().st_mtime_ns for path in clips.iterdir()}
    assert len(made) >= 4  # the intro, "Hold for two seconds.", the countdown, the end
    assert log.read_text().count("speech worker") >= 1
    log.write_text("")
    # Played again, and muted at another rate: side by side (each session mostly waits on
    # its timers), the muted one in a home of its own with the same settings and clips.
    other = home / "other-home"
    shutil.copytree(home / "config", other / "config")
    shutil.copytree(clips, other / "cache" / "clips")
    with ThreadPoolExecutor(max_workers=2) as pool:
        again_run = pool.submit(run_cli, "play", str(routine), "--no-gui", home=home, env=silent)
        muted_run = pool.submit(
            run_cli, "play", str(routine), "--no-gui", "--mute", "--rate", "200", home=other
        )
        again, muted = again_run.result(), muted_run.result()
    assert again.returncode == 0, again.stderr
    assert {path.name: path.stat().st_mtime_ns for path in clips.iterdir()} == made
    assert "speech worker" not in log.read_text()  # no speech engine was started
    assert muted.returncode == 0
    other_clips = other / "cache" / "clips"
    assert {path.name for path in other_clips.iterdir()} == set(made)  # muted: nothing rendered


def test_a_progress_bar_shows_while_clips_render_and_only_then(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    routine = home / "tiny.toml"
    routine.write_text(TINY, encoding="utf-8")
    monkeypatch.setenv("PULSE_SERVER", f"unix:{home}/no-server")
    for rendering in (True, False):
        term = Terminal(home, str(routine), "--no-gui")
        try:
            if not rendering:
                # Every clip is there before the session starts (that is what is checked):
                # its two segments are skipped (N) as each shows, not waited out. The first
                # session is not, so that its clips are all made as it plays.
                term.read_until(r"1/1 Reach · get ready")
                term.press("n")
                term.read_until(r"1/1 Reach · hold")
                term.press("n")
            term.read_until("Session complete")
            assert term.wait() == 0
        finally:
            term.close()
        assert ("Preparing the voice" in term.output) is rendering
        assert re.search(r"Preparing the voice  [█░]{20} \d+/\d+", term.output) or not rendering


def test_without_a_working_onnxruntime_the_system_voice_speaks_and_one_line_says_why(
    home: Path,
) -> None:
    # onnxruntime's native library fails to load on some processors: its import raises.
    # A package of that name that does the same stands in front of the real one.
    shadow = home / "no-onnxruntime" / "onnxruntime"
    shadow.mkdir(parents=True)
    (shadow / "__init__.py").write_text(
        'raise ImportError("onnxruntime cannot load its library on this processor")\n',
        encoding="utf-8",
    )
    said = home / "said.wav"
    result = run_cli(
        "say",
        "Hello there.",
        "--to",
        str(said),
        home=home,
        env={"PYTHONPATH": f"{shadow.parent}{os.pathsep}{REPO}"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        "stretchtimer: The natural voice cannot speak here (onnxruntime does not run on this "
        "computer), so the system voice speaks this session instead; the app's log has the "
        "details."
    ]
    samples, info = read_samples(said)
    assert info.seconds > 0.4 and rms(samples) > 0.03  # said, by espeak-ng
