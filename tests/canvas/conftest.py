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
    return widget
