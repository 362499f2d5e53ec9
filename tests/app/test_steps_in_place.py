"""The worked steps are rewritten in place after an edit (only the paragraphs that changed), and
the result is exactly what writing the whole text afresh gives."""

from __future__ import annotations

from PySide6.QtGui import QTextDocument

from convdesk.app.steps_panel import rewrite_changed_blocks, rewrite_changed_paragraphs


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


def test_an_edit_parses_only_the_changed_paragraphs(qtbot, window, monkeypatch):
    """Changing conv1's kernels changes a few numbers: only their paragraphs are parsed (the
    whole text is not), and the document is still what writing it afresh gives."""
    from convdesk.app import steps_panel

    window.files.open_preset("alexnet-2012", ask=False)
    window.session.select_named("conv1")
    steps = window.steps
    parsed: list[str] = []
    whole = steps_panel.rewrite_changed_blocks
    monkeypatch.setattr(
        steps_panel,
        "rewrite_changed_blocks",
        lambda document, text: parsed.append(text) or whole(document, text),
    )
    box = window.form.field("out_channels").box
    for value in (100, 7, 4096, 96, 95):
        before = steps.toPlainText()
        box.setValue(value)
        assert steps.toPlainText() != before
        assert steps.toHtml() == _afresh(steps)
    assert parsed == []
    # A paragraph whose own format changes (the error colour) is written by the other ways.
    window.session.set_value(0, "kernel_size", [240, 240])
    assert steps.toHtml() == _afresh(steps)
    assert parsed


def test_changed_paragraphs_are_rewritten_as_setHtml_writes_them():
    before = [
        '<p style="margin-bottom: 2px"><b>Output</b></p>',
        "<p>55 × 55 × 96</p>",
        "<p>34,944</p>",
    ]
    after = [before[0], "<p>55 × 55 × <i>7</i></p>", "<p>34,944</p>"]
    document = QTextDocument()
    document.setHtml("\n".join(before))
    first = document.firstBlock()
    assert rewrite_changed_paragraphs(document, before, after)
    fresh = QTextDocument()
    fresh.setHtml("\n".join(after))
    assert document.toHtml() == fresh.toHtml()
    assert document.firstBlock() == first
    # Another opening tag (another block format), or another number of paragraphs: not here.
    assert not rewrite_changed_paragraphs(
        document, after, [before[0], '<p align="right">7</p>', after[2]]
    )
    assert not rewrite_changed_paragraphs(document, after, after[:2])
    assert document.toHtml() == fresh.toHtml()
