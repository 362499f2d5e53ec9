"""What the layer view adds for Permute, Narrow and ChannelShuffle, in model units. Plain Python.

These layers move or pick values rather than compute new ones, so the picture is the input and the
output box (as for any layer without a window) plus what moved: a permute relabels the boxes' axes
with the dimension numbers, a narrow marks the slice it keeps, and a channel shuffle paints the
channels by group so that the output shows them interleaved.
"""

from __future__ import annotations

from .primitives import Box, Label, project

# Drawn as one stripe per channel up to this many channels; beyond, only the first ones are striped.
MAX_STRIPES = 128
# The channel-order diagram under the boxes shows at most this many channels.
MAX_ORDER = 24
# The colours of the channel groups: the palette's roles group0 … group3, used in turn.
GROUP_ROLES = ("group0", "group1", "group2", "group3")


def box_axis(rank: int, dim: int) -> str | None:
    """Which edge of a box shows dimension `dim` of a channels-first sample of `rank` dimensions:
    "w" (width), "h" (height), "d" (depth), or None (a 4-D sample's channels are not drawn)."""
    order = {1: ("d",), 2: ("d", "w"), 3: ("d", "h", "w"), 4: (None, "d", "h", "w")}[rank]
    return order[dim]


def _edge_label(box: Box, axis: str, text: str) -> Label:
    """A label beside one edge of a box, where the layer view puts its own size labels."""
    if axis == "w":
        x, y = project(box.x + box.w / 2, box.y + box.h, box.z)
        return Label(x, y, text, "edge", (0.5, 0.0), (0, 4))
    if axis == "h":
        x, y = project(box.x, box.y + box.h / 2, box.z)
        return Label(x, y, text, "edge", (1.0, 0.5), (-6, 0))
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
            labels.append(_edge_label(out, axis, f"dim {dim} = {out_shape[dim]:,}{moved}"))
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


def shuffle_order(channels: int, groups: int) -> list[int]:
    """The input channel at each output position: torch's view(g, C/g), transpose, reshape."""
    per = channels // groups
    return [i * per + j for j in range(per) for i in range(groups)]


def decorate_shuffle(scene, in_shape: tuple[int, ...], groups: int) -> None:
    """Stripe both boxes along the channels by group: blocks in, interleaved out."""
    channels = in_shape[0]
    rank = len(in_shape)
    axis = box_axis(rank, 0)
    inp, out = _boxes(scene)
    if axis is None or channels < 2:
        return
    per = channels // groups
    shown = min(channels, MAX_STRIPES)
    stripes: list[Box] = []
    for box, source in ((inp, list(range(channels))), (out, shuffle_order(channels, groups))):
        for position in range(shown):
            role = GROUP_ROLES[(source[position] // per) % len(GROUP_ROLES)]
            stripes.append(_slab(box, axis, position / channels, 1 / channels, role, 0.0))
    # Farther stripes first, so that nearer ones paint over them.
    scene.boxes += sorted(stripes, key=lambda b: -b.z)
    _order_diagram(scene, inp, out, channels, groups)
    more = f" (the first {shown} of {channels:,} drawn as stripes)" if shown < channels else ""
    scene.notes[-1:] = [
        f"ChannelShuffle, {groups} groups of {per:,}: the output takes channel 0 of every group, "
        f"then channel 1 of every group, …; one colour per group{more}."
    ]


def _order_diagram(scene, inp: Box, out: Box, channels: int, groups: int) -> None:
    """Two rows of squares under the boxes, one per channel in input and in output order, each
    coloured by its group, and a line from every input channel to where the shuffle puts it."""
    shown = min(channels, MAX_ORDER)
    per = channels // groups
    order = shuffle_order(channels, groups)
    left = inp.x
    right = max(b.bounds()[2] for b in (inp, out))
    step = (right - left) / shown
    size = 0.6 * step
    top = max(inp.y + inp.h, out.y + out.h) + max(inp.h, out.h) * 1.4
    rows = (top, top + 5 * size)
    for row, channel_at in zip(rows, (list(range(channels)), order), strict=True):
        for position in range(shown):
            role = GROUP_ROLES[(channel_at[position] // per) % len(GROUP_ROLES)]
            square = Box(left + position * step, row, 0.0, size, size, 0.25 * size, role)
            scene.boxes.append(square)
    for position in range(shown):
        source = order[position]
        if source >= shown:
            continue  # that channel lies beyond the drawn ones
        a = (left + source * step + size / 2, rows[0] + size)
        b = (left + position * step + size / 2, rows[1])
        scene.lines.append((*a, *b))
    scene.labels.append(Label(left, rows[0], "channels in", "edge", (1.0, 0.0), (-6, 0)))
    scene.labels.append(Label(left, rows[1], "after shuffle", "edge", (1.0, 0.0), (-6, 0)))
    if shown < channels:
        scene.labels.append(
            Label(
                right, rows[1] + size, f"first {shown} of {channels:,}", "edge", (1.0, 0.0), (0, 4)
            )
        )
