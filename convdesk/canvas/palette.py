"""The canvas's colours for the light and dark themes, by what a thing is (its role)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor


@dataclass(frozen=True, slots=True)
class Palette:
    background: QColor
    text: QColor
    muted: QColor
    edge: QColor
    grid: QColor
    link: QColor
    selected: QColor
    roles: dict[str, QColor]

    def fill(self, role: str) -> QColor:
        return self.roles.get(role, self.roles["other"])


# Fills chosen to stay apart for the common colour-vision deficiencies (blue / orange / green
# differ in lightness too), and strong enough to read on a washed-out projector.
LIGHT = Palette(
    background=QColor("#ffffff"),
    text=QColor("#1b1b1b"),
    muted=QColor("#5a5a5a"),
    edge=QColor("#2b2b2b"),
    grid=QColor(40, 40, 40, 90),
    link=QColor("#555555"),
    selected=QColor("#d62728"),
    roles={
        "input": QColor("#9ecae1"),
        "padding": QColor("#e5e5e5"),
        "kernel": QColor(253, 141, 60, 170),
        "tap": QColor(217, 72, 1, 220),
        "output": QColor("#a1d99b"),
        "element": QColor("#e6550d"),
        "ok": QColor("#9ecae1"),
        "error": QColor("#fc9272"),
        "unknown": QColor("#d9d9d9"),
        "other": QColor("#bdbdbd"),
        # Channel groups of a shuffle: told apart by hue and by lightness.
        "group0": QColor("#3182bd"),
        "group1": QColor("#fdae6b"),
        "group2": QColor("#31a354"),
        "group3": QColor("#e7e1ef"),
        # The network view colours each block by the kind of its layer.
        "net_input": QColor("#eeeeee"),
        "conv": QColor("#9ecae1"),
        "pool": QColor("#fdae6b"),
        "dense": QColor("#c5b3e6"),
        "merge": QColor("#a1d99b"),
        "shape": QColor("#dccb9c"),
        "norm": QColor("#f3e27a"),
        "act": QColor("#f2b5c4"),
    },
)

DARK = Palette(
    background=QColor("#1e1f22"),
    text=QColor("#eeeeee"),
    muted=QColor("#b0b0b0"),
    edge=QColor("#d8d8d8"),
    grid=QColor(230, 230, 230, 80),
    link=QColor("#bbbbbb"),
    selected=QColor("#ff7f50"),
    roles={
        "input": QColor("#3b7fb0"),
        "padding": QColor("#4a4a4a"),
        "kernel": QColor(253, 141, 60, 190),
        "tap": QColor(255, 110, 40, 230),
        "output": QColor("#3f8f48"),
        "element": QColor("#ff7f2a"),
        "ok": QColor("#3b7fb0"),
        "error": QColor("#c0452d"),
        "unknown": QColor("#555555"),
        "other": QColor("#666666"),
        "group0": QColor("#6baed6"),
        "group1": QColor("#d94801"),
        "group2": QColor("#74c476"),
        "group3": QColor("#54278f"),
        "net_input": QColor("#7a7a7a"),
        "conv": QColor("#3b7fb0"),
        "pool": QColor("#b86b1f"),
        "dense": QColor("#6a51a3"),
        "merge": QColor("#3f8f48"),
        "shape": QColor("#8c7a4a"),
        "norm": QColor("#978719"),
        "act": QColor("#a8546b"),
    },
)


def palette(dark: bool) -> Palette:
    return DARK if dark else LIGHT
