"""Zoom, themes, keyboard access, Help and About, and the unexpected-error dialog."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtGui import QKeySequence, QPalette
from PySide6.QtWidgets import QApplication

from convdesk import __version__
from convdesk.app import errors
from convdesk.app.dialogs import about_text

from .helpers import add_layer


def test_zoom_scales_the_text(window):
    base = QApplication.font().pointSizeF()
    window.zoom_in_action.trigger()
    window.zoom_in_action.trigger()
    bigger = window.table.font().pointSizeF()
    assert bigger > base * 1.2
    assert window.steps.font().pointSizeF() == bigger
    window.zoom_out_action.trigger()
    assert base < window.table.font().pointSizeF() < bigger
    window.zoom_reset_action.trigger()
    assert window.table.font().pointSizeF() == base
    assert window.view_settings.zoom == 1.0


@pytest.mark.shared_window
def test_zoom_shortcuts_are_the_classroom_ones(window):
    assert window.zoom_in_action.shortcuts()[0] == QKeySequence("Ctrl+=")
    assert window.zoom_out_action.shortcut() == QKeySequence(QKeySequence.StandardKey.ZoomOut)
    assert window.zoom_reset_action.shortcut() == QKeySequence("Ctrl+0")


def test_dark_and_light_themes(window):
    window.theme_actions["dark"].trigger()
    window_color = QApplication.palette().color(QPalette.ColorRole.Window)
    assert window_color.lightness() < 80
    window.theme_actions["light"].trigger()
    assert QApplication.palette().color(QPalette.ColorRole.Window).lightness() > 180
    assert window.view_settings.theme_name == "light"


@pytest.mark.shared_window
def test_every_menu_entry_can_be_reached_by_keyboard(window):
    """Each top-level menu has a mnemonic, and every command in it has a mnemonic or shortcut."""
    for top in window.menuBar().actions():
        assert "&" in top.text(), top.text()
        for action in top.menu().actions():
            if action.isSeparator():
                continue
            reachable = "&" in action.text() or not action.shortcut().isEmpty()
            assert reachable or action.menu() is not None or action.isCheckable(), action.text()


def test_help_explains_the_method_offline(window):
    window.help_action.trigger()
    text = window.help_window.browser.toPlainText()
    assert "227" in text and "34,944" in text
    assert "receptive field" in text.lower()


def test_about_names_version_and_licenses():
    text = about_text()
    assert __version__ in text
    for name in ("MIT", "LGPL", "PySide6", "pyqtgraph"):
        assert name in text


def test_an_unexpected_error_is_shown_and_the_network_stays(
    qtbot, window, dialogs, caplog, monkeypatch
):
    monkeypatch.setattr("sys.excepthook", sys.excepthook)  # restored after the test
    errors.install_exception_hook()
    assert sys.excepthook is errors._hook
    add_layer(qtbot, window, "ReLU")
    network = window.session.network
    try:
        raise RuntimeError("boom")
    except RuntimeError as error:
        errors._hook(type(error), error, error.__traceback__)
    assert dialogs.kinds() == ["critical"]
    assert "boom" in dialogs.calls[0][2]
    assert "boom" in caplog.text
    assert window.isVisible() and window.session.network is network
    assert window.model.rowCount() == 1


@pytest.mark.qt_no_exception_capture
def test_an_exception_inside_a_menu_action_reaches_the_dialog(qtbot, window, dialogs, monkeypatch):
    from convdesk.app import document

    monkeypatch.setattr("sys.excepthook", sys.excepthook)
    errors.install_exception_hook()
    window.files.open_preset("alexnet-2012")
    rows = window.model.rowCount()

    def broken(_network):
        raise ZeroDivisionError("engine bug")

    monkeypatch.setattr(document, "compute", broken)
    window.duplicate_action.trigger()
    assert dialogs.kinds() == ["critical"]
    assert "engine bug" in dialogs.calls[0][2]
    assert window.isVisible()
    assert window.model.rowCount() == rows  # the list still shows the last good report
