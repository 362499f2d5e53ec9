"""Keyboard entry: the type palette adds a layer after the selection and puts the keyboard in
its first required setting; the Add menu has a mnemonic on every entry."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from convdesk.app.type_palette import SHORTCUT, matches
from convdesk.engine import GROUPS


def test_conv2_enter_adds_a_conv2d_after_the_selection_and_focuses_out_channels(qtbot, window):
    window.files.open_preset("alexnet-2012")
    window.session.select(1)  # relu1
    assert window.type_palette.action.shortcut() == QKeySequence(SHORTCUT)
    window.type_palette.action.trigger()
    palette = window.type_palette.palette
    assert palette.isVisible()
    qtbot.keyClicks(palette.edit, "conv2")
    assert palette.list.currentItem().text() == "Conv2d"
    qtbot.keyClick(palette.edit, Qt.Key.Key_Return)
    assert not palette.isVisible()
    layer = window.doc.layer(2)
    assert layer.type == "Conv2d"
    assert window.session.selected == 2
    box = window.form.field("out_channels").focus_widget()
    qtbot.waitUntil(lambda: window.focusWidget() in (box, box.lineEdit()))


def test_slash_in_the_list_opens_the_palette_and_arrows_choose(qtbot, window):
    window.files.open_preset("alexnet-2012")
    window.session.select(0)
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Slash)
    palette = window.type_palette.palette
    assert palette.isVisible()
    qtbot.keyClicks(palette.edit, "relu")
    qtbot.keyClick(palette.edit, Qt.Key.Key_Down)
    assert palette.list.currentItem().text() == "ReLU6"
    qtbot.keyClick(palette.edit, Qt.Key.Key_Return)
    assert window.doc.layer(1).type == "ReLU6"
    # A type without required settings: the keyboard goes to the new layer's name.
    qtbot.waitUntil(lambda: window.focusWidget() is window.form.name_edit)


def test_matches_rank_prefixes_then_substrings_then_letters_in_order():
    assert matches("conv2")[:2] == ["Conv2d", "ConvTranspose2d"]
    assert matches("pool2")[0] == "MaxPool2d"  # holds "pool2"; no type starts with it
    assert "Conv2d" in matches("c2d")
    assert matches("zzz") == []


@pytest.mark.shared_window
def test_every_add_menu_entry_has_a_mnemonic_unique_in_its_menu(window):
    for group in GROUPS:
        letters = []
        for action in window.add_menu.type_actions(group):
            text = action.text()
            assert "&" in text, text
            letters.append(text[text.index("&") + 1].lower())
        assert len(letters) == len(set(letters)), group
