"""What keeps the network view quick, checked without a clock: label placement's shortcuts give
the same places as trying every place in turn, a pan places no labels again, and blocks drawn
together, a path per colour and face, are each block's faces in its colour."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtWidgets import QApplication

from convdesk.canvas import geometry, items
from convdesk.canvas.figure import block_fill
from convdesk.canvas.geometry.label_fit import EDGE_PX, LABEL_GAP_PX, SLIDES, place_labels
from convdesk.canvas.geometry.network_layout import NetworkLayout
from convdesk.canvas.geometry.primitives import Box, Label

from .helpers import network

Rect = tuple[float, float, float, float]


def _touch(a: Rect, b: Rect) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def tried_in_turn(labels, sizes, to_px, area, scale=1.0, keep_out=(), avoid=()):
    """place_labels' rule written plainly: every try of every label against every rectangle."""
    sx, sy, dx, dy = to_px
    gap = LABEL_GAP_PX * scale
    al, at, ar, ab = area
    taken = [(x0 * sx + dx, y0 * sy + dy, x1 * sx + dx, y1 * sy + dy) for x0, y0, x1, y1 in avoid]
    # Blocks wholly outside the area are not looked at.
    taken = [r for r in taken if not (r[2] < al or r[0] > ar or r[3] < at or r[1] > ab)]
    # Labels stay EDGE_PX in from the area's sides.
    edge = EDGE_PX * scale
    al, at, ar, ab = al + edge, at + edge, ar - edge, ab - edge
    placed, said = [], set()
    for n, (label, (width, height)) in enumerate(zip(labels, sizes, strict=True)):
        if not label.text or label.key in said:
            continue
        px, py = label.x * sx + dx, label.y * sy + dy
        if not (al - 800 * scale <= px <= ar + 800 * scale):
            continue
        if not (at - 300 * scale <= py <= ab + 300 * scale):
            continue
        centred = label.role in ("title", "edge") and label.anchor[0] == 0.5
        slides = SLIDES if centred else (label.anchor[0],)
        for offset, ax in itertools.product((label.offset, *label.alternates), slides):
            left = px + offset[0] * scale - ax * width
            top = py + offset[1] * scale - label.anchor[1] * height
            rect = (left, top, left + width, top + height)
            if not (al <= rect[0] and rect[2] <= ar and at <= rect[1] and rect[3] <= ab):
                continue
            if any(_touch(rect, k) for k in keep_out):
                continue
            padded = (rect[0] - gap, rect[1] - 1, rect[2] + gap, rect[3] + 1)
            if not any(_touch(padded, r) for r in taken):
                break
        else:
            continue
        taken.append(padded)
        placed.append((n, rect))
        if label.key is not None:
            said.add(label.key)
    return placed


coord = st.floats(-50, 250, allow_nan=False)
offsets = st.tuples(st.sampled_from([0.0, -12.0, 8.0]), st.sampled_from([-4.0, -25.0, 4.0, 25.0]))
labels = st.builds(
    Label,
    x=coord,
    y=st.floats(-20, 60),
    text=st.sampled_from(["", "conv", "layer3.17.conv2", "56×56×256"]),
    role=st.sampled_from(["title", "edge", "note"]),
    anchor=st.sampled_from([(0.5, 1.0), (0.5, 0.0), (1.0, 1.0), (0.0, 0.5)]),
    offset=offsets,
    priority=st.integers(0, 3),
    alternates=st.lists(offsets, max_size=3).map(tuple),
    key=st.one_of(st.none(), st.integers(0, 5)),
)
boxes = st.tuples(coord, st.floats(-20, 60), st.floats(0.2, 30), st.floats(0.2, 40)).map(
    lambda b: (b[0], b[1], b[0] + b[2], b[1] + b[3])
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(labels, max_size=60),
    st.lists(boxes, max_size=80),
    st.floats(0.5, 8),
    st.sampled_from([1.0, 1.5, 2.0]),
    st.booleans(),
)
def test_placing_labels_gives_the_places_of_trying_each_in_turn(found, avoid, s, scale, caption):
    sizes = [(len(lb.text) * 7.0 * scale, 16.0 * scale) for lb in found]
    to_px = (s, s, 30.0, 120.0)
    area = (0.0, 0.0, 900.0, 400.0)
    keep_out = ((8.0, 8.0, 300.0, 60.0),) if caption else ()
    assert place_labels(found, sizes, to_px, area, scale, keep_out, avoid) == tried_in_turn(
        found, sizes, to_px, area, scale, keep_out, avoid
    )


def test_a_row_of_thousands_of_names_places_as_trying_each_in_turn():
    """The every-layer figure of a long chain: names every other a line higher over a row of
    blocks narrower than a pixel, where only a few fit."""
    row = [
        Label(i * 0.7, 0.0, f"conv{i}", "title", (0.5, 1.0), (0, -4 - 21.0 * (i % 2)), 0, (), i)
        for i in range(2000)
    ]
    sizes = [(7.0 * len(lb.text), 16.0) for lb in row]
    avoid = [(i * 0.7, 0.0, i * 0.7 + 0.5, 20.0) for i in range(2000)]
    args = (row, sizes, (0.7, 0.7, 4.0, 200.0), (0.0, 0.0, 1400.0, 400.0), 1.0, (), avoid)
    placed = place_labels(*args)
    assert len(placed) > 20
    assert placed == tried_in_turn(*args)


@pytest.fixture
def every_layer(canvas):
    layers = [{"type": "Conv2d", "out_channels": 16, "kernel_size": 3, "padding": 1}] * 300
    net, report = network([16, 32, 32], *layers)
    canvas.all_layers.setChecked(True)
    canvas.set_report(net, report)
    canvas.fit()
    canvas.network_view.stage.view.viewport().repaint()
    return canvas, report


def test_a_pan_places_no_labels_again_and_draws_those_in_view(every_layer, monkeypatch):
    canvas, _report = every_layer
    stage = canvas.network_view.stage
    calls = []
    real = items.place_labels

    def counting(*args):
        calls.append(1)
        return real(*args)

    monkeypatch.setattr(items, "place_labels", counting)
    box = stage.box
    step = box.viewRect().width() * 0.01
    for _ in range(10):
        box.translateBy(x=step)
        stage.view.viewport().repaint()
        area = stage.view.viewport().rect()
        assert stage.labels.drawn
        for _text, rect in stage.labels.drawn:
            assert area.contains(rect.toRect())
    # One placement for half a screen around the view serves every step of the pan.
    assert len(calls) <= 1
    # A zoom places them again, for exactly what is shown.
    box.scaleBy((0.9, 0.9))
    stage.view.viewport().repaint()
    assert len(calls) == 2


box_sizes = st.floats(0.01, 500, allow_nan=False)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(coord, coord, st.floats(0, 50), box_sizes, box_sizes, box_sizes),
        min_size=1,
        max_size=20,
    )
)
def test_the_faces_drawn_together_are_each_boxs_faces(sides):
    boxes = [Box(x, y, z, w, h, d, "block") for x, y, z, w, h, d in sides]
    paths = items.boxes_faces(boxes)
    for kind, path in enumerate(paths):
        drawn = path.toSubpathPolygons()
        assert len(drawn) == len(boxes)
        for box, polygon in zip(boxes, drawn, strict=True):
            want = box.faces()[kind]
            got = [c for p in polygon for c in (p.x(), p.y())]
            assert len(got) == 10 and got[:2] == got[-2:]  # closed back to its first corner
            assert got[:8] == pytest.approx([c for p in want for c in p])


def test_every_layer_mode_draws_each_layer_in_its_colour(canvas):
    """With every layer its own block, each block shows its kind's colour where it is drawn."""
    kinds = [
        {"type": "Conv2d", "out_channels": 16, "kernel_size": 3, "padding": 1},
        {"type": "BatchNorm2d", "num_features": 16},
        {"type": "ReLU"},
        {"type": "MaxPool2d", "kernel_size": 2},
    ]
    net, report = network([3, 64, 64], *(kinds * 3))
    canvas.all_layers.setChecked(True)
    canvas.set_report(net, report)
    canvas.set_view_mode("network")
    canvas.resize(1400, 700)
    QApplication.processEvents()
    view = canvas.network_view
    view.fit_all()
    lay = view.layout_
    assert [b.index for b in lay.blocks] == list(range(-1, len(net.layers)))
    image = view.stage.view.grab().toImage()
    for block in lay.blocks:
        fill = block_fill(block, view.colors)
        point = view.stage.view_point(*block.box.front_center())
        seen = image.pixelColor(point.x(), point.y())
        assert (
            max(
                abs(seen.red() - fill.red()),
                abs(seen.green() - fill.green()),
                abs(seen.blue() - fill.blue()),
            )
            <= 3
        ), (block.title, seen.name(), fill.name())


def test_fitting_a_long_chain_gathers_its_edge_labels_in_one_pass(monkeypatch):
    """Fit makes room for the first and last blocks' labels and the shapes under the lowest
    blocks: in a chain of equal blocks every block is lowest, and the labels are gathered
    once, not searched for each block."""
    layers = [{"type": "Conv2d", "out_channels": 16, "kernel_size": 3, "padding": 1}] * 300
    _net, report = network([16, 32, 32], *layers)
    lay = geometry.network_layout(report, "sqrt", False, False)
    searched = []
    real = NetworkLayout.labels_of

    def counting(self, index):
        searched.append(index)
        return real(self, index)

    monkeypatch.setattr(NetworkLayout, "labels_of", counting)
    found = lay.edge_labels()
    assert len(searched) <= 2
    monkeypatch.undo()
    ends = lay.labels_of(lay.blocks[0].index) + lay.labels_of(lay.blocks[-1].index)
    inner = [
        lb
        for lb, o in zip(lay.labels, lay.owners, strict=True)
        if 0 < o < len(lay.blocks) - 1 and lb.role == "edge"
    ]
    assert found == ends + inner
    assert len(inner) == 299
