"""Refused input says what would fit; the list never cuts a number; the words a class reads."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from convdesk.app.layer_model import MACS, NAME, PARAMS, SHAPE, TYPE
from convdesk.app.list_columns import TIGHT_NAME, shown_in, text_room
from convdesk.app.steps_panel import ROUND_UP_NOTE
from convdesk.engine import LAYER_TYPES
from tests.qt_wait import settle

from .conftest import cell
from .helpers import type_into


def _open(window, tmp_path, layers, shape=(3, 227, 227), name="lesson.convdesk"):
    path = tmp_path / name
    data = {"format": "convdesk-network", "version": 1, "input": list(shape), "layers": layers}
    path.write_text(json.dumps(data), encoding="utf-8")
    assert window.files.open_path(str(path))
    return path


CONV1 = {"name": "conv1", "type": "Conv2d", "out_channels": 96, "kernel_size": 11, "stride": 4}


def _shown(field) -> bool:
    """The field's message is up (the form's new rows are shown on the next event loop turn)."""
    return field.message.isVisibleTo(field)


@pytest.mark.shared_window
def test_a_value_below_the_engine_minimum_is_refused_with_a_message(qtbot, window, tmp_path):
    _open(window, tmp_path, [CONV1])
    field = window.form.field("kernel_size")
    type_into(qtbot, field.single, "0", finish=False)
    minimum = LAYER_TYPES["Conv2d"].key("kernel_size").minimum
    assert _shown(field)
    assert f"kernel_size must be at least {minimum}" in field.message.text()
    qtbot.keyClick(field.single.lineEdit(), Qt.Key.Key_Return)
    assert window.doc.layer(0).config["kernel_size"] == 11  # nothing changed in silence
    assert _shown(field)  # still there after the box put 11 back
    type_into(qtbot, field.single, "5", finish=True)
    assert not _shown(field)
    assert window.doc.layer(0).config["kernel_size"] == 5


@pytest.mark.shared_window
def test_a_value_too_large_or_not_a_number_is_refused_not_clamped(qtbot, window, tmp_path):
    _open(window, tmp_path, [CONV1])
    field = window.form.field("out_channels")
    type_into(qtbot, field.box, "-5", finish=False)
    assert "-5 is too small: out_channels must be at least 1" in field.message.text()
    assert field.box.text() == "-5"  # what was typed stays in view beside the message
    qtbot.keyClick(field.box.lineEdit(), Qt.Key.Key_Return)
    assert field.box.text() == "96"  # Enter brings back the last value that fitted
    assert window.doc.layer(0).config["out_channels"] == 96
    assert _shown(field)
    type_into(qtbot, field.box, "12x", finish=False)
    assert field.box.text() == "12x"
    assert "“12x” is not a whole number" in field.message.text()
    type_into(qtbot, field.box, "99999999", finish=False)
    assert field.box.text() == "99999999"
    assert "99999999 is too large: out_channels takes at most 1,000,000" in field.message.text()
    assert window.doc.layer(0).config["out_channels"] != 99999999
    type_into(qtbot, field.box, "256")
    assert not _shown(field)
    assert window.doc.layer(0).config["out_channels"] == 256


@pytest.mark.shared_window
def test_a_decimal_key_and_the_input_shape_say_so_too(qtbot, window, tmp_path):
    _open(window, tmp_path, [CONV1, {"name": "drop", "type": "Dropout", "p": 0.5}])
    box = window.input_form.boxes[1]  # H
    type_into(qtbot, box, "0", finish=False)
    assert window.input_form.message.isVisibleTo(window.input_form)
    assert "H must be at least 1" in window.input_form.message.text()
    window.session.select(1)
    field = window.form.field("p")
    type_into(qtbot, field.box, "abc", finish=False)
    assert "not a number" in field.message.text()


def _huge_network():
    # A flat vector of 10^6 values into 10^6 outputs: 10^12 multiply-accumulates and
    # 10^12 + 10^6 parameters (weights plus biases).
    return [{"name": "a_rather_long_layer_name.17.fc", "type": "Linear", "out_features": 1_000_000}]


def _shown_whole(window, row: int, column: int) -> bool:
    table = window.table
    option_text = cell(window, row, column)
    need = table.fontMetrics().horizontalAdvance(option_text)
    return table.horizontalHeader().sectionSize(column) > need


def _cell_shown(window, row: int, column: int) -> str:
    """What the cell shows in its column's width: its text whole, or its compact form."""
    return shown_in(window.table, window.model.index(row, column))


def test_no_number_is_cut_for_a_layer_of_a_trillion_macs(qtbot, window, tmp_path):
    _open(window, tmp_path, _huge_network(), shape=(1_000_000,))
    result = window.doc.report.layers[0]
    assert result.macs == 10**12
    assert result.params == 10**12 + 10**6
    qtbot.waitUntil(lambda: _shown_whole(window, 0, PARAMS))
    assert cell(window, 0, PARAMS) == "1,000,001,000,000"
    metrics = window.table.fontMetrics()
    for width in (1440, 900, 700):
        window.resize(width, 900)
        settle(window)
        assert _shown_whole(window, 0, TYPE)
        # Whole, or the short form (1.0 T), and whichever is shown fits its column.
        for column, short in ((PARAMS, "1.0 T"), (MACS, "1.0 T")):
            shown = _cell_shown(window, 0, column)
            assert shown in (cell(window, 0, column), short), (width, shown)
            assert metrics.horizontalAdvance(shown) <= text_room(window.table, column)
        shape = _cell_shown(window, 0, SHAPE)
        assert shape.replace(" ", "") == cell(window, 0, SHAPE).replace(" ", "")
    tip = window.model.index(0, MACS).data(Qt.ItemDataRole.ToolTipRole)
    assert "1,000,000,000,000" in tip
    # The name gives way, in the middle, and never below a short name.
    assert window.table.textElideMode() == Qt.TextElideMode.ElideMiddle
    least = window.table.fontMetrics().horizontalAdvance(TIGHT_NAME)
    assert window.table.horizontalHeader().sectionSize(NAME) >= least


@pytest.mark.shared_window
def test_column_widths_follow_edits(qtbot, window, tmp_path):
    _open(window, tmp_path, [{"name": "fc", "type": "Linear", "out_features": 10}], shape=(10,))
    header = window.table.horizontalHeader()
    settle(window)
    before = header.sectionSize(PARAMS)
    type_into(qtbot, window.form.field("out_features").box, "900000")
    qtbot.waitUntil(lambda: header.sectionSize(PARAMS) > before)
    assert _shown_whole(window, 0, PARAMS)


@pytest.mark.shared_window
def test_totals_say_what_they_cover_while_a_layer_is_in_error(qtbot, window, tmp_path):
    broken = {"name": "conv2", "type": "Conv2d", "out_channels": 8, "kernel_size": 500}
    _open(window, tmp_path, [CONV1, broken])
    text = window.totals.text()
    assert "up to conv1" in text and "conv2 is in error" in text
    assert "Trainable params 34,944" in text  # conv1's (11·11·3 + 1)·96
    window.session.select(1)
    type_into(qtbot, window.form.field("kernel_size").single, "3")
    assert "up to" not in window.totals.text()


@pytest.mark.shared_window
def test_one_kernel_is_singular_and_the_notations_meet(window, tmp_path):
    one = {"name": "conv1", "type": "Conv2d", "out_channels": 1, "kernel_size": 11, "stride": 4}
    _open(window, tmp_path, [one])
    window.canvas_feed.flush()
    text = window.steps.toPlainText()
    assert "k = 1 kernel," in text and "1 kernels" not in text
    _open(window, tmp_path, [CONV1], name="b.convdesk")
    window.canvas_feed.flush()
    caption = window.canvas.layer_view.stage.caption.lines()
    assert any("[96, 55, 55] — 55×55×96 as w×h×k" in line for line in caption)
    steps = window.steps.toPlainText()
    assert steps.count(ROUND_UP_NOTE) == 1
    # The note comes right after the first bracketed formula.
    lines = steps.splitlines()
    first = next(i for i, line in enumerate(lines) if "[(" in line)
    assert lines[first + 1].strip() == ROUND_UP_NOTE


def test_help_introduces_the_article(window):
    window.show_help()
    text = window.help_window.browser.toPlainText()
    assert "Shashika Munasinghe" in text
    assert "round up" in text


@pytest.mark.shared_window
def test_the_unsaved_prompt_names_the_file(window, dialogs, tmp_path):
    _open(window, tmp_path, [CONV1], name="my-lesson.convdesk")
    window.session.duplicate()
    window.files.maybe_save()
    kind, _title, text = dialogs.calls[-1]
    assert kind == "question"
    assert "my-lesson.convdesk" in text
