"""Windows' media key: pressed at a session's start only while sound plays, pressed again at
the end only if it was pressed; the setting that turns media pausing off covers it."""

from __future__ import annotations

from stretchtimer.runtime.desk.media import MediaBreak, PausedPlayers, control_for
from stretchtimer.runtime.desk.media_key import READINGS, MediaKeyControl, playing
from tests.unit.system.presence.fakes import MediaKeyCallsFake


def control(calls: MediaKeyCallsFake) -> MediaKeyControl:
    return MediaKeyControl(calls, sleep=lambda _seconds: None)


def test_music_that_plays_is_paused_and_played_again_after_the_session() -> None:
    calls = MediaKeyCallsFake(peaks=[0.0, 0.31, 0.0, 0.0])  # a quiet moment between notes
    media = MediaBreak(control(calls))
    assert calls.presses == 1 and media.token
    assert media.end() == ["the media key (Play/Pause)"]
    assert calls.presses == 2
    assert media.end() == [] and calls.presses == 2  # stopped after finishing: once only


def test_nothing_plays_so_the_key_is_never_pressed() -> None:
    calls = MediaKeyCallsFake(peaks=[0.0] * READINGS)
    media = MediaBreak(control(calls))
    assert calls.presses == 0 and not media.token
    assert media.end() == [] and calls.presses == 0  # pressing now would start the music


def test_an_unreadable_output_level_presses_nothing() -> None:
    refused = OSError("CoCreateInstance: HRESULT 0x80040154")  # class not registered
    calls = MediaKeyCallsFake(peaks=[refused] * READINGS)
    media = MediaBreak(control(calls))
    assert calls.presses == 0
    assert media.end() == [] and calls.presses == 0


def test_a_key_that_cannot_be_pressed_is_not_pressed_again_at_the_end() -> None:
    calls = MediaKeyCallsFake(peaks=[0.5], press_fails=OSError("keybd_event refused"))
    media = MediaBreak(control(calls))
    assert not media.token
    calls.press_fails = None
    assert media.end() == [] and calls.presses == 0


def test_the_level_is_read_several_times_and_a_few_failures_do_not_hide_the_music() -> None:
    assert playing([None, 0.2, None, 0.0]) is True
    assert playing([0.0, 0.0005, 0.0, 0.0]) is False  # below the noise floor
    assert playing([None] * READINGS) is None
    assert playing([]) is None


def test_without_the_system_calls_nothing_happens() -> None:
    idle = MediaKeyControl(None)
    assert not idle.available()
    assert idle.pause_playing() == PausedPlayers()


def test_the_setting_off_presses_nothing_on_any_platform() -> None:
    for platform in ("win32", "darwin", "linux"):
        media = MediaBreak.begin(False, platform=platform)
        assert media.control is None and media.end() == []


def test_each_platform_has_its_own_way_or_none() -> None:
    windows = control_for("win32")
    assert isinstance(windows, MediaKeyControl)
    assert not windows.available()  # this machine is not Windows: the key does nothing
    assert MediaBreak(windows).end() == []
    assert control_for("darwin") is None  # no public way without pyobjc
