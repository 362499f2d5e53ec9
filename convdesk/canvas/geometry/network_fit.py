"""Fitting the network view into a view: room for the input's and the output's shapes where
they will stand, and no block drawn thinner than LEAST_PX where the view allows. Plain Python.

`label_fit.fit_view` makes room for each label at its first place. Among a long network's
blocks that place may be taken by a neighbour's block (VGG16's output "1,000" under its bar,
beside the taller bar of the flattened 25,088 values), and `place_labels` then moves the label a
line further, which may lie outside the view: the output's shape went unsaid in the small strip
over the layer view. Here the ends' shapes are placed at the fitted scale; one that found no
place gets the room of the first of its places that no block covers, and the view is fitted
again. Then, if the thinnest side of a block is drawn under LEAST_PX pixels while the picture
would fit larger, it is shown larger: the blocks are what must be seen; a label with no room
is left out, as any other.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from .label_fit import Rect, Size, fit_view, label_extent, place_labels, view_at
from .network_layout import ENDS_PRIORITY, SELECTED_PRIORITY
from .primitives import Label

# The thinnest side of a block, in pixels, when the whole picture allows it.
LEAST_PX = 4.0
# Fits tried with the ends' labels moved to where they will stand.
ROUNDS = 3
# Room kept between the picture and the view's sides, in pixels at text scale 1: a name is not
# read hard against the edge of a slide (the Inception module's "fc" stood 10 px from it).
MARGIN_PX = 24.0
View = tuple[float, float, float, float]  # a model rectangle: left, top, width, height
FAR = 1e9


def fit_network(
    bounds: tuple[float, float, float, float],
    labels: list[Label],
    sizes: list[Size],
    view: Size,
    zoom: float = 1.0,
    top_px: float = 0.0,
    margin_px: float = 8.0,
    avoid: Sequence[Rect] = (),
    thinnest: float = 0.0,
) -> View:
    """`fit_view`'s rectangle (left, top, width, height) for the network's `bounds` and edge
    `labels`, with room for the ends' shapes where `place_labels` will put them among the
    blocks (`avoid`, model units); shown larger if the `thinnest` side of a block (model
    units) would be drawn under LEAST_PX pixels, as far as the boxes, the ends' shapes and
    the headings still fit (the other labels then find room where they can, or are left
    out). MARGIN_PX (at text scale 1) is kept clear at the view's sides."""
    side = max(margin_px, MARGIN_PX * zoom)
    rect = fit_view(bounds, labels, sizes, view, zoom, top_px, margin_px, side)
    ends = [i for i, lb in enumerate(labels) if lb.priority >= ENDS_PRIORITY and lb.role == "edge"]
    # Where the ends' shapes, the names and the headings go, most important first: each is
    # given room where it will stand.
    named = [i for i, lb in enumerate(labels) if i in ends or lb.role == "title"]
    named.sort(key=lambda i: -labels[i].priority)
    fitted = list(labels)
    for _ in range(ROUNDS if ends and avoid else 0):
        moved = _moved_ends(labels, sizes, named, rect, view, zoom, top_px, avoid, side)
        if not moved:
            break
        for i, label in moved.items():
            fitted[i] = label
        rect = fit_view(bounds, fitted, sizes, view, zoom, top_px, margin_px, side)
    if thinnest <= 0 or thinnest * view[0] / rect[2] >= LEAST_PX:
        return rect
    # Blocks too thin: larger, as far as the boxes, the ends' shapes and the headings (stages'
    # names, "× N" counts) still fit.
    keep = [i for i, lb in enumerate(labels) if lb.priority > SELECTED_PRIORITY]
    kept = [fitted[i] for i in keep]
    kept_sizes = [sizes[i] for i in keep]
    most = fit_view(bounds, kept, kept_sizes, view, zoom, top_px, margin_px, side)
    s = min(LEAST_PX / thinnest, view[0] / most[2])
    if s <= view[0] / rect[2]:
        return rect
    larger = view_at(s, bounds, kept, kept_sizes, view, zoom, top_px, margin_px, side)
    # Not at the cost of an end's shape that the smaller view shows.
    said = _said(labels, _placed(labels, sizes, ends, rect, view, zoom, top_px, avoid))
    if said <= _said(labels, _placed(labels, sizes, ends, larger, view, zoom, top_px, avoid)):
        return larger
    return rect


def _to_px(rect: View, view: Size) -> tuple[float, float, float, float]:
    s = view[0] / rect[2]
    return (s, s, -rect[0] * s, -rect[1] * s)


def _placed(
    labels: list[Label],
    sizes: list[Size],
    ends: list[int],
    rect: View,
    view: Size,
    zoom: float,
    top_px: float,
    avoid: Sequence[Rect],
) -> dict[int, Rect]:
    """Where `place_labels` puts the ends' labels in the view `rect` (they come first)."""
    area = (0.0, 0.0, float(view[0]), float(view[1]))
    keep_out = ((0.0, 0.0, float(view[0]), top_px),)
    chosen = [labels[i] for i in ends]
    chosen_sizes = [sizes[i] for i in ends]
    found = place_labels(chosen, chosen_sizes, _to_px(rect, view), area, zoom, keep_out, avoid)
    return {ends[n]: r for n, r in found}


def _said(labels: list[Label], placed: dict[int, Rect]) -> set[int]:
    """What the placed labels say: one of each key (a label without one, itself)."""
    said: set[int] = set()
    for i in placed:
        key = labels[i].key
        said.add(-1 - i if key is None else key)
    return said


def _moved_ends(
    labels: list[Label],
    sizes: list[Size],
    ends: list[int],
    rect: View,
    view: Size,
    zoom: float,
    top_px: float,
    avoid: Sequence[Rect],
    side_px: float,
) -> dict[int, Label]:
    """The ends' labels that `place_labels` leaves out in the view `rect`, or puts within
    `side_px` of its sides, each moved to where it goes (when left out: where it goes when
    the view's edges do not stop it, the first of its places that no block covers). A moved
    label has that one place."""
    to_px = _to_px(rect, view)
    placed = _placed(labels, sizes, ends, rect, view, zoom, top_px, avoid)
    said = _said(labels, placed)
    moved: dict[int, Label] = {}
    anywhere = (-FAR, -FAR, FAR, FAR)
    for i in ends:
        label = labels[i]
        r = placed.get(i)
        if not label.text or (r is None and label.key in said):
            continue  # said in another of its places
        if r is None:
            found = place_labels([label], [sizes[i]], to_px, anywhere, zoom, (), avoid)
            if not found:
                continue
            r = found[0][1]
        elif side_px <= r[0] and r[2] <= view[0] - side_px:
            continue
        px, py = label.x * to_px[0] + to_px[2], label.y * to_px[1] + to_px[3]
        x0, y0, _x1, _y1 = label_extent(label, sizes[i], zoom)
        if abs(r[0] - px - x0) > 0.5 or abs(r[1] - py - y0) > 0.5:
            offset = ((r[0] - px) / zoom, (r[1] - py) / zoom)
            moved[i] = replace(label, anchor=(0.0, 0.0), offset=offset, alternates=())
    return moved
