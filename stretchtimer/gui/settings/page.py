"""The Settings page. Every change applies at once and is saved."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from stretchtimer.core.i18n import N_, _
from stretchtimer.gui.services import AppServices
from stretchtimer.gui.settings.form import (
    LabelledSlider,
    align_label_columns,
    percent_text,
    seconds_box,
    select,
    titled_card,
)
from stretchtimer.gui.settings.reminders import ReminderSettings
from stretchtimer.gui.settings.voice_menu import fill_voice_menu, select_voice
from stretchtimer.gui.widgets.page_scroll import page_scroll_area
from stretchtimer.gui.widgets.voice_preview import VoicePreview
from stretchtimer.speech.voice_list import VoiceEntry
from stretchtimer.storage.languages import native_name, shipped_languages, system_language
from stretchtimer.storage.paths import ensure_private_dir
from stretchtimer.storage.settings import Settings

COMFORT_CHOICES = (
    ("routine", N_("Ask before and after routines for back pain")),
    ("always", N_("Ask before and after every routine")),
    ("never", N_("Never ask")),
)
THEMES = (
    ("system", N_("Follow the system")),
    # TRANSLATORS: a colour theme.
    ("light", N_("Light")),
    # TRANSLATORS: a colour theme.
    ("dark", N_("Dark")),
)
BREATH_GUIDANCE = (
    ("spoken", N_("Say “breathe in, breathe out” every breath")),
    ("tones", N_("Say it on the first breath, then soft tones")),
)
SYSTEM_LANGUAGE = ""  # the Language setting's value for "the system's language"


def language_choices() -> list[tuple[str, str]]:
    """The Language menu: the system's language first, then each shipped one by its own
    name (a language reads its name best in itself)."""
    system = native_name(system_language())
    # TRANSLATORS: {language} is the system's language, in its own name ("Deutsch").
    choices = [(SYSTEM_LANGUAGE, _("System default ({language})").format(language=system))]
    return choices + [(tag, native_name(tag)) for tag in shipped_languages()]


class SettingsView(QWidget):
    """Voice, sounds, session timing, comfort rating, reminders, theme and the data folder.

    Signals:
        test_voice(): the person asked to hear the chosen voice.
        restart_requested(): the person asked to restart the app now (a new language).
    """

    test_voice = Signal()
    restart_requested = Signal()

    def __init__(
        self,
        services: AppServices,
        parent: QWidget | None = None,
        *,
        session_running: Callable[[], bool] = lambda: False,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.session_running = session_running
        self.started_language = services.settings.current.language
        self.voices: list[VoiceEntry] | None = None  # the voice menu's, once listed
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
        title = QLabel(_("Settings"))
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
        align_label_columns(column)
        inner = QWidget()
        inner.setLayout(column)
        inner.setMaximumWidth(820)
        holder = QHBoxLayout()
        holder.addWidget(inner)
        holder.addStretch(1)
        page = QWidget()
        page.setLayout(holder)
        scroll = page_scroll_area(page, _("Settings"), takes_focus=False)
        self.scroller = scroll
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 12, 0)
        layout.addWidget(scroll)

    def _voice_card(self) -> QFrame:
        voice_card, voice = titled_card(_("Voice"))
        self.voice_enabled = QCheckBox(_("Speak every step aloud"))
        self.voice_enabled.setAccessibleName(_("Speak every step aloud"))
        self.voice_enabled.toggled.connect(lambda on: self._update(voice_enabled=on))
        self.voice = QComboBox()
        self.voice.setAccessibleName(_("Voice"))
        self.voice.addItem(_("Default voice"), "")
        self.voice.currentIndexChanged.connect(
            lambda _index: self._update(voice=self.voice.currentData() or "")
        )
        self.test_button = QPushButton(_("Test voice"))
        self.test_button.setAccessibleName(_("Test the voice"))
        self.test_button.clicked.connect(self.test_voice)
        voice_row = QHBoxLayout()
        voice_row.setSpacing(10)
        voice_row.addWidget(self.voice, 1)
        voice_row.addWidget(self.test_button)
        self.rate = LabelledSlider(
            _("Speaking rate"),
            80,
            400,
            # TRANSLATORS: a speaking rate, words per minute.
            lambda value: _("{value} words/min").format(value=value),
        )
        self.rate.slider.valueChanged.connect(lambda value: self._update(rate=value))
        self.voice_volume = LabelledSlider(_("Voice volume"), 0, 100, percent_text)
        self.voice_volume.slider.valueChanged.connect(
            lambda value: self._update(voice_volume=value / 100)
        )
        voice.addRow(self.voice_enabled)
        voice.addRow(_("Voice"), voice_row)
        voice.addRow(_("Speaking rate"), self.rate)
        voice.addRow(_("Voice volume"), self.voice_volume)
        self.voice_problem = QLabel()
        self.voice_problem.setWordWrap(True)
        self.voice_problem.setObjectName("Subtle")
        self.voice_problem.setAccessibleName(_("Voice problem"))
        self.voice_problem.hide()
        voice.addRow(self.voice_problem)
        return voice_card

    def _sound_card(self) -> QFrame:
        sound_card, sound = titled_card(_("Sounds"))
        self.muted = QCheckBox(_("Mute voice and chimes"))
        self.muted.setAccessibleName(_("Mute voice and chimes"))
        self.muted.toggled.connect(lambda on: self._update(muted=on))
        self.chime_volume = LabelledSlider(_("Chime volume"), 0, 100, percent_text)
        self.chime_volume.slider.valueChanged.connect(
            lambda value: self._update(chime_volume=value / 100)
        )
        self.breath = QComboBox()
        self.breath.setAccessibleName(_("Breath guidance"))
        for value, text in BREATH_GUIDANCE:
            self.breath.addItem(_(text), value)
        self.breath.currentIndexChanged.connect(
            lambda _index: self._update(breath_guidance=self.breath.currentData())
        )
        sound.addRow(self.muted)
        sound.addRow(_("Chime volume"), self.chime_volume)
        sound.addRow(_("Breath guidance"), self.breath)
        return sound_card

    def _session_card(self) -> QFrame:
        session_card, session = titled_card(_("Sessions"))
        self.prepare = seconds_box(_("Time to get into position"), 0, 120)
        self.prepare.valueChanged.connect(lambda value: self._update(prepare=value))
        self.rest = seconds_box(_("Rest between steps"), 0, 600)
        self.rest.valueChanged.connect(lambda value: self._update(rest=value))
        self.settle = seconds_box(_("Quiet before the timer starts"), 0, 30)
        self.settle.setToolTip(
            _(
                "Seconds of quiet after the last instruction, to get into position before a "
                "hold starts (routines in format 2)"
            )
        )
        self.settle.valueChanged.connect(lambda value: self._update(settle=value))
        self.speak_easier = QCheckBox(_("Say the easier way aloud after each setup"))
        self.speak_easier.setAccessibleName(_("Say the easier way aloud after each setup"))
        self.speak_easier.toggled.connect(lambda on: self._update(speak_easier=on))
        self.comfort = QComboBox()
        self.comfort.setAccessibleName(_("Ask how my hips and back feel"))
        for value, text in COMFORT_CHOICES:
            self.comfort.addItem(_(text), value)
        self.comfort.currentIndexChanged.connect(
            lambda _index: self._update(comfort_rating=self.comfort.currentData())
        )
        hint = QLabel(_("Routines that set their own times keep them."))
        hint.setWordWrap(True)
        hint.setObjectName("Subtle")
        session.addRow(_("Get into position"), self.prepare)
        session.addRow(_("Rest between steps"), self.rest)
        session.addRow(_("Quiet before the timer"), self.settle)
        session.addRow(hint)
        session.addRow(self.speak_easier)
        session.addRow(_("Comfort rating"), self.comfort)
        self.weekly_goal = QSpinBox()
        self.weekly_goal.setRange(1, 21)
        # TRANSLATORS: after a number in a box: "3 sessions a week".
        self.weekly_goal.setSuffix(" " + _("sessions a week"))
        self.weekly_goal.setAccessibleName(_("Weekly goal, sessions a week"))
        self.weekly_goal.valueChanged.connect(lambda value: self._update(weekly_goal=value))
        session.addRow(_("Weekly goal"), self.weekly_goal)
        return session_card

    def _reminder_card(self) -> QFrame:
        reminder_card, form = titled_card(_("Reminders"))
        self.reminders = ReminderSettings(self.services, form, parent=reminder_card)
        return reminder_card

    def _look_card(self) -> QFrame:
        look_card, look = titled_card(_("Appearance"))
        self.theme = QComboBox()
        self.theme.setAccessibleName(_("Theme"))
        for value, text in THEMES:
            self.theme.addItem(_(text), value)
        self.theme.currentIndexChanged.connect(
            lambda _index: self._update(theme=self.theme.currentData())
        )
        look.addRow(_("Theme"), self.theme)
        self.language = QComboBox()
        self.language.setAccessibleName(_("Language"))
        for value, text in language_choices():
            self.language.addItem(text, value)
        self.language.currentIndexChanged.connect(self._language_chosen)
        look.addRow(_("Language"), self.language)
        self.language_note = QLabel()
        self.language_note.setObjectName("Subtle")
        self.language_note.setWordWrap(True)
        self.language_note.setAccessibleName(_("When the language changes"))
        self.restart_button = QPushButton(_("Restart now"))
        self.restart_button.setAccessibleName(_("Restart Stretch Timer now"))
        self.restart_button.clicked.connect(self._restart)
        note_row = QHBoxLayout()
        note_row.setSpacing(10)
        note_row.addWidget(self.language_note, 1)
        note_row.addWidget(self.restart_button, 0, Qt.AlignmentFlag.AlignTop)
        look.addRow(note_row)
        self._show_language_note()
        return look_card

    def _language_chosen(self, _index: int) -> None:
        self._update(language=self.language.currentData() or SYSTEM_LANGUAGE)
        self._show_language_note()

    def _show_language_note(self) -> None:
        """Say when a new language applies, and offer a restart (not during a session)."""
        changed = self.services.settings.current.language != self.started_language
        running = self.session_running()
        if not changed:
            note = _("The language applies when Stretch Timer next starts.")
        elif running:
            note = _(
                "The new language applies when Stretch Timer next starts. "
                "Restart after the session to use it now."
            )
        else:
            note = _(
                "The new language applies when Stretch Timer next starts. Restart now to use it?"
            )
        self.language_note.setText(note)
        self.restart_button.setVisible(changed)
        self.restart_button.setEnabled(changed and not running)

    def _restart(self) -> None:
        if self.session_running():  # it may have started since the page was drawn
            self._show_language_note()
            return
        self.restart_requested.emit()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        self._show_language_note()  # a session may have started or ended meanwhile
        super().showEvent(event)

    def _data_card(self) -> QFrame:
        data_card, data = titled_card(_("Your data"))
        self.data_folder = QLabel(str(self.services.paths.data))
        self.data_folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.data_folder.setAccessibleName(_("Data folder"))
        self.open_folder = QPushButton(_("Open folder"))
        self.open_folder.setAccessibleName(_("Open the data folder"))
        self.open_folder.clicked.connect(self.open_data_folder)
        note = QLabel(
            _("Your history and routines stay on this computer and are readable only by you.")
        )
        note.setObjectName("Subtle")
        note.setWordWrap(True)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.data_folder, 1)
        folder_row.addWidget(self.open_folder)
        data.addRow(_("Data folder"), folder_row)
        data.addRow(note)
        return data_card

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
            self.weekly_goal,
            self.theme,
            self.language,
        )
        for widget in widgets:
            widget.blockSignals(True)
        self.voice_enabled.setChecked(settings.voice_enabled)
        select_voice(self.voice, settings.voice, self.voices)
        self.rate.set_value(settings.rate)
        self.voice_volume.set_value(round(settings.voice_volume * 100))
        self.muted.setChecked(settings.muted)
        self.chime_volume.set_value(round(settings.chime_volume * 100))
        select(self.breath, settings.breath_guidance)
        self.prepare.setValue(settings.prepare)
        self.rest.setValue(settings.rest)
        self.settle.setValue(settings.settle)
        self.speak_easier.setChecked(settings.speak_easier)
        select(self.comfort, settings.comfort_rating)
        self.weekly_goal.setValue(settings.weekly_goal)
        select(self.theme, settings.theme)
        select(self.language, settings.language)
        for widget in widgets:
            widget.blockSignals(False)
        self._show_language_note()

    def set_voices(self, voices: list[VoiceEntry]) -> None:
        """Offer every voice, grouped by engine and language; keep the chosen one selected."""
        self.voices = voices
        fill_voice_menu(self.voice, voices, self.services.settings.current.voice)

    def show_voice_problem(self, sentence: str) -> None:
        self.voice_problem.setText(sentence)
        self.voice_problem.setVisible(bool(sentence))

    def open_data_folder(self) -> None:
        folder = ensure_private_dir(self.services.paths.data)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
