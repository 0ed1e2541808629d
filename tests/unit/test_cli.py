"""``--lang`` anywhere on the command line chooses the language, before any word is said."""

from __future__ import annotations

import pytest

from stretchtimer.cli import main, take_language
from stretchtimer.core import i18n


@pytest.mark.parametrize(
    ("arguments", "tag", "rest"),
    [
        (["--lang", "de", "routines", "list"], "de", ["routines", "list"]),
        (["routines", "script", "reset", "--lang", "es"], "es", ["routines", "script", "reset"]),
        (["--lang=fr"], "fr", []),
        (["say", "--", "--lang", "de"], None, ["say", "--", "--lang", "de"]),
        (["routines", "list"], None, ["routines", "list"]),
    ],
)
def test_lang_is_taken_from_wherever_it_stands(
    arguments: list[str], tag: str | None, rest: list[str]
) -> None:
    assert take_language(arguments) == tag
    assert arguments == rest


def test_lang_after_a_command_is_understood_not_refused(capsys: pytest.CaptureFixture[str]) -> None:
    try:
        assert main(["paths", "--lang", "de"]) == 0
        assert i18n.app_language().base == "de"
    finally:
        i18n.use(i18n.SOURCE)
    assert "unrecognized" not in capsys.readouterr().err
