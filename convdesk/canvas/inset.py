"""The inset beside the output block: the output cell being computed, drawn enlarged so the
back of a room can follow it, with where it is and which input cells it reads."""

from __future__ import annotations

import math

from .geometry import OBLIQUE_X, Box, Label, LayerScene, Segment, project

_AXES = {1: ("position",), 2: ("row", "col"), 3: ("frame", "row", "col")}
_SPANS = {1: ("positions",), 2: ("rows", "cols"), 3: ("frames", "rows", "cols")}
TITLE = "output cell"


def cell_lines(position: tuple[int, ...], span: tuple, narrow: bool = False) -> list[str]:
    """'output cell row 8, col 48', then the input it reads: 'reads rows 32–42, cols 192–202'
    (indices below 0 or past the edge fall in the padding). `narrow`: short lines instead, a
    dimension a line ('output cell', 'row 8, col 48', 'reads rows 32–42', 'cols 192–202')."""
    rank = len(position)
    names = _AXES.get(rank, tuple(f"axis {i}" for i in range(rank)))
    where = ", ".join(f"{n} {p}" for n, p in zip(names, position, strict=True))
    spans = _SPANS.get(rank, names)
    reads = [
        f"{n} {s[0]}–{s[1]}" if s[0] != s[1] else f"{n.rstrip('s')} {s[0]}"
        for n, s in zip(spans, span, strict=True)
        if s is not None
    ]
    if reads:
        reads[0] = "reads " + reads[0]
    if narrow:
        return [TITLE, where, *reads]
    return [f"{TITLE} {where}"] + ([", ".join(reads)] if reads else [])


def inset_box(scene: LayerScene, below: bool = False, min_gap: float = 0.0) -> Box | None:
    """Where the enlarged cell sits: right of the output block (at least `min_gap` right of its
    front face, room for the lines over it), level with its middle, or (`below`, for a tall
    view) under the output, at least `min_gap` lower than the lowest block (room for the
    titles under the blocks) (None for a layer without a sliding window)."""
    if scene.kind not in ("window", "transposed") or math.prod(scene.positions) < 2:
        return None
    output = next((b for b in scene.boxes if b.role == "output"), None)
    source = next((b for b in scene.boxes if b.role == "input"), None)
    if output is None or source is None:
        return None
    side = 0.6 * max(output.h, 0.5 * source.h, output.w)
    if below:
        bottom = max(b.bounds()[3] for b in scene.boxes)
        x = output.x + output.w / 2 - side / 2
        return Box(x, bottom + max(0.3 * side, min_gap), 0.0, side, side, 0.12 * side, "element")
    gap = max(output.d * OBLIQUE_X + 0.6 * side, min_gap)
    y = output.y + output.h / 2 - side / 2
    return Box(output.x + output.w + gap, y, 0.0, side, side, 0.12 * side, "element")


def inset_link(inset: Box, element: Box) -> Segment:
    """A line from the small cell in the output block to its enlarged copy."""
    a = project(element.x + element.w, element.y + element.h / 2, element.z)
    if inset.y > element.y + element.h:  # the copy is below: from the cell's bottom
        a = project(element.x + element.w / 2, element.y + element.h, element.z)
        return (*a, *project(inset.x + inset.w / 2, inset.y, inset.d))
    b = project(inset.x, inset.y + inset.h / 2, 0.0)
    return (*a, *b)


def inset_labels(inset: Box, lines: list[str], place: str = "above") -> list[Label]:
    """The cell's name and position (bold), then what it reads, line over line: `place`
    "above" the enlarged cell, "below" it (when it sits under the output), or to its "right"
    (a view with more width than height to spare)."""
    bold = 2 if lines and lines[0] == TITLE else 1  # the name, and on narrow lines the place
    roles = ["title" if i < bold else "note" for i in range(len(lines))]
    if place == "below":
        x, y = project(inset.x + inset.w / 2, inset.y + inset.h, 0.0)
        return [
            Label(x, y, text, role, (0.5, 0.0), (0, 6 + 20 * i), 4)
            for i, (text, role) in enumerate(zip(lines, roles, strict=True))
        ]
    last = len(lines) - 1
    if place == "right":
        x, y = project(inset.x + inset.w, inset.y + inset.h / 2, inset.d)
        return [
            Label(x, y, text, role, (0.0, 0.5), (8, 20 * i - 10 * last), 4)
            for i, (text, role) in enumerate(zip(lines, roles, strict=True))
        ]
    x, y = project(inset.x + inset.w / 2, inset.y, inset.d)
    return [
        Label(x, y, text, role, (0.5, 1.0), (0, -6 - 20 * (last - i)), 4)
        for i, (text, role) in enumerate(zip(lines, roles, strict=True))
    ]
