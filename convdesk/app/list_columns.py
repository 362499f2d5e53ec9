"""Column widths of the layer list: numbers are never cut, names give way in the middle.

Type, shape, params and MACs take the width their contents need, measured again after every
edit; the name column takes what is left (its text elides in the middle, keeping the end of
"layer3.17.conv2" legible). When that leaves the name less than a short name (the layer panel at
its default width), the columns go compact: counts in their short form (37.8 M, the exact figure
in the tooltip), shapes without spaces (256×27×27), and the name narrows further. Only when even
that does not fit does the list scroll sideways, rather than cut a number.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import (
    QApplication,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
)

from convdesk.engine import numbers

from .layer_model import COLUMNS, MACS, NAME, PARAMS, SHAPE

LEAST_NAME = "conv1_1…"  # the name column is not narrower than this text while there is room
TIGHT_NAME = "conv…"  # nor narrower than this one in compact columns
COMPACT = (SHAPE, PARAMS, MACS)  # the columns with a compact form
FIT_SLACK_PX = 2
NEEDS_KEPT = 20000  # cell widths remembered (by column, text and font) before starting afresh

Index = QModelIndex | QPersistentModelIndex


def compact_text(index: Index) -> str | None:
    """A cell's compact form: a count's short form, a shape without spaces (None: none)."""
    column = index.column()
    text = index.data()
    if not isinstance(text, str):
        return None
    if column in (PARAMS, MACS):
        # Read back from the text: a count past 2^63 does not pass through a Qt role.
        digits = text.replace(",", "")
        return numbers.short(int(digits)) if digits.isdigit() else None
    if column == SHAPE:
        return text.replace(" × ", "×")
    return None


def shown_text(index: Index, metrics: QFontMetrics, room: int) -> str:
    """What a cell shows in `room` pixels: its text whole if it fits, else its compact form."""
    text = index.data()
    # A pixel or two to spare: Qt lays the text out in fractions of a pixel and elides it
    # when it is a hair too wide.
    if not isinstance(text, str) or metrics.horizontalAdvance(text) <= room - FIT_SLACK_PX:
        return "" if text is None else str(text)
    return compact_text(index) or text


def text_room(table: QTableView, column: int) -> int:
    """The pixels a cell's text has in `column` of `table` at its width now."""
    style = table.style()
    margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1
    return table.horizontalHeader().sectionSize(column) - 2 * margin


def shown_in(table: QTableView, index: Index) -> str:
    """What `table` shows in the cell at `index`, at its column's width now."""
    return shown_text(index, table.fontMetrics(), text_room(table, index.column()))


class CompactDelegate(QStyledItemDelegate):
    """Paints a cell whole, or its compact form when the column is too narrow for it."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        room = option.rect.width() - 2 * _text_margin(option)
        shown = shown_text(index, option.fontMetrics, room)
        if shown == index.data():
            super().paint(painter, option, index)  # it fits: Qt paints it as it is
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.textElideMode = Qt.TextElideMode.ElideNone
        opt.text = shown
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
        self._delegate = CompactDelegate(table)
        for column in COMPACT:
            table.setItemDelegateForColumn(column, self._delegate)
        table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._refit)
        # The width each cell of the measured columns needs, row by row, whole and compact: an
        # edit measures only the rows it changed (a whole ResNet-152 takes a few hundred ms).
        self._needs: dict[int, list[tuple[int, int]]] = {}
        self._changed: set[int] | None = None  # rows to measure again; None: all of them
        # The widths a cell's text needs, by column, text and font: an edit changes a few
        # numbers, and most cells of the rows it touches show the same text as before.
        self._need_of: dict[tuple[int, object, str | None], tuple[int, int]] = {}
        self._widths: dict[bool, dict[int, int]] = {False: {}, True: {}}  # by compactness
        self.compact: bool | None = None  # the columns are compact (None: not fitted yet)
        model = table.model()
        model.dataChanged.connect(self._on_data_changed)
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.rowsMoved):
            signal.connect(self._refit_all)
        self._viewport = table.viewport()
        self._viewport.installEventFilter(self)

    def fit(self) -> None:
        """Measure every column again (after a new font or a new network)."""
        self._changed = None
        self._need_of.clear()
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
            least = header.sectionSizeHint(column)
            for compact in (False, True):
                most = max((n[compact] for n in needs), default=0)
                slack = 0 if compact else FIT_SLACK_PX
                self._widths[compact][column] = max(most + grid + slack, least)
        self.compact = None
        self.fit_name()

    def _need(self, row: int, column: int) -> tuple[int, int]:
        """The width a cell needs whole, and in its compact form."""
        table = self.table
        index = table.model().index(row, column)
        text = index.data()
        font = index.data(Qt.ItemDataRole.FontRole)
        key = (column, text, font.key() if isinstance(font, QFont) else None)
        need = self._need_of.get(key)
        if need is None:
            if len(self._need_of) > NEEDS_KEPT:
                self._need_of.clear()
            need = self._need_of[key] = self._measure(index, text, font)
        return need

    def _measure(self, index: QModelIndex, text: object, font: object) -> tuple[int, int]:
        table = self.table
        whole = table.sizeHintForIndex(index).width()
        short = compact_text(index) if index.column() in COMPACT else None
        if short is None:
            return (whole, whole)
        metrics = QFontMetrics(font) if isinstance(font, QFont) else table.fontMetrics()
        margin = whole - metrics.horizontalAdvance(text if isinstance(text, str) else "")
        return (whole, min(whole, metrics.horizontalAdvance(short) + margin))

    def _least_name(self, text: str) -> int:
        table = self.table
        return table.fontMetrics().horizontalAdvance(text) + 8 + max(table.iconSize().width(), 0)

    def fit_name(self) -> None:
        """Whole or compact columns, whichever leaves the name a short name's width; the name
        column takes the width the other columns leave."""
        table = self.table
        header = table.horizontalHeader()
        room = table.viewport().width()
        whole = self._widths[False]
        compact = sum(whole.values()) + self._least_name(LEAST_NAME) > room
        if compact != self.compact:
            self.compact = compact
            for column, width in self._widths[compact].items():
                header.resizeSection(column, width)
        others = sum(header.sectionSize(c) for c in range(len(COLUMNS)) if c != NAME)
        least = self._least_name(TIGHT_NAME if compact else LEAST_NAME)
        header.resizeSection(NAME, max(room - others, least))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self._viewport:
            self.fit_name()
        return False
