"""The layer list fits its panel at the default layout of a 1440×900 window: every column in
view without scrolling sideways, counts whole where they fit and in their short form (exact in
the tooltip) where they do not, shapes with every digit, names elided in the middle."""

from __future__ import annotations

from PySide6.QtCore import Qt

from convdesk.app.layer_model import MACS, NAME, PARAMS, SHAPE, TYPE
from convdesk.app.list_columns import TIGHT_NAME, shown_in, text_room
from tests.qt_wait import settle


def _settled_at_1440(qtbot, window) -> None:
    window.resize(1440, 900)
    qtbot.waitUntil(lambda: window.width() == 1440)
    settle(window)


def test_alexnets_list_fits_the_default_panel(qtbot, window):
    window.files.open_preset("alexnet-2012")
    _settled_at_1440(qtbot, window)
    table = window.table
    header = table.horizontalHeader()
    # Nothing to scroll sideways: not the list, not its panel.
    assert table.horizontalScrollBar().maximum() == 0
    assert window.layers_dock.widget().horizontalScrollBar().maximum() == 0
    assert sum(header.sectionSize(c) for c in range(5)) <= table.viewport().width()
    assert window.canvas.width() >= 720  # the canvas kept its half
    metrics = table.fontMetrics()
    model = window.model
    shown = {}
    for row in range(model.rowCount()):
        name = model.index(row, NAME).data()
        for column in (TYPE, SHAPE, PARAMS, MACS):
            index = model.index(row, column)
            text = shown_in(table, index)
            assert metrics.horizontalAdvance(text) <= text_room(table, column), (name, text)
            shown[name, column] = text
        assert shown[name, TYPE] == model.index(row, TYPE).data()
        whole_shape = model.index(row, SHAPE).data()
        assert shown[name, SHAPE].replace(" ", "") == whole_shape.replace(" ", "")
    # The article's 34,944 is shown whole; fc6's 37,752,832 in short, exact in the tooltip.
    assert shown["conv1", PARAMS] == "34,944"
    assert shown["fc6", PARAMS] == "37.8 M"
    row = next(r for r in range(model.rowCount()) if model.index(r, NAME).data() == "fc6")
    tip = model.index(row, PARAMS).data(Qt.ItemDataRole.ToolTipRole)
    assert "37,752,832" in tip
    assert shown["conv1", MACS] == "105.4 M"
    # The name column keeps at least a short name; longer names elide in the middle.
    assert header.sectionSize(NAME) >= metrics.horizontalAdvance(TIGHT_NAME)
    assert table.textElideMode() == Qt.TextElideMode.ElideMiddle


def test_a_wide_panel_shows_every_count_whole(qtbot, window):
    window.files.open_preset("alexnet-2012")
    _settled_at_1440(qtbot, window)
    window.form_dock.close()
    window.resizeDocks([window.layers_dock], [560], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: window.layers_dock.width() >= 540)
    qtbot.waitUntil(lambda: window.columns.compact is False)
    table, model = window.table, window.model
    for row in range(model.rowCount()):
        for column in (SHAPE, PARAMS, MACS):
            index = model.index(row, column)
            assert shown_in(table, index) == index.data()
