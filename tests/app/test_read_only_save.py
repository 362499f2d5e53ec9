"""Saving over a read-only file asks first; saving through a link keeps the link."""

from __future__ import annotations

import os

from PySide6.QtWidgets import QMessageBox

from convdesk.engine import Layer, Network, load_network, save_network


def test_a_read_only_file_is_replaced_only_after_asking(window, dialogs, tmp_path):
    path = tmp_path / "locked.convdesk"
    save_network(Network([3], [Layer("ReLU", "old")], "old"), path)
    path.chmod(0o444)
    window.doc.replace(Network([3], [Layer("ReLU", "new")], "new"), None)
    dialogs.answer = QMessageBox.StandardButton.Cancel
    assert not window.files.save_to(str(path))
    assert dialogs.calls[-1][:2] == ("question", "Replace a read-only file?")
    assert load_network(path).name == "old"
    dialogs.answer = QMessageBox.StandardButton.Yes
    assert window.files.save_to(str(path))
    assert load_network(path).name == "new"
    assert os.stat(path).st_mode & 0o777 == 0o444


def test_saving_a_file_opened_through_a_link_keeps_the_link(window, tmp_path):
    real = tmp_path / "real.convdesk"
    save_network(Network([3], [Layer("ReLU", "r")], "first"), real)
    link = tmp_path / "link.convdesk"
    link.symlink_to(real)
    assert window.files.open_path(str(link), ask=False)
    window.doc.set_meta("second", "")
    assert window.files.save()
    assert link.is_symlink() and load_network(real).name == "second"


def test_undoing_a_cleared_key_puts_it_back_in_its_place(window, tmp_path):
    path = tmp_path / "keys.convdesk"
    config = {"out_channels": 4, "stride": 2, "kernel_size": 3, "padding": 1}
    save_network(Network([3, 8, 8], [Layer("Conv2d", "c", config)]), path)
    text = path.read_text(encoding="utf-8")
    assert window.files.open_path(str(path), ask=False)
    window.session.set_value(0, "stride", None)  # the form's "clear this key"
    assert "stride" not in window.doc.layer(0).config
    window.undo.undo()
    assert list(window.doc.layer(0).config) == ["out_channels", "stride", "kernel_size", "padding"]
    assert window.files.save()
    assert path.read_text(encoding="utf-8") == text
