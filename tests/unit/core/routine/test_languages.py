"""A routine in several languages: which ones it has, which one plays, and its texts in each."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from stretchtimer.core.routine.draft import check_draft, draft_from_routine, problem_field
from stretchtimer.core.routine.file import parse_routine
from stretchtimer.core.routine.guidance import check_guidance
from stretchtimer.core.routine.languages import (
    TranslationGap,
    in_language,
    languages,
    playing_language,
    routine_translations_from,
    step_translations_from,
    title_in,
    translation_gaps,
    translation_tables,
)
from stretchtimer.core.routine.model import (
    Reps,
    Routine,
    RoutineTranslation,
    Sides,
    StepTranslation,
)
from stretchtimer.core.routine.writer import routine_to_toml
from tests.strategies import guided_routines, texts

TRANSLATED = """\
format = 2
title = "Floor hips"
description = "Hips on the floor."
setup = "You need a mat."
finish = "Roll onto your side and come up to sitting slowly."

[[step]]
name = "Reclined figure-four"
say = "Cross your {side} ankle over your {other} knee."
feel = "A deep stretch in the {side} buttock."
hold = 30
sides = "both"

[step.translations.de]
name = "Liegende Vierer-Dehnung"
say = "Lege deinen {side:linken|rechten} Knöchel auf dein {other:linkes|rechtes} Knie."
feel = "Eine tiefe Dehnung im {side:linken|rechten} Gesäß."

[step.translations.fr]
name = "Figure quatre allongée"

[[step]]
name = "Glute bridge"
say = "Press through your heels and lift your hips."
reps = 8
rep_cues = ["up", "and down"]

[step.translations.de]
name = "Brücke"
say = "Drück dich über die Fersen hoch und heb das Becken."
rep_cues = ["hoch", "und runter"]

[translations.de]
title = "Hüften am Boden"
description = "Hüften am Boden."
setup = "Du brauchst eine Matte."
finish = "Roll dich auf die Seite und komm langsam ins Sitzen."

[translations.es]
title = "Caderas en el suelo"
"""


def routine() -> Routine:
    return parse_routine(TRANSLATED.encode(), "floor.toml")


def test_a_routine_lists_its_own_language_first_then_its_translations() -> None:
    # the routine's own tables first (de, es), then a language only steps have (fr)
    assert languages(routine()) == ["en", "de", "es", "fr"]
    german = dataclasses.replace(routine(), language="de", translations=())
    assert languages(german)[0] == "de"


def test_a_routine_without_translations_has_only_its_own_language() -> None:
    plain = parse_routine(b'format = 2\ntitle = "T"\n[[step]]\nname = "A"\nhold = 3\n')
    assert languages(plain) == ["en"]
    assert playing_language(plain, "de") == "en"


def test_it_plays_in_the_wanted_language_when_translated_else_in_its_own() -> None:
    assert playing_language(routine(), "de") == "de"
    assert playing_language(routine(), "de_AT") == "de_AT"  # the region's own German
    assert playing_language(routine(), "de-CH.UTF-8") == "de-CH.UTF-8"
    assert playing_language(routine(), "en_GB") == "en_GB"  # written in English
    assert playing_language(routine(), "it") == "en"
    assert playing_language(routine(), "") == "en"


def test_in_german_every_translated_text_is_german_and_the_rest_stays_english() -> None:
    german = in_language(routine(), "de")
    assert german.language == "de" and german.translations == ()
    assert german.title == "Hüften am Boden"
    assert german.finish == "Roll dich auf die Seite und komm langsam ins Sitzen."
    first, bridge = german.steps
    assert first.name == "Liegende Vierer-Dehnung"
    assert first.say.startswith("Lege deinen {side:linken|rechten} Knöchel")
    assert first.work == routine().steps[0].work and first.sides == routine().steps[0].sides
    assert bridge.rep_cues == ("hoch", "und runter")
    assert bridge.work == routine().steps[1].work  # timing is the same in every language
    assert first.translations == () and bridge.translations == ()


def test_a_partial_translation_falls_back_to_the_routines_own_texts() -> None:
    french = in_language(routine(), "fr_CA")
    assert french.language == "fr_CA"
    assert french.title == "Floor hips"  # no routine table for fr
    assert french.steps[0].name == "Figure quatre allongée"
    assert french.steps[0].say == "Cross your {side} ankle over your {other} knee."
    spanish = in_language(routine(), "es")
    assert spanish.title == "Caderas en el suelo"
    assert spanish.description == "Hips on the floor."


def test_in_its_own_or_an_unknown_language_the_texts_are_its_own() -> None:
    own = in_language(routine(), "en_US")
    assert own.title == "Floor hips" and own.language == "en_US"
    assert own.steps[0].name == "Reclined figure-four"
    unknown = in_language(routine(), "it")
    assert unknown.title == "Floor hips"
    assert unknown.language == "en"  # not read in Italian: every text is English


def test_an_exact_regional_translation_wins_over_the_plain_language() -> None:
    text = TRANSLATED + '\n[translations.de_CH]\ntitle = "Hüften am Boden (Schweiz)"\n'
    swiss = parse_routine(text.encode())
    assert in_language(swiss, "de_CH").title == "Hüften am Boden (Schweiz)"
    assert in_language(swiss, "de_AT").title == "Hüften am Boden"


def test_the_writer_and_the_editor_keep_every_translation() -> None:
    original = routine()
    written = routine_to_toml(original)
    assert parse_routine(written.encode()) == original
    assert "[translations.de]" in written and "[step.translations.de]" in written
    check = check_draft(draft_from_routine(original))
    assert check.routine == original
    german_file = in_language(original, "de")  # a routine written in German
    again = parse_routine(routine_to_toml(german_file).encode())
    assert again.language == "de"
    assert check_draft(draft_from_routine(german_file)).routine == german_file


def test_an_editor_draft_kept_on_disk_gets_back_every_translation_as_it_was() -> None:
    """A draft kept on disk stores its translations as tables and reads them back: the
    routine's and each step's, rep cues included, in the order written."""
    read = routine()
    assert routine_translations_from(translation_tables(read.translations)) == read.translations
    for step in read.steps:
        tables = translation_tables(step.translations)
        assert step_translations_from(tables) == step.translations
    bridge = read.steps[-1].translations[0]
    assert bridge.rep_cues == ("hoch", "und runter")


def test_gaps_name_each_language_and_the_texts_it_leaves_out() -> None:
    gaps = translation_gaps(routine())
    assert gaps == [  # German is complete; French and Spanish are not
        TranslationGap(
            "es",
            ("description", "setup", "finish"),
            (
                (1, "Reclined figure-four", ("name", "say", "feel")),
                (2, "Glute bridge", ("name", "say", "rep_cues")),
            ),
        ),
        TranslationGap(
            "fr",
            ("title", "description", "setup", "finish"),
            (
                (1, "Reclined figure-four", ("say", "feel")),
                (2, "Glute bridge", ("name", "say", "rep_cues")),
            ),
        ),
    ]


def test_validate_warns_which_texts_each_translation_leaves_out() -> None:
    warnings = [str(advice) for advice in check_guidance(routine())]
    assert (
        "translations.es: has no translation of description, setup, finish; "
        'step 1 ("Reclined figure-four"): name, say, feel; step 2 ("Glute bridge"): name, say, '
        "rep_cues; these are read in the routine's own language (en)"
    ) in warnings
    assert not any(warning.startswith("translations.de") for warning in warnings)


def test_the_documented_example_loads_as_documented() -> None:
    docs = Path(__file__).resolve().parents[4] / "docs" / "routine-format.md"
    blocks = re.findall(r"```toml\n(.*?)```", docs.read_text(encoding="utf-8"), re.DOTALL)
    example = next(block for block in blocks if "[translations.de]" in block)
    documented = parse_routine(example.encode())
    assert languages(documented) == ["en", "de", "es"]
    assert in_language(documented, "es").title == "Caderas en el escritorio"
    assert translation_gaps(documented) == []


def test_the_editor_shows_a_translations_problem_by_the_text_it_translates() -> None:
    draft = draft_from_routine(routine())
    step = dataclasses.replace(draft.steps[0], sides=Sides.NONE, say="Cross your ankles.")
    step = dataclasses.replace(step, feel="A deep stretch.")
    check = check_draft(dataclasses.replace(draft, steps=(step, *draft.steps[1:])))
    assert not check.ok
    assert {problem.key for problem in check.problems} == {
        "translations.de.say",
        "translations.de.feel",
    }
    assert {problem_field(problem) for problem in check.problems} == {"say", "feel"}


_TRANSLATED_SENTENCES = st.sampled_from(
    [
        "Sitz aufrecht.",
        "Leg den {side:linken|rechten} Fuß auf das {other:linke|rechte} Knie.",
        "Atme.",
    ]
)


@st.composite
def translated_routines(draw: st.DrawFn) -> Routine:
    """A valid format-2 routine with partial translations into up to three languages."""
    original = draw(guided_routines(max_steps=3))
    tags = draw(st.lists(st.sampled_from(["de", "es", "fr_CA", "pt-BR"]), unique=True, max_size=3))

    def text(sided: bool) -> str:
        sentence = _TRANSLATED_SENTENCES.filter(lambda item: sided or "{" not in item)
        return draw(st.lists(sentence, max_size=2).map(" ".join))

    steps = []
    for step in original.steps:
        sided = step.sides is not Sides.NONE
        translations = tuple(
            StepTranslation(
                tag,
                name=draw(texts(30, single_line=True)),
                say=text(sided),
                feel=text(sided),
                rep_cues=tuple(draw(st.lists(st.sampled_from(["hoch", "runter"]), max_size=2)))
                if isinstance(step.work, Reps)
                else (),
            )
            for tag in tags
            if draw(st.booleans())
        )
        steps.append(dataclasses.replace(step, translations=translations))
    own = tuple(
        RoutineTranslation(tag, title=draw(texts(80, single_line=True)), finish=text(False))
        for tag in tags
        if draw(st.booleans())
    )
    return dataclasses.replace(original, steps=tuple(steps), translations=own)


@settings(max_examples=150)
@given(translated_routines(), st.sampled_from(["de", "de_AT", "es", "fr", "pt", "it", "en"]))
def test_translations_round_trip_and_every_text_read_is_the_translation_or_the_own(
    translated: Routine, tag: str
) -> None:
    assert parse_routine(routine_to_toml(translated).encode()) == translated
    assert check_draft(draft_from_routine(translated)).routine == translated
    shown = in_language(translated, playing_language(translated, tag))
    assert shown.title in {translated.title, *(t.title for t in translated.translations)}
    for original, step in zip(translated.steps, shown.steps, strict=True):
        assert step.work == original.work and step.sides == original.sides
        assert step.say in {original.say, *(t.say for t in original.translations)}
        assert step.rep_cues in {original.rep_cues, *(t.rep_cues for t in original.translations)}


@settings(max_examples=100)
@given(translated_routines(), st.sampled_from(["de", "de_AT", "es", "fr", "pt", "it", "en"]))
def test_the_title_alone_is_the_title_of_the_routine_read_in_that_language(
    translated: Routine, tag: str
) -> None:
    assert title_in(translated, tag) == in_language(translated, tag).title
