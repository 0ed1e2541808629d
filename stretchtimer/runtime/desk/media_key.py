"""Media steps aside on Windows: the system's Play/Pause key, pressed only when sound plays.

Windows' own media controls (``GlobalSystemMediaTransportControlsSessionManager``)
are a WinRT API, out of reach of plain ctypes, so which player plays cannot be
asked. What can be done with ctypes alone:

* **Is something playing?** The peak level of the default sound output, from Core
  Audio's ``IAudioMeterInformation`` (COM through ctypes). Read four times over
  60 ms, so the gap between two notes does not read as silence.
* **Pause it**: press the media key ``VK_MEDIA_PLAY_PAUSE`` (``keybd_event``); the
  player that owns the media session (Spotify, a browser, the Media Player) pauses.

The key toggles: pressed when nothing plays it would *start* music. So it is pressed
at a session's start only when the output is playing, and at the end only when it
was pressed at the start. When the level cannot be read, nothing is pressed.

The system calls sit behind :class:`MediaKeyCalls`, one method each; tests fake them.
"""

from __future__ import annotations

import ctypes
import logging
import sys
import time
import uuid
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from stretchtimer.runtime.desk.media_token import PausedPlayer, PausedPlayers

log = logging.getLogger(__name__)

MEDIA_KEY = PausedPlayer("the media key (Play/Pause)", "system")
READINGS, READING_GAP = 4, 0.02  # 60 ms on the GUI thread at a session's start: within a few frames
SILENCE = 0.001  # a peak below this (of full scale) is silence
VK_MEDIA_PLAY_PAUSE, KEYEVENTF_EXTENDEDKEY, KEYEVENTF_KEYUP = 0xB3, 0x1, 0x2
CLSID_ENUMERATOR = "BCDE0395-E52F-467C-8E3D-C4579291692E"  # MMDeviceEnumerator
IID_ENUMERATOR = "A95664D2-9614-4F35-A746-DE8DB63617E6"  # IMMDeviceEnumerator
IID_METER = "C02216F6-8C67-4B5B-9D00-D008E73E0064"  # IAudioMeterInformation
CLSCTX_ALL, E_RENDER, E_MULTIMEDIA = 0x17, 0, 1


class MediaKeyCalls(Protocol):
    """One system call each; either may raise."""

    def peak(self) -> float:
        """The default output's peak level now, 0.0 to 1.0."""
        ...

    def press_play_pause(self) -> None: ...


def playing(peaks: Sequence[float | None]) -> bool | None:
    """Sound plays when any reading is above silence; None when no reading succeeded."""
    known = [peak for peak in peaks if peak is not None]
    if not known:
        return None
    return any(peak > SILENCE for peak in known)


class MediaKeyControl:
    """Pauses whatever plays with the media key, and presses it again only after it did."""

    def __init__(
        self, calls: MediaKeyCalls | None, sleep: Callable[[float], None] = time.sleep
    ) -> None:
        self.calls = calls
        self.sleep = sleep

    def available(self) -> bool:
        return self.calls is not None

    def playing(self) -> bool | None:
        peaks: list[float | None] = []
        for index in range(READINGS):
            if index:
                self.sleep(READING_GAP)
            peaks.append(self._peak())
        return playing(peaks)

    def pause_playing(self) -> PausedPlayers:
        if self.calls is None:
            return PausedPlayers()
        now = self.playing()
        if now is not True:
            log.info("media key not pressed: %s", "nothing plays" if now is False else "unknown")
            return PausedPlayers()
        if not self._press():
            return PausedPlayers()
        log.info("paused for the session with the media key")
        return PausedPlayers((MEDIA_KEY,))

    def resume(self, token: PausedPlayers) -> list[str]:
        if MEDIA_KEY not in token.players or not self._press():
            return []
        log.info("resumed after the session with the media key")
        return [MEDIA_KEY.name]

    def _peak(self) -> float | None:
        assert self.calls is not None
        try:
            return float(self.calls.peak())
        except Exception as error:  # COM refused, no output device: cannot tell
            log.debug("output level: %s", error)
            return None

    def _press(self) -> bool:
        assert self.calls is not None
        try:
            self.calls.press_play_pause()
        except Exception as error:
            log.info("the media key could not be pressed: %s", error)
            return False
        return True


class _Guid(ctypes.Structure):
    _fields_ = [
        ("data1", ctypes.c_uint32),
        ("data2", ctypes.c_uint16),
        ("data3", ctypes.c_uint16),
        ("data4", ctypes.c_ubyte * 8),
    ]


def _guid(text: str) -> _Guid:
    return _Guid.from_buffer_copy(uuid.UUID(text).bytes_le)


def _method(interface: ctypes.c_void_p, index: int, *arguments: Any) -> Any:
    """Method ``index`` of a COM interface's table (0-2 are IUnknown's)."""
    table = ctypes.cast(interface, ctypes.POINTER(ctypes.POINTER(ctypes.c_void_p))).contents
    prototype = ctypes.WINFUNCTYPE(ctypes.c_long, ctypes.c_void_p, *arguments)  # type: ignore[attr-defined,unused-ignore]
    return prototype(table[index])


def _checked(result: int, what: str) -> None:
    if result < 0:
        raise OSError(f"{what}: HRESULT {result & 0xFFFFFFFF:#x}")


def _release(interface: ctypes.c_void_p) -> None:
    if interface:
        _method(interface, 2)(interface)


class SystemCalls:
    """Core Audio's peak meter and ``keybd_event`` (Windows only)."""

    def __init__(self) -> None:
        loader = ctypes.WinDLL  # type: ignore[attr-defined,unused-ignore]
        self.ole32, self.user32 = loader("ole32"), loader("user32")
        self.ole32.CoInitializeEx.restype = ctypes.c_long
        self.ole32.CoCreateInstance.restype = ctypes.c_long

    def peak(self) -> float:
        started = self.ole32.CoInitializeEx(None, 0)  # COINIT_MULTITHREADED
        enumerator, device, meter = ctypes.c_void_p(), ctypes.c_void_p(), ctypes.c_void_p()
        try:
            _checked(
                self.ole32.CoCreateInstance(
                    ctypes.byref(_guid(CLSID_ENUMERATOR)), None, CLSCTX_ALL,
                    ctypes.byref(_guid(IID_ENUMERATOR)), ctypes.byref(enumerator),
                ),
                "CoCreateInstance",
            )  # fmt: skip
            default_endpoint = _method(enumerator, 4, ctypes.c_int, ctypes.c_int, ctypes.c_void_p)
            _checked(
                default_endpoint(enumerator, E_RENDER, E_MULTIMEDIA, ctypes.byref(device)),
                "GetDefaultAudioEndpoint",
            )
            activate = _method(device, 3, ctypes.c_void_p, ctypes.c_uint32, ctypes.c_void_p,
                               ctypes.c_void_p)  # fmt: skip
            _checked(
                activate(device, ctypes.byref(_guid(IID_METER)), CLSCTX_ALL, None,
                         ctypes.byref(meter)),
                "Activate",
            )  # fmt: skip
            value = ctypes.c_float()
            _checked(_method(meter, 3, ctypes.c_void_p)(meter, ctypes.byref(value)), "GetPeakValue")
            return float(value.value)
        finally:
            for interface in (meter, device, enumerator):
                _release(interface)
            if started >= 0:
                self.ole32.CoUninitialize()

    def press_play_pause(self) -> None:
        self.user32.keybd_event(VK_MEDIA_PLAY_PAUSE, 0, KEYEVENTF_EXTENDEDKEY, 0)
        self.user32.keybd_event(VK_MEDIA_PLAY_PAUSE, 0, KEYEVENTF_EXTENDEDKEY | KEYEVENTF_KEYUP, 0)


def media_key_control() -> MediaKeyControl:
    """The media key of this Windows machine; without the system calls, one that does nothing."""
    calls: MediaKeyCalls | None = None
    if sys.platform == "win32":
        try:
            calls = SystemCalls()
        except (OSError, AttributeError) as error:
            log.info("the media key cannot be used: %s", error)
    return MediaKeyControl(calls)
