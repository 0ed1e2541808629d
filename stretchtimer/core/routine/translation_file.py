"""Checks for a routine file's language and translations (format 2).

``language = "de"`` names the language of the routine's own texts; ``[translations.de]``
and, inside a step, ``[step.translations.de]`` hold texts in another language. A
translated text is held to the same limits as the text it translates, and may use
``{side}``, ``{other}`` or the two-form ``{side:linke|rechte}`` where its step has sides.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from stretchtimer.core.i18n import _
from stretchtimer.core.routine.fields import ROUTINE_SETUP_LIMIT, FieldChecks, Where, suggest_key
from stretchtimer.core.routine.language_tags import is_language_tag, same_language, suggest_tag
from stretchtimer.core.routine.model import (
    ROUTINE_TEXT_KEYS,
    SOURCE_LANGUAGE,
    STEP_TEXT_KEYS,
    RoutineTranslation,
    Sides,
    StepTranslation,
)
from stretchtimer.core.routine.problems import describe_value

# The step texts that may name a side (rep_cues may not).
_SIDE_TEXT_KEYS = tuple(key for key in STEP_TEXT_KEYS if key not in ("name", "rep_cues"))
# Keys a translation cannot hold because they are not texts (said once for every language).
_NOT_TEXTS = frozenset(
    {"format", "language", "tags", "pace", "step", "translations", "hold", "breaths", "reps"}
    | {"tempo", "sets", "set_rest", "sides", "rest", "settle", "pose"}
)


class TranslationChecks(FieldChecks):
    """Reads ``language`` and the translation tables, reporting problems like every check."""

    language: str = SOURCE_LANGUAGE  # the routine's own language, once read

    def _language(self, document: Mapping[str, Any]) -> str:
        if "language" not in document:
            return SOURCE_LANGUAGE
        at = Where(self.lines.top("language"))
        return self._tag(document["language"], "language", at) or SOURCE_LANGUAGE

    def _tag(self, value: object, key: str, at: Where) -> str:
        """A language tag as written, or ``""`` with a problem."""
        if isinstance(value, str) and is_language_tag(value.strip()):
            return value.strip()
        suggestion = suggest_tag(value) if isinstance(value, str) else ""
        message = _(
            "unknown language tag {found}; write a language code such as de, es or fr "
            "(de_AT for a region)"
        ).format(found=describe_value(value))
        if suggestion:
            message += _("; did you mean {tag}?").format(tag=suggestion)
        self.problem(message, key=key, at=at)
        return ""

    def _tables(
        self, value: object, at: Callable[[str | None], Where]
    ) -> list[tuple[str, Mapping[str, Any]]]:
        """The ``translations`` table: (tag, table of texts) for each good language."""
        if not isinstance(value, dict):
            self.problem(
                _("expected tables of texts by language ([translations.de]), found {found}").format(
                    found=describe_value(value)
                ),
                key="translations",
                at=at(None),
            )
            return []
        found: list[tuple[str, Mapping[str, Any]]] = []
        for written, table in value.items():
            key = f"translations.{written}"
            tag = self._tag(written, key, at(written))
            if not tag:
                continue
            if same_language(tag, self.language):
                self.problem(
                    _(
                        'is the routine\'s own language (language = "{language}"); '
                        "write its texts in the routine itself, or change language"
                    ).format(language=self.language),
                    key=key,
                    at=at(written),
                )
            elif any(
                tag.replace("-", "_").lower() == t.replace("-", "_").lower() for t, _t in found
            ):
                self.problem(
                    _("is written twice; keep one table for {tag}").format(tag=tag),
                    key=key,
                    at=at(written),
                )
            elif not isinstance(table, dict):
                self.problem(
                    _("expected a table of texts ([{key}]), found {found}").format(
                        key=key, found=describe_value(table)
                    ),
                    key=key,
                    at=at(written),
                )
            else:
                found.append((tag, table))
        return found

    def _translated_keys(
        self, table: Mapping[str, Any], keys: tuple[str, ...], at: Callable[[str], Where]
    ) -> None:
        for key in table:
            if key in keys:
                continue
            if key in _NOT_TEXTS:
                message = _(
                    "is not a text, so it is not translated; write it once, in the step or "
                    "routine it belongs to"
                )
            else:
                message = _("unknown key{suggestion}").format(suggestion=suggest_key(key, keys))
            self.problem(message, key=key, at=at(key))

    # -- the routine's and each step's translations -------------------------------------

    def _routine_translations(self, document: Mapping[str, Any]) -> tuple[RoutineTranslation, ...]:
        if "translations" not in document:
            return ()

        def at_table(tag: str | None) -> Where:
            return Where(self.lines.translation(tag) if tag else self.lines.top("translations"))

        translations = []
        for tag, table in self._tables(document["translations"], at_table):

            def at(key: str, tag: str = tag) -> Where:
                return Where(self.lines.translation(tag, key))

            with self.under(f"translations.{tag}."):
                self._translated_keys(table, ROUTINE_TEXT_KEYS, at)
                texts = {
                    key: self._text(
                        table,
                        key,
                        at=at(key),
                        limit=ROUTINE_SETUP_LIMIT if key == "setup" else None,
                    )
                    for key in ROUTINE_TEXT_KEYS
                }
            translations.append(RoutineTranslation(tag, **texts))
        return tuple(translations)

    def _step_translations(
        self, index: int, step: Mapping[str, Any], sides: Sides | None, reps: bool
    ) -> tuple[StepTranslation, ...]:
        if "translations" not in step:
            return ()
        raw_name = step.get("name")
        name = raw_name.strip() if isinstance(raw_name, str) and raw_name.strip() else None

        def at_table(tag: str | None) -> Where:
            line = self.lines.translation(tag, step=index) if tag else None
            return Where(line or self.lines.step(index, "translations"), index + 1, name)

        translations = []
        for tag, table in self._tables(step["translations"], at_table):

            def at(key: str, tag: str = tag) -> Where:
                return Where(self.lines.translation(tag, key, step=index), index + 1, name)

            with self.under(f"translations.{tag}."):
                self._translated_keys(table, STEP_TEXT_KEYS, at)
                texts = {"name": self._text(table, "name", at=at("name"))}
                texts.update({key: self._text(table, key, at=at(key)) for key in _SIDE_TEXT_KEYS})
                rep_cues = self._rep_cues(table, at)
                if rep_cues and not reps:
                    self.problem(
                        _("only applies to steps with reps"), key="rep_cues", at=at("rep_cues")
                    )
                if sides is not None:
                    self._placeholders(table, _SIDE_TEXT_KEYS, sides is not Sides.NONE, at)
            translations.append(StepTranslation(tag, rep_cues=rep_cues, **texts))
        return tuple(translations)
