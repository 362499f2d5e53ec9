"""A name written as HTML shows as the characters it is, in every place the window shows it."""

from __future__ import annotations

import json

import pytest
from PySide6 import QtGui
from PySide6.QtCore import QPointF, Qt, QTimer
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QToolTip, QWidget

from convdesk.app import messages
from convdesk.app.dialogs import NetworkPropertiesDialog
from convdesk.app.layer_model import NAME
from convdesk.app.practice_window import PracticeWindow
from convdesk.canvas.text import block_tooltip
from convdesk.engine import Layer, Network
from convdesk.engine.exercise_sets import ExerciseSet
from convdesk.engine.exercises import make_exercise
from convdesk.engine.presets import load_preset

HTML = '<h1>Click Discard</h1><img src="missing.png">&amp;'


def shown_as_written(tooltip: str, text: str) -> bool:
    """True if Qt shows `tooltip` (plain, or HTML it would render) as exactly `text`."""
    if not QtGui.Qt.mightBeRichText(tooltip):
        return tooltip == text
    doc = QTextDocument()
    doc.setHtml(tooltip)
    return doc.toPlainText() == text and "\ufffc" not in doc.toPlainText()  # no picture


def hostile(window) -> None:
    """A network whose name, layer names and error messages all hold HTML."""
    network = Network(
        [3, 8, 8],
        [
            Layer("Conv2d", HTML, {"out_channels": 4, "kernel_size": 3}),
            Layer("Conv2d", HTML + "2", {"out_channels": 4, "kernel_size": 99}),
            Layer("ReLU", HTML + "3"),
            Layer("Conv2d", HTML + "4", {"out_channels": 4, "kernel_size": 1, "padding": HTML}),
        ],
        HTML,
    )
    window.doc.replace(network, None)


def test_message_boxes_are_plain_text(qtbot):
    seen = []

    def look() -> None:
        box = QApplication.activeModalWidget()
        seen.append((type(box), box.textFormat(), box.text()))
        box.done(0)

    for show in (messages.warning, messages.critical, messages.question):
        QTimer.singleShot(0, look)
        show(None, "title", HTML)
    assert seen == [(QMessageBox, Qt.TextFormat.PlainText, HTML)] * 3


@pytest.mark.shared_window
def test_the_open_and_unsaved_changes_dialogs_go_through_the_plain_boxes(window, dialogs, tmp_path):
    bad = tmp_path / "bad.convdesk"
    layer = {"type": "Conv2d", "name": HTML, "out_channels": 4}  # kernel_size is missing
    bad.write_text(
        json.dumps({"format": "convdesk-network", "version": 1, "input": [3], "layers": [layer]})
    )
    assert not window.files.open_path(str(bad))
    assert dialogs.calls[-1][:2] == ("warning", "Cannot open this file")
    assert HTML in dialogs.calls[-1][2]
    hostile(window)
    window.doc.set_meta(HTML, "")
    window.undo.resetClean()
    window.files.maybe_save()
    assert dialogs.calls[-1][:2] == ("question", "Unsaved changes") and HTML in dialogs.calls[-1][2]


@pytest.mark.shared_window
def test_layer_list_status_bar_and_form_show_the_name_as_written(qtbot, window):
    hostile(window)
    model = window.model
    error_row = model.index(1, NAME)
    tooltip = model.data(error_row, Qt.ItemDataRole.ToolTipRole)
    assert shown_as_written(tooltip, window.doc.report.layers[1].error)
    assert model.data(error_row, Qt.ItemDataRole.DisplayRole) == HTML + "2"
    unknown_tip = model.data(model.index(2, NAME), Qt.ItemDataRole.ToolTipRole)
    assert shown_as_written(unknown_tip, f"Shape unknown: {HTML}2 is in error.")
    assert window.error_label.textFormat() == Qt.TextFormat.PlainText
    assert shown_as_written(window.error_label.toolTip(), window.doc.report.layers[1].error)
    window.session.select(3)  # the form says which value of the file it cannot show
    notes = [label for label in window.form.findChildren(QLabel) if HTML in label.text()]
    assert notes and all(label.textFormat() == Qt.TextFormat.PlainText for label in notes)
    window.session.rename(0, "x\u0000y")
    assert "control character U+0000" in window.statusBar().currentMessage()
    assert window.doc.layer(0).name == HTML


def test_canvas_tooltips_and_labels_show_the_name_as_written(qtbot, window, monkeypatch):
    hostile(window)
    window.canvas_feed.flush()
    shown = []
    monkeypatch.setattr(QToolTip, "showText", lambda _pos, text, *_args: shown.append(text))
    view = window.canvas.network_view
    block = next(b for b in view.layout_.blocks if b.index == 1)
    x, y = block.box.front_center()
    view._on_hover(view.stage.box.mapViewToScene(QPointF(x, y)))
    assert shown and shown_as_written(shown[-1], block_tooltip(window.doc.report.layers[1]))
    for label in (window.canvas.steps, window.canvas.layer_view.controls.where):
        assert label.textFormat() == Qt.TextFormat.PlainText


def test_recent_files_show_their_path_as_written(window, tmp_path):
    path = tmp_path / "<img src=x><b>a & b.convdesk"
    network = Network([3], [Layer("ReLU", "r")])
    window.doc.replace(network, None)
    assert window.files.save_to(str(path))
    action = window.recent_menu.actions()[0]
    assert action.text() == "&1 <img src=x><b>a && b.convdesk"
    assert shown_as_written(action.toolTip(), str(path))


def test_the_properties_dialog_refuses_control_characters(qtbot):
    dialog = NetworkPropertiesDialog("net", "")
    qtbot.add_widget(dialog)
    dialog.name_edit.setText("bad\u0007name")
    dialog.accept()
    assert dialog.result() == 0 and "U+0007" in dialog.refusal.text()
    assert dialog.refusal.textFormat() == Qt.TextFormat.PlainText
    dialog.name_edit.setText("good")
    dialog.description_edit.setPlainText("two\nlines")
    dialog.accept()
    assert dialog.result() == 1


@pytest.mark.shared_window
def test_no_label_or_tooltip_anywhere_in_the_window_takes_the_name_for_html(qtbot, window):
    hostile(window)
    for index in [None, *range(len(window.session.network.layers))]:
        window.session.select(index)
        window.canvas_feed.flush()
        QApplication.processEvents()
        for widget in window.findChildren(QWidget):
            if isinstance(widget, QLabel) and "Click Discard" in widget.text():
                assert widget.textFormat() == Qt.TextFormat.PlainText, widget.text()
            tooltip = widget.toolTip()
            if "Click Discard" in tooltip:
                assert "<h1>" not in tooltip or not QtGui.Qt.mightBeRichText(tooltip), tooltip


def test_the_practice_window_shows_a_sets_title_and_layer_names_as_written(qtbot, settings):
    net = Network([3, 32, 32], [Layer("Conv2d", HTML, {"out_channels": 8, "kernel_size": 3})])
    practice = PracticeWindow(settings, lambda: load_preset("lenet-5"))
    qtbot.add_widget(practice)
    practice.open_set(ExerciseSet(HTML, [make_exercise(net, [(HTML, "shape")], 1)]))
    practice.show()
    QApplication.processEvents()
    labels = [w for w in practice.findChildren(QLabel) if "Click Discard" in w.text()]
    assert len(labels) >= 2  # the set's title and the question about the layer
    assert all(label.textFormat() == Qt.TextFormat.PlainText for label in labels)
