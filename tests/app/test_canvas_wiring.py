"""The canvas in the window: it gets each new report, follows the selection, and clicks on it
select layers in the list."""

from __future__ import annotations

import pytest

from convdesk.app.layer_model import NAME

from .conftest import cell
from .helpers import add_layer, type_into


@pytest.mark.shared_window
def test_clicking_a_block_selects_the_layer(qtbot, window):
    window.files.open_preset("alexnet-2012")
    window.canvas.layerClicked.emit(3)
    assert window.session.selected == 3
    assert window.table.currentIndex().row() == 3
    assert window.form.name_edit.text() == cell(window, 3, NAME)


def test_the_canvas_receives_each_new_report(qtbot, window, monkeypatch):
    received = []
    selected = []
    real_set_report = window.canvas.set_report
    real_select = window.canvas.select_layer

    def spy_report(network, report):
        received.append(report)
        real_set_report(network, report)

    def spy_select(index):
        selected.append(index)
        real_select(index)

    monkeypatch.setattr(window.canvas, "set_report", spy_report)
    monkeypatch.setattr(window.canvas, "select_layer", spy_select)
    add_layer(qtbot, window, "Conv2d")
    type_into(qtbot, window.form.field("out_channels").box, "96")
    type_into(qtbot, window.form.field("kernel_size").single, "11")
    type_into(qtbot, window.form.field("stride").single, "4")
    qtbot.waitUntil(lambda: bool(received) and received[-1] is window.doc.report)
    # The article's conv1, as the canvas is given it.
    assert received[-1].layers[0].output_shape == (96, 55, 55)
    assert received[-1].layers[0].params == 34944
    assert selected[-1] == 0


def test_zoom_and_theme_reach_the_canvas(window, monkeypatch):
    zooms, darks = [], []
    monkeypatch.setattr(window.canvas, "set_zoom", zooms.append)
    monkeypatch.setattr(window.canvas, "set_dark", darks.append)
    window.zoom_in_action.trigger()
    window.theme_actions["dark"].trigger()
    window.theme_actions["light"].trigger()
    assert zooms and zooms[-1] > 1.0
    assert darks == [True, False]
