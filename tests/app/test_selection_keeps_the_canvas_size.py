"""Selecting a layer without a sliding window after one with it (a merge after a convolution)
leaves the layer view its size: the stride, pad and dil boxes beside the animation hide without
giving their row back, so the picture is fitted once, not again for a new size."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication


def test_a_merge_after_a_convolution_keeps_the_layer_views_size(window, qtbot):
    window.resize(1440, 900)
    window.files.open_preset("resnet18-torchvision")
    window.canvas_feed.flush()
    view = window.canvas.layer_view
    names = ("layer1.0.conv1", "layer1.0.add", "layer1.0.conv2", "fc", "layer2.0.conv1")
    # A first round: the settings dock widens once to the widest form (the merge's list of
    # earlier layers) and keeps that width.
    for name in names:
        window.session.select_named(name)
        QApplication.processEvents()
    qtbot.waitUntil(lambda: not view._refit.isActive())
    size = view.stage.view.size()
    for name in names:
        window.session.select_named(name)
        QApplication.processEvents()
        editors_shown = view.editors.isVisibleTo(view)
        assert editors_shown == name.split(".")[-1].startswith("conv"), name
        assert view.stage.view.size() == size, name
        assert not view._refit.isActive(), name  # no new size: no second fit
