"""The network as a graph of blocks, before any geometry: plain Python, no Qt.

A block is what the network view draws as one box: a layer, together with the activation,
normalization and dropout layers that follow it (folded, "conv1 + ReLU"), or the network's input.
Runs of identical units (ResNet's bottlenecks) can be collapsed into one unit marked "× N".

`arrange` then decides where each block goes: its column (the longest path from the input, so
every block stands right of all its inputs) and its lane (0 is the main path; branches take the
lanes below it, side by side where they run in parallel).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

# Layer groups (LayerType.group) that fold into the block they follow.
FOLDED_GROUPS = ("Activation", "Normalization")
# Short names of folded layers in a block's title.
SHORT_NAMES = {
    "BatchNorm1d": "BN",
    "BatchNorm2d": "BN",
    "BatchNorm3d": "BN",
    "GroupNorm": "GN",
    "LayerNorm": "LN",
}
# A run of identical units collapses when it repeats at least this many times: a unit of
# several blocks (ResNet's bottleneck) from two on, a single block from four on (so VGG's three
# equal convs and AlexNet's conv3 and conv4 stay drawn).
MIN_REPEATS = 2
MIN_REPEATS_ONE_BLOCK = 4
# The longest unit looked for, in blocks.
MAX_PERIOD = 16

# The colour kind of each layer group, and what the legend calls it.
KIND_OF_GROUP = {
    "Convolution": "conv",
    "Pooling": "pool",
    "Dense": "dense",
    "Merge": "merge",
    "Shape": "shape",
    "Normalization": "norm",
    "Activation": "act",
}
KIND_NAMES = {
    "input": "input",
    "conv": "convolution",
    "pool": "pooling",
    "dense": "fully connected",
    "merge": "add / concat",
    "shape": "reshape",
    "norm": "normalization",
    "act": "activation",
}


@dataclass(slots=True)
class GraphBlock:
    """One box of the network view. `members` are layer indices in order (-1: the input); the
    first one is what a click selects."""

    members: list[int]
    title: str
    kind: str
    shape: tuple[int, ...] | None
    status: str  # "ok", "error", "unknown"
    inputs: list[int] = field(default_factory=list)  # block positions, each earlier than this
    folded: list[str] = field(default_factory=list)  # short names of the folded layers


@dataclass(frozen=True, slots=True)
class Run:
    """A collapsed (or expanded) run of `count` identical units of `period` blocks.

    `first` is the position of the run's first block in the block list; `key` is the layer index
    that names the run (its first layer), stable while the network does not change shape.
    """

    first: int
    period: int
    count: int
    key: int
    names: tuple[str, str]  # the first and the last unit's first layer
    expanded: bool


@dataclass(slots=True)
class NetworkGraph:
    blocks: list[GraphBlock]
    runs: list[Run]


@functools.cache
def _groups() -> dict[str, str]:
    """Each layer type's group ("Convolution", "Activation", ...), read once."""
    from convdesk.engine.layertypes import LAYER_TYPES

    return {name: spec.group for name, spec in LAYER_TYPES.items()}


def _worst(a: str, b: str) -> str:
    order = {"ok": 0, "unknown": 1, "error": 2}
    return a if order.get(a, 0) >= order.get(b, 0) else b


def fold_blocks(report, fold: bool = True) -> list[GraphBlock]:
    """The blocks of `report`, the input first. With `fold`, an activation, normalization or
    dropout layer joins the block of the layer it follows when it is that layer's only reader
    and keeps its shape."""
    blocks = [GraphBlock([-1], "input", "input", tuple(report.input), "ok")]
    block_of: dict[str, int] = {"input": 0}
    readers: dict[str, int] = {}
    groups = _groups()
    for r in report.layers:
        for name in r.inputs:
            readers[name] = readers.get(name, 0) + 1
    for r in report.layers:
        group = groups.get(r.type, "")
        src = r.inputs[0] if len(r.inputs) == 1 else None
        host = block_of.get(src) if src is not None else None
        if (
            fold
            and group in FOLDED_GROUPS
            and host is not None
            and src is not None
            and host > 0
            and host == len(blocks) - 1
            and readers.get(src, 0) == 1
            and r.output_shape is not None
            and r.output_shape == blocks[host].shape
        ):
            block = blocks[host]
            block.members.append(r.index)
            block.folded.append(SHORT_NAMES.get(r.type, r.type))
            block.status = _worst(block.status, r.status)
            block_of[r.name] = host
            continue
        inputs = []
        for name in r.inputs:
            b = block_of.get(name)
            if b is not None and b not in inputs:
                inputs.append(b)
        kind = KIND_OF_GROUP.get(group, "shape")
        blocks.append(GraphBlock([r.index], r.name, kind, r.output_shape, r.status, inputs))
        block_of[r.name] = len(blocks) - 1
    for block in blocks:
        if block.folded:
            block.title = " + ".join([block.title, *block.folded])
    # A block's shape is its last member's (a folded layer keeps the shape anyway).
    for block in blocks[1:]:
        last = report.layers[block.members[-1]]
        block.shape = last.output_shape
    return blocks


def _signature(blocks: list[GraphBlock], report, i: int) -> tuple:
    b = blocks[i]
    types = tuple(report.layers[m].type for m in b.members) if b.members[0] >= 0 else ("input",)
    return (types, b.shape, b.status, tuple(i - j for j in b.inputs))


def find_runs(blocks: list[GraphBlock], report) -> list[tuple[int, int, int]]:
    """Runs of identical consecutive units: (first block, period, count), left to right.

    Two units are identical when their blocks have the same layer types, shapes, status and
    inputs at the same distances back.
    """
    ids: dict[tuple, int] = {}
    sig = [ids.setdefault(_signature(blocks, report, i), len(ids)) for i in range(len(blocks))]
    n = len(sig)
    runs = []
    i = 1  # never the input
    while i < n:
        best = (0, 0)  # (blocks covered, period)
        for p in range(1, MAX_PERIOD + 1):
            if i + MIN_REPEATS * p > n:
                break
            j = i
            while j + p < n and sig[j] == sig[j + p]:
                j += 1
            count = (j + p - i) // p
            least = MIN_REPEATS_ONE_BLOCK if p == 1 else MIN_REPEATS
            if count >= least and count * p > best[0]:
                best = (count * p, p)
        if best[0]:
            covered, p = best
            runs.append((i, p, covered // p))
            i += covered
        else:
            i += 1
    return runs


def network_graph(
    report, fold: bool = True, collapse: bool = True, expanded: frozenset[int] = frozenset()
) -> NetworkGraph:
    """The blocks to draw: folded, and with runs of identical units collapsed unless their key
    is in `expanded` (or `collapse` is off)."""
    blocks = fold_blocks(report, fold)
    if not collapse:
        return NetworkGraph(blocks, [])
    found = find_runs(blocks, report)
    rep = list(range(len(blocks)))  # the block each block is drawn as
    runs_at: dict[int, tuple[int, int, int]] = {}
    for first, period, count in found:
        key = blocks[first].members[0]
        runs_at[first] = (period, count, key)
        if key in expanded:
            continue
        for j in range(first + period, first + period * count):
            rep[j] = first + (j - first) % period
    keep = [i for i in range(len(blocks)) if rep[i] == i]
    new_pos = {old: new for new, old in enumerate(keep)}
    out: list[GraphBlock] = []
    for old in keep:
        b = blocks[old]
        out.append(GraphBlock(list(b.members), b.title, b.kind, b.shape, b.status, [], b.folded))
    for old, b in enumerate(blocks):
        target = new_pos[rep[old]]
        if rep[old] != old:
            out[target].members += b.members
            out[target].status = _worst(out[target].status, b.status)
        for src in b.inputs:
            s = new_pos[rep[src]]
            # Edges from one repeat to the next fold back onto the drawn unit: left out.
            if s < target and s not in out[target].inputs:
                out[target].inputs.append(s)
    runs = []
    for first, (period, count, key) in runs_at.items():
        names = (
            report.layers[blocks[first].members[0]].name,
            report.layers[blocks[first + period * (count - 1)].members[0]].name,
        )
        is_open = key in expanded
        runs.append(Run(new_pos[first], period, count, key, names, is_open))
    return NetworkGraph(out, runs)


@dataclass(slots=True)
class Arrangement:
    """Where each block goes: its column and lane, and which blocks make the main path."""

    column: list[int]
    lane: list[int]
    main: list[int]  # block positions along the main path, left to right


def _main_path(blocks: list[GraphBlock], column: list[int]) -> list[int]:
    """From the last block back to the input, always through the input that lies furthest to
    the right; a merge's inputs that are smaller than its output (a squeeze-and-excitation gate,
    broadcast) are side paths, not the main path."""
    path = [len(blocks) - 1]
    while blocks[path[-1]].inputs:
        b = blocks[path[-1]]
        same = [i for i in b.inputs if blocks[i].shape == b.shape or len(b.inputs) == 1]
        choices = same or b.inputs
        path.append(max(choices, key=lambda i: (column[i], -b.inputs.index(i))))
    path.reverse()
    return path


def arrange(blocks: list[GraphBlock]) -> Arrangement:
    """Columns by longest path from the input; lane 0 for the main path, branches below it."""
    n = len(blocks)
    column = [0] * n
    for i, b in enumerate(blocks):
        if b.inputs:
            column[i] = 1 + max(column[j] for j in b.inputs)
    main = _main_path(blocks, column)
    on_main = set(main)
    # Blocks off the main path with no path to the output (a dead end) still need a lane.
    lane = [0] * n
    # Branches: groups of off-path blocks joined by edges among themselves.
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    readers: list[list[int]] = [[] for _ in range(n)]
    for i, b in enumerate(blocks):
        for j in b.inputs:
            readers[j].append(i)
            if i not in on_main and j not in on_main:
                parent[find(i)] = find(j)
    comps: dict[int, list[int]] = {}
    for i in range(n):
        if i not in on_main:
            comps.setdefault(find(i), []).append(i)
    # Each branch spans the columns from where it leaves the main path to where it rejoins.
    spans = []
    for members in comps.values():
        cols = [column[i] for i in members]
        ends = [column[j] for i in members for j in blocks[i].inputs if j in on_main]
        ends += [column[r] for i in members for r in readers[i] if r in on_main]
        lo, hi = min(cols + ends), max(cols + ends)
        per_col: dict[int, int] = {}
        for i in members:
            per_col[column[i]] = per_col.get(column[i], 0) + 1
        spans.append((lo, -hi, hi, max(per_col.values()), sorted(members)))
    spans.sort()
    busy: dict[int, list[tuple[int, int]]] = {}  # lane -> spans taken
    for lo, _neg, hi, height, members in spans:
        first = 1
        while any(
            a <= hi and lo <= b for k in range(first, first + height) for a, b in busy.get(k, ())
        ):
            first += 1
        for k in range(first, first + height):
            busy.setdefault(k, []).append((lo, hi))
        used: dict[int, int] = {}
        for i in members:
            lane[i] = first + used.get(column[i], 0)
            used[column[i]] = used.get(column[i], 0) + 1
    return Arrangement(column, lane, main)
