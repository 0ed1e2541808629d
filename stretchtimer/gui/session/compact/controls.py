"""The compact player's buttons: small and round, in a row under the words and at the top
right, drawn in the theme's colours.

The row is the full player's controls in little (back, pause, skip; stop, mute, easier);
the top row has the way back to the full window and, once the session is over, close.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QToolButton, QWidget

from stretchtimer.core.i18n import _
from stretchtimer.gui import icons, theme


def mini_button(name: str, tip: str, draw: icons.Draw) -> QToolButton:
    """A small round button drawn with ``draw`` (see :func:`mini_style`)."""
    button = QToolButton()
    button.setAccessibleName(name)
    button.setToolTip(tip)
    button.setProperty("draw", draw)
    button.setProperty("mini", True)
    button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    button.setIconSize(QSize(18, 18))
    return button


def mini_style(colours: theme.Theme) -> str:
    """The compact window's style sheet: its buttons, round, the play button filled."""
    return f"""
            QToolButton[mini="true"] {{
                background: {colours.surface}; border: 1px solid {colours.border};
                border-radius: 17px; min-width: 34px; min-height: 34px;
                max-width: 34px; max-height: 34px; }}
            QToolButton[mini="true"]:hover {{ background: {colours.surface_alt}; }}
            QToolButton[mini="true"]:focus {{ border: 2px solid {colours.accent}; }}
            QToolButton[mini="true"]:checked {{ background: {colours.surface_alt};
                border: 2px solid {colours.accent}; }}
            QToolButton[miniPrimary="true"] {{ background: {colours.accent};
                border: 1px solid {colours.accent}; }}
            QToolButton[miniPrimary="true"]:focus {{ border: 2px solid {colours.text}; }}
            """


def draw_icon(button: QToolButton) -> None:
    """``button``'s own picture in the current theme's colours."""
    colours = theme.current()
    button.setIcon(icons.make_icon(button.property("draw"), colours.text, colours.border))


class MiniControls(QWidget):
    """The compact player's row of controls; the player shows the session on them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.back = mini_button(_("Back (←)"), _("Back (←)"), icons.back)
        self.play = mini_button(_("Pause (Space)"), _("Pause or resume (Space)"), icons.pause)
        self.play.setProperty("miniPrimary", True)
        self.skip = mini_button(_("Skip (→)"), _("Skip to the next part (→)"), icons.skip)
        self.stop = mini_button(_("Stop (Esc)"), _("Stop the session (Esc)"), icons.stop)
        self.mute = mini_button(_("Mute (M)"), _("Mute or unmute (M)"), icons.sound_on)
        self.easier = mini_button(
            _("Easier variation (E)"), _("The easier variation, on or off again (E)"), icons.leaf
        )
        self.easier.setCheckable(True)  # checked: drawn as pressed, in the accent
        self._paused: bool | None = None  # what the play button's icon shows
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        for button in (self.back, self.play, self.skip):
            row.addWidget(button)
        row.addSpacing(8)
        for button in (self.stop, self.mute, self.easier):
            row.addWidget(button)
        row.addStretch(1)

    def restyle(self, *, muted: bool) -> None:
        """Every icon again, in the current theme's colours."""
        for button in (self.back, self.skip, self.stop, self.easier):
            draw_icon(button)
        self.show_paused(bool(self._paused), again=True)
        self.show_muted(muted)

    def show_paused(self, paused: bool, *, again: bool = False) -> None:
        """The play button offers to resume a paused session, else to pause."""
        if paused == self._paused and not again:
            return  # a new icon repaints the button: only when it changes
        self._paused = paused
        draw = icons.play if paused else icons.pause
        self.play.setIcon(icons.make_icon(draw, theme.current().accent_text))
        self.play.setAccessibleName(_("Resume (Space)") if paused else _("Pause (Space)"))

    def show_muted(self, muted: bool) -> None:
        draw = icons.sound_off if muted else icons.sound_on
        self.mute.setIcon(icons.make_icon(draw, theme.current().text))
        self.mute.setAccessibleName(_("Unmute (M)") if muted else _("Mute (M)"))
