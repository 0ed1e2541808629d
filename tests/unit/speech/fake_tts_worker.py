"""The speech worker with a fake pyttsx3 driver, for tests only.

Run as ``python -m tests.unit.speech.fake_tts_worker``: it registers this module as
the pyttsx3 driver ``pyttsx3.drivers.fake`` and serves the real worker protocol
(``stretchtimer.speech.worker.main``). The production worker never sees it.

What the fake does depends on the text it is asked to say, so one worker can
behave well and badly in turn:

- ``hang ...``: never finishes (the worker must be killed);
- ``crash ...``: the process dies at once;
- ``junk ...``: prints junk on stdout, from Python and straight to fd 1, then works;
- ``nothing ...``: finishes without writing a file;
- ``crash-once ...``: dies the first time in a process folder it is asked (see
  FAKE_TTS_STATE), works after that;
- anything else: writes a short tone the length of the text.

``FAKE_TTS_START=fail`` makes loading the driver fail like a missing library.
"""

from __future__ import annotations

import math
import os
import struct
import sys
import time
import wave
from pathlib import Path
from typing import Any

RATE = 22050


class FakeVoice:
    def __init__(self, voice_id: str, name: str, language: str) -> None:
        self.id = voice_id
        self.name = name
        self.languages = [language]


VOICES = [FakeVoice("fake/en", "Fake English", "en"), FakeVoice("fake/fr", "Fake French", "fr")]


def buildDriver(proxy: Any) -> FakeDriver:
    if os.environ.get("FAKE_TTS_START") == "fail":
        raise RuntimeError("This means you probably do not have eSpeak or eSpeak-ng installed!")
    return FakeDriver(proxy)


class FakeDriver:
    def __init__(self, proxy: Any) -> None:
        self._proxy = proxy
        self._job: tuple[str, str] | None = None
        self._properties: dict[str, Any] = {"voice": "fake/en", "rate": 200, "volume": 1.0}

    def destroy(self) -> None:
        pass

    def getProperty(self, name: str) -> Any:
        if name == "voices":
            return VOICES
        return self._properties[name]

    def setProperty(self, name: str, value: Any) -> None:
        self._properties[name] = value

    def save_to_file(self, text: str, filename: str) -> None:
        self._job = (text, filename)

    def say(self, text: str) -> None:
        self._job = (text, "")

    def stop(self) -> None:
        pass

    def endLoop(self) -> None:
        pass

    def iterate(self) -> None:
        pass

    def startLoop(self) -> None:
        self._proxy.setBusy(False)
        if self._job is None:
            return
        text, filename = self._job
        self._job = None
        word = text.split()[0] if text.split() else ""
        if word == "hang":
            while True:
                time.sleep(1)
        if word == "crash" or (word == "crash-once" and _first_time()):
            os._exit(3)
        if word == "junk":
            print("Audio saved to nowhere {not json")
            sys.stdout.flush()
            os.write(1, b'{"id": 1, "ok": true, "seconds": 99}\n')
        if word != "nothing" and filename:
            _write_tone(Path(filename), seconds=0.05 * len(text))
        self._proxy.notify("finished-utterance", completed=True)


def _first_time() -> bool:
    marker = Path(os.environ["FAKE_TTS_STATE"]) / "crashed-once"
    if marker.exists():
        return False
    marker.touch()
    return True


def _write_tone(path: Path, seconds: float) -> None:
    frames = b"".join(
        struct.pack("<h", round(8000 * math.sin(2 * math.pi * 440 * index / RATE)))
        for index in range(round(seconds * RATE))
    )
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(frames)


if __name__ == "__main__":
    sys.modules["pyttsx3.drivers.fake"] = sys.modules[__name__]
    from stretchtimer.speech import worker

    sys.exit(worker.main(driver_name="fake"))
