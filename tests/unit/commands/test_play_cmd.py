"""``stretchtimer play --no-gui``: every built-in plays to the end; keys and Ctrl-C work."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import subprocess
import sys
import termios
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from stretchtimer.storage.routines.library import builtin_entries
from tests.conftest import run_cli

BUILTINS = [entry.id for entry in builtin_entries()]


FAST_AND_MUTE = ("--no-gui", "--mute", "--speed", "100")


class Played:
    """``play ROUTINE --no-gui --mute --speed 100`` in a child process and a home of its own,
    its output in files (a pipe nobody reads could fill up and stop it)."""

    def __init__(self, routine_id: str, home: Path) -> None:
        self.out, self.err = home / "stdout.txt", home / "stderr.txt"
        with self.out.open("w") as out, self.err.open("w") as err:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "stretchtimer", "play", routine_id, *FAST_AND_MUTE],
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=err,
                # As run_cli: the module's fixture comes before the autouse ``home``, which
                # sets English for each test.
                env=dict(os.environ, STRETCHTIMER_HOME=str(home), LANGUAGE="en"),
                cwd=home,
            )

    def result(self, timeout: float = 120) -> tuple[int, str, str]:
        code = self.process.wait(timeout)
        return code, self.out.read_text(), self.err.read_text()


@pytest.fixture(scope="module")
def builtins_played(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Played]]:
    """Every built-in routine played at once, side by side: the sessions wait on their timers
    most of the time (at 100 times the speed each still takes 2-6 s), so together they take
    as long as the longest one. Each test reads its own routine's run; none changes it."""
    played = {
        routine_id: Played(routine_id, tmp_path_factory.mktemp(f"play-{routine_id}"))
        for routine_id in BUILTINS
    }
    yield played
    for run in played.values():
        if run.process.poll() is None:
            run.process.kill()
            run.process.wait()


@pytest.mark.parametrize("routine_id", BUILTINS)
def test_every_builtin_routine_plays_to_the_end(
    routine_id: str, builtins_played: dict[str, Played]
) -> None:
    code, stdout, stderr = builtins_played[routine_id].result()
    assert code == 0, stderr
    assert "Session complete" in stdout
    entry = next(entry for entry in builtin_entries() if entry.id == routine_id)
    assert entry.routine is not None
    for number, step in enumerate(entry.routine.steps, start=1):
        assert f"{number}/{len(entry.routine.steps)}  {step.name}" in stdout


def test_a_bad_routine_file_exits_1_with_its_problems(home: Path) -> None:
    bad = home / "bad.toml"
    bad.write_text('format = 1\ntitle = "x"\n[[step]]\nname = "A"\nhold = true\n')
    result = run_cli("play", str(bad), "--no-gui", home=home)
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f'{bad}:5: step 1 ("A"): hold: expected a number of seconds from 1 to 3600, found true'
    )


def test_speed_out_of_range_is_refused(home: Path) -> None:
    result = run_cli("play", "desk-hips", "--no-gui", "--speed", "500", home=home)
    assert result.returncode == 2
    assert "expected a speed from 0.1 to 100, found 500" in result.stderr


class Terminal:
    """``stretchtimer play`` on a pseudo-terminal, as in a real terminal window."""

    def __init__(self, home: Path, *args: str) -> None:
        self.master, slave = pty.openpty()
        self.initial_modes = termios.tcgetattr(slave)
        environment = dict(os.environ, STRETCHTIMER_HOME=str(home), COLUMNS="120")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "stretchtimer", "play", *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=environment,
            cwd=home,
            start_new_session=True,
            preexec_fn=self._take_terminal,  # noqa: PLW1509 (the test starts no threads)
        )
        os.close(slave)
        self.output = ""

    @staticmethod
    def _take_terminal() -> None:
        """Make the pseudo-terminal the child's controlling terminal, so Ctrl-C works."""
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    def read_until(self, pattern: str, timeout: float = 30) -> str:
        deadline = time.monotonic() + timeout
        while not re.search(pattern, self.output):
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"{pattern!r} never appeared in:\n{self.output[-2000:]}")
            ready, _, _ = select.select([self.master], [], [], left)
            if ready:
                try:
                    chunk = os.read(self.master, 4096)
                except OSError:
                    chunk = b""
                if not chunk:
                    raise AssertionError(f"ended before {pattern!r}:\n{self.output[-2000:]}")
                self.output += chunk.decode("utf-8", errors="replace")
        return self.output

    def press(self, keys: str) -> None:
        os.write(self.master, keys.encode())

    def wait(self, timeout: float = 30) -> int:
        try:
            code = self.process.wait(timeout)
        finally:
            try:
                while select.select([self.master], [], [], 0.1)[0]:
                    chunk = os.read(self.master, 4096)
                    if not chunk:
                        break
                    self.output += chunk.decode("utf-8", errors="replace")
            except OSError:
                pass
        return code

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        os.close(self.master)


def test_keys_pause_skip_and_quit_in_a_real_terminal(home: Path) -> None:
    term = Terminal(home, "hip-openers", "--no-gui", "--mute")
    try:
        term.read_until("keys: space pause/resume")
        term.read_until(r"1/4 Pigeon pose · get ready left")
        term.press("n")  # skip the preparation
        term.read_until(r"· hold left · \d+:\d\d")
        term.press(" ")
        term.read_until(r"paused · 1/4 Pigeon pose · hold")
        term.press(" ")
        term.press("e")
        term.read_until("Easier: Thread the needle instead")
        term.press("e")  # E again: back to the stretch itself, as the app's Easier button
        term.read_until("Back to the full stretch.")
        term.press("\x1b[C")  # right arrow skips too
        term.read_until(r"switch sides")
        term.press("q")
        assert term.wait() == 130
        assert "Stopped after" in term.output
    finally:
        term.close()


def test_ctrl_c_stops_cleanly_and_restores_the_terminal(home: Path) -> None:
    term = Terminal(home, "desk-hips", "--no-gui", "--mute")
    try:
        term.read_until("get ready")
        term.press("\x03")  # Ctrl-C as typed, through the terminal's line discipline
        assert term.wait() == 130
        assert "Stopped after" in term.output
        assert "Traceback" not in term.output
        assert termios.tcgetattr(term.master)[3] == term.initial_modes[3]  # echo is back
    finally:
        term.close()


def test_sigterm_also_stops_cleanly(home: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "stretchtimer", "play", "desk-hips", "--no-gui", "--mute"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ, STRETCHTIMER_HOME=str(home)),
    )
    # The session has begun (and its SIGTERM handler is in place) once it writes its
    # first line; a busy machine may take seconds to get there.
    assert process.stdout is not None
    ready, _, _ = select.select([process.stdout], [], [], 60)
    assert ready, "the session wrote nothing within a minute"
    first = process.stdout.readline()
    process.send_signal(signal.SIGTERM)
    out, err = process.communicate(timeout=30)
    out = first + out
    assert process.returncode == 130
    assert "Stopped after" in out and "Traceback" not in err


def test_an_invalid_settings_file_in_a_read_only_folder_still_plays(home: Path) -> None:
    config = home / "config"
    config.mkdir()
    (config / "settings.toml").write_text("version = 0\n[voice\n")
    short = home / "short.toml"  # one step: a fraction of a second at the top speed
    short.write_text(
        'format = 1\ntitle = "Short"\n[pace]\nprepare = 1\n[[step]]\nname = "Reach"\nhold = 2\n'
    )
    result = run_cli(
        "play",
        str(short),
        "--no-gui",
        "--mute",
        "--speed",
        "100",
        home=home,
        read_only=(config,),
    )
    assert result.returncode == 0, result.stderr
    notice = [line for line in result.stderr.splitlines() if "settings" in line]
    assert len(notice) == 1 and "could not be copied aside" in notice[0]
    assert "Traceback" not in result.stderr
    assert sorted(item.name for item in config.iterdir()) == ["settings.toml"]


def test_mute_in_the_terminal_never_connects_to_a_sound_server(home: Path) -> None:
    import socket

    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    address = home / "pulse-native"
    listener.bind(str(address))
    listener.listen(8)
    listener.setblocking(False)
    try:
        environment = {"PULSE_SERVER": f"unix:{address}", "PIPEWIRE_REMOTE": str(address)}
        short = home / "short.toml"  # a whole session, start to end, in a fraction of a second
        short.write_text(
            'format = 1\ntitle = "Short"\n[pace]\nprepare = 1\n[[step]]\nname = "Reach"\nhold = 2\n'
        )
        result = run_cli(
            "play",
            str(short),
            "--no-gui",
            "--mute",
            "--speed",
            "100",
            home=home,
            env=environment,
        )
        assert result.returncode == 0, result.stderr
        try:
            connection, _ = listener.accept()
        except BlockingIOError:
            connection = None
        assert connection is None, "a muted session connected to the sound server"
        assert "audio" not in result.stderr.lower()
    finally:
        listener.close()
