"""The forms of the newer layer types: only permutations for Permute, only the input's last
dimensions for LayerNorm, and new layers that fit the output they read."""

from __future__ import annotations

from itertools import permutations

import pytest
from PySide6.QtCore import Qt

from convdesk.app.fields import PermutationField, SizesField
from convdesk.app.layer_model import PARAMS, SHAPE
from convdesk.engine import Layer, Network, dumps_network

from .conftest import cell
from .helpers import add_layer

pytestmark = pytest.mark.shared_window  # every test here reads or edits one network


def choose(qtbot, field, row: int) -> None:
    """Pick a row of a drop-down as a user does: focus it and step with the arrow keys."""
    box = field.focus_widget()
    box.setFocus()
    while box.currentIndex() != row:
        key = Qt.Key.Key_Down if box.currentIndex() < row else Qt.Key.Key_Up
        qtbot.keyClick(box, key)


def test_the_add_menu_groups_norms_and_reshaping(window):
    def names(group: str) -> list[str]:
        return [action.text().replace("&", "") for action in window.add_menu.type_actions(group)]

    assert {"LayerNorm", "GroupNorm", "LayerScale"} <= set(names("Normalization"))
    assert {"Permute", "ChannelShuffle", "Narrow"} <= set(names("Shape"))


def test_permute_offers_every_permutation_and_nothing_else(qtbot, window):
    add_layer(qtbot, window, "Permute")  # reads the 3 × 227 × 227 input
    field = window.form.field("dims")
    assert isinstance(field, PermutationField)
    offered = field.offered()
    assert sorted(map(tuple, offered)) == sorted(permutations(range(3)))
    # A new Permute puts the channels last, as ConvNeXt does around its LayerNorm.
    assert window.doc.layer(0).config["dims"] == [1, 2, 0]
    assert cell(window, 0, SHAPE) == "227 × 227 × 3"
    assert "channels last" in field.box.currentText()
    choose(qtbot, field, offered.index([2, 0, 1]))
    assert window.doc.layer(0).config["dims"] == [2, 0, 1]
    assert cell(window, 0, SHAPE) == "227 × 3 × 227"
    window.undo_action.trigger()
    assert window.doc.layer(0).config["dims"] == [1, 2, 0]
    assert field.box.currentData() == [1, 2, 0]


def test_permute_follows_the_rank_of_its_input(qtbot, window):
    add_layer(qtbot, window, "Flatten")
    add_layer(qtbot, window, "Permute")
    assert window.form.field("dims").offered() == [[0]]
    assert cell(window, 1, SHAPE) == "154587"


def test_a_file_value_that_is_no_permutation_is_shown_as_not_valid(qtbot, window, tmp_path):
    path = tmp_path / "twice.convdesk"
    path.write_text(dumps_network(Network([3, 8, 8], [Layer("Permute", "p", {"dims": [0, 0, 1]})])))
    assert window.files.open_path(str(path), ask=False)
    window.session.select(0)
    assert window.form.field("dims").box.currentIndex() == -1
    note = window.form.note("dims")
    qtbot.waitUntil(note.isVisible)  # new form rows are shown on the next event loop turn
    assert "[0, 0, 1]" in note.text()
    assert cell(window, 0, SHAPE) == "error"


def test_layer_norm_offers_the_last_dimensions_of_its_input(qtbot, window):
    add_layer(qtbot, window, "Conv2d")  # 1 kernel of 3 × 3: 1 × 225 × 225
    add_layer(qtbot, window, "LayerNorm")
    field = window.form.field("normalized_shape")
    assert isinstance(field, SizesField)
    assert field.offered() == [225, [225, 225], [1, 225, 225]]
    assert window.doc.layer(1).config["normalized_shape"] == 225
    assert cell(window, 1, PARAMS) == "450"
    choose(qtbot, field, 2)
    assert window.doc.layer(1).config["normalized_shape"] == [1, 225, 225]
    assert cell(window, 1, PARAMS) == f"{2 * 225 * 225:,}"
    # When the input changes the choices follow it; the stored value no longer fits.
    window.session.select(0)
    window.form.field("out_channels").box.setValue(4)
    window.session.select(1)
    assert window.form.field("normalized_shape").offered() == [225, [225, 225], [4, 225, 225]]
    assert cell(window, 1, SHAPE) == "error"
    qtbot.waitUntil(window.form.note("normalized_shape").isVisible)


def test_new_group_norm_shuffle_and_narrow_fit_the_channels(qtbot, window):
    add_layer(qtbot, window, "Conv2d")
    window.form.field("out_channels").box.setValue(96)
    for layer_type in ("GroupNorm", "ChannelShuffle", "Narrow", "LayerScale"):
        window.session.select(0)
        add_layer(qtbot, window, layer_type)
        assert cell(window, 1, SHAPE) != "error", layer_type
    config = {layer.type: layer.config for layer in window.doc.network.layers}
    assert config["GroupNorm"]["num_groups"] == 32
    assert config["ChannelShuffle"]["groups"] == 2
    assert (config["Narrow"]["start"], config["Narrow"]["length"]) == (0, 48)
