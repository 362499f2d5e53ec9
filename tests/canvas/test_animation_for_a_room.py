"""The kernel animation paced for a class: speed, step sizes, the enlarged output cell, the cell
grid of small layers, and a caption that clears when there is nothing to slide."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt

from convdesk.canvas import cells
from convdesk.canvas.controls import SPEEDS

from .helpers import alexnet_conv1, network


def test_speed_runs_from_one_position_a_second_to_sixty(qtbot, canvas):
    net, report = alexnet_conv1()
    canvas.set_report(net, report)
    canvas.select_layer(0)
    controls = canvas.layer_view.controls
    assert (controls.speed.minimum(), controls.speed.maximum()) == SPEEDS == (1, 60)
    controls.set_speed(1)
    assert controls.timer.interval() == 1000
    controls.set_speed(60)
    assert controls.timer.interval() == 17  # 1000 / 60, rounded
    controls.play.click()
    qtbot.waitUntil(lambda: controls.step >= 6, timeout=3000)
    controls.play.click()
    controls.set_step(0)
    controls.set_speed(1)
    started = time.monotonic()
    controls.play.click()
    qtbot.wait(600)
    # At one a second, no step before a second has passed (a loaded machine may wait longer;
    # Qt's coarse timers may fire up to 5 % early).
    assert controls.step <= int((time.monotonic() - started) / 0.95)
    qtbot.waitUntil(lambda: controls.step == 1, timeout=2000)
    controls.play.click()


def _choose(controls, name: str) -> None:
    controls.step_size.setCurrentIndex(controls.step_size.findText(f"by {name}"))


def test_steps_by_a_position_a_row_and_a_plane(qtbot, canvas):
    net, report = alexnet_conv1()
    canvas.set_report(net, report)
    canvas.select_layer(0)
    controls, view = canvas.layer_view.controls, canvas.layer_view
    # A 2-D output has positions and rows, not planes.
    names = [controls.step_size.itemText(i) for i in range(controls.step_size.count())]
    assert names == ["by position", "by row"]
    _choose(controls, "row")
    qtbot.mouseClick(controls.forward, Qt.MouseButton.LeftButton)
    assert view.position == (1, 0)  # a row of 55 positions further
    assert controls.step == 55
    qtbot.mouseClick(controls.back, Qt.MouseButton.LeftButton)
    assert view.position == (0, 0)
    _choose(controls, "position")
    qtbot.mouseClick(controls.forward, Qt.MouseButton.LeftButton)
    assert view.position == (0, 1)

    # A 3-D convolution: 4 frames of 8×8, kernel 3, gives 2 × 6 × 6 positions.
    net, report = network(
        [3, 4, 8, 8], {"name": "c3", "type": "Conv3d", "out_channels": 2, "kernel_size": 3}
    )
    canvas.set_report(net, report)
    canvas.select_layer(0)
    names = [controls.step_size.itemText(i) for i in range(controls.step_size.count())]
    assert names == ["by position", "by row", "by plane"]
    _choose(controls, "plane")
    qtbot.mouseClick(controls.forward, Qt.MouseButton.LeftButton)
    assert view.position == (1, 0, 0)
    assert controls.step == 36
    _choose(controls, "row")
    qtbot.mouseClick(controls.forward, Qt.MouseButton.LeftButton)
    assert view.position == (1, 1, 0)


def test_the_output_cell_is_shown_enlarged_with_what_it_reads(canvas):
    net, report = alexnet_conv1()
    canvas.set_report(net, report)
    canvas.select_layer(0)
    view = canvas.layer_view
    view.controls.set_step(3 * 55 + 5)
    # Row 3 starts at 3·4 = 12 and ends at 12 + 10 = 22; column 5 spans 20..30.
    # On two lines, or a dimension a line where the view is narrow for them.
    said = " ".join(view.cell_text).replace(",", "")
    assert said == "output cell row 3 col 5 reads rows 12–22 cols 20–30"
    texts = [label.text for label in view.stage.labels.labels()]
    assert set(view.cell_text) <= set(texts)
    # The enlarged cell is many times the element's size, and inside the fitted picture.
    # (the element is itself drawn larger than one true cell, to be seen at all)
    assert view.inset.w > 10 * view.frame.element.w
    left, _top, right, _bottom = view.bounds()
    assert left <= view.inset.x and view.inset.x + view.inset.w <= right


def test_the_caption_clears_for_a_layer_without_a_sliding_window(canvas):
    net, report = network(
        [3, 8, 8],
        {"name": "conv", "type": "Conv2d", "out_channels": 4, "kernel_size": 3},
        {"name": "relu", "type": "ReLU"},
        {"name": "flat", "type": "Flatten"},
        {"name": "fc", "type": "Linear", "out_features": 10},
    )
    canvas.set_report(net, report)
    canvas.select_layer(0)
    controls = canvas.layer_view.controls
    controls.set_step(7)
    assert "8 of 36" in controls.where.text()
    for index in (1, 3):
        canvas.select_layer(index)
        assert controls.where.text() == ""
        assert canvas.layer_view.cell_text == []
        assert not controls.forward.isEnabled()
        assert not canvas.layer_view.editors.isVisibleTo(canvas.layer_view)


def test_a_small_layer_shows_its_cells_padding_and_indices(canvas):
    net, report = network(
        [1, 7, 7],
        {
            "name": "c",
            "type": "Conv2d",
            "out_channels": 2,
            "kernel_size": 3,
            "stride": 2,
            "padding": 1,
        },
    )
    canvas.set_report(net, report)
    canvas.select_layer(0)
    scene = canvas.layer_view.scene
    assert cells.is_small(scene)
    # One padding cell each side: the input's edges and the padding's outer edges (4 lines down,
    # 4 across), and the input's 6 inner lines carried through each of the four padding bands.
    assert len(cells.padding_grid(scene)) == 4 + 4 + 4 * 6
    texts = [label.text for label in cells.index_labels(scene)]
    assert texts.count("6") == 2 and texts.count("3") == 4  # input 0..6, output 0..3
    assert "7" not in texts  # padding cells are not numbered
    # AlexNet's conv1 (227 × 227) is too large for cells.
    net, report = alexnet_conv1()
    canvas.set_report(net, report)
    canvas.select_layer(0)
    assert not cells.is_small(canvas.layer_view.scene)


def test_editors_show_the_keys_the_type_has(canvas):
    net, report = network(
        [3, 8, 8],
        {"name": "conv", "type": "Conv2d", "out_channels": 4, "kernel_size": 3, "padding": 1},
        {"name": "avg", "type": "AvgPool2d", "kernel_size": 2},
    )
    canvas.set_report(net, report)
    canvas.select_layer(0)
    editors = canvas.layer_view.editors
    shown = [k for k, box in editors.boxes.items() if box.isVisibleTo(editors)]
    assert shown == ["stride", "padding", "dilation"]
    assert editors.boxes["padding"].value() == 1
    canvas.select_layer(1)
    shown = [k for k, box in editors.boxes.items() if box.isVisibleTo(editors)]
    assert shown == ["stride", "padding"]  # an average pool has no dilation
    assert editors.boxes["stride"].value() == 2  # the stride defaults to the kernel size


def test_the_picture_is_fitted_again_when_the_kernel_rests(qtbot, canvas):
    """Moved by hand or paused, the kernel's name has a new place: the view fits itself again
    once the kernel rests, not on every step while it plays."""
    net, report = alexnet_conv1()
    canvas.set_report(net, report)
    canvas.select_layer(0)
    view = canvas.layer_view
    qtbot.waitUntil(lambda: not view._refit.isActive(), timeout=3000)
    view.controls.play.setChecked(True)
    qtbot.waitUntil(lambda: view.controls.step > 2, timeout=3000)
    assert not view._refit.isActive()  # playing: no fit
    view.controls.play.setChecked(False)
    assert view._refit.isActive()
    fitted = []
    view._refit.timeout.connect(lambda: fitted.append(view.controls.step))
    qtbot.waitUntil(lambda: bool(fitted), timeout=3000)
    view.controls.set_step(3 * 55 + 5)
    assert view._refit.isActive()
