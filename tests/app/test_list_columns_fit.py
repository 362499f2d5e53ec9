"""The layer list fits its panel at the default layout of a 1440×900 window: every column in
view without scrolling sideways, counts whole where they fit and in their short form (exact in
the tooltip) where they do not, shapes with every digit, names elided in the middle."""

from __future__ import annotations

from PySide6.QtCore import Qt

from convdesk.app.layer_model import MACS, NAME, PARAMS, SHAPE, TYPE
from convdesk.app.list_columns import (
    TIGHT_NAME,
    TIGHT_TYPE,
    NameDelegate,
    TypeDelegate,
    shown_in,
    text_room,
)
from convdesk.engine import numbers
from convdesk.engine.presets import preset_keys
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


def _numbers_shown_whole_or_short(table, model) -> None:
    """Every count whole or in its short form, every shape with all its digits, each within its
    column's room (never cut)."""
    metrics = table.fontMetrics()
    for row in range(model.rowCount()):
        for column in (SHAPE, PARAMS, MACS):
            index = model.index(row, column)
            text = shown_in(table, index)
            assert metrics.horizontalAdvance(text) <= text_room(table, column), (row, text)
            whole = index.data()
            if column == SHAPE:
                assert text.replace(" ", "") == whole.replace(" ", "")
            elif whole.replace(",", "").isdigit():
                assert text in (whole, numbers.short(int(whole.replace(",", "")))), (row, text)
            else:
                assert text == whole


def test_every_preset_fits_the_default_panel_without_scrolling_sideways(qtbot, window):
    _settled_at_1440(qtbot, window)
    table, model = window.table, window.model
    header = table.horizontalHeader()
    metrics = table.fontMetrics()
    for key in preset_keys():
        window.files.open_preset(key)
        settle(window)
        assert table.horizontalScrollBar().maximum() == 0, key
        assert window.layers_dock.widget().horizontalScrollBar().maximum() == 0, key
        assert sum(header.sectionSize(c) for c in range(5)) <= table.viewport().width(), key
        assert window.canvas.width() >= 720, key
        _numbers_shown_whole_or_short(table, model)
        # A long type gives way to the names, never below "Conv2d" (whole in the tooltip).
        assert header.sectionSize(TYPE) >= metrics.horizontalAdvance(TIGHT_TYPE), key
        assert header.sectionSize(NAME) >= metrics.horizontalAdvance(TIGHT_NAME), key
        for row in range(model.rowCount()):
            name = shown_in(table, model.index(row, NAME))
            assert metrics.horizontalAdvance(name) <= text_room(table, NAME), (key, name)


def test_resnets_names_come_before_their_types(qtbot, window):
    window.files.open_preset("resnet152-torchvision")
    _settled_at_1440(qtbot, window)
    table, model = window.table, window.model
    header = table.horizontalHeader()
    metrics = table.fontMetrics()
    row = next(r for r in range(model.rowCount()) if model.index(r, TYPE).data() == "BatchNorm2d")
    # Too narrow for every whole name and type: the type is cut, the name keeps more room.
    assert header.sectionSize(TYPE) < metrics.horizontalAdvance("BatchNorm2d")
    assert header.sectionSize(NAME) > header.sectionSize(TYPE)
    assert model.index(row, TYPE).data(Qt.ItemDataRole.ToolTipRole).startswith("BatchNorm2d: ")
    name = model.index(row, NAME).data()
    assert model.index(row, NAME).data(Qt.ItemDataRole.ToolTipRole) == name
    # A name cut keeps its block's number: "layer3.17.conv2" starts "l…3.", and the shorter
    # ones, "layer1.0.bn1", show all their numbers.
    for row in range(model.rowCount()):
        name = model.index(row, NAME).data()
        shown = shown_in(table, model.index(row, NAME))
        if shown != name and name.startswith("layer"):
            assert shown.startswith(f"l…{name[5]}."), (name, shown)
    assert shown_in(table, model.index(5, NAME)) == "l…1.0.bn1"  # layer1.0.bn1
    assert isinstance(table.itemDelegateForColumn(NAME), NameDelegate)  # paints it so
    assert isinstance(table.itemDelegateForColumn(TYPE), TypeDelegate)
    # A little more room goes to the type once nine names in ten are whole.
    window.form_dock.close()
    window.resizeDocks([window.layers_dock], [440], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: window.layers_dock.width() >= 430)
    settle(window)
    assert header.sectionSize(TYPE) > metrics.horizontalAdvance("BatchNorm2d")
    names = sorted(
        metrics.horizontalAdvance(model.index(r, NAME).data()) for r in range(model.rowCount())
    )
    assert header.sectionSize(NAME) > names[int(0.9 * (len(names) - 1))]
    # Given the room, every name and type is whole again.
    window.resizeDocks([window.layers_dock], [700], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: window.layers_dock.width() >= 680)
    settle(window)
    for column in (NAME, TYPE):
        widest = max(
            metrics.horizontalAdvance(model.index(r, column).data())
            for r in range(model.rowCount())
        )
        assert header.sectionSize(column) > widest, column
        # Nothing to cut: Qt paints the column itself, without Python.
        assert table.itemDelegateForColumn(column) is table.itemDelegate()
