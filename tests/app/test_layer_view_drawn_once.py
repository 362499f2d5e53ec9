"""An edit draws the layer view's still picture and kernel once, with the room the fit chose
(the fit comes first), and what is shown is what fitting the shown picture again keeps."""

from __future__ import annotations

from convdesk.canvas import geometry as geo


def test_an_edit_draws_the_picture_once_with_the_fitted_gaps(qtbot, window, monkeypatch):
    window.resize(1440, 900)
    window.files.open_preset("alexnet-2012")
    window.session.select_named("conv1")
    window.canvas_feed.flush()
    view = window.canvas.layer_view
    drawn: list[str] = []
    for item, name in ((view.still, "still"), (view.moving, "kernel")):
        real = item.set_shapes
        monkeypatch.setattr(
            item, "set_shapes", lambda *a, _r=real, _n=name, **k: (drawn.append(_n), _r(*a, **k))
        )
    gaps_seen = set()
    for channels in (507, 8, 480, 96):  # many channels: the blocks drawn further apart
        drawn.clear()
        window.session.set_value(window.session.selected, "out_channels", channels)
        window.canvas_feed.flush()
        assert view.result is not None and view.result.output_shape[0] == channels
        assert sorted(drawn) == ["kernel", "still"]
        assert view.scene == geo.layer_scene(view.result, view.scale, view.gaps[0])
        shown = (view.gaps, view.variant, view.stage.box.viewRange())
        view.fit()  # fitted again as it is: nothing to change, nothing drawn
        assert (view.gaps, view.variant, view.stage.box.viewRange()) == shown
        assert sorted(drawn) == ["kernel", "still"]
        gaps_seen.add(view.gaps)
    assert len(gaps_seen) > 1  # the fit changed the gaps on the way


def test_a_shown_layer_is_not_fitted_again_but_a_moved_kernel_is(qtbot, window):
    window.resize(1440, 900)
    window.files.open_preset("alexnet-2012")
    window.session.select_named("conv1")
    window.canvas_feed.flush()
    view = window.canvas.layer_view
    qtbot.waitUntil(lambda: not view._refit.isActive())
    fits: list[int] = []
    real = view.fit
    view._refit.timeout.disconnect()
    view._refit.timeout.connect(lambda: (fits.append(1), real()))
    window.session.set_value(window.session.selected, "stride", 2)
    window.canvas_feed.flush()
    assert not view._refit.isActive()  # the edit's fit is the only one
    window.session.select_named("conv2")
    window.canvas_feed.flush()
    assert not view._refit.isActive()
    view.controls.set_step(40)  # the kernel moved by hand: its name may need another place
    assert view._refit.isActive()
    qtbot.waitUntil(lambda: fits == [1])
