"""An imported session is held to the rules the app writes by, one sentence per problem."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from stretchtimer.storage.history.exchange.importing import ImportFileError, read_import_file

GOOD: dict[str, Any] = {
    "id": "8c3f0a3e-8d0e-4a53-9a55-3d1d2b0c9a11",
    "routine_id": "desk-hips",
    "routine_title": "Desk hips",
    "started_at": "2024-05-01T08:00:00Z",
    "ended_at": "2024-05-01T08:05:00Z",
    "status": "completed",
    "segments": [
        {
            "order": 0,
            "step_name": "Pigeon",
            "kind": "hold",
            "outcome": "done",
            "ended_at": "2024-05-01T08:01:00Z",
        }
    ],
}


def problem_of(tmp_path: Path, **changes: Any) -> str:
    path = tmp_path / "sessions.json"
    path.write_text(json.dumps([{**GOOD, **changes}]))
    with pytest.raises(ImportFileError) as caught:
        read_import_file(path)
    assert caught.value.count == 1
    return str(caught.value)


def test_the_good_session_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "sessions.json"
    path.write_text(json.dumps([GOOD]))
    assert len(read_import_file(path)) == 1


@pytest.mark.parametrize(
    "started",
    [
        "0001-01-01T00:00:00Z",
        "0001-01-01T00:00:00+14:00",
        "9999-12-31T23:59:59-14:00",
        "9999-12-31T23:59:59Z",
        "1969-12-31T23:59:59Z",
    ],
)
def test_a_time_outside_1970_to_9999_is_refused(tmp_path: Path, started: str) -> None:
    assert "between the years 1970 and 9999" in problem_of(tmp_path, started_at=started)


def test_an_offset_over_fourteen_hours_is_refused(tmp_path: Path) -> None:
    message = problem_of(tmp_path, started_at="2024-05-01T08:00:00+15:00")
    assert "more than 14 hours off UTC" in message
    message = problem_of(tmp_path, utc_offset_minutes=15 * 60)
    assert '"utc_offset_minutes": expected a whole number from -840 to 840' in message


@pytest.mark.parametrize("field", ["routine_title", "routine_id"])
def test_control_characters_in_a_title_are_refused(tmp_path: Path, field: str) -> None:
    message = problem_of(tmp_path, **{field: "\u001b]0;PWNED\u0007\u001b[2J"})
    assert f'"{field}" holds a control character (U+001B)' in message


def test_a_note_keeps_its_line_ends_but_no_escapes(tmp_path: Path) -> None:
    path = tmp_path / "sessions.json"
    path.write_text(json.dumps([{**GOOD, "note": "tight\nbut\tbetter"}]))
    assert read_import_file(path)[0].note == "tight\nbut\tbetter"
    assert "U+009B" in problem_of(tmp_path, note="x\u009b2J")


def test_a_lone_surrogate_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "sessions.json"
    path.write_text(
        '[{"routine_title": "\\ud800"}]'.replace("{", "{" + json.dumps(GOOD)[1:-1] + ", ", 1)
    )
    with pytest.raises(ImportFileError, match="U\\+D800"):
        read_import_file(path)
