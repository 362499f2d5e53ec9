"""The worked-steps panel: the engine's Steps for the selected layer, as readable text."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QShowEvent,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import QTextBrowser, QWidget

from convdesk.engine import Step, explain

from .document import Document

_ERROR_COLOR = "#d33"
ROUND_UP_NOTE = "[ ] here means: round up to a whole number"
_INDENT = 12  # pixels: formula lines sit under their step's title
_HANG = 24  # pixels: how much further in a wrapped line's continuation starts


def steps_html(steps: list[Step]) -> str:
    """Titles in bold, formula lines in a fixed-width font so their columns line up.

    Each line is its own paragraph with a hanging indent: when the panel is narrow (a projector
    at high zoom) a long line wraps, and its continuation sits further in than the next line.
    """
    return "\n".join(steps_paragraphs(steps))


def steps_paragraphs(steps: list[Step]) -> list[str]:
    """The paragraphs of steps_html, one string each."""
    import html  # loaded with the first steps shown, not before the window's first paint

    parts = []
    brackets_told = False
    for step in steps:
        color = f"color: {_ERROR_COLOR}; " if step.error else ""
        parts.append(f'<p style="{color}margin-bottom: 2px"><b>{html.escape(step.title)}</b></p>')
        style = (
            f"{color}font-family: monospace; margin-top: 0px; margin-bottom: 0px; "
            f"margin-left: {_INDENT + _HANG}px; text-indent: -{_HANG}px"
        )
        for line in step.lines:
            text = html.escape(line).replace("  ", "&nbsp;&nbsp;")
            parts.append(f'<p style="{style}">{text}</p>')
            if not brackets_told and "[(" in line:
                # The article's brackets are not the usual rounding: say so where they first appear.
                brackets_told = True
                parts.append(f'<p style="{style}"><i>{ROUND_UP_NOTE}</i></p>')
        if step.lines:
            parts.append('<p style="margin-top: 0px; margin-bottom: 4px"></p>')
    return parts


class StepsPanel(QTextBrowser):
    """Shows how the engine arrived at the selected layer's numbers."""

    def __init__(self, doc: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._doc = doc
        self._index: int | None = None
        self._html = ""
        self._paragraphs: list[str] = []  # what _html is made of, one paragraph each
        self.setOpenExternalLinks(False)
        self.setOpenLinks(False)
        # Wrap at the panel's width, even inside a long name with no space in it, so the steps
        # never need scrolling sideways at a projector's zoom.
        self.setLineWrapMode(QTextBrowser.LineWrapMode.WidgetWidth)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.document().setUndoRedoEnabled(False)  # rewritten in place at every edit
        self._behind = False  # edits came while the panel was closed: written when shown
        self.show_layer(None)

    def show_layer(self, index: int | None) -> None:
        self._index = index
        self.refresh()

    def refresh(self) -> None:
        window = self.window()
        if window is not self and not self.isVisibleTo(window):
            # A closed panel is not written at every edit; showEvent catches up.
            self._behind = True
            return
        self._behind = False
        doc = self._doc
        index = self._index
        if not doc.network.layers:
            self._show(
                "<p>This network has no layers yet. Add one with <b>Add</b> above the list "
                "(Edit → Add Layer, or Ctrl+Shift+A to type its type), or open a shipped "
                "network with File → Open Preset (Ctrl+Shift+O). If the list is not shown, "
                "View → Reset Layout brings it back.</p>"
            )
            return
        if index is None or not 0 <= index < len(doc.network.layers):
            self._show(
                "<p>Select a layer to see how its output size, parameters and "
                "multiply-accumulates are worked out.</p>"
            )
            return
        self._show_paragraphs(steps_paragraphs(explain(doc.network, doc.report, index)))

    def showEvent(self, event: QShowEvent) -> None:
        if self._behind:
            self.refresh()
        super().showEvent(event)

    def _show(self, text: str) -> None:
        self._show_paragraphs([text])

    def _show_paragraphs(self, paragraphs: list[str]) -> None:
        # Laying the text out again is the costly part: skip it when nothing changed (an edit
        # elsewhere in the network), and keep the reader's place when it did.
        text = "\n".join(paragraphs)
        if text == self._html:
            return
        before, self._paragraphs = self._paragraphs, paragraphs
        self._html = text
        scroll = self.verticalScrollBar().value()
        document = self.document()
        if not (
            rewrite_changed_paragraphs(document, before, paragraphs)
            or rewrite_changed_blocks(document, text)
        ):
            self.setHtml(text)
        self.verticalScrollBar().setValue(scroll)


def rewrite_changed_paragraphs(
    document: QTextDocument, before: list[str], after: list[str]
) -> bool:
    """Make `document`, written from the paragraphs `before`, what setHtml of the paragraphs
    `after` would make it, parsing only the paragraphs that changed; False (nothing done) when
    they are not as many, or a changed one has another opening tag (its own format) or is
    empty, or the document's blocks are not what `before` wrote.

    An edit changes a few numbers of the worked steps: parsing only their paragraphs spares
    parsing and comparing all the others (see rewrite_changed_blocks).
    """
    if len(before) != len(after):
        return False
    changed = [i for i, (old, new) in enumerate(zip(before, after, strict=True)) if old != new]
    for i in changed:
        if _opening(before[i]) != _opening(after[i]) or _empty(before[i]) or _empty(after[i]):
            return False
    # A paragraph with text is a block; an empty one (a gap between two steps) adds its margin
    # to the next, or ends the document with an empty block.
    kept = [i for i, paragraph in enumerate(before) if not _empty(paragraph)]
    if document.blockCount() not in (len(kept), len(kept) + 1):
        return False
    block_of = {i: n for n, i in enumerate(kept)}
    parsed = QTextDocument()
    parsed.setDefaultFont(document.defaultFont())
    parsed.setDefaultStyleSheet(document.defaultStyleSheet())
    parsed.setHtml("\n".join([before[i] for i in changed] + [after[i] for i in changed]))
    if parsed.blockCount() != 2 * len(changed):
        return False
    was = parsed.begin()
    now = parsed.findBlockByNumber(len(changed))
    edits = []
    for i in changed:
        # The block is the paragraph's as `before` wrote it, and keeps its format.
        block = document.findBlockByNumber(block_of[i])
        if block.charFormat() != now.charFormat() or _fragments(block) != _fragments(was):
            return False
        edits.append((block.position(), block.length() - 1, _fragments(now)))
        was, now = was.next(), now.next()
    _rewrite(document, edits)
    return True


def _opening(paragraph: str) -> str:
    """A paragraph's opening tag, which sets its block's format: `<p style="...">`."""
    return paragraph[: paragraph.find(">") + 1]


def _empty(paragraph: str) -> bool:
    return paragraph == _opening(paragraph) + "</p>"


def rewrite_changed_blocks(document: QTextDocument, text: str) -> bool:
    """Make `document` what setHtml(text) would make it by rewriting only the paragraphs whose
    text or character formats changed; False (nothing done) when the paragraphs themselves
    differ in number or in their own formats.

    An edit changes a few numbers of the worked steps: the other paragraphs keep their layout,
    which is most of what setHtml costs.
    """
    parsed = QTextDocument()
    parsed.setDefaultFont(document.defaultFont())
    parsed.setDefaultStyleSheet(document.defaultStyleSheet())
    parsed.setHtml(text)
    if parsed.blockCount() != document.blockCount():
        return False
    if parsed.rootFrame().frameFormat() != document.rootFrame().frameFormat():
        return False
    changed = []
    old, new = document.begin(), parsed.begin()
    while old.isValid():
        if old.blockFormat() != new.blockFormat() or old.charFormat() != new.charFormat():
            return False
        fragments = _fragments(new)
        if _fragments(old) != fragments:
            changed.append((old.position(), old.length() - 1, fragments))
        old, new = old.next(), new.next()
    _rewrite(document, changed)
    return True


def _rewrite(
    document: QTextDocument, edits: list[tuple[int, int, list[tuple[str, QTextCharFormat]]]]
) -> None:
    """Put each run of fragments in place of the text at (position, length), in one edit."""
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    for position, length, fragments in reversed(edits):  # later ones first: positions hold
        cursor.setPosition(position)
        cursor.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        for part, char_format in fragments:
            cursor.insertText(part, char_format)
    cursor.endEditBlock()


def _fragments(block: QTextBlock) -> list[tuple[str, QTextCharFormat]]:
    """A paragraph's runs of text, each with its character format."""
    runs = []
    it = block.begin()
    while not it.atEnd():
        fragment = it.fragment()
        if fragment.isValid():
            runs.append((fragment.text(), fragment.charFormat()))
        it += 1
    return runs
