"""The speech worker protocol against a fake driver that hangs, crashes, prints junk
and writes nothing (``tests/unit/speech/fake_tts_worker.py``): the renderer kills and
restarts a bad worker once, then gives up with a reason, and never hangs itself."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from stretchtimer.speech.clip_cache import ClipCache, VoiceChoice
from stretchtimer.speech.problems import SpeechProblem
from stretchtimer.speech.renderer import ClipRenderer
from stretchtimer.speech.worker import FILE_WAIT
from tests.conftest import REPO

FAKE_WORKER = (sys.executable, "-m", "tests.unit.speech.fake_tts_worker")
VOICE = VoiceChoice("pyttsx3:", 165)  # the fake is a pyttsx3 driver
TIMEOUT = 1.5


@pytest.fixture(autouse=True)
def fake_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PYTHONPATH", str(REPO))
    monkeypatch.setenv("FAKE_TTS_STATE", str(tmp_path))


def renderer(home: Path, timeout: float = TIMEOUT) -> ClipRenderer:
    return ClipRenderer(
        ClipCache(home / "clips", engine="fake"), worker_command=FAKE_WORKER, clip_timeout=timeout
    )


def test_a_working_driver_renders_each_text_once(home: Path) -> None:
    with renderer(home) as subject:
        result = subject.render(["Rest.", "Switch sides.", "Rest."], VOICE)
    assert result.notice is None
    assert sorted(result.clips) == ["Rest.", "Switch sides."]
    assert result.rendered == 2
    clip = result.clips["Switch sides."]
    assert clip.seconds == pytest.approx(0.05 * len("Switch sides."), abs=0.01)
    assert clip.path.exists()
    assert not list((home / "clips").glob(".*"))  # no scratch files left behind


def test_junk_printed_by_the_driver_does_not_break_the_protocol(home: Path) -> None:
    with renderer(home) as subject:
        result = subject.render(["junk and then words"], VOICE)
    assert result.notice is None
    # The junk even imitated a reply ("seconds": 99); the real length came through.
    assert result.clips["junk and then words"].seconds == pytest.approx(0.95, abs=0.01)


def test_a_hung_driver_is_killed_restarted_once_then_given_up(home: Path) -> None:
    with renderer(home) as subject:
        started = time.monotonic()
        result = subject.render(["Rest.", "hang forever please"], VOICE)
        elapsed = time.monotonic() - started
        assert not subject._workers  # the hung worker was killed, not left running
    assert result.notice is not None
    assert result.notice.problem is SpeechProblem.ENGINE_HUNG
    assert result.notice.sentence.startswith("The voice is off because the speech engine stopped")
    assert "Rest." in result.clips  # rendered before the hang, and kept in the cache
    assert elapsed < 2 * TIMEOUT + 10  # two timeouts and two starts, not forever


def test_a_crashing_driver_is_restarted_once_then_given_up(home: Path) -> None:
    with renderer(home) as subject:
        result = subject.render(["crash right now"], VOICE)
    assert result.notice is not None
    assert result.notice.problem is SpeechProblem.ENGINE_FAILED
    assert "exited" in result.notice.detail


def test_one_crash_is_forgiven_by_a_restart(home: Path) -> None:
    with renderer(home) as subject:
        result = subject.render(["crash-once then fine", "Rest."], VOICE)
    assert result.notice is None
    assert sorted(result.clips) == ["Rest.", "crash-once then fine"]


def test_a_driver_that_writes_nothing_is_given_up_with_a_reason(home: Path) -> None:
    # The worker waits worker.FILE_WAIT for a late file before it answers.
    with renderer(home, timeout=FILE_WAIT + 1) as subject:
        result = subject.render(["nothing comes out"], VOICE)
    assert result.notice is not None
    assert result.notice.problem is SpeechProblem.ENGINE_FAILED
    assert result.notice.detail == "the driver wrote no sound file"
    assert result.clips == {}


def test_a_driver_that_cannot_load_means_no_engine_without_retrying(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_TTS_START", "fail")
    with renderer(home) as subject:
        started = time.monotonic()
        result = subject.render(["Rest."], VOICE)
    assert result.notice is not None
    assert result.notice.problem is SpeechProblem.NO_LIBRARY
    assert "libespeak-ng1" in result.notice.sentence
    assert time.monotonic() - started < TIMEOUT + 5


def test_an_unknown_voice_is_reported_by_name(home: Path) -> None:
    with renderer(home) as subject:
        result = subject.render(["Rest."], VoiceChoice("fake/xx", 165))
        voices = subject.voices()
    assert result.notice is not None
    assert result.notice.problem is SpeechProblem.UNKNOWN_VOICE
    assert result.notice.voice == "fake/xx"
    assert [voice["id"] for voice in voices] == ["fake/en", "fake/fr"]
    assert voices[0] == {
        "id": "fake/en",
        "name": "Fake English",
        "languages": ["en"],
        "default": True,  # the one the driver speaks with when none is chosen
    }


def test_closing_a_worker_that_is_gone_and_reaped_never_raises() -> None:
    import os
    import signal

    from stretchtimer.speech.worker_client import WorkerProcess

    worker = WorkerProcess(FAKE_WORKER, start_timeout=10)
    os.kill(worker.process.pid, signal.SIGKILL)
    os.waitpid(worker.process.pid, 0)  # reaped by somebody else: waiting for it fails
    worker.close()
    worker.kill()
    worker.close()  # and again: nothing left to do, nothing raised
