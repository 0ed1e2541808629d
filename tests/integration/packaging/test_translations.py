"""The catalogues: in step with the source, complete, and safe to fill in.

GNU gettext's own tools do the reading: ``xgettext`` finds every marked text in the
source, ``msgcmp`` says what a catalogue lacks (untranslated and fuzzy entries count as
missing), ``msgfmt`` compiles. A text that reaches a person without being marked is
caught where it is shown, by the pseudo-language tests of each part.
"""

from __future__ import annotations

import gettext
import string
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from stretchtimer.core.i18n import Language
from stretchtimer.storage.languages import DOMAINS
from tests.languages import translations_script

translations = translations_script()

SHIPPED = ("de", "es", "fr")
# Each language's plural rule, as its grammar has it (French counts 0 and 1 as singular).
PLURAL_RULES = {
    "de": "nplurals=2; plural=(n != 1);",
    "es": "nplurals=2; plural=(n != 1);",
    "fr": "nplurals=2; plural=(n > 1);",
}


def test_the_script_knows_the_domains_the_app_loads() -> None:
    assert set(translations.DOMAIN_SOURCES) == set(DOMAINS)


def msgcmp(definitions: Path, reference: Path, *options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["msgcmp", *options, str(definitions), str(reference)],
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize("domain", DOMAINS)
def test_each_template_holds_exactly_the_texts_marked_in_the_source(
    domain: str, tmp_path: Path
) -> None:
    fresh = tmp_path / f"{domain}.pot"
    translations.extract(domain, fresh)
    committed = translations.template(domain)
    fix = "; run: python3 packaging/translations.py update"
    missing = msgcmp(committed, fresh, "--use-untranslated")
    assert missing.returncode == 0, f"{committed.name} lacks texts{fix}\n{missing.stderr}"
    stale = msgcmp(fresh, committed, "--use-untranslated")
    assert stale.returncode == 0, f"{committed.name} holds removed texts{fix}\n{stale.stderr}"


@pytest.mark.parametrize("language", SHIPPED)
@pytest.mark.parametrize("domain", DOMAINS)
def test_every_shipped_catalogue_translates_every_text(domain: str, language: str) -> None:
    po = translations.catalogue(domain, language)
    result = msgcmp(po, translations.template(domain))  # untranslated and fuzzy count as missing
    assert result.returncode == 0, f"{po} is incomplete:\n{result.stderr[:3000]}"


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@pytest.mark.parametrize("language", SHIPPED)
@pytest.mark.parametrize("domain", DOMAINS)
def test_every_translation_keeps_the_placeholders_of_its_source(domain: str, language: str) -> None:
    with translations.compiled(language, domain).open("rb") as file:
        catalogue = gettext.GNUTranslations(file)
    wrong = []
    for key, translated in catalogue._catalog.items():
        if not key:
            continue  # the header
        source = key[0] if isinstance(key, tuple) else key
        source = source.split("\x04")[-1].split("\x00")[-1]  # drop context; plural keeps fields
        if fields(translated) != fields(source) and "{" in source + translated:
            wrong.append(f"{source!r} -> {translated!r}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("language", SHIPPED)
def test_each_language_counts_with_its_own_plural_rule(language: str) -> None:
    for domain in DOMAINS:
        header = translations.catalogue(domain, language).read_text(encoding="utf-8")
        assert f"Plural-Forms: {PLURAL_RULES[language]}" in header, domain
    with translations.compiled(language, "core").open("rb") as file:
        catalogue = gettext.GNUTranslations(file)
    singular_zero = language == "fr"
    assert (catalogue.plural(0) == 0) is singular_zero
    assert catalogue.plural(1) == 0
    assert catalogue.plural(2) == 1


@pytest.mark.parametrize("language", SHIPPED)
@pytest.mark.parametrize("domain", DOMAINS)
def test_the_compiled_catalogues_are_made_from_the_current_sources(
    domain: str, language: str, tmp_path: Path
) -> None:
    made = tmp_path / "made.mo"
    subprocess.run(
        [
            "msgfmt",
            "--check",
            f"--output-file={made}",
            str(translations.catalogue(domain, language)),
        ],
        check=True,
    )
    assert made.read_bytes() == translations.compiled(language, domain).read_bytes(), (
        "run: python3 packaging/translations.py compile"
    )


def test_the_pseudo_language_marks_every_text(tmp_path: Path) -> None:
    translations.pseudo(tmp_path)
    with translations.compiled(translations.PSEUDO, "cli", tmp_path).open("rb") as file:
        catalogue = gettext.GNUTranslations(file)
    texts = [text for key, text in catalogue._catalog.items() if key]
    assert texts
    assert all(text.startswith("⟦") and text.endswith("⟧") for text in texts)


def test_the_command_lines_help_is_marked_for_translation(
    language: Callable[[str], Language], capsys: pytest.CaptureFixture[str]
) -> None:
    from stretchtimer.cli import build_parser

    language("qps")
    build_parser().print_help()
    shown = " ".join(capsys.readouterr().out.split())
    assert "--lang TAG ⟦the language to show and speak" in shown
