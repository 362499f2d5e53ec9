"""The network view's geometry: blocks, links, branch lanes, skip arcs, groups and labels, in
model units. Plain Python, no Qt.

The main path runs left to right on lane 0; branches run in lanes below it and rejoin at their
merge; a connection that skips over blocks of the main path is an arc above it. Feature maps are
3-D boxes (width and height in proportion, under the size scale), flat vectors upright bars.

One unit of length, `unit`, is chosen so that it is about five pixels when the whole figure is
fitted into a 1440×900 window: no side is drawn thinner than it, and gaps and arcs are counted in
it, so they stay visible at Fit however long the network is.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

from .network_graph import KIND_NAMES, Arrangement, GraphBlock, Run, arrange, network_graph
from .primitives import (
    OBLIQUE_X,
    OBLIQUE_Y,
    Box,
    Label,
    Point,
    Segment,
    scale_depth,
    shape_axes,
    shape_text,
)

SCALES = ("sqrt", "log", "linear")
DEFAULT_SCALE = "sqrt"
SCALE_TEXT = {
    "linear": "sizes: linear (true scale)",
    "sqrt": "sizes: square root of width, height and channels",
    "log": "sizes: 1 + log2 of width, height and channels",
}
# The figure is sized for this much room, in pixels: a 1440×900 window showing the network alone.
FIT_VIEW = (1400.0, 720.0)
# What is left of it for the blocks once the caption and a few lines of labels have their room.
FIT_ROOM = (1240.0, 470.0)
# At a window's zoom past 100 % the labels stand among the blocks (in rows of names and shapes,
# in a U's steps), not around them: when FIT_ROOM keeps no room for them all, the figure may take
# nearly the whole view.
ZOOMED_ROOM = (1360.0, 560.0)
# A network of at most this many blocks gets room for every block's name: each column is as wide
# as its name (at about 8 px a character, half of it when neighbours' names are staggered).
NAMED_BLOCKS = 16
NAME_UNITS_PER_CHAR = 0.9
# At that size the unit is this many pixels (a block's thinnest side is one unit).
UNIT_PX = 5.0
# Room a label needs along its row, in units a character (about 8 px at Fit), and between two
# labels of a row: where a figure makes room for its labels, each stands right by its block.
LABEL_UNITS_PER_CHAR = 1.9
LABEL_GAP_UNITS = 2.5
# A block's drawn width, height and depth before enlarging, and whether it is a vector's bar.
Raw = tuple[float, float, float, bool]
# Room kept in a row of labels: the row (lane, which row, "name" or "shape"), a width in units
# of the unit, and what it is: "front" a shape under the block's front, "middle" a name over
# its middle, "block" the block itself (a tall bar standing through the row).
_Row = tuple[tuple[int, int, str], float, str]
# Cabinet projection draws a depth at half its length.
DEPTH_DRAWN = 0.5
# Label offsets, in pixels: one line of text further out for each alternate.
LINE_PX = 21.0
ROWS = ("name", "shape")
# Label priorities (higher placed first). The input's and the output's shapes come before any
# other label; then the stages' names and the "× N" counts: headings a selected block's name
# (SELECTED_PRIORITY, see NetworkView) must not push out; then the blocks' own labels.
ENDS_PRIORITY = 12
STAGE_PRIORITY = 11
COUNT_PRIORITY = 10
SELECTED_PRIORITY = 9


@dataclass(frozen=True, slots=True)
class Block:
    """One box of the network view: a layer, the layers folded into it, or the repeats of a
    collapsed unit. `index` is its first layer (-1 for the network's input): what a click selects.
    """

    index: int
    box: Box
    status: str  # "ok", "error", "unknown"
    kind: str = "conv"  # colour: "input", "conv", "pool", "dense", "merge", "shape", "norm", "act"
    members: tuple[int, ...] = ()
    title: str = ""
    lane: int = 0
    vector: bool = False  # a flat vector, drawn as an upright bar


@dataclass(frozen=True, slots=True)
class Group:
    """A run of identical units: the frame drawn around it and what double-clicking toggles."""

    key: int
    count: int
    expanded: bool
    frame: tuple[float, float, float, float]  # left, top, right, bottom
    blocks: tuple[int, ...]  # positions in NetworkLayout.blocks
    names: tuple[str, str]


@dataclass(slots=True)
class NetworkLayout:
    blocks: list[Block]
    connectors: list[list[Point]]  # skips, forks and merges, as page polylines
    links: list[Segment]  # plain flow from one block to the next
    labels: list[Label]
    scale: str
    groups: list[Group] = field(default_factory=list)
    owners: list[int] = field(default_factory=list)  # per label: its block position, or -1
    unit: float = 1.0
    clamped: bool = False  # some side was drawn thicker than its scale gives, to be seen
    brackets: list[list[Point]] = field(default_factory=list)  # over the stages, by name
    # Room was kept by each block for its labels (every name of a short network in one row, a
    # U's shapes under their blocks): they stand right by their blocks at Fit. `tried`: room
    # was sought (a short network, a U); a long network places its labels where they fit.
    roomy: bool = False
    tried: bool = False
    _where: dict[int, int] = field(default_factory=dict)  # layer index -> block position

    def __post_init__(self) -> None:
        for pos, b in enumerate(self.blocks):
            for m in b.members or (b.index,):
                self._where[m] = pos

    def position_of(self, index: int) -> int | None:
        """The position in `blocks` of the block that holds layer `index`."""
        return self._where.get(index)

    def block_of(self, index: int) -> Block | None:
        """The block that holds layer `index` (folded or collapsed into it, or its own)."""
        pos = self._where.get(index)
        return None if pos is None else self.blocks[pos]

    def labels_of(self, index: int) -> list[Label]:
        """The labels of the block that holds layer `index` (its name and its shape)."""
        pos = self._where.get(index)
        return [lb for lb, o in zip(self.labels, self.owners, strict=True) if o == pos]

    def hit(self, px: float, py: float) -> int | None:
        """The first layer of the block under page point (px, py), or None."""
        pos = self.hit_block(px, py)
        return None if pos is None else self.blocks[pos].index

    def hit_block(self, px: float, py: float) -> int | None:
        """The position of the block under page point (px, py) (not the input), or None."""
        for pos in range(len(self.blocks) - 1, -1, -1):
            b = self.blocks[pos]
            if b.index >= 0 and b.box.contains(px, py):
                return pos
        return None

    def edge_labels(self) -> list[Label]:
        """The labels to make room for when the whole network is shown: those of the first
        and last blocks, which reach past the picture's sides, the shapes under its lowest
        blocks (a branch's lane), which reach past its bottom, and the stages' names and
        counts over its top. The others find a place among the blocks, or are left out."""
        if not self.blocks:
            return []
        first, last = self.blocks[0].index, self.blocks[-1].index
        labels = self.labels_of(first) + (self.labels_of(last) if last != first else [])
        low = max(b.box.y + b.box.h for b in self.blocks)
        # Each block's labels gathered in one pass (a chain of 2,000 equal blocks is all low).
        owned: dict[int, list[Label]] = {}
        for lb, o in zip(self.labels, self.owners, strict=True):
            owned.setdefault(o, []).append(lb)
        for pos, b in enumerate(self.blocks):
            if b.box.y + b.box.h >= low - self.unit and pos not in (0, len(self.blocks) - 1):
                where = self._where.get(b.index)
                mine = owned.get(where, []) if where is not None else []
                labels += [lb for lb in mine if lb.role == "edge"]
        # And the headings: the stages' names and the "× N" counts, over the blocks.
        return labels + owned.get(-1, [])

    def selected_labels(self, index: int, title: str) -> list[Label]:
        """The labels with layer `index` selected: its block's name (reading `title`) and
        shape ranked SELECTED_PRIORITY, over their neighbours' but under the ends' shapes and
        the headings (stages' names, "× N" counts), which it must not push out."""
        mine = {id(lb) for lb in self.labels_of(index)}
        return [
            replace(
                lb,
                priority=max(lb.priority, SELECTED_PRIORITY),
                text=title if lb.role == "title" else lb.text,
            )
            if id(lb) in mine
            else lb
            for lb in self.labels
        ]

    def thinnest(self) -> float:
        """The thinnest drawn side of any block (its depth is drawn at half length)."""
        return min((min(b.box.w, b.box.h, b.box.d * DEPTH_DRAWN) for b in self.blocks), default=0.0)

    def group_at(self, pos: int) -> Group | None:
        """The run of identical units that block `pos` belongs to, if any."""
        for g in self.groups:
            if pos in g.blocks:
                return g
        return None

    def kinds(self) -> list[str]:
        """The colour kinds present, in the legend's order."""
        present = {b.kind for b in self.blocks}
        return [k for k in KIND_NAMES if k in present]

    def bounds(self) -> tuple[float, float, float, float]:
        if not self.blocks:
            return (0.0, 0.0, 1.0, 1.0)
        bs = [b.box.bounds() for b in self.blocks]
        bs += [g.frame for g in self.groups]
        left = min(b[0] for b in bs)
        top = min(b[1] for b in bs)
        right = max(b[2] for b in bs)
        bottom = max(b[3] for b in bs)
        for poly in self.connectors + self.brackets:
            top = min(top, *(p[1] for p in poly))
            bottom = max(bottom, *(p[1] for p in poly))
        return (left, top, right, bottom)


def _raw_size(shape: tuple[int, ...] | None, scale: str) -> Raw:
    """Drawn width, height and depth of a shape before any enlarging, and whether it is a bar."""
    if shape is None:
        return (0.0, 0.0, 0.0, False)
    a = shape_axes(shape)
    if a.spatial_rank == 0:
        # Upright, as long as that many channels are drawn deep (depth is drawn at half length).
        return (0.0, scale_depth(a.d, scale) * DEPTH_DRAWN, 0.0, True)
    side = max(a.w, a.h)
    k = scale_depth(side, scale) / side
    if a.spatial_rank == 1:
        return (a.w * k, 0.0, scale_depth(a.d, scale), False)
    depth = scale_depth(a.d, scale) if a.depth_is_channels else a.d * k
    return (a.w * k, a.h * k, depth, False)


def _page_size(w: float, h: float, d: float) -> tuple[float, float]:
    return (w + d * OBLIQUE_X, h + d * OBLIQUE_Y)


def network_layout(
    report,
    scale: str = DEFAULT_SCALE,
    fold: bool = True,
    collapse: bool = True,
    expanded: frozenset[int] = frozenset(),
    text: float = 1.0,
    zoom: float = 1.0,
) -> NetworkLayout:
    """The network view of `report`: main path left to right, branches in lanes below, skips
    as arcs above; activations folded into their blocks (`fold`), runs of identical units
    collapsed (`collapse`) except those whose key is in `expanded`. `text` is how large the
    labels will be drawn against a 1440×900 window's Fit (a written figure's are larger):
    the room kept for them grows with it. `zoom` is the window's zoom: its text is that much
    larger again, and past 100 % a short network's names may take a third row and the figure
    ZOOMED_ROOM, so that every label keeps its room by its block."""
    text *= zoom
    rooms = (FIT_ROOM, ZOOMED_ROOM) if zoom > 1 else (FIT_ROOM,)
    graph = network_graph(report, fold, collapse, expanded)
    blocks = graph.blocks
    arr = arrange(blocks)
    raw = [_raw_size(b.shape, scale) for b in blocks]
    # A layer without a shape (in error, or after one) is drawn as large as what it reads, so
    # the figure keeps its proportions; its colour and "unknown" say the rest.
    for i, b in enumerate(blocks):
        if b.shape is None and b.inputs:
            raw[i] = raw[b.inputs[0]]
    arcs = _arc_levels(blocks, arr)
    levels = max((lv for _s, _t, lv in arcs), default=-1) + 1
    largest = max((max(w, h, d) for w, h, d, _v in raw), default=1.0) or 1.0
    unit = largest * 0.002
    # The unit is about UNIT_PX pixels at Fit: grow it until the figure it gives agrees. The
    # figure grows more slowly than the unit when there is room for every block; when there
    # is not (thousands of blocks in a row), the last try stands.
    named = len(blocks) <= NAMED_BLOCKS
    dips = _u_levels(report, blocks, arr)
    shapes = _shape_texts(report, blocks, arr, any(dips) or not named, dips)
    half = [len(b.title) * NAME_UNITS_PER_CHAR * text if named else 0.0 for b in blocks]
    none: list[list[_Row]] = [[] for _ in blocks]
    frame = None
    per_char = LABEL_UNITS_PER_CHAR * text
    # Which row a label of a short network stands in: 0 right by its block, 1 a line further
    # (every other block along its lane, when one row has no room for them all).
    rank = _ranks(arr)
    rows_of: tuple[list[int], list[int]] = ([0] * len(blocks), [0] * len(blocks))
    if named and not any(dips):
        # A short network: every name in one row, each over its own block, and every shape
        # right under its block, where the room allows; else every other one a line further
        # (names, then shapes too), so the labels stand in two even rows.
        # Larger text (a window's zoom) may need a third row of names, then of shapes; a
        # vector's shape then stands right under its bar, whose foot may be at the height of
        # any row of shapes: it keeps its room in each.
        bars = zoom > 1
        one, two, three = ([r % n for r in rank] for n in (1, 2, 3))
        tries = [(one, one), (two, one), (two, two)]
        if bars:
            tries += [(three, two), (three, three)]
            tries = [
                (names, [0 if raw[i][3] else r for i, r in enumerate(s)]) for names, s in tries
            ]
        for room, rows_of in ((room, r) for room in rooms for r in tries):
            reserved = []
            for i, b in enumerate(blocks):
                lane, name_row, shape_row = arr.lane[i], rows_of[0][i], rows_of[1][i]
                shape_w = len(shapes[i]) * per_char
                mine: list[_Row] = [
                    ((lane, shape_row, "shape"), shape_w, "front"),
                    ((lane, name_row, "name"), len(b.title) * per_char, "middle"),
                ]
                if raw[i][3]:
                    # A vector's bar stands through every row of names and shapes.
                    mine += [((lane, k, row), 0.0, "block") for k in (0, 1, 2) for row in ROWS]
                if raw[i][3] and bars:
                    mine += [((lane, k, "shape"), shape_w, "front") for k in (1, 2)]
                reserved.append(mine)
            frame = _fit(
                arr, raw, unit, [0.0] * len(blocks), reserved, dips, levels, largest, text, room
            )
            if frame is not None:
                break
    elif any(dips):
        # A U: each shape said right under its block, where the room allows.
        reserved = [
            [((arr.lane[i], dips[i], "shape"), len(t) * per_char, "front")] if t else []
            for i, t in enumerate(shapes)
        ]
        for room in rooms:
            frame = _fit(arr, raw, unit, half, reserved, dips, levels, largest, text, room)
            if frame is not None:
                break
    roomy = frame is not None
    if frame is None:
        rows_of = ([0] * len(blocks), [0] * len(blocks))
        # At a window's zoom the input's and output's shapes keep room by their blocks.
        ends = _end_rows(blocks, arr, raw, shapes, per_char) if zoom > 1 else none
        # Names wider than the room side by side (a short network at 250 %) would leave the
        # blocks a thin line: the blocks keep their size, and the names stand where they can.
        strict = rooms[-1] if any(half) else None
        frame = _fit(arr, raw, unit, half, ends, dips, levels, largest, text, strict)
        if frame is None and any(half):
            nameless = [0.0] * len(blocks)
            frame = _fit(arr, raw, unit, nameless, ends, dips, levels, largest, text, None)
    if frame is None:
        # No room for the labels at all (a U's shapes at 300 %): the blocks still get theirs.
        nameless = [0.0] * len(blocks)
        frame = _fit(arr, raw, unit, nameless, none, dips, levels, largest, 1.0, None)
    if frame is None:
        frame = _Frame(arr, raw, largest * 0.01, half, dips, none, text)
    lay = _place(graph.runs, blocks, arr, frame, arcs, scale, shapes, rows_of)
    lay.roomy = roomy
    lay.tried = (named and not any(dips)) or any(dips)
    return lay


def _end_rows(
    blocks: list[GraphBlock], arr: Arrangement, raw: list[Raw], shapes: list[str], per_char: float
) -> list[list[_Row]]:
    """Room kept in a long network's row of shapes: the input's and the output's shapes are
    said whatever the length, so their columns keep room for them beside a neighbour's
    taller bar (C3D's 487 beside fc7's 4,096 at 200 %)."""
    rows: list[list[_Row]] = [[] for _ in blocks]
    for i in range(len(blocks)):
        key = (arr.lane[i], 0, "shape")
        if raw[i][3]:
            rows[i].append((key, 0.0, "block"))
        if i in (0, len(blocks) - 1) and shapes[i]:
            rows[i].append((key, len(shapes[i]) * per_char, "front"))
    return rows


def _fit(
    arr: Arrangement,
    raw: list[Raw],
    unit: float,
    names: list[float],
    rows: list[list[_Row]],
    dips: list[int],
    levels: int,
    largest: float,
    text: float,
    room: tuple[float, float] | None,
) -> _Frame | None:
    """The frame whose unit is about UNIT_PX pixels when its blocks are shown in `room`
    pixels, or None if no unit gives one: past some size every side is clamped and the figure
    grows in proportion to the unit, and if it then grows faster than the room (hundreds of
    blocks in a row, or labels wider than the room), no unit is large enough. With no `room`
    (FIT_ROOM, not strict), a frame that does not quite fit (the last try) stands."""
    strict = room is not None
    room_w, room_h = room or FIT_ROOM
    frame = _Frame(arr, raw, unit, names, dips, rows, text)
    w1, h1 = frame.extent(levels)
    w2, h2 = _Frame(arr, raw, 2 * unit, names, dips, rows, text).extent(levels)
    slope = UNIT_PX * max((w2 - w1) / room_w, (h2 - h1) / room_h) / unit
    if slope >= 0.95:
        return None
    tries = 30
    for k in range(tries):
        width, height = frame.extent(levels)
        need = UNIT_PX * max(width / room_w, height / room_h)
        if need <= unit * 1.02:
            break
        if unit >= largest:
            # Every side is clamped: the figure only scales with the unit from here on, so each
            # further try multiplies the unit by the same factor. Take them at once.
            if strict:
                return None
            unit *= (need * 1.02 / unit) ** (tries - k)
            return _Frame(arr, raw, unit, names, dips, rows, text)
        unit = need * 1.02
        frame = _Frame(arr, raw, unit, names, dips, rows, text)
    else:
        if strict:
            return None
    return frame


def _ranks(arr: Arrangement) -> list[int]:
    """Each block's place along its lane, left to right: 0, 1, 2, ..."""
    rank = [0] * len(arr.lane)
    seen: dict[int, int] = {}
    for i in sorted(range(len(arr.lane)), key=lambda i: arr.column[i]):
        rank[i] = seen.get(arr.lane[i], 0)
        seen[arr.lane[i]] = rank[i] + 1
    return rank


def _shape_texts(
    report, blocks: list[GraphBlock], arr: Arrangement, quiet: bool, dips: list[int]
) -> list[str]:
    """The shape said under each block: all of them; in a `quiet` figure (a long network) only
    where the shape changes along its lane; in a U once a level: at the input, where each
    level of the way down ends (where its skip leaves), at each merge of the way up (where a
    skip arrives) and at the output. The hover tells the rest."""
    texts = []
    said: dict[int, str] = {}  # the last shape labelled in each lane
    step = {a: b for a, b in zip(arr.main, arr.main[1:], strict=False)}
    u_shaped = any(dips)
    up = False  # past the first merge: climbing the U
    for i, b in enumerate(blocks):
        m, lane = b.members, arr.lane[i]
        shape = report.input if m[0] < 0 else report.layers[m[-1]].output_shape
        text = shape_text(tuple(shape) if shape is not None else None)
        if u_shaped:
            up = up or b.kind == "merge"
            ends = i in step and dips[step[i]] != dips[i]
            if not (i == 0 or i not in step or b.kind == "merge" or (ends and not up)):
                text = ""
        elif quiet and text == said.get(lane):
            text = ""
        else:
            said[lane] = text
        texts.append(text)
    return texts


# Layer types that grow feature maps back: a main path with one of them may be a U.
UPSAMPLING = ("ConvTranspose1d", "ConvTranspose2d", "ConvTranspose3d", "Upsample")


def _u_levels(report, blocks: list[GraphBlock], arr: Arrangement) -> list[int]:
    """For a network whose main path shrinks its maps and then grows them back with an
    upsampling layer (U-Net's encoder and decoder), each main-path block's step down the U: 0
    at the largest maps, one more for each halving. All zeros for other networks, which run
    level."""
    grows = any(
        report.layers[m].type in UPSAMPLING for i in arr.main for m in blocks[i].members if m >= 0
    )
    if not grows:
        return [0] * len(blocks)
    size: list[int | None] = []
    for i in arr.main:
        shape = blocks[i].shape
        a = shape_axes(shape) if shape is not None and len(shape) >= 2 else None
        size.append(max(a.w, a.h) if a is not None else None)
    known = [v for v in size if v is not None]
    if not known:
        return [0] * len(blocks)
    low = min(known)
    first_low = size.index(low)
    grows_back = any(v is not None and v > low for v in size[first_low:])
    if not grows_back:
        return [0] * len(blocks)
    top = max(known)
    dips = [0] * len(blocks)
    last = 0
    for i, v in zip(arr.main, size, strict=True):
        last = last if v is None else round(math.log2(top / v))
        dips[i] = last
    return dips


class _Frame:
    """Sizes, columns and lanes for one unit: all a layout needs before drawing anything."""

    def __init__(
        self,
        arr: Arrangement,
        raw: list[Raw],
        unit: float,
        names: list[float],
        dips: list[int],
        rows: list[list[_Row]],
        text: float = 1.0,
    ) -> None:
        self.unit = unit
        self.text = text
        self.sizes: list[tuple[float, float, float]] = []
        self.clamped = False
        for w, h, d, vector in raw:
            # The depth is drawn at half its length: two units deep shows as one.
            if vector:
                self.sizes.append((1.5 * unit, max(h, unit), 2 * unit))
                self.clamped = self.clamped or h < unit
            elif w == 0 and h == 0 and d == 0:  # no shape: a small placeholder cube
                self.sizes.append((3 * unit, 3 * unit, 3 * unit))
            else:
                self.clamped = self.clamped or min(w, h, d / 2) < unit
                self.sizes.append((max(w, unit), max(h, unit), max(d, 2 * unit)))
        self.page = [_page_size(*s) for s in self.sizes]
        n = len(self.sizes)
        ncol = max(arr.column) + 1 if n else 0
        self.colw = [0.0] * ncol
        for i in range(n):
            c = arr.column[i]
            self.colw[c] = max(self.colw[c], self.page[i][0], names[i] * unit)
        self.gap = 3 * unit
        self.xs = self._columns(arr, rows, ncol)
        nlanes = max(arr.lane) + 1 if n else 1
        # A U's steps: each one block's height down from the one before, and room for two
        # lines of text (a shape under the level above, the name of the level below).
        step = (
            max((self.page[i][1] for i in arr.main), default=0.0)
            + (3 + 2 * text * LINE_PX / UNIT_PX) * unit
        )
        self.dip = [k * step for k in dips]
        self.u_shaped = any(dips)
        self.above = [0.0] * nlanes  # how far each lane's pages reach above its centre line
        self.below = [0.0] * nlanes
        for i, (_w, h, d) in enumerate(self.sizes):
            lane = arr.lane[i]
            self.above[lane] = max(self.above[lane], h / 2 + d * OBLIQUE_Y - self.dip[i])
            self.below[lane] = max(self.below[lane], h / 2 + self.dip[i])
        self.centre = [0.0] * nlanes
        for lane in range(1, nlanes):
            # Room for the shape under the lane above and the name over this one: two lines
            # of text, with room to spare at Fit: fourteen units; larger text, more.
            between = max(14.0, 3 + 2 * text * LINE_PX / UNIT_PX) * unit
            self.centre[lane] = (
                self.centre[lane - 1] + self.below[lane - 1] + between + self.above[lane]
            )

    def _columns(self, arr: Arrangement, rows: list[list[_Row]], ncol: int) -> list[float]:
        """Each column's left, a gap after the one before, or further right where a label of
        one of its blocks needs the room from the label before it in its row."""
        unit = self.unit
        pad = LABEL_GAP_UNITS * unit * self.text
        ends: dict[tuple[int, int, str], float] = {}  # each row's last label's right end
        xs = [0.0] * ncol
        wants: list[list[tuple[tuple[int, int, str], float, float]]] = [[] for _ in range(ncol)]
        for i, reserved in enumerate(rows):
            c = arr.column[i]
            w, _h, _d = self.sizes[i]
            for key, chars, what in reserved:
                # Its middle from the column's left: the block's front or its middle.
                if what == "front":
                    mid = (self.colw[c] - self.page[i][0]) / 2 + w / 2
                else:
                    mid = self.colw[c] / 2
                half = self.page[i][0] / 2 if what == "block" else chars * unit / 2
                wants[c].append((key, mid, half))
        for c in range(ncol):
            x = xs[c - 1] + self.colw[c - 1] + self.gap if c else 0.0
            for key, mid, half in wants[c]:
                if key in ends:
                    x = max(x, ends[key] + pad + half - mid)
            xs[c] = x
            for key, mid, half in wants[c]:
                ends[key] = max(ends.get(key, -math.inf), x + mid + half)
        return xs

    def arc_height(self, level: int) -> float:
        """How far above the main path's roof an arc of `level` runs."""
        return (3 + 2.5 * level) * self.unit

    def extent(self, levels: int) -> tuple[float, float]:
        width = self.xs[-1] + self.colw[-1] if self.xs else 0.0
        arcs = self.arc_height(levels - 1) if levels else 0.0
        # The stages' brackets over everything: three more units.
        return width, self.above[0] + arcs + 3 * self.unit + self.centre[-1] + self.below[-1]


def _place(
    runs: list[Run],
    blocks: list[GraphBlock],
    arr: Arrangement,
    frame: _Frame,
    arcs: list[tuple[int, int, int]],
    scale: str,
    shapes: list[str],
    rows_of: tuple[list[int], list[int]],
) -> NetworkLayout:
    boxes = []
    for i, b in enumerate(blocks):
        w, h, d = frame.sizes[i]
        c = arr.column[i]
        x = frame.xs[c] + (frame.colw[c] - frame.page[i][0]) / 2
        y = frame.centre[arr.lane[i]] + frame.dip[i] - h / 2
        a = shape_axes(b.shape) if b.shape is not None else None
        dims = (a.w, a.h, a.d) if a is not None else (1, 1, 1)
        boxes.append(Box(x, y, 0.0, w, h, d, b.status, dims, False))
    out_blocks = [
        Block(
            b.members[0],
            boxes[i],
            b.status,
            b.kind,
            tuple(b.members),
            b.title,
            arr.lane[i],
            _is_vector(b.shape),
        )
        for i, b in enumerate(blocks)
    ]
    links, connectors = _connections(blocks, arr, boxes, frame)
    roof = min(boxes[i].bounds()[1] for i in arr.main)
    for s, t, level in arcs:
        sx, sy = _top_edge(boxes[s], 0.75)
        tx, ty = _top_edge(boxes[t], 0.25)
        over = roof
        if frame.u_shaped:
            # Across the U at the height of the blocks it passes over: the deeper ones are lower.
            cs, ct = arr.column[s], arr.column[t]
            over = min(boxes[i].bounds()[1] for i in arr.main if cs <= arr.column[i] <= ct)
        y = over - frame.arc_height(level)
        connectors.append([(sx, sy), (sx, y), (tx, y), (tx, ty)])
    groups = _groups(runs, out_blocks, frame.unit)
    levels = max((lv for _s, _t, lv in arcs), default=-1) + 1
    over = roof - (frame.arc_height(levels - 1) if levels else 0.0)
    if groups:
        # A line of room under the stages' names for the "× N" counts over their frames
        # (at 200 % ResNet-18's "× 2" found none beside "layer1" and stood two lines up).
        over -= LINE_PX * frame.text / UNIT_PX * frame.unit
    brackets, names = _stages(out_blocks, arr, over, frame.unit, frame.u_shaped)
    terse = frame.u_shaped or len(out_blocks) > NAMED_BLOCKS
    # A U's stages are named at their own height; its blocks' own names would only crowd them.
    unnamed = frame.u_shaped and bool(names)
    staged = bool(names) or bool(groups)
    # Two lines of text, in model units, at the size the labels are drawn.
    far = 2 * LINE_PX * frame.text / UNIT_PX * frame.unit
    labels, owners = _labels(out_blocks, groups, arr, shapes, rows_of, terse, unnamed, staged, far)
    labels += names
    owners += [-1] * len(names)
    return NetworkLayout(
        out_blocks,
        connectors,
        links,
        labels,
        scale,
        groups,
        owners,
        frame.unit,
        frame.clamped,
        brackets,
    )


def _is_vector(shape: tuple[int, ...] | None) -> bool:
    return shape is not None and len(shape) == 1


def _right_at(box: Box, y: float) -> float:
    """The page x of the box's right outline at height y (its front right edge when y is
    below the side face)."""
    x1 = box.x + box.w
    dx, dy = box.d * OBLIQUE_X, box.d * OBLIQUE_Y
    y1 = box.y + box.h
    if y <= y1 - dy:
        return x1 + dx
    return x1 + dx * max(0.0, min(1.0, (y1 - y) / dy)) if dy > 0 else x1


def _top_edge(box: Box, t: float) -> Point:
    """A point along the back top edge of the box, `t` from its left (0) to its right (1)."""
    return (box.x + box.d * OBLIQUE_X + t * box.w, box.y - box.d * OBLIQUE_Y)


def _connections(
    blocks: list[GraphBlock], arr: Arrangement, boxes: list[Box], frame: _Frame
) -> tuple[list[Segment], list[list[Point]]]:
    """Links along a lane, and elbows into and out of the lanes (skips are arcs, apart)."""
    main_next = {a: b for a, b in zip(arr.main, arr.main[1:], strict=False)}
    on_main = set(arr.main)
    links: list[Segment] = []
    connectors: list[list[Point]] = []
    for t, b in enumerate(blocks):
        for s in b.inputs:
            sb, tb = boxes[s], boxes[t]
            ls, lt = arr.lane[s], arr.lane[t]
            ys = sb.y + sb.h / 2
            yt = tb.y + tb.h / 2
            if s in on_main and t in on_main:
                if main_next.get(s) == t and abs(yt - ys) < 1e-9:
                    links.append((_right_at(sb, ys), ys, tb.x, ys))
                elif main_next.get(s) == t:
                    # A step down or up the U: across, down or up, and across again.
                    mx = frame.xs[arr.column[t]] - frame.gap / 2
                    x0 = _right_at(sb, ys)
                    links += [(x0, ys, mx, ys), (mx, ys, mx, yt), (mx, yt, tb.x, yt)]
                continue
            if ls == lt and arr.column[t] == arr.column[s] + 1:
                links.append((_right_at(sb, ys), ys, tb.x, yt))
                continue
            if ls == 0:
                # Leaving the main path: down from under the source, then along the lane.
                sx = sb.x + sb.w / 2
                connectors.append([(sx, sb.y + sb.h), (sx, yt), (tb.x, yt)])
                continue
            if lt == 0:
                # Rejoining the main path: along the lane, then up into the merge.
                tx = tb.x + tb.w / 2
                connectors.append([(_right_at(sb, ys), ys), (tx, ys), (tx, tb.y + tb.h)])
                continue
            mx = frame.xs[arr.column[t]] - frame.gap / 2
            connectors.append([(_right_at(sb, ys), ys), (mx, ys), (mx, yt), (tb.x, yt)])
    return links, connectors


def _arc_levels(blocks: list[GraphBlock], arr: Arrangement) -> list[tuple[int, int, int]]:
    """Skips over the main path, (source, target, level): an arc goes up from the source's
    top, across above every block of the main path, and down into the target's top. Arcs
    that overlap sideways get different levels, shorter ones lower, so nested skips (U-Net's)
    nest. An arc leaves from the right of its source and lands on the left of its target, so
    one arc may start where the previous one ends."""
    on_main = set(arr.main)
    main_next = {a: b for a, b in zip(arr.main, arr.main[1:], strict=False)}
    spans = []
    for t, b in enumerate(blocks):
        if t not in on_main:
            continue
        for s in b.inputs:
            if s in on_main and main_next.get(s) != t:
                a, z = arr.column[s] + 0.75, arr.column[t] + 0.25
                spans.append((z - a, a, z, s, t))
    spans.sort()
    levels: list[list[tuple[float, float]]] = []
    out = []
    for _length, a, z, s, t in spans:
        level = 0
        while level < len(levels) and any(p < z and a < q for p, q in levels[level]):
            level += 1
        if level == len(levels):
            levels.append([])
        levels[level].append((a, z))
        out.append((s, t, level))
    return out


def _groups(runs: list[Run], blocks: list[Block], unit: float) -> list[Group]:
    groups = []
    for run in runs:
        count = run.period * (run.count if run.expanded else 1)
        members = tuple(range(run.first, run.first + count))
        bs = [blocks[i].box.bounds() for i in members]
        pad = 1.5 * unit
        frame = (
            min(b[0] for b in bs) - pad,
            min(b[1] for b in bs) - pad,
            max(b[2] for b in bs) + pad,
            max(b[3] for b in bs) + pad,
        )
        groups.append(Group(run.key, run.count, run.expanded, frame, members, run.names))
    return groups


def _labels(
    blocks: list[Block],
    groups: list[Group],
    arr: Arrangement,
    shapes: list[str],
    rows_of: tuple[list[int], list[int]],
    quiet: bool = False,
    unnamed: bool = False,
    staged: bool = False,
    far: float = math.inf,
) -> tuple[list[Label], list[int]]:
    """Each block's name over it and its shape under it; a group's count over its frame.

    A name sits just over its own block, or one line higher where a neighbour's name is in the
    way; where a taller neighbour (a long vector's bar) stands in the way, over that neighbour;
    else under the block's shape (the same key in each place: one shows), else it is left out.
    `quiet` (a long network, or a U): a block is named by its own last word ("depthwise" for
    "features.5.depthwise + BN + ReLU6"; its stage has the rest), only where that fits first:
    every other one a line higher, unless `staged` (the figure names stages or counts repeats:
    a name a line higher would stand among those and read as one of them);
    `unnamed`: only by its stage (the name shows when it is selected, and on hover).
    A quiet name never stands over a neighbour's top more than `far` over its own block's.
    """
    labels: list[Label] = []
    owners: list[int] = []
    # The tops of each lane's columns: a taller neighbour's top is a name's fallback height.
    tops: dict[tuple[int, int], float] = {}
    bottoms: dict[tuple[int, int], float] = {}  # and their bottoms
    bounds = [b.box.bounds() for b in blocks]
    for pos, bb in enumerate(bounds):
        key = (arr.lane[pos], arr.column[pos])
        tops[key] = min(tops.get(key, bb[1]), bb[1])
        bottoms[key] = max(bottoms.get(key, bb[3]), bb[3])
    # A short network's feature maps are named along one line over the lane's tallest map
    # and their shapes said along one line under it: the labels stand in even rows. A vector's
    # bar (taller) has its own.
    roof: dict[int, float] = {}
    floor: dict[int, float] = {}
    for b, bb in zip(blocks, bounds, strict=True):
        if not b.vector:
            roof[b.lane] = min(roof.get(b.lane, bb[1]), bb[1])
            floor[b.lane] = max(floor.get(b.lane, b.box.y + b.box.h), b.box.y + b.box.h)
    for pos, b in enumerate(blocks):
        box = b.box
        left, own, right, _bottom = bounds[pos]
        lane, col = arr.lane[pos], arr.column[pos]
        top = min(tops.get((lane, c), math.inf) for c in (col - 1, col, col + 1))
        centre = (left + right) / 2
        if quiet:
            short = "" if unnamed and b.index >= 0 else _last_word(b.title)
            # Every other name a line higher, so narrow neighbours both show.
            step = 0.0 if staged else LINE_PX * (pos % 2)
            # A neighbour's top more than `far` over this block's (VGG16's flatten bar beside
            # avgpool) is too far: a name there reads as the neighbour's.
            far_above = top < own - far
            if top < own and not staged:
                # Over its own block first; over a much taller neighbour's top only if that
                # is taken (there it would read as the neighbour's name).
                rows = ((0, -4 - LINE_PX + step), (0, -4 - LINE_PX - step))
                labels.append(
                    Label(centre, own, short, "title", (0.5, 1.0), (0, -4 - step), 0, rows, pos)
                )
                owners.append(pos)
                short = "" if far_above else short
            line = own if far_above else top
            labels.append(
                Label(centre, line, short, "title", (0.5, 1.0), (0, -4 - step), 0, (), pos)
            )
        else:
            # In its row (0: right over its block, 1: a line higher), else a line higher still.
            lift = LINE_PX * rows_of[0][pos]
            higher = ((0, -4 - LINE_PX - lift),)
            line = own if b.vector else roof[b.lane]
            labels.append(
                Label(centre, line, b.title, "title", (0.5, 1.0), (0, -4 - lift), 2, higher, pos)
            )
            # Over the taller neighbour's top, or two lines over its own block: still over it,
            # before under its shape, where it would read as a caption.
            owners.append(pos)
            over = ((0, -4 - LINE_PX), (0, -4 - 2 * LINE_PX))
            labels.append(
                Label(centre, min(top, own), b.title, "title", (0.5, 1.0), (0, -4), 0, over, pos)
            )
        owners.append(pos)
        front = box.x + box.w / 2
        text = shapes[pos]
        # In its row under its block, else a line lower: never further, where it would read as
        # another's.
        drop = LINE_PX * rows_of[1][pos]
        down = ((0, 4 + LINE_PX + drop),)
        line = floor[b.lane] if not quiet and not b.vector else box.y + box.h
        # The network's input and output shapes are said first: they are what it is for
        # (before the selected block's labels too, which outrank the rest: see NetworkView).
        end = pos in (0, len(blocks) - 1)
        rank = ENDS_PRIORITY if end else 1
        # Beside taller neighbours (C3D's 487 after its 4,096 bars) an end's shape may find
        # no room under its own block: it may then stand under the lowest of them.
        low = max(bottoms.get((lane, c), line) for c in range(col - 2, col + 3)) if end else line
        same: int | None = len(blocks) + pos if low > line + 1e-9 else None
        labels.append(Label(front, line, text, "edge", (0.5, 0.0), (0, 4 + drop), rank, down, same))
        owners.append(pos)
        if same is not None:
            labels.append(Label(front, low, text, "edge", (0.5, 0.0), (0, 4), rank, (), same))
            owners.append(pos)
        if quiet:
            continue
        # The name's last resort: under the shape, tried after every name over its block.
        under = tuple((0, 4 + k * LINE_PX) for k in (2, 3))
        labels.append(
            Label(
                front, box.y + box.h, b.title, "title", (0.5, 0.0), (0, 4 + LINE_PX), 0, under, pos
            )
        )
        owners.append(pos)
    for g in groups:
        text = f"× {g.count}" if not g.expanded else f"{g.count} identical units"
        # Over the frame's right end (a stage's name sits over its middle), else further left
        # or right (past the frame's end, in a strip too low for another line), or up.
        sides = (0, -24, 24, -48, 48)
        aside = tuple((dx, -2 - k * LINE_PX) for k in (0, 1, 2) for dx in sides)[1:]
        labels.append(
            Label(g.frame[2], g.frame[1], text, "title", (1.0, 1.0), (0, -2), COUNT_PRIORITY, aside)
        )
        owners.append(-1)
    return labels, owners


def unit_title(block: Block, index: int, name_of) -> str:
    """The title of layer `index` within `block`: the block's own title, or for a layer of
    a collapsed repeat, the same title with that repeat's first layer named ("layer3.17.conv2
    + BN + ReLU" for layer3.17.bn2 in the block drawn as "layer3.1.conv2 + BN + ReLU").
    `name_of` gives a layer's name."""
    members = block.members
    if index not in members or not members or members[0] < 0:
        return block.title
    parts = block.title.split(" + ")
    per_unit = len(parts)  # the layer and those folded into it, in each repeat
    first = members[(members.index(index) // per_unit) * per_unit]
    if first == members[0]:
        return block.title
    return " + ".join([name_of(first), *parts[1:]])


def _last_word(title: str) -> str:
    """The last part of a layer's name that is not a number: "downsample" for
    "layer1.0.downsample.0 + BN"."""
    name = title.split(" + ")[0]
    words = [w for w in name.split(".") if not w.isdigit()]
    return words[-1] if words else name


def _stages(
    blocks: list[Block], arr: Arrangement, top: float, unit: float, u_shaped: bool
) -> tuple[list[list[Point]], list[Label]]:
    """Brackets over runs of blocks whose names share a first part ("layer1.0.conv1" and
    "layer1.2.add" are both in "layer1"), with that name: torchvision's stages. None when the
    names have no such parts. In a U the stages sit at different heights: each name goes just
    over its own blocks, without a bracket."""

    def stage(b: Block) -> str | None:
        head, dot, _rest = b.title.partition(".")
        return head if dot and b.index >= 0 else None

    runs: list[tuple[str, int, int]] = []
    for i in arr.main:
        name = stage(blocks[i])
        if name is not None and runs and runs[-1][0] == name:
            runs[-1] = (name, runs[-1][1], i)
        elif name is not None:
            runs.append((name, i, i))
    runs = [r for r in runs if r[1] != r[2]]
    if len(runs) < 2:
        return [], []
    lines: list[list[Point]] = []
    labels: list[Label] = []
    y = top - 2 * unit
    up = tuple((0, -3 - k * LINE_PX) for k in (1, 2))
    for name, first, last in runs:
        members = range(first, last + 1)
        x0 = blocks[first].box.bounds()[0]
        x1 = max(blocks[i].box.bounds()[2] for i in members)
        if u_shaped:
            own = min(blocks[i].box.bounds()[1] for i in members)
            labels.append(
                Label((x0 + x1) / 2, own, name, "title", (0.5, 1.0), (0, -4), STAGE_PRIORITY, up)
            )
            continue
        lines.append([(x0, y + unit), (x0, y), (x1, y), (x1, y + unit)])
        labels.append(Label((x0 + x1) / 2, y, name, "title", (0.5, 1.0), (0, -3), STAGE_PRIORITY))
    return lines, labels


# A network with more blocks than this is too long to read whole: selecting a layer shows the
# blocks around it instead. Every preset's figure (folded, repeats collapsed) shows whole;
# ResNet-50 with every layer drawn does not.
LEGIBLE_BLOCKS = 60
# Blocks on each side of the selected one in its neighbourhood (13 in all: about a dozen).
NEIGHBOURS = 6


def neighbourhood(layout: NetworkLayout, index: int, count: int = NEIGHBOURS):
    """Page bounds of the blocks `count` either side of layer `index`, centred on its block.

    None when the network is short enough to show whole, or the layer has no block.
    """
    if len(layout.blocks) <= LEGIBLE_BLOCKS:
        return None
    pos = layout.position_of(index)
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
