"""The layer list's column widths after edits are those a fresh measure of every cell gives:
widths remembered by text and font (so an edit measures only what it changed) never leave a
column too narrow or too wide for what it shows, in any font or zoom."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from convdesk.app.layer_model import COLUMNS
from tests.qt_wait import settle


def _widths(window) -> list[int]:
    QApplication.processEvents()  # the fitter measures on the next turn of the event loop
    header = window.table.horizontalHeader()
    return [header.sectionSize(c) for c in range(len(COLUMNS))]


def _measured_afresh(window) -> list[int]:
    window.columns._need_of.clear()  # nothing remembered: every cell measured
    window.columns.fit()
    return _widths(window)


def _settled(qtbot, window) -> None:
    window.resize(1440, 900)
    qtbot.waitUntil(lambda: window.width() == 1440)
    settle(window)


def test_widths_follow_edits_as_a_fresh_measure_gives(qtbot, window):
    window.files.open_preset("alexnet-2012")
    _settled(qtbot, window)
    conv1 = window.session.network.index_of("conv1")
    # Counts of 1 to 11 digits in the rows after conv1, and an error (the rows after it unknown,
    # in italics) and back.
    seen = set()
    for channels in (1, 96, 4096, 3, 60000, 96):
        window.session.set_value(conv1, "out_channels", channels)
        after_edit = _widths(window)
        assert after_edit == _measured_afresh(window), channels
        seen.add(tuple(after_edit))
    assert len(seen) > 1  # the edits changed the widths
    window.session.set_value(conv1, "kernel_size", 999)
    assert window.doc.report.layers[conv1].error
    after_edit = _widths(window)
    assert after_edit == _measured_afresh(window)
    window.undo.undo()
    after_edit = _widths(window)
    assert after_edit == _measured_afresh(window)


def test_widths_follow_the_zoom(qtbot, window):
    window.files.open_preset("alexnet-2012")
    _settled(qtbot, window)
    before = _widths(window)
    window.view_settings.set_zoom(2.0)
    _settled(qtbot, window)
    zoomed = _widths(window)
    assert zoomed != before
    assert zoomed == _measured_afresh(window)
    window.view_settings.set_zoom(1.0)
    _settled(qtbot, window)
    assert _widths(window) == _measured_afresh(window)
