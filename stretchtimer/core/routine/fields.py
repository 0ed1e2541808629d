"""Checks for the fields of a routine file: numbers, texts, tags and sides.

Each check reports what was expected and what was found, in one line, and
returns ``None`` (or an empty value) so that the loader can go on and collect
every problem in the file.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from stretchtimer.core.control_text import LINE_BREAKS, control_problem, first_control
from stretchtimer.core.i18n import N_, _, n_
from stretchtimer.core.routine.model import Sides
from stretchtimer.core.routine.problems import Problem, describe_value
from stretchtimer.core.routine.source_map import SourceMap


@dataclass(frozen=True)
class NumberRule:
    """What a numeric key accepts."""

    low: float
    high: float
    whole: bool
    unit: str  # "seconds", "breaths", ...

    def expected(self) -> str:
        sentence = _EXPECTED[self.unit]
        return _(sentence).format(low=number_text(self.low), high=number_text(self.high))


# What a number key expects, by unit: whole sentences, for the translators.
_EXPECTED = {
    "seconds": N_("expected a number of seconds from {low} to {high}"),
    "seconds per rep": N_("expected a number of seconds per rep from {low} to {high}"),
    "breaths": N_("expected a whole number of breaths from {low} to {high}"),
    "reps": N_("expected a whole number of reps from {low} to {high}"),
    "sets": N_("expected a whole number of sets from {low} to {high}"),
}


PACE_RULES = {
    "prepare": NumberRule(0, 120, whole=False, unit="seconds"),
    "rest": NumberRule(0, 600, whole=False, unit="seconds"),
    "switch": NumberRule(0, 120, whole=False, unit="seconds"),
    "inhale": NumberRule(1, 20, whole=False, unit="seconds"),
    "exhale": NumberRule(1, 20, whole=False, unit="seconds"),
    "settle": NumberRule(0, 30, whole=False, unit="seconds"),
}
STEP_RULES = {
    "hold": NumberRule(1, 3600, whole=False, unit="seconds"),
    "breaths": NumberRule(1, 100, whole=True, unit="breaths"),
    "reps": NumberRule(1, 500, whole=True, unit="reps"),
    "tempo": NumberRule(0.5, 60, whole=False, unit="seconds per rep"),
    "sets": NumberRule(1, 20, whole=True, unit="sets"),
    "set_rest": NumberRule(0, 600, whole=False, unit="seconds"),
    "rest": NumberRule(0, 600, whole=False, unit="seconds"),
    "settle": NumberRule(0, 30, whole=False, unit="seconds"),
}
TEXT_LIMITS = {
    "title": 80,
    "description": 2000,
    "name": 80,
    "say": 1000,
    "easier": 1000,
    "setup": 1000,
    "feel": 1000,
    "release": 1000,
    "caution": 1000,
    "finish": 500,
}
ROUTINE_SETUP_LIMIT = 500
SINGLE_LINE = frozenset({"title", "name"})
MAX_TAGS = 12
MAX_TAG_LENGTH = 30
MAX_REP_CUES = 4
MAX_REP_CUE_LENGTH = 30
POSE_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def number_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def suggest_key(key: str, known: tuple[str, ...]) -> str:
    import difflib  # only when there is a mistake to suggest a fix for

    match = difflib.get_close_matches(key.lower(), known, n=1, cutoff=0.6)
    if match:
        return _("; did you mean {key}?").format(key=match[0])
    return _("; known keys: {keys}").format(keys=", ".join(known))


@dataclass(frozen=True)
class Where:
    """Where a problem is: its line, and its step when inside one."""

    line: int | None = None
    step: int | None = None
    step_name: str | None = None


class FieldChecks:
    """Reports problems in one routine document; the loader builds on these checks."""

    def __init__(self, source: str, text: str, document: Mapping[str, Any]) -> None:
        self.source = source
        self.lines = SourceMap(text)
        self.document = document
        self.problems: list[Problem] = []

    # -- reporting ------------------------------------------------------------------

    def problem(self, message: str, *, key: str | None = None, at: Where = Where()) -> None:
        self.problems.append(
            Problem(
                self.source, message, line=at.line, step=at.step, step_name=at.step_name, key=key
            )
        )

    @contextmanager
    def under(self, prefix: str) -> Iterator[None]:
        """Problems found within are about keys under ``prefix`` (``"translations.de."``)."""
        before = len(self.problems)
        yield
        self.problems[before:] = [
            dataclasses.replace(problem, key=f"{prefix}{problem.key}") if problem.key else problem
            for problem in self.problems[before:]
        ]

    def _text(
        self,
        table: Mapping[str, Any],
        key: str,
        *,
        required: bool = False,
        at: Where = Where(),
        limit: int | None = None,
    ) -> str:
        limit = TEXT_LIMITS[key] if limit is None else limit
        if key not in table:
            if required:
                self.problem(
                    _("missing; expected text of 1 to {limit} characters").format(limit=limit),
                    key=key,
                    at=at,
                )
            return ""
        value = table[key]
        if not isinstance(value, str):
            self.problem(
                _("expected text, found {found}").format(found=describe_value(value)),
                key=key,
                at=at,
            )
            return ""
        if required and not value.strip():
            self.problem(
                _("expected text of 1 to {limit} characters, found an empty text").format(
                    limit=limit
                ),
                key=key,
                at=at,
            )
            return ""
        if len(value) > limit:
            self.problem(_too_long(limit, len(value)), key=key, at=at)
            return ""
        if key in SINGLE_LINE and ("\n" in value or "\r" in value):
            self.problem(_("expected one line of text, found a line break"), key=key, at=at)
            return ""
        control = control_problem(value, "" if key in SINGLE_LINE else LINE_BREAKS)
        if control is not None:
            self.problem(control, key=key, at=at)
            return ""
        return value.strip()

    def _tags(self, value: object) -> tuple[str, ...]:
        line = Where(self.lines.top("tags"))
        if value is None:
            return ()
        if not isinstance(value, list):
            self.problem(
                _("expected a list of tags, found {found}").format(found=describe_value(value)),
                key="tags",
                at=line,
            )
            return ()
        if len(value) > MAX_TAGS:
            self.problem(
                _("expected at most {limit} tags, found {count}").format(
                    limit=MAX_TAGS, count=len(value)
                ),
                key="tags",
                at=line,
            )
            return ()
        tags: list[str] = []
        for index, tag in enumerate(value, start=1):
            ok = (
                isinstance(tag, str)
                and 1 <= len(tag.strip()) <= MAX_TAG_LENGTH
                and first_control(tag) is None
            )
            if ok:
                assert isinstance(tag, str)
                tags.append(tag.strip())
            else:
                found = describe_value(tag)
                if isinstance(tag, str) and len(tag) > MAX_TAG_LENGTH:
                    found = n_("{count} character", "{count} characters", len(tag)).format(
                        count=len(tag)
                    )
                self.problem(
                    _("expected text of 1 to {limit} characters, found {found}").format(
                        limit=MAX_TAG_LENGTH, found=found
                    ),
                    key=f"tags[{index}]",
                    at=line,
                )
        return tuple(tags)

    def _number(
        self,
        table: Mapping[str, Any],
        key: str,
        rule: NumberRule,
        *,
        at: Where,
        shown_key: str | None = None,
    ) -> float | None:
        if key not in table:
            return None
        value = table[key]
        shown = shown_key or key
        raw = self.lines.raw_value(at.line, key)
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.problem(_found(rule, describe_value(value, raw)), key=shown, at=at)
            return None
        if isinstance(value, float) and not math.isfinite(value):
            self.problem(_found(rule, describe_value(value, raw)), key=shown, at=at)
            return None
        if rule.whole and not isinstance(value, int):
            found = describe_value(value)
            if value.is_integer():
                found = _("{value} (write it without a decimal point)").format(value=found)
            self.problem(_found(rule, found), key=shown, at=at)
            return None
        if not rule.low <= value <= rule.high:
            self.problem(_found(rule, describe_value(value)), key=shown, at=at)
            return None
        return value

    def _sides(self, table: Mapping[str, Any], at: Callable[[str], Where]) -> Sides | None:
        if "sides" not in table:
            return Sides.NONE
        value = table["sides"]
        choices = tuple(side.value for side in Sides)
        if isinstance(value, str) and value.strip().lower() in choices:
            return Sides(value.strip().lower())
        hint = ""
        if isinstance(value, str):
            import difflib

            match = difflib.get_close_matches(value.lower(), choices, n=1, cutoff=0.5)
            hint = _('; did you mean "{value}"?').format(value=match[0]) if match else ""
        message = _('expected one of "none", "both", "left", "right", found {found}')
        self.problem(
            message.format(found=describe_value(value)) + hint, key="sides", at=at("sides")
        )
        return None

    # -- format 2 -------------------------------------------------------------------

    def _placeholders(
        self,
        table: Mapping[str, Any],
        keys: tuple[str, ...],
        sided: bool,
        at: Callable[[str], Where],
    ) -> None:
        """``{side}`` and ``{other}`` only, and only in a step done on a side."""
        for key in keys:
            value = table.get(key)
            if not isinstance(value, str):
                continue
            for placeholder in PLACEHOLDER.findall(value):
                name, has_forms, forms = placeholder.partition(":")
                if name not in ("side", "other"):
                    self.problem(
                        _(
                            "has {{{placeholder}}}; the words that change per side are {{side}} "
                            "and {{other}} (or {{side:form for left|form for right}})"
                        ).format(placeholder=placeholder),
                        key=key,
                        at=at(key),
                    )
                elif has_forms and not _two_forms(forms):
                    self.problem(
                        _(
                            "has {{{placeholder}}}; write exactly two forms, the word for left "
                            "and the word for right, like {{{name}:linke|rechte}}"
                        ).format(placeholder=placeholder, name=name),
                        key=key,
                        at=at(key),
                    )
                elif not sided:
                    self.problem(
                        _(
                            'has {{{placeholder}}} but the step has no sides; add sides = "both" '
                            '(or "left", "right") or write the side out'
                        ).format(placeholder=placeholder),
                        key=key,
                        at=at(key),
                    )

    def _pose(self, table: Mapping[str, Any], at: Callable[[str], Where]) -> str:
        if "pose" not in table:
            return ""
        value = table["pose"]
        if not isinstance(value, str) or not POSE_NAME.fullmatch(value):
            self.problem(
                _(
                    "expected a pose name of lowercase letters, digits and dashes "
                    "(like seated-twist), found {found}"
                ).format(found=describe_value(value)),
                key="pose",
                at=at("pose"),
            )
            return ""
        known = _pose_names()
        if known is not None and value not in known:
            self.problem(
                _("unknown pose{suggestion}").format(suggestion=_pose_hint(value)),
                key="pose",
                at=at("pose"),
            )
            return ""
        return value

    def _rep_cues(self, table: Mapping[str, Any], at: Callable[[str], Where]) -> tuple[str, ...]:
        if "rep_cues" not in table:
            return ()
        value = table["rep_cues"]
        expected = _(
            "expected a list of 1 to {count} short texts (each 1 to {limit} characters, "
            'like ["up", "and down"]), found {found}'
        )
        if not isinstance(value, list) or not 1 <= len(value) <= MAX_REP_CUES:
            self.problem(
                expected.format(
                    count=MAX_REP_CUES, limit=MAX_REP_CUE_LENGTH, found=describe_value(value)
                ),
                key="rep_cues",
                at=at("rep_cues"),
            )
            return ()
        cues: list[str] = []
        for index, item in enumerate(value, start=1):
            ok = isinstance(item, str) and 1 <= len(item.strip()) <= MAX_REP_CUE_LENGTH
            if not ok or first_control(str(item)) is not None:
                self.problem(
                    expected.format(
                        count=MAX_REP_CUES, limit=MAX_REP_CUE_LENGTH, found=describe_value(item)
                    ),
                    key=f"rep_cues[{index}]",
                    at=at("rep_cues"),
                )
                continue
            cues.append(str(item).strip())
        return tuple(cues) if len(cues) == len(value) else ()


def _too_long(limit: int, length: int) -> str:
    return _("expected at most {limit} characters, found {count}").format(limit=limit, count=length)


def _found(rule: NumberRule, found: str) -> str:
    """``expected a number of seconds from 1 to 3600, found the text "30"``."""
    return _("{expected}, found {found}").format(expected=rule.expected(), found=found)


PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def _two_forms(forms: str) -> bool:
    """``"linke|rechte"``: two forms of the side word, neither empty."""
    parts = forms.split("|")
    return len(parts) == 2 and all(part.strip() for part in parts)


def _poses_module() -> Any:
    """The pose library (``core/poses``), when this build has it; ``None`` otherwise."""
    import importlib

    try:
        return importlib.import_module("stretchtimer.core.poses")
    except ImportError:
        return None


def _pose_names() -> frozenset[str] | None:
    """The pose library's names, when this build has the pose library."""
    poses = _poses_module()
    if poses is None or not hasattr(poses, "pose_names"):
        return None
    return frozenset(poses.pose_names())


def _pose_hint(name: str) -> str:
    poses = _poses_module()
    match: object = poses.suggest(name) if hasattr(poses, "suggest") else None
    if isinstance(match, list | tuple):
        match = match[0] if match else None
    if match:
        return _("; did you mean {key}?").format(key=match)
    return _("; see `stretchtimer pose list`")
