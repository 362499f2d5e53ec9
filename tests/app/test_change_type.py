"""Changing the selected layer's type from the form's type combo (and Edit → Change Type…)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from convdesk.app.layer_model import NAME, PARAMS, SHAPE, TYPE
from convdesk.app.type_change import retyped_layer
from convdesk.engine import LAYER_TYPES, Layer, Network

from .conftest import cell
from .helpers import add_layer, menu_action


def choose_type(window, layer_type: str) -> None:
    """Pick `layer_type` in the form's type combo as a user does (the combo reports activated)."""
    combo = window.form.type_combo
    row = combo.findText(layer_type)
    assert row >= 0, layer_type
    combo.setCurrentIndex(row)
    combo.activated.emit(row)


@pytest.mark.shared_window
def test_a_conv_meant_as_a_pool_becomes_one_and_undo_brings_it_back(window):
    window.files.open_preset("alexnet-2012")
    window.session.select(0)
    assert window.form.type_combo.currentText() == "Conv2d"
    assert cell(window, 0, PARAMS) == "34,944"  # the article: (11·11·3 + 1)·96
    choose_type(window, "MaxPool2d")
    # kernel 11, stride 4 and padding 0 are kept: ⌊(227 − 11) / 4⌋ + 1 = 55 as in the article,
    # on the image's 3 channels, and a pool learns nothing (torch.nn.MaxPool2d(11, 4)).
    assert cell(window, 0, TYPE) == "MaxPool2d"
    assert cell(window, 0, SHAPE) == "3 × 55 × 55"
    assert cell(window, 0, PARAMS) == "0"
    config = window.doc.layer(0).config
    assert "out_channels" not in config and config["kernel_size"] == 11
    assert window.form.type_combo.currentText() == "MaxPool2d"
    assert "out_channels" not in window.form._fields and "ceil_mode" in window.form._fields
    window.undo_action.trigger()
    assert cell(window, 0, TYPE) == "Conv2d"
    assert cell(window, 0, PARAMS) == "34,944"
    assert window.form.type_combo.currentText() == "Conv2d"
    window.redo_action.trigger()
    assert cell(window, 0, SHAPE) == "3 × 55 × 55"


@pytest.mark.shared_window
def test_required_keys_of_the_new_type_come_from_its_defaults(qtbot, window):
    add_layer(qtbot, window, "ReLU")
    assert cell(window, 0, NAME) == "relu_1"
    choose_type(window, "Conv2d")
    layer = window.doc.layer(0)
    spec = LAYER_TYPES["Conv2d"]
    assert layer.config == {k.name: k.default for k in spec.keys if k.required}
    # The name Add gave follows the type; a name the student wrote would stay.
    assert cell(window, 0, NAME) == "conv2d_1"
    # torch.nn.Conv2d(3, 1, 3) on 227 × 227: 1 × 225 × 225, 3·3·3 + 1 = 28 parameters.
    assert cell(window, 0, SHAPE) == "1 × 225 × 225"
    assert cell(window, 0, PARAMS) == "28"
    window.undo_action.trigger()
    assert (cell(window, 0, NAME), cell(window, 0, TYPE)) == ("relu_1", "ReLU")


@pytest.mark.shared_window
def test_a_renamed_layer_keeps_its_name_and_merges_still_find_it(qtbot, window):
    window.files.open_preset("resnet50-torchvision")
    index = window.doc.network.index_of("layer1.0.bn3")
    window.session.select(index)
    choose_type(window, "Identity")
    assert cell(window, index, NAME) == "layer1.0.bn3"
    add = window.doc.network.index_of("layer1.0.add")
    assert "layer1.0.bn3" in window.doc.layer(add).inputs
    # BatchNorm2d(256) had 2·256 trainable numbers; an Identity has none.
    assert cell(window, index, PARAMS) == "0"


def test_edit_menu_change_type_opens_the_type_list(qtbot, window):
    window.files.open_preset("alexnet-2012")
    window.session.select(1)
    edit_menu = window.menuBar().actions()[1].menu()
    action = menu_action(edit_menu, "Change Type")
    assert action is window.change_type_action and action.isEnabled()
    action.trigger()
    combo = window.form.type_combo
    qtbot.waitUntil(lambda: combo.view().isVisible())
    combo.hidePopup()
    window.session.select(None)
    assert not action.isEnabled()
    assert not combo.isVisible()


def test_keys_are_kept_only_where_the_new_type_can_hold_them():
    conv = Layer(
        "Conv2d",
        "c",
        {"out_channels": 8, "kernel_size": [5, 5], "stride": [2, 1], "padding": "same"},
    )
    network = Network([3, 32, 32], [conv])
    pool = retyped_layer(network, 0, "MaxPool2d")
    # A pool's padding is numbers only: "same" goes back to the pool's default.
    assert pool.config == {"kernel_size": [5, 5], "stride": [2, 1]}
    one_d = retyped_layer(network, 0, "Conv1d")
    # [5, 5] says 5 in one dimension; [2, 1] says nothing a 1-D layer can use.
    assert one_d.config == {"out_channels": 8, "kernel_size": 5, "padding": "same"}
    add = Layer("Add", "a", {}, ["c", "input"])
    network.layers.append(add)
    assert retyped_layer(network, 1, "ReLU").inputs == ["c"]
    relu = Layer("ReLU", "r")
    network.layers.append(relu)
    assert retyped_layer(network, 2, "Concat").inputs == ["c", "a"]


def test_stepping_through_the_types_with_the_keyboard_loses_no_setting(qtbot, window):
    window.files.open_preset("alexnet-2012")
    window.session.select(0)
    combo = window.form.type_combo
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus)
    # Down from Conv2d: ConvTranspose2d, Conv3d, then the pools (no out_channels), and back up.
    for _ in range(4):
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert window.doc.layer(0).type == "MaxPool1d"
    assert "out_channels" not in window.doc.layer(0).config
    for _ in range(4):
        qtbot.keyClick(combo, Qt.Key.Key_Up)
    assert window.doc.layer(0).type == "Conv2d"
    assert cell(window, 0, PARAMS) == "34,944"  # out_channels 96 came back with the type
    # The whole run is one undo step.
    window.undo_action.trigger()
    assert window.undo.index() == 0


@pytest.mark.shared_window
def test_the_mouse_wheel_over_the_type_list_changes_nothing(qtbot, window):
    window.files.open_preset("alexnet-2012")
    window.session.select(0)
    combo = window.form.type_combo
    center = QPointF(combo.rect().center())
    event = QWheelEvent(
        center,
        QPointF(combo.mapToGlobal(combo.rect().center())),
        QPoint(0, 0),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(combo, event)
    assert window.doc.layer(0).type == "Conv2d"
    assert window.undo.count() == 0
