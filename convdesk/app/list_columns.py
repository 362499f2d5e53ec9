"""Column widths of the layer list: numbers are never cut, names give way in the middle.

Type, shape, params and MACs take the width their contents need, measured again after every
edit; the name column takes what is left (its text elides in the middle, keeping the end of
"layer3.17.conv2" legible) and never less than a short name. When the list is narrower than
that, it scrolls sideways rather than cut a number. A number column narrowed by hand shows the
short form (1.2 G) instead of a cut one; the exact figure is in its tooltip.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QApplication,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
)

from convdesk.engine import numbers

from .layer_model import COLUMNS, MACS, NAME, PARAMS, RAW_ROLE

LEAST_NAME = "conv1_1…"  # the name column is never narrower than this text


class NumberDelegate(QStyledItemDelegate):
    """Paints a count whole, or its short form when the column is too narrow for it."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        text = index.data()
        room = option.rect.width() - 2 * _text_margin(option)
        if not isinstance(text, str) or option.fontMetrics.horizontalAdvance(text) <= room:
            super().paint(painter, option, index)  # it fits: Qt paints it as it is
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.textElideMode = Qt.TextElideMode.ElideNone
        raw = index.data(RAW_ROLE)
        if isinstance(raw, int):
            opt.text = numbers.short(raw)
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)


def _text_margin(option: QStyleOptionViewItem) -> int:
    style = option.widget.style() if option.widget is not None else None
    if style is None:
        return 3
    return style.pixelMetric(style.PixelMetric.PM_FocusFrameHMargin, None, option.widget) + 1


class ColumnFitter(QObject):
    """Keeps `table`'s columns fitted to their contents and to the table's width."""

    def __init__(self, table: QTableView) -> None:
        super().__init__(table)
        self.table = table
        self._delegate = NumberDelegate(table)
        for column in (PARAMS, MACS):
            table.setItemDelegateForColumn(column, self._delegate)
        table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._refit)
        # The width each cell of the measured columns needs, row by row: an edit measures only
        # the rows it changed (a whole ResNet-152 takes a few hundred ms to measure).
        self._needs: dict[int, list[int]] = {}
        self._changed: set[int] | None = None  # rows to measure again; None: all of them
        model = table.model()
        model.dataChanged.connect(self._on_data_changed)
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.rowsMoved):
            signal.connect(self._refit_all)
        self._viewport = table.viewport()
        self._viewport.installEventFilter(self)

    def fit(self) -> None:
        """Measure every column again (after a new font or a new network)."""
        self._changed = None
        self._refit()

    def _refit_all(self) -> None:
        self._changed = None
        self._timer.start()

    def _on_data_changed(self, top: QModelIndex, bottom: QModelIndex) -> None:
        if self._changed is not None:
            self._changed.update(range(top.row(), bottom.row() + 1))
        self._timer.start()

    def _refit(self) -> None:
        self._timer.stop()
        table = self.table
        model = table.model()
        rows = model.rowCount()
        changed, self._changed = self._changed, set()
        full = changed is None or any(len(n) != rows for n in self._needs.values())
        if full:
            table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
        if not full and not changed:
            return
        header = table.horizontalHeader()
        grid = 1 if table.showGrid() else 0  # as QTableView.sizeHintForColumn counts it
        for column in range(1, len(COLUMNS)):
            needs = self._needs.setdefault(column, [])
            if full:
                needs[:] = [self._need(row, column) for row in range(rows)]
            else:
                for row in changed or ():
                    if 0 <= row < rows:
                        needs[row] = self._need(row, column)
            need = max(max(needs, default=0) + grid, header.sectionSizeHint(column))
            header.resizeSection(column, need)
        self.fit_name()

    def _need(self, row: int, column: int) -> int:
        return self.table.sizeHintForIndex(self.table.model().index(row, column)).width()

    def fit_name(self) -> None:
        """The name column takes the width the other columns leave."""
        table = self.table
        header = table.horizontalHeader()
        others = sum(header.sectionSize(c) for c in range(len(COLUMNS)) if c != NAME)
        least = table.fontMetrics().horizontalAdvance(LEAST_NAME) + 8
        least += table.iconSize().width()
        header.resizeSection(NAME, max(table.viewport().width() - others, least))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self._viewport:
            self.fit_name()
        return False
