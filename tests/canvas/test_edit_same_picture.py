"""After a run of edits the canvas shows exactly the picture a fresh canvas draws of the same
network: what an edit keeps from before (recorded shapes, label sizes and placements, the
caption's rows and width, the animation's boxes) is never stale."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtGui import QImage

from convdesk.canvas import CanvasWidget
from convdesk.canvas.items import CaptionItem
from convdesk.engine import compute
from convdesk.engine.presets import load_preset
from tests.qt_wait import settle


def _shown(qtbot, canvas: CanvasWidget, network, layer: int) -> None:
    canvas.set_report(network, compute(network))
    canvas.select_layer(layer)
    settle(canvas)
    qtbot.waitUntil(lambda: not canvas.layer_view._refit.isActive())


def _pictures(canvas: CanvasWidget) -> list[QImage]:
    views = (canvas.network_view.stage.view, canvas.layer_view.stage.view)
    return [view.grab().toImage() for view in views]


def test_edits_leave_the_picture_a_fresh_canvas_draws(qtbot, canvas):
    network = load_preset("alexnet-2012")
    conv1 = network.index_of("conv1")
    _shown(qtbot, canvas, network, conv1)
    # Kernels, then a kernel too large (conv1 in error, the caption names it), then back.
    edits = [("out_channels", 100), ("out_channels", 7), ("kernel_size", [240, 240])]
    edits += [("kernel_size", [11, 11]), ("out_channels", 4096), ("out_channels", 300)]
    for key, value in edits:
        network.layers[conv1].config[key] = value
        _shown(qtbot, canvas, network, conv1)
    edited = _pictures(canvas)
    assert "55×55×300" in [text for text, _rect in canvas.network_view.stage.labels.drawn]

    fresh = CanvasWidget()
    qtbot.addWidget(fresh)
    fresh.resize(canvas.size())
    fresh.show()
    qtbot.waitExposed(fresh)
    settle(fresh)
    _shown(qtbot, fresh, network, conv1)
    assert [image.size() for image in edited] == [image.size() for image in _pictures(fresh)]
    assert _pictures(fresh) == edited


def test_the_caption_box_follows_its_lines(canvas):
    """The caption's width is measured once for its rows, and again when they change: the box
    (which labels keep off) is the one a new caption of the same lines has."""
    caption = canvas.layer_view.stage.caption
    other = pg.ViewBox()  # the same size as the caption's
    other.resize(caption.parentItem().size())
    lines = [
        [("title", "conv1 (Conv2d)")],
        [("title", "conv1 (Conv2d)"), ("error", "the kernel, 240 wide, is wider than 227")],
        [("title", "conv1 (Conv2d)"), ("note", "96 kernels")],
    ]
    for shown in lines:
        caption.set_lines(shown, caption.colors)
        again = caption.pixel_rect()
        assert caption.pixel_rect() == again
        fresh = CaptionItem(other)
        fresh.set_lines(shown, caption.colors)
        assert fresh.pixel_rect() == again
