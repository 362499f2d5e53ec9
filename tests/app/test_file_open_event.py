"""A document the desktop hands to the running program (macOS FileOpen) opens in the window."""

from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication

from convdesk.app.file_open import FileOpenFilter
from convdesk.engine.presets import preset_text


def test_file_open_event_opens_the_network(window, tmp_path):
    path = tmp_path / "lenet.convdesk"
    path.write_text(preset_text("lenet-5"), encoding="utf-8")
    app = QApplication.instance()
    event_filter = FileOpenFilter(window)
    app.installEventFilter(event_filter)
    try:
        QApplication.sendEvent(app, QFileOpenEvent(str(path)))
    finally:
        app.removeEventFilter(event_filter)
    assert window.doc.path == str(path)
    assert window.doc.report.trainable_params == 61_706  # LeNet-5's published total
