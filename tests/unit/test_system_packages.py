"""A machine without a needed system package: the test run stops at once, in one line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO
from tests.system_packages import NEEDED, readme_apt_line


def test_every_package_checked_is_in_the_readme_line_and_in_ci() -> None:
    readme = readme_apt_line().split()
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    for _, _, package in NEEDED:
        assert package in readme, package
        assert f" {package}" in ci or f"\n  {package}" in ci, package


def test_a_missing_command_stops_the_run_with_one_line_naming_its_package(
    tmp_path: Path,
) -> None:
    # Every command the tests need, except sox.
    tools = tmp_path / "bin"
    tools.mkdir()
    for folder in os.environ["PATH"].split(os.pathsep):
        for name, kind, _ in NEEDED:
            found = Path(folder) / name
            if (
                kind == "command"
                and name != "sox"
                and found.exists()
                and not (tools / name).exists()
            ):
                (tools / name).symlink_to(found)
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/unit/core"],
        cwd=REPO,
        env=dict(os.environ, PATH=str(tools)),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    output = (result.stdout + result.stderr).strip().splitlines()
    assert result.returncode == 4, output
    [line] = [line for line in output if "Missing" in line]
    assert "Missing system package sox: install with the README's line: sudo apt install" in line
    assert len(output) <= 3, output  # no tracebacks, no test ran
