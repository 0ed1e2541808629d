"""The command line in the person's language.

In the pseudo-language ``qps`` every text that went through the catalogue reads ⟦...⟧:
every command's ``--help`` and what each command prints on a real data folder must
carry the marks, except the person's own data (routine names, ids, tags, numbers,
paths) and the command line's own words (command and option names, metavars). A run
in a child process with ``--lang de`` must print German.
"""

from __future__ import annotations

import argparse
import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from stretchtimer.cli import build_parser
from stretchtimer.core.i18n import Language
from stretchtimer.core.poses import pose_names, posed
from stretchtimer.core.routine.wording import fill_sides
from stretchtimer.storage.routines.library import builtin_entries
from tests.conftest import run_cli
from tests.languages import unmarked
from tests.unit.storage.history.helpers import add_sessions, session

Run = Callable[..., tuple[int, str, str]]

# The command line's own words, never translated: options, metavars, choices.
OPTION = re.compile(r"(?<![\w⟦])--?[A-Za-z][\w-]*")
METAVAR = re.compile(r"\b[A-Z][A-Z0-9_|]+(?:\.\w+)?\b")
CHOICES = re.compile(r"\{[\w,-]+\}")


def command_paths(
    parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()
) -> Iterator[tuple[str, ...]]:
    """Every command and subcommand as typed: ``()``, ``("history",)``, ``("history", "stats")``."""
    yield prefix
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                yield from command_paths(child, (*prefix, name))


def command_words() -> tuple[str, ...]:
    names = {"stretchtimer"}
    for path in command_paths(build_parser()):
        names.update(path)
    return tuple(sorted(names, key=len, reverse=True))


def strip_cli_words(text: str) -> str:
    text = CHOICES.sub(" ", OPTION.sub(" ", text))
    return METAVAR.sub(" ", text)


def without_marks(text: str) -> str:
    """``text`` on one line with every marked part (nested ones too) taken out: the data
    of a routine holds marked side words, which its text is then found without."""
    outside = " ".join(text.split())
    while (inner := re.sub(r"⟦[^⟦⟧]*⟧", " ", outside)) != outside:
        outside = inner
    return " ".join(outside.split())


def left_unmarked(text: str, allowed: tuple[str, ...] = ()) -> str:
    """Words outside the marks that are neither data nor the command line's own words.

    Marks nest (a translated sentence holding a translated time); wrapped lines are
    joined, so that a long text of the person's data is found whole.
    """
    outside = without_marks(text)
    for part in sorted((without_marks(part) for part in allowed), key=len, reverse=True):
        outside = outside.replace(part, " ")  # the person's data first, whole
    outside = strip_cli_words(outside)
    for word in command_words():
        outside = re.sub(rf"\b{re.escape(word)}\b", " ", outside)
    return unmarked(outside)


@pytest.fixture
def qps(language: Callable[[str], Language]) -> Language:
    return language("qps")


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    """``run("history", "stats")``: the command in this process, in the language in use."""

    def run_command(*argv: str) -> tuple[int, str, str]:
        parser = build_parser()
        try:
            args = parser.parse_args(list(argv))
            code = int(args.run(args))
        except SystemExit as exit_:
            code = int(exit_.code or 0)
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run_command


def routine_data() -> tuple[str, ...]:
    """The words of the built-in routines: the routines' own, translated by their files."""
    words: list[str] = []
    for entry in builtin_entries():
        routine = entry.routine
        assert routine is not None
        words += [entry.id, routine.title, *routine.tags, routine.description]
        words += [routine.setup or "", routine.finish or ""]
        for step in routine.steps:
            words.append(step.name)
            first = step.sides.order()[0]
            texts = (step.say, step.setup, step.caution, step.feel, step.release, step.easier)
            words += [fill_sides(text, first) for text in texts if text]
    return tuple(sorted({word for word in words if word}, key=len, reverse=True))


def test_every_help_page_is_marked(qps: Language, run: Run) -> None:
    paths = list(command_paths(build_parser()))
    assert ("history", "stats") in paths and ("routines", "import") in paths
    for path in paths:
        code, out, err = run(*path, "--help")
        assert code == 0, (path, err)
        assert "⟦" in out, path
        assert left_unmarked(out) == "", f"stretchtimer {' '.join(path)} --help:\n{out}"


def test_a_mistyped_command_line_says_so_in_the_language(qps: Language, run: Run) -> None:
    code, _out, err = run("history", "--since", "someday")
    assert code == 2
    assert left_unmarked(err, ("someday",)) == "", err
    code, _out, err = run("routines")
    assert code == 2 and left_unmarked(err) == "", err
    code, _out, err = run("pose", "render", "pigeon", "--theme", "neon", "--to", "x.svg")
    assert code == 2 and left_unmarked(err, ("neon", "pigeon", "light", "dark")) == "", err


def test_routines_list_and_show_are_marked_except_the_routines_own_words(
    qps: Language, run: Run
) -> None:
    data = routine_data()
    code, out, err = run("routines", "list")
    assert code == 0 and err == ""
    assert "⟦" in out and left_unmarked(out, data) == "", out
    for entry in builtin_entries():
        code, out, err = run("routines", "show", entry.id)
        assert code == 0, err
        assert left_unmarked(out, data) == "", out


@pytest.fixture
def history(home: Path) -> Path:
    """Sessions on the last days, one rated, one stopped, one a preview."""
    from stretchtimer.storage.history.records import SessionStatus

    now = time.time()
    path = home / "data" / "history.sqlite3"
    add_sessions(
        path,
        [
            session(started=now - 3 * 86400, title="Hip openers", routine_id="hip-openers"),
            session(started=now - 2 * 86400, status=SessionStatus.STOPPED, active=120),
            session(
                started=now - 86400,
                before=3,
                after=7,
                stretches=(("Pigeon pose", 45.0),),
            ),
            session(started=now - 600, speed=20.0),
        ],
    )
    return path


def test_history_and_its_statistics_are_marked(
    qps: Language, run: Run, history: Path, home: Path
) -> None:
    data = ("Hip openers", "Desk hips", "Pigeon pose", str(home))
    code, out, err = run("history")
    assert code == 0, err
    ids = tuple(line.split()[0] for line in out.splitlines()[1:5])  # the sessions' own ids
    assert left_unmarked(out, data + ids) == "", out
    code, out, err = run("history", "stats")
    assert code == 0, err
    assert left_unmarked(out, data) == "", out


def test_export_import_and_delete_speak_the_language(
    qps: Language, run: Run, history: Path, home: Path, tmp_path: Path
) -> None:
    target = tmp_path / "mine.json"
    paths = (str(target), str(home), str(tmp_path))
    for argv in (
        ("history", "export", str(target)),
        ("history", "export", str(target)),  # exists: one sentence with the fix
        ("history", "import", str(target)),  # all already there
        ("history", "import", str(tmp_path / "mine.txt")),
        ("history", "delete", "ffff"),
    ):
        _code, out, err = run(*argv)
        assert out + err, argv
        assert left_unmarked(out + err, (*paths, "ffff", "mine", "txt")) == "", (argv, out, err)


def test_paths_pose_list_and_routine_checks_are_marked(
    qps: Language, run: Run, home: Path, tmp_path: Path
) -> None:
    from stretchtimer.storage.paths import app_paths

    places = tuple(str(path) for _name, path in app_paths().listing())
    code, out, err = run("paths")
    assert code == 0 and left_unmarked(out, places) == "", out
    poses = []
    for name in pose_names():
        poses += [name, posed(name).pose.title, *posed(name).pose.frames]
    code, out, err = run("pose", "list")
    assert code == 0 and left_unmarked(out, tuple(sorted(poses, key=len, reverse=True))) == "", out
    code, out, err = run("pose", "render", "pigeon", "--to", str(tmp_path / "x.gif"))
    assert code == 1 and left_unmarked(err, (str(tmp_path),)) == "", err
    good = tmp_path / "mine.toml"
    code, out, err = run("routines", "new", "Morning")
    assert code == 0
    written = Path(out.strip())
    good.write_bytes(written.read_bytes())
    code, out, err = run("routines", "validate", str(good))
    assert code == 0 and left_unmarked(out, (str(good), "Morning")) == "", out
    code, out, err = run("routines", "import", str(good))
    routines = str(app_paths().routines)
    assert out.strip().startswith(routines)
    assert left_unmarked(out + err, (str(good), out.strip(), "Morning")) == "", out + err


def test_the_doctors_report_is_marked(qps: Language, home: Path) -> None:
    from stretchtimer.storage.paths import app_paths
    from stretchtimer.system import doctor

    paths = app_paths()
    findings = [doctor.language_finding(), *doctor.folder_findings(paths)]
    text = doctor.report(findings)
    assert "⟦" in text
    assert left_unmarked(text, (str(home), "qps", "core", "cli", "app", "mkdir")) == "", text


# -- German, as a person runs it ----------------------------------------------------------


def test_routines_list_in_german(home: Path) -> None:
    result = run_cli("--lang", "de", "routines", "list", home=home)
    assert result.returncode == 0, result.stderr
    assert "Übungen" in result.stdout and "mitgeliefert" in result.stdout
    assert "steps" not in result.stdout and "built-in" not in result.stdout
    assert "Hüften am Schreibtisch" in result.stdout  # the routine's own German title
    shown = run_cli("--lang", "de", "routines", "show", "desk-hips", home=home)
    assert shown.stdout.startswith("Hüften am Schreibtisch  (")
    assert "Bevor du beginnst: Du brauchst einen stabilen Stuhl" in shown.stdout


def test_history_in_german(home: Path, history: Path) -> None:
    listing = run_cli("--lang", "de", "history", home=home, env={"TZ": "UTC"})
    assert listing.returncode == 0, listing.stderr
    header = listing.stdout.splitlines()[0]
    assert header.split()[:3] == ["ID", "WANN", "(Ortszeit)"] and "WOHLBEFINDEN" in header
    assert "abgeschlossen" in listing.stdout and "beendet" in listing.stdout
    assert re.search(r"\b(Mo|Di|Mi|Do|Fr|Sa|So) \d\d\.\d\d\.\d{4} \d\d:\d\d\b", listing.stdout)
    assert "(Vorschau ×20)" in listing.stdout
    assert "4 Einheiten," in listing.stdout and "(Vorschauen nicht mitgezählt)" in listing.stdout
    stats = run_cli("--lang", "de", "history", "stats", home=home)
    assert stats.returncode == 0, stats.stderr
    assert stats.stdout.startswith("Diese Woche:")
    assert "Aktuelle Serie:" in stats.stdout and "Minuten pro Tag" in stats.stdout


def test_doctor_in_german(home: Path) -> None:
    result = run_cli("--lang", "de", "doctor", home=home)
    lines = result.stdout.splitlines()
    assert any(line.split()[:3] == ["ok", "Sprache", "Deutsch"] for line in lines), result.stdout
    assert "Datenordner" in result.stdout and "Stimmen" in result.stdout


def test_a_mistake_on_the_command_line_in_spanish(home: Path) -> None:
    result = run_cli("--lang", "es", "history", "--since", "algún día", home=home)
    assert result.returncode == 2
    assert result.stderr.startswith("uso: stretchtimer history")
    assert "error: argumento --since: se esperaba una fecha" in result.stderr


def test_french_help(home: Path) -> None:
    result = run_cli("play", "--help", "--lang", "fr", home=home)
    assert result.returncode == 0
    assert result.stdout.startswith("utilisation : stretchtimer play")
    assert "lance dans ce terminal" in result.stdout and "affiche cette aide" in result.stdout


def test_desktop_install_and_uninstall_are_marked(
    qps: Language, run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_home = tmp_path / "share"
    monkeypatch.setenv("XDG_DATA_HOME", str(data_home))
    for action in ("install", "uninstall", "uninstall"):  # the second finds nothing
        code, out, err = run("desktop", action)
        assert code == 0, err
        assert "⟦" in out and left_unmarked(out) == "", out  # paths sit inside the marks


def test_exports_stay_machine_readable_in_any_language(home: Path, history: Path) -> None:
    import csv
    import io
    import json

    listed = json.loads(run_cli("--lang", "de", "history", "--json", home=home).stdout)
    assert {"started_at", "status", "routine_title"} <= set(listed[0])
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", listed[0]["started_at"])
    assert {item["status"] for item in listed} <= {"completed", "stopped"}
    table = run_cli("--lang", "fr", "history", "--csv", home=home).stdout
    header = next(csv.reader(io.StringIO(table)))
    assert "started_at" in header and "status" in header
    stats = json.loads(run_cli("--lang", "es", "history", "stats", "--json", home=home).stdout)
    assert "streaks" in stats and re.fullmatch(r"\d{4}-\d\d-\d\d", stats["days"][0]["start"])


def test_a_routine_plays_in_the_terminal_in_the_language_it_is_translated_into(
    home: Path,
) -> None:
    result = run_cli(
        "--lang",
        "de",
        "play",
        "two-minute-reset",
        "--no-gui",
        "--mute",
        "--speed",
        "100",
        home=home,
    )
    assert result.returncode == 0, result.stderr
    assert "1/4  Nach oben strecken" in result.stdout
    assert "Steh aufrecht, verschränk die Finger" in result.stdout
    assert "langsame Atemzüge" in result.stdout and "Einheit geschafft:" in result.stdout


def test_an_english_routine_keeps_its_own_words_under_another_language(home: Path) -> None:
    folder = home / "data" / "routines"
    folder.mkdir(parents=True)
    (folder / "mine.toml").write_text(
        'format = 2\ntitle = "Mine"\n[pace]\nprepare = 1\nsettle = 1\n'
        '[[step]]\nname = "Twist"\nsides = "both"\nhold = 4\n'
        'say = "Turn to your {side} and look over your {side} shoulder."\n',
        encoding="utf-8",
    )
    result = run_cli(
        "--lang", "de", "play", "mine", "--no-gui", "--mute", "--speed", "20", home=home
    )
    assert result.returncode == 0, result.stderr
    assert "Turn to your left and look over your left shoulder." in result.stdout
    assert "links" not in result.stdout.split("Turn to your", 1)[1].splitlines()[0]
    assert "4 s halten, links" in result.stdout  # the terminal's own words: German
