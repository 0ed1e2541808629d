"""Translations in routine files: what loads, and every mistake named in one line."""

from __future__ import annotations

import pytest

from stretchtimer.core.routine.file import parse_routine
from stretchtimer.core.routine.problems import RoutineFileError

BASE = """\
format = 2
title = "Desk hips"

[[step]]
name = "Seated figure-four"
say = "Cross your {side} ankle over your {other} knee."
hold = 30
sides = "both"
"""


def problems_of(text: str) -> list[str]:
    with pytest.raises(RoutineFileError) as caught:
        parse_routine(text.encode(), "mine.toml")
    return [str(problem) for problem in caught.value.problems]


def test_a_routine_in_german_with_side_forms_loads() -> None:
    text = BASE.replace('title = "Desk hips"', 'title = "Hüften am Tisch"\nlanguage = "de"')
    text = text.replace(
        "Cross your {side} ankle over your {other} knee.",
        "Leg deinen {side:linken|rechten} Knöchel auf dein {other:linkes|rechtes} Knie.",
    )
    routine = parse_routine(text.encode())
    assert routine.language == "de"
    assert "{side:linken|rechten}" in routine.steps[0].say


def test_translations_load_for_the_routine_and_its_steps() -> None:
    text = BASE + (
        '[step.translations.es]\nname = "Figura cuatro sentado"\n'
        'say = "Cruza el tobillo {side} sobre la rodilla {other}."\n'
        '[translations.es]\ntitle = "Caderas en la mesa"\n'
    )
    routine = parse_routine(text.encode())
    assert routine.translations[0].language == "es"
    assert routine.translations[0].title == "Caderas en la mesa"
    assert (
        routine.steps[0].translations[0].say == "Cruza el tobillo {side} sobre la rodilla {other}."
    )


def test_a_region_tag_is_a_language() -> None:
    text = BASE + '[translations.pt-BR]\ntitle = "Quadris"\n[translations.de_AT]\ntitle = "H"\n'
    tags = [t.language for t in parse_routine(text.encode()).translations]
    assert tags == ["pt-BR", "de_AT"]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (
            '[translations.german]\ntitle = "Hüften"\n',
            'mine.toml:9: translations.german: unknown language tag the text "german"; write a '
            "language code such as de, es or fr (de_AT for a region); did you mean de?",
        ),
        (
            '[step.translations.xx]\nname = "X"\n',
            'mine.toml:9: step 1 ("Seated figure-four"): translations.xx: unknown language tag '
            'the text "xx"; write a language code such as de, es or fr (de_AT for a region)',
        ),
        (
            '[translations.en]\ntitle = "Hips"\n',
            'mine.toml:9: translations.en: is the routine\'s own language (language = "en"); '
            "write its texts in the routine itself, or change language",
        ),
    ],
)
def test_an_unknown_or_own_language_tag_is_named_with_the_fix(extra: str, message: str) -> None:
    assert problems_of(BASE + extra) == [message]


def test_a_bad_language_key_is_named() -> None:
    text = BASE.replace('title = "Desk hips"', 'title = "Desk hips"\nlanguage = "Deutsch"')
    assert problems_of(text) == [
        'mine.toml:3: language: unknown language tag the text "Deutsch"; write a language code '
        "such as de, es or fr (de_AT for a region); did you mean de?"
    ]


@pytest.mark.parametrize(
    ("say", "message"),
    [
        (
            "Leg deinen {side:linken} Knöchel ab.",
            "has {side:linken}; write exactly two forms, the word for left and the word for "
            "right, like {side:linke|rechte}",
        ),
        (
            "Leg deinen {other:linken|rechten|mittleren} Knöchel ab.",
            "has {other:linken|rechten|mittleren}; write exactly two forms, the word for left "
            "and the word for right, like {other:linke|rechte}",
        ),
        (
            "Leg deinen {side:|rechten} Knöchel ab.",
            "has {side:|rechten}; write exactly two forms, the word for left and the word for "
            "right, like {side:linke|rechte}",
        ),
        (
            "Leg deinen {seite} Knöchel ab.",
            "has {seite}; the words that change per side are {side} and {other} "
            "(or {side:form for left|form for right})",
        ),
    ],
)
def test_side_forms_in_a_translation_need_exactly_two_words(say: str, message: str) -> None:
    text = BASE + f'[step.translations.de]\nsay = "{say}"\n'
    assert problems_of(text) == [
        f'mine.toml:10: step 1 ("Seated figure-four"): translations.de.say: {message}'
    ]


def test_a_translation_of_a_step_without_sides_may_not_name_a_side() -> None:
    text = BASE.replace('sides = "both"\n', "") + (
        '[step.translations.fr]\nfeel = "Un étirement dans la hanche {side}."\n'
    )
    text = text.replace("Cross your {side} ankle over your {other} knee.", "Cross your ankles.")
    assert problems_of(text) == [
        'mine.toml:9: step 1 ("Seated figure-four"): translations.fr.feel: has {side} but the '
        'step has no sides; add sides = "both" (or "left", "right") or write the side out'
    ]


def test_translated_texts_keep_the_limits_of_the_texts_they_translate() -> None:
    text = BASE + (
        f'[step.translations.de]\nname = "{"N" * 81}"\nsay = "{"s" * 1001}"\n'
        f'rep_cues = ["hoch"]\n[translations.de]\nsetup = "{"a" * 501}"\n'
    )
    assert problems_of(text) == [
        "mine.toml:14: translations.de.setup: expected at most 500 characters, found 501",
        'mine.toml:10: step 1 ("Seated figure-four"): translations.de.name: expected at most '
        "80 characters, found 81",
        'mine.toml:11: step 1 ("Seated figure-four"): translations.de.say: expected at most '
        "1000 characters, found 1001",
        'mine.toml:12: step 1 ("Seated figure-four"): translations.de.rep_cues: only applies to '
        "steps with reps",
    ]


def test_only_texts_are_translated() -> None:
    text = BASE + '[step.translations.de]\nhold = 20\nsaay = "Heb das Bein."\n'
    assert problems_of(text) == [
        'mine.toml:10: step 1 ("Seated figure-four"): translations.de.hold: is not a text, so it '
        "is not translated; write it once, in the step or routine it belongs to",
        'mine.toml:11: step 1 ("Seated figure-four"): translations.de.saay: unknown key; did '
        "you mean say?",
    ]


def test_a_translation_must_be_a_table_of_texts() -> None:
    text = BASE.replace('title = "Desk hips"', 'title = "Desk hips"\ntranslations = "de"')
    assert problems_of(text) == [
        "mine.toml:3: translations: expected tables of texts by language ([translations.de]), "
        'found the text "de"'
    ]


def test_a_format_1_file_with_translations_is_told_to_write_format_2() -> None:
    text = BASE.replace("format = 2", "format = 1").replace("{side}", "left")
    text = text.replace("{other}", "right") + '[translations.de]\ntitle = "Hüften"\n'
    assert problems_of(text) == [
        "mine.toml:9: translations: is a format 2 key; write format = 2 at the top of the file "
        "to use it"
    ]


@pytest.mark.parametrize(
    ("written", "suggested"),
    [("German", "de"), ("Français", "fr"), ("deu", "de"), ("fra", "fr"), ("klingon", "")],
)
def test_a_language_written_as_a_name_or_three_letters_suggests_its_code(
    written: str, suggested: str
) -> None:
    from stretchtimer.core.routine.language_tags import suggest_tag

    assert suggest_tag(written) == suggested
