"""Fixtures shared by the canvas tests."""

from __future__ import annotations

import pytest

from convdesk.canvas import CanvasWidget
from tests.qt_wait import settle


@pytest.fixture
def canvas(qtbot):
    widget = CanvasWidget()
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    qtbot.waitExposed(widget)
    settle(widget)  # its views take their sizes over the first turns of the event loop
    # The layer view fits its picture 30 ms after a new size: no fit of the fixture's is left
    # to fire in the middle of a test.
    qtbot.waitUntil(lambda: not widget.layer_view._refit.isActive())
    return widget
