"""A small layer's rows and columns are numbered when the numbers fit side by side, all of
them; when the cells are too small for their numbers, none is shown (not a lone "0")."""

from __future__ import annotations

from convdesk.canvas import cells
from tests.qt_wait import settle

from .helpers import network


def _show(canvas, channels: int, side: int, kernels: int) -> None:
    """Show one 3×3 convolution (padding 1) of a channels×side×side input."""
    net, report = network(
        [channels, side, side],
        {"name": "c", "type": "Conv2d", "out_channels": kernels, "kernel_size": 3, "padding": 1},
    )
    canvas.set_report(net, report)
    canvas.select_layer(0)


def _drawn_texts(canvas) -> list[str]:
    view = canvas.layer_view
    view.stage.view.grab()  # painted, so `drawn` holds what is on screen
    return [text for text, _rect in view.stage.labels.drawn]


def test_a_small_grid_shows_every_row_and_column_number(canvas):
    _show(canvas, 1, 7, 2)
    view = canvas.layer_view
    assert cells.is_small(view.scene) and view.numbered
    texts = _drawn_texts(canvas)
    for n in range(7):  # input 7×7 and output 7×7: columns and rows of each
        assert texts.count(str(n)) == 4, (n, texts)
    # Each number beside its cell: a column's under its column, a row's left of its row, both
    # off the face (whose padding ring is not numbered).
    numbers = [(t, r) for t, r in view.stage.labels.drawn if t.isdigit()]
    for axes, at in ((view.scene.in_axes, 0), (view.scene.out_axes, 14)):
        ax_x, ax_y = axes[0], axes[1]
        face_left = view.stage.view_point(ax_x.start - ax_x.pad_before, 0).x()
        face_bottom = view.stage.view_point(0, ax_y.start + ax_y.length + ax_y.pad_after).y()
        for i in range(7):
            text, rect = numbers[at + i]
            assert text == str(i)
            lo = view.stage.view_point(ax_x.start + i * ax_x.length / 7, 0).x()
            hi = view.stage.view_point(ax_x.start + (i + 1) * ax_x.length / 7, 0).x()
            assert lo <= rect.center().x() <= hi and rect.top() >= face_bottom
            text, rect = numbers[at + 7 + i]
            assert text == str(i)
            lo = view.stage.view_point(0, ax_y.start + i * ax_y.length / 7).y()
            hi = view.stage.view_point(0, ax_y.start + (i + 1) * ax_y.length / 7).y()
            assert lo <= rect.center().y() <= hi and rect.right() <= face_left
    rects = [r for _t, r in view.stage.labels.drawn]
    for i, a in enumerate(rects):
        for b in rects[i + 1 :]:
            assert not a.intersects(b)


def test_cells_too_small_for_their_numbers_show_none(canvas):
    """ResNet's 14×14 maps with 256 channels at true depth: the front face is a few pixels a
    cell, and the numbers would stand on each other."""
    _show(canvas, 256, 14, 256)
    view = canvas.layer_view
    assert cells.is_small(view.scene) and not view.numbered
    texts = _drawn_texts(canvas)
    assert not [t for t in texts if t.isdigit()], texts
    # The drawing's own labels are all there.
    assert {"h = 14", "w = 14", "q = 14", "p = 14"} <= set(texts)


def test_numbers_come_and_go_with_the_room(canvas, qtbot):
    """The layer alone (more room) shows the numbers, both views again hide them: the scene is
    the same, so the fit for the new size must draw its labels again all the same."""
    view = canvas.layer_view
    canvas.resize(900, 560)
    settle(canvas)
    _show(canvas, 1, 7, 2)
    for mode, numbered in (("both", False), ("layer", True), ("both", False)):
        canvas.set_view_mode(mode)
        settle(canvas)
        qtbot.waitUntil(lambda: not view._refit.isActive())
        assert view.numbered == numbered, mode
        digits = [t for t in _drawn_texts(canvas) if t.isdigit()]
        assert len(digits) == (28 if numbered else 0), (mode, digits)
