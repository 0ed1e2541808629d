"""The figure's colours from a theme's few: ink (text), paper (background) and accent.

Flat illustration tones: the body a soft tone of the ink, one side's limbs darker than
the other's, the worked limbs in the accent, props faint, the shadow a thin wash.
"""

from __future__ import annotations

from dataclasses import dataclass

from stretchtimer.core.poses.shapes import Role

# How far each role sits from the ink towards the paper (0 = ink, 1 = paper).
_TOWARDS_PAPER = {
    Role.BODY: 0.28,
    Role.LEFT: 0.12,
    Role.RIGHT: 0.46,
    Role.PROP: 0.70,
    Role.MAT: 0.84,
    Role.BAND: 0.5,
    Role.FLOOR: 0.72,
}
SHADOW_OPACITY = 0.13
DARK_SHADOW_OPACITY = 0.45
EDGE_WIDTH = 0.009  # the paper-coloured rim that keeps crossing limbs apart, in heights


@dataclass(frozen=True)
class Paint:
    colour: str  # "#rrggbb"
    opacity: float = 1.0


@dataclass(frozen=True)
class Palette:
    fills: dict[Role, Paint]
    edge: str  # the rim's colour: the paper

    def __getitem__(self, role: Role) -> Paint:
        return self.fills[role]


def mix(a: str, b: str, t: float) -> str:
    """``t`` of the way from colour ``a`` to ``b`` ("#rrggbb")."""
    ca = [int(a[i : i + 2], 16) for i in (1, 3, 5)]
    cb = [int(b[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * t):02x}" for x, y in zip(ca, cb, strict=True))


def lightness(colour: str) -> float:
    """0 (black) to 1 (white), roughly as the eye sees it."""
    red, green, blue = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.299 * red + 0.587 * green + 0.114 * blue


def figure_palette(*, ink: str, paper: str, accent: str) -> Palette:
    fills = {role: Paint(mix(ink, paper, t)) for role, t in _TOWARDS_PAPER.items()}
    fills[Role.WORKED] = Paint(accent)
    if lightness(paper) < lightness(ink):  # dark theme: a shadow darker than the paper
        fills[Role.SHADOW] = Paint("#000000", DARK_SHADOW_OPACITY)
    else:
        fills[Role.SHADOW] = Paint(ink, SHADOW_OPACITY)
    return Palette(fills=fills, edge=paper)


# The app's light theme (gui/theme.py): for SVG files and pictures outside the app.
LIGHT = figure_palette(ink="#1d2327", paper="#f4f3ef", accent="#2a7a68")
DARK = figure_palette(ink="#e8eaed", paper="#15181b", accent="#5cc2a8")
