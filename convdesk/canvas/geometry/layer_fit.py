"""Fitting the layer view so every label is shown beside what it names. Plain Python, no Qt.

`label_fit.fit_view` makes room for each label at its first place; at a projector's zoom those
places can clash (a depth label under the kernel's name, a height label in a gap narrower than
its text), and `label_fit.place_labels` then moves a label to an alternate far from its block,
or leaves it out. Here the enlarged output cell's lines are tried in a few places (over the
cell on two lines or a dimension a line, to its right, or under it with the cell below the
output in a tall view); for each, the blocks are drawn further apart where the labels between
them need it, and the picture is shown a step smaller until every label (one of each `key`) is
placed beside its first place, but never below LEAST_SCALE of its plain fit.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .label_fit import LABEL_GAP_PX, Rect, Size, fit_view, label_extent, place_labels
from .layer_scene import LayerScene, block_rects
from .primitives import OBLIQUE_X, Box, Label

# A label is beside its first place when its text lies within this many pixels of it (at text
# scale 1). The kernel's name (priority KERNEL_PRIORITY) moves with the kernel and may climb out
# of the input's face, so it is not held to this.
NEAR_PX = 30.0
KERNEL_PRIORITY = 5
# Each try shows the picture this much smaller, up to this many tries.
SHRINK = 0.92
TRIES = 10
# Tries at drawing the input and the output further apart.
GAP_TRIES = 3
# Room is made for labels down to this share of the plain picture's scale, no further: past
# it a label is left out rather than the drawing made too small to read.
LEAST_SCALE = 0.6
# How far under its block a title sits (layer_scene's title offset), in pixels at scale 1.
TITLE_DROP_PX = 26.0
# A view whose room under the caption is taller than this share of its width also tries the
# enlarged output cell under the output (presentation mode), where the height is spare.
TALL_VIEW = 0.75

Placed = list[tuple[int, Rect]]
Gaps = tuple[float, float]  # least room: input to output, output to the enlarged cell
# Where the enlarged cell's lines go ("above" it, "below" it with the cell under the output,
# or to its "right"), and whether they are narrow (a dimension a line).
Variant = tuple[str, bool]
View = tuple[float, float, float, float]  # a model rectangle: left, top, width, height


@dataclass(slots=True)
class Picture:
    """What the layer view shows: its page bounds, labels (most important first) with their
    text sizes in pixels, the blocks no label covers, and the gap between input and output
    (model units; 0 when they are not side by side) with the output's left edge."""

    bounds: tuple[float, float, float, float]
    labels: list[Label]
    sizes: list[Size]
    avoid: list[Rect]
    gap: float = 0.0
    output_left: float = 0.0
    output_side: float = 0.0  # how far right its top face reaches past its front face
    output_right: float = 0.0  # its front face's right edge
    lowest: float = 0.0  # the bottom of the lowest block
    extra: Box | None = None  # the enlarged cell
    place: str = "above"  # where its lines are (see Variant)


def picture_of(
    scene: LayerScene,
    labels: list[Label],
    sizes: list[Size],
    extra: Box | None = None,
    place: str = "above",
) -> Picture:
    """The Picture of a layer scene with its `labels` (most important first) and the `extra`
    box drawn beside it (the enlarged output cell) with its lines at `place`."""
    bounds = scene.bounds()
    if extra is not None:
        b = extra.bounds()
        bounds = (
            min(bounds[0], b[0]),
            min(bounds[1], b[1]),
            max(bounds[2], b[2]),
            max(bounds[3], b[3]),
        )
    output = next((b for b in scene.boxes if b.role == "output"), None)
    left, side = (0.0, 0.0) if output is None else (output.x, output.d * OBLIQUE_X)
    right = 0.0 if output is None else output.x + output.w
    lowest = scene.bounds()[3]
    avoid = block_rects(scene, (extra,))
    return Picture(bounds, labels, sizes, avoid, scene.gap, left, side, right, lowest, extra, place)


@dataclass(slots=True)
class Fit:
    """A fitted layer view: the gaps asked of the drawing (0: its own), where the enlarged
    cell and its lines go (see Variant), the picture, the model rectangle shown, where the
    labels go, and how many of them lie beside their first places."""

    gaps: Gaps
    variant: Variant
    picture: Picture
    rect: View
    placed: Placed
    near: int
    plain: float  # the model width fit_view shows of the variant's plain picture (no gaps)


def fit_picture(
    build: Callable[[Gaps, Variant], Picture],
    view: Size,
    zoom: float,
    top_px: float,
    margin_px: float,
) -> Fit:
    """Fit what `build(gaps, variant)` draws: the input and the output drawn at least `gaps[0]`
    apart when the output's labels need that much room at the fitted scale, the enlarged cell
    at least `gaps[1]` right of the output when its lines need it. The enlarged cell's lines
    are tried over the cell, narrow (a dimension a line) and wide (two lines), and narrow to
    its right; in a view taller than TALL_VIEW the cell below the output is tried first. At
    100 % the first with every label beside its place wins; zoomed in, the largest of those;
    when none has every label, the one with the most."""
    fits: list[Fit] = []
    for variant in variants(view, top_px):
        fit = _fit_gap(build, variant, view, zoom, top_px, margin_px)
        if fit.picture.extra is None:
            return fit  # no enlarged cell (a layer without a window): every variant is this one
        fits.append(fit)
        if zoom <= 1.0 and fit.near >= _wanted(fit.picture.labels) and _large(fit, fits[0]):
            return fit  # at 100 %: the first variant with every label beside its place
    # Zoomed (a projector), or none shows every label beside its place: the most labels, in
    # the largest picture not much smaller than the plain one.
    large = [f for f in fits if _large(f, fits[0])] or fits
    return max(large, key=lambda f: (f.near - _wanted(f.picture.labels), -f.rect[2]))


def variants(view: Size, top_px: float) -> list[Variant]:
    """The places `fit_picture` tries for the enlarged cell's lines, in turn."""
    tried: list[Variant] = [("above", True), ("above", False), ("right", True)]
    if view[1] - top_px > TALL_VIEW * view[0]:
        tried.insert(0, ("below", True))
    return tried


def _large(fit: Fit, first: Fit) -> bool:
    """Whether `fit` shows the picture at least LEAST_SCALE of `first`'s plain scale."""
    return fit.rect[2] <= first.plain / LEAST_SCALE


def _fit_gap(
    build: Callable[[Gaps, Variant], Picture],
    variant: Variant,
    view: Size,
    zoom: float,
    top_px: float,
    margin_px: float,
) -> Fit:
    """The fit of one variant: the plain picture whole; else with more room between its
    blocks where its labels need it; and the plain picture shown smaller only when that shows
    every label in a larger picture (a smaller picture has less room between its blocks, so
    the room is tried first: for a label between the blocks every smaller try is in vain)."""
    gaps = (0.0, 0.0)
    first = picture = build(gaps, variant)
    plain = plain_view(picture, view, zoom, top_px, margin_px)
    wanted = _wanted(picture.labels)
    rect, placed, near = fit_layer(picture, view, zoom, top_px, margin_px, plain, plain[2])
    best = Fit(gaps, variant, picture, rect, placed, near, plain[2])
    if near >= wanted:
        return best
    widest = plain[2] / LEAST_SCALE
    for _ in range(GAP_TRIES):
        # Labels left out or far from their places: more room between the blocks, where the
        # labels there need it at this scale.
        units = rect[2] / view[0]  # model units per pixel
        need = gap_needed(picture, zoom, units)
        cell = _cell_gap_needed(picture, zoom, units)
        more = picture.gap > 0 and need > picture.gap * 1.02
        more_cell = cell > _cell_gap(picture) * 1.02
        if not (more or more_cell):
            break
        gaps = (need * 1.05 if more else gaps[0], cell * 1.05 if more_cell else gaps[1])
        picture = build(gaps, variant)
        rect, placed, near = fit_layer(picture, view, zoom, top_px, margin_px, widest=widest)
        fit = Fit(gaps, variant, picture, rect, placed, near, plain[2])
        if _large(fit, best) and (fit.near, -fit.rect[2]) > (best.near, -best.rect[2]):
            best = fit
        if near >= wanted:
            break
    # The plain picture shown smaller, down to LEAST_SCALE, or only to the size of a fit
    # above that shows every label: what a smaller try shows can only be smaller.
    limit = best.rect[2] if best.near >= wanted else widest
    start = _smaller(plain)
    if start[2] < limit:
        rect, placed, near = fit_layer(first, view, zoom, top_px, margin_px, start, limit)
        shrunk = Fit((0.0, 0.0), variant, first, rect, placed, near, plain[2])
        if (shrunk.near, -shrunk.rect[2]) > (best.near, -best.rect[2]):
            best = shrunk
    return best


def _below(picture: Picture) -> bool:
    return picture.extra is not None and picture.extra.y >= picture.lowest


def _cell_gap(picture: Picture) -> float:
    """The room the enlarged cell has now: right of the output's front face, or under the
    lowest block when it sits below."""
    extra = picture.extra
    if extra is None:
        return 0.0
    if _below(picture):
        return extra.y - picture.lowest
    return extra.x - picture.output_right


def _cell_gap_needed(picture: Picture, zoom: float, units: float) -> float:
    """Model units of room the enlarged cell needs: right of the output's front face so its
    lines (centred over it) stay clear of the output's top; under the lowest block, when it
    sits below, so the titles under the blocks stay clear of it."""
    extra = picture.extra
    if extra is None:
        return 0.0
    sized = list(zip(picture.labels, picture.sizes, strict=True))
    if _below(picture):
        tallest = max((size[1] for lb, size in sized if lb.role == "title"), default=0.0)
        return (tallest + (TITLE_DROP_PX + 2 * LABEL_GAP_PX) * zoom) * units
    if picture.place == "right":
        return 0.0  # the lines are right of the cell, clear of the output
    widest = max((size[0] for lb, size in sized if lb.priority == 4), default=0.0)
    half = (widest / 2 + 2 * LABEL_GAP_PX * zoom) * units
    return picture.output_side + half - extra.w / 2


def gap_needed(picture: Picture, zoom: float, units: float) -> float:
    """Model units between the input and the output that the output's left labels need at
    `units` model units per pixel."""
    left, reach = picture.output_left, picture.output_left + picture.output_side
    widths = [
        size[0] + (abs(label.offset[0]) + 2 * LABEL_GAP_PX) * zoom
        for label, size in zip(picture.labels, picture.sizes, strict=True)
        if label.role == "edge" and label.anchor[0] == 1.0 and left <= label.x <= reach
    ]
    return max(widths, default=0.0) * units


def fit_layer(
    picture: Picture,
    view: Size,
    zoom: float,
    top_px: float,
    margin_px: float,
    start: View | None = None,
    widest: float | None = None,
) -> tuple[View, Placed, int]:
    """The model rectangle (left, top, width, height) to show in `view` pixels, where the
    labels go in it (label number, pixel rectangle) below the caption's `top_px`, and how many
    lie beside their first places: the largest picture, from `fit_view`'s down (or from
    `start`, that view computed already) to one `widest` model units wide, whose labels are all
    shown beside them; when none is, the one showing the most of them."""
    labels, sizes = picture.labels, picture.sizes
    rect = start or plain_view(picture, view, zoom, top_px, margin_px)
    best: tuple[int, View, Placed] | None = None
    wanted = _wanted(labels)
    for tried in range(TRIES):
        if tried and widest is not None and rect[2] > widest:
            break  # smaller than LEAST_SCALE of the plain picture: left out, not shrunk for
        placed = placement(picture, rect, view, zoom, top_px)
        near = sum(1 for n, r in placed if beside(labels[n], sizes[n], r, rect, view, zoom))
        if near >= wanted:
            return rect, placed, near
        if best is None or near > best[0]:
            best = (near, rect, placed)
        rect = _smaller(rect)
    assert best is not None
    return best[1], best[2], best[0]


def plain_view(picture: Picture, view: Size, zoom: float, top_px: float, margin_px: float) -> View:
    """`fit_view` of the picture with each label at its first place (the first label of each
    key: the others are places it may go instead)."""
    said: set[int] = set()
    first: list[tuple[Label, Size]] = []
    for label, size in zip(picture.labels, picture.sizes, strict=True):
        if label.key is not None:
            if label.key in said:
                continue
            said.add(label.key)
        first.append((label, size))
    labels = [lb for lb, _s in first]
    sizes = [sz for _lb, sz in first]
    return fit_view(picture.bounds, labels, sizes, view, zoom, top_px, margin_px)


def placement(picture: Picture, rect: View, view: Size, zoom: float, top_px: float) -> Placed:
    """Where `place_labels` puts the labels when the view shows the model rectangle `rect`."""
    s = view[0] / rect[2]
    to_px = (s, s, -rect[0] * s, -rect[1] * s)
    area = (0.0, 0.0, float(view[0]), float(view[1]))
    keep_out = ((0.0, 0.0, float(view[0]), top_px),)
    return place_labels(picture.labels, picture.sizes, to_px, area, zoom, keep_out, picture.avoid)


def beside(label: Label, size: Size, placed: Rect, rect: View, view: Size, zoom: float) -> bool:
    """Whether a label placed at pixel rectangle `placed` lies beside its first place when the
    view shows `rect` (the kernel's name always is)."""
    if label.priority >= KERNEL_PRIORITY:
        return True
    s = view[0] / rect[2]
    x0, y0, x1, y1 = label_extent(label, size, zoom)
    px, py = (label.x - rect[0]) * s, (label.y - rect[1]) * s
    first = (px + x0, py + y0, px + x1, py + y1)
    # Along its line a label may slide until its text is a gap away; across, it may move
    # about a line, not more.
    dx = max(first[0] - placed[2], 0.0, placed[0] - first[2])
    dy = abs((first[1] + first[3]) - (placed[1] + placed[3])) / 2
    return dx <= NEAR_PX * zoom and dy <= NEAR_PX * zoom


def _wanted(labels: Sequence[Label]) -> int:
    """How many labels should be shown: one of each key, every label without one."""
    keys = {lb.key for lb in labels if lb.text and lb.key is not None}
    return len(keys) + sum(1 for lb in labels if lb.text and lb.key is None)


def _smaller(rect: View) -> View:
    """The same centre, the picture shown SHRINK times as large."""
    left, top, width, height = rect
    w, h = width / SHRINK, height / SHRINK
    return (left - (w - width) / 2, top - (h - height) / 2, w, h)
