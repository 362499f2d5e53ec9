"""New, Open, Save, Save As, recent files, dropped files, export and the unsaved-changes prompt."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from convdesk.app import recent_files
from convdesk.app.layer_model import PARAMS, SHAPE
from convdesk.app.main_window import MainWindow
from convdesk.engine import load_network

from .conftest import cell
from .helpers import add_layer, type_into

# torchvision's published parameter count for alexnet (torchvision.models, AlexNet_Weights).
TORCHVISION_ALEXNET_PARAMS = "61,100,840"


def _choose_file(monkeypatch, path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))


def test_save_and_open_round_trip(qtbot, window, tmp_path, monkeypatch):
    add_layer(qtbot, window, "Conv2d")
    type_into(qtbot, window.form.field("out_channels").box, "96")
    type_into(qtbot, window.form.field("kernel_size").single, "11")
    type_into(qtbot, window.form.field("stride").single, "4")
    path = tmp_path / "conv1.convdesk"
    _choose_file(monkeypatch, path)
    window.save_action.trigger()
    assert path.exists()
    assert not window.isWindowModified()
    assert "conv1.convdesk" in window.windowTitle()
    saved = load_network(path)
    assert saved.layers[0].config == {"out_channels": 96, "kernel_size": 11, "stride": 4}

    window.new_action.trigger()
    assert window.model.rowCount() == 0
    window.open_action.trigger()
    assert cell(window, 0, SHAPE) == "96 × 55 × 55"
    assert cell(window, 0, PARAMS) == "34,944"
    assert recent_files.recent_files(window.settings)[0] == str(path)


def test_save_as_adds_the_extension(qtbot, window, tmp_path, monkeypatch):
    add_layer(qtbot, window, "ReLU")
    _choose_file(monkeypatch, tmp_path / "plain")
    window.save_as_action.trigger()
    assert (tmp_path / "plain.convdesk").exists()


def test_an_unreadable_file_changes_nothing(qtbot, window, dialogs, tmp_path):
    window.files.open_preset("alexnet-2012")
    type_into(qtbot, window.form.field("out_channels").box, "64")
    network_before = window.session.network
    bad = tmp_path / "broken.convdesk"
    bad.write_text('{"format": "convdesk-network", "version": 1, "input": [3, 32', "utf-8")
    dialogs.answer = QMessageBox.StandardButton.Discard
    assert not window.files.open_path(str(bad))
    assert dialogs.kinds()[-1] == "warning"
    assert "broken.convdesk" in dialogs.calls[-1][2]
    assert window.session.network is network_before
    assert window.doc.layer(0).config["out_channels"] == 64
    assert window.isWindowModified()
    assert window.undo.canUndo()


def test_a_newer_version_is_refused_with_the_engines_message(window, dialogs, tmp_path):
    path = tmp_path / "future.convdesk"
    path.write_text(
        json.dumps({"format": "convdesk-network", "version": 99, "input": [3], "layers": []}),
        "utf-8",
    )
    assert not window.files.open_path(str(path))
    assert "version" in dialogs.calls[-1][2]


def test_unsaved_changes_prompt(qtbot, window, dialogs, tmp_path, monkeypatch):
    add_layer(qtbot, window, "ReLU")
    # Cancel: nothing happens.
    dialogs.answer = QMessageBox.StandardButton.Cancel
    window.new_action.trigger()
    assert dialogs.kinds() == ["question"]
    assert window.model.rowCount() == 1
    # Save: asks for a name, saves, then starts anew.
    dialogs.answer = QMessageBox.StandardButton.Save
    _choose_file(monkeypatch, tmp_path / "kept.convdesk")
    window.new_action.trigger()
    assert (tmp_path / "kept.convdesk").exists()
    assert window.model.rowCount() == 0
    # Discard: starts anew without saving.
    add_layer(qtbot, window, "ReLU")
    dialogs.answer = QMessageBox.StandardButton.Discard
    window.preset_action.setEnabled(True)
    assert window.files.open_preset("lenet-5")
    assert window.model.rowCount() > 1
    assert len(dialogs.calls) == 3


def test_closing_with_unsaved_changes_asks(qtbot, window, dialogs):
    add_layer(qtbot, window, "ReLU")
    dialogs.answer = QMessageBox.StandardButton.Cancel
    assert not window.close()
    assert window.isVisible()
    dialogs.answer = QMessageBox.StandardButton.Discard
    assert window.close()


def test_recent_files_menu_opens_and_forgets_missing_files(window, tmp_path, dialogs):
    path = tmp_path / "a.convdesk"
    path.write_text(
        json.dumps(
            {
                "format": "convdesk-network",
                "version": 1,
                "input": [1, 28, 28],
                "layers": [{"type": "Conv2d", "out_channels": 6, "kernel_size": 5}],
            }
        ),
        "utf-8",
    )
    assert window.files.open_path(str(path))
    window.files.new_network()
    entries = window.recent_menu.actions()
    assert entries and entries[0].toolTip() == str(path)
    entries[0].trigger()
    # LeNet's C1: 28 − 5 + 1 = 24, (5·5·1 + 1)·6 = 156 parameters.
    assert cell(window, 0, SHAPE) == "6 × 24 × 24"
    assert cell(window, 0, PARAMS) == "156"
    path.unlink()
    window.recent_menu.actions()[0].trigger()
    assert dialogs.kinds()[-1] == "warning"
    assert str(path) not in recent_files.recent_files(window.settings)


def test_open_preset_gallery(qtbot, window, monkeypatch):
    from convdesk.app import preset_gallery

    shown = {}

    def fake_exec(gallery):
        shown["names"] = [gallery.list.item(r).text() for r in range(gallery.list.count())]
        gallery.list.setCurrentRow(
            next(
                r
                for r in range(gallery.list.count())
                if gallery.list.item(r).data(Qt.ItemDataRole.UserRole) == "alexnet-torchvision"
            )
        )
        shown["details"] = gallery.details.toPlainText()
        return 1

    monkeypatch.setattr(preset_gallery.PresetGallery, "exec", fake_exec)
    window.preset_action.trigger()
    assert len(shown["names"]) >= 10
    assert "torchvision" in shown["details"]
    assert TORCHVISION_ALEXNET_PARAMS in window.totals.text()


def test_export_table_and_copy_summary(window, tmp_path, monkeypatch):
    window.files.open_preset("alexnet-2012")
    _choose_file(monkeypatch, tmp_path / "table.csv")
    window.csv_action.trigger()
    text = (tmp_path / "table.csv").read_text("utf-8")
    assert "conv1" in text and "34944" in text.replace(",", "")
    _choose_file(monkeypatch, tmp_path / "table.md")
    window.md_action.trigger()
    assert "| conv1" in (tmp_path / "table.md").read_text("utf-8").replace("|conv1", "| conv1")
    window.copy_action.trigger()
    assert "34,944" in QApplication.clipboard().text()


def test_layout_zoom_and_recent_files_are_remembered(qtbot, settings, dialogs, tmp_path):
    first = MainWindow(settings)
    qtbot.add_widget(first)
    first.view_settings.set_zoom(1.5)
    first.view_settings.set_theme("dark")
    first.steps_dock.hide()
    recent_files.add_recent(settings, str(tmp_path / "x.convdesk"))
    first.close()
    second = MainWindow(settings)
    qtbot.add_widget(second)
    assert second.view_settings.zoom == 1.5
    assert second.view_settings.theme_name == "dark"
    assert second.steps_dock.isHidden()
    assert second.recent_menu.actions()[0].toolTip() == str(tmp_path / "x.convdesk")
    second.view_settings.set_zoom(1.0)
    second.view_settings.set_theme("light")
    second.close()
