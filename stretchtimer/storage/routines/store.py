"""The person's own routine files: create, save, rename, duplicate, delete, import, export.

Every write is atomic (a crash leaves the old file or the new one, never half of
one), and nothing the person wrote is ever destroyed:

- saving over a file written by hand (comments, its own layout) first keeps the
  original as ``NAME.toml.bak``;
- saving over a file that changed on disk since it was opened is refused
  (:class:`ChangedOnDiskError`) until the caller says to go ahead;
- a deleted routine is moved to a ``deleted-routines`` folder beside the routines
  folder, from where :meth:`RoutineStore.restore` brings it back;
- an import that would replace a file keeps the old one as a backup.

A routine's id is its file name, and history and reminders refer to routines by
id, so renaming a routine changes its title and keeps its file name.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from stretchtimer.core.i18n import _
from stretchtimer.core.routine.model import Routine
from stretchtimer.core.routine.problems import RoutineFileError
from stretchtimer.storage.atomic import write_atomically
from stretchtimer.storage.paths import ensure_private_dir
from stretchtimer.storage.routines.names import (
    builtin_ids,
    builtin_titles,
    copy_title,
    numbered_title,
    slug,
    title_key,
    titled,
)

# The routine parser and writer are imported where a file is read or written: the
# Routines page makes a store at start-up, before any file needs them.

log = logging.getLogger(__name__)

SUFFIX = ".toml"
BACKUP_SUFFIX = ".bak"
SHARED_FILE_MODE = 0o644  # an exported routine is for others to read
Clash = Literal["refuse", "rename", "replace"]


class ChangedOnDiskError(Exception):
    """The file is not what the editor opened: someone changed (or deleted) it meanwhile."""

    def __init__(self, path: Path, current: bytes | None) -> None:
        self.path = path
        self.current = current  # None: the file is gone
        if current is None:
            message = _("{file} was deleted since it was opened")
        else:
            message = _("{file} was changed by another program since it was opened")
        super().__init__(message.format(file=path.name))


class RoutineClashError(Exception):
    """A routine file of that name is already in the routines folder (or a built-in has it).

    ``title`` is set when the clash is a routine of the same title (a built-in, or one
    of the person's in another file).
    """

    def __init__(self, target: Path, *, builtin: bool, title: str | None = None) -> None:
        self.target = target
        self.builtin = builtin
        self.title = title
        if builtin and title is not None:
            message = _("a built-in routine is already called “{title}”").format(title=title)
        elif builtin:
            message = _("a built-in routine is already called {name}").format(name=target.stem)
        elif title is not None:
            message = _("your routines already have “{title}” in {file}").format(
                title=title, file=target.name
            )
        else:
            message = _("your routines folder already has {file}").format(file=target.name)
        super().__init__(message)


@dataclass(frozen=True)
class Saved:
    """A routine file written: where, the exact bytes, and the backup kept first (if any)."""

    path: Path
    data: bytes
    backup: Path | None = None


@dataclass(frozen=True)
class Deleted:
    """A routine moved out of the way: where it was, and where it is kept."""

    original: Path
    kept: Path


@dataclass(frozen=True)
class ImportCheck:
    """What importing a file would do, before anything is written."""

    source: Path
    routine: Routine
    data: bytes
    target: Path  # where it goes when nothing clashes
    clash: RoutineClashError | None = None
    already_there: bool = False  # the folder holds this very content under that name


def canonical_bytes(routine: Routine) -> bytes:
    """The bytes the app writes for ``routine``."""
    from stretchtimer.core.routine.writer import routine_to_toml

    return routine_to_toml(routine).encode("utf-8")


def written_by_hand(data: bytes) -> bool:
    """Whether ``data`` is something other than what the app itself would write.

    Such a file has a person's comments or layout, so it is kept as a backup
    before the app writes over it.
    """
    from stretchtimer.core.routine.file import parse_routine

    try:
        routine = parse_routine(data, "<check>")
    except RoutineFileError:
        return True
    return canonical_bytes(routine) != data


def read_bytes(path: Path) -> bytes | None:
    """The file's bytes, or None when there is no such file."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


class RoutineStore:
    """Own routine files in ``folder``; deleted ones go to ``deleted``."""

    def __init__(
        self,
        folder: Path,
        *,
        deleted: Path | None = None,
        reserved: set[str] | None = None,
        reserved_titles: set[str] | None = None,
    ) -> None:
        self.folder = folder
        self.deleted = deleted or folder.parent / "deleted-routines"
        self._reserved = reserved
        self._reserved_titles = reserved_titles

    @property
    def reserved(self) -> set[str]:
        """Ids a new file must not take: the built-in routines'."""
        if self._reserved is None:
            self._reserved = builtin_ids()
        return self._reserved

    @property
    def reserved_titles(self) -> set[str]:
        """Titles an imported routine must not take: the built-in routines'."""
        if self._reserved_titles is None:
            self._reserved_titles = builtin_titles()
        return self._reserved_titles

    # -- names ------------------------------------------------------------------------

    def free_path(self, stem: str) -> Path:
        """``folder/STEM.toml``, or ``STEM-2.toml``, ... whichever is free."""
        stem = stem or "routine"
        number = 1
        while True:
            candidate = stem if number == 1 else f"{stem}-{number}"
            path = self.folder / f"{candidate}{SUFFIX}"
            if candidate not in self.reserved and not path.exists():
                return path
            number += 1

    def path_for_title(self, title: str) -> Path:
        return self.free_path(slug(title))

    def builtin_title(self, title: str) -> str | None:
        """The built-in routine's title that ``title`` is (letter case aside), if any."""
        wanted = title_key(title)
        return next((used for used in self.reserved_titles if title_key(used) == wanted), None)

    def title_taken(self, title: str) -> bool:
        """Whether a built-in routine or one of the person's already has ``title``."""
        return self.builtin_title(title) is not None or self._titled(title) is not None

    def free_title(self, title: str) -> str:
        """``"TITLE (2)"``, ``"TITLE (3)"``, ... whichever no routine has yet."""
        taken = {title_key(used) for used in self.reserved_titles} | {
            title_key(used) for used in self._own_titles()
        }
        number = 2
        while title_key(numbered_title(title, number)) in taken:
            number += 1
        return numbered_title(title, number)

    # -- writing ----------------------------------------------------------------------

    def create(self, routine: Routine, *, stem: str | None = None) -> Saved:
        """Write ``routine`` to a new file named after its title (or ``stem``)."""
        path = self.free_path(stem or slug(routine.title))
        data = canonical_bytes(routine)
        write_atomically(path, data)
        log.info("created routine file %s", path)
        return Saved(path, data)

    def save(
        self,
        routine: Routine,
        path: Path,
        *,
        expected: bytes | None,
        force: bool = False,
        backup: bool = False,
    ) -> Saved:
        """Write ``routine`` over ``path``.

        ``expected`` is what the file held when it was opened (None for a new
        file). If the file holds something else now, :class:`ChangedOnDiskError`
        is raised, unless ``force``. What the file holds is kept as a backup first
        when it was written by hand, when it is not what was expected, or when
        ``backup`` asks for it.
        """
        current = read_bytes(path)
        if not force and current != expected:
            raise ChangedOnDiskError(path, current)
        kept = None
        if current is not None and (backup or current != expected or written_by_hand(current)):
            kept = self.keep_backup(path, current)
        data = canonical_bytes(routine)
        write_atomically(path, data)
        log.info("saved routine file %s%s", path, f" (the old one kept as {kept})" if kept else "")
        return Saved(path, data, kept)

    def keep_backup(self, path: Path, data: bytes) -> Path:
        """Copy ``data`` to ``NAME.toml.bak`` (or ``.bak-2``, ... when an older backup differs)."""
        number = 1
        while True:
            suffix = BACKUP_SUFFIX if number == 1 else f"{BACKUP_SUFFIX}-{number}"
            backup = path.with_name(path.name + suffix)
            existing = read_bytes(backup)
            if existing == data:
                return backup
            if existing is None:
                write_atomically(backup, data)
                return backup
            number += 1

    def rename(self, path: Path, title: str) -> Saved:
        """Give the routine in ``path`` a new title; the file keeps its name (its id)."""
        from stretchtimer.core.routine.file import parse_routine

        data = path.read_bytes()
        routine = parse_routine(data, str(path))
        return self.save(titled(routine, title), path, expected=data)

    def duplicate(self, routine: Routine, title: str | None = None) -> Saved:
        """A new file with ``routine`` under ``title`` (default: "TITLE (copy)")."""
        return self.create(titled(routine, title or copy_title(routine.title)))

    # -- deleting ---------------------------------------------------------------------

    def delete(self, path: Path) -> Deleted:
        """Move ``path`` into the deleted-routines folder (never removed from the disk)."""
        ensure_private_dir(self.deleted)
        number = 1
        while True:
            name = path.name if number == 1 else f"{path.stem}-{number}{path.suffix}"
            kept = self.deleted / name
            if not kept.exists():
                break
            number += 1
        path.replace(kept)
        log.info("deleted routine file %s (kept as %s)", path, kept)
        return Deleted(path, kept)

    def restore(self, deleted: Deleted) -> Path:
        """Bring a deleted routine back, under its old name when that is still free."""
        target = deleted.original
        if target.exists():
            target = self.free_path(target.stem)
        ensure_private_dir(target.parent)
        deleted.kept.replace(target)
        log.info("restored routine file %s", target)
        return target

    # -- import and export ------------------------------------------------------------

    def check_import(self, source: Path) -> ImportCheck:
        """Validate ``source`` and say where it would go; raises :class:`RoutineFileError`."""
        from stretchtimer.core.routine.file import load_routine

        routine = load_routine(source)
        data = source.read_bytes()
        stem = slug(source.stem) if source.stem else slug(routine.title)
        target = self.folder / f"{stem}{SUFFIX}"
        builtin_title = self.builtin_title(routine.title)
        if stem in self.reserved or builtin_title is not None:
            # A built-in is read-only: only another name (and title) can settle this.
            clash = RoutineClashError(target, builtin=True, title=builtin_title)
            return ImportCheck(source, routine, data, target, clash)
        existing = read_bytes(target)
        if existing is None:
            same_title = self._titled(routine.title)
            if same_title is None:
                return ImportCheck(source, routine, data, target)
            # Two routines listed under one title could not be told apart.
            target, existing = same_title, read_bytes(same_title)
            clash = RoutineClashError(target, builtin=False, title=routine.title)
            if existing != data:
                return ImportCheck(source, routine, data, target, clash)
        if existing == data:
            return ImportCheck(source, routine, data, target, already_there=True)
        return ImportCheck(source, routine, data, target, RoutineClashError(target, builtin=False))

    def _titled(self, title: str) -> Path | None:
        """The own routine file whose routine has ``title`` (letter case aside), if any."""
        wanted = title_key(title)
        return next(
            (path for path, used in self._own_routines() if title_key(used) == wanted), None
        )

    def _own_titles(self) -> list[str]:
        return [title for _path, title in self._own_routines()]

    def _own_routines(self) -> Iterator[tuple[Path, str]]:
        """Each readable own routine file with its routine's title."""
        from stretchtimer.core.routine.file import load_routine

        for path in sorted(self.folder.glob(f"*{SUFFIX}")):
            try:
                yield path, load_routine(path).title
            except (RoutineFileError, OSError):
                continue

    def import_checked(
        self, check: ImportCheck, *, clash: Clash = "refuse", title: str | None = None
    ) -> Saved:
        """Copy a checked file into the folder, as it is (comments and all).

        On a clash: ``"refuse"`` raises the :class:`RoutineClashError`, ``"rename"``
        picks a free name, ``"replace"`` keeps the old file as a backup and takes
        its place (a built-in cannot be replaced). A routine titled like a built-in
        is renamed to ``title``, or to a free one ("Desk hips (2)"): only its title
        line changes. A ``title`` some routine already has is refused.
        """
        if check.already_there:
            return Saved(check.target, check.data)
        target, data, backup = check.target, check.data, None
        if check.clash is not None:
            if clash == "refuse" or (clash == "replace" and check.clash.builtin):
                raise check.clash
            if clash == "rename":
                target = self.free_path(check.target.stem)
                if check.clash.builtin and check.clash.title is not None:
                    data = self._retitled(check, title or self.free_title(check.routine.title))
            else:
                old = read_bytes(target)
                if old is not None:
                    backup = self.keep_backup(target, old)
        write_atomically(target, data)
        log.info("imported %s as %s", check.source, target)
        return Saved(target, data, backup)

    def _retitled(self, check: ImportCheck, title: str) -> bytes:
        from stretchtimer.core.routine.writer import retitled

        if self.title_taken(title):
            builtin = self.builtin_title(title)
            raise RoutineClashError(
                self._titled(title) or check.target,
                builtin=builtin is not None,
                title=builtin or title.strip(),
            )
        return retitled(check.data, title.strip(), str(check.source))

    def import_file(
        self, source: Path, *, clash: Clash = "refuse", title: str | None = None
    ) -> Saved:
        return self.import_checked(self.check_import(source), clash=clash, title=title)


def export_routine(routine: Routine, target: Path) -> Saved:
    """Write ``routine`` to ``target`` (anywhere the person chose) as a routine file."""
    data = canonical_bytes(routine)
    write_atomically(target, data, mode=SHARED_FILE_MODE)
    return Saved(target, data)


def export_file(data: bytes, target: Path) -> Saved:
    """Copy a routine file's bytes to ``target``, comments and all."""
    write_atomically(target, data, mode=SHARED_FILE_MODE)
    return Saved(target, data)
