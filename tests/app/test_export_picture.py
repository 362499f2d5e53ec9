"""File → Export Picture and Edit → Copy Picture, driven through the window's real menu entries
with the file dialog replaced and the resolution dialog answered by clicking its own buttons."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog

from convdesk.app import picture_export
from convdesk.app.picture_export import (
    PNG_FILTER,
    SVG_FILTER,
    ResolutionDialog,
)

from .helpers import menu_action


def distinct_colours(image: QImage, step: int = 7) -> int:
    """How many different colours a sparse grid of pixels shows (a blank picture shows 1)."""
    return len(
        {
            image.pixel(x, y)
            for x in range(0, image.width(), step)
            for y in range(0, image.height(), step)
        }
    )


@pytest.fixture
def alexnet_conv1(window):
    """The article's AlexNet with conv1 (227×227×3 → 55×55×96) selected."""
    assert window.files.open_preset("alexnet-2012")
    assert window.select_layer_named("conv1")
    return window


def answer_save_dialog(monkeypatch, path, chosen_filter) -> list[tuple]:
    """Make File → Export Picture's save dialog answer `path`; returns the calls it saw."""
    calls = []

    def fake(parent, caption, start, filters, *args, **kwargs):
        calls.append((caption, start, filters))
        return str(path), chosen_filter

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake)
    return calls


def answer_resolution(monkeypatch, scale: int | None) -> list[ResolutionDialog]:
    """Answer the resolution dialog by checking the `scale` button and OK (None: Cancel)."""
    shown = []

    def fake_exec(dialog):
        shown.append(dialog)
        if scale is None:
            dialog.reject()
            return 0
        dialog.buttons[scale].click()
        dialog.accept()
        return 1

    monkeypatch.setattr(ResolutionDialog, "exec", fake_exec)
    return shown


def export_picture(window):
    menu_action(window.menuBar().actions()[0].menu(), "Export Picture").trigger()


def test_png_export_has_the_chosen_resolution_and_is_not_blank(
    window, alexnet_conv1, monkeypatch, tmp_path, dialogs
):
    sizes = {}
    for scale in (1, 2, 4):
        path = tmp_path / f"conv1-{scale}x.png"
        answer_save_dialog(monkeypatch, path, PNG_FILTER)
        shown = answer_resolution(monkeypatch, scale)
        export_picture(window)
        assert len(shown) == 1
        image = QImage(str(path))
        assert not image.isNull(), scale
        assert distinct_colours(image) > 20, scale
        sizes[scale] = image.size()
        # The dialog promised this many pixels; the file has them.
        assert f"{image.width()} × {image.height()} pixels" in shown[0].buttons[scale].text()
    assert dialogs.calls == []
    one = sizes[1]
    # At 1× the picture is the canvas's two views as they are on screen: as wide as the canvas
    # and no taller (the depth-scale bar is not part of it).
    canvas = window.canvas
    assert abs(one.width() - canvas.width()) <= 4
    assert canvas.height() * 0.5 < one.height() <= canvas.height()
    for scale in (2, 4):
        assert abs(sizes[scale].width() - scale * one.width()) <= 1
        assert abs(sizes[scale].height() - scale * one.height()) <= 1


def test_the_resolution_dialog_offers_three_sizes_and_starts_at_2x(window, alexnet_conv1):
    size = window.canvas.picture_size()
    dialog = ResolutionDialog(size, parent=window)
    assert dialog.scale() == 2
    assert dialog.buttons[2].isChecked()
    for factor, button in dialog.buttons.items():
        assert f"{factor * size.width()} × {factor * size.height()} pixels" in button.text()
        assert button.text().startswith("&")  # Alt+1 / Alt+2 / Alt+4 choose it
    dialog.buttons[4].click()
    assert dialog.scale() == 4


def test_the_chosen_resolution_is_offered_next_time(window, alexnet_conv1, monkeypatch, tmp_path):
    answer_save_dialog(monkeypatch, tmp_path / "a.png", PNG_FILTER)
    answer_resolution(monkeypatch, 4)
    export_picture(window)
    answer_save_dialog(monkeypatch, tmp_path / "b.png", PNG_FILTER)
    shown = answer_resolution(monkeypatch, None)
    export_picture(window)
    assert shown[0].buttons[4].isChecked()


def test_cancelling_either_dialog_writes_nothing(
    window, alexnet_conv1, monkeypatch, tmp_path, dialogs
):
    answer_save_dialog(monkeypatch, "", PNG_FILTER)
    shown = answer_resolution(monkeypatch, 2)
    export_picture(window)
    assert shown == []
    path = tmp_path / "cancelled.png"
    answer_save_dialog(monkeypatch, path, PNG_FILTER)
    answer_resolution(monkeypatch, None)
    export_picture(window)
    assert not path.exists()
    assert dialogs.calls == []


def test_svg_export_carries_the_labels(window, alexnet_conv1, monkeypatch, tmp_path, dialogs):
    # No extension typed: the chosen filter decides, and its extension is added.
    calls = answer_save_dialog(monkeypatch, tmp_path / "conv1", SVG_FILTER)
    shown = answer_resolution(monkeypatch, 2)
    export_picture(window)
    assert "*.png" in calls[0][2] and "*.svg" in calls[0][2]
    assert shown == []  # an SVG has no pixel size to choose
    path = tmp_path / "conv1.svg"
    text = path.read_text(encoding="utf-8")
    assert "<svg" in text
    # The article's conv1: 227×227×3 in, 96 kernels 11×11×3, 55×55×96 out.
    for label in ("55×55×96", "227×227×3", "11×11×3", "conv1"):
        assert label in text
    assert dialogs.calls == []


def test_a_typed_extension_wins_over_the_filter(window, alexnet_conv1, monkeypatch, tmp_path):
    answer_save_dialog(monkeypatch, tmp_path / "typed.svg", PNG_FILTER)
    shown = answer_resolution(monkeypatch, 2)
    export_picture(window)
    assert shown == []
    assert "55×55×96" in (tmp_path / "typed.svg").read_text(encoding="utf-8")
    assert not (tmp_path / "typed.svg.png").exists()


@pytest.mark.parametrize("chosen_filter", [PNG_FILTER, SVG_FILTER])
# Qt's SVG writer warns on stderr when it cannot open the file; the test is that the user is told.
@pytest.mark.qt_log_ignore("QSvgPaintEngine::begin\\(\\), could not open", "QPainter::begin\\(\\)")
def test_an_unwritable_path_shows_a_message(
    window, alexnet_conv1, monkeypatch, tmp_path, dialogs, chosen_filter
):
    suffix = ".svg" if chosen_filter == SVG_FILTER else ".png"
    path = tmp_path / "no such folder" / f"conv1{suffix}"
    answer_save_dialog(monkeypatch, path, chosen_filter)
    answer_resolution(monkeypatch, 2)
    export_picture(window)  # must not raise
    assert not path.exists()
    assert dialogs.kinds() == ["warning"]
    _kind, title, text = dialogs.calls[0]
    assert "Cannot export" in title
    assert str(path) in text
    assert "Traceback" not in text


def test_an_export_the_canvas_refuses_shows_a_message(
    window, alexnet_conv1, monkeypatch, tmp_path, dialogs
):
    monkeypatch.setattr(window.canvas, "export_png", lambda path, scale=2.0: False)
    answer_save_dialog(monkeypatch, tmp_path / "refused.png", PNG_FILTER)
    answer_resolution(monkeypatch, 2)
    export_picture(window)
    assert dialogs.kinds() == ["warning"]


def test_copy_picture_puts_an_image_on_the_clipboard(qtbot, window, alexnet_conv1):
    clipboard = QApplication.clipboard()
    clipboard.setText("not a picture")
    assert clipboard.image().isNull()
    menu_action(window.menuBar().actions()[1].menu(), "Copy Picture").trigger()
    image = clipboard.image()
    assert not image.isNull()
    assert distinct_colours(image) > 20
    one = window.canvas.picture_size()
    assert abs(image.width() - 2 * one.width()) <= 1  # sharp when pasted: twice screen size


def test_copy_picture_has_its_own_shortcut(qtbot, window, alexnet_conv1):
    clipboard = QApplication.clipboard()
    clipboard.setText("not a picture")
    qtbot.waitExposed(window)
    window.activateWindow()
    window.table.setFocus()
    qtbot.keyClick(
        window.table,
        Qt.Key.Key_P,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert not clipboard.image().isNull()


def test_no_two_commands_share_a_shortcut(window):
    actions = window.findChildren(type(window.copy_picture_action))
    owners: dict[str, str] = {}
    for action in actions:
        for key in action.shortcuts():
            text = key.toString(QKeySequence.SequenceFormat.PortableText)
            assert text not in owners, (text, owners.get(text), action.text())
            owners[text] = action.text()
    assert owners["Ctrl+Shift+P"] == "Copy P&icture"
    assert owners["Ctrl+Shift+C"] == "&Copy Summary"


def test_help_tells_how_to_export_and_copy_the_picture(window):
    window.help_action.trigger()
    text = window.help_window.browser.toPlainText()
    assert "Export Picture" in text and "Copy Picture" in text
    assert "Ctrl+Shift+P" in text
    assert "SVG" in text and "PNG" in text


def test_picture_path_follows_extension_then_filter():
    assert picture_export.picture_path("/x/a.PNG", SVG_FILTER) == ("/x/a.PNG", "png")
    assert picture_export.picture_path("/x/a", SVG_FILTER) == ("/x/a.svg", "svg")
    assert picture_export.picture_path("/x/a", PNG_FILTER) == ("/x/a.png", "png")
    assert picture_export.picture_path("/x/a.v2", PNG_FILTER) == ("/x/a.v2.png", "png")
