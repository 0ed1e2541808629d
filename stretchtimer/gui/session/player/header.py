"""The player's top rows: the routine, a preview's badge, the progress, focus mode and the
compact player's buttons, the progress bar, and the voice being prepared."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QVBoxLayout, QWidget

from stretchtimer.core.i18n import _
from stretchtimer.gui.session.player.controls import header_button
from stretchtimer.gui.session.player.labels import quiet_label


class PlayerHeader(QWidget):
    """What the player shows above the ring; its parts are read by the player."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.routine_title = quiet_label(_("Routine"), object_name="Subtle")
        self.progress_text = quiet_label(_("Progress"), object_name="Subtle")
        self.progress_text.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.preview_badge = quiet_label(_("Preview"), object_name="PreviewBadge")
        self.preview_badge.setToolTip(
            _("Timers run faster and there is no voice; a preview is kept out of your statistics")
        )
        self.preview_badge.hide()
        self.focus_button = header_button(
            _("Focus mode"),
            _("Focus mode (F11)"),
            _("Fill the screen with large words, to follow from the mat (F11; Esc leaves)"),
        )
        self.focus_button.setCheckable(True)
        self.compact_button = header_button(
            _("Compact"),
            _("Compact player (Ctrl+M)"),
            _("Switch to the small player that stays on top (Ctrl+M)"),
        )
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.routine_title)
        row.addWidget(self.preview_badge)
        row.addStretch(1)
        row.addWidget(self.progress_text)
        row.addWidget(self.focus_button)
        row.addWidget(self.compact_button)
        self.session_bar = QProgressBar()
        self.session_bar.setRange(0, 1000)
        self.session_bar.setTextVisible(False)
        self.session_bar.setAccessibleName(_("Progress through the routine"))

        self.preparing = QWidget()
        preparing_layout = QVBoxLayout(self.preparing)
        preparing_layout.setContentsMargins(0, 0, 0, 0)
        self.preparing_label = quiet_label(_("Preparing"), object_name="Subtle")
        self.preparing_label.setText(_("Preparing the voice…"))
        self.preparing_bar = QProgressBar()
        self.preparing_bar.setTextVisible(False)
        self.preparing_bar.setAccessibleName(_("Preparing the voice"))
        preparing_layout.addWidget(self.preparing_label)
        preparing_layout.addWidget(self.preparing_bar)
        self.preparing.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)
        layout.addLayout(row)
        layout.addWidget(self.session_bar)
        layout.addWidget(self.preparing)
