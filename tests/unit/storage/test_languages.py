"""Which language a person gets, and the shipped catalogues loaded for it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from stretchtimer.core import i18n
from stretchtimer.core.i18n import _
from stretchtimer.storage.languages import (
    choose_language,
    configured_language,
    load_language,
    shipped_languages,
    system_language,
)


def test_german_spanish_and_french_ship_beside_english() -> None:
    assert shipped_languages()[0] == "en"
    assert {"de", "es", "fr"} <= set(shipped_languages())


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "de_DE.UTF-8"}, "de"),
        ({"LANGUAGE": "pt_BR:es:en", "LANG": "pt_BR.UTF-8"}, "es"),
        ({"LC_ALL": "fr_FR.UTF-8", "LANG": "de_DE.UTF-8"}, "fr"),
        ({"LC_MESSAGES": "es_MX.UTF-8", "LANG": "de_DE.UTF-8"}, "es"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "ja_JP.UTF-8"}, "en"),
    ],
)
def test_the_system_language_is_the_first_the_system_asks_for_that_ships(
    environ: dict[str, str], expected: str
) -> None:
    assert system_language(environ) == expected


def test_lang_wins_over_the_setting_and_the_setting_over_the_system(tmp_path: Path) -> None:
    settings = tmp_path / "settings.toml"
    settings.write_text('[appearance]\nlanguage = "fr"\n', encoding="utf-8")
    system = {"LANG": "de_DE.UTF-8"}
    assert choose_language("es", settings, system) == "es"
    assert choose_language(None, settings, system) == "fr"
    settings.write_text('[appearance]\nlanguage = ""\n', encoding="utf-8")
    assert choose_language(None, settings, system) == "de"


@pytest.mark.parametrize(
    "content",
    [
        b"\xff\xfe not toml",
        b"appearance = 3\n",
        b"[appearance]\nlanguage = 7\n",
        b"",
        b'[appearance]\nlanguage = "de"\nx = ' + b"[" * 3000,  # tomllib alone: RecursionError
    ],
)
def test_a_broken_settings_file_falls_back_to_the_system(tmp_path: Path, content: bytes) -> None:
    settings = tmp_path / "settings.toml"
    settings.write_bytes(content)
    assert configured_language(settings) == ""
    assert settings.read_bytes() == content  # only read, never repaired here
    assert choose_language(None, settings, {"LANG": "es_ES.UTF-8"}) == "es"


def test_a_settings_path_that_is_a_fifo_is_not_waited_on(tmp_path: Path) -> None:
    settings = tmp_path / "settings.toml"
    os.mkfifo(settings)  # nobody writes: opening it to read would wait for ever
    assert configured_language(settings) == ""


def test_a_language_without_catalogues_reads_as_written_and_keeps_its_direction() -> None:
    arabic = load_language("ar")
    assert arabic.translations.gettext("Switch sides.") == "Switch sides."
    assert arabic.right_to_left


def test_the_shipped_german_catalogue_translates_the_command_line() -> None:
    text = (
        "the language to show and speak, such as de, es or fr "
        "(instead of the Language setting and the system's)"
    )
    i18n.use(load_language("de_DE.UTF-8"))
    try:
        assert _(text) != text
        assert "de" in _(text)
    finally:
        i18n.use(i18n.SOURCE)


def test_each_language_is_named_in_itself_by_its_own_catalogue(tmp_path: Path) -> None:
    """The Language setting lists a language by the name its translator gave it: a new
    language needs its catalogue only; one without a name in it shows its tag."""
    from stretchtimer.storage.languages import native_name

    assert [native_name(tag) for tag in ("en", "de_AT", "es", "fr")] == [
        "English",
        "Deutsch",
        "Español",
        "Français",
    ]
    assert native_name("pt_BR", tmp_path) == "pt_BR"
