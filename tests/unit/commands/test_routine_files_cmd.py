"""``stretchtimer routines new`` and ``routines import``, run as a person runs them."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

from stretchtimer.core.routine.file import load_routine
from stretchtimer.core.routine.model import Breaths, Hold, Reps
from tests.conftest import run_cli

BROKEN = 'format = 1\ntitle = "Broken"\n\n[[step]]\nname = "Pigeon"\nholds = 30\n'


def routines_folder(home: Path) -> Path:
    return home / "data" / "routines"


def test_editor_cli_new_writes_a_valid_commented_starter_with_each_kind_of_step(
    home: Path,
) -> None:
    result = run_cli("routines", "new", "Morning hips", home=home)
    assert result.returncode == 0, result.stderr
    path = Path(result.stdout.strip())
    assert path == routines_folder(home) / "morning-hips.toml"
    text = path.read_text(encoding="utf-8")
    assert text.count("\n#") >= 3 and "# seconds" in text  # notes for the person
    routine = load_routine(path)
    assert routine.title == "Morning hips"
    kinds = {type(step.work) for step in routine.steps}
    assert kinds == {Hold, Breaths, Reps}
    document = tomllib.loads(text)
    assert set(document["pace"]) == {"prepare", "rest", "switch", "inhale", "exhale", "settle"}
    assert routine.format == 2 and routine.steps[0].release  # a way in and out, as an example
    validated = run_cli("routines", "validate", str(path), home=home)
    assert validated.returncode == 0, validated.stderr
    assert "warning" not in validated.stdout  # the example follows its own advice
    listed = run_cli("routines", "list", home=home)
    assert "morning-hips" in listed.stdout


def test_editor_cli_new_gives_a_clashing_title_a_free_name(home: Path) -> None:
    first = run_cli("routines", "new", "Morning hips", home=home)
    second = run_cli("routines", "new", "Morning hips", home=home)
    builtin = run_cli("routines", "new", "Hip openers", home=home)
    assert Path(second.stdout.strip()).name == "morning-hips-2.toml"
    assert Path(builtin.stdout.strip()).name == "hip-openers-2.toml"  # never a built-in's id
    assert Path(first.stdout.strip()).read_text() != ""
    assert load_routine(Path(second.stdout.strip())).title == "Morning hips"


def test_editor_cli_new_refuses_a_title_it_cannot_use(home: Path) -> None:
    result = run_cli("routines", "new", "x" * 81, home=home)
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "stretchtimer: title: expected at most 80 characters, found 81"
    )
    assert not routines_folder(home).exists() or not list(routines_folder(home).iterdir())


def test_editor_cli_import_copies_a_valid_file_and_prints_where(home: Path, tmp_path: Path) -> None:
    source = tmp_path / "From my physio.toml"
    run_cli("routines", "new", "Week two", home=tmp_path)  # another person's routines
    source.write_bytes((tmp_path / "data" / "routines" / "week-two.toml").read_bytes())
    result = run_cli("routines", "import", str(source), home=home)
    assert result.returncode == 0, result.stderr
    target = Path(result.stdout.strip())
    assert target == routines_folder(home) / "from-my-physio.toml"
    assert target.read_bytes() == source.read_bytes()
    again = run_cli("routines", "import", str(source), home=home)
    assert again.returncode == 0
    assert "already in your routines folder" in again.stderr


def test_editor_cli_import_refuses_a_broken_file_with_the_validate_words(
    home: Path, tmp_path: Path
) -> None:
    source = tmp_path / "broken.toml"
    source.write_text(BROKEN, encoding="utf-8")
    result = run_cli("routines", "import", str(source), home=home)
    validate = run_cli("routines", "validate", str(source), home=home)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[:-1] == validate.stderr.splitlines()
    assert lines[-1] == f"stretchtimer: {source} was not imported; fix it and try again."
    assert not routines_folder(home).exists() or not list(routines_folder(home).iterdir())


def test_editor_cli_import_clash_needs_rename_or_replace(home: Path, tmp_path: Path) -> None:
    run_cli("routines", "new", "Week two", home=home)
    mine = routines_folder(home) / "week-two.toml"
    original = mine.read_bytes()
    source = tmp_path / "week-two.toml"
    source.write_bytes(original.replace(b"hold = 30", b"hold = 45"))

    refused = run_cli("routines", "import", str(source), home=home)
    assert refused.returncode == 1
    assert refused.stderr.strip() == (
        "stretchtimer: not imported: your routines folder already has week-two.toml; add "
        "--rename to import it as week-two-2.toml, or --replace to replace it (the old file "
        "is kept as week-two.toml.bak)."
    )
    assert mine.read_bytes() == original

    renamed = run_cli("routines", "import", str(source), "--rename", home=home)
    assert Path(renamed.stdout.strip()).name == "week-two-2.toml"

    replaced = run_cli("routines", "import", str(source), "--replace", home=home)
    assert replaced.returncode == 0, replaced.stderr
    assert mine.read_bytes() == source.read_bytes()
    assert (routines_folder(home) / "week-two.toml.bak").read_bytes() == original

    both = run_cli("routines", "import", str(source), "--rename", "--replace", home=home)
    assert both.returncode == 2  # argparse: not both


def test_editor_cli_import_never_replaces_a_builtin(home: Path, tmp_path: Path) -> None:
    run_cli("routines", "new", "Hips", home=tmp_path)
    source = tmp_path / "hip-openers.toml"
    source.write_bytes((tmp_path / "data" / "routines" / "hips.toml").read_bytes())
    result = run_cli("routines", "import", str(source), "--replace", home=home)
    assert result.returncode == 1
    assert "a built-in routine is already called hip-openers" in result.stderr
    assert "a built-in routine cannot be replaced" in result.stderr


def test_editor_cli_import_of_a_routine_titled_like_a_builtin_needs_rename(
    home: Path, tmp_path: Path
) -> None:
    run_cli("routines", "new", "Desk", home=tmp_path)
    written = (tmp_path / "data" / "routines" / "desk.toml").read_bytes()
    source = tmp_path / "desk.toml"
    source.write_bytes(written.replace(b'title = "Desk"', b'title = "Desk hips"'))
    for extra in ((), ("--replace",)):
        refused = run_cli("routines", "import", str(source), *extra, home=home)
        assert refused.returncode == 1
        assert refused.stderr.splitlines() == [
            "stretchtimer: not imported: a built-in routine is already called “Desk hips”; "
            "add --rename to import it as “Desk hips (2)” (a built-in routine cannot be "
            "replaced)."
        ]
    assert not routines_folder(home).exists() or not any(routines_folder(home).glob("*.toml"))

    renamed = run_cli("routines", "import", str(source), "--rename", home=home)
    assert renamed.returncode == 0, renamed.stderr
    path = Path(renamed.stdout.strip())
    assert path == routines_folder(home) / "desk.toml"
    assert load_routine(path).title == "Desk hips (2)"
    assert "imported as “Desk hips (2)”" in renamed.stderr
    listed = run_cli("routines", "list", "--json", home=home)
    titles = [item["title"] for item in json.loads(listed.stdout)]
    assert titles.count("Desk hips") == 1 and "Desk hips (2)" in titles
