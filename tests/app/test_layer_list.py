"""The layer list: the Qt model checked by qtmodeltester, what rows show, error marking."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from convdesk.app.document import Document
from convdesk.app.layer_model import MACS, NAME, PARAMS, SHAPE, TYPE, LayerTableModel
from convdesk.engine import loads_network

from .conftest import cell, reference_cases
from .helpers import type_into


def _network_text(layers: list[dict], shape=(3, 227, 227)) -> str:
    return json.dumps(
        {"format": "convdesk-network", "version": 1, "input": list(shape), "layers": layers}
    )


ALEXNET_START = [
    {"name": "conv1", "type": "Conv2d", "out_channels": 96, "kernel_size": 11, "stride": 4},
    {"name": "relu1", "type": "ReLU"},
    {"name": "pool1", "type": "MaxPool2d", "kernel_size": 3, "stride": 2},
]


def test_model_passes_qtmodeltester(qtmodeltester, window):
    window.files.open_preset("resnet18-torchvision")
    qtmodeltester.check(window.model, force_py=True)


def test_model_stays_consistent_through_edits(qtmodeltester, window):
    window.files.open_preset("alexnet-2012")
    qtmodeltester.check(window.model, force_py=True)
    window.session.delete()
    window.session.duplicate()
    window.session.move_selected(1)
    window.undo_action.trigger()
    qtmodeltester.check(window.model, force_py=True)


@pytest.mark.shared_window
def test_rows_show_name_type_shape_params_macs(window, tmp_path):
    path = tmp_path / "a.convdesk"
    path.write_text(_network_text(ALEXNET_START), encoding="utf-8")
    assert window.files.open_path(str(path))
    assert [cell(window, 0, c) for c in (NAME, TYPE, SHAPE, PARAMS)] == [
        "conv1",
        "Conv2d",
        "96 × 55 × 55",
        "34,944",
    ]
    # 55·55·96 outputs × 11·11·3 weights each = 105,415,200 multiply-accumulates.
    assert cell(window, 0, MACS) == "105.4 M"
    tip = window.model.index(0, MACS).data(Qt.ItemDataRole.ToolTipRole)
    assert "105,415,200" in tip
    # AlexNet's first pool: ⌊(55 − 3) / 2⌋ + 1 = 27.
    assert cell(window, 2, SHAPE) == "96 × 27 × 27"


@pytest.mark.shared_window
def test_a_layer_in_error_is_marked_and_later_rows_are_unknown(qtbot, window, tmp_path):
    layers = [dict(ALEXNET_START[0], stride=0), *ALEXNET_START[1:]]
    path = tmp_path / "bad.convdesk"
    path.write_text(_network_text(layers), encoding="utf-8")
    assert window.files.open_path(str(path))
    model = window.model
    assert cell(window, 0, SHAPE) == "error"
    tip = model.index(0, NAME).data(Qt.ItemDataRole.ToolTipRole)
    assert "conv1" in tip and "stride" in tip
    assert model.index(0, NAME).data(Qt.ItemDataRole.DecorationRole) is not None
    assert model.index(0, NAME).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) != model.index(1, 0).data(
        Qt.ItemDataRole.BackgroundRole
    )
    for row in (1, 2):
        assert cell(window, row, SHAPE) == "unknown"
        assert "conv1" in model.index(row, SHAPE).data(Qt.ItemDataRole.ToolTipRole)
        assert model.index(row, NAME).data(Qt.ItemDataRole.FontRole).italic()
    assert "1 layer in error" in window.error_label.text()
    # The steps panel says what is wrong.
    window.session.select(0)
    assert "stride" in window.steps.toPlainText()
    # The stride spin box cannot show 0, so the form says what the file holds.
    note = window.form.note("stride")
    qtbot.waitUntil(note.isVisible)  # new form rows are shown on the next event loop turn
    assert "0" in note.text()


@pytest.mark.shared_window
def test_shrinking_the_input_below_the_kernel_marks_the_row(qtbot, window):
    window.doc.replace(loads_network(_network_text(ALEXNET_START)), None)
    assert cell(window, 0, SHAPE) == "96 × 55 × 55"
    type_into(qtbot, window.input_form.boxes[1], "8")  # H = 8 under an 11-high kernel
    assert cell(window, 0, SHAPE) == "error"
    assert cell(window, 1, SHAPE) == "unknown"
    window.undo_action.trigger()
    assert cell(window, 0, SHAPE) == "96 × 55 × 55"


@pytest.mark.shared_window
def test_rows_agree_with_pytorch(window, tmp_path):
    """Each of the 100 reference networks, opened as a file, shows torch's shape and count."""
    wrong = []
    for case in reference_cases():
        path = tmp_path / "case.convdesk"
        path.write_text(json.dumps(case["network"]), encoding="utf-8")
        assert window.files.open_path(str(path))
        expect = case["expect"]
        if expect.get("error"):
            # torch's AvgPool3d-only check ("quirk"): either answer is fair (see the reference).
            if not expect.get("quirk") and cell(window, 0, SHAPE) != "error":
                wrong.append((case["network"]["name"], cell(window, 0, SHAPE), "error"))
            continue
        shown = (cell(window, 0, SHAPE), cell(window, 0, PARAMS))
        wanted = (" × ".join(map(str, expect["output_shape"])), f"{expect['params']:,}")
        if shown != wanted:
            wrong.append((case["network"]["name"], shown, wanted))
    assert wrong == []


def test_model_without_a_view(qtmodeltester, qtbot):
    doc = Document(loads_network(_network_text(ALEXNET_START)))
    model = LayerTableModel(doc, parent=doc)
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 3
