"""A routine in the languages it is written and translated in.

A format-2 routine says which language its own texts are in (``language``, English
when it does not say) and may carry translations of any of its texts
(``[translations.de]``, ``[step.translations.de]``). A translation need not be
complete: what it leaves out is read in the routine's own language.

- :func:`languages`: the routine's own language, then each it is translated into;
- :func:`playing_language`: the language a person who wants ``wanted`` hears it in;
- :func:`in_language`: the routine as read in one language, ready to play or show;
- :func:`translation_gaps`: which texts each translation leaves out (a warning).

Languages are matched by their base tag: a person whose language is ``de_AT`` gets a
routine's ``de`` translation.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from stretchtimer.core.i18n import base_tag
from stretchtimer.core.routine.language_tags import same_language
from stretchtimer.core.routine.model import (
    ROUTINE_TEXT_KEYS,
    STEP_TEXT_KEYS,
    Routine,
    RoutineTranslation,
    Step,
    StepTranslation,
)

_T = TypeVar("_T", RoutineTranslation, StepTranslation)
_V = TypeVar("_V", Routine, Step)


def languages(routine: Routine) -> list[str]:
    """The routine's own language first, then every language it is translated into.

    The routine's own ``[translations.*]`` tables come in the order written, then any
    language only steps are translated into; each language once.
    """
    found = [routine.language]
    tags = [translation.language for translation in routine.translations]
    tags += [t.language for step in routine.steps for t in step.translations]
    for tag in tags:
        if not any(same_language(tag, known) for known in found):
            found.append(tag)
    return found


def playing_language(routine: Routine, wanted: str) -> str:
    """``wanted`` when the routine is written or translated in it, else its own language.

    Base tags are compared: ``de_AT`` is wanted and the routine has ``de``, so the
    answer is ``de_AT`` (and :func:`in_language` finds the ``de`` texts for it).
    """
    if wanted and any(same_language(wanted, tag) for tag in languages(routine)):
        return wanted
    return routine.language


def title_in(routine: Routine, tag: str) -> str:
    """The routine's title as read in ``tag`` (what :func:`in_language` would give, cheaply:
    lists ask for titles on every repaint)."""
    if same_language(tag, routine.language):
        return routine.title
    translation = _pick(routine.translations, tag)
    return translation.title if translation and translation.title else routine.title


def in_language(routine: Routine, tag: str) -> Routine:
    """The routine as read in ``tag``: each text translated where a translation has it,
    the routine's own text where not.

    The result's ``language`` is ``tag`` when the routine is written or translated in
    it (else the routine's own language, since every text is then its own), and it
    carries no translations: it is a routine to play or to show, not to save (an
    editor edits and saves the routine as it was read from its file).
    """
    own = same_language(tag, routine.language)
    readable = own or any(same_language(tag, known) for known in languages(routine))
    return dataclasses.replace(
        _read_in(routine, ROUTINE_TEXT_KEYS, tag, own),
        steps=tuple(_read_in(step, STEP_TEXT_KEYS, tag, own) for step in routine.steps),
        language=tag if readable else routine.language,
    )


def _read_in(value: _V, keys: tuple[str, ...], tag: str, own: bool) -> _V:
    """A routine or a step with each of its ``keys`` that its ``tag`` translation gives
    in place of its own text (none when ``own``), and no translations left."""
    translation = None if own else _pick(value.translations, tag)
    texts = {key: getattr(translation, key) for key in keys} if translation else {}
    return dataclasses.replace(
        value, translations=(), **{key: text for key, text in texts.items() if text}
    )


def _pick(translations: tuple[_T, ...], tag: str) -> _T | None:
    """The translation for exactly ``tag`` (``de_AT``), else one of its base language."""
    wanted = tag.replace("-", "_").lower()
    for translation in translations:
        if translation.language.replace("-", "_").lower() == wanted:
            return translation
    for translation in translations:
        if base_tag(translation.language) == base_tag(tag):
            return translation
    return None


# -- what a translation leaves out -----------------------------------------------------


@dataclass(frozen=True)
class TranslationGap:
    """The texts one translation leaves out, read in the routine's own language instead.

    ``routine_keys`` are the routine's (``"description"``); ``steps`` holds, for each
    step with a gap, its 1-based number, its name and the keys (``"say"``, ``"feel"``).
    """

    language: str
    routine_keys: tuple[str, ...]
    steps: tuple[tuple[int, str, tuple[str, ...]], ...]


def translation_gaps(routine: Routine) -> list[TranslationGap]:
    """For each language the routine is translated into, the texts it has no translation of.

    Only texts the routine has are counted (a routine without ``finish`` needs none).
    """
    gaps: list[TranslationGap] = []
    for tag in languages(routine)[1:]:
        translation = _pick(routine.translations, tag)
        routine_keys = tuple(
            key
            for key in ROUTINE_TEXT_KEYS
            if getattr(routine, key) and not (translation and getattr(translation, key))
        )
        steps = []
        for number, step in enumerate(routine.steps, start=1):
            step_translation = _pick(step.translations, tag)
            keys = tuple(
                key
                for key in STEP_TEXT_KEYS
                if getattr(step, key) and not (step_translation and getattr(step_translation, key))
            )
            if keys:
                steps.append((number, step.name, keys))
        if routine_keys or steps:
            gaps.append(TranslationGap(tag, routine_keys, tuple(steps)))
    return gaps


# -- as a routine file writes them -----------------------------------------------------


def translation_tables(
    translations: tuple[RoutineTranslation, ...] | tuple[StepTranslation, ...],
) -> dict[str, dict[str, Any]]:
    """``{"de": {"title": ...}}``: the translations as a routine file's tables hold them
    (the texts a translation gives, in the order of the format)."""
    tables: dict[str, dict[str, Any]] = {}
    for translation in translations:
        keys = ROUTINE_TEXT_KEYS if isinstance(translation, RoutineTranslation) else STEP_TEXT_KEYS
        table: dict[str, Any] = {}
        for key in keys:
            value = getattr(translation, key)
            if value:
                table[key] = list(value) if isinstance(value, tuple) else value
        tables[translation.language] = table
    return tables


def routine_translations_from(tables: object) -> tuple[RoutineTranslation, ...]:
    """The reverse of :func:`translation_tables` for a routine's tables (not checked as a
    routine file is: for a draft kept on disk). Raises ValueError on a wrong shape."""
    return _translations_from(tables, ROUTINE_TEXT_KEYS, RoutineTranslation)


def step_translations_from(tables: object) -> tuple[StepTranslation, ...]:
    """The reverse of :func:`translation_tables` for a step's tables."""
    return _translations_from(tables, STEP_TEXT_KEYS, StepTranslation)


def _translations_from(
    tables: object, keys: tuple[str, ...], translation: Callable[..., _T]
) -> tuple[_T, ...]:
    """Each language's table as a ``translation`` (a list of texts kept as a tuple)."""
    found = []
    for tag, texts in _texts_by_language(tables, keys).items():
        kept = {key: tuple(text) if isinstance(text, list) else text for key, text in texts.items()}
        found.append(translation(tag, **kept))
    return tuple(found)


def _texts_by_language(tables: object, keys: tuple[str, ...]) -> dict[str, dict[str, Any]]:
    if not isinstance(tables, dict):
        raise ValueError("translations are not a table")
    found: dict[str, dict[str, Any]] = {}
    for tag, table in tables.items():
        if not isinstance(tag, str) or not isinstance(table, dict):
            raise ValueError("a translation is not a table of texts")
        for key, value in table.items():
            text = isinstance(value, str) and key != "rep_cues"
            cues = key == "rep_cues" and isinstance(value, list)
            if key not in keys or not (text or cues):
                raise ValueError(f"translation {tag}: {key} is not a text")
            if cues and not all(isinstance(cue, str) for cue in value):
                raise ValueError(f"translation {tag}: rep_cues are not texts")
        found[tag] = dict(table)
    return found
