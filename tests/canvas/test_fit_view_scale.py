"""`fit_view` finds the largest scale at which the picture and its labels fit by Newton's steps
on the extent's straight pieces; checked here against a plain search by halves, and against
the rule itself: the picture fits, and one part in a million larger it does not."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from convdesk.canvas import geometry as geo
from convdesk.canvas.geometry.label_fit import _extents, _spread, fit_view

coord = st.floats(-500.0, 500.0)
label = st.builds(
    lambda x, y, w, h, ax, ay, ox, oy: (geo.Label(x, y, "t", "edge", (ax, ay), (ox, oy)), (w, h)),
    coord,
    coord,
    st.floats(1.0, 300.0),
    st.floats(1.0, 60.0),
    st.sampled_from([0.0, 0.5, 1.0]),
    st.sampled_from([0.0, 0.5, 1.0]),
    st.floats(-40.0, 40.0),
    st.floats(-40.0, 40.0),
)


def _by_halves(xs, ys, avail_w, avail_h, hi):
    lo = 0.0
    for _ in range(60):
        mid = (lo + hi) / 2
        if _spread(xs, mid) <= avail_w and _spread(ys, mid) <= avail_h:
            lo = mid
        else:
            hi = mid
    return lo


@given(
    box=st.tuples(coord, coord, st.floats(0.5, 800.0), st.floats(0.5, 800.0)),
    labelled=st.lists(label, max_size=30),
    view=st.tuples(st.integers(200, 2000), st.integers(150, 1200)),
    zoom=st.sampled_from([1.0, 2.0]),
)
def test_the_scale_is_the_largest_that_fits(box, labelled, view, zoom):
    x, y, w, h = box
    bounds = (x, y, x + w, y + h)
    labels = [lb for lb, _s in labelled]
    sizes = [s for _lb, s in labelled]
    margin, top_px = 8.0 * zoom, 30.0
    rect = fit_view(bounds, labels, sizes, view, zoom, top_px, margin)
    scale = view[0] / rect[2]
    xs, ys = _extents(bounds, labels, sizes, zoom)
    avail_w, avail_h = view[0] - 2 * margin, view[1] - top_px - 2 * margin
    hi = min(avail_w / w, avail_h / h)
    if not (_spread(xs, hi * 1e-6) <= avail_w and _spread(ys, hi * 1e-6) <= avail_h):
        return  # the labels alone do not fit: the fallback share, not a search
    assert _spread(xs, scale) <= avail_w and _spread(ys, scale) <= avail_h
    reference = _by_halves(xs, ys, avail_w, avail_h, hi)
    assert abs(scale - reference) <= 1e-6 * reference
    if scale < hi * (1 - 1e-6):
        larger = scale * (1 + 1e-6)
        assert _spread(xs, larger) > avail_w or _spread(ys, larger) > avail_h
