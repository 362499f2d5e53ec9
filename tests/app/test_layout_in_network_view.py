"""Ctrl+0 and View → Reset Layout while the network is shown alone (its side panels folded).

Ctrl+0 gives back the layout of the view being shown, exactly: in the network-alone view the
panels stay folded, and the panels come back where they were on leaving it. Reset Layout brings
back every panel, so it leaves the network-alone view for both views.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from convdesk.app.canvas_views import FOLDED_KEY
from tests.qt_wait import settle

from .helpers import menu_action


def _at_1440(qtbot, window) -> None:
    window.resize(1440, 900)
    qtbot.waitUntil(lambda: window.width() == 1440)
    settle(window)


def _docks(window) -> tuple:
    return (window.layers_dock, window.form_dock, window.steps_dock)


def _layout(window) -> list:
    return [(d.isVisible(), d.geometry()) for d in _docks(window)] + [window.canvas.geometry()]


def _zoom_to_200(qtbot, window) -> None:
    for _ in range(5):
        window.zoom_in_action.trigger()
        settle(window)
    assert window.view_settings.zoom == 2.0


def _network_alone(qtbot, window) -> None:
    window.canvas.set_view_mode("network")
    qtbot.waitUntil(lambda: not any(d.isVisible() for d in _docks(window)))
    settle(window)


def _leave_network(qtbot, window) -> None:
    window.canvas.set_view_mode("both")
    qtbot.waitUntil(lambda: window.layers_dock.isVisible())
    settle(window)


def test_ctrl_0_in_the_network_view_keeps_its_panels_folded(qtbot, window):
    """Zoomed beside the panels, then the network alone: Ctrl+0 keeps the network's room, and
    leaving it brings the panels back exactly where they were before the zoom."""
    window.files.open_preset("alexnet-2012")
    _at_1440(qtbot, window)
    before = _layout(window)
    _zoom_to_200(qtbot, window)
    _network_alone(qtbot, window)
    window.zoom_reset_action.trigger()
    settle(window)
    assert window.view_settings.zoom == 1.0
    assert not any(d.isVisible() for d in _docks(window))
    assert window.canvas.width() == window.width()  # the figure keeps the whole width
    _leave_network(qtbot, window)
    assert _layout(window) == before


def test_ctrl_0_after_zooming_in_the_network_view(qtbot, window):
    """Zoomed while the network is alone: Ctrl+0 there keeps the panels folded; after leaving,
    Ctrl+0 gives back the panels as they were at 100 %, none lost."""
    window.files.open_preset("alexnet-2012")
    _at_1440(qtbot, window)
    before = _layout(window)
    _network_alone(qtbot, window)
    _zoom_to_200(qtbot, window)
    window.zoom_reset_action.trigger()
    settle(window)
    assert not any(d.isVisible() for d in _docks(window))
    _leave_network(qtbot, window)
    assert _layout(window) == before

    _network_alone(qtbot, window)
    _zoom_to_200(qtbot, window)
    _leave_network(qtbot, window)
    assert all(d.isVisible() for d in _docks(window))
    window.zoom_reset_action.trigger()
    settle(window)
    assert _layout(window) == before


def test_reset_layout_in_the_network_view_brings_back_every_panel(qtbot, window, settings):
    window.files.open_preset("alexnet-2012")
    _at_1440(qtbot, window)
    window.steps_dock.close()
    _network_alone(qtbot, window)
    menu_action(window.menuBar().actions()[2].menu(), "Reset Layout").trigger()
    settle(window)
    assert window.canvas.view_mode == "both"
    for dock, area in zip(
        _docks(window),
        (
            Qt.DockWidgetArea.LeftDockWidgetArea,
            Qt.DockWidgetArea.RightDockWidgetArea,
            Qt.DockWidgetArea.BottomDockWidgetArea,
        ),
        strict=True,
    ):
        assert dock.isVisible() and not dock.isFloating()
        assert window.dockWidgetArea(dock) == area
    assert settings.value(FOLDED_KEY) == ""
    assert window.canvas.width() >= 720
    # The network alone still folds every panel, and gives them all back.
    _network_alone(qtbot, window)
    _leave_network(qtbot, window)
    assert all(d.isVisible() for d in _docks(window))
