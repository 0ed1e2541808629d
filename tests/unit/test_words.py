"""The app's windows say things in the words of docs/words.md ("not" column: never)."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import REPO

GLOSSARY = REPO / "docs" / "words.md"


def avoided() -> list[str]:
    words: list[str] = []
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[2] and cells[2] not in ("not", "---"):
            words += [word.split(" (")[0].strip() for word in cells[2].split(",")]
    return [word for word in words if word]


def window_strings() -> list[tuple[Path, str]]:
    """Every string literal in the GUI's modules (what its windows can show)."""
    found = []
    for path in sorted((REPO / "stretchtimer" / "gui").rglob("*.py")):
        for match in re.finditer(r'"([^"\n]{3,})"', path.read_text(encoding="utf-8")):
            found.append((path, match.group(1)))
    return found


def test_the_glossary_names_words_to_avoid() -> None:
    words = avoided()
    assert {"Then:", "feels great", "1 sets"} <= set(words)


def test_no_window_says_a_word_the_glossary_rules_out() -> None:
    words = avoided()
    wrong = [
        f"{path.relative_to(REPO)}: {text!r} says {word!r}"
        for path, text in window_strings()
        for word in words
        if re.search(rf"(?<![A-Za-z]){re.escape(word)}(?![A-Za-z])", text, re.IGNORECASE)
    ]
    assert not wrong, "\n".join(wrong)
