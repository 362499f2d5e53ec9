"""The Add menu lists first the types that fit the output a new layer would read."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint

from convdesk.app.layer_model import SHAPE

from .conftest import cell
from .helpers import add_layer

pytestmark = pytest.mark.shared_window  # every test here reads or edits one network


def open_add_menu(window) -> None:
    """Pop the Add menu up as a click on "Add ▾" does, then close it again."""
    window.add_menu.popup(QPoint(0, 0))
    window.add_menu.hide()


def names(window, group: str) -> list[str]:
    return [action.text().replace("&", "") for action in window.add_menu.type_actions(group)]


def test_a_2d_image_lists_2d_types_first_and_keeps_the_others(qtbot, window):
    # File → New: the article's 227 × 227 RGB image, a 2-D map.
    open_add_menu(window)
    conv = names(window, "Convolution")
    assert conv[:2] == ["Conv2d", "ConvTranspose2d"]
    assert set(conv[2:]) == {"Conv1d", "ConvTranspose1d", "Conv3d", "ConvTranspose3d"}
    pools = names(window, "Pooling")
    assert pools[:4] == ["MaxPool2d", "AvgPool2d", "AdaptiveAvgPool2d", "AdaptiveMaxPool2d"]
    conv3d = next(a for a in window.add_menu.type_actions("Convolution") if a.text() == "Conv&3d")
    assert "3-D" in conv3d.toolTip() and "3 × 227 × 227" in conv3d.toolTip()
    assert conv3d.isEnabled()
    # Types for any shape stay where they were.
    assert names(window, "Dense") == ["Linear"]
    # Still available: a student may mean to change the input next; the engine says why not.
    add_layer(qtbot, window, "Conv3d")
    assert cell(window, 0, SHAPE) == "error"


def test_a_1d_network_lists_1d_types_first(qtbot, window):
    window.files.open_preset("m5-audio")
    window.session.select(0)
    open_add_menu(window)
    assert names(window, "Convolution")[:2] == ["Conv1d", "ConvTranspose1d"]
    assert names(window, "Normalization")[0] == "BatchNorm1d"
    # After a Flatten the output has no spatial dimension: no sized type fits it.
    last = len(window.doc.network.layers) - 1
    window.session.select(last)
    add_layer(qtbot, window, "Flatten")
    open_add_menu(window)
    conv = window.add_menu.type_actions("Convolution")
    assert all("0-D" in a.toolTip() for a in conv)
    assert names(window, "Activation")[0] == "ReLU"
