"""The layer view's geometry: one layer's input, kernel and output as boxes, and where the
kernel sits for each output position. Plain Python, no Qt.

The kernel's position comes from `convdesk.engine.sliding`, passed in by the caller as a span per
dimension.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from convdesk.engine.layertypes import LAYER_TYPES
from convdesk.engine.rules import Drawing, drawing_of

from .primitives import (
    OBLIQUE_X,
    OBLIQUE_Y,
    AxisMap,
    Box,
    Label,
    Segment,
    drawn_sizes,
    project,
    scale_depth,
    shape_axes,
    shape_box,
    shape_text,
    spatial_to_axes,
)
from .reshape_scene import decorate_narrow, decorate_permute, decorate_shuffle

# Below this fraction of the picture's largest extent a size is enlarged so it stays visible.
MIN_FRACTION = 0.01
# The kernel and the output element are what the eye follows: they get at least this fraction.
MARKER_FRACTION = 0.025

# A grid of cells is drawn on a face only when it has at most this many cells per side.
GRID_MAX_CELLS = 32


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
    gap: float = 0.0  # between the input (with its padding) and the output, when side by side

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


def block_rects(
    scene: LayerScene, extra: tuple[Box | None, ...] = ()
) -> list[tuple[float, float, float, float]]:
    """The page rectangles (left, top, right, bottom) no label may cover: each block of the
    scene and the `extra` boxes drawn beside them (an inset). A block is its front face slid
    back through its depth in a few steps, so the empty corners of its slanted outline (where
    its depth's name goes) stay free."""
    rects = []
    for b in (*scene.boxes, *extra):
        if b is None:
            continue
        for i in range(BLOCK_STEPS + 1):
            x, y = project(b.x, b.y, b.z + b.d * i / BLOCK_STEPS)
            rects.append((x, y, x + b.w, y + b.h))
    return rects


def _family_and_drawing(type_name: str) -> tuple[str, Drawing]:
    spec = LAYER_TYPES.get(type_name)
    return (spec.family if spec is not None else "", drawing_of(type_name))


# Steps through a block's depth in `block_rects`.
BLOCK_STEPS = 6
# Other places for a label, in pixels at text scale 1.0: away from its block, a line at a time.
SIDEWAYS = ((-40.0, 4.0), (40.0, 4.0), (0.0, 24.0))
UP_DOWN = ((-8.0, -20.0), (-8.0, 20.0))
RIGHT_UP_DOWN = ((8.0, -20.0), (8.0, 20.0))
CLIMB = ((0.0, -14.0), (0.0, -24.0), (0.0, -36.0), (0.0, -50.0), (0.0, -66.0))
# A line lower at most: further down a label would stand apart from its block (another
# place of the same label, or none, is better than that).
LOW_LEFT = ((-8.0, 24.0),)
LOW_RIGHT = ((8.0, 24.0),)
TITLE_DOWN = ((0.0, 46.0),)
CLIMB_LEFT = ((-30.0, -2.0), (-4.0, -14.0), (-30.0, -14.0), (-4.0, -28.0), (-30.0, -28.0))
CLIMB_RIGHT = ((6.0, -14.0), (6.0, -28.0))


def _edge_labels(box: Box, shape: tuple[int, ...], title: str, letters: str) -> list[Label]:
    """Dimension labels on the edges of a box (the padding round an input), and a title under it.

    `letters` name the width, height and depth (the article's w h d for the input, m l d for the
    kernel, p q k for the output).
    """
    a = shape_axes(shape)
    lw, lh, ld = letters[0], letters[1], letters[2]
    labels = []
    bottom = project(box.x + box.w / 2, box.y + box.h, box.z)
    # Each label has other places to go (alternates, or a second label with the same key on
    # the block's other side) when its first place would cover a block or another label.
    if a.spatial_rank >= 1:
        labels.append(
            Label(*bottom, f"{lw} = {a.w:,}", "edge", (0.5, 0.0), (0, 4), alternates=SIDEWAYS)
        )
    if a.spatial_rank >= 2:
        text = f"{lh} = {a.h:,}"
        key = hash((box.x, box.y, box.z, text))
        left = project(box.x, box.y + box.h / 2, box.z)
        labels.append(Label(*left, text, "edge", (1.0, 0.5), (-8, 0), 1, UP_DOWN, key))
        right = project(box.x + box.w, box.y + box.h / 2, box.z + box.d)
        labels.append(Label(*right, text, "edge", (0.0, 0.5), (8, 0), 1, RIGHT_UP_DOWN, key))
        low_left = project(box.x, box.y + box.h, box.z)
        labels.append(Label(*low_left, text, "edge", (1.0, 0.0), (-8, 4), 1, LOW_LEFT, key))
        low_right = project(box.x + box.w, box.y + box.h, box.z)
        labels.append(Label(*low_right, text, "edge", (0.0, 0.0), (8, 4), 1, LOW_RIGHT, key))
    depth = project(box.x, box.y, box.z + box.d / 2)
    # The depth of a 3-D layer is space (frames, slices), not channels: name it D.
    depth_name = f"{ld} = {a.d:,}" if a.depth_is_channels else f"D = {a.d:,}"
    key = hash((box.x, box.y, box.z, depth_name))
    # At the top-left edge, else beside the front top-left corner where that edge starts, else
    # at the back top-right corner, and only then a line or two higher on the left: a climb
    # over the kernel's name would leave it far from its block.
    labels.append(Label(*depth, depth_name, "edge", (1.0, 1.0), (-4, -2), 1, (), key))
    corner = project(box.x, box.y, box.z)
    labels.append(Label(*corner, depth_name, "edge", (1.0, 0.0), (-8, 0), 1, (), key))
    back = project(box.x + box.w, box.y, box.z + box.d)
    labels.append(Label(*back, depth_name, "edge", (0.0, 1.0), (6, -2), 1, CLIMB_RIGHT, key))
    labels.append(Label(*depth, depth_name, "edge", (1.0, 1.0), (-4, -2), 1, CLIMB_LEFT, key))
    title = f"{title} {shape_text(shape)}"
    labels.append(Label(*bottom, title, "title", (0.5, 0.0), (0, 26), 3, TITLE_DOWN))
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


def layer_scene(result, scale: str = "linear", min_gap: float = 0.0) -> LayerScene:
    """The still part of the layer view of one LayerResult under the depth scale; a sliding
    window's input and output at least `min_gap` apart (room for their labels at a zoom)."""
    family, drawing = _family_and_drawing(result.type)
    inputs = [s for s in result.input_shapes if s is not None]
    if not result.input_shapes or len(inputs) < len(result.input_shapes):
        scene = LayerScene("empty")
        who = f" (blocked by {result.blocked_by})" if result.blocked_by else ""
        scene.notes.append(f"{result.name}: its input has no shape{who}.")
        scene.error = result.error
        return scene
    windowed = drawing in (Drawing.WINDOW, Drawing.TRANSPOSED_WINDOW)
    if windowed and result.window is not None:
        transposed = drawing == Drawing.TRANSPOSED_WINDOW
        return _window_scene(result, inputs[0], family, scale, transposed, min_gap)
    if len(inputs) > 1:
        return _flow_scene(result, inputs, "merge", scale)
    kind = {Drawing.DENSE: "dense", Drawing.FLATTEN: "flatten"}.get(drawing, "other")
    scene = _flow_scene(result, inputs, kind, scale)
    if result.output_shape is not None and family in ("permute", "narrow", "channel_shuffle"):
        _reshape(scene, result, inputs[0], family)
    return scene


def _reshape(scene: LayerScene, result, in_shape: tuple[int, ...], family: str) -> None:
    """Show what a permute, narrow or channel shuffle moves, as the engine worked it out."""
    cut = result.rearrangement
    if family == "channel_shuffle":
        decorate_shuffle(scene, in_shape, result.groups)
    elif cut is not None and family == "permute":
        decorate_permute(scene, in_shape, result.output_shape, cut.order)
    elif cut is not None:
        decorate_narrow(scene, in_shape, cut.dim, cut.start, cut.length)


def _min_len(shapes: list[tuple[int, ...]], scale: str) -> float:
    """The smallest drawn size that stays visible next to the picture's largest extent."""
    largest = 1.0
    for s in shapes:
        w, h, d = drawn_sizes(s, scale)
        largest = max(largest, w + d * OBLIQUE_X, h + d * OBLIQUE_Y)
    return largest * MIN_FRACTION


def _window_scene(
    result, in_shape, family: str, scale: str, transposed: bool, min_gap: float = 0.0
) -> LayerScene:
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
    inp = shape_box(in_shape, 0.0, 0.0, "input", scale, min_len)
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
    outer = scene.boxes[-1] if any(pads) else inp  # the labels go round the padding
    scene.boxes.append(inp)
    scene.labels += _edge_labels(outer, in_shape, "input", "whd")
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
    probe = shape_box(out_shape, 0.0, 0.0, "output", scale, min_len)
    in_right = max(b.bounds()[2] for b in scene.boxes)
    # Room between the blocks for the output's labels, at projector zoom too; for a long
    # strip a fraction of its length, not all of it.
    gap = min(max(0.5 * max(inp.h, probe.w, probe.h), 0.08 * inp.w), 0.5 * inp.w) + 4 * min_len
    gap = scene.gap = max(gap, min_gap)
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
    # The output's edges are named first: in the narrow room between the blocks its labels have
    # no other place, while the input's have room round the input.
    out_labels = _edge_labels(out, out_shape, "output", "pqk")
    scene.labels += [replace(lb, priority=2) if lb.role == "edge" else lb for lb in out_labels]
    # The output's title under it, else starting at its left edge and running right, away
    # from the input's labels (a small output sits higher than the input's bottom).
    title = out_labels[-1]
    key = hash((out.x, out.y, title.text))
    scene.labels[-1] = replace(title, key=key)
    scene.labels.append(replace(title, x=out.x, anchor=(0.0, 0.0), key=key))
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
    placed: list[tuple[float, float] | None] = []
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
    along_x = placed[0] if placed else None
    along_y = placed[1] if len(placed) > 1 else None
    if along_x is not None and (scene.in_axes[1] is None or along_y is not None):
        x, w = along_x
        if along_y is None:
            # 1-D: the window covers the strip's whole height.
            inp = next(b for b in scene.boxes if b.role == "input")
            y, h = inp.y, inp.h
        else:
            y, h = along_y
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
        out_z = scene.out_axes[2] if rank == 3 else None
        if out_z is not None:
            ez, ed = out_z.place(pos_ax[2], pos_ax[2], ml)
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
        labels.append(Label(*top, scene.kernel_text, role, (0.5, 1.0), (0, -4), 5, CLIMB))
    return Frame(tuple(position), window, taps, element, links, hangs, labels)


def _taps(scene: LayerScene, span_ax, window: Box, rank: int) -> list[Box]:
    """Each tap of a dilated kernel on the front face, when there are few enough to see."""
    kx, ky, _ = spatial_to_axes(scene.kernel, rank)
    dx, dy, _ = spatial_to_axes(scene.dilation, rank)
    ky, dy = ky or 1, dy or 1
    if kx * ky > 64:
        return []
    ax_x, ax_y = scene.in_axes[0], scene.in_axes[1]
    if ax_x is None:
        return []
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
    probes = [shape_box(shape, 0.0, 0.0, "input", scale, min_len) for shape in inputs]
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
    probe = shape_box(out_shape, 0.0, 0.0, "output", scale, min_len)
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
