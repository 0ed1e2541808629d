"""Find the line where a key of a routine file was written.

``tomllib`` gives values without positions. Routine files are small and written
by hand in the plain shape of ROUTINE_FORMAT.md (top-level keys, a ``[pace]``
table, ``[[step]]`` tables), so a light scan of the text finds the line of a key
well enough to point a person at it. When the scan cannot tell, errors simply
leave the line out.
"""

from __future__ import annotations

import re

_HEADER = re.compile(r"^\s*\[\s*(\[)?\s*([A-Za-z0-9_\-\"'. ]+?)\s*\]\s*(\])?\s*(#.*)?$")
_KEY = re.compile(r"""^\s*(?:"([^"]*)"|'([^']*)'|([A-Za-z0-9_\-]+))\s*=\s*(.*)$""")


class SourceMap:
    """Lines of top-level keys, ``[pace]`` keys and each ``[[step]]``'s keys."""

    def __init__(self, text: str) -> None:
        self._top: dict[str, tuple[int, str]] = {}
        self._pace: dict[str, tuple[int, str]] = {}
        self._pace_header: int | None = None
        self._steps: list[tuple[int, dict[str, tuple[int, str]]]] = []
        # [translations.<tag>] and each step's [step.translations.<tag>]: header line, keys
        self._translations: dict[str, tuple[int, dict[str, tuple[int, str]]]] = {}
        self._step_translations: list[dict[str, tuple[int, dict[str, tuple[int, str]]]]] = []
        self._scan(text)

    def _scan(self, text: str) -> None:
        section: dict[str, tuple[int, str]] | None = self._top
        in_multiline: str | None = None
        for number, line in enumerate(text.splitlines(), start=1):
            if in_multiline:
                if line.count(in_multiline) % 2 == 1:
                    in_multiline = None
                continue
            header = _HEADER.match(line)
            if header:
                section = self._section(header, number)
                continue
            key = _KEY.match(line)
            if key and section is not None:
                name = next(group for group in key.groups()[:3] if group is not None)
                value = key.group(4)
                section.setdefault(name, (number, _strip_comment(value)))
            for quote in ('"""', "'''"):
                if line.count(quote) % 2 == 1:
                    in_multiline = quote
                    break

    def _section(self, header: re.Match[str], number: int) -> dict[str, tuple[int, str]] | None:
        """Where the keys after a table header go (None: a table nobody asks about)."""
        name = header.group(2).strip().strip("\"'")
        is_array = bool(header.group(1) and header.group(3))
        parts = [part.strip().strip("\"'") for part in header.group(2).split(".")]
        if is_array and name == "step":
            section: dict[str, tuple[int, str]] = {}
            self._steps.append((number, section))
            self._step_translations.append({})
            return section
        if is_array:
            return None
        if name == "pace":
            self._pace_header = number
            return self._pace
        if len(parts) == 2 and parts[0] == "translations":
            self._top.setdefault("translations", (number, ""))
            return self._translation_section(self._translations, parts[1], number)
        if parts[:2] == ["step", "translations"] and len(parts) == 3 and self._steps:
            self._steps[-1][1].setdefault("translations", (number, ""))
            return self._translation_section(self._step_translations[-1], parts[2], number)
        return None

    @staticmethod
    def _translation_section(
        tables: dict[str, tuple[int, dict[str, tuple[int, str]]]], tag: str, line: int
    ) -> dict[str, tuple[int, str]]:
        return tables.setdefault(tag, (line, {}))[1]

    def translation(self, tag: str, key: str | None = None, step: int | None = None) -> int | None:
        """Line of a key in ``[translations.<tag>]`` (or in the step at 0-based ``step``'s
        ``[step.translations.<tag>]``), or of the table's header when ``key`` is None.

        Falls back to the header, then to the step's header or the ``translations`` key.
        """
        if step is None:
            tables = self._translations
            fallback = self.top("translations")
        elif 0 <= step < len(self._step_translations):
            tables = self._step_translations[step]
            fallback = self.step(step, "translations")
        else:
            return None
        if tag not in tables:
            return fallback
        header, keys = tables[tag]
        if key is None:
            return header
        return keys.get(key, (header, ""))[0]

    def top(self, key: str) -> int | None:
        """Line of a top-level key."""
        return self._top.get(key, (None, ""))[0]

    def pace(self, key: str | None = None) -> int | None:
        """Line of a ``[pace]`` key, or of the ``[pace]`` header when ``key`` is None."""
        if key is None:
            return self._pace_header or self.top("pace")
        return self._pace.get(key, (None, ""))[0]

    def step(self, index: int, key: str | None = None) -> int | None:
        """Line of a key in the step at 0-based ``index``, or of its ``[[step]]`` header."""
        if not 0 <= index < len(self._steps):
            return None
        header, keys = self._steps[index]
        if key is None:
            return header
        return keys.get(key, (header, ""))[0]

    def raw_value(self, line: int | None, key: str) -> str | None:
        """The value text as written on ``line`` for ``key``, without a trailing comment."""
        if line is None:
            return None
        for section in (self._top, self._pace, *(keys for _, keys in self._steps)):
            found = section.get(key)
            if found and found[0] == line:
                return found[1]
        return None


def _strip_comment(value: str) -> str:
    if value.startswith(('"', "'")):
        return value.strip()
    return value.split("#", 1)[0].strip()
