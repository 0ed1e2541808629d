"""Routine files and the app: import, drop, export, backups, and changes made by other programs."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QFileDialog, QInputDialog

from stretchtimer.core.routine.file import load_routine
from stretchtimer.gui.main_window import MainWindow
from stretchtimer.storage.routines.store import canonical_bytes
from tests.unit.gui.dialogs import answering, click
from tests.unit.gui.editor.helpers import (
    actions,
    close_without_saving,
    no_stray_dialogs,
    quiet_editors,
    type_into,
)
from tests.unit.gui.own_routines import ROUTINE, own_file

__all__ = ["no_stray_dialogs", "quiet_editors"]
pytestmark = pytest.mark.usefixtures("quiet_editors", "no_stray_dialogs")

BROKEN = 'format = 1\ntitle = "Broken"\n\n[[step]]\nname = "Pigeon"\nholds = 30\n'


def folder_of(home: Path) -> Path:
    return home / "data" / "routines"


def listed_paths(window: MainWindow) -> set[Path]:
    return {row.entry.path for row in window.routines.model.rows if row.entry.path is not None}


def steps_of(window: MainWindow, path: Path) -> int | None:
    for row in window.routines.model.rows:
        if row.entry.path == path and row.entry.routine is not None:
            return len(row.entry.routine.steps)
    return None


def test_editor_import_of_a_broken_file_shows_its_problems_and_changes_nothing(
    qtbot, window: MainWindow, home: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "broken.toml"
    source.write_text(BROKEN, encoding="utf-8")
    before = set(folder_of(home).iterdir()) if folder_of(home).exists() else set()
    with answering("OK") as seen:
        actions(window).importer.import_files([source])
    assert "<b>broken.toml</b> was not imported: it has 2 problems. Nothing was changed." in seen[0]
    assert (
        f"{source}:6: step 1 (&quot;Pigeon&quot;): holds: unknown key; did you mean hold?"
        in (seen[0])
    )
    after = set(folder_of(home).iterdir()) if folder_of(home).exists() else set()
    assert after == before
    assert source.read_text(encoding="utf-8") == BROKEN


def test_editor_import_asks_on_a_name_clash(
    qtbot, window: MainWindow, home: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    mine = own_file(home)
    original = mine.read_bytes()
    source = tmp_path / "morning-hips.toml"
    source.write_text(ROUTINE.replace("hold = 30", "hold = 50"), encoding="utf-8")
    importer = actions(window).importer
    with answering("Cancel") as seen:
        importer.import_files([source])
    assert seen[0].startswith("Your routines already have morning-hips.toml.")
    assert mine.read_bytes() == original
    with answering("Import as morning-hips-2.toml"):
        importer.import_files([source])
    assert (folder_of(home) / "morning-hips-2.toml").read_bytes() == source.read_bytes()
    with answering("Replace"):
        importer.import_files([source])
    assert mine.read_bytes() == source.read_bytes()
    assert (folder_of(home) / "morning-hips.toml.bak").read_bytes() == original
    assert "Imported as morning-hips.toml" in actions(window).bar.message


def test_editor_import_asks_when_a_routine_of_yours_has_the_same_title(
    qtbot, window: MainWindow, home: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    mine = own_file(home)
    source = tmp_path / "from the physio.toml"
    source.write_text(ROUTINE.replace("hold = 30", "hold = 50"), encoding="utf-8")
    with answering("Replace") as seen:
        actions(window).importer.import_files([source])
    assert seen[0].startswith("Your routines already have “Morning hips” in morning-hips.toml.")
    assert mine.read_bytes() == source.read_bytes()
    assert sorted(path.name for path in folder_of(home).glob("*.toml")) == ["morning-hips.toml"]


def test_editor_import_of_a_routine_titled_like_a_builtin_offers_another_title_not_replace(
    qtbot, window: MainWindow, home: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "desk.toml"
    source.write_text(ROUTINE.replace('"Morning hips"', '"Desk hips"'), encoding="utf-8")
    importer = actions(window).importer
    offered: list[str] = []

    def note_buttons_then_cancel(dialog: QDialog) -> None:
        offered.extend(button.text() for button in dialog.findChildren(QAbstractButton))
        click(dialog, "Cancel")

    with answering(note_buttons_then_cancel) as seen:
        importer.import_files([source])
    assert seen[0].startswith("“Desk hips” is a built-in routine, which stays as it is.")
    assert "Replace" not in offered and "Import as “Desk hips (2)”" in offered
    assert not (folder_of(home) / "desk.toml").exists()

    with answering("Import as “Desk hips (2)”"):
        importer.import_files([source])
    assert load_routine(folder_of(home) / "desk.toml").title == "Desk hips (2)"

    def titled(title: str):  # type: ignore[no-untyped-def]
        def fill(dialog: QInputDialog) -> None:
            dialog.setTextValue(title)
            dialog.accept()

        return fill

    with answering("Choose a title…", titled("desk hips (2)"), "OK", titled("Desk hips, mine")):
        importer.import_files([source])
    assert load_routine(folder_of(home) / "desk-2.toml").title == "Desk hips, mine"
    titles = [row.entry.title.casefold() for row in window.routines.model.rows]
    assert titles.count("desk hips") == 1 and len(set(titles)) == len(titles)


def test_editor_dropping_toml_files_on_the_window_imports_them(
    qtbot, window: MainWindow, home: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "From the clinic.toml"
    source.write_text(ROUTINE, encoding="utf-8")
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(source))])
    point = QPoint(window.width() // 2, window.height() // 2)
    enter = QDragEnterEvent(
        point,
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        QPointF(point),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, drop)
    target = folder_of(home) / "from-the-clinic.toml"
    assert target.read_bytes() == source.read_bytes()
    row = window.routines.current_row()
    assert row is not None and row.entry.path == target

    other = QMimeData()
    other.setUrls([QUrl.fromLocalFile(str(tmp_path / "photo.png"))])
    refused = QDragEnterEvent(
        point,
        Qt.DropAction.CopyAction,
        other,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, refused)
    assert not refused.isAccepted()


def test_editor_a_file_added_or_changed_by_another_program_shows_up(
    qtbot, window: MainWindow, home: Path
) -> None:  # type: ignore[no-untyped-def]
    folder = folder_of(home)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "written-by-hand.toml"
    path.write_text(ROUTINE, encoding="utf-8")
    qtbot.waitUntil(lambda: path in listed_paths(window), timeout=10_000)
    with path.open("a", encoding="utf-8") as handle:  # changed in place, as some editors do
        handle.write('\n[[step]]\nname = "Cat and cow"\nbreaths = 8\n')
    qtbot.waitUntil(lambda: steps_of(window, path) == 4, timeout=10_000)
    path.unlink()
    qtbot.waitUntil(lambda: path not in listed_paths(window), timeout=10_000)


def test_editor_reloads_a_file_changed_on_disk_and_asks_when_it_has_changes(
    qtbot, window: MainWindow, home: Path
) -> None:  # type: ignore[no-untyped-def]
    path = own_file(home)
    window.reload_routines()
    editor = actions(window).editors.open_file(path)
    assert editor is not None
    path.write_text(ROUTINE.replace("Pigeon pose", "Thread the needle"), encoding="utf-8")
    qtbot.waitUntil(
        lambda: editor.document.draft.steps[0].name == "Thread the needle", timeout=10_000
    )
    assert "this is its new version" in editor.banner.message
    assert not editor.isWindowModified()
    editor.document.undo_stack.undo()  # the version before is one undo away
    assert editor.document.draft.steps[0].name == "Pigeon pose"
    editor.document.undo_stack.redo()

    type_into(qtbot, editor.step_form.name, "My own name")
    other = ROUTINE.replace("Pigeon pose", "Changed elsewhere")
    path.write_text(other, encoding="utf-8")
    qtbot.waitUntil(lambda: "while you were editing" in editor.banner.message, timeout=10_000)
    assert editor.document.draft.steps[0].name == "My own name"  # nothing lost meanwhile
    qtbot.mouseClick(editor.banner.first, Qt.MouseButton.LeftButton)  # "Keep my version"
    editor.save()
    assert load_routine(path).steps[0].name == "My own name"
    backup = path.with_name("morning-hips.toml.bak")
    assert backup.read_text(encoding="utf-8") == other
    assert "kept as morning-hips.toml.bak" in editor.banner.message
    close_without_saving(editor)


def test_editor_save_refuses_to_overwrite_a_change_it_has_not_seen(
    qtbot, window: MainWindow, home: Path
) -> None:  # type: ignore[no-untyped-def]
    path = own_file(home)
    window.reload_routines()
    editor = actions(window).editors.open_file(path)
    assert editor is not None
    type_into(qtbot, editor.step_form.name, "Mine")
    other = ROUTINE.replace("Pigeon pose", "Theirs")
    path.write_text(other, encoding="utf-8")  # the watcher has not told the editor yet
    with answering("Cancel") as seen:
        editor.save()
    assert "was changed by another program since you opened it" in seen[0]
    assert path.read_text(encoding="utf-8") == other
    with answering("Save"):
        editor.save()
    assert load_routine(path).steps[0].name == "Mine"
    assert path.with_name("morning-hips.toml.bak").read_text(encoding="utf-8") == other
    close_without_saving(editor)


def test_editor_saving_a_hand_written_file_keeps_the_original_as_bak(
    qtbot, window: MainWindow, home: Path
) -> None:  # type: ignore[no-untyped-def]
    written = "# from my physio\n" + ROUTINE
    path = own_file(home, text=written)
    window.reload_routines()
    editor = actions(window).editors.open_file(path)
    assert editor is not None
    type_into(qtbot, editor.step_form.hold, "45")
    editor.save()
    assert path.with_name("morning-hips.toml.bak").read_text(encoding="utf-8") == written
    saved = load_routine(path)
    assert saved.steps[0].work.seconds == 45  # type: ignore[union-attr]
    assert path.read_bytes() == canonical_bytes(saved)
    assert path.stat().st_mode & 0o777 == 0o600
    close_without_saving(editor)


def test_editor_exports_a_routine_to_a_chosen_file(
    qtbot, window: MainWindow, home: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    path = own_file(home)
    window.reload_routines()
    editor = actions(window).editors.open_file(path)
    assert editor is not None
    type_into(qtbot, editor.routine_form.title, "For my sister")
    target = tmp_path / "for-my-sister"

    def choose(dialog: QFileDialog) -> None:
        dialog.selectFile(str(target))
        dialog.accept()

    with answering(choose):
        editor.export()
    exported = target.with_name("for-my-sister.toml")
    assert load_routine(exported).title == "For my sister"
    assert path.read_text(encoding="utf-8") == ROUTINE  # exporting is not saving
    assert editor.isWindowModified()
    close_without_saving(editor)


def test_editor_open_folder_shows_the_routines_folder(
    qtbot, window: MainWindow, home: Path
) -> None:  # type: ignore[no-untyped-def]
    opened: list[QUrl] = []

    from PySide6.QtCore import QObject, Slot

    class Handler(QObject):
        @Slot(QUrl)
        def show(self, url: QUrl) -> None:
            opened.append(url)

    handler = Handler()
    QDesktopServices.setUrlHandler("file", handler, "show")
    try:
        qtbot.mouseClick(actions(window).controls.folder_button, Qt.MouseButton.LeftButton)
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert [Path(url.toLocalFile()) for url in opened] == [folder_of(home)]


def test_editor_export_from_the_list_copies_the_file_comments_and_all(
    qtbot, window: MainWindow, home: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from importlib import resources

    routine_actions = actions(window)
    window.routines.select("hip-openers")
    entry = routine_actions.current()
    assert entry is not None and entry.builtin
    routine_actions.export_to(entry, tmp_path / "hips")
    packaged = resources.files("stretchtimer.storage.routines.builtin").joinpath("hip-openers.toml")
    assert (tmp_path / "hips.toml").read_bytes() == packaged.read_bytes()
    assert "Exported to" in routine_actions.bar.message

    written = "# from my physio\n" + ROUTINE
    own_file(home, text=written)
    window.reload_routines()
    window.routines.select("morning-hips")
    entry = routine_actions.current()
    assert entry is not None
    routine_actions.export_to(entry, tmp_path / "mine.toml")
    assert (tmp_path / "mine.toml").read_text(encoding="utf-8") == written
