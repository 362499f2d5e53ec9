"""A merge layer's inputs: what it takes is shown first, and the list uses the dock's height."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette

from convdesk.app.layer_form import OTHERS
from convdesk.app.layer_model import SHAPE
from tests.qt_wait import settle

from .conftest import cell
from .helpers import add_layer, type_into


@pytest.mark.shared_window
def test_resnet50_first_add_shows_its_two_inputs_at_the_top(qtbot, window):
    window.files.open_preset("resnet50-torchvision")
    assert window.session.select_named("layer1.0.add")
    settle(window)
    items = window.form.inputs_list
    # torchvision's Bottleneck: out = bn3(...) + downsample(x).
    assert window.form.chosen_inputs_shown() == ["layer1.0.bn3", "layer1.0.downsample.1"]
    assert [items.item(r).text() for r in range(3)] == [
        "layer1.0.bn3",
        "layer1.0.downsample.1",
        OTHERS,
    ]
    viewport = items.viewport().rect()
    for row in (0, 1):
        assert items.item(row).checkState() == Qt.CheckState.Checked
        assert viewport.contains(items.visualItemRect(items.item(row)))
    # Every earlier output is still there to tick: the input and the 14 layers before the add,
    # plus the heading.
    assert items.count() == 1 + 14 + 1


def test_the_list_takes_the_free_height_of_the_dock(qtbot, window):
    window.files.open_preset("resnet50-torchvision")
    window.session.select_named("layer1.0.add")
    settle(window)
    items = window.form.inputs_list
    free = window.form_dock.widget().viewport().height()
    assert items.height() > free / 2
    # Selecting a layer without a list gives the rows back their natural height.
    window.session.select_named("layer1.0.conv1")
    settle(window)
    name = window.form.name_edit
    assert name.height() < 3 * name.sizeHint().height()


def tick(window, name: str, on: bool) -> None:
    items = window.form.inputs_list
    (item,) = items.findItems(name, Qt.MatchFlag.MatchExactly)
    item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)


def test_ticking_appends_and_keeps_the_order_a_concat_reads(qtbot, window):
    for channels in ("8", "4"):
        add_layer(qtbot, window, "Conv2d")
        type_into(qtbot, window.form.field("out_channels").box, channels)
        type_into(qtbot, window.form.field("padding").numbers.single, "1")
    add_layer(qtbot, window, "Concat")
    first, second = window.doc.layer(0).name, window.doc.layer(1).name
    assert window.doc.layer(2).inputs == [first, second]
    # torch.cat of 8 and 4 channels of 227 × 227 along dim 0 (channels): 12.
    assert cell(window, 2, SHAPE) == "12 × 227 × 227"
    tick(window, first, False)
    tick(window, first, True)
    assert window.doc.layer(2).inputs == [second, first]
    tick(window, "input", True)
    assert window.doc.layer(2).inputs == [second, first, "input"]
    assert cell(window, 2, SHAPE) == "15 × 227 × 227"
    # The rows do not jump under the mouse: the list keeps its order while the layer is shown.
    assert window.form.chosen_inputs_shown() == [first, second, "input"]
    window.undo_action.trigger()
    assert window.doc.layer(2).inputs == [second, first]
    assert window.form.chosen_inputs_shown() == [first, second]


def test_unticked_boxes_show_an_edge_on_the_dark_theme(qtbot, window):
    window.files.open_preset("resnet50-torchvision")
    window.session.select_named("layer1.0.add")
    window.view_settings.set_theme("dark")
    settle(window)
    items = window.form.inputs_list
    base = items.palette().color(QPalette.ColorRole.Base).lightness()
    row = items.visualItemRect(items.item(3))  # "input", unticked
    image = items.viewport().grab(row).toImage()
    # The box's edge, in the row's first ~24 pixels, stands out from the list's background.
    edge = max(
        image.pixelColor(x, y).lightness()
        for x in range(min(24, image.width()))
        for y in range(image.height())
    )
    assert items.item(3).checkState() == Qt.CheckState.Unchecked
    assert edge - base > 40
    window.view_settings.set_theme("light")
