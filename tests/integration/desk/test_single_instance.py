"""One app per person: real processes, real local sockets, a real SIGKILL."""

from __future__ import annotations

import json
import os
import select
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from stretchtimer.storage.paths import app_paths
from stretchtimer.system.instance.handoff import (
    Address,
    Primary,
    claim_or_forward,
    instance_address,
    launch_request,
)
from stretchtimer.system.instance.protocol import MAX_LINE, PROTOCOL, ProtocolError, Reply, Request
from tests.conftest import REPO, run_cli

READY_TIMEOUT = 60.0  # generous: a loaded CI machine starts Python and Qt slowly


class Launch:
    """``python -m tests.integration.desk.instance_app``: the stand-in for the desktop app."""

    def __init__(self, home: Path, *args: str, env: dict[str, str] | None = None) -> None:
        environment = dict(os.environ, STRETCHTIMER_HOME=str(home), **(env or {}))
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.integration.desk.instance_app", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=environment,
            cwd=REPO,
        )
        self._pending = b""

    def line(self, timeout: float = READY_TIMEOUT) -> dict[str, object]:
        """The next JSON line it prints."""
        assert self.process.stdout is not None
        deadline = time.monotonic() + timeout
        while b"\n" not in self._pending:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self.process.stdout], [], [], max(0.0, left))
            if not ready:
                raise AssertionError(f"no line within {timeout} s; stderr: {self.stderr()}")
            chunk = os.read(self.process.stdout.fileno(), 4096)
            if not chunk:
                raise AssertionError(f"it exited early; stderr: {self.stderr()}")
            self._pending += chunk
        line, _, self._pending = self._pending.partition(b"\n")
        return json.loads(line)  # type: ignore[no-any-return]

    def finish(self, timeout: float = READY_TIMEOUT) -> tuple[int, dict[str, object]]:
        """Exit code and the one line a forwarding launch prints."""
        line = self.line(timeout)
        return self.process.wait(timeout), line

    def stderr(self) -> str:
        if self.process.poll() is None:
            return "(still running)"
        assert self.process.stderr is not None
        return self.process.stderr.read().decode(errors="replace")

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.process.poll() is None:
            self.process.send_signal(sig)
            self.process.wait(READY_TIMEOUT)


@pytest.fixture
def launches() -> Iterator[list[Launch]]:
    started: list[Launch] = []
    yield started
    for launch in started:
        launch.stop(signal.SIGKILL)
        for stream in (launch.process.stdout, launch.process.stderr):
            if stream:
                stream.close()


def start_app(home: Path, launches: list[Launch], *args: str) -> Launch:
    app = Launch(home, *args)
    launches.append(app)
    assert app.line() == {"primary": True, "start": args[0] if args else None}
    return app


def test_single_instance_second_launch_brings_the_first_forward_and_exits_0(
    home: Path, launches: list[Launch]
) -> None:
    app = start_app(home, launches)
    second = Launch(home, env={"XDG_ACTIVATION_TOKEN": "token-123"})
    launches.append(second)
    assert second.finish() == (0, {"forwarded": True, "error": ""})
    assert app.line() == {"activate": "token-123"}


def test_single_instance_play_from_the_command_line_plays_in_the_running_app(
    home: Path, launches: list[Launch]
) -> None:
    app = start_app(home, launches)
    result = run_cli("play", "desk-hips", home=home)
    assert result.returncode == 0, result.stderr
    assert app.line() == {"play": "desk-hips", "token": ""}
    own = home / "mine.toml"
    own.write_text('format = 1\ntitle = "Mine"\n[[step]]\nname = "Fold"\nhold = 20\n')
    result = run_cli("play", "mine.toml", home=home)  # relative to the launch's folder
    assert result.returncode == 0, result.stderr
    assert app.line() == {"play": str(own.resolve()), "token": ""}
    result = run_cli(home=home)  # plain `stretchtimer`: the app comes forward
    assert result.returncode == 0, result.stderr
    assert app.line() == {"activate": ""}


def test_single_instance_a_routine_that_does_not_exist_is_refused_before_sending(
    home: Path, launches: list[Launch]
) -> None:
    start_app(home, launches)
    result = run_cli("play", "desk-hipz", home=home)
    assert result.returncode == 1
    assert "did you mean desk-hips?" in result.stderr


def test_single_instance_starts_after_the_first_was_killed_with_sigkill(
    home: Path, launches: list[Launch]
) -> None:
    first = start_app(home, launches)
    first.stop(signal.SIGKILL)
    address = instance_address(app_paths())
    assert address.lock.exists()  # the lock (and the socket) are left behind
    second = start_app(home, launches, "hip-openers")  # not stopped by them
    third = Launch(home)
    launches.append(third)
    assert third.finish() == (0, {"forwarded": True, "error": ""})
    assert second.line() == {"activate": ""}


def test_single_instance_a_clean_quit_lets_the_next_launch_be_the_app(
    home: Path, launches: list[Launch]
) -> None:
    first = start_app(home, launches)
    first.stop(signal.SIGTERM)
    assert first.line() == {"quit": True}
    start_app(home, launches)


def test_single_instance_launches_at_the_same_instant_make_one_app(
    home: Path, launches: list[Launch]
) -> None:
    together = [Launch(home) for _ in range(4)]
    launches.extend(together)
    firsts = [launch.line() for launch in together]
    primaries = [launch for launch, line in zip(together, firsts, strict=True) if "primary" in line]
    assert len(primaries) == 1, firsts
    forwarded = [line for line in firsts if "forwarded" in line]
    assert forwarded == [{"forwarded": True, "error": ""}] * 3
    assert [primaries[0].line() for _ in range(3)] == [{"activate": ""}] * 3
    for launch in together:
        if launch is not primaries[0]:
            assert launch.process.wait(READY_TIMEOUT) == 0


def test_single_instance_each_home_has_its_own_app(
    home: Path, tmp_path_factory: pytest.TempPathFactory, launches: list[Launch]
) -> None:
    other_home = tmp_path_factory.mktemp("other-home")
    start_app(home, launches)
    start_app(other_home, launches)  # a second home is not forwarded to the first
    assert instance_address(app_paths()) != instance_address(
        app_paths({"STRETCHTIMER_HOME": str(other_home)})
    )


def test_single_instance_lives_in_the_private_runtime_folder_when_there_is_one(
    home: Path, tmp_path: Path, launches: list[Launch]
) -> None:
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    address = instance_address(app_paths(), {"XDG_RUNTIME_DIR": str(runtime)})
    assert Path(address.server).parent == runtime and address.lock.parent == runtime
    app = Launch(home, env={"XDG_RUNTIME_DIR": str(runtime)})
    launches.append(app)
    assert app.line()["primary"] is True
    assert Path(address.server).is_socket()
    second = Launch(home, env={"XDG_RUNTIME_DIR": str(runtime)})
    launches.append(second)
    assert second.finish()[0] == 0


def test_single_instance_a_stale_lock_naming_a_live_unrelated_process_is_taken(
    home: Path, tmp_path: Path
) -> None:
    # The crashed app's process id now belongs to someone else (here: this test).
    address = Address(str(tmp_path / "sock"), tmp_path / "instance.lock")
    address.lock.write_text(f"{os.getpid()}\nstretchtimer\n{socket.gethostname()}\n")
    outcome = claim_or_forward(Request("activate"), address, wait_for_primary=5)
    assert isinstance(outcome, Primary) and outcome.lock is not None
    assert outcome.lock.isLocked()
    outcome.release()


def test_single_instance_a_hung_lock_holder_never_stops_the_app_starting(
    home: Path, tmp_path: Path
) -> None:
    address = Address(str(tmp_path / "sock"), tmp_path / "instance.lock")
    holder = claim_or_forward(Request("activate"), address)
    assert isinstance(holder, Primary) and holder.lock is not None  # holds it, never listens
    started = time.monotonic()
    outcome = claim_or_forward(Request("activate"), address, wait_for_primary=0.5)
    assert isinstance(outcome, Primary) and outcome.lock is None
    assert time.monotonic() - started < 30
    holder.release()


def test_single_instance_protocol_lines_round_trip() -> None:
    request = Request("play", "/home/me/routines/café.toml", "token")
    assert Request.from_line(request.to_line()) == request
    assert json.loads(request.to_line()) == {
        "app": "stretchtimer",
        "protocol": PROTOCOL,
        "command": "play",
        "routine": "/home/me/routines/café.toml",
        "startup_id": "token",
    }
    assert Reply.from_line(Reply(False, "No.").to_line()) == Reply(False, "No.")
    extra = b'{"app": "stretchtimer", "protocol": 1, "command": "activate", "new_key": 1}'
    assert Request.from_line(extra) == Request("activate")  # newer keys are ignored


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        (b"\xff\xfe", "not a JSON line"),
        (b"[1, 2]", "not a stretchtimer message"),
        (b'{"app": "other", "protocol": 1}', "not a stretchtimer message"),
        (b'{"app": "stretchtimer", "protocol": 2, "command": "activate"}', "same version"),
        (b'{"app": "stretchtimer", "protocol": 1, "command": "format_disk"}', "unknown command"),
        (b'{"app": "stretchtimer", "protocol": 1, "command": "play"}', "play needs a routine"),
    ],
)
def test_single_instance_protocol_refuses_what_it_cannot_use(line: bytes, problem: str) -> None:
    with pytest.raises(ProtocolError, match=problem):
        Request.from_line(line)


def raw_exchange(address: Address, payload: bytes) -> bytes:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
        client.settimeout(READY_TIMEOUT)
        client.connect(address.server)
        client.sendall(payload)
        received = b""
        while chunk := client.recv(4096):
            received += chunk
        return received


def test_single_instance_the_app_answers_bad_requests_with_a_sentence(
    home: Path, tmp_path: Path, launches: list[Launch]
) -> None:
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    app = Launch(home, env={"XDG_RUNTIME_DIR": str(runtime)})
    launches.append(app)
    assert app.line()["primary"] is True
    address = instance_address(app_paths(), {"XDG_RUNTIME_DIR": str(runtime)})
    newer = b'{"app": "stretchtimer", "protocol": 7, "command": "activate"}\n'
    reply = Reply.from_line(raw_exchange(address, newer).strip())
    assert not reply.ok and "same version" in reply.error
    reply = Reply.from_line(raw_exchange(address, b"x" * (MAX_LINE + 10)).strip())
    assert reply == Reply(False, "The request was too long.")
    ok = Reply.from_line(raw_exchange(address, Request("activate").to_line()).strip())
    assert ok == Reply(True)
    assert app.line() == {"activate": ""}  # only the good request reached the app


def test_single_instance_launch_request_carries_the_activation_token() -> None:
    assert launch_request(None, {"DESKTOP_STARTUP_ID": "x11-id"}) == Request(
        "activate", startup_id="x11-id"
    )
    assert launch_request("desk-hips", {}) == Request("play", "desk-hips")
