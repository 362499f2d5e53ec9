"""The drawing's primitives, in model units: plain Python, no Qt, no pyqtgraph.

Boxes are 3-D: x runs right (width), y runs down (height, as rows do in an image) and z runs into
the page (depth: the channels, or the spatial depth of a 3-D layer). `project` maps a point
obliquely onto the page, as textbooks draw tensors, so the front face keeps its true proportions.

Every size comes from the engine's Report; nothing here computes an output shape.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from convdesk.engine.numbers import MISSING

DEPTH_SCALES = ("linear", "sqrt", "log")
DEPTH_SCALE_TEXT = {
    "linear": "depth: linear (true scale)",
    "sqrt": "depth: square root of channels",
    "log": "depth: 1 + log2(channels)",
}

# The depth axis goes up and to the right at 30°, shortened to half, as in cabinet projection.
OBLIQUE_X = 0.5 * math.cos(math.radians(30))
OBLIQUE_Y = 0.5 * math.sin(math.radians(30))

Point = tuple[float, float]
Segment = tuple[float, float, float, float]


def project(x: float, y: float, z: float) -> Point:
    """The page position of model point (x, y, z)."""
    return (x + z * OBLIQUE_X, y - z * OBLIQUE_Y)


def scale_depth(n: int, scale: str) -> float:
    """Drawn depth of `n` channels under the depth scale (linear keeps the true number)."""
    if scale == "sqrt":
        return math.sqrt(n)
    if scale == "log":
        return 1.0 + math.log2(max(n, 1))
    return float(n)


@dataclass(frozen=True, slots=True)
class Box:
    """A 3-D box: front-top-left corner (x, y, z) and sizes w, h, d, all as drawn.

    `dims` are the true sizes along w, h, d (before the depth scale and any enlarging), for labels.
    `clamped` says some side was enlarged to stay visible.
    """

    x: float
    y: float
    z: float
    w: float
    h: float
    d: float
    role: str
    dims: tuple[int, int, int] = (1, 1, 1)
    clamped: bool = False

    def _corners(self) -> tuple[float, float, float, float, float, float]:
        return self.x, self.x + self.w, self.y, self.y + self.h, self.z, self.z + self.d

    def faces(self) -> tuple[list[Point], list[Point], list[Point]]:
        """The three visible faces as page polygons: front, top, right side."""
        x0, x1, y0, y1, z0, z1 = self._corners()
        front = [project(x0, y0, z0), project(x1, y0, z0), project(x1, y1, z0), project(x0, y1, z0)]
        top = [project(x0, y0, z0), project(x0, y0, z1), project(x1, y0, z1), project(x1, y0, z0)]
        side = [project(x1, y0, z0), project(x1, y0, z1), project(x1, y1, z1), project(x1, y1, z0)]
        return front, top, side

    def outline(self) -> list[Point]:
        """The projected box's convex outline (a hexagon), clockwise on the page."""
        x0, x1, y0, y1, z0, z1 = self._corners()
        return [
            project(x0, y0, z0),
            project(x0, y0, z1),
            project(x1, y0, z1),
            project(x1, y1, z1),
            project(x1, y1, z0),
            project(x0, y1, z0),
        ]

    def bounds(self) -> tuple[float, float, float, float]:
        """Page bounds: left, top, right, bottom (the depth runs up and to the right)."""
        near, far = self.z, self.z + self.d
        return (
            self.x + near * OBLIQUE_X,
            self.y - far * OBLIQUE_Y,
            self.x + self.w + far * OBLIQUE_X,
            self.y + self.h - near * OBLIQUE_Y,
        )

    def contains(self, px: float, py: float) -> bool:
        """True if page point (px, py) falls on the drawn box."""
        return _in_convex(self.outline(), px, py)

    def front_center(self) -> Point:
        return project(self.x + self.w / 2, self.y + self.h / 2, self.z)


def _in_convex(poly: list[Point], px: float, py: float) -> bool:
    sign = 0.0
    n = len(poly)
    for i in range(n):
        ax, ay = poly[i]
        bx, by = poly[(i + 1) % n]
        cross = (bx - ax) * (py - ay) - (by - ay) * (px - ax)
        if cross != 0:
            if sign == 0:
                sign = cross
            elif (cross > 0) != (sign > 0):
                return False
    return True


@dataclass(frozen=True, slots=True)
class Label:
    """Text at a page point. `anchor` is the point of the text's box placed there, (0, 0) its
    top-left and (1, 1) its bottom-right; `offset` moves it by screen pixels (so it stays next to
    an edge at any zoom)."""

    x: float
    y: float
    text: str
    role: str = "edge"  # "edge", "title", "note", "error"
    anchor: tuple[float, float] = (0.5, 0.0)
    offset: tuple[float, float] = (0.0, 0.0)
    priority: int = 1  # higher is drawn first when labels would overlap
    # Other offsets to try, in order, when the text would overlap one already drawn.
    alternates: tuple[tuple[float, float], ...] = ()
    # Labels with the same key say one thing in different places: only the first placed shows.
    key: int | None = None


# --------------------------------------------------------------------------------------------------
# Shapes as boxes


@dataclass(frozen=True, slots=True)
class ShapeAxes:
    """How a channels-first shape maps onto the box: true sizes along w, h and d, and which of
    them is channels (scaled by the depth scale) rather than space."""

    w: int
    h: int
    d: int
    depth_is_channels: bool
    channels: int  # shown as "× C" when the depth axis is spatial (3-D layers)
    spatial_rank: int  # 0 (a vector), 1, 2 or 3


def shape_axes(shape: tuple[int, ...]) -> ShapeAxes:
    """Map [N], [C, L], [C, H, W] or [C, D, H, W] onto a box's width, height and depth."""
    if len(shape) == 1:
        return ShapeAxes(1, 1, shape[0], True, shape[0], 0)
    if len(shape) == 2:
        return ShapeAxes(shape[1], 1, shape[0], True, shape[0], 1)
    if len(shape) == 3:
        return ShapeAxes(shape[2], shape[1], shape[0], True, shape[0], 2)
    if len(shape) == 4:
        return ShapeAxes(shape[3], shape[2], shape[1], False, shape[0], 3)
    # Higher ranks are not in the format; fold the extra leading dims into the depth.
    return ShapeAxes(shape[-1], shape[-2], math.prod(shape[:-2]), True, math.prod(shape[:-2]), 2)


def shape_text(shape: tuple[int, ...] | None) -> str:
    """The shape as the article writes it: width × height × depth (3-D: W×H×D, C channels)."""
    if shape is None:
        return MISSING
    a = shape_axes(shape)
    if a.spatial_rank == 0:
        return f"{a.d:,}"
    if a.spatial_rank == 1:
        return f"{a.w:,}×{a.d:,}"
    if a.spatial_rank == 2:
        return f"{a.w:,}×{a.h:,}×{a.d:,}"
    return f"{a.w:,}×{a.h:,}×{a.d:,} ({a.channels:,} ch)"


def drawn_sizes(shape: tuple[int, ...], scale: str) -> tuple[float, float, float]:
    """Unclamped drawn w, h, d of a shape under the depth scale."""
    a = shape_axes(shape)
    d = scale_depth(a.d, scale) if a.depth_is_channels else float(a.d)
    return float(a.w), float(a.h), d


def spatial_to_axes(values: tuple, rank: int) -> tuple:
    """Reorder per-spatial-dimension values (engine order: D, H, W) to box order (x, y, z).

    Missing axes are None: 1-D layers have only x, 2-D layers x and y.
    """
    if rank == 1:
        return (values[0], None, None)
    if rank == 2:
        return (values[1], values[0], None)
    if rank == 3:
        return (values[2], values[1], values[0])
    return (None, None, None)


# --------------------------------------------------------------------------------------------------
# Placing a span of indices inside a drawn axis


@dataclass(frozen=True, slots=True)
class AxisMap:
    """One spatial dimension of a drawn box: its true size, padding and where it was drawn.

    `start`/`length` are the drawn position and length of indices 0..n-1; `pad_before`/`pad_after`
    the drawn thickness of the padding on either side.
    """

    n: int
    start: float
    length: float
    true_pad_before: int = 0
    true_pad_after: int = 0
    pad_before: float = 0.0
    pad_after: float = 0.0

    def place(self, first: int, last: int, min_len: float) -> tuple[float, float]:
        """Drawn start and length of indices first..last.

        Where nothing was enlarged this is exact (index i starts at start + i·unit). An enlarged
        span slides proportionally between the padded edges, so it still moves with its index
        and stays inside the padded box when it fits there.
        """
        unit = self.length / self.n
        true_len = last - first + 1
        # Enlarged, but never past the padded box it moves in (when it fits there at all).
        room = self.pad_before + self.length + self.pad_after
        size = min(max(true_len * unit, min_len), max(true_len * unit, room))
        free_true = self.n + self.true_pad_before + self.true_pad_after - true_len
        free_drawn = self.pad_before + self.length + self.pad_after - size
        t = (first + self.true_pad_before) / free_true if free_true > 0 else 0.0
        if free_true > 0 and free_drawn < 0:
            free_drawn = 0.0
        return self.start - self.pad_before + t * free_drawn, size


def clamp(value: float, min_len: float) -> tuple[float, bool]:
    """`value`, or `min_len` if it is smaller; and whether it was enlarged."""
    return (min_len, True) if value < min_len else (value, False)


def shape_box(
    shape: tuple[int, ...], x: float, y: float, role: str, scale: str, min_len: float
) -> Box:
    """A shape's box with its front-top-left corner at (x, y), no side thinner than `min_len`."""
    a = shape_axes(shape)
    w, h, d = drawn_sizes(shape, scale)
    w, cw = clamp(w, min_len)
    # A 1-D signal has no height: draw its strip thick enough to hold a kernel one can see.
    h, ch = clamp(h, 3 * min_len if a.spatial_rank == 1 else min_len)
    d, cd = clamp(d, min_len)
    return Box(x, y, 0.0, w, h, d, role, (a.w, a.h, a.d), cw or ch or cd)
