"""Text from files and imports is shown on the terminal, never executed by it."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
from pathlib import Path

from stretchtimer.terminal.escaping import EscapingStream, escaped_output
from tests.unit.storage.history.helpers import add_sessions, session

ESCAPES = "\u001b]0;PWNED\u0007\u001b[2J"


def run_on_terminal(*args: str, home: Path) -> tuple[int, str, str]:
    """Run the CLI with its standard output on a pseudo-terminal, as a person sees it."""
    leader, follower = pty.openpty()
    environment = {**os.environ, "STRETCHTIMER_HOME": str(home)}
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "stretchtimer", *args],
            stdout=follower,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            env=environment,
            cwd=home,
        )
    finally:
        os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed: the child is done writing
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    _, errors = process.communicate(timeout=60)
    return process.returncode, shown.decode(), errors.decode()


def test_the_stream_escapes_controls_but_keeps_line_ends_and_tabs() -> None:
    target = io.StringIO()
    stream = EscapingStream(target)
    stream.write(f"a{ESCAPES}\tb\n\u009b\r")
    assert target.getvalue() == "a\\x1b]0;PWNED\\x07\\x1b[2J\tb\n\\x9b\\x0d"


def test_piped_output_keeps_the_data_and_messages_are_always_escaped() -> None:
    saved = sys.stdout, sys.stderr
    out, err = io.StringIO(), io.StringIO()
    sys.stdout, sys.stderr = out, err
    try:
        with escaped_output():
            print(f"data{ESCAPES}")
            print(f"message{ESCAPES}", file=sys.stderr)
    finally:
        sys.stdout, sys.stderr = saved
    assert out.getvalue() == f"data{ESCAPES}\n"
    assert "\u001b" not in err.getvalue() and "message\\x1b]0;PWNED" in err.getvalue()


def test_history_shows_an_old_import_s_escape_sequences_as_text(home: Path) -> None:
    add_sessions(
        home / "data" / "history.sqlite3",
        [session(started=1_714_550_400.0, title=f"Hips{ESCAPES}", note=f"ok{ESCAPES}")],
    )
    for command in (("history",), ("history", "--csv")):
        code, shown, errors = run_on_terminal(*command, home=home)
        assert code == 0, errors
        assert "Hips\\x1b]0;PWNED\\x07\\x1b[2J" in shown
        assert "\u001b" not in shown and "\u0007" not in shown
        assert "\\x0d" not in shown  # a CSV row's CR LF is only the end of a line


def test_a_message_naming_a_file_with_escapes_shows_them_as_text(home: Path) -> None:
    name = home / f"x{ESCAPES}.toml"
    name.write_text("not toml at all [")
    code, _, errors = run_on_terminal("routines", "show", str(name), home=home)
    assert code == 1
    assert "\u001b" not in errors and "x\\x1b]0;PWNED" in errors
