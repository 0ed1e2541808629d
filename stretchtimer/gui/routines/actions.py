"""What a person can do with routines on the Routines page, besides playing them.

New, edit, duplicate, rename, export and delete (with undo), import (a button,
Ctrl+I, or dropping ``.toml`` files on the window) and opening the routines
folder. Their buttons, menus and keys are :mod:`~stretchtimer.gui.routines.controls`'s.

Built-in routines are read-only: editing one offers to save a copy first. The
routines folder is watched, so files changed by other programs show up at once.

The message boxes' class is imported by the functions that show one: PySide makes a
class (QMessageBox's and QDialog's, with their enums) when it is first named, and the
Routines page paints without either.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtWidgets import QWidget

from stretchtimer.core.i18n import _, n_
from stretchtimer.core.routine.model import Routine
from stretchtimer.gui.editor.banner import EditorBanner
from stretchtimer.gui.routines.controls import RoutineControls
from stretchtimer.gui.routines.files import (
    RoutineDropTarget,
    RoutineFolderWatcher,
    RoutineImporter,
    open_folder,
)
from stretchtimer.gui.widgets.numbers import number
from stretchtimer.storage.routines.library import RoutineEntry, builtin_folder
from stretchtimer.storage.routines.names import copy_title, slug

if TYPE_CHECKING:
    from stretchtimer.gui.editor.editors import EditorWindows
    from stretchtimer.gui.editor.window import RoutineEditor
    from stretchtimer.gui.routines.page import RoutinesView
    from stretchtimer.gui.services import AppServices
    from stretchtimer.gui.session.coordinator import SessionCoordinator
    from stretchtimer.storage.routines.drafts import KeptDraft
    from stretchtimer.storage.routines.store import Deleted, RoutineStore, Saved

log = logging.getLogger(__name__)

PREVIEW_ID = "preview"


class RoutinesHost(Protocol):
    """The window the Routines page lives in, as its actions use it."""

    services: AppServices

    @property
    def sessions(self) -> SessionCoordinator: ...  # made when first asked for
    def window(self) -> QWidget: ...
    def reload_routines(self) -> None: ...
    def show_place(self, key: str) -> None: ...
    def show_notice(self, message: str) -> None: ...
    def bring_forward(self, startup_id: str = "") -> None: ...


class RoutineActions:
    """Adds the routine actions to ``view`` and carries them out for ``host``."""

    def __init__(self, host: RoutinesHost, view: RoutinesView) -> None:
        self.host = host
        self.window = window = host.window()  # the parent of dialogs, the target of drops
        self.view = view
        services = host.services
        self.services = services
        self.drafts_folder = services.paths.data / "editor-drafts"
        self._editors: EditorWindows | None = None  # with the first editor opened
        self.drop_target = RoutineDropTarget(window)
        self.drop_target.dropped.connect(self._dropped)
        window.installEventFilter(self.drop_target)
        window.setAcceptDrops(True)
        self.watcher = RoutineFolderWatcher(services.paths.routines, window)
        self.watcher.changed.connect(self._folder_changed)
        self.deleted: Deleted | None = None
        self._build()
        view.list.selectionModel().currentChanged.connect(lambda *_: self.update_buttons())
        self.update_buttons()
        self.offer_kept_drafts()

    # The files' store and the importer with their first use: the store's module (its
    # dataclasses and checks, some 3 ms) is not needed to see the Routines page.

    @functools.cached_property
    def store(self) -> RoutineStore:
        """The person's routine files."""
        from stretchtimer.storage.routines.store import RoutineStore

        return RoutineStore(self.services.paths.routines)

    @functools.cached_property
    def importer(self) -> RoutineImporter:
        """Checks and copies in routine files (chosen, or dropped on the window)."""
        importer = RoutineImporter(self.services, self.store, self.window)
        importer.imported.connect(self._imported)
        return importer

    def _build(self) -> None:
        self.controls = RoutineControls(self.view, self)
        self.bar = EditorBanner()
        self.view.list_column.insertWidget(1, self.bar)

    def current(self) -> RoutineEntry | None:
        row = self.view.current_row()
        return row.entry if row is not None else None

    def update_buttons(self) -> None:
        self.controls.update(self.current())

    # -- the list --------------------------------------------------------------------------

    def refresh(self, select: Path | None = None) -> None:
        self.host.reload_routines()
        if select is not None:
            routine_id = self._id_of(select)
            if routine_id is not None:
                self.view.select(routine_id)
        self.update_buttons()

    def _id_of(self, path: Path) -> str | None:
        for row in self.view.model.rows:
            if row.entry.path is not None and row.entry.path == path:
                return row.entry.id
        return None

    @property
    def editors(self) -> EditorWindows:
        """The editor windows (the editor's modules load with the first one)."""
        if self._editors is None:
            from stretchtimer.gui.editor.editors import EditorWindows
            from stretchtimer.storage.routines.drafts import DraftFolder

            drafts = DraftFolder(self.drafts_folder)
            self._editors = EditorWindows(self.services, self.store, drafts, self.window)
            self._editors.saved.connect(self._saved)
            self._editors.try_requested.connect(self._try)
        return self._editors

    def _open_editor(self, path: Path) -> RoutineEditor | None:
        """The editor open on ``path``, if any (none before the first editor)."""
        return self._editors.editor_for(path) if self._editors is not None else None

    def _folder_changed(self) -> None:
        self.refresh()
        if self._editors is not None:
            self._editors.files_changed()

    def _saved(self, path: Path) -> None:
        self.refresh(select=path)

    def _dropped(self, files: list[Path]) -> None:
        self.importer.import_files(files)

    def _imported(self, path: Path) -> None:
        self.host.show_place("routines")
        self.refresh(select=path)
        self.bar.say(_("Imported as {name}.").format(name=path.name))

    # -- new, edit, duplicate, rename ------------------------------------------------------

    def new_routine(self) -> None:
        self.editors.open_new()

    def edit(self) -> None:
        entry = self.current()
        if entry is None or entry.routine is None:
            return
        if entry.builtin:
            self._edit_a_copy(entry.routine)
            return
        assert entry.path is not None
        self._open(entry.path)

    def _open(self, path: Path) -> None:
        from PySide6.QtWidgets import QMessageBox  # with a dialog (see above)

        try:
            self.editors.open_file(path)
        except (OSError, ValueError) as error:
            QMessageBox.warning(
                self.window,
                _("Cannot open the routine"),
                _("{name} cannot be opened: {error}").format(name=path.name, error=error),
            )

    def _edit_a_copy(self, routine: Routine) -> None:
        from PySide6.QtWidgets import QMessageBox  # with a dialog (see above)

        answer = QMessageBox.question(
            self.window,
            _("Built-in routine"),
            _(
                "“{title}” comes with Stretch Timer and stays as it is. Save a copy as "
                "your own routine, and edit that?"
            ).format(title=routine.title),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer != QMessageBox.StandardButton.Save:
            return
        self._write(lambda: self.store.duplicate(routine), then=self._open)

    def duplicate(self) -> None:
        entry = self.current()
        if entry is None or entry.routine is None:
            return
        title = self._ask_title(
            _("Duplicate"), _("Title of the copy:"), copy_title(entry.routine.title)
        )
        if title is not None:
            routine = entry.routine
            self._write(lambda: self.store.duplicate(routine, title))

    def rename(self) -> None:
        entry = self.current()
        if entry is None or entry.builtin or entry.routine is None or entry.path is None:
            return
        editor = self._open_editor(entry.path)
        if editor is not None:  # the editor has the title field; rename there
            editor.raise_()
            editor.activateWindow()
            editor.routine_form.title.setFocus()
            return
        title = self._ask_title(_("Rename"), _("New title:"), entry.routine.title)
        if title is not None and title.strip() != entry.routine.title:
            path = entry.path
            self._write(lambda: self.store.rename(path, title))

    def _ask_title(self, heading: str, label: str, title: str) -> str | None:
        # Their classes and enums: with the dialogs.
        from PySide6.QtWidgets import QInputDialog, QMessageBox

        from stretchtimer.core.routine.draft import problem_text, title_problem

        while True:
            text, ok = QInputDialog.getText(self.window, heading, label, text=title)
            if not ok:
                return None
            problem = title_problem(text)
            if problem is None:
                return text.strip()
            QMessageBox.warning(
                self.window,
                heading,
                _("That title cannot be used: {problem}.").format(problem=problem_text(problem)),
            )
            title = text

    def _write(
        self, write: Callable[[], Saved], then: Callable[[Path], None] | None = None
    ) -> None:
        def done(saved: Saved) -> None:
            self.refresh(select=saved.path)
            if then is not None:
                then(saved.path)

        self.services.tasks.run(write, done, self._failed)

    def _failed(self, error: BaseException) -> None:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        self.host.show_notice(
            _("That did not work ({reason}); check that {folder} is writable.").format(
                reason=reason, folder=self.store.folder
            )
        )

    # -- delete and undo -------------------------------------------------------------------

    def delete(self) -> None:
        entry = self.current()
        if entry is None or entry.builtin or entry.path is None:
            return
        editor = self._open_editor(entry.path)
        if editor is not None and not editor.close():
            return
        path, title = entry.path, entry.title

        def deleted(result: Deleted) -> None:
            self.deleted = result
            self.refresh()
            self.bar.say(
                _("Deleted “{title}”.").format(title=title), [(_("Undo"), self.undo_delete)]
            )

        self.services.tasks.run(lambda: self.store.delete(path), deleted, self._failed)

    def undo_delete(self) -> None:
        deleted, self.deleted = self.deleted, None
        if deleted is None:
            return
        self.bar.clear()
        self.services.tasks.run(
            lambda: self.store.restore(deleted),
            lambda path: self.refresh(select=path),
            self._failed,
        )

    # -- files -----------------------------------------------------------------------------

    def choose_import(self) -> None:
        # PySide makes a Qt class and its enums when first named: the file dialog's
        # (some 2 ms) with the dialog, not before the Routines page paints.
        from PySide6.QtWidgets import QFileDialog

        names, _filter = QFileDialog.getOpenFileNames(
            self.window, _("Import routine files"), str(Path.home()), _("Routine files (*.toml)")
        )
        self.importer.import_files([Path(name) for name in names])

    def export(self) -> None:
        entry = self.current()
        if entry is None:
            return
        from PySide6.QtWidgets import QFileDialog

        name, _filter = QFileDialog.getSaveFileName(
            self.window,
            _("Export the routine"),
            str(Path.home() / f"{slug(entry.title)}.toml"),
            _("Routine files (*.toml)"),
        )
        if name:
            self.export_to(entry, Path(name))

    def export_to(self, entry: RoutineEntry, target: Path) -> None:
        from stretchtimer.storage.routines.store import export_file

        if target.suffix.lower() != ".toml":
            target = target.with_name(target.name + ".toml")
        path = entry.path

        def copy() -> Saved:
            if path is not None:
                data = path.read_bytes()
            else:
                data = (builtin_folder() / f"{entry.id}.toml").read_bytes()
            return export_file(data, target)

        self.services.tasks.run(
            copy,
            lambda saved: self.bar.say(_("Exported to {path}.").format(path=saved.path)),
            self._failed,
        )

    def open_routines_folder(self) -> None:
        open_folder(self.store.folder)

    # -- sessions and closing --------------------------------------------------------------

    def _try(self, routine: Routine, speed: float) -> None:
        self.host.sessions.start_session(PREVIEW_ID, routine, record=False, speed=speed)
        self.host.bring_forward()

    def close_editors(self, then: Callable[[], object]) -> bool:
        return self._editors is None or self._editors.close_all(then)

    # -- unsaved changes from an earlier run -----------------------------------------------

    def offer_kept_drafts(self) -> None:
        if not self.drafts_folder.is_dir():
            return  # no editor ever kept anything here
        from stretchtimer.storage.routines.drafts import DraftFolder

        kept = DraftFolder(self.drafts_folder).unsaved()
        if not kept:
            return
        titles = [draft.draft.title.strip() or _("a new routine") for draft in kept[:3]]
        names = ", ".join(f"“{title}”" for title in titles)
        if len(kept) > 3:
            more = len(kept) - 3
            # TRANSLATORS: {names} are up to three routine titles in quotes.
            words = n_(
                "Changes to {names} and {count} more were not saved before Stretch Timer closed.",
                "Changes to {names} and {count} more were not saved before Stretch Timer closed.",
                more,
            ).format(names=names, count=number(more))
        else:
            words = _("Changes to {names} were not saved before Stretch Timer closed.").format(
                names=names
            )
        self.bar.say(
            words,
            [
                (_("Open them"), lambda: self._reopen(kept)),
                (_("Discard"), lambda: self._discard(kept)),
            ],
        )

    def _reopen(self, kept: list[KeptDraft]) -> None:
        for draft in kept:
            self.editors.open_kept(draft)

    def _discard(self, kept: list[KeptDraft]) -> None:
        paths = [draft.path for draft in kept]

        def remove() -> None:
            for path in paths:
                path.unlink(missing_ok=True)

        self.services.tasks.run(remove)
