"""View → Canvas: the network alone, the layer alone or both, by menu or F6, remembered."""

from __future__ import annotations

from PySide6.QtCore import Qt

from convdesk.app.canvas_views import MODE_KEY
from convdesk.app.main_window import MainWindow

from .helpers import menu_action


def test_the_menu_shows_the_network_alone_and_the_choice_is_remembered(qtbot, window, settings):
    view_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    menu_action(view_menu, "Network Alone").trigger()
    canvas = window.canvas
    assert canvas.view_mode == "network"
    assert canvas.network_view.isVisible() and not canvas.layer_view.isVisible()
    # The network fills the canvas: its view is nearly as tall as the canvas.
    qtbot.waitUntil(lambda: canvas.network_view.height() > 0.8 * canvas.height())
    assert settings.value(MODE_KEY) == "network"
    again = MainWindow(settings)
    qtbot.add_widget(again)
    assert again.canvas.view_mode == "network"
    assert menu_action(
        next(a.menu() for a in again.menuBar().actions() if a.text() == "&View"), "Network Alone"
    ).isChecked()
    again.close()


def test_f6_switches_through_the_three_views(qtbot, window):
    canvas = window.canvas
    assert canvas.view_mode == "both"
    window.activateWindow()
    seen = []
    for _ in range(3):
        qtbot.keyClick(window, Qt.Key.Key_F6)
        seen.append(canvas.view_mode)
    assert seen == ["network", "layer", "both"]
    assert canvas.network_view.isVisible() and canvas.layer_view.isVisible()


def test_the_canvas_buttons_switch_with_one_click(qtbot, window):
    canvas = window.canvas
    layer_button = canvas.view_buttons.button(2)
    qtbot.mouseClick(layer_button, Qt.MouseButton.LeftButton)
    assert canvas.view_mode == "layer"
    assert not canvas.network_view.isVisible() and canvas.layer_view.isVisible()
