"""The article's AlexNet conv1 built in the window by typing, as a class would."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from convdesk.app.layer_model import PARAMS, SHAPE

from .conftest import cell
from .helpers import add_layer, type_into


def build_conv1(qtbot, win) -> None:
    add_layer(qtbot, win, "Conv2d")
    form = win.form
    type_into(qtbot, form.field("out_channels").box, "96")
    type_into(qtbot, form.field("kernel_size").single, "11")
    type_into(qtbot, form.field("stride").single, "4")


@pytest.mark.shared_window
def test_typing_the_article_layer_shows_its_numbers(qtbot, window):
    # The default input is the article's 227 × 227 × 3 image.
    assert window.input_form.boxes[0].value() == 3
    assert [b.value() for b in window.input_form.boxes[1:3]] == [227, 227]
    build_conv1(qtbot, window)
    # The article: 55 × 55 × 96 output and (11·11·3 + 1)·96 = 34,944 parameters.
    assert cell(window, 0, SHAPE) == "96 × 55 × 55"
    assert cell(window, 0, PARAMS) == "34,944"
    assert "34,944" in window.totals.text()
    steps = window.steps.toPlainText()
    assert "217" in steps and "55" in steps and "34,944" in steps


@pytest.mark.shared_window
def test_each_typed_field_is_one_undo_step(qtbot, window):
    build_conv1(qtbot, window)
    # Add + three fields, even though "96" and "11" were typed one digit at a time.
    assert window.undo.count() == 4
    window.undo_action.trigger()
    # Without the stride the kernel fits 227 − 11 + 1 = 217 times (the article's step before /s).
    assert cell(window, 0, SHAPE) == "96 × 217 × 217"
    assert window.form.field("stride").single.value() == 1
    window.redo_action.trigger()
    assert cell(window, 0, SHAPE) == "96 × 55 × 55"
    assert window.form.field("stride").single.value() == 4


def test_arrow_steps_on_one_field_merge_into_one_undo_step(qtbot, window):
    add_layer(qtbot, window, "Conv2d")
    box = window.form.field("out_channels").box
    box.setFocus()
    before = window.undo.count()
    for _ in range(5):
        qtbot.keyClick(box, Qt.Key.Key_Up)
    assert box.value() == 6
    assert window.doc.layer(0).config["out_channels"] == 6
    assert window.undo.count() == before + 1
    window.undo_action.trigger()
    assert window.doc.layer(0).config["out_channels"] == 1
    assert box.value() == 1


@pytest.mark.shared_window
def test_separate_edits_of_one_field_stay_separate(qtbot, window):
    add_layer(qtbot, window, "Conv2d")
    box = window.form.field("out_channels").box
    type_into(qtbot, box, "8")
    type_into(qtbot, box, "16")
    window.undo_action.trigger()
    assert box.value() == 8
    window.undo_action.trigger()
    assert box.value() == 1


def test_ctrl_z_in_a_number_box_undoes_the_network_change(qtbot, window):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    build_conv1(qtbot, window)
    box = window.form.field("stride").single
    box.setFocus()
    qtbot.keyClick(box.lineEdit(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    # The stride edit is undone as a whole: back to 227 − 11 + 1 = 217.
    assert cell(window, 0, SHAPE) == "96 × 217 × 217"
    mods = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window.form.field("stride").single.lineEdit(), Qt.Key.Key_Z, mods)
    assert cell(window, 0, SHAPE) == "96 × 55 × 55"
