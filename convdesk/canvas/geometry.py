"""Where the canvas puts things, in model units: plain Python, no Qt, no pyqtgraph.

Boxes are 3-D: x runs right (width), y runs down (height, as rows do in an image) and z runs into
the page (depth: the channels, or the spatial depth of a 3-D layer). `project` maps a point
obliquely onto the page, as textbooks draw tensors, so the front face keeps its true proportions.

Every size comes from the engine's Report; nothing here computes an output shape. The kernel's
position comes from `convdesk.engine.sliding`, passed in by the caller as a span per dimension.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

DEPTH_SCALES = ("linear", "sqrt", "log")
DEPTH_SCALE_TEXT = {
    "linear": "depth: linear (true scale)",
    "sqrt": "depth: square root of channels",
    "log": "depth: 1 + log2(channels)",
}

# The depth axis goes up and to the right at 30°, shortened to half, as in cabinet projection.
OBLIQUE_X = 0.5 * math.cos(math.radians(30))
OBLIQUE_Y = 0.5 * math.sin(math.radians(30))

# Below this fraction of the picture's largest extent a size is enlarged so it stays visible.
MIN_FRACTION = 0.01
# The kernel and the output element are what the eye follows: they get at least this fraction.
MARKER_FRACTION = 0.025

# A grid of cells is drawn on a face only when it has at most this many cells per side.
GRID_MAX_CELLS = 32

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
        """Page bounds: left, top, right, bottom."""
        pts = self.outline()
        xs = [p[0] for p in pts]
        ys = [p[1] for p in pts]
        return min(xs), min(ys), max(xs), max(ys)

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
        return "unknown"
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


# --------------------------------------------------------------------------------------------------
# The layer view


@dataclass(slots=True)
class Frame:
    """The moving part of the layer view for one output position."""

    position: tuple[int, ...]
    window: Box | None  # the kernel's footprint in the input (the taps' extent)
    taps: list[Box]  # single taps when dilation spreads them apart (few only)
    element: Box | None  # the output element it fills
    links: list[Segment]  # from the footprint's corners to the element's
    hangs: bool = False  # the window reaches past the padded input (an error)
    labels: list[Label] = field(default_factory=list)


@dataclass(slots=True)
class LayerScene:
    """The still part of the layer view, plus what a frame needs to place the kernel."""

    kind: str  # "window", "transposed", "dense", "flatten", "merge", "other", "empty"
    boxes: list[Box] = field(default_factory=list)
    lines: list[Segment] = field(default_factory=list)
    grid: list[Segment] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    error: str | None = None
    # What the slider steps through: the output's spatial sizes (engine order); () = no slider.
    positions: tuple[int, ...] = ()
    min_len: float = 1.0
    marker_len: float = 2.5
    in_axes: tuple[AxisMap | None, ...] = ()
    out_axes: tuple[AxisMap | None, ...] = ()
    kernel_z: tuple[float, float] = (0.0, 1.0)  # drawn z start and depth of the kernel
    element_z: tuple[float, float] = (0.0, 1.0)
    dilation: tuple[int, ...] = ()
    kernel: tuple[int, ...] = ()
    kernel_text: str = "kernel"
    ceil_mode: bool = False  # a pool's last window may reach past the padded input

    def bounds(self) -> tuple[float, float, float, float]:
        """Page bounds of everything still."""
        if not self.boxes:
            return (0.0, 0.0, 1.0, 1.0)
        bs = [b.bounds() for b in self.boxes]
        return (
            min(b[0] for b in bs),
            min(b[1] for b in bs),
            max(b[2] for b in bs),
            max(b[3] for b in bs),
        )


def _family(type_name: str) -> str:
    # Imported here so this module loads without the engine's package initialiser.
    from convdesk.engine.layertypes import LAYER_TYPES

    spec = LAYER_TYPES.get(type_name)
    return spec.family if spec is not None else ""


def _clamp(value: float, min_len: float) -> tuple[float, bool]:
    return (min_len, True) if value < min_len else (value, False)


def _shape_box(
    shape: tuple[int, ...], x: float, y: float, role: str, scale: str, min_len: float
) -> Box:
    a = shape_axes(shape)
    w, h, d = drawn_sizes(shape, scale)
    w, cw = _clamp(w, min_len)
    # A 1-D signal has no height: draw its strip thick enough to hold a kernel one can see.
    h, ch = _clamp(h, 3 * min_len if a.spatial_rank == 1 else min_len)
    d, cd = _clamp(d, min_len)
    return Box(x, y, 0.0, w, h, d, role, (a.w, a.h, a.d), cw or ch or cd)


def _edge_labels(box: Box, shape: tuple[int, ...], title: str, letters: str) -> list[Label]:
    """Dimension labels on the edges of a box, and a title under it.

    `letters` name the width, height and depth (the article's w h d for the input, m l d for the
    kernel, p q k for the output).
    """
    a = shape_axes(shape)
    lw, lh, ld = letters
    labels = []
    bottom = project(box.x + box.w / 2, box.y + box.h, box.z)
    if a.spatial_rank >= 1:
        labels.append(Label(*bottom, f"{lw} = {a.w:,}", "edge", (0.5, 0.0), (0, 4)))
    if a.spatial_rank >= 2:
        left = project(box.x, box.y + box.h / 2, box.z)
        labels.append(Label(*left, f"{lh} = {a.h:,}", "edge", (1.0, 0.5), (-6, 0)))
    depth = project(box.x, box.y, box.z + box.d / 2)
    # The depth of a 3-D layer is space (frames, slices), not channels: name it D.
    depth_name = f"{ld} = {a.d:,}" if a.depth_is_channels else f"D = {a.d:,}"
    labels.append(Label(*depth, depth_name, "edge", (1.0, 1.0), (-4, -2)))
    labels.append(Label(*bottom, f"{title} {shape_text(shape)}", "title", (0.5, 0.0), (0, 24), 3))
    return labels


def _grid(box: Box, cells_x: int, cells_y: int) -> list[Segment]:
    """Cell lines on the front face, only when the cells are few enough to read."""
    if box.clamped or cells_x > GRID_MAX_CELLS or cells_y > GRID_MAX_CELLS:
        return []
    segs: list[Segment] = []
    for i in range(1, cells_x):
        x = box.x + box.w * i / cells_x
        segs.append((*project(x, box.y, box.z), *project(x, box.y + box.h, box.z)))
    for j in range(1, cells_y):
        y = box.y + box.h * j / cells_y
        segs.append((*project(box.x, y, box.z), *project(box.x + box.w, y, box.z)))
    return segs


def layer_scene(result, scale: str = "linear") -> LayerScene:
    """The still part of the layer view of one LayerResult under the depth scale."""
    family = _family(result.type)
    inputs = [s for s in result.input_shapes if s is not None]
    if not result.input_shapes or len(inputs) < len(result.input_shapes):
        scene = LayerScene("empty")
        who = f" (blocked by {result.blocked_by})" if result.blocked_by else ""
        scene.notes.append(f"{result.name}: its input has no shape{who}.")
        scene.error = result.error
        return scene
    if family in ("conv", "max_pool", "avg_pool") and result.window is not None:
        return _window_scene(result, inputs[0], family, scale, transposed=False)
    if family == "conv_transpose" and result.window is not None:
        return _window_scene(result, inputs[0], family, scale, transposed=True)
    if len(inputs) > 1:
        return _flow_scene(result, inputs, "merge", scale)
    kind = {"linear": "dense", "flatten": "flatten"}.get(family, "other")
    return _flow_scene(result, inputs, kind, scale)


def _min_len(shapes: list[tuple[int, ...]], scale: str) -> float:
    """The smallest drawn size that stays visible next to the picture's largest extent."""
    largest = 1.0
    for s in shapes:
        w, h, d = drawn_sizes(s, scale)
        largest = max(largest, w + d * OBLIQUE_X, h + d * OBLIQUE_Y)
    return largest * MIN_FRACTION


def _window_scene(result, in_shape, family: str, scale: str, transposed: bool) -> LayerScene:
    win = result.window
    out_shape = result.output_shape
    shapes = [in_shape] + ([out_shape] if out_shape else [])
    min_len = _min_len(shapes, scale)
    a_in = shape_axes(in_shape)
    rank = len(win.kernel)
    scene = LayerScene(
        "transposed" if transposed else "window",
        min_len=min_len,
        marker_len=min_len * MARKER_FRACTION / MIN_FRACTION,
    )
    scene.dilation = win.dilation
    scene.kernel = win.kernel
    scene.ceil_mode = win.ceil_mode
    if win.ceil_mode:
        scene.notes.append("ceil mode: a last window that reaches past the edge still counts.")

    # Padding of a transposed conv is taken off its output, so it frames the output instead.
    in_pad = ((0,) * rank, (0,) * rank) if transposed else (win.pad_before, win.pad_after)
    inp = _shape_box(in_shape, 0.0, 0.0, "input", scale, min_len)
    unit_x = inp.w / a_in.w
    unit_y = inp.h / a_in.h
    pb = spatial_to_axes(in_pad[0], rank)
    pa = spatial_to_axes(in_pad[1], rank)
    pads = [p or 0 for p in (*pb[:2], *pa[:2])]
    if any(pads):
        drawn = [
            0.0 if p == 0 else max(p * u, min_len)
            for p, u in zip(pads, (unit_x, unit_y) * 2, strict=True)
        ]
        scene.boxes.append(
            Box(
                -drawn[0],
                -drawn[1],
                0.0,
                inp.w + drawn[0] + drawn[2],
                inp.h + drawn[1] + drawn[3],
                inp.d,
                "padding",
                inp.dims,
                inp.clamped,
            )
        )
        sides = [("left", pads[0]), ("top", pads[1]), ("right", pads[2]), ("bottom", pads[3])]
        text = ", ".join(f"{s} {p}" for s, p in sides if p)
        scene.notes.append(f"zero padding: {text}")
    else:
        drawn = [0.0, 0.0, 0.0, 0.0]
    scene.boxes.append(inp)
    scene.labels += _edge_labels(inp, in_shape, "input", "whd")
    scene.grid += _grid(inp, a_in.w, a_in.h)

    # Map each spatial dimension of the input onto its drawn axis (x, y, and z for 3-D).
    n_ax = spatial_to_axes(tuple(in_shape[1:]), rank)
    in_axes: list[AxisMap | None] = []
    for i, (n, start, length) in enumerate(
        zip(n_ax, (inp.x, inp.y, inp.z), (inp.w, inp.h, inp.d), strict=True)
    ):
        if n is None:
            in_axes.append(None)
            continue
        dp_b = drawn[i] if i < 2 else (pb[2] and max(pb[2], min_len)) or 0.0
        dp_a = drawn[i + 2] if i < 2 else (pa[2] and max(pa[2], min_len)) or 0.0
        in_axes.append(AxisMap(n, start, length, pb[i] or 0, pa[i] or 0, dp_b, dp_a))
    scene.in_axes = tuple(in_axes)

    # The kernel's depth: all input channels of its group for a conv, one channel for a pool.
    depth_true = result.in_channels // max(result.groups, 1) if result.in_channels else 1
    if family in ("max_pool", "avg_pool"):
        depth_true = 1
    if a_in.depth_is_channels:
        # In proportion to the input's drawn depth, so a full-depth kernel is exactly as deep.
        kd = inp.d * scale_depth(depth_true, scale) / scale_depth(a_in.d, scale)
        scene.kernel_z = (0.0, max(kd, min_len))
    k_ax = spatial_to_axes(win.kernel, rank)
    k_dims = (k_ax[0] or 1, k_ax[1] or 1, k_ax[2] if rank == 3 else depth_true)
    kernel_title = "pool window" if family in ("max_pool", "avg_pool") else "kernel"
    k_sizes = {1: [k_dims[0], depth_true], 2: list(k_dims)}.get(rank, list(k_dims))
    if transposed:
        kernel_title = "inputs feeding it"
        scene.kernel_text = kernel_title
    else:
        scene.kernel_text = f"{kernel_title} " + "×".join(f"{k:,}" for k in k_sizes)
    scene.notes.append(_kernel_note(result, family, win, k_dims, rank))
    if family in ("max_pool", "avg_pool"):
        scene.notes.append("A pool works on each channel alone: the output keeps the channels.")

    if out_shape is None:
        scene.error = result.error
        # No output: show the kernel at its first position, hanging over where it does not fit.
        scene.positions = tuple(1 for _ in range(rank))
        scene.out_axes = (None, None, None)
        return scene

    # The output sits to the right of the input, centred on it vertically, with room for links.
    a_out = shape_axes(out_shape)
    probe = _shape_box(out_shape, 0.0, 0.0, "output", scale, min_len)
    in_right = max(b.bounds()[2] for b in scene.boxes)
    # Room between the blocks for the output's labels, at projector zoom too; for a long
    # strip a fraction of its length, not all of it.
    gap = min(max(0.5 * max(inp.h, probe.w, probe.h), 0.08 * inp.w), 0.5 * inp.w) + 4 * min_len
    out_y = (inp.h - probe.h) / 2
    out = Box(
        in_right + gap, out_y, 0.0, probe.w, probe.h, probe.d, "output", probe.dims, probe.clamped
    )
    if transposed and any(win.pad_before + win.pad_after):
        scene.notes.append(
            "Transposed convolution: its padding is cut off the output's edges, not added to the "
            "input."
        )
    scene.boxes.append(out)
    scene.labels += _edge_labels(out, out_shape, "output", "pqk")
    scene.grid += _grid(out, a_out.w, a_out.h)
    o_ax = spatial_to_axes(tuple(out_shape[1:]), rank)
    scene.out_axes = tuple(
        None if n is None else AxisMap(n, start, length)
        for n, start, length in zip(o_ax, (out.x, out.y, out.z), (out.w, out.h, out.d), strict=True)
    )
    if a_out.depth_is_channels:
        scene.element_z = (0.0, max(scale_depth(1, scale), min_len))
    scene.positions = tuple(out_shape[1:])
    return scene


def _kernel_note(result, family: str, win, k_dims, rank: int) -> str:
    ks = "×".join(str(k) for k in reversed(win.kernel))
    if family in ("max_pool", "avg_pool"):
        what = "max" if family == "max_pool" else "average"
        return f"{what} over a {ks} window, stride {_tuple_text(win.stride)}"
    depth = f"×{k_dims[2]}" if rank < 3 else ""
    count = result.out_channels or 0
    kernels = "kernel" if count == 1 else "kernels"
    text = f"{count:,} {kernels} of {ks}{depth}, stride {_tuple_text(win.stride)}"
    if any(d > 1 for d in win.dilation):
        text += f", dilation {_tuple_text(win.dilation)}"
    if result.groups > 1:
        text += f", {result.groups} groups"
    return text


def _tuple_text(values: tuple[int, ...]) -> str:
    return str(values[0]) if len(set(values)) == 1 else "×".join(str(v) for v in reversed(values))


def layer_frame(scene: LayerScene, position: tuple[int, ...], span) -> Frame:
    """The kernel, its taps, the output element and the links for one output position.

    `span` is, per spatial dimension, the first and last input index covered (None where nothing
    is covered), as `convdesk.engine.sliding.input_span` / `transposed_span` give it.
    """
    rank = len(position)
    ml = scene.marker_len
    span_ax = spatial_to_axes(tuple(span), rank)
    pos_ax = spatial_to_axes(tuple(position), rank)
    placed = []
    hangs = False
    for i, ax in enumerate(scene.in_axes):
        if ax is None:
            placed.append(None)
            continue
        s = span_ax[i]
        if s is None:
            placed.append(None)
            continue
        first, last = s
        over = first < -ax.true_pad_before or last >= ax.n + ax.true_pad_after
        # In ceil mode a pool's last window may reach past the edge; PyTorch clips it.
        hangs = hangs or (over and not scene.ceil_mode)
        placed.append(ax.place(first, last, ml))
    window = None
    if placed and placed[0] is not None and (scene.in_axes[1] is None or placed[1] is not None):
        x, w = placed[0]
        if scene.in_axes[1] is None:
            # 1-D: the window covers the strip's whole height.
            inp = next(b for b in scene.boxes if b.role == "input")
            y, h = inp.y, inp.h
        else:
            y, h = placed[1]
        if rank == 3 and placed[2] is not None:
            z, d = placed[2]
        else:
            z, d = scene.kernel_z
        window = Box(x, y, z, w, h, d, "kernel", (1, 1, 1), w <= ml or h <= ml)

    taps: list[Box] = []
    if window is not None and any(d > 1 for d in scene.dilation):
        taps = _taps(scene, span_ax, window, rank)

    element = None
    links: list[Segment] = []
    if scene.out_axes and scene.out_axes[0] is not None:
        ex, ew = scene.out_axes[0].place(pos_ax[0], pos_ax[0], ml)
        if scene.out_axes[1] is not None:
            ey, eh = scene.out_axes[1].place(pos_ax[1], pos_ax[1], ml)
        else:
            out = next(b for b in scene.boxes if b.role == "output")
            ey, eh = out.y, out.h
        if rank == 3:
            ez, ed = scene.out_axes[2].place(pos_ax[2], pos_ax[2], ml)
        else:
            ez, ed = scene.element_z
        element = Box(ex, ey, ez, ew, eh, ed, "element")
        if window is not None:
            for fx, fy in ((0, 0), (1, 0), (1, 1), (0, 1)):
                a = project(window.x + fx * window.w, window.y + fy * window.h, window.z)
                b = project(element.x + fx * element.w, element.y + fy * element.h, element.z)
                links.append((*a, *b))
    labels = []
    if window is not None:
        top = project(window.x + window.w / 2, window.y, window.z + window.d)
        role = "error" if hangs else "title"
        labels.append(Label(*top, scene.kernel_text, role, (0.5, 1.0), (0, -4), 5))
    return Frame(tuple(position), window, taps, element, links, hangs, labels)


def _taps(scene: LayerScene, span_ax, window: Box, rank: int) -> list[Box]:
    """Each tap of a dilated kernel on the front face, when there are few enough to see."""
    kx, ky, _ = spatial_to_axes(scene.kernel, rank)
    dx, dy, _ = spatial_to_axes(scene.dilation, rank)
    ky, dy = ky or 1, dy or 1
    if kx * ky > 64:
        return []
    ax_x, ax_y = scene.in_axes[0], scene.in_axes[1]
    x0 = span_ax[0][0]
    y0 = span_ax[1][0] if ax_y is not None else 0
    taps = []
    for j in range(ky):
        for i in range(kx):
            tx, tw = ax_x.place(x0 + i * dx, x0 + i * dx, scene.min_len)
            if ax_y is not None:
                ty, th = ax_y.place(y0 + j * dy, y0 + j * dy, scene.min_len)
            else:
                ty, th = window.y, window.h
            taps.append(Box(tx, ty, window.z, tw, th, window.d, "tap"))
    return taps


def _flow_scene(result, inputs: list[tuple[int, ...]], kind: str, scale: str) -> LayerScene:
    """Layers without a sliding window: inputs on the left, a link, the output on the right."""
    out_shape = result.output_shape
    shapes = list(inputs) + ([out_shape] if out_shape else [])
    min_len = _min_len(shapes, scale)
    scene = LayerScene(kind, min_len=min_len)
    probes = [_shape_box(shape, 0.0, 0.0, "input", scale, min_len) for shape in inputs]
    # Stacked inputs of a merge leave a gap as tall as the tallest of them, so the labels
    # between two boxes (one's width, the next one's title) have room at any fitted zoom.
    stack_gap = max(b.h + b.d * OBLIQUE_Y for b in probes) + 6 * min_len
    y = 0.0
    in_boxes = []
    for i, (shape, probe) in enumerate(zip(inputs, probes, strict=True)):
        if i:
            y += probe.d * OBLIQUE_Y  # the top face reaches up by this much
        box = Box(0.0, y, 0.0, probe.w, probe.h, probe.d, "input", probe.dims, probe.clamped)
        in_boxes.append(box)
        scene.boxes.append(box)
        if len(inputs) == 1:
            scene.labels += _edge_labels(box, shape, "input", "whd")
        else:
            scene.labels += _merge_input_labels(
                box, shape, f"input {i + 1} ({result.inputs[i]})", above=i < len(inputs) - 1
            )
        y += box.h + stack_gap
    right = max(b.bounds()[2] for b in in_boxes)
    mid_y = (in_boxes[0].y + in_boxes[-1].y + in_boxes[-1].h) / 2
    if out_shape is None:
        scene.error = result.error
        return scene
    probe = _shape_box(out_shape, 0.0, 0.0, "output", scale, min_len)
    # Merges leave more room: the output sits between its stacked inputs, its labels below it.
    share = 0.6 if len(in_boxes) > 1 else 0.35
    gap = share * max(max(b.w for b in in_boxes), probe.w, in_boxes[0].h) + 6 * min_len
    out = Box(
        right + gap,
        mid_y - probe.h / 2,
        0.0,
        probe.w,
        probe.h,
        probe.d,
        "output",
        probe.dims,
        probe.clamped,
    )
    scene.boxes.append(out)
    # The output's title starts at its left edge and runs right, away from the inputs' boxes.
    scene.labels += [
        replace(lb, x=out.x, anchor=(0.0, 0.0)) if lb.role == "title" else lb
        for lb in _edge_labels(out, out_shape, "output", "pqk")
    ]
    if kind == "dense":
        # Every output feature sees every input feature: a fan of a few lines stands for all.
        for box in in_boxes:
            for fy in (0.0, 0.5, 1.0):
                a = project(box.x + box.w, box.y + fy * box.h, box.z + box.d / 2)
                for gy in (0.0, 0.5, 1.0):
                    b = project(out.x, out.y + gy * out.h, out.z + out.d / 2)
                    scene.lines.append((*a, *b))
        scene.notes.append(
            f"Fully connected: each of the {result.out_channels or out_shape[-1]:,} outputs "
            "sees every input."
        )
    else:
        for box in in_boxes:
            a = project(box.x + box.w, box.y + box.h / 2, box.z)
            b = project(out.x, out.y + out.h / 2, out.z)
            scene.lines.append((*a, *b))
        scene.notes.append(_flow_note(result, kind))
    return scene


def _merge_input_labels(box: Box, shape: tuple[int, ...], title: str, above: bool) -> list[Label]:
    """Edge labels of one input of a merge; its title above the box (all but the last input, so
    titles do not pile up in the gaps) or below it."""
    labels = [lb for lb in _edge_labels(box, shape, title, "whd") if lb.role != "title"]
    text = f"{title} {shape_text(shape)}"
    # Titles start at the box's left edge and run right, over the empty room between the
    # inputs and the output, rather than far past the picture's left side.
    if above:
        _, y = project(box.x, box.y, box.z + box.d)
        labels.append(Label(box.x, y, text, "title", (0.0, 1.0), (0, -10), 3))
    else:
        labels.append(Label(box.x, box.y + box.h, text, "title", (0.0, 0.0), (0, 24), 3))
    return labels


def _flow_note(result, kind: str) -> str:
    if kind == "flatten":
        return "Flatten: every element of the sample lined up in one vector."
    if kind == "merge":
        return f"{result.type}: the inputs meet element by element or are joined."
    return f"{result.type}: shown as what goes in and what comes out."


# --------------------------------------------------------------------------------------------------
# The network view


@dataclass(frozen=True, slots=True)
class Block:
    """One layer's output in the network view (index -1 is the network's input)."""

    index: int
    box: Box
    status: str  # "ok", "error", "unknown"


@dataclass(slots=True)
class NetworkLayout:
    blocks: list[Block]
    connectors: list[list[Point]]  # skip connections and merges, as page polylines
    links: list[Segment]  # plain flow from one layer to the next
    labels: list[Label]
    scale: str

    def labels_of(self, index: int) -> list[Label]:
        """The labels of layer `index`'s block (its shape and its name)."""
        pos = next((i for i, b in enumerate(self.blocks) if b.index == index), None)
        return [] if pos is None else self.labels[2 * pos : 2 * pos + 2]

    def block_of(self, index: int) -> Block | None:
        for b in self.blocks:
            if b.index == index:
                return b
        return None

    def hit(self, px: float, py: float) -> int | None:
        """The layer index of the block under page point (px, py), or None."""
        for b in reversed(self.blocks):
            if b.index >= 0 and b.box.contains(px, py):
                return b.index
        return None

    def bounds(self) -> tuple[float, float, float, float]:
        if not self.blocks:
            return (0.0, 0.0, 1.0, 1.0)
        bs = [b.box.bounds() for b in self.blocks]
        top = min(b[1] for b in bs)
        for poly in self.connectors:
            top = min(top, *(p[1] for p in poly))
        return (min(b[0] for b in bs), top, max(b[2] for b in bs), max(b[3] for b in bs))


PLACEHOLDER = 8.0  # drawn size of a layer without a shape
LABEL_STAGGER_PX = 20.0  # one line of text: how much further out every other block's labels sit


def network_layout(report, scale: str = "linear") -> NetworkLayout:
    """Every layer's output as a block, left to right, with connectors for skips and merges."""
    shapes = [tuple(report.input)] + [r.output_shape for r in report.layers if r.output_shape]
    spatial = [drawn_sizes(s, scale) for s in shapes]
    largest = max((max(w, h) for w, h, _ in spatial), default=1.0)
    min_len = max(largest * 0.004, 0.5)
    blocks: list[Block] = []
    labels: list[Label] = []
    x = 0.0
    entries = [(-1, "input", tuple(report.input), "ok", None)]
    entries += [(r.index, r.name, r.output_shape, r.status, r) for r in report.layers]
    for pos, (index, name, shape, status, _r) in enumerate(entries):
        if shape is None:
            box = Box(x, -PLACEHOLDER / 2, 0.0, PLACEHOLDER, PLACEHOLDER, PLACEHOLDER, status)
        else:
            box = _shape_box(shape, x, 0.0, status, scale, min_len)
            box = Box(box.x, -box.h / 2, 0.0, box.w, box.h, box.d, status, box.dims, box.clamped)
        blocks.append(Block(index, box, status))
        left, top, right, bottom = box.bounds()
        # Every other block's name sits one line higher, so neighbours' names can both show
        # where blocks are narrower than their names. (Shapes thin out instead: the network
        # view is short, and a hovered block tells its shape.)
        step = LABEL_STAGGER_PX * (pos % 2)
        centre = (left + right) / 2
        labels.append(Label(centre, bottom, shape_text(shape), "edge", (0.5, 0.0), (0, 4), 1))
        other = LABEL_STAGGER_PX - step
        labels.append(
            Label(
                centre,
                top,
                name,
                "title",
                (0.5, 1.0),
                (0, -4 - step),
                2,
                ((0, -4 - other), (0, -4 - 2 * LABEL_STAGGER_PX)),
            )
        )
        x = right + max(6.0, 0.25 * box.h)

    by_name = {"input": 0}
    for i, r in enumerate(report.layers):
        by_name[r.name] = i + 1
    links: list[Segment] = []
    connectors: list[list[Point]] = []
    lift_level = 0
    for i, r in enumerate(report.layers, start=1):
        srcs = [by_name.get(n) for n in (r.inputs or [])]
        for s in srcs:
            if s is None or s >= i:
                continue
            a, b = blocks[s].box, blocks[i].box
            if s == i - 1:
                ax, ay = project(a.x + a.w, a.y + a.h / 2, 0.0)
                bx, by = project(b.x, b.y + b.h / 2, 0.0)
                links.append((ax, ay, bx, by))
                continue
            # A skip: up from the source, over the blocks between, down into the target.
            top = min(blk.box.bounds()[1] for blk in blocks[s : i + 1])
            lift = (12.0 + 6.0 * (lift_level % 4)) + 0.05 * (blocks[i].box.bounds()[0] - a.x)
            lift_level += 1
            sx = (a.bounds()[0] + a.bounds()[2]) / 2
            tx = (b.bounds()[0] + b.bounds()[2]) / 2
            ya, yb = a.bounds()[1], b.bounds()[1]
            level = top - lift
            connectors.append([(sx, ya), (sx, level), (tx, level), (tx, yb)])
    return NetworkLayout(blocks, connectors, links, labels, scale)


# --------------------------------------------------------------------------------------------------
# Neighbourhood of a selection, and fitting a view so no label is cut

# A network with more blocks than this is too long to read whole: selecting a layer shows the
# blocks around it instead. AlexNet (23 blocks) still shows whole; VGG-16 and deeper do not.
LEGIBLE_BLOCKS = 30
# Blocks on each side of the selected one in its neighbourhood (13 in all: about a dozen).
NEIGHBOURS = 6


def neighbourhood(layout: NetworkLayout, index: int, count: int = NEIGHBOURS):
    """Page bounds of the blocks `count` either side of layer `index`, centred on its block.

    None when the network is short enough to show whole, or the layer has no block.
    """
    if len(layout.blocks) <= LEGIBLE_BLOCKS:
        return None
    pos = next((i for i, b in enumerate(layout.blocks) if b.index == index), None)
    if pos is None:
        return None
    near = layout.blocks[max(pos - count, 0) : pos + count + 1]
    bs = [b.box.bounds() for b in near]
    left, right = min(b[0] for b in bs), max(b[2] for b in bs)
    top, bottom = min(b[1] for b in bs), max(b[3] for b in bs)
    sl, _, sr, _ = layout.blocks[pos].box.bounds()
    # Centred on the selected block, so it sits in the middle of the view.
    centre = (sl + sr) / 2
    half = max(centre - left, right - centre)
    return (centre - half, top, centre + half, bottom)


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


def keep_apart(
    rects: list[tuple[float, float, float, float]], pad_x: float, pad_y: float
) -> list[int]:
    """Which rectangles (left, top, right, bottom; most important first) can be drawn without
    touching one already kept, with `pad_x`/`pad_y` of space around each: their indices.

    A grid of cells keeps this fast for thousands of labels.
    """
    if not rects:
        return []
    cell = max(max(r[2] - r[0] for r in rects), max(r[3] - r[1] for r in rects), 1e-9)
    taken: dict[tuple[int, int], list[tuple[float, float, float, float]]] = {}
    kept: list[int] = []
    for i, (x0, y0, x1, y1) in enumerate(rects):
        p = (x0 - pad_x, y0 - pad_y, x1 + pad_x, y1 + pad_y)
        keys = [
            (cx, cy)
            for cx in range(math.floor(p[0] / cell), math.floor(p[2] / cell) + 1)
            for cy in range(math.floor(p[1] / cell), math.floor(p[3] / cell) + 1)
        ]
        if any(
            p[0] < q[2] and q[0] < p[2] and p[1] < q[3] and q[1] < p[3]
            for k in keys
            for q in taken.get(k, ())
        ):
            continue
        for k in keys:
            taken.setdefault(k, []).append(p)
        kept.append(i)
    return kept


def _spread(items: list[tuple[float, float, float]], s: float) -> float:
    """Pixel extent along one axis at `s` pixels per unit of items (model position, pixels
    before it, pixels after it)."""
    return max(x * s + b for x, _a, b in items) - min(x * s + a for x, a, _b in items)


def fit_view(
    bounds: tuple[float, float, float, float],
    labels: list[Label],
    sizes: list[Size],
    view: Size,
    zoom: float = 1.0,
    top_px: float = 0.0,
    margin_px: float = 8.0,
) -> tuple[float, float, float, float]:
    """The model rectangle (left, top, width, height) to show in a `view` of (width, height)
    pixels so the boxes in `bounds` and every label (text of `sizes` pixels) are inside it,
    below `top_px` pixels kept free for the caption, one scale on both axes, as large as fits.

    Labels keep their pixel size whatever the scale, so the scale is searched for: the
    pixel extent of the picture only grows with it.
    """
    left, top, right, bottom = bounds
    xs = [(left, 0.0, 0.0), (right, 0.0, 0.0)]
    ys = [(top, 0.0, 0.0), (bottom, 0.0, 0.0)]
    for label, size in zip(labels, sizes, strict=True):
        x0, y0, x1, y1 = label_extent(label, size, zoom)
        xs.append((label.x, x0, x1))
        ys.append((label.y, y0, y1))
    avail_w = max(view[0] - 2 * margin_px, 1.0)
    avail_h = max(view[1] - top_px - 2 * margin_px, 1.0)

    def fits(s: float) -> bool:
        return _spread(xs, s) <= avail_w and _spread(ys, s) <= avail_h

    hi = min(avail_w / max(right - left, 1e-9), avail_h / max(bottom - top, 1e-9))
    lo = 0.0
    if not fits(hi * 1e-6):
        # The labels alone do not fit (a small view, large text): give the boxes half the room;
        # the labels that do not fit whole are left out when drawn.
        lo = hi * FALLBACK_SHARE
    else:
        for _ in range(40):
            mid = (lo + hi) / 2
            if fits(mid):
                lo = mid
            else:
                hi = mid
    s = max(lo, 1e-12)
    px_left = min(x * s + a for x, a, _b in xs)
    px_top = min(y * s + a for y, a, _b in ys)
    # Centre the picture in the space left over.
    free_w = avail_w - _spread(xs, s)
    free_h = avail_h - _spread(ys, s)
    view_left = (px_left - margin_px - max(free_w, 0.0) / 2) / s
    view_top = (px_top - top_px - margin_px - max(free_h, 0.0) / 2) / s
    return (view_left, view_top, view[0] / s, view[1] / s)
