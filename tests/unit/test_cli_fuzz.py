"""Fuzz: whatever a person or another program puts in the app's folders, every command ends
with exit 0 or 1 and a sentence or a few, never an internal error.

Routine files, the settings file and history imports are built from valid files with
mutations (deep nesting, huge numbers, control characters, cut short, random bytes) and
run through the real command-line entry, in this process.
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stretchtimer.cli import EXIT_BUG, main

ROUTINE = b"""format = 1
title = "Fuzzed hips"
tags = ["desk"]

[pace]
prepare = 5

[[step]]
name = "Seated figure-four"
say = "Cross one ankle over the other knee."
hold = 30
sides = "both"

[[step]]
name = "Fold"
breaths = 5
"""

SETTINGS = b"""version = 1
[voice]
rate = 165
voice = ""
[session]
prepare = 5.0
[reminders]
reminder_days = ["mon", "tue"]
"""

SESSION = {
    "id": "8c3f0a3e-8d0e-4a53-9a55-3d1d2b0c9a11",
    "routine_id": "desk-hips",
    "routine_title": "Desk hips",
    "started_at": "2024-05-01T08:00:00Z",
    "ended_at": "2024-05-01T08:05:00Z",
    "status": "completed",
    "comfort_before": 3,
    "segments": [
        {"order": 0, "kind": "hold", "outcome": "done", "ended_at": "2024-05-01T08:01:00Z"}
    ],
}
IMPORT = json.dumps({"format": "stretchtimer-history", "version": 1, "sessions": [SESSION]})
CSV_IMPORT = (
    "id,routine_id,routine_title,started_at,status,utc_offset_minutes,note\r\n"
    "8c3f0a3e-8d0e-4a53-9a55-3d1d2b0c9a11,desk-hips,Desk hips,2024-05-01T08:00:00Z,"
    'completed,120,"fine, thanks"\r\n'
)

NASTY = [
    b"[" * 3000,
    b"{a=" * 800,
    b"9" * 5000,
    b"\x1b]0;PWNED\x07",
    b"\\u001b[2J",
    b"\x00",
    b"\xff\xfe",
    b'"',
    b"\n[[step]]\n",
    b"a" + b".a" * 2000 + b" = 1\n",
    b"0001-01-01T00:00:00Z",
    b"1e400",
    b"-0",
    b"nan",
]


@st.composite
def mutated(draw: st.DrawFn, base: bytes) -> bytes:
    data = base
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["insert", "cut", "replace", "truncate"]))
        piece = draw(st.one_of(st.sampled_from(NASTY), st.binary(max_size=12)))
        if action == "insert":
            data = data[:at] + piece + data[at:]
        elif action == "cut":
            data = data[:at] + data[at + draw(st.integers(1, 20)) :]
        elif action == "replace":
            data = data[:at] + piece + data[at + len(piece) :]
        else:
            data = data[:at]
    return data


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def no_internal_error(code: int, err: str, *, most_lines: int) -> None:
    assert code in (0, 1), err
    assert code != EXIT_BUG and "a bug" not in err and "Traceback" not in err, err
    assert len(err.strip().splitlines()) <= most_lines, err


@pytest.fixture(autouse=True)
def drop_log_handlers() -> Iterator[None]:
    """The entry point logs to the home's file; close it so no file is left open."""
    yield
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_stretchtimer", False):
            root.removeHandler(handler)
            handler.close()


FUZZ = settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FUZZ
@given(mutated(ROUTINE))
def test_any_routine_file_is_listed_shown_and_validated_without_an_internal_error(
    home: Path, data: bytes
) -> None:
    folder = home / "data" / "routines"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "fuzz.toml").write_bytes(data)
    code, listed, err = run("routines", "list")
    no_internal_error(code, err, most_lines=0)
    assert code == 0 and "fuzz" in listed
    code, _, err = run("routines", "show", "fuzz")
    no_internal_error(code, err, most_lines=250)
    code, _, err = run("routines", "validate", str(folder / "fuzz.toml"))
    no_internal_error(code, err, most_lines=250)
    assert "\x1b" not in err and "\x07" not in err  # shown, never executed


@FUZZ
@given(mutated(SETTINGS))
def test_any_settings_file_leaves_every_command_working(home: Path, data: bytes) -> None:
    from stretchtimer.storage.settings import SettingsStore

    config = home / "config"
    config.mkdir(parents=True, exist_ok=True)
    (config / "settings.toml").write_bytes(data)
    loaded = SettingsStore(config / "settings.toml").load()
    assert loaded.notice is None or "\n" not in loaded.notice
    code, _, err = run("routines", "show", "desk-hips")
    no_internal_error(code, err, most_lines=1)
    assert code == 0


@FUZZ
@given(
    st.one_of(
        st.tuples(mutated(IMPORT.encode()), st.just(".json")),
        st.tuples(mutated(CSV_IMPORT.encode()), st.just(".csv")),
    )
)
def test_any_import_file_is_taken_or_refused_in_a_few_lines(
    home: Path, case: tuple[bytes, str]
) -> None:
    data, suffix = case
    source = home / f"sessions{suffix}"
    source.write_bytes(data)
    code, _, err = run("history", "import", str(source))
    no_internal_error(code, err, most_lines=12)
    for command in (("history", "--json"), ("history", "stats")):
        code, _, err = run(*command)
        no_internal_error(code, err, most_lines=1)
        assert code == 0
