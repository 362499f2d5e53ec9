"""Presentation mode: F5 opens it full screen, clicker keys step through layers, Space reveals
the worked steps line by line, Esc leaves."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from convdesk.app.presentation import line_count, revealed
from convdesk.engine import compute, explain
from convdesk.engine.presets import load_preset

from .helpers import menu_action


def _present(qtbot, window):
    window.files.open_preset("alexnet-2012")
    window.session.select(0)
    assert window.presenter.action.shortcut() == QKeySequence("F5")
    menu_action(window.menuBar().actions()[2].menu(), "Presentation Mode").trigger()
    view = window.presenter.view
    qtbot.waitUntil(view.isVisible)
    return view


def test_f5_opens_full_screen_with_the_layer_as_title(qtbot, window):
    view = _present(qtbot, window)
    assert view.isFullScreen()
    assert view.title.text() == "conv1 · Conv2d · output [96, 55, 55]"
    assert not view.canvas.network_view.isVisibleTo(view)
    assert view.canvas.layer_view.result.name == "conv1"
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not view.isVisible())


def test_clicker_keys_step_through_the_layers(qtbot, window):
    view = _present(qtbot, window)
    for key, name in (
        (Qt.Key.Key_Right, "relu1"),
        (Qt.Key.Key_PageDown, "pool1"),
        (Qt.Key.Key_PageUp, "relu1"),
        (Qt.Key.Key_Left, "conv1"),
        (Qt.Key.Key_Left, "conv1"),  # the first layer stays the first
    ):
        qtbot.keyClick(view, key)
        assert view.title.text().startswith(name + " ·")
        assert window.session.selected == window.doc.network.index_of(name)
    last = len(window.doc.network.layers) - 1
    view.show_layer(last)
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.index == last
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert window.session.selected == last  # the window shows where the lesson stopped


def test_space_reveals_the_worked_steps_one_line_at_a_time(qtbot, window):
    view = _present(qtbot, window)
    steps = explain(window.doc.network, window.doc.report, 0)
    first, second = steps[0].lines[0], steps[0].lines[1] if len(steps[0].lines) > 1 else None
    assert view.shown_lines == 0
    assert first not in view.steps.toPlainText()
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert view.shown_lines == 1
    assert first in view.steps.toPlainText()
    if second is not None:
        assert second not in view.steps.toPlainText()
    for _ in range(line_count(steps) + 3):
        qtbot.keyClick(view, Qt.Key.Key_Space)
    assert view.shown_lines == line_count(steps)  # no further than the last line
    assert "0 lines to go" in view.hint.text()
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.shown_lines == 0  # a new layer starts hidden again
    qtbot.keyClick(view, Qt.Key.Key_Escape)


def test_revealed_keeps_titles_with_their_first_line():
    net = load_preset("alexnet-2012")
    steps = explain(net, compute(net), 0)
    for count in range(line_count(steps) + 1):
        shown = revealed(steps, count)
        assert line_count(shown) == count
        assert all(step.lines for step in shown[1:])  # no title waits without its line
