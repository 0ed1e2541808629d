"""The Settings page. Every change applies at once and is saved."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from stretchtimer.gui.services import AppServices
from stretchtimer.gui.settings.reminders import ReminderSettings
from stretchtimer.gui.settings.voice_menu import fill_voice_menu
from stretchtimer.gui.widgets.page_scroll import page_scroll_area
from stretchtimer.gui.widgets.voice_preview import VoicePreview
from stretchtimer.speech.voice_list import VoiceEntry
from stretchtimer.storage.paths import ensure_private_dir
from stretchtimer.storage.settings import Settings

COMFORT_CHOICES = (
    ("routine", "Ask before and after routines for back pain"),
    ("always", "Ask before and after every routine"),
    ("never", "Never ask"),
)
THEMES = (("system", "Follow the system"), ("light", "Light"), ("dark", "Dark"))
BREATH_GUIDANCE = (
    ("spoken", "Say “breathe in, breathe out” every breath"),
    ("tones", "Say it on the first breath, then soft tones"),
)


def _card(title: str) -> tuple[QFrame, QFormLayout]:
    card = QFrame()
    card.setProperty("card", True)
    outer = QVBoxLayout(card)
    outer.setContentsMargins(22, 16, 22, 18)
    heading = QLabel(title)
    heading.setStyleSheet("font-size: 13pt; font-weight: 700;")
    outer.addWidget(heading)
    form = QFormLayout()
    form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    form.setHorizontalSpacing(24)
    form.setVerticalSpacing(12)
    outer.addLayout(form)
    return card, form


class LabelledSlider(QWidget):
    """A slider with its value written beside it."""

    def __init__(self, name: str, low: int, high: int, text: Callable[[int], str]) -> None:
        super().__init__()
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(low, high)
        self.slider.setAccessibleName(name)
        self.slider.setPageStep(max(1, (high - low) // 10))
        self.value_label = QLabel()
        self.value_label.setMinimumWidth(90)
        self._text = text
        self.slider.valueChanged.connect(lambda value: self.value_label.setText(text(value)))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.slider, 1)
        layout.addWidget(self.value_label)

    def set_value(self, value: int) -> None:
        self.slider.blockSignals(True)
        self.slider.setValue(value)
        self.slider.blockSignals(False)
        self.value_label.setText(self._text(value))


class SettingsView(QWidget):
    """Voice, sounds, session timing, comfort rating, reminders, theme and the data folder.

    Signals:
        test_voice(): the person asked to hear the chosen voice.
    """

    test_voice = Signal()

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.preview = VoicePreview(services, self)
        self._build()
        self.test_voice.connect(self.preview.test)
        self.preview.problem.connect(self.show_voice_problem)
        self.preview.voices_found.connect(self.set_voices)
        self.preview.list_voices()
        self.show_settings(services.settings.current)
        services.settings.changed.connect(self.show_settings)

    def _update(self, **changes: Any) -> None:
        self.services.settings.update(**changes)

    def _build(self) -> None:
        title = QLabel("Settings")
        title.setObjectName("PageTitle")
        column = QVBoxLayout()
        column.setSpacing(16)
        column.addWidget(title)
        for card in (
            self._voice_card(),
            self._sound_card(),
            self._session_card(),
            self._reminder_card(),
            self._look_card(),
            self._data_card(),
        ):
            column.addWidget(card)
        column.addStretch(1)
        inner = QWidget()
        inner.setLayout(column)
        inner.setMaximumWidth(820)
        holder = QHBoxLayout()
        holder.addWidget(inner)
        holder.addStretch(1)
        page = QWidget()
        page.setLayout(holder)
        scroll = page_scroll_area(page, "Settings", takes_focus=False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 12, 0)
        layout.addWidget(scroll)

    def _voice_card(self) -> QFrame:
        voice_card, voice = _card("Voice")
        self.voice_enabled = QCheckBox("Speak every step aloud")
        self.voice_enabled.setAccessibleName("Speak every step aloud")
        self.voice_enabled.toggled.connect(lambda on: self._update(voice_enabled=on))
        self.voice = QComboBox()
        self.voice.setAccessibleName("Voice")
        self.voice.addItem("Default voice", "")
        self.voice.currentIndexChanged.connect(
            lambda _: self._update(voice=self.voice.currentData() or "")
        )
        self.test_button = QPushButton("Test voice")
        self.test_button.setAccessibleName("Test the voice")
        self.test_button.clicked.connect(self.test_voice)
        voice_row = QHBoxLayout()
        voice_row.setSpacing(10)
        voice_row.addWidget(self.voice, 1)
        voice_row.addWidget(self.test_button)
        self.rate = LabelledSlider("Speaking rate", 80, 400, lambda value: f"{value} words/min")
        self.rate.slider.valueChanged.connect(lambda value: self._update(rate=value))
        self.voice_volume = LabelledSlider("Voice volume", 0, 100, lambda value: f"{value} %")
        self.voice_volume.slider.valueChanged.connect(
            lambda value: self._update(voice_volume=value / 100)
        )
        voice.addRow(self.voice_enabled)
        voice.addRow("Voice", voice_row)
        voice.addRow("Speaking rate", self.rate)
        voice.addRow("Voice volume", self.voice_volume)
        self.voice_problem = QLabel()
        self.voice_problem.setWordWrap(True)
        self.voice_problem.setObjectName("Subtle")
        self.voice_problem.setAccessibleName("Voice problem")
        self.voice_problem.hide()
        voice.addRow(self.voice_problem)
        return voice_card

    def _sound_card(self) -> QFrame:
        sound_card, sound = _card("Sounds")
        self.muted = QCheckBox("Mute voice and chimes")
        self.muted.setAccessibleName("Mute voice and chimes")
        self.muted.toggled.connect(lambda on: self._update(muted=on))
        self.chime_volume = LabelledSlider("Chime volume", 0, 100, lambda value: f"{value} %")
        self.chime_volume.slider.valueChanged.connect(
            lambda value: self._update(chime_volume=value / 100)
        )
        self.breath = QComboBox()
        self.breath.setAccessibleName("Breath guidance")
        for value, text in BREATH_GUIDANCE:
            self.breath.addItem(text, value)
        self.breath.currentIndexChanged.connect(
            lambda _: self._update(breath_guidance=self.breath.currentData())
        )
        sound.addRow(self.muted)
        sound.addRow("Chime volume", self.chime_volume)
        sound.addRow("Breath guidance", self.breath)
        return sound_card

    def _session_card(self) -> QFrame:
        session_card, session = _card("Sessions")
        self.prepare = self._seconds("Time to get into position", 0, 120)
        self.prepare.valueChanged.connect(lambda value: self._update(prepare=value))
        self.rest = self._seconds("Rest between steps", 0, 600)
        self.rest.valueChanged.connect(lambda value: self._update(rest=value))
        self.settle = self._seconds("Quiet before the timer starts", 0, 30)
        self.settle.setToolTip(
            "Seconds of quiet after the last instruction, to get into position before a "
            "hold starts (routines in format 2)"
        )
        self.settle.valueChanged.connect(lambda value: self._update(settle=value))
        self.speak_easier = QCheckBox("Say the easier way aloud after each setup")
        self.speak_easier.setAccessibleName("Say the easier way aloud after each setup")
        self.speak_easier.toggled.connect(lambda on: self._update(speak_easier=on))
        self.comfort = QComboBox()
        self.comfort.setAccessibleName("Ask how my hips and back feel")
        for value, text in COMFORT_CHOICES:
            self.comfort.addItem(text, value)
        self.comfort.currentIndexChanged.connect(
            lambda _: self._update(comfort_rating=self.comfort.currentData())
        )
        hint = QLabel("Routines that set their own times keep them.")
        hint.setObjectName("Subtle")
        session.addRow("Get into position", self.prepare)
        session.addRow("Rest between steps", self.rest)
        session.addRow("Quiet before the timer", self.settle)
        session.addRow(hint)
        session.addRow(self.speak_easier)
        session.addRow("Comfort rating", self.comfort)
        return session_card

    def _reminder_card(self) -> QFrame:
        reminder_card, form = _card("Reminders")
        self.reminders = ReminderSettings(self.services, form, parent=reminder_card)
        return reminder_card

    def _look_card(self) -> QFrame:
        look_card, look = _card("Appearance")
        self.theme = QComboBox()
        self.theme.setAccessibleName("Theme")
        for value, text in THEMES:
            self.theme.addItem(text, value)
        self.theme.currentIndexChanged.connect(
            lambda _: self._update(theme=self.theme.currentData())
        )
        look.addRow("Theme", self.theme)
        return look_card

    def _data_card(self) -> QFrame:
        data_card, data = _card("Your data")
        self.data_folder = QLabel(str(self.services.paths.data))
        self.data_folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.data_folder.setAccessibleName("Data folder")
        self.open_folder = QPushButton("Open folder")
        self.open_folder.setAccessibleName("Open the data folder")
        self.open_folder.clicked.connect(self.open_data_folder)
        note = QLabel(
            "Your history and routines stay on this computer and are readable only by you."
        )
        note.setObjectName("Subtle")
        note.setWordWrap(True)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.data_folder, 1)
        folder_row.addWidget(self.open_folder)
        data.addRow("Data folder", folder_row)
        data.addRow(note)
        return data_card

    def _seconds(self, name: str, low: int, high: int) -> QDoubleSpinBox:
        box = QDoubleSpinBox()
        box.setRange(low, high)
        box.setDecimals(0)
        box.setSuffix(" s")
        box.setAccessibleName(name)
        box.setMaximumWidth(140)
        return box

    def show_settings(self, settings: Settings) -> None:
        """Show ``settings`` without sending them back as changes."""
        widgets = (
            self.voice_enabled,
            self.voice,
            self.muted,
            self.breath,
            self.prepare,
            self.rest,
            self.settle,
            self.speak_easier,
            self.comfort,
            self.theme,
        )
        for widget in widgets:
            widget.blockSignals(True)
        self.voice_enabled.setChecked(settings.voice_enabled)
        _select(self.voice, settings.voice)
        self.rate.set_value(settings.rate)
        self.voice_volume.set_value(round(settings.voice_volume * 100))
        self.muted.setChecked(settings.muted)
        self.chime_volume.set_value(round(settings.chime_volume * 100))
        _select(self.breath, settings.breath_guidance)
        self.prepare.setValue(settings.prepare)
        self.rest.setValue(settings.rest)
        self.settle.setValue(settings.settle)
        self.speak_easier.setChecked(settings.speak_easier)
        _select(self.comfort, settings.comfort_rating)
        _select(self.theme, settings.theme)
        for widget in widgets:
            widget.blockSignals(False)

    def set_voices(self, voices: list[VoiceEntry]) -> None:
        """Offer every voice, grouped by engine and language; keep the chosen one selected."""
        fill_voice_menu(self.voice, voices, self.services.settings.current.voice)

    def show_voice_problem(self, sentence: str) -> None:
        self.voice_problem.setText(sentence)
        self.voice_problem.setVisible(bool(sentence))

    def open_data_folder(self) -> None:
        folder = ensure_private_dir(self.services.paths.data)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def _select(combo: QComboBox, value: object) -> None:
    index = combo.findData(value)
    if index >= 0:
        combo.setCurrentIndex(index)
