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
        self._timer.timeout.connect(self.fit)
        model = table.model()
        model.dataChanged.connect(self._timer.start)
        model.modelReset.connect(self._timer.start)
        model.rowsInserted.connect(self._timer.start)
        model.rowsRemoved.connect(self._timer.start)
        self._viewport = table.viewport()
        self._viewport.installEventFilter(self)
        table.verticalScrollBar().valueChanged.connect(self._timer.start)  # rows come into view

    def fit(self) -> None:
        """Measure every column again (after an edit, a new font, a new network or a scroll):
        each number column as wide as the widest text among the rows in view."""
        self._timer.stop()
        table = self.table
        metrics = table.fontMetrics()
        table.verticalHeader().setDefaultSectionSize(metrics.height() + 8)
        model = table.model()
        first = max(table.rowAt(0), 0)
        last = table.rowAt(table.viewport().height() - 1)
        last = model.rowCount() - 1 if last < 0 else last
        header = table.horizontalHeader()
        # Qt's item margins, and a little more for an italic ("unknown") row.
        pad = 2 * (table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1) + 6
        for column in range(1, len(COLUMNS)):
            texts = (model.index(row, column).data() for row in range(first, last + 1))
            widest = max((metrics.horizontalAdvance(t) for t in texts if t), default=0)
            header.resizeSection(column, max(widest + pad, header.sectionSizeHint(column)))
        self.fit_name()

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
