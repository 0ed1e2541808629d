"""``stretchtimer routines new`` and ``routines import``: routine files into the routines folder."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from stretchtimer.storage.paths import app_paths
from stretchtimer.terminal.escaping import with_escaped_output


def register_actions(actions: Any) -> None:
    """Add ``new`` and ``import`` to the ``routines`` command's actions."""
    new = actions.add_parser(
        "new", help="write a starter routine file to change by hand, and print its path"
    )
    new.add_argument("title", metavar="TITLE", help="the routine's title")
    new.set_defaults(run=with_escaped_output(run_new))

    importing = actions.add_parser(
        "import", help="check a routine file and copy it into your routines folder"
    )
    importing.add_argument("file", metavar="FILE", type=Path, help="the routine file to import")
    clash = importing.add_mutually_exclusive_group()
    clash.add_argument(
        "--rename",
        action="store_true",
        help="if the name or title is taken, import under a free one",
    )
    clash.add_argument(
        "--replace",
        action="store_true",
        help="if the name is taken, replace that file (it is kept as NAME.toml.bak)",
    )
    importing.set_defaults(run=with_escaped_output(run_import))


def _store() -> Any:
    from stretchtimer.storage.routines.store import RoutineStore

    return RoutineStore(app_paths().routines)


def run_new(args: argparse.Namespace) -> int:
    from stretchtimer.core.routine.file import parse_routine
    from stretchtimer.core.routine.problems import RoutineFileError
    from stretchtimer.core.routine.starter import starter_toml
    from stretchtimer.storage.atomic import write_text_atomically

    title = args.title.strip()
    store = _store()
    path = store.path_for_title(title)
    text = starter_toml(title, path.name)
    try:
        parse_routine(text.encode("utf-8"), "TITLE")
    except RoutineFileError as error:
        for problem in error.problems:  # only the title can be wrong
            print(f"stretchtimer: {problem.key}: {problem.message}", file=sys.stderr)
        return 1
    try:
        write_text_atomically(path, text)
    except OSError as error:
        print(f"stretchtimer: could not write {path} ({error.strerror}).", file=sys.stderr)
        return 1
    print(path)
    return 0


def run_import(args: argparse.Namespace) -> int:
    from stretchtimer.core.routine.file import load_routine
    from stretchtimer.core.routine.problems import RoutineFileError
    from stretchtimer.storage.routines.store import RoutineClashError

    store = _store()
    source: Path = args.file
    try:
        check = store.check_import(source)
    except RoutineFileError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print(f"stretchtimer: {source} was not imported; fix it and try again.", file=sys.stderr)
        return 1
    if check.already_there:
        print(f"stretchtimer: {source} is already in your routines folder.", file=sys.stderr)
        print(check.target)
        return 0
    clash = "rename" if args.rename else "replace" if args.replace else "refuse"
    try:
        saved = store.import_checked(check, clash=clash)
    except RoutineClashError as error:
        print(_clash_sentence(error, store, check.routine.title), file=sys.stderr)
        return 1
    except OSError as error:
        print(f"stretchtimer: could not copy {source} ({error.strerror}).", file=sys.stderr)
        return 1
    if saved.backup is not None:
        print(f"stretchtimer: the file it replaced is kept as {saved.backup}.", file=sys.stderr)
    if check.clash is not None and check.clash.builtin and check.clash.title is not None:
        title = load_routine(saved.path).title
        print(
            f"stretchtimer: imported as “{title}”: the built-in “{check.clash.title}” "
            "keeps its title.",
            file=sys.stderr,
        )
    print(saved.path)
    return 0


def _clash_sentence(error: Any, store: Any, title: str) -> str:
    free = store.free_path(error.target.stem).name
    if error.builtin and error.title is not None:
        return (
            f"stretchtimer: not imported: {error}; add --rename to import it as "
            f"“{store.free_title(title)}” (a built-in routine cannot be replaced)."
        )
    if error.builtin:
        return (
            f"stretchtimer: not imported: {error}; add --rename to import it as {free} "
            "(a built-in routine cannot be replaced)."
        )
    return (
        f"stretchtimer: not imported: {error}; add --rename to import it as {free}, "
        f"or --replace to replace it (the old file is kept as {error.target.name}.bak)."
    )
