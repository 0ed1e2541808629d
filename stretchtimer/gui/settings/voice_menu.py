"""The Settings page's voice menu: every voice, grouped by engine and language.

Natural voices (Piper) come first, then the system's (pyttsx3); within each engine a
heading names the language and cannot itself be chosen. The first entry is "the
default voice" (an empty setting): the one ``stretchtimer voices`` marks with ``*``.
"""

from __future__ import annotations

import itertools

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox

from stretchtimer.core.i18n import N_, _
from stretchtimer.speech.voice_list import VoiceEntry
from stretchtimer.speech.voices import PIPER, parse_voice

# TRANSLATORS: a kind of voice, in the voice menu: "Natural · en_GB".
ENGINE_NAMES = {PIPER: N_("Natural")}


def fill_voice_menu(combo: QComboBox, voices: list[VoiceEntry], chosen: str) -> None:
    """Offer ``voices`` in ``combo`` and select ``chosen`` (an id, old bare ids too)."""
    combo.blockSignals(True)
    combo.clear()
    default = next((voice for voice in voices if voice.default), None)
    combo.addItem(
        _("Default voice ({name})").format(name=default.name) if default else _("Default voice"),
        "",
    )
    model = combo.model()
    ordered = sorted(
        voices, key=lambda voice: (voice.engine != PIPER, voice.language.lower(), voice.name)
    )
    for (engine, language), group in itertools.groupby(
        ordered, key=lambda voice: (voice.engine, voice.language)
    ):
        kind = _(ENGINE_NAMES[engine]) if engine in ENGINE_NAMES else system_voices()
        # TRANSLATORS: a heading in the voice menu: the kind of voice, then its language.
        heading = _("{kind} · {language}").format(kind=kind, language=language or any_language())
        combo.addItem(heading, None)
        if isinstance(model, QStandardItemModel):
            item: QStandardItem = model.item(combo.count() - 1)
            item.setEnabled(False)  # a heading, not a voice
        for voice in group:
            combo.addItem(f"    {voice.name}", voice.id)
    select_voice(combo, chosen)
    combo.blockSignals(False)


def system_voices() -> str:
    # TRANSLATORS: a kind of voice, in the voice menu: the system's own speech engine.
    return _("System")


def any_language() -> str:
    # TRANSLATORS: in the voice menu, for voices that do not say which language they speak.
    return _("any language")


def select_voice(combo: QComboBox, chosen: str) -> None:
    """Select the entry for ``chosen``; a bare id saved before Piper finds its voice."""
    wanted = parse_voice(chosen).id if chosen.strip() else ""
    for index in range(combo.count()):
        data = combo.itemData(index)
        if isinstance(data, str) and (data == wanted or (data and parse_voice(data).id == wanted)):
            combo.setCurrentIndex(index)
            return
