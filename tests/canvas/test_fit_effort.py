"""The layer view's fit does no work that cannot change what it shows: numbers that can never
stand side by side are not fitted for, a picture is not shrunk past LEAST_SCALE of its plain
scale, and a layer without an enlarged cell is fitted once, not once per place of its lines."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from convdesk.canvas import geometry as geo
from convdesk.canvas import inset
from convdesk.canvas.geometry import layer_fit
from convdesk.canvas.geometry.label_fit import place_labels, stand_apart
from convdesk.engine import compute
from convdesk.engine.presets import load_preset
from convdesk.engine.sliding import input_span, position_at

from .test_label_room import text_size


@given(
    pitch=st.floats(1.0, 60.0),
    widths=st.lists(st.floats(4.0, 30.0), min_size=2, max_size=16),
    scale=st.floats(0.2, 5.0),
    zoom=st.sampled_from([1.0, 1.5, 2.0]),
    across=st.booleans(),
)
def test_numbers_stand_apart_exactly_when_place_labels_places_them_all(
    pitch, widths, scale, zoom, across
):
    """The check agrees with the placing itself, for a row of column numbers (centred over
    their cells) or a column of row numbers (right-aligned, one under the other)."""
    if across:
        labels = [
            geo.Label(i * pitch, 0.0, str(i), "note", (0.5, 1.0), (0, -2), 0)
            for i in range(len(widths))
        ]
    else:
        labels = [
            geo.Label(0.0, i * pitch, str(i), "note", (1.0, 0.5), (-3, 0), 0)
            for i in range(len(widths))
        ]
    sizes = [(w, 13.0 * zoom) for w in widths]
    area = (-1e6, -1e6, 1e6, 1e6)  # room enough: only the numbers can be in each other's way
    placed = place_labels(labels, sizes, (scale, scale, 0.0, 0.0), area, zoom)
    assert stand_apart(labels, sizes, scale, zoom) == (len(placed) == len(labels))


def _picture_builder(result, zoom: float, built: list[layer_fit.Variant]):
    def build(gaps: layer_fit.Gaps, variant: layer_fit.Variant) -> layer_fit.Picture:
        built.append(variant)
        scene = geo.layer_scene(result, "linear", gaps[0])
        box = inset.inset_box(scene, variant[0] == "below", gaps[1])
        labels = sorted(scene.labels, key=lambda lb: -lb.priority)
        sizes = [text_size(lb, zoom) for lb in labels]
        return layer_fit.picture_of(scene, labels, sizes, box, variant[0])

    return build


def _layer(preset: str, name: str):
    report = compute(load_preset(preset))
    return next(r for r in report.layers if r.name == name)


def test_a_layer_without_an_enlarged_cell_is_fitted_for_one_place_of_its_lines():
    result = _layer("resnet18-torchvision", "layer1.0.add")  # a merge: no window, no cell
    built: list[layer_fit.Variant] = []
    fit = layer_fit.fit_picture(_picture_builder(result, 2.0, built), (715, 477), 2.0, 60, 16)
    assert fit.picture.extra is None
    assert set(built) == {layer_fit.variants((715, 477), 60)[0]}


def test_a_convolution_tries_every_place_of_its_cells_lines_when_zoomed():
    result = _layer("alexnet-2012", "conv1")
    built: list[layer_fit.Variant] = []
    layer_fit.fit_picture(_picture_builder(result, 2.0, built), (715, 477), 2.0, 60, 16)
    assert set(built) == set(layer_fit.variants((715, 477), 60))


def test_no_try_shows_the_picture_below_the_least_scale(monkeypatch):
    """A label that can never be placed (here: one whose text always covers the input block, at
    any scale) does not make the fit shrink the picture past LEAST_SCALE of its plain fit."""
    result = _layer("alexnet-2012", "conv1")
    scene = geo.layer_scene(result, "linear")
    block = next(b for b in scene.boxes if b.role == "input")
    middle = (block.x + block.w / 2, block.y + block.h / 2)
    stuck = geo.Label(*middle, "stuck", "edge", (0.5, 0.5), (0, 0), 1)
    labels = [*sorted(scene.labels, key=lambda lb: -lb.priority), stuck]
    picture = layer_fit.picture_of(scene, labels, [text_size(lb, 1.0) for lb in labels])
    plain = layer_fit.plain_view(picture, (720, 480), 1.0, 40, 8)
    tried: list[float] = []
    real = layer_fit.placement

    def counting(picture, rect, view, zoom, top_px):
        tried.append(rect[2])
        return real(picture, rect, view, zoom, top_px)

    monkeypatch.setattr(layer_fit, "placement", counting)
    widest = plain[2] / layer_fit.LEAST_SCALE
    rect, _placed, near = layer_fit.fit_layer(picture, (720, 480), 1.0, 40, 8, plain, widest)
    assert near < layer_fit._wanted(labels)  # the stuck label is never placed
    assert tried[0] == plain[2]
    assert all(width <= widest for width in tried)
    assert len(tried) < layer_fit.TRIES  # stopped at the least scale, before the tenth try
    assert rect[2] <= widest


def _with_the_kernel(result, zoom: float):
    """The layer view's picture with the kernel at its first place and the enlarged cell's
    lines, as the window shows it."""

    def build(gaps: layer_fit.Gaps, variant: layer_fit.Variant) -> layer_fit.Picture:
        place, narrow = variant
        scene = geo.layer_scene(result, "linear", gaps[0])
        box = inset.inset_box(scene, place == "below", gaps[1])
        position = position_at(scene.positions, 0)
        span = input_span(result.window, position)
        labels = scene.labels + geo.layer_frame(scene, position, span).labels
        if box is not None:
            labels += inset.inset_labels(box, inset.cell_lines(position, span, narrow), place)
        labels = sorted(labels, key=lambda lb: -lb.priority)
        sizes = [text_size(lb, zoom) for lb in labels]
        return layer_fit.picture_of(scene, labels, sizes, box, place)

    return build


def test_room_between_the_blocks_comes_before_a_smaller_picture(monkeypatch):
    """AlexNet's conv1 with 400 kernels in the window's layer view: the output's labels need
    more room between the blocks than the plain picture has. A smaller picture has less room
    still, so the fit makes the room first: two placements, every label beside its block (the
    seven smaller tries came first before, to the same picture)."""
    net = load_preset("alexnet-2012")
    net.layers[0].config["out_channels"] = 400
    result = compute(net).layers[0]
    placements: list[int] = []
    real = layer_fit.placement
    monkeypatch.setattr(layer_fit, "placement", lambda *a: (placements.append(1), real(*a))[1])
    top_px = 3 * 1.3 * 13 + 4  # a three-line caption
    fit = layer_fit.fit_picture(_with_the_kernel(result, 1.0), (720, 285), 1.0, top_px, 8)
    assert fit.near == layer_fit._wanted(fit.picture.labels)
    assert fit.gaps[0] > 0  # the blocks drawn further apart
    assert len(placements) == 2
