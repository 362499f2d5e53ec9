"""Adding, deleting, duplicating, renaming and moving layers; undo/redo of each; merges."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt

from convdesk.app.layer_form import OTHERS
from convdesk.app.layer_model import NAME, PARAMS, ROW_MIME, SHAPE
from convdesk.engine import GROUPS

from .conftest import cell
from .helpers import add_layer, menu_action, type_into


def names(win) -> list[str]:
    return [cell(win, row, NAME) for row in range(win.model.rowCount())]


@pytest.mark.shared_window
def test_add_menu_lists_every_group(window):
    groups = [a.text().replace("&", "") for a in window.add_menu.actions()]
    assert groups == list(GROUPS)
    for family in ("Convolution", "Pooling", "Dense", "Normalization", "Activation", "Merge"):
        assert family in groups
    conv = menu_action(window.menuBar().actions()[1].menu(), "Conv2d")
    assert conv is not None


@pytest.mark.shared_window
def test_add_inserts_after_the_selection(qtbot, window):
    window.files.open_preset("alexnet-2012")
    before = names(window)
    window.session.select(0)
    add_layer(qtbot, window, "BatchNorm2d")
    after = names(window)
    assert len(after) == len(before) + 1
    assert after[0] == before[0] and after[2:] == before[1:]
    assert window.session.selected == 1
    # BatchNorm over conv1's 96 channels: 2·96 trainable (scale, shift) as in PyTorch.
    assert cell(window, 1, PARAMS) == "192"
    window.undo_action.trigger()
    assert names(window) == before


@pytest.mark.shared_window
def test_delete_duplicate_and_undo(qtbot, window):
    window.files.open_preset("alexnet-2012")
    before = names(window)
    window.session.select(0)
    window.delete_action.trigger()
    assert names(window) == before[1:]
    window.undo_action.trigger()
    assert names(window) == before
    assert cell(window, 0, PARAMS) == "34,944"
    window.session.select(0)
    window.duplicate_action.trigger()
    after = names(window)
    assert after[0] == before[0] and after[1] != before[0] and after[2:] == before[1:]
    window.undo_action.trigger()
    window.redo_action.trigger()
    assert names(window) == after


@pytest.mark.shared_window
def test_move_up_and_down(window):
    window.files.open_preset("alexnet-2012")
    before = names(window)
    window.session.select(1)
    window.up_action.trigger()
    assert names(window)[:2] == [before[1], before[0]]
    assert window.session.selected == 0
    assert not window.up_action.isEnabled()
    window.down_action.trigger()
    assert names(window) == before
    window.undo_action.trigger()
    assert names(window)[:2] == [before[1], before[0]]


@pytest.mark.shared_window
def test_drag_and_drop_reorders_through_the_model(window):
    window.files.open_preset("alexnet-2012")
    before = names(window)
    model = window.model
    mime = model.mimeData([model.index(0, 0)])
    assert mime.hasFormat(ROW_MIME)
    # Drop row 0 between rows 2 and 3: it lands after the second layer that followed it.
    model.dropMimeData(mime, Qt.DropAction.MoveAction, 3, 0, QModelIndex())
    assert names(window) == [before[1], before[2], before[0], *before[3:]]
    window.undo_action.trigger()
    assert names(window) == before
    # Dropped onto a row: it goes before that row.
    mime = model.mimeData([model.index(4, 0)])
    model.dropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, model.index(1, 0))
    assert names(window)[1] == before[4]


@pytest.mark.shared_window
def test_rename_updates_references_and_undoes(qtbot, window):
    window.files.open_preset("resnet18-torchvision")
    network = window.session.network
    # A merge that names an earlier layer, so the rename must follow into its inputs.
    merge = next(i for i, lay in enumerate(network.layers) if lay.type == "Add")
    target = network.layers[merge].inputs[0]
    index = network.index_of(target)
    window.session.select(index)
    window.rename_action.trigger()
    edit = window.form.name_edit
    qtbot.keyClicks(edit, "renamed_block")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert cell(window, index, NAME) == "renamed_block"
    assert "renamed_block" in window.session.network.layers[merge].inputs
    window.undo_action.trigger()
    assert cell(window, index, NAME) == target
    assert target in window.session.network.layers[merge].inputs


@pytest.mark.shared_window
def test_rename_to_a_taken_name_is_refused(qtbot, window):
    window.files.open_preset("alexnet-2012")
    first, second = names(window)[:2]
    window.session.select(1)
    assert not window.session.rename(1, first)
    assert names(window)[1] == second
    assert window.undo.count() == 0


@pytest.mark.shared_window
def test_merge_chooses_its_inputs_from_earlier_layers(qtbot, window):
    add_layer(qtbot, window, "Conv2d")
    type_into(qtbot, window.form.field("out_channels").box, "8")
    type_into(qtbot, window.form.field("padding").numbers.single, "1")
    add_layer(qtbot, window, "ReLU")
    add_layer(qtbot, window, "Add")
    # It starts from the two outputs before it (conv → relu), which agree in shape.
    assert cell(window, 2, SHAPE) == "8 × 227 × 227"
    items = window.form.inputs_list
    labels = [items.item(r).text() for r in range(items.count())]
    # The two it reads come first, then the other earlier outputs under a heading.
    assert labels == [*names(window)[:2], OTHERS, "input"]
    # Tick the network's input too: 3 channels cannot be added to 8.
    items.item(3).setCheckState(Qt.CheckState.Checked)
    assert window.doc.layer(2).inputs == [*names(window)[:2], "input"]
    assert cell(window, 2, SHAPE) == "error"
    window.undo_action.trigger()
    assert cell(window, 2, SHAPE) == "8 × 227 × 227"


@pytest.mark.shared_window
def test_a_layer_can_read_an_earlier_output(qtbot, window):
    window.files.open_preset("alexnet-2012")
    window.session.select(2)  # pool1 after relu1
    combo = window.form.inputs_combo
    combo.setCurrentText("input")
    combo.activated.emit(combo.currentIndex())
    # Max pool 3/2 straight on the 227 image: ⌊(227 − 3) / 2⌋ + 1 = 113.
    assert cell(window, 2, SHAPE) == "3 × 113 × 113"
    window.undo_action.trigger()
    assert cell(window, 2, SHAPE) == "96 × 27 × 27"


@pytest.mark.shared_window
def test_padding_same_and_per_dimension_values(qtbot, window):
    add_layer(qtbot, window, "Conv2d")
    form = window.form
    type_into(qtbot, form.field("kernel_size").single, "3")
    type_into(qtbot, form.field("stride").single, "2")
    form.field("padding").mode.setCurrentText("same")
    # "same" keeps ceil(n / s) = ceil(227 / 2) = 114 (TensorFlow's rule, as the spec says).
    assert cell(window, 0, SHAPE) == "1 × 114 × 114"
    assert window.doc.layer(0).config["padding"] == "same"
    stride = form.field("stride")
    stride.split.click()
    type_into(qtbot, stride.parts[1], "1")
    assert window.doc.layer(0).config["stride"] == [2, 1]
    assert cell(window, 0, SHAPE) == "1 × 114 × 227"


@pytest.mark.shared_window
def test_window_title_shows_unsaved_changes(qtbot, window):
    assert not window.isWindowModified()
    add_layer(qtbot, window, "ReLU")
    assert window.isWindowModified()
    assert "[*]" in window.windowTitle()
    window.undo_action.trigger()
    assert not window.isWindowModified()


def test_network_properties_rename_the_network_with_undo(window, monkeypatch):
    from convdesk.app.dialogs import NetworkPropertiesDialog

    def fill(dialog):
        dialog.name_edit.setText("Class 3 exercise")
        dialog.description_edit.setPlainText("Two conv layers")
        return 1

    monkeypatch.setattr(NetworkPropertiesDialog, "exec", fill)
    window.properties_action.trigger()
    assert window.session.network.name == "Class 3 exercise"
    assert window.windowTitle().startswith("Class 3 exercise")
    window.undo_action.trigger()
    assert window.session.network.name == "Untitled network"
    assert window.windowTitle().startswith("Untitled network")


@pytest.mark.shared_window
def test_a_row_dropped_on_the_view_moves_the_layer(qtbot, window):
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QDropEvent

    window.files.open_preset("alexnet-2012")
    before = names(window)
    table = window.table
    mime = window.model.mimeData([window.model.index(0, 0)])
    # Onto the top edge of the fourth row (the indicator line above it): it lands there.
    rect = table.visualRect(window.model.index(3, 1))
    event = QDropEvent(
        QPointF(rect.center().x(), rect.top() + 1),
        Qt.DropAction.MoveAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    table.dropEvent(event)
    assert names(window)[:3] == [before[1], before[2], before[0]]
    assert window.undo.count() == 1


def test_delete_key_deletes_a_layer_only_from_the_list(qtbot, window):
    window.files.open_preset("alexnet-2012")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    count = window.model.rowCount()
    window.session.select(0)
    box = window.form.field("out_channels").box
    box.setFocus()
    qtbot.keyClick(box.lineEdit(), Qt.Key.Key_Delete)
    assert window.model.rowCount() == count  # the key edits the number, not the network
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Delete)
    assert window.model.rowCount() == count - 1
    qtbot.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.model.rowCount() == count


@pytest.mark.shared_window
def test_pool_stride_defaults_to_the_kernel_and_says_so(qtbot, window):
    add_layer(qtbot, window, "MaxPool2d")
    stride = window.form.field("stride").single
    assert stride.text() == "= kernel_size"
    type_into(qtbot, window.form.field("kernel_size").single, "3")
    # Unset stride follows the kernel: ⌊(227 − 3) / 3⌋ + 1 = 75.
    assert cell(window, 0, SHAPE) == "3 × 75 × 75"
    type_into(qtbot, stride, "2")
    # AlexNet's overlapping pool on the 227 input: ⌊(227 − 3) / 2⌋ + 1 = 113.
    assert cell(window, 0, SHAPE) == "3 × 113 × 113"
    assert window.doc.layer(0).config["stride"] == 2
