"""Read routine files (formats 1 and 2): bytes in, a :class:`Routine` or every problem out.

The format is forgiving where that is safe (a UTF-8 byte-order mark, CRLF line
ends) and strict where a typo would silently change a session: unknown keys,
wrong types and out-of-range numbers are errors. All problems in a file are
collected, so a person can fix them in one go. The checks of single fields are
in ``fields.py``; this module knows which keys go where.
"""

from __future__ import annotations

import os
import re
import stat
import tomllib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from stretchtimer.core.bounded_parse import ParseLimitError, loads_toml
from stretchtimer.core.i18n import _
from stretchtimer.core.routine.fields import (
    PACE_RULES,
    ROUTINE_SETUP_LIMIT,
    STEP_RULES,
    Where,
    suggest_key,
)
from stretchtimer.core.routine.model import (
    FORMAT_VERSION,
    LATEST_FORMAT,
    SOURCE_LANGUAGE,
    Breaths,
    Hold,
    Pace,
    Reps,
    Routine,
    Sides,
    Step,
    StepTranslation,
    Work,
)
from stretchtimer.core.routine.problems import Problem, RoutineFileError, describe_value
from stretchtimer.core.routine.translation_file import TranslationChecks

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
# Keys that only format 2 reads.
TOP_KEYS_2 = ("setup", "finish", "language", "translations")
PACE_KEYS_2 = ("settle",)
STEP_TEXT_KEYS_2 = ("setup", "feel", "release", "caution")
STEP_KEYS_2 = (*STEP_TEXT_KEYS_2, "settle", "pose", "rep_cues", "translations")
SIDE_TEXT_KEYS = ("say", "easier", *STEP_TEXT_KEYS_2)
WORK_KEYS = ("hold", "breaths", "reps")
REPS_ONLY_KEYS = ("tempo", "sets", "set_rest")


def load_routine(path: str | Path) -> Routine:
    """Read and validate the routine file at ``path``.

    Raises :class:`RoutineFileError` naming every problem; never anything else
    for bad content. An unreadable file (missing, a folder, no permission) is a
    problem too.
    """
    path = Path(path)
    source = str(path)
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode) and not stat.S_ISDIR(status.st_mode):
            message = _("is not an ordinary file (a device, a pipe or a socket)")
            raise RoutineFileError(source, [Problem(source, message)])
        if status.st_size > MAX_FILE_BYTES:
            raise RoutineFileError(source, [_too_big(source, status.st_size)])
        # Never blocks on opening, should the file become a FIFO after the check.
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
        with os.fdopen(os.open(path, flags), "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except RoutineFileError:
        raise
    except IsADirectoryError:
        problem = Problem(source, _("is a folder, not a routine file"))
        raise RoutineFileError(source, [problem]) from None
    except FileNotFoundError:
        raise RoutineFileError(source, [Problem(source, _("no such file"))]) from None
    except PermissionError:
        message = _("cannot be read (permission denied); check the file's permissions")
        raise RoutineFileError(source, [Problem(source, message)]) from None
    except OSError as error:
        # TRANSLATORS: {reason} is the system's own words, like "Input/output error"
        problem = Problem(source, _("cannot be read ({reason})").format(reason=error.strerror))
        raise RoutineFileError(source, [problem]) from None
    return parse_routine(data, source)


def parse_routine(data: bytes, source: str = "<routine>") -> Routine:
    """Validate the bytes of a routine file; ``source`` names it in errors."""
    text = _decode(data, source)
    try:
        document = loads_toml(text)
    except tomllib.TOMLDecodeError as error:
        raise RoutineFileError(source, [_toml_problem(source, error)]) from None
    except ParseLimitError as error:
        raise RoutineFileError(source, [Problem(source, error.message, line=error.line)]) from None
    return _Validator(source, text, document).routine()


def _too_big(source: str, size: int) -> Problem:
    return Problem(
        source,
        _("is {size} MiB; a routine file may be at most 1 MiB (is this the right file?)").format(
            size=f"{size / (1024 * 1024):.1f}"
        ),
    )


def _decode(data: bytes, source: str) -> str:
    if len(data) > MAX_FILE_BYTES:
        raise RoutineFileError(source, [_too_big(source, len(data))])
    if data.startswith(UTF8_BOM):
        data = data[len(UTF8_BOM) :]
    if not data.strip():
        raise RoutineFileError(
            source,
            [Problem(source, _("is empty; a routine needs at least format, title and a step"))],
        )
    if b"\x00" in data:
        message = _("is a binary file, not a routine (a routine is TOML text)")
        raise RoutineFileError(source, [Problem(source, message)])
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        byte = data[error.start]
        message = _(
            "is not UTF-8 text (byte {byte} at column {column}); save the file with UTF-8 encoding"
        ).format(byte=f"0x{byte:02x}", column=column)
        raise RoutineFileError(source, [Problem(source, message, line=line)]) from None


_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_TOML_END = re.compile(r"\s*\(at end of document\)\s*$")


def _toml_problem(source: str, error: tomllib.TOMLDecodeError) -> Problem:
    text = str(error.args[0]) if error.args else str(error)
    line: int | None = None
    position = _TOML_POSITION.search(text)
    if position:
        line = int(position.group(1))
        detail = _("{detail} at column {column}").format(
            detail=text[: position.start()], column=position.group(2)
        )
    else:
        detail = _TOML_END.sub(_(" at the end of the file"), text)
    detail = detail[0].lower() + detail[1:] if detail else _("unreadable")
    # TRANSLATORS: {detail} is the TOML reader's own (English) words, like "expected '='"
    return Problem(source, _("is not valid TOML: {detail}").format(detail=detail), line=line)


class _Validator(TranslationChecks):
    """Turns a parsed TOML document into a Routine, collecting every problem."""

    # -- the routine ----------------------------------------------------------------

    def routine(self) -> Routine:
        doc = self.document
        self.format = self._check_format(doc.get("format"))
        self._check_keys(doc, TOP_KEYS, TOP_KEYS_2, "", lambda key: Where(self.lines.top(key)))
        title = self._text(doc, "title", required=True, at=Where(self.lines.top("title")))
        description = self._text(doc, "description", at=Where(self.lines.top("description")))
        setup = self._text(
            doc, "setup", at=Where(self.lines.top("setup")), limit=ROUTINE_SETUP_LIMIT
        )
        finish = self._text(doc, "finish", at=Where(self.lines.top("finish")))
        tags = self._tags(doc.get("tags"))
        pace = self._pace(doc.get("pace"))
        self.language = self._language(doc) if self.format >= LATEST_FORMAT else SOURCE_LANGUAGE
        translations = self._routine_translations(doc) if self.format >= LATEST_FORMAT else ()
        steps = self._steps(doc.get("step"))
        if self.problems:
            raise RoutineFileError(self.source, self.problems)
        return Routine(
            title=title,
            steps=tuple(steps),
            description=description,
            tags=tags,
            pace=pace,
            format=self.format,
            setup=setup,
            finish=finish,
            language=self.language,
            translations=translations,
        )

    def _check_keys(
        self,
        table: Mapping[str, Any],
        keys: tuple[str, ...],
        keys_2: tuple[str, ...],
        prefix: str,
        at: Callable[[str], Where],
    ) -> None:
        """Unknown keys, and format-2 keys in a format-1 file, are problems."""
        known = (*keys, *keys_2)
        for key in table:
            if key in keys or (key in keys_2 and self.format >= LATEST_FORMAT):
                continue
            if key in keys_2:
                message = _("is a format 2 key; write format = 2 at the top of the file to use it")
            else:
                message = _("unknown key{suggestion}").format(suggestion=suggest_key(key, known))
            self.problem(message, key=f"{prefix}{key}", at=at(key))

    def _check_format(self, value: object) -> int:
        """The file's format (1 when it cannot be told, so that the rest is still checked)."""
        line = Where(self.lines.top("format"))
        whole = isinstance(value, int) and not isinstance(value, bool)
        if value is None:
            self.problem(_("missing; put format = 2 at the top of the file"), key="format")
        elif whole and isinstance(value, int) and value > LATEST_FORMAT:
            self.problem(
                _(
                    "is {value}, which a newer stretchtimer writes; this version reads formats 1 "
                    "and 2"
                ).format(value=value),
                key="format",
                at=line,
            )
        elif whole and value in (FORMAT_VERSION, LATEST_FORMAT):
            assert isinstance(value, int)
            return value
        else:
            self.problem(
                _("expected 1 or 2, found {found}").format(found=describe_value(value)),
                key="format",
                at=line,
            )
        return FORMAT_VERSION

    def _pace(self, value: object) -> Pace:
        if value is None:
            return Pace()
        if not isinstance(value, dict):
            self.problem(
                _("expected a [pace] table, found {found}").format(found=describe_value(value)),
                key="pace",
                at=Where(self.lines.top("pace")),
            )
            return Pace()
        self._check_keys(
            value,
            PACE_KEYS,
            PACE_KEYS_2,
            "pace.",
            lambda key: Where(self.lines.pace(key) or self.lines.pace()),
        )
        numbers = {
            key: self._number(
                value,
                key,
                PACE_RULES[key],
                at=Where(self.lines.pace(key)),
                shown_key=f"pace.{key}",
            )
            for key in (*PACE_KEYS, *PACE_KEYS_2)
        }
        return Pace(**numbers)

    # -- steps ----------------------------------------------------------------------

    def _steps(self, value: object) -> list[Step]:
        if value is None:
            self.problem(_("missing; a routine needs at least one [[step]]"), key="step")
            return []
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            self.problem(
                _("expected [[step]] tables, found {found}").format(found=describe_value(value)),
                key="step",
                at=Where(self.lines.top("step")),
            )
            return []
        if not value:
            self.problem(_("expected at least one [[step]], found none"), key="step")
            return []
        if len(value) > MAX_STEPS:
            self.problem(
                _("expected at most {limit} steps, found {count}").format(
                    limit=MAX_STEPS, count=len(value)
                ),
                key="step",
            )
            return []
        steps = [self._step(index, table) for index, table in enumerate(value)]
        return [step for step in steps if step is not None]

    def _step(self, index: int, table: Mapping[str, Any]) -> Step | None:
        number = index + 1
        raw_name = table.get("name")
        shown_name = raw_name.strip() if isinstance(raw_name, str) and raw_name.strip() else None
        before = len(self.problems)

        def at(key: str | None = None) -> Where:
            return Where(self.lines.step(index, key), number, shown_name)

        self._check_keys(table, STEP_KEYS, STEP_KEYS_2, "", at)
        name = self._text(table, "name", required=True, at=at("name"))
        texts = {key: self._text(table, key, at=at(key)) for key in SIDE_TEXT_KEYS}
        sides = self._sides(table, at)
        rest = self._number(table, "rest", STEP_RULES["rest"], at=at("rest"))
        work = self._work(table, at)
        settle = self._number(table, "settle", STEP_RULES["settle"], at=at("settle"))
        pose = self._pose(table, at)
        rep_cues = self._rep_cues(table, at)
        if rep_cues and work is not None and not isinstance(work, Reps):
            self.problem(_("only applies to steps with reps"), key="rep_cues", at=at("rep_cues"))
        if sides is not None and self.format >= LATEST_FORMAT:
            self._placeholders(table, SIDE_TEXT_KEYS, sides is not Sides.NONE, at)
        translations: tuple[StepTranslation, ...] = ()
        if self.format >= LATEST_FORMAT:
            translations = self._step_translations(
                index, table, sides, isinstance(work, Reps) or work is None
            )
        if len(self.problems) > before or work is None or sides is None:
            return None
        return Step(
            name=name,
            work=work,
            sides=sides,
            rest=rest,
            settle=settle,
            pose=pose,
            rep_cues=rep_cues,
            translations=translations,
            **texts,
        )

    def _work(self, table: Mapping[str, Any], at: Callable[[str | None], Where]) -> Work | None:
        present = [key for key in WORK_KEYS if key in table]
        values = {
            key: self._number(table, key, STEP_RULES[key], at=at(key))
            for key in (*WORK_KEYS, *REPS_ONLY_KEYS)
        }
        if not present:
            self.problem(_("needs one of hold (seconds), breaths or reps"), at=at(None))
            return None
        if len(present) > 1:
            self.problem(
                _("has {keys} and {last}; a step takes exactly one of them").format(
                    keys=", ".join(present[:-1]), last=present[-1]
                ),
                key=present[1],
                at=at(present[1]),
            )
            return None
        kind = present[0]
        if kind != "reps":
            for key in REPS_ONLY_KEYS:
                if key in table:
                    self.problem(
                        _("only applies to steps with reps, not {kind}").format(kind=kind),
                        key=key,
                        at=at(key),
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
