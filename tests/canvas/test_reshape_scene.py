"""The layer view of Permute, Narrow and ChannelShuffle, in model units (no screen)."""

from __future__ import annotations

from itertools import chain

import pytest

from convdesk.canvas import geometry as geo
from convdesk.canvas.geometry.reshape_scene import MAX_ORDER, MAX_STRIPES
from convdesk.engine import Layer, Network, compute
from convdesk.engine.rules.rearrange import shuffled_channels


def scene_of(shape, layer_type, **keys):
    result = compute(Network(list(shape), [Layer(layer_type, "l", keys)])).layers[0]
    assert result.error is None, result.error
    return geo.layer_scene(result, "linear")


def boxes(scene, role):
    return [b for b in scene.boxes if b.role == role]


def split_groups(scene):
    """The shuffle's group-coloured boxes: stripes on the tensors, squares of the diagram below."""
    bottom = max(b.y + b.h for b in scene.boxes if b.role in ("input", "output"))
    coloured = [b for b in scene.boxes if b.role.startswith("group")]
    return [b for b in coloured if b.y < bottom], [b for b in coloured if b.y > bottom]


def texts(scene):
    return [label.text for label in scene.labels]


def test_a_narrow_along_the_channels_marks_the_kept_channels_in_the_input():
    scene = scene_of([8, 10, 16], "Narrow", start=4, length=4)
    (inp,) = boxes(scene, "input")
    (kept,) = boxes(scene, "kernel")
    assert (kept.x, kept.w, kept.y, kept.h) == (inp.x, inp.w, inp.y, inp.h)
    assert kept.z == pytest.approx(inp.z + inp.d * 4 / 8)
    assert kept.d == pytest.approx(inp.d * 4 / 8)
    assert "kept: 4 … 7" in texts(scene)


def test_a_narrow_along_the_height_marks_the_kept_rows():
    scene = scene_of([8, 10, 16], "Narrow", dim=1, start=2, length=5)
    (inp,) = boxes(scene, "input")
    (kept,) = boxes(scene, "kernel")
    assert kept.y == pytest.approx(inp.y + inp.h * 2 / 10)
    assert kept.h == pytest.approx(inp.h * 5 / 10)
    assert (kept.x, kept.w, kept.d) == (inp.x, inp.w, inp.d)
    assert any("indices 2 … 6 of dimension 1" in note for note in scene.notes)


def test_a_permute_relabels_the_axes_with_where_each_came_from():
    scene = scene_of([8, 10, 16], "Permute", dims=[1, 2, 0])
    labels = texts(scene)
    assert {"dim 0 = 8", "dim 1 = 10", "dim 2 = 16"} <= set(labels)
    assert {"dim 0 = 10 (was dim 1)", "dim 1 = 16 (was dim 2)", "dim 2 = 8 (was dim 0)"} <= set(
        labels
    )
    # The size labels of other layers (w = …, p = …) are replaced, the titles kept.
    assert not any(text.startswith(("w =", "p =")) for text in labels)
    assert "output 8×16×10" in labels


def torch_shuffle(channels: int, groups: int) -> list[int]:
    """x.view(g, C/g).transpose(0, 1).reshape(C), on the channel numbers."""
    per = channels // groups
    rows = [list(range(i * per, (i + 1) * per)) for i in range(groups)]
    return list(chain.from_iterable(zip(*rows, strict=True)))


@pytest.mark.parametrize(("channels", "groups"), [(6, 2), (6, 3), (12, 4), (116, 2), (8, 8)])
def test_the_shuffle_order_is_torchs(channels, groups):
    assert shuffled_channels(channels, groups, channels) == torch_shuffle(channels, groups)
    assert shuffled_channels(channels, groups, 5) == torch_shuffle(channels, groups)[:5]


def test_a_shuffle_diagram_links_each_input_channel_to_its_new_place():
    scene = scene_of([6, 4, 4], "ChannelShuffle", groups=2)
    _stripes, squares = split_groups(scene)
    rows = sorted({b.y for b in squares})
    assert len(rows) == 2
    top = sorted((b for b in squares if b.y == rows[0]), key=lambda b: b.x)
    bottom = sorted((b for b in squares if b.y == rows[1]), key=lambda b: b.x)
    assert [b.role for b in top] == ["group0"] * 3 + ["group1"] * 3
    assert [b.role for b in bottom] == ["group0", "group1"] * 3
    assert len(scene.lines) == 1 + 6  # the input-to-output link and one line per channel
    for line, (position, source) in zip(
        scene.lines[1:], enumerate(torch_shuffle(6, 2)), strict=True
    ):
        assert line[0] == pytest.approx(top[source].x + top[source].w / 2)
        assert line[2] == pytest.approx(bottom[position].x + bottom[position].w / 2)


def test_a_wide_shuffle_samples_the_first_channels_of_each_group():
    # ShuffleNetV2's stage 3: 232 channels in 2 groups of 116.
    scene = scene_of([232, 14, 14], "ChannelShuffle", groups=2)
    stripes, squares = split_groups(scene)
    assert stripes == []  # 232 stripes would blur into their edges
    each = MAX_ORDER // 2
    rows = sorted({b.y for b in squares})
    top = sorted((b for b in squares if b.y == rows[0]), key=lambda b: b.x)
    bottom = sorted((b for b in squares if b.y == rows[1]), key=lambda b: b.x)
    assert [b.role for b in top] == ["group0"] * each + ["group1"] * each
    assert [b.role for b in bottom] == ["group0", "group1"] * each
    assert len(scene.lines) == 1 + 2 * each
    assert f"the first {each} of each group's 116 channels" in texts(scene)
    assert any(f"(below: the first {each}" in note for note in scene.notes)


def test_a_small_shuffle_stripes_its_boxes_by_group():
    scene = scene_of([6, 4, 4], "ChannelShuffle", groups=3)
    stripes, _squares = split_groups(scene)
    (inp,) = boxes(scene, "input")
    stripes_in = sorted((b for b in stripes if b.x == inp.x), key=lambda b: b.z)
    stripes_out = sorted((b for b in stripes if b.x != inp.x), key=lambda b: b.z)
    assert [b.role for b in stripes_in] == [
        "group0",
        "group0",
        "group1",
        "group1",
        "group2",
        "group2",
    ]
    assert [b.role for b in stripes_out] == ["group0", "group1", "group2"] * 2
    assert len(stripes) <= 2 * MAX_STRIPES
