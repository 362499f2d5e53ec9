"""The session's selection shown in the window: the list's row, the form, the worked steps,
the canvas and which edit actions apply.

The selection lives in the EditSession only; this follows its `selectionChanged`, and a new
current row in the list (a click, the arrow keys) is passed back to the session.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QObject

if TYPE_CHECKING:
    from .main_window import MainWindow


class SelectionView(QObject):
    """Shows `window.session`'s selection in the window's widgets."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        window.session.selectionChanged.connect(self.show)
        window.table.selectionModel().currentRowChanged.connect(self._on_current_row)

    def show(self, index: int | None) -> None:
        """Show layer `index` (None: no layer) in the list, the form, the steps and the canvas."""
        win = self._window
        n = len(win.doc.network.layers)
        if index is None:
            win.table.clearSelection()
            win.table.setCurrentIndex(QModelIndex())
        elif win.table.currentIndex().row() != index:
            win.table.selectRow(index)
            win.table.scrollTo(win.model.index(index, 0))
        win.form.show_layer(index)
        win.form_fit.schedule()
        win.steps.show_layer(index)
        # While a new report waits for the canvas, it shows this selection along with it.
        if not win.canvas_feed.pending:
            win.canvas.select_layer(index)
        has = index is not None
        actions = (win.duplicate_action, win.delete_action, win.rename_action)
        for action in (*actions, win.change_type_action):
            action.setEnabled(has)
        win.up_action.setEnabled(index is not None and index > 0)
        win.down_action.setEnabled(index is not None and index < n - 1)

    def shown(self) -> bool:
        """Whether the list's current row is the session's selection."""
        selected = self._window.session.selected
        return self._window.table.currentIndex().row() == (-1 if selected is None else selected)

    def _on_current_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._window.session.select(current.row() if current.isValid() else None)
