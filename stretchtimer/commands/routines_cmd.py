"""``stretchtimer routines``: list, show and validate routines (``new``, ``import``: see
``routine_files_cmd``)."""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from collections.abc import Callable
from typing import Any

from stretchtimer.commands import routine_files_cmd
from stretchtimer.core import i18n
from stretchtimer.core.formatting import clock_text, work_text
from stretchtimer.core.i18n import _, n_
from stretchtimer.core.routine.file import load_routine
from stretchtimer.core.routine.guidance import check_guidance
from stretchtimer.core.routine.model import Routine
from stretchtimer.core.routine.problems import RoutineFileError
from stretchtimer.core.routine.summary import routine_dict
from stretchtimer.core.routine.tags import tag_name
from stretchtimer.core.routine.wording import fill_sides
from stretchtimer.storage.paths import app_paths
from stretchtimer.storage.routines.library import (
    RoutineEntry,
    RoutineLibrary,
    UnknownRoutineError,
)
from stretchtimer.terminal.escaping import with_escaped_output


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "routines", help=_("list, show, check, create and import routines")
    )
    actions = parser.add_subparsers(
        dest="action", metavar="ACTION", required=True, title=_("actions")
    )

    listing = actions.add_parser("list", help=_("list the built-in and your own routines"))
    listing.add_argument("--json", action="store_true", help=_("print a JSON list"))
    listing.set_defaults(run=with_escaped_output(run_list))

    show = actions.add_parser("show", help=_("show one routine step by step"))
    show.add_argument("routine", metavar="ID|FILE", help=_("a routine id or a routine file"))
    show.add_argument("--json", action="store_true", help=_("print a JSON object"))
    show.set_defaults(run=with_escaped_output(run_show))

    script = actions.add_parser(
        "script", help=_("print what a session will say, and when, with your settings")
    )
    script.add_argument("routine", metavar="ID|FILE", help=_("a routine id or a routine file"))
    script.add_argument("--json", action="store_true", help=_("print a JSON list of segments"))
    script.set_defaults(run=run_script)

    validate = actions.add_parser(
        "validate",
        help=_("check routine files: problems (exit 1) and advice for eyes-closed guidance"),
    )
    validate.add_argument("files", metavar="FILE", nargs="+", help=_("routine files to check"))
    validate.set_defaults(run=with_escaped_output(run_validate))

    routine_files_cmd.register_actions(actions)


def library() -> RoutineLibrary:
    paths = app_paths()
    return RoutineLibrary(paths.routines, paths.cache)


def seconds_with_settings() -> Callable[[Routine], float]:
    """How long a routine takes with the person's timing and speaking rate, as the app
    shows it (the defaults where the settings file cannot be read)."""
    from stretchtimer.core.session.estimate import estimated_seconds
    from stretchtimer.storage.settings import SettingsStore

    settings = SettingsStore(app_paths().settings).load().settings
    return lambda routine: estimated_seconds(routine, settings)


def run_list(args: argparse.Namespace) -> int:
    entries = library().entries()
    planned_seconds = seconds_with_settings()
    if args.json:
        items = []
        for entry in entries:
            item: dict[str, Any] = {
                "id": entry.id,
                "title": entry.title,
                "builtin": entry.builtin,
                "source": entry.source,
            }
            if entry.routine is not None:
                item.update(
                    duration_seconds=round(planned_seconds(entry.routine)),
                    steps=len(entry.routine.steps),
                    tags=list(entry.routine.tags),
                )
            else:
                assert entry.error is not None
                item.update(
                    duration_seconds=None,
                    steps=None,
                    tags=[],
                    problems=[str(problem) for problem in entry.error.problems],
                )
            items.append(item)
        print(json.dumps(items, indent=2, ensure_ascii=False))
        return 0
    width = max((len(entry.id) for entry in entries), default=2)
    origins = {True: _("built-in"), False: _("own")}
    origin_width = max(len(word) for word in origins.values())
    steps_width = len(n_("{count} step", "{count} steps", 10).format(count=10))
    for entry in entries:
        origin = origins[entry.builtin]
        if entry.routine is None:
            assert entry.error is not None
            cannot = _("(cannot be used: {problem}; run `{command}`)").format(
                problem=entry.error.problems[0].message,
                command=f"stretchtimer routines validate {entry.source}",
            )
            print(f"{entry.id:<{width}}  {cannot}")
            continue
        routine = entry.shown()  # in the app's language, where it is translated into it
        assert routine is not None
        count = len(routine.steps)
        steps = n_("{count} step", "{count} steps", count).format(count=count)
        tags = f"  [{', '.join(map(tag_name, routine.tags))}]" if routine.tags else ""
        print(
            f"{entry.id:<{width}}  {clock_text(planned_seconds(routine)):>6}  "
            f"{steps:<{steps_width}}  {origin:<{origin_width}}  {routine.title}{tags}"
        )
    return 0


def opened(name: str) -> RoutineEntry | None:
    """The routine ``name`` names, read; None once the reason it cannot be is printed."""
    try:
        entry = library().open(name)
    except (UnknownRoutineError, RoutineFileError) as error:
        print(error, file=sys.stderr)
        return None
    assert entry.routine is not None  # open() raises for a file it cannot read
    return entry


def run_show(args: argparse.Namespace) -> int:
    entry = opened(args.routine)
    if entry is None:
        return 1
    routine = entry.routine
    assert routine is not None
    planned_seconds = seconds_with_settings()
    if args.json:  # the routine as its file has it: a program reads every language there
        facts = {"id": entry.id, "builtin": entry.builtin, "source": entry.source}
        facts.update(routine_dict(routine))
        facts["duration_seconds"] = round(planned_seconds(routine))
        print(json.dumps(facts, indent=2, ensure_ascii=False))
        return 0
    routine = entry.shown() or routine  # read in the app's language, where translated
    origin = _("built-in") if entry.builtin else entry.source
    print(f"{routine.title}  ({clock_text(planned_seconds(routine))}, {origin})")
    if routine.tags:
        print(_("tags: {tags}").format(tags=", ".join(map(tag_name, routine.tags))))
    if routine.description:
        print(textwrap.fill(routine.description, width=88))
    print()
    if routine.setup:
        print(_indented(_("Before you start: {text}").format(text=routine.setup), ""))
        print()
    for number, step in enumerate(routine.steps, start=1):
        print(f"{number:>2}. {step.name} — {work_text(step)}")
        first = step.sides.order()[0]  # the words as said for the first side
        labelled = (
            (_("Caution: {text}"), step.caution),
            (_("Setup: {text}"), step.setup),
            ("{text}", step.say),
            (_("Feel: {text}"), step.feel),
            (_("Release: {text}"), step.release),
            (_("Easier: {text}"), step.easier),
        )
        for label, text in labelled:
            if text:
                print(_indented(label.format(text=fill_sides(text, first)), "    "))
    if routine.finish:
        print()
        print(_indented(_("To finish: {text}").format(text=routine.finish), ""))
    return 0


def _indented(text: str, indent: str) -> str:
    return textwrap.fill(text, width=88, initial_indent=indent, subsequent_indent=indent)


def run_validate(args: argparse.Namespace) -> int:
    failed = False
    for name in args.files:
        try:
            routine = load_routine(name)
        except RoutineFileError as error:
            failed = True
            for problem in error.problems:
                print(problem, file=sys.stderr)
        else:
            count = len(routine.steps)
            steps = n_("{count} step", "{count} steps", count).format(count=count)
            print(
                _("{file}: ok ({title}, {steps})").format(
                    file=name, title=repr(routine.title), steps=steps
                )
            )
            for advice in check_guidance(routine):
                print(_("{file}: warning: {advice}").format(file=name, advice=advice))
    return 1 if failed else 0


def run_script(args: argparse.Namespace) -> int:
    from stretchtimer.core.session.estimate import plan_options
    from stretchtimer.core.session.script import script_json, script_lines
    from stretchtimer.speech.clip_cache import VoiceChoice
    from stretchtimer.speech.script_timing import routine_script
    from stretchtimer.storage.languages import session_language
    from stretchtimer.storage.settings import SettingsStore

    entry = opened(args.routine)
    if entry is None:
        return 1
    assert entry.routine is not None
    # What a session says, in the language it plays in: the app's where the routine is
    # written or translated in it, else the routine's own, its words and the phrases alike.
    routine, language = session_language(entry.routine, i18n.app_language())
    paths = app_paths()
    settings = SettingsStore(paths.settings).load().settings
    voice = VoiceChoice(settings.voice, settings.rate)
    with i18n.speaking_in(language):
        script = routine_script(routine, plan_options(settings), voice, paths.clips)
    if args.json:
        print(json.dumps(script_json(script), indent=2, ensure_ascii=False))
        return 0
    total = sum(segment.length for segment in script if segment.kind != "done")
    print(f"{routine.title}  ({clock_text(total)})")
    for line in script_lines(script):
        print(line)
    return 0
