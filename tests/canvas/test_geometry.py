"""Geometry in model units, checked against the article, torchvision and PyTorch; no screen."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

from convdesk.canvas import geometry as geo
from convdesk.engine import (
    Channels,
    Failed,
    LayerResult,
    Window,
    WindowDetail,
    compute,
    loads_network,
)
from convdesk.engine.presets import load_preset, preset_keys
from convdesk.engine.sliding import input_span, position_at, transposed_span

from .helpers import alexnet_conv1, network

CASES = Path(__file__).parents[1] / "engine" / "data" / "torch-layer-cases.jsonl"


def boxes(scene, role):
    return [b for b in scene.boxes if b.role == role]


def frame_at(result, scene, position):
    return geo.layer_frame(scene, position, input_span(result.window, position))


def test_alexnet_conv1_boxes_have_the_articles_proportions():
    _, report = alexnet_conv1()
    conv1 = report.layers[0]
    scene = geo.layer_scene(conv1, "linear")
    (inp,) = boxes(scene, "input")
    (out,) = boxes(scene, "output")
    kernel = frame_at(conv1, scene, (0, 0)).window
    # The article: input 227×227×3, kernel 11×11×3, output 55×55×96, all in one scale.
    assert (inp.w, inp.h, inp.d) == pytest.approx((227, 227, 3))
    assert (kernel.w, kernel.h, kernel.d) == pytest.approx((11, 11, 3))
    assert (out.w, out.h, out.d) == pytest.approx((55, 55, 96))
    assert not (inp.clamped or out.clamped or kernel.clamped)


def test_alexnet_kernel_moves_by_the_stride():
    _, report = alexnet_conv1()
    conv1 = report.layers[0]
    scene = geo.layer_scene(conv1)
    first = frame_at(conv1, scene, (0, 0)).window
    moved = frame_at(conv1, scene, (3, 5)).window
    # Stride 4: output row 3, column 5 starts at input row 12, column 20.
    assert (moved.x - first.x, moved.y - first.y) == pytest.approx((20, 12))
    last = frame_at(conv1, scene, (54, 54)).window
    # The last window ends on the input's last pixel: 54·4 + 11 = 227.
    assert last.x + last.w == pytest.approx(227)
    assert last.y + last.h == pytest.approx(227)


def test_the_output_element_sits_at_its_position_and_links_reach_it():
    _, report = alexnet_conv1()
    conv1 = report.layers[0]
    scene = geo.layer_scene(conv1)
    (out,) = boxes(scene, "output")
    a = frame_at(conv1, scene, (0, 0))
    b = frame_at(conv1, scene, (10, 20))
    last = frame_at(conv1, scene, (54, 54))
    # The element (enlarged to stay visible) runs from the output's first to its last cell,
    # in proportion to its index among the 55.
    assert (a.element.x, a.element.y) == pytest.approx((out.x, out.y))
    assert last.element.x + last.element.w == pytest.approx(out.x + out.w)
    free = out.w - b.element.w
    assert (b.element.x - out.x) / free == pytest.approx(20 / 54)
    assert (b.element.y - out.y) / free == pytest.approx(10 / 54)
    assert len(b.links) == 4
    ends = {(round(s[2], 6), round(s[3], 6)) for s in b.links}
    corners = {(round(x, 6), round(y, 6)) for x, y in b.element.faces()[0]}
    assert ends == corners


@pytest.mark.parametrize(
    ("scale", "depth", "words"),
    [
        ("linear", 96, "linear (true scale)"),
        ("sqrt", math.sqrt(96), "square root"),
        ("log", 1 + math.log2(96), "log2"),
    ],
)
def test_depth_scales_change_only_the_depth(scale, depth, words):
    _, report = alexnet_conv1()
    scene = geo.layer_scene(report.layers[0], scale)
    (out,) = boxes(scene, "output")
    assert (out.w, out.h) == pytest.approx((55, 55))
    assert out.d == pytest.approx(depth)
    assert words in geo.DEPTH_SCALE_TEXT[scale]


def test_padding_frames_the_input_by_its_width():
    # torchvision's ResNet conv1: 7×7, stride 2, padding 3 on a 224×224 image.
    _, report = network(
        [3, 224, 224],
        {"type": "Conv2d", "out_channels": 64, "kernel_size": 7, "stride": 2, "padding": 3},
    )
    scene = geo.layer_scene(report.layers[0])
    (pad,) = boxes(scene, "padding")
    (inp,) = boxes(scene, "input")
    assert (pad.x, pad.y) == pytest.approx((-3, -3))
    assert (pad.w, pad.h) == pytest.approx((230, 230))
    first = frame_at(report.layers[0], scene, (0, 0))
    assert (first.window.x, first.window.y) == pytest.approx((-3, -3))
    assert not first.hangs
    assert inp.w == pytest.approx(224)


def test_dilation_spreads_the_taps():
    _, report = network(
        [1, 9, 9], {"type": "Conv2d", "out_channels": 1, "kernel_size": 3, "dilation": 2}
    )
    conv = report.layers[0]
    scene = geo.layer_scene(conv)
    frame = frame_at(conv, scene, (0, 0))
    assert len(frame.taps) == 9
    xs = sorted({round(t.x, 6) for t in frame.taps})
    assert xs == pytest.approx([0, 2, 4])
    assert frame.window.w == pytest.approx(5)  # the dilated span 2·(3 − 1) + 1


def test_a_window_that_does_not_fit_hangs_over_the_edge():
    # A LayerResult as the engine's contract describes one in error: a window, no output.
    result = LayerResult(
        index=0,
        name="too_big",
        type="Conv2d",
        inputs=["input"],
        input_shapes=[(3, 5, 5)],
        outcome=Failed(
            "kernel 7 exceeds the input 5",
            WindowDetail(Window((7, 7), (1, 1), (1, 1), (0, 0), (0, 0)), Channels(3, 4, bias=True)),
        ),
    )
    scene = geo.layer_scene(result)
    assert scene.error == "kernel 7 exceeds the input 5"
    frame = frame_at(result, scene, (0, 0))
    (inp,) = boxes(scene, "input")
    assert frame.hangs
    assert frame.window.x + frame.window.w > inp.x + inp.w
    assert frame.element is None


def test_an_error_upstream_leaves_an_empty_scene_that_says_why():
    _, report = network(
        [3, 5, 5],
        {"name": "bad", "type": "Conv2d", "out_channels": 4, "kernel_size": 9},
        {"name": "after", "type": "ReLU"},
    )
    scene = geo.layer_scene(report.layers[1])
    assert scene.kind == "empty"
    assert "bad" in scene.notes[0]


def test_a_long_1d_input_is_a_visible_strip_without_a_grid():
    _, report = network(
        [1, 16000], {"type": "Conv1d", "out_channels": 8, "kernel_size": 80, "stride": 16}
    )
    conv = report.layers[0]
    scene = geo.layer_scene(conv)
    (inp,) = boxes(scene, "input")
    assert inp.w == pytest.approx(16000)
    assert inp.h >= 0.01 * 16000  # enlarged from 1 so it can be seen
    assert inp.clamped
    assert scene.grid == []
    frame = frame_at(conv, scene, (999,))
    assert frame.window.y == inp.y and frame.window.h == inp.h
    # (n − k) / s + 1 = 996 positions; the last starts at 995 · 16.
    assert scene.positions == (996,)


def test_a_huge_input_draws_no_grid_but_a_small_one_does():
    _, huge = network([3, 10000, 10000], {"type": "Conv2d", "out_channels": 8, "kernel_size": 3})
    _, small = network([1, 5, 5], {"type": "Conv2d", "out_channels": 1, "kernel_size": 3})
    assert geo.layer_scene(huge.layers[0]).grid == []
    # 5×5 input: 4 + 4 inner lines; 3×3 output: 2 + 2.
    assert len(geo.layer_scene(small.layers[0]).grid) == 12


def test_a_kernel_on_a_huge_input_is_enlarged_but_stays_inside():
    _, report = network([3, 10000, 10000], {"type": "Conv2d", "out_channels": 8, "kernel_size": 3})
    conv = report.layers[0]
    scene = geo.layer_scene(conv)
    (inp,) = boxes(scene, "input")
    last = frame_at(conv, scene, (9997, 9997)).window
    assert last.w >= 0.02 * inp.w
    assert last.x + last.w == pytest.approx(inp.x + inp.w)


def test_a_3d_kernel_on_a_3d_input_keeps_its_depth():
    _, report = network(
        [1, 16, 32, 32], {"type": "Conv3d", "out_channels": 4, "kernel_size": 3, "padding": 1}
    )
    conv = report.layers[0]
    scene = geo.layer_scene(conv)
    (inp,) = boxes(scene, "input")
    assert (inp.w, inp.h, inp.d) == pytest.approx((32, 32, 16))
    frame = frame_at(conv, scene, (5, 6, 7))
    assert (frame.window.w, frame.window.h, frame.window.d) == pytest.approx((3, 3, 3))
    # depth 5, row 6, column 7 with padding 1: starts at input (4, 5, 6).
    assert (frame.window.x, frame.window.y, frame.window.z) == pytest.approx((6, 5, 4))


def test_a_1x1_kernel_on_4096_channels_spans_the_whole_depth():
    _, report = network([4096, 7, 7], {"type": "Conv2d", "out_channels": 512, "kernel_size": 1})
    conv = report.layers[0]
    for scale in geo.DEPTH_SCALES:
        scene = geo.layer_scene(conv, scale)
        (inp,) = boxes(scene, "input")
        frame = frame_at(conv, scene, (3, 3))
        assert frame.window.d == pytest.approx(inp.d)
        assert frame.window.w <= inp.w


def test_a_transposed_convolution_shows_the_inputs_feeding_an_element():
    _, report = network(
        [8, 4, 4], {"type": "ConvTranspose2d", "out_channels": 4, "kernel_size": 3, "stride": 2}
    )
    conv = report.layers[0]
    scene = geo.layer_scene(conv)
    assert scene.kind == "transposed"
    position = (4, 4)
    span = transposed_span(conv.window, position, (4, 4))
    frame = geo.layer_frame(scene, position, span)
    # Output 4 receives from inputs i with 4 − j = 2i for taps j = 0, 1, 2: i = 1 and 2.
    assert span == ((1, 2), (1, 2))
    assert (frame.window.x, frame.window.w) == pytest.approx((1, 2))


def test_dense_and_flatten_get_their_own_drawings():
    _, report = network([16, 4, 4], {"type": "Flatten"}, {"type": "Linear", "out_features": 10})
    flat = geo.layer_scene(report.layers[0])
    dense = geo.layer_scene(report.layers[1])
    assert flat.kind == "flatten" and dense.kind == "dense"
    (vec,) = boxes(dense, "output")
    assert vec.dims == (1, 1, 10)
    assert len(dense.lines) == 9  # a fan of 3 × 3 lines stands for all connections
    assert flat.positions == () and dense.positions == ()


@pytest.mark.parametrize("key", preset_keys())
def test_every_layer_of_every_preset_draws_under_every_scale(key):
    report = compute(load_preset(key))
    for scale in geo.DEPTH_SCALES:
        for result in report.layers:
            scene = geo.layer_scene(result, scale)
            assert scene.boxes, result.name
            assert all(b.w > 0 and b.h > 0 and b.d > 0 for b in scene.boxes)
            if scene.kind == "window":
                last = tuple(n - 1 for n in scene.positions)
                frame = frame_at(result, scene, last)
                assert frame.window is not None and frame.element is not None


def _torch_cases():
    with CASES.open(encoding="utf-8") as f:
        for line in f:
            case = json.loads(line)
            if "output_shape" in case["expect"]:
                yield case


@pytest.mark.parametrize("case", list(_torch_cases()), ids=lambda c: c["network"]["name"])
def test_boxes_of_pytorch_reference_layers_match_torchs_output_shape(case):
    net = loads_network(json.dumps(case["network"]))
    result = compute(net).layers[0]
    scene = geo.layer_scene(result, "linear")
    (out,) = boxes(scene, "output")
    expect = tuple(case["expect"]["output_shape"])
    axes = geo.shape_axes(expect)
    assert out.dims == (axes.w, axes.h, axes.d)
    if scene.positions:
        count = math.prod(scene.positions)
        for step in (0, count - 1):
            position = position_at(scene.positions, step)
            if scene.kind == "transposed":
                span = transposed_span(result.window, position, tuple(result.input_shapes[0][1:]))
            else:
                span = input_span(result.window, position)
            frame = geo.layer_frame(scene, position, span)
            assert frame.element is not None
            assert not frame.hangs


def test_geometry_loads_without_qt_or_pyqtgraph():
    code = (
        "import sys, convdesk.canvas.geometry, convdesk.canvas.text\n"
        "loaded = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'pyqtgraph')]\n"
        "assert not loaded, loaded\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# -- The network view around a selection, label room, fitting views --------------------------------


def text_size(label: geo.Label, zoom: float = 1.0) -> geo.Size:
    """A generous stand-in for a font's measure: 9 px a character, 18 px a line, at zoom 1."""
    return (9.0 * len(label.text) * zoom, 18.0 * zoom)


def overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize(("zoom", "view"), [(1.0, (480.0, 300.0)), (1.5, (900.0, 450.0))])
def test_merge_labels_lie_inside_the_fitted_view_and_off_the_boxes(zoom, view):
    report = compute(load_preset("resnet50-torchvision"))
    add = report.by_name("layer1.0.add")
    scene = geo.layer_scene(add, "linear")
    sizes = [text_size(lb, zoom) for lb in scene.labels]
    top_px = 50 * zoom
    vl, vt, vw, vh = geo.fit_view(scene.bounds(), scene.labels, sizes, view, zoom, top_px)
    upp = vw / view[0]
    assert vh / view[1] == pytest.approx(upp)  # one scale on both axes
    titles = []
    for label, size in zip(scene.labels, sizes, strict=True):
        r = geo.label_rect(label, size, upp, zoom)
        assert vl <= r[0] and r[2] <= vl + vw, label.text
        assert vt + top_px * upp <= r[1] + 1e-9 and r[3] <= vt + vh, label.text
        if label.role == "title":
            titles.append((label.text, r))
    assert [t for t, _ in titles] == [
        "input 1 (layer1.0.bn3) 56×56×256",
        "input 2 (layer1.0.downsample.1) 56×56×256",
        "output 56×56×256",
    ]
    for text, r in titles:
        for box in scene.boxes:
            assert not overlap(r, box.bounds()), (text, box.role)
    for i, (_t, a) in enumerate(titles):
        for _u, b in titles[i + 1 :]:
            assert not overlap(a, b)


def test_fit_view_keeps_a_label_that_hangs_far_past_the_boxes():
    label = geo.Label(0.0, 50.0, "a long name on the left", "edge", (1.0, 0.5), (-6, 0))
    size = (300.0, 18.0)
    vl, _vt, vw, _vh = geo.fit_view((0.0, 0.0, 100.0, 100.0), [label], [size], (600.0, 400.0))
    upp = vw / 600.0
    r = geo.label_rect(label, size, upp)
    assert vl <= r[0] and r[2] <= vl + vw
    # The boxes still get most of what is left: 600 px less the label and margins.
    assert 100.0 / upp == pytest.approx(600 - 300 - 6 - 16, rel=0.01)
