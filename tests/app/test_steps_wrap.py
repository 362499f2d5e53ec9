"""The worked steps wrap at the panel's width, so a projector at high zoom needs no sideways
scrolling."""

from __future__ import annotations

from convdesk.engine import Layer, Network


def test_long_lines_and_long_names_wrap_in_a_narrow_panel(qtbot, window):
    name = "features_" + "x" * 70  # one long word: a name has no space to break at
    network = Network(
        [3, 227, 227], [Layer("Conv2d", name, {"out_channels": 96, "kernel_size": 11, "stride": 4})]
    )
    window.doc.replace(network, None)
    window.view_settings.set_zoom(2.5)
    window.steps_dock.setFloating(True)
    window.steps_dock.resize(360, 500)
    qtbot.waitUntil(lambda: window.steps.viewport().width() < 400)
    steps = window.steps
    assert steps.horizontalScrollBar().maximum() == 0
    assert steps.document().size().width() <= steps.viewport().width() + 1
    text = steps.toPlainText()
    assert name in text.replace("\u2028", "").replace("\n", "")
    # The article's layer: 34,944 parameters, still written out in full.
    assert "34,944" in text or "34944" in text


def test_a_wrapped_line_continues_further_in_than_the_next_line(qtbot, window):
    window.files.open_preset("alexnet-2012")
    window.session.select(0)
    window.view_settings.set_zoom(2.0)
    window.steps_dock.setFloating(True)
    window.steps_dock.resize(360, 500)
    qtbot.waitUntil(lambda: window.steps.viewport().width() < 400)
    document = window.steps.document()
    wrapped = []
    block = document.begin()
    while block.isValid():
        layout = block.layout()
        if layout.lineCount() > 1 and block.blockFormat().textIndent() < 0:
            wrapped.append(layout)
        block = block.next()
    assert wrapped, "at this width some formula line must wrap"
    for layout in wrapped:
        first, second = layout.lineAt(0), layout.lineAt(1)
        # The continuation starts to the right of the line's start, so it reads as one line.
        assert second.x() > first.x()
