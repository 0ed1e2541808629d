"""Routine files and the desktop: watch the routines folder, take dropped files, import, open.

- :class:`RoutineFolderWatcher` notices files added, changed or removed in the
  routines folder by any program (a text editor, a file manager, the command
  line) and says so once things settle.
- :class:`RoutineDropTarget` lets a person drop ``.toml`` files on the window.
- :class:`RoutineImporter` checks a file, shows its problems in the loader's
  words (and changes nothing) or asks about a name clash, then copies it in.

The message boxes' class is imported by the functions that show one: PySide makes a
class (QMessageBox's and QDialog's, with their enums) when it is first named, and the
Routines page paints without either.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QFileSystemWatcher, QObject, QTimer, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QWidget

from stretchtimer.core.i18n import _, n_
from stretchtimer.core.routine.problems import RoutineFileError
from stretchtimer.gui.services import AppServices
from stretchtimer.gui.widgets.numbers import number
from stretchtimer.gui.widgets.rich_text import escaped
from stretchtimer.storage.paths import ensure_private_dir

if TYPE_CHECKING:
    from PySide6.QtCore import QUrl

    from stretchtimer.storage.routines.store import (
        ImportCheck,
        RoutineClashError,
        RoutineStore,
        Saved,
    )

log = logging.getLogger(__name__)

SETTLE_MS = 400  # editors save in several steps; wait until the folder is quiet
MAX_PROBLEMS_SHOWN = 8


class RoutineFolderWatcher(QObject):
    """Watches the routines folder and each routine file in it.

    Signals:
        changed(): something in the folder changed (sent once per burst of changes).
    """

    changed = Signal()

    def __init__(self, folder: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.folder = folder
        self.watcher = QFileSystemWatcher(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SETTLE_MS)
        self._timer.timeout.connect(self._settled)
        self.watcher.directoryChanged.connect(self._poke)
        self.watcher.fileChanged.connect(self._poke)
        try:
            ensure_private_dir(folder)
        except OSError as error:
            log.warning("cannot watch the routines folder %s: %s", folder, error)
            return
        self.watcher.addPath(str(folder))
        self._watch_files()

    def _poke(self, _path: str = "") -> None:
        self._timer.start()

    def _settled(self) -> None:
        if str(self.folder) not in self.watcher.directories() and self.folder.is_dir():
            self.watcher.addPath(str(self.folder))
        self._watch_files()
        self.changed.emit()

    def _watch_files(self) -> None:
        """Watch every routine file (a file saved in place changes no folder entry)."""
        wanted = (
            {str(path) for path in self.folder.glob("*.toml")} if self.folder.is_dir() else set()
        )
        watched = set(self.watcher.files())
        gone = sorted(watched - wanted)
        new = sorted(wanted - watched)
        if gone:
            self.watcher.removePaths(gone)
        if new:
            self.watcher.addPaths(new)


def toml_files(urls: list[QUrl]) -> list[Path]:
    return [
        Path(url.toLocalFile())
        for url in urls
        if url.isLocalFile() and url.toLocalFile().lower().endswith(".toml")
    ]


class RoutineDropTarget(QObject):
    """Accepts ``.toml`` files dropped on a window (install it on the window).

    Signals:
        dropped(object): the list of Paths dropped.
    """

    dropped = Signal(object)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if isinstance(event, QDragEnterEvent | QDragMoveEvent):
            if event.mimeData().hasUrls() and toml_files(event.mimeData().urls()):
                event.acceptProposedAction()
                return True
            return False
        if isinstance(event, QDropEvent) and event.mimeData().hasUrls():
            files = toml_files(event.mimeData().urls())
            if files:
                event.acceptProposedAction()
                self.dropped.emit(files)
                return True
        return False


class RoutineImporter(QObject):
    """Imports routine files, one after another, asking what the person wants on a clash.

    Signals:
        imported(object): the Path of a routine file now in the routines folder.
    """

    imported = Signal(object)

    def __init__(self, services: AppServices, store: RoutineStore, window: QWidget) -> None:
        super().__init__(window)
        self.services = services
        self.store = store
        self.window = window

    def import_files(self, files: list[Path]) -> None:
        for source in files:
            self.import_file(source)

    def import_file(self, source: Path) -> None:
        store = self.store

        def check() -> ImportCheck | RoutineFileError:
            try:
                return store.check_import(source)
            except RoutineFileError as error:
                return error

        self.services.tasks.run(check, lambda result: self._checked(source, result), self._failed)

    def _checked(self, source: Path, result: ImportCheck | RoutineFileError) -> None:
        if isinstance(result, RoutineFileError):
            self._show_problems(source, result)
            return
        if result.already_there:
            self.imported.emit(result.target)
            return
        clash, title = "refuse", None
        if result.clash is not None:
            if result.clash.builtin and result.clash.title is not None:
                title = self._ask_builtin_title(result)
                clash = "cancel" if title is None else "rename"
            else:
                clash = self._ask_clash(result)
            if clash == "cancel":
                return
        self._copy(result, clash, title)

    def _copy(self, check: ImportCheck, clash: str, title: str | None = None) -> None:
        store = self.store

        from stretchtimer.storage.routines.store import RoutineClashError

        def copy() -> Saved | RoutineClashError:
            try:
                return store.import_checked(check, clash=clash, title=title)  # type: ignore[arg-type]
            except RoutineClashError as error:
                return error

        self.services.tasks.run(copy, self._copied, self._failed)

    def _copied(self, result: Saved | RoutineClashError) -> None:
        from PySide6.QtWidgets import QMessageBox  # with a dialog (see above)

        from stretchtimer.storage.routines.store import RoutineClashError

        if isinstance(result, RoutineClashError):
            # Another program took the name in the meantime: ask again.
            QMessageBox.warning(
                self.window, _("Not imported"), _("Not imported: {reason}.").format(reason=result)
            )
            return
        self.imported.emit(result.path)

    def _failed(self, error: BaseException) -> None:
        from PySide6.QtWidgets import QMessageBox  # with a dialog (see above)

        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        QMessageBox.warning(
            self.window,
            _("Not imported"),
            _("The routine could not be imported ({reason}); nothing was changed.").format(
                reason=reason
            ),
        )

    def _show_problems(self, source: Path, error: RoutineFileError) -> None:
        from PySide6.QtWidgets import QMessageBox  # with a dialog (see above)

        lines = [str(problem) for problem in error.problems]
        shown = "".join(f"<li>{escaped(line)}</li>" for line in lines[:MAX_PROBLEMS_SHOWN])
        more = len(lines) - MAX_PROBLEMS_SHOWN
        extra = ""
        if more > 0:
            words = n_("… and {count} more.", "… and {count} more.", more)
            extra = f"<p>{escaped(words.format(count=number(more)))}</p>"
        box = QMessageBox(self.window)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(_("Not imported"))
        # TRANSLATORS: {file} is the name of the routine file (shown in bold).
        summary = n_(
            "{file} was not imported: it has {count} problem. Nothing was changed.",
            "{file} was not imported: it has {count} problems. Nothing was changed.",
            len(lines),
        )
        summary = escaped(summary.format(file="\0", count=number(len(lines))))
        summary = summary.replace("\0", f"<b>{escaped(source.name)}</b>")
        fix = escaped(_("Fix the file in a text editor and import it again."))
        box.setText(f"<p>{summary}</p><ul>{shown}</ul>{extra}<p>{fix}</p>")
        box.setDetailedText("\n".join(lines))
        box.setObjectName("ImportProblems")
        box.exec()

    def _ask_clash(self, check: ImportCheck) -> str:
        from PySide6.QtWidgets import QMessageBox  # with a dialog (see above)

        assert check.clash is not None
        free = self.store.free_path(check.target.stem).name
        box = QMessageBox(self.window)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(_("A routine has this name"))
        rename = box.addButton(
            _("Import as {name}").format(name=free), QMessageBox.ButtonRole.AcceptRole
        )
        replace = None
        if check.clash.builtin:
            box.setText(
                _(
                    "A built-in routine is already called “{name}”. Import “{title}” as {file}?"
                ).format(name=check.target.stem, title=check.routine.title, file=free)
            )
        else:
            if check.clash.title is not None:
                # TRANSLATORS: {file} is a file name; the one you have is kept as {backup}.
                words = _(
                    "Your routines already have “{have}” in {file}. Import “{title}” as {name}, "
                    "or replace the one you have (it is kept as {backup})?"
                )
            else:
                words = _(
                    "Your routines already have {file}. Import “{title}” as {name}, "
                    "or replace the one you have (it is kept as {backup})?"
                )
            box.setText(
                words.format(
                    have=check.clash.title,
                    file=check.target.name,
                    title=check.routine.title,
                    name=free,
                    backup=f"{check.target.name}.bak",
                )
            )
            replace = box.addButton(_("Replace"), QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(rename)
        box.setEscapeButton(cancel)
        box.exec()
        clicked = box.clickedButton()
        if clicked is rename:
            return "rename"
        if replace is not None and clicked is replace:
            return "replace"
        return "cancel"

    def _ask_builtin_title(self, check: ImportCheck) -> str | None:
        """The title to import a routine titled like a built-in under; None: not imported."""
        from PySide6.QtWidgets import QMessageBox  # with a dialog (see above)

        assert check.clash is not None
        free = self.store.free_title(check.routine.title)
        box = QMessageBox(self.window)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(_("A built-in routine has this title"))
        box.setText(
            _(
                "“{builtin}” is a built-in routine, which stays as it is. Import "
                "{file} as “{title}”, or under a title you choose?"
            ).format(builtin=check.clash.title, file=check.source.name, title=free)
        )
        rename = box.addButton(
            _("Import as “{title}”").format(title=free), QMessageBox.ButtonRole.AcceptRole
        )
        choose = box.addButton(_("Choose a title…"), QMessageBox.ButtonRole.ActionRole)
        cancel = box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(rename)
        box.setEscapeButton(cancel)
        box.exec()
        clicked = box.clickedButton()
        if clicked is rename:
            return free
        if clicked is choose:
            return self._ask_free_title(free)
        return None

    def _ask_free_title(self, title: str) -> str | None:
        # The dialogs and the routine parser: not needed until a title is asked for.
        from PySide6.QtWidgets import QInputDialog, QMessageBox

        from stretchtimer.core.routine.draft import problem_text, title_problem

        heading = _("Import under another title")
        while True:
            text, ok = QInputDialog.getText(self.window, heading, _("Title:"), text=title)
            if not ok:
                return None
            problem = title_problem(text)
            if problem is None and not self.store.title_taken(text):
                return text.strip()
            reason = (
                problem_text(problem)
                if problem is not None
                else _("a routine is already called “{title}”").format(title=text.strip())
            )
            QMessageBox.warning(
                self.window,
                heading,
                _("That title cannot be used: {problem}.").format(problem=reason),
            )
            title = text


def open_folder(folder: Path) -> None:
    """Show the folder in the system's file manager."""
    # Named here: PySide makes QUrl's class and its five enums when first named.
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    QDesktopServices.openUrl(QUrl.fromLocalFile(str(ensure_private_dir(folder))))


def run_later(function: Callable[[], None]) -> None:
    QTimer.singleShot(0, function)
