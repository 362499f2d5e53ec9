"""A projector's zoom never starves the canvas, Ctrl+0 gives the layout back, and View → Reset
Layout brings back every panel; stride, padding and dilation change beside the animation."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from tests.qt_wait import settle

from .helpers import block_px, menu_action


def _at_1440(qtbot, window):
    window.resize(1440, 900)
    qtbot.waitUntil(lambda: window.width() == 1440)
    settle(window)  # the settings have widened to fit their rows


def _layout(window) -> list:
    docks = (window.layers_dock, window.form_dock, window.steps_dock)
    return [d.geometry() for d in docks] + [window.canvas.geometry()]


def test_200_percent_keeps_half_the_width_for_the_canvas_and_ctrl_0_restores(qtbot, window):
    window.files.open_preset("alexnet-2012")
    _at_1440(qtbot, window)
    assert window.canvas.width() >= 720
    before = _layout(window)
    for _ in range(5):  # Ctrl+= five times: 115, 130, 150, 175, 200 %
        window.zoom_in_action.trigger()
        settle(window)
        assert window.canvas.width() >= 720, window.view_settings.zoom
    assert window.view_settings.zoom == 2.0
    # The drawing's text is zoomed too, and the picture keeps the height it needs.
    assert window.canvas.layer_view.stage.caption.zoom == 2.0
    assert window.canvas.layer_view.stage.view.height() > 250
    assert window.zoom_reset_action.shortcut() == QKeySequence("Ctrl+0")
    window.zoom_reset_action.trigger()
    assert window.view_settings.zoom == 1.0
    # The status bar and the panels' titles take their 100 % height back over a few turns of
    # the event loop (a busy machine takes longer than any fixed wait).
    settle(window)
    assert _layout(window) == before


def test_at_200_percent_the_layer_drawing_takes_the_room_the_panels_give(qtbot, window):
    """Zoomed in, the side panels give the canvas more than half (they show only the start of
    their rows at 200 % whatever their width); AlexNet's conv1 is drawn large enough to read
    from the back of the room, with the panels docked."""
    window.files.open_preset("alexnet-2012")
    window.session.select_named("conv1")
    _at_1440(qtbot, window)
    window.view_settings.set_zoom(2.0)
    settle(window)
    assert window.canvas.width() >= 0.6 * window.width() - 2
    for dock in (window.layers_dock, window.form_dock, window.steps_dock):
        assert dock.isVisible() and not dock.isFloating()
    layer_view = window.canvas.layer_view
    layer_view.controls.set_step(9 * 55 + 5)
    qtbot.waitUntil(lambda: not layer_view._refit.isActive(), timeout=3000)
    assert block_px(layer_view, "input").height() >= 150  # 105 px with the canvas at half


def test_every_zoom_keeps_the_canvas_half_the_width(qtbot, window):
    _at_1440(qtbot, window)
    for _ in range(9):
        window.zoom_in_action.trigger()
        settle(window)
        assert window.canvas.width() >= window.width() // 2, window.view_settings.zoom
    assert window.view_settings.zoom == 3.0


def test_reset_layout_brings_back_every_panel(qtbot, window):
    _at_1440(qtbot, window)
    window.form_dock.close()
    window.steps_dock.close()
    window.layers_dock.setFloating(True)
    menu_action(window.menuBar().actions()[2].menu(), "Reset Layout").trigger()
    settle(window)
    for dock, area in (
        (window.layers_dock, Qt.DockWidgetArea.LeftDockWidgetArea),
        (window.form_dock, Qt.DockWidgetArea.RightDockWidgetArea),
        (window.steps_dock, Qt.DockWidgetArea.BottomDockWidgetArea),
    ):
        assert dock.isVisible() and not dock.isFloating()
        assert window.dockWidgetArea(dock) == area
    assert window.canvas.width() >= 720


def test_stride_beside_the_animation_edits_the_layer(qtbot, window):
    window.files.open_preset("alexnet-2012")
    window.session.select(0)
    window.canvas_feed.flush()
    box = window.canvas.layer_view.editors.boxes["stride"]
    assert box.value() == 4
    box.setValue(2)
    window.canvas_feed.flush()
    # (227 − 11) / 2 + 1 = 109 positions a side, and the picture follows at once.
    assert window.doc.layer(0).config["stride"] == 2
    assert window.doc.report.layers[0].output_shape == (96, 109, 109)
    assert window.canvas.layer_view.controls.slider.maximum() == 109 * 109 - 1
    window.undo_action.trigger()
    window.canvas_feed.flush()
    assert window.doc.layer(0).config["stride"] == 4
    assert box.value() == 4
