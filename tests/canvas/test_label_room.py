"""In the layer view no label covers a block or another label, at the canvas sizes a 1440×900
window gives at 100 % and 200 % zoom and in presentation mode (the projector's case)."""

from __future__ import annotations

import pytest

from convdesk.canvas import geometry as geo
from convdesk.canvas import inset
from convdesk.engine import compute
from convdesk.engine.presets import load_preset
from convdesk.engine.sliding import input_span, position_at

BASE_PX = 13.0  # the canvas's label size at zoom 1.0 (items.BASE_FONT_PX)
ROLE_SIZE = {"edge": 1.0, "title": 1.08, "note": 0.95, "error": 1.0}

# (canvas width, height in pixels, zoom): a 1440×900 window at 100 % and 200 %, and the
# presentation view (full screen, its text at twice the size).
VIEWS = [(900, 560, 1.0), (720, 480, 1.0), (715, 477, 2.0), (715, 730, 2.0)]
# Views with room for every label; in the docked canvas at 200 % a label may be left out
# (the lowest first), but none may overlap.
ROOMY = [(900, 560, 1.0), (720, 480, 1.0), (715, 730, 2.0)]

LAYERS = [
    ("alexnet-2012", "conv1"),
    ("alexnet-2012", "conv2"),
    ("lenet-5", "C1"),
    ("vgg16-torchvision", "conv1_1"),
    ("resnet18-torchvision", "conv1"),
]


def text_size(label: geo.Label, zoom: float) -> tuple[float, float]:
    """A stand-in for the font's measure, on the wide side (bold titles wider still)."""
    px = BASE_PX * ROLE_SIZE.get(label.role, 1.0) * zoom
    per_char = 0.66 if label.role == "title" else 0.6
    return (per_char * px * len(label.text), 1.25 * px)


def layer(preset: str, name: str):
    report = compute(load_preset(preset))
    found = [r for r in report.layers if r.name == name]
    if not found:
        pytest.skip(f"{preset} has no layer {name}")
    return found[0]


def placement(result, view):
    """What the layer view draws: its labels' pixel rectangles and its blocks' pixel rectangles."""
    width, height, zoom = view
    scene = geo.layer_scene(result, "linear")
    box = inset.inset_box(scene)
    position = position_at(scene.positions, len(scene.positions) and 9 * scene.positions[-1] + 5)
    span = input_span(result.window, position)
    frame = geo.layer_frame(scene, position, span)
    labels = scene.labels + frame.labels
    if box is not None:
        labels += inset.inset_labels(box, inset.cell_lines(position, span))
    labels = sorted(labels, key=lambda lb: -lb.priority)
    sizes = [text_size(lb, zoom) for lb in labels]
    bounds = scene.bounds()
    if box is not None:
        b = box.bounds()
        bounds = (
            min(bounds[0], b[0]),
            min(bounds[1], b[1]),
            max(bounds[2], b[2]),
            max(bounds[3], b[3]),
        )
    top_px = 3 * 1.3 * BASE_PX * zoom + 4 * zoom  # a three-line caption
    left, top, w, _h = geo.fit_view(bounds, labels, sizes, (width, height), zoom, top_px, 8 * zoom)
    s = width / w
    to_px = (s, s, -left * s, -top * s)
    avoid = geo.block_rects(scene, (box,))
    placed = geo.place_labels(
        labels, sizes, to_px, (0, 0, width, height), zoom, ((0, 0, width, top_px),), avoid
    )
    blocks = [
        (x0 * s + to_px[2], y0 * s + to_px[3], x1 * s + to_px[2], y1 * s + to_px[3])
        for x0, y0, x1, y1 in avoid
    ]
    return scene, frame, [(labels[n], r) for n, r in placed], blocks


def overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize(("preset", "name"), LAYERS)
def test_no_label_covers_a_block_or_a_label_and_none_is_lost(preset, name, view):
    result = layer(preset, name)
    scene, frame, placed, blocks = placement(result, view)
    rects = [r for _lb, r in placed]
    for lb, r in placed:
        for b in blocks:
            assert not overlap(r, b), f"{lb.text!r} covers a block at {view}"
    for i, a in enumerate(rects):
        for b in rects[i + 1 :]:
            assert not overlap(a, b), f"labels overlap at {view}"
    if view not in ROOMY:
        return
    # Moved, not dropped: every dimension, title and the kernel's name is shown somewhere.
    shown = {lb.text for lb, _r in placed}
    wanted = {lb.text for lb in scene.labels + frame.labels}
    assert wanted <= shown, f"left out at {view}: {sorted(wanted - shown)}"
