"""The doctor's findings about files and folders, and how a report reads."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from stretchtimer.core.i18n import Language
from stretchtimer.speech.problems import SpeechNotice, SpeechProblem, SpeechUnavailableError
from stretchtimer.storage.paths import Paths
from stretchtimer.system.doctor import (
    Finding,
    folder_findings,
    language_finding,
    report,
    voice_findings,
)


def paths_in(root: Path) -> Paths:
    return Paths(root / "data", root / "config", root / "cache", root / "logs")


def test_private_folders_and_files_are_ok_and_open_ones_get_a_chmod(tmp_path: Path) -> None:
    paths = paths_in(tmp_path)
    for folder in (paths.data, paths.config, paths.cache):
        folder.mkdir(mode=0o700)
    paths.history.write_bytes(b"")
    paths.history.chmod(0o644)
    paths.cache.chmod(0o750)
    findings = {finding.topic: finding for finding in folder_findings(paths)}
    assert findings["data folder"].ok and findings["settings folder"].ok
    assert findings["log folder"].ok and "made at first use" in findings["log folder"].detail
    assert not findings["cache folder"].ok
    assert findings["cache folder"].fix == f"chmod 700 {paths.cache}"
    assert findings["history file"].fix == f"chmod 600 {paths.history}"
    assert "settings file" not in findings  # not written yet


def test_a_file_where_a_folder_belongs_is_named(tmp_path: Path) -> None:
    paths = paths_in(tmp_path)
    paths.data.write_text("not a folder", encoding="utf-8")
    finding = folder_findings(paths)[0]
    assert (finding.state, finding.fix) == ("missing", f"mv {paths.data} {paths.data}.old")


def test_a_speech_engine_that_fails_says_its_own_sentence() -> None:
    notice = SpeechNotice(SpeechProblem.NO_VOICES)

    def refuse() -> list[dict[str, object]]:
        raise SpeechUnavailableError(notice)

    voices = voice_findings(refuse)[0]
    assert (voices.state, voices.fix) == ("missing", notice.sentence)
    assert "espeak-ng-data" in voices.fix
    none = voice_findings(list)[0]
    assert none.state == "missing" and "no voices" in none.detail


def test_a_report_aligns_topics_and_lists_fixes_below() -> None:
    text = report(
        [
            Finding("tray", True, "a tray host runs"),
            Finding("idle time", False, "nothing answers", "use GNOME"),
            Finding("natural voices", False, "Piper is not installed", optional=True),
        ]
    )
    assert text.splitlines() == [
        "ok       tray            a tray host runs",
        "missing  idle time       nothing answers",
        "                         fix: use GNOME",
        "off      natural voices  Piper is not installed",
    ]


def test_the_language_in_use_and_its_catalogues(language: Callable[[str], Language]) -> None:
    from stretchtimer.storage.languages import LOCALE_DIR

    english = language_finding()
    assert english.ok and english.topic == "language"
    assert english.detail.startswith("English (en), the source language; catalogues for en, ")
    assert "de" in english.detail and str(LOCALE_DIR) in english.detail
    language("de")
    german = language_finding()
    assert german.ok
    assert german.detail == (
        f"Deutsch (de): Kataloge core, cli, app in {LOCALE_DIR / 'de' / 'LC_MESSAGES'}"
    )
    assert report([german]).startswith("ok       Sprache  Deutsch (de)")


def test_a_language_without_catalogues_says_what_stays_english(
    language: Callable[[str], Language],
) -> None:
    language("ar")  # laid out right to left, but no Arabic catalogue ships
    finding = language_finding()
    assert finding.state == "off"  # optional: the app works, in English words
    # No catalogue names Arabic in Arabic: the tag stands for it.
    assert finding.detail == "ar (ar): no catalogues core, cli, app, so those texts stay in English"
    assert finding.fix.startswith("choose one of en, de, ")
    assert "with --lang or the Language setting" in finding.fix


def test_the_json_keeps_english_topics_and_states_in_any_language(
    language: Callable[[str], Language],
) -> None:
    language("fr")
    finding = language_finding()
    assert finding.as_json()["topic"] == "language" and finding.as_json()["state"] == "ok"
    assert "catalogues" in str(finding.as_json()["detail"])  # the sentence is French
