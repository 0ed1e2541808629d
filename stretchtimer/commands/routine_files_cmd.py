"""``stretchtimer routines new`` and ``routines import``: routine files into the routines folder."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from stretchtimer.core.i18n import _
from stretchtimer.storage.paths import app_paths
from stretchtimer.terminal.escaping import with_escaped_output


def register_actions(actions: Any) -> None:
    """Add ``new`` and ``import`` to the ``routines`` command's actions."""
    new = actions.add_parser(
        "new", help=_("write a starter routine file to change by hand, and print its path")
    )
    new.add_argument("title", metavar="TITLE", help=_("the routine's title"))
    new.set_defaults(run=with_escaped_output(run_new))

    importing = actions.add_parser(
        "import", help=_("check a routine file and copy it into your routines folder")
    )
    importing.add_argument("file", metavar="FILE", type=Path, help=_("the routine file to import"))
    clash = importing.add_mutually_exclusive_group()
    clash.add_argument(
        "--rename",
        action="store_true",
        help=_("if the name or title is taken, import under a free one"),
    )
    clash.add_argument(
        "--replace",
        action="store_true",
        help=_("if the name is taken, replace that file (it is kept as NAME.toml.bak)"),
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
        _say(_("could not write {file} ({reason}).").format(file=path, reason=error.strerror))
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
        _say(_("{file} was not imported; fix it and try again.").format(file=source))
        return 1
    if check.already_there:
        _say(_("{file} is already in your routines folder.").format(file=source))
        print(check.target)
        return 0
    clash = "rename" if args.rename else "replace" if args.replace else "refuse"
    try:
        saved = store.import_checked(check, clash=clash)
    except RoutineClashError as error:
        print(_clash_sentence(error, store, check.routine.title), file=sys.stderr)
        return 1
    except OSError as error:
        _say(_("could not copy {file} ({reason}).").format(file=source, reason=error.strerror))
        return 1
    if saved.backup is not None:
        _say(_("the file it replaced is kept as {file}.").format(file=saved.backup))
    if check.clash is not None and check.clash.builtin and check.clash.title is not None:
        title = load_routine(saved.path).title
        _say(
            _("imported as “{title}”: the built-in “{builtin}” keeps its title.").format(
                title=title, builtin=check.clash.title
            )
        )
    print(saved.path)
    return 0


def _clash_sentence(error: Any, store: Any, title: str) -> str:
    free = store.free_path(error.target.stem).name
    if error.builtin and error.title is not None:
        sentence = _(
            "not imported: {reason}; add --rename to import it as “{title}” "
            "(a built-in routine cannot be replaced)."
        ).format(reason=error, title=store.free_title(title))
    elif error.builtin:
        sentence = _(
            "not imported: {reason}; add --rename to import it as {name} "
            "(a built-in routine cannot be replaced)."
        ).format(reason=error, name=free)
    else:
        sentence = _(
            "not imported: {reason}; add --rename to import it as {name}, "
            "or --replace to replace it (the old file is kept as {backup})."
        ).format(reason=error, name=free, backup=f"{error.target.name}.bak")
    return f"stretchtimer: {sentence}"


def _say(sentence: str) -> None:
    print(f"stretchtimer: {sentence}", file=sys.stderr)
