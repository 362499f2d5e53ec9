"""After an edit the layer view shows the scene its fit chose: the blocks drawn as far apart as
the fitted gaps say (the fit's own scene is reused, not built again), the same as building it
afresh for the shown layer."""

from __future__ import annotations

from convdesk.canvas import geometry as geo


def test_the_scene_shown_is_the_one_for_the_fitted_gaps(qtbot, window):
    window.resize(1440, 900)
    window.files.open_preset("alexnet-2012")
    window.session.select_named("conv1")
    window.canvas_feed.flush()
    view = window.canvas.layer_view
    gaps_seen = set()
    for channels in (96, 507, 8, 480, 96):  # many channels: the blocks drawn further apart
        window.session.set_value(window.session.selected, "out_channels", channels)
        window.canvas_feed.flush()
        assert view.result is not None and view.result.output_shape[0] == channels
        assert view.scene == geo.layer_scene(view.result, view.scale, view.gaps[0])
        gaps_seen.add(view.gaps)
    assert len(gaps_seen) > 1  # the fit changed the gaps on the way
