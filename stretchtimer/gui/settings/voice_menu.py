"""The Settings page's voice menu: every voice, grouped by engine and language.

Natural voices (Piper) come first, then the system's (pyttsx3); within each engine a
heading names the language and cannot itself be chosen. The first entry is "the
default voice" (an empty setting): the one ``stretchtimer voices`` marks with ``*``.

A setting the menu does not offer (``pyttsx3:``, the system's own default voice; a voice
since removed; an id typed into the settings file) gets an entry of its own, just below
the default, that says which voice really speaks; it goes once another voice is chosen.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox

from stretchtimer.core.i18n import N_, _
from stretchtimer.speech.voice_list import VoiceEntry
from stretchtimer.speech.voices import PIPER, PYTTSX3, SYSTEM_DEFAULT, parse_voice

# TRANSLATORS: a kind of voice, in the voice menu: "Natural · en_GB".
ENGINE_NAMES = {PIPER: N_("Natural")}
HELD = Qt.ItemDataRole.UserRole + 1  # marks the entry of a setting the menu does not offer
HELD_ROW = 1  # just below the default voice


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
    select_voice(combo, chosen, voices)
    combo.blockSignals(False)


def system_voices() -> str:
    # TRANSLATORS: a kind of voice, in the voice menu: the system's own speech engine.
    return _("System")


def any_language() -> str:
    # TRANSLATORS: in the voice menu, for voices that do not say which language they speak.
    return _("any language")


def select_voice(combo: QComboBox, chosen: str, voices: Sequence[VoiceEntry] | None) -> None:
    """Select the entry that speaks for ``chosen`` (old bare ids too); a setting the menu
    does not offer gets an entry of its own saying which voice speaks. ``voices`` is the
    menu's list, None while it is still being asked for."""
    for row in reversed(range(combo.count())):
        if combo.itemData(row, HELD):
            combo.removeItem(row)
    index = offered_index(combo, chosen)
    if index is None:
        combo.insertItem(HELD_ROW, held_voice_text(chosen, voices), chosen)
        combo.setItemData(HELD_ROW, True, HELD)
    combo.setCurrentIndex(HELD_ROW if index is None else index)


def offered_index(combo: QComboBox, chosen: str) -> int | None:
    """The entry offered for ``chosen``, or None when the menu does not offer it."""
    wanted = parse_voice(chosen).id if chosen.strip() else ""
    for index in range(combo.count()):
        data = combo.itemData(index)
        if isinstance(data, str) and (data == wanted or (data and parse_voice(data).id == wanted)):
            return index
    return None


def held_voice_text(chosen: str, voices: Sequence[VoiceEntry] | None) -> str:
    """What the entry of a setting the menu does not offer says: the voice that speaks."""
    ref = parse_voice(chosen)
    if ref.id == SYSTEM_DEFAULT:
        system = next((voice for voice in voices or () if voice.system_default), None)
        if system is None:
            # TRANSLATORS: in the voice menu: the voice the computer's own speech engine uses.
            return _("System default voice")
        # TRANSLATORS: in the voice menu: the computer's own default voice, then its name.
        return _("System default voice ({name})").format(name=system.name)
    shown = ref.name or chosen.strip()
    listed = voices is not None and (
        ref.engine == PIPER or any(voice.engine == PYTTSX3 for voice in voices)
    )
    if not listed:  # not known yet whether it is installed: its name, as chosen
        return shown
    default = next((voice for voice in voices or () if voice.default), None)
    if default is None:
        # TRANSLATORS: in the voice menu, for a chosen voice that is not installed.
        return _("{voice} is not installed: the default voice speaks instead").format(voice=shown)
    # TRANSLATORS: in the voice menu, for a chosen voice that is not installed; {name}
    # is the default voice that speaks instead.
    return _("{voice} is not installed: {name} speaks instead").format(
        voice=shown, name=default.name
    )
