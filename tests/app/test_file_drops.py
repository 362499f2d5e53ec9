"""A file dropped on the window opens; a drag that carries no file is left to the window."""

from __future__ import annotations

import json

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from convdesk.app.layer_model import SHAPE

from .conftest import cell

ARTICLE_CONV1 = {"type": "Conv2d", "out_channels": 96, "kernel_size": 11, "stride": 4}


def _drag(mime: QMimeData) -> tuple:
    return (
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )


def test_a_dropped_file_opens(qtbot, window, tmp_path):
    path = tmp_path / "dropped.convdesk"
    network = {"format": "convdesk-network", "version": 1, "input": [3, 227, 227]}
    path.write_text(json.dumps({**network, "layers": [ARTICLE_CONV1]}), "utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    enter = QDragEnterEvent(QPoint(50, 50), *_drag(mime))
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(window, QDropEvent(QPointF(50, 50), *_drag(mime)))
    assert cell(window, 0, SHAPE) == "96 × 55 × 55"
    assert window.session.path == str(path)


def test_a_drag_of_text_or_a_web_address_is_not_taken(qtbot, window):
    web = QMimeData()
    web.setUrls([QUrl("https://example.org/net.convdesk")])
    text = QMimeData()
    text.setText("/tmp/net.convdesk")
    for mime in (text, web):
        enter = QDragEnterEvent(QPoint(50, 50), *_drag(mime))
        QApplication.sendEvent(window, enter)
        assert not enter.isAccepted()
    assert window.session.path is None and window.session.network.layers == []
