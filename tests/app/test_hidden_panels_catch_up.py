"""Closed or hidden views are not redrawn at every edit; shown again, each shows the last edit
exactly as if it had followed them all."""

from __future__ import annotations


def _alexnet_conv1(window) -> None:
    window.files.open_preset("alexnet-2012", ask=False)
    window.session.select_named("conv1")
    window.canvas_feed.flush()


def test_closed_worked_steps_catch_up_when_opened(qtbot, window):
    window.show()
    qtbot.waitExposed(window)
    _alexnet_conv1(window)
    steps = window.steps
    assert "34,944" in steps.toPlainText()
    window.steps_dock.close()
    written = steps.toHtml()
    window.form.field("out_channels").box.setValue(64)
    assert window.doc.report.layers[0].params == 23_296  # 64 × (11 × 11 × 3) + 64
    assert steps.toHtml() == written  # not rewritten while closed
    window.steps_dock.show()
    assert "23,296" in steps.toPlainText()
    assert "34,944" not in steps.toPlainText()


def test_the_hidden_layer_view_catches_up_when_shown(qtbot, window):
    _alexnet_conv1(window)
    canvas = window.canvas
    layer_view = canvas.layer_view
    canvas.set_view_mode("network")
    before = layer_view.result
    window.form.field("out_channels").box.setValue(64)
    window.canvas_feed.flush()
    canvas.flush()
    assert layer_view.result is before  # not drawn while the network is shown alone
    assert any("55×55×64" in lb.text for lb in canvas.network_view.stage.labels.labels())
    canvas.set_view_mode("both")
    assert layer_view.result is window.doc.report.layers[0]
    assert layer_view.result.output_shape == (64, 55, 55)
    assert any("[64, 55, 55]" in line for line in layer_view.stage.caption.lines())
    assert any("55×55×64" in lb.text for lb in layer_view.stage.labels.labels())
