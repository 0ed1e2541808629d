"""Find routines: the built-in ones shipped with the package and the person's own files.

A routine's id is its file name without ``.toml``. Built-ins are read-only; the
person's own routines live in the routines folder. A broken file of the person's
is listed with its problems instead of hiding it or stopping the others.

Lists show a routine in the app's language when it is translated into it
(:attr:`RoutineEntry.title`, :meth:`RoutineEntry.shown`); ``RoutineEntry.routine`` stays
the routine as its file has it, which is what an editor edits and saves.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from stretchtimer.core import i18n
from stretchtimer.core.i18n import _
from stretchtimer.core.routine.languages import in_language, playing_language, title_in
from stretchtimer.core.routine.model import Routine
from stretchtimer.core.routine.problems import Problem, RoutineFileError
from stretchtimer.storage.routines import builtin_cache

log = logging.getLogger(__name__)

SUFFIX = ".toml"
OWN_PREFIX = "own:"  # for a file of the person's named like a built-in


@dataclass(frozen=True)
class RoutineEntry:
    """One routine the app knows about, usable or not."""

    id: str
    source: str  # file path, or ``builtin:<id>``
    builtin: bool
    routine: Routine | None = None
    error: RoutineFileError | None = None
    path: Path | None = None  # None for built-ins

    @property
    def title(self) -> str:
        """The title to show: in the app's language when the routine is translated into it."""
        if self.routine is None:
            return self.id
        return title_in(self.routine, i18n.app_language().tag)

    def shown(self, language: str | None = None) -> Routine | None:
        """The routine as a person reads it in ``language`` (the app's by default): its
        translation where it has one, its own texts elsewhere. Not for saving."""
        if self.routine is None:
            return None
        wanted = i18n.app_language().tag if language is None else language
        return in_language(self.routine, playing_language(self.routine, wanted))


class UnknownRoutineError(LookupError):
    """No routine has that id; the message suggests what the person may have meant."""


def builtin_entries(cache_folder: Path | None = None) -> list[RoutineEntry]:
    """The built-in routines; parsed once a run, or read from ``cache_folder`` where they
    were kept by an earlier run (see :mod:`builtin_cache`)."""
    return [
        RoutineEntry(routine_id, f"builtin:{routine_id}", builtin=True, routine=routine)
        for routine_id, routine in _builtin_routines(cache_folder)
    ]


_loaded: builtin_cache.Parsed | None = None  # the built-ins never change while the app runs


def _builtin_routines(cache_folder: Path | None) -> builtin_cache.Parsed:
    global _loaded  # noqa: PLW0603 - one copy a run, whoever asks first
    if _loaded is None:
        _loaded = _read_builtins(cache_folder)
    return _loaded


def builtin_folder() -> Path:
    """The folder of the built-in routine files: their package's own folder, as it is in
    a checkout, an installed wheel and the bundles (PyInstaller puts the files beside the
    package there too). Found from the package's ``__file__`` rather than with
    ``importlib.resources``, whose modules and readers cost the Routines page's first
    paint some 5M instructions (20M in a bare interpreter)."""
    from stretchtimer.storage.routines import builtin

    return Path(builtin.__file__).parent


def _read_builtins(cache_folder: Path | None) -> builtin_cache.Parsed:
    folder = builtin_folder()
    files = sorted(
        (item.name, item.read_bytes()) for item in folder.iterdir() if item.name.endswith(SUFFIX)
    )
    key = builtin_cache.cache_key(files)
    if cache_folder is not None:
        kept = builtin_cache.read(cache_folder, key)
        if kept is not None:
            return kept
    from stretchtimer.core.routine.file import parse_routine

    parsed = []
    for name, data in files:
        routine_id = name[: -len(SUFFIX)]
        # A broken built-in is a bug: the tests read every one.
        parsed.append((routine_id, parse_routine(data, f"builtin:{routine_id}")))
    found = tuple(parsed)
    if cache_folder is not None:
        builtin_cache.write(cache_folder, key, found)
    return found


def own_entries(folder: Path, taken: set[str]) -> list[RoutineEntry]:
    """The person's routines in ``folder``; ids in ``taken`` get the ``own:`` prefix."""
    if not folder.is_dir():
        return []
    entries = []
    for path in sorted(folder.glob(f"*{SUFFIX}")):
        if path.name.startswith("."):
            continue
        routine_id = path.stem if path.stem not in taken else f"{OWN_PREFIX}{path.stem}"
        try:
            routine = _load(path)
        except RoutineFileError as error:
            log.warning("routine file %s has problems: %s", path, error)
            entries.append(
                RoutineEntry(routine_id, str(path), builtin=False, error=error, path=path)
            )
        else:
            entries.append(
                RoutineEntry(routine_id, str(path), builtin=False, routine=routine, path=path)
            )
    return entries


class RoutineLibrary:
    """Built-in routines first, then the person's own."""

    def __init__(self, own_folder: Path | None, cache_folder: Path | None = None) -> None:
        self.own_folder = own_folder
        self.cache_folder = cache_folder  # where the parsed built-ins are kept between runs

    def entries(self) -> list[RoutineEntry]:
        builtins = builtin_entries(self.cache_folder)
        own = (
            own_entries(self.own_folder, {entry.id for entry in builtins})
            if self.own_folder
            else []
        )
        return builtins + own

    def get(self, routine_id: str) -> RoutineEntry:
        entries = self.entries()
        for entry in entries:
            if entry.id == routine_id:
                return entry
        known = [entry.id for entry in entries]
        import difflib

        match = difflib.get_close_matches(routine_id, known, n=1, cutoff=0.5)
        hint = _("; did you mean {key}?").format(key=match[0]) if match else ""
        raise UnknownRoutineError(
            _(
                "no routine called {name}{suggestion} (`stretchtimer routines list` shows them all)"
            ).format(name=repr(routine_id), suggestion=hint)
        )

    def open(self, id_or_file: str) -> RoutineEntry:
        """A routine by id, or from a file path (anything ending in .toml or naming a file).

        Raises :class:`UnknownRoutineError` or :class:`RoutineFileError`.
        """
        path = Path(id_or_file).expanduser()
        if id_or_file.endswith(SUFFIX) or path.is_file() or "/" in id_or_file:
            routine = _load(path)
            return RoutineEntry(path.stem, str(path), builtin=False, routine=routine, path=path)
        entry = self.get(id_or_file)
        if entry.error is not None:
            raise entry.error
        return entry


def _load(path: Path) -> Routine:
    from stretchtimer.core.routine.file import load_routine  # the parser, when a file needs it

    return load_routine(path)


def problem_of(source: str, message: str) -> RoutineFileError:
    """A one-problem error, for callers that find a problem outside the loader."""
    return RoutineFileError(source, [Problem(source, message)])
