"""The type palette: Ctrl+Shift+A (or "/" in the layer list), type "conv2", Enter.

It adds a layer of the chosen type after the selection and puts the keyboard in the new
layer's first required setting, so a network can be typed in without the mouse.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QFrame, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget
from shiboken6 import isValid

from convdesk.engine import LAYER_TYPES

SHORTCUT = "Ctrl+Shift+A"
LIST_KEY = Qt.Key.Key_Slash  # pressed in the layer list


def matches(text: str, names: list[str] | None = None) -> list[str]:
    """Type names for `text`, best first: names that start with it, then names holding it,
    then names holding its letters in order ("c2d" finds Conv2d). Case does not matter."""
    names = list(LAYER_TYPES) if names is None else names
    needle = text.strip().lower()
    if not needle:
        return names
    starts = [n for n in names if n.lower().startswith(needle)]
    holds = [n for n in names if needle in n.lower() and n not in starts]

    def in_order(name: str) -> bool:
        rest = iter(name.lower())
        return all(ch in rest for ch in needle)

    spread = [n for n in names if n not in starts and n not in holds and in_order(n)]
    return starts + holds + spread


class TypePalette(QFrame):
    """A small pop-up: a line to type in and the matching types; emits chosen(type name)."""

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText("Layer type, e.g. conv2 — Enter adds it")
        self.edit.setAccessibleName("Layer type")
        self.list = QListWidget()
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys stay in the line
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.edit)
        layout.addWidget(self.list)
        self.edit.textChanged.connect(self._filter)
        self.edit.returnPressed.connect(self.choose)
        self.list.itemActivated.connect(self._on_item)
        self.edit.installEventFilter(self)
        self._filter("")

    def open_over(self, widget: QWidget) -> None:
        """Show the palette over the top middle of `widget`, empty, ready for typing."""
        self.edit.clear()
        width = max(widget.width() // 3, self.edit.fontMetrics().horizontalAdvance("M" * 28))
        self.resize(width, widget.height() // 2)
        top_left = widget.mapToGlobal(widget.rect().topLeft())
        self.move(top_left.x() + (widget.width() - width) // 2, top_left.y() + 60)
        self.show()
        self.raise_()
        self.activateWindow()
        self.edit.setFocus()

    def _filter(self, text: str) -> None:
        self.list.clear()
        for name in matches(text):
            item = QListWidgetItem(name)
            item.setToolTip(LAYER_TYPES[name].summary)
            self.list.addItem(item)
        self.list.setCurrentRow(0)

    def choose(self) -> None:
        """Add the highlighted type (the best match)."""
        item = self.list.currentItem()
        if item is None:
            return
        self.hide()
        self.chosen.emit(item.text())

    def _on_item(self, item: QListWidgetItem) -> None:
        self.list.setCurrentItem(item)
        self.choose()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and isinstance(event, QKeyEvent):
            if event.type() != QEvent.Type.KeyPress:
                return False
            step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1}.get(Qt.Key(event.key()))
            if step is not None and self.list.count():
                row = (self.list.currentRow() + step) % self.list.count()
                self.list.setCurrentRow(row)
                return True
        return False


class TypePaletteOpener(QObject):
    """Installs the palette in the main window: the action, "/" in the list, and what follows
    a choice (the layer is added, the keyboard goes to its first required setting)."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self._palette: TypePalette | None = None
        self.action = QAction("Add Layer by &Name…", window)
        self.action.setShortcut(QKeySequence(SHORTCUT))
        self.action.setStatusTip("Type a layer type's name (or part of it) and press Enter")
        self.action.triggered.connect(self.open)
        window.addAction(self.action)
        window.table.installEventFilter(self)

    @property
    def palette(self) -> TypePalette:
        """The pop-up, made when first opened."""
        if self._palette is None:
            self._palette = TypePalette(self.window)
            self._palette.chosen.connect(self.add)
        return self._palette

    def open(self) -> None:
        self.palette.open_over(self.window)

    def add(self, layer_type: str) -> None:
        """Add `layer_type` after the selection and focus its first required setting."""
        win = self.window
        win.session.add(layer_type)
        win.form_dock.show()
        win.form_dock.raise_()
        required = [k.name for k in LAYER_TYPES[layer_type].keys if k.required]
        target = win.form.field(required[0]).focus_widget() if required else win.form.name_edit
        # After the pop-up has handed the focus back to where it was, which Qt does next.
        QTimer.singleShot(0, partial(self._focus, target))

    @staticmethod
    def _focus(target: QWidget | None) -> None:
        if target is not None and isValid(target):  # the form may have been rebuilt since
            target.setFocus(Qt.FocusReason.ShortcutFocusReason)
            select_all = getattr(target, "selectAll", None)
            if select_all is not None:
                select_all()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self.window.table or not isinstance(event, QKeyEvent):
            return False
        if event.type() == QEvent.Type.KeyPress and event.key() == LIST_KEY:
            self.open()
            return True
        return False
