"""The canvas redraws only what an edit changed, and still shows every new number.

An item given the same shapes, labels or caption lines again keeps what it drew (its picture,
its label placement) and asks for no repaint; anything else is drawn anew.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QBrush, QColor

from convdesk.canvas.geometry.primitives import Label
from convdesk.canvas.items import CaptionItem, LabelsItem, ShapesItem, cosmetic_pen
from convdesk.engine import compute
from convdesk.engine.presets import load_preset

SQUARE = [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0)]


def _square(x: float = 0.0):
    fill = QBrush(QColor(200, 0, 0))
    return [([(px + x, py) for px, py in SQUARE], cosmetic_pen(QColor("black")), fill)]


def test_the_same_shapes_again_keep_the_recorded_picture():
    item = ShapesItem()
    item.set_shapes(_square(), [([(0.0, 0.0, 2.0, 2.0)], cosmetic_pen(QColor("blue")))])
    picture = item._below  # the recorded polygons (a change records lines and paths anew too)
    # New pen and brush objects of the same values, new lists: the same drawing.
    item.set_shapes(_square(), [([(0.0, 0.0, 2.0, 2.0)], cosmetic_pen(QColor("blue")))])
    assert item._below is picture
    item.set_shapes(_square(x=3.0), [([(0.0, 0.0, 2.0, 2.0)], cosmetic_pen(QColor("blue")))])
    assert item._below is not picture
    assert item.boundingRect().right() > 3.5  # the moved square is what the item covers now
    moved = item._below
    item.set_shapes(_square(x=3.0), [([(0.0, 0.0, 2.0, 2.0)], cosmetic_pen(QColor("blue"), 3.0))])
    assert item._below is not moved  # a wider pen is a change too
    item.set_shapes()
    assert item.boundingRect() == QRectF()


def test_the_same_labels_again_keep_their_placement():
    item = LabelsItem()
    colors = {"edge": QColor("black")}
    labels = [Label(0.0, 0.0, "55×55×96"), Label(5.0, 0.0, "conv1", "title", priority=3)]
    item.set_labels(labels, colors, [(0.0, 1.0, 2.0, 3.0)])
    version = item._version
    item.set_labels(list(reversed(labels)), dict(colors), [(0.0, 1.0, 2.0, 3.0)])
    assert item._version == version
    item.set_labels([Label(0.0, 0.0, "55×55×100"), labels[1]], colors, [(0.0, 1.0, 2.0, 3.0)])
    assert item._version == version + 1
    assert [lb.text for lb in item.labels()] == ["conv1", "55×55×100"]
    item.set_labels(item.labels(), colors, [])  # other rectangles to keep clear
    assert item._version == version + 2


def test_the_same_caption_again_changes_nothing_and_new_lines_show(canvas):
    caption = canvas.layer_view.stage.caption
    assert isinstance(caption, CaptionItem)
    colors = caption.colors
    caption.set_lines([("title", "conv1 (Conv2d)")], colors)
    caption.set_lines([("title", "conv1 (Conv2d)")], dict(colors))
    assert caption.lines() == ["conv1 (Conv2d)"]
    caption.set_lines([("title", "conv1 (Conv2d)"), ("note", "output [100, 55, 55]")], colors)
    assert caption.lines() == ["conv1 (Conv2d)", "output [100, 55, 55]"]


def _painted(qtbot, canvas) -> None:
    canvas.flush()
    for view in (canvas.network_view, canvas.layer_view):
        view.stage.view.viewport().repaint()


def test_an_edit_shows_its_new_numbers_in_both_views(qtbot, canvas):
    network = load_preset("alexnet-2012")
    canvas.set_report(network, compute(network))
    canvas.select_layer(0)
    _painted(qtbot, canvas)
    before_net = canvas.network_view.blocks._below
    before_layer = canvas.layer_view.still._below
    assert any("55×55×96" in text for text, _r in canvas.network_view.stage.labels.drawn)

    network.layers[0].config["out_channels"] = 100
    canvas.set_report(network, compute(network))
    canvas.select_layer(0)
    _painted(qtbot, canvas)
    net_texts = [text for text, _r in canvas.network_view.stage.labels.drawn]
    layer_texts = [text for text, _r in canvas.layer_view.stage.labels.drawn]
    assert any("55×55×100" in text for text in net_texts)
    assert not any("55×55×96" in text for text in net_texts)
    assert any("55×55×100" in text for text in layer_texts)
    assert any("[100, 55, 55]" in line for line in canvas.layer_view.stage.caption.lines())
    # The thicker output block is drawn anew in both views.
    assert canvas.network_view.blocks._below is not before_net
    assert canvas.layer_view.still._below is not before_layer


def test_an_edit_that_changes_no_shape_keeps_the_drawings(qtbot, canvas):
    network = load_preset("alexnet-2012")
    canvas.set_report(network, compute(network))
    canvas.select_layer(0)
    _painted(qtbot, canvas)
    blocks = canvas.network_view.blocks._below
    still = canvas.layer_view.still._below
    placed = canvas.network_view.stage.labels._version
    layout = canvas.network_view.layout_

    # Without a bias conv1 has 96 parameters fewer, and every shape stays as it was.
    network.layers[0].config["bias"] = False
    report = compute(network)
    assert report.layers[0].params == 34_848
    canvas.set_report(network, report)
    canvas.select_layer(0)
    _painted(qtbot, canvas)
    assert canvas.network_view.layout_ is layout  # the same figure: not laid out again
    assert canvas.network_view.report is report  # tooltips read the new numbers
    assert canvas.network_view.blocks._below is blocks
    assert canvas.layer_view.still._below is still
    assert canvas.network_view.stage.labels._version == placed
