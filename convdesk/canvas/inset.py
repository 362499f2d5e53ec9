"""The inset beside the output block: the output cell being computed, drawn enlarged so the
back of a room can follow it, with where it is and which input cells it reads."""

from __future__ import annotations

import math

from .geometry import OBLIQUE_X, Box, Label, LayerScene, Segment, project

_AXES = {1: ("position",), 2: ("row", "col"), 3: ("frame", "row", "col")}
_SPANS = {1: ("positions",), 2: ("rows", "cols"), 3: ("frames", "rows", "cols")}
TITLE = "output cell"


def cell_lines(position: tuple[int, ...], span: tuple) -> list[str]:
    """'output cell row 8, col 48', then the input it reads: 'reads rows 32–42, cols 192–202'
    (indices below 0 or past the edge fall in the padding)."""
    rank = len(position)
    names = _AXES.get(rank, tuple(f"axis {i}" for i in range(rank)))
    lines = [TITLE + " " + ", ".join(f"{n} {p}" for n, p in zip(names, position, strict=True))]
    spans = _SPANS.get(rank, names)
    reads = [
        f"{n} {s[0]}–{s[1]}" if s[0] != s[1] else f"{n.rstrip('s')} {s[0]}"
        for n, s in zip(spans, span, strict=True)
        if s is not None
    ]
    if reads:
        lines.append("reads " + ", ".join(reads))
    return lines


def inset_box(scene: LayerScene) -> Box | None:
    """Where the enlarged cell sits: right of the output block, level with its middle (None for
    a layer without a sliding window)."""
    if scene.kind not in ("window", "transposed") or math.prod(scene.positions) < 2:
        return None
    output = next((b for b in scene.boxes if b.role == "output"), None)
    source = next((b for b in scene.boxes if b.role == "input"), None)
    if output is None or source is None:
        return None
    side = 0.6 * max(output.h, 0.5 * source.h, output.w)
    gap = output.d * OBLIQUE_X + 0.6 * side
    y = output.y + output.h / 2 - side / 2
    return Box(output.x + output.w + gap, y, 0.0, side, side, 0.12 * side, "element")


def inset_link(inset: Box, element: Box) -> Segment:
    """A line from the small cell in the output block to its enlarged copy."""
    a = project(element.x + element.w, element.y + element.h / 2, element.z)
    b = project(inset.x, inset.y + inset.h / 2, 0.0)
    return (*a, *b)


def inset_labels(inset: Box, lines: list[str]) -> list[Label]:
    """The cell's position and what it reads, above the enlarged cell, line over line."""
    x, y = project(inset.x + inset.w / 2, inset.y, inset.d)
    roles = ("title", "note")
    last = len(lines) - 1
    return [
        Label(x, y, text, roles[min(i, 1)], (0.5, 1.0), (0, -6 - 20 * (last - i)), 4)
        for i, text in enumerate(lines)
    ]
