"""``stretchtimer history``: past sessions, statistics, export, import and delete."""

from __future__ import annotations

import argparse
import functools
import json
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from stretchtimer.core.i18n import _, n_
from stretchtimer.storage.paths import app_paths
from stretchtimer.terminal.escaping import with_escaped_output

EXIT_OK = 0
EXIT_PROBLEM = 1


def date_value(text: str) -> date:
    word = text.strip().lower()
    # TRANSLATORS: what a person may type for --since/--until, besides a date.
    if word in ("today", _("today").lower()):
        return date.today()
    if word in ("yesterday", _("yesterday").lower()):
        return date.today() - timedelta(days=1)
    try:
        return date.fromisoformat(word)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("expected a date such as 2024-03-30 (or today, yesterday), found {text}").format(
                text=repr(text)
            )
        ) from None


def _period_options(parser: argparse.ArgumentParser, *, inherit: bool) -> None:
    """``--since``/``--until``; on a subcommand, leaving them out keeps those given before it."""
    default = argparse.SUPPRESS if inherit else None
    parser.add_argument(
        "--since", type=date_value, metavar="DATE", default=default, help=_("from this day on")
    )
    parser.add_argument(
        "--until", type=date_value, metavar="DATE", default=default, help=_("up to this day")
    )


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "history",
        help=_("your sessions: list, statistics, export, import"),
        description=_("Your past sessions, newest first. Dates are the local days they were done."),
    )
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help=_("print a JSON list of sessions"))
    output.add_argument("--csv", action="store_true", help=_("print CSV, one row per session"))
    _period_options(parser, inherit=False)
    parser.set_defaults(run=with_escaped_output(_known_failures(run_list)))
    actions = parser.add_subparsers(dest="action", metavar="ACTION", title=_("actions"))

    stats = actions.add_parser(
        "stats", help=_("minutes, streak, weekly goal, routines, stretches, comfort")
    )
    stats.add_argument(
        "--json", action="store_true", default=argparse.SUPPRESS, help=_("print a JSON object")
    )
    _period_options(stats, inherit=True)
    stats.set_defaults(run=with_escaped_output(_known_failures(run_stats)))

    export = actions.add_parser("export", help=_("save your history to a .json or .csv file"))
    export.add_argument("file", metavar="FILE", type=Path, help=_("ends in .json or .csv"))
    export.add_argument("--force", action="store_true", help=_("replace FILE if it exists"))
    _period_options(export, inherit=True)
    export.set_defaults(run=with_escaped_output(_known_failures(run_export)))

    merge = actions.add_parser("import", help=_("add sessions from an exported .json or .csv file"))
    merge.add_argument(
        "file", metavar="FILE", type=Path, help=_("a file that `history export` wrote")
    )
    merge.set_defaults(run=with_escaped_output(_known_failures(run_import)))

    delete = actions.add_parser("delete", help=_("delete one session"))
    delete.add_argument("id", metavar="ID", help=_("its id, or the first characters of it"))
    delete.set_defaults(run=with_escaped_output(_known_failures(run_delete)))


def _known_failures(
    run: Callable[[argparse.Namespace], int],
) -> Callable[[argparse.Namespace], int]:
    """A lock, a full disk or a damaged file met half-way: one sentence, not a traceback."""

    @functools.wraps(run)
    def guarded(args: argparse.Namespace) -> int:
        import sqlite3

        from stretchtimer.storage.history import open_history
        from stretchtimer.storage.history.problems import ProblemKind, from_error

        try:
            return run(args)
        except sqlite3.DatabaseError as error:
            path = app_paths().history
            problem = from_error(error, path)
            _say(problem.message)
            if problem.kind is ProblemKind.DAMAGED:  # set it aside now, as opening would have
                checked = open_history(path, full_check=True)
                for found in checked.problems:
                    _say(found.message)
                if checked.database is not None:
                    checked.database.close()
            return EXIT_PROBLEM

    return guarded


def _say(message: str) -> None:
    print(f"stretchtimer: {message}", file=sys.stderr)


def _open(*, create: bool = False) -> Any:
    """The open history, None if there is none yet, or False if it cannot be used (told)."""
    from stretchtimer.storage.history import open_history

    opened = open_history(app_paths().history, create=create)
    for problem in opened.problems:
        _say(problem.message)
    if opened.database is None and opened.problems:
        return False
    return opened.database


def run_list(args: argparse.Namespace) -> int:
    from stretchtimer.storage.history.exchange.exporting import CSV_FIELDS, session_dict, write_csv
    from stretchtimer.storage.history.text import session_table

    database = _open()
    if database is False:
        return EXIT_PROBLEM
    period = {"since": args.since, "until": args.until}
    if database is None:  # no history yet
        if args.csv:
            print(",".join(CSV_FIELDS), end="\r\n")
        elif args.json:
            print("[]")
        else:
            print(_no_sessions_yet())
        return EXIT_OK
    with database:
        if args.csv:
            write_csv(database, sys.stdout, **period)
            return EXIT_OK
        if args.json:
            sessions = [session_dict(item) for item in database.sessions(**period)]
            json.dump(sessions, sys.stdout, indent=2, ensure_ascii=False)
            print()
            return EXIT_OK
        found = list(database.sessions(segments=False, **period))
    if not found:
        print(_("No sessions in that period.") if args.since or args.until else _no_sessions_yet())
        return EXIT_OK
    print("\n".join(session_table(found)))
    return EXIT_OK


def run_stats(args: argparse.Namespace) -> int:
    from stretchtimer.storage.history.progress import read_progress
    from stretchtimer.storage.history.statistics import history_statistics
    from stretchtimer.storage.history.text import statistics_text
    from stretchtimer.storage.history.timestamps import today
    from stretchtimer.storage.settings import SettingsStore

    database = _open(create=True)
    if database is False:
        return EXIT_PROBLEM
    with database:
        day = today()
        stats = history_statistics(
            database,
            today=day,
            since=getattr(args, "since", None),
            until=getattr(args, "until", None),
        )
        progress = read_progress(database, today=day)
    weekly_goal = SettingsStore(app_paths().settings).load().settings.weekly_goal
    if getattr(args, "json", False):
        print(json.dumps(stats.as_dict(), indent=2, ensure_ascii=False))
    elif not stats.sessions and not (stats.since or stats.until):
        print(_no_sessions_yet())
    else:
        print("\n".join(statistics_text(stats, progress, weekly_goal)))
    return EXIT_OK


def run_export(args: argparse.Namespace) -> int:
    from stretchtimer.storage.history.exchange.exporting import (
        ExportFormatError,
        export_file,
        export_format,
    )

    path: Path = args.file
    try:
        kind = export_format(path)
    except ExportFormatError as error:
        _say(str(error))
        return EXIT_PROBLEM
    if path.is_dir():
        _say(
            _("{path} is a folder; give a file name ending in .{kind}").format(path=path, kind=kind)
        )
        return EXIT_PROBLEM
    if path.exists() and not args.force:
        _say(
            _("{path} already exists; choose another name, or add --force to replace it").format(
                path=path
            )
        )
        return EXIT_PROBLEM
    database = _open(create=True)
    if database is False:
        return EXIT_PROBLEM
    period = {"since": getattr(args, "since", None), "until": getattr(args, "until", None)}
    with database:
        try:
            count = export_file(database, path, exported_at=time.time(), **period)
        except OSError as error:
            _say(
                _("could not write {path} ({reason}); nothing was exported").format(
                    path=path, reason=error.strerror or error
                )
            )
            return EXIT_PROBLEM
    print(
        n_(
            "Exported {count} session to {path} (readable only by you).",
            "Exported {count} sessions to {path} (readable only by you).",
            count,
        ).format(count=count, path=path)
    )
    return EXIT_OK


def run_import(args: argparse.Namespace) -> int:
    from stretchtimer.storage.history.exchange.importing import (
        ImportFileError,
        import_sessions,
        read_import_file,
    )

    try:
        sessions = read_import_file(args.file)
    except ImportFileError as error:
        print(error, file=sys.stderr)
        _say(_("nothing was imported; correct the file and import it again"))
        return EXIT_PROBLEM
    database = _open(create=True)
    if database is False:
        return EXIT_PROBLEM
    with database:
        result = import_sessions(database, sessions)
    said = n_("Imported {count} session.", "Imported {count} sessions.", result.added).format(
        count=result.added
    )
    if result.already:
        already = n_(
            "{count} was already in your history.",
            "{count} were already in your history.",
            result.already,
        ).format(count=result.already)
        said = f"{said} {already}"
    print(said)
    return EXIT_OK


def run_delete(args: argparse.Namespace) -> int:
    from stretchtimer.storage.history.store import AmbiguousIdError
    from stretchtimer.storage.history.text import local_when

    database = _open()
    if database is False:
        return EXIT_PROBLEM
    if database is None:
        _say(_("no session has the id {id} (your history is empty)").format(id=repr(args.id)))
        return EXIT_PROBLEM
    with database:
        try:
            session = database.find(args.id)
        except AmbiguousIdError as error:
            _say(str(error))
            return EXIT_PROBLEM
        if session is None:
            _say(
                _("no session has the id {id} (`stretchtimer history` lists them)").format(
                    id=repr(args.id)
                )
            )
            return EXIT_PROBLEM
        if database.recorded_by_live_process(session.id):
            _say(_("that session is being recorded right now; stop it first, then delete it"))
            return EXIT_PROBLEM
        database.delete(session.id)
    print(
        _("Deleted the {routine} session of {when}.").format(
            routine=session.routine_title, when=local_when(session)
        )
    )
    return EXIT_OK


def _no_sessions_yet() -> str:
    return _("No sessions yet: play a routine with `stretchtimer play ID --no-gui`.")
