"""Media steps aside for a session: real MPRIS players on a private session bus."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager

import pytest
from PySide6.QtDBus import QDBusConnection
from PySide6.QtWidgets import QApplication

from stretchtimer.runtime.desk.media import MediaControl, PausedPlayers
from tests.integration.desk.desktop_session import (
    Lines,
    running_service,
    session_bus,
)

Player = Callable[..., AbstractContextManager[Lines]]


@pytest.fixture
def bus_address(qapp: QApplication) -> Iterator[str]:
    with session_bus() as address:
        yield address


@pytest.fixture
def player(bus_address: str) -> Player:
    def start(name: str, status: str = "Playing") -> AbstractContextManager[Lines]:
        return running_service("fake_player", bus_address, name, status)

    return start


def status_of(lines: Lines) -> str:
    lines.send("status")
    return str(lines.wait_for("done")["status"])


def media_on(address: str, name: str) -> MediaControl:
    bus = QDBusConnection.connectToBus(address, name)
    assert bus.isConnected()
    return MediaControl(bus)


def test_music_pauses_for_the_session_and_only_it_comes_back(
    bus_address: str, player: Player
) -> None:
    media = media_on(bus_address, "media-session")
    with (
        player("music") as music,
        player("podcast", "Paused") as podcast,
        player("video", "Stopped") as video,
    ):
        token = media.pause_playing()
        assert [paused.name for paused in token.players] == ["org.mpris.MediaPlayer2.music"]
        assert music.wait_for("called") == {"called": "Pause", "status": "Paused"}
        assert status_of(podcast) == "Paused" and status_of(video) == "Stopped"

        with player("radio") as radio:  # started by the person during the session
            assert media.resume(token) == ["org.mpris.MediaPlayer2.music"]
            assert music.wait_for("called") == {"called": "Play", "status": "Playing"}
            assert status_of(radio) == "Playing"
            assert status_of(podcast) == "Paused"  # it was paused before: it stays paused
            assert status_of(video) == "Stopped"
            radio.send("status")
            assert "called" not in radio.line()  # nothing was asked of it


def test_a_player_the_person_handled_during_the_session_is_left_as_they_left_it(
    bus_address: str, player: Player
) -> None:
    media = media_on(bus_address, "media-handled")
    with player("music") as music:
        token = media.pause_playing()
        music.wait_for("called")
        music.send("play")  # the person pressed play in the player itself
        music.wait_for("done")
        music.send("pause")  # and paused it again: still paused, still ours to resume
        music.wait_for("done")
        assert media.resume(token) == ["org.mpris.MediaPlayer2.music"]
    with player("music") as music:
        token = media.pause_playing()
        music.wait_for("called")
    with player("music") as again:  # it quit and started again: a new player
        assert media.resume(token) == []
        assert status_of(again) == "Playing"


def test_without_players_or_a_bus_nothing_happens(bus_address: str) -> None:
    assert media_on(bus_address, "media-empty").pause_playing() == PausedPlayers()
    nowhere = MediaControl(QDBusConnection.connectToBus("unix:path=/nonexistent", "nowhere"))
    assert not nowhere.available()
    assert not nowhere.pause_playing()
    assert nowhere.resume(PausedPlayers()) == []
