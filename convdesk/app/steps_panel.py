"""The worked-steps panel: the engine's Steps for the selected layer, as readable text."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QTextBrowser, QWidget

from convdesk.engine import Step, explain

from .document import Document

_ERROR_COLOR = "#d33"


def steps_html(steps: list[Step]) -> str:
    """Titles in bold, formula lines in a fixed-width font so their columns line up."""
    parts = []
    for step in steps:
        color = f"color: {_ERROR_COLOR}; " if step.error else ""
        parts.append(f'<p style="{color}margin-bottom: 2px"><b>{html.escape(step.title)}</b></p>')
        if step.lines:
            body = "<br>".join(
                html.escape(line).replace("  ", "&nbsp;&nbsp;") for line in step.lines
            )
            style = f"{color}font-family: monospace; margin-left: 12px; margin-top: 0px"
            parts.append(f'<p style="{style}">{body}</p>')
    return "\n".join(parts)


class StepsPanel(QTextBrowser):
    """Shows how the engine arrived at the selected layer's numbers."""

    def __init__(self, doc: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._doc = doc
        self._index: int | None = None
        self._html = ""
        self.setOpenExternalLinks(False)
        self.setOpenLinks(False)
        self.show_layer(None)

    def show_layer(self, index: int | None) -> None:
        self._index = index
        self.refresh()

    def refresh(self) -> None:
        doc = self._doc
        index = self._index
        if not doc.network.layers:
            self._show(
                "<p>This network has no layers yet. Add one with <b>Add</b> above the list "
                "(Edit → Add Layer), or open a shipped network with File → Open Preset "
                "(Ctrl+Shift+O).</p>"
            )
            return
        if index is None or not 0 <= index < len(doc.network.layers):
            self._show(
                "<p>Select a layer to see how its output size, parameters and "
                "multiply-accumulates are worked out.</p>"
            )
            return
        self._show(steps_html(explain(doc.network, doc.report, index)))

    def _show(self, text: str) -> None:
        # Laying the text out again is the costly part: skip it when nothing changed (an edit
        # elsewhere in the network), and keep the reader's place when it did.
        if text == self._html:
            return
        self._html = text
        scroll = self.verticalScrollBar().value()
        self.setHtml(text)
        self.verticalScrollBar().setValue(scroll)
