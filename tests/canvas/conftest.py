"""Fixtures shared by the canvas tests."""

from __future__ import annotations

import pytest

from convdesk.canvas import CanvasWidget


@pytest.fixture
def canvas(qtbot):
    widget = CanvasWidget()
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget
