"""What a change of selection does in the window, and what it must not: it recomputes no
network and no network geometry, it fills the form's rows made for the layer's type instead of
building new ones, and what was typed or toggled for one layer never reaches the next."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from convdesk.app import document
from convdesk.app.layer_form import INPUT, PREVIOUS
from convdesk.canvas import geometry
from tests.qt_wait import settle


@pytest.fixture
def resnet(window):
    window.files.open_preset("resnet18-torchvision")
    window.canvas_feed.flush()
    QApplication.processEvents()
    return window


def _counted(monkeypatch, module, name: str) -> list[int]:
    calls: list[int] = []
    real = getattr(module, name)

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, counting)
    return calls


def test_selecting_layers_computes_nothing_and_lays_out_no_network(resnet, monkeypatch):
    window = resnet
    computed = _counted(monkeypatch, document, "compute")
    laid_out = _counted(monkeypatch, geometry, "network_layout")
    for name in ("layer1.0.conv1", "layer2.0.add", "layer2.0.bn1", "fc", "layer1.0.conv2"):
        window.session.select_named(name)
        QApplication.processEvents()
        index = window.session.network.index_of(name)
        assert window.form.index == index
        assert window.canvas.layer_view.result is window.doc.report.layers[index]
        assert window.table.currentIndex().row() == index
        assert window.canvas.network_view.selected == index
    window.session.select(None)
    QApplication.processEvents()
    assert computed == [] and laid_out == []


def test_a_layer_of_the_same_type_shows_in_the_same_rows_with_its_own_values(resnet):
    window = resnet
    form = window.form
    window.session.select_named("layer1.0.conv1")
    rows = form.field("out_channels")
    window.session.select_named("layer2.0.add")  # another type between the two
    window.session.select_named("layer3.0.conv1")
    assert form.field("out_channels") is rows
    layer = window.doc.layer(form.index)
    assert form.name_edit.text() == "layer3.0.conv1"
    assert rows.box.value() == layer.config["out_channels"] == 256
    assert form.field("stride").single.value() == 2
    earlier = [lay.name for lay in window.session.network.layers[: form.index]]
    combo = form.inputs_combo
    assert [combo.itemText(i) for i in range(combo.count())] == [PREVIOUS, INPUT, *earlier]
    # The merge's list is filled for the merge shown: its chosen inputs first, ticked.
    window.session.select_named("layer2.0.add")
    assert form.chosen_inputs_shown() == window.doc.layer(form.index).inputs
    assert form.inputs_list.count() == form.index + 1 + 1  # the input, earlier layers, heading


def test_a_refusal_or_a_toggle_for_one_layer_is_gone_at_the_next(resnet, qtbot):
    window = resnet
    form = window.form
    window.session.select_named("layer1.0.conv1")
    out = form.field("out_channels")
    out.box.lineEdit().setText("6x")
    out.box.validate("6x", 2)  # what typing the x does: the box says why it is refused
    assert out.message.text() and not out.message.isHidden()
    kernel = form.field("kernel_size")
    kernel.split.blockSignals(True)  # shown split, as if toggled, without editing the layer
    kernel.split.setChecked(True)
    kernel.split.blockSignals(False)
    window.session.select_named("layer1.0.conv2")
    assert form.field("out_channels") is out
    assert out.message.isHidden()
    assert out.box.value() == 64
    assert not kernel.split.isChecked() and kernel.single.value() == 3


def test_a_name_typed_and_left_unfinished_renames_no_layer_when_another_is_selected(resnet, qtbot):
    window = resnet
    form = window.form
    names = [lay.name for lay in window.session.network.layers]
    for other in ("layer1.0.conv2", "layer1.0.add"):  # the same rows, then other rows
        window.session.select_named("layer1.0.conv1")
        window.activateWindow()
        form.name_edit.setFocus()
        qtbot.waitUntil(form.name_edit.hasFocus)
        form.name_edit.setText("half typed")
        window.session.select_named(other)
        QApplication.processEvents()
        form.name_edit.clearFocus()
        QApplication.processEvents()
        assert [lay.name for lay in window.session.network.layers] == names
        assert form.name_edit.text() == other


def test_selecting_a_merge_after_a_convolution_leaves_the_views_their_size(resnet):
    """The line of element arithmetic under the canvas keeps its room when a layer has none,
    so the network figure is not redrawn for a new size."""
    window = resnet
    window.session.select_named("layer1.0.conv1")
    settle(window)
    canvas = window.canvas
    assert canvas.steps.text()
    sizes = (canvas.network_view.stage.view.size(), canvas.layer_view.height())
    window.session.select_named("layer1.0.add")
    QApplication.processEvents()
    assert not canvas.steps.text()
    assert (canvas.network_view.stage.view.size(), canvas.layer_view.height()) == sizes
    settle(window)
    assert (canvas.network_view.stage.view.size(), canvas.layer_view.height()) == sizes


def _rows(form) -> list[str]:
    items = form.inputs_list
    return [items.item(r).text() for r in range(items.count())]


def test_a_merge_shown_again_lists_its_inputs_as_they_are_now(resnet):
    window = resnet
    form = window.form
    window.session.select_named("layer2.0.add")
    first = form.inputs_list.item(0)
    before = _rows(form)
    window.session.select_named("layer2.0.conv1")
    window.session.select_named("layer2.0.add")
    # Nothing changed: the same rows, not listed again.
    assert form.inputs_list.item(0) is first and _rows(form) == before
    # A third input ticked: it is appended, the list keeps its order while shown ...
    (item,) = form.inputs_list.findItems("layer1.1.add", Qt.MatchFlag.MatchExactly)
    item.setCheckState(Qt.CheckState.Checked)
    chosen = window.doc.layer(form.index).inputs
    assert chosen[-1] == "layer1.1.add"
    assert _rows(form) == before
    # ... and shown again, it lists what the merge now reads first, as a new list would.
    window.session.select_named("layer2.0.conv1")
    window.session.select_named("layer2.0.add")
    assert _rows(form)[: len(chosen)] == chosen
    assert form.chosen_inputs_shown() == chosen
