"""Whatever the importer accepts, the history can list, count and export again."""

from __future__ import annotations

import argparse
import contextlib
import io
import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from stretchtimer.commands import history_cmd
from stretchtimer.storage.history.exchange.importing import (
    ImportFileError,
    import_sessions,
    read_import_file,
)
from stretchtimer.storage.history.opening import open_history
from stretchtimer.storage.paths import app_paths


def moments() -> st.SearchStrategy[str]:
    zone = st.one_of(
        st.just("Z"),
        st.just(""),
        st.builds(
            lambda sign, hours, minutes: f"{sign}{hours:02d}:{minutes:02d}",
            st.sampled_from("+-"),
            st.integers(0, 23),
            st.integers(0, 59),
        ),
    )
    return st.builds(
        lambda year, month, day, hour, minute, second, micro, zone: (
            f"{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:{second:02d}{micro}{zone}"
        ),
        st.one_of(st.integers(1, 9999), st.sampled_from([1, 1969, 1970, 2024, 9998, 9999])),
        st.integers(1, 12),
        st.integers(1, 28),
        st.integers(0, 23),
        st.integers(0, 59),
        st.integers(0, 59),
        st.sampled_from(["", ".5", ".123456"]),
        zone,
    )


def numbers() -> st.SearchStrategy[Any]:
    return st.one_of(
        st.none(),
        st.integers(-(10**20), 10**20),
        st.floats(allow_nan=False, allow_infinity=False),
        st.integers(-1, 700_000),
        st.text(max_size=3),
    )


def words() -> st.SearchStrategy[str]:
    return st.one_of(st.text(min_size=1, max_size=40), st.sampled_from(["Desk hips", "x"]))


segments = st.fixed_dictionaries(
    {
        "order": st.integers(0, 5),
        "kind": st.sampled_from(["hold", "breaths", "rest", "prepare", "nap"]),
        "outcome": st.sampled_from(["done", "skipped", "stopped", "lost"]),
        "ended_at": moments(),
    },
    optional={
        "step_name": words(),
        "side": st.sampled_from([None, "left", "right", "up"]),
        "planned_seconds": numbers(),
        "actual_seconds": numbers(),
        "step_index": numbers(),
        "easier": st.one_of(st.booleans(), st.none(), st.integers(0, 2)),
    },
)

sessions = st.fixed_dictionaries(
    {
        "id": st.uuids().map(str),
        "routine_id": words(),
        "routine_title": words(),
        "started_at": moments(),
        "status": st.sampled_from(["completed", "stopped", "interrupted", "in_progress"]),
    },
    optional={
        "ended_at": moments(),
        "utc_offset_minutes": st.one_of(st.integers(-1000, 1000), st.none()),
        "planned_seconds": numbers(),
        "active_seconds": numbers(),
        "speed": numbers(),
        "comfort_before": numbers(),
        "comfort_after": numbers(),
        "note": st.text(max_size=60),
        "segments": st.lists(segments, max_size=3, unique_by=lambda item: item["order"]),
    },
)


def run(command: Any, **options: Any) -> str:
    defaults = {"csv": False, "json": False, "since": None, "until": None}
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        code = command(argparse.Namespace(**{**defaults, **options}))
    assert code == 0, output.getvalue()
    return output.getvalue()


@settings(max_examples=150)
@given(st.lists(sessions, min_size=1, max_size=4, unique_by=lambda item: item["id"]))
def test_anything_imported_can_be_listed_counted_and_exported(
    items: list[dict[str, Any]],
) -> None:
    paths = app_paths()
    folder = paths.history.parent
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob("history.sqlite3*"):
        stale.unlink()
    source = folder / "sessions.json"
    source.write_text(json.dumps(items))
    try:
        imported = read_import_file(source)
    except ImportFileError as error:
        assert 1 <= error.count <= len(items)
        return
    opened = open_history(paths.history)
    assert opened.database is not None
    with opened.database as database:
        import_sessions(database, imported)
    listed = json.loads(run(history_cmd.run_list, json=True))
    assert len(listed) == len(items)
    assert run(history_cmd.run_list)  # the table a person reads
    assert run(history_cmd.run_list, csv=True).count("\n") >= len(items) + 1
    assert run(history_cmd.run_stats)
    for suffix in (".json", ".csv"):
        target = folder / f"again{suffix}"
        run(history_cmd.run_export, file=target, force=True)
        assert len(read_import_file(target)) == len(items)
