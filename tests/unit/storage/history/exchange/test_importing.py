"""Export and import: private files, a lossless round trip, merging by id, a bad file
changes nothing and names its line, and CSV cells never run as spreadsheet formulas."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
from pathlib import Path

import pytest

from stretchtimer.storage.history.exchange.exporting import csv_cell, export_file, write_csv
from stretchtimer.storage.history.exchange.importing import (
    ImportFileError,
    import_sessions,
    read_import_file,
)
from stretchtimer.storage.history.opening import open_history
from stretchtimer.storage.history.records import SessionRecord, SessionStatus
from stretchtimer.storage.history.store import HistoryDatabase
from tests.unit.storage.history.helpers import add_sessions, record, rows, session

WALL = 1_714_550_400.0  # 2024-05-01T08:00:00Z

FORMULA_TITLES = [
    '=HYPERLINK("http://example.invalid","click")',
    "+SUM(1,2)",
    "-2+3",
    "@cmd",
    "\tTabbed",
    "\rCarriage",
    "'already quoted",
    "''=twice",
    "plain title",
]


def history(path: Path) -> HistoryDatabase:
    opened = open_history(path)
    assert opened.database is not None
    return opened.database


def everything(path: Path) -> list[SessionRecord]:
    with history(path) as database:
        return list(database.sessions(newest_first=False))


@pytest.fixture
def source(tmp_path: Path) -> Path:
    """A history with a recorded session, a stopped one and an odd imported one."""
    path = tmp_path / "source" / "history.sqlite3"
    record(path, wall=WALL, before=2, after=7)
    record(path, wall=WALL + 86400, stop_after=2)
    add_sessions(
        path,
        [
            session(
                started=WALL + 2 * 86400,
                offset=-300,
                title='Evening, with a "quote", a comma; and more',
                note="felt good,\nand a new line",
                stretches=(("Pigeon pose", 30.0),),
            )
        ],
    )
    return path


@pytest.mark.parametrize("suffix", [".json", ".csv"])
def test_exports_are_private_and_import_back_into_an_empty_history(
    source: Path, tmp_path: Path, suffix: str
) -> None:
    exported = tmp_path / f"export{suffix}"
    with history(source) as database:
        count = export_file(database, exported, exported_at=WALL)
    assert count == 3
    assert stat.S_IMODE(exported.stat().st_mode) == 0o600
    target = tmp_path / "target" / "history.sqlite3"
    with history(target) as database:
        result = import_sessions(database, read_import_file(exported))
    assert (result.added, result.already) == (3, 0)
    original, copied = everything(source), everything(target)
    if suffix == ".json":
        assert copied == original  # everything, segments included
    else:  # one row per session: everything but the segments
        assert copied == [
            SessionRecord(**{**vars(item), "segments": ()})  # type: ignore[arg-type]
            for item in original
        ]


@pytest.mark.parametrize("suffix", [".json", ".csv"])
def test_importing_the_same_file_twice_adds_nothing_the_second_time(
    source: Path, tmp_path: Path, suffix: str
) -> None:
    exported = tmp_path / f"export{suffix}"
    with history(source) as database:
        export_file(database, exported, exported_at=WALL)
    target = tmp_path / "target" / "history.sqlite3"
    with history(target) as database:
        first = import_sessions(database, read_import_file(exported))
        totals = rows(target, "SELECT * FROM day_totals")
        second = import_sessions(database, read_import_file(exported))
    assert (first.added, second.added, second.already) == (3, 0, 3)
    assert len(everything(target)) == 3
    assert rows(target, "SELECT * FROM day_totals") == totals  # statistics not doubled


def test_importing_merges_by_id_and_keeps_what_is_here(source: Path, tmp_path: Path) -> None:
    exported = tmp_path / "export.json"
    with history(source) as database:
        export_file(database, exported, exported_at=WALL)
    document = json.loads(exported.read_text())
    document["sessions"][0]["routine_title"] = "Changed elsewhere"
    exported.write_text(json.dumps(document))
    with history(source) as database:
        result = import_sessions(database, read_import_file(exported))
    assert (result.added, result.already) == (0, 3)
    assert "Changed elsewhere" not in {item.routine_title for item in everything(source)}


def test_an_export_of_a_session_in_progress_comes_back_interrupted(tmp_path: Path) -> None:
    item = session(started=WALL)
    data = {"sessions": [{**json_session(item), "status": "in_progress"}]}
    exported = tmp_path / "one.json"
    exported.write_text(json.dumps(data))
    [read] = read_import_file(exported)
    assert read.status is SessionStatus.INTERRUPTED


def json_session(item: SessionRecord) -> dict:  # type: ignore[type-arg]
    from stretchtimer.storage.history.exchange.exporting import session_dict

    return session_dict(item)


def write_export(path: Path, sessions: list[dict]) -> None:  # type: ignore[type-arg]
    lines = ",\n".join(json.dumps(item) for item in sessions)
    path.write_text(
        '{"format": "stretchtimer-history", "version": 1, "sessions": [\n' + lines + "\n]}\n"
    )


def three_sessions() -> list[dict]:  # type: ignore[type-arg]
    return [
        json_session(session(started=WALL + n * 3600, stretches=(("Lizard", 20.0), ("Frog", 9.0))))
        for n in range(3)
    ]


def import_problems(path: Path) -> list[str]:
    with pytest.raises(ImportFileError) as caught:
        read_import_file(path)
    return caught.value.problems


def test_a_json_syntax_error_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    write_export(path, three_sessions())
    text = path.read_text().splitlines()
    text[2] = text[2].replace('"status"', "status")  # the second session, on line 3
    path.write_text("\n".join(text))
    [problem] = import_problems(path)
    assert problem.startswith(f"{path}:3: not valid JSON")


def test_a_wrong_value_names_the_line_of_its_session_or_segment(tmp_path: Path) -> None:
    sessions = three_sessions()
    sessions[1]["status"] = "finished"
    sessions[2]["segments"][1]["outcome"] = "great"
    path = tmp_path / "bad.json"
    write_export(path, sessions)
    assert import_problems(path) == [
        f'{path}:3: session 2: "status": expected one of in_progress, completed, stopped, '
        "interrupted, found 'finished'",
        f'{path}:4: session 3: segment 2: "outcome": expected one of done, skipped, partial, '
        "found 'great'",
    ]
    pretty = tmp_path / "pretty.json"  # any layout: the line is found all the same
    pretty.write_text(json.dumps({"sessions": sessions}, indent=2))
    first, second = import_problems(pretty)
    lines = pretty.read_text().splitlines()
    line = int(first.split(":")[1])
    assert lines[line - 1].strip() == "{" and f'"id": "{sessions[1]["id"]}"' in lines[line]
    line = int(second.split(":")[1])
    assert '"order": 1' in lines[line]


def test_a_malformed_file_changes_nothing(tmp_path: Path, source: Path) -> None:
    before = rows(source, "SELECT * FROM sessions ORDER BY num")
    sessions = three_sessions()
    sessions[2]["comfort_after"] = 11
    path = tmp_path / "bad.json"
    write_export(path, sessions)
    [problem] = import_problems(path)
    assert problem == (
        f'{path}:4: session 3: "comfort_after": expected a whole number from 0 to 10, found 11'
    )
    assert rows(source, "SELECT * FROM sessions ORDER BY num") == before


def test_the_same_id_twice_in_one_file_is_refused(tmp_path: Path) -> None:
    sessions = three_sessions()
    sessions[2]["id"] = sessions[0]["id"]
    path = tmp_path / "twice.json"
    write_export(path, sessions)
    [problem] = import_problems(path)
    assert problem == f"{path}:4: session id {sessions[0]['id']} is also on line 2"


def test_a_csv_problem_names_its_line_even_after_a_note_on_several_lines(tmp_path: Path) -> None:
    exported = tmp_path / "sessions.csv"
    records = [session(started=WALL + n * 3600) for n in range(3)]
    records[2] = session(started=WALL + 2 * 3600, note="first line\nsecond line")
    add_sessions(tmp_path / "history.sqlite3", records)
    with history(tmp_path / "history.sqlite3") as database, exported.open("w", newline="") as out:
        write_csv(database, out)  # newest first: the note comes first
    text = exported.read_text().splitlines()
    assert text[3].startswith(records[1].id)  # header, 2 lines for the note, then line 4
    text[4] = text[4].replace(",completed,", ",done,")
    exported.write_text("\n".join(text) + "\n")
    [problem] = import_problems(exported)
    assert problem.startswith(f'{exported}:5: "status": expected one of')


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "the header has no id"),
        ("id,status\n", "the header has no routine_id"),
        ("\xff\xfe", "not UTF-8"),
    ],
)
def test_csv_that_is_not_an_export_is_refused_in_one_line(
    tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes(content.encode("latin-1"))
    [problem] = import_problems(path)
    assert message in problem and problem.startswith(str(path))


def test_csv_cells_that_look_like_formulas_are_neutralised_and_read_back(
    tmp_path: Path,
) -> None:
    path = tmp_path / "history.sqlite3"
    # A title holds no control character (the app writes none); a note may hold tabs.
    records = [
        session(
            started=WALL + n * 60,
            title=text if text.isprintable() else f"Title {n}",
            offset=-300,
            note=text,
        )
        for n, text in enumerate(FORMULA_TITLES)
    ]
    add_sessions(path, records)
    exported = tmp_path / "sessions.csv"
    with history(path) as database:
        export_file(database, exported, exported_at=WALL)
    table = list(csv.DictReader(io.StringIO(exported.read_bytes().decode(), newline="")))
    rows = {row["id"]: row for row in table}
    for item in records:  # a leading apostrophe makes a spreadsheet show text, not run it
        for column, value in (("routine_title", item.routine_title), ("note", item.note or "")):
            risky = value.startswith(("=", "+", "-", "@", "\t", "\r", "'"))
            assert rows[item.id][column] == ("'" + value if risky else value)
    assert rows[records[0].id]["routine_title"] == '\'=HYPERLINK("http://example.invalid","click")'
    assert all(row["utc_offset_minutes"] == "-300" for row in table)  # a number stays a number
    target = tmp_path / "target.sqlite3"
    add_sessions(target, read_import_file(exported))
    assert sorted(item.routine_title for item in everything(target)) == sorted(
        item.routine_title for item in records
    )
    assert sorted(item.note or "" for item in everything(target)) == sorted(FORMULA_TITLES)


def test_only_text_is_neutralised() -> None:
    assert csv_cell(-300) == -300 and csv_cell(-0.5) == -0.5
    assert csv_cell("-300") == "'-300"  # text that a spreadsheet would take as a formula
    assert csv_cell("") == "" and csv_cell("Hips") == "Hips"


def test_only_a_regular_file_is_read_and_never_past_the_limit(tmp_path: Path) -> None:
    zero = tmp_path / "zero.json"
    zero.symlink_to("/dev/zero")
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)  # nobody writes: reading it would wait for ever
    huge = tmp_path / "huge.json"
    with huge.open("wb") as handle:
        handle.truncate(5 * 1000 * 1000 * 1000)  # sparse: costs no disk
    with pytest.raises(ImportFileError, match="not an ordinary file"):
        read_import_file(zero)
    with pytest.raises(ImportFileError, match="not an ordinary file"):
        read_import_file(fifo)
    with pytest.raises(ImportFileError, match=r"is 5\.0 GB; a history export is at most 64\.0 MB"):
        read_import_file(huge)
    folder = tmp_path / "folder.json"
    folder.mkdir()
    with pytest.raises(ImportFileError, match="is a folder"):
        read_import_file(folder)


def test_json_too_deep_or_with_endless_digits_is_one_problem(tmp_path: Path) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    with pytest.raises(ImportFileError, match="deep") as caught:
        read_import_file(deep)
    assert caught.value.count == 1
    digits = tmp_path / "digits.json"
    digits.write_text('[{"comfort_before": ' + "7" * 5000 + "}]")
    with pytest.raises(ImportFileError, match="digits"):
        read_import_file(digits)


def test_many_bad_sessions_are_reported_as_the_first_few_and_a_count(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps([{"id": "x"}] * 4000, indent=1))
    with pytest.raises(ImportFileError) as caught:
        read_import_file(path)
    lines = str(caught.value).splitlines()
    assert len(lines) == 11
    assert lines[0] == f"{path}:2: session 1: \"id\": expected a session id (a UUID), found 'x'"
    assert lines[9].startswith(f"{path}:29: session 10: ")
    assert lines[-1] == "… and 3990 more"
    assert caught.value.count == 4000
    rows_ = tmp_path / "bad.csv"
    header = "id,routine_id,routine_title,started_at,status\r\n"
    rows_.write_text(header + "x,a,b,c,d\r\n" * 3000)
    with pytest.raises(ImportFileError) as caught:
        read_import_file(rows_)
    assert caught.value.count == 3000 and len(caught.value.problems) == 10
