"""The app-menu launcher and the AppStream metainfo in every shipped language.

Both are made by GNU gettext's own tools from English templates
(``packaging/linux/*.in``): ``xgettext`` extracts their fields into
``packaging/linux/po/launcher.pot``, and ``msgfmt --desktop`` / ``msgfmt --xml`` merge the
translations back. What ships is the merged file; these tests read it as a desktop
environment and a software centre would.
"""

from __future__ import annotations

import configparser
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import pytest

from stretchtimer.storage.resources import desktop_entry_path, metainfo_path
from tests.languages import translations_script

translations = translations_script()
SHIPPED = ("de", "es", "fr")
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def msgcmp(definitions: Path, reference: Path, *options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["msgcmp", *options, str(definitions), str(reference)],
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize("language", SHIPPED)
def test_the_launcher_speaks_each_language(language: str) -> None:
    launcher = entry(desktop_entry_path())
    for key in ("Name", "GenericName", "Comment", "Keywords"):
        assert launcher.get(f"{key}[{language}]"), f"{key}[{language}] is missing"
    assert launcher[f"Comment[{language}]"] != launcher["Comment"]  # really translated
    keywords = launcher[f"Keywords[{language}]"]
    assert keywords.endswith(";") and keywords.count(";") >= 5  # a list, as the spec wants
    assert launcher["Name"] == "Stretch Timer"  # English stays the source


def test_the_launcher_says_it_in_german() -> None:
    launcher = entry(desktop_entry_path())
    assert "Dehn" in launcher["Comment[de]"] and "Atemzüge" in launcher["Comment[de]"]
    assert "estiramientos" in launcher["Comment[es]"]
    assert "étirements" in launcher["Comment[fr]"]


@pytest.mark.parametrize("language", SHIPPED)
def test_the_metainfo_has_every_language_for_name_summary_and_each_paragraph(
    language: str,
) -> None:
    component = ElementTree.parse(metainfo_path()).getroot()

    def languages_of(path: str) -> list[str | None]:
        return [element.get(XML_LANG) for element in component.findall(path)]

    assert language in languages_of("name")
    assert language in languages_of("summary")
    paragraphs = languages_of("description/p")
    english = paragraphs.count(None)
    assert english >= 2 and paragraphs.count(language) == english  # every paragraph
    items = languages_of("description/ul/li")
    assert items.count(language) == items.count(None)
    assert language in languages_of("keywords/keyword")
    captions = languages_of("screenshots/screenshot/caption")
    assert captions.count(language) == captions.count(None)


def test_the_metainfo_summary_reads_in_german() -> None:
    component = ElementTree.parse(metainfo_path()).getroot()
    summaries = {element.get(XML_LANG): element.text for element in component.findall("summary")}
    assert summaries[None] == "Follow a stretching routine by ear"
    assert summaries["de"] == "Dehnroutinen nach Gehör folgen"


def test_the_merged_files_are_made_from_the_current_templates_and_catalogues(
    tmp_path: Path,
) -> None:
    made = translations.merge_launcher(tmp_path)
    assert [path.name for path in made] == [desktop_entry_path().name, metainfo_path().name]
    for path in made:
        shipped = translations.merged(path.with_name(path.name + ".in"))
        assert path.read_bytes() == shipped.read_bytes(), (
            f"{shipped.name} is out of date; run: python3 packaging/translations.py compile"
        )


def test_the_launcher_catalogue_holds_exactly_the_texts_of_the_templates(tmp_path: Path) -> None:
    fresh = tmp_path / "launcher.pot"
    translations.extract_launcher(fresh)
    committed = translations.launcher_template()
    fix = "; run: python3 packaging/translations.py update"
    assert msgcmp(committed, fresh, "--use-untranslated").returncode == 0, f"texts missing{fix}"
    assert msgcmp(fresh, committed, "--use-untranslated").returncode == 0, f"stale texts{fix}"


@pytest.mark.parametrize("language", SHIPPED)
def test_every_launcher_catalogue_is_complete(language: str) -> None:
    po = translations.launcher_catalogue(language)
    result = msgcmp(po, translations.launcher_template())  # untranslated and fuzzy: missing
    assert result.returncode == 0, f"{po} is incomplete:\n{result.stderr}"
