"""Read routine files (format 1): bytes in, a :class:`Routine` or every problem out.

The format is forgiving where that is safe (a UTF-8 byte-order mark, CRLF line
ends) and strict where a typo would silently change a session: unknown keys,
wrong types and out-of-range numbers are errors. All problems in a file are
collected, so a person can fix them in one go.
"""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from stretchtimer.core.routine.model import (
    FORMAT_VERSION,
    Breaths,
    Hold,
    Pace,
    Reps,
    Routine,
    Sides,
    Step,
    Work,
)
from stretchtimer.core.routine.problems import Problem, RoutineFileError, describe_value
from stretchtimer.core.routine.source_map import SourceMap

MAX_FILE_BYTES = 1024 * 1024
MAX_STEPS = 200
UTF8_BOM = b"\xef\xbb\xbf"

TOP_KEYS = ("format", "title", "description", "tags", "pace", "step")
PACE_KEYS = ("prepare", "rest", "switch", "inhale", "exhale")
STEP_KEYS = (
    "name",
    "say",
    "hold",
    "breaths",
    "reps",
    "tempo",
    "sets",
    "set_rest",
    "sides",
    "easier",
    "rest",
)
WORK_KEYS = ("hold", "breaths", "reps")
REPS_ONLY_KEYS = ("tempo", "sets", "set_rest")


@dataclass(frozen=True)
class NumberRule:
    """What a numeric key accepts."""

    low: float
    high: float
    whole: bool
    unit: str  # "seconds", "breaths", ...

    def expected(self) -> str:
        kind = "a whole number" if self.whole else "a number"
        unit = f" of {self.unit}" if self.unit else ""
        return f"expected {kind}{unit} from {_num(self.low)} to {_num(self.high)}"


PACE_RULES = {
    "prepare": NumberRule(0, 120, whole=False, unit="seconds"),
    "rest": NumberRule(0, 600, whole=False, unit="seconds"),
    "switch": NumberRule(0, 120, whole=False, unit="seconds"),
    "inhale": NumberRule(1, 20, whole=False, unit="seconds"),
    "exhale": NumberRule(1, 20, whole=False, unit="seconds"),
}
STEP_RULES = {
    "hold": NumberRule(1, 3600, whole=False, unit="seconds"),
    "breaths": NumberRule(1, 100, whole=True, unit="breaths"),
    "reps": NumberRule(1, 500, whole=True, unit="reps"),
    "tempo": NumberRule(0.5, 60, whole=False, unit="seconds per rep"),
    "sets": NumberRule(1, 20, whole=True, unit="sets"),
    "set_rest": NumberRule(0, 600, whole=False, unit="seconds"),
    "rest": NumberRule(0, 600, whole=False, unit="seconds"),
}
TEXT_LIMITS = {"title": 80, "description": 2000, "name": 80, "say": 1000, "easier": 1000}
SINGLE_LINE = frozenset({"title", "name"})
MAX_TAGS = 12
MAX_TAG_LENGTH = 30


def load_routine(path: str | Path) -> Routine:
    """Read and validate the routine file at ``path``.

    Raises :class:`RoutineFileError` naming every problem; never anything else
    for bad content. An unreadable file (missing, a folder, no permission) is a
    problem too.
    """
    path = Path(path)
    source = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise RoutineFileError(source, [_too_big(source, size)])
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except RoutineFileError:
        raise
    except IsADirectoryError:
        problem = Problem(source, "is a folder, not a routine file")
        raise RoutineFileError(source, [problem]) from None
    except FileNotFoundError:
        raise RoutineFileError(source, [Problem(source, "no such file")]) from None
    except PermissionError:
        message = "cannot be read (permission denied); check the file's permissions"
        raise RoutineFileError(source, [Problem(source, message)]) from None
    except OSError as error:
        problem = Problem(source, f"cannot be read ({error.strerror})")
        raise RoutineFileError(source, [problem]) from None
    return parse_routine(data, source)


def parse_routine(data: bytes, source: str = "<routine>") -> Routine:
    """Validate the bytes of a routine file; ``source`` names it in errors."""
    text = _decode(data, source)
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise RoutineFileError(source, [_toml_problem(source, error)]) from None
    return _Validator(source, text, document).routine()


def _too_big(source: str, size: int) -> Problem:
    return Problem(
        source,
        f"is {size / (1024 * 1024):.1f} MiB; a routine file may be at most 1 MiB "
        "(is this the right file?)",
    )


def _decode(data: bytes, source: str) -> str:
    if len(data) > MAX_FILE_BYTES:
        raise RoutineFileError(source, [_too_big(source, len(data))])
    if data.startswith(UTF8_BOM):
        data = data[len(UTF8_BOM) :]
    if not data.strip():
        raise RoutineFileError(
            source, [Problem(source, "is empty; a routine needs at least format, title and a step")]
        )
    if b"\x00" in data:
        message = "is a binary file, not a routine (a routine is TOML text)"
        raise RoutineFileError(source, [Problem(source, message)])
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        byte = data[error.start]
        message = (
            f"is not UTF-8 text (byte 0x{byte:02x} at column {column}); "
            "save the file with UTF-8 encoding"
        )
        raise RoutineFileError(source, [Problem(source, message, line=line)]) from None


_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_TOML_END = re.compile(r"\s*\(at end of document\)\s*$")


def _toml_problem(source: str, error: tomllib.TOMLDecodeError) -> Problem:
    text = str(error.args[0]) if error.args else str(error)
    line: int | None = None
    position = _TOML_POSITION.search(text)
    if position:
        line = int(position.group(1))
        detail = f"{text[: position.start()]} at column {position.group(2)}"
    else:
        detail = _TOML_END.sub(" at the end of the file", text)
    detail = detail[0].lower() + detail[1:] if detail else "unreadable"
    return Problem(source, f"is not valid TOML: {detail}", line=line)


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _suggest(key: str, known: tuple[str, ...]) -> str:
    import difflib  # only when there is a mistake to suggest a fix for

    match = difflib.get_close_matches(key.lower(), known, n=1, cutoff=0.6)
    return f"; did you mean {match[0]}?" if match else f"; known keys: {', '.join(known)}"


@dataclass(frozen=True)
class _Where:
    """Where a problem is: its line, and its step when inside one."""

    line: int | None = None
    step: int | None = None
    step_name: str | None = None


class _Validator:
    """Turns a parsed TOML document into a Routine, collecting every problem."""

    def __init__(self, source: str, text: str, document: Mapping[str, Any]) -> None:
        self.source = source
        self.lines = SourceMap(text)
        self.document = document
        self.problems: list[Problem] = []

    # -- reporting ------------------------------------------------------------------

    def problem(self, message: str, *, key: str | None = None, at: _Where = _Where()) -> None:
        self.problems.append(
            Problem(
                self.source, message, line=at.line, step=at.step, step_name=at.step_name, key=key
            )
        )

    # -- the routine ----------------------------------------------------------------

    def routine(self) -> Routine:
        doc = self.document
        for key in doc:
            if key not in TOP_KEYS:
                self.problem(
                    f"unknown key{_suggest(key, TOP_KEYS)}", key=key, at=_Where(self.lines.top(key))
                )
        self._check_format(doc.get("format"))
        title = self._text(doc, "title", required=True, at=_Where(self.lines.top("title")))
        description = self._text(doc, "description", at=_Where(self.lines.top("description")))
        tags = self._tags(doc.get("tags"))
        pace = self._pace(doc.get("pace"))
        steps = self._steps(doc.get("step"))
        if self.problems:
            raise RoutineFileError(self.source, self.problems)
        return Routine(
            title=title, steps=tuple(steps), description=description, tags=tags, pace=pace
        )

    def _check_format(self, value: object) -> None:
        line = _Where(self.lines.top("format"))
        if value is None:
            self.problem("missing; put format = 1 at the top of the file", key="format")
        elif isinstance(value, int) and not isinstance(value, bool) and value > FORMAT_VERSION:
            self.problem(
                f"is {value}, which a newer stretchtimer writes; this version reads format 1",
                key="format",
                at=line,
            )
        elif value != FORMAT_VERSION or isinstance(value, bool) or not isinstance(value, int):
            self.problem(f"expected 1, found {describe_value(value)}", key="format", at=line)

    def _text(
        self,
        table: Mapping[str, Any],
        key: str,
        *,
        required: bool = False,
        at: _Where = _Where(),
    ) -> str:
        limit = TEXT_LIMITS[key]
        if key not in table:
            if required:
                self.problem(f"missing; expected text of 1 to {limit} characters", key=key, at=at)
            return ""
        value = table[key]
        if not isinstance(value, str):
            self.problem(f"expected text, found {describe_value(value)}", key=key, at=at)
            return ""
        if required and not value.strip():
            self.problem(
                f"expected text of 1 to {limit} characters, found an empty text", key=key, at=at
            )
            return ""
        if len(value) > limit:
            self.problem(f"expected at most {limit} characters, found {len(value)}", key=key, at=at)
            return ""
        if key in SINGLE_LINE and ("\n" in value or "\r" in value):
            self.problem("expected one line of text, found a line break", key=key, at=at)
            return ""
        return value.strip()

    def _tags(self, value: object) -> tuple[str, ...]:
        line = _Where(self.lines.top("tags"))
        if value is None:
            return ()
        if not isinstance(value, list):
            self.problem(
                f"expected a list of tags, found {describe_value(value)}", key="tags", at=line
            )
            return ()
        if len(value) > MAX_TAGS:
            self.problem(
                f"expected at most {MAX_TAGS} tags, found {len(value)}", key="tags", at=line
            )
            return ()
        tags: list[str] = []
        for index, tag in enumerate(value, start=1):
            ok = (
                isinstance(tag, str) and 1 <= len(tag.strip()) <= MAX_TAG_LENGTH and "\n" not in tag
            )
            if ok:
                assert isinstance(tag, str)
                tags.append(tag.strip())
            else:
                found = describe_value(tag)
                if isinstance(tag, str) and len(tag) > MAX_TAG_LENGTH:
                    found = f"{len(tag)} characters"
                self.problem(
                    f"expected text of 1 to {MAX_TAG_LENGTH} characters, found {found}",
                    key=f"tags[{index}]",
                    at=line,
                )
        return tuple(tags)

    def _pace(self, value: object) -> Pace:
        if value is None:
            return Pace()
        if not isinstance(value, dict):
            self.problem(
                f"expected a [pace] table, found {describe_value(value)}",
                key="pace",
                at=_Where(self.lines.top("pace")),
            )
            return Pace()
        for key in value:
            if key not in PACE_KEYS:
                self.problem(
                    f"unknown key{_suggest(key, PACE_KEYS)}",
                    key=f"pace.{key}",
                    at=_Where(self.lines.pace(key) or self.lines.pace()),
                )
        numbers = {
            key: self._number(
                value,
                key,
                PACE_RULES[key],
                at=_Where(self.lines.pace(key)),
                shown_key=f"pace.{key}",
            )
            for key in PACE_KEYS
        }
        return Pace(**numbers)

    def _number(
        self,
        table: Mapping[str, Any],
        key: str,
        rule: NumberRule,
        *,
        at: _Where,
        shown_key: str | None = None,
    ) -> float | None:
        if key not in table:
            return None
        value = table[key]
        shown = shown_key or key
        raw = self.lines.raw_value(at.line, key)
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.problem(f"{rule.expected()}, found {describe_value(value, raw)}", key=shown, at=at)
            return None
        if isinstance(value, float) and not math.isfinite(value):
            self.problem(f"{rule.expected()}, found {describe_value(value, raw)}", key=shown, at=at)
            return None
        if rule.whole and not isinstance(value, int):
            hint = " (write it without a decimal point)" if value.is_integer() else ""
            self.problem(
                f"{rule.expected()}, found {describe_value(value)}{hint}", key=shown, at=at
            )
            return None
        if not rule.low <= value <= rule.high:
            self.problem(f"{rule.expected()}, found {describe_value(value)}", key=shown, at=at)
            return None
        return value

    # -- steps ----------------------------------------------------------------------

    def _steps(self, value: object) -> list[Step]:
        if value is None:
            self.problem("missing; a routine needs at least one [[step]]", key="step")
            return []
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            self.problem(
                f"expected [[step]] tables, found {describe_value(value)}",
                key="step",
                at=_Where(self.lines.top("step")),
            )
            return []
        if not value:
            self.problem("expected at least one [[step]], found none", key="step")
            return []
        if len(value) > MAX_STEPS:
            self.problem(f"expected at most {MAX_STEPS} steps, found {len(value)}", key="step")
            return []
        steps = [self._step(index, table) for index, table in enumerate(value)]
        return [step for step in steps if step is not None]

    def _step(self, index: int, table: Mapping[str, Any]) -> Step | None:
        number = index + 1
        raw_name = table.get("name")
        shown_name = raw_name.strip() if isinstance(raw_name, str) and raw_name.strip() else None
        before = len(self.problems)

        def at(key: str | None = None) -> _Where:
            return _Where(self.lines.step(index, key), number, shown_name)

        for key in table:
            if key not in STEP_KEYS:
                self.problem(f"unknown key{_suggest(key, STEP_KEYS)}", key=key, at=at(key))
        name = self._text(table, "name", required=True, at=at("name"))
        say = self._text(table, "say", at=at("say"))
        easier = self._text(table, "easier", at=at("easier"))
        sides = self._sides(table, at)
        rest = self._number(table, "rest", STEP_RULES["rest"], at=at("rest"))
        work = self._work(table, at)
        if len(self.problems) > before or work is None or sides is None:
            return None
        return Step(name=name, work=work, sides=sides, say=say, easier=easier, rest=rest)

    def _sides(self, table: Mapping[str, Any], at: Callable[[str], _Where]) -> Sides | None:
        if "sides" not in table:
            return Sides.NONE
        value = table["sides"]
        choices = tuple(side.value for side in Sides)
        expected = 'expected one of "none", "both", "left", "right"'
        if isinstance(value, str) and value.strip().lower() in choices:
            return Sides(value.strip().lower())
        hint = ""
        if isinstance(value, str):
            import difflib

            match = difflib.get_close_matches(value.lower(), choices, n=1, cutoff=0.5)
            hint = f'; did you mean "{match[0]}"?' if match else ""
        self.problem(
            f"{expected}, found {describe_value(value)}{hint}", key="sides", at=at("sides")
        )
        return None

    def _work(self, table: Mapping[str, Any], at: Callable[[str | None], _Where]) -> Work | None:
        present = [key for key in WORK_KEYS if key in table]
        values = {
            key: self._number(table, key, STEP_RULES[key], at=at(key))
            for key in (*WORK_KEYS, *REPS_ONLY_KEYS)
        }
        if not present:
            self.problem("needs one of hold (seconds), breaths or reps", at=at(None))
            return None
        if len(present) > 1:
            self.problem(
                f"has {' and '.join(present)}; a step takes exactly one of them",
                key=present[1],
                at=at(present[1]),
            )
            return None
        kind = present[0]
        if kind != "reps":
            for key in REPS_ONLY_KEYS:
                if key in table:
                    self.problem(
                        f"only applies to steps with reps, not {kind}", key=key, at=at(key)
                    )
            if any(key in table for key in REPS_ONLY_KEYS):
                return None
        amount = values[kind]
        if amount is None:
            return None
        if kind == "hold":
            return Hold(seconds=amount)
        if kind == "breaths":
            return Breaths(count=int(amount))
        tempo, sets, set_rest = (values[key] for key in REPS_ONLY_KEYS)
        if any(key in table and values[key] is None for key in REPS_ONLY_KEYS):
            return None
        return Reps(
            count=int(amount),
            tempo=3.0 if tempo is None else tempo,
            sets=1 if sets is None else int(sets),
            set_rest=set_rest,
        )
