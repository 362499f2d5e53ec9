"""Cell detail for small layers: padding cells drawn as cells, and the index of every row and
column, so a class can follow the kernel cell by cell (as on a whiteboard grid).

Only for inputs of at most SMALL_CELLS per side, where the cells are big enough to count.
"""

from __future__ import annotations

from dataclasses import replace

from .geometry import AxisMap, Label, LayerScene, Segment, project
from .geometry.label_fit import LABEL_GAP_PX

SMALL_CELLS = 16
# The numbers stand this many pixels (at text scale 1) off the face: a word's space, so a
# number never touches its block, and two pixels more.
NUMBER_OFF_PX = LABEL_GAP_PX + 2
# How much further out the labels beside a numbered face go (pixels at text scale 1): past a
# row's two-digit numbers to its left, past a line of column numbers under it.
ROW_BAND_PX = 30.0
COLUMN_BAND_PX = 17.0


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


Face = tuple[
    float, float, float, float
]  # a numbered front face on the page: left, top, right, bottom


def _face(ax_x: AxisMap, ax_y: AxisMap) -> Face:
    """The padded front face the numbers of `ax_x` and `ax_y` stand beside."""
    return (
        ax_x.start - ax_x.pad_before,
        ax_y.start - ax_y.pad_before,
        ax_x.start + ax_x.length + ax_x.pad_after,
        ax_y.start + ax_y.length + ax_y.pad_after,
    )


def _axis_labels(ax_x: AxisMap, ax_y: AxisMap) -> list[list[Label]]:
    """Column numbers under the (padded) face, row numbers to its left, each a word's space
    off it; padding unnumbered. Under and left, because the face's top and right edges lead
    into its depth."""
    unit_x, unit_y = ax_x.length / ax_x.n, ax_y.length / ax_y.n
    left, _top, _right, bottom = _face(ax_x, ax_y)
    off = NUMBER_OFF_PX
    columns, rows = [], []
    for i in range(ax_x.n):
        x = ax_x.start + (i + 0.5) * unit_x
        columns.append(Label(*project(x, bottom, 0.0), str(i), "note", (0.5, 0.0), (0, 2), 0))
    for j in range(ax_y.n):
        y = ax_y.start + (j + 0.5) * unit_y
        rows.append(Label(*project(left, y, 0.0), str(j), "note", (1.0, 0.5), (-off, 0), 0))
    return [columns, rows]


def _faces(scene: LayerScene) -> list[tuple[AxisMap, AxisMap]]:
    """The axes of the input's and the output's faces that are numbered."""
    faces = []
    for axes in (scene.in_axes, scene.out_axes):
        if len(axes) >= 2 and axes[0] is not None and axes[1] is not None:
            faces.append((axes[0], axes[1]))
    return faces


def index_rows(scene: LayerScene) -> list[list[Label]]:
    """The numbers of the input's columns, of its rows, then the output's: each a row of
    labels side by side, in order."""
    return [row for ax_x, ax_y in _faces(scene) for row in _axis_labels(ax_x, ax_y)]


def index_labels(scene: LayerScene) -> list[Label]:
    """Row and column numbers of the input and of the output."""
    return [label for row in index_rows(scene) for label in row]


def numbered_labels(scene: LayerScene) -> list[Label]:
    """The scene's labels with those beside a numbered face's left or bottom edge moved out
    past the numbers (its height, its shape's title, its width), and the numbers."""
    faces = []
    for ax_x, ax_y in _faces(scene):
        left, top, right, bottom = _face(ax_x, ax_y)
        faces.append(project(left, top, 0.0) + project(right, bottom, 0.0))
    return [_moved_out(label, faces) for label in scene.labels] + index_labels(scene)


def _moved_out(label: Label, faces: list[Face]) -> Label:
    """`label` moved left past the row numbers when it stands left of a face's left edge, and
    down past the column numbers when it stands under its bottom edge."""
    eps = 1e-6
    dx = dy = 0.0
    for left, top, right, bottom in faces:
        on_left = abs(label.x - left) < eps and top - eps <= label.y <= bottom + eps
        on_bottom = abs(label.y - bottom) < eps and left - eps <= label.x <= right + eps
        if on_left and label.anchor[0] == 1.0:
            dx = -ROW_BAND_PX
        if on_bottom and label.anchor[1] == 0.0:
            dy = COLUMN_BAND_PX
    if not (dx or dy):
        return label
    return replace(
        label,
        offset=(label.offset[0] + dx, label.offset[1] + dy),
        alternates=tuple((x + dx, y + dy) for x, y in label.alternates),
    )
