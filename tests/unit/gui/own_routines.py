"""A routine of the person's own, as its file in the routines folder: for the tests of the
Routines page and of the editor."""

from __future__ import annotations

from pathlib import Path

ROUTINE = """\
format = 1
title = "Morning hips"
description = "Three stretches before breakfast."
tags = ["floor", "hips"]

[[step]]
name = "Pigeon pose"
say = "Bring one shin forward and lower your hips."
hold = 30
sides = "both"
easier = "Lie on your back and cross one ankle over the other knee."

[[step]]
name = "Straddle fold"
breaths = 5

[[step]]
name = "Glute bridge"
reps = 10
tempo = 3
sets = 2
"""


def own_file(home: Path, name: str = "morning-hips.toml", text: str = ROUTINE) -> Path:
    """``text`` saved as ``name`` in the routines folder of ``home`` (made when missing)."""
    folder = home / "data" / "routines"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path
