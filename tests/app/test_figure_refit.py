"""The network figure follows its extent: an edit that makes the figure smaller or larger (a
layer going into error shortens it) frames it afresh, unless the view was moved by hand."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from convdesk.app.main_window import MainWindow
from tests.qt_wait import settle


def _shown(win: MainWindow) -> QRectF:
    return win.canvas.network_view.stage.box.viewRect()


def _close(a: QRectF, b: QRectF) -> bool:
    tol = 1e-3 * max(b.width(), b.height())
    return all(
        abs(x - y) <= tol
        for x, y in zip(
            (a.left(), a.top(), a.width(), a.height()),
            (b.left(), b.top(), b.width(), b.height()),
            strict=True,
        )
    )


@pytest.fixture
def alexnet(qtbot, window: MainWindow) -> MainWindow:
    window.resize(1440, 900)
    window.files.open_preset("alexnet-2012")
    window.session.select_named("conv2")
    window.canvas_feed.flush()
    qtbot.waitUntil(lambda: window.width() == 1440)
    settle(window)
    window.canvas.network_view.fit_all()  # framed for the window's size
    return window


def test_a_layer_going_into_error_refits_the_figure(qtbot, alexnet):
    win = alexnet
    view = win.canvas.network_view
    before = view.layout_.bounds()
    win.session.set_value(win.session.selected, "kernel_size", 99)  # larger than its input
    win.canvas_feed.flush()
    assert win.doc.report.layers[win.session.selected].error
    after = view.layout_.bounds()
    assert after != before  # the figure's extent changed
    shown = _shown(win)
    view.fit_all()  # what Fit shows for the new figure
    assert _close(shown, _shown(win))
    win.undo.undo()  # back out of the error: framed for the longer figure again
    win.canvas_feed.flush()
    shown = _shown(win)
    view.fit_all()
    assert _close(shown, _shown(win))


def test_a_view_moved_by_hand_is_kept_when_the_extent_changes(qtbot, alexnet):
    win = alexnet
    box = win.canvas.network_view.stage.box
    fitted = box.viewRect()
    viewport = win.canvas.network_view.stage.view.viewport()
    at = QPointF(viewport.rect().center())
    wheel = QWheelEvent(
        at,
        QPointF(viewport.mapToGlobal(at.toPoint())),
        QPoint(0, 0),
        QPoint(0, 240),  # two notches towards the user: zoom in
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(viewport, wheel)
    box.updateMatrix()
    zoomed = box.viewRect()
    assert zoomed.width() < 0.9 * fitted.width()  # zoomed in indeed
    win.session.set_value(win.session.selected, "kernel_size", 99)
    win.canvas_feed.flush()
    assert _close(box.viewRect(), zoomed)


def test_an_edit_that_changes_no_shape_measures_and_frames_nothing(qtbot, alexnet, monkeypatch):
    win = alexnet
    view = win.canvas.network_view
    calls = []
    monkeypatch.setattr(view, "frame", lambda: calls.append("frame"))
    real = type(view.layout_).bounds
    monkeypatch.setattr(type(view.layout_), "bounds", lambda lay: calls.append(1) or real(lay))
    win.session.set_value(win.session.selected, "bias", False)  # no shape changes
    win.canvas_feed.flush()
    assert win.doc.network.layers[win.session.selected].config["bias"] is False
    assert calls == []
