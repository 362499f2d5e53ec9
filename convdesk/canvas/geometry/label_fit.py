"""Label fitting: where a label's text lies at a view scale, which labels can be drawn without
touching, and which view shows a picture with all its labels whole. Plain Python, no Qt.

Text is measured by whoever can (Qt, or a stand-in in tests) and passed in as pixel sizes.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

from .primitives import Label

# When not even the labels fit in a view, the boxes get this share of it.
FALLBACK_SHARE = 0.5

# A label's size in screen pixels: (width, height), given by whoever can measure text.
Size = tuple[float, float]


def label_extent(label: Label, size: Size, zoom: float = 1.0) -> tuple[float, float, float, float]:
    """Where a label's text lies around its anchor point, in pixels: left, top, right, bottom."""
    w, h = size
    left = label.offset[0] * zoom - label.anchor[0] * w
    top = label.offset[1] * zoom - label.anchor[1] * h
    return (left, top, left + w, top + h)


def label_rect(
    label: Label, size: Size, units_per_px: float, zoom: float = 1.0
) -> tuple[float, float, float, float]:
    """A label's text rectangle in model units at a view scale of `units_per_px`."""
    x0, y0, x1, y1 = label_extent(label, size, zoom)
    u = units_per_px
    return (label.x + x0 * u, label.y + y0 * u, label.x + x1 * u, label.y + y1 * u)


def _spread(items: list[tuple[float, float, float]], s: float) -> float:
    """Pixel extent along one axis at `s` pixels per unit of items (model position, pixels
    before it, pixels after it)."""
    return max(x * s + b for x, _a, b in items) - min(x * s + a for x, a, _b in items)


def _largest_scale(items: list[tuple[float, float, float]], avail: float, hi: float) -> float:
    """The largest scale up to `hi` at which `_spread(items, s)` is at most `avail`, given that
    a scale near 0 fits.

    The extent is convex in the scale (the largest of lines less the least of lines) and made
    of straight pieces: Newton's steps from `hi` leftwards stay right of the answer (a convex
    function lies above its tangents) and land on it once on its piece, after a few steps
    where a search by halves takes forty.
    """
    s = hi
    for _ in range(len(items) + 2):  # a step per piece at most
        top = max(items, key=lambda t: t[0] * s + t[2])
        low = min(items, key=lambda t: t[0] * s + t[1])
        over = (top[0] * s + top[2]) - (low[0] * s + low[1]) - avail
        slope = top[0] - low[0]
        if over <= 0 or slope <= 0:
            return s  # fits (or, by rounding, seems not to shrink: fit_view checks)
        s -= over / slope
    return s


def fit_view(
    bounds: tuple[float, float, float, float],
    labels: list[Label],
    sizes: list[Size],
    view: Size,
    zoom: float = 1.0,
    top_px: float = 0.0,
    margin_px: float = 8.0,
    side_px: float | None = None,
) -> tuple[float, float, float, float]:
    """The model rectangle (left, top, width, height) to show in a `view` of (width, height)
    pixels so the boxes in `bounds` and every label (text of `sizes` pixels) are inside it,
    below `top_px` pixels kept free for the caption, `margin_px` in from the top and bottom
    and `side_px` (`margin_px` when None) from the sides, one scale on both axes, as large as
    fits.

    Labels keep their pixel size whatever the scale, so the scale is searched for: the
    pixel extent of the picture only grows with it.
    """
    left, top, right, bottom = bounds
    side = margin_px if side_px is None else side_px
    xs, ys = _extents(bounds, labels, sizes, zoom)
    avail_w = max(view[0] - 2 * side, 1.0)
    avail_h = max(view[1] - top_px - 2 * margin_px, 1.0)

    def fits(s: float) -> bool:
        return _spread(xs, s) <= avail_w and _spread(ys, s) <= avail_h

    hi = min(avail_w / max(right - left, 1e-9), avail_h / max(bottom - top, 1e-9))
    if not fits(hi * 1e-6):
        # The labels alone do not fit (a small view, large text): give the boxes half the room;
        # the labels that do not fit whole are left out when drawn.
        lo = hi * FALLBACK_SHARE
    else:
        # A hair inside the exact scale, so rounding cannot leave the extent too wide.
        lo = min(_largest_scale(xs, avail_w, hi), _largest_scale(ys, avail_h, hi)) * (1 - 1e-9)
        if not fits(lo):  # never seen: the search by halves, as a last resort
            lo = 0.0
            for _ in range(40):
                mid = (lo + hi) / 2
                if fits(mid):
                    lo = mid
                else:
                    hi = mid
    return _centred(max(lo, 1e-12), xs, ys, view, top_px, margin_px, side)


Extent = list[tuple[float, float, float]]  # (model position, pixels before it, pixels after it)


def _extents(
    bounds: tuple[float, float, float, float], labels: list[Label], sizes: list[Size], zoom: float
) -> tuple[Extent, Extent]:
    """What the picture spans along x and along y: its boxes' edges and its labels' text."""
    left, top, right, bottom = bounds
    xs = [(left, 0.0, 0.0), (right, 0.0, 0.0)]
    ys = [(top, 0.0, 0.0), (bottom, 0.0, 0.0)]
    for label, size in zip(labels, sizes, strict=True):
        x0, y0, x1, y1 = label_extent(label, size, zoom)
        xs.append((label.x, x0, x1))
        ys.append((label.y, y0, y1))
    return xs, ys


def _centred(
    s: float, xs: Extent, ys: Extent, view: Size, top_px: float, margin_px: float, side_px: float
) -> tuple[float, float, float, float]:
    """The model rectangle shown at `s` pixels a unit with the picture centred in the room
    under the caption (`top_px`), `margin_px` in from the top and bottom, `side_px` from the
    sides."""
    avail_w = max(view[0] - 2 * side_px, 1.0)
    avail_h = max(view[1] - top_px - 2 * margin_px, 1.0)
    px_left = min(x * s + a for x, a, _b in xs)
    px_top = min(y * s + a for y, a, _b in ys)
    free_w = avail_w - _spread(xs, s)
    free_h = avail_h - _spread(ys, s)
    view_left = (px_left - side_px - max(free_w, 0.0) / 2) / s
    view_top = (px_top - top_px - margin_px - max(free_h, 0.0) / 2) / s
    return (view_left, view_top, view[0] / s, view[1] / s)


def view_at(
    s: float,
    bounds: tuple[float, float, float, float],
    labels: list[Label],
    sizes: list[Size],
    view: Size,
    zoom: float,
    top_px: float,
    margin_px: float,
    side_px: float,
) -> tuple[float, float, float, float]:
    """The model rectangle shown at `s` pixels a unit, the boxes and `labels` centred as
    `fit_view` centres them, `side_px` in from the view's sides."""
    xs, ys = _extents(bounds, labels, sizes, zoom)
    return _centred(s, xs, ys, view, top_px, margin_px, side_px)


# Room kept free either side of a label, in pixels at zoom 1.0 (a word's space).
LABEL_GAP_PX = 6.0
# Room kept free between a label and the edge of the area it goes in (pixels at zoom 1.0): a
# label slid sideways to make room would otherwise end flush with the picture's edge.
EDGE_PX = 4.0
# Where along a centred name or shape label its anchor may lie, tried in turn at each height: a
# label slides sideways past a neighbour's before it moves a line away from its block.
SLIDES = (0.5, 0.35, 0.65, 0.2, 0.8)

Rect = tuple[float, float, float, float]
# How many of the labels placed last each try checks first (a row of names every other a line
# higher is blocked by the last but one).
RECENT = 3
Cell = tuple[int, int]  # a square of the grid that place_labels files rectangles in


def place_labels(
    labels: list[Label],
    sizes: list[Size],
    to_px: tuple[float, float, float, float],
    area: Rect,
    scale: float = 1.0,
    keep_out: tuple[Rect, ...] = (),
    avoid: Sequence[Rect] = (),
) -> list[tuple[int, Rect]]:
    """Where the labels go on screen: (label number, pixel rectangle), none touching another.

    `labels` come most important first, `sizes` are their text sizes in pixels; `to_px` maps a
    model point to pixels, (sx, sy, dx, dy): px = x·sx + dx, py = y·sy + dy. A label tries its
    offset, then each alternate (a centred name or shape label also slides sideways at each,
    its anchor kept over its middle: see SLIDES), and takes the first place that lies wholly
    inside `area` (EDGE_PX in from its sides), off every `keep_out` rectangle (pixels), off
    every `avoid` rectangle (model units: the blocks) and a word's space from every label
    already placed; a label with no such place is left out, and so is one whose `key` an
    earlier label already showed.
    Offsets are pixels at text `scale` 1.0.

    The canvas places its labels with this function, and the tests check what it returns.
    """
    sx, sy, dx, dy = to_px
    cell = 96.0 * scale
    # Placed labels and blocks in cells of a grid. A cell's blocks also keep their hull: a try
    # that misses it misses all of them (thousands of blocks at Fit share a few cells).
    taken: dict[Cell, list[Rect]] = {}
    blocks: dict[Cell, list[Rect]] = {}
    hulls: dict[Cell, Rect] = {}
    grids = (taken, blocks, hulls)
    placed: list[tuple[int, Rect]] = []
    al, at, ar, ab = area
    for x0, y0, x1, y1 in avoid:
        r = (x0 * sx + dx, y0 * sy + dy, x1 * sx + dx, y1 * sy + dy)
        if r[2] < al or r[0] > ar or r[3] < at or r[1] > ab:
            continue
        for i in range(math.floor(r[0] / cell), math.floor(r[2] / cell) + 1):
            for j in range(math.floor(r[1] / cell), math.floor(r[3] / cell) + 1):
                blocks.setdefault((i, j), []).append(r)
    edge = EDGE_PX * scale
    al, at, ar, ab = area = (al + edge, at + edge, ar - edge, ab - edge)
    for k, rects in blocks.items():
        lefts, tops, rights, bottoms = zip(*rects, strict=True)
        hulls[k] = (min(lefts), min(tops), max(rights), max(bottoms))
    said: set[int] = set()
    recent: list[Rect] = []  # the labels placed last, latest first
    for n, (label, (width, height)) in enumerate(zip(labels, sizes, strict=True)):
        if not label.text or label.key in said:
            continue
        px, py = label.x * sx + dx, label.y * sy + dy
        # Far outside the area no offset brings it in: skip it cheaply.
        if px < al - 800 * scale or px > ar + 800 * scale:
            continue
        if py < at - 300 * scale or py > ab + 300 * scale:
            continue
        # A centred name or shape label slides sideways before it moves a line away; any other
        # keeps its anchor.
        slides = (
            SLIDES
            if label.role in ("title", "edge") and label.anchor[0] == 0.5
            else (label.anchor[0],)
        )
        found = _first_place(
            label, (width, height), (px, py), slides, scale, area, keep_out, recent, cell, grids
        )
        if found is None:
            continue
        rect, padded, keys = found
        for k in keys:
            taken.setdefault(k, []).append(padded)
        recent[:] = [padded, *recent[: RECENT - 1]]
        placed.append((n, rect))
        if label.key is not None:
            said.add(label.key)
    return placed


def _first_place(
    label: Label,
    size: Size,
    at: tuple[float, float],
    slides: tuple[float, ...],
    scale: float,
    area: Rect,
    keep_out: tuple[Rect, ...],
    recent: list[Rect],
    cell: float,
    grids: tuple[dict[Cell, list[Rect]], dict[Cell, list[Rect]], dict[Cell, Rect]],
) -> tuple[Rect, Rect, list[Cell]] | None:
    """A label's first free place, tried in `place_labels`' order: its rectangle, the same with
    the room kept around it, and the grid cells that covers; None if it has none."""
    width, height = size
    px, py = at
    al, at_, ar, ab = area
    gap = LABEL_GAP_PX * scale
    taken, blocks, hulls = grids
    lo, hi = min(slides), max(slides)
    floor = math.floor
    # The tests below are written out as loops: they run for every try of every label, several
    # times per edit (a generator per `any` cost as much as the tests themselves).
    for offset in (label.offset, *label.alternates):
        top = py + offset[1] * scale - label.anchor[1] * height
        bottom = top + height
        base = px + offset[0] * scale
        # Labels come along the picture: those placed last are the likeliest in the way. When
        # one is in the way of every slide at this height, none need be tried.
        row_left, row_right = base - lo * width - gap, base - hi * width + width + gap
        blocked = False
        for r in recent:
            if top - 1 < r[3] and r[1] < bottom + 1 and row_left < r[2] and r[0] < row_right:
                blocked = True
                break
        if blocked or not (at_ <= top and bottom <= ab):
            continue
        p1, p3 = top - 1, bottom + 1
        j0, j1 = floor(p1 / cell), floor(p3 / cell) + 1
        for ax in slides:
            left = base - ax * width
            right = left + width
            if not (al <= left and right <= ar):
                continue
            rect = (left, top, right, bottom)
            if keep_out and any(_touch(rect, k) for k in keep_out):
                continue
            p0, p2 = left - gap, right + gap
            hit = False
            for r in recent:
                if p0 < r[2] and r[0] < p2 and p1 < r[3] and r[1] < p3:
                    hit = True
                    break
            if hit:
                continue
            padded = (p0, p1, p2, p3)
            keys = [
                (i, j) for i in range(floor(p0 / cell), floor(p2 / cell) + 1) for j in range(j0, j1)
            ]
            if not _hits(padded, keys, taken) and not _hits(padded, keys, blocks, hulls):
                return rect, padded, keys
    return None


def _hits(
    p: Rect,
    keys: list[Cell],
    grid: dict[Cell, list[Rect]],
    hulls: dict[Cell, Rect] | None = None,
) -> bool:
    """Whether `p` touches a rectangle of `grid` in the cells `keys` (skipping the cells whose
    hull it misses)."""
    p0, p1, p2, p3 = p
    for k in keys:
        rects = grid.get(k)
        if not rects:
            continue
        if hulls is not None:
            h = hulls[k]
            if not (p0 < h[2] and h[0] < p2 and p1 < h[3] and h[1] < p3):
                continue
        # _touch(p, r) written out: this test runs for every try of every label.
        for r in rects:
            if p0 < r[2] and r[0] < p2 and p1 < r[3] and r[1] < p3:
                return True
    return False


def _touch(a: Rect, b: Rect) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def stand_apart(labels: Sequence[Label], sizes: Sequence[Size], scale: float, zoom: float) -> bool:
    """Whether each label keeps the room `place_labels` asks of it (a word's space beside it, a
    pixel above and below) from the next one in `labels` (a row of numbers, in order), when the
    view shows `scale` pixels per model unit. Shown smaller, they stand closer still: when they
    do not stand apart at the largest scale a picture is shown at, no fit can place them all."""
    gap = LABEL_GAP_PX * zoom
    padded: list[Rect] = []
    for label, size in zip(labels, sizes, strict=True):
        x0, y0, x1, y1 = label_extent(label, size, zoom)
        px, py = label.x * scale, label.y * scale
        padded.append((px + x0 - gap, py + y0 - 1, px + x1 + gap, py + y1 + 1))
    return not any(_touch(a, b) for a, b in itertools.pairwise(padded))
