"""The network figure is not laid out while the layer is shown alone; shown again, it draws the
last report exactly as if it had followed every edit."""

from __future__ import annotations

from convdesk.canvas import geometry as geo


def test_the_hidden_network_figure_catches_up_when_shown(qtbot, window):
    window.files.open_preset("alexnet-2012", ask=False)
    window.session.select_named("conv1")
    window.canvas_feed.flush()
    canvas = window.canvas
    view = canvas.network_view
    canvas.set_view_mode("layer")
    before = view.layout_
    window.form.field("out_channels").box.setValue(64)
    window.canvas_feed.flush()
    assert window.doc.report.layers[0].output_shape[0] == 64
    assert view.layout_ is before  # not laid out while hidden
    canvas.set_view_mode("both")
    o = view.options
    fresh = geo.network_layout(window.doc.report, o.scale, o.fold, o.collapse, o.expanded)
    assert view.report is window.doc.report
    assert view.layout_ == fresh
    assert view.layout_ != before
    assert view.selected == window.session.selected == 0
