"""The installed Qt binding must not leak references to None (PySide6 6.12.0 on Python 3.11 did,
and the window aborted with "none_dealloc" after a few minutes of drawing)."""

import sys

from PySide6.QtCore import QObject, QRectF


def test_void_qt_calls_keep_none_alive():
    obj, rect = QObject(), QRectF()
    before = sys.getrefcount(None)
    for _ in range(200):
        obj.setObjectName("x")
        rect.setWidth(3)
    assert sys.getrefcount(None) - before > -50  # a leaking binding loses 400 here
