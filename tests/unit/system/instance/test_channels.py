"""Both local channels of single-instance: Unix sockets (Linux, macOS) and QtNetwork (Windows).

The QtNetwork channel is what Windows uses; its QLocalServer also works here, so
it is checked here the same way as the Unix one.
"""

from __future__ import annotations

import stat
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from stretchtimer.system.instance import handoff as single_instance
from stretchtimer.system.instance.handoff import Address, InstanceServer
from stretchtimer.system.instance.protocol import Reply, Request
from stretchtimer.system.instance.unix_channel import socket_path
from tests.conftest import REPO


@pytest.fixture(params=["unix", "qt"])
def channel(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setattr(single_instance, "_use_unix_sockets", lambda: request.param == "unix")
    return str(request.param)


CLIENT = """
import sys
from stretchtimer.system.instance import handoff as single_instance
from stretchtimer.system.instance.protocol import Request
from stretchtimer.system.instance.handoff import Address, send
single_instance._use_unix_sockets = lambda: sys.argv[1] == "unix"
request = Request(sys.argv[4], sys.argv[5], sys.argv[6])
reply = send(request, Address(sys.argv[2], __import__("pathlib").Path(sys.argv[3])))
print("none" if reply is None else reply.to_line().decode().strip())
"""


def ask(request: Request, address: Address, channel: str, qtbot) -> Reply | None:  # type: ignore[no-untyped-def]
    """Send from another process, as a later launch does, while Qt serves here."""
    client = subprocess.Popen(
        [
            sys.executable,
            "-c",
            CLIENT,
            channel,
            address.server,
            str(address.lock),
            request.command,
            request.routine,
            request.startup_id,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    qtbot.waitUntil(lambda: client.poll() is not None, timeout=30_000)
    out, err = client.communicate()
    assert client.returncode == 0, err
    line = out.strip()
    return None if line == "none" else Reply.from_line(line.encode())


def test_single_instance_channel_carries_requests_and_replies(
    qtbot,
    qapp,
    tmp_path: Path,
    channel: str,  # type: ignore[no-untyped-def]
) -> None:
    address = Address(str(tmp_path / "app.sock"), tmp_path / "app.lock")
    server = InstanceServer(address)
    assert server.listen()
    played: list[tuple[str, str]] = []
    activated: list[str] = []
    server.play_requested.connect(lambda routine, token: played.append((routine, token)))
    server.activate_requested.connect(activated.append)
    try:
        assert ask(Request("play", "desk-hips", "token-1"), address, channel, qtbot) == Reply(True)
        assert ask(Request("activate"), address, channel, qtbot) == Reply(True)
        QCoreApplication.processEvents()
        assert played == [("desk-hips", "token-1")] and activated == [""]
        if channel == "unix":
            assert stat.S_IMODE(socket_path(address.server).stat().st_mode) & 0o077 == 0
    finally:
        server.close()
    assert ask(Request("activate"), address, channel, qtbot) is None  # nobody listens any more


def test_single_instance_channel_replaces_a_socket_left_by_a_crash(
    qtbot,
    qapp,
    tmp_path: Path,
    channel: str,  # type: ignore[no-untyped-def]
) -> None:
    address = Address(str(tmp_path / "app.sock"), tmp_path / "app.lock")
    Path(address.server).write_bytes(b"")  # what a killed app may leave behind
    server = InstanceServer(address)
    try:
        assert server.listen()
        assert ask(Request("activate"), address, channel, qtbot) == Reply(True)
    finally:
        server.close()
