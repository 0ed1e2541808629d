"""A bar across the top of the editor: what happened to the file, and what can be done."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from stretchtimer.core.i18n import _


class EditorBanner(QFrame):
    """One message with up to two actions and a close button; hidden when empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Banner")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setAccessibleName(_("Message"))
        self.first = QPushButton()
        self.second = QPushButton()
        for button in (self.first, self.second):
            button.setAccessibleName(_("Message action"))  # named for its action when shown
        self.close_button = QPushButton(_("Dismiss"))
        self.close_button.setAccessibleName(_("Dismiss the message"))
        self.close_button.clicked.connect(self.clear)
        self._actions: list[Callable[[], None]] = []
        self.first.clicked.connect(lambda: self._run(0))
        self.second.clicked.connect(lambda: self._run(1))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 8, 6)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.first)
        layout.addWidget(self.second)
        layout.addWidget(self.close_button)
        self.clear()

    def say(
        self,
        message: str,
        actions: list[tuple[str, Callable[[], None]]] | None = None,
        *,
        problem: bool = False,
    ) -> None:
        """Show ``message``, with buttons for ``actions`` (label, what it does)."""
        actions = actions or []
        self.text.setText(message)
        self.setProperty("problem", problem)
        self.style().unpolish(self)
        self.style().polish(self)
        self._actions = [run for _label, run in actions]
        for button, action in zip((self.first, self.second), [*actions, None, None], strict=False):
            if action is None:
                button.hide()
            else:
                button.setText(action[0])
                button.setAccessibleName(action[0])
                button.show()
        self.close_button.setVisible(not actions)
        self.show()

    def _run(self, number: int) -> None:
        actions = self._actions
        self.clear()
        if number < len(actions):
            actions[number]()

    def clear(self) -> None:
        self.text.setText("")
        self._actions = []
        self.hide()

    @property
    def message(self) -> str:
        return "" if self.isHidden() else self.text.text()
