"""File → Open of Keras and ONNX models, Export Code, Paste Model, on the real window."""

from __future__ import annotations

import gzip

import pytest
from PySide6.QtWidgets import QApplication, QFileDialog

from convdesk.app.model_io import ImportReportDialog, PasteModelDialog
from convdesk.engine.presets import load_preset
from tests.importers.helpers import EXPECTED, FIXTURES, keras_text


def _menu(window, title):
    return next(a.menu() for a in window.menuBar().actions() if a.text() == title)


def _report_dialog(window) -> ImportReportDialog:
    dialogs = [d for d in window.findChildren(ImportReportDialog) if d.isVisible()]
    assert len(dialogs) == 1
    return dialogs[0]


@pytest.mark.shared_window
def test_the_menus_offer_the_model_actions(window):
    file_texts = [a.text() for a in _menu(window, "&File").actions()]
    assert "Export &Code…" in file_texts
    assert file_texts.index("Export &Code…") > file_texts.index("&Export Picture…")
    assert "Paste &Model…" in [a.text() for a in _menu(window, "&Edit").actions()]


def test_open_dialog_lists_models(window, monkeypatch, tmp_path):
    seen = {}

    def fake_open(_parent, _title, _start, filters):
        seen["filters"] = filters
        return "", ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", fake_open)
    window.open_action.trigger()
    assert "*.keras" in seen["filters"] and "*.onnx" in seen["filters"]


@pytest.mark.shared_window
def test_opening_a_keras_model_shows_what_mapped_and_what_did_not(window, tmp_path, dialogs):
    path = tmp_path / "efficientnetb0.json"
    path.write_text(keras_text("efficientnetb0"))
    assert window.files.open_path(str(path), ask=False)
    assert window.doc.report.trainable_params == EXPECTED["efficientnetb0"]["trainable_params"]
    assert window.doc.path is None  # Save asks for a .convdesk name, never overwrites the model
    dialog = _report_dialog(window)
    assert "237 of 239 layers mapped" in dialog.summary.text()
    details = dialog.details.toPlainText()
    assert "rescaling_1 (Rescaling)" in details and "normalization (Normalization)" in details
    assert dialogs.calls == []


@pytest.mark.shared_window
def test_opening_an_onnx_model(window, tmp_path):
    pytest.importorskip("onnx", reason="the onnx extra is not installed")
    path = tmp_path / "resnet18.onnx"
    path.write_bytes(gzip.decompress((FIXTURES / "onnx" / "resnet18.onnx.gz").read_bytes()))
    assert window.files.open_path(str(path), ask=False)
    assert window.doc.report.trainable_params == 11_689_512
    assert "69 of 69 nodes mapped" in _report_dialog(window).summary.text()


@pytest.mark.shared_window
def test_a_broken_model_changes_nothing_and_says_where(window, tmp_path, dialogs):
    before = window.doc.network.name
    path = tmp_path / "cut.keras"
    path.write_bytes(b"PK\x03\x04 and then nothing")
    assert not window.files.open_path(str(path), ask=False)
    assert window.doc.network.name == before
    kind, title, text = dialogs.calls[-1]
    assert kind == "warning" and title == "Cannot import this model"
    assert str(path) in text and "cut short" in text


def test_export_code_writes_the_chosen_framework(window, tmp_path, monkeypatch):
    window.files.open_preset("lenet-5", ask=False)
    target = tmp_path / "lenet.py"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), "Keras module (*.py)")
    )
    window.model_io.export_action.trigger()
    code = target.read_text()
    assert "def build_model() -> keras.Model:" in code
    assert "INPUT_SHAPE = (32, 32, 1)" in code
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), "PyTorch module (*.py)")
    )
    window.model_io.export_action.trigger()
    assert "class Network(nn.Module):" in target.read_text()


@pytest.mark.shared_window
def test_export_code_of_a_network_in_error_is_refused_with_the_layer(window, tmp_path, dialogs):
    network = load_preset("lenet-5")
    network.layers[0].config["kernel_size"] = 40
    window.session.load(network, None)
    assert not window.model_io.export_to(str(tmp_path / "x.py"), "pytorch")
    assert "C1" in dialogs.calls[-1][2]
    assert not (tmp_path / "x.py").exists()


PRINTOUT = (FIXTURES / "printouts" / "vgg11.txt").read_text()


def test_paste_model_reads_a_printout_and_says_it_assumed_a_chain(window, qtbot):
    QApplication.clipboard().setText(PRINTOUT)
    window.model_io.paste_action.trigger()
    dialog = next(d for d in window.findChildren(PasteModelDialog) if d.isVisible())
    assert dialog.text.toPlainText() == PRINTOUT  # taken from the clipboard
    assert dialog.shape.text() == "3, 224, 224"  # guessed from the first Conv2d
    dialog.accept()
    assert window.doc.report.trainable_params == 132_863_336  # torchvision's VGG-11
    assert window.doc.report.errors == []
    details = _report_dialog(window).details.toPlainText()
    assert "assumed the layers run one after another (a chain)" in details


def test_paste_model_with_a_bad_shape_keeps_the_dialog_open(window, dialogs):
    dialog = window.model_io.paste_dialog()
    dialog.text.setPlainText(PRINTOUT)
    dialog.shape.setText("three by two")
    before = window.doc.network.name
    dialog.accept()
    assert dialog.isVisible() and window.doc.network.name == before
    assert "not whole numbers" in dialogs.calls[-1][2]
    dialog.reject()
