"""The network figure's layout, in model units, without a screen: the graph (folding, main
path, lanes, arcs, groups) and the legibility rules at Fit for every preset and for hand-made
branched networks."""

from __future__ import annotations

import itertools

import pytest

from convdesk.canvas import geometry as geo
from convdesk.canvas.geometry.network_fit import MARGIN_PX
from convdesk.canvas.geometry.network_graph import fold_blocks, network_graph
from convdesk.canvas.geometry.network_layout import FIT_VIEW, LINE_PX, SCALES
from convdesk.engine import compute
from convdesk.engine.presets import load_preset, preset_keys

from .helpers import network


def conv(name: str, out: int, k: int = 3, inputs=None, stride: int = 1, pad: int = 1) -> dict:
    layer = {
        "name": name,
        "type": "Conv2d",
        "out_channels": out,
        "kernel_size": k,
        "stride": stride,
        "padding": pad,
    }
    if inputs is not None:
        layer["inputs"] = inputs
    return layer


def relu(name: str, src: str | None = None) -> dict:
    layer = {"name": name, "type": "ReLU"}
    if src is not None:
        layer["inputs"] = [src]
    return layer


def inception():
    """A small Inception-style module: four branches from one input, joined by a Concat."""
    return network(
        [64, 28, 28],
        conv("stem", 64),
        relu("stem_relu"),
        conv("b1", 32, 1, ["stem_relu"], pad=0),
        conv("b2_reduce", 48, 1, ["stem_relu"], pad=0),
        conv("b2", 64, 3, ["b2_reduce"]),
        conv("b3_reduce", 8, 1, ["stem_relu"], pad=0),
        conv("b3", 16, 5, ["b3_reduce"], pad=2),
        {
            "name": "b4_pool",
            "type": "MaxPool2d",
            "kernel_size": 3,
            "stride": 1,
            "padding": 1,
            "inputs": ["stem_relu"],
        },
        conv("b4", 16, 1, ["b4_pool"], pad=0),
        {"name": "join", "type": "Concat", "inputs": ["b1", "b2", "b3", "b4"]},
        {"name": "pool", "type": "AdaptiveAvgPool2d", "output_size": 1},
        {"type": "Flatten"},
        {"name": "fc", "type": "Linear", "out_features": 10},
        name="Inception-style module",
    )


def squeeze_excitation():
    """A conv followed by a squeeze-and-excitation gate: pool, two 1×1 convs, sigmoid, Mul."""
    return network(
        [32, 16, 16],
        conv("c1", 64),
        relu("r1"),
        {"name": "squeeze", "type": "AdaptiveAvgPool2d", "output_size": 1},
        conv("fc1", 16, 1, pad=0),
        relu("fc1_relu"),
        conv("fc2", 64, 1, pad=0),
        {"name": "gate", "type": "Sigmoid"},
        {"name": "scale", "type": "Mul", "inputs": ["r1", "gate"]},
        conv("c2", 64),
        name="SE block",
    )


def dense_block():
    """DenseNet-style: each conv sees the concatenation of everything before it."""
    return network(
        [16, 32, 32],
        conv("d1", 8, inputs=["input"]),
        {"name": "cat1", "type": "Concat", "inputs": ["input", "d1"]},
        conv("d2", 8),
        {"name": "cat2", "type": "Concat", "inputs": ["input", "d1", "d2"]},
        conv("d3", 8),
        {"name": "cat3", "type": "Concat", "inputs": ["input", "d1", "d2", "d3"]},
        name="dense block",
    )


def hand_made():
    return {
        "inception": inception()[1],
        "squeeze-excitation": squeeze_excitation()[1],
        "dense": dense_block()[1],
    }


def titles(layout) -> list[str]:
    return [b.title for b in layout.blocks]


def block(layout, report, name):
    return layout.block_of(report.by_name(name).index)


def overlaps_x(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2]


# -- the graph ------------------------------------------------------------------------------------


def test_alexnet_reads_as_its_eight_layers_with_activations_folded():
    report = compute(load_preset("alexnet-2012"))
    layout = geo.network_layout(report)
    assert titles(layout) == [
        "input",
        "conv1 + ReLU",
        "pool1",
        "conv2 + ReLU",
        "pool2",
        "conv3 + ReLU",
        "conv4 + ReLU",
        "conv5 + ReLU",
        "pool5",
        "flatten",
        "fc6 + ReLU + Dropout",
        "fc7 + ReLU + Dropout",
        "fc8 + Softmax",
    ]
    # A folded block selects its first layer; its members are found in it.
    assert block(layout, report, "relu1").index == report.by_name("conv1").index
    assert block(layout, report, "drop7").members == tuple(
        report.by_name(n).index for n in ("fc7", "relu7", "drop7")
    )
    every = geo.network_layout(report, fold=False, collapse=False)
    assert len(every.blocks) == len(report.layers) + 1


def test_resnet_downsample_runs_beside_the_main_path_not_after_bn3():
    report = compute(load_preset("resnet50-torchvision"))
    layout = geo.network_layout(report)
    down = block(layout, report, "layer1.0.downsample.0")
    assert down.lane == 1 and down.title == "layer1.0.downsample.0 + BN"
    first = block(layout, report, "layer1.0.conv1")
    bn3 = block(layout, report, "layer1.0.bn3")
    add = block(layout, report, "layer1.0.add")
    assert first.lane == bn3.lane == add.lane == 0
    # Beside the bottleneck (under its first conv), before the Add: not in line after bn3.
    assert overlaps_x(down.box.bounds(), first.box.bounds())
    assert down.box.bounds()[2] < add.box.bounds()[0]
    assert down.box.bounds()[1] > first.box.bounds()[3]


def test_inception_branches_run_in_four_parallel_lanes_into_their_concat():
    report = inception()[1]
    layout = geo.network_layout(report)
    stem = block(layout, report, "stem")
    join = block(layout, report, "join")
    ends = [block(layout, report, n) for n in ("b1", "b2", "b3", "b4")]
    assert sorted(b.lane for b in ends) == [0, 1, 2, 3]
    assert join.lane == 0
    for name in ("b1", "b2_reduce", "b2", "b3_reduce", "b3", "b4_pool", "b4"):
        b = block(layout, report, name).box.bounds()
        assert stem.box.bounds()[2] < b[0] and b[2] < join.box.bounds()[0], name
    # Each branch leaves the stem and reaches the concat by its own connector or link.
    assert len(layout.connectors) + len(layout.links) >= 4 + 4


def test_a_squeeze_excitation_gate_is_a_side_path_and_the_features_stay_on_the_main_path():
    report = squeeze_excitation()[1]
    layout = geo.network_layout(report)
    for name in ("squeeze", "fc1", "fc2"):
        assert block(layout, report, name).lane == 1, name
    for name in ("c1", "scale", "c2"):
        assert block(layout, report, name).lane == 0, name
    assert block(layout, report, "gate").title == "fc2 + Sigmoid"


def test_unet_is_drawn_as_a_u_with_its_skips_across_it():
    report = compute(load_preset("unet-2015"))
    layout = geo.network_layout(report)
    assert all(b.lane == 0 for b in layout.blocks)

    def depth(name):
        return block(layout, report, name).box.y

    # Down the encoder, up the decoder: each level's blocks at one height, both sides alike.
    downs = [depth(f"down{k}.conv1") for k in (1, 2, 3, 4)] + [depth("bottom.conv1")]
    assert downs == sorted(downs) and len(set(downs)) == 5
    for k in (1, 2, 3, 4):
        assert depth(f"up{k}.concat") == pytest.approx(depth(f"down{k}.conv2"))
    arcs = [c for c in layout.connectors if len(c) == 4 and c[1][1] == c[2][1]]
    assert len(arcs) == 4
    for arc in arcs:
        (sx, _), (_, y), (tx, _), _end = arc
        passed = [b.box.bounds() for b in layout.blocks if sx <= b.box.bounds()[0] <= tx]
        assert all(y < top for _l, top, _r, _b in passed)
    # Outer skips run higher: the U's levels nest.
    by_span = sorted(arcs, key=lambda c: c[2][0] - c[1][0])
    heights = [c[1][1] for c in by_span]
    assert heights == sorted(heights, reverse=True)


def test_densenet_concats_get_one_arc_per_skipped_input():
    report = dense_block()[1]
    layout = geo.network_layout(report)
    # cat1 skips d1's input: 1; cat2: input and d1 skip; cat3: input, d1, d2 skip.
    assert len(layout.connectors) == 1 + 2 + 3


def test_resnet152_collapses_layer3_into_one_unit_marked_times_35():
    report = compute(load_preset("resnet152-torchvision"))
    layout = geo.network_layout(report)
    counts = sorted(g.count for g in layout.groups)
    assert counts == [2, 2, 7, 35]
    g35 = next(g for g in layout.groups if g.count == 35)
    assert g35.names == ("layer3.1.conv1", "layer3.35.conv1")
    assert len(g35.blocks) == 4  # conv1, conv2, conv3 (+BN, ReLU folded) and the Add
    deep = block(layout, report, "layer3.20.conv2")
    assert deep.index == report.by_name("layer3.1.conv2").index  # selects the first unit's
    assert layout.labels[layout.owners.index(-1)].text.startswith("× ")
    opened = geo.network_layout(report, expanded=frozenset({g35.key}))
    assert len(opened.blocks) == len(layout.blocks) + 34 * 4
    assert any(g.expanded and g.count == 35 for g in opened.groups)


def test_two_equal_convs_are_not_collapsed_but_a_long_run_is():
    layers = [{"type": "Conv2d", "out_channels": 8, "kernel_size": 3, "padding": 1}] * 2000
    _, report = network([8, 16, 16], *layers)
    layout = geo.network_layout(report, "log")
    # The first conv changes nothing but its input's name; all 2,000 are one run.
    assert [g.count for g in layout.groups] == [2000]
    assert layout.block_of(1999) is not None
    short = network([8, 16, 16], *layers[:2])[1]
    assert geo.network_layout(short).groups == []


def test_blocks_are_found_where_they_are_drawn_and_not_elsewhere():
    report = compute(load_preset("alexnet-2012"))
    layout = geo.network_layout(report)
    for b in layout.blocks[1:]:
        assert layout.hit(*b.box.front_center()) == b.index
    assert layout.hit(-1000.0, -1000.0) is None


def test_feature_maps_keep_their_proportions_and_vectors_are_upright_bars():
    _, report = network(
        [3, 64, 32],
        conv("c", 16),
        {"name": "p", "type": "AdaptiveAvgPool2d", "output_size": 1},
        {"type": "Flatten"},
        {"name": "fc", "type": "Linear", "out_features": 100},
    )
    linear = geo.network_layout(report, "linear")
    c = block(linear, report, "c").box
    assert (c.w, c.h, c.d) == pytest.approx((32, 64, 16))  # true scale, W×H in proportion
    fc = block(linear, report, "fc")
    assert fc.vector and fc.box.h == pytest.approx(100 * 0.5)
    sqrt = block(geo.network_layout(report, "sqrt"), report, "c").box
    assert sqrt.h == pytest.approx(64**0.5) and sqrt.w == pytest.approx(sqrt.h / 2)


def test_fold_blocks_leaves_a_relu_read_by_two_layers_alone():
    _, report = network(
        [8, 8, 8],
        conv("c", 8),
        relu("r"),
        conv("a", 8),
        {"name": "sum", "type": "Add", "inputs": ["a", "c"]},
    )
    assert [b.title for b in fold_blocks(report)] == ["input", "c", "r", "a", "sum"]
    graph = network_graph(report)
    assert graph.runs == []


# -- legibility at Fit ----------------------------------------------------------------------------


def text_size(label: geo.Label) -> geo.Size:
    """A generous stand-in for a font's measure: 8 px a character, 18 px a line (13 px text)."""
    return (8.0 * len(label.text) + 4, 18.0)


CAPTION_PX = 90.0  # a caption of three lines and a legend row, at zoom 1


def fitted(layout, view=FIT_VIEW, text=1.0, caption_px=CAPTION_PX):
    """The layout fitted into the network view at 1440×900 (or `view`, its text `text` times
    larger, under a caption `caption_px` tall) as the canvas fits it: its pixels per unit, the
    model-to-pixel map, the labels and their placement."""
    labels = sorted(layout.labels, key=lambda lb: -lb.priority)
    sizes = [(w * text, h * text) for w, h in (text_size(lb) for lb in labels)]
    edge = [lb for lb in layout.edge_labels() if lb.text]
    avoid = [b.box.bounds() for b in layout.blocks]
    left, top, width, _height = geo.fit_network(
        layout.bounds(),
        edge,
        [(w * text, h * text) for w, h in map(text_size, edge)],
        view,
        text,
        caption_px * text,
        avoid=avoid,
        thinnest=layout.thinnest(),
    )
    s = view[0] / width
    to_px = (s, s, -left * s, -top * s)
    area = (0.0, 0.0, view[0], view[1])
    caption = (0.0, 0.0, view[0], caption_px * text)
    placed = geo.place_labels(labels, sizes, to_px, area, text, (caption,), avoid)
    return s, to_px, labels, placed


def px_rect(r, to_px):
    sx, sy, dx, dy = to_px
    return (r[0] * sx + dx, r[1] * sy + dy, r[2] * sx + dx, r[3] * sy + dy)


CASES = [(key, None) for key in preset_keys()] + [(None, name) for name in hand_made()]


def case_report(key, name):
    return compute(load_preset(key)) if key is not None else hand_made()[name]


@pytest.mark.parametrize(("key", "name"), CASES, ids=lambda v: v)
def test_legible_at_fit(key, name):
    report = case_report(key, name)
    layout = geo.network_layout(report)
    s, to_px, labels, placed = fitted(layout)
    rects = [r for _n, r in placed]
    # No two labels overlap, every label lies wholly inside the view.
    for i, a in enumerate(rects):
        assert a[0] >= 0 and a[2] <= FIT_VIEW[0] and a[1] >= 0 and a[3] <= FIT_VIEW[1]
        for b in rects[i + 1 :]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])
    # Every block at least 4 px in each drawn dimension (the depth is drawn at half length).
    for b in layout.blocks:
        assert b.box.w * s >= 4 and b.box.h * s >= 4 and b.box.d * 0.5 * s >= 4, b.title
    # Every connector visible: each leg of it at least 4 px long, arcs at least 8 px over the
    # blocks they pass.
    roof = min(b.box.bounds()[1] for b in layout.blocks if b.lane == 0)
    for poly in layout.connectors:
        for (x0, y0), (x1, y1) in itertools.pairwise(poly):
            assert max(abs(x1 - x0), abs(y1 - y0)) * s >= 4
        if len(poly) == 4 and poly[1][1] == poly[2][1] and poly[1][1] < roof:
            assert (roof - poly[1][1]) * s >= 8
    for x0, y0, x1, y1 in layout.links:
        assert max(abs(x1 - x0), abs(y1 - y0)) * s >= 4
    # Dimension labels sit under their block.
    for n, r in placed:
        label = labels[n]
        if label.role != "edge":
            continue
        owner = layout.blocks[layout.owners[layout.labels.index(label)]]
        left, _top, right, _bottom = px_rect(owner.box.bounds(), to_px)
        front_bottom = (owner.box.y + owner.box.h) * to_px[1] + to_px[3]
        assert r[1] >= front_bottom - 1e-6, label.text
        # Close under it: hung from its block's bottom, or from the lane's lowest feature map
        # (a short network says its maps' shapes along one line), at most two lines further.
        maps = [b for b in layout.blocks if b.lane == owner.lane and not b.vector]
        floor = max(b.box.y + b.box.h for b in maps) if maps else None
        assert label.y == pytest.approx(owner.box.y + owner.box.h) or (
            not owner.vector and label.y == pytest.approx(floor)
        ), label.text
        assert r[1] - (label.y * to_px[1] + to_px[3]) <= 4 + 2 * LINE_PX + 1e-6, label.text
        # Centred under it, or slid sideways with its middle part still under the block's.
        front = (owner.box.x + owner.box.w / 2) * to_px[0] + to_px[2]
        slid = r[0] + 0.2 * (r[2] - r[0]) - 1e-6 <= front <= r[2] - 0.2 * (r[2] - r[0]) + 1e-6
        assert left <= (r[0] + r[2]) / 2 <= right or slid, label.text
    # And the figure says things: most blocks named, or every stage of a long network.
    shown = {labels[n].text for n, _r in placed}
    names = [
        lb.text
        for lb, o in zip(layout.labels, layout.owners, strict=True)
        if o >= 0 and lb.role == "title"
    ]
    if len(layout.blocks) <= 16:
        assert set(names) <= shown
        # Every shape too, a branch's lowest lane's included.
        said = [lb.text for lb in layout.labels if lb.role == "edge" and lb.text]
        assert set(said) <= shown, set(said) - shown
    else:
        stages = [lb.text for lb, o in zip(layout.labels, layout.owners, strict=True) if o == -1]
        assert set(stages) <= shown, set(stages) - shown
        # Blocks named where there is room (a U names its stages instead).
        named = [
            n
            for n, _r in placed
            if labels[n].role == "title" and labels[n].text and labels[n].key is not None
        ]
        assert len(named) >= (5 if set(names) - {"", "input"} else 0)


UNET_SHAPES = [
    "512×512×1",  # the input
    *("512×512×64", "256×256×128", "128×128×256", "64×64×512", "32×32×1,024"),  # levels down
    *("64×64×1,024", "128×128×512", "256×256×256", "512×512×128"),  # concats up
    "512×512×2",  # the output
]


@pytest.mark.parametrize("text", [1.0, 1.6])
def test_unet_says_each_level_s_shape_right_under_its_block(text):
    # The shapes of the U's levels were crowded: "512×512×64" and "32×32×512" hung a line below
    # their blocks, where they read as the labels of the level below. Now each level says its
    # shape once on the way down (where its skip leaves) and at the concat on the way up,
    # each right under its block, on screen and in a written figure (larger text).
    layout = geo.network_layout(compute(load_preset("unet-2015")), text=text)
    assert layout.roomy
    _s, to_px, labels, placed = fitted(layout, text=text)
    shapes = {labels[n].text: (labels[n], r) for n, r in placed if labels[n].role == "edge"}
    shapes.pop("", None)
    assert sorted(shapes) == sorted(UNET_SHAPES)
    for label, r in shapes.values():
        owner = layout.blocks[layout.owners[layout.labels.index(label)]]
        bottom = (owner.box.y + owner.box.h) * to_px[1] + to_px[3]
        front = (owner.box.x + owner.box.w / 2) * to_px[0] + to_px[2]
        # Its top 4 px under its block (not a line lower), its middle under the block's front.
        assert r[1] == pytest.approx(bottom + 4 * text), label.text
        assert (r[0] + r[2]) / 2 == pytest.approx(front), label.text


def test_c3d_names_next_to_the_tall_flatten_bar_stay_over_their_own_blocks():
    # pool5 and fc6 stood over the flatten bar's top, far above their own blocks.
    layout = geo.network_layout(compute(load_preset("c3d-video")))
    _s, to_px, labels, placed = fitted(layout)
    where = {labels[n].text: r for n, r in placed if labels[n].role == "title"}
    for name in ("pool5", "fc6"):
        owner = next(b for b in layout.blocks if b.title.split(" ")[0] == name)
        top = owner.box.bounds()[1] * to_px[1] + to_px[3]
        assert name in where
        assert top - 4 - 2 * LINE_PX - 1e-6 <= where[name][3] <= top, name


def test_m5_names_stand_over_their_blocks_not_under_their_shapes():
    # conv3's name found no room over its block and went under its shape label (in a view of
    # 1000×330 pixels, where the names crowd).
    layout = geo.network_layout(compute(load_preset("m5-audio")))
    _s, to_px, labels, placed = fitted(layout, view=(1000, 330))
    for n, r in placed:
        label = labels[n]
        owner = layout.owners[layout.labels.index(label)]
        if label.role == "title" and owner >= 0:
            top = layout.blocks[owner].box.bounds()[1] * to_px[1] + to_px[3]
            assert r[3] <= top, label.text
    assert "conv3 + BN + ReLU" in {labels[n].text for n, _r in placed}


@pytest.mark.parametrize("scale", SCALES)
def test_every_block_stays_visible_under_every_scale(scale):
    for key in ("alexnet-2012", "resnet152-torchvision", "unet-2015", "mobilenet-v2-torchvision"):
        layout = geo.network_layout(compute(load_preset(key)), scale)
        s, *_ = fitted(layout)
        for b in layout.blocks:
            assert min(b.box.w, b.box.h, b.box.d / 2) * s >= 4, (key, b.title)
        assert geo.network_layout.__module__  # the layout is plain Python (no Qt loaded)


def test_labels_with_one_key_show_once_and_avoid_blocks():
    a = geo.Label(0.0, 0.0, "conv1", "title", (0.5, 1.0), (0, -4), 2, (), 7)
    b = geo.Label(0.0, 10.0, "conv1", "title", (0.5, 0.0), (0, 4), 0, (), 7)
    placed = geo.place_labels([a, b], [(40, 18), (40, 18)], (1, 1, 100, 100), (0, 0, 300, 300))
    assert [n for n, _ in placed] == [0]
    # A block where the first spot is: the label moves to its alternate, or is left out.
    c = geo.Label(0.0, 0.0, "x", "edge", (0.5, 0.0), (0, 4), 1, ((0, 40),))
    placed = geo.place_labels(
        [c], [(10, 18)], (1, 1, 100, 100), (0, 0, 300, 300), avoid=[(-10, 2, 10, 30)]
    )
    assert placed == [(0, (95.0, 140.0, 105.0, 158.0))]
    assert geo.place_labels([c], [(10, 18)], (1, 1, 100, 100), (0, 0, 300, 150)) == [
        (0, (95.0, 104.0, 105.0, 122.0))
    ]


def test_layers_without_a_shape_keep_the_size_of_what_they_read_and_say_why():
    _, report = network(
        [3, 8, 8],
        conv("c1", 4, 11, pad=0),  # 11×11 on 8×8: in error
        relu("r"),
        conv("c2", 4),
    )
    layout = geo.network_layout(report)
    statuses = [b.status for b in layout.blocks]
    assert statuses == ["ok", "error", "unknown", "unknown"]
    first = layout.blocks[0].box
    for b in layout.blocks[1:]:
        assert (b.box.w, b.box.h) == pytest.approx((first.w, first.h))
    assert [lb.text for lb in layout.labels if lb.role == "edge"][1:] == ["unknown"] * 3


def placed_titles(layout, labels, placed, to_px):
    """(text, pixel rectangle, owner's pixel bounds) of each block's name placed at Fit."""
    out = []
    for n, r in placed:
        label = labels[n]
        owner = layout.owners[layout.labels.index(label)]
        if label.role == "title" and owner >= 0:
            out.append((label.text, r, px_rect(layout.blocks[owner].box.bounds(), to_px)))
    return out


SHORT = ["alexnet-2012", "alexnet-torchvision", "lenet-5", "m5-audio"]


def rows(heights: list[float]) -> list[float]:
    """The distinct values among `heights` (half a pixel apart), lowest first."""
    distinct: list[float] = []
    for h in sorted(heights):
        if not distinct or h - distinct[-1] > 0.5:
            distinct.append(h)
    return distinct


@pytest.mark.parametrize("text", [1.0, 1.4])
@pytest.mark.parametrize("key", SHORT)
def test_a_short_network_s_names_and_shapes_stand_in_even_rows(key, text):
    # AlexNet's names stood at four heights (pool1 and pool2 a line over their neighbours',
    # each name at its own block's top): now the feature maps' names stand in one row over the
    # tallest map, or two rows a line apart (every other block), and so do their shapes;
    # each name centred over its own block, each shape under its own block's front.
    layout = geo.network_layout(compute(load_preset(key)), text=text)
    assert layout.roomy
    _s, to_px, labels, placed = fitted(layout, text=text)
    titles = placed_titles(layout, labels, placed, to_px)
    assert len(titles) == len(layout.blocks)
    maps = [b for b in layout.blocks if not b.vector]
    roof = min(b.box.bounds()[1] for b in maps) * to_px[1] + to_px[3]
    floor = max(b.box.y + b.box.h for b in maps) * to_px[1] + to_px[3]
    names, shapes = [], []
    for n, r in placed:
        label = labels[n]
        owner = layout.owners[layout.labels.index(label)]
        if owner < 0 or not label.text:
            continue
        block = layout.blocks[owner]
        left, top, right, _bottom = px_rect(block.box.bounds(), to_px)
        front = (block.box.x + block.box.w / 2) * to_px[0] + to_px[2]
        middle = (left + right) / 2 if label.role == "title" else front
        # Over (under) its own block: centred, or slid with the block under its middle part.
        width = r[2] - r[0]
        assert r[0] + 0.2 * width - 1e-6 <= middle <= r[2] - 0.2 * width + 1e-6, label.text
        if label.role == "title":
            assert r[3] <= top, label.text
            if not block.vector:
                names.append(r[3])
        elif label.role == "edge":
            assert r[1] >= (block.box.y + block.box.h) * to_px[1] + to_px[3], label.text
            if not block.vector:
                shapes.append(-r[1])
    # The first row 4 px off the maps' line (over the tallest, under the lowest), the second (if
    # any) a line further.
    for found, edge in ((names, roof - 4 * text), (shapes, -(floor + 4 * text))):
        heights = rows(found)
        assert heights[-1] == pytest.approx(edge), heights
        assert len(heights) <= 2, heights
        if len(heights) == 2:
            assert heights[1] - heights[0] == pytest.approx(LINE_PX * text)


def test_alexnet_names_sit_over_their_own_blocks():
    layout = geo.network_layout(compute(load_preset("alexnet-2012")))
    _s, to_px, labels, placed = fitted(layout)
    titles = placed_titles(layout, labels, placed, to_px)
    assert len(titles) == len(layout.blocks)
    maps = [b.box.bounds()[1] for b in layout.blocks if not b.vector]
    roof = min(maps) * to_px[1] + to_px[3]
    for text, r, (left, top, right, _bottom) in titles:
        # Over its own block (not a taller neighbour's), at most two lines over the maps' row
        # (a vector's bar: over its own top), and not off to one side.
        line = roof if top >= roof - 1e-6 else top
        assert r[3] <= top and line - r[3] <= 4 + 2 * LINE_PX + 1, text
        assert r[0] <= (left + right) / 2 <= r[2], text


@pytest.mark.parametrize("key", ["resnet50-torchvision", "mobilenet-v2-torchvision"])
def test_the_input_and_output_shapes_are_said_first(key):
    # ResNet-50's "1,000" gave way to the shapes before it and went unsaid at Fit.
    layout = geo.network_layout(compute(load_preset(key)))
    _s, _to_px, labels, placed = fitted(layout)
    shown = {id(labels[n]) for n, _r in placed}
    for block in (layout.blocks[0], layout.blocks[-1]):
        said = [lb for lb in layout.labels_of(block.index) if lb.role == "edge" and lb.text]
        # Each said once: in one of its places (labels of one key).
        keys = {lb.key if lb.key is not None else id(lb) for lb in said}
        shown_keys = {lb.key if lb.key is not None else id(lb) for lb in said if id(lb) in shown}
        assert said and keys == shown_keys, block.title


# -- legibility leftovers: the strip over the layer view, zoomed views, selected repeats ----------

# The network strip of the Both view: about 720 × 130 pixels, its caption one line.
STRIP = (704.0, 130.0)
STRIP_CAPTION_PX = 35.0
EVERY_LAYER = {"fold": False, "collapse": False}


def ends_said(layout, labels, placed) -> list[str]:
    """The input's and output's shapes that no placed label says (one of each key)."""
    shown = {id(labels[n]) for n, _r in placed}
    missing = []
    for pos in (0, len(layout.blocks) - 1):
        said = [
            lb
            for lb, o in zip(layout.labels, layout.owners, strict=True)
            if o == pos and lb.role == "edge" and lb.text
        ]
        if said and not any(id(lb) in shown for lb in said):
            missing.append(said[0].text)
    return missing


@pytest.mark.parametrize("every", [False, True], ids=["folded", "every-layer"])
@pytest.mark.parametrize(("key", "name"), CASES, ids=lambda v: v)
def test_the_strip_over_the_layer_view_says_the_input_and_output_shapes(key, name, every):
    # VGG16's "1,000" went unsaid in the Both view's strip: fitted with room for it under its
    # bar, where the flattened 25,088 values' taller bar stood, it moved a line lower, out of
    # the view. ResNet-50's and ShuffleNet's input shapes, with every layer drawn, likewise.
    layout = geo.network_layout(case_report(key, name), **(EVERY_LAYER if every else {}))
    for height in (STRIP[1], 150.0):
        _s, _to_px, labels, placed = fitted(layout, (STRIP[0], height), 1.0, STRIP_CAPTION_PX)
        assert not ends_said(layout, labels, placed), height


@pytest.mark.parametrize("zoom", [2.5, 3.0])
@pytest.mark.parametrize(("key", "name"), CASES, ids=lambda v: v)
def test_blocks_stay_4_px_at_a_projector_s_zoom(key, name, zoom):
    # At 250 % AlexNet's blocks were a line of 3 px dots (its columns kept as wide as its names,
    # which could not stand side by side), U-Net's input under 1 px; the ends' shapes still said.
    layout = geo.network_layout(case_report(key, name), zoom=zoom)
    s, _to_px, labels, placed = fitted(layout, text=zoom)
    for b in layout.blocks:
        assert min(b.box.w, b.box.h, b.box.d * 0.5) * s >= 4, b.title
    assert not ends_said(layout, labels, placed)


def test_a_layer_in_a_collapsed_repeat_is_named_for_its_own_repeat():
    report = compute(load_preset("resnet152-torchvision"))
    layout = geo.network_layout(report)
    index = report.by_name("layer3.17.conv2").index
    block = layout.block_of(index)
    assert block.title == "layer3.1.conv2 + BN + ReLU"
    names = {i: r.name for i, r in enumerate(report.layers)}
    assert geo.unit_title(block, index, names.get) == "layer3.17.conv2 + BN + ReLU"
    # Its folded layers name the same repeat; the run's first repeat keeps the block's title.
    bn = report.by_name("layer3.17.bn2").index
    assert geo.unit_title(block, bn, names.get) == "layer3.17.conv2 + BN + ReLU"
    first = report.by_name("layer3.1.conv2").index
    assert geo.unit_title(block, first, names.get) == block.title


@pytest.mark.parametrize("view", [(720.0, 144.0), FIT_VIEW], ids=["strip", "fit"])
def test_a_selected_name_does_not_push_out_the_stages_and_counts(view):
    # With layer3.17.conv2 selected in the Both view's strip (720 × 144 pixels by default),
    # its block's name (then
    # "layer3.1.conv2 + BN + ReLU") took the row of the stages' names: layer2, layer3 and
    # layer4 went unsaid, and the "× 35" over its own group.
    report = compute(load_preset("resnet152-torchvision"))
    layout = geo.network_layout(report)
    index = report.by_name("layer3.17.conv2").index
    layout.labels = layout.selected_labels(index, "layer3.17.conv2 + BN + ReLU")
    caption = STRIP_CAPTION_PX if view != FIT_VIEW else CAPTION_PX
    _s, _to_px, labels, placed = fitted(layout, view, 1.0, caption)
    shown = {labels[n].text for n, _r in placed}
    assert {"layer1", "layer2", "layer3", "layer4", "× 35"} <= shown
    assert not ends_said(layout, labels, placed)


@pytest.mark.parametrize(("key", "name"), CASES, ids=lambda v: v)
def test_the_picture_keeps_clear_of_the_view_s_sides(key, name):
    # The Inception module's "fc" and "10" stood 8 px from the right edge of its figure.
    layout = geo.network_layout(case_report(key, name))
    _s, to_px, _labels, placed = fitted(layout)
    left, _top, right, _bottom = px_rect(layout.bounds(), to_px)
    rects = [r for _n, r in placed]
    assert min(left, *(r[0] for r in rects)) >= MARGIN_PX - 1e-6
    assert max(right, *(r[2] for r in rects)) <= FIT_VIEW[0] - MARGIN_PX + 1e-6


@pytest.mark.parametrize("zoom", [1.0, 2.0])
@pytest.mark.parametrize("key", ["resnet18-torchvision", "resnet50-torchvision"])
def test_each_count_stands_right_over_its_frame(key, zoom):
    # At 200 % ResNet-18's "× 2" found no room beside "layer1" and stood two lines up, over the
    # stages' names, where it read as nobody's.
    layout = geo.network_layout(compute(load_preset(key)), zoom=zoom)
    _s, to_px, labels, placed = fitted(layout, text=zoom)
    for g in layout.groups:
        left, top, right, _bottom = px_rect(g.frame, to_px)
        said = [r for n, r in placed if labels[n].text == f"× {g.count}"]
        r = min(said, key=lambda r: abs(r[2] - right))
        assert top - 4 * zoom - 1e-6 <= r[3] <= top, g.count
        assert left <= (r[0] + r[2]) / 2 <= right + 60 * zoom, g.count


@pytest.mark.parametrize("zoom", [1.0, 2.0])
@pytest.mark.parametrize(("key", "name"), CASES, ids=lambda v: v)
def test_a_long_network_s_names_stay_near_their_own_blocks(key, name, zoom):
    # At 200 % VGG16's "avgpool" stood over the flattened 25,088 values' tall bar, over its
    # name "flatten", where it read as the bar's second name.
    layout = geo.network_layout(case_report(key, name), zoom=zoom)
    if len(layout.blocks) <= 16 or layout.tried:
        return  # a short network's names stand in rows; a U names its stages
    _s, to_px, labels, placed = fitted(layout, text=zoom)
    for text, r, (_left, top, _right, _bottom) in placed_titles(layout, labels, placed, to_px):
        assert r[3] >= top - (4 + 3 * LINE_PX) * zoom - 1e-6, text
