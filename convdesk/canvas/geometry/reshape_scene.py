"""What the layer view adds for Permute, Narrow and ChannelShuffle, in model units. Plain Python.

These layers move or pick values rather than compute new ones, so the picture is the input and the
output box (as for any layer without a window) plus what moved: a permute relabels the boxes' axes
with the dimension numbers, a narrow marks the slice it keeps, and a channel shuffle paints the
channels by group so that the output shows them interleaved.
"""

from __future__ import annotations

from convdesk.engine.rules.rearrange import shuffled_channels

from .primitives import Box, Label, project

# Channels are drawn as stripes on the boxes up to this many (more would blur into the edges).
MAX_STRIPES = 32
# The channel-order diagram under the boxes shows at most this many channels.
MAX_ORDER = 16
# The colours of the channel groups: the palette's roles group0 … group3, used in turn.
GROUP_ROLES = ("group0", "group1", "group2", "group3")


def box_axis(rank: int, dim: int) -> str | None:
    """Which edge of a box shows dimension `dim` of a channels-first sample of `rank` dimensions:
    "w" (width), "h" (height), "d" (depth), or None (a 4-D sample's channels are not drawn)."""
    order = {1: ("d",), 2: ("d", "w"), 3: ("d", "h", "w"), 4: (None, "d", "h", "w")}[rank]
    return order[dim]


def _edge_label(box: Box, axis: str, text: str, right: bool = False) -> Label:
    """A label beside one edge of a box: the height and depth on its left (as the layer view puts
    its own size labels), or on its right for the output, away from the gap between the boxes."""
    if axis == "w":
        x, y = project(box.x + box.w / 2, box.y + box.h, box.z)
        return Label(x, y, text, "edge", (0.5, 0.0), (0, 4))
    if axis == "h":
        if right:
            x, y = project(box.x + box.w, box.y + box.h / 2, box.z + box.d)
            return Label(x, y, text, "edge", (0.0, 0.5), (6, 0))
        x, y = project(box.x, box.y + box.h / 2, box.z)
        return Label(x, y, text, "edge", (1.0, 0.5), (-6, 0))
    if right:
        x, y = project(box.x + box.w, box.y, box.z + box.d / 2)
        return Label(x, y, text, "edge", (0.0, 1.0), (4, -2))
    x, y = project(box.x, box.y, box.z + box.d / 2)
    return Label(x, y, text, "edge", (1.0, 1.0), (-4, -2))


def _boxes(scene) -> tuple[Box, Box]:
    inp = next(b for b in scene.boxes if b.role == "input")
    out = next(b for b in scene.boxes if b.role == "output")
    return inp, out


def decorate_permute(scene, in_shape: tuple[int, ...], out_shape: tuple[int, ...], dims) -> None:
    """Replace the size labels with dimension numbers; each output axis says where it came from."""
    rank = len(in_shape)
    order = [d % rank for d in dims]
    inp, out = _boxes(scene)
    kept = [lb for lb in scene.labels if lb.role != "edge"]
    labels = []
    for dim in range(rank):
        axis = box_axis(rank, dim)
        if axis is not None:
            labels.append(_edge_label(inp, axis, f"dim {dim} = {in_shape[dim]:,}"))
    for dim, source in enumerate(order):
        axis = box_axis(rank, dim)
        if axis is not None:
            moved = "" if source == dim else f" (was dim {source})"
            text = f"dim {dim} = {out_shape[dim]:,}{moved}"
            labels.append(_edge_label(out, axis, text, right=True))
    scene.labels = kept + labels
    scene.notes[-1:] = [
        "Permute " + "[" + ", ".join(str(d) for d in order) + "]: the same values, the axes "
        "renamed; output dim i is input dim dims[i]."
    ]


def _slab(box: Box, axis: str, first: float, size: float, role: str, min_len: float) -> Box:
    """The part of `box` between fractions first and first + size along one edge."""
    size = max(size, min_len / max(getattr(box, axis), 1e-9))  # stays visible when thin
    first = min(first, 1.0 - size) if size <= 1.0 else 0.0
    if axis == "w":
        return Box(box.x + first * box.w, box.y, box.z, size * box.w, box.h, box.d, role)
    if axis == "h":
        return Box(box.x, box.y + first * box.h, box.z, box.w, size * box.h, box.d, role)
    return Box(box.x, box.y, box.z + first * box.d, box.w, box.h, size * box.d, role)


def decorate_narrow(scene, in_shape: tuple[int, ...], dim: int, start: int, length: int) -> None:
    """Mark the slice the narrow keeps inside the input box."""
    rank = len(in_shape)
    dim %= rank
    n = in_shape[dim]
    inp, _out = _boxes(scene)
    axis = box_axis(rank, dim)
    end = start + length - 1
    if axis is None:
        scene.notes[-1:] = [
            f"Narrow keeps channels {start} … {end} of {n:,}; the channels of a 3-D sample are not "
            "drawn, so the whole box stands for them."
        ]
        return
    kept = _slab(inp, axis, start / n, length / n, "kernel", scene.min_len)
    scene.boxes.append(kept)
    x, y = project(kept.x, kept.y, kept.z + kept.d)
    scene.labels.append(
        Label(x, y, f"kept: {start} … {end}", "title", (0.0, 1.0), (0, -8), 2, ((0, -30),))
    )
    scene.notes[-1:] = [
        f"Narrow keeps indices {start} … {end} of dimension {dim} (size {n:,}): {length:,} "
        f"of {n:,}, unchanged."
    ]


def decorate_shuffle(scene, in_shape: tuple[int, ...], groups: int) -> None:
    """Stripe both boxes along the channels by group when they are few enough to tell apart, and
    draw the channel order under them."""
    channels = in_shape[0]
    axis = box_axis(len(in_shape), 0)
    if axis is None or channels < 2:
        return
    inp, out = _boxes(scene)
    per = channels // groups
    if channels <= MAX_STRIPES:
        stripes: list[Box] = []
        for box, source in (
            (inp, list(range(channels))),
            (out, shuffled_channels(channels, groups, channels)),
        ):
            for position in range(channels):
                role = GROUP_ROLES[(source[position] // per) % len(GROUP_ROLES)]
                stripes.append(_slab(box, axis, position / channels, 1 / channels, role, 0.0))
        # Farther stripes first, so that nearer ones paint over them.
        scene.boxes += sorted(stripes, key=lambda b: -b.z)
    sample = _order_diagram(scene, inp, out, channels, groups)
    scene.notes[-1:] = [
        f"ChannelShuffle, {groups} groups of {per:,}: the output takes channel 0 of every group, "
        f"then channel 1 of every group, …; one colour per group{sample}."
    ]


def _order_diagram(scene, inp: Box, out: Box, channels: int, groups: int) -> str:
    """Two rows of squares under the boxes, the input's channels by group and the output's in
    their new order, each coloured by its group, with a line from every input channel to where
    the shuffle puts it. Many channels are sampled: the first few of each group, which fill the
    first places of the output. Returns what the sample is, for the caption ('' if none)."""
    per = channels // groups
    shown_groups = min(groups, MAX_ORDER)
    each = max(1, min(per, MAX_ORDER // shown_groups))
    ins = [g * per + j for g in range(shown_groups) for j in range(each)]
    # The first places of the output take the first channels of every group (of the first
    # groups, when there are too many to draw).
    order = shuffled_channels(channels, groups, shown_groups * each)
    left = inp.x
    bounds = [b.bounds() for b in (inp, out)]
    right = max(b[2] for b in bounds)
    extent = max(right - left, max(b[3] for b in bounds) - min(b[1] for b in bounds))
    step = (right - left) / len(ins)
    size = 0.6 * step
    top = max(b[3] for b in bounds) + 0.35 * extent  # below the boxes' titles at a fitted zoom
    rows = (top, top + 8 * size)
    drawn: dict[int, Box] = {}
    for position, channel in enumerate(ins):
        role = GROUP_ROLES[(channel // per) % len(GROUP_ROLES)]
        drawn[channel] = Box(left + position * step, rows[0], 0.0, size, size, 0.25 * size, role)
    scene.boxes += drawn.values()
    for position, channel in enumerate(order):
        source = drawn[channel]
        square = Box(left + position * step, rows[1], 0.0, size, size, 0.25 * size, source.role)
        scene.boxes.append(square)
        a = (source.x + size / 2, rows[0] + size)
        b = (square.x + size / 2, rows[1])
        scene.lines.append((*a, *b))
    scene.labels.append(Label(left, rows[0], "channels in", "edge", (1.0, 0.0), (-6, 0)))
    scene.labels.append(Label(left, rows[1], "after shuffle", "edge", (1.0, 0.0), (-6, 0)))
    if each == per and shown_groups == groups:
        return ""
    text = f"the first {each} of each group's {per:,} channels"
    if shown_groups < groups:
        text = f"the first channel of {shown_groups} of the {groups:,} groups"
    scene.labels.append(Label(left, rows[1] + size, text, "edge", (0.0, 0.0), (0, 4)))
    return f" (below: {text})"
