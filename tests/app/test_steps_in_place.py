"""The worked steps are rewritten in place after an edit (only the paragraphs that changed), and
the result is exactly what writing the whole text afresh gives."""

from __future__ import annotations

from PySide6.QtGui import QTextDocument

from convdesk.app.steps_panel import rewrite_changed_blocks


def _afresh(panel) -> str:
    """The panel's text written into a new document the way setHtml writes it."""
    fresh = QTextDocument()
    fresh.setDefaultFont(panel.document().defaultFont())
    fresh.setHtml(panel._html)
    return fresh.toHtml()


def test_edits_rewrite_the_steps_as_if_written_afresh(qtbot, window):
    window.files.open_preset("alexnet-2012", ask=False)
    window.session.select_named("conv1")
    steps = window.steps
    box = window.form.field("out_channels").box
    for value in (100, 7, 4096, 96):
        box.setValue(value)
        assert steps.toHtml() == _afresh(steps)
    assert "34,944" in steps.toPlainText()
    # Kernel wider than the padded input: the layer is in error, its steps in the error colour.
    window.session.set_value(0, "kernel_size", [240, 240])
    assert window.doc.report.layers[0].status == "error"
    assert steps.toHtml() == _afresh(steps)
    window.undo.undo()
    assert steps.toHtml() == _afresh(steps)
    assert "34,944" in steps.toPlainText()
    window.session.select_named("pool1")  # other steps altogether
    assert steps.toHtml() == _afresh(steps)


def test_only_the_changed_paragraphs_are_rewritten():
    document = QTextDocument()
    document.setHtml("<p><b>Output</b></p><p>55 × 55 × 96</p><p>34,944</p>")
    first = document.firstBlock()
    assert rewrite_changed_blocks(document, "<p><b>Output</b></p><p>55 × 55 × 7</p><p>34,944</p>")
    assert document.toPlainText() == "Output\n55 × 55 × 7\n34,944"
    assert document.firstBlock() == first and first.text() == "Output"
    # Another number of paragraphs is not rewritten in place.
    assert not rewrite_changed_blocks(document, "<p>one</p>")
    assert document.toPlainText() == "Output\n55 × 55 × 7\n34,944"
