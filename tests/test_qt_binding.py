"""The installed Qt binding must not leak references to None (PySide6 6.12.0 on Python 3.11 did,
and the window aborted with "none_dealloc" after a few minutes of drawing)."""

import sys

from PySide6.QtCore import QObject, QPointF, QRectF


def test_qt_calls_keep_none_true_and_false_alive():
    obj, rect, point = QObject(), QRectF(0, 0, 5, 5), QPointF(1, 1)
    before = [sys.getrefcount(v) for v in (None, True, False)]
    for _ in range(200):
        obj.setObjectName("x")  # returns None
        rect.setWidth(3)
        rect.contains(point)  # returns True
        rect.isEmpty()  # returns False
    after = [sys.getrefcount(v) for v in (None, True, False)]
    # a leaking binding loses 400 references to None here
    assert all(a - b > -50 for a, b in zip(after, before, strict=True))
