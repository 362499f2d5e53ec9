"""The real CanvasWidget driven with pytest-qt (offscreen): selection, slider, export, themes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QToolTip

from convdesk.canvas.palette import DARK, LIGHT
from convdesk.engine import compute
from convdesk.engine.presets import load_preset

from .helpers import alexnet_conv1, network


@pytest.fixture
def alexnet(canvas):
    net = load_preset("alexnet-2012")
    report = compute(net)
    canvas.set_depth_scale("log")
    canvas.set_report(net, report)
    return canvas, net, report


def click_block(qtbot, canvas, index):
    stage = canvas.network_view.stage
    block = canvas.network_view.layout_.block_of(index)
    pos = stage.view_point(*block.box.front_center())
    qtbot.mouseClick(stage.view.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def test_clicking_a_block_emits_its_layer_and_shows_it(qtbot, alexnet):
    canvas, _net, report = alexnet
    pool1 = report.by_name("pool1").index
    with qtbot.waitSignal(canvas.layerClicked, timeout=2000) as blocker:
        click_block(qtbot, canvas, pool1)
    assert blocker.args == [pool1]
    assert canvas.selected == pool1
    assert canvas.layer_view.result.name == "pool1"


def test_clicking_empty_space_selects_nothing(qtbot, alexnet):
    canvas, _net, _report = alexnet
    stage = canvas.network_view.stage
    with qtbot.assertNotEmitted(canvas.layerClicked, wait=100):
        qtbot.mouseClick(
            stage.view.viewport(), Qt.MouseButton.LeftButton, pos=stage.view_point(-500, -500)
        )
    assert canvas.selected is None


def test_select_layer_highlights_the_block_without_emitting(qtbot, alexnet):
    canvas, _net, report = alexnet
    conv2 = report.by_name("conv2").index
    with qtbot.assertNotEmitted(canvas.layerClicked, wait=50):
        canvas.select_layer(conv2)
    block = canvas.network_view.layout_.block_of(conv2)
    left, top, right, bottom = block.box.bounds()
    rect = canvas.network_view.highlight.boundingRect()
    assert rect.contains(QPointF((left + right) / 2, (top + bottom) / 2))
    assert rect.width() == pytest.approx(right - left, abs=2.5)
    assert canvas.layer_view.result.name == "conv2"
    canvas.select_layer(None)
    assert canvas.network_view.highlight.boundingRect().isNull()
    assert canvas.layer_view.result is None


def test_select_layer_out_of_range_is_no_selection(alexnet):
    canvas, _net, report = alexnet
    canvas.select_layer(len(report.layers) + 5)
    assert canvas.selected is None


def test_hovering_a_block_tells_shape_params_and_macs(qtbot, alexnet):
    canvas, _net, report = alexnet
    conv1 = report.by_name("conv1")
    stage = canvas.network_view.stage
    block = canvas.network_view.layout_.block_of(conv1.index)
    qtbot.mouseMove(stage.view.viewport(), stage.view_point(*block.box.front_center()))
    qtbot.waitUntil(lambda: "params" in QToolTip.text(), timeout=2000)
    text = QToolTip.text()
    # The article: 34,944 trainable parameters, output 55×55×96.
    assert "34,944" in text
    assert "55×55×96" in text


def test_the_slider_moves_the_kernel_by_the_stride(qtbot, canvas):
    net, report = alexnet_conv1()
    canvas.set_report(net, report)
    canvas.select_layer(0)
    controls = canvas.layer_view.controls
    # 55 × 55 output positions (the article's output size).
    assert controls.slider.maximum() == 55 * 55 - 1
    start = canvas.layer_view.frame.window
    with qtbot.waitSignal(canvas.elementChanged) as blocker:
        controls.slider.setValue(3 * 55 + 5)
    assert blocker.args == [0, (3, 5)]
    moved = canvas.layer_view.frame.window
    assert (moved.x - start.x, moved.y - start.y) == pytest.approx((20, 12))
    assert "(3, 5)" in controls.where.text()
    # The worked steps show the element's index arithmetic: stride 4, column 5 starts at 20.
    assert "5·4" in canvas.steps.text()
    assert "20" in canvas.steps.text()


def test_step_buttons_go_forward_back_and_wrap(qtbot, canvas):
    net, report = alexnet_conv1()
    canvas.set_report(net, report)
    canvas.select_layer(0)
    controls = canvas.layer_view.controls
    qtbot.mouseClick(controls.forward, Qt.MouseButton.LeftButton)
    assert canvas.layer_view.position == (0, 1)
    qtbot.mouseClick(controls.back, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(controls.back, Qt.MouseButton.LeftButton)
    assert canvas.layer_view.position == (54, 54)
    qtbot.mouseClick(controls.forward, Qt.MouseButton.LeftButton)
    assert canvas.layer_view.position == (0, 0)


def test_play_moves_the_kernel_until_paused(qtbot, canvas):
    net, report = alexnet_conv1()
    canvas.set_report(net, report)
    canvas.select_layer(0)
    controls = canvas.layer_view.controls
    qtbot.mouseClick(controls.play, Qt.MouseButton.LeftButton)
    assert controls.timer.isActive()
    qtbot.waitUntil(lambda: controls.step >= 3, timeout=3000)
    qtbot.mouseClick(controls.play, Qt.MouseButton.LeftButton)
    assert not controls.timer.isActive()
    stopped = controls.step
    qtbot.wait(150)
    assert controls.step == stopped


def test_layers_without_a_window_disable_the_slider(canvas):
    net, report = network([16, 4, 4], {"type": "Flatten"}, {"type": "Linear", "out_features": 10})
    canvas.set_report(net, report)
    canvas.select_layer(1)
    assert not canvas.layer_view.controls.slider.isEnabled()
    assert not canvas.layer_view.controls.play.isEnabled()
    assert canvas.layer_view.scene.kind == "dense"


def test_a_network_in_error_is_drawn_with_its_message(canvas):
    net, report = network(
        [3, 5, 5],
        {"name": "too_big", "type": "Conv2d", "out_channels": 4, "kernel_size": 7},
        {"name": "after", "type": "ReLU"},
    )
    canvas.set_report(net, report)
    canvas.select_layer(0)
    # the message is shown whole, wrapped over lines
    caption = " ".join(canvas.layer_view.stage.caption.lines())
    assert report.layers[0].error in caption
    canvas.select_layer(1)
    assert any("too_big" in line for line in canvas.layer_view.stage.caption.lines())
    assert any("in error" in line for line in canvas.network_view.stage.caption.lines())


def test_no_report_at_all_is_an_empty_canvas(canvas):
    canvas.set_report(None, None)
    canvas.select_layer(0)
    assert canvas.selected is None
    assert canvas.network_view.layout_ is None


def test_the_picture_names_its_depth_scale(alexnet):
    canvas, _net, _report = alexnet
    canvas.select_layer(0)
    for scale, words in (("linear", "true scale"), ("sqrt", "square root"), ("log", "log2")):
        canvas.set_depth_scale(scale)
        assert any(words in line for line in canvas.layer_view.stage.caption.lines())
        # The network figure has its own size scale, and names it too.
        canvas.set_network_scale(scale)
        assert canvas.network_view.layout_.scale == scale
        assert any(words in line for line in canvas.network_view.stage.caption.lines())


def distinct_colours(image: QImage, step: int = 7) -> int:
    seen = set()
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            seen.add(image.pixel(x, y))
    return len(seen)


def test_copy_to_clipboard_puts_an_image_there(alexnet):
    canvas, _net, _report = alexnet
    canvas.select_layer(0)
    canvas.copy_to_clipboard()
    image = QApplication.clipboard().image()
    assert not image.isNull()
    assert distinct_colours(image) > 20


def test_the_copied_picture_is_the_screen_in_its_theme(alexnet):
    # Copy Picture copies the canvas as shown, dark theme included. (File → Export Picture
    # draws the figure afresh, light unless dark is chosen: tests/app/test_export_picture.py.)
    canvas, _net, _report = alexnet
    canvas.set_dark(True)
    canvas.copy_to_clipboard()
    assert QColor(QApplication.clipboard().image().pixel(2, 2)) == DARK.background
    canvas.set_dark(False)
    canvas.copy_to_clipboard()
    assert QColor(QApplication.clipboard().image().pixel(2, 2)) == LIGHT.background


def test_zoom_enlarges_the_text(alexnet):
    canvas, _net, _report = alexnet
    canvas.select_layer(0)
    caption = canvas.layer_view.stage.caption
    normal = caption.pixel_height()
    canvas.set_zoom(2.0)
    assert caption.pixel_height() == pytest.approx(2 * normal, rel=0.15)
    assert canvas.layer_view.stage.labels.zoom == 2.0


def face_extent(image: QImage, colour: QColor) -> tuple[int, int]:
    """Width and height in pixels of the area painted exactly in `colour`."""
    target = colour.rgb()
    xs, ys = [], []
    for y in range(image.height()):
        for x in range(image.width()):
            if image.pixel(x, y) == target:
                xs.append(x)
                ys.append(y)
    return max(xs) - min(xs) + 1, max(ys) - min(ys) + 1


def test_screenshot_input_and_output_faces_keep_the_articles_ratio(canvas):
    """Measured on the rendered picture: 227 / 55 within a few pixels, square faces."""
    from convdesk.canvas.export import render_image

    net, report = alexnet_conv1()
    canvas.set_report(net, report)
    canvas.select_layer(0)
    canvas.layer_view.controls.set_step(55 * 55 - 1)  # kernel and element out of the corners
    image = render_image([canvas.layer_view.stage], 1.0, LIGHT.background)
    in_w, in_h = face_extent(image, LIGHT.fill("input"))
    out_w, out_h = face_extent(image, LIGHT.fill("output"))
    assert in_w == pytest.approx(in_h, abs=3)
    assert out_w == pytest.approx(out_h, abs=3)
    assert in_w / out_w == pytest.approx(227 / 55, rel=0.04)
    assert in_w > 200  # big enough to read on a projector at this window size


def test_screenshot_the_selection_outline_is_drawn_around_its_block(canvas):
    from convdesk.canvas.export import render_image

    net = load_preset("resnet18-torchvision")
    report = compute(net)
    canvas.set_depth_scale("log")
    canvas.set_report(net, report)
    index = report.by_name("layer2.0.conv1").index
    canvas.select_layer(index)
    stage = canvas.network_view.stage
    image = render_image([stage], 1.0, LIGHT.background)
    red = LIGHT.selected.rgb()
    xs, ys = [], []
    for y in range(image.height()):
        for x in range(image.width()):
            if image.pixel(x, y) == red:
                xs.append(x)
                ys.append(y)
    assert xs, "no selection outline in the picture"
    left, top, right, bottom = canvas.network_view.layout_.block_of(index).box.bounds()
    a = stage.view_point(left, top)
    b = stage.view_point(right, bottom)
    assert min(xs) == pytest.approx(a.x(), abs=4)
    assert max(xs) == pytest.approx(b.x(), abs=4)
    assert min(ys) == pytest.approx(a.y(), abs=4)
    assert max(ys) == pytest.approx(b.y(), abs=4)


def test_hovering_the_layer_view_names_the_part(qtbot, canvas):
    net, report = alexnet_conv1()
    canvas.set_report(net, report)
    canvas.select_layer(0)
    canvas.layer_view.controls.set_step(55 * 55 - 1)
    # The kernel moved by hand: the picture is fitted again once it rests; hover after that.
    qtbot.waitUntil(lambda: not canvas.layer_view._refit.isActive())
    stage = canvas.layer_view.stage
    inp = next(b for b in canvas.layer_view.scene.boxes if b.role == "input")
    qtbot.mouseMove(stage.view.viewport(), stage.view_point(*inp.front_center()))
    qtbot.waitUntil(lambda: "input of conv1" in QToolTip.text(), timeout=2000)
    assert "227" in QToolTip.text()


def test_a_recomputed_report_keeps_the_selection_and_clamps_the_step(canvas):
    net, report = alexnet_conv1()
    canvas.set_report(net, report)
    canvas.select_layer(0)
    canvas.layer_view.controls.set_step(55 * 55 - 1)
    # The same layer with stride 8: (227 − 11) / 8 + 1 = 28 positions a side.
    net.layers[0].config["stride"] = 8
    # As the window does after an edit: the new report, then the selection.
    canvas.set_report(net, compute(net))
    canvas.select_layer(0)
    assert canvas.selected == 0
    assert canvas.layer_view.controls.slider.maximum() == 28 * 28 - 1
    assert canvas.layer_view.position == (27, 27)


# -- Long networks, label room, projector zoom, one draw per edit ---------------------------------


@pytest.fixture
def resnet50(canvas):
    net = load_preset("resnet50-torchvision")
    report = compute(net)
    canvas.set_report(net, report)
    return canvas, net, report


def drawn_texts(stage) -> list[str]:
    stage.view.viewport().repaint()
    return [text for text, _rect in stage.labels.drawn]


def view_rect(stage):
    r = stage.box.viewRect()
    return r.left(), r.top(), r.right(), r.bottom()


def test_selecting_a_layer_of_a_long_network_shows_its_neighbourhood_and_fit_shows_all(resnet50):
    canvas, _net, report = resnet50
    canvas.all_layers.setChecked(True)  # every layer its own block: 176 of them
    view = canvas.network_view
    whole = view.layout_.bounds()
    index = report.by_name("layer1.0.add").index
    canvas.select_layer(index)
    left, top, right, bottom = view_rect(view.stage)
    bl, bt, br, bb = view.layout_.block_of(index).box.bounds()
    assert left < bl and br < right and top < bt and bb < bottom
    # Centred on the selected block, and far from the whole network.
    assert (left + right) / 2 == pytest.approx((bl + br) / 2, abs=0.02 * (right - left))
    assert right - left < 0.45 * (whole[2] - whole[0])
    texts = drawn_texts(view.stage)
    assert "layer1.0.add" in texts  # the selected block's name in full
    # Its stage and its neighbours, by their short names.
    assert "layer1" in texts
    assert sum(t in ("conv1", "bn1", "relu1", "conv2", "bn2", "relu2", "add") for t in texts) >= 3
    canvas.fit_button.click()
    left, top, right, bottom = view_rect(view.stage)
    assert left <= whole[0] and whole[2] <= right


def test_a_short_network_stays_whole_when_a_layer_is_selected(alexnet):
    canvas, _net, report = alexnet
    canvas.select_layer(report.by_name("conv2").index)
    whole = canvas.network_view.layout_.bounds()
    left, top, right, bottom = view_rect(canvas.network_view.stage)
    assert left <= whole[0] and whole[2] <= right and top <= whole[1] and whole[3] <= bottom


def test_labels_drawn_in_the_network_view_never_overlap(resnet50):
    canvas, _net, report = resnet50
    canvas.select_layer(report.by_name("layer3.2.conv2").index)
    stage = canvas.network_view.stage
    stage.view.viewport().repaint()
    rects = [rect for _text, rect in stage.labels.drawn]
    assert len(rects) >= 6
    for i, a in enumerate(rects):
        for b in rects[i + 1 :]:
            assert not a.intersects(b)


@pytest.mark.parametrize("zoom", [1.0, 1.5])
def test_every_title_of_a_merge_is_drawn_whole(canvas, resnet50, zoom):
    canvas, _net, report = resnet50
    canvas.resize(1400, 1000)
    canvas.select_layer(report.by_name("layer1.0.add").index)
    canvas.set_zoom(zoom)
    stage = canvas.layer_view.stage
    # A label cut by the view's edge is not drawn at all, so each title drawn is whole.
    texts = drawn_texts(stage)
    for title in (
        "input 1 (layer1.0.bn3) 56×56×256",
        "input 2 (layer1.0.downsample.1) 56×56×256",
        "output 56×56×256",
    ):
        assert title in texts
    area = stage.view.viewport().rect()
    for _text, rect in stage.labels.drawn:
        assert area.contains(rect.toRect())


def test_the_articles_labels_all_show_at_projector_zoom(canvas):
    net, report = alexnet_conv1()
    canvas.set_report(net, report)
    canvas.select_layer(0)
    canvas.set_zoom(1.5)
    texts = drawn_texts(canvas.layer_view.stage)
    for text in ("input 227×227×3", "output 55×55×96", "kernel 11×11×3", "w = 227", "p = 55"):
        assert text in texts


def test_an_edit_draws_the_selected_layer_once(canvas, monkeypatch):
    net, report = alexnet_conv1()
    canvas.set_report(net, report)
    canvas.select_layer(0)
    calls = []
    real = canvas.layer_view.show_layer

    def counting(*args, **kwargs):
        calls.append(args[0].name if args[0] is not None else None)
        real(*args, **kwargs)

    monkeypatch.setattr(canvas.layer_view, "show_layer", counting)
    # A layer inserted before the selected one: the window sends the report, then the selection.
    net2, report2 = network(
        [3, 227, 227],
        {"name": "pad", "type": "ZeroPad2d", "padding": 0},
        {"name": "conv1", "type": "Conv2d", "out_channels": 96, "kernel_size": 11, "stride": 4},
    )
    canvas.set_report(net2, report2)
    canvas.select_layer(1)
    assert calls == ["conv1"]
    assert canvas.layer_view.result is report2.layers[1]
    # Selecting it again changes nothing and draws nothing.
    canvas.select_layer(1)
    assert calls == ["conv1"]


def test_a_new_report_alone_is_drawn_on_the_next_turn_of_the_event_loop(qtbot, canvas):
    net, report = alexnet_conv1()
    canvas.set_report(net, report)
    canvas.select_layer(0)
    net.layers[0].config["stride"] = 8
    report2 = compute(net)
    canvas.set_report(net, report2)
    qtbot.waitUntil(lambda: canvas.layer_view.result is report2.layers[0], timeout=2000)
    assert canvas.layer_view.controls.slider.maximum() == 28 * 28 - 1


def test_labels_follow_a_long_pan_and_a_zoom_keeps_the_neighbourhood(resnet50):
    canvas, _net, report = resnet50
    canvas.all_layers.setChecked(True)
    view = canvas.network_view
    index = report.by_name("layer1.0.add").index
    canvas.select_layer(index)
    assert "layer1.0.add" in drawn_texts(view.stage)
    # Pan a screen and a half right: the names drawn are those of the blocks now in view.
    box = view.stage.box
    box.translateBy(x=1.5 * box.viewRect().width())
    left, _top, right, _bottom = view_rect(view.stage)
    texts = drawn_texts(view.stage)
    assert "layer1.0.add" not in texts
    lay = view.layout_
    in_view, names = set(), set()
    for label, owner in zip(lay.labels, lay.owners, strict=True):
        if owner < 0 or label.role != "title":
            continue
        names.add(label.text)
        bounds = lay.blocks[owner].box.bounds()
        if left <= bounds[0] and bounds[2] <= right:
            in_view.add(label.text)
    assert texts and {t for t in texts if t in names} <= in_view | {"input"}
    # Projector zoom frames the selection's neighbourhood again, names readable.
    canvas.set_zoom(1.5)
    left, _top, right, _bottom = view_rect(view.stage)
    bl, _, br, _ = view.layout_.block_of(index).box.bounds()
    assert left < bl and br < right
    assert "layer1.0.add" in drawn_texts(view.stage)


def test_no_attribute_hides_a_qt_method(alexnet):
    """QWidget.depth() and QWidget.palette() stay callable on the canvas and its two views."""
    canvas, _net, _report = alexnet
    assert isinstance(canvas.depth(), int)
    for view in (canvas, canvas.network_view, canvas.layer_view):
        assert view.palette().color(view.palette().ColorRole.Window).isValid()
    assert canvas.depth_scale == "log"
