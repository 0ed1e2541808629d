"""The audio process tells the app when Qt's sound back end has failed: the server went
away, or a notifier was left on a closed connection and Qt's loop spins on it."""

from __future__ import annotations

import json
import logging

import pytest

from stretchtimer.runtime.audio.child import _ToApp


def told(capfd: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    return [json.loads(line) for line in capfd.readouterr().out.splitlines()]


def record(text: str) -> logging.LogRecord:
    return logging.LogRecord("qt", logging.WARNING, __file__, 1, text, None, None)


@pytest.mark.parametrize(
    "text",
    [
        "PulseAudioService: Context terminated",
        "QSocketNotifier: Invalid socket 9 with type Read, disabling...",
    ],
)
def test_a_failed_sound_back_end_is_told_once_as_lost(
    capfd: pytest.CaptureFixture[str], text: str
) -> None:
    handler = _ToApp()
    for _ in range(3):  # a spinning loop says it thousands of times
        handler.emit(record(text))
    lines = told(capfd)
    assert [line["is"] for line in lines] == ["log", "lost", "log", "log"]
    assert lines[0]["text"] == text


def test_other_words_are_only_logged(capfd: pytest.CaptureFixture[str]) -> None:
    _ToApp().emit(record("could not load sound /tmp/x.wav"))
    assert [line["is"] for line in told(capfd)] == ["log"]
