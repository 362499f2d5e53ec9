"""The network view's geometry: every layer's output as a block, with links and skip
connectors, and the neighbourhood of a selection. Plain Python, no Qt.
"""

from __future__ import annotations

from dataclasses import dataclass

from .primitives import Box, Label, Point, Segment, drawn_sizes, project, shape_box, shape_text


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
            box = shape_box(shape, x, 0.0, status, scale, min_len)
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
