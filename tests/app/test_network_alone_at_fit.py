"""The network alone in the real 1440×900 window: the side panels fold away so the figure has
a projector's room, they come back on leaving, and at Fit every preset keeps the legibility
rules (labels apart and inside the view, blocks of 4 px at least, connectors visible, shapes
under their blocks) at the canvas size the window really gives."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import QRectF

from convdesk.app.canvas_views import FOLDED_KEY
from convdesk.app.main_window import MainWindow
from convdesk.engine.presets import preset_keys

WINDOW = (1440, 900)


@pytest.fixture
def big_window(qtbot, window: MainWindow) -> MainWindow:
    window.resize(*WINDOW)
    qtbot.waitUntil(lambda: window.width() == WINDOW[0])
    return window


def show_network_alone(qtbot, win: MainWindow) -> None:
    win.canvas.set_view_mode("network")
    view = win.canvas.network_view
    qtbot.waitUntil(lambda: view.height() > 0.8 * win.canvas.height())


def test_the_network_alone_folds_the_side_panels_away_and_brings_them_back(qtbot, big_window):
    win = big_window
    before = {d: d.geometry() for d in (win.layers_dock, win.form_dock, win.steps_dock)}
    assert win.canvas.network_view.height() < 300  # beside the panels the figure has no room
    show_network_alone(qtbot, win)
    assert not any(d.isVisible() for d in before)
    view = win.canvas.network_view
    assert view.width() >= 0.95 * WINDOW[0] and view.height() >= 0.85 * WINDOW[1] - 50
    assert win.settings.value(FOLDED_KEY) == "layersDock,formDock,stepsDock"
    win.canvas.set_view_mode("layer")
    qtbot.waitUntil(lambda: all(d.isVisible() for d in before))
    qtbot.waitUntil(lambda: all(d.geometry() == r for d, r in before.items()))


def test_a_panel_closed_before_stays_closed_after_and_across_a_restart(qtbot, big_window):
    win = big_window
    win.steps_dock.close()
    show_network_alone(qtbot, win)
    assert win.settings.value(FOLDED_KEY) == "layersDock,formDock"
    win.undo.setClean()
    win.close()  # saves the panels as they are: folded
    again = MainWindow(win.settings)
    qtbot.add_widget(again)
    again.show()
    assert again.canvas.view_mode == "network"
    qtbot.waitUntil(lambda: again.canvas.network_view.isVisible())
    assert not again.form_dock.isVisible() and not again.steps_dock.isVisible()
    again.canvas.set_view_mode("both")
    qtbot.waitUntil(lambda: again.form_dock.isVisible() and again.layers_dock.isVisible())
    assert not again.steps_dock.isVisible()
    again.undo.setClean()
    again.close()


@pytest.mark.parametrize("key", preset_keys())
def test_every_preset_is_legible_at_fit_in_the_real_window(qtbot, big_window, key):
    win = big_window
    assert win.files.open_preset(key, ask=False)
    show_network_alone(qtbot, win)
    canvas = win.canvas
    canvas.fit()
    view = canvas.network_view
    stage = view.stage
    lay = view.layout_
    assert lay is not None
    stage.view.viewport().repaint()
    area = QRectF(stage.view.viewport().rect())
    assert area.width() > 1350 and area.height() > 700, (area.width(), area.height())
    # Pixels per model unit, as the view shows them (one scale on both axes).
    s = 1.0 / stage.box.viewPixelSize()[0]
    # No two labels overlap; every label lies wholly inside the view.
    rects = [r for _text, r in stage.labels.drawn]
    assert len(rects) >= 4
    for i, a in enumerate(rects):
        assert area.contains(a), (key, stage.labels.drawn[i][0])
        for b in rects[i + 1 :]:
            assert not a.intersects(b), key
    # Every block at least 4 px in each drawn dimension (the depth is drawn at half length).
    for b in lay.blocks:
        assert min(b.box.w, b.box.h, b.box.d * 0.5) * s >= 4, (key, b.title)
    # Every connector visible: each leg at least 4 px long.
    for poly in lay.connectors:
        for (x0, y0), (x1, y1) in itertools.pairwise(poly):
            assert max(abs(x1 - x0), abs(y1 - y0)) * s >= 4, key
    for x0, y0, x1, y1 in lay.links:
        assert max(abs(x1 - x0), abs(y1 - y0)) * s >= 4, key
    # Dimension labels sit under their block.
    where = {(lb.x, lb.y, lb.role): o for lb, o in zip(lay.labels, lay.owners, strict=True)}
    for label, (_text, r) in zip(stage.labels.drawn_labels, stage.labels.drawn, strict=True):
        if label.role != "edge":
            continue
        box = lay.blocks[where[(label.x, label.y, label.role)]].box
        x0, _top, x1, _bottom = box.bounds()
        left = stage.view_point(x0, box.y + box.h)
        right = stage.view_point(x1, box.y + box.h)
        assert r.top() >= left.y() - 1, (key, label.text)
        # Centred under it, or slid sideways (past a neighbour's) with its block's middle still
        # under the middle part of the text.
        front = (left.x() + right.x()) / 2
        slid = r.left() + 0.2 * r.width() - 1 <= front <= r.right() - 0.2 * r.width() + 1
        assert left.x() - 1 <= r.center().x() <= right.x() + 1 or slid, (key, label.text)
