"""A session is said in the person's language: every phrase translated, sides in that
language's words, counts grammatical for one and for many."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from stretchtimer.core import i18n
from stretchtimer.core.i18n import Language
from stretchtimer.core.routine.languages import in_language
from stretchtimer.core.routine.model import (
    Breaths,
    Hold,
    Pace,
    Reps,
    Routine,
    Side,
    Sides,
    Step,
)
from stretchtimer.core.routine.wording import fill_sides, names_a_side_first, sentences
from stretchtimer.core.session import phrases
from stretchtimer.core.session.clock import Moment
from stretchtimer.core.session.engine import SessionEngine
from stretchtimer.core.session.events import EasierChosen, Paused, State
from stretchtimer.core.session.plan import Plan, SegmentKind, build_plan
from stretchtimer.core.session.recap import StretchDone, comfort_change
from stretchtimer.core.session.script import script_lines, script_of
from stretchtimer.core.session.snapshot import snapshot_of
from stretchtimer.storage.routines.library import builtin_entries
from tests.languages import unmarked

SwitchLanguage = Callable[[str], Language]
BUILT_IN = {entry.id: entry.routine for entry in builtin_entries()}


def cue_texts(plan: Plan) -> list[str]:
    return [cue.text for segment in plan.segments for cue in segment.cues if cue.text]


def routine_words(routine: Routine) -> list[str]:
    """The routine's own words as a plan may say them (sides filled, a sentence at a
    time, capitalised or not): names, not phrases of the app."""
    texts = [routine.setup, routine.finish]
    for step in routine.steps:
        texts += [step.name, *step.texts(), *step.rep_cues]
    found: set[str] = set()
    for text in texts:
        for side in (Side.LEFT, Side.RIGHT, None):
            filled = fill_sides(text, side)
            for whole in [filled, *sentences(filled)]:
                part = whole.strip()
                found |= {part, part.rstrip(".!?"), phrases.capital_sentence(part)}
                found.add(part[:1].lower() + part[1:])
    return sorted((text for text in found if text), key=len, reverse=True)


def without(text: str, parts: tuple[str, ...]) -> str:
    """``text`` less the routine's own words (their side words, marked, included), and
    less every marked part, innermost first (a sentence may hold translated parts)."""
    for part in parts:
        text = text.replace(part, " ")
    innermost = re.compile(r"⟦[^⟦⟧]*⟧")
    while innermost.search(text):
        text = innermost.sub(" ", text)
    return text


@pytest.mark.parametrize("routine_id", sorted(BUILT_IN))
def test_every_cue_of_every_built_in_routine_is_marked_for_translation(
    routine_id: str, language: SwitchLanguage
) -> None:
    pseudo = language("qps")
    routine = BUILT_IN[routine_id]
    plan = build_plan(routine, language=pseudo)
    with i18n.speaking_in(pseudo):
        allowed = tuple(routine_words(routine))
    texts = [*cue_texts(plan), *plan.spoken_texts]
    left = {text: unmarked(without(text, allowed)) for text in texts}
    assert {text: rest for text, rest in left.items() if rest} == {}
    # The app's own words are there, marked: the pseudo-language really was spoken.
    assert any("⟦" in text for text in texts)


def test_the_engines_own_words_are_in_the_plans_language(language: SwitchLanguage) -> None:
    german = language("de")
    i18n.use(i18n.SOURCE)  # the app in English, the session in German
    step = Step("Figure-four", Hold(30), Sides.BOTH, easier="Keep the {other} foot down.")
    plan = build_plan(Routine("Hips", (step,), format=2), language=german)
    engine = SessionEngine(plan, ready_until=1)
    events = engine.start(Moment(0.0, 0.0))
    events += engine.use_easier(Moment(1.0, 1.0))
    events += engine.skip(Moment(2.0, 2.0))  # to the hold, whose clips are not ready yet
    chosen = [event.text for event in events if isinstance(event, EasierChosen)]
    waiting = [event.text for event in events if isinstance(event, Paused)]
    assert chosen == ["Leichter: Keep the rechts foot down."]
    assert waiting == ["Einen Moment, die Stimme wird noch vorbereitet. Es geht nichts verloren."]


def test_a_german_session_names_sides_switches_and_counts_in_german(
    language: SwitchLanguage,
) -> None:
    german = language("de")
    routine = in_language(BUILT_IN["two-minute-reset"], "de")  # the routine's German texts
    texts = cue_texts(build_plan(routine, language=german))
    assert "Seite wechseln." in texts
    assert "Switch sides." not in texts
    # {side} and {other} (or their forms, {side:linke|rechte}) from the person's own body.
    assert "Streck dich weiter nach oben und neig den Oberkörper sanft nach links." in texts
    assert "Eine Dehnung entlang deiner rechten Seite." in texts
    assert "Streck dich weiter nach oben und neig den Oberkörper sanft nach rechts." in texts
    assert "Eine Dehnung entlang deiner linken Seite." in texts
    # Two breaths: "2 langsame Atemzüge", then the last one by name.
    assert "2 langsame Atemzüge." in texts
    assert "Letzter Atemzug. Einatmen." in texts
    assert "Pause." in texts
    assert texts[-1] == "Einheit beendet. Gut gemacht."


def one_and_many() -> Routine:
    """A format-1 routine: the app names the sides, counts breaths, reps and sets."""
    steps = (
        Step("Seated twist", Hold(90), Sides.BOTH, say="Turn gently."),
        Step("Knee hug", Breaths(1), Sides.LEFT),
        Step("Slow breathing", Breaths(3)),
        Step("Bridge", Reps(10, tempo=3.0, sets=2)),
        Step("Clams", Reps(1, tempo=3.0)),
    )
    return Routine("Counts", steps, pace=Pace(), format=1)


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        (
            "de",
            [
                "Zuerst die linke Seite.",
                "Halte eine Minute und 30 Sekunden.",
                "Rechte Seite.",
                "Ein langsamer Atemzug. Einatmen.",
                "3 langsame Atemzüge. Einatmen.",
                "Noch 2. Einatmen.",
                "2 Sätze mit je 10 Wiederholungen.",
                "Satz 2 von 2.",
                "Eine Wiederholung.",
                "Seite wechseln.",
            ],
        ),
        (
            "es",
            [
                "Primero el lado izquierdo.",
                "Mantén un minuto y 30 segundos.",
                "Lado derecho.",
                "Una respiración lenta. Inspira.",
                "3 respiraciones lentas. Inspira.",
                "2 más. Inspira.",
                "2 series de 10 repeticiones.",
                "Serie 2 de 2.",
                "Una repetición.",
                "Cambia de lado.",
            ],
        ),
        (
            "fr",
            [
                "D’abord le côté gauche.",
                "Tenez une minute et 30 secondes.",
                "Côté droit.",
                "Une respiration lente. Inspirez.",
                "3 respirations lentes. Inspirez.",
                "Encore 2. Inspirez.",
                "2 séries de 10 répétitions.",
                "Série 2 sur 2.",
                "Une répétition.",
                "Changez de côté.",
            ],
        ),
    ],
)
def test_sides_and_counts_are_grammatical_for_one_and_for_many(
    tag: str, expected: list[str], language: SwitchLanguage
) -> None:
    spoken = language(tag)
    texts = cue_texts(build_plan(one_and_many(), language=spoken))
    assert [text for text in expected if text not in texts] == []


def test_english_keeps_its_number_words_and_never_says_one_sets() -> None:
    texts = cue_texts(build_plan(one_and_many()))
    assert "Left side first." in texts
    assert "Hold for one minute and thirty seconds." in texts
    assert "One slow breath. Breathe in." in texts
    assert "Three slow breaths. Breathe in." in texts
    assert "Two more. Breathe in." in texts
    assert "Two sets of ten reps." in texts
    assert "Set two of two." in texts
    assert "One rep." in texts
    assert not any("1 sets" in text or "One sets" in text for text in texts)


@pytest.mark.parametrize(
    ("tag", "forms"),
    [
        # count: 0, 1, 2 (French counts 0 as singular)
        ("de", ("0 Wiederholungen", "eine Wiederholung", "2 Wiederholungen")),
        ("es", ("0 repeticiones", "una repetición", "2 repeticiones")),
        ("fr", ("0 répétition", "une répétition", "2 répétitions")),
        ("en", ("zero reps", "one rep", "two reps")),
    ],
)
def test_plural_forms_of_each_language(
    tag: str, forms: tuple[str, str, str], language: SwitchLanguage
) -> None:
    with i18n.speaking_in(language(tag)):
        assert tuple(phrases.reps_intro(n, 1).rstrip(".").lower() for n in (0, 1, 2)) == tuple(
            form.lower() for form in forms
        )


@pytest.mark.parametrize(
    ("tag", "seconds"),
    [
        ("de", ("1 Sekunde", "eine Sekunde", "2 Sekunden")),
        ("es", ("1 segundo", "un segundo", "2 segundos")),
        ("fr", ("1 seconde", "une seconde", "2 secondes")),
    ],
)
def test_counted_words_use_the_catalogues_plural_rule(
    tag: str, seconds: tuple[str, str, str], language: SwitchLanguage
) -> None:
    with i18n.speaking_in(language(tag)):
        # The catalogue's singular form, as a language with more forms would use for 21.
        assert i18n.n_("{count} second", "{count} seconds", 1).format(count=1) == seconds[0]
        assert phrases.duration_words(1) == seconds[1]
        assert phrases.duration_words(2) == seconds[2]
        zero = i18n.n_("{count} second", "{count} seconds", 0).format(count=0)
        assert zero == (
            f"0 {seconds[0].split()[1]}" if tag == "fr" else f"0 {seconds[2].split()[1]}"
        )


def test_a_translation_may_give_its_own_forms_of_the_side_words(language: SwitchLanguage) -> None:
    with i18n.speaking_in(language("de")):
        # The form for the left | the form for the right, for the side each placeholder means.
        text = (
            "Lege den {side:linken|rechten} Fuß auf das {other:linke|rechte} Knie. {side} zuerst."
        )
        assert (
            fill_sides(text, Side.LEFT) == "Lege den linken Fuß auf das rechte Knie. Links zuerst."
        )
        assert fill_sides(text, Side.RIGHT) == (
            "Lege den rechten Fuß auf das linke Knie. Rechts zuerst."
        )
        assert fill_sides("{side:Linke|Rechte} Seite.", Side.RIGHT) == "Rechte Seite."
        assert fill_sides("Nach {other:außen} drehen.", Side.RIGHT) == "Nach außen drehen."


def test_a_side_named_first_is_found_in_the_languages_words(language: SwitchLanguage) -> None:
    with i18n.speaking_in(language("de")):
        assert names_a_side_first("Lege das linke Bein über das Knie.")
        assert names_a_side_first("Beginne rechts. Dann wechseln.")
        assert not names_a_side_first("Setz dich aufrecht hin. Dann links.")
    with i18n.speaking_in(language("es")):
        assert names_a_side_first("Cruza la pierna izquierda sobre la rodilla.")
    with i18n.speaking_in(language("fr")):
        assert names_a_side_first("Croisez la jambe droite sur le genou.")
        assert not names_a_side_first("Allongez-vous sur le dos.")


def test_sentences_split_before_capitals_of_other_languages() -> None:
    assert sentences("Atme aus. Über die Seite. ¿Bien? ¡Sí! Épaules basses.") == [
        "Atme aus.",
        "Über die Seite.",
        "¿Bien?",
        "¡Sí!",
        "Épaules basses.",
    ]


def test_the_end_screen_recap_is_in_the_language(language: SwitchLanguage) -> None:
    language("es")
    done = StretchDone("Paloma", (Side.LEFT, Side.RIGHT), easier=True)
    assert done.words() == "Paloma · izquierdo y derecho · más fácil"
    assert comfort_change(4, 7) == "Bienestar 4 → 7 (+3)"


def test_a_plan_keeps_its_language_whatever_the_app_speaks_later(
    language: SwitchLanguage,
) -> None:
    french = language("fr")
    i18n.use(i18n.SOURCE)
    plan = build_plan(BUILT_IN["two-minute-reset"], language=french)
    assert plan.language == french
    done = plan.segments[-1]
    assert done.kind is SegmentKind.DONE
    assert done.cues[-1].text == "Séance terminée. Bien joué."


def test_the_script_reads_in_the_language_with_its_side_words(language: SwitchLanguage) -> None:
    german = language("de")
    plan = build_plan(BUILT_IN["two-minute-reset"], language=german)
    lines = script_lines(script_of(plan, lambda text: (1.0, "estimate")))
    assert any(line.rstrip().endswith("Halten · Side bend · links  (10.0 s)") for line in lines)
    assert any("Seitenwechsel · Side bend · rechts" in line for line in lines)
    assert any("[Beginn der Einheit]" in line for line in lines)
    assert any('"Seite wechseln."  (1.0 s, geschätzt)' in line for line in lines)


def test_the_player_shows_the_side_words_of_the_plans_language(language: SwitchLanguage) -> None:
    spanish = language("es")
    i18n.use(i18n.SOURCE)  # the app in English, the routine said in Spanish
    plan = build_plan(BUILT_IN["two-minute-reset"], language=spanish)
    bend = next(segment for segment in plan.segments if segment.kind is SegmentKind.HOLD)
    shown = snapshot_of(plan, bend, State.RUNNING, False, 0.0)
    assert (
        shown.instructions == "Keep reaching up, and lean your upper body gently to the izquierdo."
    )


@pytest.mark.parametrize(
    ("tag", "offer"),
    [
        ("en", "If that is too much, sit on a cushion."),
        ("de", "Falls das zu viel ist: Sit on a cushion."),  # a colon keeps the capital
        ("es", "Si es demasiado, sit on a cushion."),
        ("fr", "Si c’est trop, sit on a cushion."),
    ],
)
def test_the_easier_offer_follows_the_languages_punctuation(
    tag: str, offer: str, language: SwitchLanguage
) -> None:
    with i18n.speaking_in(language(tag)):
        assert phrases.easier_offer("Sit on a cushion.") == offer


def test_every_cue_of_a_format_1_routine_is_marked_for_translation(
    language: SwitchLanguage,
) -> None:
    pseudo = language("qps")
    routine = one_and_many()
    plan = build_plan(routine, language=pseudo)
    with i18n.speaking_in(pseudo):
        allowed = tuple(routine_words(routine))
    texts = [*cue_texts(plan), *plan.spoken_texts]
    assert [text for text in texts if unmarked(without(text, allowed))] == []
