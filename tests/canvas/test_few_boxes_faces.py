"""A few boxes' faces are built point by point (cheaper than arrays for a small network): the
paths are the very ones the arrays give, point for point, so the figure looks the same."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from convdesk.canvas import items
from convdesk.canvas.geometry.primitives import Box

coord = st.floats(-1e4, 1e4, allow_nan=False)
side = st.floats(0.001, 1e3, allow_nan=False)
boxes = st.lists(
    st.builds(Box, coord, coord, coord, side, side, side, st.just("block")),
    min_size=1,
    max_size=items.FEW_BOXES,
)


def _elements(path) -> list[tuple[int, float, float]]:
    return [(e.type.value, e.x, e.y) for e in map(path.elementAt, range(path.elementCount()))]


@settings(max_examples=60, deadline=None)
@given(boxes)
def test_a_few_boxes_faces_are_the_paths_the_arrays_give(qapp, few):
    point_by_point = items.boxes_faces(few)
    with pytest.MonkeyPatch.context() as m:
        m.setattr(items, "FEW_BOXES", 0)  # every network through the arrays
        arrays = items.boxes_faces(few)
    for mine, theirs in zip(point_by_point, arrays, strict=True):
        assert _elements(mine) == _elements(theirs)
        assert mine.fillRule() == theirs.fillRule()
        assert mine == theirs


def test_a_small_network_takes_the_point_by_point_way(qapp, monkeypatch):
    used = []
    real = items._face_path
    monkeypatch.setattr(items, "_face_path", lambda *a: used.append(1) or real(*a))
    items.boxes_faces([Box(0, 0, 0, 1, 2, 3, "block")] * 3)
    assert len(used) == 3  # front, top, side
    items.boxes_faces([Box(0, 0, 0, 1, 2, 3, "block")] * (items.FEW_BOXES + 1))
    assert len(used) == 3
