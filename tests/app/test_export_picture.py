"""File → Export Picture and Edit → Copy Picture, driven through the window's real menu entries
with the file dialog replaced and the options dialog answered through its own widgets.

Export Picture writes what `convdesk figure` writes, with the same options; so the tests check
the picture's size (the width asked for, not the window's), its background (light by default,
even in the dark theme) and what it shows (the network or the selected layer, folded or not).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog

from convdesk.app import picture_export
from convdesk.app.picture_export import PNG_FILTER, SVG_FILTER, PictureDialog
from convdesk.canvas.geometry.network_layout import SCALE_TEXT
from convdesk.canvas.palette import DARK, LIGHT

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
    assert window.session.select_named("conv1")
    return window


def answer_save_dialog(monkeypatch, path, chosen_filter) -> list[tuple]:
    """Make File → Export Picture's save dialog answer `path`; returns the calls it saw."""
    calls = []

    def fake(parent, caption, start, filters, *args, **kwargs):
        calls.append((caption, start, filters))
        return str(path), chosen_filter

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake)
    return calls


def answer_options(monkeypatch, answer=None, accept: bool = True) -> list[PictureDialog]:
    """Answer the options dialog: `answer(dialog)` sets its widgets, then OK (or Cancel)."""
    shown = []

    def fake_exec(dialog):
        shown.append(dialog)
        if answer is not None:
            answer(dialog)
        if not accept:
            dialog.reject()
            return 0
        dialog.accept()
        return 1

    monkeypatch.setattr(PictureDialog, "exec", fake_exec)
    return shown


def export_picture(window):
    menu_action(window.menuBar().actions()[0].menu(), "Export Picture").trigger()


def corner(path) -> QColor:
    return QColor(QImage(str(path)).pixel(2, 2))


def test_the_png_is_as_wide_as_asked_whatever_the_window(
    window, alexnet_conv1, monkeypatch, tmp_path, dialogs
):
    for width in (800, 2400):
        path = tmp_path / f"alexnet-{width}.png"
        answer_save_dialog(monkeypatch, path, PNG_FILTER)
        shown = answer_options(monkeypatch, lambda d, w=width: d.width_box.setValue(w))
        export_picture(window)
        assert len(shown) == 1
        image = QImage(str(path))
        assert image.width() == width
        # As tall as the figure's caption and drawing: AlexNet's is long and low.
        assert 0.2 * width <= image.height() <= 0.5 * width
        assert distinct_colours(image) > 20
    assert window.canvas.width() not in (800, 2400)
    assert dialogs.calls == []


def test_the_dialog_starts_light_at_1600_px_on_the_network(window, alexnet_conv1):
    dialog = PictureDialog(
        window.pictures.current_choice(),
        (0, "conv1"),
        window.canvas.network_scale,
        window.canvas.depth_scale,
        window,
    )
    assert dialog.width_box.value() == 1600
    assert dialog.light_button.isChecked() and not dialog.dark_button.isChecked()
    assert dialog.network_button.isChecked()
    assert dialog.scale_box.currentData() == "sqrt"
    assert not dialog.all_layers.isChecked()
    # The layer view has its own scale (the depth scale, linear by default).
    dialog.layer_button.click()
    assert dialog.scale_box.currentData() == "linear"
    assert not dialog.all_layers.isEnabled()
    assert dialog.choice().layer == 0


def test_the_export_is_light_in_the_dark_theme_unless_dark_is_chosen(
    window, alexnet_conv1, monkeypatch, tmp_path
):
    # Deliberately not the window's theme: a picture goes on a white slide or page.
    window.theme_actions["dark"].trigger()
    light = tmp_path / "light.png"
    answer_save_dialog(monkeypatch, light, PNG_FILTER)
    answer_options(monkeypatch)
    export_picture(window)
    assert corner(light) == LIGHT.background
    dark = tmp_path / "dark.png"
    answer_save_dialog(monkeypatch, dark, PNG_FILTER)
    answer_options(monkeypatch, lambda d: d.dark_button.click())
    export_picture(window)
    assert corner(dark) == DARK.background
    # The choice is remembered for the next export.
    assert window.pictures.current_choice().dark
    window.theme_actions["light"].trigger()


def test_the_options_reach_the_svg_as_convdesk_figure_would(
    window, alexnet_conv1, monkeypatch, tmp_path
):
    folded = tmp_path / "folded.svg"
    answer_save_dialog(monkeypatch, folded, SVG_FILTER)
    answer_options(monkeypatch, lambda d: d.scale_box.setCurrentIndex(d.scale_box.findData("log")))
    export_picture(window)
    text = folded.read_text(encoding="utf-8")
    assert 'width="1600' in text
    assert SCALE_TEXT["log"] in text
    assert "conv1 + ReLU" in text
    every = tmp_path / "every.svg"
    answer_save_dialog(monkeypatch, every, SVG_FILTER)
    answer_options(monkeypatch, lambda d: d.all_layers.setChecked(True))
    export_picture(window)
    text = every.read_text(encoding="utf-8")
    assert "conv1 + ReLU" not in text and "relu1" in text
    assert SCALE_TEXT["sqrt"] in text  # the dialog started again from the canvas's scale


def test_the_selected_layer_alone_carries_its_labels(
    window, alexnet_conv1, monkeypatch, tmp_path, dialogs
):
    # No extension typed: the chosen filter decides, and its extension is added.
    calls = answer_save_dialog(monkeypatch, tmp_path / "conv1", SVG_FILTER)
    shown = answer_options(monkeypatch, lambda d: d.layer_button.click())
    export_picture(window)
    assert "*.png" in calls[0][2] and "*.svg" in calls[0][2]
    assert "conv1" in shown[0].layer_button.text()
    text = (tmp_path / "conv1.svg").read_text(encoding="utf-8")
    # The article's conv1: 227×227×3 in, 96 kernels 11×11×3, 55×55×96 out.
    for label in ("55×55×96", "227×227×3", "11×11×3", "conv1"):
        assert label in text
    assert "relu1" not in text  # one layer, not the network
    assert dialogs.calls == []


def test_the_layer_alone_view_starts_on_the_layer(window, alexnet_conv1, monkeypatch, tmp_path):
    window.canvas.set_view_mode("layer")
    path = tmp_path / "layer.png"
    answer_save_dialog(monkeypatch, path, PNG_FILTER)
    shown = answer_options(monkeypatch, lambda d: d.width_box.setValue(1000))
    export_picture(window)
    assert shown[0].layer_button.isChecked()
    image = QImage(str(path))
    assert image.width() == 1000
    assert 400 <= image.height() <= 560  # the layer view's proportions, not the window's


@pytest.mark.shared_window
def test_without_a_selected_layer_only_the_network_is_offered(window):
    dialog = PictureDialog(window.pictures.current_choice(), None, "sqrt", "linear", window)
    assert not dialog.layer_button.isEnabled()
    assert dialog.choice().layer is None


def test_cancelling_either_dialog_writes_nothing(
    window, alexnet_conv1, monkeypatch, tmp_path, dialogs
):
    answer_save_dialog(monkeypatch, "", PNG_FILTER)
    shown = answer_options(monkeypatch)
    export_picture(window)
    assert shown == []
    path = tmp_path / "cancelled.png"
    answer_save_dialog(monkeypatch, path, PNG_FILTER)
    answer_options(monkeypatch, accept=False)
    export_picture(window)
    assert not path.exists()
    assert dialogs.calls == []


def test_a_typed_extension_wins_over_the_filter(window, alexnet_conv1, monkeypatch, tmp_path):
    answer_save_dialog(monkeypatch, tmp_path / "typed.svg", PNG_FILTER)
    answer_options(monkeypatch)
    export_picture(window)
    assert "<svg" in (tmp_path / "typed.svg").read_text(encoding="utf-8")
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
    answer_options(monkeypatch)
    export_picture(window)  # must not raise
    assert not path.exists()
    assert dialogs.kinds() == ["warning"]
    _kind, title, text = dialogs.calls[0]
    assert "Cannot export" in title
    assert str(path) in text
    assert "Traceback" not in text


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


@pytest.mark.shared_window
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
