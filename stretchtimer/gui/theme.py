"""Colours and the style sheet: calm, high-contrast, light or dark.

The app follows the system's colour scheme unless the person picks light or
dark. Widgets that paint themselves (the ring, the heatmap, charts) read their
colours from :func:`current` so they change with the theme.
"""

from __future__ import annotations

import logging
from typing import NamedTuple

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)


class Theme(NamedTuple):
    """A theme's colours (a named tuple: made before the first frame, where a frozen
    dataclass's generated methods cost some 1.5 ms)."""

    name: str
    window: str
    surface: str  # cards, panels
    surface_alt: str  # hovered rows, inputs
    border: str
    text: str
    muted: str  # secondary text
    accent: str  # holds, the main action
    accent_text: str  # text on the accent colour
    calm: str  # breathing
    rest: str  # preparation and rests
    warm: str  # switching sides
    danger: str
    track: str  # the empty part of the ring

    @property
    def dark(self) -> bool:
        return self.name == "dark"


LIGHT = Theme(
    name="light",
    window="#f4f3ef",
    surface="#ffffff",
    surface_alt="#ebe9e3",
    border="#d9d6ce",
    text="#1d2327",
    muted="#5b6470",
    accent="#2a7a68",
    accent_text="#ffffff",
    calm="#3f7cb8",
    rest="#6b7f8f",
    warm="#c27a1a",
    danger="#b3261e",
    track="#e2dfd8",
)
DARK = Theme(
    name="dark",
    window="#15181b",
    surface="#1e2327",
    surface_alt="#272d32",
    border="#343b42",
    text="#e8eaed",
    muted="#a0a9b3",
    accent="#5cc2a8",
    accent_text="#0d1f1a",
    calm="#7fb2e5",
    rest="#93a5b3",
    warm="#e7a54b",
    danger="#f2867f",
    track="#2c3238",
)
THEMES = {theme.name: theme for theme in (LIGHT, DARK)}
STYLE = "fusion"
# Arguments for a new QApplication that set the style as it starts (see ThemeManager).
STYLE_ARGUMENTS = ("-style", STYLE)


class ThemeManager(QObject):
    """Applies the chosen theme and follows the system scheme when asked to.

    Reading the system's scheme builds PySide's whole ``Qt`` namespace (some 10-30 ms:
    see ``qt_values``), so a starting app passes ``assumed_system``, the scheme it saw
    last time, opens its window in that, and calls :meth:`follow_system` once its
    Routines page is on screen (which paints without that namespace).

    The style is Fusion everywhere (the style sheet is written for it). Setting it with
    ``setStyle`` hands back the style object, and making PySide's wrapper for its class
    builds its eleven enums (some 15 ms before the first frame); a starting app passes
    :data:`STYLE_ARGUMENTS` to its QApplication instead (they win over
    ``QT_STYLE_OVERRIDE``) and says so with ``style_given``.

    Signals:
        changed(object): the new :class:`Theme`, after it was applied.
        system_read(object): the system's scheme (:data:`LIGHT` or :data:`DARK`), each
            time it is read: for remembering it until the next start.
    """

    changed = Signal(object)
    system_read = Signal(object)

    def __init__(
        self,
        app: QApplication,
        choice: str = "system",
        *,
        assumed_system: str | None = None,
        style_given: bool = False,
    ) -> None:
        super().__init__(app)
        self._app = app
        self._choice = choice
        self._following = False
        self._shown: Theme | None = None
        self.theme = LIGHT
        self.system = THEMES.get(assumed_system or "")  # the system's scheme, as far as known
        if not style_given:
            app.setStyle(STYLE)
        if self.system is None:
            self.follow_system()
        else:
            self.apply(choice)

    def follow_system(self) -> None:
        """Read the system's colour scheme now and follow its changes from now on."""
        from PySide6.QtCore import Qt

        hints = self._app.styleHints()
        if not self._following:
            hints.colorSchemeChanged.connect(self._system_changed)
            self._following = True
        self.system = DARK if hints.colorScheme() == Qt.ColorScheme.Dark else LIGHT
        self.system_read.emit(self.system)
        self.apply(self._choice)

    def apply(self, choice: str) -> None:
        self._choice = choice
        theme = THEMES.get(choice) or self.system or LIGHT
        self.theme = theme
        if theme is self._shown:
            return
        self._shown = theme
        _set_current(theme)
        self._app.setPalette(palette_for(theme))
        self._app.setStyleSheet(style_sheet(theme))
        log.debug("theme %s (choice %s)", theme.name, choice)
        self.changed.emit(theme)

    def _system_changed(self, _scheme: object) -> None:
        self.follow_system()


_current = LIGHT


def _set_current(theme: Theme) -> None:
    global _current  # noqa: PLW0603 - one theme for the whole app
    _current = theme


def current() -> Theme:
    """The theme in use, for widgets that paint themselves."""
    return _current


def palette_for(theme: Theme) -> QPalette:
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: theme.window,
        QPalette.ColorRole.WindowText: theme.text,
        QPalette.ColorRole.Base: theme.surface,
        QPalette.ColorRole.AlternateBase: theme.surface_alt,
        QPalette.ColorRole.Text: theme.text,
        QPalette.ColorRole.Button: theme.surface,
        QPalette.ColorRole.ButtonText: theme.text,
        QPalette.ColorRole.Highlight: theme.accent,
        QPalette.ColorRole.HighlightedText: theme.accent_text,
        QPalette.ColorRole.ToolTipBase: theme.surface,
        QPalette.ColorRole.ToolTipText: theme.text,
        QPalette.ColorRole.PlaceholderText: theme.muted,
        QPalette.ColorRole.Link: theme.accent,
        QPalette.ColorRole.Mid: theme.border,
        QPalette.ColorRole.Light: theme.surface_alt,
        QPalette.ColorRole.Dark: theme.border,
    }
    for role, colour in roles.items():
        palette.setColor(role, QColor(colour))
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
        QPalette.ColorRole.WindowText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(theme.muted))
    return palette


def style_sheet(theme: Theme) -> str:
    t = theme
    return f"""
    QWidget {{ font-size: 10.5pt; }}
    QToolTip {{ border: 1px solid {t.border}; padding: 4px 6px; }}
    #NavBar {{ background: {t.surface}; border-right: 1px solid {t.border}; }}
    #NavBar QPushButton {{
        border: none; border-radius: 10px; padding: 11px 8px 12px; margin: 2px 8px;
        background: transparent; color: {t.muted}; font-size: 10pt; text-align: left;
    }}
    #NavBar QPushButton:hover {{ background: {t.surface_alt}; color: {t.text}; }}
    #NavBar QPushButton:checked {{ background: {t.surface_alt}; color: {t.accent};
        font-weight: 600; }}
    #NavBar QPushButton:focus {{ outline: none; border: 2px solid {t.accent}; }}
    #AppName {{ font-size: 13pt; font-weight: 700; color: {t.text}; padding: 14px 16px 10px; }}
    #PageTitle {{ font-size: 20pt; font-weight: 700; }}
    #DetailTitle {{ font-size: 18pt; font-weight: 700; }}
    #SideLabel {{ font-size: 15pt; font-weight: 700; letter-spacing: 1px; color: {t.warm}; }}
    #Subtle, QLabel[subtle="true"] {{ color: {t.muted}; }}
    #PreviewBadge {{ color: {t.accent_text}; background: {t.rest}; border-radius: 8px;
        padding: 2px 10px; font-weight: 700; }}
    #Card, QFrame[card="true"] {{
        background: {t.surface}; border: 1px solid {t.border}; border-radius: 14px;
    }}
    QLineEdit {{
        background: {t.surface}; border: 1px solid {t.border}; border-radius: 8px;
        padding: 6px 8px; selection-background-color: {t.accent};
    }}
    QLineEdit:focus {{ border: 2px solid {t.accent}; padding: 5px 7px; }}
    QComboBox, QSpinBox, QDoubleSpinBox {{ min-height: 26px; }}
    QComboBox:focus, QSpinBox:focus, QDoubleSpinBox:focus {{
        border: 2px solid {t.accent}; border-radius: 6px; }}
    QPushButton {{
        background: {t.surface}; border: 1px solid {t.border}; border-radius: 10px;
        padding: 8px 16px; color: {t.text};
    }}
    QPushButton:hover {{ background: {t.surface_alt}; }}
    QPushButton:focus {{ border: 2px solid {t.accent}; }}
    QPushButton:disabled {{ color: {t.muted}; }}
    QPushButton:checked {{ background: {t.accent}; color: {t.accent_text};
        border: 1px solid {t.accent}; }}
    QPushButton[rating="true"] {{ padding: 6px 0; min-width: 40px; }}
    #Medal {{ background: {t.accent}; border-radius: 40px; min-width: 80px; max-width: 80px;
        min-height: 80px; max-height: 80px; }}
    QPushButton[primary="true"] {{
        background: {t.accent}; color: {t.accent_text}; border: 1px solid {t.accent};
        font-weight: 600;
    }}
    QPushButton[primary="true"]:focus {{ border: 2px solid {t.text}; }}
    QToolButton[control="true"] {{
        background: {t.surface}; border: 1px solid {t.border}; border-radius: 26px;
        min-width: 52px; min-height: 52px; max-width: 52px; max-height: 52px;
        font-size: 15pt; color: {t.text};
    }}
    QToolButton[control="true"]:hover {{ background: {t.surface_alt}; }}
    QToolButton[control="true"]:focus {{ border: 2px solid {t.accent}; }}
    QToolButton[control="true"]:checked {{ background: {t.surface_alt}; color: {t.accent}; }}
    QToolButton[control="true"]:disabled {{ color: {t.border}; }}
    QToolButton[primaryControl="true"] {{
        background: {t.accent}; color: {t.accent_text}; border: none;
        min-width: 68px; min-height: 68px; max-width: 68px; max-height: 68px;
        border-radius: 34px; font-size: 20pt;
    }}
    QToolButton[primaryControl="true"]:focus {{ border: 3px solid {t.text}; }}
    QProgressBar {{
        background: {t.track}; border: none; border-radius: 4px; max-height: 8px;
        text-align: center; color: transparent;
    }}
    QProgressBar::chunk {{ background: {t.accent}; border-radius: 4px; }}
    #Banner {{ background: {t.surface_alt}; border: 1px solid {t.border};
        border-radius: 10px; padding: 8px 12px; color: {t.text}; }}
    QListView, QTableView, QTreeView {{
        background: {t.window}; border: none; outline: none;
    }}
    QHeaderView::section {{
        background: {t.window}; color: {t.muted}; border: none;
        border-bottom: 1px solid {t.border}; padding: 6px 8px; font-weight: 600;
    }}
    QTableView {{ gridline-color: transparent; selection-background-color: {t.surface_alt};
        selection-color: {t.text}; alternate-background-color: {t.surface}; }}
    QScrollArea {{ border: 2px solid transparent; border-radius: 8px; background: transparent; }}
    QScrollArea:focus {{ border: 2px solid {t.accent}; }}
    QSlider {{ min-height: 24px; }}
    QSlider::groove:horizontal {{ height: 6px; background: {t.track}; border: none;
        border-radius: 3px; margin: 0 2px; }}
    QSlider::sub-page:horizontal {{ height: 6px; background: {t.accent}; border-radius: 3px;
        margin: 0 2px; }}
    QSlider::add-page:horizontal {{ height: 6px; background: {t.track}; border-radius: 3px;
        margin: 0 2px; }}
    QSlider::handle:horizontal {{
        background: {t.surface}; border: 2px solid {t.accent}; width: 14px; height: 14px;
        margin: -6px 0; border-radius: 9px;
    }}
    QSlider::handle:horizontal:focus {{ background: {t.accent}; }}
    QScrollBar:vertical {{ background: transparent; width: 10px; margin: 2px; }}
    QScrollBar::handle:vertical {{ background: {t.border}; border-radius: 3px;
        min-height: 32px; }}
    QScrollBar::handle:vertical:hover {{ background: {t.muted}; }}
    QScrollBar::add-line, QScrollBar::sub-line {{ height: 0; width: 0; }}
    QScrollBar::add-page, QScrollBar::sub-page {{ background: transparent; }}
    QScrollArea > QWidget > QWidget#ScrollContent {{ background: transparent; }}
    QCheckBox::indicator, QRadioButton::indicator {{ width: 18px; height: 18px; }}
    QCheckBox {{ border: 2px solid transparent; border-radius: 6px; padding: 1px 4px 1px 0; }}
    QCheckBox:focus {{ border: 2px solid {t.accent}; }}
    QTableView {{ border: 2px solid transparent; border-radius: 6px; }}
    QTableView:focus {{ border: 2px solid {t.accent}; }}
    """
