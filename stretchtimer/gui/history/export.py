"""Choosing where to export the history: a save dialog offering JSON or CSV.

The dialog is opened window-modal with ``open()`` (no nested event loop); the
page receives the chosen path and writes the file in the background with the
history's own exporter (owner-only, all or nothing).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from stretchtimer.core.i18n import N_, _

FILTERS = {
    # TRANSLATORS: a kind of file in the save dialog; keep "(*.json)" as it is.
    "json": N_("JSON, every part of each session (*.json)"),
    # TRANSLATORS: a kind of file in the save dialog; keep "(*.csv)" as it is.
    "csv": N_("CSV, one row per session, for spreadsheets (*.csv)"),
}


def default_folder() -> Path:
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(documents) if documents else Path.home()
    return folder if folder.is_dir() else Path.home()


def kind_of_filter(name_filter: str) -> str:
    return next((kind for kind, text in FILTERS.items() if name_filter in (text, _(text))), "json")


def export_path(chosen: str, name_filter: str) -> Path:
    """The chosen file, ending in .json or .csv (the chosen filter's, when it ends in neither)."""
    path = Path(chosen)
    if path.suffix.lower() in (".json", ".csv"):
        return path
    return path.with_name(f"{path.name}.{kind_of_filter(name_filter)}")


def export_dialog(parent: QWidget, folder: Path, today: date) -> QFileDialog:
    """A save dialog in ``folder`` with a dated file name; the caller connects and opens it."""
    dialog = QFileDialog(parent, _("Export your history"))
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.setNameFilters([_(text) for text in FILTERS.values()])
    dialog.setDefaultSuffix("json")
    dialog.setDirectory(str(folder))
    dialog.selectFile(f"stretchtimer-history-{today.isoformat()}.json")

    def filter_chosen(name_filter: str) -> None:
        kind = kind_of_filter(name_filter)
        dialog.setDefaultSuffix(kind)
        names = dialog.selectedFiles()
        if names:
            dialog.selectFile(Path(names[0]).with_suffix(f".{kind}").name)

    dialog.filterSelected.connect(filter_chosen)
    return dialog
