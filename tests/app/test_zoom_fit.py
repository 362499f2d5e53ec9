"""At a projector's zoom the layer settings widen to fit their rows instead of scrolling
sideways (as far as the window has room: the canvas gives way first)."""

from __future__ import annotations

from tests.qt_wait import settle


def test_layer_settings_fit_at_150_percent(qtbot, window):
    window.files.open_preset("alexnet-2012")
    window.session.select(0)  # conv1: the widest form, with per-dimension buttons
    window.view_settings.set_zoom(1.5)
    scroll = window.form_dock.widget()

    def fits() -> bool:
        return scroll.viewport().width() >= window.form.minimumSizeHint().width()

    # The rows learn their zoomed width once the new font is polished: wait for that first,
    # or an old, small minimum would fit at once.
    qtbot.waitUntil(lambda: window.form.minimumSizeHint().width() > 400, timeout=2000)
    qtbot.waitUntil(fits, timeout=2000)
    assert scroll.horizontalScrollBar().maximum() == 0
    # A narrower form shown next does not shrink the dock back under the wider one's rows.
    window.session.select(1)
    window.session.select(0)
    settle(window)
    qtbot.waitUntil(fits, timeout=2000)
    assert scroll.horizontalScrollBar().maximum() == 0
