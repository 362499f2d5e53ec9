"""The canvas's lines grow with the window's zoom (Ctrl+=), as its text does: at 200 % a block's
edges, the links and the selection's outline are drawn about twice as wide on screen."""

from __future__ import annotations

from PySide6.QtCore import QRectF

from convdesk.canvas.layerview import LayerView
from convdesk.canvas.networkview import NetworkView
from tests.qt_wait import settle

from .helpers import alexnet_conv1, network


def _dark_pixels(view, rect: QRectF) -> int:
    """Pixels as dark as the edges (#2b2b2b) where `view` shows the page rectangle `rect`, text
    hidden so only lines count."""
    stage = view.stage
    for item in (*stage.label_items, stage.caption):
        item.setVisible(False)
    stage.box.setRange(rect, padding=0.0)
    stage.box.updateMatrix()
    image = stage.view.grab().toImage()
    dark = 0
    for y in range(image.height()):
        for x in range(image.width()):
            c = image.pixelColor(x, y)
            if c.red() < 0x70 and c.green() < 0x70 and c.blue() < 0x70:
                dark += 1
    for item in (*stage.label_items, stage.caption):
        item.setVisible(True)
    return dark


def _at(view, zoom: float, rect: QRectF, qtbot) -> int:
    view.set_zoom(zoom)
    settle(view)
    return _dark_pixels(view, rect)


def test_the_network_views_lines_grow_with_the_zoom(qtbot):
    view = NetworkView()
    qtbot.addWidget(view)
    view.resize(420, 160)
    view.show()
    qtbot.waitExposed(view)
    # A long chain of feature maps: its labels are placed where they fit, so its geometry is
    # the same at every zoom (a short network is laid out again with room for larger names:
    # see tests/app/test_network_at_200_percent.py) and only the lines' widths differ.
    layers = [
        {"name": f"conv{i}", "type": "Conv2d", "out_channels": 32, "kernel_size": 3, "padding": 1}
        for i in range(20)
    ]
    view.show_report(network([3, 32, 32], *layers)[1])
    view.select(3)
    lay = view.layout_
    assert lay is not None
    left, top, right, bottom = lay.bounds()
    rect = QRectF(left, top, right - left, bottom - top)
    at_100 = _at(view, 1.0, rect, qtbot)
    at_200 = _at(view, 2.0, rect, qtbot)
    assert view.layout_ == lay
    assert at_100 > 200
    assert at_200 > 1.6 * at_100, (at_100, at_200)
    assert _at(view, 1.0, rect, qtbot) == at_100  # and back


def test_the_layer_views_edges_grow_with_the_zoom(qtbot):
    view = LayerView()
    qtbot.addWidget(view)
    view.resize(420, 320)
    view.show()
    qtbot.waitExposed(view)
    _net, report = alexnet_conv1()
    view.show_layer(report.layers[0])
    # Its new size is fitted 30 ms after it is laid out: measure the picture fitted for it.
    settle(view)
    qtbot.waitUntil(lambda: not view._refit.isActive())
    left, top, right, bottom = view.bounds()
    rect = QRectF(left, top, right - left, bottom - top)
    at_100 = _at(view, 1.0, rect, qtbot)
    at_200 = _at(view, 2.0, rect, qtbot)
    assert at_100 > 200
    assert at_200 > 1.6 * at_100, (at_100, at_200)
