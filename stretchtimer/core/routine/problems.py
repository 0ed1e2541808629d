"""Problems found in a routine file, each told in one line a person can act on."""

from __future__ import annotations

import math
from dataclasses import dataclass

from stretchtimer.core.i18n import _, n_


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a routine file.

    ``step`` is the 1-based step number, ``key`` the key as written
    (``"hold"``, ``"pace.rest"``, ``"tags[2]"``), ``line`` the 1-based line when known.
    """

    source: str
    message: str
    line: int | None = None
    step: int | None = None
    step_name: str | None = None
    key: str | None = None

    def __str__(self) -> str:
        where = self.source if self.line is None else f"{self.source}:{self.line}"
        parts = [where]
        if self.step is not None:
            parts.append(step_label(self.step, self.step_name))
        if self.key is not None:
            parts.append(self.key)
        parts.append(self.message)
        return ": ".join(parts)


def step_label(number: int, name: str | None) -> str:
    """``step 2 ("Seated twist")``: how a problem names the step it is in."""
    if name:
        return _('step {number} ("{name}")').format(number=number, name=name)
    return _("step {number}").format(number=number)


class RoutineFileError(Exception):
    """A routine file could not be used; ``problems`` says every reason found."""

    def __init__(self, source: str, problems: list[Problem]) -> None:
        if not problems:
            raise ValueError("RoutineFileError needs at least one problem")
        self.source = source
        self.problems = tuple(problems)
        super().__init__(str(self))

    def __str__(self) -> str:
        return "\n".join(str(problem) for problem in self.problems)


def describe_value(value: object, raw: str | None = None) -> str:
    """How a value read from TOML is named in an error: ``true``, ``2.5``, ``the text "30"``."""
    import datetime as _dt  # here: the app imports this module before its first frame

    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return _describe_float(value, raw)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return _('the text "{text}"').format(text=shown) if value else _("an empty text")
    if isinstance(value, _dt.datetime):
        return _("a date and time ({value})").format(value=value.isoformat())
    if isinstance(value, _dt.date):
        return _("a date ({value})").format(value=value.isoformat())
    if isinstance(value, _dt.time):
        return _("a time of day ({value})").format(value=value.isoformat())
    if isinstance(value, list):
        if not value:
            return _("an empty list")
        return n_("a list of {count}", "a list of {count}", len(value)).format(count=len(value))
    if isinstance(value, dict):
        return _("a table")
    return type(value).__name__


def _describe_float(value: float, raw: str | None) -> str:
    if math.isnan(value):
        return _("nan (not a number)")
    if math.isinf(value):
        written = raw if raw and raw.strip().lstrip("+-") not in ("inf", "") else None
        if written:
            return _("{written} (too large to be a number of seconds)").format(written=written)
        return _("inf (infinity)") if value > 0 else _("-inf (minus infinity)")
    return repr(value)
