"""Cell detail for small layers: padding cells drawn as cells, and the index of every row and
column, so a class can follow the kernel cell by cell (as on a whiteboard grid).

Only for inputs of at most SMALL_CELLS per side, where the cells are big enough to count.
"""

from __future__ import annotations

from .geometry import AxisMap, Label, LayerScene, Segment, project

SMALL_CELLS = 16


def is_small(scene: LayerScene) -> bool:
    """True for a sliding-window layer whose input and output have at most SMALL_CELLS a side."""
    if scene.kind not in ("window", "transposed") or len(scene.in_axes) < 2:
        return False
    axes = [ax for ax in (*scene.in_axes[:2], *scene.out_axes[:2]) if ax is not None]
    return bool(axes) and all(ax.n <= SMALL_CELLS for ax in axes)


def _exact(ax: AxisMap) -> bool:
    """Padding drawn to scale (not enlarged to be seen), so its cells can be drawn."""
    unit = ax.length / ax.n
    return all(
        abs(drawn - true * unit) < 1e-6 * max(unit, 1.0)
        for drawn, true in ((ax.pad_before, ax.true_pad_before), (ax.pad_after, ax.true_pad_after))
    )


def _cuts(ax: AxisMap) -> list[float]:
    """Drawn positions of the cell edges in the padding of one axis, the input's edges included."""
    unit = ax.length / ax.n
    before = [ax.start - i * unit for i in range(ax.true_pad_before + 1)]
    end = ax.start + ax.length
    after = [end + i * unit for i in range(ax.true_pad_after + 1)]
    return before + after


def padding_grid(scene: LayerScene) -> list[Segment]:
    """The lines between padding cells on the front face (the input's own cells are drawn)."""
    ax_x, ax_y = scene.in_axes[0], scene.in_axes[1]
    if ax_x is None or ax_y is None or not (_exact(ax_x) and _exact(ax_y)):
        return []
    pads = (ax_x.true_pad_before, ax_x.true_pad_after, ax_y.true_pad_before, ax_y.true_pad_after)
    if not any(pads):
        return []
    top, bottom = ax_y.start - ax_y.pad_before, ax_y.start + ax_y.length + ax_y.pad_after
    left, right = ax_x.start - ax_x.pad_before, ax_x.start + ax_x.length + ax_x.pad_after
    unit_x, unit_y = ax_x.length / ax_x.n, ax_y.length / ax_y.n
    inner_x = [ax_x.start + i * unit_x for i in range(1, ax_x.n)]
    inner_y = [ax_y.start + j * unit_y for j in range(1, ax_y.n)]
    segs: list[Segment] = []
    for x in _cuts(ax_x):
        segs.append((*project(x, top, 0.0), *project(x, bottom, 0.0)))
    for y in _cuts(ax_y):
        segs.append((*project(left, y, 0.0), *project(right, y, 0.0)))
    # The input's own cell lines, carried on through the padding bands above, below and beside.
    for x in inner_x:
        segs.append((*project(x, top, 0.0), *project(x, ax_y.start, 0.0)))
        segs.append((*project(x, ax_y.start + ax_y.length, 0.0), *project(x, bottom, 0.0)))
    for y in inner_y:
        segs.append((*project(left, y, 0.0), *project(ax_x.start, y, 0.0)))
        segs.append((*project(ax_x.start + ax_x.length, y, 0.0), *project(right, y, 0.0)))
    return segs


def _axis_labels(ax_x: AxisMap, ax_y: AxisMap) -> list[list[Label]]:
    """Column numbers above the (padded) face, row numbers to its left; padding unnumbered."""
    unit_x, unit_y = ax_x.length / ax_x.n, ax_y.length / ax_y.n
    top = ax_y.start - ax_y.pad_before
    left = ax_x.start - ax_x.pad_before
    columns, rows = [], []
    for i in range(ax_x.n):
        x = ax_x.start + (i + 0.5) * unit_x
        columns.append(Label(*project(x, top, 0.0), str(i), "note", (0.5, 1.0), (0, -2), 0))
    for j in range(ax_y.n):
        y = ax_y.start + (j + 0.5) * unit_y
        rows.append(Label(*project(left, y, 0.0), str(j), "note", (1.0, 0.5), (-3, 0), 0))
    return [columns, rows]


def index_rows(scene: LayerScene) -> list[list[Label]]:
    """The numbers of the input's columns, of its rows, then the output's: each a row of
    labels side by side, in order."""
    rows: list[list[Label]] = []
    for axes in (scene.in_axes, scene.out_axes):
        if len(axes) >= 2 and axes[0] is not None and axes[1] is not None:
            rows += _axis_labels(axes[0], axes[1])
    return rows


def index_labels(scene: LayerScene) -> list[Label]:
    """Row and column numbers of the input and of the output."""
    return [label for row in index_rows(scene) for label in row]
