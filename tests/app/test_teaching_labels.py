"""What the class sees of AlexNet's conv1 with the kernel at output row 9, column 5: at 200 %
in the 1440×900 window and in presentation mode every label of the drawing is shown, none
over another, each beside its block, and in presentation mode the drawing takes the room."""

from __future__ import annotations

from PySide6.QtCore import QRectF

from tests.qt_wait import settle

from .helpers import block_px, menu_action

STEP = 9 * 55 + 5
LABELS = {
    "kernel 11×11×3",
    "d = 3",
    "h = 227",
    "w = 227",
    "input 227×227×3",
    "k = 96",
    "q = 55",
    "p = 55",
    "output 55×55×96",
}


def _rest(qtbot, layer_view) -> None:
    """Put the kernel at STEP and wait until the picture is fitted for it."""
    layer_view.controls.set_step(STEP)
    qtbot.waitUntil(lambda: not layer_view._refit.isActive(), timeout=3000)
    layer_view.stage.view.grab()  # paint, so `drawn` holds what is on screen


def _check_drawn(layer_view, zoom: float) -> dict[str, QRectF]:
    drawn = layer_view.stage.labels.drawn
    texts = [text for text, _rect in drawn]
    assert set(texts) >= LABELS, sorted(LABELS - set(texts))
    assert set(layer_view.cell_text) <= set(texts)  # the output cell's lines
    rects = [rect for _text, rect in drawn]
    for i, a in enumerate(rects):
        for b in rects[i + 1 :]:
            assert not a.intersects(b), (texts[i], a, b)
    # The output's height is named beside the output block, not a block away.
    shown = dict(drawn)
    out = block_px(layer_view, "output")
    q = shown["q = 55"]
    reach = 30 * zoom
    assert out.adjusted(-reach, -reach, reach, reach).intersects(q), (out, q)
    return shown


def test_every_label_at_200_percent(qtbot, window):
    window.resize(1440, 900)
    qtbot.waitUntil(lambda: window.width() == 1440)
    window.files.open_preset("alexnet-2012")
    window.session.select_named("conv1")
    for _ in range(5):
        window.zoom_in_action.trigger()
    assert window.view_settings.zoom == 2.0
    layer_view = window.canvas.layer_view
    settle(window)
    _rest(qtbot, layer_view)
    _check_drawn(layer_view, 2.0)


def test_presentation_labels_stay_by_their_blocks_and_the_drawing_takes_the_room(qtbot, window):
    window.files.open_preset("alexnet-2012")
    window.session.select_named("conv1")
    menu_action(window.menuBar().actions()[2].menu(), "Presentation Mode").trigger()
    view = window.presenter.view
    qtbot.waitUntil(view.isVisible)
    assert view.isFullScreen()
    # The offscreen screen is smaller than a projector's 1440×900: show the view that size.
    view.showNormal()
    view.setGeometry(0, 0, 1440, 900)
    qtbot.waitUntil(lambda: view.width() == 1440)
    settle(view)
    layer_view = view.canvas.layer_view
    _rest(qtbot, layer_view)
    _check_drawn(layer_view, layer_view.zoom)
    # The input block takes a good share of the height under the caption.
    stage = layer_view.stage
    room = stage.view.height() - stage.caption.pixel_height()
    assert block_px(layer_view, "input").height() >= 0.35 * room


def test_presentation_at_1024_by_768_shows_every_block_title(qtbot, window):
    """On an old projector's 1024×768 the type keeps its share of the screen's width (smaller
    in pixels than on 1440×900), so the drawing has room for the input's and output's titles."""
    window.files.open_preset("alexnet-2012")
    window.session.select_named("conv1")
    menu_action(window.menuBar().actions()[2].menu(), "Presentation Mode").trigger()
    view = window.presenter.view
    qtbot.waitUntil(view.isVisible)
    view.showNormal()
    view.setGeometry(0, 0, 1440, 900)
    qtbot.waitUntil(lambda: view.width() == 1440)
    full_title = view.title.font().pointSizeF()
    view.setGeometry(0, 0, 1024, 768)
    qtbot.waitUntil(lambda: view.width() == 1024)
    settle(view)
    layer_view = view.canvas.layer_view
    _rest(qtbot, layer_view)
    shown = _check_drawn(layer_view, layer_view.zoom)
    assert "input 227×227×3" in shown and "output 55×55×96" in shown
    # Still large type: the same share of the screen's width as on 1440×900.
    assert view.title.font().pointSizeF() >= full_title * 1024 / 1440 - 0.01
    assert layer_view.zoom >= 2.0 * 1024 / 1440 - 0.01
    title = view.title
    assert title.fontMetrics().horizontalAdvance(title.text()) <= title.contentsRect().width()


def test_caption_notes_are_not_joined_past_the_width_at_200_percent(qtbot, window):
    """A pool's two notes share a line at 100 %; at 200 % each is a line of its own, so the
    caption never shows half a sentence."""
    window.resize(1440, 900)
    qtbot.waitUntil(lambda: window.width() == 1440)
    window.files.open_preset("alexnet-2012")
    window.session.select_named("pool1")
    window.canvas_feed.flush()
    caption = window.canvas.layer_view.stage.caption
    qtbot.waitUntil(lambda: any(line.startswith("max over a 3×3") for line in caption.lines()))
    joined = [line for line in caption.lines() if line.startswith("max over a 3×3")]
    assert "; A pool works on each channel alone" in joined[0]
    for _ in range(5):
        window.zoom_in_action.trigger()
    settle(window)
    window.canvas.layer_view.fit()
    assert "max over a 3×3 window, stride 2" in caption.lines()
