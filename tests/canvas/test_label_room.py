"""In the layer view no label covers a block or another label, at the canvas sizes a 1440×900
window gives at 100 % and 200 % zoom and in presentation mode (the projector's case)."""

from __future__ import annotations

import pytest

from convdesk.canvas import geometry as geo
from convdesk.canvas import inset
from convdesk.canvas.geometry import layer_fit
from convdesk.engine import compute
from convdesk.engine.presets import load_preset
from convdesk.engine.sliding import input_span, position_at

BASE_PX = 13.0  # the canvas's label size at zoom 1.0 (items.BASE_FONT_PX)
ROLE_SIZE = {"edge": 1.0, "title": 1.08, "note": 0.95, "error": 1.0}

# (canvas width, height in pixels, zoom): a 1440×900 window at 100 % and 200 %, and the
# presentation view (full screen, its text at twice the size).
PRESENTATION = (715, 730, 2.0)
VIEWS = [(900, 560, 1.0), (720, 480, 1.0), (715, 477, 2.0), PRESENTATION]
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
    """What the layer view draws: its labels, their pixel rectangles, its blocks' pixel
    rectangles and the model-to-pixel map."""
    width, height, zoom = view

    def build(gaps: layer_fit.Gaps, variant: layer_fit.Variant) -> layer_fit.Picture:
        place, narrow = variant
        scene = geo.layer_scene(result, "linear", gaps[0])
        box = inset.inset_box(scene, place == "below", gaps[1])
        step = len(scene.positions) and 9 * scene.positions[-1] + 5
        position = position_at(scene.positions, step)
        span = input_span(result.window, position)
        frame = geo.layer_frame(scene, position, span)
        labels = scene.labels + frame.labels
        if box is not None:
            lines = inset.cell_lines(position, span, narrow=narrow)
            labels += inset.inset_labels(box, lines, place)
        labels = sorted(labels, key=lambda lb: -lb.priority)
        sizes = [text_size(lb, zoom) for lb in labels]
        return layer_fit.picture_of(scene, labels, sizes, box, place)

    top_px = 3 * 1.3 * BASE_PX * zoom + 4 * zoom  # a three-line caption
    fit = layer_fit.fit_picture(build, (width, height), zoom, top_px, 8 * zoom)
    picture, rect, placed = fit.picture, fit.rect, fit.placed
    left, top, w, _h = rect
    s = width / w
    to_px = (s, s, -left * s, -top * s)
    blocks = [
        (x0 * s + to_px[2], y0 * s + to_px[3], x1 * s + to_px[2], y1 * s + to_px[3])
        for x0, y0, x1, y1 in picture.avoid
    ]
    labels = picture.labels
    return labels, [(labels[n], r) for n, r in placed], blocks, rect


def overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize(("preset", "name"), LAYERS)
def test_no_label_covers_a_block_or_a_label_and_none_is_lost(preset, name, view):
    result = layer(preset, name)
    labels, placed, blocks, to_px = placement(result, view)
    rects = [r for _lb, r in placed]
    for lb, r in placed:
        for b in blocks:
            assert not overlap(r, b), f"{lb.text!r} covers a block at {view}"
    for i, a in enumerate(rects):
        for b in rects[i + 1 :]:
            assert not overlap(a, b), f"labels overlap at {view}"
    # Moved, not dropped, at 100 %, at 200 % and in presentation mode: every dimension, title,
    # the kernel's name and the output cell's lines are shown...
    shown = {lb.text for lb, _r in placed}
    wanted = {lb.text for lb in labels}
    assert wanted <= shown, f"left out at {view}: {sorted(wanted - shown)}"
    # ...and beside what they name, not a block away.
    sizes = dict(zip(map(id, labels), (text_size(lb, view[2]) for lb in labels), strict=True))
    for lb, r in placed:
        near = layer_fit.beside(lb, sizes[id(lb)], r, to_px, view[:2], view[2])
        assert near, f"{lb.text!r} detached at {view}"


def test_the_drawing_uses_the_presentation_views_room():
    """In the presentation view the picture takes a good part of the canvas's width and of its
    height under the caption, not a band across the middle."""
    result = layer("alexnet-2012", "conv1")
    width, height, zoom = PRESENTATION
    _labels, _placed, blocks, _to_px = placement(result, PRESENTATION)
    left = min(b[0] for b in blocks)
    right = max(b[2] for b in blocks)
    top = min(b[1] for b in blocks)
    bottom = max(b[3] for b in blocks)
    room = height - (3 * 1.3 * BASE_PX * zoom + 4 * zoom)
    assert right - left >= 0.55 * width
    assert bottom - top >= 0.45 * room
